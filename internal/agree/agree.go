// Package agree measures how far several analysts agree on their tags, and
// lists where they differ for adjudication. It is pure: it knows only model
// and the standard library; the caller loads the tags and statements.
//
// Units are the statements (quotes, turns) of the documents every compared
// analyst coded (tagged at least once); a document coded by only some of
// them is left out and listed. Per label, each analyst codes each unit 1
// (has the label) or 0 (has not). The overall figures take each analyst's
// set of labels on a unit as one nominal value ("" for none, "a+b" for
// two). The overall Krippendorff's alpha also uses the units of the left-out
// documents, with a missing value for each analyst who did not code the
// document. Free spans (tags with no quote) are compared by character
// position with Krippendorff's alpha-u on the included documents laid end
// to end.
//
// A figure that is undefined (no unit, or no variation for the chance
// correction to work on, as when both analysts give every unit the same
// value) is nil, which is null in JSON.
package agree

import (
	"fmt"
	"sort"
	"strings"

	"github.com/workbench-dev/workbench/internal/model"
)

// DefaultAdjudicator is the analyst name adjudicated tags are saved under.
const DefaultAdjudicator = "adjudicated"

// Statement is one unit candidate: a quote or turn of a document, with
// code-point offsets into its body, end exclusive.
type Statement struct {
	ID, DocID  string
	Start, End int
	// Text is the statement's text, shown in the adjudication queue
	// (optional; the tags' quote snapshot stands in when empty).
	Text string
}

// StatementsOf turns the quotes the analyzer found in a document into
// statements.
func StatementsOf(docID string, quotes []model.Quote) []Statement {
	out := make([]Statement, 0, len(quotes))
	for _, q := range quotes {
		out = append(out, Statement{ID: q.ID, DocID: docID, Start: q.Start, End: q.End, Text: q.Text})
	}
	return out
}

// Input is everything agreement is computed from.
type Input struct {
	// Tags of every analyst (and the adjudicator). Tags without an analyst
	// are ignored.
	Tags []model.Tag
	// Statements of the documents the tags are on: all of them, not only
	// the tagged ones, since a statement nobody tagged is a unit every
	// analyst coded 0.
	Statements []Statement
	// DocLengths are the documents' body lengths in code points, for
	// alpha-u; a missing length is taken as the furthest statement or tag
	// end in the document.
	DocLengths map[string]int
}

// Options choose what is compared.
type Options struct {
	// Analysts to compare; empty means every analyst with a tag, except
	// the adjudicator.
	Analysts []string
	// Label restricts every figure to one label; "" means all.
	Label string
	// Adjudicator is the analyst name of adjudicated tags; "" means
	// DefaultAdjudicator.
	Adjudicator string
}

// Result is the agreement report. It marshals to the JSON of
// `workbench agree --json`.
type Result struct {
	Analysts          []string               `json:"analysts"`
	Documents         int                    `json:"documents"`
	Units             int                    `json:"units"`
	ExcludedDocuments []string               `json:"excluded_documents"`
	Labels            map[string]LabelResult `json:"labels"`
	Overall           Overall                `json:"overall"`
}

// LabelResult holds the figures of one label on the units.
type LabelResult struct {
	Observed *float64 `json:"observed"`
	// Kappa is Cohen's kappa per pair of analysts, keyed "A|B" with the
	// names sorted.
	Kappa map[string]*float64 `json:"kappa"`
	Alpha *float64            `json:"alpha"`
	// Agree counts units every analyst gave the label; Single units only
	// one analyst tagged at all, with this label; Disagree the other units
	// some but not all analysts gave the label.
	Agree    int `json:"agree"`
	Disagree int `json:"disagree"`
	Single   int `json:"single"`
}

// Overall holds the figures over all labels.
type Overall struct {
	Observed *float64 `json:"observed"`
	// FleissKappa needs three or more analysts (nil with two: read
	// Cohen's kappa per label).
	FleissKappa  *float64 `json:"fleiss_kappa"`
	AlphaNominal *float64 `json:"alpha_nominal"`
	// AlphaU is Krippendorff's alpha-u over the free spans; nil when no
	// analyst marked one.
	AlphaU *float64 `json:"alpha_u"`
}

// TooFewAnalystsError: agreement needs two analysts or more.
type TooFewAnalystsError struct{ Analysts []string }

func (e *TooFewAnalystsError) Error() string {
	if len(e.Analysts) == 0 {
		return "agreement needs at least two analysts; no tag has an analyst (tag with --analyst NAME)"
	}
	return fmt.Sprintf("agreement needs at least two analysts; only %s has tags (tag with --analyst NAME)", strings.Join(e.Analysts, ", "))
}

