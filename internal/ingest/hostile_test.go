package ingest

import (
	"bytes"
	"context"
	"fmt"
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"testing"

	"github.com/workbench-dev/workbench/internal/model"
)

// makeUnreadable makes path (a file) unreadable. As root, permissions do not
// stop reads, so it is replaced by a symlink to /proc/self/mem, which opens
// but fails on read. It returns false when neither works.
func makeUnreadable(t *testing.T, path string) bool {
	t.Helper()
	if os.Geteuid() != 0 {
		write(t, path, "Secret\nnot for you")
		if err := os.Chmod(path, 0); err != nil {
			t.Fatal(err)
		}
		t.Cleanup(func() { os.Chmod(path, 0o644) })
		return true
	}
	if _, err := os.Stat("/proc/self/mem"); err != nil {
		return false
	}
	if err := os.Symlink("/proc/self/mem", path); err != nil {
		t.Fatal(err)
	}
	return true
}

// hostileCorpus builds the hostile corpus of issue 7 in dir (big files are
// generated here, never committed) and returns, for each bad file, a
// fragment its problem must contain.
func hostileCorpus(t *testing.T, dir string) map[string]string {
	t.Helper()
	bad := map[string]string{}
	write(t, filepath.Join(dir, "good.txt"), "Good title\nDate: 2024-01-02\n\nGood body.")
	write(t, filepath.Join(dir, "good.jsonl"), `{"id":"g1","title":"G1","body":"b1"}`+"\n")

	write(t, filepath.Join(dir, "binary.txt"), "\x7fELF\x02\x01\x01\x00\x00\x00\x00garbage")
	bad["binary.txt"] = "binary file (NUL byte at offset 7)"
	write(t, filepath.Join(dir, "image.html"), "\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR")
	bad["image.html"] = "binary file"
	write(t, filepath.Join(dir, "utf16.txt"), "\xff\xfeT\x00i\x00t\x00")
	bad["utf16.txt"] = "UTF-16 text is not supported"
	write(t, filepath.Join(dir, "latin1.txt"), "Title\nCaf\xe9 au lait")
	bad["latin1.txt"] = "latin1.txt:2: invalid UTF-8 at byte 9 (line 2)"
	write(t, filepath.Join(dir, "latin1.html"), "<html><body><p>Caf\xe9</p></body></html>")
	bad["latin1.html"] = "invalid UTF-8 at byte 18"

	write(t, filepath.Join(dir, "empty.txt"), "")
	bad["empty.txt"] = "empty file"
	write(t, filepath.Join(dir, "blank.md"), "\n\n   \n\t\n")
	bad["blank.md"] = "empty file"
	write(t, filepath.Join(dir, "empty.jsonl"), "")
	bad["empty.jsonl"] = "empty file"
	write(t, filepath.Join(dir, "empty.json"), "  \n")
	bad["empty.json"] = "empty file"
	write(t, filepath.Join(dir, "empty.csv"), "")
	bad["empty.csv"] = "empty file"
	write(t, filepath.Join(dir, "empty.html"), "<html><head><title>x</title></head><body><script>1</script></body></html>")
	bad["empty.html"] = "no article text found"

	// 100 MB of text: rejected from its size, never read.
	f, err := os.Create(filepath.Join(dir, "huge.txt"))
	if err != nil {
		t.Fatal(err)
	}
	line := []byte(strings.Repeat("All work and no play makes Jack a dull boy. ", 20) + "\n")
	for n := 0; n < 100<<20; n += len(line) {
		if _, err := f.Write(line); err != nil {
			t.Fatal(err)
		}
	}
	f.Close()
	bad["huge.txt"] = "huge.txt: skipped: file larger than 8 MiB (raise --max-doc-size)"

	// A JSONL line of 10 MB between two good lines.
	var big bytes.Buffer
	big.WriteString(`{"id":"before","title":"before","body":"fine"}` + "\n")
	big.WriteString(`{"title":"big","body":"`)
	big.WriteString(strings.Repeat("x", 10<<20))
	big.WriteString(`"}` + "\n")
	big.WriteString(`{"id":"after","title":"after","body":"fine too"}` + "\n")
	write(t, filepath.Join(dir, "bigline.jsonl"), big.String())
	bad["bigline.jsonl"] = "bigline.jsonl:2: skipped: line larger than 8 MiB (raise --max-doc-size)"

	// Wrong field types.
	write(t, filepath.Join(dir, "types.jsonl"), strings.Join([]string{
		`{"title": 5, "body": "x"}`,
		`{"title": "ok", "body": ["x"]}`,
		`{"title": "ok", "text": {"a": 1}}`,
		`{"title": "ok", "body": true}`,
		`{"id": "typed-ok", "title": "ok", "body": "fine"}`,
		`{"title": "unterminated`,
	}, "\n")+"\n")
	bad["types.jsonl"] = `types.jsonl:1: field "title": want a string, got a number`

	// Ragged CSV.
	write(t, filepath.Join(dir, "ragged.csv"), "id,title,body\n"+
		"c1,One,first body\n"+
		"c2,Two\n"+
		"c3,Three,body,extra\n"+
		"c4,Fo\"ur,bad quote\n"+
		"c5,Five,fifth body\n")
	bad["ragged.csv"] = "ragged.csv:3: row has 2 fields, the header has 3"

	// Deeply nested HTML.
	n := 200000
	write(t, filepath.Join(dir, "nested.html"), "<html><head><title>Deep</title></head><body>"+
		strings.Repeat("<div>", n)+"<p>deep text</p>"+strings.Repeat("</div>", n)+"</body></html>")

	if makeUnreadable(t, filepath.Join(dir, "unreadable.txt")) {
		bad["unreadable.txt"] = "unreadable.txt: "
	}

	// Symlink loops: a folder linking to its parent, and links to each other.
	if err := os.MkdirAll(filepath.Join(dir, "loop", "sub"), 0o755); err != nil {
		t.Fatal(err)
	}
	write(t, filepath.Join(dir, "loop", "sub", "inside.txt"), "Inside\nthe loop")
	if err := os.Symlink("..", filepath.Join(dir, "loop", "sub", "up")); err != nil {
		t.Fatal(err)
	}
	bad["loop/sub/up"] = "symlink loop"
	os.Symlink("ping.txt", filepath.Join(dir, "pong.txt"))
	os.Symlink("pong.txt", filepath.Join(dir, "ping.txt"))
	bad["ping.txt"] = "cannot follow symlink"
	bad["pong.txt"] = "cannot follow symlink"
	os.Symlink("nowhere.txt", filepath.Join(dir, "dangling.txt"))
	bad["dangling.txt"] = "broken symlink"
	return bad
}

