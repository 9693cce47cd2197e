//go:build linux

package main

import (
	"bytes"
	"encoding/json"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"
	"syscall"
	"testing"

	"golang.org/x/sys/unix"
)

// openPTY opens a pseudo-terminal pair for a test.
func openPTY(t *testing.T) (master, slave *os.File) {
	t.Helper()
	m, err := os.OpenFile("/dev/ptmx", os.O_RDWR|syscall.O_NOCTTY|syscall.O_CLOEXEC, 0)
	if err != nil {
		t.Skipf("no pseudo-terminals: %v", err)
	}
	if err := unix.IoctlSetPointerInt(int(m.Fd()), unix.TIOCSPTLCK, 0); err != nil {
		t.Skipf("unlockpt: %v", err)
	}
	n, err := unix.IoctlGetInt(int(m.Fd()), unix.TIOCGPTN)
	if err != nil {
		t.Skipf("ptsname: %v", err)
	}
	s, err := os.OpenFile(fmt.Sprintf("/dev/pts/%d", n), os.O_RDWR|syscall.O_NOCTTY, 0)
	if err != nil {
		t.Skipf("pts: %v", err)
	}
	t.Cleanup(func() { m.Close(); s.Close() })
	return m, s
}

// export to standard output on a terminal sanitises the readable formats:
// the corpus's escape sequences (here a hostile quote's) never reach it;
// into a pipe the bytes stay exact, and JSONL escapes them as \uXXXX.
func TestExportToTerminalSanitised(t *testing.T) {
	home, _, _ := stWorkspace(t)
	qs, _, _ := runHome(t, home, "quotes", "--json", "--limit", "50")
	n := 0
	for _, l := range strings.Split(strings.TrimSpace(qs), "\n") {
		var q struct{ ID string }
		if err := jsonUnmarshal(l, &q); err == nil {
			runHome(t, home, "tag", q.ID, "neutral")
			n++
		}
	}
	if n == 0 {
		t.Fatal("no quotes")
	}
	master, slave := openPTY(t)
	var screen bytes.Buffer
	done := make(chan struct{})
	go func() { io.Copy(&screen, master); close(done) }()
	var errb bytes.Buffer
	for _, f := range []string{"csv", "md"} {
		if code := run([]string{"--home", home, "export", "--format", f}, strings.NewReader(""), slave, &errb); code != 0 {
			t.Fatalf("%s: %s", f, errb.String())
		}
	}
	slave.Close()
	<-done
	if strings.ContainsAny(screen.String(), "\x1b\a") {
		t.Fatalf("escape bytes reached the terminal: %q", screen.String())
	}
	if !strings.Contains(screen.String(), "quote_id") {
		t.Fatalf("nothing exported: %q", screen.String())
	}
	out, _, _ := runHome(t, home, "export", "--format", "jsonl")
	if strings.ContainsAny(out, "\x1b\a") || !strings.Contains(out, `\u001b`) {
		t.Errorf("JSONL: raw control bytes, or none escaped: %q", out)
	}
	raw, _, _ := runHome(t, home, "export", "--format", "csv")
	if !strings.Contains(raw, "\x1b") {
		t.Errorf("CSV into a pipe lost the exact text")
	}
}

// export --out follows a symlink (its target replaced, the link kept) and
// writes into a FIFO without replacing it.
func TestExportOutTargets(t *testing.T) {
	home, _, _ := stWorkspace(t)
	dir := t.TempDir()
	target := filepath.Join(dir, "real.csv")
	os.WriteFile(target, []byte("old"), 0o600)
	link := filepath.Join(dir, "link.csv")
	os.Symlink(target, link)
	if _, e, code := runHome(t, home, "export", "--format", "csv", "--out", link); code != 0 {
		t.Fatal(e)
	}
	if fi, err := os.Lstat(link); err != nil || fi.Mode()&os.ModeSymlink == 0 {
		t.Fatalf("the symlink was replaced: %v", err)
	}
	if b, _ := os.ReadFile(target); !bytes.HasPrefix(b, []byte("quote_id")) {
		t.Fatalf("the target was not written: %q", b)
	}
	fifo := filepath.Join(dir, "pipe")
	if err := syscall.Mkfifo(fifo, 0o600); err != nil {
		t.Skip(err)
	}
	got := make(chan []byte)
	go func() {
		f, err := os.Open(fifo)
		if err != nil {
			got <- nil
			return
		}
		b, _ := io.ReadAll(f)
		f.Close()
		got <- b
	}()
	if _, e, code := runHome(t, home, "export", "--format", "csv", "--out", fifo); code != 0 {
		t.Fatal(e)
	}
	if b := <-got; !bytes.HasPrefix(b, []byte("quote_id")) {
		t.Fatalf("the FIFO's reader got %q", b)
	}
	if fi, err := os.Lstat(fifo); err != nil || fi.Mode()&os.ModeNamedPipe == 0 {
		t.Fatalf("the FIFO was replaced")
	}
}

func jsonUnmarshal(s string, v any) error { return json.Unmarshal([]byte(s), v) }
