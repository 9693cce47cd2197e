package index

import (
	"unicode"
	"unicode/utf8"

	"github.com/workbench-dev/workbench/internal/model"
)

// termKeys are the first (up to) three runes of each highlight term. A word
// can only be marked when its own first runes, lower-cased, are one of them:
// porter stemming only rewrites endings, so a word's term starts like the
// word. Checking that costs no allocation and no analysis, which is what
// lets the fragments of a 230 KB transcript skip its windows without a
// match cheaply.
type termKeys struct {
	keys  map[string]bool
	first [256]bool // the first byte of each key
}

func newTermKeys(set map[string]bool) *termKeys {
	k := &termKeys{keys: make(map[string]bool, len(set))}
	for t := range set {
		key := firstRunes(t, 3)
		if key == "" {
			continue
		}
		k.keys[key] = true
		k.first[key[0]] = true
	}
	return k
}

// candidate reports whether word (a word as markTerms cuts it) starts with a
// key: its first three runes lower-cased, or its first two, or its first.
func (k *termKeys) candidate(word string) bool {
	var buf [3 * utf8.UTFMax]byte
	var ends [3]int
	b, n := buf[:0], 0
	for _, r := range word {
		if n == 3 {
			break
		}
		b = utf8.AppendRune(b, unicode.ToLower(r))
		ends[n] = len(b)
		n++
	}
	if n == 0 || !k.first[b[0]] {
		return false
	}
	for i := n; i >= 1; i-- {
		if k.keys[string(b[:ends[i-1]])] {
			return true
		}
	}
	return false
}

// wordRune is markTerms's definition of a letter of a word (an apostrophe
// between letters is handled by the callers).
func wordRune(r rune) bool {
	if r < utf8.RuneSelf {
		c := byte(r) | 0x20
		return 'a' <= c && c <= 'z' || '0' <= r && r <= '9'
	}
	return unicode.IsLetter(r) || unicode.IsDigit(r) || unicode.Is(unicode.Mn, r)
}

// inWordApostrophe reports whether the apostrophe r at text[i:] belongs to
// the word before it: a letter follows (Putin's).
func inWordApostrophe(text string, i int, r rune) bool {
	if r != '\'' && r != '’' {
		return false
	}
	n, _ := utf8.DecodeRuneInString(text[i+utf8.RuneLen(r):])
	return unicode.IsLetter(n)
}

// mayMark reports whether markTerms(textsafe.Clean(text), ...) can find a
// mark: some word of text is a candidate, or text holds a control or format
// character (Clean drops escape sequences, controls and bidi marks, which
// can join two words into one; such text always takes the exact path).
func (k *termKeys) mayMark(text string) bool {
	prev := false
	for i := 0; i < len(text); {
		c := text[i]
		if c < utf8.RuneSelf {
			switch class := asciiClass[c]; {
			case class == asciiWord:
				if !prev && k.first[c|lowerBit(c)] && k.candidate(wordAt(text[i:])) {
					return true
				}
				prev = true
			case class == asciiControl:
				return true
			default:
				prev = prev && inWordApostrophe(text, i, rune(c))
			}
			i++
			continue
		}
		r, size := utf8.DecodeRuneInString(text[i:])
		if unicode.Is(unicode.Cc, r) || unicode.Is(unicode.Cf, r) {
			return true
		}
		in := wordRune(r) || prev && inWordApostrophe(text, i, r)
		if in && !prev && k.first[lowerLead(text[i:])] && k.candidate(wordAt(text[i:])) {
			return true
		}
		prev = in
		i += size
	}
	return false
}

// The classes of ASCII bytes for the word scans: letters and digits,
// controls textsafe.Clean drops (all but newline and tab), the rest.
const (
	asciiOther = iota
	asciiWord
	asciiControl
)

var asciiClass = func() (t [utf8.RuneSelf]uint8) {
	for c := range t {
		switch {
		case 'a' <= c && c <= 'z', 'A' <= c && c <= 'Z', '0' <= c && c <= '9':
			t[c] = asciiWord
		case c < 0x20 && c != '\n' && c != '\t', c == 0x7f:
			t[c] = asciiControl
		}
	}
	return t
}()

