package reader

import (
	"fmt"
	"sort"
	"strings"

	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"

	"github.com/workbench-dev/workbench/internal/model"
	"github.com/workbench-dev/workbench/internal/ui/common"
)

func (m *Model) openInput(mode int) common.Intent {
	tags := m.itemTags()
	switch len(tags) {
	case 0:
		if _, ok := m.Selected(); !ok && m.sel == nil {
			return common.StatusMsg{Text: "select a quote with ] (or a span with v) and tag it (1-9) first", Err: false}
		}
		return common.StatusMsg{Text: "tag it first (1-9), then add a note or target", Err: false}
	case 1:
		return m.openInputFor(mode, tags[0])
	}
	// Several labels: ask which.
	m.inputMode, m.chooseFor = inputChoose, mode
	m.choices = map[string]model.Tag{}
	for i, t := range tags {
		k := fmt.Sprint(i + 1)
		if l, ok := m.c.LabelByName(t.Label); ok && l.Key != "" {
			k = l.Key
		}
		m.choices[k] = t
	}
	m.clampOffset()
	return nil
}

func (m *Model) openInputFor(mode int, t model.Tag) common.Intent {
	m.inputMode, m.inputTag = mode, t
	m.input.SetStyles(m.c.InputStyles())
	m.input.Reset()
	m.input.ShowSuggestions = false
	if mode == inputNote {
		m.input.Prompt = "note: "
		m.input.SetValue(t.Note)
	} else {
		m.input.Prompt = "target: "
		m.input.SetValue(t.Target)
		m.input.SetSuggestions(m.c.ActorNames())
		m.input.ShowSuggestions = true
	}
	m.input.CursorEnd()
	m.clampOffset()
	m.input.Focus() // real cursor: no blink command
	return nil
}

// openSpeaker asks for the speaker of the current statement (or of the
// free selection), with the registry's names as suggestions.
func (m *Model) openSpeaker() common.Intent {
	var s, e int
	var id, cur string
	switch {
	case m.sel != nil:
		s, e = m.sel[0], m.sel[1]
	default:
		it, ok := m.Selected()
		if !ok {
			return common.StatusMsg{Text: "select a statement with ] (or a span with v) first, then s sets its speaker"}
		}
		s, e, id, cur = it.start, it.end, it.quoteID, it.speaker
	}
	m.inputMode, m.speakerSpan, m.speakerID = inputSpeaker, [2]int{s, e}, id
	m.input.SetStyles(m.c.InputStyles())
	m.input.Reset()
	m.input.Prompt = "speaker: "
	m.input.SetValue(cur)
	m.input.SetSuggestions(m.c.ActorNames())
	m.input.ShowSuggestions = true
	m.input.CursorEnd()
	m.clampOffset()
	m.input.Focus()
	return nil
}

func (m *Model) closeInput() {
	m.inputMode, m.choices = inputNone, nil
	m.input.Blur()
}

func (m *Model) updateInput(msg tea.Msg) (tea.Cmd, common.Intent) {
	if m.inputMode == inputChoose {
		// Every key stays here: a label's key chooses, esc cancels.
		k, ok := msg.(tea.KeyPressMsg)
		if !ok {
			return nil, nil
		}
		if key.Matches(k, m.c.Keys.Input.Cancel) {
			m.closeInput()
			return nil, nil
		}
		if t, ok := m.choices[k.String()]; ok {
			return nil, m.openInputFor(m.chooseFor, t)
		}
		return nil, nil
	}
	if k, ok := msg.(tea.KeyPressMsg); ok {
		switch {
		case key.Matches(k, m.c.Keys.Input.Cancel):
			m.closeInput()
			return nil, nil
		case key.Matches(k, m.c.Keys.Input.Save):
			mode, id, v := m.inputMode, m.inputTag.ID, strings.TrimSpace(m.input.Value())
			m.closeInput()
			if mode == inputSpeaker {
				m.sel = nil
				return nil, common.SetSpeakerMsg{StatementID: m.speakerID, DocID: m.doc.ID, Start: m.speakerSpan[0], End: m.speakerSpan[1], Name: v}
			}
			if mode == inputNote {
				return nil, common.SetNoteMsg{TagID: id, Note: v}
			}
			return nil, common.SetTargetMsg{TagID: id, Target: v}
		}
	}
	var cmd tea.Cmd
	m.input, cmd = m.input.Update(msg)
	return cmd, nil
}

// itemTags are the tags of the current item (or of the free selection's
// span), oldest first.
func (m *Model) itemTags() []model.Tag {
	var s, e int
	quoteID := ""
	switch {
	case m.sel != nil:
		s, e = m.sel[0], m.sel[1]
	default:
		it, ok := m.Selected()
		if !ok {
			return nil
		}
		s, e, quoteID = it.start, it.end, it.quoteID
	}
	var out []model.Tag
	for _, t := range m.tags {
		if t.Start == s && t.End == e && (quoteID == "" || t.QuoteID == quoteID) {
			out = append(out, t)
		}
	}
	sort.SliceStable(out, func(i, j int) bool { return out[i].ID < out[j].ID })
	return out
}

// chooseLine asks which label's tag the note or target is for.
func (m *Model) chooseLine() string {
	s := m.c.Styles
	what := "note"
	if m.chooseFor == inputTarget {
		what = "target"
	}
	keys := make([]string, 0, len(m.choices))
	for k := range m.choices {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	parts := []string{s.Bold.Render(what + " for which label?")}
	for _, k := range keys {
		parts = append(parts, s.HelpKey.Render(k)+" "+s.Label(m.choices[k].Label).Render(common.Clean(m.choices[k].Label)))
	}
	return strings.Join(parts, "  ") + s.Dim.Render("  esc cancels")
}

// noteLine shows the notes and targets of the current item's tags in full
// ("" when it has none).
func (m *Model) noteLine() string {
	var parts []string
	for _, t := range m.itemTags() {
		if t.Note == "" && t.Target == "" {
			continue
		}
		p := common.Clean(t.Label) + ":"
		if t.Target != "" {
			p += " → " + common.Clean(t.Target)
		}
		if t.Note != "" {
			p += " ✎ " + common.Clean(t.Note)
		}
		parts = append(parts, p)
	}
	return strings.Join(parts, " · ")
}

// InputValue is the text of the open note or target input.
func (m *Model) InputValue() string { return m.input.Value() }

// Edit opens the note ("note") or target ("target") input of the current
// tag, as a and t do.
func (m *Model) Edit(what string) common.Intent {
	if what == "target" {
		return m.openInput(inputTarget)
	}
	return m.openInput(inputNote)
}
