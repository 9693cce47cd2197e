package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/workbench-dev/workbench/internal/model"
)

func openTemp(t *testing.T) (*Store, string) {
	t.Helper()
	path := filepath.Join(t.TempDir(), "tags.db")
	s, err := Open(path)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { s.Close() })
	return s, path
}

func quoteInput(doc string, start, end int, label string) TagInput {
	return TagInput{
		QuoteID: model.QuoteID(doc, start, end), Label: label, Analyst: "ana",
		Quote: "We are ready for talks", Speaker: "Yury Ushakov", Title: "Ushakov on Alaska",
		Date: "2025-08-10", Source: "kremlin.ru", URL: "http://kremlin.ru/events/1",
	}
}

func TestAddListAndSnapshot(t *testing.T) { forBackends(t, testAddListAndSnapshot) }

func testAddListAndSnapshot(t *testing.T, b backend) {
	s := b.open(t, ana)
	ctx := context.Background()
	in := quoteInput("doc-1", 10, 32, "de-escalatory")
	in.Target, in.Note = "Donald Trump", "first signal"
	tag, err := s.Add(ctx, in)
	if err != nil {
		t.Fatal(err)
	}
	if tag.ID == 0 || tag.DocID != "doc-1" || tag.Start != 10 || tag.End != 32 {
		t.Fatalf("span not derived from the quote id: %+v", tag)
	}
	got, err := s.List(ctx, Filter{})
	if err != nil {
		t.Fatal(err)
	}
	if len(got) != 1 {
		t.Fatalf("List: %d tags, want 1", len(got))
	}
	g := got[0]
	if g.Quote != in.Quote || g.Speaker != in.Speaker || g.Title != in.Title || g.Date != in.Date ||
		g.Source != in.Source || g.URL != in.URL || g.Target != in.Target || g.Note != in.Note || g.Analyst != "ana" {
		t.Fatalf("snapshot not stored: %+v", g)
	}
	if g.CreatedAt.IsZero() || !g.CreatedAt.Equal(tag.CreatedAt) {
		t.Fatalf("created_at %v, want %v", g.CreatedAt, tag.CreatedAt)
	}
	// A second label on the same span is fine; the same label twice is not.
	if _, err := s.Add(ctx, quoteInput("doc-1", 10, 32, "accusatory")); err != nil {
		t.Fatal(err)
	}
	_, err = s.Add(ctx, quoteInput("doc-1", 10, 32, "de-escalatory"))
	if !errors.Is(err, ErrDuplicate) || !strings.Contains(err.Error(), "doc-1:10-32") {
		t.Fatalf("duplicate label: err = %v", err)
	}
	// A free span with the same offsets is the same span.
	_, err = s.Add(ctx, TagInput{DocID: "doc-1", Start: 10, End: 32, Label: "accusatory", Analyst: "ana"})
	if !errors.Is(err, ErrDuplicate) {
		t.Fatalf("free span duplicate: err = %v", err)
	}
	counts, _ := s.LabelCounts(ctx)
	if counts["de-escalatory"] != 1 || counts["accusatory"] != 1 || len(counts) != 2 {
		t.Fatalf("counts %v", counts)
	}
}

func TestAddValidation(t *testing.T) { forBackends(t, testAddValidation) }

func testAddValidation(t *testing.T, b backend) {
	s := b.open(t, ana)
	ctx := context.Background()
	for _, in := range []TagInput{
		{QuoteID: "nonsense", Label: "neutral"},
		{QuoteID: "d:1-2", Label: ""},
		{DocID: "d", Start: 5, End: 5, Label: "neutral"},
		{DocID: "d", Start: -1, End: 5, Label: "neutral"},
		{Label: "neutral"},
		{QuoteID: "d:1-2", DocID: "other", Label: "neutral"},
	} {
		if _, err := s.Add(ctx, in); err == nil {
			t.Errorf("Add(%+v) succeeded, want an error", in)
		}
	}
	if n, _ := s.Count(ctx); n != 0 {
		t.Fatalf("%d tags stored from bad input", n)
	}
}