// lowerBit is what makes an ASCII capital lower case (0 for other bytes).
func lowerBit(c byte) byte {
	if 'A' <= c && c <= 'Z' {
		return 0x20
	}
	return 0
}

// lowerLead is the first byte of the lower-cased first rune of s (non-empty).
func lowerLead(s string) byte {
	c := s[0]
	if c < utf8.RuneSelf {
		if 'A' <= c && c <= 'Z' {
			return c + 'a' - 'A'
		}
		return c
	}
	r, _ := utf8.DecodeRuneInString(s)
	var b [utf8.UTFMax]byte
	utf8.EncodeRune(b[:], unicode.ToLower(r))
	return b[0]
}

// wordAt is the word starting at s[0] as markTerms cuts it, up to its
// first three runes (all candidate needs).
func wordAt(s string) string {
	n := 0
	for i, r := range s {
		if n == 3 || !(wordRune(r) || i > 0 && inWordApostrophe(s, i, r)) {
			return s[:i]
		}
		n++
	}
	return s
}

// scanMarks is markTerms: the code-point spans of the words of text whose
// analysed term is in set. Running the analyzer over whole bodies cost
// ~0.25 ms per 3.5 KB hit; instead words are cut cheaply and only those
// that start like a term (keys) are analysed. clean reports whether
// textsafe.Clean would leave text unchanged (no invalid UTF-8, control,
// format, line or paragraph separator, or tag character), so that a caller
// can skip cleaning it.
func (ix *Index) scanMarks(text string, set map[string]bool, keys *termKeys) (out []model.Span, clean bool) {
	clean = true
	cp, last := 0, 0 // code points in text[:last]
	// Candidates repeat (the, that, this for a term starting with t):
	// each distinct word is analysed once.
	var analysed map[string]bool
	check := func(s, e int) {
		w := text[s:e]
		if !keys.first[lowerLead(w)] || !keys.candidate(w) {
			return
		}
		hit, ok := analysed[w]
		if !ok {
			for _, t := range ix.analyzer.Analyze([]byte(w)) {
				if set[string(t.Term)] {
					hit = true
					break
				}
			}
			if analysed == nil {
				analysed = map[string]bool{}
			}
			analysed[w] = hit
		}
		if hit {
			cp += utf8.RuneCountInString(text[last:s])
			last = s
			out = append(out, model.Span{Start: cp, End: cp + utf8.RuneCountInString(w)})
		}
	}
	wordStart := -1
	for i := 0; i < len(text); {
		c := text[i]
		if c < utf8.RuneSelf {
			switch asciiClass[c] {
			case asciiWord:
				if wordStart < 0 {
					wordStart = i
				}
				i++
				continue
			case asciiControl:
				clean = false
			}
			// An apostrophe inside a word (Putin's) belongs to it.
			if wordStart >= 0 && !inWordApostrophe(text, i, rune(c)) {
				check(wordStart, i)
				wordStart = -1
			}
			i++
			continue
		}
		r, size := utf8.DecodeRuneInString(text[i:])
		if clean && changedByClean(r, size) {
			clean = false
		}
		in := wordRune(r) || wordStart >= 0 && inWordApostrophe(text, i, r)
		switch {
		case in && wordStart < 0:
			wordStart = i
		case !in && wordStart >= 0:
			check(wordStart, i)
			wordStart = -1
		}
		i += size
	}
	if wordStart >= 0 {
		check(wordStart, len(text))
	}
	return out, clean
}

// changedByClean reports the non-ASCII runes textsafe.Clean may drop or
// replace (a superset: every control and format character, invalid UTF-8,
// the line and paragraph separators, the tag block).
func changedByClean(r rune, size int) bool {
	return r == utf8.RuneError && size <= 1 || r == 0x2028 || r == 0x2029 || r >= 0xe0000 && r <= 0xe007f ||
		unicode.Is(unicode.Cc, r) || unicode.Is(unicode.Cf, r)
}
