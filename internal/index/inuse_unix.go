//go:build unix

package index

import (
	"errors"
	"os"
	"path/filepath"
	"syscall"
)

// checkNotInUse fails with ErrLocked when another process has the index
// open: bolt holds a flock on store/root.bolt (shared for readers,
// exclusive for the writer). An index whose store cannot be opened (damaged,
// missing) is not in use.
func checkNotInUse(path string) error {
	f, err := os.OpenFile(filepath.Join(path, "store", "root.bolt"), os.O_RDWR, 0)
	if err != nil {
		return nil
	}
	defer f.Close()
	if err := syscall.Flock(int(f.Fd()), syscall.LOCK_EX|syscall.LOCK_NB); err != nil {
		if errors.Is(err, syscall.EWOULDBLOCK) {
			return lockedError(path)
		}
		return nil
	}
	return syscall.Flock(int(f.Fd()), syscall.LOCK_UN)
}
