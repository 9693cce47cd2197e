package store

import (
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"fmt"
	"strings"
	"time"

	"github.com/workbench-dev/workbench/internal/model"
)

// SpeakerCorrection is an analyst's word on who said a statement: Name, or
// nobody (Cleared). It is keyed by the statement's document and span, so it
// outlives re-indexing: a correction whose statement no longer exists is
// kept (the caller shows it as orphaned), never dropped. Each analyst has at
// most one correction per statement; the newest (At) is the one to show.
type SpeakerCorrection struct {
	ID          int64     `json:"id"`
	StatementID string    `json:"statement_id"`
	DocID       string    `json:"doc_id"`
	Start       int       `json:"start"`
	End         int       `json:"end"`
	Name        string    `json:"name"`
	Cleared     bool      `json:"cleared"`
	Analyst     string    `json:"analyst"`
	At          time.Time `json:"at"`
	// Text is the statement's text when the correction was made ("" for
	// corrections made before it was kept): a correction whose document
	// now has other text there is orphaned.
	Text string `json:"text,omitempty"`
}

// SpeakerInput names a statement: its id, and its document and span (code
// points, end exclusive). When DocID is "" the id must have the form
// DOC:START-END (a quote id). Analyst "" is the acting analyst. Text is the
// statement's text now ("" keeps the text a correction already has).
type SpeakerInput struct {
	StatementID, DocID string
	Start, End         int
	Name, Analyst      string
	Text               string
}

const speakerColumns = `id, statement_id, doc_id, span_start, span_end, name, cleared, analyst, at, snapshot`

func scanSpeaker(r scanner) (SpeakerCorrection, error) {
	var c SpeakerCorrection
	var cleared int
	var at string
	err := r.Scan(&c.ID, &c.StatementID, &c.DocID, &c.Start, &c.End, &c.Name, &cleared, &c.Analyst, &at, &c.Text)
	c.Cleared = cleared == 1
	c.At = parseTime(at)
	return c, err
}

func (s *Store) normalizeSpeaker(in SpeakerInput) (SpeakerInput, error) {
	in.StatementID = strings.TrimSpace(in.StatementID)
	if in.DocID == "" {
		if in.StatementID == "" {
			return in, errors.New("a speaker correction needs a statement id, or a document id and a span")
		}
		doc, start, end, err := model.ParseQuoteID(in.StatementID)
		if err != nil {
			return in, fmt.Errorf("statement %q: give its document and span: %w", in.StatementID, err)
		}
		in.DocID, in.Start, in.End = doc, start, end
	}
	if in.Start < 0 || in.End <= in.Start {
		return in, fmt.Errorf("span %d:%d: want 0 <= START < END (code points, end exclusive)", in.Start, in.End)
	}
	if in.StatementID == "" {
		in.StatementID = model.QuoteID(in.DocID, in.Start, in.End)
	}
	in.Name = strings.TrimSpace(in.Name)
	in.Analyst = strings.TrimSpace(in.Analyst)
	if in.Analyst == "" {
		in.Analyst = s.analyst
	}
	if in.Analyst == "" {
		in.Analyst = DefaultAnalyst()
	}
	return in, s.mayActAs(in.Analyst)
}

// SetSpeaker records that the statement was said by in.Name (undoable).
func (s *Store) SetSpeaker(ctx context.Context, in SpeakerInput) (SpeakerCorrection, error) {
	if strings.TrimSpace(in.Name) == "" {
		return SpeakerCorrection{}, errors.New("a speaker correction needs a name: to say nobody is the speaker, clear it")
	}
	return s.putSpeaker(ctx, in, false)
}

// ClearSpeaker records that the statement has no speaker (undoable).
func (s *Store) ClearSpeaker(ctx context.Context, in SpeakerInput) (SpeakerCorrection, error) {
	in.Name = ""
	return s.putSpeaker(ctx, in, true)
}

