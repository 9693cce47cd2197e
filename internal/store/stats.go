package store

import (
	"cmp"
	"context"
	"fmt"
	"slices"
	"strings"
)

// TagStatsFilter selects the tags the aggregates count. Zero fields match
// everything. The SQL is plain and portable (GROUP BY, substr, lower).
type TagStatsFilter struct {
	// DocIDs, when non-nil, keeps only tags of these documents (empty:
	// none).
	DocIDs []string
	// Label keeps only tags with this label.
	Label string
	// Since and Until ("YYYY-MM-DD", inclusive) bound the date of the
	// tagged document (the tag's snapshot); with either set, tags of
	// documents without a date are left out.
	Since, Until string
	// Names, when non-nil, keeps only tags whose speaker or target is one
	// of these names, ignoring ASCII case.
	Names []string
}

// TagCount is one aggregate: Key is a speaker, target or period, by the
// method that returned it.
type TagCount struct {
	Key, Label string
	N          int
}

// Tag aggregate groupings.
const (
	BySpeaker = "speaker"
	ByTarget  = "target"
	// ByActor counts a tag under its speaker and, when it differs
	// (ignoring case) and is set, under its target too.
	ByActor = "actor"
)

// TagCounts counts tags by speaker, target or actor (see ByActor) and
// label. An empty key is a tag without a speaker (target).
func (s *Store) TagCounts(ctx context.Context, by string, f TagStatsFilter) ([]TagCount, error) {
	var groups []string
	switch by {
	case BySpeaker:
		groups = []string{`speaker`}
	case ByTarget:
		groups = []string{`target`}
	case ByActor:
		groups = []string{`speaker`, `target`}
	default:
		return nil, fmt.Errorf("tag counts by %q: want speaker, target or actor", by)
	}
	sum := map[[2]string]int{}
	for i, g := range groups {
		extra := ""
		if i == 1 {
			extra = `target != '' AND lower(target) != lower(speaker)`
		}
		if err := s.countGroups(ctx, g, extra, f, sum); err != nil {
			return nil, err
		}
	}
	return sortCounts(sum), nil
}

// TagPeriods counts tags by period of the tagged document's date ("2022-03"
// for "month", "2022" for "year"; "" for no date) and label.
func (s *Store) TagPeriods(ctx context.Context, interval string, f TagStatsFilter) ([]TagCount, error) {
	var g string
	switch interval {
	case "month":
		g = `substr(date, 1, 7)`
	case "year":
		g = `substr(date, 1, 4)`
	default:
		return nil, fmt.Errorf("tag counts per %q: want month or year", interval)
	}
	sum := map[[2]string]int{}
	if err := s.countGroups(ctx, g, "", f, sum); err != nil {
		return nil, err
	}
	return sortCounts(sum), nil
}

// TaggedDocs lists the documents that have tags matching f, sorted.
func (s *Store) TaggedDocs(ctx context.Context, f TagStatsFilter) ([]string, error) {
	out := []string{}
	err := s.eachChunk(f, "", func(where string, args []any) error {
		ids, err := s.strings(ctx, `SELECT DISTINCT doc_id FROM tags`+where, args...)
		out = append(out, ids...)
		return err
	})
	if err != nil {
		return nil, err
	}
	slices.Sort(out)
	return slices.Compact(out), nil
}

// countGroups adds count(*) GROUP BY (group, label) of the tags matching f
// (and extra) to sum.
func (s *Store) countGroups(ctx context.Context, group, extra string, f TagStatsFilter, sum map[[2]string]int) error {
	return s.eachChunk(f, extra, func(where string, args []any) error {
		q := `SELECT ` + group + `, label, count(*) FROM tags` + where + ` GROUP BY ` + group + `, label`
		rows, err := s.db.QueryContext(ctx, s.q(q), args...)
		if err != nil {
			return s.wrap("read", err)
		}
		defer rows.Close()
		for rows.Next() {
			var k, l string
			var n int
			if err := rows.Scan(&k, &l, &n); err != nil {
				return s.wrap("read", err)
			}
			sum[[2]string{k, l}] += n
		}
		if err := rows.Err(); err != nil {
			return s.wrap("read", err)
		}
		return nil
	})
}

// eachChunk calls fn with the WHERE clause of f (and extra) once per chunk
// of f.DocIDs (once when DocIDs is nil, never when it is empty): every tag
// belongs to one document, so sums over chunks count each tag once.
func (s *Store) eachChunk(f TagStatsFilter, extra string, fn func(where string, args []any) error) error {
	var conds []string
	var args []any
	if extra != "" {
		conds = append(conds, extra)
	}
	if f.Label != "" {
		conds = append(conds, `label = ?`)
		args = append(args, f.Label)
	}
	if f.Since != "" {
		conds = append(conds, `date != '' AND date >= ?`)
		args = append(args, f.Since)
	}
	if f.Until != "" {
		// A date is "YYYY-MM-DD": every date of the day sorts below
		// the day followed by "~".
		conds = append(conds, `date != '' AND date <= ?`)
		args = append(args, f.Until+"~")
	}
	if f.Names != nil {
		if len(f.Names) == 0 {
			return nil
		}
		ph := strings.TrimSuffix(strings.Repeat("?,", len(f.Names)), ",")
		conds = append(conds, `(lower(speaker) IN (`+ph+`) OR lower(target) IN (`+ph+`))`)
		for range 2 {
			for _, n := range f.Names {
				args = append(args, strings.ToLower(n))
			}
		}
	}
	where := func(c []string) string {
		if len(c) == 0 {
			return ""
		}
		return " WHERE " + strings.Join(c, " AND ")
	}
	if f.DocIDs == nil {
		return fn(where(conds), args)
	}
	const chunk = 500
	for i := 0; i < len(f.DocIDs); i += chunk {
		ids := f.DocIDs[i:min(i+chunk, len(f.DocIDs))]
		c := append(slices.Clone(conds), `doc_id IN (?`+strings.Repeat(",?", len(ids)-1)+`)`)
		a := slices.Clone(args)
		for _, id := range ids {
			a = append(a, id)
		}
		if err := fn(where(c), a); err != nil {
			return err
		}
	}
	return nil
}

