package index

import (
	"unicode/utf8"

	"github.com/blevesearch/bleve/v2/analysis"
	"github.com/blevesearch/bleve/v2/analysis/tokenizer/unicode"
	"github.com/blevesearch/segment"
)

// The tokenizer of fastEn: the tokens of bleve's unicode tokenizer (the
// UAX #29 word segmenter of blevesearch/segment, one call of its Ragel
// scanner per segment), found faster on ASCII text.
//
// The scanner starts afresh after every segment, and no segment goes past
// ASCII white space followed by an ASCII byte (white space belongs to no
// word, and only a non-ASCII Extend or Format character can join what
// follows it). So the text is cut at every such place into pieces that are
// segmented one by one: a piece of ASCII by asciiWords, any other by the
// segmenter itself, the offsets and positions carried over. Text that is
// not valid UTF-8 goes to bleve's tokenizer whole (the segmenter stops at
// the first bad byte).

// ASCII classes of the word-break properties (Unicode 8, as the segmenter).
const (
	cOther   = iota
	cSpace   // ASCII white space (Other, CR, LF or Newline to the segmenter)
	cLetter  // ALetter
	cDigit   // Numeric
	cUnder   // ExtendNumLet
	cMidL    // MidLetter ':'
	cMidBoth // MidNumLet '.' and Single_Quote '\''
	cMidN    // MidNum ',' ';'
)

var wbClass = func() (t [utf8.RuneSelf]uint8) {
	for c := 'a'; c <= 'z'; c++ {
		t[c] = cLetter
		t[c-'a'+'A'] = cLetter
	}
	for c := '0'; c <= '9'; c++ {
		t[c] = cDigit
	}
	for _, c := range " \t\n\r\v\f" {
		t[c] = cSpace
	}
	t['_'] = cUnder
	t[':'] = cMidL
	t['.'], t['\''] = cMidBoth, cMidBoth
	t[','], t[';'] = cMidN, cMidN
	return t
}()

// wordSink takes the words of a text in order, with their byte offsets
// and positions (from 1).
type wordSink interface {
	add(term []byte, start, end, pos int, typ analysis.TokenType)
}

// tokens is the wordSink that makes a token stream, the tokens allocated
// in blocks.
type tokens struct {
	out   analysis.TokenStream
	block []analysis.Token
	guess int // tokens expected in the text, for the first block
}

func (ts *tokens) add(term []byte, start, end, pos int, typ analysis.TokenType) {
	if len(ts.block) == 0 {
		n := min(max(ts.guess-len(ts.out), 16), 1024)
		ts.block = make([]analysis.Token, n)
	}
	t := &ts.block[0]
	ts.block = ts.block[1:]
	*t = analysis.Token{Term: term, Start: start, End: end, Position: pos, Type: typ}
	ts.out = append(ts.out, t)
}

// tokenize is bleve's unicode tokenizer on input.
func tokenize(input []byte) analysis.TokenStream {
	guess := len(input)/6 + 1
	ts := &tokens{out: make(analysis.TokenStream, 0, guess), guess: guess}
	if !scanWords(input, ts) {
		return unicode.NewUnicodeTokenizer().Tokenize(input)
	}
	return ts.out
}

// scanWords gives sink the words of input. It reports false, having given
// some words or none, when only bleve's tokenizer on the whole text gives
// the right words (text that is not valid UTF-8).
func scanWords(input []byte, sink wordSink) bool {
	if !utf8.Valid(input) {
		return false
	}
	pos := 1
	n := len(input)
	for i := 0; i < n; {
		// The next non-ASCII byte, and the piece around it.
		p := i
		for p < n && input[p] < utf8.RuneSelf {
			p++
		}
		if p == n {
			asciiWords(sink, &pos, input, i, n)
			break
		}
		k := p - 1
		for k > i && !(isSpace(input[k-1]) && input[k] < utf8.RuneSelf) {
			k--
		}
		k = max(k, i)
		m := p + 1
		for m < n && !(isSpace(input[m-1]) && input[m] < utf8.RuneSelf) {
			m++
		}
		asciiWords(sink, &pos, input, i, k)
		if !segmentWords(sink, &pos, input, k, m) {
			return false
		}
		i = m
	}
	return true
}

func isSpace(c byte) bool { return c < utf8.RuneSelf && wbClass[c] == cSpace }

// segmentWords adds the words of input[from:to] found by the segmenter. It
// reports false when the segmenter stopped before the end (never on valid
// UTF-8, but then only bleve's tokenizer on the whole text is right).
func segmentWords(sink wordSink, pos *int, input []byte, from, to int) bool {
	sg := segment.NewWordSegmenterDirect(input[from:to])
	at := from
	for sg.Segment() {
		b := sg.Bytes()
		end := at + len(b)
		if typ := sg.Type(); typ != segment.None {
			sink.add(b, at, end, *pos, tokenType(typ))
			*pos++
		}
		at = end
	}
	return sg.Err() == nil && at == to
}

// tokenType is bleve's unicode.convertType.
func tokenType(t int) analysis.TokenType {
	switch t {
	case segment.Ideo, segment.Kana:
		return analysis.Ideographic
	case segment.Number:
		return analysis.Numeric
	}
	return analysis.AlphaNumeric
}

// asciiWords adds the words of the ASCII text input[from:to], as the
// segmenter finds them: a word is a run of letters, digits and underscores,
// where a colon, full stop or apostrophe may stand between two letters, and
// a comma, semicolon, full stop or apostrophe between two digits; a word
// without letters and with a digit is a number.
func asciiWords(sink wordSink, pos *int, input []byte, from, to int) {
	for i := from; i < to; {
		c := wbClass[input[i]]
		if c != cLetter && c != cDigit && c != cUnder {
			i++
			continue
		}
		start := i
		letters, digits := false, false
		for i < to {
			c = wbClass[input[i]]
			switch c {
			case cLetter:
				letters = true
				i++
				continue
			case cDigit:
				digits = true
				i++
				continue
			case cUnder:
				i++
				continue
			}
			if i+1 >= to || i == start {
				break
			}
			prev, next := wbClass[input[i-1]], wbClass[input[i+1]]
			if prev == next && ((prev == cLetter && (c == cMidL || c == cMidBoth)) ||
				(prev == cDigit && (c == cMidN || c == cMidBoth))) {
				i += 2
				if next == cLetter {
					letters = true
				}
				continue
			}
			break
		}
		typ := analysis.AlphaNumeric
		if digits && !letters {
			typ = analysis.Numeric
		}
		sink.add(input[start:i], start, i, *pos, typ)
		*pos++
	}
}
