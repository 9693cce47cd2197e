package analyze

import (
	"strings"
	"unicode"
	"unicode/utf8"
)

// foldTable maps Latin letters with diacritics (U+00C0..U+024F) to their
// lower-case base letter; 0 means "use unicode.ToLower".
var foldTable [0x250]rune

func init() {
	groups := map[rune]string{
		'a': "ÀÁÂÃÄÅàáâãäåĀāĂăĄąǍǎǞǟǠǡǺǻȀȁȂȃȦȧ",
		'c': "ÇçĆćĈĉĊċČčƇƈ",
		'd': "ÐðĎďĐđ",
		'e': "ÈÉÊËèéêëĒēĔĕĖėĘęĚěȄȅȆȇȨȩ",
		'g': "ĜĝĞğĠġĢģǦǧǴǵ",
		'h': "ĤĥĦħȞȟ",
		'i': "ÌÍÎÏìíîïĨĩĪīĬĭĮįİıǏǐȈȉȊȋ",
		'j': "Ĵĵǰ",
		'k': "ĶķĸǨǩ",
		'l': "ĹĺĻļĽľĿŀŁł",
		'n': "ÑñŃńŅņŇňŉǸǹ",
		'o': "ÒÓÔÕÖØòóôõöøŌōŎŏŐőǑǒǪǫǾǿȌȍȎȏȪȫȬȭȮȯȰȱ",
		'r': "ŔŕŖŗŘřȐȑȒȓ",
		's': "ŚśŜŝŞşŠšſȘș",
		't': "ŢţŤťŦŧȚț",
		'u': "ÙÚÛÜùúûüŨũŪūŬŭŮůŰűŲųǓǔǕǖǗǘǙǚǛǜȔȕȖȗ",
		'w': "Ŵŵ",
		'y': "ÝýÿŶŷŸȲȳ",
		'z': "ŹźŻżŽžƵƶ",
	}
	for base, s := range groups {
		for _, r := range s {
			if r < rune(len(foldTable)) {
				foldTable[r] = base
			}
		}
	}
}

// foldRune lower-cases r and strips its diacritics. It returns -1 for
// runes that matching ignores (combining marks) and maps every kind of
// apostrophe to ' and every space to ' '.
func foldRune(r rune) rune {
	if r < utf8.RuneSelf {
		if 'A' <= r && r <= 'Z' {
			return r + 'a' - 'A'
		}
		if r == '\t' || r == '\n' || r == '\r' {
			return ' '
		}
		return r
	}
	if r < rune(len(foldTable)) {
		if f := foldTable[r]; f != 0 {
			return f
		}
	}
	switch {
	case r == '\u2019' || r == '\u2018' || r == '\u02bc' || r == '\u2032':
		return '\''
	case r == '\u00a0' || r == '\u2009' || r == '\u202f' || r == '\u2007':
		return ' '
	case r == '\u2010' || r == '\u2011':
		return '-'
	case r >= 0x300 && r < 0x370: // combining diacritical marks
		return -1
	}
	return unicode.ToLower(r)
}

// foldString folds every rune of s and collapses runs of spaces; the key
// used for registry lookups and for the mention automaton's patterns.
func foldString(s string) string {
	var b strings.Builder
	b.Grow(len(s))
	space := true // drop leading spaces
	for _, r := range s {
		f := foldRune(r)
		if f < 0 {
			continue
		}
		if f == ' ' || unicode.IsSpace(f) {
			if space {
				continue
			}
			space = true
			b.WriteByte(' ')
			continue
		}
		space = false
		b.WriteRune(f)
	}
	return strings.TrimRight(b.String(), " ")
}

// isWordRune reports whether r is part of a word (for whole-word matching).
func isWordRune(r rune) bool {
	if r >= 0 && r < utf8.RuneSelf {
		return asciiWord[r]
	}
	return unicode.IsLetter(r) || unicode.IsDigit(r) || unicode.Is(unicode.Mn, r)
}

// asciiWord: the ASCII word runes, letters, digits and '_'.
var asciiWord = func() (t [utf8.RuneSelf]bool) {
	for r := rune(0); r < utf8.RuneSelf; r++ {
		t[r] = 'a' <= r && r <= 'z' || 'A' <= r && r <= 'Z' || '0' <= r && r <= '9' || r == '_'
	}
	return t
}()
