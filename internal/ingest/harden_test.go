package ingest

import (
	"bufio"
	"bytes"
	"errors"
	"io"
	"path/filepath"
	"strings"
	"testing"
)

// Issue 12 item 7: `[s1, s2 (3 MB), s3, s4]` with a 1 KB limit gave
// "indexed 1, failed 1": everything after the big element was dropped.
func TestOversizedJSONArrayElementSkipsOnlyIt(t *testing.T) {
	dir := t.TempDir()
	// The big element holds brackets, braces and escaped quotes in strings
	// and nested arrays, so finding its end needs a real scan.
	big := `{"id":"s2","body":"` + strings.Repeat(`[{\"x\"}] `, 300000) + `","tags":[[1,2],{"a":"]"}]}`
	path := write(t, filepath.Join(dir, "arr.json"), "[\n"+`{"id":"s1","body":"one"},`+"\n"+big+",\n"+
		`{"id":"s3","body":"three"}, {"id":"s4","body":"four [x]"}`+"\n]\n")
	r := walk(t, Options{MaxDocBytes: 1 << 10}, path)
	got := r.byID()
	for _, id := range []string{"s1", "s3", "s4"} {
		if _, ok := got[id]; !ok {
			t.Errorf("%s missing; problems %v", id, r.probs)
		}
	}
	if len(r.arts) != 3 {
		t.Errorf("%d documents, want 3", len(r.arts))
	}
	if len(r.probs) != 1 || r.probs[0].Error() != path+":3: skipped: record larger than 1 KiB (raise --max-doc-size)" {
		t.Errorf("problems: %v", r.probs)
	}
	if got["s4"].Body != "four [x]" {
		t.Errorf("s4 body %q", got["s4"].Body)
	}
}

// A broken element is reported by line and the rest of the array is read.
func TestJSONArrayBadElementAndTrailer(t *testing.T) {
	dir := t.TempDir()
	path := write(t, filepath.Join(dir, "arr.json"), `[{"id":"a","body":"x"},`+"\n"+`{"id":"b" "body":"y"},`+"\n"+`42, {"id":"c","body":"z"}] trailing`)
	r := walk(t, Options{}, path)
	if len(r.arts) != 2 || r.byID()["c"].Body != "z" {
		t.Errorf("arts %v", r.arts)
	}
	var lines []int
	for _, p := range r.failures() {
		lines = append(lines, p.Line)
	}
	if len(lines) != 3 || lines[0] != 2 || lines[1] != 3 || lines[2] != 3 {
		t.Errorf("problems %v", r.probs)
	}
	r = walk(t, Options{}, write(t, filepath.Join(dir, "cut.json"), `[{"id":"a","body":"x"}, {"id":"b","body":"y`))
	if len(r.arts) != 1 || len(r.failures()) != 1 || !strings.Contains(r.failures()[0].Error(), "unexpected end of file") {
		t.Errorf("cut array: %v %v", r.arts, r.probs)
	}
	r = walk(t, Options{}, write(t, filepath.Join(dir, "empty.json"), " [ ] "))
	if len(r.failures()) != 1 || !strings.Contains(r.failures()[0].Error(), "the array is empty") {
		t.Errorf("empty array: %v", r.probs)
	}
}

// Same rule for JSONL lines and CSV rows: one oversized record is named and
// skipped, however big, and the rest are read with the right line numbers.
func TestOversizedJSONLLineAndCSVRowSkipOnlyThem(t *testing.T) {
	dir := t.TempDir()
	huge := strings.Repeat("w", 3<<20)
	jl := write(t, filepath.Join(dir, "a.jsonl"), `{"id":"1","body":"a"}`+"\n"+`{"id":"2","body":"`+huge+`"}`+"\n"+`{"id":"3","body":"c"}`+"\n")
	r := walk(t, Options{MaxDocBytes: 1 << 10}, jl)
	if len(r.arts) != 2 || len(r.probs) != 1 || r.probs[0].Line != 2 {
		t.Errorf("jsonl: %d arts, %v", len(r.arts), r.probs)
	}
	cs := write(t, filepath.Join(dir, "rows.csv"), "id,body\ns1,small\n"+
		"s2,\"quoted \"\"big\"\"\n"+huge+"\nstill, inside\"\n"+
		"s3,\"multi\nline\"\ns4,\"tail\"\n")
	r = walk(t, Options{MaxDocBytes: 1 << 10}, cs)
	got := r.byID()
	for _, id := range []string{"s1", "s3", "s4"} {
		if _, ok := got[id]; !ok {
			t.Errorf("csv: %s missing; problems %v", id, r.probs)
		}
	}
	if len(r.arts) != 3 || got["s3"].Body != "multi\nline" {
		t.Errorf("csv: %d arts; s3 %q", len(r.arts), got["s3"].Body)
	}
	if len(r.probs) != 1 || r.probs[0].Error() != cs+":3: skipped: row larger than 1 KiB (raise --max-doc-size)" {
		t.Errorf("csv problems: %v", r.probs)
	}
	// The line numbers after the skipped row are still right: a bad row
	// after it is named by its own line.
	cs2 := write(t, filepath.Join(dir, "rows2.csv"), "id,body\nbig,\""+huge+"\"\nx,ok\nbad\"quote,y\nz,fine\n")
	r = walk(t, Options{MaxDocBytes: 1 << 10}, cs2)
	if len(r.arts) != 2 || len(r.probs) != 2 || r.probs[0].Line != 2 || r.probs[1].Line != 4 {
		t.Errorf("csv2: %d arts, %v", len(r.arts), r.probs)
	}
	// A skipped row made of line breaks does not count against the next.
	cs3 := write(t, filepath.Join(dir, "rows3.csv"), "id,body\nbig,\""+strings.Repeat("\n", 5000)+"\"\nx,ok\n")
	r = walk(t, Options{MaxDocBytes: 1 << 10}, cs3)
	if len(r.arts) != 1 || len(r.probs) != 1 || r.probs[0].Line != 2 {
		t.Errorf("csv3: %d arts, %v", len(r.arts), r.probs)
	}
}

