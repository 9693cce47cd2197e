package ui

import (
	"os"
	"sort"
	"strings"
	"testing"
	"time"

	tea "charm.land/bubbletea/v2"

	"github.com/workbench-dev/workbench/data"
	"github.com/workbench-dev/workbench/internal/app"
	"github.com/workbench-dev/workbench/internal/app/apptest"
)

// BenchmarkKeystrokeToResults types realistic queries one key at a time
// into the root model, against a real index, and measures per keystroke the
// time from the key press to the hits being on screen (hits_*), and to the
// fragments and facets that follow (rich_*). Set WORKBENCH_BENCH_HOME to a
// workspace indexed with `workbench index` (e.g. the 7,077-document Kremlin
// corpus); without it the fixtures are used.
func BenchmarkKeystrokeToResults(b *testing.B) {
	env := apptest.New(b)
	be := env.App
	if home := os.Getenv("WORKBENCH_BENCH_HOME"); home != "" {
		w, err := app.Open(app.Options{Home: home, DefaultActors: data.ActorsTOML(), DefaultCodebook: data.CodebookTOML()})
		if err != nil {
			b.Fatal(err)
		}
		b.Cleanup(func() { w.Close() })
		be = w
	}
	m := New(Options{Backend: be, Labels: env.Labels, Actors: env.Actors, NoColor: true, MessageTTL: -1})
	m.Update(tea.WindowSizeMsg{Width: 120, Height: 40})
	queries := []string{"zelensky tomahawk", "@putin escalation", `"peace talks"`, "ryabkov momentum", "ushakov alaska summit", "sanctions against russia"}
	var hits, rich []time.Duration
	for b.Loop() {
		for _, q := range queries {
			m.search.SetValue("")
			for _, r := range q {
				t0 := time.Now()
				_, cmd := m.Update(tea.KeyPressMsg{Code: r, Text: string(r)})
				queue := execAll(cmd)
				for len(queue) > 0 {
					msg := queue[0]
					queue = queue[1:]
					_, c := m.Update(msg)
					switch msg.(type) {
					case searchMsg:
						hits = append(hits, time.Since(t0))
					case richMsg:
						rich = append(rich, time.Since(t0))
					}
					queue = append(queue, execAll(c)...)
				}
			}
		}
	}
	report(b, "hits", hits)
	report(b, "rich", rich)
}

func report(b *testing.B, name string, ds []time.Duration) {
	if len(ds) == 0 {
		return
	}
	sort.Slice(ds, func(i, j int) bool { return ds[i] < ds[j] })
	p := func(q float64) float64 {
		return float64(ds[min(len(ds)-1, int(q*float64(len(ds))))].Microseconds()) / 1000
	}
	b.ReportMetric(p(0.50), name+"_p50_ms")
	b.ReportMetric(p(0.95), name+"_p95_ms")
	b.ReportMetric(p(0.99), name+"_p99_ms")
}

// execAll runs a command synchronously and returns its messages, batches
// flattened, terminal requests dropped.
func execAll(cmd tea.Cmd) []tea.Msg {
	if cmd == nil {
		return nil
	}
	msg := cmd()
	switch msg := msg.(type) {
	case nil:
		return nil
	case tea.BatchMsg:
		var out []tea.Msg
		for _, c := range msg {
			out = append(out, execAll(c)...)
		}
		return out
	}
	if strings.HasPrefix(fmtType(msg), "tea.") {
		return nil
	}
	return []tea.Msg{msg}
}