// UnknownAnalystError: an analyst asked for has no tag.
type UnknownAnalystError struct {
	Name  string
	Known []string
}

func (e *UnknownAnalystError) Error() string {
	return fmt.Sprintf("analyst %q has no tags; analysts with tags: %s", e.Name, strings.Join(e.Known, ", "))
}

// unit is one statement with what each compared analyst gave it.
type unit struct {
	id, doc    string
	start, end int
	text       string
	labels     [][]string // per analyst, sorted (only the label asked for, if any)
	tagged     []bool     // per analyst: gave the unit any label at all
	coded      []bool     // per analyst: coded the unit's document
	adjudged   []string   // the adjudicator's labels
}

func (u *unit) complete() bool {
	for _, c := range u.coded {
		if !c {
			return false
		}
	}
	return true
}

// prepared is the input sorted out: analysts, documents, units, spans.
type prepared struct {
	analysts []string
	labels   []string
	included []string // documents every analyst coded, sorted
	excluded []string
	units    []*unit // of documents at least one analyst coded, by document and position
	spans    []model.Tag
	lengths  map[string]int
}

func prepare(in Input, opt Options) (*prepared, error) {
	adj := opt.Adjudicator
	if adj == "" {
		adj = DefaultAdjudicator
	}
	known := map[string]bool{}
	for _, t := range in.Tags {
		if t.Analyst != "" {
			known[t.Analyst] = true
		}
	}
	var analysts []string
	if len(opt.Analysts) == 0 {
		for a := range known {
			if a != adj {
				analysts = append(analysts, a)
			}
		}
	} else {
		seen := map[string]bool{}
		for _, a := range opt.Analysts {
			if !seen[a] {
				seen[a] = true
				analysts = append(analysts, a)
			}
		}
		for _, a := range analysts {
			if !known[a] {
				return nil, &UnknownAnalystError{Name: a, Known: sortedKeys(known)}
			}
		}
	}
	sort.Strings(analysts)
	if len(analysts) < 2 {
		return nil, &TooFewAnalystsError{Analysts: analysts}
	}
	idx := map[string]int{}
	for i, a := range analysts {
		idx[a] = i
	}
	p := &prepared{analysts: analysts, lengths: map[string]int{}}

	// Which analyst coded which document (any tag, any label).
	coded := map[string][]bool{}
	for _, t := range in.Tags {
		i, ok := idx[t.Analyst]
		if !ok {
			continue
		}
		if coded[t.DocID] == nil {
			coded[t.DocID] = make([]bool, len(analysts))
		}
		coded[t.DocID][i] = true
	}
	for _, d := range sortedKeys(coded) {
		all := true
		for _, c := range coded[d] {
			all = all && c
		}
		if all {
			p.included = append(p.included, d)
		} else {
			p.excluded = append(p.excluded, d)
		}
	}

	units := map[string]*unit{}
	key := func(doc, id string) string { return doc + "\x00" + id }
	add := func(id, doc string, start, end int, text string) *unit {
		k := key(doc, id)
		if u, ok := units[k]; ok {
			if u.text == "" {
				u.text = text
			}
			return u
		}
		u := &unit{id: id, doc: doc, start: start, end: end, text: text,
			labels: make([][]string, len(analysts)), tagged: make([]bool, len(analysts)), coded: coded[doc]}
		units[k] = u
		return u
	}
	for _, s := range in.Statements {
		p.lengths[s.DocID] = max(p.lengths[s.DocID], s.End)
		if coded[s.DocID] != nil {
			add(s.ID, s.DocID, s.Start, s.End, s.Text)
		}
	}
	labels := map[string]bool{}
	if opt.Label != "" {
		labels[opt.Label] = true
	}
	var adjudged []model.Tag
	for _, t := range in.Tags {
		p.lengths[t.DocID] = max(p.lengths[t.DocID], t.End)
		i, compared := idx[t.Analyst]
		if t.Analyst == adj && !compared {
			adjudged = append(adjudged, t)
			continue
		}
		if !compared {
			continue
		}
		var u *unit
		if t.QuoteID != "" {
			u = add(t.QuoteID, t.DocID, t.Start, t.End, t.Quote)
			u.tagged[i] = true
		}
		if opt.Label != "" && t.Label != opt.Label {
			continue
		}
		labels[t.Label] = true
		if u == nil {
			p.spans = append(p.spans, t)
			continue
		}
		u.labels[i] = addLabel(u.labels[i], t.Label)
	}
	// The adjudicator's labels go on existing units only: they settle
	// units, they never add one.
	for _, t := range adjudged {
		if u, ok := units[key(t.DocID, t.QuoteID)]; ok && t.QuoteID != "" {
			u.adjudged = addLabel(u.adjudged, t.Label)
		}
	}
	for d, n := range in.DocLengths {
		p.lengths[d] = n
	}
	p.labels = sortedKeys(labels)
	for _, u := range units {
		p.units = append(p.units, u)
	}
	sort.Slice(p.units, func(i, j int) bool {
		a, b := p.units[i], p.units[j]
		if a.doc != b.doc {
			return a.doc < b.doc
		}
		if a.start != b.start {
			return a.start < b.start
		}
		if a.end != b.end {
			return a.end < b.end
		}
		return a.id < b.id
	})
	return p, nil
}

