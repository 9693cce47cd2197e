package store

import (
	"context"
	"fmt"
	"slices"
	"strings"
	"testing"
)

// TestTagAggregates checks the SQL aggregates against counts made in Go
// from List, over 1,200 tags (more documents than one IN chunk).
func TestTagAggregates(t *testing.T) {
	forBackends(t, testTagAggregates)
}

func testTagAggregates(t *testing.T, b backend) {
	ctx := context.Background()
	s := b.open(t, ana)
	speakers := []string{"Vladimir Putin", "Volodymyr Zelensky", ""}
	targets := []string{"NATO", "", "vladimir putin"}
	labels := []string{"escalatory", "neutral", "accusatory"}
	for i := range 1200 {
		date := ""
		if i%9 != 0 {
			date = fmt.Sprintf("20%02d-%02d-%02d", 20+i%3, 1+i%12, 1+i%28)
		}
		_, err := s.Add(ctx, TagInput{DocID: fmt.Sprintf("d%04d", i/2), Start: i % 2, End: 5, Label: labels[i%3],
			Speaker: speakers[i%3], Target: targets[(i/3)%3], Date: date, Analyst: "ana"})
		if err != nil {
			t.Fatal(err)
		}
	}
	all, err := s.List(ctx, Filter{})
	if err != nil || len(all) != 1200 {
		t.Fatalf("%d tags, %v", len(all), err)
	}
	var docs []string
	for i := 0; i < 600; i += 2 {
		docs = append(docs, fmt.Sprintf("d%04d", i))
	}
	for _, f := range []TagStatsFilter{
		{},
		{Label: "neutral"},
		{Since: "2021-01-01", Until: "2021-12-31"},
		{Until: "2020-06-30"},
		{DocIDs: docs},
		{DocIDs: []string{}},
		{Names: []string{"Vladimir PUTIN"}},
		{Names: []string{}},
	} {
		t.Run(fmt.Sprintf("%+v", f)[:min(60, len(fmt.Sprintf("%+v", f)))], func(t *testing.T) {
			keep := func(tg int) bool {
				x := all[tg]
				if f.Label != "" && x.Label != f.Label {
					return false
				}
				if (f.Since != "" || f.Until != "") && x.Date == "" {
					return false
				}
				if f.Since != "" && x.Date < f.Since || f.Until != "" && x.Date > f.Until {
					return false
				}
				if f.DocIDs != nil && !slices.Contains(f.DocIDs, x.DocID) {
					return false
				}
				if f.Names != nil && !slices.ContainsFunc(f.Names, func(n string) bool {
					return strings.EqualFold(n, x.Speaker) || strings.EqualFold(n, x.Target)
				}) {
					return false
				}
				return true
			}
			for _, by := range []string{BySpeaker, ByTarget, ByActor} {
				want := map[string]int{}
				for i, x := range all {
					if !keep(i) {
						continue
					}
					switch by {
					case BySpeaker:
						want[x.Speaker+"/"+x.Label]++
					case ByTarget:
						want[x.Target+"/"+x.Label]++
					case ByActor:
						want[x.Speaker+"/"+x.Label]++
						if x.Target != "" && !strings.EqualFold(x.Target, x.Speaker) {
							want[x.Target+"/"+x.Label]++
						}
					}
				}
				got := map[string]int{}
				cs, err := s.TagCounts(ctx, by, f)
				if err != nil {
					t.Fatal(err)
				}
				for _, c := range cs {
					got[c.Key+"/"+c.Label] += c.N
				}
				if fmt.Sprint(got) != fmt.Sprint(want) {
					t.Errorf("by %s\n got %v\nwant %v", by, got, want)
				}
				// The same from the groups of one query.
				gs, err := s.TagGroups(ctx, "month", f)
				if err != nil {
					t.Fatal(err)
				}
				gs = KeepDocs(gs, f.DocIDs)
				if f.Names != nil {
					gs = slices.DeleteFunc(gs, func(g TagGroup) bool {
						return !slices.ContainsFunc(f.Names, func(n string) bool {
							return strings.EqualFold(n, g.Speaker) || strings.EqualFold(n, g.Target)
						})
					})
				}
				cs, err = CountGroups(gs, by)
				if err != nil {
					t.Fatal(err)
				}
				got = map[string]int{}
				for _, c := range cs {
					got[c.Key+"/"+c.Label] += c.N
				}
				if fmt.Sprint(got) != fmt.Sprint(want) {
					t.Errorf("groups by %s\n got %v\nwant %v", by, got, want)
				}
			}
			for _, iv := range []string{"month", "year"} {
				want := map[string]int{}
				for i, x := range all {
					if keep(i) {
						p := ""
						if x.Date != "" {
							p = x.Date[:7]
							if iv == "year" {
								p = x.Date[:4]
							}
						}
						want[p+"/"+x.Label]++
					}
				}
				got := map[string]int{}
				cs, err := s.TagPeriods(ctx, iv, f)
				if err != nil {
					t.Fatal(err)
				}
				for _, c := range cs {
					got[c.Key+"/"+c.Label] += c.N
				}
				if fmt.Sprint(got) != fmt.Sprint(want) {
					t.Errorf("per %s\n got %v\nwant %v", iv, got, want)
				}
				gs, err := s.TagGroups(ctx, iv, f)
				if err != nil {
					t.Fatal(err)
				}
				got = map[string]int{}
				for _, c := range PeriodGroups(KeepDocs(gs, f.DocIDs), f.Names) {
					got[c.Key+"/"+c.Label] += c.N
				}
				if fmt.Sprint(got) != fmt.Sprint(want) {
					t.Errorf("groups per %s\n got %v\nwant %v", iv, got, want)
				}
			}
			wantDocs := []string{}
			for i, x := range all {
				if keep(i) && !slices.Contains(wantDocs, x.DocID) {
					wantDocs = append(wantDocs, x.DocID)
				}
			}
			slices.Sort(wantDocs)
			gotDocs, err := s.TaggedDocs(ctx, f)
			if err != nil || !slices.Equal(gotDocs, wantDocs) {
				t.Errorf("docs: %d, want %d (%v)", len(gotDocs), len(wantDocs), err)
			}
		})
	}
	if _, err := s.TagCounts(ctx, "colour", TagStatsFilter{}); err == nil {
		t.Error("bad grouping: no error")
	}
	if _, err := s.TagPeriods(ctx, "week", TagStatsFilter{}); err == nil {
		t.Error("bad interval: no error")
	}
	if _, err := s.TagGroups(ctx, "week", TagStatsFilter{}); err == nil {
		t.Error("bad interval: no error")
	}
	if _, err := CountGroups(nil, "colour"); err == nil {
		t.Error("bad grouping: no error")
	}
	if asciiLower("ÖSTER Putin") != "Öster putin" {
		t.Errorf("asciiLower: %q", asciiLower("ÖSTER Putin"))
	}
}
