package store

import (
	"context"
	"crypto/rand"
	"encoding/hex"
	"errors"
	"fmt"
	"strings"
	"sync/atomic"
)

// ErrNotYours: the acting analyst tried to change, remove or act as another
// analyst's work. The store enforces it, whatever the UI does.
var ErrNotYours = errors.New("belongs to another analyst")

// DefaultAdjudicator is the analyst name adjudicated tags are recorded under.
const DefaultAdjudicator = "adjudicated"

// Options say who works through a Store.
type Options struct {
	// Analyst is the acting analyst. Tags added without an analyst get this
	// name; undo and redo touch only this analyst's changes; tags and speaker
	// corrections of other analysts cannot be changed or removed
	// (ErrNotYours). "" opens the store as a single analyst's store, as Open
	// does: undo and redo cover every change and nothing is refused (a
	// PostgreSQL store always has an analyst: DefaultAnalyst() when "").
	Analyst string
	// Adjudicator is the analyst name of adjudicated tags (default
	// "adjudicated"). Adjudication is shared work: every analyst may add,
	// change and remove tags under this name, and each such change is
	// undone by the analyst who made it.
	Adjudicator string
}

// team is what a Store knows beyond its SQLite file: the backend and the
// acting analyst.
type team struct {
	dialect     dialect
	analyst     string
	adjudicator string
	pg          *pgInfo // nil for SQLite
	retries     atomic.Int64
}

// Retries is how many times a write of this Store ran again after a busy
// database (SQLite) or a serialization failure or deadlock (PostgreSQL).
func (s *Store) Retries() int64 { return s.retries.Load() }

func (t *team) setOptions(o Options) {
	t.analyst = strings.TrimSpace(o.Analyst)
	t.adjudicator = strings.TrimSpace(o.Adjudicator)
	if t.adjudicator == "" {
		t.adjudicator = DefaultAdjudicator
	}
}

// Analyst is the acting analyst ("" for a single analyst's store).
func (s *Store) Analyst() string { return s.analyst }

// Backend is "sqlite" or "postgres".
func (s *Store) Backend() string { return s.dialect.String() }

// OpenWith opens the SQLite store at path (as Open) for the analyst in o.
func OpenWith(path string, o Options) (*Store, error) {
	s, err := Open(path)
	if err != nil {
		return nil, err
	}
	s.setOptions(o)
	return s, nil
}

// IsURL reports whether target names a PostgreSQL store
// (postgres:// or postgresql://) rather than a SQLite file.
func IsURL(target string) bool {
	t := strings.ToLower(strings.TrimSpace(target))
	return strings.HasPrefix(t, "postgres://") || strings.HasPrefix(t, "postgresql://")
}

// OpenURL opens the store named by target: a postgres:// URL (libpq
// parameters such as sslmode pass through) or the path of a SQLite file.
func OpenURL(ctx context.Context, target string, o Options) (*Store, error) {
	if IsURL(target) {
		return openPostgres(ctx, strings.TrimSpace(target), o)
	}
	return OpenWith(target, o)
}

// mayActAs refuses to record work under another analyst's name.
func (s *Store) mayActAs(analyst string) error {
	if s.analyst == "" || analyst == s.analyst || analyst == s.adjudicator {
		return nil
	}
	return fmt.Errorf("%s cannot tag as %s: %w", s.analyst, analyst, ErrNotYours)
}

// mayChange refuses to change or remove work owned by another analyst.
func (s *Store) mayChange(owner, what string) error {
	if s.analyst == "" || owner == s.analyst || owner == s.adjudicator {
		return nil
	}
	return fmt.Errorf("%s is %s's, not %s's: %w", what, owner, s.analyst, ErrNotYours)
}

// actorFor is who an operation on work owned by owner belongs to.
func (s *Store) actorFor(owner string) string {
	if s.analyst != "" {
		return s.analyst
	}
	return owner
}

// newUID is a random id that stays with a tag, correction or operation when
// the store is copied.
func newUID() string {
	var b [16]byte
	rand.Read(b[:])
	return hex.EncodeToString(b[:])
}
