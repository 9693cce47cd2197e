package main

import (
	"context"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/workbench-dev/workbench/internal/bench"
)

// TestBenchHelperProcess is not a test: TestBenchCommand re-executes the
// test binary as the workbench binary for the measured phases (the standard
// helper-process pattern: arguments after "--" are workbench's).
func TestBenchHelperProcess(t *testing.T) {
	if os.Getenv("WORKBENCH_BENCH_HELPER") != "1" {
		return
	}
	args := os.Args
	for i, a := range args {
		if a == "--" {
			args = args[i+1:]
			break
		}
	}
	os.Exit(run(args, os.Stdin, os.Stdout, os.Stderr))
}

// useTestBinaryForBench makes `bench` re-execute this test binary.
func useTestBinaryForBench(t *testing.T) {
	t.Helper()
	exe, err := os.Executable()
	if err != nil {
		t.Fatal(err)
	}
	t.Setenv("WORKBENCH_BENCH_HELPER", "1")
	old := benchExe
	benchExe = func() (string, []string, error) {
		return exe, []string{"-test.run=^TestBenchHelperProcess$", "--"}, nil
	}
	t.Cleanup(func() { benchExe = old })
}

func TestBenchCommandJSON(t *testing.T) {
	if testing.Short() {
		t.Skip("indexes a small corpus twice and times 500 queries")
	}
	useTestBinaryForBench(t)
	dir := filepath.Join(t.TempDir(), "kept")
	out, errOut, code := rootTestRun(t, "bench", "--docs", "120", "--json", "--keep", dir, "--first-frame-runs", "1")
	if code != 0 {
		t.Fatalf("exit %d\nstderr: %s", code, errOut)
	}
	var rep map[string]any
	if err := json.Unmarshal([]byte(out), &rep); err != nil {
		t.Fatalf("--json output is not one JSON object: %v\n%s", err, out)
	}
	for _, k := range []string{"docs", "index_docs_per_s", "baseline_index_docs_per_s", "index_ratio", "index_mb",
		"search_p50_ms", "search_p95_ms", "search_p99_ms", "baseline_search_p99_ms", "search_ratio_p99",
		"first_frame_ms", "peak_rss_mb", "analyze_mb_per_s", "index_peak_rss_mb"} {
		if _, ok := rep[k]; !ok {
			t.Errorf("pinned key %q missing from --json output", k)
		}
	}
	num := func(k string) float64 { v, _ := rep[k].(float64); return v }
	if num("docs") != 120 {
		t.Errorf("docs = %v, want 120", rep["docs"])
	}
	for _, k := range []string{"index_docs_per_s", "baseline_index_docs_per_s", "index_ratio", "index_mb", "search_p99_ms",
		"baseline_search_p99_ms", "peak_rss_mb", "index_peak_rss_mb", "analyze_mb_per_s",
		"fts5_ratio", "fts5_index_docs_per_s", "fts5_search_p50_ms", "fts5_search_p99_ms", "fts5_mb",
		"index_bytes_per_doc", "anon_mb"} {
		if num(k) <= 0 {
			t.Errorf("%s = %v, want a positive measurement", k, rep[k])
		}
	}
	// Each side indexed three times, interleaved: the median ratio with its
	// min and max, and the three pairs.
	if lo, mid, hi := num("index_ratio_min"), num("index_ratio"), num("index_ratio_max"); !(lo > 0 && lo <= mid && mid <= hi) {
		t.Errorf("index_ratio_min %v, index_ratio %v, index_ratio_max %v: want 0 < min <= median <= max", lo, mid, hi)
	}
	if lo, mid, hi := num("fts5_ratio_min"), num("fts5_ratio"), num("fts5_ratio_max"); !(lo > 0 && lo <= mid && mid <= hi) {
		t.Errorf("fts5_ratio_min %v, fts5_ratio %v, fts5_ratio_max %v: want 0 < min <= median <= max", lo, mid, hi)
	}
	if got := strings.Count(errOut, "bench: FTS5 indexing"); got != 3 {
		t.Errorf("%d FTS5 indexing runs, want 3 interleaved with workbench's:\n%s", got, errOut)
	}
	if runs, _ := rep["index_runs"].([]any); len(runs) != 3 {
		t.Errorf("index_runs = %v, want 3 interleaved pairs by default", rep["index_runs"])
	}
	if got := strings.Count(errOut, "bench: indexing "); got != 3 || !strings.Contains(errOut, "median of 3 interleaved runs") {
		t.Errorf("%d indexing progress lines, want 3 runs and their median:\n%s", got, errOut)
	}
	if n := num("search_queries"); n < 500 {
		t.Errorf("%v timed queries, want at least 500", n)
	}
	if ff := num("first_frame_ms"); ff <= 0 && rep["first_frame_error"] == nil {
		t.Errorf("first_frame_ms = %v without an error saying why", ff)
	}
	if !strings.Contains(errOut, "bench: corpus: 120 documents") {
		t.Errorf("no progress on stderr: %s", errOut)
	}
	// --keep leaves a workspace the TUI and the other commands can open.
	for _, p := range []string{"index.bleve", "actors.toml", filepath.Join("bench", "corpus.jsonl"), filepath.Join("bench", "baseline.bleve")} {
		if _, err := os.Stat(filepath.Join(dir, p)); err != nil {
			t.Errorf("kept workspace lacks %s: %v", p, err)
		}
	}
}

