package bench

import (
	"context"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"math"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"time"

	"github.com/workbench-dev/workbench/internal/analyze"
	"github.com/workbench-dev/workbench/internal/workspace"
)

// Options configure a benchmark run.
type Options struct {
	Docs int // documents to index (0: 10,000, or the whole --corpus when replaying)
	// Corpus is a corpus file (any format ingest reads). Alone it is
	// replayed, replicated with new ids up to Docs; with Generate its
	// statistics drive the generator instead of the embedded sample's.
	Corpus   string
	Generate bool
	Seed     uint64
	Dir      string   // workspace folder to use (kept); "" = temporary, removed
	Exe      string   // the workbench binary, re-executed for the measured phases
	ExeArgs  []string // arguments before workbench's own (tests: the helper-process flags)
	// Sample and Actors come from package data (the embedded sample and the
	// default registry); the caller passes them in.
	Sample      fs.FS
	SampleFiles []string
	ActorsTOML  []byte
	// IndexRuns is how often each side is indexed, interleaved (0:
	// DefaultIndexRuns); index_ratio is the median of the pairs' ratios.
	IndexRuns int
	// MinQueries is the number of timed queries (at least 500).
	MinQueries int
	// FirstFrameRuns is how often the TUI is started (median reported).
	FirstFrameRuns int
	// Progress receives one line per step ("" to stay quiet).
	Progress io.Writer
	// Peers are the engines measured beside workbench in the same run:
	// PeerBleve (raw bleve) and PeerFTS5 (SQLite FTS5); nil: both, an
	// empty slice: none (the 1M run, where raw bleve's one-letter
	// prefixes take seconds each).
	Peers []string
	// FreeDisk reports the bytes free for this user in the file system of
	// a folder (nil: statfs). Tests pass a small figure.
	FreeDisk func(dir string) (uint64, error)
}

// The peers `workbench bench` can measure beside workbench.
const (
	PeerBleve = "bleve"
	PeerFTS5  = "fts5"
)

// peer reports whether the run measures the named peer.
func (o Options) peer(name string) bool {
	return o.Peers == nil || slices.Contains(o.Peers, name)
}

// Paths inside the benchmark workspace.
func corpusPath(dir string) string   { return filepath.Join(dir, "bench", "corpus.jsonl") }
func baselinePath(dir string) string { return filepath.Join(dir, "bench", "baseline.bleve") }

