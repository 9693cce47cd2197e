package main

import (
	"bufio"
	"context"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"sort"
	"strings"
	"sync"
	"testing"
	"time"

	tea "charm.land/bubbletea/v2"

	"github.com/workbench-dev/workbench/data"
	"github.com/workbench-dev/workbench/internal/app"
	"github.com/workbench-dev/workbench/internal/model"
	"github.com/workbench-dev/workbench/internal/pipeline"
	"github.com/workbench-dev/workbench/internal/ui"
	"github.com/workbench-dev/workbench/internal/ui/common"
)

// sampleHome is a workspace with the embedded sample corpus indexed (301
// kremlin.ru documents) and a few tags, built once for the tests below.
var sampleHome = sync.OnceValues(func() (string, error) {
	dir, err := osMkdirTemp()
	if err != nil {
		return "", err
	}
	w, err := app.Open(app.Options{Home: dir, DefaultActors: data.ActorsTOML(), DefaultCodebook: data.CodebookTOML()})
	if err != nil {
		return "", err
	}
	defer w.Close()
	ctx := context.Background()
	if _, err := w.IndexSource(ctx, pipeline.Source{FS: data.Sample(), Names: data.SampleFiles()}, false, pipeline.Options{}); err != nil {
		return "", err
	}
	// Tag quotes: the talks quotes #escalatory, the newest ones
	// #neutral or #escalatory.
	talks, err := w.Quotes(ctx, model.QuoteRequest{Query: "talks", Limit: 12})
	if err != nil {
		return "", err
	}
	newest, err := w.Quotes(ctx, model.QuoteRequest{Limit: 12})
	if err != nil {
		return "", err
	}
	for i, q := range append(talks.Hits, newest.Hits...) {
		label := "escalatory"
		if i%3 == 2 {
			label = "neutral"
		}
		if _, err := w.Tag(ctx, model.TagInput{QuoteID: q.ID, Label: label}); err != nil {
			return "", err
		}
	}
	return dir, nil
})

func sampleWorkspace(t *testing.T) string {
	t.Helper()
	home, err := sampleHome()
	if err != nil {
		t.Fatal(err)
	}
	return home
}

// cliSearch runs `workbench search --json` and returns the hit ids (sorted)
// or the error text, with the exit status.
func cliSearch(t *testing.T, home, q string) ([]string, string, int) {
	t.Helper()
	out, errOut, code := rootTestRun(t, "--home", home, "search", "--json", "--limit", "1000", "--", q)
	if code != 0 {
		return nil, strings.TrimSpace(errOut), code
	}
	var ids []string
	sc := bufio.NewScanner(strings.NewReader(out))
	sc.Buffer(nil, 1<<24)
	for sc.Scan() {
		var h struct{ ID string }
		if err := json.Unmarshal(sc.Bytes(), &h); err != nil {
			t.Fatalf("%q: %v", q, err)
		}
		ids = append(ids, h.ID)
	}
	sort.Strings(ids)
	return ids, "", 0
}

// tuiSearch types q (with a final space: the query is complete) into the
// TUI's search line over the same workspace and returns the hit ids
// (sorted) or the error under the search line.
func tuiSearch(t *testing.T, w *app.App, q string) ([]string, string) {
	t.Helper()
	m := ui.New(ui.Options{Backend: w, Labels: w.Labels(), Actors: w.Actors(), NoColor: true, MessageTTL: -1, Limit: 1000})
	drive(t, m, tea.WindowSizeMsg{Width: 120, Height: 40})
	drive(t, m, common.QueryChangedMsg{Query: q + " "})
	if e := m.QueryError(); e != "" {
		return nil, e
	}
	ids := m.HitIDs()
	sort.Strings(ids)
	return ids, ""
}

// drive delivers msg to m and runs every command that follows, feeding
// their messages back, until nothing is left.
func drive(t *testing.T, m tea.Model, msg tea.Msg) {
	t.Helper()
	queue := []tea.Msg{msg}
	for len(queue) > 0 {
		msg, queue = queue[0], queue[1:]
		var cmd tea.Cmd
		m, cmd = m.Update(msg)
		queue = append(queue, runCmd(t, cmd)...)
	}
}