func sortCounts(sum map[[2]string]int) []TagCount {
	out := make([]TagCount, 0, len(sum))
	for k, n := range sum {
		out = append(out, TagCount{Key: k[0], Label: k[1], N: n})
	}
	slices.SortFunc(out, func(a, b TagCount) int {
		return cmp.Or(cmp.Compare(a.Key, b.Key), cmp.Compare(a.Label, b.Label))
	})
	return out
}

// TagGroup counts the tags of one document with one speaker, target,
// label and period (of the tagged document's date: "2022-03" per month,
// "2022" per year, "" undated).
type TagGroup struct {
	DocID, Speaker, Target, Label, Period string
	N                                     int
}

// TagGroups reads the tags matching f's label and dates, grouped by
// document, speaker, target, label and period: one query, whose rows
// CountGroups and PeriodGroups turn into what TagCounts and TagPeriods
// count, for any set of documents (f.DocIDs and f.Names are not applied
// here: see KeepDocs). The rows are grouped here, not in SQL: sorting them
// in SQLite costs more than reading them.
func (s *Store) TagGroups(ctx context.Context, interval string, f TagStatsFilter) ([]TagGroup, error) {
	var plen int
	switch interval {
	case "month":
		plen = 7
	case "year":
		plen = 4
	default:
		return nil, fmt.Errorf("tag counts per %q: want month or year", interval)
	}
	f.DocIDs, f.Names = nil, nil
	type key struct{ doc, speaker, target, label, period string }
	at := map[key]int{}
	var out []TagGroup
	err := s.eachChunk(f, "", func(where string, args []any) error {
		rows, err := s.db.QueryContext(ctx, s.q(`SELECT doc_id, speaker, target, label, date FROM tags`+where), args...)
		if err != nil {
			return s.wrap("read", err)
		}
		defer rows.Close()
		for rows.Next() {
			var k key
			if err := rows.Scan(&k.doc, &k.speaker, &k.target, &k.label, &k.period); err != nil {
				return s.wrap("read", err)
			}
			k.period = prefixRunes(k.period, plen) // substr(date, 1, plen)
			if i, ok := at[k]; ok {
				out[i].N++
				continue
			}
			at[k] = len(out)
			out = append(out, TagGroup{DocID: k.doc, Speaker: k.speaker, Target: k.target, Label: k.label, Period: k.period, N: 1})
		}
		if err := rows.Err(); err != nil {
			return s.wrap("read", err)
		}
		return nil
	})
	return out, err
}

// prefixRunes is the first n characters of s.
func prefixRunes(s string, n int) string {
	for i := range s {
		if n == 0 {
			return s[:i]
		}
		n--
	}
	return s
}

// KeepDocs keeps the groups of the documents in docs (nil: every group).
func KeepDocs(gs []TagGroup, docs []string) []TagGroup {
	if docs == nil {
		return gs
	}
	keep := make(map[string]bool, len(docs))
	for _, d := range docs {
		keep[d] = true
	}
	out := make([]TagGroup, 0, len(gs))
	for _, g := range gs {
		if keep[g.DocID] {
			out = append(out, g)
		}
	}
	return out
}

// asciiLower lowers ASCII letters only, as SQLite's lower() does.
func asciiLower(s string) string {
	for i := 0; i < len(s); i++ {
		if c := s[i]; 'A' <= c && c <= 'Z' {
			b := []byte(s)
			for j := i; j < len(b); j++ {
				if 'A' <= b[j] && b[j] <= 'Z' {
					b[j] += 'a' - 'A'
				}
			}
			return string(b)
		}
	}
	return s
}

// CountGroups is TagCounts over groups: by speaker, target or actor (see
// ByActor) and label.
func CountGroups(gs []TagGroup, by string) ([]TagCount, error) {
	if by != BySpeaker && by != ByTarget && by != ByActor {
		return nil, fmt.Errorf("tag counts by %q: want speaker, target or actor", by)
	}
	sum := map[[2]string]int{}
	for _, g := range gs {
		switch by {
		case BySpeaker:
			sum[[2]string{g.Speaker, g.Label}] += g.N
		case ByTarget:
			sum[[2]string{g.Target, g.Label}] += g.N
		default:
			sum[[2]string{g.Speaker, g.Label}] += g.N
			if g.Target != "" && asciiLower(g.Target) != asciiLower(g.Speaker) {
				sum[[2]string{g.Target, g.Label}] += g.N
			}
		}
	}
	return sortCounts(sum), nil
}

// PeriodGroups is TagPeriods over groups, keeping the tags whose speaker
// or target is one of names, ignoring ASCII case (nil: every tag).
func PeriodGroups(gs []TagGroup, names []string) []TagCount {
	var want map[string]bool
	if names != nil {
		want = make(map[string]bool, len(names))
		for _, n := range names {
			want[asciiLower(n)] = true
		}
	}
	sum := map[[2]string]int{}
	for _, g := range gs {
		if want == nil || want[asciiLower(g.Speaker)] || (g.Target != "" && want[asciiLower(g.Target)]) {
			sum[[2]string{g.Period, g.Label}] += g.N
		}
	}
	return sortCounts(sum)
}
