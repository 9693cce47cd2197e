package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"os/signal"
	"strconv"
	"strings"
	"syscall"
	"time"

	"github.com/charmbracelet/x/term"
	"github.com/spf13/cobra"

	"github.com/workbench-dev/workbench/internal/index"
	"github.com/workbench-dev/workbench/internal/ingest"
	"github.com/workbench-dev/workbench/internal/pipeline"
	"github.com/workbench-dev/workbench/internal/priority"
	"github.com/workbench-dev/workbench/internal/textsafe"
)

func newIndexCmd(a *cli) *cobra.Command {
	var rebuild bool
	var shards, nice int
	var maxSize, maxExpanded string
	c := &cobra.Command{
		Use:   "index [--rebuild] [--shards N] [--nice N] [--max-doc-size SIZE] [--max-expanded-size SIZE] PATH...",
		Short: "Ingest files or folders into the workspace's index",
		Long: `Ingest files or folders (recursively) into the workspace's full-text index:
.txt .md .jsonl .json .csv .html .htm, and any of them gzipped (.gz).

Each document is analysed (actor mentions, quotations and their speakers)
and indexed. Re-running is incremental: unchanged documents are skipped,
changed ones replaced; editing the actor registry (actors.toml in the
workspace) re-analyses everything on the next run.

Problems (unreadable files, bad lines, documents larger than the limit) are
named on stderr with the file, the line and the reason; everything good is
still indexed, and the exit status is 1. A gzipped file that expands past
--max-expanded-size (default 1GB) is cut there and named.

--shards N spreads a new (or, with --rebuild, rebuilt) index over N bleve
indexes written in parallel (default 1; see docs/SCALING.md). An existing
index keeps its number of shards; changing it needs --rebuild.

Indexing runs at a lower CPU priority (--nice 10 by default, 0 to keep the
shell's): open TUIs and searches beside it get the cores first, and the
indexing loses nothing when the machine is otherwise idle.`,
		Example: `  workbench index ~/corpus/
  workbench index news.jsonl.gz reports/*.html
  workbench index --max-doc-size 2MB big-dump.jsonl
  workbench index --rebuild ~/corpus/      # start from an empty index
  workbench index --rebuild --shards 4 ~/corpus/   # 4 shards, for many cores`,
		Args: cobra.MinimumNArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			var maxBytes int64
			if maxSize != "" {
				n, err := ixParseSize(maxSize)
				if err != nil {
					return usageErr("--max-doc-size %q: %v (use e.g. 512KB, 8MB, 1GB or a number of bytes)", maxSize, err)
				}
				maxBytes = n
			}
			var maxExp int64
			if maxExpanded != "" {
				n, err := ixParseSize(maxExpanded)
				if err != nil {
					return usageErr("--max-expanded-size %q: %v (use e.g. 512MB, 2GB or a number of bytes)", maxExpanded, err)
				}
				maxExp = n
			}
			if shards < 0 || shards > index.MaxShards {
				return usageErr("--shards %d: use 1 to %d", shards, index.MaxShards)
			}
			var bad *priority.RangeError
			if _, err := priority.Lower(nice); errors.As(err, &bad) {
				return usageErr("--%v", bad)
			} else if err != nil {
				// The system refused (no per-thread nice values): indexing
				// at normal priority is still right.
				fmt.Fprintf(a.stderr, "note: could not lower the indexing priority: %v\n", err)
			}
			return ixRunIndex(a, args, rebuild, shards, maxBytes, maxExp)
		},
	}
	c.Flags().BoolVar(&rebuild, "rebuild", false, "discard the index (even a damaged one) and build it anew")
	c.Flags().IntVar(&shards, "shards", 0, "with a new or rebuilt index: spread it over N shards (default 1)")
	c.Flags().IntVar(&nice, "nice", 10, "lower the indexing's CPU priority by N (0 keeps it, 19 is the lowest) so readers beside it stay quick")
	c.Flags().StringVar(&maxSize, "max-doc-size", "", "skip documents larger than SIZE (e.g. 2MB; default 8MB)")
	c.Flags().StringVar(&maxExpanded, "max-expanded-size", "", "stop reading a gzipped file past SIZE of expanded data (default 1GB)")
	return c
}

