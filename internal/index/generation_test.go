package index

import (
	"context"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/workbench-dev/workbench/internal/model"
)

func count(t *testing.T, ix *Index) uint64 {
	t.Helper()
	n, err := ix.Count()
	if err != nil {
		t.Fatal(err)
	}
	return n
}

func extraDoc(id string) Doc {
	return Doc{Article: model.Article{ID: id, Title: "Extra " + id, Body: "An extra article about grain exports."}, Hash: "x" + id}
}

// writeGen runs one writer: docs put into a new generation, committed.
func writeGen(t *testing.T, ws string, rebuild bool, docs []Doc) Generation {
	t.Helper()
	w, err := BeginWrite(ws, rebuild)
	if err != nil {
		t.Fatal(err)
	}
	if err := w.Put(context.Background(), docs); err != nil {
		w.Abort()
		t.Fatal(err)
	}
	if err := w.Commit(); err != nil {
		t.Fatal(err)
	}
	return w.Gen
}

func TestGenerationsReadersKeepTheirGeneration(t *testing.T) {
	ws := t.TempDir()
	if _, err := OpenCurrent(ws); !errors.Is(err, ErrNoIndex) {
		t.Fatalf("empty workspace: %v, want ErrNoIndex", err)
	}
	if HasIndex(ws) {
		t.Fatal("HasIndex on an empty workspace")
	}
	g1 := writeGen(t, ws, false, fixtureDocs())
	if g1.Name != "index.gen/000001" || !HasIndex(ws) {
		t.Fatalf("first generation %q", g1.Name)
	}
	r1, err := OpenCurrent(ws)
	if err != nil {
		t.Fatal(err)
	}
	if count(t, r1.Index) != 4 {
		t.Fatal("reader of generation 1")
	}

	// A writer runs while the reader is open: no lock conflict, and the
	// reader keeps seeing its generation.
	w, err := BeginWrite(ws, false)
	if err != nil {
		t.Fatalf("writer while a reader is open: %v", err)
	}
	// Hard-linked segments: the clone shares zap files with its base.
	// (Checked before writing: scorch's merger may later merge the shared
	// segment with the new one into a file of the clone's own.)
	if !sharesSegment(t, g1.Dir, w.Gen.Dir) {
		t.Error("the clone shares no segment file with its base")
	}
	if err := w.Put(context.Background(), []Doc{extraDoc("e1")}); err != nil {
		t.Fatal(err)
	}
	r1b, err := OpenCurrent(ws) // a reader started during the write
	if err != nil {
		t.Fatalf("reader during a write: %v", err)
	}
	if r1b.Gen != g1 || count(t, r1b.Index) != 4 {
		t.Fatalf("reader during a write opened %v", r1b.Gen)
	}
	r1b.Close()
	if err := w.Commit(); err != nil {
		t.Fatal(err)
	}
	if count(t, r1.Index) != 4 {
		t.Fatal("old reader changed")
	}
	// Generation 1 is held by r1: the writer left it.
	if _, err := os.Stat(g1.Dir); err != nil {
		t.Fatalf("a held generation was removed: %v", err)
	}
	r2, err := OpenCurrent(ws)
	if err != nil {
		t.Fatal(err)
	}
	if r2.Gen.Name != "index.gen/000002" || count(t, r2.Index) != 5 {
		t.Fatalf("new reader: %v", r2.Gen)
	}
	if d, err := r2.Get(context.Background(), "d1"); err != nil || d.Title != "Ushakov on the Alaska talks" {
		t.Fatalf("cloned document: %v %v", d, err)
	}
	r1.Close()
	g3 := writeGen(t, ws, false, []Doc{extraDoc("e2")})
	if _, err := os.Stat(g1.Dir); !errors.Is(err, os.ErrNotExist) {
		t.Errorf("generation 1, no longer held, was not removed: %v", err)
	}
	if _, err := os.Stat(g1.Dir + lockSuffix); !errors.Is(err, os.ErrNotExist) {
		t.Errorf("lock file of generation 1 left: %v", err)
	}
	// r2 still holds generation 2.
	if _, err := os.Stat(r2.Gen.Dir); err != nil {
		t.Error("held generation 2 removed")
	}
	if count(t, r2.Index) != 5 {
		t.Error("reader of generation 2 changed")
	}
	r2.Close()
	r3, err := OpenCurrent(ws)
	if err != nil {
		t.Fatal(err)
	}
	defer r3.Close()
	if r3.Gen != g3 || count(t, r3.Index) != 6 {
		t.Fatalf("generation 3: %v", r3.Gen)
	}
}

