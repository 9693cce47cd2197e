package main

import (
	"bufio"
	"encoding/json"
	"fmt"
	"io/fs"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/workbench-dev/workbench/internal/index"

	"github.com/workbench-dev/workbench/data"
	"github.com/workbench-dev/workbench/internal/workspace"
)

// ixFixture writes a small corpus: three JSONL articles (one with a hostile
// title), a bad JSONL line, a text file, and the embedded seed article.
func ixFixture(t *testing.T) string {
	t.Helper()
	dir := t.TempDir()
	lines := []map[string]string{
		{"id": "k-1", "title": "Meeting with Sergei Lavrov", "date": "2025-08-10", "source": "kremlin.ru", "url": "http://en.kremlin.ru/events/1",
			"body": `Vladimir Putin held a meeting with Foreign Minister Sergei Lavrov. "We are ready for peace talks, but not at any price," Putin said. Lavrov noted that the talks with the United States would continue.`},
		{"id": "k-2", "title": "Telephone conversation \x1b]0;pwned\x07with Donald Trump", "date": "2025-10-16", "source": "kremlin.ru",
			"body": `Vladimir Putin and Donald Trump discussed the situation around Ukraine. Putin warned that supplying Tomahawk missiles to Kyiv would mean "a whole new level of escalation" in relations.`},
		{"id": "k-3", "title": "Statement by Dmitry Peskov", "date": "2024-01-05", "source": "tass.com",
			"body": "Dmitry Peskov commented on the momentum of the negotiations. \"There is no momentum yet,\" Peskov told reporters."},
	}
	var b strings.Builder
	for i, l := range lines {
		js, _ := json.Marshal(l)
		b.Write(js)
		b.WriteByte('\n')
		if i == 1 {
			b.WriteString("{\"id\": broken\n")
		}
	}
	if err := os.WriteFile(filepath.Join(dir, "news.jsonl"), []byte(b.String()), 0o600); err != nil {
		t.Fatal(err)
	}
	os.WriteFile(filepath.Join(dir, "note.txt"), []byte("Ryabkov on strategic stability\n\nSergei Ryabkov said the momentum in strategic stability talks was lost.\n"), 0o600)
	seed, err := fs.ReadFile(data.Sample(), "seed.jsonl")
	if err != nil {
		t.Fatal(err)
	}
	os.WriteFile(filepath.Join(dir, "seed.jsonl"), seed, 0o600)
	return dir
}

// ixIndexed returns a workspace with the fixture indexed.
func ixIndexed(t *testing.T) (home, corpus string) {
	t.Helper()
	home, corpus = filepath.Join(t.TempDir(), "ws"), ixFixture(t)
	_, errOut, code := rootTestRun(t, "--home", home, "index", corpus)
	if code != 1 || !strings.Contains(errOut, "indexed 5, unchanged 0, failed 1 in ") {
		t.Fatalf("index: code %d, stderr:\n%s", code, errOut)
	}
	return home, corpus
}

func TestIndexCommand(t *testing.T) {
	home, corpus := ixIndexed(t)
	// Re-running is incremental; the bad line is reported again by file
	// and line.
	_, errOut, code := rootTestRun(t, "--home", home, "index", corpus)
	if code != 1 || !strings.Contains(errOut, "indexed 0, unchanged 5, failed 1 in ") {
		t.Fatalf("second index: %d\n%s", code, errOut)
	}
	if !strings.Contains(errOut, filepath.Join(corpus, "news.jsonl")+":3:") {
		t.Errorf("bad line not named by file:line:\n%s", errOut)
	}
	// Only good files: exit 0.
	good := t.TempDir()
	os.WriteFile(filepath.Join(good, "a.txt"), []byte("Peace\n\nA short note about peace.\n"), 0o600)
	_, errOut, code = rootTestRun(t, "--home", home, "index", good)
	if code != 0 || !strings.Contains(errOut, "indexed 1, unchanged 0, failed 0") {
		t.Errorf("good files: %d\n%s", code, errOut)
	}
	// Files and folders of the workspace are private.
	filepath.Walk(home, func(p string, info os.FileInfo, err error) error {
		if err != nil {
			return err
		}
		if info.IsDir() && info.Mode().Perm() != 0o700 || !info.IsDir() && info.Mode().Perm() != 0o600 {
			t.Errorf("%s: mode %v", p, info.Mode().Perm())
		}
		return nil
	})
	// Misuse.
	if _, _, code := rootTestRun(t, "--home", home, "index"); code != 2 {
		t.Errorf("index without paths: exit %d", code)
	}
	if _, e, code := rootTestRun(t, "--home", home, "index", "--max-doc-size", "lots", good); code != 2 || !strings.Contains(e, "--max-doc-size") {
		t.Errorf("bad size: exit %d %s", code, e)
	}
	if _, e, code := rootTestRun(t, "--home", home, "index", "--nice", "25", good); code != 2 || !strings.Contains(e, "--nice 25: use 0 (keep the priority) to 19") {
		t.Errorf("bad --nice: exit %d %s", code, e)
	}
	// A document over the size limit is skipped with a reason.
	_, errOut, code = rootTestRun(t, "--home", t.TempDir(), "index", "--max-doc-size", "100B", corpus)
	if code != 1 || !strings.Contains(errOut, "larger than") {
		t.Errorf("size limit: %d\n%s", code, errOut)
	}
}

