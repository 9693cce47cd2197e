package main

// End-to-end checks of the guarantees in README "Safety": hostile input,
// terminal safety on every CLI path, private files, and a full disk.

import (
	"bytes"
	"compress/gzip"
	"encoding/json"
	"fmt"
	"io/fs"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
)

func sfWrite(t *testing.T, path string, data []byte) {
	t.Helper()
	if err := os.MkdirAll(filepath.Dir(path), 0o700); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(path, data, 0o600); err != nil {
		t.Fatal(err)
	}
}

func TestSafetyHostileCorpusCLI(t *testing.T) {
	dir := t.TempDir()
	sfWrite(t, filepath.Join(dir, "good.jsonl"), []byte(`{"id":"good-1","title":"Talks","body":"Sergei Ryabkov said the momentum was lost."}`+"\n"))
	sfWrite(t, filepath.Join(dir, "good.txt"), []byte("Zelensky visit\n\nVolodymyr Zelensky arrived in Washington.\n"))
	sfWrite(t, filepath.Join(dir, "binary.txt"), []byte("\x7fELF\x02\x01\x01\x00\x00\x00\x00\x00\x00\x00\x00\x00\x03\x00"))
	sfWrite(t, filepath.Join(dir, "latin1.txt"), []byte("Caf\xe9 talks\n\nThe caf\xe9 was closed.\n"))
	sfWrite(t, filepath.Join(dir, "empty.md"), nil)
	sfWrite(t, filepath.Join(dir, "types.jsonl"), []byte(`{"id":"t-1","title":5,"body":"x"}`+"\n"+`{"id":"t-2","body":["x"]}`+"\n"))
	sfWrite(t, filepath.Join(dir, "ragged.csv"), []byte("id,title,body\nc-1,Fine,Fine body\nc-2,Only two\n"))
	sfWrite(t, filepath.Join(dir, "big.txt"), bytes.Repeat([]byte("word "), 300_000)) // 1.5 MB > 1 MiB limit
	if err := os.Symlink(".", filepath.Join(dir, "loop")); err != nil {
		t.Fatal(err)
	}
	home := t.TempDir()
	_, errOut, code := runHome(t, home, "index", "--max-doc-size", "1MiB", dir)
	if code != 1 {
		t.Fatalf("index of a hostile folder: exit %d, want 1\n%s", code, errOut)
	}
	for _, name := range []string{"binary.txt", "latin1.txt", "empty.md", "types.jsonl:1", "types.jsonl:2", "ragged.csv:3", "big.txt"} {
		if !strings.Contains(errOut, name) {
			t.Errorf("stderr does not name %s:\n%s", name, errOut)
		}
	}
	if strings.Contains(errOut, "panic") || strings.Contains(errOut, "goroutine ") {
		t.Fatalf("panic:\n%s", errOut)
	}
	if !strings.Contains(errOut, "larger than") {
		t.Errorf("size limit message missing:\n%s", errOut)
	}
	// Everything good went in.
	for _, id := range []string{"good-1", "good.txt", "c-1"} {
		if _, e, c := runHome(t, home, "show", "--json", id); c != 0 {
			t.Errorf("show %s: exit %d: %s", id, c, e)
		}
	}
}

// hostile is corpus text carrying escape sequences, C0/C1 controls and bidi
// overrides.
const hostile = "\x1b]0;pwned\x07\x1b[2J\x1b[31m\u009b1m\u202eevil\u202c\x07"

func sfHasUnsafe(s string) bool {
	return strings.ContainsAny(s, "\x1b\x07\u009b\u009d\u202e\u202c")
}

