// Package insights holds what `workbench stats`, `workbench report` and the
// TUI's insights view show: a stance matrix (tagged statements by speaker or
// target and label), a timeline (per month or year, per actor: statements,
// mentions and tags) and actor co-occurrence. Data is exactly the pinned
// JSON of `stats --json`.
//
// The package is pure: it builds Data from counts the index and the tag
// store computed (see Build and package gather) and knows only model.
//
// Dates: a document without a date is never dropped. Its counts go to the
// point whose T is NoDate ("no date"), which comes after every dated point.
package insights

import (
	"cmp"
	"fmt"
	"slices"
	"strings"
	"time"

	"github.com/workbench-dev/workbench/internal/model"
)

// NoDate is the T of the timeline point (and the period key) that holds
// the counts of documents without a date.
const NoDate = "no date"

// Row and interval names.
const (
	BySpeaker = "speaker"
	ByTarget  = "target"
	ByActor   = "actor" // speaker or target: a tag counts once under each
	Month     = "month"
	Year      = "year"
)

// NoName is the matrix row of tags with no speaker (or no target).
const NoName = "(none)"

// Data is the result of `workbench stats --json`.
type Data struct {
	Query        string   `json:"query"`
	Matrix       Matrix   `json:"matrix"`
	Timeline     Timeline `json:"timeline"`
	Cooccurrence []Pair   `json:"cooccurrence"`
	// Actors are the per-actor mention counts (documents mentioning the
	// actor), most mentioned first: an extra field beside the pinned ones.
	Actors []ActorCount `json:"actors"`
}

// Matrix is the stance matrix: Counts[i][j] is the number of tags with
// label Labels[j] whose speaker (target) is Rows[i].
type Matrix struct {
	By     string   `json:"by"`
	Rows   []string `json:"rows"`
	Labels []string `json:"labels"`
	Counts [][]int  `json:"counts"`
}

// Timeline is per-interval counts for up to five actors.
type Timeline struct {
	Interval string   `json:"interval"`
	Series   []Series `json:"series"`
}

// Series is one actor's points, oldest first, NoDate last. Every series of
// a timeline has the same Ts.
type Series struct {
	Name   string  `json:"name"`
	Points []Point `json:"points"`
}

// Point is one interval: T is "2022-03" (month), "2022" (year) or NoDate.
// Statements are the statements the actor made; Mentions the documents
// mentioning the actor; Tags the tags whose speaker or target is the actor.
type Point struct {
	T          string `json:"t"`
	Statements int    `json:"statements"`
	Mentions   int    `json:"mentions"`
	Tags       int    `json:"tags"`
}

// Pair is two actors (A < B) mentioned in the same Docs documents.
type Pair struct {
	A    string `json:"a"`
	B    string `json:"b"`
	Docs int    `json:"docs"`
}

// ActorCount is the number of documents mentioning an actor.
type ActorCount struct {
	Actor string `json:"actor"`
	Docs  int    `json:"docs"`
}

// Empty reports whether there is nothing to show at all.
func (d Data) Empty() bool {
	return len(d.Matrix.Rows) == 0 && len(d.Timeline.Series) == 0 && len(d.Cooccurrence) == 0 && len(d.Actors) == 0
}

// RowTotals are the sums of the matrix rows.
func (m Matrix) RowTotals() []int {
	out := make([]int, len(m.Rows))
	for i := range m.Rows {
		for _, n := range m.row(i) {
			out[i] += n
		}
	}
	return out
}

// ColTotals are the sums of the matrix columns.
func (m Matrix) ColTotals() []int {
	out := make([]int, len(m.Labels))
	for i := range m.Rows {
		for j, n := range m.row(i) {
			if j < len(out) {
				out[j] += n
			}
		}
	}
	return out
}

// Total is the sum of all cells.
func (m Matrix) Total() int {
	n := 0
	for _, t := range m.RowTotals() {
		n += t
	}
	return n
}

