package statements

import (
	"fmt"

	"github.com/workbench-dev/workbench/internal/model"
	"github.com/workbench-dev/workbench/internal/ui/common"
)

func (m *Model) toggleMark(r Row) {
	if r.ID == "" {
		return
	}
	if _, ok := m.marked[r.ID]; ok {
		delete(m.marked, r.ID)
		for i, id := range m.order {
			if id == r.ID {
				m.order = append(m.order[:i], m.order[i+1:]...)
				break
			}
		}
		return
	}
	m.marked[r.ID] = r
	m.order = append(m.order, r.ID)
}

// Mark marks rows (ctrl+a, once confirmed).
func (m *Model) Mark(rows []Row) {
	for _, r := range rows {
		if _, ok := m.marked[r.ID]; !ok && r.ID != "" {
			m.marked[r.ID] = r
			m.order = append(m.order, r.ID)
		}
	}
}

// RowsOf turns statement hits into rows (for marking all matching
// statements).
func RowsOf(hs []model.StatementHit) []Row {
	out := make([]Row, len(hs))
	for i, h := range hs {
		out[i] = rowOf(h.Statement, h.Title, nil)
	}
	return out
}

// Taggable are the rows shown that can be tagged (not the orphaned
// corrections).
func (m *Model) Taggable() []Row {
	var out []Row
	for _, r := range m.shown {
		if r.Kind != KindOrphan {
			out = append(out, r)
		}
	}
	return out
}

// ClearMarks unmarks every row.
func (m *Model) ClearMarks() {
	m.marked = map[string]Row{}
	m.order = nil
}

// Marked returns the marked rows in the order they were marked.
func (m *Model) Marked() []Row {
	out := make([]Row, 0, len(m.order))
	for _, id := range m.order {
		out = append(out, m.marked[id])
	}
	return out
}

// Input is the tag of a row with a label: a quote by its id, a turn or a
// span by its document and span.
func (r Row) Input(label string) model.TagInput {
	return model.TagInput{DocID: r.DocID, QuoteID: r.QuoteID(), Start: r.Start, End: r.End, Label: label}
}

// tag tags the current row with the label on key k, or every marked row
// (one undo step).
func (m *Model) tag(k string) common.Intent {
	l, ok := m.c.LabelByKey(k)
	if !ok {
		return common.StatusMsg{Text: fmt.Sprintf("no codebook label on key %s", k), Err: true}
	}
	if len(m.marked) > 0 {
		var ins []model.TagInput
		for _, r := range m.Marked() {
			ins = append(ins, r.Input(l.Name))
		}
		return common.BulkTagMsg{Inputs: ins, Label: l.Name}
	}
	if m.cursor >= len(m.shown) {
		return common.StatusMsg{Text: "no statement to tag here", Err: false}
	}
	return common.ToggleTagMsg{Input: m.shown[m.cursor].Input(l.Name)}
}
