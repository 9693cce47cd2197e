package ingest

import (
	"bufio"
	"compress/gzip"
	"context"
	"encoding/json"
	"errors"
	"io/fs"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"
	"testing/fstest"
	"time"

	"github.com/workbench-dev/workbench/data"
	"github.com/workbench-dev/workbench/internal/model"
)

// result is what one ingestion produced.
type result struct {
	arts  []model.Article
	probs []Problem
	err   error
}

func (r result) byID() map[string]model.Article {
	m := map[string]model.Article{}
	for _, a := range r.arts {
		m[a.ID] = a
	}
	return m
}

func (r result) failures() []Problem {
	var out []Problem
	for _, p := range r.probs {
		if !p.Note {
			out = append(out, p)
		}
	}
	return out
}

// problemFor returns the problems whose path ends with suffix.
func (r result) problemFor(suffix string) []Problem {
	var out []Problem
	for _, p := range r.probs {
		if strings.HasSuffix(filepath.ToSlash(p.Path), suffix) {
			out = append(out, p)
		}
	}
	return out
}

func walk(t *testing.T, opts Options, paths ...string) result {
	t.Helper()
	var r result
	r.err = Walk(context.Background(), paths, opts,
		func(a model.Article) error { r.arts = append(r.arts, a); return nil },
		func(p Problem) { r.probs = append(r.probs, p) })
	return r
}

func readFS(t *testing.T, fsys fs.FS, opts Options, names ...string) result {
	t.Helper()
	var r result
	r.err = ReadFS(context.Background(), fsys, names, opts,
		func(a model.Article) error { r.arts = append(r.arts, a); return nil },
		func(p Problem) { r.probs = append(r.probs, p) })
	return r
}

func write(t *testing.T, path string, content string) string {
	t.Helper()
	if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(path, []byte(content), 0o644); err != nil {
		t.Fatal(err)
	}
	return path
}

func writeGz(t *testing.T, path string, content string) string {
	t.Helper()
	f, err := os.Create(path)
	if err != nil {
		t.Fatal(err)
	}
	zw := gzip.NewWriter(f)
	if _, err := zw.Write([]byte(content)); err != nil {
		t.Fatal(err)
	}
	if err := zw.Close(); err != nil {
		t.Fatal(err)
	}
	if err := f.Close(); err != nil {
		t.Fatal(err)
	}
	return path
}

func date(s string) time.Time {
	t, err := time.Parse("2006-01-02", s)
	if err != nil {
		panic(err)
	}
	return t
}

func TestReadFSSample(t *testing.T) {
	r := readFS(t, data.Sample(), Options{}, data.SampleFiles()...)
	if r.err != nil {
		t.Fatal(r.err)
	}
	for _, p := range r.probs {
		t.Errorf("problem: %v", p)
	}
	if len(r.arts) != 301 {
		t.Fatalf("got %d articles, want 301", len(r.arts))
	}
	seed := r.arts[0]
	if seed.ID != "seed-ushakov-alaska-talks" || !seed.Date.IsZero() || seed.Source != "seed" || seed.Body == "" || seed.Path != "seed.jsonl" {
		t.Errorf("seed: %+v", seed)
	}
	if a := r.arts[1]; a.DateString() == "" || !strings.HasPrefix(a.URL, "http://en.kremlin.ru/") || a.Source != "kremlin.ru" {
		t.Errorf("first kremlin article lacks date, url or source: %s %q %q %q", a.ID, a.DateString(), a.URL, a.Source)
	}
}