func (m Matrix) row(i int) []int {
	if i < len(m.Counts) {
		return m.Counts[i]
	}
	return nil
}

// Max is the largest cell.
func (m Matrix) Max() int {
	mx := 0
	for i := range m.Rows {
		for _, n := range m.row(i) {
			mx = max(mx, n)
		}
	}
	return mx
}

// Period is the interval key of a date: "2006-01" for Month, "2006" for
// Year, NoDate for the zero time.
func Period(t time.Time, interval string) string {
	if t.IsZero() {
		return NoDate
	}
	if interval == Year {
		return t.UTC().Format("2006")
	}
	return t.UTC().Format("2006-01")
}

// PeriodOfDay is Period for a "YYYY-MM-DD" (or longer) date string; ""
// and unreadable dates give NoDate.
func PeriodOfDay(day, interval string) string {
	if len(day) < 7 || day[4] != '-' {
		if len(day) == 4 && interval == Year {
			return day
		}
		return NoDate
	}
	if interval == Year {
		return day[:4]
	}
	return day[:7]
}

// Cell is one count of the matrix input: Key is the speaker or target.
type Cell struct {
	Key, Label string
	N          int
}

// BuildMatrix makes the matrix from cells. Columns are the codebook's labels
// in codebook order, then labels in use that the codebook lacks, sorted.
// Rows are ordered by total, largest first, then by name; an empty key
// becomes NoName.
func BuildMatrix(by string, codebook []model.Label, cells []Cell) Matrix {
	m := Matrix{By: by, Rows: []string{}, Labels: []string{}, Counts: [][]int{}}
	col := map[string]int{}
	for _, l := range codebook {
		if _, ok := col[l.Name]; !ok {
			col[l.Name] = len(m.Labels)
			m.Labels = append(m.Labels, l.Name)
		}
	}
	var extra []string
	for _, c := range cells {
		if _, ok := col[c.Label]; !ok && !slices.Contains(extra, c.Label) {
			extra = append(extra, c.Label)
		}
	}
	slices.Sort(extra)
	for _, l := range extra {
		col[l] = len(m.Labels)
		m.Labels = append(m.Labels, l)
	}
	rows := map[string][]int{}
	for _, c := range cells {
		if c.N == 0 {
			continue
		}
		k := c.Key
		if strings.TrimSpace(k) == "" {
			k = NoName
		}
		r := rows[k]
		if r == nil {
			r = make([]int, len(m.Labels))
			rows[k] = r
			m.Rows = append(m.Rows, k)
		}
		r[col[c.Label]] += c.N
	}
	tot := map[string]int{}
	for k, r := range rows {
		for _, n := range r {
			tot[k] += n
		}
	}
	slices.SortFunc(m.Rows, func(a, b string) int {
		return cmp.Or(cmp.Compare(tot[b], tot[a]), cmp.Compare(a, b))
	})
	for _, k := range m.Rows {
		m.Counts = append(m.Counts, rows[k])
	}
	return m
}

// Counts are one actor's per-period counts, the timeline input.
type Counts struct {
	Name                       string
	Statements, Mentions, Tags map[string]int // period -> count
}

// BuildTimeline makes a timeline whose series share one axis: every period
// from the oldest to the newest present in any series (gaps filled with
// zeros), then NoDate when any series has it.
func BuildTimeline(interval string, in []Counts) Timeline {
	if interval != Year {
		interval = Month
	}
	tl := Timeline{Interval: interval, Series: []Series{}}
	present := map[string]bool{}
	for _, c := range in {
		for _, m := range []map[string]int{c.Statements, c.Mentions, c.Tags} {
			for p, n := range m {
				if n != 0 {
					present[p] = true
				}
			}
		}
	}
	axis := Axis(interval, present)
	for _, c := range in {
		s := Series{Name: c.Name, Points: make([]Point, 0, len(axis))}
		for _, t := range axis {
			s.Points = append(s.Points, Point{T: t, Statements: c.Statements[t], Mentions: c.Mentions[t], Tags: c.Tags[t]})
		}
		tl.Series = append(tl.Series, s)
	}
	return tl
}

