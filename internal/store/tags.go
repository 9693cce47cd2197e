package store

import (
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"os/user"
	"sort"
	"strings"
	"time"

	"github.com/workbench-dev/workbench/internal/model"
)

// TagInput is what a caller knows when it tags: the quote (QuoteID) or a free
// span (DocID + Start/End, code points, end exclusive), the label, optional
// target, note and analyst, and the snapshot of the tagged text.
type TagInput struct {
	QuoteID, DocID                           string
	Start, End                               int
	Label, Target, Note, Analyst             string
	Quote, Speaker, Title, Date, Source, URL string
}

// Filter selects tags for List. Zero fields match everything.
type Filter struct {
	Label string
	// Actor matches the target or the speaker, ignoring case.
	Actor string
	// Since keeps tags created at or after it.
	Since time.Time
	DocID string
}

// timeFormat is how times are stored: readable and sortable as text.
const timeFormat = "2006-01-02T15:04:05.000000000Z07:00"

func formatTime(t time.Time) string { return t.UTC().Format(timeFormat) }

func parseTime(s string) time.Time {
	t, err := time.Parse(time.RFC3339Nano, s)
	if err != nil {
		return time.Time{}
	}
	return t
}

const tagColumns = `id, quote_id, doc_id, span_start, span_end, label, target, note, analyst,
	quote, speaker, title, date, source, url, created_at, updated_at`

type scanner interface{ Scan(...any) error }

func scanTag(r scanner) (model.Tag, error) {
	var t model.Tag
	var created, updated string
	err := r.Scan(&t.ID, &t.QuoteID, &t.DocID, &t.Start, &t.End, &t.Label, &t.Target, &t.Note, &t.Analyst,
		&t.Quote, &t.Speaker, &t.Title, &t.Date, &t.Source, &t.URL, &created, &updated)
	t.CreatedAt = parseTime(created)
	t.UpdatedAt = parseTime(updated)
	return t, err
}

// normalize checks the input and fills the span from the quote ID.
func normalize(in TagInput) (TagInput, error) {
	in.Label = strings.TrimSpace(in.Label)
	if in.Label == "" {
		return in, errors.New("a tag needs a label")
	}
	if in.QuoteID != "" {
		doc, start, end, err := model.ParseQuoteID(in.QuoteID)
		if err != nil {
			return in, err
		}
		if in.DocID != "" && in.DocID != doc {
			return in, fmt.Errorf("quote %s is not in document %s", in.QuoteID, in.DocID)
		}
		in.DocID, in.Start, in.End = doc, start, end
	} else {
		if in.DocID == "" {
			return in, errors.New("a tag needs a quote id, or a document id and a span")
		}
		if in.Start < 0 || in.End <= in.Start {
			return in, fmt.Errorf("span %d:%d: want 0 <= START < END (code points, end exclusive)", in.Start, in.End)
		}
	}
	if in.Analyst == "" {
		in.Analyst = DefaultAnalyst()
	}
	return in, nil
}

// DefaultAnalyst is $USER (else $LOGNAME, else the login name of the
// process's user), used when a tag names no analyst.
func DefaultAnalyst() string {
	for _, k := range []string{"USER", "LOGNAME", "USERNAME"} {
		if v := os.Getenv(k); v != "" {
			return v
		}
	}
	if u, err := user.Current(); err == nil {
		return u.Username
	}
	return ""
}

// Add stores a tag, in one transaction logged for undo. Tagging a span with a
// label it already has returns an error wrapping ErrDuplicate.
func (s *Store) Add(ctx context.Context, in TagInput) (model.Tag, error) {
	in, err := normalize(in)
	if err != nil {
		return model.Tag{}, err
	}
	var t model.Tag
	err = s.write(ctx, func(tx *sql.Tx) error {
		var e error
		t, e = s.insert(ctx, tx, in)
		return e
	})
	if err != nil {
		return model.Tag{}, s.wrapTag(in, err)
	}
	return t, nil
}

func (s *Store) wrapTag(in TagInput, err error) error {
	if errors.Is(err, ErrDuplicate) || errors.Is(err, ErrNotFound) {
		return err
	}
	return s.wrap("tag", err)
}

func spanName(in TagInput) string {
	if in.QuoteID != "" {
		return in.QuoteID
	}
	return model.QuoteID(in.DocID, in.Start, in.End)
}