// TestHostileCorpus: every bad file is named with its reason, everything
// good is read, nothing panics.
func TestHostileCorpus(t *testing.T) {
	dir := t.TempDir()
	bad := hostileCorpus(t, dir)
	r := walk(t, Options{}, dir)
	if r.err != nil {
		t.Fatal(r.err)
	}
	for file, want := range bad {
		ps := r.problemFor(file)
		found := false
		for _, p := range ps {
			if strings.Contains(p.Error(), want) && !p.Note {
				found = true
			}
			if !strings.HasPrefix(p.Path, dir) {
				t.Errorf("problem path %q does not name the file", p.Path)
			}
		}
		if !found {
			t.Errorf("%s: problems %v, want a failure containing %q", file, ps, want)
		}
	}
	got := r.byID()
	for _, id := range []string{"good.txt", "g1", "before", "after", "typed-ok", "c1", "c5", "nested.html", "loop/sub/inside.txt"} {
		if _, ok := got[id]; !ok {
			t.Errorf("good document %s missing", id)
		}
	}
	if a := got["nested.html"]; a.Title != "Deep" || a.Body != "deep text" {
		t.Errorf("nested.html: %q %q", a.Title, a.Body)
	}
	// Per-record problems of types.jsonl and ragged.csv, with lines.
	wantLines := map[string][]string{
		"types.jsonl": {
			`:1: field "title": want a string, got a number`,
			`:2: field "body": want a string, got an array`,
			`:3: field "text": want a string, got an object`,
			`:4: field "body": want a string, got a boolean`,
			`:6: invalid JSON`,
		},
		"ragged.csv": {
			":3: row has 2 fields, the header has 3",
			":4: row has 4 fields, the header has 3",
			":5: bad CSV row:",
		},
	}
	for file, wants := range wantLines {
		ps := r.problemFor(file)
		if len(ps) != len(wants) {
			t.Errorf("%s: %d problems %v, want %d", file, len(ps), ps, len(wants))
			continue
		}
		for i, w := range wants {
			if !strings.Contains(ps[i].Error(), w) {
				t.Errorf("%s: problem %d is %q, want %q", file, i, ps[i].Error(), w)
			}
		}
	}
	if testing.Verbose() {
		for _, p := range r.probs {
			t.Logf("note=%v %v", p.Note, p)
		}
	}
}