// Axis lists every period from the oldest to the newest of present,
// NoDate last when present holds it.
func Axis(interval string, present map[string]bool) []string {
	var dated []time.Time
	layout := "2006-01"
	if interval == Year {
		layout = "2006"
	}
	for p := range present {
		if p == NoDate {
			continue
		}
		if t, err := time.Parse(layout, p); err == nil {
			dated = append(dated, t)
		}
	}
	out := []string{}
	if len(dated) > 0 {
		lo, hi := slices.MinFunc(dated, time.Time.Compare), slices.MaxFunc(dated, time.Time.Compare)
		for t := lo; !t.After(hi); {
			out = append(out, t.Format(layout))
			if interval == Year {
				t = t.AddDate(1, 0, 0)
			} else {
				t = t.AddDate(0, 1, 0)
			}
		}
	}
	if present[NoDate] {
		out = append(out, NoDate)
	}
	return out
}

// Buckets sums per-day counts ("YYYY-MM-DD" or "" keys) into periods.
func Buckets(days map[string]int, interval string) map[string]int {
	out := map[string]int{}
	for d, n := range days {
		out[PeriodOfDay(d, interval)] += n
	}
	return out
}

// TopPairs orders pairs by documents (most first, then by names), keeps
// the first n (n <= 0: all) and puts each pair's names in order.
func TopPairs(pairs []Pair, n int) []Pair {
	seen := map[[2]string]int{}
	out := []Pair{}
	for _, p := range pairs {
		if p.A == p.B || p.Docs <= 0 {
			continue
		}
		if p.B < p.A {
			p.A, p.B = p.B, p.A
		}
		k := [2]string{p.A, p.B}
		if i, ok := seen[k]; ok {
			out[i].Docs = max(out[i].Docs, p.Docs)
			continue
		}
		seen[k] = len(out)
		out = append(out, p)
	}
	slices.SortFunc(out, func(a, b Pair) int {
		return cmp.Or(cmp.Compare(b.Docs, a.Docs), cmp.Compare(a.A, b.A), cmp.Compare(a.B, b.B))
	})
	if n > 0 && len(out) > n {
		out = out[:n]
	}
	return out
}

// Merge adds b's counts to a's: matrices cell by cell (rows and labels
// united), timelines point by point per series name, pairs and actor
// counts by name. It is for combining results over parts of a corpus
// (e.g. shards); the query and settings of a are kept.
func Merge(a, b Data) Data {
	out := Data{Query: a.Query}
	var cells []Cell
	for _, m := range []Matrix{a.Matrix, b.Matrix} {
		for i, r := range m.Rows {
			for j, n := range m.row(i) {
				if j < len(m.Labels) {
					cells = append(cells, Cell{Key: r, Label: m.Labels[j], N: n})
				}
			}
		}
	}
	var cb []model.Label
	for _, l := range a.Matrix.Labels {
		cb = append(cb, model.Label{Name: l})
	}
	for _, l := range b.Matrix.Labels {
		cb = append(cb, model.Label{Name: l})
	}
	by := cmp.Or(a.Matrix.By, b.Matrix.By)
	out.Matrix = BuildMatrix(by, cb, cells)
	interval := cmp.Or(a.Timeline.Interval, b.Timeline.Interval)
	var order []string
	series := map[string]*Counts{}
	for _, tl := range []Timeline{a.Timeline, b.Timeline} {
		for _, s := range tl.Series {
			c := series[s.Name]
			if c == nil {
				c = &Counts{Name: s.Name, Statements: map[string]int{}, Mentions: map[string]int{}, Tags: map[string]int{}}
				series[s.Name] = c
				order = append(order, s.Name)
			}
			for _, p := range s.Points {
				c.Statements[p.T] += p.Statements
				c.Mentions[p.T] += p.Mentions
				c.Tags[p.T] += p.Tags
			}
		}
	}
	var in []Counts
	for _, n := range order {
		in = append(in, *series[n])
	}
	out.Timeline = BuildTimeline(interval, in)
	pairs := map[[2]string]int{}
	for _, p := range append(slices.Clone(a.Cooccurrence), b.Cooccurrence...) {
		if p.B < p.A {
			p.A, p.B = p.B, p.A
		}
		pairs[[2]string{p.A, p.B}] += p.Docs
	}
	var ps []Pair
	for k, n := range pairs {
		ps = append(ps, Pair{A: k[0], B: k[1], Docs: n})
	}
	out.Cooccurrence = TopPairs(ps, 0)
	acts := map[string]int{}
	for _, c := range append(slices.Clone(a.Actors), b.Actors...) {
		acts[c.Actor] += c.Docs
	}
	out.Actors = SortActors(acts)
	return out
}