func sharesSegment(t *testing.T, a, b string) bool {
	za, _ := filepath.Glob(filepath.Join(a, "store", "*.zap"))
	for _, p := range za {
		sa, err1 := os.Stat(p)
		sb, err2 := os.Stat(filepath.Join(b, "store", filepath.Base(p)))
		if err1 == nil && err2 == nil && os.SameFile(sa, sb) {
			return true
		}
	}
	return false
}

func TestGenerationRebuildSwaps(t *testing.T) {
	ws := t.TempDir()
	writeGen(t, ws, false, fixtureDocs())
	r1, err := OpenCurrent(ws)
	if err != nil {
		t.Fatal(err)
	}
	defer r1.Close()
	w, err := BeginWrite(ws, true)
	if err != nil {
		t.Fatal(err)
	}
	if count(t, w.Index) != 0 {
		t.Fatal("a rebuild starts empty")
	}
	w.Put(context.Background(), []Doc{extraDoc("only")})
	// Until the swap, readers see the live index.
	if r, err := OpenCurrent(ws); err != nil || count(t, r.Index) != 4 {
		t.Fatalf("reader during a rebuild: %v", err)
	} else {
		r.Close()
	}
	if err := w.Commit(); err != nil {
		t.Fatal(err)
	}
	r2, err := OpenCurrent(ws)
	if err != nil {
		t.Fatal(err)
	}
	defer r2.Close()
	if count(t, r2.Index) != 1 || count(t, r1.Index) != 4 {
		t.Fatal("after the rebuild's swap")
	}
}

func TestGenerationAbortKeepsCurrent(t *testing.T) {
	ws := t.TempDir()
	g1 := writeGen(t, ws, false, fixtureDocs())
	w, err := BeginWrite(ws, true)
	if err != nil {
		t.Fatal(err)
	}
	w.Put(context.Background(), []Doc{extraDoc("x")})
	if err := w.Abort(); err != nil {
		t.Fatal(err)
	}
	if _, err := os.Stat(w.Gen.Dir); !errors.Is(err, os.ErrNotExist) {
		t.Error("aborted generation left")
	}
	r, err := OpenCurrent(ws)
	if err != nil {
		t.Fatal(err)
	}
	defer r.Close()
	if r.Gen != g1 || count(t, r.Index) != 4 {
		t.Fatal("abort changed the current generation")
	}
}

// A writer killed before its commit leaves a half-built folder: readers
// never see it, the next writer removes it.
func TestGenerationHalfBuiltRemoved(t *testing.T) {
	ws := t.TempDir()
	writeGen(t, ws, false, fixtureDocs())
	half := filepath.Join(ws, gensDir, "000002")
	if err := os.MkdirAll(filepath.Join(half, "store"), 0o700); err != nil {
		t.Fatal(err)
	}
	os.WriteFile(filepath.Join(half, "store", "root.bolt"), []byte("torn"), 0o600)
	r, err := OpenCurrent(ws)
	if err != nil || count(t, r.Index) != 4 {
		t.Fatalf("reader with a half-built generation beside: %v", err)
	}
	r.Close()
	g := writeGen(t, ws, false, []Doc{extraDoc("e")})
	// The half-built folder was removed before the number was reused.
	r, err = OpenCurrent(ws)
	if err != nil {
		t.Fatal(err)
	}
	defer r.Close()
	if r.Gen != g || count(t, r.Index) != 5 {
		t.Fatalf("after a half-built generation: %v", r.Gen)
	}
	ents, _ := os.ReadDir(filepath.Join(ws, gensDir))
	if len(ents) != 2 { // the generation and its lock file
		t.Errorf("index.gen holds %d entries, want 2", len(ents))
	}
}

