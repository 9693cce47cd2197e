package bench

import (
	"math"
	"slices"
	"testing"
)

func TestSpreadOf(t *testing.T) {
	for _, c := range []struct {
		in   []float64
		want Spread
	}{
		{[]float64{1.04, 0.70, 0.83}, Spread{0.83, 0.70, 1.04}},
		{[]float64{0.9, 0.7, 1.1, 0.8}, Spread{0.85, 0.7, 1.1}},
		{[]float64{0.5}, Spread{0.5, 0.5, 0.5}},
		{nil, Spread{}},
	} {
		in := slices.Clone(c.in)
		got := spreadOf(c.in)
		if math.Abs(got.Median-c.want.Median) > 1e-9 || got.Min != c.want.Min || got.Max != c.want.Max {
			t.Errorf("spreadOf(%v) = %+v, want %+v", c.in, got, c.want)
		}
		if !slices.Equal(in, c.in) {
			t.Errorf("spreadOf reordered its input: %v", c.in)
		}
	}
}
