// Package common holds what every TUI component shares: the read-only
// context (styles, key map, codebook, actors), the plain data types the UI
// shows, the messages components send to the root model, and small
// rendering helpers. It knows nothing about bleve or SQLite.
package common

import (
	"sort"
	"strings"
	"unicode"

	"charm.land/bubbles/v2/key"
	"charm.land/bubbles/v2/textinput"
	tea "charm.land/bubbletea/v2"
	"github.com/charmbracelet/x/ansi"

	"github.com/workbench-dev/workbench/internal/model"
	"github.com/workbench-dev/workbench/internal/textsafe"
	"github.com/workbench-dev/workbench/internal/ui/keymap"
	"github.com/workbench-dev/workbench/internal/ui/styles"
)

// Common is the shared, read-only context handed to every component. The
// root model replaces Styles when the terminal reports its background.
type Common struct {
	Styles *styles.Styles
	Keys   *keymap.KeyMap
	Labels []model.Label          // codebook, in key order
	Actors map[string]model.Actor // by ID
}

// New builds the context. dark and noColor choose the styles.
func New(labels []model.Label, actors []model.Actor, dark, noColor bool) *Common {
	c := &Common{Keys: keymap.Default(), Labels: append([]model.Label(nil), labels...), Actors: map[string]model.Actor{}}
	sort.SliceStable(c.Labels, func(i, j int) bool { return c.Labels[i].Key < c.Labels[j].Key })
	for _, a := range actors {
		c.Actors[a.ID] = a
	}
	c.SetTheme(dark, noColor)
	return c
}

// SetTheme rebuilds the styles for a dark or light background.
func (c *Common) SetTheme(dark, noColor bool) {
	ac := map[string]string{}
	for id, a := range c.Actors {
		ac[id] = a.Color
	}
	lc := map[string]string{}
	for _, l := range c.Labels {
		lc[l.Name] = l.Color
	}
	c.Styles = styles.New(dark, noColor, ac, lc)
}

// LabelByKey returns the codebook label bound to key "1".."9".
func (c *Common) LabelByKey(k string) (model.Label, bool) {
	for _, l := range c.Labels {
		if l.Key == k {
			return l, true
		}
	}
	return model.Label{}, false
}

// LabelByName returns the codebook label with this name.
func (c *Common) LabelByName(name string) (model.Label, bool) {
	for _, l := range c.Labels {
		if strings.EqualFold(l.Name, name) {
			return l, true
		}
	}
	return model.Label{}, false
}

// ActorName is the display name of an actor ID (the ID itself if unknown).
func (c *Common) ActorName(id string) string {
	if a, ok := c.Actors[id]; ok && a.Name != "" {
		return a.Name
	}
	return id
}

// SpeakerMark marks a speaker by where it comes from: "*" set by an
// analyst, "~" resolved from a role ("the President"), else "".
func SpeakerMark(source string) string {
	switch source {
	case model.SourceAnalyst:
		return "*"
	case model.SourceRole:
		return "~"
	}
	return ""
}

// ActorID is the id of the actor with this name ("" when none).
func (c *Common) ActorID(name string) string {
	for id, a := range c.Actors {
		if a.Name == name {
			return id
		}
	}
	return ""
}

// ActorNames lists the registry's actor names, sorted.
func (c *Common) ActorNames() []string {
	var n []string
	for _, a := range c.Actors {
		n = append(n, a.Name)
	}
	sort.Strings(n)
	return n
}

// Intent is what a pane asks of the root model (open this article, filter
// by this facet, tag this span, show this status): a value, which the root
// applies in the same Update, in order with the next key ("enter" then "]"
// must open the article before the "]"). Panes do no I/O.
type Intent = tea.Msg

// Component is what every pane implements; the root model routes to it.
// Update returns a command to run (a text input's, say) and an intent.
type Component interface {
	Update(tea.Msg) (tea.Cmd, Intent)
	View() string
	SetSize(w, h int)
	Focus() tea.Cmd
	Blur()
	ShortHelp() []key.Binding
	FullHelp() [][]key.Binding
}

