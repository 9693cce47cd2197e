package main

import (
	"context"
	"encoding/json"
	"fmt"
	"os"
	"os/signal"
	"runtime/pprof"

	"github.com/spf13/cobra"

	"github.com/workbench-dev/workbench/data"
	"github.com/workbench-dev/workbench/internal/bench"
)

// benchExe is how the bench command re-executes the workbench binary for its
// measured phases: the binary and the arguments that come before
// workbench's own. Tests replace it with the test binary.
var benchExe = func() (string, []string, error) {
	exe, err := os.Executable()
	return exe, nil, err
}

func newBenchCmd(a *cli) *cobra.Command {
	var (
		docs       int
		corpus     string
		generate   bool
		asJSON     bool
		keep       string
		seed       uint64
		phase      string
		queries    int
		frameRuns  int
		indexRuns  int
		cpuprofile string
		peers      []string
	)
	cmd := &cobra.Command{
		Use:   "bench",
		Short: "Measure indexing, search while typing, first frame and memory against raw bleve",
		Long: `bench generates a realistic news corpus (seeded: the same seed gives the same
bytes), indexes it into a temporary workspace through the real pipeline (with
actor and quote analysis) and into a plain bleve index with the same text
mapping and batch size (the baseline), then measures:

  index_docs_per_s   documents per second, both cores, and the ratio to bleve
                     (each side indexed --index-runs times, interleaved:
                     index_ratio is the median ratio, with its min and max)
  search_p50/95/99   the wait after each keystroke while typing realistic
                     queries (every prefix; top 20, stored fields, fragments),
                     at least 500 timed queries after a warm-up, same queries
                     against the baseline
  first_frame_ms     process start to the first rendered TUI frame, on a
                     pseudo-terminal
  peak_rss_mb        peak memory of the searching process (indexing reported
                     separately)
  analyze_mb_per_s   actor and quote analysis, one core
  fts5_ratio         workbench's indexing time / SQLite FTS5's (porter) on the
                     same JSONL, interleaved like index_ratio; fts5_search_p99
                     the same keystrokes as FTS5 prefix queries with snippet()
  index_bytes_per_doc, anon_mb (RssAnon of the searching process)

--peers chooses what runs beside workbench (bleve, fts5, or none: at a
million documents raw bleve's one-letter prefixes take seconds each). The
free disk of the benchmark folder is checked first, from the measured bytes
per document of the corpus and its indexes.

The corpus is generated from the word and sentence statistics of the embedded
sample, or of --corpus FILE with --generate. --corpus FILE alone replays that
real corpus instead, replicated with new ids up to --docs.

See BENCHMARKS.md for the figures measured and what they mean.`,
		Example: `  workbench bench                      # 10,000 generated documents, table
  workbench bench --docs 100000 --json  # the 100k run of BENCHMARKS.md
  workbench bench --docs 1000000 --peers none --index-runs 1 --keep /big/ws1m
  workbench bench --corpus ../shared/corpus/kremlin-en/kremlin-en.jsonl.gz --docs 20000
  workbench bench --docs 5000 --keep /tmp/ws && workbench --home /tmp/ws`,
		Args: cobra.NoArgs,
		RunE: func(cmd *cobra.Command, args []string) error {
			ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt)
			defer stop()
			if phase != "" {
				ws, err := a.workspace()
				if err != nil {
					return err
				}
				if cpuprofile != "" {
					f, err := os.Create(cpuprofile)
					if err != nil {
						return err
					}
					defer f.Close()
					if err := pprof.StartCPUProfile(f); err != nil {
						return err
					}
					defer pprof.StopCPUProfile()
				}
				var self []string
				if exe, pre, err := benchExe(); err == nil {
					self = append([]string{exe}, pre...)
				}
				return bench.Phase(ctx, phase, ws.Dir, queries, a.stdout, a.appOptions(), self)
			}
			if docs < 0 {
				return usageErr("--docs %d: want a positive number of documents", docs)
			}
			if indexRuns < 1 {
				return usageErr("--index-runs %d: want at least 1 (the median of 3 or more is the figure to quote)", indexRuns)
			}
			if generate && corpus == "" {
				return usageErr("--generate needs --corpus FILE: the corpus whose statistics drive the generator")
			}
			for _, p := range peers {
				if p != bench.PeerBleve && p != bench.PeerFTS5 && (p != "none" || len(peers) > 1) {
					return usageErr("--peers %s: want bleve, fts5 (or both, comma-separated) or none", p)
				}
			}
			exe, pre, err := benchExe()
			if err != nil {
				return fmt.Errorf("cannot find the workbench binary to run the measured phases: %w", err)
			}
			o := bench.Options{
				Docs: docs, Corpus: corpus, Generate: generate, Seed: seed, Dir: keep,
				Exe: exe, ExeArgs: pre, Sample: data.Sample(), SampleFiles: data.SampleFiles(),
				ActorsTOML: data.ActorsTOML(), MinQueries: queries, FirstFrameRuns: frameRuns,
				IndexRuns: indexRuns,
				Progress:  a.stderr,
			}
			o.Peers = peers
			if len(peers) == 1 && peers[0] == "none" {
				o.Peers = []string{}
			}
			rep, err := bench.Run(ctx, o)
			if err != nil {
				return err
			}
			if asJSON {
				enc := json.NewEncoder(a.stdout)
				enc.SetIndent("", "  ")
				return enc.Encode(rep)
			}
			if err := rep.WriteTable(a.stdout); err != nil {
				return err
			}
			if keep != "" {
				fmt.Fprintf(a.stdout, "\nworkspace kept: workbench --home %s\n", keep)
			}
			return nil
		},
	}
	f := cmd.Flags()
	f.IntVar(&docs, "docs", 0, "number of documents (default 10000; with --corpus alone, the whole corpus once)")
	f.StringVar(&corpus, "corpus", "", "real corpus `FILE` to replay (or, with --generate, to take statistics from)")
	f.BoolVar(&generate, "generate", false, "with --corpus: generate from its statistics instead of replaying it")
	f.BoolVar(&asJSON, "json", false, "print one JSON object instead of the table")
	f.StringVar(&keep, "keep", "", "keep the benchmark workspace in `DIR` (new or empty), to try the TUI on it")
	f.Uint64Var(&seed, "seed", bench.DefaultSeed, "seed of the generated corpus")
	f.IntVar(&queries, "queries", 500, "timed keystroke queries (at least 500)")
	f.IntVar(&indexRuns, "index-runs", bench.DefaultIndexRuns, "index each side N times, interleaved; index_ratio is the median ratio")
	f.StringSliceVar(&peers, "peers", []string{bench.PeerBleve, bench.PeerFTS5}, "engines measured beside workbench: bleve, fts5, or none")
	f.IntVar(&frameRuns, "first-frame-runs", 5, "TUI starts to time (the median is reported)")
	f.StringVar(&phase, "phase", "", "internal: run one measured phase in this process")
	f.MarkHidden("phase")
	f.StringVar(&cpuprofile, "cpuprofile", "", "with --phase: write a CPU profile of the phase to `FILE`")
	f.MarkHidden("cpuprofile")
	return cmd
}
