package agree

import (
	"math"
	"testing"
)

func cont(length, coders int, spans ...uspan) *continuum {
	c := &continuum{length: length, coders: coders, spans: spans}
	c.normalise()
	return c
}

// TestAlphaUHand checks small cases computed by hand with the formula in
// unitize.go.
func TestAlphaUHand(t *testing.T) {
	// L=10; coder 0 marks [2,5), coder 1 [3,5). Overlapping units give
	// δ² = 1, D_o = 2·1/(2·1·100) = 0.01. D_e: unit l=3 gives
	// 1·(54-27+3)/3 + 9·((5-3+1)+(3-3+1)+(5-3+1)) = 73, unit l=2 gives
	// 1·(16-12+2)/3 + 4·(1+4+2+4) = 46; D_e = 2/10·119/(20·19-8) = 0.063978;
	// α_u = 1 - 0.01/0.063978 = 0.8437.
	c := cont(10, 2, uspan{0, "x", 2, 5}, uspan{1, "x", 3, 5})
	do, de := c.disagreement("x")
	if math.Abs(do-0.01) > 1e-12 || math.Abs(de-23.8/372) > 1e-12 {
		t.Errorf("D_o, D_e = %v, %v; want 0.01, %v", do, de, 23.8/372)
	}
	a, ok := c.alphaU("x")
	near(t, "alpha-u overlap", a, ok, 0.8437)

	// Coder 1 marks nothing: the unit lies in a gap, δ² = 9, D_o = 0.09;
	// D_e = 2/10·9·((5-3+1)+(10-3+1))/(380-6) = 19.8/374; α_u = -0.7.
	c = cont(10, 2, uspan{0, "x", 2, 5})
	a, ok = c.alphaU("x")
	near(t, "alpha-u one coder", a, ok, -0.7)

	// Identical units: perfect agreement.
	c = cont(10, 2, uspan{0, "x", 2, 5}, uspan{1, "x", 2, 5})
	a, ok = c.alphaU("x")
	near(t, "alpha-u identical", a, ok, 1)

	// Overlapping spans of one coder merge; spans past the end are clipped.
	c = cont(10, 2, uspan{0, "x", 2, 4}, uspan{0, "x", 3, 5}, uspan{1, "x", 3, 5}, uspan{1, "x", 8, 20})
	if len(c.spans) != 3 || c.spans[0] != (uspan{0, "x", 2, 5}) || c.spans[2] != (uspan{1, "x", 8, 10}) {
		t.Errorf("normalised spans = %v", c.spans)
	}

	// Nothing marked: undefined.
	if _, ok := cont(10, 2).alphaUAll(); ok {
		t.Error("alpha-u with no unit should be undefined")
	}
}

// TestAlphaUKrippendorff2004 is the example of Krippendorff (2004: p. 254),
// continuum [150, 450), two observers, categories c and k, with the values
// DKPro Agreement's test of the same example asserts.
func TestAlphaUKrippendorff2004(t *testing.T) {
	at := func(coder int, cat string, b, l int) uspan { return uspan{coder, cat, b - 150, b - 150 + l} }
	c := cont(300, 2,
		at(0, "c", 225, 70), at(0, "c", 370, 30),
		at(1, "c", 220, 80), at(1, "c", 355, 20), at(1, "c", 400, 20),
		at(0, "k", 180, 60), at(0, "k", 300, 50),
		at(1, "k", 180, 60), at(1, "k", 300, 50),
	)
	do, de := c.disagreement("c")
	if math.Abs(do-0.0144) > 0.0001 || math.Abs(de-0.0532) > 0.0001 {
		t.Errorf("c: D_o, D_e = %.4f, %.4f; want 0.0144, 0.0532", do, de)
	}
	a, ok := c.alphaU("c")
	near(t, "alpha-u c", a, ok, 0.7286)
	do, de = c.disagreement("k")
	if do != 0 || math.Abs(de-0.0490) > 0.0001 {
		t.Errorf("k: D_o, D_e = %.4f, %.4f; want 0, 0.0490", do, de)
	}
	a, ok = c.alphaUAll()
	near(t, "alpha-u", a, ok, 0.8591)
}

// TestAlphaUKrippendorff1995 checks the observed disagreements of the
// four pairs of observers of Krippendorff (1995: p. 57).
func TestAlphaUKrippendorff1995(t *testing.T) {
	u := func(coder int, cat string, b, l int) uspan { return uspan{coder, cat, b, b + l} }
	c := cont(24, 2,
		u(0, "A", 2, 8), u(0, "A", 14, 6), u(1, "A", 4, 4), u(1, "A", 15, 2),
		u(0, "B", 0, 18), u(1, "B", 0, 2), u(1, "B", 2, 1), u(1, "B", 3, 1), u(1, "B", 4, 1),
		u(1, "B", 5, 1), u(1, "B", 6, 3), u(1, "B", 9, 1),
		u(0, "C", 2, 6), u(0, "C", 10, 2), u(0, "C", 14, 4), u(0, "C", 20, 2),
		u(1, "C", 0, 2), u(1, "C", 4, 4), u(1, "C", 10, 4), u(1, "C", 16, 2), u(1, "C", 20, 2),
		u(0, "D", 0, 2), u(0, "D", 2, 8), u(0, "D", 10, 4), u(0, "D", 14, 6), u(0, "D", 20, 4),
		u(1, "D", 0, 4), u(1, "D", 4, 4), u(1, "D", 8, 7), u(1, "D", 15, 2), u(1, "D", 17, 7),
	)
	for cat, want := range map[string]float64{"A": 0.03125, "B": 2.26736, "C": 0.02777, "D": 0.38715} {
		if do, _ := c.disagreement(cat); math.Abs(do-want) > 0.00001 {
			t.Errorf("%s: D_o = %.5f, want %.5f", cat, do, want)
		}
	}
}
