package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/workbench-dev/workbench/internal/index"
)

// TestIndexShards: `index --shards N` builds a sharded index that search
// and show read like one index; an existing index keeps its layout, and
// changing the number of shards asks for --rebuild.
func TestIndexShards(t *testing.T) {
	home, corpus := filepath.Join(t.TempDir(), "ws"), ixFixture(t)
	if _, errOut, code := rootTestRun(t, "--home", home, "index", "--shards", "3", corpus); code != 1 || !strings.Contains(errOut, "indexed 5") {
		t.Fatalf("index --shards 3: code %d, %s", code, errOut) // 1: the fixture's bad line
	}
	ixPath := func() string {
		g, err := index.Current(home)
		if err != nil {
			t.Fatal(err)
		}
		return g.Dir
	}
	if _, err := os.Stat(filepath.Join(ixPath(), "shards.json")); err != nil {
		t.Fatalf("no manifest: %v", err)
	}
	out, errOut, code := runHome(t, home, "search", "--json", "momentum")
	if code != 0 || !strings.Contains(out, `"k-3"`) {
		t.Fatalf("search on shards: code %d\n%s\n%s", code, out, errOut)
	}
	out, errOut, code = runHome(t, home, "show", "k-1")
	if code != 0 || !strings.Contains(out, "Meeting with Sergei Lavrov") {
		t.Fatalf("show on shards: code %d\n%s\n%s", code, out, errOut)
	}
	// Incremental run without --shards: the index keeps its 3 shards.
	if _, errOut, _ := runHome(t, home, "index", corpus); !strings.Contains(errOut, "unchanged 5") {
		t.Fatalf("incremental run on shards: %s", errOut)
	}
	// A changed document in a new generation cloned from the sharded one.
	note := filepath.Join(corpus, "note.txt")
	os.WriteFile(note, []byte("Ryabkov on strategic stability\n\nSergei Ryabkov spoke of quetzalcoatl diplomacy.\n"), 0o600)
	if _, errOut, _ := runHome(t, home, "index", corpus); !strings.Contains(errOut, "indexed 1, unchanged 4") {
		t.Fatalf("changed document on shards: %s", errOut)
	}
	out, _, _ = runHome(t, home, "search", "--json", "quetzalcoatl")
	if strings.Count(out, `"id"`) != 1 {
		t.Fatalf("the changed document, once: %s", out)
	}
	out, _, _ = runHome(t, home, "search", "--json", "momentum")
	if strings.Contains(out, "Ryabkov on strategic") {
		t.Fatalf("the old text of the changed document is still found: %s", out)
	}
	_, errOut, code = runHome(t, home, "index", "--shards", "2", corpus)
	if code != 1 || !strings.Contains(errOut, "has 3 shard(s), not 2") || !strings.Contains(errOut, "--rebuild --shards 2") {
		t.Fatalf("changing the shards without --rebuild: code %d, %s", code, errOut)
	}
	if _, errOut, _ := runHome(t, home, "index", "--rebuild", "--shards", "1", corpus); !strings.Contains(errOut, "indexed 5") {
		t.Fatalf("rebuild to one index: %s", errOut)
	}
	if _, err := os.Stat(filepath.Join(ixPath(), "index_meta.json")); err != nil {
		t.Fatalf("one shard is one bleve index: %v", err)
	}
	if _, _, code := runHome(t, home, "index", "--shards", "99", corpus); code != 2 {
		t.Errorf("--shards 99: code %d, want 2", code)
	}
}
