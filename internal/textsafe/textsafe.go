// Package textsafe is the one sanitiser for corpus text on its way to a
// terminal. Every path that prints corpus text (TUI, show, search, quotes,
// tags, Markdown export) calls Clean; everything else trusts its output.
//
// Clean removes ANSI escape sequences (CSI, OSC, DCS, SOS, PM, APC and
// two-byte ESC sequences), C0 and C1 control characters except newline and
// tab, DEL, and the Unicode bidirectional overrides and isolates that can
// reorder what a reader sees. Invalid UTF-8 becomes U+FFFD.
//
// Invisible characters that can make two different strings look the same
// ("Pu\u200btin" and "Putin") are shown, one for one, as Invisible (◌):
// zero-width space, non-joiner and joiner (U+200B-U+200D), word joiner and
// invisible operators (U+2060-U+2064), the Mongolian vowel separator
// (U+180E), U+FEFF and the tag characters (U+E0000-U+E007F). The line and
// paragraph separators U+2028/U+2029 become newlines. The data keeps them
// all; only what is shown changes.
//
// JSON output does not use Clean: JSONEncoder and EscapeJSON escape every
// character Clean would change as \uXXXX, so the data stays exact and safe
// to cat.
package textsafe

import (
	"strings"
	"unicode/utf8"
)

// Invisible is what Clean shows in place of an invisible character.
const Invisible = "\u25cc"

// Clean returns s with escape sequences and unsafe characters removed.
// Newlines and tabs are kept.
func Clean(s string) string {
	if isClean(s) {
		return s
	}
	return clean(s, nil)
}

// CleanMap is Clean that also returns where each code point of s went: m has
// one entry per code point of s plus one, and m[i] is the code point offset
// in the cleaned text of s's code point i (removed characters map to the
// position of what follows them). A span [start, end) of s (code points)
// is [m[start], m[end]) of the cleaned text, so highlights computed on the
// raw text can be placed after cleaning.
func CleanMap(s string) (string, []int) {
	m := make([]int, 0, utf8.RuneCountInString(s)+1)
	out := clean(s, &m)
	return out, m
}

func clean(s string, m *[]int) string {
	var b strings.Builder
	b.Grow(len(s))
	n := 0 // code points written
	// skip records that the code points of s[i:j] were dropped.
	skip := func(i, j int) {
		if m != nil {
			for k := utf8.RuneCountInString(s[i:j]); k > 0; k-- {
				*m = append(*m, n)
			}
		}
	}
	put := func(str string) {
		if m != nil {
			*m = append(*m, n)
		}
		b.WriteString(str)
		n++
	}
	for i := 0; i < len(s); {
		r, size := utf8.DecodeRuneInString(s[i:])
		if r == utf8.RuneError && size <= 1 {
			put("\ufffd")
			i++
			continue
		}
		switch {
		case r == 0x1b: // ESC
			j := i + skipEscape(s[i+1:]) + 1
			skip(i, j)
			i = j
			continue
		case r == 0x9b: // C1 CSI
			j := i + size + skipCSIBody(s[i+size:])
			skip(i, j)
			i = j
			continue
		case r == 0x9d || r == 0x90 || r == 0x98 || r == 0x9e || r == 0x9f: // C1 OSC, DCS, SOS, PM, APC
			j := i + size + skipString(s[i+size:])
			skip(i, j)
			i = j
			continue
		case unsafeRune(r):
			skip(i, i+size)
			i += size
			continue
		case invisibleRune(r):
			put(Invisible)
			i += size
			continue
		case r == 0x2028 || r == 0x2029:
			put("\n")
			i += size
			continue
		}
		put(s[i : i+size])
		i += size
	}
	if m != nil {
		*m = append(*m, n)
	}
	return b.String()
}

// invisibleRune reports characters Clean shows as Invisible.
func invisibleRune(r rune) bool {
	switch {
	case r >= 0x200b && r <= 0x200d, r >= 0x2060 && r <= 0x2064, r == 0x180e, r == 0xfeff:
		return true
	case r >= 0xe0000 && r <= 0xe007f:
		return true
	}
	return false
}

// CleanLine is Clean that also turns newlines and tabs into spaces, for text
// shown on one line (titles, list rows, status messages).
func CleanLine(s string) string {
	s = Clean(s)
	if strings.ContainsAny(s, "\n\t\r") {
		s = strings.Map(func(r rune) rune {
			if r == '\n' || r == '\t' || r == '\r' {
				return ' '
			}
			return r
		}, s)
	}
	return s
}

func isClean(s string) bool {
	for i := 0; i < len(s); i++ {
		c := s[i]
		if c < 0x20 && c != '\n' && c != '\t' || c == 0x7f {
			return false
		}
		if c >= 0x80 {
			// Fall back to the slow path for non-ASCII: it checks C1,
			// bidi controls and invalid UTF-8.
			return !hasUnsafeNonASCII(s[i:])
		}
	}
	return true
}

func hasUnsafeNonASCII(s string) bool {
	for i := 0; i < len(s); {
		r, size := utf8.DecodeRuneInString(s[i:])
		if r == utf8.RuneError && size <= 1 {
			return true
		}
		if r == 0x1b || unsafeRune(r) || (r >= 0x80 && r <= 0x9f) || invisibleRune(r) || r == 0x2028 || r == 0x2029 {
			return true
		}
		i += size
	}
	return false
}

// unsafeRune reports characters dropped on their own.
func unsafeRune(r rune) bool {
	switch {
	case r == '\n' || r == '\t':
		return false
	case r < 0x20 || r == 0x7f:
		return true
	case r >= 0x80 && r <= 0x9f: // C1 controls
		return true
	case r >= 0x202a && r <= 0x202e: // LRE RLE PDF LRO RLO
		return true
	case r >= 0x2066 && r <= 0x2069: // LRI RLI FSI PDI
		return true
	case r == 0x200e || r == 0x200f || r == 0x061c: // LRM RLM ALM
		return true
	}
	return false
}

// skipEscape returns how many bytes after an ESC belong to its sequence.
func skipEscape(s string) int {
	if s == "" {
		return 0
	}
	switch s[0] {
	case '[':
		return 1 + skipCSIBody(s[1:])
	case ']', 'P', 'X', '^', '_':
		return 1 + skipString(s[1:])
	}
	// ESC followed by intermediates (0x20-0x2f) then one final byte.
	n := 0
	for n < len(s) && s[n] >= 0x20 && s[n] <= 0x2f {
		n++
	}
	if n < len(s) && s[n] >= 0x30 && s[n] <= 0x7e {
		n++
	}
	return n
}

// skipCSIBody skips parameter and intermediate bytes and the final byte of a
// CSI sequence. It stops early at anything that cannot be part of one.
func skipCSIBody(s string) int {
	n := 0
	for n < len(s) && s[n] >= 0x20 && s[n] <= 0x3f {
		n++
	}
	if n < len(s) && s[n] >= 0x40 && s[n] <= 0x7e {
		n++
	}
	return n
}

// skipString skips the body of an OSC/DCS/SOS/PM/APC string up to and
// including its terminator (BEL, ESC \ or C1 ST). An unterminated string is
// dropped to the end of the text.
func skipString(s string) int {
	for i := 0; i < len(s); i++ {
		switch s[i] {
		case 0x07:
			return i + 1
		case 0x1b:
			if i+1 < len(s) && s[i+1] == '\\' {
				return i + 2
			}
			return i + 1
		case 0xc2:
			if i+1 < len(s) && s[i+1] == 0x9c { // U+009C ST
				return i + 2
			}
		}
	}
	return len(s)
}
