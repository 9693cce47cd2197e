package exchange

import (
	"archive/zip"
	"bytes"
	"encoding/json"
	"encoding/xml"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
)

// xmllint runs libxml2's validator (Debian libxml2-utils). Without it the
// test skips, unless CI=true, where it must be there.
func xmllint(t *testing.T, schema, file string) {
	t.Helper()
	bin, err := exec.LookPath("xmllint")
	if err != nil {
		if os.Getenv("CI") == "true" {
			t.Fatal("xmllint is required in CI: apt-get install -y libxml2-utils")
		}
		t.Skip("xmllint not installed (apt-get install -y libxml2-utils)")
	}
	out, err := exec.Command(bin, "--noout", "--nonet", "--schema", filepath.Join("testdata", "refi-qda", schema), file).CombinedOutput()
	if err != nil {
		t.Fatalf("xmllint %s: %v\n%s", file, err, out)
	}
}

func TestQDEValidatesWithXmllint(t *testing.T) {
	dir := t.TempDir()
	var b bytes.Buffer
	if err := WriteQDPX(&b, fixtureInput(t)); err != nil {
		t.Fatal(err)
	}
	zr, err := zip.NewReader(bytes.NewReader(b.Bytes()), int64(b.Len()))
	if err != nil {
		t.Fatal(err)
	}
	for _, f := range zr.File {
		if f.Name != qdeName {
			continue
		}
		rc, _ := f.Open()
		data, _ := readCapped(rc, 1<<20, "x", "")
		p := filepath.Join(dir, qdeName)
		os.WriteFile(p, data, 0o644)
		xmllint(t, "Project-mrt2019.xsd", p)
		return
	}
	t.Fatal("no project.qde in the zip")
}

func TestQDCValidatesWithXmllint(t *testing.T) {
	p := filepath.Join(t.TempDir(), "codebook.qdc")
	if _, err := ExportFile(p, FormatQDC, fixtureInput(t)); err != nil {
		t.Fatal(err)
	}
	xmllint(t, "Codebook.xsd", p)
	res, err := Read(p, Options{})
	if err != nil {
		t.Fatal(err)
	}
	if len(res.Codes) != 3 || res.Codes[2].Name != fixtureLabels()[2].Name || res.Codes[0].Color != "#d7263d" || res.Codes[1].Description != "lowers them" {
		t.Errorf("codes read back: %+v", res.Codes)
	}
}

// TestQDPXForQualCoder checks what QualCoder's REFI-QDA import needs beyond
// the schema: Project@origin; Note with both dates; every Coding with a
// CodeRef; every source in the zip; the coder on PlainTextSelection@
// creatingUser and the memo in PlainTextSelection/Description.
func TestQDPXForQualCoder(t *testing.T) {
	var b bytes.Buffer
	in := fixtureInput(t)
	if err := WriteQDPX(&b, in); err != nil {
		t.Fatal(err)
	}
	files, err := zipFiles(b.Bytes(), "x.qdpx", 1<<20)
	if err != nil {
		t.Fatal(err)
	}
	var p qdeProject
	if err := xml.Unmarshal(files[qdeName], &p); err != nil {
		t.Fatal(err)
	}
	if p.Origin == "" {
		t.Error("Project without origin")
	}
	users := map[string]string{}
	for _, u := range p.Users.User {
		users[u.GUID] = u.Name
	}
	for _, n := range p.Notes.Note {
		if n.CreationDateTime == "" || n.ModifiedDateTime == "" {
			t.Errorf("Note %s without creationDateTime/modifiedDateTime", n.GUID)
		}
	}
	memos := 0
	for _, s := range p.Sources.TextSource {
		name := strings.TrimPrefix(s.PlainTextPath, "internal://")
		if _, ok := files["sources/"+name]; !ok {
			t.Errorf("source %s missing from the zip", name)
		}
		for _, sel := range s.PlainTextSelection {
			if users[sel.CreatingUser] == "" {
				t.Errorf("selection %s: creatingUser %q names no User", sel.GUID, sel.CreatingUser)
			}
			for _, c := range sel.Coding {
				if c.CodeRef == nil {
					t.Errorf("Coding %s without CodeRef", c.GUID)
				}
			}
			if sel.Description != "" {
				memos++
				if len(sel.NoteRef) != 1 {
					t.Errorf("selection %s: memo without NoteRef", sel.GUID)
				}
			}
		}
	}
	if memos != 3 {
		t.Errorf("%d selections carry a memo, want 3", memos)
	}
}

