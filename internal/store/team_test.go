package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"strings"
	"testing"
)

func TestAddBatch(t *testing.T) { forBackends(t, testAddBatch) }

func testAddBatch(t *testing.T, b backend) {
	ctx := context.Background()
	s := b.open(t, ana)
	if _, err := s.Add(ctx, quoteInput("d", 0, 4, "neutral")); err != nil {
		t.Fatal(err)
	}
	var ins []TagInput
	for i := 0; i < 5; i++ {
		ins = append(ins, quoteInput("d", i*10, i*10+4, "neutral"))
	}
	ins = append(ins, quoteInput("d", 10, 14, "neutral")) // twice in the batch
	imported := quoteInput("d", 20, 24, "neutral")
	imported.Analyst = "bob" // an import keeps its analyst
	ins = append(ins, imported)
	added, skipped, err := s.AddBatch(ctx, ins)
	if err != nil {
		t.Fatal(err)
	}
	if len(added) != 5 || skipped != 2 {
		t.Fatalf("added %d, skipped %d; want 5 and 2", len(added), skipped)
	}
	// Idempotent: the same batch again adds nothing (and is no undo step).
	if added, skipped, err = s.AddBatch(ctx, ins); err != nil || len(added) != 0 || skipped != len(ins) {
		t.Fatalf("second import: added %d, skipped %d, %v", len(added), skipped, err)
	}
	if n, _ := s.Count(ctx); n != 6 {
		t.Fatalf("%d tags, want 6", n)
	}
	// One bad input: nothing changes.
	bad := append(append([]TagInput{}, ins...), quoteInput("e", 0, 4, "x"), TagInput{DocID: "e", Start: 9, End: 3, Label: "neutral"})
	if _, _, err := s.AddBatch(ctx, bad); err == nil || !strings.Contains(err.Error(), "tag 9 of 9") {
		t.Fatalf("bad batch: %v", err)
	}
	if n, _ := s.Count(ctx); n != 6 {
		t.Fatalf("a failed batch changed the store: %d tags", n)
	}
	// One undo step removes exactly the batch; redo restores it.
	desc, err := s.Undo(ctx)
	if err != nil || !strings.HasPrefix(desc, "5 changes") {
		t.Fatalf("undo of the batch: %q %v", desc, err)
	}
	if tags, _ := s.List(ctx, Filter{}); len(tags) != 1 || tags[0].Start != 0 {
		t.Fatalf("after undo: %+v", tags)
	}
	if _, err := s.Redo(ctx); err != nil {
		t.Fatal(err)
	}
	tags, _ := s.List(ctx, Filter{})
	if len(tags) != 6 {
		t.Fatalf("after redo: %d tags", len(tags))
	}
	ids := map[int64]bool{}
	for _, a := range added {
		ids[a.ID] = true
	}
	var bob int
	for _, tg := range tags {
		if tg.Analyst == "bob" {
			bob++
		}
	}
	if bob != 1 {
		t.Fatalf("the imported analyst was not kept: %d tags by bob", bob)
	}
	// A batch in the middle of other work undoes as one step.
	if _, err := s.Undo(ctx); err != nil {
		t.Fatal(err)
	}
	if _, err := s.Undo(ctx); err != nil {
		t.Fatal(err)
	}
	if n, _ := s.Count(ctx); n != 0 {
		t.Fatalf("%d tags after undoing everything", n)
	}
}

func TestPerAnalyst(t *testing.T) { forBackends(t, testPerAnalyst) }

