// Package workspace locates and prepares the folder that holds everything of
// an analyst's work: the bleve index, the tag store, the actor registry, the
// codebook and exports.
//
// The folder is --home DIR, else $WORKBENCH_HOME, else
// $XDG_DATA_HOME/workbench (default ~/.local/share/workbench). A folder
// workbench creates gets mode 0700; an existing folder is used as it is
// (Workspace.Warning says when others can read it); files in it are 0600.
package workspace

import (
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"syscall"
	"time"
)

// Modes of the workspace folder and its files.
const (
	DirMode  os.FileMode = 0o700
	FileMode os.FileMode = 0o600
)

// Workspace is an opened workspace folder.
type Workspace struct {
	Dir string
	// Warning is set when an existing folder is readable or writable by
	// others than its owner; the caller shows it once. Open never changes
	// the mode of a folder it did not create.
	Warning string
}

// Resolve returns the workspace folder from the flag value, the environment
// and the XDG default, in that order.
func Resolve(flagHome string) (string, error) {
	if flagHome != "" {
		return filepath.Abs(flagHome)
	}
	if h := os.Getenv("WORKBENCH_HOME"); h != "" {
		return filepath.Abs(h)
	}
	if x := os.Getenv("XDG_DATA_HOME"); x != "" && filepath.IsAbs(x) {
		return filepath.Join(x, "workbench"), nil
	}
	home, err := os.UserHomeDir()
	if err != nil {
		return "", fmt.Errorf("cannot find a home folder for the workspace (%v): pass --home DIR or set WORKBENCH_HOME", err)
	}
	return filepath.Join(home, ".local", "share", "workbench"), nil
}

// Open creates the folder if needed (0700, parents too) and returns the
// workspace. An existing folder is used as it is: its mode is not changed
// (a shared 1777 folder keeps its sticky bit, --home . leaves the project
// folder alone), and Warning says so when others can read it.
func Open(dir string) (*Workspace, error) {
	st, err := os.Stat(dir)
	if err == nil && !st.IsDir() {
		return nil, fmt.Errorf("workspace %s is not a folder: pass --home DIR with a folder path", dir)
	}
	if err != nil {
		if err := os.MkdirAll(dir, DirMode); err != nil {
			return nil, fmt.Errorf("workspace %s: cannot create it: %w (check permissions or pass --home DIR)", dir, err)
		}
		if st, err = os.Stat(dir); err != nil {
			return nil, fmt.Errorf("workspace %s: %w", dir, err)
		}
		if !st.IsDir() {
			return nil, fmt.Errorf("workspace %s is not a folder: pass --home DIR with a folder path", dir)
		}
		return &Workspace{Dir: dir}, nil
	}
	return &Workspace{Dir: dir, Warning: exposedWarning(dir, st.Mode())}, nil
}

// exposedWarning describes a folder others than its owner can read or
// write, or returns "".
func exposedWarning(dir string, m os.FileMode) string {
	if m.Perm()&0o066 == 0 {
		return ""
	}
	return fmt.Sprintf("workspace %s (mode %v) can be read by others than you: your tags and index are visible to them; "+
		"use a private folder (chmod 700) or let workbench create one", dir, m.Perm())
}

// Paths inside the workspace.
func (w *Workspace) IndexPath() string    { return filepath.Join(w.Dir, "index.bleve") }
func (w *Workspace) TagsPath() string     { return filepath.Join(w.Dir, "tags.db") }
func (w *Workspace) ActorsPath() string   { return filepath.Join(w.Dir, "actors.toml") }
func (w *Workspace) CodebookPath() string { return filepath.Join(w.Dir, "codebook.toml") }
func (w *Workspace) ExportsDir() string   { return filepath.Join(w.Dir, "exports") }
func (w *Workspace) ConfigPath() string   { return filepath.Join(w.Dir, "config.toml") }
func (w *Workspace) lockPath() string     { return filepath.Join(w.Dir, "write.lock") }

// EnsureFile writes def to path (0600, atomically) when path does not exist,
// and returns the file's contents. Analysts edit these files; an existing
// file is never overwritten. In a read-only workspace a missing file is not
// an error: def is returned without being copied.
func EnsureFile(path string, def []byte) ([]byte, error) {
	b, err := os.ReadFile(path)
	if err == nil {
		return b, nil
	}
	if !errors.Is(err, os.ErrNotExist) {
		return nil, fmt.Errorf("%s: %w", path, err)
	}
	if err := WriteFileAtomic(path, def); err != nil {
		if errors.Is(err, os.ErrPermission) || errors.Is(err, syscall.EROFS) {
			return def, nil
		}
		return nil, err
	}
	return def, nil
}

// WriteFileAtomic writes data to path through a temporary file in the same
// folder, fsync and rename, so readers see the old or the new file, never a
// half-written one. The file gets mode 0600.
func WriteFileAtomic(path string, data []byte) error {
	return writeAtomic(path, func(w io.Writer) error {
		_, err := w.Write(data)
		return err
	})
}

// ErrInUse is returned (wrapped) when another process holds the write lock.
var ErrInUse = errors.New("workspace in use")

// Lock is the workspace's writer lock.
type Lock struct{ f *os.File }

// LockWrite takes the workspace's writer lock, waiting at most wait. When
// another process holds it, the error says "workspace in use by workbench
// (pid N)". Readers do not take it.
func (w *Workspace) LockWrite(wait time.Duration) (*Lock, error) {
	f, err := os.OpenFile(w.lockPath(), os.O_RDWR|os.O_CREATE, FileMode)
	if err != nil {
		return nil, fmt.Errorf("workspace %s: cannot create lock file: %w", w.Dir, err)
	}
	deadline := time.Now().Add(wait)
	for {
		err = syscall.Flock(int(f.Fd()), syscall.LOCK_EX|syscall.LOCK_NB)
		if err == nil {
			break
		}
		if !errors.Is(err, syscall.EWOULDBLOCK) || time.Now().After(deadline) {
			pid := readPID(f)
			f.Close()
			if errors.Is(err, syscall.EWOULDBLOCK) {
				return nil, fmt.Errorf("%w by workbench (pid %s): wait for it to finish, or close it, and try again", ErrInUse, pid)
			}
			return nil, fmt.Errorf("workspace %s: cannot lock: %w", w.Dir, err)
		}
		time.Sleep(50 * time.Millisecond)
	}
	f.Truncate(0)
	f.WriteAt([]byte(strconv.Itoa(os.Getpid())+"\n"), 0)
	return &Lock{f: f}, nil
}

func readPID(f *os.File) string {
	buf := make([]byte, 32)
	n, _ := f.ReadAt(buf, 0)
	p := strings.TrimSpace(string(buf[:n]))
	if p == "" {
		return "unknown"
	}
	return p
}

// Unlock releases the lock.
func (l *Lock) Unlock() {
	if l == nil || l.f == nil {
		return
	}
	syscall.Flock(int(l.f.Fd()), syscall.LOCK_UN)
	l.f.Close()
	l.f = nil
}