func TestIxParseSize(t *testing.T) {
	for in, want := range map[string]int64{"100": 100, "2KB": 2048, "8MB": 8 << 20, "1.5k": 1536, "1GiB": 1 << 30, "10 mb": 10 << 20} {
		if got, err := ixParseSize(in); err != nil || got != want {
			t.Errorf("%q: %d %v, want %d", in, got, err, want)
		}
	}
	for _, in := range []string{"", "x", "-1", "0", "5TB"} {
		if _, err := ixParseSize(in); err == nil {
			t.Errorf("%q: no error", in)
		}
	}
}

func TestSearchCommand(t *testing.T) {
	home, _ := ixIndexed(t)
	out, errOut, code := rootTestRun(t, "--home", home, "search", "--json", "tomahawk")
	if code != 0 {
		t.Fatalf("search: %d %s", code, errOut)
	}
	lines := strings.Split(strings.TrimSpace(out), "\n")
	if len(lines) != 2 || !strings.Contains(lines[1], "seed-ushakov-alaska-talks") {
		t.Fatalf("want k-2 and the seed, got:\n%s", out)
	}
	var m map[string]any
	if err := json.Unmarshal([]byte(lines[0]), &m); err != nil {
		t.Fatal(err)
	}
	for _, k := range []string{"id", "title", "date", "source", "url", "score", "fragments"} {
		if _, ok := m[k]; !ok {
			t.Errorf("missing key %q in %s", k, lines[0])
		}
	}
	if len(m) != 7 {
		t.Errorf("extra keys: %s", lines[0])
	}
	if m["id"] != "k-2" || m["date"] != "2025-10-16" || m["url"] != "" {
		t.Errorf("hit: %s", lines[0])
	}
	// JSON keeps the title exact (encoded, not stripped).
	if m["title"] != "Telephone conversation \x1b]0;pwned\x07with Donald Trump" {
		t.Errorf("title %q", m["title"])
	}
	frags, _ := m["fragments"].([]any)
	if len(frags) == 0 || !strings.Contains(frags[0].(string), "<mark>Tomahawk</mark>") {
		t.Errorf("fragments: %v", frags)
	}

	// Best first, --limit.
	out, _, code = rootTestRun(t, "--home", home, "search", "--json", "--limit", "2", "putin")
	if n := strings.Count(out, "\n"); code != 0 || n != 2 {
		t.Errorf("limit 2: %d lines\n%s", n, out)
	}
	var prev float64 = 1e9
	for _, l := range strings.Split(strings.TrimSpace(out), "\n") {
		var h struct{ Score float64 }
		json.Unmarshal([]byte(l), &h)
		if h.Score > prev {
			t.Errorf("not best first: %s", out)
		}
		prev = h.Score
	}

	// Readable output is sanitised.
	out, _, code = rootTestRun(t, "--home", home, "search", "trump")
	if code != 0 || !strings.Contains(out, "Telephone conversation") || strings.ContainsAny(out, "\x1b\x07") {
		t.Errorf("readable: %q", out)
	}
	if !strings.Contains(out, "[Trump]") {
		t.Errorf("readable marks: %s", out)
	}

	// Shortcuts: actor names resolve through the registry.
	out, _, code = rootTestRun(t, "--home", home, "search", "--json", "@Lavrov", "talks")
	if code != 0 || !strings.Contains(out, `"id":"k-1"`) || strings.Count(out, "\n") != 1 {
		t.Errorf("@Lavrov talks: %d\n%s", code, out)
	}
	out, _, code = rootTestRun(t, "--home", home, "search", "--json", `"peace talks"`)
	if code != 0 || !strings.Contains(out, `"id":"k-1"`) {
		t.Errorf("phrase: %s", out)
	}
	out, _, _ = rootTestRun(t, "--home", home, "search", "--json", "speaker:peskov")
	if !strings.Contains(out, `"id":"k-3"`) {
		t.Errorf("speaker: %s", out)
	}
	// #label with no tag store: no hits, no error.
	out, errOut, code = rootTestRun(t, "--home", home, "search", "#escalatory")
	if code != 0 || !strings.Contains(out, "no hits") {
		t.Errorf("#label: %d %s %s", code, out, errOut)
	}
	// Errors.
	_, errOut, code = rootTestRun(t, "--home", home, "search", "title:")
	if code != 2 || !strings.Contains(errOut, "invalid query") {
		t.Errorf("bad syntax: %d %s", code, errOut)
	}
	_, errOut, code = rootTestRun(t, "--home", home, "search", "@nobody")
	if code != 2 || !strings.Contains(errOut, "nobody") {
		t.Errorf("unknown actor: %d %s", code, errOut)
	}
	_, errOut, code = rootTestRun(t, "--home", t.TempDir(), "search", "x")
	if code != 1 || !strings.Contains(errOut, "workbench index PATH") || !strings.Contains(errOut, "`workbench`") {
		t.Errorf("no index: %d %s", code, errOut)
	}
	if _, _, code := rootTestRun(t, "--home", home, "search"); code != 2 {
		t.Errorf("no query: exit %d", code)
	}
}

