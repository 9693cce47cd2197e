// Package tagspane is the tags pane (T): every tag of the workspace, newest
// first, with label, speaker, target, note, analyst, document date and
// title. "/" filters; enter opens the document at the tag; a edits the
// note, t the target; d deletes (u undoes); y copies the tag with its
// citation.
package tagspane

import (
	"fmt"
	"strings"

	"charm.land/bubbles/v2/key"
	"charm.land/bubbles/v2/textinput"
	tea "charm.land/bubbletea/v2"

	"github.com/workbench-dev/workbench/internal/model"
	"github.com/workbench-dev/workbench/internal/ui/common"
)

const (
	modeList = iota
	modeFilter
	modeNote
	modeTarget
)

// Model is the tags pane.
type Model struct {
	c       *common.Common
	tags    []model.Tag
	shown   []int // indexes into tags matching the filter
	cursor  int
	offset  int
	w, h    int
	mode    int
	filter  textinput.Model
	input   textinput.Model
	editing model.Tag
	loading bool
	err     string
}

// New returns an empty pane.
func New(c *common.Common) *Model {
	f := textinput.New()
	f.Prompt = "filter: "
	f.Placeholder = "type to filter by label, speaker, target, note, title"
	f.CharLimit = 200
	f.SetVirtualCursor(false)
	in := textinput.New()
	in.CharLimit = 2000
	in.SetVirtualCursor(false)
	return &Model{c: c, filter: f, input: in}
}

// SetSize sets the pane size.
func (m *Model) SetSize(w, h int) {
	m.w, m.h = w, h
	m.filter.SetWidth(max(1, w-12))
	m.input.SetWidth(max(1, w-12))
	m.clamp()
}

// Focus starts on the list; Blur closes any input.
func (m *Model) Focus() tea.Cmd {
	m.mode = modeList
	m.filter.SetStyles(m.c.InputStyles())
	m.input.SetStyles(m.c.InputStyles())
	return nil
}

func (m *Model) Blur() { m.mode = modeList; m.filter.Blur(); m.input.Blur() }

// Typing reports whether keys go to the filter or an input.
func (m *Model) Typing() bool { return m.mode != modeList }

// SetLoading marks the list as being read.
func (m *Model) SetLoading() { m.loading = true }

// SetTags replaces the list (newest first), keeping the cursor on the same
// tag when it is still there.
func (m *Model) SetTags(tags []model.Tag, err error) {
	m.loading = false
	if err != nil {
		m.err = err.Error()
		return
	}
	m.err = ""
	var keep int64 = -1
	if t, ok := m.Selected(); ok {
		keep = t.ID
	}
	m.tags = tags
	m.refilter()
	for i, ix := range m.shown {
		if m.tags[ix].ID == keep {
			m.cursor = i
		}
	}
	m.clamp()
}

// Tags returns the tags shown (after the filter).
func (m *Model) Tags() []model.Tag {
	out := make([]model.Tag, len(m.shown))
	for i, ix := range m.shown {
		out[i] = m.tags[ix]
	}
	return out
}

// Selected is the tag under the cursor.
func (m *Model) Selected() (model.Tag, bool) {
	if m.cursor < 0 || m.cursor >= len(m.shown) {
		return model.Tag{}, false
	}
	return m.tags[m.shown[m.cursor]], true
}

func (m *Model) refilter() {
	words := strings.Fields(strings.ToLower(m.filter.Value()))
	m.shown = m.shown[:0]
	for i, t := range m.tags {
		hay := strings.ToLower(strings.Join([]string{t.Label, t.Speaker, t.Target, t.Note, t.Analyst, t.Title, t.Date, t.Quote, t.DocID}, "\x00"))
		ok := true
		for _, w := range words {
			if !strings.Contains(hay, w) {
				ok = false
				break
			}
		}
		if ok {
			m.shown = append(m.shown, i)
		}
	}
	m.clamp()
}