// SortActors turns actor -> docs into a list, most mentioned first.
func SortActors(m map[string]int) []ActorCount {
	out := []ActorCount{}
	for a, n := range m {
		out = append(out, ActorCount{Actor: a, Docs: n})
	}
	slices.SortFunc(out, func(x, y ActorCount) int {
		return cmp.Or(cmp.Compare(y.Docs, x.Docs), cmp.Compare(x.Actor, y.Actor))
	})
	return out
}

// Options are the settings of a computation (the flags of `workbench
// stats`).
type Options struct {
	// Query is the user's query text, echoed in Data.Query.
	Query string
	// By is BySpeaker (default), ByTarget or ByActor.
	By string
	// Label keeps only tags with this label ("" = all).
	Label string
	// Since and Until bound the documents' dates, inclusive (zero = open).
	// With either set, documents without a date are left out.
	Since, Until time.Time
	// Interval is Month (default) or Year.
	Interval string
	// Codebook gives the matrix columns and their order.
	Codebook []model.Label
	// Actors are the timeline's actors (ids); empty: the five most
	// mentioned.
	Actors []string
	// ActorNames maps an actor id to the names a tag's speaker or target
	// may carry for it (registry name and aliases); the id itself always
	// matches.
	ActorNames map[string][]string
	// SpeakerActor resolves the name of an analyst's speaker correction to
	// an actor id ("" when it names no actor), as the statement listings
	// do; nil: through ActorNames, ignoring case.
	SpeakerActor func(name string) string
	// Pairs is the number of co-occurrence pairs (default 20).
	Pairs int
}

// Validate checks and defaults the options; errors name the bad value.
func (o *Options) Validate() error {
	switch o.By {
	case "":
		o.By = BySpeaker
	case BySpeaker, ByTarget, ByActor:
	default:
		return fmt.Errorf("--by %q: want speaker, target or actor", o.By)
	}
	switch o.Interval {
	case "":
		o.Interval = Month
	case Month, Year:
	default:
		return fmt.Errorf("--interval %q: want month or year", o.Interval)
	}
	if !o.Since.IsZero() && !o.Until.IsZero() && o.Until.Before(o.Since) {
		return fmt.Errorf("--until %s is before --since %s", model.FormatDate(o.Until), model.FormatDate(o.Since))
	}
	if len(o.Actors) > MaxSeries {
		return fmt.Errorf("%d timeline actors: at most %d", len(o.Actors), MaxSeries)
	}
	if o.Pairs <= 0 {
		o.Pairs = 20
	}
	return nil
}

// MaxSeries is the most actors a timeline shows.
const MaxSeries = 5

// HasKremlin reports whether any source or tagged document is from
// kremlin.ru: a report then carries the CC BY 4.0 attribution.
func HasKremlin(sources []string, tags []model.Tag) bool {
	for _, s := range sources {
		if strings.Contains(strings.ToLower(s), "kremlin.ru") {
			return true
		}
	}
	for _, t := range tags {
		if strings.Contains(strings.ToLower(t.Source+" "+t.URL), "kremlin.ru") {
			return true
		}
	}
	return false
}
