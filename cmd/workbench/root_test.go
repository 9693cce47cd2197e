package main

import (
	"bytes"
	"strings"
	"testing"
)

// rootTestRun runs the CLI in-process, as a user would run the binary.
func rootTestRun(t *testing.T, args ...string) (stdout, stderr string, code int) {
	t.Helper()
	var out, errb bytes.Buffer
	code = run(args, strings.NewReader(""), &out, &errb)
	return out.String(), errb.String(), code
}

// runHome is rootTestRun with --home HOME.
func runHome(t *testing.T, home string, args ...string) (stdout, stderr string, code int) {
	t.Helper()
	return rootTestRun(t, append([]string{"--home", home}, args...)...)
}

func TestVersion(t *testing.T) {
	out, _, code := rootTestRun(t, "version")
	if code != 0 || !strings.HasPrefix(out, "workbench ") {
		t.Fatalf("version: code %d, out %q", code, out)
	}
}

func TestUnknownCommandIsMisuse(t *testing.T) {
	_, errOut, code := rootTestRun(t, "--home", t.TempDir(), "frobnicate")
	if code != 2 {
		t.Fatalf("exit %d, want 2 (stderr %q)", code, errOut)
	}
	if !strings.Contains(errOut, "frobnicate") {
		t.Fatalf("stderr does not name the command: %q", errOut)
	}
}

func TestUnknownFlagIsMisuse(t *testing.T) {
	_, errOut, code := rootTestRun(t, "version", "--bogus")
	if code != 2 || !strings.Contains(errOut, "--bogus") {
		t.Fatalf("exit %d stderr %q", code, errOut)
	}
}

func TestEveryCommandHasExamples(t *testing.T) {
	root := newRootCmd(&cli{})
	for _, c := range root.Commands() {
		if c.Name() == "help" || c.Name() == "completion" {
			continue
		}
		if strings.TrimSpace(c.Example) == "" {
			t.Errorf("command %q has no Example", c.Name())
		}
		for _, sub := range c.Commands() {
			if strings.TrimSpace(sub.Example) == "" {
				t.Errorf("command %q %q has no Example", c.Name(), sub.Name())
			}
		}
	}
}