// allocDuring returns the bytes allocated while f runs.
func allocDuring(f func()) uint64 {
	var before, after runtime.MemStats
	runtime.GC()
	runtime.ReadMemStats(&before)
	f()
	runtime.ReadMemStats(&after)
	return after.TotalAlloc - before.TotalAlloc
}

// TestHugeFileMemory: the 100 MB text file is rejected from its size
// without being read, and a gzipped one (whose size is unknown) is read
// only up to the limit.
func TestHugeFileMemory(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, "huge.txt")
	content := strings.Repeat("All work and no play makes Jack a dull boy.\n", (100<<20)/44)
	write(t, path, content)
	writeGz(t, filepath.Join(dir, "huge.txt.gz"), content)
	content = ""

	var r result
	alloc := allocDuring(func() { r = walk(t, Options{}, path) })
	if len(r.probs) != 1 || r.probs[0].Error() != path+": skipped: file larger than 8 MiB (raise --max-doc-size)" {
		t.Errorf("problems: %v", r.probs)
	}
	if alloc > 1<<20 {
		t.Errorf("rejecting a 100 MB file allocated %d bytes, want < 1 MiB (it must not be read)", alloc)
	}

	alloc = allocDuring(func() { r = walk(t, Options{MaxDocBytes: 1 << 20}, filepath.Join(dir, "huge.txt.gz")) })
	if len(r.probs) != 1 || !strings.Contains(r.probs[0].Error(), "skipped: file larger than 1 MiB") {
		t.Errorf("problems: %v", r.probs)
	}
	if alloc > 8<<20 {
		t.Errorf("a gzipped 100 MB file with a 1 MiB limit allocated %d bytes, want < 8 MiB", alloc)
	}
}

// TestLongJSONLLine: a 10 MB line is skipped under the default limit without
// being held beyond it, and read under a larger one.
func TestLongJSONLLine(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, "big.jsonl")
	body := strings.Repeat("word ", 2<<20) // 10 MiB
	write(t, path, `{"id":"a","body":"x"}`+"\n"+`{"id":"big","body":"`+body+`"}`+"\n"+`{"id":"c","body":"z"}`+"\n")

	var r result
	alloc := allocDuring(func() { r = walk(t, Options{MaxDocBytes: 1 << 20}, path) })
	if len(r.arts) != 2 || r.arts[0].ID != "a" || r.arts[1].ID != "c" {
		t.Errorf("arts: %d", len(r.arts))
	}
	if len(r.probs) != 1 || r.probs[0].Error() != path+":2: skipped: line larger than 1 MiB (raise --max-doc-size)" {
		t.Errorf("problems: %v", r.probs)
	}
	if alloc > 4<<20 {
		t.Errorf("skipping a 10 MB line with a 1 MiB limit allocated %d bytes, want < 4 MiB", alloc)
	}

	r = walk(t, Options{MaxDocBytes: 16 << 20}, path)
	if len(r.arts) != 3 || len(r.probs) != 0 || len(r.arts[1].Body) != len(strings.TrimSpace(body)) {
		t.Errorf("with a 16 MiB limit: %d arts, problems %v", len(r.arts), r.probs)
	}
}

