package index

import (
	"errors"
	"path/filepath"
	"strings"
	"syscall"
	"testing"

	"github.com/workbench-dev/workbench/internal/diskspace"
	"github.com/workbench-dev/workbench/internal/model"
)

func TestCheckSpace(t *testing.T) {
	docs := []Doc{{Article: model.Article{ID: "a", Title: "T", Body: strings.Repeat("x", 1_000_000)}}}
	free := func(n uint64, err error) func(string) (uint64, error) {
		return func(string) (uint64, error) { return n, err }
	}
	if err := checkSpace("/ws/index", docs, free(10<<20, nil)); err != nil {
		t.Errorf("10 MB free for 1 MB of text: %v", err)
	}
	err := checkSpace("/ws/index", docs, free(3<<20, nil))
	var se *SpaceError
	if !errors.As(err, &se) || !errors.Is(err, syscall.ENOSPC) {
		t.Fatalf("3 MB free for 1 MB of text: %v, want a SpaceError that is ENOSPC", err)
	}
	for _, want := range []string{"/ws/index", "no space left on device", "3.1 MB free", "free some space"} {
		if !strings.Contains(err.Error(), want) {
			t.Errorf("message %q lacks %q", err, want)
		}
	}
	if err := checkSpace("/ws/index", docs, free(0, diskspace.ErrUnknown)); err != nil {
		t.Errorf("unknown free space: %v, want the write to go ahead", err)
	}
}

// TestPutRefusesWithoutSpace: a Put the disk cannot take leaves the index
// as it was and says so, not that the index is damaged; with room, the
// same Put writes.
func TestPutRefusesWithoutSpace(t *testing.T) {
	ix, err := Create(filepath.Join(t.TempDir(), "ix"))
	if err != nil {
		t.Fatal(err)
	}
	defer ix.Close()
	docs := []Doc{{Article: model.Article{ID: "a", Title: "T", Body: "“We will talk,” Putin said."}}}
	ix.freeSpace = func(string) (uint64, error) { return 100 << 10, nil } // 100 KB
	err = ix.Put(t.Context(), docs)
	if !errors.Is(err, syscall.ENOSPC) || errors.Is(err, ErrCorrupt) {
		t.Fatalf("Put on a full disk: %v, want ENOSPC and not a damaged index", err)
	}
	if n, _ := ix.Count(); n != 0 {
		t.Errorf("%d documents after the refused batch", n)
	}
	ix.freeSpace = func(string) (uint64, error) { return 100 << 20, nil }
	if err := ix.Put(t.Context(), docs); err != nil {
		t.Fatal(err)
	}
	if n, _ := ix.Count(); n != 1 {
		t.Errorf("%d documents after the batch, want 1", n)
	}
}
