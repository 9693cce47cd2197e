package bench

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"math"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"sort"
	"strconv"
	"strings"
	"syscall"
	"time"

	"github.com/workbench-dev/workbench/internal/analyze"
	"github.com/workbench-dev/workbench/internal/index"
	"github.com/workbench-dev/workbench/internal/ingest"
	"github.com/workbench-dev/workbench/internal/model"
	"github.com/workbench-dev/workbench/internal/qlang"
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
	// MinQueries is the number of timed queries (at least 500).
	MinQueries int
	// FirstFrameRuns is how often the TUI is started (median reported).
	FirstFrameRuns int
	// Progress receives one line per step ("" to stay quiet).
	Progress io.Writer
}

// Report is the outcome; the first keys are pinned by issue 6.
type Report struct {
	Docs                      int        `json:"docs"`
	IndexDocsPerS             float64    `json:"index_docs_per_s"`
	BaselineIndexDocsPerS     float64    `json:"baseline_index_docs_per_s"`
	IndexRatio                float64    `json:"index_ratio"`
	IndexMB                   float64    `json:"index_mb"`
	SearchP50MS               float64    `json:"search_p50_ms"`
	SearchP95MS               float64    `json:"search_p95_ms"`
	SearchP99MS               float64    `json:"search_p99_ms"`
	BaselineSearchP99MS       float64    `json:"baseline_search_p99_ms"`
	SearchRatioP99            float64    `json:"search_ratio_p99"`
	FirstFrameMS              float64    `json:"first_frame_ms"`
	PeakRSSMB                 float64    `json:"peak_rss_mb"`
	AnalyzeMBPerS             float64    `json:"analyze_mb_per_s"`
	BaselineIndexMB           float64    `json:"baseline_index_mb"`
	BaselineSearchP50MS       float64    `json:"baseline_search_p50_ms"`
	BaselineSearchP95MS       float64    `json:"baseline_search_p95_ms"`
	SearchQueries             int        `json:"search_queries"`
	SearchCheapP50MS          float64    `json:"search_titles_only_p50_ms"`
	SearchCheapP99MS          float64    `json:"search_titles_only_p99_ms"`
	SearchRichP50MS           float64    `json:"search_with_facets_p50_ms"`
	SearchRichP99MS           float64    `json:"search_with_facets_p99_ms"`
	IndexPeakRSSMB            float64    `json:"index_peak_rss_mb"`
	BaselineIndexPeakRSSMB    float64    `json:"baseline_index_peak_rss_mb"`
	PeakAnonMB                float64    `json:"peak_rss_anon_mb"`
	PeakFileMB                float64    `json:"peak_rss_file_mb"`
	BaselinePeakAnonMB        float64    `json:"baseline_peak_rss_anon_mb"`
	IndexPeakAnonMB           float64    `json:"index_peak_rss_anon_mb"`
	BaselinePeakRSSMB         float64    `json:"baseline_peak_rss_mb"`
	FirstFrameColdMS          float64    `json:"first_frame_first_run_ms"`
	FirstFrameProcessMS       float64    `json:"first_frame_process_ms"`
	FirstFrameRSSMB           float64    `json:"first_frame_rss_mb"`
	FirstFrameError           string     `json:"first_frame_error,omitempty"`
	BaselineOneWriterDocsPerS float64    `json:"baseline_one_writer_index_docs_per_s"`
	IndexRatioOneWriter       float64    `json:"index_ratio_one_writer"`
	IndexSeconds              float64    `json:"index_s"`
	BaselineIndexSeconds      float64    `json:"baseline_index_s"`
	BatchSize                 int        `json:"batch_size"`
	Corpus                    string     `json:"corpus"`
	CorpusMB                  float64    `json:"corpus_mb"`
	Seed                      uint64     `json:"seed"`
	Quotes                    int        `json:"quotes_indexed,omitempty"`
	Search                    *SearchRun `json:"search"`
	BaselineSearch            *SearchRun `json:"baseline_search"`
	Machine                   Machine    `json:"machine"`
	Workspace                 string     `json:"workspace,omitempty"`
}

// Machine describes where the figures come from.
type Machine struct {
	CPUs      int    `json:"nproc"`
	MemMB     int    `json:"mem_mb"`
	Go        string `json:"go"`
	OS        string `json:"os"`
	LoadStart string `json:"load_at_start"`
	LoadEnd   string `json:"load_at_end"`
}