func runCmd(t *testing.T, cmd tea.Cmd) []tea.Msg {
	if cmd == nil {
		return nil
	}
	ch := make(chan tea.Msg, 1)
	go func() { ch <- cmd() }()
	var msg tea.Msg
	select {
	case msg = <-ch:
	case <-time.After(20 * time.Second):
		t.Fatal("a command did not return within 20 s")
	}
	switch x := msg.(type) {
	case nil:
		return nil
	case tea.BatchMsg:
		var out []tea.Msg
		for _, c := range x {
			out = append(out, runCmd(t, c)...)
		}
		return out
	}
	if n := fmt.Sprintf("%T", msg); strings.HasPrefix(n, "tea.") || strings.HasPrefix(n, "uv.") {
		return nil // terminal requests
	}
	return []tea.Msg{msg}
}

// The CLI and the TUI mean the same thing by a query: the same documents,
// the same errors.
func TestCLIAndTUIAgree(t *testing.T) {
	home := sampleWorkspace(t)
	w, err := app.Open(app.Options{Home: home, DefaultActors: data.ActorsTOML(), DefaultCodebook: data.CodebookTOML()})
	if err != nil {
		t.Fatal(err)
	}
	defer w.Close()
	queries := []struct {
		q      string
		hits   bool   // expect some hits
		errHas string // expect an error containing this
	}{
		{q: "talks", hits: true},
		{q: "security ukraine", hits: true},
		{q: "+security +ukraine", hits: true},
		{q: "security -ukraine", hits: true},
		{q: `"national security"`, hits: true},
		{q: "title:meeting", hits: true},
		{q: "secur*", hits: true},
		{q: "talks OR sanctions", hits: true},
		{q: "@putin", hits: true},
		{q: "+@putin talks", hits: true},
		{q: "talks -@putin", hits: true},
		{q: `@"Vladimir Putin" security`, hits: true},
		{q: "actor:putin nato", hits: true},
		{q: "@trump", hits: true},
		{q: "-@trump nato", hits: true},
		{q: "speaker:putin", hits: true},
		{q: "+speaker:putin talks", hits: true},
		{q: "talks -speaker:putin", hits: true},
		{q: "#escalatory", hits: true},
		{q: "talks #escalatory", hits: true},
		{q: "talks -#escalatory", hits: true},
		{q: "security -#escalatory", hits: true},
		{q: "#neutral", hits: true},
		{q: "date:2017", hits: true},
		{q: "nato date:>2017-01-01", hits: true},
		{q: `nato date:>="2017-01-01"`, hits: true},
		{q: "nato date:<2010", hits: true},
		{q: "nato date:2019-03", hits: false},
		{q: "security -date:2017", hits: true},
		{q: `date:>"2018"`, hits: true},
		{q: "nato date:>2022-13-45", errHas: "date:>2022-13-45"},
		{q: `date:>"2022-02-30"`, errHas: "2022-02-30"},
		{q: "date:yesterday", errHas: "date:2022-03"},
		{q: "@putn", errHas: "did you mean"},
		{q: "talks @nobodyatall", errHas: "unknown actor @nobodyatall"},
		{q: "#escalatroy", errHas: "did you mean escalatory"},
		{q: "speaker:nobodyatall", errHas: "nobodyatall"},
		{q: "title:/[/", errHas: "regular expression"},
		{q: "talks a:b:c", errHas: "syntax error"},
	}
	if len(queries) < 30 {
		t.Fatal("the issue asks for at least 30 queries")
	}
	for _, c := range queries {
		cliIDs, cliErr, code := cliSearch(t, home, c.q)
		tuiIDs, tuiErr := tuiSearch(t, w, c.q)
		switch {
		case c.errHas != "":
			if code != 2 || !strings.Contains(cliErr, c.errHas) {
				t.Errorf("%q: CLI exit %d %q, want exit 2 naming %q", c.q, code, cliErr, c.errHas)
			}
			if !strings.Contains(tuiErr, c.errHas) {
				t.Errorf("%q: TUI error %q, want one naming %q", c.q, tuiErr, c.errHas)
			}
			continue
		case code != 0 || tuiErr != "":
			t.Errorf("%q: CLI exit %d %q, TUI error %q", c.q, code, cliErr, tuiErr)
			continue
		}
		if !slices.Equal(cliIDs, tuiIDs) {
			t.Errorf("%q: CLI %d hits, TUI %d hits: not the same documents", c.q, len(cliIDs), len(tuiIDs))
		}
		if c.hits != (len(cliIDs) > 0) {
			t.Errorf("%q: %d hits, want hits=%v", c.q, len(cliIDs), c.hits)
		}
	}
}

