// Package textsafe is the one sanitiser for corpus text on its way to a
// terminal. Every path that prints corpus text (TUI, show, search, quotes,
// tags, Markdown export) calls Clean; everything else trusts its output.
//
// Clean removes ANSI escape sequences (CSI, OSC, DCS, SOS, PM, APC and
// two-byte ESC sequences), C0 and C1 control characters except newline and
// tab, DEL, and the Unicode bidirectional overrides and isolates that can
// reorder what a reader sees. Invalid UTF-8 becomes U+FFFD.
//
// JSON output does not use Clean: encoding/json escapes control characters,
// so the data stays exact.
package textsafe

import (
	"strings"
	"unicode/utf8"
)

// Clean returns s with escape sequences and unsafe characters removed.
// Newlines and tabs are kept.
func Clean(s string) string {
	if isClean(s) {
		return s
	}
	var b strings.Builder
	b.Grow(len(s))
	for i := 0; i < len(s); {
		r, size := utf8.DecodeRuneInString(s[i:])
		if r == utf8.RuneError && size <= 1 {
			b.WriteRune(utf8.RuneError)
			i++
			continue
		}
		switch {
		case r == 0x1b: // ESC
			i += skipEscape(s[i+1:]) + 1
			continue
		case r == 0x9b: // C1 CSI
			i += size + skipCSIBody(s[i+size:])
			continue
		case r == 0x9d || r == 0x90 || r == 0x98 || r == 0x9e || r == 0x9f: // C1 OSC, DCS, SOS, PM, APC
			i += size + skipString(s[i+size:])
			continue
		case unsafeRune(r):
			i += size
			continue
		}
		b.WriteString(s[i : i+size])
		i += size
	}
	return b.String()
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
		if r == 0x1b || unsafeRune(r) || (r >= 0x80 && r <= 0x9f) {
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