// TestLabelStudioRules checks the task list against what Label Studio's
// editor takes: every result's from_name names the config's <Labels>, its
// to_name the <Text>, every label is a <Label value> of the config, and
// value.start/end are code points that slice value.text from data.text.
func TestLabelStudioRules(t *testing.T) {
	in := fixtureInput(t)
	var tasksBuf, confBuf bytes.Buffer
	if err := WriteLabelStudio(&tasksBuf, in); err != nil {
		t.Fatal(err)
	}
	if err := WriteLabelStudioConfig(&confBuf, in); err != nil {
		t.Fatal(err)
	}
	var conf struct {
		Labels []struct {
			Name   string `xml:"name,attr"`
			ToName string `xml:"toName,attr"`
			Label  []struct {
				Value string `xml:"value,attr"`
			} `xml:"Label"`
		} `xml:"Labels"`
		Text []struct {
			Name  string `xml:"name,attr"`
			Value string `xml:"value,attr"`
		} `xml:"Text"`
	}
	if err := xml.Unmarshal(confBuf.Bytes(), &conf); err != nil {
		t.Fatal(err)
	}
	if len(conf.Labels) != 1 || len(conf.Text) != 1 || conf.Text[0].Value != "$text" || conf.Labels[0].ToName != conf.Text[0].Name {
		t.Fatalf("config: %+v", conf)
	}
	values := map[string]bool{}
	for _, l := range conf.Labels[0].Label {
		values[l.Value] = true
	}
	var tasks []map[string]any
	if err := json.Unmarshal(tasksBuf.Bytes(), &tasks); err != nil {
		t.Fatal(err)
	}
	n := 0
	for _, task := range tasks {
		text := task["data"].(map[string]any)["text"].(string)
		for _, a := range task["annotations"].([]any) {
			for _, r := range a.(map[string]any)["result"].([]any) {
				r := r.(map[string]any)
				n++
				if r["from_name"] != conf.Labels[0].Name || r["to_name"] != conf.Text[0].Name || r["type"] != "labels" {
					t.Errorf("result %v: from_name/to_name/type do not match the config", r["id"])
				}
				v := r["value"].(map[string]any)
				for _, l := range v["labels"].([]any) {
					if !values[l.(string)] {
						t.Errorf("label %q is not a <Label> of the config (Label Studio would drop it)", l)
					}
				}
				got, ok := slice(text, int(v["start"].(float64)), int(v["end"].(float64)))
				if !ok || got != v["text"] {
					t.Errorf("value %v: code points slice %q", v, got)
				}
			}
		}
	}
	if n != len(in.Tags) {
		t.Errorf("%d results, want %d", n, len(in.Tags))
	}
}

// TestDoccanoRules: one line per document and analyst; text a string;
// label a list of [start, end, label] with code-point offsets inside text.
func TestDoccanoRules(t *testing.T) {
	var b bytes.Buffer
	in := fixtureInput(t)
	if err := WriteDoccano(&b, in); err != nil {
		t.Fatal(err)
	}
	lines := strings.Split(strings.TrimSpace(b.String()), "\n")
	if len(lines) != 4 { // kremlin-1: ana, Bo; doc/2: ana, Bo
		t.Fatalf("%d lines, want 4", len(lines))
	}
	spans := 0
	for _, l := range lines {
		var d struct {
			Text  string  `json:"text"`
			Label [][]any `json:"label"`
		}
		if err := json.Unmarshal([]byte(l), &d); err != nil {
			t.Fatal(err)
		}
		for _, s := range d.Label {
			spans++
			st, en, lab := int(s[0].(float64)), int(s[1].(float64)), s[2].(string)
			if _, ok := slice(d.Text, st, en); !ok || lab == "" {
				t.Errorf("label %v outside text", s)
			}
		}
	}
	if spans != len(in.Tags) {
		t.Errorf("%d spans, want %d", spans, len(in.Tags))
	}
	// the emoji before the span counts one: "We" starts at code point 25
	if !strings.Contains(b.String(), `[25,48,"de-escalatory"]`) {
		t.Error("offsets are not code points")
	}
}

// TestBratSlices: every T line's fragments slice, from the .txt by code
// point, the text written on the line (fragments joined by a space).
func TestBratSlices(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "brat")
	if _, err := ExportFile(dir, FormatBrat, fixtureInput(t)); err != nil {
		t.Fatal(err)
	}
	anns, _ := filepath.Glob(filepath.Join(dir, "*", "*.ann"))
	if len(anns) != 4 {
		t.Fatalf("%d .ann files, want 4", len(anns))
	}
	lines := 0
	for _, a := range anns {
		ann, _ := os.ReadFile(a)
		txt, err := os.ReadFile(strings.TrimSuffix(a, ".ann") + ".txt")
		if err != nil {
			t.Fatal(err)
		}
		for _, l := range strings.Split(strings.TrimSpace(string(ann)), "\n") {
			if !strings.HasPrefix(l, "T") {
				continue
			}
			lines++
			f := strings.Split(l, "\t")
			if len(f) != 3 {
				t.Fatalf("%s: %q: want 3 tab-separated fields", a, l)
			}
			_, spans, _ := strings.Cut(f[1], " ")
			var parts []string
			for _, fr := range strings.Split(spans, ";") {
				var s, e int
				if _, err := fmtSscan(fr, &s, &e); err != nil {
					t.Fatal(err)
				}
				p, ok := slice(string(txt), s, e)
				if !ok || strings.Contains(p, "\n") {
					t.Errorf("%s: fragment %q does not fit or holds a newline", a, fr)
				}
				parts = append(parts, p)
			}
			if got := strings.Join(parts, " "); got != f[2] {
				t.Errorf("%s: %q slices %q", a, l, got)
			}
		}
	}
	if lines != len(fixtureTags(t)) {
		t.Errorf("%d T lines, want %d", lines, len(fixtureTags(t)))
	}
}

// TestLabelStudioFixtureFile writes the fixture's Label Studio export to
// $EXCHANGE_LABELSTUDIO_OUT/tasks.json (+ tasks.config.xml) for
// scripts/labelstudio-check.sh, which loads it in Label Studio's editor.
func TestLabelStudioFixtureFile(t *testing.T) {
	dir := os.Getenv("EXCHANGE_LABELSTUDIO_OUT")
	if dir == "" {
		t.Skip("EXCHANGE_LABELSTUDIO_OUT not set (used by scripts/labelstudio-check.sh)")
	}
	written, err := ExportFile(filepath.Join(dir, "tasks.json"), FormatLabelStudio, fixtureInput(t))
	if err != nil {
		t.Fatal(err)
	}
	if len(written) != 2 || written[1] != filepath.Join(dir, "tasks.config.xml") {
		t.Fatalf("wrote %v", written)
	}
}