func TestFilters(t *testing.T) { forBackends(t, testFilters) }

func testFilters(t *testing.T, be backend) {
	s := be.open(t, ana)
	ctx := context.Background()
	base := time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC)
	i := 0
	s.now = func() time.Time { i++; return base.Add(time.Duration(i) * time.Hour) }
	a := quoteInput("a", 0, 5, "escalatory")
	a.Speaker = "Vladimir Putin"
	b := quoteInput("b", 0, 5, "escalatory")
	b.Speaker, b.Target = "Someone", "vladimir putin"
	c := quoteInput("b", 6, 9, "neutral")
	for _, in := range []TagInput{a, b, c} {
		if _, err := s.Add(ctx, in); err != nil {
			t.Fatal(err)
		}
	}
	check := func(f Filter, want ...string) {
		t.Helper()
		got, err := s.List(ctx, f)
		if err != nil {
			t.Fatal(err)
		}
		var ids []string
		for _, g := range got {
			ids = append(ids, g.QuoteID)
		}
		if strings.Join(ids, ",") != strings.Join(want, ",") {
			t.Fatalf("List(%+v) = %v, want %v", f, ids, want)
		}
	}
	check(Filter{Label: "escalatory"}, "a:0-5", "b:0-5")
	check(Filter{Actor: "Vladimir Putin"}, "a:0-5", "b:0-5")
	check(Filter{DocID: "b"}, "b:0-5", "b:6-9")
	check(Filter{Since: base.Add(2 * time.Hour)}, "b:0-5", "b:6-9")
	check(Filter{Label: "neutral", Actor: "nobody"})
	check(Filter{SpansOnly: true})
	if _, err := s.Add(ctx, TagInput{DocID: "z", Start: 10, End: 14, Label: "neutral", Analyst: "ana"}); err != nil {
		t.Fatal(err)
	}
	spans, err := s.List(ctx, Filter{SpansOnly: true})
	if err != nil || len(spans) != 1 || spans[0].QuoteID != "" || spans[0].DocID != "z" || spans[0].Start != 10 {
		t.Fatalf("List(SpansOnly) = %+v, %v: want the one free span", spans, err)
	}
	if spans, _ = s.List(ctx, Filter{SpansOnly: true, DocID: "a"}); len(spans) != 0 {
		t.Fatalf("List(SpansOnly, doc a) = %+v", spans)
	}
	docs, _ := s.DocsWithLabel(ctx, "escalatory")
	if strings.Join(docs, ",") != "a,b" {
		t.Fatalf("DocsWithLabel = %v", docs)
	}
	if qs, _ := s.QuotesWithLabel(ctx, "escalatory"); strings.Join(qs, ",") != "a:0-5,b:0-5" {
		t.Fatalf("QuotesWithLabel = %v", qs)
	}
	lf, err := s.LabelsFor(ctx, []string{"b:0-5", "b:6-9", "a:0-5", "zzz:1-2"})
	if err != nil || len(lf) != 3 || strings.Join(lf["b:0-5"], ",") != "escalatory" || strings.Join(lf["b:6-9"], ",") != "neutral" {
		t.Fatalf("LabelsFor = %v, %v", lf, err)
	}
	many := make([]string, 1200)
	for i := range many {
		many[i] = fmt.Sprintf("x:%d-%d", i, i+1)
	}
	many[1100] = "a:0-5"
	if lf, err = s.LabelsFor(ctx, many); err != nil || len(lf) != 1 || lf["a:0-5"][0] != "escalatory" {
		t.Fatalf("LabelsFor of 1200 ids = %v, %v", lf, err)
	}
	fd, _ := s.ForDoc(ctx, "b")
	if len(fd) != 2 || fd[0].Start != 0 || fd[1].Start != 6 {
		t.Fatalf("ForDoc = %+v", fd)
	}
}

