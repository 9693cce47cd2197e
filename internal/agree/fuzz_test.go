package agree

import (
	"encoding/json"
	"fmt"
	"math"
	"testing"

	"github.com/workbench-dev/workbench/internal/model"
)

// FuzzCompute builds tags from arbitrary bytes (analyst, document, unit,
// label, free span or not, offsets, even past the end or reversed) and
// checks that Compute and BuildQueue never panic, that every figure is
// finite and at most 1 (so --json never fails on NaN), and that the counts
// add up.
func FuzzCompute(f *testing.F) {
	f.Add([]byte{0, 0, 0, 0, 0, 1, 0, 0, 1, 0})
	f.Add([]byte{0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 200, 255, 3, 7})
	f.Add([]byte{2, 2, 2, 2, 130, 2, 2, 2, 2, 131, 1, 1, 1, 1, 128})
	f.Fuzz(func(t *testing.T, data []byte) {
		var in Input
		for d := 0; d < 3; d++ {
			for u := 0; u < 4; u++ {
				in.Statements = append(in.Statements, Statement{ID: fmt.Sprintf("d%d-q%d", d, u), DocID: fmt.Sprintf("d%d", d), Start: u * 10, End: u*10 + 8})
			}
		}
		for i := 0; i+4 < len(data); i += 5 {
			a, d, u, l, pos := data[i]%4, data[i+1]%4, data[i+2]%5, data[i+3]%3, int(data[i+4])
			analyst := []string{"alice", "bob", "carol", DefaultAdjudicator}[a]
			doc := fmt.Sprintf("d%d", d)
			tg := model.Tag{DocID: doc, Analyst: analyst, Label: []string{"x", "y", "z"}[l]}
			if u < 4 && pos < 128 {
				tg.QuoteID, tg.Start, tg.End = fmt.Sprintf("%s-q%d", doc, u), int(u)*10, int(u)*10+8
			} else {
				tg.Start, tg.End = pos-100, pos-100+int(u)*7-5
			}
			in.Tags = append(in.Tags, tg)
		}
		in.DocLengths = map[string]int{"d0": 50, "d1": 0}
		r, err := Compute(in, Options{})
		if err != nil {
			return // fewer than two analysts
		}
		if _, err := json.Marshal(r); err != nil {
			t.Fatalf("marshal: %v", err)
		}
		check := func(what string, v *float64) {
			if v != nil && (math.IsNaN(*v) || math.IsInf(*v, 0) || *v > 1+1e-9) {
				t.Fatalf("%s = %v", what, *v)
			}
		}
		check("observed", r.Overall.Observed)
		check("fleiss", r.Overall.FleissKappa)
		check("alpha", r.Overall.AlphaNominal)
		check("alpha-u", r.Overall.AlphaU)
		for l, lr := range r.Labels {
			check(l+" observed", lr.Observed)
			check(l+" alpha", lr.Alpha)
			for p, k := range lr.Kappa {
				check(l+" kappa "+p, k)
			}
			if lr.Agree+lr.Disagree+lr.Single > r.Units {
				t.Fatalf("%s: counts %d+%d+%d > %d units", l, lr.Agree, lr.Disagree, lr.Single, r.Units)
			}
		}
		_ = Render(r)
		q, err := BuildQueue(in, Options{})
		if err != nil {
			t.Fatal(err)
		}
		if q.Resolved > len(q.Items) || len(q.Items) > r.Units {
			t.Fatalf("queue: %d resolved of %d items, %d units", q.Resolved, len(q.Items), r.Units)
		}
	})
}
