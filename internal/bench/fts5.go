package bench

// The SQLite FTS5 peer: the same JSONL indexed into an FTS5 table with the
// porter tokenizer, and the same keystrokes answered with prefix queries and
// snippet() fragments, in the same run as workbench (issue 17).

import (
	"context"
	"database/sql"
	"fmt"
	"net/url"
	"os"
	"path/filepath"
	"strings"
	"time"
	"unicode"

	_ "modernc.org/sqlite" // the database/sql driver "sqlite"

	"github.com/workbench-dev/workbench/internal/ingest"
	"github.com/workbench-dev/workbench/internal/model"
)

func fts5Path(dir string) string { return filepath.Join(dir, "bench", "fts5.db") }

// FTS5 is an SQLite database with one FTS5 table of the corpus: title and
// body indexed with `porter unicode61` (Porter stemming over Unicode word
// splitting, as the English analyzer stems), the id stored unindexed.
type FTS5 struct {
	db *sql.DB
	q  *sql.Stmt
}

// fts5Schema is the table; FTS5 keeps no stop-word list (bleve's English
// analyzer drops them).
const fts5Schema = `CREATE VIRTUAL TABLE docs USING fts5(id UNINDEXED, title, body, tokenize = 'porter unicode61')`

// fts5Query is a keystroke's answer: the top 20 by bm25, the title and a
// fragment of about 24 tokens around the matches of the body, marked.
const fts5Query = `SELECT id, title, snippet(docs, 2, '«', '»', '…', 24) FROM docs WHERE docs MATCH ? ORDER BY rank LIMIT ?`

func openFTS5(path string, readOnly bool) (*FTS5, error) {
	q := url.Values{}
	q.Add("_pragma", "busy_timeout(5000)")
	if readOnly {
		q.Set("mode", "ro")
	} else {
		// SQLite's usual settings for a bulk load that must survive a
		// crash of the application: WAL, fsync at checkpoints.
		q.Add("_pragma", "journal_mode(WAL)")
		q.Add("_pragma", "synchronous(NORMAL)")
	}
	db, err := sql.Open("sqlite", "file:"+(&url.URL{Path: path}).EscapedPath()+"?"+q.Encode())
	if err != nil {
		return nil, fmt.Errorf("FTS5 database %s: %w", path, err)
	}
	db.SetMaxOpenConns(1)
	return &FTS5{db: db}, nil
}

// Close closes the database.
func (f *FTS5) Close() error {
	if f.q != nil {
		f.q.Close()
	}
	return f.db.Close()
}

// indexFTS5 indexes the corpus of dir into a new FTS5 database, in
// transactions of BatchSize documents (SQLite has one writer).
func indexFTS5(ctx context.Context, dir string) (*phaseIndex, error) {
	path := fts5Path(dir)
	for _, p := range []string{path, path + "-wal", path + "-shm"} {
		os.Remove(p)
	}
	// Created 0600 like the rest of the workspace (SQLite gives its WAL
	// and shared-memory files the database's mode).
	if f, err := os.OpenFile(path, os.O_CREATE|os.O_EXCL|os.O_WRONLY, 0o600); err != nil {
		return nil, fmt.Errorf("FTS5 database %s: %w", path, err)
	} else {
		f.Close()
	}
	f, err := openFTS5(path, false)
	if err != nil {
		return nil, err
	}
	t0 := time.Now()
	n, err := f.index(ctx, func(emit func(model.Article) error) error {
		return ingest.Walk(ctx, []string{corpusPath(dir)}, ingest.Options{}, emit, nil)
	})
	if cerr := f.Close(); err == nil {
		err = cerr
	}
	if err != nil {
		return nil, fmt.Errorf("FTS5 database %s: %w", path, err)
	}
	return &phaseIndex{Docs: n, Seconds: time.Since(t0).Seconds(), BatchSize: BatchSize}, nil
}

func (f *FTS5) index(ctx context.Context, read func(emit func(model.Article) error) error) (int, error) {
	if _, err := f.db.ExecContext(ctx, fts5Schema); err != nil {
		return 0, fmt.Errorf("creating the FTS5 table (is FTS5 compiled into the SQLite driver?): %w", err)
	}
	var (
		tx   *sql.Tx
		ins  *sql.Stmt
		n    int
		err  error
		done = func() error {
			if tx == nil {
				return nil
			}
			ins.Close()
			err := tx.Commit()
			tx = nil
			return err
		}
	)
	err = read(func(a model.Article) error {
		if tx == nil {
			if tx, err = f.db.BeginTx(ctx, nil); err != nil {
				return err
			}
			if ins, err = tx.PrepareContext(ctx, `INSERT INTO docs(id, title, body) VALUES (?, ?, ?)`); err != nil {
				return err
			}
		}
		if _, err := ins.ExecContext(ctx, a.ID, a.Title, a.Body); err != nil {
			return fmt.Errorf("document %s: %w", a.ID, err)
		}
		n++
		if n%BatchSize == 0 {
			return done()
		}
		return nil
	})
	if err != nil {
		if tx != nil {
			tx.Rollback()
		}
		return n, err
	}
	return n, done()
}

