package bench

import (
	"context"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/workbench-dev/workbench/internal/app"
	"github.com/workbench-dev/workbench/internal/index"
	"github.com/workbench-dev/workbench/internal/model"
)

func TestKeystrokesAndPrefixLen(t *testing.T) {
	got := Keystrokes("ab c")
	want := []string{"a", "ab", "ab ", "ab c"}
	if strings.Join(got, "|") != strings.Join(want, "|") {
		t.Errorf("Keystrokes = %q, want %q", got, want)
	}
	for s, n := range map[string]int{"z": 1, "zel": 3, "zelensky ": 0, "zelensky to": 2, "@pu": 2, `"peace ta`: 2, `"peace talks"`: 0, "speaker:ry": 2, "": 0} {
		if p := PrefixLen(s); p != n {
			t.Errorf("PrefixLen(%q) = %d, want %d", s, p, n)
		}
	}
	if n := len(AllKeystrokes(Queries)); n < 500 {
		t.Errorf("%d keystrokes in all queries: too few for 500 timed queries in one pass", n)
	}
	timed := map[string]bool{}
	for _, q := range Queries {
		timed[q] = true
	}
	for _, q := range WarmupQueries {
		if timed[q] {
			t.Errorf("warm-up query %q is also timed", q)
		}
	}
}

func TestSummarise(t *testing.T) {
	var ds []time.Duration
	for i := 1; i <= 100; i++ {
		ds = append(ds, time.Duration(i)*time.Millisecond)
	}
	l := Summarise(ds)
	if l.N != 100 || l.P50 != 50 || l.P95 != 95 || l.P99 != 99 || l.Max != 100 || l.Mean != 50.5 {
		t.Errorf("Summarise(1..100 ms) = %+v", l)
	}
	if z := Summarise(nil); z.N != 0 {
		t.Errorf("Summarise(nil) = %+v", z)
	}
}

func TestSplitTyped(t *testing.T) {
	for in, want := range map[string]string{
		"zelensky tomahawk":        "zelensky|tomahawk",
		"@putin esc":               "putin|esc",
		`"peace ta`:                `"peace ta"`,
		`"peace talks" ryab`:       `"peace talks"|ryab`,
		"speaker:ryabkov momentum": "ryabkov|momentum",
		"  ":                       "",
	} {
		parts, _ := splitTyped(in)
		var got []string
		for _, p := range parts {
			if p.phrase {
				got = append(got, `"`+p.text+`"`)
			} else {
				got = append(got, p.text)
			}
		}
		if g := strings.Join(got, "|"); g != want {
			t.Errorf("splitTyped(%q) = %q, want %q", in, g, want)
		}
	}
}

func TestSearchersOnSmallCorpus(t *testing.T) {
	dir := t.TempDir()
	ctx := context.Background()
	if err := buildWorkspace(ctx, t, dir, 150); err != nil {
		t.Fatal(err)
	}
	ix, err := index.Open(filepath.Join(dir, "index.bleve"), index.OpenOptions{ReadOnly: true})
	if err != nil {
		t.Fatal(err)
	}
	defer ix.Close()
	if n, err := ix.Count(); err != nil || n != 150 {
		t.Fatalf("workbench index holds %d articles (%v), want 150", n, err)
	}
	bl, err := OpenBaseline(baselinePath(dir))
	if err != nil {
		t.Fatal(err)
	}
	defer bl.Close()
	if n, err := bl.bi.DocCount(); err != nil || n != 150 {
		t.Fatalf("baseline holds %d documents (%v), want 150", n, err)
	}
	wb, base := WorkbenchSearcher(ix), BaselineSearcher(bl)
	// The queries of the issue find something when typed in full, in both
	// indexes, and so do most others: the corpus is made for them.
	must := map[string]bool{"zelensky tomahawk": true, "@putin escalation": true, `"peace talks"`: true, "ryabkov momentum": true}
	for _, s := range []Searcher{wb, base} {
		found := 0
		for _, q := range Queries {
			n, err := s(ctx, q)
			if err != nil {
				t.Fatalf("%q: %v", q, err)
			}
			if n > 0 {
				found++
			} else if must[q] {
				t.Errorf("%q finds nothing in 150 generated documents", q)
			}
		}
		if found < len(Queries)*2/3 {
			t.Errorf("only %d of %d queries find anything in 150 generated documents", found, len(Queries))
		}
	}
	// The baseline's prefix: "tomah" finds what "tomahawk" finds.
	full, _ := base(ctx, "tomahawk")
	pre, _ := base(ctx, "tomah")
	if pre < full || full == 0 {
		t.Errorf("baseline: prefix tomah finds %d, tomahawk %d: the prefix must find at least as many", pre, full)
	}
	hits, _, err := bl.Search(ctx, "tomahawk", 20)
	if err != nil || len(hits) == 0 {
		t.Fatalf("baseline hits: %v %v", hits, err)
	}
	if !strings.Contains(hits[0].Fragment, "«") || hits[0].Title == "" {
		t.Errorf("baseline hit without a marked fragment or title: %+v", hits[0])
	}
	run, err := TimeSearches(ctx, WarmupQueries[:1], Queries[:3], 60, wb)
	if err != nil {
		t.Fatal(err)
	}
	if run.All.N < 60 || run.ByPrefix["1"].N == 0 || len(run.Slowest) == 0 {
		t.Errorf("TimeSearches: %+v", run.All)
	}
}

