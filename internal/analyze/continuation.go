package analyze

// prevSpoken is the quotation before qi that a continuation follows: the
// one right before it, or the one before a title with no speaker quoted
// in between in the same paragraph ("“Q1,” said Cuban, a host of the
// show “Shark Tank.” “Q2”").
func (x *attributor) prevSpoken(qi int, atts []attribution) int {
	d := x.d
	p := qi - 1
	if titleCasePhrase(d.text[d.segs[qi].start:d.segs[qi].end]) {
		return p // a title itself: no reaching back over another
	}
	for p > 0 && atts[p].speaker == "" && d.segs[p].para == d.segs[qi].para && titleCasePhrase(d.text[d.segs[p].start:d.segs[p].end]) {
		p--
	}
	return p
}