// ixParseSize reads 123, 512KB, 8MB, 1GB, 2MiB (KB = 1024 bytes).
func ixParseSize(s string) (int64, error) {
	t := strings.ToUpper(strings.TrimSpace(s))
	mult := int64(1)
	for _, u := range []struct {
		suf string
		m   int64
	}{{"KIB", 1 << 10}, {"MIB", 1 << 20}, {"GIB", 1 << 30}, {"KB", 1 << 10}, {"MB", 1 << 20}, {"GB", 1 << 30}, {"K", 1 << 10}, {"M", 1 << 20}, {"G", 1 << 30}, {"B", 1}} {
		if strings.HasSuffix(t, u.suf) {
			t, mult = strings.TrimSpace(strings.TrimSuffix(t, u.suf)), u.m
			break
		}
	}
	f, err := strconv.ParseFloat(t, 64)
	if err != nil || f <= 0 {
		return 0, errors.New("not a positive size")
	}
	n := f * float64(mult)
	if n > 1<<40 {
		return 0, errors.New("too large")
	}
	return int64(n), nil
}

func ixRunIndex(a *cli, paths []string, rebuild bool, shards int, maxBytes, maxExpanded int64) error {
	w, err := a.open()
	if err != nil {
		return err
	}
	defer w.Close()
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()

	bar := ixNewProgress(a.stderr)
	st, runErr := w.IndexSource(ctx, pipeline.Source{Paths: paths}, rebuild, pipeline.Options{
		MaxDocBytes:      maxBytes,
		MaxExpandedBytes: maxExpanded,
		Shards:           shards,
		Progress:         bar.update,
		Report: func(p ingest.Problem) {
			bar.clear()
			if p.Note {
				fmt.Fprintf(a.stderr, "note: %s\n", textsafe.CleanLine(p.Error()))
			} else {
				fmt.Fprintf(a.stderr, "%s\n", textsafe.CleanLine(p.Error()))
			}
		},
	})
	bar.clear()
	fmt.Fprintf(a.stderr, "indexed %d, unchanged %d, failed %d in %s\n", st.Indexed, st.Unchanged, st.Failed, ixDuration(st.Took))
	if runErr != nil {
		if errors.Is(runErr, context.Canceled) {
			return errors.New("interrupted: what was indexed so far is kept; run the same command again to finish")
		}
		return runErr
	}
	if st.Failed > 0 {
		return errFailed
	}
	return nil
}

func ixDuration(d time.Duration) string {
	switch {
	case d < time.Millisecond:
		return d.Round(time.Microsecond).String()
	case d < time.Second:
		return d.Round(time.Millisecond).String()
	default:
		return d.Round(10 * time.Millisecond).String()
	}
}

// ixProgress draws a one-line progress display on a terminal's stderr, once
// more than a few hundred documents have been read; elsewhere it is silent.
type ixProgress struct {
	w     io.Writer
	tty   bool
	shown bool
}

func ixNewProgress(w io.Writer) *ixProgress {
	p := &ixProgress{w: w}
	if f, ok := w.(*os.File); ok && term.IsTerminal(f.Fd()) {
		p.tty = true
	}
	return p
}

const ixProgressMin = 300

func (p *ixProgress) update(pr pipeline.Progress) {
	if !p.tty || pr.Done || pr.Seen < ixProgressMin {
		return
	}
	rate := 0.0
	if s := pr.Elapsed.Seconds(); s > 0 {
		rate = float64(pr.Indexed) / s
	}
	// The total is unknown while files stream in: a bar of what is done
	// (indexed+unchanged) against what has been read.
	done := pr.Indexed + pr.Unchanged
	const width = 24
	fill := 0
	if pr.Seen > 0 {
		fill = width * done / pr.Seen
	}
	bar := strings.Repeat("█", fill) + strings.Repeat("░", width-fill)
	fmt.Fprintf(p.w, "\r\x1b[K%s %d/%d read, %d indexed, %d unchanged, %.0f docs/s", bar, done, pr.Seen, pr.Indexed, pr.Unchanged, rate)
	p.shown = true
}

func (p *ixProgress) clear() {
	if p.shown {
		fmt.Fprint(p.w, "\r\x1b[K")
		p.shown = false
	}
}