// Issue 12 item 12: a small .gz holding gigabytes of newlines took minutes.
// The expanded size is capped; the file is named and the next one is read.
func TestGzipExpansionCap(t *testing.T) {
	dir := t.TempDir()
	bomb := writeGz(t, filepath.Join(dir, "a-bomb.jsonl.gz"), `{"id":"early","body":"before the bomb"}`+"\n"+strings.Repeat("\n", 4<<20)+`{"id":"late","body":"x"}`+"\n")
	good := writeGz(t, filepath.Join(dir, "b-good.jsonl.gz"), `{"id":"good","body":"fine"}`+"\n")
	txt := writeGz(t, filepath.Join(dir, "c-big.txt.gz"), "Title\n\n"+strings.Repeat("word ", 1<<20))
	r := walk(t, Options{MaxExpandedBytes: 1 << 20}, dir)
	got := r.byID()
	if _, ok := got["good"]; !ok {
		t.Errorf("the file after the bomb was not read: %v", r.probs)
	}
	if _, ok := got["late"]; ok {
		t.Error("read past the cap")
	}
	bp := r.problemFor("a-bomb.jsonl.gz")
	if len(bp) != 1 || !strings.Contains(bp[0].Error(), bomb+": skipped the rest: it decompresses to more than 1 MiB") {
		t.Errorf("bomb problems: %v", bp)
	}
	var ee *ExpandedTooLargeError
	if len(bp) == 1 && !errors.As(bp[0], &ee) {
		t.Errorf("not an *ExpandedTooLargeError: %T", bp[0].Err)
	}
	if tp := r.problemFor("c-big.txt.gz"); len(tp) != 1 || !strings.Contains(tp[0].Error(), txt+": skipped the rest: it decompresses to more than 1 MiB") {
		t.Errorf("text problems: %v", tp)
	}
	_ = good
	// The default cap lets ordinary files through.
	r = walk(t, Options{}, bomb)
	if len(r.arts) != 2 {
		t.Errorf("default cap: %d arts, %v", len(r.arts), r.probs)
	}
}

// FuzzCSVSkipper: with no row over the limit the skipper passes the bytes
// through unchanged; with any limit it keeps every line break (so line
// numbers stay right) and never grows the input.
func FuzzCSVSkipper(f *testing.F) {
	f.Add([]byte("id,body\na,\"x\ny\"\nb,\"q\"\"q\"\r\nc,bare\"quote\n"), uint16(4))
	f.Add([]byte("h\n\"unterminated\nrow\n"), uint16(1))
	f.Fuzz(func(t *testing.T, data []byte, max uint16) {
		read := func(limit int64) ([]byte, int) {
			skipped := 0
			s := newCSVSkipper(bufio.NewReaderSize(bytes.NewReader(data), 16), limit, func(int) { skipped++ })
			out, err := io.ReadAll(s)
			if err != nil {
				t.Fatal(err)
			}
			return out, skipped
		}
		if out, n := read(int64(len(data)) + 1); !bytes.Equal(out, data) || n != 0 {
			t.Fatalf("no limit hit: %q -> %q (%d skipped)", data, out, n)
		}
		out, _ := read(int64(max))
		if bytes.Count(out, []byte{'\n'}) != bytes.Count(data, []byte{'\n'}) || len(out) > len(data) {
			t.Fatalf("limit %d: %q -> %q", max, data, out)
		}
	})
}
