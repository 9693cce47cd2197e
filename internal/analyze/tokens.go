package analyze

import (
	"math"
	"unicode"
	"unsafe"
)

// Token kinds.
const (
	tWord  uint8 = iota
	tPunct       // one punctuation rune
	tQuote       // a whole quotation segment, marks included
	tPara        // paragraph break
)

// token is a word, a punctuation mark, a whole quotation, or a paragraph
// break; s and e are rune offsets.
type token struct {
	s, e int32
	kind uint8
	cap  bool  // word starting with an upper-case letter
	q    int32 // quotation index for tQuote, else -1
	sent int32 // sentence number
}

// doc is the working state of one analysis.
type doc struct {
	text   []rune
	segs   []segment
	toks   []token
	paraOf []int32 // paragraph number per token
	// Memo of word: the folded text of token i is wbuf[wlo[i]:whi[i]]
	// when wlo[i] >= 0.
	wbuf     []byte
	wlo, whi []int32
	cue      []int8 // memo of isCue per token: 0 unknown, 1 yes, -1 no
	// Per sentence: token range [sLo, sHi) without paragraph breaks, and
	// whether it holds a quotation.
	sLo, sHi  []int32
	sHasQuote []bool
}

func isDQ(r rune) bool {
	if r < '«' {
		return r == '"' // one test for most runes
	}
	switch r {
	case '"', '“', '”', '„', '‟', '«', '»':
		return true
	}
	return false
}

func isSpaceRune(r rune) bool {
	if uint32(r) < 128 {
		return asciiSpace[r]
	}
	return unicode.IsSpace(r)
}

// asciiSpace: the ASCII spaces, ' ', '\t', '\n', '\r', '\f' and '\v'.
var asciiSpace = [128]bool{' ': true, '\t': true, '\n': true, '\r': true, '\f': true, '\v': true}

// wordChar: letters, digits, and marks.
func wordChar(r rune) bool {
	if uint32(r) < 128 {
		return asciiWord[r] // inlined: most runes are ASCII
	}
	return isWordRune(r)
}

// tokenize splits the text into tokens; quotation segments become single
// tQuote tokens; marks that pair with nothing are punctuation.
func (d *doc) tokenize() {
	text := d.text
	n := len(text)
	if cap(d.toks) < n/5+8 {
		d.toks = make([]token, 0, n/5+8)
	}
	d.toks = d.toks[:0]
	d.paraOf = d.paraOf[:0]
	si := 0             // next segment
	next := math.MaxInt // its markStart
	if len(d.segs) > 0 {
		next = d.segs[0].markStart
	}
	para := int32(0)
	for i := 0; i < n; {
		if i == next {
			sg := d.segs[si]
			d.toks = append(d.toks, token{s: int32(sg.markStart), e: int32(sg.markEnd), kind: tQuote, q: int32(si)})
			d.paraOf = append(d.paraOf, para)
			i = sg.markEnd
			si++
			next = math.MaxInt
			if si < len(d.segs) {
				next = d.segs[si].markStart
			}
			continue
		}
		r := text[i]
		switch {
		case r == '\n':
			j := i
			for j < n && isSpaceRune(text[j]) && j < next {
				j++
			}
			d.toks = append(d.toks, token{s: int32(i), e: int32(j), kind: tPara, q: -1})
			d.paraOf = append(d.paraOf, para)
			para++
			i = j
		case isSpaceRune(r):
			i++
		case wordChar(r):
			j := i + 1
			for j < n {
				c := text[j]
				if wordChar(c) {
					j++
					continue
				}
				// Internal apostrophes and hyphens: O'Neill, Trump’s, vice-presidential.
				if (c == '\'' || c == '’' || c == '-' || c == '‐') && j+1 < n && wordChar(text[j+1]) {
					j += 2
					continue
				}
				break
			}
			d.toks = append(d.toks, token{s: int32(i), e: int32(j), kind: tWord, cap: unicode.IsUpper(r), q: -1})
			d.paraOf = append(d.paraOf, para)
			i = j
		default:
			d.toks = append(d.toks, token{s: int32(i), e: int32(i + 1), kind: tPunct, q: -1})
			d.paraOf = append(d.paraOf, para)
			i++
		}
	}
	d.resetWords()
	d.sentences()
}