// MB is 2^20 bytes, everywhere in the report.
const MB = 1 << 20

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

	// 3. Indexing, each in its own process so that its peak RSS is its own.
	// The baseline goes first: the corpus is then equally warm in the page
	// cache for both.
	var bi phaseIndex
	m, err := runPhase(ctx, o.Exe, o.ExeArgs, dir, "baseline-index", &bi)
	if err != nil {
		return nil, err
	}
	rss := m.RSS
	rep.BaselineIndexSeconds, rep.BaselineIndexPeakRSSMB = round2(bi.Seconds), rss
	rep.BaselineIndexDocsPerS = round1(float64(bi.Docs) / bi.Seconds)
	say("baseline indexing: %d docs in %.1f s, %.0f docs/s, peak RSS %.0f MB", bi.Docs, bi.Seconds, rep.BaselineIndexDocsPerS, rss)

	var wi phaseIndex
	if m, err = runPhase(ctx, o.Exe, o.ExeArgs, dir, "index", &wi); err != nil {
		return nil, err
	}
	rss = m.RSS
	rep.IndexPeakAnonMB = m.Anon
	rep.IndexSeconds, rep.IndexPeakRSSMB, rep.BatchSize, rep.Quotes = round2(wi.Seconds), rss, wi.BatchSize, wi.Quotes
	rep.IndexDocsPerS = round1(float64(wi.Docs) / wi.Seconds)
	rep.IndexRatio = round2(rep.IndexDocsPerS / rep.BaselineIndexDocsPerS)
	rep.IndexMB = round2(float64(dirSize(filepath.Join(dir, "index.bleve"))) / MB)
	rep.BaselineIndexMB = round2(float64(dirSize(baselinePath(dir))) / MB)
	say("workbench indexing: %d docs in %.1f s, %.0f docs/s (ratio %.2f), peak RSS %.0f MB", wi.Docs, wi.Seconds, rep.IndexDocsPerS, rep.IndexRatio, rss)
	if wi.Docs != bi.Docs {
		return nil, fmt.Errorf("workbench indexed %d documents, the baseline %d: they must index the same corpus", wi.Docs, bi.Docs)
	}
	// Raw bleve with one writer, as the pipeline writes: how much of the
	// gap is concurrency rather than analysis.
	var b1 phaseIndex
	if _, err = runPhase(ctx, o.Exe, o.ExeArgs, dir, "baseline-index-1", &b1); err != nil {
		return nil, err
	}
	rep.BaselineOneWriterDocsPerS = round1(float64(b1.Docs) / b1.Seconds)
	rep.IndexRatioOneWriter = round2(rep.IndexDocsPerS / rep.BaselineOneWriterDocsPerS)
	say("baseline indexing, one writer: %.0f docs/s (ratio %.2f)", rep.BaselineOneWriterDocsPerS, rep.IndexRatioOneWriter)

	// 4. Search while typing, each in its own process (peak RSS while
	// browsing is the search process's).
	var wsr, bs phaseSearch
	if m, err = runPhase(ctx, o.Exe, o.ExeArgs, dir, "search", &wsr, "--queries", strconv.Itoa(o.MinQueries)); err != nil {
		return nil, err
	}
	rss = m.RSS
	rep.PeakAnonMB, rep.PeakFileMB = m.Anon, m.File
	rep.PeakRSSMB, rep.Search = rss, wsr.Run
	rep.SearchP50MS, rep.SearchP95MS, rep.SearchP99MS = wsr.Run.All.P50, wsr.Run.All.P95, wsr.Run.All.P99
	rep.SearchQueries = wsr.Run.All.N
	if wsr.Cheap != nil && wsr.Rich != nil {
		rep.SearchCheapP99MS, rep.SearchRichP99MS = wsr.Cheap.All.P99, wsr.Rich.All.P99
		rep.SearchCheapP50MS, rep.SearchRichP50MS = wsr.Cheap.All.P50, wsr.Rich.All.P50
	}
	say("workbench search: %d queries, p50 %.2f ms, p95 %.2f ms, p99 %.2f ms, peak RSS %.0f MB (anonymous %.0f MB, file-backed %.0f MB)", wsr.Run.All.N, rep.SearchP50MS, rep.SearchP95MS, rep.SearchP99MS, rss, m.Anon, m.File)
	if m, err = runPhase(ctx, o.Exe, o.ExeArgs, dir, "baseline-search", &bs, "--queries", strconv.Itoa(o.MinQueries)); err != nil {
		return nil, err
	}
	rss = m.RSS
	rep.BaselinePeakAnonMB = m.Anon
	rep.BaselinePeakRSSMB, rep.BaselineSearch = rss, bs.Run
	rep.BaselineSearchP50MS, rep.BaselineSearchP95MS, rep.BaselineSearchP99MS = bs.Run.All.P50, bs.Run.All.P95, bs.Run.All.P99
	rep.SearchRatioP99 = round2(rep.SearchP99MS / rep.BaselineSearchP99MS)
	say("baseline search: p50 %.2f ms, p95 %.2f ms, p99 %.2f ms (ratio %.2f)", rep.BaselineSearchP50MS, rep.BaselineSearchP95MS, rep.BaselineSearchP99MS, rep.SearchRatioP99)

	// 5. First frame of the TUI on this workspace.
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