func testPerAnalyst(t *testing.T, b backend) {
	ctx := context.Background()
	a := b.open(t, Options{Analyst: "ana"})
	o := b.open(t, Options{Analyst: "olga"})
	ta, err := a.Add(ctx, TagInput{DocID: "d", Start: 0, End: 5, Label: "neutral"})
	if err != nil || ta.Analyst != "ana" {
		t.Fatalf("ana's tag: %+v %v", ta, err)
	}
	// Same span and label by another analyst: an independent tag.
	to, err := o.Add(ctx, TagInput{DocID: "d", Start: 0, End: 5, Label: "neutral"})
	if err != nil || to.Analyst != "olga" {
		t.Fatalf("olga's tag on the same span: %+v %v", to, err)
	}
	if _, err := o.Add(ctx, TagInput{DocID: "d", Start: 0, End: 5, Label: "neutral"}); !errors.Is(err, ErrDuplicate) {
		t.Fatalf("olga twice: %v", err)
	}
	// Olga cannot touch ana's tag, nor tag in her name.
	for name, err := range map[string]error{
		"remove": o.Remove(ctx, ta.ID),
		"note":   o.SetNote(ctx, ta.ID, "x"),
		"target": o.SetTarget(ctx, ta.ID, "x"),
		"tag as ana": func() error {
			_, err := o.Add(ctx, TagInput{DocID: "d", Start: 7, End: 9, Label: "neutral", Analyst: "ana"})
			return err
		}(),
		"speaker ana": func() error {
			_, err := o.SetSpeaker(ctx, SpeakerInput{StatementID: "d:0-5", Name: "X", Analyst: "ana"})
			return err
		}(),
	} {
		if !errors.Is(err, ErrNotYours) {
			t.Errorf("olga %s on ana's work: %v, want ErrNotYours", name, err)
		}
	}
	// Toggle and RemoveLabel act on one's own tag only.
	added, removed, err := o.Toggle(ctx, TagInput{DocID: "d", Start: 0, End: 5, Label: "neutral"})
	if err != nil || added || removed.ID != to.ID {
		t.Fatalf("olga's toggle: %v %+v %v", added, removed, err)
	}
	if g, err := a.Get(ctx, ta.ID); err != nil || g.Note != "" {
		t.Fatalf("ana's tag after olga's attempts: %+v %v", g, err)
	}
	// Adjudicated tags are shared work.
	adj, err := o.Add(ctx, TagInput{DocID: "d", Start: 0, End: 5, Label: "neutral", Analyst: DefaultAdjudicator})
	if err != nil {
		t.Fatal(err)
	}
	if err := a.SetNote(ctx, adj.ID, "agreed"); err != nil {
		t.Fatalf("ana edits the adjudicated tag: %v", err)
	}
	// Each undo touches only its analyst's own changes, newest first.
	if _, err := a.Add(ctx, TagInput{DocID: "d", Start: 10, End: 15, Label: "neutral"}); err != nil {
		t.Fatal(err)
	}
	if _, err := o.Add(ctx, TagInput{DocID: "d", Start: 20, End: 25, Label: "neutral"}); err != nil {
		t.Fatal(err)
	}
	desc, err := a.Undo(ctx) // ana's d:10-15
	if err != nil || !strings.Contains(desc, "d:10-15") {
		t.Fatalf("ana's undo: %q %v", desc, err)
	}
	desc, err = a.Undo(ctx) // ana's note on the adjudicated tag, not olga's newer tag
	if err != nil || !strings.Contains(desc, "note edit") {
		t.Fatalf("ana's second undo: %q %v", desc, err)
	}
	desc, err = o.Undo(ctx)
	if err != nil || !strings.Contains(desc, "d:20-25") {
		t.Fatalf("olga's undo: %q %v", desc, err)
	}
	// Olga's new change does not clear ana's redo stack.
	if _, err := o.Add(ctx, TagInput{DocID: "d", Start: 30, End: 35, Label: "neutral"}); err != nil {
		t.Fatal(err)
	}
	if desc, err := a.Redo(ctx); err != nil || !strings.Contains(desc, "note edit") {
		t.Fatalf("ana's redo after olga's change: %q %v", desc, err)
	}
	for _, st := range []*Store{a, o} {
		in := quoteInput("q", 0, 5, "neutral")
		in.Analyst = ""
		if _, err := st.Add(ctx, in); err != nil {
			t.Fatal(err)
		}
	}
	if lf, _ := a.LabelsFor(ctx, []string{"q:0-5"}); strings.Join(lf["q:0-5"], ",") != "neutral" {
		t.Fatalf("LabelsFor with two analysts' neutral: %v", lf)
	}
	tags, _ := a.ForDoc(ctx, "d")
	var got []string
	for _, tg := range tags {
		got = append(got, fmt.Sprintf("%s@%d", tg.Analyst, tg.Start))
	}
	if strings.Join(got, " ") != "ana@0 adjudicated@0 olga@30" {
		t.Fatalf("tags: %v", got)
	}
}

