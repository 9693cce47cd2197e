package ui

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

// y copies the current quote, or the selection, with its citation.
func TestCopyQuoteWithCitation(t *testing.T) {
	d := newDriver(t, 120, 40)
	d.open("ushakov")
	d.keys("y")
	if d.m.copied != "" {
		t.Fatal("y with nothing selected copied something")
	}
	d.keys("]", "y")
	want := "“The work is going on, the dialogue has not stopped,” — Yury Ushakov, Ushakov: talks with Washington on Ukraine continue, 2025-08-21, http://en.kremlin.ru/events/fx/1"
	if d.m.copied != want {
		t.Fatalf("y copied\n%q\nwant\n%q", d.m.copied, want)
	}
	d.mustSee("copied the quote with its citation")
	d.keys("w", "v", "w", "y")
	if !strings.HasPrefix(d.m.copied, "“work is” — Yury Ushakov, Ushakov: talks") {
		t.Fatalf("y on a selection copied %q", d.m.copied)
	}
}

// o opens the URL with the system opener, off the UI goroutine; without
// one the status bar says so.
func TestOpenURL(t *testing.T) {
	bin := t.TempDir()
	out := filepath.Join(t.TempDir(), "opened")
	script := "#!/bin/sh\nprintf '%s' \"$1\" > " + out + "\n"
	if err := os.WriteFile(filepath.Join(bin, "xdg-open"), []byte(script), 0o755); err != nil {
		t.Fatal(err)
	}
	t.Setenv("PATH", bin)
	d := newDriver(t, 120, 40)
	d.open("ushakov")
	d.keys("o")
	var got []byte
	for i := 0; i < 100; i++ {
		if got, _ = os.ReadFile(out); len(got) > 0 {
			break
		}
		time.Sleep(50 * time.Millisecond)
	}
	if string(got) != "http://en.kremlin.ru/events/fx/1" {
		t.Fatalf("the opener got %q", got)
	}
	d.mustSee("opened http://en.kremlin.ru/events/fx/1")

	t.Setenv("PATH", t.TempDir())
	d.keys("o")
	d.mustSee("no system opener")
}
