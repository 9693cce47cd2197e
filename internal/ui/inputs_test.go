package ui

import (
	"strings"
	"testing"
)

// printable is every printable ASCII character and a few others.
func printable() string {
	var b strings.Builder
	for r := rune(0x20); r < 0x7f; r++ {
		b.WriteRune(r)
	}
	b.WriteString("éж€✓")
	return b.String()
}

// No key typed into a text input reaches another pane or mode: every
// printable character is text in the search line, the note and the target.
func TestNoKeyLeaksFromTextInputs(t *testing.T) {
	text := printable()
	calm := func(d *driver, where, focus string) {
		t.Helper()
		if d.quit || d.m.showHelp || d.m.exporting || d.m.Focused() != focus {
			t.Fatalf("%s: a key ran as a command: quit %v help %v export %v focus %s", where, d.quit, d.m.showHelp, d.m.exporting, d.m.Focused())
		}
	}

	d := newDriver(t, 120, 40)
	d.typeText("x" + text)
	calm(d, "search line", "search")
	if got := d.m.search.Value(); got != "x"+text {
		t.Fatalf("search line: %q", got)
	}

	for _, in := range []struct{ key, name string }{{"a", "note"}, {"t", "target"}} {
		d := newDriver(t, 120, 40)
		d.open("ushakov")
		d.keys("]", "1", in.key)
		if !d.m.reader.Typing() {
			t.Fatalf("%s input did not open", in.name)
		}
		d.typeText(text)
		calm(d, in.name, "reader")
		if !d.m.reader.Typing() || d.m.reader.InputValue() != text {
			t.Fatalf("%s input: typing %v, value %q", in.name, d.m.reader.Typing(), d.m.reader.InputValue())
		}
		tags := d.tags("fx-ushakov-talks")
		if len(tags) != 1 || tags[0].Note != "" || tags[0].Target != "" {
			t.Fatalf("%s: the store changed while typing: %+v", in.name, tags)
		}
		d.keys("esc")
		if d.m.reader.Typing() || d.tags("fx-ushakov-talks")[0].Note != "" {
			t.Fatalf("%s: esc did not cancel", in.name)
		}
	}

	// The speaker input (s): prefilled with the statement's speaker.
	{
		d := newDriver(t, 120, 40)
		d.open("ushakov")
		d.keys("]", "s")
		for d.m.reader.Typing() && d.m.reader.InputValue() != "" {
			d.keys("backspace")
		}
		d.typeText(text)
		calm(d, "speaker", "reader")
		if !d.m.reader.Typing() || d.m.reader.InputValue() != text {
			t.Fatalf("speaker input: typing %v, value %q", d.m.reader.Typing(), d.m.reader.InputValue())
		}
		d.keys("esc")
		if d.m.reader.Typing() {
			t.Fatal("speaker: esc did not cancel")
		}
	}

	// The tags pane's filter, note and target.
	for _, in := range []string{"/", "a", "t"} {
		d := newDriver(t, 120, 40)
		d.open("ushakov")
		d.keys("]", "1", "T", in)
		if !d.m.tagList.Typing() {
			t.Fatalf("tags pane %s did not open an input", in)
		}
		d.typeText(text)
		if d.quit || d.m.exporting || !d.m.showTags || !d.m.tagList.Typing() || d.m.tagList.InputValue() != text {
			t.Fatalf("tags pane %s: a key ran as a command: quit %v showTags %v typing %v value %q", in, d.quit, d.m.showTags, d.m.tagList.Typing(), d.m.tagList.InputValue())
		}
		if tags := d.tags("fx-ushakov-talks"); len(tags) != 1 || tags[0].Note != "" || tags[0].Target != "" {
			t.Fatalf("tags pane %s: the store changed while typing: %+v", in, tags)
		}
	}
}
