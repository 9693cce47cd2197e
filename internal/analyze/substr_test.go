package analyze

import (
	"strings"
	"testing"
	"unicode/utf8"
)

// TestQuoteTextIsItsRunes: a quote's text, cut from the body by byte
// offsets, is string(runes[Start:End]) of the body, with multi-byte runes
// and an emoji before the quote, across byteAt's marks (every 64 runes),
// and with bad bytes (read as U+FFFD both ways).
func TestQuoteTextIsItsRunes(t *testing.T) {
	a := New(defaultRegistry(t))
	long := strings.Repeat("Ж", 63) + " "
	bodies := []string{
		`Putin said: "We will not give up."`,
		"😀 Путин сказал: «Мы не отступим», добавил он.\n\n“Ещё одна цитата здесь,” — сказал он.",
		long + `Putin said: "` + long + long + `" and left.`,
		strings.Repeat("x", 64) + ` He said "Exactly sixty-four before this quote."`,
		"Bad \xff byte: Putin said, \"A quote \xfe with a bad byte.\"",
		`Quote at the very end: "` + strings.Repeat("ab ", 30) + `"`,
	}
	n := 0
	for _, b := range bodies {
		rs := []rune(b)
		an := a.AnalyzeDoc("d", b)
		for _, q := range an.Quotes {
			n++
			if want := string(rs[q.Start:q.End]); q.Text != want {
				t.Errorf("%q: quote %d-%d text %q, want %q", b, q.Start, q.End, q.Text, want)
			}
		}
	}
	if n < len(bodies) {
		t.Fatalf("only %d quotes in %d bodies", n, len(bodies))
	}
}

// TestSubstrAtEveryOffset: substr is string(runes[s:e]) for every span,
// valid bodies (ASCII, multi-byte runes across byteAt's marks) and not.
func TestSubstrAtEveryOffset(t *testing.T) {
	for _, b := range []string{"", "a", strings.Repeat("aЖ😀", 70), strings.Repeat("x", 128), "ok \xff\xfe bad \ufffd"} {
		rs := []rune(b)
		sc := &scratch{runes: rs, body: b, valid: utf8.ValidString(b)}
		k := 0
		for bi := range b {
			if k%byteAtStep == 0 {
				sc.byteAt = append(sc.byteAt, bi)
			}
			k++
		}
		for s := 0; s <= len(rs); s++ {
			for e := s; e <= len(rs); e++ {
				if got, want := sc.substr(s, e), string(rs[s:e]); got != want {
					t.Fatalf("%q: substr(%d, %d) = %q, want %q", b, s, e, got, want)
				}
			}
		}
	}
}
