//go:build unix

package index

import (
	"errors"
	"io/fs"
	"os"
	"path/filepath"
	"syscall"

	"github.com/workbench-dev/workbench/internal/workspace"
)

// errGone: the generation was removed (or is being removed) while a reader
// resolved it.
var errGone = errors.New("index generation removed")

// lockShared takes a shared flock on a generation's lock file, the mark of
// a reader. It gives errGone when a writer removes (or has removed) the
// generation. In a workspace the reader cannot write, a missing lock file
// is not created and the reader goes without (no writer can run there
// either).
func lockShared(path string) (*os.File, error) {
	f, err := os.Open(path)
	if errors.Is(err, fs.ErrNotExist) {
		if _, err := os.Stat(path[:len(path)-len(lockSuffix)]); err != nil {
			return nil, errGone
		}
		f, err = os.OpenFile(path, os.O_RDONLY|os.O_CREATE, workspace.FileMode)
		if err != nil {
			return nil, nil // read-only workspace
		}
	} else if err != nil {
		return nil, nil
	}
	if err := syscall.Flock(int(f.Fd()), syscall.LOCK_SH|syscall.LOCK_NB); err != nil {
		f.Close()
		if errors.Is(err, syscall.EWOULDBLOCK) {
			return nil, errGone // a writer is removing it: it is no longer current
		}
		return nil, nil // a file system without flock
	}
	// The writer removes the lock file last, holding it exclusively: a
	// file that is no longer the one at path belonged to a removed
	// generation.
	fi, err1 := f.Stat()
	pi, err2 := os.Stat(path)
	if err1 != nil || err2 != nil || !os.SameFile(fi, pi) {
		f.Close()
		return nil, errGone
	}
	if _, err := os.Stat(filepath.Clean(path[:len(path)-len(lockSuffix)])); err != nil {
		f.Close()
		return nil, errGone
	}
	return f, nil
}

// lockExclusive takes the lock file exclusively without waiting: no reader
// holds the generation. It creates a missing lock file.
func lockExclusive(path string) (*os.File, bool) {
	f, err := os.OpenFile(path, os.O_RDONLY|os.O_CREATE, workspace.FileMode)
	if err != nil {
		return nil, false
	}
	if err := syscall.Flock(int(f.Fd()), syscall.LOCK_EX|syscall.LOCK_NB); err != nil {
		f.Close()
		return nil, false
	}
	return f, true
}

func unlockFile(f *os.File) {
	if f == nil {
		return
	}
	syscall.Flock(int(f.Fd()), syscall.LOCK_UN)
	f.Close()
}
