package workspace

import (
	"errors"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"syscall"
	"testing"
)

func writeString(s string) func(io.Writer) error {
	return func(w io.Writer) error {
		_, err := io.WriteString(w, s)
		return err
	}
}

func TestWriteOutputRegularAndNewFile(t *testing.T) {
	dir := t.TempDir()
	p := filepath.Join(dir, "new.csv")
	if err := WriteOutput(p, writeString("a\n")); err != nil {
		t.Fatal(err)
	}
	if b, _ := os.ReadFile(p); string(b) != "a\n" {
		t.Fatalf("new file holds %q", b)
	}
	st, _ := os.Stat(p)
	if !st.Mode().IsRegular() || st.Mode().Perm() != FileMode {
		t.Fatalf("new file mode %v, want a regular 0600 file", st.Mode())
	}
	if err := WriteOutput(p, writeString("b\n")); err != nil {
		t.Fatal(err)
	}
	if b, _ := os.ReadFile(p); string(b) != "b\n" {
		t.Fatalf("replaced file holds %q", b)
	}
	// A failed write leaves the old file and no temporary file.
	err := WriteOutput(p, func(w io.Writer) error {
		io.WriteString(w, "half")
		return errors.New("boom")
	})
	if err == nil || !strings.Contains(err.Error(), "boom") || !strings.Contains(err.Error(), p) {
		t.Fatalf("failed write: %v", err)
	}
	if b, _ := os.ReadFile(p); string(b) != "b\n" {
		t.Fatalf("after a failed write the file holds %q", b)
	}
	if ents, _ := os.ReadDir(dir); len(ents) != 1 {
		t.Fatalf("temporary files left: %v", ents)
	}
}

// Issue 12 item 1: a symlink target was replaced by a regular file and the
// file it points to left unchanged.
func TestWriteOutputFollowsSymlink(t *testing.T) {
	dir := t.TempDir()
	real := filepath.Join(dir, "sub", "real.csv")
	os.MkdirAll(filepath.Dir(real), 0o700)
	os.WriteFile(real, []byte("old"), 0o600)
	link := filepath.Join(dir, "link.csv")
	if err := os.Symlink(filepath.Join("sub", "real.csv"), link); err != nil {
		t.Fatal(err)
	}
	if err := WriteOutput(link, writeString("new")); err != nil {
		t.Fatal(err)
	}
	if st, err := os.Lstat(link); err != nil || st.Mode()&os.ModeSymlink == 0 {
		t.Fatalf("the symlink was replaced: %v %v", st.Mode(), err)
	}
	if b, _ := os.ReadFile(real); string(b) != "new" {
		t.Fatalf("the symlink's target holds %q, want the export", b)
	}
	// A dangling symlink is refused with a clear error.
	dangling := filepath.Join(dir, "dangling.csv")
	os.Symlink(filepath.Join(dir, "nowhere", "x.csv"), dangling)
	err := WriteOutput(dangling, writeString("x"))
	if err == nil || !strings.Contains(err.Error(), "symlink") {
		t.Fatalf("dangling symlink: %v", err)
	}
}

// Issue 12 item 1: a FIFO was replaced by a regular file and its reader hung.
func TestWriteOutputFIFO(t *testing.T) {
	p := filepath.Join(t.TempDir(), "fifo")
	if err := syscall.Mkfifo(p, 0o600); err != nil {
		t.Skipf("mkfifo: %v", err)
	}
	got := make(chan string, 1)
	go func() {
		f, err := os.Open(p)
		if err != nil {
			got <- "open: " + err.Error()
			return
		}
		b, _ := io.ReadAll(f)
		f.Close()
		got <- string(b)
	}()
	if err := WriteOutput(p, writeString("through the pipe\n")); err != nil {
		t.Fatal(err)
	}
	if s := <-got; s != "through the pipe\n" {
		t.Fatalf("reader got %q", s)
	}
	if st, err := os.Lstat(p); err != nil || st.Mode()&os.ModeNamedPipe == 0 {
		t.Fatalf("the FIFO was replaced: %v %v", st.Mode(), err)
	}
}

func TestWriteOutputDevNull(t *testing.T) {
	if err := WriteOutput("/dev/null", writeString("discarded")); err != nil {
		t.Fatal(err)
	}
	st, err := os.Lstat("/dev/null")
	if err != nil || st.Mode()&os.ModeCharDevice == 0 {
		t.Fatalf("/dev/null is no longer a character device: %v %v", st.Mode(), err)
	}
}