// Messages components send to the root model (which owns all I/O).
type (
	// QueryChangedMsg asks the root model to search for Query (tests and
	// callers outside the search line use it).
	QueryChangedMsg struct{ Query string }
	// OpenDocMsg: open this document in the reader.
	OpenDocMsg struct {
		ID         string
		QuoteID    string // select this quote once open ("" for none)
		Start, End int    // or this tagged span (End > 0)
		Cursor     int    // or put the reader's cursor here (> 0)
		Focus      bool   // move focus to the reader
		Edit       string // then edit the current tag's "note" or "target"
	}
	// BulkTagMsg: add Label to many quotes, one undo step.
	BulkTagMsg struct {
		Inputs []model.TagInput
		Label  string
	}
	// MarkAllMsg: mark every statement of the panel (All: every statement
	// matching the query, not only those loaded) of the kind shown ("" any).
	MarkAllMsg struct {
		All  bool
		Kind string
	}
	// DrillMsg: the facets pane wants the months of Year (0: back to the
	// years).
	DrillMsg struct{ Year int }
	// OpenURLMsg: open URL with the system opener.
	OpenURLMsg struct{ URL string }
	// RemoveTagMsg: delete a tag (undoable).
	RemoveTagMsg struct{ Tag model.Tag }
	// CopyMsg: put Text on the clipboard (OSC 52); What names it in the
	// status bar.
	CopyMsg struct{ Text, What string }
	// ToggleTagMsg: toggle a label on a quote or span.
	ToggleTagMsg struct{ Input model.TagInput }
	// SetNoteMsg / SetTargetMsg edit an existing tag.
	SetNoteMsg struct {
		TagID int64
		Note  string
	}
	SetTargetMsg struct {
		TagID  int64
		Target string
	}
	// SetSpeakerMsg: the analyst's speaker for a statement or span ("" clears
	// the correction).
	SetSpeakerMsg struct {
		StatementID string
		DocID       string
		Start, End  int
		Name        string
	}
	// FacetMsg: filter the query by a facet value (Kind "actor" or
	// "source"), or with Remove take the filter (a query term) out again.
	FacetMsg struct {
		Kind, Value string
		Remove      bool
	}
	// LoadMoreMsg: the result list wants the hits after Offset.
	// With All, every remaining hit (G: the last result).
	LoadMoreMsg struct {
		Offset int
		All    bool
	}
	// QuotesScopeMsg: the statements panel switched scope (All: every
	// statement matching the query) or kind filter (Kind: "" every kind,
	// else quote, turn or span).
	QuotesScopeMsg struct {
		All  bool
		Kind string
	}
	// StatusMsg shows a transient message (or an error) in the status bar.
	StatusMsg struct {
		Text string
		Err  bool
	}
)

// InputStyles are text input styles from the theme (no colour under
// NO_COLOR).
func (c *Common) InputStyles() textinput.Styles {
	st := c.Styles
	s := textinput.DefaultStyles(st.Dark)
	s.Focused.Prompt, s.Blurred.Prompt = st.Prompt, st.Dim
	s.Focused.Placeholder, s.Blurred.Placeholder = st.Dim, st.Dim
	s.Focused.Suggestion, s.Blurred.Suggestion = st.Dim, st.Dim
	s.Focused.Text, s.Blurred.Text = st.App, st.App
	return s
}

// Line makes s exactly w cells wide: truncated with an ellipsis or padded
// with spaces. s may contain styles.
func Line(s string, w int) string {
	if w <= 0 {
		return ""
	}
	n := ansi.StringWidth(s)
	if n > w {
		s = ansi.Truncate(s, w, "…")
		n = ansi.StringWidth(s)
	}
	if n < w {
		s += strings.Repeat(" ", w-n)
	}
	return s
}

// Block renders lines into a block of exactly w x h cells.
func Block(lines []string, w, h int) string {
	if h <= 0 || w <= 0 {
		return ""
	}
	out := make([]string, h)
	for i := 0; i < h; i++ {
		if i < len(lines) {
			out[i] = Line(lines[i], w)
		} else {
			out[i] = strings.Repeat(" ", w)
		}
	}
	return strings.Join(out, "\n")
}

// Pane renders a titled pane of exactly w x h cells: a title line, then body.
func Pane(c *Common, title, right string, focused bool, body []string, w, h int) string {
	if h <= 0 || w <= 0 {
		return ""
	}
	st := c.Styles.Header
	mark := "  "
	if focused {
		st = c.Styles.HeaderFocused
		mark = "▌ "
	}
	head := st.Render(mark + title)
	if right != "" {
		gap := w - ansi.StringWidth(head) - ansi.StringWidth(right) - 1
		if gap >= 1 {
			head += strings.Repeat(" ", gap) + c.Styles.Dim.Render(right)
		}
	}
	return Block(append([]string{head}, body...), w, h)
}

