package bench

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"os/exec"
	"strconv"
	"strings"
	"time"
)

// ReadersRun is one `index --rebuild` of the bench corpus with separate
// `workbench search` processes started beside it, the way an analyst runs
// a search (or opens the TUI) while this morning's articles go in.
type ReadersRun struct {
	// Nice is the indexer's --nice.
	Nice int `json:"nice"`
	// Probes is the number of search processes started while the indexer
	// ran; each must answer with hits from the previous index.
	Probes int `json:"probes"`
	// P50Ms, P99Ms and MaxMs are each process's time from exec to exit
	// with its answer printed: process start, opening the workspace and the
	// last complete index, the search, the output.
	P50Ms float64 `json:"p50_ms"`
	P99Ms float64 `json:"p99_ms"`
	MaxMs float64 `json:"max_ms"`
	// IndexSeconds is the indexer's wall time.
	IndexSeconds float64 `json:"index_seconds"`
}

// readerWords are the probes' queries: common words of the generated corpus
// and of kremlin-en, each finding hits.
var readerWords = []string{"putin", "energy", "president", "security", "talks", "russia"}

// ReadersOptions says how to run the readers measurement.
type ReadersOptions struct {
	// Command is the workbench binary and the arguments that come before
	// workbench's own (a test passes its helper-process prefix).
	Command []string
	// Nices are the indexer's --nice values, one run each, in order.
	Nices []int
	// Words are the searches' queries, in turn; each must find hits
	// (default: common words of the generated corpus and of kremlin-en).
	Words []string
	// WarmUp is how long the indexer runs before the first search (the
	// phase uses 1 s: reading, analysing, both cores busy).
	WarmUp time.Duration
}

// Readers measures a search process started while the indexer rebuilds the
// index of the bench workspace dir, once per nice value. The workspace must
// hold an index already (a bench run leaves one): readers use it while the
// rebuild runs beside. At least one search runs in each run.
func Readers(ctx context.Context, dir string, o ReadersOptions) ([]ReadersRun, error) {
	if len(o.Command) == 0 {
		return nil, errors.New("readers: cannot find the workbench binary to start searches and the indexer")
	}
	if len(o.Words) == 0 {
		o.Words = readerWords
	}
	var runs []ReadersRun
	for _, n := range o.Nices {
		r, err := readersOnce(ctx, o, dir, n)
		if err != nil {
			return runs, err
		}
		runs = append(runs, *r)
	}
	return runs, nil
}

func readersOnce(ctx context.Context, o ReadersOptions, dir string, nice int) (*ReadersRun, error) {
	// A first search proves the workspace answers before the run starts.
	if _, err := probeSearch(ctx, o.Command, dir, o.Words[0]); err != nil {
		return nil, fmt.Errorf("readers: the workspace %s does not answer before indexing (index it first): %w", dir, err)
	}
	var stderr bytes.Buffer
	ix := command(ctx, o.Command, "--home", dir, "index", "--rebuild", "--nice", strconv.Itoa(nice), corpusPath(dir))
	ix.Stderr = &stderr
	t0 := time.Now()
	if err := ix.Start(); err != nil {
		return nil, err
	}
	done := make(chan error, 1)
	go func() { done <- ix.Wait() }()
	time.Sleep(o.WarmUp)
	var ixErr error
	var ms []float64
	for i, finished := 0, false; !finished; i++ {
		d, err := probeSearch(ctx, o.Command, dir, o.Words[i%len(o.Words)])
		if err != nil {
			ix.Process.Kill()
			<-done
			return nil, fmt.Errorf("readers: search %d beside the indexer: %w", i+1, err)
		}
		ms = append(ms, d)
		select {
		case ixErr = <-done:
			finished = true
		case <-time.After(200 * time.Millisecond):
		}
	}
	if ixErr != nil {
		return nil, fmt.Errorf("readers: index --rebuild: %w: %s", ixErr, strings.TrimSpace(stderr.String()))
	}
	return &ReadersRun{
		Nice: nice, Probes: len(ms),
		P50Ms: pct(ms, 50), P99Ms: pct(ms, 99), MaxMs: pct(ms, 100),
		IndexSeconds: round2(time.Since(t0).Seconds()),
	}, nil
}

// probeSearch runs one search process and returns its exec-to-exit time in
// milliseconds; it fails unless the answer holds at least one hit.
func probeSearch(ctx context.Context, cmd []string, dir, word string) (float64, error) {
	c := command(ctx, cmd, "--home", dir, "search", "--json", "--limit", "20", word)
	var out, errb bytes.Buffer
	c.Stdout, c.Stderr = &out, &errb
	t0 := time.Now()
	err := c.Run()
	d := float64(time.Since(t0).Microseconds()) / 1000
	if err != nil {
		return 0, fmt.Errorf("%q: %w: %s", word, err, strings.TrimSpace(errb.String()))
	}
	if !bytes.Contains(out.Bytes(), []byte(`"id"`)) {
		return 0, fmt.Errorf("%q: no hits in the answer: %s", word, strings.TrimSpace(out.String()))
	}
	return d, nil
}

func command(ctx context.Context, cmd []string, args ...string) *exec.Cmd {
	return exec.CommandContext(ctx, cmd[0], append(append([]string(nil), cmd[1:]...), args...)...)
}