// Run runs the whole benchmark: generate (or replay) the corpus, index it
// through the pipeline and into the baseline, and measure.
func Run(ctx context.Context, o Options) (rep *Report, err error) {
	if o.Docs < 0 {
		return nil, fmt.Errorf("--docs %d: want a positive number of documents", o.Docs)
	}
	if o.Docs == 0 && (o.Corpus == "" || o.Generate) {
		o.Docs = 10000
	}
	if o.Seed == 0 {
		o.Seed = DefaultSeed
	}
	o.MinQueries = max(o.MinQueries, 500)
	if o.IndexRuns <= 0 {
		o.IndexRuns = DefaultIndexRuns
	}
	if o.FirstFrameRuns <= 0 {
		o.FirstFrameRuns = 5
	}
	if o.Generate && o.Corpus == "" {
		return nil, errors.New("--generate needs --corpus FILE (the corpus whose statistics drive the generator)")
	}
	if o.Corpus != "" {
		if _, err := os.Stat(o.Corpus); err != nil {
			return nil, fmt.Errorf("--corpus %s: %w", o.Corpus, unwrapPathErr(err))
		}
	}
	for _, p := range o.Peers {
		if p != PeerBleve && p != PeerFTS5 {
			return nil, fmt.Errorf("--peers %s: unknown peer: want %s, %s or none", p, PeerBleve, PeerFTS5)
		}
	}
	say := func(format string, args ...any) {
		if o.Progress != nil {
			fmt.Fprintf(o.Progress, "bench: "+format+"\n", args...)
		}
	}
	dir := o.Dir
	if dir == "" {
		if dir, err = os.MkdirTemp("", "workbench-bench-"); err != nil {
			return nil, err
		}
		defer os.RemoveAll(dir)
	} else {
		if err := prepareDir(dir); err != nil {
			return nil, err
		}
	}
	ws, err := workspace.Open(dir)
	if err != nil {
		return nil, err
	}
	// Refuse early, before writing gigabytes, when the disk is short
	// (naming the temporary folder's parent, which outlives the run).
	checkAt := dir
	if o.Dir == "" {
		checkAt = filepath.Dir(dir)
	}
	if err := checkDisk(ctx, o, checkAt, o.Docs); err != nil {
		return nil, err
	}
	// The registry the pipeline and the TUI read.
	if err := workspace.WriteFileAtomic(ws.ActorsPath(), o.ActorsTOML); err != nil {
		return nil, err
	}
	if err := os.MkdirAll(filepath.Dir(corpusPath(dir)), 0o700); err != nil {
		return nil, err
	}
	rep = &Report{Seed: o.Seed, Machine: machine()}
	if o.Dir != "" {
		rep.Workspace = dir
	}

	// 1. The corpus, written once as JSONL: both indexes read the same bytes
	// through ingest.
	t0 := time.Now()
	n, bodyBytes, desc, err := writeCorpus(ctx, o, corpusPath(dir))
	if err != nil {
		return nil, err
	}
	rep.Docs, rep.Corpus = n, desc
	if st, err := os.Stat(corpusPath(dir)); err == nil {
		rep.CorpusMB = round2(float64(st.Size()) / MB)
	}
	say("corpus: %d documents, %.0f MB of text (%s) in %s", n, float64(bodyBytes)/MB, desc, time.Since(t0).Round(time.Millisecond))

	// 2. Analysis throughput, one core.
	reg, err := analyze.LoadRegistry(o.ActorsTOML)
	if err != nil {
		return nil, fmt.Errorf("actor registry: %w", err)
	}
	minTime := 2 * time.Second
	if n < 1000 {
		minTime = 300 * time.Millisecond // a smoke run
	}
	if rep.AnalyzeMBPerS, err = AnalyzeThroughput(ctx, analyze.New(reg), corpusPath(dir), 3000, minTime); err != nil {
		return nil, err
	}
	say("analysis: %.1f MB/s on one core", rep.AnalyzeMBPerS)

	// 3. Indexing, each in its own process so that its peak RSS is its own,
	// interleaved and repeated (o.IndexRuns times per side).
	if err := indexInterleaved(ctx, o, dir, rep, say); err != nil {
		return nil, err
	}
	// Raw bleve with one writer, as the pipeline writes: how much of the
	// gap is concurrency rather than analysis.
	if o.peer(PeerBleve) {
		var b1 phaseIndex
		if _, err = runPhase(ctx, o.Exe, o.ExeArgs, dir, "baseline-index-1", &b1); err != nil {
			return nil, err
		}
		rep.BaselineOneWriterDocsPerS = round1(float64(b1.Docs) / b1.Seconds)
		rep.IndexRatioOneWriter = round2(rep.IndexDocsPerS / rep.BaselineOneWriterDocsPerS)
		say("baseline indexing, one writer: %.0f docs/s (ratio %.2f)", rep.BaselineOneWriterDocsPerS, rep.IndexRatioOneWriter)
	}

	// 4. Search while typing, each in its own process (peak RSS while
	// browsing is the search process's).
	var wsr, bs phaseSearch
	m, err := runPhase(ctx, o.Exe, o.ExeArgs, dir, "search", &wsr, "--queries", strconv.Itoa(o.MinQueries))
	if err != nil {
		return nil, err
	}
	rss := m.RSS
	rep.PeakAnonMB, rep.PeakFileMB = m.Anon, m.File
	rep.AnonMB = wsr.AnonMB
	rep.PeakRSSMB, rep.Search = rss, wsr.Run
	rep.SearchP50MS, rep.SearchP95MS, rep.SearchP99MS = wsr.Run.All.P50, wsr.Run.All.P95, wsr.Run.All.P99
	rep.SearchQueries = wsr.Run.All.N
	rep.SearchCPUP50MS, rep.SearchCPUP99MS = wsr.Run.CPU.P50, wsr.Run.CPU.P99
	if wsr.Cheap != nil && wsr.Rich != nil {
		rep.SearchCheapP99MS, rep.SearchRichP99MS = wsr.Cheap.All.P99, wsr.Rich.All.P99
		rep.SearchCheapP50MS, rep.SearchRichP50MS = wsr.Cheap.All.P50, wsr.Rich.All.P50
	}
	if f := wsr.First; f != nil {
		rep.SearchFirst, rep.SearchFirstPartial = f, wsr.FirstPartial
		rep.SearchFirstP50MS, rep.SearchFirstP95MS, rep.SearchFirstP99MS = f.All.P50, f.All.P95, f.All.P99
		rep.SearchFirstCPUP50MS, rep.SearchFirstCPUP99MS = f.CPU.P50, f.CPU.P99
		say("workbench search, first answer: p50 %.2f ms, p99 %.2f ms (CPU %.2f / %.2f ms), %d partial", f.All.P50, f.All.P99, f.CPU.P50, f.CPU.P99, wsr.FirstPartial)
	}
	say("workbench search: %d queries, p50 %.2f ms, p95 %.2f ms, p99 %.2f ms, peak RSS %.0f MB (anonymous %.0f MB, file-backed %.0f MB; RssAnon after the searches %.0f MB)", wsr.Run.All.N, rep.SearchP50MS, rep.SearchP95MS, rep.SearchP99MS, rss, m.Anon, m.File, rep.AnonMB)
	if o.peer(PeerBleve) {
		if m, err = runPhase(ctx, o.Exe, o.ExeArgs, dir, "baseline-search", &bs, "--queries", strconv.Itoa(o.MinQueries)); err != nil {
			return nil, err
		}
		rss = m.RSS
		rep.BaselinePeakAnonMB = m.Anon
		rep.BaselinePeakRSSMB, rep.BaselineSearch = rss, bs.Run
		rep.BaselineSearchP50MS, rep.BaselineSearchP95MS, rep.BaselineSearchP99MS = bs.Run.All.P50, bs.Run.All.P95, bs.Run.All.P99
		rep.SearchRatioP99 = round2(rep.SearchP99MS / rep.BaselineSearchP99MS)
		say("baseline search: p50 %.2f ms, p95 %.2f ms, p99 %.2f ms (ratio %.2f)", rep.BaselineSearchP50MS, rep.BaselineSearchP95MS, rep.BaselineSearchP99MS, rep.SearchRatioP99)
	}
	if err := fts5Search(ctx, o, dir, rep, say); err != nil {
		return nil, err
	}

	// 5. Insights (the TUI's i, workbench stats) with generated tags.
	var ins phaseInsights
	if _, err = runPhase(ctx, o.Exe, o.ExeArgs, dir, "insights", &ins); err != nil {
		return nil, err
	}
	rep.InsightsP50MS, rep.InsightsP99MS, rep.InsightsTags = ins.P50MS, ins.P99MS, ins.Tags
	say("insights (empty query and @putin, %d tags): p50 %.1f ms, p99 %.1f ms", ins.Tags, ins.P50MS, ins.P99MS)

	// 6. First frame of the TUI on this workspace.
	ff, err := FirstFrame(ctx, o.Exe, o.ExeArgs, dir, o.FirstFrameRuns)
	if err != nil {
		rep.FirstFrameMS, rep.FirstFrameError = -1, err.Error()
		say("first frame: %v", err)
	} else {
		rep.FirstFrameMS, rep.FirstFrameColdMS, rep.FirstFrameRSSMB = ff.Median, ff.First, ff.RSSMB
		rep.FirstFrameProcessMS = ff.WallMedian
		say("first frame: median %.0f ms of %d runs (first run %.0f ms)", ff.Median, len(ff.Runs), ff.First)
	}
	rep.Machine.LoadEnd = loadavg()
	return rep, nil
}

