package exchange

import (
	"archive/zip"
	"bytes"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/workbench-dev/workbench/internal/model"
)

func exportBytes(t *testing.T, format string) []byte {
	t.Helper()
	var b bytes.Buffer
	if err := Export(&b, format, fixtureInput(t)); err != nil {
		t.Fatal(err)
	}
	return b.Bytes()
}

func writeFile(t *testing.T, name string, data []byte) string {
	t.Helper()
	p := filepath.Join(t.TempDir(), name)
	if err := os.WriteFile(p, data, 0o644); err != nil {
		t.Fatal(err)
	}
	return p
}

// zipWith rewrites a zip, replacing entries by name.
func zipWith(t *testing.T, data []byte, replace map[string][]byte) []byte {
	t.Helper()
	zr, err := zip.NewReader(bytes.NewReader(data), int64(len(data)))
	if err != nil {
		t.Fatal(err)
	}
	var b bytes.Buffer
	zw := zip.NewWriter(&b)
	for _, f := range zr.File {
		rc, _ := f.Open()
		content, _ := readCapped(rc, 1<<20, "", "")
		if r, ok := replace[f.Name]; ok {
			if r == nil {
				continue // drop
			}
			content = r
		}
		w, _ := zw.Create(f.Name)
		w.Write(content)
	}
	zw.Close()
	return b.Bytes()
}

func qdeOf(t *testing.T) []byte {
	files, err := zipFiles(exportBytes(t, FormatQDPX), "x", 1<<20)
	if err != nil {
		t.Fatal(err)
	}
	return files[qdeName]
}

func wantErr(t *testing.T, err error, target error, parts ...string) {
	t.Helper()
	if err == nil {
		t.Fatalf("no error, want one with %q", parts)
	}
	if target != nil && !errors.Is(err, target) {
		t.Errorf("error %v is not %v", err, target)
	}
	for _, p := range parts {
		if !strings.Contains(err.Error(), p) {
			t.Errorf("error %q does not mention %q", err, p)
		}
	}
}

func TestTruncatedZip(t *testing.T) {
	data := exportBytes(t, FormatQDPX)
	p := writeFile(t, "cut.qdpx", data[:len(data)/2])
	_, err := Read(p, Options{})
	wantErr(t, err, ErrFormat, "cut.qdpx", "truncated")
	p = writeFile(t, "cut.zip", exportBytes(t, FormatBrat)[:100])
	_, err = Read(p, Options{Format: FormatBrat})
	wantErr(t, err, ErrFormat, "cut.zip")
}

const xxe = `<?xml version="1.0"?>
<!DOCTYPE Project [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>
<Project xmlns="urn:QDA-XML:project:1.0" name="&xxe;" origin="x"/>`

func TestDoctypeRefused(t *testing.T) {
	_, err := Read(writeFile(t, "evil.qde", []byte(xxe)), Options{})
	wantErr(t, err, ErrDoctype, "evil.qde", "DOCTYPE", "line 2")
	if strings.Contains(err.Error(), "root:") {
		t.Fatal("entity expanded")
	}
	qdc := `<?xml version="1.0"?><!DOCTYPE CodeBook [<!ENTITY a "aaaa"><!ENTITY b "&a;&a;&a;">]><CodeBook xmlns="urn:QDA-XML:codebook:1.0"><Codes><Code guid="00000000-0000-0000-0000-000000000000" name="&b;" isCodable="true"/></Codes></CodeBook>`
	_, err = Read(writeFile(t, "bomb.qdc", []byte(qdc)), Options{})
	wantErr(t, err, ErrDoctype, "bomb.qdc")
	// inside a .qdpx
	data := zipWith(t, exportBytes(t, FormatQDPX), map[string][]byte{qdeName: []byte(xxe)})
	_, err = Read(writeFile(t, "evil.qdpx", data), Options{})
	wantErr(t, err, ErrDoctype, "evil.qdpx: project.qde")
}

