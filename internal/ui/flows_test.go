package ui_test

import (
	"bytes"
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	tea "charm.land/bubbletea/v2"
	"github.com/charmbracelet/x/ansi"
	"github.com/charmbracelet/x/exp/teatest/v2"

	"github.com/workbench-dev/workbench/internal/app/apptest"
	"github.com/workbench-dev/workbench/internal/ui"
)

// Flows drive the real program (teatest) against a real index and tag
// store built in t.TempDir().

func start(t *testing.T) (*teatest.TestModel, *apptest.Env) {
	t.Helper()
	env := apptest.New(t)
	m := ui.New(ui.Options{
		Backend: env.App,
		Labels:  env.Labels, Actors: env.Actors,
		Workspace: env.Dir, NoColor: true,
	})
	tm := teatest.NewTestModel(t, m, teatest.WithInitialTermSize(120, 40))
	waitFor(t, tm, "5 docs")
	return tm, env
}

func waitFor(t *testing.T, tm *teatest.TestModel, s string) {
	t.Helper()
	teatest.WaitFor(t, tm.Output(), func(b []byte) bool {
		return bytes.Contains([]byte(ansi.Strip(string(b))), []byte(s))
	}, teatest.WithDuration(5*time.Second), teatest.WithCheckInterval(10*time.Millisecond))
}

// settle waits until the program has drawn nothing for 300 ms (at most
// 5 s): every answer to the keys typed so far is on screen. A search
// answers each keystroke, and on a big index twice (a first answer, then
// the exact one), so a hit seen on screen may belong to an earlier prefix;
// enter pressed then would open what the cursor was on at that moment.
func settle(tm *teatest.TestModel) {
	buf := make([]byte, 64<<10)
	quiet, deadline := 0, time.Now().Add(5*time.Second)
	for quiet < 30 && time.Now().Before(deadline) {
		if n, _ := tm.Output().Read(buf); n > 0 {
			quiet = 0
			continue
		}
		quiet++
		time.Sleep(10 * time.Millisecond)
	}
}

func press(tm *teatest.TestModel, keys ...string) {
	for _, k := range keys {
		switch k {
		case "enter":
			tm.Send(tea.KeyPressMsg{Code: tea.KeyEnter})
		case "esc":
			tm.Send(tea.KeyPressMsg{Code: tea.KeyEscape})
		default:
			tm.Type(k)
		}
	}
}

func finish(t *testing.T, tm *teatest.TestModel) *ui.Model {
	t.Helper()
	press(tm, "q")
	fm := tm.FinalModel(t, teatest.WithFinalTimeout(5*time.Second))
	m, ok := fm.(*ui.Model)
	if !ok {
		t.Fatalf("final model is %T", fm)
	}
	return m
}

func TestFlowSearchOpenTag(t *testing.T) {
	tm, env := start(t)
	press(tm, "ushakov")
	// Prefixes have their own answers ("us" finds another article): wait
	// for the hit that every longer prefix ranks first. (The renderer
	// sends only what changed, so the query line is never whole.)
	waitFor(t, tm, "Ushakov: talks with Washington")
	settle(tm)
	press(tm, "enter", "enter")
	waitFor(t, tm, "3 quotes · 2 hits") // the reader's header: the article is open
	press(tm, "]", "]", "1")
	waitFor(t, tm, "[escalatory]")
	m := finish(t, tm)
	screen := ansi.Strip(m.Render())
	if !strings.Contains(screen, "[Yury Ushakov] [escalatory] “We are ready") {
		t.Fatalf("tag not shown on the second quote:\n%s", screen)
	}
	tags, err := env.App.ForDoc(context.Background(), "fx-ushakov-talks")
	if err != nil {
		t.Fatal(err)
	}
	want := env.Doc("fx-ushakov-talks").Analysis.Quotes[1]
	if len(tags) != 1 || tags[0].QuoteID != want.ID || tags[0].Label != "escalatory" || tags[0].Speaker != "Yury Ushakov" || tags[0].Quote != want.Text {
		t.Fatalf("stored tags: %+v", tags)
	}
}

func TestFlowFreeSelectionTagUndo(t *testing.T) {
	tm, env := start(t)
	press(tm, "lavrov")
	waitFor(t, tm, "Réunion à Genève")
	settle(tm)
	press(tm, "enter", "enter")
	waitFor(t, tm, "1 quote · 2 hits")
	press(tm, "v", "w", "2")
	waitFor(t, tm, "[de-escalatory]")
	tags, err := env.App.ForDoc(context.Background(), "fx-unicode")
	if err != nil || len(tags) != 1 || tags[0].Quote != "À Genève" || tags[0].Start != 0 || tags[0].End != 8 {
		t.Fatalf("free span tag: %+v %v", tags, err)
	}
	press(tm, "u")
	waitFor(t, tm, "undo:")
	m := finish(t, tm)
	if strings.Contains(ansi.Strip(m.Render()), "[de-escalatory]") {
		t.Fatal("the undone tag is still shown")
	}
	tags, err = env.App.ForDoc(context.Background(), "fx-unicode")
	if err != nil || len(tags) != 0 {
		t.Fatalf("after undo: %+v %v", tags, err)
	}
}

func TestFlowExport(t *testing.T) {
	tm, env := start(t)
	press(tm, "peace")
	waitFor(t, tm, "Peace talks in Istanbul")
	settle(tm)
	press(tm, "enter", "enter")
	waitFor(t, tm, "2 quotes · 1 hit")
	press(tm, "]", "3", "]", "4")
	waitFor(t, tm, "[accusatory]")
	press(tm, "e")
	waitFor(t, tm, "Export all tags as")
	press(tm, "m")
	waitFor(t, tm, "2 tags to ") // "exported 2 tags to PATH" (the renderer may reuse "export")
	finish(t, tm)
	files, _ := filepath.Glob(filepath.Join(env.Dir, "exports", "tags-*.md"))
	if len(files) != 1 {
		t.Fatalf("export files: %v", files)
	}
	b, err := os.ReadFile(files[0])
	if err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{"conciliatory", "accusatory", "We are satisfied with the result", "Our position is well known"} {
		if !strings.Contains(string(b), want) {
			t.Fatalf("export lacks %q:\n%s", want, b)
		}
	}
	if st, _ := os.Stat(files[0]); st.Mode().Perm() != 0o600 {
		t.Fatalf("export mode %v", st.Mode().Perm())
	}
}