func TestToggleRemoveEdit(t *testing.T) { forBackends(t, testToggleRemoveEdit) }

func testToggleRemoveEdit(t *testing.T, b backend) {
	s := b.open(t, ana)
	ctx := context.Background()
	in := quoteInput("d", 1, 4, "neutral")
	added, tag, err := s.Toggle(ctx, in)
	if err != nil || !added || tag.ID == 0 {
		t.Fatalf("Toggle on: %v %v %+v", added, err, tag)
	}
	added, removed, err := s.Toggle(ctx, in)
	if err != nil || added || removed.ID != tag.ID {
		t.Fatalf("Toggle off: %v %v %+v", added, err, removed)
	}
	if n, _ := s.Count(ctx); n != 0 {
		t.Fatalf("after toggling off: %d tags", n)
	}
	tag, _ = s.Add(ctx, in)
	if err := s.SetNote(ctx, tag.ID, "needs context"); err != nil {
		t.Fatal(err)
	}
	if err := s.SetTarget(ctx, tag.ID, "Kyiv"); err != nil {
		t.Fatal(err)
	}
	g, _ := s.Get(ctx, tag.ID)
	if g.Note != "needs context" || g.Target != "Kyiv" || !g.UpdatedAt.After(g.CreatedAt) && !g.UpdatedAt.Equal(g.CreatedAt) {
		t.Fatalf("after edits: %+v", g)
	}
	if err := s.SetNote(ctx, 999, "x"); !errors.Is(err, ErrNotFound) {
		t.Fatalf("SetNote on a missing tag: %v", err)
	}
	if _, err := s.RemoveLabel(ctx, "d:1-4", "escalatory"); !errors.Is(err, ErrNotFound) {
		t.Fatalf("RemoveLabel of a label not there: %v", err)
	}
	if _, err := s.RemoveLabel(ctx, "d:1-4", "neutral"); err != nil {
		t.Fatal(err)
	}
	if err := s.Remove(ctx, tag.ID); !errors.Is(err, ErrNotFound) {
		t.Fatalf("Remove twice: %v", err)
	}
	// Ids are never reused, so a stale id held by a UI cannot hit another tag.
	again, err := s.Add(ctx, in)
	if err != nil || again.ID <= tag.ID {
		t.Fatalf("new tag after removing the newest: id %d (removed %d), %v", again.ID, tag.ID, err)
	}
}

func TestUndoRedoAcrossReopen(t *testing.T) { forBackends(t, testUndoRedoAcrossReopen) }

