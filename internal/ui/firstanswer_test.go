package ui

import (
	"context"
	"strconv"
	"testing"

	tea "charm.land/bubbletea/v2"

	"github.com/workbench-dev/workbench/internal/app/apptest"
	"github.com/workbench-dev/workbench/internal/model"
)

// budgetBackend is the real application with a tiny first-answer budget,
// as a big index would give: the search line's first answers are partial.
type budgetBackend struct {
	Backend
	budget int
}

func (b budgetBackend) Search(ctx context.Context, r model.SearchRequest) (*model.SearchResult, error) {
	if r.FirstAnswer {
		r.Budget = b.budget
	}
	return b.Backend.Search(ctx, r)
}

// newBudgetDriver runs the TUI on the test workspace with a first-answer
// budget of one match.
func newBudgetDriver(t *testing.T) *driver {
	t.Helper()
	env := apptest.New(t)
	m := New(Options{
		Backend: budgetBackend{Backend: env.App, budget: 1},
		Labels:  env.Labels, Actors: env.Actors,
		Workspace: "/ws", NoColor: true, MessageTTL: -1,
	})
	d := &driver{t: t, env: env, m: m}
	d.send(tea.WindowSizeMsg{Width: 120, Height: 40})
	d.run(m.Init())
	return d
}

// typeKeys types s into the search line, one Update per key, and returns
// the command of the last key (its search) without running it.
func typeKeys(d *driver, s string) tea.Cmd {
	var cmd tea.Cmd
	for _, r := range s {
		_, cmd = d.m.Update(tea.KeyPressMsg{Code: r, Text: string(r)})
	}
	return cmd
}

// only returns the messages of type T a command gave.
func only[T any](d *driver, cmd tea.Cmd) []T {
	var out []T
	for _, msg := range d.exec(cmd) {
		if m, ok := msg.(T); ok {
			out = append(out, m)
		}
	}
	return out
}

// Issue 17: the first answer to a keystroke on a big index is partial: the
// list shows its hits with "≥ N hits" until the exact answer replaces it;
// a partial answer to an older keystroke is dropped.
func TestFirstAnswerThenExact(t *testing.T) {
	d := newBudgetDriver(t)
	first := only[searchMsg](d, typeKeys(d, "peace"))
	if len(first) != 1 {
		t.Fatalf("the keystroke gave %d search answers, want 1", len(first))
	}
	if !first[0].res.Partial {
		t.Fatalf("first answer not partial with a budget of 1: %d hits of %d", len(first[0].res.Hits), first[0].res.Total)
	}
	first[0].res.Took = 0
	_, rich := d.m.Update(first[0])
	if !d.m.results.Partial() || len(d.m.results.Hits()) != 1 {
		t.Fatalf("after the first answer: partial=%v, %d hits; want partial, 1", d.m.results.Partial(), len(d.m.results.Hits()))
	}
	d.mustSee("≥1 hits")
	if h := d.m.results.Hits()[0]; len(h.Fragments) == 0 {
		t.Errorf("the first answer's hit %s has no fragment", h.ID)
	}
	// The exact answer (with fragments and facets) replaces it.
	exact := only[richMsg](d, rich)
	if len(exact) != 1 {
		t.Fatalf("the first answer started %d exact searches, want 1", len(exact))
	}
	d.send(exact[0])
	n := len(d.m.results.Hits())
	if d.m.results.Partial() || n < 2 || d.m.results.Total() != uint64(n) {
		t.Fatalf("after the exact answer: partial=%v, %d hits of %d; want the exact list", d.m.results.Partial(), n, d.m.results.Total())
	}
	d.mustNotSee("≥")
	d.mustSee(hitsText(n) + " · ")

	// A partial answer to an older keystroke, and its exact follow-up,
	// come after a newer keystroke's: both are dropped.
	old := only[searchMsg](d, typeKeys(d, " t"))
	cur := only[searchMsg](d, typeKeys(d, "a"))
	if len(old) != 1 || len(cur) != 1 {
		t.Fatalf("answers: %d old, %d current", len(old), len(cur))
	}
	d.m.Update(cur[0])
	want := hitIDs(d.m.results.Hits())
	partial := d.m.results.Partial()
	stale := searchMsg{seq: cur[0].seq - 1, query: "peace t", res: &model.SearchResult{Hits: []model.Hit{{ID: "stale"}}, Total: 1, Partial: true}}
	d.m.Update(old[0])
	d.m.Update(stale)
	d.m.Update(richMsg{seq: cur[0].seq - 1, res: &model.SearchResult{Hits: []model.Hit{{ID: "stale"}}, Total: 9}})
	if got := hitIDs(d.m.results.Hits()); !equal(got, want) || d.m.results.Partial() != partial {
		t.Fatalf("a stale answer replaced the results: %v, want %v", got, want)
	}
}

func hitsText(n int) string {
	if n == 1 {
		return "1 hit"
	}
	return strconv.Itoa(n) + " hits"
}

// TestExactFirstAnswerNotFetchedTwice: on an index too small for a budget
// the first answer is exact and has its fragments; the second request then
// asks for the facets only (no second page of fragments), and the list,
// its fragments and its total stay.
func TestExactFirstAnswerNotFetchedTwice(t *testing.T) {
	d := newDriver(t, 120, 40)
	first := only[searchMsg](d, typeKeys(d, "peace"))
	if len(first) != 1 || first[0].res.Partial {
		t.Fatalf("first answers: %d, want one exact", len(first))
	}
	_, rich := d.m.Update(first[0])
	hits := d.m.results.Hits()
	if len(hits) < 2 || len(hits[0].Fragments) == 0 {
		t.Fatalf("the first answer: %d hits, fragments %v", len(hits), hits)
	}
	exact := only[richMsg](d, rich)
	if len(exact) != 1 {
		t.Fatalf("%d second requests, want 1", len(exact))
	}
	if r := exact[0].res; len(r.Hits) > 1 || len(r.Hits) == 1 && len(r.Hits[0].Fragments) > 0 || len(r.Actors) == 0 {
		t.Fatalf("the second request fetched %d hits again (fragments: %v) or no facets (%d actors)", len(r.Hits), len(r.Hits) == 1 && len(r.Hits[0].Fragments) > 0, len(r.Actors))
	}
	d.send(exact[0])
	if got := d.m.results.Hits(); !equal(hitIDs(got), hitIDs(hits)) || len(got[0].Fragments) == 0 || d.m.results.Total() != first[0].res.Total {
		t.Fatalf("the facets answer changed the list: %v (total %d), want %v (total %d)", hitIDs(got), d.m.results.Total(), hitIDs(hits), first[0].res.Total)
	}
}