func (s *Store) putSpeaker(ctx context.Context, in SpeakerInput, cleared bool) (SpeakerCorrection, error) {
	in, err := s.normalizeSpeaker(in)
	if err != nil {
		return SpeakerCorrection{}, err
	}
	var c SpeakerCorrection
	err = s.write(ctx, func(tx *sql.Tx) error {
		now := s.now()
		c = SpeakerCorrection{StatementID: in.StatementID, DocID: in.DocID, Start: in.Start, End: in.End,
			Name: in.Name, Cleared: cleared, Analyst: in.Analyst, At: now.UTC(), Text: in.Text}
		var uid string
		old, err := scanSpeakerUID(tx.QueryRowContext(ctx, s.q(`SELECT `+speakerColumns+`, uid FROM speakers
			WHERE analyst = ? AND doc_id = ? AND span_start = ? AND span_end = ?`), in.Analyst, in.DocID, in.Start, in.End), &uid)
		var before any
		switch {
		case errors.Is(err, sql.ErrNoRows):
			uid = newUID()
			c.ID, err = s.insertSpeaker(ctx, tx, c, uid, false)
			if err != nil {
				return err
			}
		case err != nil:
			return err
		default:
			before = &old
			c.ID = old.ID
			if c.Text == "" {
				c.Text = old.Text // the statement's text as it was corrected first
			}
			if _, err := tx.ExecContext(ctx, s.q(`UPDATE speakers SET statement_id = ?, name = ?, cleared = ?, at = ?, snapshot = ? WHERE id = ?`),
				c.StatementID, c.Name, boolInt(c.Cleared), formatTime(c.At), c.Text, c.ID); err != nil {
				return err
			}
		}
		return s.logOp(ctx, tx, op{kind: "speaker", id: c.ID, uid: uid, owner: c.Analyst, before: before, after: &c}, now)
	})
	if err != nil {
		return SpeakerCorrection{}, s.wrap("correct speaker", err)
	}
	return c, nil
}

func scanSpeakerUID(r *sql.Row, uid *string) (SpeakerCorrection, error) {
	var c SpeakerCorrection
	var cleared int
	var at string
	err := r.Scan(&c.ID, &c.StatementID, &c.DocID, &c.Start, &c.End, &c.Name, &cleared, &c.Analyst, &at, &c.Text, uid)
	c.Cleared = cleared == 1
	c.At = parseTime(at)
	return c, err
}

func boolInt(b bool) int {
	if b {
		return 1
	}
	return 0
}

func (s *Store) insertSpeaker(ctx context.Context, tx *sql.Tx, c SpeakerCorrection, uid string, keepID bool) (int64, error) {
	cols := `uid, statement_id, doc_id, span_start, span_end, name, cleared, analyst, at, snapshot`
	marks := `?,?,?,?,?,?,?,?,?,?`
	args := []any{uid, c.StatementID, c.DocID, c.Start, c.End, c.Name, boolInt(c.Cleared), c.Analyst, formatTime(c.At), c.Text}
	if keepID {
		cols, marks, args = "id, "+cols, "?,"+marks, append([]any{c.ID}, args...)
	}
	var id int64
	err := tx.QueryRowContext(ctx, s.q(`INSERT INTO speakers (`+cols+`) VALUES (`+marks+`)
		ON CONFLICT (analyst, doc_id, span_start, span_end) DO NOTHING RETURNING id`), args...).Scan(&id)
	if errors.Is(err, sql.ErrNoRows) {
		return 0, fmt.Errorf("%s already has a speaker correction by %s", c.StatementID, c.Analyst)
	}
	return id, err
}

// applySpeaker makes correction id look like state (undo and redo).
func (s *Store) applySpeaker(ctx context.Context, tx *sql.Tx, id int64, uid string, state sql.NullString) error {
	if _, err := tx.ExecContext(ctx, s.q(`DELETE FROM speakers WHERE id = ?`), id); err != nil {
		return err
	}
	if !state.Valid {
		return nil
	}
	var c SpeakerCorrection
	if err := json.Unmarshal([]byte(state.String), &c); err != nil {
		return fmt.Errorf("operation log entry for speaker correction %d: %w", id, err)
	}
	c.ID = id
	_, err := s.insertSpeaker(ctx, tx, c, uid, true)
	return err
}

// Speakers returns every speaker correction, oldest first.
func (s *Store) Speakers(ctx context.Context) ([]SpeakerCorrection, error) {
	return s.speakers(ctx, `SELECT `+speakerColumns+` FROM speakers ORDER BY at, id`)
}

// SpeakersForDoc returns the speaker corrections of one document, in text
// order (then oldest first).
func (s *Store) SpeakersForDoc(ctx context.Context, docID string) ([]SpeakerCorrection, error) {
	return s.speakers(ctx, `SELECT `+speakerColumns+` FROM speakers WHERE doc_id = ? ORDER BY span_start, span_end, at, id`, docID)
}

func (s *Store) speakers(ctx context.Context, q string, args ...any) ([]SpeakerCorrection, error) {
	rows, err := s.db.QueryContext(ctx, s.q(q), args...)
	if err != nil {
		return nil, s.wrap("read", err)
	}
	defer rows.Close()
	var out []SpeakerCorrection
	for rows.Next() {
		c, err := scanSpeaker(rows)
		if err != nil {
			return nil, s.wrap("read", err)
		}
		out = append(out, c)
	}
	if err := rows.Err(); err != nil {
		return nil, s.wrap("read", err)
	}
	return out, nil
}
