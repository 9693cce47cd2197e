package agree

import (
	"errors"
	"strings"
	"testing"

	"github.com/workbench-dev/workbench/internal/model"
)

func TestBuildQueue(t *testing.T) {
	q, err := BuildQueue(smallInput(), Options{})
	if err != nil {
		t.Fatal(err)
	}
	// a1: both support (agree, not queued); a2: support vs oppose; a3:
	// nobody; b1: oppose vs nothing; c1: only alice coded c (excluded).
	var got []string
	for _, it := range q.Items {
		got = append(got, it.DocID+"/"+it.UnitID)
	}
	if strings.Join(got, ",") != "a/a2,b/b1" {
		t.Fatalf("queue = %v", got)
	}
	a2, b1 := q.Items[0], q.Items[1]
	if strings.Join(q.Analysts, ",") != "alice,bob" || a2.Labels[0][0] != "support" || a2.Labels[1][0] != "oppose" {
		t.Errorf("a2 labels = %v", a2.Labels)
	}
	if len(b1.Labels[1]) != 0 || a2.Text != "second" || a2.Start != 20 || a2.End != 30 {
		t.Errorf("items = %+v", q.Items)
	}
	if q.Resolved != 1 || !a2.Resolved() || b1.Resolved() || a2.Adjudicated[0] != "oppose" || q.Adjudicator != "adjudicated" {
		t.Errorf("resolved %d, a2 %v, b1 %v", q.Resolved, a2.Adjudicated, b1.Adjudicated)
	}

	// Another adjudicator name: its tags resolve, "adjudicated" is compared
	// like any analyst only when named.
	in := smallInput()
	for i := range in.Tags {
		if in.Tags[i].Analyst == "adjudicated" {
			in.Tags[i].Analyst = "lead"
		}
	}
	q, err = BuildQueue(in, Options{Adjudicator: "lead"})
	if err != nil || q.Resolved != 1 || len(q.Items) != 2 {
		t.Fatalf("adjudicator lead: %v, %+v", err, q)
	}

	// --label support: b1 (oppose only) drops out.
	q, err = BuildQueue(smallInput(), Options{Label: "support"})
	if err != nil || len(q.Items) != 1 || q.Items[0].UnitID != "a2" {
		t.Fatalf("label support: %v, %+v", err, q)
	}

	var te *TooFewAnalystsError
	if _, err := BuildQueue(smallInput(), Options{Analysts: []string{"bob"}}); !errors.As(err, &te) {
		t.Errorf("one analyst: %v", err)
	}
}

// TestQueueText: a unit tagged but missing from the statements still makes
// a unit, with the tag's quote snapshot as its text.
func TestQueueText(t *testing.T) {
	in := smallInput()
	in.Statements = in.Statements[:1]
	in.Tags[2].Quote = "snapshot"
	q, err := BuildQueue(in, Options{})
	if err != nil {
		t.Fatal(err)
	}
	if len(q.Items) != 2 || q.Items[0].Text != "snapshot" {
		t.Fatalf("items = %+v", q.Items)
	}
}

func TestStatementsOf(t *testing.T) {
	st := StatementsOf("d", []model.Quote{{ID: "d:1-5", Text: "abcd", Start: 1, End: 5}})
	if len(st) != 1 || st[0] != (Statement{ID: "d:1-5", DocID: "d", Start: 1, End: 5, Text: "abcd"}) {
		t.Errorf("statements = %+v", st)
	}
}

// TestAdjudicatorAddsNoUnit: an adjudicated tag on a quote missing from the
// statements changes no figure.
func TestAdjudicatorAddsNoUnit(t *testing.T) {
	in := smallInput()
	before, err := Compute(in, Options{})
	if err != nil {
		t.Fatal(err)
	}
	in.Tags = append(in.Tags, tag("adjudicated", "a", "a9", 90, 95, "support"))
	after, err := Compute(in, Options{})
	if err != nil {
		t.Fatal(err)
	}
	if before.Units != after.Units || *before.Overall.Observed != *after.Overall.Observed {
		t.Errorf("units %d -> %d, observed %v -> %v", before.Units, after.Units, *before.Overall.Observed, *after.Overall.Observed)
	}
}
