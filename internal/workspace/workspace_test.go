package workspace

import (
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"time"
)

func TestResolvePrecedence(t *testing.T) {
	t.Setenv("WORKBENCH_HOME", "/tmp/from-env")
	t.Setenv("XDG_DATA_HOME", "/tmp/xdg")
	if got, _ := Resolve("/tmp/from-flag"); got != "/tmp/from-flag" {
		t.Errorf("flag: got %q", got)
	}
	if got, _ := Resolve(""); got != "/tmp/from-env" {
		t.Errorf("env: got %q", got)
	}
	t.Setenv("WORKBENCH_HOME", "")
	if got, _ := Resolve(""); got != "/tmp/xdg/workbench" {
		t.Errorf("xdg: got %q", got)
	}
	t.Setenv("XDG_DATA_HOME", "")
	t.Setenv("HOME", "/tmp/h")
	if got, _ := Resolve(""); got != "/tmp/h/.local/share/workbench" {
		t.Errorf("default: got %q", got)
	}
}

func TestOpenCreatesPrivateFolder(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "a", "ws")
	ws, err := Open(dir)
	if err != nil {
		t.Fatal(err)
	}
	st, err := os.Stat(ws.Dir)
	if err != nil {
		t.Fatal(err)
	}
	if st.Mode().Perm() != 0o700 {
		t.Fatalf("mode %v, want 0700", st.Mode().Perm())
	}
	f := filepath.Join(t.TempDir(), "file")
	os.WriteFile(f, nil, 0o600)
	if _, err := Open(f); err == nil || !strings.Contains(err.Error(), "not a folder") {
		t.Fatalf("Open(file) = %v", err)
	}
}

func TestEnsureFileNeverOverwrites(t *testing.T) {
	p := filepath.Join(t.TempDir(), "actors.toml")
	b, err := EnsureFile(p, []byte("default"))
	if err != nil || string(b) != "default" {
		t.Fatalf("first EnsureFile = %q, %v", b, err)
	}
	st, _ := os.Stat(p)
	if st.Mode().Perm() != 0o600 {
		t.Fatalf("mode %v, want 0600", st.Mode().Perm())
	}
	os.WriteFile(p, []byte("edited"), 0o600)
	b, err = EnsureFile(p, []byte("default"))
	if err != nil || string(b) != "edited" {
		t.Fatalf("second EnsureFile = %q, %v", b, err)
	}
}

func TestWriteFileAtomicLeavesNoTemp(t *testing.T) {
	dir := t.TempDir()
	p := filepath.Join(dir, "out.csv")
	if err := WriteFileAtomic(p, []byte("a,b\n")); err != nil {
		t.Fatal(err)
	}
	if err := WriteFileAtomic(p, []byte("c,d\n")); err != nil {
		t.Fatal(err)
	}
	b, _ := os.ReadFile(p)
	if string(b) != "c,d\n" {
		t.Fatalf("content %q", b)
	}
	ents, _ := os.ReadDir(dir)
	if len(ents) != 1 {
		t.Fatalf("left files: %v", ents)
	}
	if err := WriteFileAtomic(filepath.Join(dir, "missing", "x"), nil); err == nil || !strings.Contains(err.Error(), "missing") {
		t.Fatalf("want error naming the path, got %v", err)
	}
}

func TestLockWriteInUse(t *testing.T) {
	ws, err := Open(t.TempDir())
	if err != nil {
		t.Fatal(err)
	}
	l1, err := ws.LockWrite(0)
	if err != nil {
		t.Fatal(err)
	}
	start := time.Now()
	_, err = ws.LockWrite(200 * time.Millisecond)
	if err == nil {
		t.Fatal("second lock succeeded")
	}
	want := "workspace in use by workbench (pid " + strconv.Itoa(os.Getpid()) + ")"
	if !strings.Contains(err.Error(), want) {
		t.Fatalf("error %q does not contain %q", err, want)
	}
	if time.Since(start) < 150*time.Millisecond {
		t.Fatalf("did not wait before failing")
	}
	l1.Unlock()
	l2, err := ws.LockWrite(0)
	if err != nil {
		t.Fatalf("lock after unlock: %v", err)
	}
	l2.Unlock()
}

// An existing folder keeps its mode (issue 12 item 5: it used to lose group
// and other access, and a 1777 folder its sticky bit).
func TestOpenNeverChangesExistingMode(t *testing.T) {
	open := t.TempDir()
	os.Chmod(open, 0o755)
	if _, err := Open(open); err != nil {
		t.Fatal(err)
	}
	if st, _ := os.Stat(open); st.Mode().Perm() != 0o755 {
		t.Fatalf("0755 folder became %v, want it unchanged", st.Mode().Perm())
	}
	ro := t.TempDir()
	os.Chmod(ro, 0o555)
	defer os.Chmod(ro, 0o700)
	if _, err := Open(ro); err != nil {
		t.Fatal(err)
	}
	if st, _ := os.Stat(ro); st.Mode().Perm() != 0o555 {
		t.Fatalf("read-only 0555 folder became %v, want it unchanged", st.Mode().Perm())
	}
}

// In a read-only workspace a missing config file gives the default without
// an error (the commands that only read still work).
func TestEnsureFileReadOnlyWorkspace(t *testing.T) {
	if os.Geteuid() != 0 {
		t.Skip("needs root to mount a read-only tmpfs")
	}
	dir := t.TempDir()
	if out, err := exec.Command("mount", "-t", "tmpfs", "-o", "ro,size=1m", "tmpfs", dir).CombinedOutput(); err != nil {
		t.Skipf("cannot mount tmpfs: %v %s", err, out)
	}
	t.Cleanup(func() { exec.Command("umount", "-l", dir).Run() })
	b, err := EnsureFile(filepath.Join(dir, "codebook.toml"), []byte("default"))
	if err != nil || string(b) != "default" {
		t.Fatalf("EnsureFile in a read-only folder = %q, %v", b, err)
	}
	if _, err := os.Stat(filepath.Join(dir, "codebook.toml")); err == nil {
		t.Fatal("a file was written to a read-only folder?")
	}
}
