// Package apptest builds a real workspace for tests of the application
// layer and the TUI: a bleve index of small fixture articles (analysed with
// the default actor registry) and an empty SQLite tag store, both in
// t.TempDir(), opened through app.Open as every command and the TUI open it.
package apptest

import (
	"bufio"
	"bytes"
	"context"
	_ "embed"
	"encoding/json"
	"os"
	"path/filepath"
	"testing"
	"time"

	"github.com/workbench-dev/workbench/data"
	"github.com/workbench-dev/workbench/internal/analyze"
	"github.com/workbench-dev/workbench/internal/app"
	"github.com/workbench-dev/workbench/internal/index"
	"github.com/workbench-dev/workbench/internal/model"
	"github.com/workbench-dev/workbench/internal/store"
)

//go:embed testdata/fixtures.jsonl
var fixtures []byte

// Env is a workspace built for a test.
type Env struct {
	Dir string
	// App is the workspace opened through the application layer.
	App    *app.App
	Labels []model.Label
	Actors []model.Actor
	Docs   []index.Doc
}

// Docs returns the fixture documents with their stored analysis.
func Docs(tb testing.TB) []index.Doc { return fixtureDocs(tb) }

// fixtureDocs reads the fixtures with their stored analysis (fixed in the
// file, so the tests do not change when the analyser improves).
func fixtureDocs(tb testing.TB) []index.Doc {
	tb.Helper()
	var out []index.Doc
	sc := bufio.NewScanner(bytes.NewReader(fixtures))
	sc.Buffer(nil, 1<<20)
	for sc.Scan() {
		var r struct {
			ID, Title, Date, Source, URL, Body string
			Analysis                           *model.Analysis
		}
		if err := json.Unmarshal(sc.Bytes(), &r); err != nil {
			tb.Fatalf("fixtures: %v", err)
		}
		a := model.Article{ID: r.ID, Title: r.Title, Source: r.Source, URL: r.URL, Body: r.Body}
		if r.Date != "" {
			d, err := time.Parse("2006-01-02", r.Date)
			if err != nil {
				tb.Fatalf("fixture %s: %v", r.ID, err)
			}
			a.Date = d
		}
		if r.Analysis == nil {
			tb.Fatalf("fixture %s has no analysis", r.ID)
		}
		for i := range r.Analysis.Quotes {
			q := &r.Analysis.Quotes[i]
			q.ID = model.QuoteID(r.ID, q.Start, q.End)
		}
		out = append(out, index.Doc{Article: a, Analysis: *r.Analysis})
	}
	return out
}

// Registry is the default actor registry.
func Registry(tb testing.TB) *analyze.Registry {
	tb.Helper()
	reg, err := analyze.LoadRegistry(data.ActorsTOML())
	if err != nil {
		tb.Fatal(err)
	}
	return reg
}

// Labels is the default codebook.
func Labels(tb testing.TB) []model.Label {
	tb.Helper()
	cb, err := store.LoadCodebook(data.CodebookTOML())
	if err != nil {
		tb.Fatal(err)
	}
	return cb.Labels()
}

// New builds the index and returns a backend over it (opened lazily).
func New(tb testing.TB) *Env {
	tb.Helper()
	dir := tb.TempDir()
	// Private, as workbench makes a workspace (TempDir's mode depends on
	// the umask; a folder others can read gives a notice).
	if err := os.Chmod(dir, 0o700); err != nil {
		tb.Fatal(err)
	}
	reg := Registry(tb)
	env := &Env{Dir: dir, Labels: Labels(tb), Actors: reg.Actors(), Docs: fixtureDocs(tb)}
	ixPath := filepath.Join(dir, "index.bleve")
	ix, err := index.Create(ixPath)
	if err != nil {
		tb.Fatal(err)
	}
	if err := ix.Put(context.Background(), env.Docs); err != nil {
		tb.Fatal(err)
	}
	if err := ix.Close(); err != nil {
		tb.Fatal(err)
	}
	// The analyst comes from config.toml, as for every user.
	if err := os.WriteFile(filepath.Join(dir, "config.toml"), []byte("analyst = \"tester\"\n"), 0o600); err != nil {
		tb.Fatal(err)
	}
	a, err := app.Open(app.Options{Home: dir, DefaultActors: data.ActorsTOML(), DefaultCodebook: data.CodebookTOML()})
	if err != nil {
		tb.Fatal(err)
	}
	env.App = a
	tb.Cleanup(func() { a.Close() })
	return env
}

// Doc returns the fixture document with this ID.
func (e *Env) Doc(id string) index.Doc {
	for _, d := range e.Docs {
		if d.ID == id {
			return d
		}
	}
	panic("no fixture " + id)
}