func testUndoRedoAcrossReopen(t *testing.T, b backend) {
	s := b.open(t, ana)
	ctx := context.Background()
	if _, err := s.Undo(ctx); !errors.Is(err, ErrNothingToUndo) {
		t.Fatalf("undo on an empty store: %v", err)
	}
	tag, err := s.Add(ctx, quoteInput("d", 1, 4, "neutral"))
	if err != nil {
		t.Fatal(err)
	}
	if err := s.SetNote(ctx, tag.ID, "n1"); err != nil {
		t.Fatal(err)
	}
	if err := s.SetTarget(ctx, tag.ID, "t1"); err != nil {
		t.Fatal(err)
	}
	if _, err := s.RemoveLabel(ctx, tag.QuoteID, "neutral"); err != nil {
		t.Fatal(err)
	}
	s.Close()

	// Reopen: the log is in the file.
	s = b.open(t, ana)
	state := func() string {
		tags, err := s.List(ctx, Filter{})
		if err != nil {
			t.Fatal(err)
		}
		if len(tags) == 0 {
			return "none"
		}
		return fmt.Sprintf("%d %s note=%s target=%s", tags[0].ID, tags[0].Label, tags[0].Note, tags[0].Target)
	}
	id := tag.ID
	steps := []struct {
		undo      bool
		desc, was string
	}{
		{true, "removal of \"neutral\" from d:1-4", fmt.Sprintf("%d neutral note=n1 target=t1", id)},
		{true, "target edit", fmt.Sprintf("%d neutral note=n1 target=", id)},
		{true, "note edit", fmt.Sprintf("%d neutral note= target=", id)},
		{true, "tag \"neutral\" on d:1-4", "none"},
		{false, "tag \"neutral\"", fmt.Sprintf("%d neutral note= target=", id)},
		{false, "note edit", fmt.Sprintf("%d neutral note=n1 target=", id)},
	}
	for i, st := range steps {
		var desc string
		if st.undo {
			desc, err = s.Undo(ctx)
		} else {
			desc, err = s.Redo(ctx)
		}
		if err != nil {
			t.Fatalf("step %d: %v", i, err)
		}
		if !strings.Contains(desc, st.desc) {
			t.Fatalf("step %d: desc %q, want %q", i, desc, st.desc)
		}
		if got := state(); got != st.was {
			t.Fatalf("step %d: state %q, want %q", i, got, st.was)
		}
		if i == 3 {
			if _, err := s.Undo(ctx); !errors.Is(err, ErrNothingToUndo) {
				t.Fatalf("undo past the start: %v", err)
			}
			// Reopen in the middle of the redo stack.
			s.Close()
			s = b.open(t, ana)
		}
	}
	// A new change clears the redo stack.
	if err := s.SetNote(ctx, id, "n2"); err != nil {
		t.Fatal(err)
	}
	if _, err := s.Redo(ctx); !errors.Is(err, ErrNothingToRedo) {
		t.Fatalf("redo after a new change: %v", err)
	}
	if desc, err := s.Undo(ctx); err != nil || !strings.Contains(desc, "note edit") || state() != fmt.Sprintf("%d neutral note=n1 target=", id) {
		t.Fatalf("undo of the new change: %q %v %s", desc, err, state())
	}
}

func TestModes(t *testing.T) {
	s, path := openTemp(t)
	if _, err := s.Add(context.Background(), quoteInput("d", 1, 4, "neutral")); err != nil {
		t.Fatal(err)
	}
	for _, p := range []string{path, path + "-wal", path + "-shm"} {
		st, err := os.Stat(p)
		if err != nil {
			t.Fatalf("%s: %v", p, err)
		}
		if st.Mode().Perm() != 0o600 {
			t.Errorf("%s: mode %v, want 0600", p, st.Mode().Perm())
		}
	}
	var mode string
	s.db.QueryRow("PRAGMA journal_mode").Scan(&mode)
	if mode != "wal" {
		t.Errorf("journal_mode %q, want wal", mode)
	}
	var fk int
	s.db.QueryRow("PRAGMA foreign_keys").Scan(&fk)
	if fk != 1 {
		t.Errorf("foreign_keys %d, want 1", fk)
	}
}

func TestConcurrentGoroutines(t *testing.T) { forBackends(t, testConcurrentGoroutines) }

func testConcurrentGoroutines(t *testing.T, b backend) {
	ctx := context.Background()
	const writers, each = 4, 50
	var wg sync.WaitGroup
	errs := make(chan error, writers*each)
	for w := 0; w < writers; w++ {
		wg.Add(1)
		go func(w int) {
			defer wg.Done()
			// Each goroutine its own Store, like separate processes.
			s, err := OpenURL(ctx, b.target, ana)
			if err != nil {
				errs <- err
				return
			}
			defer s.Close()
			for i := 0; i < each; i++ {
				if _, err := s.Add(ctx, quoteInput(fmt.Sprintf("w%d", w), i, i+1, "neutral")); err != nil {
					errs <- err
				}
			}
		}(w)
	}
	wg.Wait()
	close(errs)
	for err := range errs {
		t.Error(err)
	}
	s := b.open(t, ana)
	if n, _ := s.Count(ctx); n != writers*each {
		t.Fatalf("%d tags, want %d", n, writers*each)
	}
}

