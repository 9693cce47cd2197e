package main

import (
	"os"
	"path/filepath"
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
