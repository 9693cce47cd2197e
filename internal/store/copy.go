package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"

	"github.com/workbench-dev/workbench/internal/model"
)

// CopyReport says what Copy did.
type CopyReport struct {
	Tags, Speakers, Ops CopyCount
	// Conflicts are rows the destination holds differently: reported, never
	// overwritten.
	Conflicts []Conflict
}

// CopyCount counts rows copied and rows the destination already had.
type CopyCount struct{ Copied, Present int }

// Conflict is one row the destination holds differently.
type Conflict struct {
	Kind   string // "tag" or "speaker"
	What   string // e.g. `doc-1:10-42 "escalatory" by ana`
	Reason string
}

func (c Conflict) String() string { return c.Kind + " " + c.What + ": " + c.Reason }

// Copy copies the tags, speaker corrections and undo history of src into
// dst, in one transaction on dst (all or nothing). Rows keep their uids, so
// copying again copies nothing, and a laptop copy brought back adds only
// what was made on the laptop. A row dst holds differently (the same uid, or
// the same analyst, span and label, with other content) is reported as a
// conflict and left as dst has it; the history of a conflicting row is not
// copied. Every analyst's rows are copied, whoever dst's analyst is (dst's
// undo for each change stays with the analyst who made it). Either store may
// be SQLite or PostgreSQL.
func Copy(ctx context.Context, src, dst *Store) (CopyReport, error) {
	var rep CopyReport
	tags, err := src.tagsWithUID(ctx)
	if err != nil {
		return rep, err
	}
	speakers, err := src.speakersWithUID(ctx)
	if err != nil {
		return rep, err
	}
	ops, err := src.opsForCopy(ctx)
	if err != nil {
		return rep, err
	}
	err = dst.write(ctx, func(tx *sql.Tx) error {
		rep = CopyReport{}
		skip := map[string]bool{} // row uids whose history is not copied
		for _, t := range tags {
			if err := dst.copyTag(ctx, tx, t, &rep, skip); err != nil {
				return err
			}
		}
		for _, c := range speakers {
			if err := dst.copySpeaker(ctx, tx, c, &rep, skip); err != nil {
				return err
			}
		}
		for _, o := range ops {
			if err := dst.copyOp(ctx, tx, o, &rep, skip); err != nil {
				return err
			}
		}
		return nil
	})
	if err != nil {
		return CopyReport{}, dst.wrap("copy", err)
	}
	return rep, nil
}

type uidTag struct {
	uid string
	t   model.Tag
}

func (s *Store) tagsWithUID(ctx context.Context) ([]uidTag, error) {
	rows, err := s.db.QueryContext(ctx, `SELECT uid, `+tagColumns+` FROM tags ORDER BY id`)
	if err != nil {
		return nil, s.wrap("read", err)
	}
	defer rows.Close()
	var out []uidTag
	for rows.Next() {
		var u uidTag
		var created, updated string
		t := &u.t
		if err := rows.Scan(&u.uid, &t.ID, &t.QuoteID, &t.DocID, &t.Start, &t.End, &t.Label, &t.Target, &t.Note, &t.Analyst,
			&t.Quote, &t.Speaker, &t.Title, &t.Date, &t.Source, &t.URL, &created, &updated); err != nil {
			return nil, s.wrap("read", err)
		}
		t.CreatedAt, t.UpdatedAt = parseTime(created), parseTime(updated)
		out = append(out, u)
	}
	return out, s.wrap("read", rows.Err())
}

type uidSpeaker struct {
	uid string
	c   SpeakerCorrection
}

