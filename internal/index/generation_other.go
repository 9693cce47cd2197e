//go:build !unix

package index

import (
	"errors"
	"os"
)

var errGone = errors.New("index generation removed")

// Without flock, readers do not mark generations and writers never remove
// an old generation while the process may be reading it: old generations
// are kept (removed by hand or by a later system with locks).
func lockShared(path string) (*os.File, error)   { return nil, nil }
func lockExclusive(path string) (*os.File, bool) { return nil, false }
func unlockFile(f *os.File)                      {}
