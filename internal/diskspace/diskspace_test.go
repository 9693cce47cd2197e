package diskspace

import (
	"errors"
	"os"
	"path/filepath"
	"testing"
)

func TestFree(t *testing.T) {
	n, err := Free(t.TempDir())
	if errors.Is(err, ErrUnknown) {
		t.Skip(err)
	}
	if err != nil || n == 0 {
		t.Fatalf("Free = %d, %v; want some space", n, err)
	}
	if _, err := Free(filepath.Join(t.TempDir(), "missing")); !errors.Is(err, os.ErrNotExist) {
		t.Errorf("a missing folder: %v, want not-exist", err)
	}
}