func TestShowCommand(t *testing.T) {
	home, _ := ixIndexed(t)
	out, errOut, code := rootTestRun(t, "--home", home, "show", "--json", "seed-ushakov-alaska-talks")
	if code != 0 {
		t.Fatalf("show: %d %s", code, errOut)
	}
	var m map[string]json.RawMessage
	if err := json.Unmarshal([]byte(out), &m); err != nil {
		t.Fatal(err)
	}
	for _, k := range []string{"id", "title", "date", "source", "url", "body", "mentions", "quotes"} {
		if _, ok := m[k]; !ok {
			t.Errorf("missing %q", k)
		}
	}
	var doc struct {
		Body     string
		Mentions []map[string]any
		Quotes   []map[string]any
	}
	json.Unmarshal([]byte(out), &doc)
	if len(doc.Mentions) == 0 || len(doc.Quotes) < 5 {
		t.Fatalf("analysis: %d mentions, %d quotes", len(doc.Mentions), len(doc.Quotes))
	}
	for _, k := range []string{"id", "text", "start", "end", "kind", "speaker", "speaker_start", "speaker_end", "cue", "rule", "confidence"} {
		if _, ok := doc.Quotes[0][k]; !ok {
			t.Errorf("quote key %q missing: %v", k, doc.Quotes[0])
		}
	}
	// Offsets are code points into the body.
	rs := []rune(doc.Body)
	for _, q := range doc.Quotes {
		s, e := int(q["start"].(float64)), int(q["end"].(float64))
		if string(rs[s:e]) != q["text"] {
			t.Errorf("quote %v: body[%d:%d] = %q", q["id"], s, e, string(rs[s:e]))
		}
	}
	for _, mn := range doc.Mentions {
		s, e := int(mn["start"].(float64)), int(mn["end"].(float64))
		if string(rs[s:e]) != mn["text"] {
			t.Errorf("mention %v: body[%d:%d] = %q", mn, s, e, string(rs[s:e]))
		}
	}
	// Readable, sanitised.
	out, _, code = rootTestRun(t, "--home", home, "show", "k-2")
	if code != 0 || !strings.Contains(out, "Tomahawk") || !strings.Contains(out, "2025-10-16") || strings.ContainsAny(out, "\x1b\x07") {
		t.Errorf("readable show: %q", out)
	}
	if !strings.Contains(out, "Quotes (") || !strings.Contains(out, "whole new level of escalation") {
		t.Errorf("readable quotes: %s", out)
	}
	_, errOut, code = rootTestRun(t, "--home", home, "show", "nope")
	if code != 1 || !strings.Contains(errOut, `"nope"`) {
		t.Errorf("missing id: %d %s", code, errOut)
	}
}