func (s *Store) insert(ctx context.Context, tx *sql.Tx, in TagInput) (model.Tag, error) {
	var n int
	if err := tx.QueryRowContext(ctx, `SELECT count(*) FROM tags WHERE doc_id = ? AND span_start = ? AND span_end = ? AND label = ?`,
		in.DocID, in.Start, in.End, in.Label).Scan(&n); err != nil {
		return model.Tag{}, err
	}
	if n > 0 {
		return model.Tag{}, fmt.Errorf("%s is already tagged %q: %w", spanName(in), in.Label, ErrDuplicate)
	}
	now := s.now()
	t := model.Tag{
		QuoteID: in.QuoteID, DocID: in.DocID, Start: in.Start, End: in.End,
		Label: in.Label, Target: in.Target, Note: in.Note, Analyst: in.Analyst,
		Quote: in.Quote, Speaker: in.Speaker, Title: in.Title, Date: in.Date, Source: in.Source, URL: in.URL,
		CreatedAt: now.UTC(), UpdatedAt: now.UTC(),
	}
	id, err := putTag(ctx, tx, t, false)
	if err != nil {
		return model.Tag{}, err
	}
	t.ID = id
	if err := logOp(ctx, tx, "add", t.ID, nil, &t, now); err != nil {
		return model.Tag{}, err
	}
	return t, nil
}

// putTag inserts t; with keepID it reuses t.ID (undo of a removal).
func putTag(ctx context.Context, tx *sql.Tx, t model.Tag, keepID bool) (int64, error) {
	var id any
	if keepID {
		id = t.ID
	}
	res, err := tx.ExecContext(ctx, `INSERT INTO tags (`+tagColumns+`) VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)`,
		id, t.QuoteID, t.DocID, t.Start, t.End, t.Label, t.Target, t.Note, t.Analyst,
		t.Quote, t.Speaker, t.Title, t.Date, t.Source, t.URL, formatTime(t.CreatedAt), formatTime(t.UpdatedAt))
	if err != nil {
		return 0, err
	}
	return res.LastInsertId()
}

func getTag(ctx context.Context, q interface {
	QueryRowContext(context.Context, string, ...any) *sql.Row
}, id int64) (model.Tag, error) {
	t, err := scanTag(q.QueryRowContext(ctx, `SELECT `+tagColumns+` FROM tags WHERE id = ?`, id))
	if errors.Is(err, sql.ErrNoRows) {
		return t, fmt.Errorf("tag %d: %w", id, ErrNotFound)
	}
	return t, err
}

// Get returns the tag with the given id (ErrNotFound).
func (s *Store) Get(ctx context.Context, id int64) (model.Tag, error) {
	t, err := getTag(ctx, s.db, id)
	if err != nil && !errors.Is(err, ErrNotFound) {
		return t, s.wrap("read", err)
	}
	return t, err
}

// Remove deletes the tag with the given id, logged for undo.
func (s *Store) Remove(ctx context.Context, id int64) error {
	err := s.write(ctx, func(tx *sql.Tx) error {
		_, err := s.remove(ctx, tx, id)
		return err
	})
	if err != nil && !errors.Is(err, ErrNotFound) {
		return s.wrap("untag", err)
	}
	return err
}

func (s *Store) remove(ctx context.Context, tx *sql.Tx, id int64) (model.Tag, error) {
	t, err := getTag(ctx, tx, id)
	if err != nil {
		return t, err
	}
	if _, err := tx.ExecContext(ctx, `DELETE FROM tags WHERE id = ?`, id); err != nil {
		return t, err
	}
	return t, logOp(ctx, tx, "remove", id, &t, nil, s.now())
}

// RemoveLabel removes the label from a quote or span, given as its quote ID
// ("DOC:START-END"; a free span has the same form). It returns the removed
// tag, or an error wrapping ErrNotFound.
func (s *Store) RemoveLabel(ctx context.Context, quoteID, label string) (model.Tag, error) {
	doc, start, end, err := model.ParseQuoteID(quoteID)
	if err != nil {
		return model.Tag{}, err
	}
	var t model.Tag
	err = s.write(ctx, func(tx *sql.Tx) error {
		var id int64
		err := tx.QueryRowContext(ctx, `SELECT id FROM tags WHERE doc_id = ? AND span_start = ? AND span_end = ? AND label = ?`,
			doc, start, end, label).Scan(&id)
		if errors.Is(err, sql.ErrNoRows) {
			return fmt.Errorf("%s is not tagged %q: %w", quoteID, label, ErrNotFound)
		}
		if err != nil {
			return err
		}
		t, err = s.remove(ctx, tx, id)
		return err
	})
	if err != nil && !errors.Is(err, ErrNotFound) {
		return t, s.wrap("untag", err)
	}
	return t, err
}