func TestSafetyTerminalEveryPath(t *testing.T) {
	dir := t.TempDir()
	body := "Vladimir Putin spoke. “We want peace " + hostile + " now,” Putin said. Sergei Lavrov agreed."
	rec := map[string]string{"id": "h-1", "title": "Hostile " + hostile + " title", "date": "2025-01-02", "source": "src" + hostile, "url": "http://x/" + hostile, "body": body}
	js, _ := json.Marshal(rec)
	sfWrite(t, filepath.Join(dir, "h.jsonl"), append(js, '\n'))
	home := t.TempDir()
	if _, e, c := runHome(t, home, "index", dir); c != 0 {
		t.Fatalf("index: %d %s", c, e)
	}
	out, e, c := runHome(t, home, "quotes", "--json", "--limit", "5")
	if c != 0 {
		t.Fatalf("quotes --json: %d %s", c, e)
	}
	var q struct{ ID, Text string }
	if err := json.Unmarshal([]byte(strings.SplitN(out, "\n", 2)[0]), &q); err != nil || q.ID == "" {
		t.Fatalf("quotes --json output %q: %v", out, err)
	}
	if !strings.Contains(q.Text, "\x1b]0;pwned") {
		t.Errorf("JSON must keep the text exact, got %q", q.Text)
	}
	if _, e, c := runHome(t, home, "tag", "--note", "n"+hostile, q.ID, "escalatory"); c != 0 {
		t.Fatalf("tag: %d %s", c, e)
	}
	paths := [][]string{
		{"search", "peace"},
		{"search", "hostile"},
		{"show", "h-1"},
		{"quotes"},
		{"quotes", "peace"},
		{"tags"},
		{"export", "--format", "md"},
		{"analyze", filepath.Join(dir, "h.jsonl")},
	}
	for _, args := range paths {
		out, errOut, code := runHome(t, home, args...)
		if code != 0 {
			t.Errorf("%v: exit %d: %s", args, code, errOut)
		}
		if sfHasUnsafe(out) || sfHasUnsafe(errOut) {
			t.Errorf("%v printed an unsafe sequence:\n%q", args, out)
		}
		if !strings.Contains(out, "evil") && args[0] != "search" {
			t.Errorf("%v lost the visible text around the sequence:\n%s", args, out)
		}
	}
	// JSON output stays exact.
	out, _, _ = runHome(t, home, "show", "--json", "h-1")
	var doc struct{ Body string }
	if err := json.Unmarshal([]byte(out), &doc); err != nil || doc.Body != body {
		t.Fatalf("show --json body not exact: %q (%v)", doc.Body, err)
	}
}

