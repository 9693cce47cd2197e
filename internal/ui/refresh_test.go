package ui

import (
	"context"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/workbench-dev/workbench/data"
	"github.com/workbench-dev/workbench/internal/app"
	"github.com/workbench-dev/workbench/internal/app/apptest"
	"github.com/workbench-dev/workbench/internal/pipeline"
)

// Documents another process indexes while the TUI is open show up on the
// next poll: the status bar says how many are new, the count rises and the
// search runs again, without reopening anything.
func TestNewDocumentsPickedUp(t *testing.T) {
	d := newDriver(t, 120, 40)
	d.search("maize")
	d.mustSee("no matches")
	before := d.env.App.IndexGeneration()
	n0, _ := d.env.App.Count()
	d.mustSee(fmt.Sprintf("%d docs", n0))

	// `workbench index` in another process: another App on the workspace.
	src := t.TempDir()
	var b strings.Builder
	for i := range 3 {
		js, _ := json.Marshal(map[string]string{"id": fmt.Sprintf("m-%d", i), "title": fmt.Sprintf("Maize harvest %d", i), "body": "The maize harvest was good this year."})
		b.Write(js)
		b.WriteByte('\n')
	}
	os.WriteFile(filepath.Join(src, "maize.jsonl"), []byte(b.String()), 0o600)
	w, err := app.Open(app.Options{Home: d.env.Dir, DefaultActors: data.ActorsTOML(), DefaultCodebook: data.CodebookTOML()})
	if err != nil {
		t.Fatal(err)
	}
	defer w.Close()
	if _, err := w.IndexSource(context.Background(), pipeline.Source{Paths: []string{src}}, false, pipeline.Options{}); err != nil {
		t.Fatal(err)
	}
	// Nothing changes in the TUI until it polls.
	if c, _ := d.env.App.Count(); c != n0 {
		t.Fatalf("the TUI's index changed before a refresh: %d", c)
	}
	msg := d.m.pollIndex()() // the tick's command, as the program runs it
	rm, ok := msg.(refreshMsg)
	if !ok || rm.err != nil || !rm.change.Changed {
		t.Fatalf("poll: %#v", msg)
	}
	d.send(rm)
	status, isErr := d.m.status.Message()
	if isErr || status != "3 new documents" {
		t.Fatalf("status %q", status)
	}
	d.mustSee("Maize harvest")
	d.mustSee(fmt.Sprintf("%d docs", n0+3))
	if g := d.env.App.IndexGeneration(); g == before || g == "" {
		t.Errorf("generation %q after the refresh (was %q)", g, before)
	}
	// The next poll finds nothing new and says nothing.
	d.m.status.Show("", false)
	d.send(d.m.refreshIndex()())
	if status, _ := d.m.status.Message(); status != "" {
		t.Errorf("a poll without change said %q", status)
	}
}

// What the workspace has to tell the analyst (here: others can read it)
// shows in the status bar on a poll, once; the CLI prints it too, but
// only when the TUI has closed.
func TestWorkspaceNoticesShown(t *testing.T) {
	env := apptest.New(t)
	if err := os.Chmod(env.Dir, 0o755); err != nil {
		t.Fatal(err)
	}
	a, err := app.Open(app.Options{Home: env.Dir, DefaultActors: data.ActorsTOML(), DefaultCodebook: data.CodebookTOML()})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { a.Close() })
	env.App = a
	d := newDriverOn(t, env, 160, 40)
	msg := d.m.refreshIndex()()
	d.send(msg)
	status, isErr := d.m.status.Message()
	if isErr || !strings.HasPrefix(status, "note: workspace ") || !strings.Contains(status, "can be read by others") {
		t.Fatalf("status %q after a poll", status)
	}
	d.m.status.Show("", false)
	d.send(d.m.refreshIndex()())
	if status, _ := d.m.status.Message(); status != "" {
		t.Fatalf("the notice came back: %q", status)
	}
}
