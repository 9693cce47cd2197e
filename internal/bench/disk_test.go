package bench

import (
	"context"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/workbench-dev/workbench/data"
)

// A run whose folder has too little free space is refused before anything
// is written, with a message naming the folder, the need and what is free.
func TestRunRefusesShortDisk(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "ws")
	var asked string
	o := Options{
		Docs: 1000000, Seed: DefaultSeed, Dir: dir, Exe: "/nonexistent/workbench",
		Sample: data.Sample(), SampleFiles: data.SampleFiles(), ActorsTOML: data.ActorsTOML(),
		FreeDisk: func(d string) (uint64, error) { asked = d; return 2e9, nil },
	}
	_, err := Run(context.Background(), o)
	var de *DiskError
	if !errors.As(err, &de) {
		t.Fatalf("Run with 2 GB free for 1M documents: got %v, want a *DiskError", err)
	}
	if asked != dir || de.Dir != dir {
		t.Errorf("free space asked of %q, error names %q; want %q", asked, de.Dir, dir)
	}
	// About 3.7 KB of JSONL per generated document, its indexes on top.
	if de.Need < 10e9 || de.Need > 60e9 {
		t.Errorf("need %d bytes for 1M documents: want 10-60 GB", de.Need)
	}
	msg := err.Error()
	for _, want := range []string{dir, "1000000 documents", "2.0 GB are free", "GB ("} {
		if !strings.Contains(msg, want) {
			t.Errorf("message %q lacks %q", msg, want)
		}
	}
	if _, err := os.Stat(corpusPath(dir)); !errors.Is(err, os.ErrNotExist) {
		t.Errorf("the corpus was written before the refusal: %v", err)
	}
}

// Leaving out the peers lowers the estimate; enough free space passes.
func TestEstimateDiskPeers(t *testing.T) {
	ctx := context.Background()
	o := Options{Seed: DefaultSeed, Sample: data.Sample(), SampleFiles: data.SampleFiles(), ActorsTOML: data.ActorsTOML()}
	all, _, err := estimateDisk(ctx, o, 1000)
	if err != nil {
		t.Fatal(err)
	}
	o.Peers = []string{}
	none, _, err := estimateDisk(ctx, o, 1000)
	if err != nil {
		t.Fatal(err)
	}
	if none >= all || none == 0 {
		t.Errorf("estimate without peers %d, with both %d: want 0 < none < both", none, all)
	}
	o.FreeDisk = func(string) (uint64, error) { return none + 1, nil }
	if err := checkDisk(ctx, o, t.TempDir(), 1000); err != nil {
		t.Errorf("free space above the estimate refused: %v", err)
	}
}

// Without --keep the refusal names the temporary folder's parent: the
// folder itself is removed when the run ends.
func TestRunShortDiskInTempNamesParent(t *testing.T) {
	tmp := t.TempDir()
	t.Setenv("TMPDIR", tmp)
	var asked string
	o := Options{
		Docs: 1000000, Seed: DefaultSeed, Exe: "/nonexistent/workbench",
		Sample: data.Sample(), SampleFiles: data.SampleFiles(), ActorsTOML: data.ActorsTOML(),
		FreeDisk: func(d string) (uint64, error) { asked = d; return 1e6, nil },
	}
	_, err := Run(context.Background(), o)
	var de *DiskError
	if !errors.As(err, &de) || de.Dir != tmp || asked != tmp {
		t.Fatalf("got %v (asked %q), want a *DiskError naming %s", err, asked, tmp)
	}
	if ents, _ := os.ReadDir(tmp); len(ents) != 0 {
		t.Errorf("the temporary benchmark folder was left behind: %v", ents)
	}
}