// TestFormats reads one file of every format from testdata/formats.
func TestFormats(t *testing.T) {
	dir := filepath.Join("testdata", "formats")
	r := walk(t, Options{}, dir)
	if r.err != nil {
		t.Fatal(r.err)
	}
	if f := r.failures(); len(f) > 0 {
		t.Fatalf("failures: %v", f)
	}
	mdInfo, err := os.Stat(filepath.Join(dir, "heading.md"))
	if err != nil {
		t.Fatal(err)
	}
	kiev := time.FixedZone("", 2*3600)
	want := []model.Article{
		{ID: "a-1", Title: "Array one", Date: date("2024-03-07"), Source: "formats", Body: "First element."},
		{ID: "array.json#2", Title: "Array two", Date: date("2024-03-07"), Source: "formats", Body: "Second element."},
		{ID: "generic.html", Title: "Ministers meet in Geneva", Date: time.Date(2024, 2, 29, 8, 15, 0, 0, time.UTC),
			Source: "example-times.com", URL: "https://www.example-times.com/world/geneva-meeting",
			Body: "Foreign ministers from both countries met in Geneva on Thursday for the first time in more than a year, officials said, in talks that both sides described as frank and useful.\n\n" +
				"The meeting, held at a lakeside hotel, lasted nearly five hours. Neither delegation released a joint statement afterwards, but each briefed reporters separately in the evening.\n\n" +
				"\"We agreed to keep talking,\" one minister told journalists. He added that working groups would meet again in March to discuss prisoner exchanges, energy supplies and the reopening of consulates.\n\n" +
				"Analysts cautioned that the talks were at an early stage and that major differences remained on security guarantees and sanctions relief, which both sides have called red lines."},
		{ID: "heading.md", Title: "Peace talks, *round two*", Date: mdInfo.ModTime(), Source: "formats",
			Body: "The second round opened in Istanbul.\n\nDate: not the header any more"},
		{ID: "plain.txt", Title: "Ushakov: talks with Washington continue", Date: date("2025-08-14"), Source: "formats",
			Body: "Yury Ushakov said on Thursday that contacts continue.\n\n\"We are in touch,\" he said."},
		{ID: "r-1", Title: "First record", Date: date("2024-03-05"), Source: "wire", URL: "https://example.org/1", Body: "Body of the first record."},
		{ID: "records.jsonl#2", Title: "Second record", Date: time.Date(2024, 3, 6, 10, 30, 0, 0, kiev), Source: "formats", Body: "Body from the text field."},
		{ID: "42", Title: "Third record", Source: "formats", Body: "Body from the content field."},
		{ID: "single.json", Title: "Single object", Date: time.Date(2024, 3, 7, 9, 0, 0, 0, time.UTC), Source: "formats", URL: "https://news.example.com/x", Body: "Only one."},
		{ID: "c-1", Title: "CSV one", Date: date("2024-03-08"), Source: "csvwire", URL: "https://example.org/c1", Body: "Body one, with a comma."},
		{ID: "table.csv#3", Title: "CSV two", Source: "formats", Body: "Body two\nover two lines."},
	}
	if len(r.arts) != len(want) {
		for _, a := range r.arts {
			t.Logf("got %q", a.ID)
		}
		t.Fatalf("got %d articles, want %d", len(r.arts), len(want))
	}
	for i, w := range want {
		g := r.arts[i]
		if g.ID != w.ID || g.Title != w.Title || !g.Date.Equal(w.Date) || g.Source != w.Source || g.URL != w.URL || g.Body != w.Body {
			t.Errorf("article %d:\n got %q %q %v %q %q %q\nwant %q %q %v %q %q %q", i,
				g.ID, g.Title, g.Date, g.Source, g.URL, g.Body, w.ID, w.Title, w.Date, w.Source, w.URL, w.Body)
		}
		if g.Path == "" || !strings.HasPrefix(g.Path, dir) {
			t.Errorf("%s: path %q", g.ID, g.Path)
		}
	}
	// The unrecognised Date: line of heading.md is a note, not a failure.
	notes := r.problemFor("heading.md")
	if len(notes) != 1 || !notes[0].Note || !strings.Contains(notes[0].Error(), `date "not the header any more" not recognised`) {
		t.Errorf("heading.md problems: %v", notes)
	}
}

