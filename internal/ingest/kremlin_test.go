package ingest

import (
	"bufio"
	"compress/gzip"
	"context"
	"encoding/json"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"testing"

	"github.com/workbench-dev/workbench/internal/model"
)

// sharedDir finds /work/shared: $WORKBENCH_SHARED, else ../shared relative
// to the repository root. It skips the test when absent.
func sharedDir(t testing.TB) string {
	t.Helper()
	if d := os.Getenv("WORKBENCH_SHARED"); d != "" {
		if _, err := os.Stat(d); err == nil {
			return d
		}
	}
	wd, _ := os.Getwd()
	for d := wd; d != filepath.Dir(d); d = filepath.Dir(d) {
		if _, err := os.Stat(filepath.Join(d, "go.mod")); err == nil {
			s := filepath.Join(filepath.Dir(d), "shared")
			if _, err := os.Stat(s); err == nil {
				return s
			}
			break
		}
	}
	t.Skip("shared corpus not found (set WORKBENCH_SHARED)")
	return ""
}

// wordF1 is the F1 of the two texts' word multisets.
func wordF1(got, want string) float64 {
	gw, ww := strings.Fields(got), strings.Fields(want)
	if len(gw) == 0 || len(ww) == 0 {
		if len(gw) == len(ww) {
			return 1
		}
		return 0
	}
	counts := map[string]int{}
	for _, w := range ww {
		counts[w]++
	}
	common := 0
	for _, w := range gw {
		if counts[w] > 0 {
			counts[w]--
			common++
		}
	}
	p := float64(common) / float64(len(gw))
	r := float64(common) / float64(len(ww))
	if p+r == 0 {
		return 0
	}
	return 2 * p * r / (p + r)
}

// paraRecall is the share of want's paragraphs found verbatim in got.
func paraRecall(got, want string) float64 {
	have := map[string]bool{}
	for _, p := range strings.Split(got, "\n\n") {
		have[p] = true
	}
	wp := strings.Split(want, "\n\n")
	n := 0
	for _, p := range wp {
		if have[p] {
			n++
		}
	}
	return float64(n) / float64(len(wp))
}

func loadKremlinRecords(t testing.TB, gz string, ids map[string]bool) map[string]map[string]string {
	f, err := os.Open(gz)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	zr, err := gzip.NewReader(f)
	if err != nil {
		t.Fatal(err)
	}
	out := map[string]map[string]string{}
	sc := bufio.NewScanner(zr)
	sc.Buffer(nil, 64<<20)
	for sc.Scan() {
		var r map[string]string
		if err := json.Unmarshal(sc.Bytes(), &r); err != nil {
			t.Fatal(err)
		}
		if ids[r["id"]] {
			out[r["id"]] = r
		}
	}
	if err := sc.Err(); err != nil {
		t.Fatal(err)
	}
	return out
}

// TestKremlinHTMLSample checks the HTML reader on the 40 real kremlin.ru
// pages against the records made from them.
func TestKremlinHTMLSample(t *testing.T) {
	shared := sharedDir(t)
	dir := filepath.Join(shared, "corpus", "kremlin-en", "html-sample")
	var arts []model.Article
	var probs []Problem
	err := Walk(context.Background(), []string{dir}, Options{},
		func(a model.Article) error {
			if strings.HasSuffix(a.ID, ".html") { // not NOTICE.md
				arts = append(arts, a)
			}
			return nil
		},
		func(p Problem) { probs = append(probs, p) })
	if err != nil {
		t.Fatal(err)
	}
	for _, p := range probs {
		if !p.Note {
			t.Errorf("problem: %v", p)
		}
	}
	ids := map[string]bool{}
	for _, a := range arts {
		ids["kremlin-"+strings.TrimSuffix(a.ID, ".html")] = true
	}
	want := loadKremlinRecords(t, filepath.Join(shared, "corpus", "kremlin-en", "kremlin-en.jsonl.gz"), ids)
	if len(arts) != 40 || len(want) != 40 {
		t.Fatalf("got %d pages, %d records; want 40 each", len(arts), len(want))
	}
	sort.Slice(arts, func(i, j int) bool { return arts[i].ID < arts[j].ID })
	titles, dates, urls := 0, 0, 0
	var sumF1, sumPara, minF1 float64 = 0, 0, 1
	for _, a := range arts {
		w := want["kremlin-"+strings.TrimSuffix(a.ID, ".html")]
		f1 := wordF1(a.Body, w["body"])
		pr := paraRecall(a.Body, w["body"])
		sumF1 += f1
		sumPara += pr
		if f1 < minF1 {
			minF1 = f1
		}
		ok := a.Title == w["title"]
		if ok {
			titles++
		}
		if a.DateString() == w["date"] {
			dates++
		}
		if a.URL == w["url"] {
			urls++
		}
		if testing.Verbose() {
			t.Logf("%-10s f1=%.3f para=%.3f title=%v date=%s/%s", a.ID, f1, pr, ok, a.DateString(), w["date"])
			if !ok {
				t.Logf("   title got %q want %q", a.Title, w["title"])
			}
		}
	}
	n := float64(len(arts))
	t.Logf("titles %d/40, dates %d/40, urls %d/40, mean word F1 %.4f (min %.4f), mean paragraph recall %.4f",
		titles, dates, urls, sumF1/n, minF1, sumPara/n)
	if titles < 40 || dates < 40 || urls < 40 {
		t.Errorf("titles %d/40, dates %d/40, urls %d/40: want all", titles, dates, urls)
	}
	if sumF1/n < 0.995 || minF1 < 0.97 || sumPara/n < 0.98 {
		t.Errorf("body word F1 mean %.4f min %.4f, paragraph recall %.4f: want >= 0.995, >= 0.97, >= 0.98",
			sumF1/n, minF1, sumPara/n)
	}
}