// Toggle adds the label to the span, or removes it when the span already has
// it (the TUI's 1-9 keys). It returns whether the tag was added, and the tag
// added or removed.
func (s *Store) Toggle(ctx context.Context, in TagInput) (bool, model.Tag, error) {
	in, err := normalize(in)
	if err != nil {
		return false, model.Tag{}, err
	}
	var added bool
	var t model.Tag
	err = s.write(ctx, func(tx *sql.Tx) error {
		var id int64
		err := tx.QueryRowContext(ctx, `SELECT id FROM tags WHERE doc_id = ? AND span_start = ? AND span_end = ? AND label = ?`,
			in.DocID, in.Start, in.End, in.Label).Scan(&id)
		switch {
		case errors.Is(err, sql.ErrNoRows):
			added = true
			t, err = s.insert(ctx, tx, in)
			return err
		case err != nil:
			return err
		}
		added = false
		t, err = s.remove(ctx, tx, id)
		return err
	})
	if err != nil {
		return false, model.Tag{}, s.wrapTag(in, err)
	}
	return added, t, nil
}

// SetNote changes the note of a tag, logged for undo.
func (s *Store) SetNote(ctx context.Context, id int64, note string) error {
	return s.update(ctx, id, "note", func(t *model.Tag) { t.Note = note })
}

// SetTarget changes the target actor of a tag, logged for undo.
func (s *Store) SetTarget(ctx context.Context, id int64, target string) error {
	return s.update(ctx, id, "target", func(t *model.Tag) { t.Target = target })
}

func (s *Store) update(ctx context.Context, id int64, kind string, change func(*model.Tag)) error {
	err := s.write(ctx, func(tx *sql.Tx) error {
		before, err := getTag(ctx, tx, id)
		if err != nil {
			return err
		}
		after := before
		change(&after)
		if after == before {
			return nil
		}
		now := s.now()
		after.UpdatedAt = now.UTC()
		if _, err := tx.ExecContext(ctx, `UPDATE tags SET note = ?, target = ?, updated_at = ? WHERE id = ?`,
			after.Note, after.Target, formatTime(after.UpdatedAt), id); err != nil {
			return err
		}
		return logOp(ctx, tx, kind, id, &before, &after, now)
	})
	if err != nil && !errors.Is(err, ErrNotFound) {
		return s.wrap("edit", err)
	}
	return err
}

// List returns the tags matching f, oldest first.
func (s *Store) List(ctx context.Context, f Filter) ([]model.Tag, error) {
	var where []string
	var args []any
	if f.Label != "" {
		where = append(where, "label = ?")
		args = append(args, f.Label)
	}
	if f.DocID != "" {
		where = append(where, "doc_id = ?")
		args = append(args, f.DocID)
	}
	if !f.Since.IsZero() {
		where = append(where, "created_at >= ?")
		args = append(args, formatTime(f.Since))
	}
	q := `SELECT ` + tagColumns + ` FROM tags`
	if len(where) > 0 {
		q += " WHERE " + strings.Join(where, " AND ")
	}
	q += " ORDER BY created_at, id"
	tags, err := s.query(ctx, q, args...)
	if err != nil {
		return nil, err
	}
	if f.Actor != "" {
		kept := tags[:0]
		for _, t := range tags {
			if strings.EqualFold(t.Target, f.Actor) || strings.EqualFold(t.Speaker, f.Actor) {
				kept = append(kept, t)
			}
		}
		tags = kept
	}
	return tags, nil
}

func (s *Store) query(ctx context.Context, q string, args ...any) ([]model.Tag, error) {
	rows, err := s.db.QueryContext(ctx, q, args...)
	if err != nil {
		return nil, s.wrap("read", err)
	}
	defer rows.Close()
	var tags []model.Tag
	for rows.Next() {
		t, err := scanTag(rows)
		if err != nil {
			return nil, s.wrap("read", err)
		}
		tags = append(tags, t)
	}
	if err := rows.Err(); err != nil {
		return nil, s.wrap("read", err)
	}
	return tags, nil
}

// ForDoc returns the tags of one document, in text order.
func (s *Store) ForDoc(ctx context.Context, docID string) ([]model.Tag, error) {
	return s.query(ctx, `SELECT `+tagColumns+` FROM tags WHERE doc_id = ? ORDER BY span_start, span_end, id`, docID)
}

// DocsWithLabel returns the ids of the documents that have a tag with the
// label, sorted (for the `#label` search shortcut).
func (s *Store) DocsWithLabel(ctx context.Context, label string) ([]string, error) {
	return s.strings(ctx, `SELECT DISTINCT doc_id FROM tags WHERE label = ? ORDER BY doc_id`, label)
}