// TestKremlinFixtures checks the HTML reader on the kremlin.ru pages kept in
// testdata against the records made from them: exact title, date, URL and
// body.
func TestKremlinFixtures(t *testing.T) {
	dir := filepath.Join("testdata", "kremlin")
	f, err := os.Open(filepath.Join(dir, "expected.jsonl"))
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	want := map[string]map[string]string{}
	sc := bufio.NewScanner(f)
	sc.Buffer(nil, 1<<20)
	for sc.Scan() {
		var rec map[string]string
		if err := json.Unmarshal(sc.Bytes(), &rec); err != nil {
			t.Fatal(err)
		}
		want[strings.TrimPrefix(rec["id"], "kremlin-")+".html"] = rec
	}
	r := walk(t, Options{}, dir)
	if r.err != nil || len(r.failures()) > 0 {
		t.Fatalf("err %v, failures %v", r.err, r.failures())
	}
	n := 0
	for _, a := range r.arts {
		w, ok := want[a.ID]
		if !ok {
			continue // NOTICE.md
		}
		n++
		if a.Title != w["title"] || a.DateString() != w["date"] || a.URL != w["url"] {
			t.Errorf("%s: got %q %q %q, want %q %q %q", a.ID, a.Title, a.DateString(), a.URL, w["title"], w["date"], w["url"])
		}
		if a.Source != "en.kremlin.ru" {
			t.Errorf("%s: source %q, want the URL's host", a.ID, a.Source)
		}
		if a.Body != w["body"] {
			t.Errorf("%s: body differs (word F1 %.3f)\n got %.300q\nwant %.300q", a.ID, wordF1(a.Body, w["body"]), a.Body, w["body"])
		}
	}
	if n != 4 {
		t.Errorf("matched %d pages, want 4", n)
	}
}

func TestGzip(t *testing.T) {
	dir := t.TempDir()
	writeGz(t, filepath.Join(dir, "a.jsonl.gz"), `{"title":"t1","body":"b1"}`+"\n"+`{"title":"t2","body":"b2"}`+"\n")
	writeGz(t, filepath.Join(dir, "b.txt.gz"), "Gz title\nDate: 2020-01-02\n\nGz body.\n")
	writeGz(t, filepath.Join(dir, "c.html.gz"), "<html><head><title>Page</title></head><body><article><p>"+strings.Repeat("Some words here. ", 60)+"</p></article></body></html>")
	write(t, filepath.Join(dir, "d.csv.gz"), "this is not gzip at all")
	writeGz(t, filepath.Join(dir, "e.bin.gz"), "whatever")
	r := walk(t, Options{}, dir)
	if r.err != nil {
		t.Fatal(r.err)
	}
	got := r.byID()
	if a := got["a.jsonl.gz#2"]; a.Title != "t2" || a.Body != "b2" {
		t.Errorf("a.jsonl.gz#2: %+v", a)
	}
	if a := got["b.txt.gz"]; a.Title != "Gz title" || a.Body != "Gz body." || a.DateString() != "2020-01-02" {
		t.Errorf("b.txt.gz: %+v", a)
	}
	if a := got["c.html.gz"]; a.Title != "Page" || !strings.HasPrefix(a.Body, "Some words here.") {
		t.Errorf("c.html.gz: %+v", a)
	}
	if len(r.arts) != 4 {
		t.Errorf("got %d articles, want 4", len(r.arts))
	}
	if p := r.problemFor("d.csv.gz"); len(p) != 1 || p[0].Note || !strings.Contains(p[0].Error(), "not a valid gzip file") {
		t.Errorf("d.csv.gz: %v", p)
	}
	if p := r.problemFor("e.bin.gz"); len(p) != 1 || !p[0].Note || !strings.Contains(p[0].Error(), "skipped: unsupported file type") {
		t.Errorf("e.bin.gz: %v", p)
	}
}

func TestTruncatedGzip(t *testing.T) {
	dir := t.TempDir()
	p := writeGz(t, filepath.Join(dir, "t.jsonl.gz"), strings.Repeat(`{"title":"t","body":"some body text that compresses"}`+"\n", 5000))
	b, _ := os.ReadFile(p)
	write(t, p, string(b[:len(b)/2]))
	r := walk(t, Options{}, dir)
	if len(r.arts) == 0 || len(r.arts) >= 5000 {
		t.Errorf("got %d articles, want the ones before the cut", len(r.arts))
	}
	if f := r.failures(); len(f) != 1 || !strings.Contains(f[0].Error(), "truncated or corrupt") {
		t.Errorf("failures: %v", f)
	}
}

