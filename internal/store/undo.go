package store

import (
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"fmt"

	"github.com/workbench-dev/workbench/internal/model"
)

// The operation log (table ops) holds every change as the state of its row
// (a tag, or a speaker correction) before and after it (JSON, NULL for "no
// row"), with the analyst who made it (actor) and, for a bulk change, a
// batch id shared by all its ops. Undo applies the actor's newest step not
// yet undone in reverse (a whole batch at once); redo re-applies the actor's
// oldest undone step. A new change deletes the actor's undone ops (their redo
// stack). The log lives in the database, so undo works across restarts.
//
// Per analyst: a Store opened for an analyst (Options.Analyst) undoes and
// redoes only that analyst's changes; one opened without (Open) undoes every
// change, newest first, as a single analyst's store always did.

// Undo reverts the most recent change and describes it, e.g.
// `removed "escalatory" from doc-1:10-42`. With nothing to undo it returns
// ErrNothingToUndo.
func (s *Store) Undo(ctx context.Context) (string, error) {
	return s.step(ctx, true)
}

// Redo re-applies the most recently undone change (ErrNothingToRedo).
func (s *Store) Redo(ctx context.Context) (string, error) {
	return s.step(ctx, false)
}

type loggedOp struct {
	id, rowID     int64
	kind, rowUID  string
	batch         string
	before, after sql.NullString
}

func (s *Store) step(ctx context.Context, undo bool) (string, error) {
	var desc string
	err := s.write(ctx, func(tx *sql.Tx) error {
		undone := 0
		order := "DESC"
		if !undo {
			undone, order = 1, "ASC"
		}
		where, args := `undone = ?`, []any{undone}
		if s.analyst != "" {
			where, args = where+` AND actor = ?`, append(args, s.analyst)
		}
		var first int64
		var batch string
		err := tx.QueryRowContext(ctx, s.q(`SELECT id, batch FROM ops WHERE `+where+` ORDER BY id `+order+` LIMIT 1`), args...).Scan(&first, &batch)
		if errors.Is(err, sql.ErrNoRows) {
			if undo {
				return ErrNothingToUndo
			}
			return ErrNothingToRedo
		}
		if err != nil {
			return err
		}
		sel, sargs := `id = ?`, []any{first}
		if batch != "" {
			sel, sargs = `batch = ? AND undone = ?`, []any{batch, undone}
		}
		ops, err := s.loadOps(ctx, tx, `SELECT id, kind, tag_id, tag_uid, batch, before, after FROM ops WHERE `+sel+` ORDER BY id `+order, sargs...)
		if err != nil {
			return err
		}
		for _, o := range ops {
			to := o.before
			if !undo {
				to = o.after
			}
			if err := s.applyOp(ctx, tx, o, to); err != nil {
				return fmt.Errorf("cannot %s op %d: %w", map[bool]string{true: "undo", false: "redo"}[undo], o.id, err)
			}
			if _, err := tx.ExecContext(ctx, s.q(`UPDATE ops SET undone = ? WHERE id = ?`), 1-undone, o.id); err != nil {
				return err
			}
		}
		desc = describe(ops[0].kind, ops[0].before, ops[0].after)
		if len(ops) > 1 {
			desc = fmt.Sprintf("%d changes (%s, ...)", len(ops), desc)
		}
		return nil
	})
	if err != nil {
		if errors.Is(err, ErrNothingToUndo) || errors.Is(err, ErrNothingToRedo) {
			return "", err
		}
		return "", s.wrap("undo", err)
	}
	return desc, nil
}

func (s *Store) loadOps(ctx context.Context, tx *sql.Tx, q string, args ...any) ([]loggedOp, error) {
	rows, err := tx.QueryContext(ctx, s.q(q), args...)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var ops []loggedOp
	for rows.Next() {
		var o loggedOp
		if err := rows.Scan(&o.id, &o.kind, &o.rowID, &o.rowUID, &o.batch, &o.before, &o.after); err != nil {
			return nil, err
		}
		ops = append(ops, o)
	}
	return ops, rows.Err()
}

func (s *Store) applyOp(ctx context.Context, tx *sql.Tx, o loggedOp, to sql.NullString) error {
	if o.kind == "speaker" {
		return s.applySpeaker(ctx, tx, o.rowID, o.rowUID, to)
	}
	return s.applyState(ctx, tx, o.rowID, o.rowUID, to)
}

// applyState makes the tag tagID look like state: deleted when state is
// NULL, else inserted or replaced with the stored row.
func (s *Store) applyState(ctx context.Context, tx *sql.Tx, tagID int64, uid string, state sql.NullString) error {
	if _, err := tx.ExecContext(ctx, s.q(`DELETE FROM tags WHERE id = ?`), tagID); err != nil {
		return err
	}
	if !state.Valid {
		return nil
	}
	var t model.Tag
	if err := json.Unmarshal([]byte(state.String), &t); err != nil {
		return fmt.Errorf("operation log entry for tag %d: %w", tagID, err)
	}
	t.ID = tagID
	_, err := s.putTag(ctx, tx, t, uid, true)
	if errors.Is(err, sql.ErrNoRows) {
		return fmt.Errorf("%s is tagged %q by %s again since: %w", model.QuoteID(t.DocID, t.Start, t.End), t.Label, t.Analyst, ErrDuplicate)
	}
	return err
}

func describe(kind string, before, after sql.NullString) string {
	src := after
	if !src.Valid {
		src = before
	}
	if kind == "speaker" {
		var c SpeakerCorrection
		json.Unmarshal([]byte(src.String), &c)
		return fmt.Sprintf("speaker correction on %s", model.QuoteID(c.DocID, c.Start, c.End))
	}
	var t model.Tag
	json.Unmarshal([]byte(src.String), &t)
	span := t.QuoteID
	if span == "" {
		span = model.QuoteID(t.DocID, t.Start, t.End)
	}
	switch kind {
	case "add":
		return fmt.Sprintf("tag %q on %s", t.Label, span)
	case "remove":
		return fmt.Sprintf("removal of %q from %s", t.Label, span)
	case "note":
		return fmt.Sprintf("note edit of %q on %s", t.Label, span)
	case "target":
		return fmt.Sprintf("target edit of %q on %s", t.Label, span)
	}
	return kind
}