// word returns the folded (lower-case) text of token i (a punctuation
// token's rune as is). Each word is folded once per document into a
// buffer reused by the next document: the result is valid until then, and
// callers clone it before keeping it.
func (d *doc) word(i int) string {
	t := d.toks[i]
	if t.kind != tWord {
		if t.kind == tPunct {
			if r := d.text[t.s]; r < 128 {
				return asciiRunes[r : r+1] // no allocation
			}
			return string(d.text[t.s])
		}
		return ""
	}
	if len(d.wlo) != len(d.toks) {
		d.resetWords()
	}
	if lo := d.wlo[i]; lo >= 0 {
		return unsafe.String((*byte)(unsafe.Add(unsafe.Pointer(unsafe.SliceData(d.wbuf)), lo)), int(d.whi[i]-lo))
	}
	lo := len(d.wbuf)
	for _, r := range d.text[t.s:t.e] {
		f := foldRune(r)
		if f < 0 {
			continue
		}
		if f < 128 {
			d.wbuf = append(d.wbuf, byte(f))
		} else {
			d.wbuf = append(d.wbuf, string(f)...)
		}
	}
	hi := len(d.wbuf)
	d.wlo[i], d.whi[i] = int32(lo), int32(hi)
	// The result aliases the buffer: appending may move the buffer, but
	// never changes the bytes already written.
	return unsafe.String((*byte)(unsafe.Add(unsafe.Pointer(unsafe.SliceData(d.wbuf)), lo)), hi-lo)
}

// resetWords clears the memo of word for the current tokens.
func (d *doc) resetWords() {
	n := len(d.toks)
	if cap(d.wlo) < n {
		d.wlo, d.whi = make([]int32, n), make([]int32, n)
	}
	d.wlo, d.whi = d.wlo[:n], d.whi[:n]
	for k := range d.wlo {
		d.wlo[k] = -1
	}
	d.wbuf = d.wbuf[:0]
}

// asciiRunes holds the ASCII runes, at their own index.
var asciiRunes = func() string {
	b := make([]byte, 128)
	for i := range b {
		b[i] = byte(i)
	}
	return string(b)
}()

// is reports whether token i is the word w (folded).
func (d *doc) is(i int, w string) bool {
	if i < 0 || i >= len(d.toks) || d.toks[i].kind != tWord {
		return false
	}
	t := d.toks[i]
	if int(t.e-t.s) != len(w) { // w is ASCII
		return false
	}
	for k, r := range d.text[t.s:t.e] {
		if foldRune(r) != rune(w[k]) {
			return false
		}
	}
	return true
}

// punct reports whether token i is the punctuation rune p.
func (d *doc) punct(i int, p rune) bool {
	return i >= 0 && i < len(d.toks) && d.toks[i].kind == tPunct && d.text[d.toks[i].s] == p
}

func (d *doc) punctIn(i int, set string) bool {
	if i < 0 || i >= len(d.toks) || d.toks[i].kind != tPunct {
		return false
	}
	r := d.text[d.toks[i].s]
	for _, c := range set {
		if c == r {
			return true
		}
	}
	return false
}

