package textsafe

import (
	"strings"
	"testing"
	"unicode/utf8"
)

func TestClean(t *testing.T) {
	cases := []struct{ name, in, want string }{
		{"plain", "Putin said “yes”.\n\tOk", "Putin said “yes”.\n\tOk"},
		{"csi colour", "a\x1b[31mred\x1b[0m b", "ared b"},
		{"csi clear screen", "x\x1b[2J\x1b[Hy", "xy"},
		{"osc title bel", "a\x1b]0;pwned\x07b", "ab"},
		{"osc hyperlink st", "a\x1b]8;;http://evil\x1b\\link\x1b]8;;\x1b\\b", "alinkb"},
		{"dcs", "a\x1bPq#0;2;0;0;0\x1b\\b", "ab"},
		{"apc unterminated", "a\x1b_Gf=100;AAAA", "a"},
		{"c1 csi", "a\u009b31mb", "ab"},
		{"c1 osc", "a\u009d0;t\u009cb", "ab"},
		{"c0 controls", "a\x00b\x07c\x08d\re\x7ff", "abcdef"},
		{"bidi override", "abc\u202edcba\u202c!", "abcdcba!"},
		{"bidi isolate", "\u2066x\u2069", "x"},
		{"invalid utf8", "a\xffb", "a\ufffdb"},
		{"two-byte esc", "a\x1bcb", "ab"},
		{"lone esc at end", "ab\x1b", "ab"},
	}
	for _, c := range cases {
		if got := Clean(c.in); got != c.want {
			t.Errorf("%s: Clean(%q) = %q, want %q", c.name, c.in, got, c.want)
		}
	}
}

func TestCleanLine(t *testing.T) {
	if got := CleanLine("a\nb\tc\x1b[1m"); got != "a b c" {
		t.Fatalf("CleanLine = %q", got)
	}
}

func FuzzClean(f *testing.F) {
	for _, s := range []string{"", "plain", "\x1b[31m", "\x1b]0;t\x07", "\u202e", "\x9b1m", "\xc2\x9b2J", "a\x1bP", "\xff\xfe", "Pu\u200btin", "a\u2028b", "\U000E0041"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		out := Clean(s)
		if !utf8.ValidString(out) {
			t.Fatalf("invalid UTF-8 out of %q", s)
		}
		for _, r := range out {
			if r == 0x1b || (r < 0x20 && r != '\n' && r != '\t') || r == 0x7f || (r >= 0x80 && r <= 0x9f) || unsafeRune(r) {
				t.Fatalf("unsafe rune %U left in Clean(%q) = %q", r, s, out)
			}
		}
		if Clean(out) != out {
			t.Fatalf("Clean not idempotent on %q", s)
		}
		if strings.Count(out, "\n") > strings.Count(s, "\n")+strings.Count(s, "\u2028")+strings.Count(s, "\u2029") {
			t.Fatalf("newlines added")
		}
		for _, r := range out {
			if invisibleRune(r) || r == 0x2028 || r == 0x2029 {
				t.Fatalf("invisible rune %U left in Clean(%q)", r, s)
			}
		}
		cm, m := CleanMap(s)
		if cm != out || len(m) != utf8.RuneCountInString(s)+1 || m[len(m)-1] != utf8.RuneCountInString(out) {
			t.Fatalf("CleanMap(%q) = %q, %v; Clean gives %q", s, cm, m, out)
		}
		for i := 1; i < len(m); i++ {
			if m[i] < m[i-1] || m[i]-m[i-1] > 1 {
				t.Fatalf("CleanMap(%q) map not monotone by steps of 0 or 1: %v", s, m)
			}
		}
	})
}