// An index from before generations (WS/index.bleve) is read as it is and
// becomes the base of the first writer's generation, then is removed.
func TestGenerationMigratesLegacyIndex(t *testing.T) {
	ws := t.TempDir()
	legacy := filepath.Join(ws, "index.bleve")
	ix, err := Create(legacy)
	if err != nil {
		t.Fatal(err)
	}
	ix.Put(context.Background(), fixtureDocs())
	ix.Close()
	r, err := OpenCurrent(ws)
	if err != nil {
		t.Fatal(err)
	}
	if r.Gen.Name != "index.bleve" || count(t, r.Index) != 4 {
		t.Fatalf("legacy reader: %v", r.Gen)
	}
	g := writeGen(t, ws, false, []Doc{extraDoc("e")})
	if _, err := os.Stat(legacy); err != nil {
		t.Fatal("legacy index removed while a reader holds it")
	}
	r.Close()
	r2, err := OpenCurrent(ws)
	if err != nil {
		t.Fatal(err)
	}
	if r2.Gen != g || count(t, r2.Index) != 5 {
		t.Fatalf("after migration: %v", r2.Gen)
	}
	r2.Close()
	writeGen(t, ws, false, nil)
	if _, err := os.Stat(legacy); !errors.Is(err, os.ErrNotExist) {
		t.Errorf("legacy index not removed once free: %v", err)
	}
}

func TestGenerationErrorsKeepTheirMeaning(t *testing.T) {
	ws := t.TempDir()
	// Not an index: a rebuild refuses to take it over.
	legacy := filepath.Join(ws, "index.bleve")
	os.MkdirAll(legacy, 0o700)
	os.WriteFile(filepath.Join(legacy, "thesis.docx"), []byte("precious"), 0o600)
	if _, err := BeginWrite(ws, true); err == nil || !strings.Contains(err.Error(), "not removing") {
		t.Fatalf("rebuild over a foreign folder: %v", err)
	}
	if _, err := BeginWrite(ws, false); !errors.Is(err, ErrCorrupt) || !strings.Contains(err.Error(), "--rebuild") {
		t.Fatalf("index over a foreign folder: %v", err)
	}
	if _, err := OpenCurrent(ws); !errors.Is(err, ErrCorrupt) {
		t.Fatalf("reader of a foreign folder: %v", err)
	}
	if b, _ := os.ReadFile(filepath.Join(legacy, "thesis.docx")); string(b) != "precious" {
		t.Fatal("the analyst's file changed")
	}

	// A damaged pointer is ErrCorrupt naming --rebuild; a rebuild fixes it.
	ws2 := t.TempDir()
	writeGen(t, ws2, false, fixtureDocs())
	os.WriteFile(filepath.Join(ws2, pointerFile), []byte("../../etc\n"), 0o600)
	if _, err := OpenCurrent(ws2); !errors.Is(err, ErrCorrupt) || !strings.Contains(err.Error(), "--rebuild") {
		t.Fatalf("damaged pointer: %v", err)
	}
	writeGen(t, ws2, true, []Doc{extraDoc("a")})
	r, err := OpenCurrent(ws2)
	if err != nil {
		t.Fatal(err)
	}
	defer r.Close()
	if count(t, r.Index) != 1 {
		t.Fatal("rebuild after a damaged pointer")
	}

	// A generation removed by hand: ErrCorrupt naming --rebuild, for
	// readers and writers.
	ws4 := t.TempDir()
	g4 := writeGen(t, ws4, false, fixtureDocs())
	os.RemoveAll(g4.Dir)
	if _, err := OpenCurrent(ws4); !errors.Is(err, ErrCorrupt) || !strings.Contains(err.Error(), "--rebuild") {
		t.Fatalf("missing generation, reader: %v", err)
	}
	if _, err := BeginWrite(ws4, false); !errors.Is(err, ErrCorrupt) {
		t.Fatalf("missing generation, writer: %v", err)
	}
	writeGen(t, ws4, true, []Doc{extraDoc("a")})
	if r, err := OpenCurrent(ws4); err != nil {
		t.Fatalf("after rebuilding a missing generation: %v", err)
	} else {
		r.Close()
	}

	// A damaged current generation: the writer's error names the
	// generation's folder and --rebuild.
	ws3 := t.TempDir()
	g := writeGen(t, ws3, false, fixtureDocs())
	os.WriteFile(filepath.Join(g.Dir, "index_meta.json"), []byte("{"), 0o600)
	_, err = BeginWrite(ws3, false)
	if !errors.Is(err, ErrCorrupt) || !strings.Contains(err.Error(), g.Dir) {
		t.Fatalf("damaged generation: %v", err)
	}
}

