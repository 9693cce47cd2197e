// Package keymap holds every key binding of the TUI. The help overlay, the
// status bar hints and the README key table are all generated from it.
package keymap

import "charm.land/bubbles/v2/key"

// Global keys work in every pane (quit and help only when not typing).
type Global struct {
	Quit, ForceQuit, Help, Search, NextPane, PrevPane, Export, Undo, Redo key.Binding
	Tags, Saved, Order                                                    key.Binding
	// Insights and Adjudicate open the full-screen views.
	Insights, Adjudicate key.Binding
}

// Tags keys apply in the tags pane.
type Tags struct {
	Filter, Note, Target, Delete, Copy, Close key.Binding
}

// Search keys apply in the search line.
type Search struct {
	Leave, Submit, Save key.Binding
}

// Saved keys apply in the saved searches pane.
type Saved struct {
	Run, Delete, Close key.Binding
}

// List keys move in the results, statements and facets lists.
type List struct {
	Up, Down, Top, Bottom, PageUp, PageDown, Open key.Binding
}

// Reader keys apply in the reader.
type Reader struct {
	Up, Down, Top, Bottom, PageUp, PageDown key.Binding
	NextHit, PrevHit, NextQuote, PrevQuote  key.Binding
	Label, Select, Note, Target, Cancel     key.Binding
	Speaker                                 key.Binding
	Left, Right, WordNext, WordPrev         key.Binding
	LineStart, LineEnd                      key.Binding
	Copy, OpenURL                           key.Binding
}

// Quotes keys apply in the statements panel (quotes, turns and spans).
type Quotes struct {
	Scope, Kind, Label, Mark, MarkAll, Unmark key.Binding
	Note, Target                              key.Binding
}

// Confirm keys answer a yes/no question.
type Confirm struct {
	Yes, No key.Binding
}

// Input keys apply in an inline text input (note, target).
type Input struct {
	Save, Cancel key.Binding
}

// HelpKeys apply in the help overlay.
type HelpKeys struct {
	About key.Binding
}

// Export keys apply in the export chooser.
type Export struct {
	CSV, JSONL, MD, Cancel key.Binding
}

// KeyMap is the whole key map.
type KeyMap struct {
	Global  Global
	Search  Search
	List    List
	Reader  Reader
	Quotes  Quotes
	Input   Input
	Export  Export
	Help    HelpKeys
	Tags    Tags
	Confirm Confirm
	Saved   Saved
}

func b(keys []string, k, help string) key.Binding {
	return key.NewBinding(key.WithKeys(keys...), key.WithHelp(k, help))
}