func (s *Store) speakersWithUID(ctx context.Context) ([]uidSpeaker, error) {
	rows, err := s.db.QueryContext(ctx, `SELECT `+speakerColumns+`, uid FROM speakers ORDER BY id`)
	if err != nil {
		return nil, s.wrap("read", err)
	}
	defer rows.Close()
	var out []uidSpeaker
	for rows.Next() {
		var u uidSpeaker
		var cleared int
		var at string
		c := &u.c
		if err := rows.Scan(&c.ID, &c.StatementID, &c.DocID, &c.Start, &c.End, &c.Name, &cleared, &c.Analyst, &at, &c.Text, &u.uid); err != nil {
			return nil, s.wrap("read", err)
		}
		c.Cleared, c.At = cleared == 1, parseTime(at)
		out = append(out, u)
	}
	return out, s.wrap("read", rows.Err())
}

type copyOp struct {
	uid, kind, rowUID, at, analyst, actor, batch string
	before, after                                sql.NullString
	undone                                       int
}

func (s *Store) opsForCopy(ctx context.Context) ([]copyOp, error) {
	rows, err := s.db.QueryContext(ctx, `SELECT uid, kind, tag_uid, at, analyst, actor, batch, before, after, undone FROM ops ORDER BY id`)
	if err != nil {
		return nil, s.wrap("read", err)
	}
	defer rows.Close()
	var out []copyOp
	for rows.Next() {
		var o copyOp
		if err := rows.Scan(&o.uid, &o.kind, &o.rowUID, &o.at, &o.analyst, &o.actor, &o.batch, &o.before, &o.after, &o.undone); err != nil {
			return nil, s.wrap("read", err)
		}
		out = append(out, o)
	}
	return out, s.wrap("read", rows.Err())
}

func tagWhat(t model.Tag) string {
	return fmt.Sprintf("%s %q by %s", model.QuoteID(t.DocID, t.Start, t.End), t.Label, t.Analyst)
}

func sameTag(a, b model.Tag) bool {
	a.ID, b.ID = 0, 0
	return a.QuoteID == b.QuoteID && a.DocID == b.DocID && a.Start == b.Start && a.End == b.End && a.Label == b.Label &&
		a.Target == b.Target && a.Note == b.Note && a.Analyst == b.Analyst && a.Quote == b.Quote && a.Speaker == b.Speaker &&
		a.Title == b.Title && a.Date == b.Date && a.Source == b.Source && a.URL == b.URL
}

func (s *Store) copyTag(ctx context.Context, tx *sql.Tx, u uidTag, rep *CopyReport, skip map[string]bool) error {
	var id int64
	err := tx.QueryRowContext(ctx, s.q(`SELECT id FROM tags WHERE uid = ?`), u.uid).Scan(&id)
	if err == nil {
		have, err := s.getTag(ctx, tx, id)
		if err != nil {
			return err
		}
		if sameTag(have, u.t) {
			rep.Tags.Present++
		} else {
			rep.Conflicts = append(rep.Conflicts, Conflict{"tag", tagWhat(u.t), "changed on both sides (note, target or snapshot differ); kept the destination's"})
			skip[u.uid] = true
		}
		return nil
	}
	if !errors.Is(err, sql.ErrNoRows) {
		return err
	}
	id, err = s.putTag(ctx, tx, u.t, u.uid, false)
	if errors.Is(err, sql.ErrNoRows) {
		// The same analyst put the same label on the span independently.
		oid, err := s.findOwn(ctx, tx, u.t.Analyst, u.t.DocID, u.t.Start, u.t.End, u.t.Label)
		if err != nil {
			return err
		}
		have, err := s.getTag(ctx, tx, oid)
		if err != nil {
			return err
		}
		if sameTag(have, u.t) {
			rep.Tags.Present++
		} else {
			rep.Conflicts = append(rep.Conflicts, Conflict{"tag", tagWhat(u.t), "tagged on both sides with different notes or targets; kept the destination's"})
		}
		skip[u.uid] = true
		return nil
	}
	if err != nil {
		return err
	}
	rep.Tags.Copied++
	return nil
}