// TestIDsAndOrder: IDs are slash paths relative to the ingested root, the
// order is sorted, and both are the same on every run.
func TestIDsAndOrder(t *testing.T) {
	dir := t.TempDir()
	root := filepath.Join(dir, "corpus")
	write(t, filepath.Join(root, "b.txt"), "B\nbody b")
	write(t, filepath.Join(root, "a", "z.txt"), "Z\nbody z")
	write(t, filepath.Join(root, "a", "y", "x.md"), "# X\nbody x")
	write(t, filepath.Join(root, "c.jsonl"), `{"body":"one"}`+"\n"+`{"id":"own","body":"two"}`+"\n")
	write(t, filepath.Join(root, ".hidden", "h.txt"), "H\nhidden")
	write(t, filepath.Join(root, ".h.txt"), "H\nhidden")
	var ids [][]string
	for run := 0; run < 2; run++ {
		r := walk(t, Options{}, root, filepath.Join(root, "b.txt"))
		if r.err != nil || len(r.probs) > 0 {
			t.Fatalf("err %v, problems %v", r.err, r.probs)
		}
		var got []string
		for _, a := range r.arts {
			got = append(got, a.ID)
			if a.Source != "corpus" {
				t.Errorf("%s: source %q, want the folder's name", a.ID, a.Source)
			}
		}
		ids = append(ids, got)
	}
	want := []string{"a/y/x.md", "a/z.txt", "b.txt", "c.jsonl#1", "own", "b.txt"}
	if !reflect.DeepEqual(ids[0], want) {
		t.Errorf("ids %q, want %q", ids[0], want)
	}
	if !reflect.DeepEqual(ids[0], ids[1]) {
		t.Errorf("ids differ between runs: %q vs %q", ids[0], ids[1])
	}
}

func TestUnsupportedIsANote(t *testing.T) {
	dir := t.TempDir()
	write(t, filepath.Join(dir, "photo.jpg"), "\xff\xd8\xff")
	write(t, filepath.Join(dir, "README"), "no extension")
	write(t, filepath.Join(dir, "ok.txt"), "Title\nbody")
	r := walk(t, Options{}, dir)
	if len(r.arts) != 1 || len(r.failures()) != 0 || len(r.probs) != 2 {
		t.Fatalf("arts %d, problems %v", len(r.arts), r.probs)
	}
	for _, p := range r.probs {
		if !p.Note || !strings.Contains(p.Error(), ": skipped: ") {
			t.Errorf("want a note reading PATH: skipped: ..., got %v (note=%v)", p, p.Note)
		}
	}
}

func TestProblemError(t *testing.T) {
	cases := []struct {
		p    Problem
		want string
	}{
		{Problem{Path: "a/b.jsonl", Line: 7, Err: errors.New("invalid JSON")}, "a/b.jsonl:7: invalid JSON"},
		{Problem{Path: "a/b.txt", Err: errors.New("empty file")}, "a/b.txt: empty file"},
		{Problem{Path: "x.pdf", Err: errors.New("skipped: unsupported file type .pdf"), Note: true}, "x.pdf: skipped: unsupported file type .pdf"},
	}
	for _, c := range cases {
		if got := c.p.Error(); got != c.want {
			t.Errorf("got %q, want %q", got, c.want)
		}
	}
	if !errors.Is(Problem{Path: "x", Err: fs.ErrPermission}, fs.ErrPermission) {
		t.Error("Problem does not unwrap")
	}
}

func TestSupported(t *testing.T) {
	for name, want := range map[string]bool{
		"a.txt": true, "a.MD": true, "x/y.jsonl": true, "a.json": true, "a.csv": true, "a.html": true,
		"a.htm": true, "a.jsonl.gz": true, "A.HTML.GZ": true, "a.gz": false, "a.pdf": false, "a": false,
		"a.tar.gz": false, "a.docx": false,
	} {
		if got := Supported(name); got != want {
			t.Errorf("Supported(%q) = %v, want %v", name, got, want)
		}
	}
}