// TestBigRecordsOtherFormats: the limit holds for JSON arrays and CSV rows.
func TestBigRecordsOtherFormats(t *testing.T) {
	dir := t.TempDir()
	big := strings.Repeat("y", 3<<20)
	write(t, filepath.Join(dir, "arr.json"), `[{"id":"s","body":"small"},`+"\n"+`{"id":"b","body":"`+big+`"},`+"\n"+`{"id":"t","body":"tail"}]`)
	write(t, filepath.Join(dir, "rows.csv"), "id,body\ns,small\nb,"+big+"\nt,tail\n")
	var r result
	alloc := allocDuring(func() { r = walk(t, Options{MaxDocBytes: 1 << 20}, dir) })
	got := r.byID()
	for _, id := range []string{"s", "t"} {
		if _, ok := got[id]; !ok {
			t.Errorf("%s missing", id)
		}
	}
	if _, ok := got["b"]; ok {
		t.Error("the big record got in")
	}
	if p := r.problemFor("arr.json"); len(p) != 1 || !strings.Contains(p[0].Error(), "arr.json:2: skipped: record larger than 1 MiB") {
		t.Errorf("arr.json: %v", p)
	}
	if p := r.problemFor("rows.csv"); len(p) != 1 || !strings.Contains(p[0].Error(), "rows.csv:3: skipped: row larger than 1 MiB") {
		t.Errorf("rows.csv: %v", p)
	}
	if alloc > 40<<20 {
		t.Errorf("allocated %d bytes", alloc)
	}

	// A record far beyond the window ends the file with a clear message.
	huge := strings.Repeat("z", 12<<20)
	write(t, filepath.Join(dir, "arr.json"), `[{"id":"s","body":"small"},{"id":"b","body":"`+huge+`"}]`)
	os.Remove(filepath.Join(dir, "rows.csv"))
	r = walk(t, Options{MaxDocBytes: 1 << 20}, dir)
	if len(r.arts) != 1 || len(r.probs) != 1 || !strings.Contains(r.probs[0].Error(), "larger than 1 MiB") {
		t.Errorf("arts %d, problems %v", len(r.arts), r.probs)
	}
}

func TestUnreadableFolder(t *testing.T) {
	if os.Geteuid() == 0 {
		t.Skip("root reads every folder; the unreadable file case covers root")
	}
	dir := t.TempDir()
	sub := filepath.Join(dir, "locked")
	write(t, filepath.Join(sub, "a.txt"), "A\nb")
	write(t, filepath.Join(dir, "ok.txt"), "OK\nbody")
	if err := os.Chmod(sub, 0); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { os.Chmod(sub, 0o755) })
	r := walk(t, Options{}, dir)
	if len(r.arts) != 1 {
		t.Errorf("arts: %d", len(r.arts))
	}
	if p := r.problemFor("locked"); len(p) != 1 || !strings.Contains(p[0].Error(), "permission denied") {
		t.Errorf("problems: %v", r.probs)
	}
}

func TestSymlinkedFolderReadOnce(t *testing.T) {
	dir := t.TempDir()
	write(t, filepath.Join(dir, "real", "a.txt"), "A\nbody")
	if err := os.Symlink("real", filepath.Join(dir, "alias")); err != nil {
		t.Fatal(err)
	}
	r := walk(t, Options{}, dir)
	if len(r.arts) != 1 || r.arts[0].ID != "alias/a.txt" {
		t.Errorf("arts: %v", r.arts)
	}
	if p := r.problemFor("real"); len(p) != 1 || !p[0].Note || !strings.Contains(p[0].Error(), "already read") {
		t.Errorf("problems: %v", r.probs)
	}
}

func TestDeepHTMLUnderLimitIsParsed(t *testing.T) {
	n := maxHTMLDepth - 20
	page := "<html><head><title>T</title></head><body>" + strings.Repeat("<div>", n) +
		"<p>" + strings.Repeat("Words of the text. ", 40) + "</p>" + strings.Repeat("</div>", n) + "</body></html>"
	a, note, err := extractHTML([]byte(page))
	if err != nil || note != nil || !strings.HasPrefix(a.Body, "Words of the text.") {
		t.Errorf("err %v note %v body %.40q", err, note, a.Body)
	}
}

func ExampleWalk() {
	dir, _ := os.MkdirTemp("", "ingest-example")
	defer os.RemoveAll(dir)
	os.WriteFile(filepath.Join(dir, "note.txt"), []byte("Talks resume\nDate: 2025-08-14\n\nBoth sides met again."), 0o644)
	os.WriteFile(filepath.Join(dir, "photo.jpg"), []byte{0xff, 0xd8}, 0o644)
	Walk(context.Background(), []string{dir}, Options{},
		func(a model.Article) error {
			fmt.Printf("%s | %s | %s | %s\n", a.ID, a.Title, a.DateString(), a.Body)
			return nil
		},
		func(p Problem) { fmt.Println(strings.TrimPrefix(p.Error(), dir+string(filepath.Separator))) })
	// Output:
	// note.txt | Talks resume | 2025-08-14 | Both sides met again.
	// photo.jpg: skipped: unsupported file type .jpg (want .txt .md .jsonl .json .csv .html .htm, or .gz of these)
}
