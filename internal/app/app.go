// Package app holds the workbench's verbs: open a workspace (index, tag
// store, actor registry, codebook, configuration, analyst), parse and
// resolve a query once, search, list quotes, tag, untag, note, target,
// undo, redo, export. Every command of cmd/workbench and the TUI call it, so
// a query, a tag and the configuration mean the same thing everywhere.
package app

import (
	"context"
	"errors"
	"fmt"
	"os"
	"strings"
	"sync"
	"time"

	"github.com/BurntSushi/toml"

	"github.com/workbench-dev/workbench/internal/analyze"
	"github.com/workbench-dev/workbench/internal/index"
	"github.com/workbench-dev/workbench/internal/model"
	"github.com/workbench-dev/workbench/internal/pipeline"
	"github.com/workbench-dev/workbench/internal/store"
	"github.com/workbench-dev/workbench/internal/workspace"
)

// Options locate and configure a workspace.
type Options struct {
	// Home is the --home flag ("" = $WORKBENCH_HOME, else the XDG data
	// folder).
	Home string
	// Analyst, when set, is recorded on new tags above config.toml and
	// $USER.
	Analyst string
	// Store, when set, is the tag store above `store` in config.toml and
	// WS/tags.db: a tags.db path or a postgres:// URL (the team store).
	Store string
	// DefaultActors and DefaultCodebook are copied into a new workspace
	// (the embedded defaults).
	DefaultActors, DefaultCodebook []byte
	// RetryAfter: a failed open of the index or the store is tried again
	// after this long (0: RetryAfter).
	RetryAfter time.Duration
}

// RetryAfter is how long a failed open is remembered before it is tried
// again (another process may hold the index, or be creating it).
const RetryAfter = 2 * time.Second

// App is an open workspace. Its index and tag store open lazily, on first
// use and off the UI goroutine, so the TUI's first frame never waits for
// them; a failed open is tried again later. Safe for concurrent use.
type App struct {
	ws      *workspace.Workspace
	reg     *analyze.Registry
	regText []byte
	cb      *store.Codebook
	analyst string
	target  string // the tag store: a path or a postgres:// URL
	retry   time.Duration
	now     func() time.Time

	ixMu    sync.Mutex
	ix      *ixHandle   // the generation in use (reload.go)
	ixOld   []*ixHandle // replaced generations, closed when unused
	ixErr   error
	ixTried time.Time

	stMu    sync.Mutex
	st      *store.Store
	stErr   error
	stTried time.Time
	notices []string // what opening the store had to say (a damaged WAL recovered, ...)

	// closed: Close ran (set under ixMu and stMu). A call still under way
	// then (a TUI command that outlived the program) gets ErrClosed
	// instead of opening the index or the store again behind Close.
	closed bool
}

// ErrClosed: the App was closed; nothing opens again.
var ErrClosed = errors.New("workbench: closed")

// Open resolves and opens the workspace and reads its configuration: the
// actor registry, the codebook and config.toml.
func Open(o Options) (*App, error) {
	dir, err := workspace.Resolve(o.Home)
	if err != nil {
		return nil, err
	}
	ws, err := workspace.Open(dir)
	if err != nil {
		return nil, err
	}
	return OpenWorkspace(ws, o)
}

// OpenWorkspace is Open on an opened workspace folder.
func OpenWorkspace(ws *workspace.Workspace, o Options) (*App, error) {
	reg, regText, err := pipeline.LoadRegistry(ws, o.DefaultActors)
	if err != nil {
		return nil, err
	}
	cbText, err := workspace.EnsureFile(ws.CodebookPath(), o.DefaultCodebook)
	if err != nil {
		return nil, err
	}
	cb, err := store.LoadCodebook(cbText)
	if err != nil {
		return nil, fmt.Errorf("codebook %s: %w (fix the file, or delete it to get the default back)", ws.CodebookPath(), err)
	}
	cfg, err := readConfig(ws)
	if err != nil {
		return nil, err
	}
	analyst := firstOf(o.Analyst, cfg.Analyst, store.DefaultAnalyst())
	target := firstOf(o.Store, cfg.Store, ws.TagsPath())
	if o.RetryAfter <= 0 {
		o.RetryAfter = RetryAfter
	}
	return &App{ws: ws, reg: reg, regText: regText, cb: cb, analyst: analyst, target: target, retry: o.RetryAfter, now: time.Now}, nil
}

// config is the workspace's config.toml.
type config struct {
	// Analyst records new tags (else $USER).
	Analyst string `toml:"analyst"`
	// Store is the tag store: a postgres:// URL for a team, or a path
	// (else WS/tags.db).
	Store string `toml:"store"`
}

