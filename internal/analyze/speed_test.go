package analyze

import (
	"bufio"
	"encoding/json"
	"math"
	"strings"
	"testing"

	"github.com/workbench-dev/workbench/data"
)

func TestJoinFieldsIsJoinOfFields(t *testing.T) {
	for _, s := range []string{"", " ", "Barack  Obama", "\u00a0Jane\tRoe\n", "Jean-Luc\u2009Picard ", "a\u0085b", "\ufffd x", "  Ольга   Петрова  "} {
		want := strings.Join(strings.Fields(s), " ")
		if got := joinFields([]rune(s)); got != want {
			t.Errorf("joinFields(%q) = %q, want %q", s, got, want)
		}
	}
}

func FuzzJoinFields(f *testing.F) {
	f.Add("Jane \u00a0Roe")
	f.Fuzz(func(t *testing.T, s string) {
		rs := []rune(s)
		if got, want := joinFields(rs), strings.Join(strings.Fields(string(rs)), " "); got != want {
			t.Errorf("joinFields(%q) = %q, want %q", s, got, want)
		}
	})
}

func TestParaEnd(t *testing.T) {
	for _, s := range []string{"", "\n", "a", "abc\n", "abcd\n", "abcde\nf", "abcdefgh", "ab\ncd\nef", "abcdefg\n\n"} {
		rs := []rune(s)
		for i := 0; i <= len(rs); i++ {
			want := i
			for want < len(rs) && rs[want] != '\n' {
				want++
			}
			if got := paraEnd(rs, i); got != want {
				t.Errorf("paraEnd(%q, %d) = %d, want %d", s, i, got, want)
			}
		}
	}
}

// TestLazyPersonsMatchFullScan: the antecedents known after
// ensurePersons(pos) are, before pos, exactly those of a full scan, in the
// same order, whatever the order of the calls.
func TestLazyPersonsMatchFullScan(t *testing.T) {
	reg, err := LoadRegistry(data.ActorsTOML())
	if err != nil {
		t.Fatal(err)
	}
	a := New(reg)
	f, err := data.Sample().Open("articles.jsonl")
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	bodies := []string{
		"He said it. “Q,” said Jane Roe. Mr. Smith agreed. She added: “More.” John Doe, who chairs it, said “No.”\nMs. Jones told reporters “Yes.”",
	}
	sc := bufio.NewScanner(f)
	sc.Buffer(nil, 16<<20)
	for sc.Scan() {
		var rec struct{ Body string }
		if err := json.Unmarshal(sc.Bytes(), &rec); err != nil {
			t.Fatal(err)
		}
		bodies = append(bodies, rec.Body)
	}
	checked := 0
	for _, body := range bodies {
		text := []rune(body)
		mentions := a.findMentions(text, a.scan(text))
		turns := a.findTurns(text)
		d := &doc{text: text, segs: findSegments(text)}
		d.tokenize()
		full := &attributor{a: a, d: d, mentions: mentions, turns: turns}
		full.ensurePersons(math.MaxInt)
		for _, step := range []int{7, 97, 1009} {
			lazy := &attributor{a: a, d: d, mentions: mentions, turns: turns}
			for pos := 0; pos <= len(text)+step; pos += step {
				lazy.ensurePersons(pos)
				for k, p := range full.persons {
					if p.pos >= pos {
						break
					}
					if k >= len(lazy.persons) || lazy.persons[k] != p {
						t.Fatalf("%.40q: after ensurePersons(%d) person %d differs from the full scan's %+v", body, pos, k, p)
					}
					checked++
				}
			}
		}
	}
	if checked == 0 {
		t.Fatal("no person compared")
	}
}

func FuzzFieldsHelpers(f *testing.F) {
	for _, s := range []string{"", " a ", "Jane  Roe\u00a0Smith\n", "\xff b\xfe", "a b c d e f g h", " \u2009x"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		fs := strings.Fields(s)
		want := ""
		if len(fs) > 0 {
			want = fs[len(fs)-1]
		}
		if got := lastWord(s); got != want {
			t.Errorf("lastWord(%q) = %q, want %q", s, got, want)
		}
		rs := []rune(s)
		n := len(strings.Fields(string(rs)))
		for limit := 1; limit <= 8; limit++ {
			if got := fieldCount(rs, limit); got != min(n, limit) {
				t.Errorf("fieldCount(%q, %d) = %d, want %d", s, limit, got, min(n, limit))
			}
		}
	})
}
