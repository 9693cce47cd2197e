package index

import (
	"errors"
	"fmt"
	"syscall"

	"github.com/workbench-dev/workbench/internal/diskspace"
)

// Before each batch the writer checks that the index's disk can take it:
// bleve, on a disk that fills while it persists, closes the batch's
// in-memory segment while its persister still retries merging it (bleve
// v2.6.3, zapx v17: a panic in a background goroutine). Stopping first
// gives the analyst a clear error and leaves the index as it was.

// spacePerTextByte is the index bytes one byte of text may need while it
// is written: the in-memory segment, its file and a merge's copy (the
// index holds about three bytes per byte of text).
const spacePerTextByte = 4

// spaceMargin is kept free beyond the estimate.
const spaceMargin = 1 << 20

// SpaceError: the index's disk has no room for the next batch. It is
// syscall.ENOSPC for errors.Is.
type SpaceError struct {
	Dir        string
	Need, Free uint64
	Docs       int
}

func (e *SpaceError) Error() string {
	return fmt.Sprintf("%s: %v: %.1f MB free, about %.1f MB needed to index the next %d documents; free some space and run the command again (what is indexed so far is kept)",
		e.Dir, syscall.ENOSPC, float64(e.Free)/1e6, float64(e.Need)/1e6, e.Docs)
}

func (e *SpaceError) Unwrap() error { return syscall.ENOSPC }

// checkSpace refuses a batch of docs the disk of dir cannot take.
func checkSpace(dir string, docs []Doc, free func(string) (uint64, error)) error {
	var text uint64
	for i := range docs {
		text += uint64(len(docs[i].Body) + len(docs[i].Title))
	}
	n, err := free(dir)
	if errors.Is(err, diskspace.ErrUnknown) || err != nil {
		return nil // the write itself reports what it meets
	}
	need := text*spacePerTextByte + spaceMargin
	if n < need {
		return &SpaceError{Dir: dir, Need: need, Free: n, Docs: len(docs)}
	}
	return nil
}
