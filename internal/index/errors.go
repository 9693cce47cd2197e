package index

import (
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"syscall"
)

// Errors.
var (
	// ErrNotFound: no document or quote with that id.
	ErrNotFound = errors.New("not found")
	// ErrNoIndex: the path holds no index.
	ErrNoIndex = errors.New("no index")
	// ErrCorrupt: the index exists but cannot be read.
	ErrCorrupt = errors.New("index damaged")
	// ErrLocked: another process holds the index.
	ErrLocked = errors.New("workspace in use")
)

// RebuildHint is the advice that opens every damaged-index error (first,
// so that a narrow status bar does not cut it off).
const RebuildHint = "run `workbench index --rebuild PATH...` to rebuild it from your files"

func corrupt(path string, cause error) error {
	return fmt.Errorf("%w: %s; %s cannot be read (%v)", ErrCorrupt, RebuildHint, path, cause)
}

// lockedError names the process holding the index's lock when /proc/locks
// tells it.
func lockedError(path string) error {
	pid := lockHolder(filepath.Join(path, "store", "root.bolt"))
	return fmt.Errorf("%w by workbench (pid %s): the index %s is open in another process; close it or wait for it to finish, and try again", ErrLocked, pid, path)
}

// lockHolder finds the pid holding a flock on file in /proc/locks (Linux).
func lockHolder(file string) string {
	st, err := os.Stat(file)
	if err != nil {
		return "unknown"
	}
	sys, ok := st.Sys().(*syscall.Stat_t)
	if !ok {
		return "unknown"
	}
	b, err := os.ReadFile("/proc/locks")
	if err != nil {
		return "unknown"
	}
	suffix := fmt.Sprintf(":%d", sys.Ino)
	for _, line := range strings.Split(string(b), "\n") {
		f := strings.Fields(line)
		// 1: FLOCK  ADVISORY  WRITE 1234 08:01:5678 0 EOF
		if len(f) >= 6 && strings.HasSuffix(f[5], suffix) && f[4] != fmt.Sprint(os.Getpid()) {
			return f[4]
		}
	}
	return "unknown"
}