// Default returns the pinned key map of the workbench.
func Default() *KeyMap {
	return &KeyMap{
		Global: Global{
			Quit:       b([]string{"q"}, "q", "quit (when not typing)"),
			ForceQuit:  b([]string{"ctrl+c"}, "ctrl+c", "quit, always"),
			Help:       b([]string{"?"}, "?", "help (? or esc closes)"),
			Search:     b([]string{"/"}, "/", "focus the search line"),
			NextPane:   b([]string{"tab"}, "tab", "next pane"),
			PrevPane:   b([]string{"shift+tab"}, "shift+tab", "previous pane"),
			Export:     b([]string{"e"}, "e", "export tags (csv/jsonl/md)"),
			Undo:       b([]string{"u"}, "u", "undo the last tag change"),
			Redo:       b([]string{"ctrl+r"}, "ctrl+r", "redo"),
			Tags:       b([]string{"T"}, "T", "tags pane: every tag, newest first"),
			Order:      b([]string{"O"}, "O", "order the results: relevance, newest, oldest"),
			Saved:      b([]string{"S"}, "S", "saved searches, with what is new since each ran"),
			Insights:   b([]string{"i"}, "i", "insights: stance by actor, over time, who appears with whom"),
			Adjudicate: b([]string{"D"}, "D", "disagreements between analysts: adjudicate"),
		},
		Tags: Tags{
			Filter: b([]string{"/"}, "/", "filter (enter keeps it, esc clears)"),
			Note:   b([]string{"a"}, "a", "edit the note"),
			Target: b([]string{"t"}, "t", "set the target"),
			Delete: b([]string{"d"}, "d", "delete the tag (u undoes)"),
			Copy:   b([]string{"y"}, "y", "copy the tag with its citation"),
			Close:  b([]string{"esc", "T"}, "esc", "close"),
		},
		Search: Search{
			Leave:  b([]string{"esc"}, "esc", "leave the search line"),
			Submit: b([]string{"enter"}, "enter", "go to the results"),
			Save:   b([]string{"ctrl+s"}, "ctrl+s", "save the search under a name"),
		},
		List: List{
			Up:       b([]string{"k", "up"}, "k/↑", "up"),
			Down:     b([]string{"j", "down"}, "j/↓", "down"),
			Top:      b([]string{"g", "home"}, "g", "top"),
			Bottom:   b([]string{"G", "end"}, "G", "bottom"),
			PageUp:   b([]string{"pgup"}, "pgup", "page up"),
			PageDown: b([]string{"pgdown"}, "pgdn", "page down"),
			Open:     b([]string{"enter"}, "enter", "open the article or statement / apply or remove the facet"),
		},
		Reader: Reader{
			Up:        b([]string{"k", "up"}, "k/↑", "cursor up a line"),
			Down:      b([]string{"j", "down"}, "j/↓", "cursor down a line"),
			Left:      b([]string{"h", "left"}, "h/←", "cursor left a character"),
			Right:     b([]string{"l", "right"}, "l/→", "cursor right a character"),
			WordNext:  b([]string{"w"}, "w", "next word"),
			WordPrev:  b([]string{"b"}, "b", "previous word"),
			LineStart: b([]string{"0"}, "0", "line start"),
			LineEnd:   b([]string{"$"}, "$", "line end"),
			Top:       b([]string{"g", "home"}, "g", "top"),
			Bottom:    b([]string{"G", "end"}, "G", "bottom"),
			PageUp:    b([]string{"pgup"}, "pgup", "page up"),
			PageDown:  b([]string{"pgdown"}, "pgdn", "page down"),
			NextHit:   b([]string{"n"}, "n", "next search hit"),
			PrevHit:   b([]string{"N"}, "N", "previous search hit"),
			NextQuote: b([]string{"]"}, "]", "next quote"),
			PrevQuote: b([]string{"["}, "[", "previous quote"),
			Label:     b([]string{"1", "2", "3", "4", "5", "6", "7", "8", "9"}, "1-9", "toggle codebook label"),
			Copy:      b([]string{"y"}, "y", "copy the quote or selection with its citation"),
			OpenURL:   b([]string{"o"}, "o", "open the article's URL in the browser"),
			Select:    b([]string{"v"}, "v", "anchor a selection at the cursor; moves extend it (snaps to words unless h/l)"),
			Note:      b([]string{"a"}, "a", "add/edit note on the tag"),
			Target:    b([]string{"t"}, "t", "set the target actor"),
			Speaker:   b([]string{"s"}, "s", "correct the speaker of the statement (empty: nobody)"),
			Cancel:    b([]string{"esc"}, "esc", "cancel selection"),
		},
		Quotes: Quotes{
			Scope:   b([]string{"s"}, "s", "statements: article / all matching"),
			Kind:    b([]string{"f"}, "f", "filter by kind: all / quote / turn / span"),
			Label:   b([]string{"1", "2", "3", "4", "5", "6", "7", "8", "9"}, "1-9", "tag the row, or every marked row (one undo step)"),
			Mark:    b([]string{"space"}, "space", "mark / unmark the row"),
			MarkAll: b([]string{"ctrl+a"}, "ctrl+a", "mark every statement shown or matching the query (asks above 50)"),
			Unmark:  b([]string{"esc"}, "esc", "clear the marks"),
			Note:    b([]string{"a"}, "a", "open the statement in the reader and edit its note"),
			Target:  b([]string{"t"}, "t", "open the statement in the reader and set its target"),
		},
		Input: Input{
			Save:   b([]string{"enter"}, "enter", "save"),
			Cancel: b([]string{"esc"}, "esc", "cancel"),
		},
		Help: HelpKeys{
			About: b([]string{"i"}, "i", "about: sources and attribution (i again: keys)"),
		},
		Saved: Saved{
			Run:    b([]string{"enter"}, "enter", "run the saved search"),
			Delete: b([]string{"d"}, "d", "delete it"),
			Close:  b([]string{"esc", "S"}, "esc", "close"),
		},
		Confirm: Confirm{
			Yes: b([]string{"y", "enter"}, "y", "yes"),
			No:  b([]string{"n", "esc"}, "n/esc", "no"),
		},
		Export: Export{
			CSV:    b([]string{"c"}, "c", "export csv"),
			JSONL:  b([]string{"j"}, "j", "export jsonl"),
			MD:     b([]string{"m"}, "m", "export markdown"),
			Cancel: b([]string{"esc"}, "esc", "cancel"),
		},
	}
}

// Group is a titled set of bindings, for the help overlay and the README.
type Group struct {
	Title    string
	Bindings []key.Binding
}

// Groups lists every binding, grouped as the help shows them.
func (k *KeyMap) Groups() []Group {
	g, s, l, r := k.Global, k.Search, k.List, k.Reader
	return []Group{
		{"Global", []key.Binding{g.Search, g.NextPane, g.PrevPane, g.Help, g.Order, g.Tags, g.Saved, g.Insights, g.Adjudicate, g.Export, g.Quit, g.ForceQuit}},
		{"Search line", []key.Binding{s.Leave, s.Submit, s.Save}},
		{"Saved searches (S)", []key.Binding{k.Saved.Run, k.Saved.Delete, k.Saved.Close}},
		{"Lists (results, statements, facets)", []key.Binding{l.Down, l.Up, l.Top, l.Bottom, l.PageUp, l.PageDown, l.Open}},
		{"Statements panel", []key.Binding{k.Quotes.Scope, k.Quotes.Kind, k.Quotes.Label, k.Quotes.Mark, k.Quotes.MarkAll, k.Quotes.Unmark, k.Quotes.Note, k.Quotes.Target}},
		{"Reader", []key.Binding{r.Down, r.Up, r.Left, r.Right, r.WordNext, r.WordPrev, r.LineStart, r.LineEnd, r.Top, r.Bottom, r.PageUp, r.PageDown, r.NextHit, r.PrevHit, r.NextQuote, r.PrevQuote, r.Copy, r.OpenURL}},
		{"Tagging", []key.Binding{r.Label, r.Select, r.Cancel, r.Note, r.Target, r.Speaker, g.Undo, g.Redo}},
		{"Note and target input", []key.Binding{k.Input.Save, k.Input.Cancel}},
		{"Tags pane (T)", []key.Binding{l.Open, k.Tags.Filter, k.Tags.Note, k.Tags.Target, k.Tags.Delete, g.Undo, k.Tags.Copy, k.Tags.Close}},
		{"Export chooser", []key.Binding{k.Export.CSV, k.Export.JSONL, k.Export.MD, k.Export.Cancel}},
		{"Help", []key.Binding{k.Help.About}},
	}
}
