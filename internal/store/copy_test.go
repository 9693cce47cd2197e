package store

import (
	"context"
	"errors"
	"fmt"
	"path/filepath"
	"sort"
	"strings"
	"testing"
)

// TestCopy copies SQLite -> (SQLite | PostgreSQL) -> SQLite: tags, notes,
// speaker corrections and the undo history arrive; copying again copies
// nothing; a note changed on both sides is a conflict, reported and not
// overwritten.
func TestCopy(t *testing.T) { forBackends(t, testCopy) }

func testCopy(t *testing.T, mid backend) {
	ctx := context.Background()
	first := backend{"sqlite", filepath.Join(t.TempDir(), "laptop.db")}
	a := first.open(t, ana)
	o := first.open(t, Options{Analyst: "olga"})
	tg, err := a.Add(ctx, quoteInput("d", 0, 5, "neutral"))
	if err != nil {
		t.Fatal(err)
	}
	if err := a.SetNote(ctx, tg.ID, "first note"); err != nil {
		t.Fatal(err)
	}
	gone, _ := a.Add(ctx, quoteInput("d", 10, 15, "accusatory"))
	if err := a.Remove(ctx, gone.ID); err != nil {
		t.Fatal(err)
	}
	if _, _, err := o.AddBatch(ctx, []TagInput{{DocID: "d", Start: 0, End: 5, Label: "neutral"}, {DocID: "e", Start: 1, End: 2, Label: "x"}}); err != nil {
		t.Fatal(err)
	}
	if _, err := a.SetSpeaker(ctx, SpeakerInput{StatementID: "d:0-5", Name: "Yury Ushakov"}); err != nil {
		t.Fatal(err)
	}

	m := mid.open(t, Options{Analyst: "copier"})
	rep, err := Copy(ctx, a, m)
	if err != nil {
		t.Fatal(err)
	}
	if rep.Tags.Copied != 3 || rep.Speakers.Copied != 1 || rep.Ops.Copied != 7 || len(rep.Conflicts) != 0 {
		t.Fatalf("first copy: %+v", rep)
	}
	last := backend{"sqlite", filepath.Join(t.TempDir(), "back.db")}
	c := last.open(t, ana)
	if _, err := Copy(ctx, m, c); err != nil {
		t.Fatal(err)
	}
	if got, want := snapshot(t, c), snapshot(t, a); got != want {
		t.Fatalf("after the round trip:\n%s\nwant:\n%s", got, want)
	}
	// Idempotent.
	for _, pair := range [][2]*Store{{a, m}, {m, c}} {
		rep, err := Copy(ctx, pair[0], pair[1])
		if err != nil || rep.Tags.Copied+rep.Speakers.Copied+rep.Ops.Copied != 0 || rep.Tags.Present != 3 || len(rep.Conflicts) != 0 {
			t.Fatalf("copy again: %+v %v", rep, err)
		}
	}
	// The history came along: ana undoes in the copy, newest first.
	for i, want := range []string{"speaker correction", "removal of \"accusatory\"", "tag \"accusatory\"", "note edit"} {
		d, err := c.Undo(ctx)
		if err != nil || !strings.Contains(d, want) {
			t.Fatalf("undo %d in the copy: %q %v, want %q", i, d, err, want)
		}
		if i == 1 {
			// The removed tag is back, under an id of the copy.
			if tags, _ := c.ForDoc(ctx, "d"); len(tags) != 3 {
				t.Fatalf("after undoing the removal: %d tags in d", len(tags))
			}
		}
	}
	olga := last.open(t, Options{Analyst: "olga"})
	if d, err := olga.Undo(ctx); err != nil || !strings.HasPrefix(d, "2 changes") {
		t.Fatalf("olga's batch undo in the copy: %q %v", d, err)
	}

	// A conflict: the note changed on the laptop and on the server.
	if err := a.SetNote(ctx, tg.ID, "laptop note"); err != nil {
		t.Fatal(err)
	}
	mt, _ := m.List(ctx, Filter{Label: "neutral"})
	mAna := mid.open(t, ana)
	for _, x := range mt {
		if x.Analyst == "ana" {
			if err := m.SetNote(ctx, x.ID, "x"); !errors.Is(err, ErrNotYours) {
				t.Fatalf("the copier edits ana's note: %v", err)
			}
			if err := mAna.SetNote(ctx, x.ID, "server note"); err != nil {
				t.Fatal(err)
			}
		}
	}
	rep, err = Copy(ctx, a, m)
	if err != nil || len(rep.Conflicts) != 1 || !strings.Contains(rep.Conflicts[0].String(), "d:0-5 \"neutral\" by ana") {
		t.Fatalf("conflict copy: %+v %v", rep, err)
	}
	mt, _ = m.List(ctx, Filter{Label: "neutral"})
	for _, x := range mt {
		if x.Analyst == "ana" && x.Note != "server note" {
			t.Fatalf("the destination's note was overwritten: %q", x.Note)
		}
	}
}

// snapshot describes a store's tags, corrections and history without ids.
func snapshot(t *testing.T, s *Store) string {
	t.Helper()
	ctx := context.Background()
	tags, err := s.List(ctx, Filter{})
	if err != nil {
		t.Fatal(err)
	}
	var lines []string
	for _, x := range tags {
		lines = append(lines, fmt.Sprintf("tag %s %s %d-%d %s note=%q created=%s", x.Analyst, x.DocID, x.Start, x.End, x.Label, x.Note, formatTime(x.CreatedAt)))
	}
	sp, _ := s.Speakers(ctx)
	for _, x := range sp {
		lines = append(lines, fmt.Sprintf("speaker %s %s %s", x.Analyst, x.StatementID, x.Name))
	}
	rows, err := s.db.Query(`SELECT uid, kind, actor, batch != '', undone FROM ops ORDER BY id`)
	if err != nil {
		t.Fatal(err)
	}
	defer rows.Close()
	for rows.Next() {
		var uid, kind, actor string
		var batch bool
		var undone int
		rows.Scan(&uid, &kind, &actor, &batch, &undone)
		lines = append(lines, fmt.Sprintf("op %s %s %s %v %d", uid, kind, actor, batch, undone))
	}
	sort.Strings(lines)
	return strings.Join(lines, "\n")
}