// writeCorpus writes the benchmark corpus to path and returns the number of
// documents, their body bytes and a description.
func writeCorpus(ctx context.Context, o Options, path string) (int, int64, string, error) {
	f, err := os.OpenFile(path, os.O_CREATE|os.O_TRUNC|os.O_WRONLY, 0o600)
	if err != nil {
		return 0, 0, "", err
	}
	defer f.Close()
	w := NewJSONLWriter(f)
	var desc string
	if o.Corpus != "" && !o.Generate {
		desc = "replay of " + o.Corpus
		err = Replay(ctx, o.Corpus, o.Docs, w.Write)
	} else {
		var st *Stats
		if o.Corpus != "" {
			desc = fmt.Sprintf("generated, seed %d, from the statistics of %s", o.Seed, o.Corpus)
			st, err = StatsFromFile(ctx, o.Corpus)
		} else {
			desc = fmt.Sprintf("generated, seed %d, from the statistics of the embedded sample", o.Seed)
			st, err = StatsFromFS(ctx, o.Sample, o.SampleFiles)
		}
		if err != nil {
			return 0, 0, "", err
		}
		reg, rerr := analyze.LoadRegistry(o.ActorsTOML)
		if rerr != nil {
			return 0, 0, "", fmt.Errorf("actor registry: %w", rerr)
		}
		err = NewGenerator(st, reg.Actors(), o.Seed).Generate(ctx, o.Docs, w.Write)
	}
	if err != nil {
		return 0, 0, "", err
	}
	if err := w.Flush(); err != nil {
		return 0, 0, "", err
	}
	if err := f.Close(); err != nil {
		return 0, 0, "", err
	}
	if w.Count() == 0 {
		return 0, 0, "", fmt.Errorf("the corpus has no documents: check --corpus %s", o.Corpus)
	}
	return w.Count(), w.BodyBytes(), desc, nil
}

// Replay streams the articles of a real corpus, replicated with new ids
// ("r2-ID" for the second pass, ...) until n documents (n = 0: one pass).
// It reads the file again for each pass and holds one article at a time.
func Replay(ctx context.Context, path string, n int, emit func(model.Article) error) error {
	count := 0
	for pass := 1; ; pass++ {
		before := count
		err := ingest.Walk(ctx, []string{path}, ingest.Options{}, func(a model.Article) error {
			if n > 0 && count >= n {
				return errEnough
			}
			if pass > 1 {
				a.ID = fmt.Sprintf("r%d-%s", pass, a.ID)
			}
			count++
			return emit(a)
		}, nil)
		if errors.Is(err, errEnough) || (err == nil && (n == 0 || count >= n)) {
			return nil
		}
		if err != nil {
			return err
		}
		if count == before {
			return fmt.Errorf("--corpus %s: no documents could be read from it", path)
		}
	}
}

// AnalyzeThroughput measures the analyzer on one core: the bodies of the
// first maxDocs documents of the corpus, analysed again and again for at
// least minTime, in MB (2^20 bytes) of body text per second.
func AnalyzeThroughput(ctx context.Context, an *analyze.Analyzer, corpus string, maxDocs int, minTime time.Duration) (float64, error) {
	var bodies []model.Article
	err := ingest.Walk(ctx, []string{corpus}, ingest.Options{}, func(a model.Article) error {
		bodies = append(bodies, a)
		if len(bodies) >= maxDocs {
			return errEnough
		}
		return nil
	}, nil)
	if err != nil && !errors.Is(err, errEnough) {
		return 0, err
	}
	if len(bodies) == 0 {
		return 0, errors.New("no documents to analyse")
	}
	var bytes int64
	start := time.Now()
	for time.Since(start) < minTime {
		for _, a := range bodies {
			an.AnalyzeDoc(a.ID, a.Body)
			bytes += int64(len(a.Body))
		}
		if err := ctx.Err(); err != nil {
			return 0, err
		}
	}
	return round1(float64(bytes) / MB / time.Since(start).Seconds()), nil
}

