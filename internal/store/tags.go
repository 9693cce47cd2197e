package store

import (
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"os/user"
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
	// SpansOnly keeps the tags of free spans (no quote or statement id):
	// what the speakers as analysts see them need, without reading every
	// tag of the store.
	SpansOnly bool
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

// normalize checks the input, fills the span from the quote ID and the
// analyst from the store's.
func (s *Store) normalize(in TagInput) (TagInput, error) {
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
	in.Analyst = strings.TrimSpace(in.Analyst)
	if in.Analyst == "" {
		in.Analyst = s.analyst
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
// label the analyst already put on it returns an error wrapping ErrDuplicate;
// another analyst's tag on the same span is independent (agreement).
func (s *Store) Add(ctx context.Context, in TagInput) (model.Tag, error) {
	in, err := s.normalize(in)
	if err != nil {
		return model.Tag{}, err
	}
	if err := s.mayActAs(in.Analyst); err != nil {
		return model.Tag{}, err
	}
	var t model.Tag
	err = s.write(insertOnly(ctx), func(tx *sql.Tx) error {
		var e error
		t, e = s.insert(ctx, tx, in, "")
		return e
	})
	if err != nil {
		return model.Tag{}, s.wrapTag(in, err)
	}
	return t, nil
}

func (s *Store) wrapTag(in TagInput, err error) error {
	if errors.Is(err, ErrDuplicate) || errors.Is(err, ErrNotFound) || errors.Is(err, ErrNotYours) {
		return err
	}
	if s.isUnique(err) {
		return fmt.Errorf("%s is already tagged %q by %s: %w", spanName(in), in.Label, in.Analyst, ErrDuplicate)
	}
	return s.wrap("tag", err)
}

func spanName(in TagInput) string {
	if in.QuoteID != "" {
		return in.QuoteID
	}
	return model.QuoteID(in.DocID, in.Start, in.End)
}

// insert adds the tag and logs it (as part of batch, "" for one change).
// A tag equal to one already there (same analyst, span and label) is
// ErrDuplicate.
func (s *Store) insert(ctx context.Context, tx *sql.Tx, in TagInput, batch string) (model.Tag, error) {
	now := s.now()
	t := model.Tag{
		QuoteID: in.QuoteID, DocID: in.DocID, Start: in.Start, End: in.End,
		Label: in.Label, Target: in.Target, Note: in.Note, Analyst: in.Analyst,
		Quote: in.Quote, Speaker: in.Speaker, Title: in.Title, Date: in.Date, Source: in.Source, URL: in.URL,
		CreatedAt: now.UTC(), UpdatedAt: now.UTC(),
	}
	uid := newUID()
	id, err := s.putTag(ctx, tx, t, uid, false)
	if errors.Is(err, sql.ErrNoRows) {
		return model.Tag{}, fmt.Errorf("%s is already tagged %q by %s: %w", spanName(in), in.Label, in.Analyst, ErrDuplicate)
	}
	if err != nil {
		return model.Tag{}, err
	}
	t.ID = id
	if err := s.logOp(ctx, tx, op{kind: "add", id: t.ID, uid: uid, owner: t.Analyst, after: tagState(&t), batch: batch}, now); err != nil {
		return model.Tag{}, err
	}
	return t, nil
}

// putTag inserts t with the uid; with keepID it reuses t.ID (undo of a
// removal). A tag equal to an existing one (same analyst, span and label) is
// not inserted: putTag returns sql.ErrNoRows.
func (s *Store) putTag(ctx context.Context, tx *sql.Tx, t model.Tag, uid string, keepID bool) (int64, error) {
	cols := `uid, quote_id, doc_id, span_start, span_end, label, target, note, analyst,
	quote, speaker, title, date, source, url, created_at, updated_at`
	args := []any{uid, t.QuoteID, t.DocID, t.Start, t.End, t.Label, t.Target, t.Note, t.Analyst,
		t.Quote, t.Speaker, t.Title, t.Date, t.Source, t.URL, formatTime(t.CreatedAt), formatTime(t.UpdatedAt)}
	marks := `?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?`
	if keepID {
		cols, marks = "id, "+cols, "?,"+marks
		args = append([]any{t.ID}, args...)
	}
	var id int64
	err := tx.QueryRowContext(ctx, s.q(`INSERT INTO tags (`+cols+`) VALUES (`+marks+`)
		ON CONFLICT (analyst, doc_id, span_start, span_end, label) DO NOTHING RETURNING id`), args...).Scan(&id)
	return id, err
}

func (s *Store) getTag(ctx context.Context, q queryRower, id int64) (model.Tag, error) {
	t, err := scanTag(q.QueryRowContext(ctx, s.q(`SELECT `+tagColumns+` FROM tags WHERE id = ?`), id))
	if errors.Is(err, sql.ErrNoRows) {
		return t, fmt.Errorf("tag %d: %w", id, ErrNotFound)
	}
	return t, err
}

func (s *Store) tagUID(ctx context.Context, tx *sql.Tx, id int64) (string, error) {
	var uid string
	err := tx.QueryRowContext(ctx, s.q(`SELECT uid FROM tags WHERE id = ?`), id).Scan(&uid)
	return uid, err
}

// Get returns the tag with the given id (ErrNotFound).
func (s *Store) Get(ctx context.Context, id int64) (model.Tag, error) {
	t, err := s.getTag(ctx, s.db, id)
	if err != nil && !errors.Is(err, ErrNotFound) {
		return t, s.wrap("read", err)
	}
	return t, err
}

// Remove deletes the tag with the given id, logged for undo. Another
// analyst's tag is refused with ErrNotYours.
func (s *Store) Remove(ctx context.Context, id int64) error {
	err := s.write(ctx, func(tx *sql.Tx) error {
		_, err := s.remove(ctx, tx, id)
		return err
	})
	if err != nil && !errors.Is(err, ErrNotFound) && !errors.Is(err, ErrNotYours) {
		return s.wrap("untag", err)
	}
	return err
}

func (s *Store) remove(ctx context.Context, tx *sql.Tx, id int64) (model.Tag, error) {
	t, err := s.getTag(ctx, tx, id)
	if err != nil {
		return t, err
	}
	if err := s.mayChange(t.Analyst, fmt.Sprintf("tag %d", id)); err != nil {
		return t, err
	}
	uid, err := s.tagUID(ctx, tx, id)
	if err != nil {
		return t, err
	}
	if _, err := tx.ExecContext(ctx, s.q(`DELETE FROM tags WHERE id = ?`), id); err != nil {
		return t, err
	}
	return t, s.logOp(ctx, tx, op{kind: "remove", id: id, uid: uid, owner: t.Analyst, before: tagState(&t)}, s.now())
}

// findOwn returns the id of the label on the span: the acting analyst's tag,
// or for a single analyst's store the oldest. With only other analysts' tags
// there it returns ErrNotYours; with none, sql.ErrNoRows.
func (s *Store) findOwn(ctx context.Context, tx *sql.Tx, analyst, doc string, start, end int, label string) (int64, error) {
	var id int64
	var err error
	if s.analyst == "" && analyst == "" {
		err = tx.QueryRowContext(ctx, s.q(`SELECT id FROM tags WHERE doc_id = ? AND span_start = ? AND span_end = ? AND label = ? ORDER BY id LIMIT 1`),
			doc, start, end, label).Scan(&id)
		return id, err
	}
	err = tx.QueryRowContext(ctx, s.q(`SELECT id FROM tags WHERE analyst = ? AND doc_id = ? AND span_start = ? AND span_end = ? AND label = ?`),
		analyst, doc, start, end, label).Scan(&id)
	return id, err
}

// RemoveLabel removes the label from a quote or span, given as its quote ID
// ("DOC:START-END"; a free span has the same form): the acting analyst's tag
// (in a single analyst's store, the one tag there). It returns the removed
// tag, or an error wrapping ErrNotFound.
func (s *Store) RemoveLabel(ctx context.Context, quoteID, label string) (model.Tag, error) {
	doc, start, end, err := model.ParseQuoteID(quoteID)
	if err != nil {
		return model.Tag{}, err
	}
	var t model.Tag
	err = s.write(ctx, func(tx *sql.Tx) error {
		id, err := s.findOwn(ctx, tx, s.analyst, doc, start, end, label)
		if errors.Is(err, sql.ErrNoRows) {
			return fmt.Errorf("%s is not tagged %q: %w", quoteID, label, ErrNotFound)
		}
		if err != nil {
			return err
		}
		t, err = s.remove(ctx, tx, id)
		return err
	})
	if err != nil && !errors.Is(err, ErrNotFound) && !errors.Is(err, ErrNotYours) {
		return t, s.wrap("untag", err)
	}
	return t, err
}

// Toggle adds the label to the span, or removes it when the analyst already
// put it there (the TUI's 1-9 keys). It returns whether the tag was added,
// and the tag added or removed.
func (s *Store) Toggle(ctx context.Context, in TagInput) (bool, model.Tag, error) {
	in, err := s.normalize(in)
	if err != nil {
		return false, model.Tag{}, err
	}
	if err := s.mayActAs(in.Analyst); err != nil {
		return false, model.Tag{}, err
	}
	var added bool
	var t model.Tag
	err = s.write(ctx, func(tx *sql.Tx) error {
		id, err := s.findOwn(ctx, tx, in.Analyst, in.DocID, in.Start, in.End, in.Label)
		switch {
		case errors.Is(err, sql.ErrNoRows):
			added = true
			t, err = s.insert(ctx, tx, in, "")
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
		before, err := s.getTag(ctx, tx, id)
		if err != nil {
			return err
		}
		if err := s.mayChange(before.Analyst, fmt.Sprintf("tag %d", id)); err != nil {
			return err
		}
		after := before
		change(&after)
		if after == before {
			return nil
		}
		now := s.now()
		after.UpdatedAt = now.UTC()
		if _, err := tx.ExecContext(ctx, s.q(`UPDATE tags SET note = ?, target = ?, updated_at = ? WHERE id = ?`),
			after.Note, after.Target, formatTime(after.UpdatedAt), id); err != nil {
			return err
		}
		uid, err := s.tagUID(ctx, tx, id)
		if err != nil {
			return err
		}
		return s.logOp(ctx, tx, op{kind: kind, id: id, uid: uid, owner: before.Analyst, before: tagState(&before), after: tagState(&after)}, now)
	})
	if err != nil && !errors.Is(err, ErrNotFound) && !errors.Is(err, ErrNotYours) {
		return s.wrap("edit", err)
	}
	return err
}

// op is one change for the operation log: the row (a tag, or a speaker
// correction for kind "speaker") by id and uid, its owner, its state before
// and after (nil for none) and the batch it belongs to.
type op struct {
	kind, uid, owner, batch string
	id                      int64
	before, after           any
}

// logOp records one change for undo, and clears the actor's redo stack.
func (s *Store) logOp(ctx context.Context, tx *sql.Tx, o op, now time.Time) error {
	actor := s.actorFor(o.owner)
	clear, args := `DELETE FROM ops WHERE undone = 1`, []any{}
	if s.analyst != "" {
		clear, args = clear+` AND actor = ?`, append(args, actor)
	}
	if _, err := tx.ExecContext(ctx, s.q(clear), args...); err != nil {
		return err
	}
	b, err := encodeState(o.before)
	if err != nil {
		return err
	}
	a, err := encodeState(o.after)
	if err != nil {
		return err
	}
	var id int64
	err = tx.QueryRowContext(ctx, s.q(`INSERT INTO ops (uid, kind, tag_id, tag_uid, before, after, at, analyst, actor, batch)
		VALUES (?,?,?,?,?,?,?,?,?,?) RETURNING id`),
		newUID(), o.kind, o.id, o.uid, b, a, formatTime(now), o.owner, actor, o.batch).Scan(&id)
	if err != nil {
		return err
	}
	// Keep the last UndoDepth changes: now and then, drop older ones.
	if id%100 == 0 {
		if _, err := tx.ExecContext(ctx, s.q(`DELETE FROM ops WHERE id <= ?`), id-UndoDepth); err != nil {
			return err
		}
	}
	return nil
}

// UndoDepth is how many changes undo can go back.
const UndoDepth = 10000

// tagState is t for the operation log, a nil interface for no tag.
func tagState(t *model.Tag) any {
	if t == nil {
		return nil
	}
	return t
}

func encodeState(v any) (any, error) {
	if v == nil {
		return nil, nil
	}
	b, err := json.Marshal(v)
	if err != nil {
		return nil, err
	}
	return string(b), nil
}
