package textsafe

import (
	"strings"
	"testing"
	"unicode/utf8"
)

// Issue 12 item 13: zero-width characters, tag characters and U+2028/2029
// reached the screen ("Pu\u200btin" looked like "Putin").
func TestCleanShowsInvisibleCharacters(t *testing.T) {
	cases := []struct{ name, in, want string }{
		{"zero-width space", "Pu\u200btin", "Pu" + Invisible + "tin"},
		{"zwnj zwj", "a\u200cb\u200dc", "a" + Invisible + "b" + Invisible + "c"},
		{"word joiner", "a\u2060b", "a" + Invisible + "b"},
		{"bom inside", "a\ufeffb", "a" + Invisible + "b"},
		{"tag characters", "x\U000E0041\U000E007Fy", "x" + Invisible + Invisible + "y"},
		{"line separator", "a\u2028b", "a\nb"},
		{"paragraph separator", "a\u2029b", "a\nb"},
	}
	for _, c := range cases {
		if got := Clean(c.in); got != c.want {
			t.Errorf("%s: Clean(%q) = %q, want %q", c.name, c.in, got, c.want)
		}
	}
	if got := CleanLine("a\u2028b\u2029c"); got != "a b c" {
		t.Errorf("CleanLine = %q", got)
	}
}

// CleanMap's offsets place a highlight computed on the raw text onto the
// cleaned text (issue 12 item 11).
func TestCleanMapOffsets(t *testing.T) {
	raw := "H\x1b]8;;http://evil.example/\x07OSTILE\x1b]8;;\x07-bel \U0001F600 Putin"
	out, m := CleanMap(raw)
	if out != "HOSTILE-bel \U0001F600 Putin" {
		t.Fatalf("cleaned %q", out)
	}
	if len(m) != utf8.RuneCountInString(raw)+1 {
		t.Fatalf("map has %d entries for %d code points", len(m), utf8.RuneCountInString(raw))
	}
	rr := []rune(raw)
	start := strings.Index(string(rr), "Putin")
	start = utf8.RuneCountInString(raw[:start])
	end := start + 5
	or := []rune(out)
	if got := string(or[m[start]:m[end]]); got != "Putin" {
		t.Fatalf("mapped span %q", got)
	}
	if got := string(or[m[0]:m[utf8.RuneCountInString("H\x1b]8;;http://evil.example/\x07OSTILE")]]); got != "HOSTILE" {
		t.Fatalf("mapped span across an escape %q", got)
	}
	if m[len(m)-1] != len(or) {
		t.Fatalf("end maps to %d, want %d", m[len(m)-1], len(or))
	}
	// Clean text maps to itself.
	s, m := CleanMap("plain")
	if s != "plain" || len(m) != 6 || m[3] != 3 {
		t.Fatalf("identity map %q %v", s, m)
	}
}
