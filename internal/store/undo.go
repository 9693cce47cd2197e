package store

import (
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"fmt"

	"github.com/workbench-dev/workbench/internal/model"
)

// The operation log (table ops) holds every change as the tag's state before
// and after it (JSON, NULL for "no tag"). Undo applies the newest op not yet
// undone in reverse; redo re-applies the oldest undone op. A new change
// deletes the undone ops (the redo stack). The log lives in the database, so
// undo works across restarts and is shared by every process on the
// workspace.

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

func (s *Store) step(ctx context.Context, undo bool) (string, error) {
	var desc string
	err := s.write(ctx, func(tx *sql.Tx) error {
		q := `SELECT id, kind, tag_id, before, after FROM ops WHERE undone = 0 ORDER BY id DESC LIMIT 1`
		if !undo {
			q = `SELECT id, kind, tag_id, before, after FROM ops WHERE undone = 1 ORDER BY id LIMIT 1`
		}
		var (
			id, tagID     int64
			kind          string
			before, after sql.NullString
		)
		err := tx.QueryRowContext(ctx, q).Scan(&id, &kind, &tagID, &before, &after)
		if errors.Is(err, sql.ErrNoRows) {
			if undo {
				return ErrNothingToUndo
			}
			return ErrNothingToRedo
		}
		if err != nil {
			return err
		}
		to := before
		if !undo {
			to = after
		}
		if err := applyState(ctx, tx, tagID, to); err != nil {
			return fmt.Errorf("cannot %s op %d: %w", map[bool]string{true: "undo", false: "redo"}[undo], id, err)
		}
		mark := 1
		if !undo {
			mark = 0
		}
		if _, err := tx.ExecContext(ctx, `UPDATE ops SET undone = ? WHERE id = ?`, mark, id); err != nil {
			return err
		}
		desc = describe(kind, before, after)
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

// applyState makes the tag tagID look like state: deleted when state is
// NULL, else inserted or replaced with the stored row.
func applyState(ctx context.Context, tx *sql.Tx, tagID int64, state sql.NullString) error {
	if _, err := tx.ExecContext(ctx, `DELETE FROM tags WHERE id = ?`, tagID); err != nil {
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
	_, err := putTag(ctx, tx, t, true)
	return err
}

func describe(kind string, before, after sql.NullString) string {
	var t model.Tag
	src := after
	if !src.Valid {
		src = before
	}
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