func (s *Store) copySpeaker(ctx context.Context, tx *sql.Tx, u uidSpeaker, rep *CopyReport, skip map[string]bool) error {
	what := fmt.Sprintf("%s by %s", u.c.StatementID, u.c.Analyst)
	var have SpeakerCorrection
	var uid string
	have, err := scanSpeakerUID(tx.QueryRowContext(ctx, s.q(`SELECT `+speakerColumns+`, uid FROM speakers
		WHERE uid = ? OR (analyst = ? AND doc_id = ? AND span_start = ? AND span_end = ?)`),
		u.uid, u.c.Analyst, u.c.DocID, u.c.Start, u.c.End), &uid)
	switch {
	case errors.Is(err, sql.ErrNoRows):
		if _, err := s.insertSpeaker(ctx, tx, u.c, u.uid, false); err != nil {
			return err
		}
		rep.Speakers.Copied++
		return nil
	case err != nil:
		return err
	}
	if have.Name == u.c.Name && have.Cleared == u.c.Cleared && have.DocID == u.c.DocID && have.Start == u.c.Start && have.End == u.c.End {
		rep.Speakers.Present++
	} else {
		rep.Conflicts = append(rep.Conflicts, Conflict{"speaker", what, fmt.Sprintf("the destination says %q; kept it", have.Name)})
	}
	if uid != u.uid {
		skip[u.uid] = true
	}
	if have.Name != u.c.Name || have.Cleared != u.c.Cleared {
		skip[u.uid] = true
	}
	return nil
}

// copyOp adds one logged change, pointing at the destination's id of its
// row (a new id from the row's sequence when the row is gone).
func (s *Store) copyOp(ctx context.Context, tx *sql.Tx, o copyOp, rep *CopyReport, skip map[string]bool) error {
	var n int
	if err := tx.QueryRowContext(ctx, s.q(`SELECT count(*) FROM ops WHERE uid = ?`), o.uid).Scan(&n); err != nil {
		return err
	}
	if n > 0 {
		rep.Ops.Present++
		return nil
	}
	if skip[o.rowUID] {
		return nil
	}
	table := "tags"
	if o.kind == "speaker" {
		table = "speakers"
	}
	var id int64
	err := tx.QueryRowContext(ctx, s.q(`SELECT id FROM `+table+` WHERE uid = ?`), o.rowUID).Scan(&id)
	if errors.Is(err, sql.ErrNoRows) {
		err = tx.QueryRowContext(ctx, s.q(`SELECT tag_id FROM ops WHERE tag_uid = ? LIMIT 1`), o.rowUID).Scan(&id)
		if errors.Is(err, sql.ErrNoRows) {
			id, err = s.allocID(ctx, tx, table)
		}
	}
	if err != nil {
		return err
	}
	if _, err := tx.ExecContext(ctx, s.q(`INSERT INTO ops (uid, kind, tag_id, tag_uid, before, after, undone, at, analyst, actor, batch)
		VALUES (?,?,?,?,?,?,?,?,?,?,?)`), o.uid, o.kind, id, o.rowUID, o.before, o.after, o.undone, o.at, o.analyst, o.actor, o.batch); err != nil {
		return err
	}
	rep.Ops.Copied++
	return nil
}

// allocID takes a fresh id from table's sequence, for a row that exists
// only in the history (a removed tag).
func (s *Store) allocID(ctx context.Context, tx *sql.Tx, table string) (int64, error) {
	var id int64
	if s.dialect == postgresDialect {
		err := tx.QueryRowContext(ctx, `SELECT nextval(pg_get_serial_sequence($1, 'id'))`, table).Scan(&id)
		return id, err
	}
	if _, err := tx.ExecContext(ctx, `INSERT INTO sqlite_sequence (name, seq) SELECT ?, coalesce((SELECT max(id) FROM `+table+`), 0)
		WHERE NOT EXISTS (SELECT 1 FROM sqlite_sequence WHERE name = ?)`, table, table); err != nil {
		return 0, err
	}
	err := tx.QueryRowContext(ctx, `UPDATE sqlite_sequence SET seq = seq + 1 WHERE name = ? RETURNING seq`, table).Scan(&id)
	return id, err
}