// A filter and its exclusion split the documents of a query exactly.
func TestShortcutIdentities(t *testing.T) {
	home := sampleWorkspace(t)
	count := func(q string) int {
		ids, e, code := cliSearch(t, home, q)
		if code != 0 {
			t.Fatalf("%q: %s", q, e)
		}
		return len(ids)
	}
	for _, c := range []struct{ base, filter string }{
		{"security", "@putin"}, {"talks", "@trump"}, {"nato", "speaker:putin"}, {"talks", "#escalatory"}, {"security", "date:2017"},
	} {
		all := count(c.base)
		with := count("+" + c.base + " +" + c.filter)
		without := count("+" + c.base + " -" + c.filter)
		if with+without != all || with == 0 || without == 0 {
			t.Errorf("%s with %s: %d + %d, want a split of %d", c.base, c.filter, with, without, all)
		}
	}
}

// `quotes` lists every quote, newest first, with an exact total equal to
// the quotes the analysis found.
func TestQuotesListingComplete(t *testing.T) {
	home := sampleWorkspace(t)
	w, err := app.Open(app.Options{Home: home, DefaultActors: data.ActorsTOML(), DefaultCodebook: data.CodebookTOML()})
	if err != nil {
		t.Fatal(err)
	}
	defer w.Close()
	ctx := context.Background()
	all, err := w.Search(ctx, model.SearchRequest{Limit: 1000})
	if err != nil {
		t.Fatal(err)
	}
	want := 0
	for _, h := range all.Hits {
		d, err := w.Doc(ctx, h.ID)
		if err != nil {
			t.Fatal(err)
		}
		want += len(d.Analysis.Quotes)
	}
	if want < 50 {
		t.Fatalf("the sample has only %d quotes", want)
	}
	out, _, code := rootTestRun(t, "--home", home, "quotes", "--json", "--limit", "100000")
	lines := strings.Split(strings.TrimSpace(out), "\n")
	if code != 0 || len(lines) != want {
		t.Fatalf("quotes --limit 100000: exit %d, %d lines, want %d", code, len(lines), want)
	}
	var prev string
	for _, l := range lines {
		var q struct{ Date string }
		json.Unmarshal([]byte(l), &q)
		if prev != "" && q.Date != "" && q.Date > prev {
			t.Fatalf("not newest first: %s after %s", q.Date, prev)
		}
		if q.Date != "" {
			prev = q.Date
		}
	}
	out, _, _ = rootTestRun(t, "--home", home, "quotes", "--json", "--limit", "7")
	if n := len(strings.Split(strings.TrimSpace(out), "\n")); n != 7 {
		t.Errorf("--limit 7: %d lines", n)
	}
	// Pages put together are the whole listing.
	var paged []string
	for off := 0; off < want; off += 40 {
		out, _, _ := rootTestRun(t, "--home", home, "quotes", "--json", "--limit", "40", "--offset", fmt.Sprint(off))
		paged = append(paged, strings.Split(strings.TrimSpace(out), "\n")...)
	}
	if !slices.Equal(paged, lines) {
		t.Errorf("pages of 40 differ from the whole listing")
	}
	out, _, _ = rootTestRun(t, "--home", home, "quotes", "--limit", "3")
	if !strings.HasPrefix(out, fmt.Sprintf("%d quotes, showing 3", want)) {
		t.Errorf("readable total: %q", strings.SplitN(out, "\n", 2)[0])
	}
}

