package store

import (
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
)

// asNobodyEnv marks a re-executed test binary running as user nobody.
const asNobodyEnv = "WORKBENCH_STORE_AS_NOBODY"

// runAsNobody re-runs the named test as user nobody when the tests run as
// root (file permissions do not stop root). It reports whether the caller
// should return (the test ran in the child).
func runAsNobody(t *testing.T, name string) bool {
	t.Helper()
	if os.Geteuid() != 0 {
		return false
	}
	if os.Getenv(asNobodyEnv) != "" {
		t.Fatal("still root in the child")
	}
	// The test binary must be readable by nobody: copy it to a 0755 folder.
	dir, err := os.MkdirTemp("", "store-nobody-*")
	if err != nil {
		t.Fatal(err)
	}
	defer os.RemoveAll(dir)
	os.Chmod(dir, 0o755)
	bin := filepath.Join(dir, "store.test")
	if err := copyExec(os.Args[0], bin); err != nil {
		t.Fatal(err)
	}
	cmd := exec.Command(bin, "-test.run=^"+name+"$", "-test.v")
	cmd.Dir = dir
	cmd.Env = append(os.Environ(), asNobodyEnv+"=1", "TMPDIR="+dir, "HOME="+dir)
	cmd.SysProcAttr = &syscall.SysProcAttr{Credential: &syscall.Credential{Uid: 65534, Gid: 65534}}
	// TMPDIR must be writable by nobody.
	os.Chmod(dir, 0o777)
	out, err := cmd.CombinedOutput()
	var ee *exec.ExitError
	if err != nil && !errors.As(err, &ee) {
		t.Skipf("cannot run as nobody (%v): run the tests as a normal user to check permissions", err)
	}
	if err != nil {
		t.Fatalf("%s as nobody: %v\n%s", name, err, out)
	}
	if !strings.Contains(string(out), "--- PASS: "+name) {
		t.Fatalf("%s as nobody did not pass:\n%s", name, out)
	}
	return true
}

func copyExec(src, dst string) error {
	in, err := os.Open(src)
	if err != nil {
		return err
	}
	defer in.Close()
	out, err := os.OpenFile(dst, os.O_WRONLY|os.O_CREATE|os.O_TRUNC, 0o755)
	if err != nil {
		return err
	}
	if _, err := io.Copy(out, in); err != nil {
		out.Close()
		return err
	}
	return out.Close()
}

func TestReadOnlyWorkspace(t *testing.T) {
	if runAsNobody(t, "TestReadOnlyWorkspace") {
		return
	}
	ctx := context.Background()
	dir := t.TempDir()
	path := filepath.Join(dir, "tags.db")
	s, err := Open(path)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := s.Add(ctx, quoteInput("d", 1, 4, "neutral")); err != nil {
		t.Fatal(err)
	}
	s.Close()
	before, _ := os.ReadFile(path)

	// The folder read-only.
	if err := os.Chmod(dir, 0o500); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { os.Chmod(dir, 0o700) })
	_, err = Open(path)
	if !errors.Is(err, ErrReadOnly) || !strings.Contains(err.Error(), "permissions of the workspace") {
		t.Fatalf("Open in a read-only folder: %v", err)
	}
	r, err := OpenReadOnly(path)
	if err != nil {
		t.Fatalf("OpenReadOnly in a read-only folder: %v", err)
	}
	tags, err := r.List(ctx, Filter{})
	if err != nil || len(tags) != 1 {
		t.Fatalf("List read-only: %v %v", tags, err)
	}
	if _, err := r.Add(ctx, quoteInput("d", 5, 9, "neutral")); !errors.Is(err, ErrReadOnly) {
		t.Fatalf("Add on a read-only store: %v", err)
	}
	r.Close()
	// A new store cannot be made there either.
	if _, err := Open(filepath.Join(dir, "new.db")); !errors.Is(err, ErrReadOnly) {
		t.Fatalf("Open of a new store in a read-only folder: %v", err)
	}

	// The file read-only, the folder writable.
	os.Chmod(dir, 0o700)
	os.Chmod(path, 0o400)
	_, err = Open(path)
	if !errors.Is(err, ErrReadOnly) {
		t.Fatalf("Open of a read-only file: %v", err)
	}
	after, _ := os.ReadFile(path)
	if string(before) != string(after) {
		t.Fatal("the store changed")
	}
}

// TestFullDisk runs a tagger whose files may not grow past a limit
// (RLIMIT_FSIZE, standing in for a full disk): the failing write gets a clear
// error, and the store keeps every tag acknowledged before it.
func TestFullDisk(t *testing.T) {
	path := filepath.Join(t.TempDir(), "tags.db")
	s, err := Open(path)
	if err != nil {
		t.Fatal(err)
	}
	s.Add(context.Background(), quoteInput("first", 0, 1, "neutral"))
	s.Close()

	cmd := exec.Command(os.Args[0], "-test.run=^$")
	cmd.Env = append(os.Environ(), fullDiskEnv+"=1", "WORKBENCH_STORE_DB="+path)
	out, _ := cmd.CombinedOutput()
	text := string(out)
	if !strings.Contains(text, "error ") {
		t.Fatalf("the tagger never hit the limit:\n%s", text)
	}
	if !strings.Contains(text, "nothing was saved") {
		t.Fatalf("the error does not say what happened:\n%s", text)
	}
	if strings.Contains(text, "panic") {
		t.Fatalf("panic:\n%s", text)
	}
	acked := strings.Count(text, "ok ")
	s, err = Open(path)
	if err != nil {
		t.Fatalf("store does not open after the full disk: %v", err)
	}
	defer s.Close()
	if err := s.check(context.Background()); err != nil {
		t.Fatal(err)
	}
	n, _ := s.Count(context.Background())
	if n != acked+1 {
		t.Fatalf("%d tags, want %d (1 + %d acknowledged)", n, acked+1, acked)
	}
}

const fullDiskEnv = "WORKBENCH_STORE_FULLDISK"

// fullDisk is the child of TestFullDisk.
func fullDisk(path string) int {
	lim := &syscall.Rlimit{Cur: 256 << 10, Max: 256 << 10}
	if err := syscall.Setrlimit(syscall.RLIMIT_FSIZE, lim); err != nil {
		fmt.Println("setrlimit:", err)
		return 1
	}
	s, err := Open(path)
	if err != nil {
		fmt.Println("error", err)
		return 0
	}
	defer s.Close()
	for i := 0; i < 100; i++ {
		in := quoteInput("big", i, i+1, "neutral")
		in.Note = strings.Repeat("x", 40<<10)
		if _, err := s.Add(context.Background(), in); err != nil {
			fmt.Println("error", err)
			return 0
		}
		fmt.Println("ok", i)
	}
	return 0
}
