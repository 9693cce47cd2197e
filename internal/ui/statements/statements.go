// Package statements is the statements panel: the open article's
// statements (quotes, transcript turns and the analysts' spans) with their
// kind, speaker and labels, or (toggled) every statement matching the
// query, newest first; a kind filter keeps one kind.
package statements

import (
	"fmt"
	"sort"

	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"

	"github.com/workbench-dev/workbench/internal/model"
	"github.com/workbench-dev/workbench/internal/ui/common"
)

// Kinds are the values the kind filter cycles through ("" is every kind).
var Kinds = []string{"", model.StatementQuote, model.StatementTurn, model.StatementSpan}

// KindOrphan is the kind of a row that is an orphaned speaker correction:
// its document changed and the words it named are gone. It is listed
// (kept, never dropped) but is no statement: it cannot be tagged or opened.
const KindOrphan = "orphan"

// Row is one statement of the panel.
type Row struct {
	DocID, ID, Kind, Text, Title string
	// Speaker as the analysts see it; Source is where it comes from
	// (model.SourceCue, SourceTurn, SourceRole, SourceAnalyst) and Actor
	// the registry id ("" when unresolved).
	Speaker, Source, Actor string
	Start, End             int
	Labels                 []string
}

// QuoteID is the quote id a tag of the row names: a quote's id, "" for a
// turn or a span (tagged by its document and span).
func (r Row) QuoteID() string {
	if r.Kind == model.StatementQuote {
		return r.ID
	}
	return ""
}

// Model is the statements panel.
type Model struct {
	c       *common.Common
	all     bool
	kind    string // "" every kind
	article []Row  // every statement of the open article, in text order
	orphans []Row  // the open article's orphaned speaker corrections
	orphDoc string // the document the orphans belong to
	matches []Row  // statements matching the query (already of the kind)
	shown   []Row  // the rows shown
	loading bool
	cursor  int
	offset  int
	w, h    int
	focused bool
	current string         // statement ID selected in the reader
	marked  map[string]Row // marked rows by statement ID (bulk tagging)
	order   []string       // statement IDs in the order they were marked
}

// New returns an empty panel.
func New(c *common.Common) *Model { return &Model{c: c, marked: map[string]Row{}} }

// SetSize sets the pane size.
func (m *Model) SetSize(w, h int) { m.w, m.h = w, h; m.clamp() }

// Focus and Blur set the focus.
func (m *Model) Focus() tea.Cmd { m.focused = true; return nil }
func (m *Model) Blur()          { m.focused = false }

// All reports whether the panel shows all statements matching the query.
func (m *Model) All() bool { return m.all }

// SetAll switches the scope.
func (m *Model) SetAll(all bool) { m.all = all; m.cursor, m.offset = 0, 0; m.refresh() }

// Kind is the kind filter ("" every kind).
func (m *Model) Kind() string { return m.kind }

// SetKind sets the kind filter ("" every kind).
func (m *Model) SetKind(kind string) {
	m.kind = kind
	m.cursor, m.offset = 0, 0
	m.refresh()
}

// nextKind is the kind after the current one in Kinds.
func (m *Model) nextKind() string {
	for i, k := range Kinds {
		if k == m.kind {
			return Kinds[(i+1)%len(Kinds)]
		}
	}
	return ""
}

// SetArticle lists the statements of the open article (its quotes when it
// was analysed before statements) with their labels.
func (m *Model) SetArticle(d *model.Doc, tags []model.Tag) {
	labels := spanLabels(tags)
	m.article = m.article[:0]
	sts := d.Analysis.Statements
	if len(sts) == 0 {
		for _, q := range d.Analysis.Quotes {
			sts = append(sts, model.Statement{ID: q.ID, DocID: d.ID, Kind: model.StatementQuote, Start: q.Start, End: q.End,
				Text: q.Text, Speaker: q.Speaker, SpeakerActor: q.SpeakerActor, SpeakerSource: model.SourceCue})
		}
	}
	for _, s := range sts {
		m.article = append(m.article, rowOf(s, "", labels[model.StatementID(d.ID, s.Start, s.End)]))
	}
	if m.orphDoc == d.ID {
		m.article = append(m.article, m.orphans...)
	}
	sort.SliceStable(m.article, func(i, j int) bool { return m.article[i].Start < m.article[j].Start })
	m.refresh()
}

// SetOrphans keeps the orphaned speaker corrections of a document (the
// others apply to its statements), for SetArticle to list with them.
func (m *Model) SetOrphans(docID string, cs []model.SpeakerCorrection) {
	m.orphDoc, m.orphans = docID, nil
	for _, c := range cs {
		if !c.Orphaned {
			continue
		}
		sp := c.Name
		if c.Cleared {
			sp = "nobody"
		}
		m.orphans = append(m.orphans, Row{DocID: c.DocID, ID: c.StatementID, Kind: KindOrphan, Text: c.Text,
			Speaker: sp, Source: model.SourceAnalyst, Start: c.Start, End: c.End})
	}
}

