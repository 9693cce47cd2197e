package eval

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/workbench-dev/workbench/internal/analyze"
	"github.com/workbench-dev/workbench/internal/textsafe"
)

// sharedDir finds /work/shared: $WORKBENCH_SHARED, else ../shared relative
// to the repository root.
func sharedDir(t testing.TB) string {
	if d := os.Getenv("WORKBENCH_SHARED"); d != "" {
		return d
	}
	return filepath.Join("..", "..", "..", "shared")
}

func defaultAnalyzer(t testing.TB) *analyze.Analyzer {
	b, err := os.ReadFile(filepath.Join("..", "..", "data", "actors.toml"))
	if err != nil {
		t.Fatal(err)
	}
	r, err := analyze.LoadRegistry(b)
	if err != nil {
		t.Fatal(err)
	}
	return analyze.New(r)
}

// TestPolnearDev scores the extractor on the PolNeAR dev gold set when it is
// present (it is not shipped: publishers' copyright). EVAL_ERRORS=1 logs the
// confusion list.
func TestPolnearDev(t *testing.T) {
	dir := filepath.Join(sharedDir(t), "eval", "polnear-dev")
	if _, err := os.Stat(dir); err != nil {
		t.Skipf("no gold set at %s", dir)
	}
	rep, err := Quotes(dir, defaultAnalyzer(t))
	if err != nil {
		t.Fatal(err)
	}
	t.Logf("docs %d gold %d predicted %d matched %d  P %.4f R %.4f F1 %.4f  speaker %d/%d = %.4f",
		rep.Docs, rep.Gold, rep.Predicted, rep.Matched, rep.Precision, rep.Recall, rep.F1,
		rep.SpeakerCorrect, rep.SpeakerGold, rep.SpeakerAccuracy)
	if os.Getenv("EVAL_ERRORS") != "" {
		var b strings.Builder
		for _, e := range rep.Errors {
			if k := os.Getenv("EVAL_KIND"); k != "" && k != e.Kind {
				continue
			}
			fmt.Fprintf(&b, "%s %s %d-%d gold=%q pred=%q (%q) rule=%s\n    %s\n", e.Kind, e.Doc, e.Start, e.End, e.GoldSpeaker, e.Speaker, e.SpeakerText, e.Rule, textsafe.CleanLine(trunc(e.Text, 160)))
		}
		os.WriteFile(filepath.Join(os.TempDir(), "polnear-errors.txt"), []byte(b.String()), 0o644)
	}
}

func trunc(s string, n int) string {
	r := []rune(s)
	if len(r) <= n {
		return s
	}
	return string(r[:n]) + "…"
}