func TestQDPXBroken(t *testing.T) {
	qde := string(qdeOf(t))
	for _, tc := range []struct {
		name    string
		edit    func(string) string
		replace map[string][]byte
		want    []string
	}{
		{"past end", func(s string) string {
			return strings.Replace(s, `startPosition="20" endPosition="39"`, `startPosition="2000" endPosition="2001"`, 1)
		}, nil, []string{"PlainTextSelection guid=", "startPosition 2000 past end of source"}},
		{"no coderef", func(s string) string {
			i := strings.Index(s, "<CodeRef")
			j := strings.Index(s[i:], "</CodeRef>") + i + len("</CodeRef>")
			return s[:i] + s[j:]
		}, nil, []string{"Coding guid=", "no CodeRef"}},
		{"missing source", func(s string) string { return s }, map[string][]byte{"sources/6b6afa79-cf8f-5693-9a09-30f525198f58.txt": nil}, []string{"TextSource guid=6b6afa79", "missing from the zip"}},
		{"no project", func(s string) string { return s }, map[string][]byte{qdeName: nil}, []string{"no project.qde"}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			rep := map[string][]byte{qdeName: []byte(tc.edit(qde))}
			for k, v := range tc.replace {
				rep[k] = v
			}
			_, err := Read(writeFile(t, "b.qdpx", zipWith(t, exportBytes(t, FormatQDPX), rep)), Options{})
			wantErr(t, err, nil, append([]string{"b.qdpx"}, tc.want...)...)
		})
	}
}

func TestSpansPastEnd(t *testing.T) {
	ls := strings.Replace(string(exportBytes(t, FormatLabelStudio)), `"end": 39`, `"end": 3900`, 1)
	_, err := Read(writeFile(t, "t.json", []byte(ls)), Options{})
	wantErr(t, err, nil, "t.json", "task id=1 annotation 1 result id=", "outside data.text")

	dc := strings.Replace(string(exportBytes(t, FormatDoccano)), `[20,39,`, `[20,3900,`, 1)
	_, err = Read(writeFile(t, "d.jsonl", []byte(dc)), Options{})
	wantErr(t, err, nil, "d.jsonl", "line 1 label 1", "outside the text")

	dir := t.TempDir()
	os.WriteFile(filepath.Join(dir, "x.txt"), []byte("short"), 0o644)
	os.WriteFile(filepath.Join(dir, "x.ann"), []byte("T1\tneutral 0 5\tshort\nT2\tneutral 3 99\tort\n"), 0o644)
	_, err = Read(filepath.Join(dir, "x.ann"), Options{})
	wantErr(t, err, nil, "x.ann", "line 2", "past the end")

	// Web Annotation carries no text: the resolver reports it
	wa := strings.Replace(string(exportBytes(t, FormatWebAnno)), `"exact": "the minister warned"`, `"exact": ""`, 1)
	wa = strings.Replace(wa, `"start": 20,`, `"start": 2000,`, 1)
	wa = strings.Replace(wa, `"end": 39`, `"end": 2019`, 1)
	res, err := Read(writeFile(t, "w.jsonld", []byte(wa)), Options{})
	if err != nil {
		t.Fatal(err)
	}
	_, rep := Resolve(res.Records, NewDocuments(fixtureArticles()), ResolveOptions{Labels: fixtureLabels()})
	if len(rep.Unanchored) != 1 || !strings.Contains(rep.Unanchored[0].String(), "past the end of the document") {
		t.Errorf("report: %+v", rep)
	}
	wantErr(t, rep.Err(), nil, "w.jsonld: annotation id=urn:uuid:", "1 record(s) could not be imported")
}