// spanLabels maps statement ids to the sorted labels of the tags on that
// span (a quote, a turn or a span: tags name them by their span).
func spanLabels(tags []model.Tag) map[string][]string {
	out := map[string][]string{}
	for _, t := range tags {
		id := model.StatementID(t.DocID, t.Start, t.End)
		if !contains(out[id], t.Label) {
			out[id] = append(out[id], t.Label)
		}
	}
	for _, ls := range out {
		sort.Strings(ls)
	}
	return out
}

func contains(xs []string, x string) bool {
	for _, y := range xs {
		if y == x {
			return true
		}
	}
	return false
}

func rowOf(s model.Statement, title string, labels []string) Row {
	return Row{DocID: s.DocID, ID: s.ID, Kind: s.Kind, Text: s.Text, Title: title, Speaker: s.Speaker, Source: s.SpeakerSource,
		Actor: s.SpeakerActor, Start: s.Start, End: s.End, Labels: labels}
}

// SetMatches lists the statements matching the query (newest first, of
// the kind filter); labels map statement ids to their labels.
func (m *Model) SetMatches(hits []model.StatementHit, labels map[string][]string) {
	m.matches = RowsOf(hits)
	for i := range m.matches {
		m.matches[i].Labels = labels[m.matches[i].ID]
	}
	m.loading = false
	m.refresh()
}

// refresh recomputes the rows shown: the article's of the kind, or the
// matches.
func (m *Model) refresh() {
	if m.all {
		m.shown = m.matches
	} else {
		m.shown = m.shown[:0:0]
		for _, r := range m.article {
			if m.kind == "" || r.Kind == m.kind {
				m.shown = append(m.shown, r)
			}
		}
	}
	m.clamp()
}

// SetLoading marks the matching statements as being searched.
func (m *Model) SetLoading() { m.loading = true }

// SetCurrent highlights the statement selected in the reader and, unless
// the panel has the focus, brings it into view.
func (m *Model) SetCurrent(id string) {
	m.current = id
	if m.focused || id == "" {
		return
	}
	for i, r := range m.shown {
		if r.ID == id {
			m.cursor = i
			m.clamp()
			return
		}
	}
}

// Rows returns the rows shown.
func (m *Model) Rows() []Row { return m.shown }

// Cursor is the selected row.
func (m *Model) Cursor() int { return m.cursor }

func (m *Model) visible() int { return max(1, m.h-1) }

func (m *Model) clamp() {
	m.cursor, m.offset = common.ClampCursor(m.cursor, m.offset, len(m.shown), m.visible())
}

// Update handles the panel's keys.
func (m *Model) Update(msg tea.Msg) (tea.Cmd, common.Intent) { return nil, m.update(msg) }

func (m *Model) update(msg tea.Msg) common.Intent {
	k, ok := msg.(tea.KeyPressMsg)
	if !ok {
		return nil
	}
	l, qk := m.c.Keys.List, m.c.Keys.Quotes
	rows := m.shown
	switch {
	case m.cursor < len(rows) && rows[m.cursor].Kind == KindOrphan && (key.Matches(k, qk.Mark) || key.Matches(k, qk.Label) && len(m.marked) == 0 ||
		key.Matches(k, qk.Note) || key.Matches(k, qk.Target) || key.Matches(k, l.Open)):
		r := rows[m.cursor]
		return common.StatusMsg{Text: fmt.Sprintf("orphaned speaker correction (%s): the article changed, its words are no longer at %d-%d; kept, not applied (workbench speaker list)",
			common.Clean(r.Speaker), r.Start, r.End)}
	case key.Matches(k, qk.Mark):
		if m.cursor < len(rows) {
			m.toggleMark(rows[m.cursor])
			m.cursor++
			m.clamp()
		}
		return nil
	case key.Matches(k, qk.MarkAll):
		return common.MarkAllMsg{All: m.all, Kind: m.kind}
	case key.Matches(k, qk.Unmark) && len(m.marked) > 0:
		m.ClearMarks()
		return nil
	case key.Matches(k, qk.Label):
		return m.tag(k.String())
	case key.Matches(k, qk.Note), key.Matches(k, qk.Target):
		if m.cursor >= len(rows) {
			return nil
		}
		edit := "note"
		if key.Matches(k, qk.Target) {
			edit = "target"
		}
		o := open(rows[m.cursor])
		o.Edit = edit
		return o
	case key.Matches(k, qk.Scope):
		m.SetAll(!m.all)
		return common.QuotesScopeMsg{All: m.all, Kind: m.kind}
	case key.Matches(k, qk.Kind):
		m.SetKind(m.nextKind())
		return common.QuotesScopeMsg{All: m.all, Kind: m.kind}
	case key.Matches(k, l.Open):
		if m.cursor >= len(rows) {
			return nil
		}
		return open(rows[m.cursor])
	}
	cursor, _, moved := common.MoveCursor(k, l, m.cursor, len(rows), m.visible())
	if !moved {
		return nil
	}
	m.cursor = cursor
	m.clamp()
	return nil
}