func osMkdirTemp() (string, error) { return os.MkdirTemp("", "workbench-sample-") }

// newSampleHome indexes the embedded sample into a new workspace.
func newSampleHome(t *testing.T, analyst string) string {
	t.Helper()
	home := t.TempDir()
	if err := os.WriteFile(filepath.Join(home, "config.toml"), []byte(fmt.Sprintf("analyst = %q\n", analyst)), 0o600); err != nil {
		t.Fatal(err)
	}
	w, err := app.Open(app.Options{Home: home, DefaultActors: data.ActorsTOML(), DefaultCodebook: data.CodebookTOML()})
	if err != nil {
		t.Fatal(err)
	}
	defer w.Close()
	if _, err := w.IndexSource(context.Background(), pipeline.Source{FS: data.Sample(), Names: data.SampleFiles()}, false, pipeline.Options{}); err != nil {
		t.Fatal(err)
	}
	return home
}

func keyPress(k string) tea.KeyPressMsg {
	switch k {
	case "enter":
		return tea.KeyPressMsg{Code: tea.KeyEnter}
	}
	r := []rune(k)[0]
	return tea.KeyPressMsg{Code: r, Text: k}
}

// A tag made in the TUI and one made with `workbench tag` on the same quote
// with the same label, target and note are the same tag (but for times):
// the analyst from config.toml, the target through the registry, the
// snapshot from the index.
func TestTagSameFromTUIAndCLI(t *testing.T) {
	tuiHome, cliHome := newSampleHome(t, "ana"), newSampleHome(t, "ana")
	w, err := app.Open(app.Options{Home: tuiHome, DefaultActors: data.ActorsTOML(), DefaultCodebook: data.CodebookTOML()})
	if err != nil {
		t.Fatal(err)
	}
	defer w.Close()
	ctx := context.Background()
	qs, err := w.Quotes(ctx, model.QuoteRequest{Query: "speaker:putin", Limit: 1})
	if err != nil || len(qs.Hits) == 0 {
		t.Fatalf("no quote of Putin's: %v", err)
	}
	q := qs.Hits[0]

	m := ui.New(ui.Options{Backend: w, Labels: w.Labels(), Actors: w.Actors(), NoColor: true, MessageTTL: -1})
	drive(t, m, tea.WindowSizeMsg{Width: 120, Height: 40})
	drive(t, m, common.OpenDocMsg{ID: q.DocID, QuoteID: q.ID, Focus: true})
	drive(t, m, keyPress("1")) // escalatory
	drive(t, m, keyPress("t"))
	for _, r := range "nato" {
		drive(t, m, keyPress(string(r)))
	}
	drive(t, m, keyPress("enter"))
	drive(t, m, keyPress("a"))
	for _, r := range "ultimatum" {
		drive(t, m, keyPress(string(r)))
	}
	drive(t, m, keyPress("enter"))

	if out, errOut, code := rootTestRun(t, "--home", cliHome, "tag", "--target", "nato", "--note", "ultimatum", q.ID, "escalatory"); code != 0 {
		t.Fatalf("workbench tag: %s %s", out, errOut)
	}
	strip := func(home string) map[string]any {
		out, _, code := rootTestRun(t, "--home", home, "tags", "--json")
		if code != 0 || strings.Count(out, "\n") != 1 {
			t.Fatalf("tags in %s: exit %d\n%s", home, code, out)
		}
		var m map[string]any
		if err := json.Unmarshal([]byte(out), &m); err != nil {
			t.Fatal(err)
		}
		delete(m, "created_at")
		delete(m, "updated_at")
		return m
	}
	tui, cli := strip(tuiHome), strip(cliHome)
	if fmt.Sprint(tui) != fmt.Sprint(cli) {
		t.Fatalf("the TUI's tag differs from the CLI's:\nTUI %v\nCLI %v", tui, cli)
	}
	if tui["analyst"] != "ana" || tui["target"] != "NATO" || tui["note"] != "ultimatum" {
		t.Fatalf("tag %v: want analyst ana (config.toml), target NATO (registry), note ultimatum", tui)
	}
}