func TestSafetyWorkspaceIsPrivate(t *testing.T) {
	dir := t.TempDir()
	sfWrite(t, filepath.Join(dir, "a.jsonl"), []byte(`{"id":"a-1","title":"T","body":"“We will talk,” Putin said."}`+"\n"))
	home := filepath.Join(t.TempDir(), "ws")
	if _, e, c := runHome(t, home, "index", dir); c != 0 {
		t.Fatalf("index: %s", e)
	}
	out, _, _ := runHome(t, home, "quotes", "--json")
	var q struct{ ID string }
	json.Unmarshal([]byte(strings.SplitN(out, "\n", 2)[0]), &q)
	if _, e, c := runHome(t, home, "tag", q.ID, "neutral"); c != 0 {
		t.Fatalf("tag: %s", e)
	}
	if _, e, c := runHome(t, home, "export", "--format", "csv", "--out", filepath.Join(home, "x.csv")); c != 0 {
		t.Fatalf("export: %s", e)
	}
	n := 0
	err := filepath.WalkDir(home, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		info, err := d.Info()
		if err != nil {
			return err
		}
		n++
		want := os.FileMode(0o600)
		if d.IsDir() {
			want = 0o700
		}
		if info.Mode().Perm() != want {
			t.Errorf("%s: mode %v, want %v", p, info.Mode().Perm(), want)
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	if n < 5 {
		t.Fatalf("walked only %d entries", n)
	}
}

// TestSafetyFullDisk fills a tiny tmpfs workspace with an index run: the
// run fails with a clear error, and the saved tags and the index still open.
func TestSafetyFullDisk(t *testing.T) {
	if os.Geteuid() != 0 {
		t.Skip("needs root to mount a small tmpfs")
	}
	home := t.TempDir()
	if out, err := exec.Command("mount", "-t", "tmpfs", "-o", "size=3m", "tmpfs", home).CombinedOutput(); err != nil {
		t.Skipf("cannot mount tmpfs: %v %s", err, out)
	}
	t.Cleanup(func() { exec.Command("umount", "-l", home).Run() })

	small := t.TempDir()
	sfWrite(t, filepath.Join(small, "a.jsonl"), []byte(`{"id":"a-1","title":"T","body":"“We will talk,” Putin said."}`+"\n"))
	if _, e, c := runHome(t, home, "index", small); c != 0 {
		t.Fatalf("index small: %s", e)
	}
	out, _, _ := runHome(t, home, "quotes", "--json")
	var q struct{ ID string }
	json.Unmarshal([]byte(strings.SplitN(out, "\n", 2)[0]), &q)
	if _, e, c := runHome(t, home, "tag", q.ID, "neutral"); c != 0 {
		t.Fatalf("tag: %s", e)
	}

	big := t.TempDir()
	var b strings.Builder
	for i := 0; i < 4000; i++ {
		fmt.Fprintf(&b, `{"id":"b-%d","title":"Doc %d","body":"%s"}`+"\n", i, i, strings.Repeat(fmt.Sprintf("word%d talks momentum ", i), 60))
	}
	sfWrite(t, filepath.Join(big, "b.jsonl"), []byte(b.String()))
	_, errOut, code := runHome(t, home, "index", big)
	if code == 0 {
		t.Fatalf("index on a full disk succeeded?\n%s", errOut)
	}
	if !strings.Contains(strings.ToLower(errOut), "no space left") {
		t.Errorf("error does not say the disk is full:\n%s", errOut)
	}
	if strings.Contains(errOut, "panic") {
		t.Fatalf("panic:\n%s", errOut)
	}
	out, e, c := runHome(t, home, "tags", "--json")
	if c != 0 || !strings.Contains(out, q.ID) {
		t.Fatalf("tags after full disk: %d %s %s", c, out, e)
	}
	if _, e, c := runHome(t, home, "show", "a-1"); c != 0 {
		t.Fatalf("index no longer opens after a full disk: %s", e)
	}
}

// File names reach the terminal sanitised in index's messages: no escape
// sequence (a clipboard write), no forged line from a name with newlines.
func TestIndexMessagesSanitiseFileNames(t *testing.T) {
	home, dir := t.TempDir(), t.TempDir()
	for _, name := range []string{"evil\x1b]52;c;RVZJTA==\abad.txt", "x\nindexed 9999, unchanged 0, failed 0 in 1s\n.docx", "bad\x1b[2J.json"} {
		body := "plain text"
		if strings.HasSuffix(name, ".json") {
			body = "{not json"
		}
		if err := os.WriteFile(filepath.Join(dir, name), []byte(body), 0o600); err != nil {
			t.Fatal(err)
		}
	}
	_, errOut, _ := rootTestRun(t, "--home", home, "index", dir)
	if strings.ContainsAny(errOut, "\x1b\a") {
		t.Fatalf("escape bytes on stderr: %q", errOut)
	}
	n := 0
	for _, l := range strings.Split(errOut, "\n") {
		if strings.HasPrefix(l, "indexed ") {
			n++
		}
		if strings.HasPrefix(l, "indexed 9999") {
			t.Fatalf("forged line: %q", l)
		}
	}
	if n != 1 {
		t.Fatalf("%d lines start an indexing summary:\n%s", n, errOut)
	}
}

// A gzipped file that expands past --max-expanded-size is cut there and
// named; the other files are indexed.
func TestIndexMaxExpandedSize(t *testing.T) {
	home, dir := t.TempDir(), t.TempDir()
	var buf bytes.Buffer
	zw := gzip.NewWriter(&buf)
	zw.Write([]byte(strings.Repeat("\n", 4<<20)))
	zw.Close()
	os.WriteFile(filepath.Join(dir, "bomb.jsonl.gz"), buf.Bytes(), 0o600)
	os.WriteFile(filepath.Join(dir, "ok.txt"), []byte("Peace\n\nA note on peace talks.\n"), 0o600)
	_, errOut, code := rootTestRun(t, "--home", home, "index", "--max-expanded-size", "1MB", dir)
	if code != 1 || !strings.Contains(errOut, "bomb.jsonl.gz") || !strings.Contains(errOut, "indexed 1,") {
		t.Fatalf("exit %d:\n%s", code, errOut)
	}
	if _, _, code := rootTestRun(t, "--home", home, "index", "--max-expanded-size", "lots", dir); code != 2 {
		t.Errorf("bad size: exit %d", code)
	}
}

// Queries have a budget: a wall of wildcards, a huge repetition or a
// pasted page is refused with exit status 2 and a message, at once.
func TestQueryBudgetCLI(t *testing.T) {
	home := sampleWorkspace(t)
	for _, q := range []string{"a* b* c* d* e* f*", "/.{1000}/", strings.Repeat("putin ", 2000), "title:/(a|b){500}/"} {
		_, errOut, code := rootTestRun(t, "--home", home, "search", "--", q)
		if code != 2 || !strings.Contains(errOut, "limit is") {
			t.Errorf("%.30q: exit %d %s", q, code, errOut)
		}
	}
	// Repeated words are one clause: "a* " × 100 and "putin " × 50 are fine.
	if _, errOut, code := rootTestRun(t, "--home", home, "search", strings.Repeat("a* ", 100)); code != 0 {
		t.Errorf("repeated wildcard: exit %d %s", code, errOut)
	}
	if _, errOut, code := rootTestRun(t, "--home", home, "search", strings.Repeat("putin ", 50)); code != 0 {
		t.Errorf("repeated word: exit %d %s", code, errOut)
	}
}