func TestBenchCommandMisuse(t *testing.T) {
	for _, c := range []struct {
		args []string
		want string
	}{
		{[]string{"bench", "--docs", "-5"}, "--docs -5"},
		{[]string{"bench", "--generate"}, "--generate needs --corpus"},
		{[]string{"bench", "--docs", "many"}, "invalid argument"},
		{[]string{"bench", "--index-runs", "0"}, "--index-runs 0"},
		{[]string{"bench", "--peers", "solr"}, "--peers solr"},
		{[]string{"bench", "--peers", "none,fts5"}, "--peers none"},
	} {
		_, errOut, code := rootTestRun(t, c.args...)
		if code != 2 || !strings.Contains(errOut, c.want) {
			t.Errorf("%v: exit %d, stderr %q; want exit 2 mentioning %q", c.args, code, errOut, c.want)
		}
	}
}

func TestBenchCommandRefusesAnalystFolder(t *testing.T) {
	dir := t.TempDir()
	if err := os.WriteFile(filepath.Join(dir, "tags.db"), []byte("tags"), 0o600); err != nil {
		t.Fatal(err)
	}
	_, errOut, code := rootTestRun(t, "bench", "--docs", "10", "--keep", dir)
	if code != 1 || !strings.Contains(errOut, "not made by `workbench bench`") {
		t.Fatalf("exit %d, stderr %q; want a refusal naming the folder", code, errOut)
	}
	if b, err := os.ReadFile(filepath.Join(dir, "tags.db")); err != nil || string(b) != "tags" {
		t.Fatal("bench touched an analyst's folder")
	}
}

func TestBenchCommandMissingCorpus(t *testing.T) {
	_, errOut, code := rootTestRun(t, "bench", "--corpus", filepath.Join(t.TempDir(), "nope.jsonl"))
	if code != 1 || !strings.Contains(errOut, "nope.jsonl") {
		t.Fatalf("exit %d, stderr %q; want an error naming the file", code, errOut)
	}
}

// TestBenchReaders runs the readers measurement on a small workspace: a
// search process beside `index --rebuild`, at two priorities. Every
// search must answer with hits from the index being replaced.
func TestBenchReaders(t *testing.T) {
	home, corpus := ixIndexed(t)
	// The phase rebuilds from the bench corpus of the workspace.
	os.MkdirAll(filepath.Join(home, "bench"), 0o700)
	b, err := os.ReadFile(filepath.Join(corpus, "news.jsonl"))
	if err != nil {
		t.Fatal(err)
	}
	var good []string
	for _, l := range strings.Split(string(b), "\n") {
		if json.Valid([]byte(l)) {
			good = append(good, l)
		}
	}
	os.WriteFile(filepath.Join(home, "bench", "corpus.jsonl"), []byte(strings.Join(good, "\n")+"\n"), 0o600)
	exe, err := os.Executable()
	if err != nil {
		t.Fatal(err)
	}
	t.Setenv("WORKBENCH_BENCH_HELPER", "1")
	runs, err := bench.Readers(context.Background(), home, bench.ReadersOptions{
		Command: []string{exe, "-test.run=^TestBenchHelperProcess$", "--"},
		Nices:   []int{0, 5},
		Words:   []string{"putin", "talks"},
	})
	if err != nil {
		t.Fatal(err)
	}
	if len(runs) != 2 || runs[0].Nice != 0 || runs[1].Nice != 5 {
		t.Fatalf("runs: %+v", runs)
	}
	for _, r := range runs {
		if r.Probes < 1 || r.P50Ms <= 0 || r.P99Ms < r.P50Ms || r.MaxMs < r.P99Ms || r.IndexSeconds <= 0 {
			t.Errorf("run %+v", r)
		}
	}
	// The rebuilt index answers.
	if out, e, code := rootTestRun(t, "--home", home, "search", "--json", "putin"); code != 0 || !strings.Contains(out, `"id"`) {
		t.Errorf("search after the runs: %d %s %s", code, out, e)
	}
}