// v1Schema is the schema of version 1, as written by the first release.
const v1Schema = `CREATE TABLE tags (
	id         INTEGER PRIMARY KEY AUTOINCREMENT,
	quote_id   TEXT NOT NULL DEFAULT '',
	doc_id     TEXT NOT NULL,
	span_start INTEGER NOT NULL,
	span_end   INTEGER NOT NULL,
	label      TEXT NOT NULL,
	target     TEXT NOT NULL DEFAULT '',
	note       TEXT NOT NULL DEFAULT '',
	analyst    TEXT NOT NULL DEFAULT '',
	quote      TEXT NOT NULL DEFAULT '',
	speaker    TEXT NOT NULL DEFAULT '',
	title      TEXT NOT NULL DEFAULT '',
	date       TEXT NOT NULL DEFAULT '',
	created_at TEXT NOT NULL,
	updated_at TEXT NOT NULL,
	UNIQUE (doc_id, span_start, span_end, label)
);
CREATE INDEX tags_label ON tags(label);
INSERT INTO tags (quote_id, doc_id, span_start, span_end, label, quote, speaker, title, date, created_at, updated_at)
VALUES ('old:3-9', 'old', 3, 9, 'accusatory', 'They lie', 'Maria Zakharova', 'Briefing', '2024-05-01',
	'2024-05-02T10:00:00.000000000Z', '2024-05-02T10:00:00.000000000Z');
PRAGMA user_version = 1;`

func TestMigrateFromV1(t *testing.T) {
	path := filepath.Join(t.TempDir(), "tags.db")
	db, err := sql.Open("sqlite", path)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := db.Exec(v1Schema); err != nil {
		t.Fatal(err)
	}
	db.Close()

	s, err := Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	var v int
	s.db.QueryRow("PRAGMA user_version").Scan(&v)
	if v != SchemaVersion {
		t.Fatalf("user_version %d after migration, want %d", v, SchemaVersion)
	}
	ctx := context.Background()
	tags, err := s.List(ctx, Filter{})
	if err != nil {
		t.Fatal(err)
	}
	if len(tags) != 1 || tags[0].Label != "accusatory" || tags[0].Speaker != "Maria Zakharova" ||
		tags[0].CreatedAt.Year() != 2024 || tags[0].Source != "" {
		t.Fatalf("old tag after migration: %+v", tags)
	}
	// The migrated store works: undo log, new columns.
	in := quoteInput("old", 3, 9, "dismissive")
	if _, err := s.Add(ctx, in); err != nil {
		t.Fatal(err)
	}
	if desc, err := s.Undo(ctx); err != nil || !strings.Contains(desc, "dismissive") {
		t.Fatalf("undo after migration: %q %v", desc, err)
	}
}

func TestNewerSchemaRefused(t *testing.T) {
	path := filepath.Join(t.TempDir(), "tags.db")
	db, _ := sql.Open("sqlite", path)
	if _, err := db.Exec("CREATE TABLE x(a); PRAGMA user_version = 99"); err != nil {
		t.Fatal(err)
	}
	db.Close()
	_, err := Open(path)
	if !errors.Is(err, ErrNewerSchema) || !strings.Contains(err.Error(), "upgrade workbench") {
		t.Fatalf("err = %v", err)
	}
}

