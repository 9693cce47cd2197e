package analyze

import (
	"strings"
	"testing"
)

func TestJoinFieldsIsJoinOfFields(t *testing.T) {
	for _, s := range []string{"", " ", "Barack  Obama", "\u00a0Jane\tRoe\n", "Jean-Luc\u2009Picard ", "a\u0085b", "\ufffd x", "  Ольга   Петрова  "} {
		want := strings.Join(strings.Fields(s), " ")
		if got := joinFields([]rune(s)); got != want {
			t.Errorf("joinFields(%q) = %q, want %q", s, got, want)
		}
	}
}

func FuzzJoinFields(f *testing.F) {
	f.Add("Jane \u00a0Roe")
	f.Fuzz(func(t *testing.T, s string) {
		rs := []rune(s)
		if got, want := joinFields(rs), strings.Join(strings.Fields(string(rs)), " "); got != want {
			t.Errorf("joinFields(%q) = %q, want %q", s, got, want)
		}
	})
}

func TestParaEnd(t *testing.T) {
	for _, s := range []string{"", "\n", "a", "abc\n", "abcd\n", "abcde\nf", "abcdefgh", "ab\ncd\nef", "abcdefg\n\n"} {
		rs := []rune(s)
		for i := 0; i <= len(rs); i++ {
			want := i
			for want < len(rs) && rs[want] != '\n' {
				want++
			}
			if got := paraEnd(rs, i); got != want {
				t.Errorf("paraEnd(%q, %d) = %d, want %d", s, i, got, want)
			}
		}
	}
}