// open opens the reader at the statement: a quote or turn selected by its
// id, a span by its offsets.
func open(r Row) common.OpenDocMsg {
	if r.Kind == model.StatementSpan {
		return common.OpenDocMsg{ID: r.DocID, Start: r.Start, End: r.End, Focus: true}
	}
	return common.OpenDocMsg{ID: r.DocID, QuoteID: r.ID, Focus: true}
}

// kindName is the plural a title shows for a kind filter.
func kindName(k string) string {
	switch k {
	case model.StatementQuote:
		return "quotes"
	case model.StatementTurn:
		return "turns"
	case model.StatementSpan:
		return "spans"
	}
	return "all kinds"
}

// View renders the pane.
func (m *Model) View() string {
	s := m.c.Styles
	title := "Statements · article"
	if m.all {
		title = "Statements · all matching"
	}
	title += " · " + kindName(m.kind)
	rows := m.shown
	right := fmt.Sprintf("%d", len(rows))
	if len(m.marked) > 0 {
		right = fmt.Sprintf("%d marked · %s", len(m.marked), right)
	}
	if m.all && m.loading {
		right = "searching…"
	}
	var body []string
	if len(rows) == 0 {
		what := "statements"
		if m.kind != "" {
			what = kindName(m.kind)
		}
		msg := fmt.Sprintf("  no %s in the open article (s: all matching, f: kind)", what)
		if m.all {
			msg = fmt.Sprintf("  no %s match the query (s: the article's, f: kind)", what)
		}
		body = append(body, s.Dim.Render(msg))
	}
	for i := m.offset; i < len(rows) && i < m.offset+m.visible(); i++ {
		r := rows[i]
		mark := "  "
		if i == m.cursor && m.focused {
			mark = s.HeaderFocused.UnsetUnderline().Render("▌ ")
		} else if r.ID == m.current && r.ID != "" {
			mark = s.Dim.Render("▸ ")
		}
		if _, ok := m.marked[r.ID]; ok {
			mark = s.HeaderFocused.UnsetUnderline().Render("■ ")
		}
		line := mark + s.Dim.Render(fmt.Sprintf("%-5s ", r.Kind)) + m.speaker(r)
		if r.Kind == KindOrphan {
			line = mark + s.Dim.Render(fmt.Sprintf("%-5s ", "gone")) + m.speaker(r)
		}
		for _, l := range r.Labels {
			line += " " + s.Label(l).Render("["+common.Clean(l)+"]")
		}
		switch r.Kind {
		case model.StatementQuote:
			line += " “" + common.Clean(r.Text) + "”"
		case KindOrphan:
			line += s.Dim.Render(" orphaned: the article changed; was “" + common.Clean(r.Text) + "”")
		default:
			line += " " + common.Clean(r.Text)
		}
		if m.all && r.Title != "" {
			line += s.Dim.Render(" — " + common.Clean(r.Title))
		}
		body = append(body, line)
	}
	return common.Pane(m.c, title, right, m.focused, body, m.w, m.h)
}

// speaker renders a row's speaker in the actor's colour, marked * when an
// analyst set it and ~ when it was resolved from a role ("the President").
func (m *Model) speaker(r Row) string {
	s := m.c.Styles
	sp := common.Clean(r.Speaker)
	if sp == "" {
		sp = "?"
	}
	sp += common.SpeakerMark(r.Source)
	st := s.Speaker
	if r.Actor != "" && s.ActorColor(r.Actor) != nil {
		st = s.Actor(r.Actor)
	}
	return st.Render("[" + sp + "]")
}

// ShortHelp lists the main keys.
func (m *Model) ShortHelp() []key.Binding {
	q := m.c.Keys.Quotes
	return []key.Binding{m.c.Keys.List.Open, q.Label, q.Mark, q.Scope, q.Kind}
}

// FullHelp groups the keys.
func (m *Model) FullHelp() [][]key.Binding {
	l := m.c.Keys.List
	q := m.c.Keys.Quotes
	return [][]key.Binding{{l.Down, l.Up, l.Top, l.Bottom, l.PageUp, l.PageDown, l.Open, q.Scope, q.Kind, q.Label, q.Mark, q.MarkAll, q.Unmark}}
}