// Clean is textsafe.CleanLine (corpus text on one line, safe for a
// terminal) without invisible format characters, which can glue onto the
// next cell and upset widths.
func Clean(s string) string {
	s = textsafe.CleanLine(s)
	if strings.IndexFunc(s, isFormat) >= 0 {
		s = strings.Map(func(r rune) rune {
			if isFormat(r) {
				return -1
			}
			return r
		}, s)
	}
	return s
}

func isFormat(r rune) bool { return r >= 0xad && unicode.Is(unicode.Cf, r) }

// MarkSpans renders raw corpus text on one line with its code-point spans
// styled by hl. Each piece is cleaned separately, so offsets stay right even
// when the raw text holds control characters.
func MarkSpans(raw string, marks []model.Span, hl func(...string) string) string {
	if len(marks) == 0 {
		return Clean(raw)
	}
	r := []rune(raw)
	var b strings.Builder
	pos := 0
	sorted := append([]model.Span(nil), marks...)
	sort.Slice(sorted, func(i, j int) bool { return sorted[i].Start < sorted[j].Start })
	for _, m := range sorted {
		st, en := max(m.Start, pos), min(m.End, len(r))
		if st >= en {
			continue
		}
		b.WriteString(Clean(string(r[pos:st])))
		b.WriteString(hl(Clean(string(r[st:en]))))
		pos = en
	}
	b.WriteString(Clean(string(r[pos:])))
	return b.String()
}

// FacetTerm is the query term that filters by a facet value: "@actor" or
// "source:value" (the source escaped as one keyword: what the query syntax
// would split or read as an operator is backslashed; a quoted phrase does
// not match a keyword field).
func FacetTerm(kind, value string) string {
	if kind == "date" {
		return "date:" + value
	}
	if kind == "speaker" {
		// A name: quoted when it has spaces (speaker:"yury ushakov").
		v := strings.Map(func(r rune) rune {
			if r == '"' || r == '\\' {
				return -1
			}
			return r
		}, value)
		if strings.ContainsAny(v, " \t") {
			return `speaker:"` + v + `"`
		}
		return "speaker:" + v
	}
	if kind != "source" {
		return "@" + value
	}
	var b strings.Builder
	for _, r := range value {
		if strings.ContainsRune(" \t+-=&|><!(){}[]^\"~*?:\\/", r) {
			b.WriteByte('\\')
		}
		b.WriteRune(r)
	}
	return "source:" + b.String()
}

// FilterTerms are the filter terms of a query (@actor, #label, source:,
// speaker:, date:), in order, as typed; the facets pane lists them so they
// can be removed.
func FilterTerms(q string) []string {
	var out []string
	for _, f := range Terms(q) {
		t := strings.TrimLeft(f, "+-")
		for _, p := range []string{"@", "#", "source:", "speaker:", "date:"} {
			if strings.HasPrefix(t, p) && len(t) > len(p) {
				out = append(out, f)
				break
			}
		}
	}
	return out
}

// RemoveTerm takes every occurrence of the whole term out of the query.
func RemoveTerm(q, term string) string {
	var keep []string
	for _, f := range Terms(q) {
		if f != term {
			keep = append(keep, f)
		}
	}
	return strings.Join(keep, " ")
}

// Terms splits a query at spaces outside quotes and not escaped with a
// backslash (source:fixture\ news is one term, speaker:"yury ushakov" too).
func Terms(q string) []string {
	var out []string
	var b strings.Builder
	quoted, esc := false, false
	for _, r := range q {
		switch {
		case esc:
			esc = false
		case r == '\\':
			esc = true
		case r == '"':
			quoted = !quoted
		case unicode.IsSpace(r) && !quoted:
			if b.Len() > 0 {
				out = append(out, b.String())
				b.Reset()
			}
			continue
		}
		b.WriteRune(r)
	}
	if b.Len() > 0 {
		out = append(out, b.String())
	}
	return out
}

// Citation is a quote with its citation, for the clipboard:
// “quote” — speaker, title, date, URL (each part only when known).
func Citation(quote, speaker, title, date, url string) string {
	var parts []string
	for _, p := range []string{speaker, title, date, url} {
		if p = strings.TrimSpace(Clean(p)); p != "" {
			parts = append(parts, p)
		}
	}
	q := strings.TrimSpace(Clean(quote))
	if len(parts) == 0 {
		return "“" + q + "”"
	}
	return "“" + q + "” — " + strings.Join(parts, ", ")
}
