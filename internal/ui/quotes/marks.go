package quotes

import (
	"fmt"

	"github.com/workbench-dev/workbench/internal/model"
	"github.com/workbench-dev/workbench/internal/ui/common"
)

func (m *Model) toggleMark(r Row) {
	if r.QuoteID == "" {
		return
	}
	if _, ok := m.marked[r.QuoteID]; ok {
		delete(m.marked, r.QuoteID)
		for i, id := range m.order {
			if id == r.QuoteID {
				m.order = append(m.order[:i], m.order[i+1:]...)
				break
			}
		}
		return
	}
	m.marked[r.QuoteID] = r
	m.order = append(m.order, r.QuoteID)
}

// Mark marks rows (ctrl+a, once confirmed).
func (m *Model) Mark(rows []Row) {
	for _, r := range rows {
		if _, ok := m.marked[r.QuoteID]; !ok && r.QuoteID != "" {
			m.marked[r.QuoteID] = r
			m.order = append(m.order, r.QuoteID)
		}
	}
}

// RowsOf turns quote hits into rows (for marking all matching quotes).
func RowsOf(qs []model.QuoteHit) []Row {
	out := make([]Row, len(qs))
	for i, q := range qs {
		out[i] = Row{DocID: q.DocID, QuoteID: q.ID, Speaker: q.Speaker, Text: q.Text, Title: q.Title, Start: q.Start, End: q.End}
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
			ins = append(ins, model.TagInput{DocID: r.DocID, QuoteID: r.QuoteID, Start: r.Start, End: r.End, Label: l.Name})
		}
		return common.BulkTagMsg{Inputs: ins, Label: l.Name}
	}
	rows := m.Rows()
	if m.cursor >= len(rows) {
		return common.StatusMsg{Text: "no quote to tag here", Err: false}
	}
	r := rows[m.cursor]
	return common.ToggleTagMsg{Input: model.TagInput{DocID: r.DocID, QuoteID: r.QuoteID, Start: r.Start, End: r.End, Label: l.Name}}
}
