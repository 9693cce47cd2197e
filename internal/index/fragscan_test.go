package index

import (
	"bufio"
	"compress/gzip"
	"context"
	"encoding/json"
	"math/rand/v2"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"

	"github.com/workbench-dev/workbench/internal/model"
	"github.com/workbench-dev/workbench/internal/textsafe"
)

// fragmentsExact is the fragment scan before termKeys: every window
// cleaned and marked until one has a mark. fragments must cut the same
// fragments.
func (ix *Index) fragmentsExact(text string, set map[string]bool, n int) []model.Fragment {
	for rest := text; rest != ""; {
		w := cutWindow(rest, fragScanBytes)
		cw := textsafe.Clean(w)
		if m := ix.markTerms(cw, set); len(m) > 0 {
			// The same window, found the slow way: cut from it alone.
			return ix.fragments(w, set, n)
		}
		rest = rest[len(w):]
	}
	return ix.fragments(cutWindow(text, fragScanBytes), map[string]bool{}, n)
}

// mayMark never skips a window in which markTerms finds a mark, on text
// mixing case, apostrophes, digits, accents, Cyrillic, escape sequences,
// bidi and zero-width characters.
func TestMayMarkNeverSkipsAMark(t *testing.T) {
	ix := newFixtureIndex(t)
	words := []string{"Putin", "putin's", "PUTIN", "Putin’s", "escalation", "Escalating", "talks", "o'brien",
		"Zürich", "ZÜRICH", "Путин", "ПУТИН", "2022", "e\u0301cole", "pu\x1b[31mtin", "pu\u200btin", "pu\u202etin", "\u2028", "\xff", "\U000E0041", "\ufeff", "\u00ad",
		"\x00", "\r\n", "—", "“quoted”", "Tomahawks", "tom", "u.s.", "x", "…"}
	sets := []map[string]bool{
		{"putin": true}, {"escal": true, "talk": true}, {"zürich": true}, {"путин": true},
		{"tomahawk": true, "2022": true}, {"école": true}, {"o'brien": true, "obrien": true}, {"x": true},
	}
	r := rand.New(rand.NewPCG(1, 2))
	for i := 0; i < 3000; i++ {
		var b strings.Builder
		for j := r.IntN(12); j >= 0; j-- {
			b.WriteString(words[r.IntN(len(words))])
			b.WriteString([]string{" ", "", ", ", "\n\n", "-"}[r.IntN(5)])
		}
		text := b.String()
		for _, set := range sets {
			keys := newTermKeys(set)
			want := ix.markTerms(textsafe.Clean(text), set)
			if len(want) > 0 && !keys.mayMark(text) {
				t.Fatalf("mayMark(%q) false, but markTerms marks it with %v", text, set)
			}
			// Marking the raw text is only trusted when Clean leaves it as
			// it is, and then gives the marks of the cleaned text.
			if got, clean := ix.scanMarks(text, set, keys); clean {
				if textsafe.Clean(text) != text {
					t.Fatalf("scanMarks calls %q clean; Clean changes it", text)
				}
				if !reflect.DeepEqual(got, want) {
					t.Fatalf("marks of %q: %v, want %v", text, got, want)
				}
			}
		}
	}
}

// A long transcript (about 230 KB) whose only match is near its end: the
// search's fragment holds the marked word, as the exact scan cuts it.
func TestLongTranscriptFragment(t *testing.T) {
	ix := newFixtureIndex(t)
	var b strings.Builder
	for b.Len() < 230<<10 {
		b.WriteString("Vladimir Putin: We discussed the situation in the region and our cooperation in many areas, “as agreed”.\n\n")
	}
	body := b.String() + "Question: And the prisoner exchange? Sergei Lavrov: The exchange of prisoners is agreed."
	doc := model.Article{ID: "long1", Title: "Press conference", Body: body}
	if err := ix.Put(context.Background(), []Doc{{Article: doc}}); err != nil {
		t.Fatal(err)
	}
	res := doSearch(t, ix, Request{Query: Q("prisoner exch", true), Fragments: true, Limit: 20})
	if len(res.Hits) != 1 || len(res.Hits[0].Fragments) != 1 {
		t.Fatalf("hits %+v", res.Hits)
	}
	f := res.Hits[0].Fragments[0]
	rs := []rune(f.Text)
	if len(f.Marks) < 2 {
		t.Fatalf("fragment %q has marks %v: want prisoner and exchange marked", f.Text, f.Marks)
	}
	for _, m := range f.Marks {
		w := strings.ToLower(string(rs[m.Start:m.End]))
		if !strings.HasPrefix(w, "prisoner") && !strings.HasPrefix(w, "exchang") {
			t.Errorf("mark on %q in %q", w, f.Text)
		}
	}
	set := map[string]bool{}
	for _, term := range res.Terms {
		set[term] = true
	}
	if want := ix.fragmentsExact(body, set, 1); !reflect.DeepEqual(res.Hits[0].Fragments, want) {
		t.Errorf("fragment %+v, the exact scan cuts %+v", res.Hits[0].Fragments, want)
	}
}

// On the real Kremlin transcripts (when ../shared is there), the fragments
// are those of the exact scan for typical query terms.
func TestFragmentsMatchExactScanOnKremlin(t *testing.T) {
	path := filepath.Join("..", "..", "..", "shared", "corpus", "kremlin-en", "kremlin-en.jsonl.gz")
	f, err := os.Open(path)
	if err != nil {
		t.Skip("no ../shared/corpus/kremlin-en: skipped")
	}
	defer f.Close()
	gz, err := gzip.NewReader(f)
	if err != nil {
		t.Fatal(err)
	}
	ix := newFixtureIndex(t)
	sets := []map[string]bool{
		{"prison": true, "exchang": true}, {"ukrain": true}, {"tomahawk": true}, {"sanction": true, "oil": true},
		{"putin": true}, {"escal": true}, {"gas": true, "transit": true, "ga": true},
	}
	sc := bufio.NewScanner(gz)
	sc.Buffer(make([]byte, 1<<20), 4<<20)
	n := 0
	for sc.Scan() && n < 150 {
		var rec struct{ Body string }
		if err := json.Unmarshal(sc.Bytes(), &rec); err != nil {
			t.Fatal(err)
		}
		if len(rec.Body) < 20<<10 {
			continue // the long ones: several windows
		}
		n++
		for _, set := range sets {
			got, want := ix.fragments(rec.Body, set, 2), ix.fragmentsExact(rec.Body, set, 2)
			if !reflect.DeepEqual(got, want) {
				t.Fatalf("document %d, terms %v: fragments %+v, exact scan %+v", n, set, got, want)
			}
		}
	}
	if n == 0 {
		t.Fatal("no long document read")
	}
}