func TestSpeakerCorrections(t *testing.T) { forBackends(t, testSpeakerCorrections) }

func testSpeakerCorrections(t *testing.T, b backend) {
	ctx := context.Background()
	s := b.open(t, ana)
	c, err := s.SetSpeaker(ctx, SpeakerInput{StatementID: "kremlin-62366:46276-46424", Name: "Akhmat Kadyrov"})
	if err != nil || c.DocID != "kremlin-62366" || c.Start != 46276 || c.Analyst != "ana" || c.Cleared {
		t.Fatalf("SetSpeaker: %+v %v", c, err)
	}
	if _, err := s.SetSpeaker(ctx, SpeakerInput{StatementID: "kremlin-62366:46276-46424", Name: "Akhmad Kadyrov"}); err != nil {
		t.Fatal(err)
	}
	if _, err := s.ClearSpeaker(ctx, SpeakerInput{StatementID: "turn-7", DocID: "pz-putin-437", Start: 100, End: 300}); err != nil {
		t.Fatal(err)
	}
	if _, err := s.SetSpeaker(ctx, SpeakerInput{StatementID: "x"}); err == nil {
		t.Fatal("a correction without a name or span was accepted")
	}
	all, err := s.Speakers(ctx)
	if err != nil || len(all) != 2 || all[0].Name != "Akhmad Kadyrov" || !all[1].Cleared || all[1].StatementID != "turn-7" {
		t.Fatalf("Speakers: %+v %v", all, err)
	}
	// Another analyst's correction of the same statement is separate.
	o := b.open(t, Options{Analyst: "olga"})
	if _, err := o.SetSpeaker(ctx, SpeakerInput{StatementID: "kremlin-62366:46276-46424", Name: "Vladimir Putin"}); err != nil {
		t.Fatal(err)
	}
	doc, _ := s.SpeakersForDoc(ctx, "kremlin-62366")
	if len(doc) != 2 {
		t.Fatalf("SpeakersForDoc: %+v", doc)
	}
	// Undo: clear, then the rename, in order.
	if d, err := s.Undo(ctx); err != nil || !strings.Contains(d, "speaker correction on pz-putin-437:100-300") {
		t.Fatalf("undo clear: %q %v", d, err)
	}
	if _, err := s.Undo(ctx); err != nil {
		t.Fatal(err)
	}
	doc, _ = s.SpeakersForDoc(ctx, "kremlin-62366")
	names := map[string]string{}
	for _, c := range doc {
		names[c.Analyst] = c.Name
	}
	if names["ana"] != "Akhmat Kadyrov" || names["olga"] != "Vladimir Putin" {
		t.Fatalf("after undo: %v", names)
	}
	if _, err := s.Redo(ctx); err != nil {
		t.Fatal(err)
	}
	// Corrections survive a reopen whatever the index says: the store does
	// not know statements, so an orphaned one is simply kept.
	s.Close()
	s = b.open(t, ana)
	if all, _ := s.Speakers(ctx); len(all) != 2 {
		t.Fatalf("after reopen: %+v", all)
	}
}

// TestMigrateV2WithHistory: a version-2 store with tags and an operation log
// (one tag removed) migrates to the current schema on both backends: the
// tags keep their ids, the removal can be undone (the tag comes back with its
// id), and a new tag never reuses a removed id.
func TestMigrateV2WithHistory(t *testing.T) { forBackends(t, testMigrateV2WithHistory) }

