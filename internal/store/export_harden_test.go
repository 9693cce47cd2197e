package store

import (
	"bytes"
	"context"
	"encoding/csv"
	"encoding/json"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"github.com/workbench-dev/workbench/internal/model"
)

// crCells start with a carriage return or hold line breaks of every kind.
var crCells = []string{
	"\r=HYPERLINK(\"http://evil.example\")", "\r\n+1", "\n-2", "a\r\nb\rc\nd", "'\r", "'\n=x", "plain",
}

func crTags(t *testing.T) []model.Tag {
	t.Helper()
	s, _ := openTemp(t)
	for i, c := range crCells {
		in := quoteInput("cr", i*10, i*10+5, "neutral")
		in.Quote, in.Note, in.Title = c, c, c
		if _, err := s.Add(context.Background(), in); err != nil {
			t.Fatal(err)
		}
	}
	tags, err := s.List(context.Background(), Filter{})
	if err != nil {
		t.Fatal(err)
	}
	return tags
}

// Issue 12 item 10: a cell starting with CR was checked before CR became a
// line break, and went out as CRLF, not neutralised.
func TestCSVCellStartingWithCRNeutralised(t *testing.T) {
	tags := crTags(t)
	var buf bytes.Buffer
	if err := WriteCSV(&buf, tags); err != nil {
		t.Fatal(err)
	}
	raw := buf.String()
	// (",\r\n" is an empty last cell before the record's end.)
	for _, bad := range []string{"\"\r", "\"\n", ",\n"} {
		if strings.Contains(raw, bad) {
			t.Errorf("a cell starts with a line break: %q in %q", bad, raw)
		}
	}
	if strings.Contains(strings.ReplaceAll(raw, ",\r\n", ",EOL"), ",\r") {
		t.Errorf("a cell starts with a CR: %q", raw)
	}
	rows, err := csv.NewReader(strings.NewReader(raw)).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	for i, row := range rows[1:] {
		for j, c := range row {
			if c != "" && strings.IndexByte(formulaStart, c[0]) >= 0 {
				t.Errorf("row %d col %s: %q starts like a formula", i, ExportFields[j], c)
			}
		}
	}
	// Line breaks inside cells are LF; records end in CRLF.
	if strings.Count(raw, "\r") != len(rows) || !strings.HasSuffix(raw, "\r\n") {
		t.Errorf("want one CR per record end, got %d for %d records", strings.Count(raw, "\r"), len(rows))
	}
}

// The README's pandas recipe (docs/readme/tags.md), done with Python's csv
// module and the same regular expression, gives back the text with line
// breaks as \n.
func TestCSVPythonRoundTrip(t *testing.T) {
	py, err := exec.LookPath("python3")
	if err != nil {
		t.Skip("python3 not installed")
	}
	tags := crTags(t)
	path := filepath.Join(t.TempDir(), "tags.csv")
	var buf bytes.Buffer
	if err := WriteCSV(&buf, tags); err != nil {
		t.Fatal(err)
	}
	os.WriteFile(path, buf.Bytes(), 0o600)
	script := `
import csv, json, re, sys
with open(sys.argv[1], newline="", encoding="utf-8") as f:
    rows = list(csv.DictReader(f))
pat = re.compile(r"^'(?=[=+\-@\t\r\n'])")
print(json.dumps([{k: pat.sub("", v) for k, v in r.items()} for r in rows]))
`
	out, err := exec.Command(py, "-c", script, path).Output()
	if err != nil {
		t.Fatalf("python3: %v", err)
	}
	var got []map[string]string
	if err := json.Unmarshal(out, &got); err != nil {
		t.Fatal(err)
	}
	if len(got) != len(tags) {
		t.Fatalf("python read %d rows, want %d", len(got), len(tags))
	}
	for i, tg := range tags {
		want := normalizeBreaks(tg.Quote)
		if got[i]["quote"] != want || got[i]["note"] != want || got[i]["title"] != want {
			t.Errorf("row %d: python gives quote %q note %q, want %q", i, got[i]["quote"], got[i]["note"], want)
		}
	}
	recipe, err := os.ReadFile(filepath.Join("..", "..", "docs", "readme", "tags.md"))
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(string(recipe), `r"^'(?=[=+\-@\t\r\n'])"`) {
		t.Errorf("docs/readme/tags.md does not give the recipe tested here")
	}
}

// Issue 12 item 3: JSONL kept C1 controls and bidi overrides raw.
func TestJSONLEscapesTerminalControls(t *testing.T) {
	s, _ := openTemp(t)
	text := "a\u009b2J\u202eevil\u2066\u200bx\U000E0041\x1b]52;c;QQ==\x07\u2028"
	in := quoteInput("j", 0, 5, "neutral")
	in.Quote, in.Speaker = text, text
	if _, err := s.Add(context.Background(), in); err != nil {
		t.Fatal(err)
	}
	tags, _ := s.List(context.Background(), Filter{})
	var buf bytes.Buffer
	if err := WriteJSONL(&buf, tags); err != nil {
		t.Fatal(err)
	}
	for _, r := range buf.String() {
		if r < 0x20 && r != '\n' || r >= 0x80 && r <= 0x9f || r >= 0x202a && r <= 0x202e || r >= 0x2066 && r <= 0x2069 ||
			r == 0x200b || r >= 0xe0000 && r <= 0xe007f || r == 0x2028 {
			t.Fatalf("raw %U in JSONL %q", r, buf.String())
		}
	}
	var rec Record
	if err := json.Unmarshal(buf.Bytes(), &rec); err != nil || rec.Quote != text || rec.Speaker != text {
		t.Fatalf("decoded %q %q (%v), want %q", rec.Quote, rec.Speaker, err, text)
	}
}
