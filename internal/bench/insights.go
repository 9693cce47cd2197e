package bench

import (
	"context"
	"fmt"
	"math/rand/v2"
	"sort"
	"time"

	"github.com/workbench-dev/workbench/internal/app"
	"github.com/workbench-dev/workbench/internal/insights"
	"github.com/workbench-dev/workbench/internal/model"
	"github.com/workbench-dev/workbench/internal/store"
)

// Insights timing: generated tags, then the insights of an empty query and
// of @putin, each computed insightRuns times (the TUI's i, workbench stats).
const (
	insightTags = 5000
	insightRuns = 15
)

// InsightsQueries are the queries whose insights are timed.
var InsightsQueries = []string{"", "@putin"}

// phaseInsights is the answer of the "insights" phase.
type phaseInsights struct {
	Tags  int     `json:"tags"`
	Runs  int     `json:"runs"`
	P50MS float64 `json:"p50_ms"`
	P99MS float64 `json:"p99_ms"`
	// ByQuery are p50/p99 per query.
	ByQuery map[string][2]float64 `json:"by_query"`
}

// timeInsights tags up to insightTags quotes of the workspace (seeded:
// labels, analysts and targets drawn from the codebook and registry), in
// batches, then times the insights of InsightsQueries.
func timeInsights(ctx context.Context, w *app.App) (*phaseInsights, error) {
	st, err := w.Store()
	if err != nil {
		return nil, err
	}
	n, err := st.Count(ctx)
	if err != nil {
		return nil, err
	}
	if n == 0 {
		qs, err := w.Quotes(ctx, model.QuoteRequest{Limit: insightTags})
		if err != nil {
			return nil, err
		}
		r := rand.New(rand.NewPCG(DefaultSeed, 7))
		labels, actors := w.Labels(), w.Actors()
		var batch []store.TagInput
		for _, q := range qs.Hits {
			t := store.TagInput{QuoteID: q.ID, DocID: q.DocID, Start: q.Start, End: q.End, Quote: q.Text, Speaker: q.Speaker,
				Label: labels[r.IntN(len(labels))].Name, Analyst: fmt.Sprintf("analyst-%d", r.IntN(3)), Date: model.FormatDate(q.Date), Title: q.Title}
			if len(actors) > 0 && r.IntN(2) == 0 {
				t.Target = actors[r.IntN(len(actors))].Name
			}
			if batch = append(batch, t); len(batch) == 500 {
				if _, _, err := st.AddBatch(ctx, batch); err != nil {
					return nil, err
				}
				batch = batch[:0]
			}
		}
		if _, _, err := st.AddBatch(ctx, batch); err != nil {
			return nil, err
		}
		if n, err = st.Count(ctx); err != nil {
			return nil, err
		}
	}
	out := &phaseInsights{Tags: int(n), ByQuery: map[string][2]float64{}}
	var all []float64
	for _, q := range InsightsQueries {
		var ms []float64
		for i := 0; i < insightRuns+1; i++ {
			t0 := time.Now()
			if _, _, err := w.Insights(ctx, q, insights.Options{}); err != nil {
				return nil, fmt.Errorf("insights of %q: %w", q, err)
			}
			if i > 0 { // the first run warms the caches
				ms = append(ms, float64(time.Since(t0).Microseconds())/1000)
			}
		}
		all = append(all, ms...)
		out.ByQuery[q] = [2]float64{pct(ms, 50), pct(ms, 99)}
	}
	out.Runs = len(all)
	out.P50MS, out.P99MS = pct(all, 50), pct(all, 99)
	return out, nil
}

// pct is the p-th percentile (nearest rank) of xs.
func pct(xs []float64, p float64) float64 {
	s := append([]float64(nil), xs...)
	sort.Float64s(s)
	if len(s) == 0 {
		return 0
	}
	i := int(float64(len(s))*p/100+0.5) - 1
	return round2(s[max(0, min(i, len(s)-1))])
}