// Issue 12 item 1: `export --out /dev/full` exited 0 and, as root, turned
// the device node into a regular file. The write error must surface.
func TestWriteOutputDevFull(t *testing.T) {
	if _, err := os.Stat("/dev/full"); err != nil {
		t.Skip("no /dev/full")
	}
	err := WriteOutput("/dev/full", writeString(strings.Repeat("x", 100<<10)))
	if !errors.Is(err, syscall.ENOSPC) {
		t.Fatalf("writing /dev/full: %v, want ENOSPC", err)
	}
	st, _ := os.Lstat("/dev/full")
	if st.Mode()&os.ModeCharDevice == 0 {
		t.Fatalf("/dev/full is no longer a character device: %v", st.Mode())
	}
}

// A copy of /dev/full made with mknod (root only) in a folder workbench
// could replace files in: the node survives and the error surfaces.
func TestWriteOutputDeviceNodeAsRoot(t *testing.T) {
	if os.Geteuid() != 0 {
		t.Skip("mknod needs root")
	}
	p := filepath.Join(t.TempDir(), "full")
	if err := syscall.Mknod(p, syscall.S_IFCHR|0o666, int(mkdev(1, 7))); err != nil {
		t.Skipf("mknod: %v", err)
	}
	err := WriteOutput(p, writeString("data"))
	if errors.Is(err, syscall.EACCES) || errors.Is(err, syscall.EPERM) {
		t.Skipf("device nodes not usable here (nodev mount?): %v", err)
	}
	if !errors.Is(err, syscall.ENOSPC) {
		t.Fatalf("writing a /dev/full node: %v, want ENOSPC", err)
	}
	st, _ := os.Lstat(p)
	if st.Mode()&os.ModeCharDevice == 0 {
		t.Fatalf("the device node became %v", st.Mode())
	}
}

func mkdev(major, minor uint64) uint64 {
	return (major&0xfff)<<8 | (minor & 0xff) | (major&^0xfff)<<32 | (minor&^0xff)<<12
}

func TestWriteOutputRefusesFolderAndSocket(t *testing.T) {
	dir := t.TempDir()
	err := WriteOutput(dir, writeString("x"))
	var oe *OutputError
	if !errors.As(err, &oe) || !strings.Contains(err.Error(), "folder") {
		t.Fatalf("folder: %v", err)
	}
	sock := filepath.Join(dir, "s.sock")
	fd, err := syscall.Socket(syscall.AF_UNIX, syscall.SOCK_STREAM, 0)
	if err != nil {
		t.Skip(err)
	}
	defer syscall.Close(fd)
	if err := syscall.Bind(fd, &syscall.SockaddrUnix{Name: sock}); err != nil {
		t.Skip(err)
	}
	err = WriteOutput(sock, writeString("x"))
	if !errors.As(err, &oe) || !strings.Contains(err.Error(), "socket") {
		t.Fatalf("socket: %v", err)
	}
	if st, _ := os.Lstat(sock); st.Mode()&os.ModeSocket == 0 {
		t.Fatalf("the socket was replaced: %v", st.Mode())
	}
}

// --out /dev/stdout (a link to /proc/self/fd/1) writes through the open
// descriptor, whether it is a pipe or a file a shell opened with >>.
func TestWriteOutputFDLink(t *testing.T) {
	r, w, err := os.Pipe()
	if err != nil {
		t.Fatal(err)
	}
	got := make(chan string, 1)
	go func() { b, _ := io.ReadAll(r); got <- string(b) }()
	if err := WriteOutput("/dev/fd/"+strconv.Itoa(int(w.Fd())), writeString("piped")); err != nil {
		t.Fatal(err)
	}
	w.Close()
	if s := <-got; s != "piped" {
		t.Fatalf("pipe reader got %q", s)
	}
	p := filepath.Join(t.TempDir(), "appended.csv")
	os.WriteFile(p, []byte("kept\n"), 0o600)
	f, _ := os.OpenFile(p, os.O_WRONLY|os.O_APPEND, 0)
	defer f.Close()
	if err := WriteOutput("/proc/self/fd/"+strconv.Itoa(int(f.Fd())), writeString("more\n")); err != nil {
		t.Fatal(err)
	}
	if b, _ := os.ReadFile(p); string(b) != "kept\nmore\n" {
		t.Fatalf(">> file holds %q", b)
	}
}

// A path in a folder that does not exist says so, without the name of a
// temporary file.
func TestWriteOutputMissingFolder(t *testing.T) {
	p := filepath.Join(t.TempDir(), "nope", "x.csv")
	err := WriteOutput(p, func(w io.Writer) error { _, err := w.Write([]byte("x")); return err })
	if err == nil || !errors.Is(err, fs.ErrNotExist) || !strings.Contains(err.Error(), "does not exist") || strings.Contains(err.Error(), ".tmp") {
		t.Fatalf("err = %v", err)
	}
}