func testMigrateV2WithHistory(t *testing.T, b backend) {
	ctx := context.Background()
	raw := &Store{}
	var err error
	if b.name == "postgres" {
		raw.dialect = postgresDialect
		raw.db, err = sql.Open("pgx", b.target)
	} else {
		raw.db, err = sql.Open("sqlite", b.target)
	}
	if err != nil {
		t.Fatal(err)
	}
	for _, m := range migrations[:2] {
		q := m.sqlite
		if b.name == "postgres" {
			q = m.postgres
		}
		if _, err := raw.db.Exec(q); err != nil {
			t.Fatal(err)
		}
	}
	const at = "2025-01-02T03:04:05.000000000Z"
	for _, q := range []string{
		`INSERT INTO tags (id, quote_id, doc_id, span_start, span_end, label, analyst, created_at, updated_at) VALUES (1, 'd:0-4', 'd', 0, 4, 'neutral', 'ana', '` + at + `', '` + at + `')`,
		`INSERT INTO ops (id, kind, tag_id, before, after, at, analyst) VALUES (1, 'add', 1, NULL, '{"id":1,"doc_id":"d","start":0,"end":4,"label":"neutral","analyst":"ana"}', '` + at + `', 'ana')`,
		`INSERT INTO ops (id, kind, tag_id, before, after, at, analyst) VALUES (2, 'add', 2, NULL, '{"id":2,"doc_id":"d","start":5,"end":9,"label":"neutral","analyst":"ana"}', '` + at + `', 'ana')`,
		`INSERT INTO ops (id, kind, tag_id, before, after, at, analyst) VALUES (3, 'remove', 2, '{"id":2,"doc_id":"d","start":5,"end":9,"label":"neutral","analyst":"ana","quote":"kept"}', NULL, '` + at + `', 'ana')`,
	} {
		if _, err := raw.db.Exec(q); err != nil {
			t.Fatal(err)
		}
	}
	if b.name == "postgres" {
		// Ids 1 and 2 were handed out by the sequence.
		for _, q := range []string{`SELECT setval(pg_get_serial_sequence('tags', 'id'), 2)`, `SELECT setval(pg_get_serial_sequence('ops', 'id'), 3)`,
			`CREATE TABLE schema_version (version INTEGER NOT NULL)`, `INSERT INTO schema_version VALUES (2)`} {
			if _, err := raw.db.Exec(q); err != nil {
				t.Fatal(err)
			}
		}
	} else {
		if _, err := raw.db.Exec(`UPDATE sqlite_sequence SET seq = 2 WHERE name = 'tags'; PRAGMA user_version = 2`); err != nil {
			t.Fatal(err)
		}
	}
	raw.db.Close()

	s := b.open(t, ana)
	if v, err := s.schemaVersion(ctx, s.db); err != nil || v != SchemaVersion {
		t.Fatalf("version %d after migrating, %v", v, err)
	}
	fresh, err := s.Add(ctx, TagInput{DocID: "d", Start: 20, End: 24, Label: "neutral"})
	if err != nil || fresh.ID <= 2 {
		t.Fatalf("new tag id %d after migrating (ids 1 and 2 were used), %v", fresh.ID, err)
	}
	if _, err := s.Undo(ctx); err != nil { // the new tag
		t.Fatal(err)
	}
	if d, err := s.Undo(ctx); err != nil || !strings.Contains(d, "removal") {
		t.Fatalf("undo of the old removal: %q %v", d, err)
	}
	g, err := s.Get(ctx, 2)
	if err != nil || g.Quote != "kept" || g.Start != 5 {
		t.Fatalf("tag 2 after undoing its removal: %+v %v", g, err)
	}
	// Ana also owns the old ops (actor = analyst).
	if _, err := s.Undo(ctx); err != nil {
		t.Fatal(err)
	}
	if n, _ := s.Count(ctx); n != 1 {
		t.Fatalf("%d tags, want 1", n)
	}
}