// addLabel inserts l into the sorted set ls.
func addLabel(ls []string, l string) []string {
	i := sort.SearchStrings(ls, l)
	if i < len(ls) && ls[i] == l {
		return ls
	}
	return append(ls[:i], append([]string{l}, ls[i:]...)...)
}

func sortedKeys[V any](m map[string]V) []string {
	ks := make([]string, 0, len(m))
	for k := range m {
		ks = append(ks, k)
	}
	sort.Strings(ks)
	return ks
}

func fig(v float64, ok bool) *float64 {
	if !ok {
		return nil
	}
	return &v
}

// PairKey is the key of a pair of analysts in LabelResult.Kappa: "A|B" with
// the names sorted.
func PairKey(a, b string) string {
	if b < a {
		a, b = b, a
	}
	return a + "|" + b
}

// Compute measures the agreement of the analysts on the input.
func Compute(in Input, opt Options) (*Result, error) {
	p, err := prepare(in, opt)
	if err != nil {
		return nil, err
	}
	m := len(p.analysts)
	r := &Result{Analysts: p.analysts, Documents: len(p.included),
		ExcludedDocuments: append([]string{}, p.excluded...), Labels: map[string]LabelResult{}}
	var complete []*unit
	for _, u := range p.units {
		if u.complete() {
			complete = append(complete, u)
		}
	}
	r.Units = len(complete)

	for _, l := range p.labels {
		tb := make(table, len(complete))
		lr := LabelResult{Kappa: map[string]*float64{}}
		for i, u := range complete {
			row := make([]int, m)
			has, tagged := 0, 0
			for a := range row {
				if containsLabel(u.labels[a], l) {
					row[a] = 1
					has++
				}
				if u.tagged[a] {
					tagged++
				}
			}
			tb[i] = row
			switch {
			case has == 0:
			case has == m:
				lr.Agree++
			case tagged == 1:
				lr.Single++
			default:
				lr.Disagree++
			}
		}
		lr.Observed = fig(tb.observed())
		lr.Alpha = fig(tb.alpha())
		for a := 0; a < m; a++ {
			for b := a + 1; b < m; b++ {
				lr.Kappa[PairKey(p.analysts[a], p.analysts[b])] = fig(tb.cohen(a, b))
			}
		}
		r.Labels[l] = lr
	}

	// Overall: each analyst's label set on a unit is one nominal value.
	cats := map[string]int{}
	cat := func(ls []string) int {
		k := strings.Join(ls, "+")
		if _, ok := cats[k]; !ok {
			cats[k] = len(cats)
		}
		return cats[k]
	}
	var all, full table
	for _, u := range p.units {
		row := make([]int, m)
		for a := range row {
			row[a] = missing
			if u.coded[a] {
				row[a] = cat(u.labels[a])
			}
		}
		all = append(all, row)
		if u.complete() {
			full = append(full, row)
		}
	}
	r.Overall.Observed = fig(full.observed())
	if m >= 3 {
		r.Overall.FleissKappa = fig(full.fleiss())
	}
	r.Overall.AlphaNominal = fig(all.alpha())
	r.Overall.AlphaU = fig(p.continuum().alphaUAll())
	return r, nil
}

func containsLabel(ls []string, l string) bool {
	i := sort.SearchStrings(ls, l)
	return i < len(ls) && ls[i] == l
}

// continuum lays the included documents end to end, in document order,
// with the analysts' free spans on them.
func (p *prepared) continuum() *continuum {
	c := &continuum{coders: len(p.analysts)}
	offset := map[string]int{}
	for _, d := range p.included {
		offset[d] = c.length
		c.length += p.lengths[d]
	}
	idx := map[string]int{}
	for i, a := range p.analysts {
		idx[a] = i
	}
	for _, t := range p.spans {
		o, ok := offset[t.DocID]
		if !ok {
			continue
		}
		// Clip to the document so a span never reaches into the next one.
		s, e := max(0, t.Start), min(p.lengths[t.DocID], t.End)
		if s < e {
			c.spans = append(c.spans, uspan{coder: idx[t.Analyst], cat: t.Label, start: o + s, end: o + e})
		}
	}
	c.normalise()
	return c
}