func TestQuotesCommand(t *testing.T) {
	home, _ := ixIndexed(t)
	out, errOut, code := rootTestRun(t, "--home", home, "quotes", "--json", "--speaker", "Yuri Ushakov")
	if code != 0 {
		t.Fatalf("quotes: %d %s", code, errOut)
	}
	lines := strings.Split(strings.TrimSpace(out), "\n")
	if len(lines) < 3 {
		t.Fatalf("ushakov quotes:\n%s", out)
	}
	var q map[string]any
	json.Unmarshal([]byte(lines[0]), &q)
	for _, k := range []string{"id", "doc_id", "title", "date", "text", "speaker", "kind", "start", "end"} {
		if _, ok := q[k]; !ok {
			t.Errorf("key %q missing: %s", k, lines[0])
		}
	}
	if len(q) != 9 || q["doc_id"] != "seed-ushakov-alaska-talks" || q["speaker"] != "Yury Ushakov" {
		t.Errorf("quote: %s", lines[0])
	}
	// Text query, --actor (mentioned inside the quote), --limit.
	out, _, code = rootTestRun(t, "--home", home, "quotes", "--json", "escalation")
	if code != 0 || !strings.Contains(out, "whole new level of escalation") {
		t.Errorf("text: %s", out)
	}
	out, _, code = rootTestRun(t, "--home", home, "quotes", "--json", "--limit", "1")
	if code != 0 || strings.Count(out, "\n") != 1 {
		t.Errorf("limit: %s", out)
	}
	out, _, code = rootTestRun(t, "--home", home, "quotes", "--speaker", "peskov")
	if code != 0 || !strings.Contains(out, "There is no momentum yet") || !strings.Contains(out, "Dmitry Peskov") {
		t.Errorf("readable: %s", out)
	}
	_, errOut, code = rootTestRun(t, "--home", home, "quotes", "--actor", "Nobody Known")
	if code != 2 || !strings.Contains(errOut, "Nobody Known") || !strings.Contains(errOut, "actors.toml") {
		t.Errorf("unknown actor: %d %s", code, errOut)
	}
	if !exists(filepath.Join(home, "actors.toml")) {
		t.Error("actors.toml not created in the workspace")
	}
	_, errOut, code = rootTestRun(t, "--home", t.TempDir(), "quotes")
	if code != 1 || !strings.Contains(errOut, "workbench index PATH") {
		t.Errorf("no index: %d %s", code, errOut)
	}
}

func TestIndexLockAndReaders(t *testing.T) {
	home, corpus := ixIndexed(t)
	ws, err := workspace.Open(home)
	if err != nil {
		t.Fatal(err)
	}
	lock, err := ws.LockWrite(time.Second)
	if err != nil {
		t.Fatal(err)
	}
	// Readers are not blocked by the workspace lock.
	if _, e, code := rootTestRun(t, "--home", home, "search", "putin"); code != 0 {
		t.Errorf("search while locked: %d %s", code, e)
	}
	start := time.Now()
	_, errOut, code := rootTestRun(t, "--home", home, "index", corpus)
	if code != 1 || !strings.Contains(errOut, fmt.Sprintf("workspace in use by workbench (pid %d)", os.Getpid())) {
		t.Errorf("second writer: %d %s", code, errOut)
	}
	if d := time.Since(start); d > 6*time.Second { // no hang; a loaded machine adds to the 2 s wait
		t.Errorf("writer waited %v", d)
	}
	lock.Unlock()
}

func TestIndexCorruptAndRebuild(t *testing.T) {
	home, corpus := ixIndexed(t)
	meta := filepath.Join(currentIndexDir(t, home), "index_meta.json")
	if err := os.WriteFile(meta, []byte("{not json"), 0o600); err != nil {
		t.Fatal(err)
	}
	for _, args := range [][]string{{"search", "putin"}, {"show", "k-1"}, {"quotes"}, {"index", corpus}} {
		_, errOut, code := rootTestRun(t, append([]string{"--home", home}, args...)...)
		if code != 1 || !strings.Contains(errOut, "workbench index --rebuild") {
			t.Errorf("%v on a damaged index: %d %s", args, code, errOut)
		}
	}
	_, errOut, code := rootTestRun(t, "--home", home, "index", "--rebuild", corpus)
	if code != 1 || !strings.Contains(errOut, "indexed 5, unchanged 0, failed 1") {
		t.Fatalf("rebuild: %d %s", code, errOut)
	}
	if out, _, code := rootTestRun(t, "--home", home, "search", "--json", "tomahawk"); code != 0 || !strings.Contains(out, "k-2") {
		t.Errorf("after rebuild: %d %s", code, out)
	}
	// --rebuild never removes a folder that is not an index (here in the
	// place of an index from before generations).
	os.RemoveAll(filepath.Join(home, "index.gen"))
	os.Remove(filepath.Join(home, "index.current"))
	os.MkdirAll(filepath.Join(home, "index.bleve"), 0o700)
	os.WriteFile(filepath.Join(home, "index.bleve", "thesis.docx"), []byte("precious"), 0o600)
	_, errOut, code = rootTestRun(t, "--home", home, "index", "--rebuild", corpus)
	if code != 1 || !strings.Contains(errOut, "not removing") || !exists(filepath.Join(home, "index.bleve", "thesis.docx")) {
		t.Errorf("rebuild over a foreign folder: %d %s", code, errOut)
	}
}