// phaseIndex is what an indexing phase prints.
type phaseIndex struct {
	Docs      int     `json:"docs"`
	Quotes    int     `json:"quotes,omitempty"`
	Seconds   float64 `json:"seconds"`
	BatchSize int     `json:"batch_size,omitempty"`
}

// phaseSearch is what a search phase prints.
type phaseSearch struct {
	Run   *SearchRun `json:"run"`
	Cheap *SearchRun `json:"cheap,omitempty"`
	Rich  *SearchRun `json:"rich,omitempty"`
}

// runPhase re-executes the workbench binary as `workbench --home DIR bench
// --phase NAME`, decodes its JSON answer into out and returns its peak RSS
// in MB.
func runPhase(ctx context.Context, exe string, pre []string, dir, phase string, out any, extra ...string) (mem, error) {
	args := append(append(append([]string(nil), pre...), "--home", dir, "bench", "--phase", phase), extra...)
	cmd := exec.CommandContext(ctx, exe, args...)
	var stdout, stderr bytes.Buffer
	cmd.Stdout, cmd.Stderr = &stdout, &stderr
	if err := cmd.Start(); err != nil {
		return mem{}, fmt.Errorf("phase %s (%s %s): %v", phase, exe, strings.Join(args, " "), err)
	}
	m := sampleMemory(cmd.Process.Pid)
	err := cmd.Wait()
	peak := m.stop()
	if err != nil {
		return mem{}, fmt.Errorf("phase %s (%s %s): %v: %s", phase, exe, strings.Join(args, " "), err, strings.TrimSpace(stderr.String()))
	}
	if err := json.Unmarshal(stdout.Bytes(), out); err != nil {
		return mem{}, fmt.Errorf("phase %s: bad answer %q: %v", phase, stdout.String(), err)
	}
	peak.RSS = maxRSS(cmd.ProcessState)
	return peak, nil
}

// mem is the memory of a phase process, in MB: RSS is the kernel's peak
// resident set (getrusage maxrss); Anon and File are the peaks of its two
// parts, sampled every 10 ms from /proc: anonymous memory (the Go heap,
// stacks) and file-backed pages (bleve's memory-mapped segments, which the
// kernel can drop and re-read at will).
type mem struct{ RSS, Anon, File float64 }

type memSampler struct {
	stopc chan struct{}
	done  chan mem
}

func sampleMemory(pid int) *memSampler {
	s := &memSampler{stopc: make(chan struct{}), done: make(chan mem, 1)}
	go func() {
		var peak mem
		t := time.NewTicker(10 * time.Millisecond)
		defer t.Stop()
		path := fmt.Sprintf("/proc/%d/status", pid)
		for {
			if b, err := os.ReadFile(path); err == nil {
				for _, line := range strings.Split(string(b), "\n") {
					k, v, ok := strings.Cut(line, ":")
					if !ok {
						continue
					}
					kb, _ := strconv.ParseFloat(strings.TrimSpace(strings.TrimSuffix(strings.TrimSpace(v), "kB")), 64)
					switch k {
					case "RssAnon":
						peak.Anon = math.Max(peak.Anon, round1(kb/1024))
					case "RssFile":
						peak.File = math.Max(peak.File, round1(kb/1024))
					}
				}
			}
			select {
			case <-s.stopc:
				s.done <- peak
				return
			case <-t.C:
			}
		}
	}()
	return s
}

func (s *memSampler) stop() mem {
	close(s.stopc)
	return <-s.done
}

// maxRSS is the peak resident set of a finished process, in MB.
func maxRSS(ps *os.ProcessState) float64 {
	if ps == nil {
		return 0
	}
	ru, ok := ps.SysUsage().(*syscall.Rusage)
	if !ok {
		return 0
	}
	return round1(float64(ru.Maxrss) * 1024 / MB) // Linux: kilobytes
}