// The base generation shares its segment files with the clone (hard
// links): whatever the clone's writer does (new segments, merges, deletes),
// the base reopens unchanged.
func TestGenerationCloneLeavesBaseIntact(t *testing.T) {
	ws := t.TempDir()
	w, err := BeginWrite(ws, false)
	if err != nil {
		t.Fatal(err)
	}
	for i := range 8 { // several segments
		if err := w.Put(context.Background(), []Doc{extraDoc(fmt.Sprintf("a%d", i)), extraDoc(fmt.Sprintf("b%d", i))}); err != nil {
			t.Fatal(err)
		}
	}
	if err := w.Commit(); err != nil {
		t.Fatal(err)
	}
	base := w.Gen
	hold, err := OpenCurrent(ws) // keeps the base from being swept
	if err != nil {
		t.Fatal(err)
	}
	defer hold.Close()
	w2, err := BeginWrite(ws, false)
	if err != nil {
		t.Fatal(err)
	}
	if !sharesSegment(t, base.Dir, w2.Gen.Dir) {
		t.Fatal("no hard-linked segment: the test proves nothing")
	}
	for i := range 30 { // enough segments for scorch to merge
		w2.Put(context.Background(), []Doc{extraDoc(fmt.Sprintf("c%d", i))})
	}
	if err := w2.Delete(context.Background(), []string{"a0", "a1", "b2"}); err != nil {
		t.Fatal(err)
	}
	if err := w2.Commit(); err != nil {
		t.Fatal(err)
	}
	merged := 0
	for _, z := range ixZaps(base.Dir) {
		if _, err := os.Stat(filepath.Join(w2.Gen.Dir, "store", filepath.Base(z))); err != nil {
			merged++
		}
	}
	t.Logf("%d of the base's %d segments merged away in the clone", merged, len(ixZaps(base.Dir)))
	ix, err := Open(base.Dir, OpenOptions{ReadOnly: true})
	if err != nil {
		t.Fatalf("the base after its clone was written: %v", err)
	}
	defer ix.Close()
	if n := count(t, ix); n != 16 {
		t.Fatalf("the base holds %d documents, want 16", n)
	}
	if d, err := ix.Get(context.Background(), "a0"); err != nil || d.Title != "Extra a0" {
		t.Fatalf("a document deleted in the clone, in the base: %v %v", d, err)
	}
	r, err := OpenCurrent(ws)
	if err != nil {
		t.Fatal(err)
	}
	defer r.Close()
	if n := count(t, r.Index); n != 16+30-3 {
		t.Fatalf("the new generation holds %d", n)
	}
}

func ixZaps(dir string) []string {
	zs, _ := filepath.Glob(filepath.Join(dir, "store", "*.zap"))
	return zs
}