// TestIndexCrashChild is the subprocess of TestIndexSIGKILL: it runs
// `workbench index` in-process.
func TestIndexCrashChild(t *testing.T) {
	home := os.Getenv("WB_INDEX_CRASH_HOME")
	if home == "" {
		t.Skip("subprocess only")
	}
	run([]string{"--home", home, "index", os.Getenv("WB_INDEX_CRASH_CORPUS")}, strings.NewReader(""), os.Stdout, os.Stdout)
	fmt.Println("finished")
}

func TestIndexSIGKILL(t *testing.T) {
	if testing.Short() {
		t.Skip("subprocess")
	}
	home, dir := t.TempDir(), t.TempDir()
	const n = 20000
	var b strings.Builder
	for i := range n {
		js, _ := json.Marshal(map[string]string{"id": fmt.Sprintf("g-%d", i), "title": fmt.Sprintf("Briefing %d", i),
			"body": fmt.Sprintf(`Dmitry Peskov said on day %d: "The talks continue." %s`, i, strings.Repeat("Delegations discussed trade, energy and security. ", 12))})
		b.Write(js)
		b.WriteByte('\n')
	}
	corpus := filepath.Join(dir, "big.jsonl")
	os.WriteFile(corpus, []byte(b.String()), 0o600)
	// A complete index of a small corpus first: the killed run's
	// generation is built beside it.
	small := ixFixture(t)
	rootTestRun(t, "--home", home, "index", small)
	before := currentIndexDir(t, home)
	cmd := exec.Command(os.Args[0], "-test.run=^TestIndexCrashChild$")
	cmd.Env = append(os.Environ(), "WB_INDEX_CRASH_HOME="+home, "WB_INDEX_CRASH_CORPUS="+corpus)
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	// Kill it once the first batches are on disk.
	deadline := time.Now().Add(60 * time.Second)
	for time.Now().Before(deadline) {
		// Kill it as soon as it writes segments of its new generation.
		if zs, _ := filepath.Glob(filepath.Join(home, "index.gen", "*", "store", "*.zap")); len(zs) > len(ixZaps(before)) {
			break
		}
		time.Sleep(5 * time.Millisecond)
	}
	// A reader started while the writer runs answers from the last
	// complete generation, at once.
	start := time.Now()
	out, errOut, code := rootTestRun(t, "--home", home, "search", "--json", "tomahawk")
	mid := time.Since(start)
	if code != 0 || !strings.Contains(out, "k-2") {
		t.Errorf("search during indexing: %d %s", code, errOut)
	}
	cmd.Process.Signal(syscall.SIGKILL)
	if err := cmd.Wait(); err == nil {
		t.Fatal("the indexing finished before it was killed: the test proves nothing")
	}
	t.Logf("search started mid-run answered in %v", mid)
	// The previous generation opens and answers; the next run completes
	// the work.
	out, errOut, code = rootTestRun(t, "--home", home, "search", "--json", "tomahawk")
	if code != 0 || !strings.Contains(out, "k-2") {
		t.Fatalf("search after SIGKILL: %d %s", code, errOut)
	}
	if got := currentIndexDir(t, home); got != before {
		t.Errorf("the killed run moved the pointer to %s", got)
	}
	_, errOut, code = rootTestRun(t, "--home", home, "index", corpus)
	if code != 0 {
		t.Fatalf("index after SIGKILL: %d %s", code, errOut)
	}
	var indexed, unchanged, failed int
	var took string
	fmt.Sscanf(strings.TrimSpace(errOut), "indexed %d, unchanged %d, failed %d in %s", &indexed, &unchanged, &failed, &took)
	if indexed != n {
		t.Errorf("second run: %s (want %d indexed: a killed run's generation is dropped)", errOut, n)
	}
	out, _, _ = rootTestRun(t, "--home", home, "search", "--json", "--limit", "50000", "peskov")
	if got := strings.Count(out, "\n"); got < n {
		t.Errorf("after completing: %d docs match, want %d", got, n)
	}
	if _, err := os.Stat(before); !os.IsNotExist(err) {
		t.Errorf("the old generation %s was not removed: %v", before, err)
	}
	if gens, _ := filepath.Glob(filepath.Join(home, "index.gen", "[0-9]*[0-9]")); len(gens) != 1 {
		t.Errorf("generations left: %v (the killed run's half-built one is removed)", gens)
	}
	t.Logf("second run: %s", strings.TrimSpace(errOut))
}