func TestParseDate(t *testing.T) {
	cases := map[string]string{
		"2024-03-05":                     "2024-03-05",
		"2024-03-05T23:10:00Z":           "2024-03-05",
		"2024-03-05T23:10:00.123+03:00":  "2024-03-05",
		"2024-03-05 10:00:00":            "2024-03-05",
		"2024/03/05":                     "2024-03-05",
		"Tue, 05 Mar 2024 10:00:00 GMT":  "2024-03-05",
		"Tue, 5 Mar 2024 10:00:00 +0100": "2024-03-05",
		"March 5, 2024":                  "2024-03-05",
		"5 March 2024":                   "2024-03-05",
		"Mar 5, 2024":                    "2024-03-05",
		"Sept. 5, 2024":                  "2024-09-05",
		"March 5th, 2024":                "2024-03-05",
		"05.03.2024":                     "2024-03-05",
		"1709632800":                     "2024-03-05",
		"20240305":                       "2024-03-05",
	}
	for in, want := range cases {
		d, err := ParseDate(in)
		if err != nil || model.FormatDate(d) != want {
			t.Errorf("ParseDate(%q) = %v, %v; want %s", in, d, err, want)
		}
	}
	for _, bad := range []string{"", "yesterday", "2024-13-45", "32.01.2024", strings.Repeat("9", 100)} {
		if d, err := ParseDate(bad); err == nil {
			t.Errorf("ParseDate(%q) = %v, want an error", bad, d)
		}
	}
}

func TestReadFSFolderAndMissing(t *testing.T) {
	fsys := fstest.MapFS{
		"corpus/a.txt":       {Data: []byte("A\nbody a")},
		"corpus/sub/b.jsonl": {Data: []byte(`{"body":"b"}` + "\n")},
	}
	r := readFS(t, fsys, Options{}, "corpus", "missing.jsonl")
	if r.err != nil {
		t.Fatal(r.err)
	}
	got := []string{}
	for _, a := range r.arts {
		got = append(got, a.ID+"|"+a.Source)
	}
	if want := []string{"a.txt|corpus", "sub/b.jsonl#1|corpus"}; !reflect.DeepEqual(got, want) {
		t.Errorf("got %q, want %q", got, want)
	}
	if f := r.failures(); len(f) != 1 || f[0].Path != "missing.jsonl" || !strings.Contains(f[0].Error(), "no such file") {
		t.Errorf("failures: %v", f)
	}
}

func TestStopsOnEmitErrorAndCancel(t *testing.T) {
	dir := t.TempDir()
	var sb strings.Builder
	for i := 0; i < 100; i++ {
		sb.WriteString(`{"title":"t","body":"b"}` + "\n")
	}
	write(t, filepath.Join(dir, "a.jsonl"), sb.String())
	write(t, filepath.Join(dir, "b.jsonl"), sb.String())
	stop := errors.New("stop here")
	n := 0
	err := Walk(context.Background(), []string{dir}, Options{}, func(model.Article) error {
		n++
		if n == 10 {
			return stop
		}
		return nil
	}, nil)
	if !errors.Is(err, stop) || n != 10 {
		t.Errorf("err %v after %d articles, want %v after 10", err, n, stop)
	}

	ctx, cancel := context.WithCancel(context.Background())
	n = 0
	err = Walk(ctx, []string{dir}, Options{}, func(model.Article) error {
		n++
		if n == 5 {
			cancel()
		}
		return nil
	}, nil)
	if !errors.Is(err, context.Canceled) || n != 5 {
		t.Errorf("err %v after %d articles, want context.Canceled after 5", err, n)
	}
	err = ReadFS(ctx, data.Sample(), data.SampleFiles(), Options{}, func(model.Article) error { return nil }, nil)
	if !errors.Is(err, context.Canceled) {
		t.Errorf("ReadFS on a cancelled context: %v", err)
	}
}

