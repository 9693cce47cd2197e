package agree

import (
	"encoding/json"
	"math"
	"math/rand/v2"
	"os"
	"testing"
)

type refFixture struct {
	Name   string      `json:"name"`
	Coders []string    `json:"coders"`
	Units  [][]*string `json:"units"`
	NLTK   struct {
		Alpha      float64            `json:"alpha"`
		AvgAo      *float64           `json:"avg_ao"`
		Pi         *float64           `json:"pi"`
		MultiKappa *float64           `json:"multi_kappa"`
		Kappa      map[string]float64 `json:"kappa"`
	} `json:"nltk"`
}

func loadReference(t *testing.T) []refFixture {
	t.Helper()
	b, err := os.ReadFile("testdata/reference.json")
	if err != nil {
		t.Fatal(err)
	}
	var ref struct {
		Fixtures []refFixture `json:"fixtures"`
	}
	if err := json.Unmarshal(b, &ref); err != nil {
		t.Fatal(err)
	}
	if len(ref.Fixtures) < 5 {
		t.Fatalf("only %d reference fixtures", len(ref.Fixtures))
	}
	return ref.Fixtures
}

func (f refFixture) table() table {
	cat := map[string]int{}
	var tb table
	for _, row := range f.Units {
		r := make([]int, len(row))
		for i, v := range row {
			if v == nil {
				r[i] = missing
				continue
			}
			if _, ok := cat[*v]; !ok {
				cat[*v] = len(cat)
			}
			r[i] = cat[*v]
		}
		tb = append(tb, r)
	}
	return tb
}

func near(t *testing.T, what string, got float64, ok bool, want float64) {
	t.Helper()
	if !ok {
		t.Errorf("%s: undefined, want %.4f", what, want)
		return
	}
	if math.Abs(got-want) > 0.0005 {
		t.Errorf("%s = %.4f, want %.4f", what, got, want)
	}
}

// TestKrippendorff2011 is the worked example of Krippendorff (2011),
// "Computing Krippendorff's Alpha-Reliability", section C: nominal data
// with missing values, alpha = 0.743.
func TestKrippendorff2011(t *testing.T) {
	for _, f := range loadReference(t) {
		if f.Name == "krippendorff2011" {
			a, ok := f.table().alpha()
			near(t, "alpha", a, ok, 0.743)
			return
		}
	}
	t.Fatal("fixture krippendorff2011 missing")
}

// TestKrippendorff1995Published checks example A of Krippendorff (1995),
// digitised: kappa 0.385, pi 0.314, alpha 0.329.
func TestKrippendorff1995Published(t *testing.T) {
	for _, f := range loadReference(t) {
		if f.Name == "krippendorff1995a" {
			tb := f.table()
			k, ok := tb.cohen(0, 1)
			near(t, "kappa", k, ok, 0.385)
			p, ok := tb.fleiss()
			near(t, "pi", p, ok, 0.314)
			a, ok := tb.alpha()
			near(t, "alpha", a, ok, 0.329)
			return
		}
	}
	t.Fatal("fixture krippendorff1995a missing")
}

// TestAgainstNLTK compares every coefficient with NLTK's AnnotationTask on
// the fixtures made by testdata/reference.py.
func TestAgainstNLTK(t *testing.T) {
	for _, f := range loadReference(t) {
		t.Run(f.Name, func(t *testing.T) {
			tb := f.table()
			a, ok := tb.alpha()
			near(t, "alpha", a, ok, f.NLTK.Alpha)
			if f.NLTK.AvgAo != nil {
				o, ok := tb.observed()
				near(t, "observed", o, ok, *f.NLTK.AvgAo)
			}
			if f.NLTK.Pi != nil {
				p, ok := tb.fleiss()
				near(t, "fleiss", p, ok, *f.NLTK.Pi)
			}
			checked := 0
			for i := range f.Coders {
				for j := i + 1; j < len(f.Coders); j++ {
					want, has := f.NLTK.Kappa[f.Coders[i]+"|"+f.Coders[j]]
					if !has {
						continue
					}
					k, ok := tb.cohen(i, j)
					near(t, "kappa "+f.Coders[i]+"|"+f.Coders[j], k, ok, want)
					checked++
				}
			}
			if f.NLTK.Kappa != nil && checked != len(f.NLTK.Kappa) {
				t.Errorf("checked %d kappas of %d", checked, len(f.NLTK.Kappa))
			}
		})
	}
}

