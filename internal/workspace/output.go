package workspace

import (
	"bufio"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
)

// OutputError is a --out target WriteOutput refuses (a folder, a socket, a
// block device, a dangling symlink). Reason says why and what to do.
type OutputError struct {
	Path   string
	Reason string
}

func (e *OutputError) Error() string { return e.Path + ": " + e.Reason }

// WriteOutput writes an export to path (the --out FILE of a command) with
// write, choosing how from what path is:
//
//   - a new path or a regular file: atomically, through a temporary file in
//     the same folder, fsync and rename (mode 0600), as WriteFileAtomic: a
//     reader never sees half a file and a failed write leaves the old file;
//   - a symlink: followed; the file it points to is handled by these rules
//     (a regular file there is replaced atomically, the link stays). A
//     symlink to nothing is refused;
//   - a character device or a FIFO (/dev/stdout, /dev/null, a terminal, a
//     named pipe), or a /dev/fd/N or /proc/…/fd/N link: opened and written
//     directly, never replaced; write errors (ENOSPC on /dev/full, EPIPE)
//     are returned;
//   - a folder, a socket or a block device: refused with an *OutputError.
//
// Errors name path and wrap the cause (errors.Is works on syscall errors).
func WriteOutput(path string, write func(io.Writer) error) error {
	if isFDLink(path) {
		return writeDirect(path, write)
	}
	lst, err := os.Lstat(path)
	if errors.Is(err, fs.ErrNotExist) {
		return writeAtomic(path, write)
	}
	if err != nil {
		return fmt.Errorf("%s: cannot write: %w", path, err)
	}
	if lst.Mode()&fs.ModeSymlink != 0 {
		target, err := filepath.EvalSymlinks(path)
		if err != nil {
			if _, serr := os.Stat(path); serr == nil {
				// A link the kernel resolves but that names no path
				// (pipe:[N] behind /proc/self/fd/N): write through it.
				return writeDirect(path, write)
			}
			return &OutputError{Path: path, Reason: fmt.Sprintf("is a symlink to a file that cannot be reached (%v): point it at a file or pass another --out", unwrapPath(err))}
		}
		lst, err = os.Lstat(target)
		if err != nil {
			return fmt.Errorf("%s: cannot write: %w", path, err)
		}
		path = target
	}
	m := lst.Mode()
	switch {
	case m.IsRegular():
		return writeAtomic(path, write)
	case m.IsDir():
		return &OutputError{Path: path, Reason: "is a folder: pass a file name with --out"}
	case m&fs.ModeSocket != 0:
		return &OutputError{Path: path, Reason: "is a socket: workbench writes exports to files, FIFOs and character devices only"}
	case m&fs.ModeDevice != 0 && m&fs.ModeCharDevice == 0:
		return &OutputError{Path: path, Reason: "is a block device: workbench refuses to write an export onto a disk; pass a file name with --out"}
	case m&fs.ModeCharDevice != 0, m&fs.ModeNamedPipe != 0:
		return writeDirect(path, write)
	}
	return &OutputError{Path: path, Reason: fmt.Sprintf("is not a regular file (%v): pass a file name with --out", m.Type())}
}

// isFDLink reports paths that stand for an open file descriptor
// (/dev/stdout, /dev/fd/1, /proc/self/fd/1): they are written through, so
// that a shell redirection (> or >>) is honoured.
func isFDLink(path string) bool {
	fdPrefix := func(p string) bool {
		p = filepath.Clean(p)
		return strings.HasPrefix(p, "/dev/fd/") || strings.HasPrefix(p, "/proc/")
	}
	if fdPrefix(path) {
		return true
	}
	if t, err := os.Readlink(path); err == nil && filepath.IsAbs(t) {
		return fdPrefix(t)
	}
	return false
}

func unwrapPath(err error) error {
	var pe *fs.PathError
	if errors.As(err, &pe) {
		return fmt.Errorf("%s: %w", pe.Path, pe.Err)
	}
	return err
}

// writeDirect opens an existing non-regular file (or fd link) for writing
// and writes to it without creating, truncating or renaming anything.
func writeDirect(path string, write func(io.Writer) error) error {
	f, err := os.OpenFile(path, os.O_WRONLY|os.O_APPEND, 0)
	if err != nil {
		return fmt.Errorf("%s: cannot write: %w", path, err)
	}
	bw := bufio.NewWriterSize(f, 64<<10)
	if err := write(bw); err != nil {
		f.Close()
		return fmt.Errorf("%s: cannot write: %w", path, err)
	}
	if err := bw.Flush(); err != nil {
		f.Close()
		return fmt.Errorf("%s: cannot write: %w", path, err)
	}
	// Devices and pipes need no fsync (and most refuse it).
	if err := f.Close(); err != nil {
		return fmt.Errorf("%s: cannot write: %w", path, err)
	}
	return nil
}

// writeAtomic writes a regular file through a temporary file in the same
// folder, fsync and rename; the file gets mode 0600.
func writeAtomic(path string, write func(io.Writer) error) error {
	dir := filepath.Dir(path)
	f, err := os.CreateTemp(dir, "."+filepath.Base(path)+".tmp-*")
	if errors.Is(err, fs.ErrNotExist) {
		return fmt.Errorf("%s: cannot write: the folder %s does not exist (create it, or pass another path)%w", path, dir, errNoFolder)
	}
	if err != nil {
		return fmt.Errorf("%s: cannot write: %w", path, unwrapPath(err))
	}
	tmp := f.Name()
	fail := func(err error) error {
		f.Close()
		os.Remove(tmp)
		return fmt.Errorf("%s: cannot write: %w", path, err)
	}
	if err := f.Chmod(FileMode); err != nil {
		return fail(err)
	}
	bw := bufio.NewWriterSize(f, 64<<10)
	if err := write(bw); err != nil {
		return fail(err)
	}
	if err := bw.Flush(); err != nil {
		return fail(err)
	}
	if err := f.Sync(); err != nil {
		return fail(err)
	}
	if err := f.Close(); err != nil {
		os.Remove(tmp)
		return fmt.Errorf("%s: cannot write: %w", path, err)
	}
	if err := os.Rename(tmp, path); err != nil {
		os.Remove(tmp)
		return fmt.Errorf("%s: cannot write: %w", path, err)
	}
	if d, err := os.Open(dir); err == nil {
		d.Sync()
		d.Close()
	}
	return nil
}

// errNoFolder wraps fs.ErrNotExist without adding words to the message.
var errNoFolder = silentErr{fs.ErrNotExist}

type silentErr struct{ error }

func (silentErr) Error() string   { return "" }
func (e silentErr) Unwrap() error { return e.error }