// Phase runs one measured phase in this process and writes its JSON answer
// to w: "index" (the pipeline, with analysis), "baseline-index",
// "search", "baseline-search".
func Phase(ctx context.Context, phase, dir string, minQueries int, w io.Writer) error {
	// Phases rebuild indexes: only ever in a workspace made by Run.
	if _, err := os.Stat(corpusPath(dir)); err != nil {
		return fmt.Errorf("--phase %s: %s is not a benchmark workspace (no bench/corpus.jsonl): run `workbench bench --keep DIR` first", phase, dir)
	}
	var out any
	switch phase {
	case "index":
		res, err := indexWorkbench(ctx, dir)
		if err != nil {
			return err
		}
		out = res
	case "baseline-index", "baseline-index-1":
		writers := runtime.NumCPU()
		path := baselinePath(dir)
		if phase == "baseline-index-1" {
			writers, path = 1, path+"-1"
			defer os.RemoveAll(path)
		}
		res, err := indexBaselineAt(ctx, dir, path, writers)
		if err != nil {
			return err
		}
		out = res
	case "search", "search-fragments":
		// Each run opens the index afresh: the index's caches start empty,
		// as in a new TUI session.
		reqs := []index.Request{
			{Limit: 20, Fragments: true},
			// The TUI runs two searches per keystroke: ids and titles
			// first, then fragments and facets; time both too.
			{Limit: 20},
			{Limit: 20, Fragments: true, Facets: true},
		}
		if phase == "search-fragments" { // the headline request only (profiling)
			reqs = reqs[:1]
		}
		runs := make([]*SearchRun, 3)
		for i, req := range reqs {
			ix, err := index.Open(filepath.Join(dir, "index.bleve"), index.OpenOptions{ReadOnly: true})
			if err != nil {
				return err
			}
			runs[i], err = TimeSearches(ctx, WarmupQueries, Queries, minQueries, searcherWith(ix, req))
			ix.Close()
			if err != nil {
				return err
			}
		}
		out = phaseSearch{Run: runs[0], Cheap: runs[1], Rich: runs[2]}
	case "baseline-search":
		b, err := OpenBaseline(baselinePath(dir))
		if err != nil {
			return err
		}
		defer b.Close()
		run, err := TimeSearches(ctx, WarmupQueries, Queries, minQueries, BaselineSearcher(b))
		if err != nil {
			return err
		}
		out = phaseSearch{Run: run}
	default:
		return fmt.Errorf("unknown phase %q: want index, baseline-index, search or baseline-search", phase)
	}
	return json.NewEncoder(w).Encode(out)
}

// WorkbenchSearcher searches the way the search line does at each
// keystroke: as you type, top 20, stored fields and fragments.
func WorkbenchSearcher(ix *index.Index) Searcher {
	return searcherWith(ix, index.Request{Limit: 20, Fragments: true})
}

// searcherWith runs req with the typed text as its query, parsed as the
// search line parses it (names as written: the generated corpus uses ids).
func searcherWith(ix *index.Index, req index.Request) Searcher {
	return func(ctx context.Context, typed string) (uint64, error) {
		var qe *model.QueryError
		pq, err := qlang.Parse(typed, qlang.Options{AsYouType: true}, qlang.Resolver{})
		if err != nil {
			if errors.As(err, &qe) {
				return 0, nil
			}
			return 0, err
		}
		r := req
		r.Query = pq
		res, err := ix.Search(ctx, r)
		if err != nil {
			if errors.As(err, &qe) {
				return 0, nil // the search line shows the error and keeps its results
			}
			return 0, err
		}
		return res.Total, nil
	}
}

// BaselineSearcher runs the same typed text against the baseline.
func BaselineSearcher(b *Baseline) Searcher {
	return func(ctx context.Context, typed string) (uint64, error) {
		_, total, err := b.Search(ctx, typed, 20)
		return total, err
	}
}

func indexBaseline(ctx context.Context, dir string) (*phaseIndex, error) {
	return indexBaselineAt(ctx, dir, baselinePath(dir), runtime.NumCPU())
}

// indexBaselineAt indexes the corpus of dir into a new baseline at path
// with writers concurrent batches.
func indexBaselineAt(ctx context.Context, dir, path string, writers int) (*phaseIndex, error) {
	os.RemoveAll(path)
	b, err := CreateBaseline(path)
	if err != nil {
		return nil, err
	}
	t0 := time.Now()
	n, err := b.Index(ctx, BatchSize, writers, func(emit func(model.Article) error) error {
		return ingest.Walk(ctx, []string{corpusPath(dir)}, ingest.Options{}, emit, nil)
	})
	if cerr := b.Close(); err == nil {
		err = cerr
	}
	if err != nil {
		return nil, err
	}
	return &phaseIndex{Docs: n, Seconds: time.Since(t0).Seconds(), BatchSize: BatchSize}, nil
}