// sentences numbers the sentences; a sentence ends at a paragraph break,
// at . ! ? (not after an abbreviation or initial) followed by a capital or
// a quotation, and after a quotation ending in . ! ? followed by a capital
// word that does not start an attribution.
func (d *doc) sentences() {
	sent := int32(0)
	toks := d.toks
	first := 0 // first token of the current sentence
	for i := range toks {
		if i > 0 && toks[i-1].sent != sent {
			first = i
		}
		toks[i].sent = sent
		t := toks[i]
		switch t.kind {
		case tPara:
			sent++
		case tPunct:
			r := d.text[t.s]
			if r != '.' && r != '!' && r != '?' && r != '…' {
				continue
			}
			if r == '.' && i > 0 && d.isAbbrev(i-1) {
				continue
			}
			if i+1 < len(toks) {
				nx := toks[i+1]
				if nx.kind == tPunct {
					c := d.text[nx.s]
					if c != '(' && c != '[' && c != '—' && c != '–' && c != '-' {
						continue // ".)", "?!" ...: let the next mark end it
					}
				}
				if nx.kind == tWord && !nx.cap && !unicode.IsDigit(d.text[nx.s]) {
					continue
				}
			}
			sent++
		case tQuote:
			sg := d.segs[t.q]
			if !sg.endsSentence {
				continue
			}
			if i+1 < len(toks) {
				nx := toks[i+1]
				// “Q.” Trump said. -- but a phrase quoted at the end of a
				// sentence ("... of “fanatic recklessness.” Park said")
				// ends it.
				if nx.kind == tWord && (!nx.cap || first == i && d.attributionFollows(i+1)) {
					continue
				}
				if nx.kind == tPunct {
					continue
				}
			}
			sent++
		}
	}
	n := int(sent) + 1
	d.sLo, d.sHi, d.sHasQuote = make([]int32, n), make([]int32, n), make([]bool, n)
	for i := range d.sLo {
		d.sLo[i] = -1
	}
	for i, t := range toks {
		if t.kind == tPara {
			continue
		}
		if d.sLo[t.sent] < 0 {
			d.sLo[t.sent] = int32(i)
		}
		d.sHi[t.sent] = int32(i + 1)
		if t.kind == tQuote {
			d.sHasQuote[t.sent] = true
		}
	}
}

var abbrevs = map[string]bool{}

func init() {
	for _, w := range []string{"mr", "mrs", "ms", "dr", "sen", "rep", "gov", "gen", "lt", "col", "sgt", "capt", "cpt", "adm", "maj", "cmdr",
		"st", "jr", "sr", "prof", "rev", "hon", "no", "vs", "inc", "corp", "co", "ltd", "jan", "feb", "mar", "apr", "jun", "jul", "aug",
		"sep", "sept", "oct", "nov", "dec", "mt", "ft", "ave", "sens", "reps", "govs", "gov't", "pres", "supt", "det", "insp", "sec", "atty", "messrs", "mme", "mlle", "dept", "univ", "approx", "est", "etc", "al", "ca", "cf",
		// US states as in "Sen. Tim Kaine, D-Va."
		"ala", "ariz", "ark", "calif", "colo", "conn", "del", "fla", "ga", "ill", "ind", "kan", "kans", "ky", "la", "md", "mass",
		"mich", "minn", "miss", "mo", "mont", "neb", "nev", "okla", "ore", "pa", "tenn", "tex", "va", "vt", "wash", "wis", "wyo"} {
		abbrevs[w] = true
	}
}

// isAbbrev: token i (before a '.') is an abbreviation or an initial.
func (d *doc) isAbbrev(i int) bool {
	t := d.toks[i]
	if t.kind != tWord {
		return false
	}
	if t.e-t.s == 1 && unicode.IsUpper(d.text[t.s]) {
		return true // initial: "J. Smith", "U.S."
	}
	if w := d.word(i); len(w) <= 8 && len(w) > 2 && w[1] == '-' && unicode.IsUpper(d.text[t.s]) {
		return true // party and state: "D-Calif.", "I-Vt."
	}
	return abbrevs[d.word(i)]
}

// attributionFollows: the capitalised word at i starts "NAME said"-like
// attribution within a few tokens (so a quotation ending in a full stop
// followed by "Trump said." does not end the sentence).
func (d *doc) attributionFollows(i int) bool {
	for k := i; k < len(d.toks) && k < i+10; k++ {
		t := d.toks[k]
		if t.kind == tPara || t.kind == tQuote {
			return false
		}
		if t.kind == tPunct {
			r := d.text[t.s]
			if r == '.' && k > 0 && d.isAbbrev(k-1) {
				continue
			}
			if r != ',' && r != '(' && r != ')' && r != '-' {
				return false
			}
			continue
		}
		if !t.cap && cueVerbs[d.word(k)] != 0 {
			return true
		}
	}
	return false
}

// allCaps: a run of text in capitals ("CONGRESS HAS INVESTIGATED HIM").
func allCaps(rs []rune) bool {
	letters := 0
	for _, r := range rs {
		if unicode.IsLower(r) {
			return false
		}
		if unicode.IsLetter(r) {
			letters++
		}
	}
	return letters > 3
}