func TestTextDetails(t *testing.T) {
	cases := []struct {
		name, in, title, body, date string
	}{
		{"crlf.txt", "\ufeffTitle\r\nDate: 2021-05-06\r\n\r\nLine one\r\nLine two\r\n", "Title", "Line one\nLine two", "2021-05-06"},
		{"setext.md", "Big Title\n=========\n\nBody here.", "Big Title", "Body here.", ""},
		{"front.md", "---\ntitle: \"Front title\"\ndate: 2022-02-02\nsource: fm\nurl: https://x.org/a\nid: fm-1\n---\n\nBody after front matter.", "Front title", "Body after front matter.", "2022-02-02"},
		{"datefirst.txt", "Date: 2023-04-05\nThe title\n\nThe body.", "The title", "The body.", "2023-04-05"},
		{"oneline.txt", "Just one line", "Just one line", "Just one line", ""},
		{"lead.txt", "\n\n   \n  Title with spaces  \n\n\n\nBody\n\n\n", "Title with spaces", "Body", ""},
		{"untitled.txt", strings.Repeat("A first paragraph with no title line above it. ", 5) + "\nSecond paragraph.",
			"A first paragraph with no title line above it. A first paragraph with no title line above it. A…",
			strings.Repeat("A first paragraph with no title line above it. ", 5) + "\nSecond paragraph.", ""},
	}
	dir := t.TempDir()
	for _, c := range cases {
		write(t, filepath.Join(dir, c.name), c.in)
	}
	r := walk(t, Options{}, dir)
	if len(r.failures()) > 0 {
		t.Fatalf("failures: %v", r.failures())
	}
	got := r.byID()
	for _, c := range cases {
		id := c.name
		if c.name == "front.md" {
			id = "fm-1"
		}
		a, ok := got[id]
		if !ok {
			t.Errorf("%s: missing", c.name)
			continue
		}
		if a.Title != c.title || a.Body != c.body || (c.date != "" && a.DateString() != c.date) {
			t.Errorf("%s: got %q %q %q, want %q %q %q", c.name, a.Title, a.Body, a.DateString(), c.title, c.body, c.date)
		}
		if c.name == "front.md" && (a.Source != "fm" || a.URL != "https://x.org/a") {
			t.Errorf("front matter source/url: %q %q", a.Source, a.URL)
		}
	}
}

func TestJSONDetails(t *testing.T) {
	dir := t.TempDir()
	write(t, filepath.Join(dir, "stream.json"), `{"title":"s1","body":"b1"}`+"\n"+`{"title":"s2","body":"b2"}`)
	write(t, filepath.Join(dir, "empty-array.json"), "[]")
	write(t, filepath.Join(dir, "scalar.json"), `"just a string"`)
	write(t, filepath.Join(dir, "broken.json"), "[\n"+`{"title":"ok","body":"fine"},`+"\n"+`{"title": "bad", "body": }`+"\n]")
	write(t, filepath.Join(dir, "trailing.json"), `[{"title":"x","body":"y"}] garbage`)
	write(t, filepath.Join(dir, "notitle.jsonl"), `{"body":"A body without a title that goes on and on for quite a while, more than a hundred characters in all, so it is cut."}`+"\n")
	write(t, filepath.Join(dir, "nobody.jsonl"), `{"title":"no body"}`+"\n"+`[1,2]`+"\n"+`{"title":"t","body":"b","date":"someday"}`+"\n")
	r := walk(t, Options{}, dir)
	got := r.byID()
	if got["stream.json#1"].Title != "s1" || got["stream.json#2"].Body != "b2" {
		t.Errorf("stream.json: %v", r.arts)
	}
	if a := got["broken.json#1"]; a.Title != "ok" {
		t.Errorf("broken.json: the record before the error is lost: %v", got)
	}
	a := got["notitle.jsonl#1"]
	if !strings.HasSuffix(a.Title, "…") || len([]rune(a.Title)) > 101 || !strings.HasPrefix(a.Title, "A body without a title") {
		t.Errorf("title from body: %q", a.Title)
	}
	if a := got["nobody.jsonl#3"]; a.Title != "t" || !a.Date.IsZero() {
		t.Errorf("bad date should leave the date empty: %+v", a)
	}
	checks := map[string]string{
		"empty-array.json": "no records",
		"scalar.json":      "want a JSON array of objects or one object, got a string",
		"broken.json":      "broken.json:3: invalid JSON",
		"trailing.json":    "unexpected data after the JSON array",
	}
	for file, want := range checks {
		p := r.problemFor(file)
		if len(p) != 1 || !strings.Contains(p[0].Error(), want) {
			t.Errorf("%s: problems %v, want one containing %q", file, p, want)
		}
	}
	p := r.problemFor("nobody.jsonl")
	if len(p) != 3 || p[0].Line != 1 || !strings.Contains(p[0].Error(), "no body") ||
		p[1].Line != 2 || !strings.Contains(p[1].Error(), "want a JSON object, got an array") ||
		p[2].Line != 3 || !p[2].Note || !strings.Contains(p[2].Error(), `date "someday" not recognised`) {
		t.Errorf("nobody.jsonl: %v", p)
	}
}