func unwrapPathErr(err error) error {
	var pe *fs.PathError
	if errors.As(err, &pe) {
		return pe.Err
	}
	return err
}

// prepareDir accepts a new or empty folder, or one left by an earlier
// `bench --keep` (which it clears); it refuses anything else, so --keep can
// never wipe an analyst's workspace.
func prepareDir(dir string) error {
	ents, err := os.ReadDir(dir)
	if errors.Is(err, fs.ErrNotExist) {
		return nil
	}
	if err != nil {
		return fmt.Errorf("--keep %s: %w", dir, unwrapPathErr(err))
	}
	if len(ents) == 0 {
		return nil
	}
	if _, err := os.Stat(filepath.Join(dir, "bench", "corpus.jsonl")); err != nil {
		return fmt.Errorf("--keep %s: the folder is not empty and was not made by `workbench bench`: pass a new or empty folder", dir)
	}
	for _, e := range ents {
		if err := os.RemoveAll(filepath.Join(dir, e.Name())); err != nil {
			return fmt.Errorf("--keep %s: cannot clear it: %w", dir, err)
		}
	}
	return nil
}

func dirSize(path string) int64 {
	var n int64
	filepath.WalkDir(path, func(p string, d fs.DirEntry, err error) error {
		if err == nil && !d.IsDir() {
			if info, err := d.Info(); err == nil {
				n += info.Size()
			}
		}
		return nil
	})
	return n
}

func round1(x float64) float64 { return math.Round(x*10) / 10 }
func round2(x float64) float64 { return math.Round(x*100) / 100 }