// LabelsFor maps each of the quote ids that has tags to its labels (in
// tagging order), for a panel that shows quotes with their labels. It reads
// only those quotes' tags.
func (s *Store) LabelsFor(ctx context.Context, quoteIDs []string) (map[string][]string, error) {
	out := map[string][]string{}
	const chunk = 500
	for i := 0; i < len(quoteIDs); i += chunk {
		ids := quoteIDs[i:min(i+chunk, len(quoteIDs))]
		args := make([]any, len(ids))
		for j, id := range ids {
			args[j] = id
		}
		q := `SELECT quote_id, label FROM tags WHERE quote_id IN (?` + strings.Repeat(",?", len(ids)-1) + `) ORDER BY id`
		rows, err := s.db.QueryContext(ctx, q, args...)
		if err != nil {
			return nil, s.wrap("read", err)
		}
		for rows.Next() {
			var id, label string
			if err := rows.Scan(&id, &label); err != nil {
				rows.Close()
				return nil, s.wrap("read", err)
			}
			out[id] = append(out[id], label)
		}
		err = rows.Err()
		rows.Close()
		if err != nil {
			return nil, s.wrap("read", err)
		}
	}
	return out, nil
}

// QuotesWithLabel returns the quote ids that have a tag with the label,
// sorted (free spans have none).
func (s *Store) QuotesWithLabel(ctx context.Context, label string) ([]string, error) {
	return s.strings(ctx, `SELECT DISTINCT quote_id FROM tags WHERE label = ? AND quote_id != '' ORDER BY quote_id`, label)
}

func (s *Store) strings(ctx context.Context, q string, args ...any) ([]string, error) {
	rows, err := s.db.QueryContext(ctx, q, args...)
	if err != nil {
		return nil, s.wrap("read", err)
	}
	defer rows.Close()
	var out []string
	for rows.Next() {
		var v string
		if err := rows.Scan(&v); err != nil {
			return nil, s.wrap("read", err)
		}
		out = append(out, v)
	}
	if err := rows.Err(); err != nil {
		return nil, s.wrap("read", err)
	}
	return out, nil
}

// LabelCounts returns the number of tags per label, for every label in use.
func (s *Store) LabelCounts(ctx context.Context) (map[string]int, error) {
	rows, err := s.db.QueryContext(ctx, `SELECT label, count(*) FROM tags GROUP BY label`)
	if err != nil {
		return nil, s.wrap("read", err)
	}
	defer rows.Close()
	counts := map[string]int{}
	for rows.Next() {
		var l string
		var n int
		if err := rows.Scan(&l, &n); err != nil {
			return nil, s.wrap("read", err)
		}
		counts[l] = n
	}
	if err := rows.Err(); err != nil {
		return nil, s.wrap("read", err)
	}
	return counts, nil
}

// Count returns the number of tags.
func (s *Store) Count(ctx context.Context) (int, error) {
	var n int
	if err := s.db.QueryRowContext(ctx, `SELECT count(*) FROM tags`).Scan(&n); err != nil {
		return 0, s.wrap("read", err)
	}
	return n, nil
}

// Labels returns the labels in use, sorted.
func (s *Store) Labels(ctx context.Context) ([]string, error) {
	counts, err := s.LabelCounts(ctx)
	if err != nil {
		return nil, err
	}
	var ls []string
	for l := range counts {
		ls = append(ls, l)
	}
	sort.Strings(ls)
	return ls, nil
}

// logOp records one change for undo, and clears the redo stack.
func logOp(ctx context.Context, tx *sql.Tx, kind string, tagID int64, before, after *model.Tag, now time.Time) error {
	if _, err := tx.ExecContext(ctx, `DELETE FROM ops WHERE undone = 1`); err != nil {
		return err
	}
	b, err := encodeState(before)
	if err != nil {
		return err
	}
	a, err := encodeState(after)
	if err != nil {
		return err
	}
	analyst := ""
	if after != nil {
		analyst = after.Analyst
	} else if before != nil {
		analyst = before.Analyst
	}
	res, err := tx.ExecContext(ctx, `INSERT INTO ops (kind, tag_id, before, after, at, analyst) VALUES (?,?,?,?,?,?)`,
		kind, tagID, b, a, formatTime(now), analyst)
	if err != nil {
		return err
	}
	// Keep the last UndoDepth changes: now and then, drop older ones.
	if id, err := res.LastInsertId(); err == nil && id%100 == 0 {
		if _, err := tx.ExecContext(ctx, `DELETE FROM ops WHERE id <= ?`, id-UndoDepth); err != nil {
			return err
		}
	}
	return nil
}

// UndoDepth is how many changes undo can go back.
const UndoDepth = 10000

func encodeState(t *model.Tag) (any, error) {
	if t == nil {
		return nil, nil
	}
	b, err := json.Marshal(t)
	if err != nil {
		return nil, err
	}
	return string(b), nil
}