// Search answers what the search line holds as the baseline reads it
// (splitTyped: complete words must all match, the word being typed as a
// prefix, quoted parts as phrases, an unclosed phrase with its last word as
// a prefix), top limit by bm25, with titles and snippet() fragments.
func (f *FTS5) Search(ctx context.Context, typed string, limit int) ([]Hit, error) {
	expr := FTS5Query(typed)
	if expr == "" {
		return nil, nil
	}
	if f.q == nil {
		q, err := f.db.PrepareContext(ctx, fts5Query)
		if err != nil {
			return nil, err
		}
		f.q = q
	}
	rows, err := f.q.QueryContext(ctx, expr, limit)
	if err != nil {
		return nil, fmt.Errorf("FTS5 query %q: %w", expr, err)
	}
	defer rows.Close()
	var hits []Hit
	for rows.Next() {
		var h Hit
		if err := rows.Scan(&h.ID, &h.Title, &h.Fragment); err != nil {
			return nil, err
		}
		hits = append(hits, h)
	}
	return hits, rows.Err()
}

// FTS5Query is the FTS5 MATCH expression for the typed text ("" for
// nothing to search): each part a quoted string (FTS5 tokenizes inside the
// quotes as it indexed), ANDed; the word being typed, or the last word of an
// unclosed phrase, with * as a prefix.
func FTS5Query(typed string) string {
	parts, open := splitTyped(typed)
	typing := typed != "" && !unicode.IsSpace(rune(typed[len(typed)-1]))
	var terms []string
	for i, p := range parts {
		if !strings.ContainsFunc(p.text, func(r rune) bool { return unicode.IsLetter(r) || unicode.IsDigit(r) }) {
			continue
		}
		s := `"` + strings.ReplaceAll(p.text, `"`, `""`) + `"`
		last := i == len(parts)-1
		if last && typing && (!p.phrase || open) {
			s += "*"
		}
		terms = append(terms, s)
	}
	return strings.Join(terms, " AND ")
}

// FTS5Searcher runs the typed text against the FTS5 peer.
func FTS5Searcher(f *FTS5) Searcher {
	return func(ctx context.Context, typed string) (uint64, error) {
		hits, err := f.Search(ctx, typed, 20)
		return uint64(len(hits)), err
	}
}

// fts5Runs collects the FTS5 indexing runs, each right after a workbench
// run: fts5_ratio is workbench's indexing time ÷ FTS5's, pair by pair.
type fts5Runs struct {
	ratios, rates, secs []float64
	rss                 float64
}

func newFTS5Runs() *fts5Runs { return &fts5Runs{} }

func (f *fts5Runs) run(ctx context.Context, o Options, dir string, wi phaseIndex, say func(string, ...any)) error {
	var fi phaseIndex
	m, err := runPhase(ctx, o.Exe, o.ExeArgs, dir, "fts5-index", &fi)
	if err != nil {
		return err
	}
	if fi.Docs != wi.Docs {
		return fmt.Errorf("workbench indexed %d documents, FTS5 %d: they must index the same corpus", wi.Docs, fi.Docs)
	}
	r := round2(wi.Seconds / fi.Seconds)
	f.ratios, f.rates, f.secs = append(f.ratios, r), append(f.rates, float64(fi.Docs)/fi.Seconds), append(f.secs, fi.Seconds)
	f.rss = max(f.rss, m.RSS)
	say("FTS5 indexing: %.0f docs/s in %.1f s; workbench's time ÷ FTS5's %.2f", float64(fi.Docs)/fi.Seconds, fi.Seconds, r)
	return nil
}

func (f *fts5Runs) fill(rep *Report) {
	if len(f.ratios) == 0 {
		return
	}
	rs := spreadOf(f.ratios)
	rep.FTS5Ratio, rep.FTS5RatioMin, rep.FTS5RatioMax = round2(rs.Median), rs.Min, rs.Max
	rep.FTS5IndexDocsPerS = round1(spreadOf(f.rates).Median)
	rep.FTS5IndexSeconds = round2(spreadOf(f.secs).Median)
	rep.FTS5IndexPeakRSSMB = f.rss
}

// fts5Search times the keystrokes against the FTS5 peer, in its own
// process.
func fts5Search(ctx context.Context, o Options, dir string, rep *Report, say func(string, ...any)) error {
	if !o.peer(PeerFTS5) {
		return nil
	}
	var fs phaseSearch
	m, err := runPhase(ctx, o.Exe, o.ExeArgs, dir, "fts5-search", &fs, "--queries", fmt.Sprint(o.MinQueries))
	if err != nil {
		return err
	}
	rep.FTS5Search, rep.FTS5PeakRSSMB = fs.Run, m.RSS
	rep.FTS5SearchP50MS, rep.FTS5SearchP99MS = fs.Run.All.P50, fs.Run.All.P99
	rep.FTS5MB = round2(float64(fileSize(fts5Path(dir))+fileSize(fts5Path(dir)+"-wal")) / MB)
	say("FTS5 search: p50 %.2f ms, p99 %.2f ms (workbench ÷ FTS5 p99 %.2f)", rep.FTS5SearchP50MS, rep.FTS5SearchP99MS, rep.SearchP99MS/rep.FTS5SearchP99MS)
	return nil
}

func fileSize(path string) int64 {
	st, err := os.Stat(path)
	if err != nil {
		return 0
	}
	return st.Size()
}