// currentIndexDir is the folder of the workspace's current index
// generation.
func currentIndexDir(t *testing.T, home string) string {
	t.Helper()
	g, err := index.Current(home)
	if err != nil {
		t.Fatal(err)
	}
	return g.Dir
}

func ixZaps(dir string) []string {
	zs, _ := filepath.Glob(filepath.Join(dir, "store", "*.zap"))
	return zs
}

// The readers a workspace serves side by side: two read-only opens at
// once (the TUI and a search, say) both work, and a writer runs beside
// them.
func TestTwoReaders(t *testing.T) {
	home, _ := ixIndexed(t)
	r1, err := index.OpenCurrent(home)
	if err != nil {
		t.Fatal(err)
	}
	defer r1.Close()
	out, errOut, code := rootTestRun(t, "--home", home, "show", "--json", "k-1")
	if code != 0 || !strings.Contains(out, `"k-1"`) {
		t.Errorf("second reader: %d %s", code, errOut)
	}
	good := t.TempDir()
	os.WriteFile(filepath.Join(good, "a.txt"), []byte("Peace\n\nA short note about peace.\n"), 0o600)
	_, errOut, code = rootTestRun(t, "--home", home, "index", good)
	if code != 0 || !strings.Contains(errOut, "indexed 1,") {
		t.Errorf("writer beside a reader: %d %s", code, errOut)
	}
	if n, err := r1.Count(); err != nil || n != 5 {
		t.Errorf("the open reader's generation changed: %d %v", n, err)
	}
	_ = bufio.NewReader
}

// `index --rebuild` builds beside the index a reader (the TUI, say) has
// open and swaps: the reader keeps its generation, new readers get the
// rebuilt one, and the old one goes once the reader closes.
func TestRebuildSwapsBesideOpenReader(t *testing.T) {
	home, dir := ixIndexed(t)
	good := t.TempDir()
	os.WriteFile(filepath.Join(good, "a.txt"), []byte("Peace\n\nA short note about peace.\n"), 0o600)
	rootTestRun(t, "--home", home, "index", good)
	if out, _, _ := rootTestRun(t, "--home", home, "search", "--json", "peace"); !strings.Contains(out, "short note") {
		t.Fatalf("the note is not indexed:\n%s", out)
	}
	r, err := index.OpenCurrent(home)
	if err != nil {
		t.Fatal(err)
	}
	old := r.Gen.Dir
	_, errOut, code := rootTestRun(t, "--home", home, "index", "--rebuild", dir)
	if !strings.Contains(errOut, "indexed 5,") {
		t.Fatalf("rebuild under a reader: exit %d %s", code, errOut)
	}
	if n, err := r.Count(); err != nil || n != 6 {
		t.Fatalf("the reader's index: %d %v", n, err)
	}
	out, _, _ := rootTestRun(t, "--home", home, "search", "--json", "peace")
	if strings.Contains(out, "short note") {
		t.Errorf("the rebuilt index still has the document it was not given:\n%s", out)
	}
	if _, err := os.Stat(old); err != nil {
		t.Fatal("the generation a reader holds was removed")
	}
	r.Close()
	if _, errOut, code := rootTestRun(t, "--home", home, "index", "--rebuild", dir); !strings.Contains(errOut, "indexed 5,") {
		t.Fatalf("rebuild after the reader closed: exit %d %s", code, errOut)
	}
	if _, err := os.Stat(old); !os.IsNotExist(err) {
		t.Errorf("the old generation was not removed once free: %v", err)
	}
}
