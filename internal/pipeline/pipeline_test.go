package pipeline

import (
	"bufio"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/workbench-dev/workbench/data"
	"github.com/workbench-dev/workbench/internal/analyze"
	"github.com/workbench-dev/workbench/internal/index"
	"github.com/workbench-dev/workbench/internal/ingest"
	"github.com/workbench-dev/workbench/internal/model"
)

func analyzer(t testing.TB, toml []byte) *analyze.Analyzer {
	t.Helper()
	reg, err := analyze.LoadRegistry(toml)
	if err != nil {
		t.Fatal(err)
	}
	return analyze.New(reg)
}

func TestSampleIncremental(t *testing.T) {
	ctx := context.Background()
	p := filepath.Join(t.TempDir(), "index.bleve")
	ix, err := OpenOrCreate(p, false)
	if err != nil {
		t.Fatal(err)
	}
	defer ix.Close()
	reg := data.ActorsTOML()
	an := analyzer(t, reg)
	src := Source{FS: data.Sample(), Names: data.SampleFiles()}
	var last Progress
	calls := 0
	st, err := Run(ctx, ix, an, src, Options{Registry: reg, BatchSize: 100, Progress: func(p Progress) { last = p; calls++ }})
	if err != nil {
		t.Fatal(err)
	}
	n, _ := ix.Count()
	if st.Indexed < 300 || uint64(st.Indexed) != n || st.Unchanged != 0 || st.Failed != 0 {
		t.Fatalf("first run: %+v, count %d", st, n)
	}
	if !last.Done || last.Indexed != st.Indexed || calls < 2 {
		t.Errorf("progress: %+v after %d calls", last, calls)
	}
	// The analysis is in the index: quotes of the seed article by Ushakov.
	qr, err := ix.Quotes(ctx, index.QuoteRequest{Query: model.Query{Speakers: []string{"ushakov"}}, Exact: true})
	hits, total := qr.Hits, qr.Total
	if err != nil || total == 0 {
		t.Fatalf("ushakov quotes: %d %v", total, err)
	}
	if hits[0].DocID == "" || hits[0].Text == "" {
		t.Errorf("quote hit: %+v", hits[0])
	}
	res, err := ix.Search(ctx, index.Request{Query: model.Query{Actors: []string{"putin"}}})
	if err != nil || res.Total == 0 {
		t.Fatalf("@putin: %v %v", res, err)
	}

	// Second run: nothing to do.
	st, err = Run(ctx, ix, an, src, Options{Registry: reg})
	if err != nil {
		t.Fatal(err)
	}
	if st.Indexed != 0 || uint64(st.Unchanged) != n {
		t.Errorf("second run: %+v", st)
	}
	// An edited registry re-analyses everything.
	reg2 := append(append([]byte(nil), reg...), []byte("\n[[actor]]\nid = \"alaska\"\nname = \"Alaska\"\nkind = \"org\"\n")...)
	st, err = Run(ctx, ix, analyzer(t, reg2), src, Options{Registry: reg2})
	if err != nil {
		t.Fatal(err)
	}
	if uint64(st.Indexed) != n || st.Unchanged != 0 {
		t.Errorf("after registry edit: %+v", st)
	}
	res, err = ix.Search(ctx, index.Request{Query: model.Query{Actors: []string{"alaska"}}})
	if err != nil || res.Total == 0 {
		t.Errorf("@alaska after re-analysis: %v %v", res, err)
	}
	if c, _ := ix.Count(); c != n {
		t.Errorf("count changed: %d -> %d", n, c)
	}
}

// writeCorpus writes n small articles as JSONL, plus a bad line.
func writeCorpus(t testing.TB, dir string, n int, variant string) string {
	t.Helper()
	p := filepath.Join(dir, "corpus.jsonl")
	f, err := os.Create(p)
	if err != nil {
		t.Fatal(err)
	}
	w := bufio.NewWriter(f)
	for i := range n {
		body := fmt.Sprintf(`Vladimir Putin met Sergei Lavrov on day %d. "We will discuss the peace talks %s," Putin said. Lavrov noted the %d-th meeting. %s`,
			i, variant, i, strings.Repeat("The delegations exchanged views on trade and security. ", 10))
		b, _ := json.Marshal(map[string]string{"id": fmt.Sprintf("doc-%05d", i), "title": fmt.Sprintf("Meeting %d", i), "date": "2024-03-01", "body": body, "source": "test"})
		w.Write(b)
		w.WriteByte('\n')
		if i == 7 {
			w.WriteString("{not json\n")
		}
	}
	w.Flush()
	f.Close()
	return p
}