func TestSizeCap(t *testing.T) {
	data := exportBytes(t, FormatDoccano)
	_, err := Read(writeFile(t, "big.jsonl", data), Options{MaxBytes: 100})
	wantErr(t, err, ErrTooLarge, "big.jsonl", "100-byte limit")
	// a zip under the cap whose entry inflates past it
	var b bytes.Buffer
	zw := zip.NewWriter(&b)
	w, _ := zw.Create(qdeName)
	w.Write(bytes.Repeat([]byte(" "), 1<<20))
	zw.Close()
	_, err = Read(writeFile(t, "bomb.qdpx", b.Bytes()), Options{MaxBytes: 64 << 10})
	wantErr(t, err, ErrTooLarge, "bomb.qdpx", "entry project.qde")
	// a brat folder
	dir := filepath.Join(t.TempDir(), "brat")
	if _, err := ExportFile(dir, FormatBrat, fixtureInput(t)); err != nil {
		t.Fatal(err)
	}
	_, err = Read(dir, Options{MaxBytes: 200})
	wantErr(t, err, ErrTooLarge, "200-byte limit")
}

func TestResolveDrift(t *testing.T) {
	res, err := Read(writeFile(t, "d.jsonl", exportBytes(t, FormatDoccano)), Options{})
	if err != nil {
		t.Fatal(err)
	}
	// the corpus was re-ingested with a line added at the top
	arts := fixtureArticles()
	arts[0].Body = "Update: 🙂 corrected.\n" + arts[0].Body
	arts[1].Body = strings.Replace(arts[1].Body, "the minister warned", "the minister hinted", 1)
	tags, rep := Resolve(res.Records, NewDocuments(arts), ResolveOptions{Labels: fixtureLabels()})
	if len(rep.Reanchored) != 3 {
		t.Errorf("%d re-anchored, want 3: %+v", len(rep.Reanchored), rep.Reanchored)
	}
	if len(rep.Unanchored) != 1 || !strings.Contains(rep.Unanchored[0].Message, `"the minister warned" is nowhere`) {
		t.Errorf("unanchored: %+v", rep.Unanchored)
	}
	shift := runeLen("Update: 🙂 corrected.\n")
	for _, tg := range tags {
		if tg.DocID != "kremlin-1" {
			continue
		}
		if got, _ := slice(arts[0].Body, tg.Start, tg.End); got != tg.Quote || tg.Start < shift {
			t.Errorf("tag %+v not on its text", tg)
		}
	}
	if len(tags) != 4 {
		t.Errorf("%d tags, want 4", len(tags))
	}
}

func TestResolveUnknowns(t *testing.T) {
	res, err := Read(writeFile(t, "p.qdpx", exportBytes(t, FormatQDPX)), Options{})
	if err != nil {
		t.Fatal(err)
	}
	// only one of the two documents is in this workspace, and its codebook
	// lacks the odd label
	arts := fixtureArticles()[:1]
	labels := fixtureLabels()[:2]
	tags, rep := Resolve(res.Records, NewDocuments(arts), ResolveOptions{Labels: labels, Codes: res.Codes})
	if len(rep.UnknownDocs) != 2 || !strings.Contains(rep.UnknownDocs[0].String(), `no document matches document "doc/2 ü"`) {
		t.Errorf("unknown docs: %+v", rep.UnknownDocs)
	}
	if len(rep.Rejected) != 1 || len(tags) != 2 {
		t.Errorf("rejected %+v, %d tags", rep.Rejected, len(tags))
	}
	tags, rep = Resolve(res.Records, NewDocuments(arts), ResolveOptions{Labels: labels, Codes: res.Codes, AddUnknownLabels: true})
	if len(rep.NewLabels) != 1 || rep.NewLabels[0].Color != "#abc" || len(tags) != 3 {
		t.Errorf("new labels %+v, %d tags", rep.NewLabels, len(tags))
	}
	// a label with a line break or escape is never taken
	bad := []Record{{File: "f", DocID: "kremlin-1", Start: 0, End: 5, Label: "a\nb"}, {File: "f", DocID: "kremlin-1", Start: 0, End: 5, Label: "\x1b[31mred"}}
	_, rep = Resolve(bad, NewDocuments(arts), ResolveOptions{AddUnknownLabels: true})
	if len(rep.Rejected) != 2 {
		t.Errorf("rejected %+v", rep.Rejected)
	}
	if s := rep.Err().Error(); strings.Contains(s, "\x1b") {
		t.Error("report not sanitised")
	}
}

