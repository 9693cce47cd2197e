package workspace

import (
	"os"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
)

// Issue 12 item 5: --home on an existing 1777 folder took away its sticky
// bit and others' access.
func TestOpenKeepsExistingFolderMode(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "shared")
	if err := os.Mkdir(dir, 0o700); err != nil {
		t.Fatal(err)
	}
	old := syscall.Umask(0)
	err := os.Chmod(dir, 0o777|os.ModeSticky)
	syscall.Umask(old)
	if err != nil {
		t.Fatal(err)
	}
	ws, err := Open(dir)
	if err != nil {
		t.Fatal(err)
	}
	st, _ := os.Stat(dir)
	if st.Mode().Perm() != 0o777 || st.Mode()&os.ModeSticky == 0 {
		t.Fatalf("mode %v, want drwxrwxrwt kept", st.Mode())
	}
	if ws.Warning == "" || !strings.Contains(ws.Warning, dir) || !strings.Contains(ws.Warning, "others") {
		t.Fatalf("no warning for a folder others can read: %q", ws.Warning)
	}
}

// --home . must not change the project folder.
func TestOpenDotUnchanged(t *testing.T) {
	dir := t.TempDir()
	os.Chmod(dir, 0o755)
	t.Chdir(dir)
	ws, err := Open(".")
	if err != nil {
		t.Fatal(err)
	}
	st, _ := os.Stat(dir)
	if st.Mode().Perm() != 0o755 {
		t.Fatalf(". became %v", st.Mode().Perm())
	}
	if ws.Warning == "" {
		t.Fatal("no warning for a 0755 workspace")
	}
	// A private existing folder gives no warning.
	os.Chmod(dir, 0o700)
	if ws, _ := Open(dir); ws.Warning != "" {
		t.Fatalf("warning for a 0700 folder: %q", ws.Warning)
	}
}

// A folder workbench creates is 0700 and gives no warning.
func TestOpenCreatedFolderNoWarning(t *testing.T) {
	ws, err := Open(filepath.Join(t.TempDir(), "new", "ws"))
	if err != nil {
		t.Fatal(err)
	}
	if ws.Warning != "" {
		t.Fatalf("warning for a created folder: %q", ws.Warning)
	}
}
