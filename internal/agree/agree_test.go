package agree

import (
	"encoding/json"
	"errors"
	"fmt"
	"math"
	"strings"
	"testing"

	"github.com/workbench-dev/workbench/internal/model"
)

// fromFixture turns a reference table into tags and statements: unit i is
// statement "q<i>" of document docOf(i); a value becomes the tags toTags
// says (none for no label); a missing value is a coder who did not code
// the document.
func fromFixture(f refFixture, docOf func(int) string, toTags func(string) []string) Input {
	var in Input
	for i, row := range f.Units {
		doc := docOf(i)
		id := fmt.Sprintf("q%03d", i)
		in.Statements = append(in.Statements, Statement{ID: id, DocID: doc, Start: i * 10, End: i*10 + 5})
		for c, v := range row {
			if v == nil {
				continue
			}
			for _, l := range toTags(*v) {
				in.Tags = append(in.Tags, model.Tag{QuoteID: id, DocID: doc, Start: i * 10, End: i*10 + 5, Label: l, Analyst: f.Coders[c]})
			}
		}
	}
	return in
}

func fixtureNamed(t *testing.T, name string) refFixture {
	t.Helper()
	for _, f := range loadReference(t) {
		if f.Name == name {
			return f
		}
	}
	t.Fatalf("fixture %s missing", name)
	return refFixture{}
}

func nearPtr(t *testing.T, what string, got *float64, want float64) {
	t.Helper()
	if got == nil {
		near(t, what, 0, false, want)
		return
	}
	near(t, what, *got, true, want)
}

// TestComputeAgainstNLTK runs the reference fixtures through the whole
// path, from tags to figures.
func TestComputeAgainstNLTK(t *testing.T) {
	t.Run("per label, three coders", func(t *testing.T) {
		f := fixtureNamed(t, "three-coders-binary")
		in := fromFixture(f, func(int) string { return "doc" }, func(v string) []string {
			if v == "1" {
				return []string{"support"}
			}
			return nil
		})
		r, err := Compute(in, Options{})
		if err != nil {
			t.Fatal(err)
		}
		if r.Units != len(f.Units) || r.Documents != 1 {
			t.Fatalf("units, documents = %d, %d", r.Units, r.Documents)
		}
		l := r.Labels["support"]
		nearPtr(t, "observed", l.Observed, *f.NLTK.AvgAo)
		nearPtr(t, "alpha", l.Alpha, f.NLTK.Alpha)
		if len(l.Kappa) != 3 {
			t.Errorf("kappa pairs = %v", l.Kappa)
		}
		for pair, want := range f.NLTK.Kappa {
			nearPtr(t, "kappa "+pair, l.Kappa[pair], want)
		}
		// One label: the overall values are the label's.
		nearPtr(t, "fleiss", r.Overall.FleissKappa, *f.NLTK.Pi)
		nearPtr(t, "alpha nominal", r.Overall.AlphaNominal, f.NLTK.Alpha)
		if r.Overall.AlphaU != nil {
			t.Errorf("alpha-u without free spans = %v, want null", *r.Overall.AlphaU)
		}
	})
	t.Run("label sets, four coders", func(t *testing.T) {
		f := fixtureNamed(t, "four-coders-sets")
		in := fromFixture(f, func(i int) string { return fmt.Sprintf("doc%d", i/20) }, func(v string) []string {
			if v == "" {
				return nil
			}
			return strings.Split(v, "+")
		})
		r, err := Compute(in, Options{})
		if err != nil {
			t.Fatal(err)
		}
		if r.Documents != 3 || len(r.ExcludedDocuments) != 0 || r.Units != 60 {
			t.Fatalf("documents %d, excluded %v, units %d", r.Documents, r.ExcludedDocuments, r.Units)
		}
		nearPtr(t, "observed", r.Overall.Observed, *f.NLTK.AvgAo)
		nearPtr(t, "fleiss", r.Overall.FleissKappa, *f.NLTK.Pi)
		nearPtr(t, "alpha nominal", r.Overall.AlphaNominal, f.NLTK.Alpha)
	})
	t.Run("missing documents", func(t *testing.T) {
		// Each unit its own document: a missing value is a coder who did
		// not code that document. Values are labels "0" and "1".
		f := fixtureNamed(t, "three-coders-missing")
		in := fromFixture(f, func(i int) string { return fmt.Sprintf("d%03d", i) }, func(v string) []string { return []string{"v" + v} })
		r, err := Compute(in, Options{})
		if err != nil {
			t.Fatal(err)
		}
		excluded := 0
		for _, row := range f.Units {
			for _, v := range row {
				if v == nil {
					excluded++
					break
				}
			}
		}
		if excluded == 0 || len(r.ExcludedDocuments) != excluded || r.Documents != len(f.Units)-excluded {
			t.Fatalf("excluded %d documents, want %d", len(r.ExcludedDocuments), excluded)
		}
		nearPtr(t, "alpha nominal with missing", r.Overall.AlphaNominal, f.NLTK.Alpha)
	})
	t.Run("Krippendorff 2011", func(t *testing.T) {
		f := fixtureNamed(t, "krippendorff2011")
		in := fromFixture(f, func(i int) string { return fmt.Sprintf("d%02d", i) }, func(v string) []string { return []string{"c" + v} })
		r, err := Compute(in, Options{})
		if err != nil {
			t.Fatal(err)
		}
		nearPtr(t, "alpha nominal", r.Overall.AlphaNominal, 0.743)
	})
}