// TestMatchByTextAndURL: a foreign file with other ids finds documents by
// URL or by their full text.
func TestMatchByTextAndURL(t *testing.T) {
	arts := fixtureArticles()
	recs := []Record{
		{File: "f", DocID: "foreign-1", DocURL: arts[0].URL, Start: 0, End: 5, Exact: "Intro", Label: "escalatory"},
		{File: "f", DocID: "foreign-2", DocText: arts[1].Body, Start: 0, End: 2, Exact: "🇺🇦", Label: "escalatory"},
		{File: "f", DocID: arts[0].ID, DocText: "another text with the same id", Start: 0, End: 5, Exact: "Intro", Label: "escalatory"},
	}
	tags, rep := Resolve(recs, NewDocuments(arts), ResolveOptions{Labels: fixtureLabels()})
	if rep.Err() != nil || len(tags) != 2 || tags[0].DocID != "kremlin-1" || tags[1].DocID != "doc/2 ü" || rep.Duplicates != 1 {
		t.Errorf("tags %+v report %+v", tags, rep)
	}
}

func TestExportRefusesBadSpans(t *testing.T) {
	in := fixtureInput(t)
	in.Tags = append(in.Tags, model.Tag{DocID: "kremlin-1", Start: 5, End: 5000, Label: "escalatory"})
	for _, f := range ExportFormats {
		if f == FormatQDC {
			continue
		}
		if err := Export(&bytes.Buffer{}, f, in); err == nil || !strings.Contains(err.Error(), "span outside document") {
			t.Errorf("%s: %v", f, err)
		}
	}
	in = fixtureInput(t)
	in.Tags = append(in.Tags, model.Tag{DocID: "gone", Start: 0, End: 1, Label: "escalatory"})
	if err := Export(&bytes.Buffer{}, FormatBrat, in); err == nil || !strings.Contains(err.Error(), `document "gone"`) {
		t.Errorf("missing article: %v", err)
	}
}

func TestDetect(t *testing.T) {
	for format, name := range map[string]string{FormatQDPX: "x.bin", FormatLabelStudio: "x.json", FormatDoccano: "x.jsonl", FormatWebAnno: "x.json", FormatBrat: "x.zip"} {
		if got := Detect(name, exportBytes(t, format)); got != format {
			t.Errorf("%s: detected %q", format, got)
		}
	}
	if got := Detect("tags.jsonl", ownJSONL(t, fixtureInput(t))); got != FormatJSONL {
		t.Errorf("jsonl: %q", got)
	}
	if got := Detect("x.qdc", nil); got != FormatQDC {
		t.Error(got)
	}
	_, err := Read(writeFile(t, "what.txt", []byte("plain text")), Options{})
	wantErr(t, err, ErrFormat, "what.txt", "--format")
}

func TestEscapeName(t *testing.T) {
	for _, s := range []string{"", "_", "a_b", "de-escalatory", "doc/2 ü", ".hidden", "../x", "🔥\n<&>", "_41_"} {
		e := escapeName(s)
		if strings.ContainsAny(e, "/\\ \n") || strings.HasPrefix(e, ".") {
			t.Errorf("%q -> %q not safe", s, e)
		}
		if got := unescapeName(e); got != s {
			t.Errorf("%q -> %q -> %q", s, e, got)
		}
	}
}

