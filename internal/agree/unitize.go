package agree

import "sort"

// Krippendorff's alpha-u for free spans: agreement on where units of a
// category begin and end on a continuum, compared by character position
// (code points). Formula: Krippendorff, K. (1995), "On the reliability of
// unitizing contiguous data", Sociological Methodology 25:47-76, as
// corrected in Krippendorff, K. (2004), Content Analysis, 2nd ed., pp.
// 251-256; the same computation as DKPro Agreement's
// KrippendorffAlphaUnitizingAgreement, which INCEpTION uses.
//
// For a category c, each coder's continuum of length L is cut into units of
// c and gaps (everything else, including other categories' units). With m
// coders:
//
//	D_o(c) = 2 / (m(m-1)L²) · Σ_{coder pairs} Σ_{overlapping segments g,h} δ²(g,h)
//
// where δ² = (b_g-b_h)² + (e_g-e_h)² for two overlapping units, l_g² for a
// unit g inside a gap h (and the converse), and 0 otherwise;
//
//	D_e(c) = 2/L · Σ_{units g} [ (N_c-1)(2l_g³-3l_g²+l_g)/3 + l_g² Σ_{gaps h, l_h ≥ l_g} (l_h-l_g+1) ]
//	         / ( mL(mL-1) - Σ_{units g} l_g(l_g-1) )
//
// with N_c the number of units of c over all coders and the gaps taken over
// all coders. α_u(c) = 1 - D_o(c)/D_e(c); over all categories
// α_u = 1 - Σ_c D_o(c) / Σ_c D_e(c).

// uspan is one unit on the continuum: a coder's span of a category.
type uspan struct {
	coder      int
	cat        string
	start, end int
}

// continuum is what alpha-u is computed on.
type continuum struct {
	length, coders int
	spans          []uspan
}

type segment struct {
	start, end int
	unit       bool
}

// normalise clips spans to the continuum and merges a coder's overlapping
// spans of one category (alpha-u requires them disjoint).
func (c *continuum) normalise() {
	var out []uspan
	for _, s := range c.spans {
		s.start, s.end = max(0, s.start), min(c.length, s.end)
		if s.start < s.end {
			out = append(out, s)
		}
	}
	sort.Slice(out, func(i, j int) bool {
		a, b := out[i], out[j]
		if a.coder != b.coder {
			return a.coder < b.coder
		}
		if a.cat != b.cat {
			return a.cat < b.cat
		}
		if a.start != b.start {
			return a.start < b.start
		}
		return a.end < b.end
	})
	merged := out[:0]
	for _, s := range out {
		if n := len(merged); n > 0 {
			p := &merged[n-1]
			if p.coder == s.coder && p.cat == s.cat && s.start < p.end {
				p.end = max(p.end, s.end)
				continue
			}
		}
		merged = append(merged, s)
	}
	c.spans = merged
}

func (c *continuum) categories() []string {
	seen := map[string]bool{}
	var cats []string
	for _, s := range c.spans {
		if !seen[s.cat] {
			seen[s.cat] = true
			cats = append(cats, s.cat)
		}
	}
	sort.Strings(cats)
	return cats
}

// segments cuts coder r's continuum into units of cat and gaps.
func (c *continuum) segments(r int, cat string) []segment {
	var segs []segment
	pos := 0
	for _, s := range c.spans { // sorted by start within coder and category
		if s.coder != r || s.cat != cat {
			continue
		}
		if s.start > pos {
			segs = append(segs, segment{pos, s.start, false})
		}
		segs = append(segs, segment{s.start, s.end, true})
		pos = s.end
	}
	if pos < c.length {
		segs = append(segs, segment{pos, c.length, false})
	}
	return segs
}

func delta2(g, h segment) float64 {
	lg, lh := float64(g.end-g.start), float64(h.end-h.start)
	switch {
	case g.unit && h.unit:
		db, de := float64(g.start-h.start), float64(g.end-h.end)
		return db*db + de*de
	case g.unit && h.start <= g.start && g.end <= h.end:
		return lg * lg
	case h.unit && g.start <= h.start && h.end <= g.end:
		return lh * lh
	}
	return 0
}

// disagreement returns D_o(cat) and D_e(cat).
func (c *continuum) disagreement(cat string) (do, de float64) {
	m, L := c.coders, float64(c.length)
	if m < 2 || c.length == 0 {
		return 0, 0
	}
	segs := make([][]segment, m)
	for r := range segs {
		segs[r] = c.segments(r, cat)
	}
	sum := 0.0
	for a := 0; a < m; a++ {
		for b := a + 1; b < m; b++ {
			s1, s2 := segs[a], segs[b]
			i, j := 0, 0
			for i < len(s1) && j < len(s2) {
				g, h := s1[i], s2[j]
				if max(g.start, h.start) < min(g.end, h.end) {
					sum += delta2(g, h)
				}
				switch {
				case g.end < h.end:
					i++
				case h.end < g.end:
					j++
				default:
					i++
					j++
				}
			}
		}
	}
	do = 2 * sum / (float64(m*(m-1)) * L * L)

	var units, gaps []float64
	for _, ss := range segs {
		for _, s := range ss {
			if s.unit {
				units = append(units, float64(s.end-s.start))
			} else {
				gaps = append(gaps, float64(s.end-s.start))
			}
		}
	}
	// Σ_{gaps h ≥ l} (h-l+1) from the sorted gaps and their suffix sums.
	sort.Float64s(gaps)
	suffix := make([]float64, len(gaps)+1)
	for i := len(gaps) - 1; i >= 0; i-- {
		suffix[i] = suffix[i+1] + gaps[i]
	}
	nc := float64(len(units))
	num, squared := 0.0, 0.0
	for _, l := range units {
		i := sort.SearchFloat64s(gaps, l)
		inGaps := suffix[i] - float64(len(gaps)-i)*(l-1)
		num += (nc-1)*(2*l*l*l-3*l*l+l)/3 + l*l*inGaps
		squared += l * (l - 1)
	}
	mL := float64(m) * L
	den := mL*(mL-1) - squared
	if den <= 0 {
		return do, 0
	}
	return do, 2 / L * num / den
}

// alphaU is alpha-u for one category.
func (c *continuum) alphaU(cat string) (float64, bool) {
	do, de := c.disagreement(cat)
	if de == 0 {
		return 0, false
	}
	return 1 - do/de, true
}

// alphaUAll is alpha-u over every category that has a unit.
func (c *continuum) alphaUAll() (float64, bool) {
	sdo, sde := 0.0, 0.0
	for _, cat := range c.categories() {
		do, de := c.disagreement(cat)
		sdo += do
		sde += de
	}
	if sde == 0 {
		return 0, false
	}
	return 1 - sdo/sde, true
}