func TestDamagedKept(t *testing.T) {
	for name, damage := range map[string]func(path string) error{
		"not a database": func(path string) error {
			return os.WriteFile(path, []byte(strings.Repeat("this is not sqlite\n", 300)), 0o600)
		},
		"corrupt pages": func(path string) error {
			// A real store with its b-tree pages overwritten.
			s, err := Open(path)
			if err != nil {
				return err
			}
			for i := 0; i < 300; i++ {
				if _, err := s.Add(context.Background(), quoteInput("d", i, i+1, "neutral")); err != nil {
					return err
				}
			}
			s.Close()
			b, err := os.ReadFile(path)
			if err != nil {
				return err
			}
			for i := 4096 + 100; i < len(b) && i < 4096*6; i++ {
				b[i] = 0xA5
			}
			return os.WriteFile(path, b, 0o600)
		},
	} {
		t.Run(name, func(t *testing.T) {
			dir := t.TempDir()
			path := filepath.Join(dir, "tags.db")
			if err := damage(path); err != nil {
				t.Fatal(err)
			}
			os.Remove(path + "-wal")
			os.Remove(path + "-shm")
			before, _ := os.ReadFile(path)
			s, err := Open(path)
			if err == nil {
				// Some damage only shows on reading.
				_, err = s.List(context.Background(), Filter{})
				s.Close()
			}
			if !errors.Is(err, ErrDamaged) {
				t.Fatalf("err = %v, want ErrDamaged", err)
			}
			if !strings.Contains(err.Error(), path) || !strings.Contains(err.Error(), "copy was kept at") {
				t.Fatalf("message does not name the file and the copy: %v", err)
			}
			after, _ := os.ReadFile(path)
			if string(before) != string(after) {
				t.Fatal("the damaged file was changed")
			}
			copies, _ := filepath.Glob(path + ".damaged-*")
			if len(copies) == 0 {
				t.Fatal("no copy kept")
			}
			cp, _ := os.ReadFile(copies[0])
			if string(cp) != string(before) {
				t.Fatal("the copy differs from the damaged file")
			}
		})
	}
}

func TestOpenMissingFolder(t *testing.T) {
	_, err := Open(filepath.Join(t.TempDir(), "nope", "tags.db"))
	if err == nil || !strings.Contains(err.Error(), "does not exist") {
		t.Fatalf("err = %v", err)
	}
}

// TestSharedStoreGoroutines: one Store used by several goroutines (the TUI's
// commands run concurrently), writes and reads mixed.
func TestSharedStoreGoroutines(t *testing.T) { forBackends(t, testSharedStoreGoroutines) }

func testSharedStoreGoroutines(t *testing.T, b backend) {
	s := b.open(t, ana)
	ctx := context.Background()
	var wg sync.WaitGroup
	for w := 0; w < 4; w++ {
		wg.Add(1)
		go func(w int) {
			defer wg.Done()
			for i := 0; i < 25; i++ {
				in := quoteInput(fmt.Sprintf("s%d", w), i, i+1, "neutral")
				if _, _, err := s.Toggle(ctx, in); err != nil {
					t.Error(err)
					return
				}
				if _, err := s.ForDoc(ctx, in.DocID); err != nil {
					t.Error(err)
					return
				}
			}
		}(w)
	}
	wg.Wait()
	if n, _ := s.Count(ctx); n != 100 {
		t.Fatalf("%d tags, want 100", n)
	}
}

func TestUndoDepthBounded(t *testing.T) {
	s, _ := openTemp(t)
	ctx := context.Background()
	// Pretend the log is old: ops ids far apart are what matters.
	if _, err := s.db.Exec(`INSERT INTO ops (id, uid, kind, tag_id, before, after, at) VALUES (1, 'u1', 'add', 999, NULL, NULL, 'x')`); err != nil {
		t.Fatal(err)
	}
	if _, err := s.db.Exec(`INSERT INTO ops (id, uid, kind, tag_id, before, after, at) VALUES (?, 'u2', 'add', 998, NULL, NULL, 'x')`, UndoDepth+99); err != nil {
		t.Fatal(err)
	}
	if _, err := s.Add(ctx, quoteInput("d", 1, 2, "neutral")); err != nil { // op id UndoDepth+100
		t.Fatal(err)
	}
	var n int
	s.db.QueryRow(`SELECT count(*) FROM ops WHERE id = 1`).Scan(&n)
	if n != 0 {
		t.Fatal("the oldest op was not pruned")
	}
	s.db.QueryRow(`SELECT count(*) FROM ops`).Scan(&n)
	if n != 2 {
		t.Fatalf("%d ops left, want 2", n)
	}
}
