package analyze

// segment is one quotation segment: the text between a pair of double
// quotation marks in one paragraph, or from an opening mark to the end of
// its paragraph when the quotation continues in the next paragraph.
type segment struct {
	markStart, markEnd int // the marks included (markEnd is after the closing mark, or the paragraph end)
	start, end         int // the quoted text, trimmed
	para               int
	cont               bool // continues a quotation left open in the previous paragraph
	openEnded          bool // closed by the end of its paragraph
	endsSentence       bool // the text ends with . ! ? or …
}

type markKind uint8

const (
	markOpen markKind = iota + 1
	markClose
	markEither
)

// classify decides whether the double mark at i opens or closes a
// quotation from the characters around it; the glyph decides only when the
// context does not.
func classify(text []rune, i, ps, pe int) markKind {
	var prev, next rune = ' ', ' '
	if i > ps {
		prev = text[i-1]
	}
	if i+1 < pe {
		next = text[i+1]
	}
	// A mark that opens its paragraph opens a quotation, whatever its glyph
	// (”… paragraph-initial closing marks are common typos); one that ends
	// its paragraph closes one.
	if firstNonSpace(text, ps, pe) == i {
		return markOpen
	}
	if firstNonSpace(text, i+1, pe) == pe {
		return markClose
	}
	prevOpen := isSpaceRune(prev) || containsRune("([{—–‘'«/", prev) || isDQ(prev)
	nextClose := isSpaceRune(next) || containsRune(".,;:!?)]}—–’'»…", next) || isDQ(next)
	switch {
	case prevOpen && !nextClose:
		return markOpen
	case !prevOpen && nextClose:
		return markClose
	}
	switch text[i] {
	case '“', '„', '‟', '«':
		return markOpen
	case '”', '»':
		return markClose
	}
	return markEither
}

func containsRune(s string, r rune) bool {
	for _, c := range s {
		if c == r {
			return true
		}
	}
	return false
}

// findSegments pairs the double quotation marks of each paragraph with a
// stack (a pair inside another pair is a quote within a quote and is kept
// inside it), ignores marks that pair with nothing, and splits quotations
// that run over several paragraphs, each reopened with a new mark, into one
// segment per paragraph.
func findSegments(text []rune) []segment {
	var segs []segment
	n := len(text)
	type pr struct{ o, c int }
	var stack []int
	var pairs []pr
	para := 0
	for ps := 0; ps < n; {
		pe := paraEnd(text, ps)
		stack = stack[:0]
		pairs = pairs[:0]
		for i := nextDQ(text, ps, pe); i < pe; i = nextDQ(text, i+1, pe) {
			k := classify(text, i, ps, pe)
			if k == markEither {
				if len(stack) > 0 {
					k = markClose
				} else {
					k = markOpen
				}
			}
			if k == markOpen {
				stack = append(stack, i)
				continue
			}
			if len(stack) == 0 {
				continue // a closing mark with no opening: ignored
			}
			o := stack[len(stack)-1]
			stack = stack[:len(stack)-1]
			pairs = append(pairs, pr{o, i})
		}
		// Keep the outermost pairs: a pair inside another is a quote in a quote.
		// pairs are in order of their closing mark; an enclosing pair comes
		// after the pairs it encloses.
		var top []pr
		for i := len(pairs) - 1; i >= 0; i-- {
			p := pairs[i]
			if len(top) > 0 && top[len(top)-1].o < p.o && p.c < top[len(top)-1].c {
				continue
			}
			top = append(top, p)
		}
		for l, r := 0, len(top)-1; l < r; l, r = l+1, r-1 {
			top[l], top[r] = top[r], top[l]
		}
		// An opening mark left over at the end of the paragraph continues in
		// the next paragraph when that one starts with an opening mark.
		openEnd := -1
		if len(stack) > 0 && nextParaOpens(text, pe) {
			o := stack[0]
			if len(top) == 0 || top[len(top)-1].c < o {
				openEnd = o
			}
		}
		contFirst := len(segs) > 0 && segs[len(segs)-1].openEnded && segs[len(segs)-1].para == para-1
		for _, p := range top {
			if p.o > ps && (text[p.o-1] == '=') {
				continue // markup: attr="value"
			}
			if sg, ok := makeSegment(text, p.o, p.c+1, p.o+1, p.c, para); ok {
				segs = append(segs, sg)
			}
		}
		if openEnd >= 0 {
			if sg, ok := makeSegment(text, openEnd, pe, openEnd+1, pe, para); ok {
				sg.openEnded = true
				segs = append(segs, sg)
			}
		}
		if contFirst {
			// The first segment of this paragraph, if it starts the paragraph,
			// continues the quotation of the previous one.
			for k := len(segs) - 1; k >= 0 && segs[k].para == para; k-- {
				if k == 0 || segs[k-1].para != para {
					if firstNonSpace(text, ps, pe) == segs[k].markStart {
						segs[k].cont = true
					}
				}
			}
		}
		if firstNonSpace(text, ps, pe) < pe {
			para++ // blank lines do not count as paragraphs
		}
		ps = pe + 1
	}
	return segs
}

// nextDQ is the index of the first double quotation mark in text[i:pe],
// pe when there is none.
func nextDQ(text []rune, i, pe int) int {
	for ; i < pe; i++ {
		if isDQ(text[i]) {
			return i
		}
	}
	return pe
}

func firstNonSpace(text []rune, from, to int) int {
	for from < to && isSpaceRune(text[from]) {
		from++
	}
	return from
}

// nextParaOpens reports whether the next non-empty paragraph after the line
// end at pe starts with a double quotation mark.
func nextParaOpens(text []rune, pe int) bool {
	i := pe
	for i < len(text) && isSpaceRune(text[i]) {
		i++
	}
	return i < len(text) && isDQ(text[i])
}

func makeSegment(text []rune, ms, me, s, e, para int) (segment, bool) {
	for s < e && isSpaceRune(text[s]) {
		s++
	}
	for e > s && isSpaceRune(text[e-1]) {
		e--
	}
	if s >= e {
		return segment{}, false
	}
	last := text[e-1]
	// Sentence-final punctuation inside the marks, possibly before a closing
	// bracket or single quote: "... 'Ninety percent of what?'"
	if (last == ')' || last == '’' || last == '\'') && e-2 >= s {
		last = text[e-2]
	}
	ends := last == '.' || last == '!' || last == '?' || last == '…'
	return segment{markStart: ms, markEnd: me, start: s, end: e, para: para, endsSentence: ends}, true
}
