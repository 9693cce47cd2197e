package main

import (
	"encoding/json"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"sort"
	"strings"
	"testing"
)

// export writes every foreign format to --out, and refuses them without it.
func TestExportForeignFormats(t *testing.T) {
	home := sampleWorkspace(t)
	dir := t.TempDir()
	for _, c := range []struct{ format, out string }{
		{"qdpx", "p.qdpx"}, {"qdc", "c.qdc"}, {"labelstudio", "ls.json"}, {"doccano", "d.jsonl"}, {"brat", "brat"}, {"brat", "b.zip"}, {"webanno", "w.jsonld"},
	} {
		out := filepath.Join(dir, c.out)
		stdout, errOut, code := rootTestRun(t, "--home", home, "export", "--format", c.format, "--out", out)
		if code != 0 || !strings.Contains(stdout, "as "+c.format) {
			t.Errorf("%s: exit %d %s %s", c.format, code, stdout, errOut)
			continue
		}
		if _, err := os.Stat(out); err != nil {
			t.Errorf("%s: %v", c.format, err)
		}
	}
	if _, err := os.Stat(filepath.Join(dir, "ls.config.xml")); err != nil {
		t.Errorf("labelstudio config: %v", err)
	}
	if _, errOut, code := rootTestRun(t, "--home", home, "export", "--format", "qdpx"); code != 2 || !strings.Contains(errOut, "--out") {
		t.Errorf("qdpx to stdout: exit %d %s", code, errOut)
	}
	if _, errOut, code := rootTestRun(t, "--home", home, "export", "--format", "xlsx"); code != 2 || !strings.Contains(errOut, "qdpx") {
		t.Errorf("unknown format: exit %d %s", code, errOut)
	}
}

// Export then import into a fresh workspace with the same corpus gives the
// same tags (label, span, analyst; note where the format carries notes);
// importing again adds nothing; a file with a problem changes nothing.
func TestExportImportRoundTrip(t *testing.T) {
	src := newSampleHome(t, "ana")
	qs, _, code := rootTestRun(t, "--home", src, "quotes", "--json", "--limit", "4")
	if code != 0 {
		t.Fatal("quotes")
	}
	var ids []string
	for _, l := range strings.Split(strings.TrimSpace(qs), "\n") {
		var q struct{ ID string }
		json.Unmarshal([]byte(l), &q)
		ids = append(ids, q.ID)
	}
	rootTestRun(t, "--home", src, "tag", "--note", "first note", ids[0], "escalatory")
	rootTestRun(t, "--home", src, "--analyst", "bob", "tag", ids[0], "neutral")
	rootTestRun(t, "--home", src, "--analyst", "bob", "tag", ids[1], "dismissive")
	key := func(home string) []string {
		out, _, _ := rootTestRun(t, "--home", home, "tags", "--json")
		var keys []string
		for _, l := range strings.Split(strings.TrimSpace(out), "\n") {
			var tg struct {
				DocID, Label, Analyst, Note string
				Start, End                  int
			}
			json.Unmarshal([]byte(l), &tg)
			keys = append(keys, fmt.Sprintf("%s:%d-%d %s %s %q", tg.DocID, tg.Start, tg.End, tg.Label, tg.Analyst, tg.Note))
		}
		sort.Strings(keys)
		return keys
	}
	want := key(src)
	dst := newSampleHome(t, "someone-else")
	dir := t.TempDir()
	for _, c := range []struct {
		format, file string
		notes        bool
	}{{"qdpx", "p.qdpx", true}, {"labelstudio", "ls.json", false}, {"doccano", "d.jsonl", false}, {"brat", "b.zip", true}, {"webanno", "w.jsonld", true}} {
		out := filepath.Join(dir, c.file)
		if _, e, code := rootTestRun(t, "--home", src, "export", "--format", c.format, "--out", out); code != 0 {
			t.Fatalf("%s export: %s", c.format, e)
		}
		home := t.TempDir()
		copyDir(t, dst, home)
		if o, e, code := rootTestRun(t, "--home", home, "import", out); code != 0 {
			t.Errorf("%s import: exit %d %s %s", c.format, code, o, e)
			continue
		}
		got := key(home)
		if !c.notes {
			for i := range got {
				got[i] = got[i][:strings.LastIndex(got[i], " ")]
			}
		}
		exp := append([]string(nil), want...)
		if !c.notes {
			for i := range exp {
				exp[i] = exp[i][:strings.LastIndex(exp[i], " ")]
			}
		}
		if strings.Join(got, "\n") != strings.Join(exp, "\n") {
			t.Errorf("%s round trip:\n got %v\nwant %v", c.format, got, exp)
		}
		// Again: nothing added.
		if o, _, _ := rootTestRun(t, "--home", home, "import", out); !strings.Contains(o, "imported 0 tags") {
			t.Errorf("%s second import: %s", c.format, o)
		}
	}
	// A span past the end of its document: refused whole, nothing changes.
	bad := filepath.Join(dir, "bad.jsonl")
	docID := strings.SplitN(ids[0], ":", 2)[0]
	os.WriteFile(bad, []byte(`{"text":"short text","label":[[0,5,"escalatory"]],"id":"`+docID+`"}`+"\n"+`{"doc_id":"no-such-doc","start":0,"end":4,"label":"escalatory","analyst":"x","quote":"abcd"}`+"\n"), 0o600)
	home := t.TempDir()
	copyDir(t, dst, home)
	if _, _, code := rootTestRun(t, "--home", home, "import", "--format", "jsonl", bad); code == 0 {
		t.Errorf("a file with problems imported")
	}
	if got := key(home); len(got) != 1 || got[0] != ":0-0   \"\"" {
		if out, _, _ := rootTestRun(t, "--home", home, "tags", "--json"); strings.TrimSpace(out) != "" {
			t.Errorf("a refused import changed the store: %s", out)
		}
	}
}

// copyDir copies a workspace folder (index and all).
func copyDir(t *testing.T, from, to string) {
	t.Helper()
	if out, err := exec.Command("cp", "-a", from+"/.", to).CombinedOutput(); err != nil {
		t.Fatalf("cp: %v %s", err, out)
	}
}

// store copy moves tags between stores, idempotently, and never shows a
// password.
func TestStoreCopyCLI(t *testing.T) {
	home := sampleWorkspace(t)
	to := filepath.Join(t.TempDir(), "offline.db")
	out, e, code := rootTestRun(t, "store", "copy", "--from", filepath.Join(home, "tags.db"), "--to", to)
	if code != 0 || !strings.Contains(out, "copied from") {
		t.Fatalf("copy: exit %d %s %s", code, out, e)
	}
	out, _, _ = rootTestRun(t, "store", "copy", "--from", filepath.Join(home, "tags.db"), "--to", to)
	if !strings.Contains(out, "tags 0 (") {
		t.Errorf("second copy copied again: %s", out)
	}
	a, _, _ := rootTestRun(t, "--home", home, "tags", "--json")
	b, _, _ := rootTestRun(t, "--home", home, "--store", to, "tags", "--json")
	if strings.Count(a, "\n") == 0 || strings.Count(a, "\n") != strings.Count(b, "\n") {
		t.Errorf("copy has %d tags, source %d", strings.Count(b, "\n"), strings.Count(a, "\n"))
	}
	_, e, code = rootTestRun(t, "store", "copy", "--from", "postgres://ana:s3cret@127.0.0.1:1/none?connect_timeout=1", "--to", to)
	if code == 0 || strings.Contains(e, "s3cret") {
		t.Errorf("unreachable server: exit %d %s", code, e)
	}
}
