package index_test

import (
	"context"
	"slices"
	"sort"
	"testing"
	"time"

	"github.com/workbench-dev/workbench/internal/index"
	"github.com/workbench-dev/workbench/internal/model"
)

// TestFirstAnswerBudget: a budgeted search on a real index visits Budget
// matches per shard, says it is partial, gives their number as a lower
// bound of the total, and ranks only the documents it visited (the best of
// them, in the exact search's order); without a budget, or with one no
// shard reaches, the answer is exact.
func TestFirstAnswerBudget(t *testing.T) {
	p := newShardPair(t, 300, 2)
	ctx := context.Background()
	for _, c := range []struct {
		name   string
		ix     *index.Index
		shards int
	}{{"one index", p.one, 1}, {"2 shards", p.sharded, 2}} {
		t.Run(c.name, func(t *testing.T) {
			search := func(q string, typing bool, limit, budget int) *model.SearchResult {
				t.Helper()
				res, err := c.ix.Search(ctx, index.Request{Query: index.Q(q, typing), Limit: limit, Budget: budget, Fragments: true})
				if err != nil {
					t.Fatalf("%q budget %d: %v", q, budget, err)
				}
				return res
			}
			for _, q := range []struct {
				text   string
				typing bool
			}{{"putin", false}, {"puti", true}, {"putin kremli", true}, {"putin -kremlin", false}} {
				exact := search(q.text, q.typing, 1000, 0)
				const budget = 3
				if exact.Partial || exact.Total < uint64(6*budget*c.shards) {
					t.Fatalf("%q: exact answer partial=%v with %d matches; the test needs many", q.text, exact.Partial, exact.Total)
				}
				// Every match each shard visits: a budgeted search with a
				// page bigger than the budget.
				visited := search(q.text, q.typing, 1000, budget)
				first := search(q.text, q.typing, 5, budget)
				most := uint64(budget * c.shards)
				if !first.Partial || first.Total == 0 || first.Total > most || visited.Total != first.Total || len(visited.Hits) != int(first.Total) {
					t.Fatalf("%q: partial=%v total %d (visited %d, %d hits); want partial, a total in 1..%d", q.text, first.Partial, first.Total, visited.Total, len(visited.Hits), most)
				}
				if q.text == "putin" && first.Total != most {
					// One term: a posting is a match; the match budget stops it.
					t.Errorf("%q: total %d, want the budget %d", q.text, first.Total, most)
				}
				if first.Total >= exact.Total {
					t.Errorf("%q: partial total %d is not below the exact %d", q.text, first.Total, exact.Total)
				}
				// The first answer's hits are the best of the visited
				// documents, ranked as the exact answer ranks them.
				rank := map[string]int{}
				for i, h := range exact.Hits {
					rank[h.ID] = i
				}
				vis := hitIDs(visited.Hits)
				for _, id := range vis {
					if _, ok := rank[id]; !ok {
						t.Fatalf("%q: the first answer holds %s, which the exact answer does not", q.text, id)
					}
				}
				sort.Slice(vis, func(i, j int) bool { return rank[vis[i]] < rank[vis[j]] })
				if got := hitIDs(first.Hits); !slices.Equal(got, vis[:min(5, len(vis))]) {
					t.Errorf("%q: first answer %v; want the best visited %v", q.text, got, vis[:min(5, len(vis))])
				}
				for _, h := range first.Hits {
					if h.Title == "" || len(h.Fragments) == 0 {
						t.Errorf("%q: hit %s without its title or fragment", q.text, h.ID)
					}
				}
				// A budget no shard reaches: the exact answer.
				big := search(q.text, q.typing, 20, 1<<20)
				if big.Partial || big.Total != exact.Total || len(big.Hits) != 20 || sameRanking(big.Hits, exact.Hits[:20]) != "" {
					t.Errorf("%q: budget above the matches: partial=%v total %d, hits %v; want exact %d, %v", q.text, big.Partial, big.Total, hitIDs(big.Hits), exact.Total, hitIDs(exact.Hits[:20]))
				}
			}
			// A time limit stops the term readers however big the budget
			// (checked every 64 postings: a nanosecond is over by then).
			exact := search("putin", false, 20, 0)
			timed, err := c.ix.Search(ctx, index.Request{Query: index.Q("putin", false), Limit: 20, Budget: 1 << 20, BudgetTime: time.Nanosecond})
			if err != nil {
				t.Fatal(err)
			}
			if !timed.Partial || timed.Total >= exact.Total || timed.Total < 64 {
				t.Errorf("budget time 1ns: partial=%v total %d; want partial, 64 <= total < %d", timed.Partial, timed.Total, exact.Total)
			}
			// A list in date order (empty query) is never budgeted.
			all := search("", true, 20, 3)
			if all.Partial || all.Total != 300 {
				t.Errorf("empty query with a budget: partial=%v total %d; want the exact 300", all.Partial, all.Total)
			}
			// A small index: the first answer's default budget is none.
			if b := c.ix.FirstAnswerBudget(); b != 0 {
				t.Errorf("FirstAnswerBudget on 300 documents = %d, want 0", b)
			}
		})
	}
}
