package store

import (
	"context"
	"database/sql"
	"path/filepath"
	"testing"

	_ "modernc.org/sqlite"
)

func TestSpeakerSnapshot(t *testing.T) { forBackends(t, testSpeakerSnapshot) }

// testSpeakerSnapshot: a correction keeps its statement's text; a later
// correction without text keeps the first; undo, redo and a copy keep it.
func testSpeakerSnapshot(t *testing.T, b backend) {
	ctx := context.Background()
	s := b.open(t, ana)
	c, err := s.SetSpeaker(ctx, SpeakerInput{StatementID: "d:0-5", Name: "Yury Ushakov", Text: "Hello"})
	if err != nil || c.Text != "Hello" {
		t.Fatalf("SetSpeaker: %+v %v", c, err)
	}
	if c, err = s.ClearSpeaker(ctx, SpeakerInput{StatementID: "d:0-5"}); err != nil || c.Text != "Hello" {
		t.Fatalf("a clear without text: %+v %v", c, err)
	}
	all, err := s.Speakers(ctx)
	if err != nil || len(all) != 1 || all[0].Text != "Hello" || !all[0].Cleared {
		t.Fatalf("Speakers: %+v %v", all, err)
	}
	if _, err := s.Undo(ctx); err != nil {
		t.Fatal(err)
	}
	if all, _ = s.SpeakersForDoc(ctx, "d"); len(all) != 1 || all[0].Text != "Hello" || all[0].Cleared {
		t.Fatalf("after undo: %+v", all)
	}
	if _, err := s.Undo(ctx); err != nil {
		t.Fatal(err)
	}
	if _, err := s.Redo(ctx); err != nil {
		t.Fatal(err)
	}
	if all, _ = s.Speakers(ctx); len(all) != 1 || all[0].Text != "Hello" {
		t.Fatalf("after undo and redo: %+v", all)
	}
	dst := backend{"sqlite", filepath.Join(t.TempDir(), "copy.db")}.open(t, ana)
	if _, err := Copy(ctx, s, dst); err != nil {
		t.Fatal(err)
	}
	if all, _ = dst.Speakers(ctx); len(all) != 1 || all[0].Text != "Hello" {
		t.Fatalf("copied: %+v", all)
	}
}

// TestSpeakerSnapshotMigration: a version 3 store keeps its corrections,
// with no text, when it gains the snapshot column.
func TestSpeakerSnapshotMigration(t *testing.T) {
	ctx := context.Background()
	path := filepath.Join(t.TempDir(), "tags.db")
	db, err := sql.Open("sqlite", path)
	if err != nil {
		t.Fatal(err)
	}
	tx, err := db.Begin()
	if err != nil {
		t.Fatal(err)
	}
	for _, m := range migrations[:3] {
		if _, err := tx.Exec(m.sqlite); err != nil {
			t.Fatal(err)
		}
	}
	if _, err := tx.Exec(`INSERT INTO speakers (uid, statement_id, doc_id, span_start, span_end, name, analyst, at)
		VALUES ('u1', 'd:0-5', 'd', 0, 5, 'Yury Ushakov', 'ana', '2025-01-01T00:00:00Z'); PRAGMA user_version = 3`); err != nil {
		t.Fatal(err)
	}
	if err := tx.Commit(); err != nil {
		t.Fatal(err)
	}
	db.Close()
	s, err := Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	all, err := s.Speakers(ctx)
	if err != nil || len(all) != 1 || all[0].Name != "Yury Ushakov" || all[0].Text != "" {
		t.Fatalf("after the migration: %+v %v", all, err)
	}
}