func (m *Model) visible() int { return max(1, (m.h-2)/2) }

func (m *Model) clamp() {
	m.cursor, m.offset = common.ClampCursor(m.cursor, m.offset, len(m.shown), m.visible())
}

// Update handles the pane's keys; esc in the list is the root's (close).
func (m *Model) Update(msg tea.Msg) (tea.Cmd, common.Intent) {
	switch m.mode {
	case modeFilter:
		return m.updateFilter(msg)
	case modeNote, modeTarget:
		return m.updateInput(msg)
	}
	k, ok := msg.(tea.KeyPressMsg)
	if !ok {
		return nil, nil
	}
	tk, l := m.c.Keys.Tags, m.c.Keys.List
	t, has := m.Selected()
	switch {
	case key.Matches(k, tk.Filter):
		m.mode = modeFilter
		return m.filter.Focus(), nil
	case key.Matches(k, l.Open):
		if !has {
			return nil, nil
		}
		return nil, common.OpenDocMsg{ID: t.DocID, QuoteID: t.QuoteID, Start: t.Start, End: t.End, Focus: true}
	case key.Matches(k, tk.Note), key.Matches(k, tk.Target):
		if !has {
			return nil, nil
		}
		m.editing = t
		m.input.Reset()
		m.input.ShowSuggestions = false
		if key.Matches(k, tk.Note) {
			m.mode, m.input.Prompt = modeNote, "note: "
			m.input.SetValue(t.Note)
		} else {
			m.mode, m.input.Prompt = modeTarget, "target: "
			m.input.SetValue(t.Target)
			m.input.SetSuggestions(m.c.ActorNames())
			m.input.ShowSuggestions = true
		}
		m.input.CursorEnd()
		return m.input.Focus(), nil
	case key.Matches(k, tk.Delete):
		if !has {
			return nil, nil
		}
		return nil, common.RemoveTagMsg{Tag: t}
	case key.Matches(k, tk.Copy):
		if !has {
			return nil, nil
		}
		return nil, common.CopyMsg{Text: common.Citation(t.Quote, t.Speaker, t.Title, t.Date, t.URL), What: "the tag with its citation"}
	}
	cursor, _, moved := common.MoveCursor(k, l, m.cursor, len(m.shown), m.visible())
	if moved {
		m.cursor = cursor
		m.clamp()
	}
	return nil, nil
}

func (m *Model) updateFilter(msg tea.Msg) (tea.Cmd, common.Intent) {
	if k, ok := msg.(tea.KeyPressMsg); ok {
		switch {
		case key.Matches(k, m.c.Keys.Input.Cancel):
			m.filter.SetValue("")
			m.refilter()
			fallthrough
		case key.Matches(k, m.c.Keys.Input.Save):
			m.mode = modeList
			m.filter.Blur()
			return nil, nil
		case k.Code == tea.KeyDown || k.Code == tea.KeyUp:
			cursor, _, _ := common.MoveCursor(k, m.c.Keys.List, m.cursor, len(m.shown), m.visible())
			m.cursor = cursor
			m.clamp()
			return nil, nil
		}
	}
	before := m.filter.Value()
	var cmd tea.Cmd
	m.filter, cmd = m.filter.Update(msg)
	if m.filter.Value() != before {
		m.cursor, m.offset = 0, 0
		m.refilter()
	}
	return cmd, nil
}

func (m *Model) updateInput(msg tea.Msg) (tea.Cmd, common.Intent) {
	if k, ok := msg.(tea.KeyPressMsg); ok {
		switch {
		case key.Matches(k, m.c.Keys.Input.Cancel):
			m.mode = modeList
			m.input.Blur()
			return nil, nil
		case key.Matches(k, m.c.Keys.Input.Save):
			mode, v := m.mode, strings.TrimSpace(m.input.Value())
			m.mode = modeList
			m.input.Blur()
			if mode == modeNote {
				return nil, common.SetNoteMsg{TagID: m.editing.ID, Note: v}
			}
			return nil, common.SetTargetMsg{TagID: m.editing.ID, Target: v}
		}
	}
	var cmd tea.Cmd
	m.input, cmd = m.input.Update(msg)
	return cmd, nil
}