// FirstFrameResult is the time to first frame of the TUI, over runs.
type FirstFrameResult struct {
	Runs       []float64 // ms reported by the TUI, in run order
	Walls      []float64 // ms from exec to exit
	Median     float64
	WallMedian float64
	First      float64
	RSSMB      float64 // the largest peak RSS of the runs
}

// FirstFrame starts the workbench binary on the workspace with
// WORKBENCH_FIRST_FRAME_EXIT=1 (the TUI quits after its first frame and
// prints first_frame_ms=N on stderr) runs times.
func FirstFrame(ctx context.Context, exe string, pre []string, dir string, runs int) (*FirstFrameResult, error) {
	res := &FirstFrameResult{}
	for i := 0; i < runs; i++ {
		ms, wall, rss, err := firstFrameOnce(ctx, exe, pre, dir)
		if err != nil {
			return nil, err
		}
		res.Runs = append(res.Runs, ms)
		res.Walls = append(res.Walls, wall)
		res.RSSMB = math.Max(res.RSSMB, rss)
	}
	res.First = res.Runs[0]
	s := append([]float64(nil), res.Runs...)
	sort.Float64s(s)
	res.Median = s[len(s)/2]
	w := append([]float64(nil), res.Walls...)
	sort.Float64s(w)
	res.WallMedian = w[len(w)/2]
	return res, nil
}

// firstFrameOnce returns the first frame time the TUI reports, the wall
// time from starting the process to its exit (an upper bound that includes
// exec, runtime start and shutdown) and the peak RSS.
func firstFrameOnce(ctx context.Context, exe string, pre []string, dir string) (float64, float64, float64, error) {
	ctx, cancel := context.WithTimeout(ctx, 60*time.Second)
	defer cancel()
	cmd := exec.CommandContext(ctx, exe, append(append([]string(nil), pre...), "--home", dir)...)
	cmd.Env = append(os.Environ(), "WORKBENCH_FIRST_FRAME_EXIT=1", "TERM=xterm-256color", "COLUMNS=120", "LINES=40")
	var stdout, stderr bytes.Buffer
	cmd.Stdout, cmd.Stderr = &stdout, &stderr
	t0 := time.Now()
	err := runInTerminal(cmd)
	wall := ms(time.Since(t0))
	msg := stderr.String()
	for _, line := range strings.Split(msg, "\n") {
		if v, ok := strings.CutPrefix(strings.TrimSpace(line), "first_frame_ms="); ok {
			ms, perr := strconv.ParseFloat(strings.TrimSpace(v), 64)
			if perr == nil {
				return ms, wall, maxRSS(cmd.ProcessState), nil
			}
		}
	}
	if err != nil {
		return 0, 0, 0, fmt.Errorf("the TUI did not report a first frame (%v): %s", err, lastLines(msg, 3))
	}
	return 0, 0, 0, fmt.Errorf("the TUI exited without printing first_frame_ms=N on stderr: %s", lastLines(msg, 3))
}

func lastLines(s string, n int) string {
	lines := strings.Split(strings.TrimSpace(s), "\n")
	if len(lines) > n {
		lines = lines[len(lines)-n:]
	}
	return strings.Join(lines, " | ")
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

func machine() Machine {
	m := Machine{CPUs: runtime.NumCPU(), Go: runtime.Version(), OS: runtime.GOOS + "/" + runtime.GOARCH, LoadStart: loadavg()}
	if b, err := os.ReadFile("/proc/meminfo"); err == nil {
		for _, line := range strings.Split(string(b), "\n") {
			if v, ok := strings.CutPrefix(line, "MemTotal:"); ok {
				kb, _ := strconv.Atoi(strings.TrimSpace(strings.TrimSuffix(strings.TrimSpace(v), "kB")))
				m.MemMB = kb / 1024
			}
		}
	}
	return m
}

// loadavg is the 1, 5 and 15 minute load averages ("" when unknown): the
// figures are only as good as the machine was quiet.
func loadavg() string {
	b, err := os.ReadFile("/proc/loadavg")
	if err != nil {
		return ""
	}
	f := strings.Fields(string(b))
	if len(f) < 3 {
		return ""
	}
	return strings.Join(f[:3], " ")
}

func round1(x float64) float64 { return math.Round(x*10) / 10 }
func round2(x float64) float64 { return math.Round(x*100) / 100 }
