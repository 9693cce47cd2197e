package store

import (
	"context"
	"slices"
	"sort"
	"strings"

	"github.com/workbench-dev/workbench/internal/model"
)

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
	if f.SpansOnly {
		where = append(where, "quote_id = ''")
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
	rows, err := s.db.QueryContext(ctx, s.q(q), args...)
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
// tagging order, each label once whoever tagged it), for a panel that shows
// quotes with their labels. It reads only those quotes' tags.
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
		rows, err := s.db.QueryContext(ctx, s.q(q), args...)
		if err != nil {
			return nil, s.wrap("read", err)
		}
		for rows.Next() {
			var id, label string
			if err := rows.Scan(&id, &label); err != nil {
				rows.Close()
				return nil, s.wrap("read", err)
			}
			if !slices.Contains(out[id], label) { // several analysts, one label
				out[id] = append(out[id], label)
			}
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
	rows, err := s.db.QueryContext(ctx, s.q(q), args...)
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