func tag(analyst, doc, quote string, start, end int, label string) model.Tag {
	return model.Tag{QuoteID: quote, DocID: doc, Start: start, End: end, Label: label, Analyst: analyst}
}

// smallInput: two analysts, three documents; "c" is coded by alice only.
func smallInput() Input {
	st := []Statement{
		{ID: "a1", DocID: "a", Start: 0, End: 10, Text: "first"},
		{ID: "a2", DocID: "a", Start: 20, End: 30, Text: "second"},
		{ID: "a3", DocID: "a", Start: 40, End: 50, Text: "third"},
		{ID: "b1", DocID: "b", Start: 0, End: 10, Text: "fourth"},
		{ID: "c1", DocID: "c", Start: 0, End: 10, Text: "fifth"},
	}
	tags := []model.Tag{
		tag("alice", "a", "a1", 0, 10, "support"),
		tag("bob", "a", "a1", 0, 10, "support"),
		tag("alice", "a", "a2", 20, 30, "support"),
		tag("bob", "a", "a2", 20, 30, "oppose"),
		tag("alice", "b", "b1", 0, 10, "oppose"),
		tag("bob", "b", "", 60, 70, "oppose"), // a free span: bob coded b
		tag("alice", "c", "c1", 0, 10, "support"),
		tag("adjudicated", "a", "a2", 20, 30, "oppose"),
	}
	return Input{Tags: tags, Statements: st, DocLengths: map[string]int{"a": 100, "b": 80, "c": 10}}
}

func TestComputeSmall(t *testing.T) {
	r, err := Compute(smallInput(), Options{})
	if err != nil {
		t.Fatal(err)
	}
	if strings.Join(r.Analysts, ",") != "alice,bob" {
		t.Errorf("analysts = %v (the adjudicator is not compared)", r.Analysts)
	}
	if r.Documents != 2 || r.Units != 4 || strings.Join(r.ExcludedDocuments, ",") != "c" {
		t.Errorf("documents %d, units %d, excluded %v", r.Documents, r.Units, r.ExcludedDocuments)
	}
	// support: a1 both (agree), a2 alice only while bob gave oppose
	// (disagree). oppose: a2 bob only, alice gave support (disagree); b1
	// alice only, bob tagged nothing there (single).
	s, o := r.Labels["support"], r.Labels["oppose"]
	if s.Agree != 1 || s.Disagree != 1 || s.Single != 0 {
		t.Errorf("support diagnosis = %d/%d/%d", s.Agree, s.Disagree, s.Single)
	}
	if o.Agree != 0 || o.Disagree != 1 || o.Single != 1 {
		t.Errorf("oppose diagnosis = %d/%d/%d", o.Agree, o.Disagree, o.Single)
	}
	// support values: alice 1,1,0,0 bob 1,0,0,0 -> observed 3/4.
	nearPtr(t, "support observed", s.Observed, 0.75)
	// Cohen: Ao .75, Ae = .5*.25+.5*.75 = .5 -> kappa .5.
	nearPtr(t, "support kappa", s.Kappa["alice|bob"], 0.5)
	// Overall: alice {support},{support},{},{oppose}; bob {support},{oppose},{},{}
	// -> observed 2/4.
	nearPtr(t, "overall observed", r.Overall.Observed, 0.5)
	if r.Overall.FleissKappa != nil {
		t.Error("fleiss kappa with two analysts should be null")
	}
	// Free spans: bob marks [60,70) of b, alice nothing: the continuum is
	// a (100) then b (80): one unit in a gap, alpha-u is negative.
	if r.Overall.AlphaU == nil || *r.Overall.AlphaU >= 0 {
		t.Errorf("alpha-u = %v, want negative", r.Overall.AlphaU)
	}
}