func TestRunProblemsAndChanges(t *testing.T) {
	ctx := context.Background()
	dir := t.TempDir()
	corpus := writeCorpus(t, dir, 50, "a")
	os.WriteFile(filepath.Join(dir, "notes.xyz"), []byte("skip me"), 0o600)
	ix, err := OpenOrCreate(filepath.Join(t.TempDir(), "ix"), false)
	if err != nil {
		t.Fatal(err)
	}
	defer ix.Close()
	an := analyzer(t, data.ActorsTOML())
	var probs []ingest.Problem
	st, err := Run(ctx, ix, an, Source{Paths: []string{dir}}, Options{Report: func(p ingest.Problem) { probs = append(probs, p) }, BatchSize: 16})
	if err != nil {
		t.Fatal(err)
	}
	if st.Indexed != 50 || st.Failed != 1 {
		t.Errorf("stats %+v", st)
	}
	var bad bool
	for _, p := range probs {
		if !p.Note && p.Line == 9 && strings.HasSuffix(p.Path, "corpus.jsonl") {
			bad = true
		}
	}
	if !bad {
		t.Errorf("problems: %v", probs)
	}
	// Change every document's text: all replaced, quotes replaced too.
	writeCorpus(t, dir, 50, "b")
	st, err = Run(ctx, ix, an, Source{Paths: []string{corpus}}, Options{})
	if err != nil || st.Indexed != 50 || st.Unchanged != 0 {
		t.Fatalf("changed run: %+v %v", st, err)
	}
	qr, err := ix.Quotes(ctx, index.QuoteRequest{Query: model.Query{Raw: "peace", Text: "peace"}, Exact: true})
	hits, total := qr.Hits, qr.Total
	if err != nil {
		t.Fatal(err)
	}
	if total != 50 {
		t.Errorf("quotes after change: %d, want 50 (old ones removed)", total)
	}
	if len(hits) > 0 && !strings.Contains(hits[0].Text, "talks b") {
		t.Errorf("quote text %q", hits[0].Text)
	}
}

func TestCancel(t *testing.T) {
	dir := t.TempDir()
	writeCorpus(t, dir, 500, "a")
	ix, err := OpenOrCreate(filepath.Join(t.TempDir(), "ix"), false)
	if err != nil {
		t.Fatal(err)
	}
	defer ix.Close()
	ctx, cancel := context.WithCancel(context.Background())
	st, err := Run(ctx, ix, analyzer(t, data.ActorsTOML()), Source{Paths: []string{dir}}, Options{BatchSize: 50, Progress: func(p Progress) {
		if p.Indexed >= 100 {
			cancel()
		}
	}})
	if !errors.Is(err, context.Canceled) {
		t.Errorf("err = %v", err)
	}
	if st.Indexed >= 500 {
		t.Errorf("did not stop: %+v", st)
	}
	// The rest is done by the next run.
	st2, err := Run(context.Background(), ix, analyzer(t, data.ActorsTOML()), Source{Paths: []string{dir}}, Options{})
	if err != nil {
		t.Fatal(err)
	}
	if st2.Indexed+st2.Unchanged != 500 || st2.Unchanged < st.Indexed {
		t.Errorf("second run %+v after %+v", st2, st)
	}
}

// TestCrashChild is the subprocess of TestSIGKILLDuringIndex.
func TestCrashChild(t *testing.T) {
	dir := os.Getenv("WB_PIPELINE_CRASH_DIR")
	if dir == "" {
		t.Skip("subprocess only")
	}
	ix, err := OpenOrCreate(filepath.Join(dir, "ix"), false)
	if err != nil {
		t.Fatal(err)
	}
	Run(context.Background(), ix, analyzer(t, data.ActorsTOML()), Source{Paths: []string{filepath.Join(dir, "corpus.jsonl")}}, Options{
		BatchSize: 100,
		Progress: func(p Progress) {
			if p.Indexed > 0 {
				fmt.Printf("indexed %d\n", p.Indexed)
			}
		},
	})
	fmt.Println("finished")
	time.Sleep(time.Hour)
}

func TestSIGKILLDuringIndex(t *testing.T) {
	if testing.Short() {
		t.Skip("subprocess")
	}
	dir := t.TempDir()
	const n = 3000
	writeCorpus(t, dir, n, "a")
	cmd := exec.Command(os.Args[0], "-test.run=^TestCrashChild$", "-test.v")
	cmd.Env = append(os.Environ(), "WB_PIPELINE_CRASH_DIR="+dir)
	out, err := cmd.StdoutPipe()
	if err != nil {
		t.Fatal(err)
	}
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	sc := bufio.NewScanner(out)
	killed := false
	for sc.Scan() {
		line := sc.Text()
		if strings.HasPrefix(line, "indexed ") || line == "finished" {
			cmd.Process.Signal(syscall.SIGKILL)
			killed = true
			break
		}
	}
	cmd.Wait()
	if !killed {
		t.Fatal("child never indexed anything")
	}
	ix, err := index.Open(filepath.Join(dir, "ix"), index.OpenOptions{})
	if err != nil {
		t.Fatalf("index after SIGKILL does not open: %v", err)
	}
	defer ix.Close()
	before, _ := ix.Count()
	st, err := Run(context.Background(), ix, analyzer(t, data.ActorsTOML()), Source{Paths: []string{filepath.Join(dir, "corpus.jsonl")}}, Options{})
	if err != nil {
		t.Fatal(err)
	}
	after, _ := ix.Count()
	if after != n || st.Indexed+st.Unchanged != n || uint64(st.Unchanged) != before {
		t.Errorf("before %d, run %+v, after %d; want %d", before, st, after, n)
	}
	t.Logf("killed with %d of %d indexed; the next run did %d", before, n, st.Indexed)
}
