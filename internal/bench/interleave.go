package bench

import (
	"context"
	"fmt"
	"math"
	"path/filepath"
	"slices"
)

// DefaultIndexRuns is how often each side is indexed by default: the
// median of three interleaved pairs.
const DefaultIndexRuns = 3

// IndexRun is one interleaved pair: the baseline indexed, then workbench,
// and workbench ÷ baseline in documents per second.
type IndexRun struct {
	BaselineDocsPerS float64 `json:"baseline_index_docs_per_s"`
	DocsPerS         float64 `json:"index_docs_per_s"`
	Ratio            float64 `json:"index_ratio"`
}

// Spread is the median of some measurements with their min and max.
type Spread struct{ Median, Min, Max float64 }

// spreadOf summarises xs (the mean of the two middle values for an even
// count); the zero Spread for none.
func spreadOf(xs []float64) Spread {
	if len(xs) == 0 {
		return Spread{}
	}
	s := slices.Clone(xs)
	slices.Sort(s)
	n := len(s)
	med := s[n/2]
	if n%2 == 0 {
		med = (s[n/2-1] + s[n/2]) / 2
	}
	return Spread{Median: med, Min: s[0], Max: s[n-1]}
}

// indexInterleaved indexes the corpus runs times on each side, interleaved
// (baseline, workbench, baseline, workbench, ...: a machine that gets busier
// or quieter during the run weighs on both sides alike), each in its own
// process, and fills the indexing figures of rep: the medians of each side,
// index_ratio the median of the pairs' ratios with its min and max, the
// peak RSS the highest of the runs. The last workbench index is the one the
// searches use.
func indexInterleaved(ctx context.Context, o Options, dir string, rep *Report, say func(string, ...any)) error {
	runs := max(o.IndexRuns, 1)
	var (
		ratios, wbRates, baseRates, wbSecs, baseSecs []float64
		wi, bi                                       phaseIndex
	)
	fts := newFTS5Runs()
	for i := range runs {
		if o.peer(PeerBleve) {
			m, err := runPhase(ctx, o.Exe, o.ExeArgs, dir, "baseline-index", &bi)
			if err != nil {
				return err
			}
			rep.BaselineIndexPeakRSSMB = max(rep.BaselineIndexPeakRSSMB, m.RSS)
		}
		m, err := runPhase(ctx, o.Exe, o.ExeArgs, dir, "index", &wi)
		if err != nil {
			return err
		}
		rep.IndexPeakRSSMB = max(rep.IndexPeakRSSMB, m.RSS)
		rep.IndexPeakAnonMB = max(rep.IndexPeakAnonMB, m.Anon)
		wbSecs, wbRates = append(wbSecs, wi.Seconds), append(wbRates, round1(float64(wi.Docs)/wi.Seconds))
		if o.peer(PeerFTS5) {
			if err := fts.run(ctx, o, dir, wi, say); err != nil {
				return err
			}
		}
		if !o.peer(PeerBleve) {
			say("indexing %d/%d: workbench %d documents in %.1f s (%.0f docs/s), peak RSS %.0f MB", i+1, runs, wi.Docs, wi.Seconds, float64(wi.Docs)/wi.Seconds, m.RSS)
			continue
		}
		if wi.Docs != bi.Docs {
			return fmt.Errorf("workbench indexed %d documents, the baseline %d: they must index the same corpus", wi.Docs, bi.Docs)
		}
		r := IndexRun{
			BaselineDocsPerS: round1(float64(bi.Docs) / bi.Seconds),
			DocsPerS:         round1(float64(wi.Docs) / wi.Seconds),
		}
		r.Ratio = round2(r.DocsPerS / r.BaselineDocsPerS)
		rep.IndexRuns = append(rep.IndexRuns, r)
		ratios, baseRates = append(ratios, r.Ratio), append(baseRates, r.BaselineDocsPerS)
		baseSecs = append(baseSecs, bi.Seconds)
		say("indexing %d/%d: baseline %.0f docs/s, workbench %.0f docs/s (ratio %.2f), peak RSS %.0f MB", i+1, runs, r.BaselineDocsPerS, r.DocsPerS, r.Ratio, m.RSS)
	}
	fts.fill(rep)
	rs := spreadOf(ratios)
	rep.IndexRatio, rep.IndexRatioMin, rep.IndexRatioMax = round2(rs.Median), rs.Min, rs.Max
	rep.IndexDocsPerS = round1(spreadOf(wbRates).Median)
	rep.BaselineIndexDocsPerS = round1(spreadOf(baseRates).Median)
	rep.IndexSeconds, rep.BaselineIndexSeconds = round2(spreadOf(wbSecs).Median), round2(spreadOf(baseSecs).Median)
	rep.BatchSize, rep.Quotes = wi.BatchSize, wi.Quotes
	idx := dirSize(filepath.Join(dir, "index.bleve"))
	rep.IndexMB = round2(float64(idx) / MB)
	if wi.Docs > 0 {
		rep.IndexBytesPerDoc = math.Round(float64(idx) / float64(wi.Docs))
	}
	rep.BaselineIndexMB = round2(float64(dirSize(baselinePath(dir))) / MB)
	if !o.peer(PeerBleve) {
		say("indexing, median of %d runs: %d docs, workbench %.0f docs/s (%.1f s), index %.0f bytes per document", runs, wi.Docs, rep.IndexDocsPerS, rep.IndexSeconds, rep.IndexBytesPerDoc)
		return nil
	}
	say("indexing, median of %d interleaved runs: %d docs, baseline %.0f docs/s, workbench %.0f docs/s, ratio %.2f (min %.2f, max %.2f)",
		runs, wi.Docs, rep.BaselineIndexDocsPerS, rep.IndexDocsPerS, rep.IndexRatio, rep.IndexRatioMin, rep.IndexRatioMax)
	return nil
}