// InputValue is the text of the filter or the open input.
func (m *Model) InputValue() string {
	if m.mode == modeFilter {
		return m.filter.Value()
	}
	return m.input.Value()
}

// Cursor is the terminal cursor of the filter or input, relative to the
// pane (nil in the list).
func (m *Model) Cursor() *tea.Cursor {
	var c *tea.Cursor
	switch m.mode {
	case modeFilter:
		c = m.filter.Cursor()
	case modeNote, modeTarget:
		c = m.input.Cursor()
	default:
		return nil
	}
	if c != nil {
		c.Position.X++
		c.Position.Y = 1
	}
	return c
}

// View renders the pane filling w x h.
func (m *Model) View() string {
	s := m.c.Styles
	var top string
	switch m.mode {
	case modeNote, modeTarget:
		top = " " + m.input.View()
	case modeFilter:
		top = " " + m.filter.View()
	default:
		if v := m.filter.Value(); v != "" {
			top = " " + s.Dim.Render("filter: ") + common.Clean(v)
		} else {
			top = " " + s.Dim.Render("/ filter · enter open · a note · t target · d delete (u undoes) · y copy · esc close")
		}
	}
	body := []string{top}
	switch {
	case m.err != "":
		body = append(body, s.Error.Render("  "+common.Clean(m.err)))
	case m.loading && len(m.tags) == 0:
		body = append(body, s.Dim.Render("  reading the tags…"))
	case len(m.shown) == 0:
		body = append(body, s.Dim.Render("  no tags"+map[bool]string{true: " match the filter", false: " yet: tag a quote with 1-9 in the reader"}[m.filter.Value() != ""]))
	}
	for i := m.offset; i < len(m.shown) && i < m.offset+m.visible(); i++ {
		t := m.tags[m.shown[i]]
		mark := "  "
		if i == m.cursor {
			mark = s.HeaderFocused.UnsetUnderline().Render("▌ ")
		}
		sp := t.Speaker
		if sp == "" {
			sp = "?"
		}
		l1 := mark + s.Label(t.Label).Render("["+common.Clean(t.Label)+"]") + " " + s.Speaker.Render(common.Clean(sp))
		if t.Target != "" {
			l1 += " → " + common.Clean(t.Target)
		}
		if t.Note != "" {
			l1 += s.Note.Render(" ✎ " + common.Clean(t.Note))
		}
		l1 += s.Dim.Render(" · " + common.Clean(t.Analyst))
		meta := []string{}
		if t.Date != "" {
			meta = append(meta, common.Clean(t.Date))
		}
		meta = append(meta, common.Clean(t.Title))
		l2 := mark + s.Dim.Render(strings.Join(meta, " · ")) + " “" + common.Clean(t.Quote) + "”"
		body = append(body, l1, l2)
	}
	right := fmt.Sprintf("%d", len(m.shown))
	if len(m.shown) != len(m.tags) {
		right = fmt.Sprintf("%d of %d", len(m.shown), len(m.tags))
	}
	return common.Pane(m.c, "Tags · newest first", right, true, body, m.w, m.h)
}

// ShortHelp lists the pane's keys.
func (m *Model) ShortHelp() []key.Binding {
	if m.mode != modeList {
		return []key.Binding{m.c.Keys.Input.Save, m.c.Keys.Input.Cancel}
	}
	tk, l := m.c.Keys.Tags, m.c.Keys.List
	return []key.Binding{l.Open, tk.Filter, tk.Note, tk.Target, tk.Delete, tk.Copy, tk.Close}
}

// FullHelp groups the keys.
func (m *Model) FullHelp() [][]key.Binding { return [][]key.Binding{m.ShortHelp()} }