func TestProblemCapPerFile(t *testing.T) {
	dir := t.TempDir()
	var sb strings.Builder
	for i := 0; i < 250; i++ {
		sb.WriteString("{not json\n")
	}
	sb.WriteString(`{"title":"last","body":"still read"}` + "\n")
	write(t, filepath.Join(dir, "bad.jsonl"), sb.String())
	r := walk(t, Options{}, dir)
	if len(r.arts) != 1 || r.arts[0].ID != "bad.jsonl#251" {
		t.Errorf("arts: %v", r.arts)
	}
	if len(r.probs) != maxProblemsPerFile+1 || !strings.Contains(r.probs[len(r.probs)-1].Error(), "150 more bad records not shown") {
		t.Errorf("%d problems, last %v", len(r.probs), r.probs[len(r.probs)-1])
	}
}

func TestHTMLCharset(t *testing.T) {
	dir := t.TempDir()
	// "Привет, мир" and a paragraph in windows-1251, declared in <meta>.
	page := "<html><head><meta charset=\"windows-1251\"><title>\xcf\xf0\xe8\xe2\xe5\xf2, \xec\xe8\xf0</title></head>" +
		"<body><article><p>" + strings.Repeat("\xd2\xe5\xea\xf1\xf2 \xf1\xf2\xe0\xf2\xfc\xe8. ", 50) + "</p></article></body></html>"
	write(t, filepath.Join(dir, "ru.html"), page)
	r := walk(t, Options{}, dir)
	if len(r.arts) != 1 || len(r.probs) != 0 {
		t.Fatalf("arts %d, problems %v", len(r.arts), r.probs)
	}
	if a := r.arts[0]; a.Title != "Привет, мир" || !strings.HasPrefix(a.Body, "Текст статьи.") {
		t.Errorf("got %q %.40q", a.Title, a.Body)
	}
}

// TestHTMLStructuredMarkup: a page marking up its article body gets that
// text, with its summary first and page furniture removed, but long text
// blocks kept whatever their class names.
func TestHTMLStructuredMarkup(t *testing.T) {
	long := strings.Repeat("This paragraph is long enough to be real article text and not furniture. ", 12)
	page := `<html><head><meta property="og:title" content="The og title"><meta property="og:url" content="https://www.example.net/a/1">
<meta name="date" content="2023-07-01"></head><body>
<nav><a href="/">Home</a></nav>
<article itemscope itemtype="https://schema.org/NewsArticle">
<h1>Visible headline</h1>
<div itemprop="description"><p>The lead sentence.</p></div>
<div itemprop="articleBody">
<figure><img src="x.jpg"><figcaption>A caption</figcaption></figure>
<p>First   paragraph,
with a line break in the source.</p>
<div class="share-buttons"><a href="#">Share on X</a> <a href="#">Facebook</a></div>
<div class="article-media-body"><p>` + long + `</p></div>
<ul class="related-links"><li><a href="/b">Other story</a></li></ul>
<span hidden>hidden text</span><span style="display: none">also hidden</span>
<p>Last paragraph.<br>Second line.</p>
<script>var x = 1;</script>
</div></article>
<footer>Footer text</footer></body></html>`
	a, note, err := extractHTML([]byte(page))
	if err != nil || note != nil {
		t.Fatal(err, note)
	}
	want := "The lead sentence.\n\nFirst paragraph, with a line break in the source.\n\n" + strings.TrimSpace(long) +
		"\n\nLast paragraph.\n\nSecond line."
	if a.Body != want {
		t.Errorf("body\n got %q\nwant %q", a.Body, want)
	}
	if a.Title != "The og title" || a.URL != "https://www.example.net/a/1" || a.Source != "example.net" || a.DateString() != "2023-07-01" {
		t.Errorf("got %q %q %q %q", a.Title, a.URL, a.Source, a.DateString())
	}
}