// TestFleissPublished is the example of Fleiss (1971) as given by Wikipedia
// ("Fleiss' kappa", worked example: 10 subjects, 14 raters, 5 categories,
// kappa = 0.210). Only the counts per subject matter, so raters are filled
// in order.
func TestFleissPublished(t *testing.T) {
	counts := [][]int{
		{0, 0, 0, 0, 14}, {0, 2, 6, 4, 2}, {0, 0, 3, 5, 6}, {0, 3, 9, 2, 0}, {2, 2, 8, 1, 1},
		{7, 7, 0, 0, 0}, {3, 2, 6, 3, 0}, {2, 5, 3, 2, 2}, {6, 5, 2, 1, 0}, {0, 2, 2, 3, 7},
	}
	var tb table
	for _, c := range counts {
		var row []int
		for cat, n := range c {
			for range n {
				row = append(row, cat)
			}
		}
		tb = append(tb, row)
	}
	k, ok := tb.fleiss()
	near(t, "fleiss", k, ok, 0.210)
}

func TestUndefined(t *testing.T) {
	same := table{{0, 0}, {0, 0}, {0, 0}}
	if _, ok := same.cohen(0, 1); ok {
		t.Error("kappa without variation should be undefined")
	}
	if _, ok := same.alpha(); ok {
		t.Error("alpha without variation should be undefined")
	}
	if _, ok := same.fleiss(); ok {
		t.Error("fleiss without variation should be undefined")
	}
	if o, ok := same.observed(); !ok || o != 1 {
		t.Errorf("observed = %v %v, want 1", o, ok)
	}
	none := table{{0, missing}, {missing, 1}}
	if _, ok := none.observed(); ok {
		t.Error("observed with no shared unit should be undefined")
	}
	if _, ok := none.alpha(); ok {
		t.Error("alpha with no pairable unit should be undefined")
	}
	if _, ok := (table{}).fleiss(); ok {
		t.Error("fleiss of nothing should be undefined")
	}
}

// TestIdenticalAndShuffled: identical coders agree perfectly; a coder
// against a shuffled copy of itself agrees only by chance.
func TestIdenticalAndShuffled(t *testing.T) {
	r := rand.New(rand.NewPCG(15, 2026))
	const n = 5000
	a := make([]int, n)
	for i := range a {
		a[i] = r.IntN(4)
		if r.IntN(3) == 0 {
			a[i] = 0 // skewed, as real label distributions are
		}
	}
	b := append([]int(nil), a...)
	r.Shuffle(n, func(i, j int) { b[i], b[j] = b[j], b[i] })
	var same, shuffled table
	for i := range a {
		same = append(same, []int{a[i], a[i], a[i]})
		shuffled = append(shuffled, []int{a[i], b[i]})
	}
	for name, f := range map[string]func() (float64, bool){
		"kappa":  func() (float64, bool) { return same.cohen(0, 1) },
		"fleiss": same.fleiss, "alpha": same.alpha, "observed": same.observed,
	} {
		if v, ok := f(); !ok || math.Abs(v-1) > 1e-12 {
			t.Errorf("identical coders: %s = %v %v, want 1", name, v, ok)
		}
	}
	for name, f := range map[string]func() (float64, bool){
		"kappa":  func() (float64, bool) { return shuffled.cohen(0, 1) },
		"fleiss": shuffled.fleiss, "alpha": shuffled.alpha,
	} {
		if v, ok := f(); !ok || math.Abs(v) > 0.03 {
			t.Errorf("shuffled copy: %s = %v %v, want about 0", name, v, ok)
		}
	}
}