func TestReplay(t *testing.T) {
	var got []model.Article
	err := Replay(context.Background(), "testdata/kremlin5.jsonl", 12, func(a model.Article) error {
		got = append(got, a)
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	if len(got) != 12 {
		t.Fatalf("replayed %d documents, want 12", len(got))
	}
	ids := map[string]bool{}
	for _, a := range got {
		if ids[a.ID] {
			t.Errorf("duplicate id %s", a.ID)
		}
		ids[a.ID] = true
	}
	if got[0].ID != "kremlin-37772" || got[5].ID != "r2-kremlin-37772" || got[10].ID != "r3-kremlin-37772" {
		t.Errorf("ids %s %s %s: want the original, then r2-, r3- copies", got[0].ID, got[5].ID, got[10].ID)
	}
	if got[5].Body != got[0].Body {
		t.Error("a replayed copy differs from the original")
	}
	// n = 0: one pass.
	n := 0
	if err := Replay(context.Background(), "testdata/kremlin5.jsonl", 0, func(model.Article) error { n++; return nil }); err != nil || n != 5 {
		t.Errorf("one pass: %d documents, %v", n, err)
	}
	err = Replay(context.Background(), filepath.Join(t.TempDir(), "empty.jsonl"), 3, func(model.Article) error { return nil })
	if err == nil {
		t.Error("replaying a missing file: no error")
	}
}

func TestPrepareDirRefusesForeignFolder(t *testing.T) {
	dir := t.TempDir()
	if err := os.WriteFile(filepath.Join(dir, "tags.db"), []byte("x"), 0o600); err != nil {
		t.Fatal(err)
	}
	err := prepareDir(dir)
	if err == nil || !strings.Contains(err.Error(), "not made by `workbench bench`") {
		t.Fatalf("prepareDir on an analyst's folder: %v", err)
	}
	if _, err := os.Stat(filepath.Join(dir, "tags.db")); err != nil {
		t.Fatal("the folder's file was touched")
	}
	// A folder from an earlier bench --keep is cleared.
	os.MkdirAll(filepath.Join(dir, "bench"), 0o700)
	os.WriteFile(filepath.Join(dir, "bench", "corpus.jsonl"), nil, 0o600)
	if err := prepareDir(dir); err != nil {
		t.Fatal(err)
	}
	if ents, _ := os.ReadDir(dir); len(ents) != 0 {
		t.Errorf("kept bench folder not cleared: %d entries", len(ents))
	}
	var pe *os.PathError
	_ = errors.As(err, &pe)
}

func TestPhaseRefusesOrdinaryWorkspace(t *testing.T) {
	dir := t.TempDir()
	os.MkdirAll(filepath.Join(dir, "index.bleve"), 0o700)
	var out strings.Builder
	err := Phase(context.Background(), "index", dir, 500, &out, app.Options{}, nil)
	if err == nil || !strings.Contains(err.Error(), "not a benchmark workspace") {
		t.Fatalf("Phase on an analyst's workspace: %v", err)
	}
	if _, err := os.Stat(filepath.Join(dir, "index.bleve")); err != nil {
		t.Fatal("the workspace's index was touched")
	}
}