// TestJSONShape pins the JSON of the issue, with null for undefined values.
func TestJSONShape(t *testing.T) {
	in := Input{
		Statements: []Statement{{ID: "q1", DocID: "d", Start: 0, End: 5}, {ID: "q2", DocID: "d", Start: 6, End: 9}},
		Tags: []model.Tag{
			tag("bob", "d", "q1", 0, 5, "support"),
			tag("alice", "d", "q1", 0, 5, "support"),
		},
	}
	r, err := Compute(in, Options{})
	if err != nil {
		t.Fatal(err)
	}
	b, err := json.Marshal(r)
	if err != nil {
		t.Fatal(err)
	}
	want := `{"analysts":["alice","bob"],"documents":1,"units":2,"excluded_documents":[],` +
		`"labels":{"support":{"observed":1,"kappa":{"alice|bob":1},"alpha":1,"agree":1,"disagree":0,"single":0}},` +
		`"overall":{"observed":1,"fleiss_kappa":null,"alpha_nominal":1,"alpha_u":null}}`
	if string(b) != want {
		t.Errorf("JSON\n got %s\nwant %s", b, want)
	}
	// No variation: both analysts tag every unit alike.
	in.Statements = in.Statements[:1]
	r, err = Compute(in, Options{})
	if err != nil {
		t.Fatal(err)
	}
	b, _ = json.Marshal(r.Labels["support"])
	if want := `{"observed":1,"kappa":{"alice|bob":null},"alpha":null,"agree":1,"disagree":0,"single":0}`; string(b) != want {
		t.Errorf("JSON\n got %s\nwant %s", b, want)
	}
}

func TestOptions(t *testing.T) {
	in := smallInput()
	r, err := Compute(in, Options{Label: "oppose"})
	if err != nil {
		t.Fatal(err)
	}
	if len(r.Labels) != 1 || r.Labels["oppose"].Single != 1 {
		t.Errorf("labels with --label oppose = %v", r.Labels)
	}
	// Only oppose counts: alice 0,0,0,1 bob 0,1,0,0 -> observed 2/4.
	nearPtr(t, "observed", r.Overall.Observed, 0.5)

	_, err = Compute(in, Options{Analysts: []string{"alice", "carol"}})
	var ue *UnknownAnalystError
	if !errors.As(err, &ue) || ue.Name != "carol" || !strings.Contains(err.Error(), "alice, bob") {
		t.Errorf("unknown analyst: %v", err)
	}
	_, err = Compute(in, Options{Analysts: []string{"alice"}})
	var te *TooFewAnalystsError
	if !errors.As(err, &te) {
		t.Errorf("one analyst: %v", err)
	}
	_, err = Compute(Input{}, Options{})
	if !errors.As(err, &te) || !strings.Contains(err.Error(), "--analyst") {
		t.Errorf("no analyst: %v", err)
	}
	// The adjudicator can be compared when asked for by name.
	r, err = Compute(in, Options{Analysts: []string{"bob", "adjudicated"}})
	if err != nil {
		t.Fatal(err)
	}
	if strings.Join(r.Analysts, ",") != "adjudicated,bob" || r.Documents != 1 {
		t.Errorf("analysts %v, documents %d", r.Analysts, r.Documents)
	}
}

// TestPropertyTags: identical analysts give 1; an analyst against a
// shuffled copy gives about 0, through the whole path.
func TestPropertyTags(t *testing.T) {
	labels := []string{"support", "oppose", "neutral"}
	var in, shuffled Input
	n := 3000
	for i := 0; i < n; i++ {
		doc := fmt.Sprintf("d%02d", i%30)
		id := fmt.Sprintf("q%04d", i)
		st := Statement{ID: id, DocID: doc, Start: i, End: i + 1}
		in.Statements = append(in.Statements, st)
		shuffled.Statements = append(shuffled.Statements, st)
		l := labels[(i*7+i/3)%3]
		if i%5 == 0 {
			continue
		}
		in.Tags = append(in.Tags, tag("a", doc, id, i, i+1, l), tag("b", doc, id, i, i+1, l))
		shuffled.Tags = append(shuffled.Tags, tag("a", doc, id, i, i+1, l))
	}
	// b: a's labels on a permutation of the statements (fixed seed via a
	// multiplicative step coprime with n).
	for i := 0; i < n; i++ {
		j := (i*1543 + 17) % n
		if j%5 == 0 {
			continue
		}
		doc := fmt.Sprintf("d%02d", i%30)
		shuffled.Tags = append(shuffled.Tags, tag("b", doc, fmt.Sprintf("q%04d", i), i, i+1, labels[(j*7+j/3)%3]))
	}
	r, err := Compute(in, Options{})
	if err != nil {
		t.Fatal(err)
	}
	for _, v := range []*float64{r.Overall.Observed, r.Overall.AlphaNominal, r.Labels["oppose"].Kappa["a|b"], r.Labels["support"].Alpha} {
		if v == nil || math.Abs(*v-1) > 1e-12 {
			t.Errorf("identical analysts: %v, want 1", v)
		}
	}
	r, err = Compute(shuffled, Options{})
	if err != nil {
		t.Fatal(err)
	}
	for name, v := range map[string]*float64{"alpha": r.Overall.AlphaNominal, "kappa oppose": r.Labels["oppose"].Kappa["a|b"], "alpha support": r.Labels["support"].Alpha} {
		if v == nil || math.Abs(*v) > 0.05 {
			t.Errorf("shuffled copy: %s = %v, want about 0", name, deref(v))
		}
	}
}

func deref(v *float64) any {
	if v == nil {
		return nil
	}
	return *v
}