// TestBratCRLF: brat reads the .txt with universal newlines; a body with
// CRLF is written with LF, offsets converted, and resolved back exactly.
func TestBratCRLF(t *testing.T) {
	body := "Line one 🙂\r\nLine two\rthree \"quoted\" end"
	a := model.Article{ID: "crlf", Body: body}
	s, e := cp(t, body, "two\rthree \"quoted\"")
	in := ExportInput{Articles: map[string]model.Article{"crlf": a}, Labels: fixtureLabels(),
		Tags: []model.Tag{{DocID: "crlf", Start: s, End: e, Label: "escalatory", Analyst: "ana"}}}
	dir := filepath.Join(t.TempDir(), "brat")
	if _, err := ExportFile(dir, FormatBrat, in); err != nil {
		t.Fatal(err)
	}
	txt, _ := os.ReadFile(filepath.Join(dir, "ana", "crlf.txt"))
	if strings.ContainsRune(string(txt), '\r') {
		t.Error("CR in .txt")
	}
	ann, _ := os.ReadFile(filepath.Join(dir, "ana", "crlf.ann"))
	if !strings.Contains(string(ann), "escalatory 16 19;20 34\ttwo three \"quoted\"") {
		t.Errorf(".ann: %q", ann)
	}
	res, err := Read(dir, Options{})
	if err != nil {
		t.Fatal(err)
	}
	tags, rep := Resolve(res.Records, NewDocuments([]model.Article{a}), ResolveOptions{Labels: fixtureLabels()})
	if rep.Err() != nil || len(rep.Reanchored) != 0 || len(tags) != 1 || tags[0].Start != s || tags[0].End != e {
		t.Errorf("tags %+v report %+v", tags, rep)
	}
}

// TestQDPXCRLF: sources go into the zip with LF line breaks (QualCoder
// shifts positions after a CRLF first line), positions converted, and come
// back exactly.
func TestQDPXCRLF(t *testing.T) {
	body := "Line one 🙂\r\nLine two\r\nthree end"
	a := model.Article{ID: "a/b:c", Body: body}
	s, e := cp(t, body, "two\r\nthree")
	in := ExportInput{Articles: map[string]model.Article{a.ID: a}, Labels: fixtureLabels(),
		Tags: []model.Tag{{DocID: a.ID, Start: s, End: e, Label: "escalatory", Analyst: "ana"}}}
	var b bytes.Buffer
	if err := WriteQDPX(&b, in); err != nil {
		t.Fatal(err)
	}
	files, _ := zipFiles(b.Bytes(), "x", 1<<20)
	qde := string(files[qdeName])
	if !strings.Contains(qde, `name="a_b_c"`) || !strings.Contains(qde, `startPosition="16" endPosition="25"`) {
		t.Errorf("qde: %s", qde)
	}
	res, err := ReadBytes("x.qdpx", "", b.Bytes(), Options{})
	if err != nil {
		t.Fatal(err)
	}
	tags, rep := Resolve(res.Records, NewDocuments([]model.Article{a}), ResolveOptions{Labels: fixtureLabels()})
	if rep.Err() != nil || len(rep.Reanchored) != 0 || len(tags) != 1 || tags[0].Start != s || tags[0].End != e {
		t.Errorf("tags %+v report %+v", tags, rep)
	}
}

// TestHundredMegabytes: a 100 MB file (sparse) is refused before it is
// read, with the default cap.
func TestHundredMegabytes(t *testing.T) {
	p := filepath.Join(t.TempDir(), "huge.jsonl")
	f, err := os.Create(p)
	if err != nil {
		t.Fatal(err)
	}
	if err := f.Truncate(100 << 20); err != nil {
		t.Fatal(err)
	}
	f.Close()
	_, err = Read(p, Options{})
	wantErr(t, err, ErrTooLarge, "huge.jsonl", "104857600 bytes")
}

func TestOrphans(t *testing.T) {
	in := fixtureInput(t)
	good := in.Tags[0]
	good.Quote = "We are ready for talks."
	changed := in.Tags[0]
	changed.Quote = "We were never ready."
	gone := model.Tag{DocID: "gone", Start: 0, End: 1, Label: "escalatory"}
	in.Tags = []model.Tag{good, changed, gone}
	ok, orphans := SplitOrphans(in)
	if len(ok) != 1 || len(orphans) != 2 {
		t.Fatalf("placeable %d, orphans %d", len(ok), len(orphans))
	}
	in.Tags = []model.Tag{good, changed}
	if err := Export(&bytes.Buffer{}, FormatQDPX, in); err == nil || !strings.Contains(err.Error(), "orphaned") {
		t.Errorf("export of a changed span: %v", err)
	}
}
