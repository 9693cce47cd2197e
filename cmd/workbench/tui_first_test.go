package main

import (
	"bytes"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
)

// tuiRun runs `workbench --home HOME` in-process with buffers for stdin and
// stdout (no terminal): with WORKBENCH_FIRST_FRAME_EXIT=1 it renders one
// frame off-screen and quits.
func tuiRun(t *testing.T, home string) (stderr string, code int) {
	t.Helper()
	t.Setenv("WORKBENCH_FIRST_FRAME_EXIT", "1")
	var out, errb bytes.Buffer
	code = run([]string{"--home", home}, strings.NewReader(""), &out, &errb)
	return errb.String(), code
}

var firstFrameRe = regexp.MustCompile(`(?m)^first_frame_ms=\d+$`)

// On an empty workspace, the TUI indexes the embedded sample first, then
// opens; the next start opens the existing index without indexing again.
func TestTUIFirstRunIndexesSample(t *testing.T) {
	home := filepath.Join(t.TempDir(), "ws")
	errOut, code := tuiRun(t, home)
	if code != 0 || !firstFrameRe.MatchString(errOut) {
		t.Fatalf("first run: exit %d, stderr %q", code, errOut)
	}
	for _, f := range []string{"index.current", "actors.toml", "codebook.toml"} {
		if _, err := os.Stat(filepath.Join(home, f)); err != nil {
			t.Fatalf("first run did not create %s: %v", f, err)
		}
	}
	out, _, code := rootTestRun(t, "--home", home, "search", "ushakov")
	if code != 0 || !strings.Contains(out, "Ushakov") {
		t.Fatalf("the sample is not searchable after the first run: exit %d\n%s", code, out)
	}
	st, _ := os.Stat(filepath.Join(home, "index.current"))
	errOut, code = tuiRun(t, home)
	if code != 0 || !firstFrameRe.MatchString(errOut) {
		t.Fatalf("second run: exit %d, stderr %q", code, errOut)
	}
	if st2, _ := os.Stat(filepath.Join(home, "index.current")); !st2.ModTime().Equal(st.ModTime()) {
		t.Fatal("the second run touched the index")
	}
}

// A broken codebook is named in the error, and nothing is started.
func TestTUIBadCodebook(t *testing.T) {
	home := t.TempDir()
	if err := os.WriteFile(filepath.Join(home, "codebook.toml"), []byte("[[label]]\nname = \n"), 0o600); err != nil {
		t.Fatal(err)
	}
	errOut, code := tuiRun(t, home)
	if code != 1 || !strings.Contains(errOut, "codebook.toml") {
		t.Fatalf("exit %d, stderr %q", code, errOut)
	}
}

// Without a terminal (and outside the first-frame measurement) the TUI
// refuses to start instead of running invisibly.
func TestTUINeedsTerminal(t *testing.T) {
	t.Setenv("WORKBENCH_FIRST_FRAME_EXIT", "")
	var out, errb bytes.Buffer
	code := run([]string{"--home", t.TempDir()}, strings.NewReader(""), &out, &errb)
	if code != 1 || !strings.Contains(errb.String(), "needs a terminal") {
		t.Fatalf("exit %d, stderr %q", code, errb.String())
	}
}