// readConfig reads config.toml (none is no configuration).
func readConfig(ws *workspace.Workspace) (config, error) {
	var c config
	b, err := os.ReadFile(ws.ConfigPath())
	if errors.Is(err, os.ErrNotExist) {
		return c, nil
	}
	if err != nil {
		return c, err
	}
	if _, err := toml.Decode(string(b), &c); err != nil {
		return c, fmt.Errorf("%s: %w (fix the file, or delete it)", ws.ConfigPath(), err)
	}
	return c, nil
}

// firstOf is the first value that is not blank, trimmed.
func firstOf(vs ...string) string {
	for _, v := range vs {
		if v = strings.TrimSpace(v); v != "" {
			return v
		}
	}
	return ""
}

// Workspace is the workspace folder.
func (a *App) Workspace() *workspace.Workspace { return a.ws }

// Registry is the actor registry.
func (a *App) Registry() *analyze.Registry { return a.reg }

// RegistryText is the registry file's text (the pipeline hashes it).
func (a *App) RegistryText() []byte { return a.regText }

// Codebook is the stance codebook.
func (a *App) Codebook() *store.Codebook { return a.cb }

// Labels are the codebook's labels, in key order.
func (a *App) Labels() []model.Label { return a.cb.Labels() }

// Actors are the registry's actors.
func (a *App) Actors() []model.Actor { return a.reg.Actors() }

// Analyst is who new tags are recorded for.
func (a *App) Analyst() string { return a.analyst }

// Index opens the index's current generation (read-only) on first use.
// A long-lived App may replace it (RefreshIndex): use it within one call.
func (a *App) Index() (*index.Index, error) {
	a.ixMu.Lock()
	defer a.ixMu.Unlock()
	h, err := a.openIndexLocked()
	if err != nil {
		return nil, err
	}
	return h.r.Index, nil
}

// NoIndexError: the workspace has no index yet.
type NoIndexError struct {
	Dir string
	err error
}

func (e *NoIndexError) Error() string {
	return fmt.Sprintf("no index in workspace %s yet: run `workbench index PATH...` to index your files, or `workbench` to load the sample corpus", e.Dir)
}
func (e *NoIndexError) Unwrap() error { return e.err }

// Store opens the tag store on first use (creating it), acting as the
// analyst: a SQLite file, or the team's PostgreSQL store. A SQLite store
// in a read-only workspace opens read-only.
func (a *App) Store() (*store.Store, error) {
	a.stMu.Lock()
	defer a.stMu.Unlock()
	if a.closed {
		return nil, ErrClosed
	}
	if a.st == nil && (a.stErr == nil || time.Since(a.stTried) > a.retry) {
		a.st, a.stErr = store.OpenURL(context.Background(), a.target, store.Options{Analyst: a.analyst})
		if errors.Is(a.stErr, store.ErrReadOnly) && !store.IsURL(a.target) {
			a.st, a.stErr = store.OpenReadOnly(a.target)
		}
		if a.st != nil {
			a.notices = append(a.notices, a.st.Notices()...)
		}
		a.stTried = time.Now()
	}
	return a.st, a.stErr
}

// Notices is what the workspace and the tag store had to report when they
// were opened: a folder others can read, a damaged WAL recovered and where
// the copies are, an empty tags.db kept aside. Show each once.
func (a *App) Notices() []string {
	a.stMu.Lock()
	defer a.stMu.Unlock()
	out := append([]string(nil), a.notices...)
	if a.ws.Warning != "" {
		out = append([]string{a.ws.Warning}, out...)
	}
	return out
}

// StoreTarget names the tag store, with any password redacted.
func (a *App) StoreTarget() string { return store.RedactURL(a.target) }

// hasStore tells whether there is a tag store to read (reading commands do
// not create a SQLite file; a team store is always there).
func (a *App) hasStore() bool {
	a.stMu.Lock()
	open := a.st != nil
	a.stMu.Unlock()
	if open || store.IsURL(a.target) {
		return true
	}
	_, err := os.Stat(a.target)
	return err == nil
}

// Close closes what was opened.
func (a *App) Close() error {
	errs := []error{a.reapIndexes(true)}
	a.ixMu.Lock()
	defer a.ixMu.Unlock()
	a.stMu.Lock()
	defer a.stMu.Unlock()
	a.closed = true
	if a.ix != nil {
		errs = append(errs, a.ix.r.Close())
		a.ix = nil
	}
	if a.st != nil {
		errs = append(errs, a.st.Close())
		a.st = nil
	}
	return errors.Join(errs...)
}

// Count is the number of articles.
func (a *App) Count() (int64, error) {
	ix, release, err := a.acquireIndex()
	defer release()
	if err != nil {
		return 0, err
	}
	n, err := ix.Count()
	return int64(n), err
}
