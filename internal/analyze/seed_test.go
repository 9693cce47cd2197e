package analyze

import (
	"bufio"
	"encoding/json"
	"os"
	"testing"
)

func defaultRegistry(t testing.TB) *Registry {
	t.Helper()
	b, err := os.ReadFile("../../data/actors.toml")
	if err != nil {
		t.Fatal(err)
	}
	r, err := LoadRegistry(b)
	if err != nil {
		t.Fatal(err)
	}
	return r
}

// TestSeedArticle: every gold quote of the seed article is found, with the
// right span and the right (canonical) speaker.
func TestSeedArticle(t *testing.T) {
	body, err := os.ReadFile("testdata/seed/ushakov-alaska-talks.txt")
	if err != nil {
		t.Fatal(err)
	}
	f, err := os.Open("testdata/seed/ushakov-alaska-talks.quotes.jsonl")
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	type gold struct {
		Text, Speaker string
		Start, End    int
	}
	var golds []gold
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		var g gold
		if err := json.Unmarshal(sc.Bytes(), &g); err != nil {
			t.Fatal(err)
		}
		golds = append(golds, g)
	}
	an := New(defaultRegistry(t)).AnalyzeDoc("seed", string(body))
	if len(an.Quotes) != len(golds) {
		for _, q := range an.Quotes {
			t.Logf("got %d-%d %q by %q (%s)", q.Start, q.End, q.Text, q.Speaker, q.Rule)
		}
		t.Errorf("got %d quotes, want %d", len(an.Quotes), len(golds))
	}
	for _, g := range golds {
		found := false
		for _, q := range an.Quotes {
			if q.Start == g.Start && q.End == g.End {
				found = true
				if q.Text != g.Text {
					t.Errorf("quote %d-%d text %q, want %q", g.Start, g.End, q.Text, g.Text)
				}
				if q.Speaker != g.Speaker {
					t.Errorf("quote %q: speaker %q (rule %s), want %q", g.Text, q.Speaker, q.Rule, g.Speaker)
				}
				if q.ID != "seed:"+itoa(g.Start)+"-"+itoa(g.End) {
					t.Errorf("quote id %q", q.ID)
				}
			}
		}
		if !found {
			t.Errorf("missed gold quote %d-%d %q", g.Start, g.End, g.Text)
		}
	}
}

func itoa(i int) string {
	b, _ := json.Marshal(i)
	return string(b)
}
