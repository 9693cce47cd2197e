package analyze

import "unicode/utf8"

// substr is string(text[s:e]) for the document being analysed, cut from
// the body without encoding the runes again when the body is valid UTF-8
// (then each rune of text takes its UTF-8 length; elsewhere bad bytes read
// as U+FFFD, and so they do here). The result aliases the body, never the
// scratch buffers.
func (sc *scratch) substr(s, e int) string {
	if !sc.valid {
		return string(sc.runes[s:e])
	}
	bs := sc.byteOffset(s)
	return sc.body[bs : bs+runesLen(sc.runes[s:e])]
}

// byteOffset is the byte offset in the body of rune r, counted from the
// nearest mark of byteAt before it.
func (sc *scratch) byteOffset(r int) int {
	c := r / byteAtStep
	if c >= len(sc.byteAt) {
		if len(sc.byteAt) == 0 {
			return 0
		}
		c = len(sc.byteAt) - 1
	}
	return sc.byteAt[c] + runesLen(sc.runes[c*byteAtStep:r])
}

// runesLen is the length of rs encoded in UTF-8.
func runesLen(rs []rune) int {
	n := 0
	for _, c := range rs {
		if c < utf8.RuneSelf {
			n++
		} else {
			n += utf8.RuneLen(c)
		}
	}
	return n
}
