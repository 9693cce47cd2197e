package app

import (
	"context"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"strconv"
	"strings"
	"sync"
	"unicode/utf8"

	"github.com/workbench-dev/workbench/internal/exchange"
	"github.com/workbench-dev/workbench/internal/index"
	"github.com/workbench-dev/workbench/internal/model"
	"github.com/workbench-dev/workbench/internal/store"
	"github.com/workbench-dev/workbench/internal/workspace"
)

// ImportOptions choose how files are read and what is taken.
type ImportOptions struct {
	// Format forces a format ("" detects it from the extension or content).
	Format string
	// Analyst is given to tags whose file names no analyst ("" = the
	// acting analyst).
	Analyst string
	// AddLabels adds the labels the codebook lacks to codebook.toml;
	// otherwise their tags are refused.
	AddLabels bool
	// Partial takes what can be placed and reports the rest; otherwise
	// any problem refuses the whole import.
	Partial bool
	// MaxBytes caps each file and zip entry (0: exchange's default).
	MaxBytes int64
}

// ImportResult says what an import did.
type ImportResult struct {
	Files   []string
	Formats []string
	Added   int
	Report  exchange.Report
}

// Import reads tag files of other tools (and workbench's own JSONL export),
// anchors each span to the indexed documents (matched by id, then URL;
// re-anchored by its exact text when offsets drifted, or reported), and
// adds the tags in one transaction and one undo step: nothing changes
// unless the whole import succeeds. Importing the same file twice adds
// nothing; every tag keeps its analyst.
func (a *App) Import(ctx context.Context, paths []string, o ImportOptions) (*ImportResult, error) {
	analyst := firstOf(o.Analyst, a.analyst)
	res := &ImportResult{}
	var recs []exchange.Record
	var codes []model.Label
	for _, p := range paths {
		r, err := exchange.Read(p, exchange.Options{Format: o.Format, Analyst: analyst, MaxBytes: o.MaxBytes})
		if errors.Is(err, fs.ErrNotExist) {
			return nil, fmt.Errorf("%s: no such file or folder: give the path of a file another tool (or workbench export) wrote", p)
		}
		if err != nil {
			return nil, err
		}
		res.Files = append(res.Files, p)
		res.Formats = append(res.Formats, r.Format)
		recs = append(recs, r.Records...)
		codes = append(codes, r.Codes...)
	}
	ix, err := a.Index()
	if err != nil {
		return nil, err
	}
	existing, err := a.Tags(ctx, TagFilter{})
	if err != nil {
		return nil, err
	}
	tags, rep := exchange.Resolve(recs, &indexDocs{ctx: ctx, ix: ix}, exchange.ResolveOptions{
		Labels: a.cb.Labels(), Codes: codes, AddUnknownLabels: o.AddLabels, Existing: existing,
	})
	res.Report = rep
	if err := rep.Err(); err != nil && !o.Partial {
		return res, err
	}
	if len(rep.NewLabels) > 0 {
		if err := a.addLabels(rep.NewLabels); err != nil {
			return res, err
		}
	}
	if len(tags) == 0 {
		return res, nil
	}
	ins := make([]store.TagInput, 0, len(tags))
	for _, t := range tags {
		in := store.TagInput{QuoteID: t.QuoteID, DocID: t.DocID, Start: t.Start, End: t.End, Label: t.Label,
			Target: a.ResolveTarget(t.Target), Note: t.Note, Analyst: firstOf(t.Analyst, analyst), Quote: t.Quote}
		if d, err := ix.Get(ctx, t.DocID); err == nil {
			in.Title, in.Date, in.Source, in.URL = d.Title, d.DateString(), d.Source, d.URL
			if in.Quote == "" && t.End <= utf8.RuneCountInString(d.Body) {
				in.Quote = string([]rune(d.Body)[t.Start:t.End])
			}
			for _, q := range d.Analysis.Quotes {
				if q.Start == t.Start && q.End == t.End {
					in.QuoteID, in.Speaker = q.ID, q.Speaker
				} else if in.Speaker == "" && q.Start <= t.Start && t.End <= q.End {
					in.Speaker = q.Speaker
				}
			}
		}
		ins = append(ins, in)
	}
	st, err := a.Store()
	if err != nil {
		return res, err
	}
	added, skipped, err := st.AddBatch(ctx, ins)
	if err != nil {
		return res, err
	}
	res.Added = len(added)
	res.Report.Duplicates += skipped
	return res, nil
}

// addLabels appends labels to codebook.toml (atomically) and reloads it.
func (a *App) addLabels(ls []model.Label) error {
	path := a.ws.CodebookPath()
	text, err := os.ReadFile(path)
	if err != nil {
		return err
	}
	var b strings.Builder
	b.Write(text)
	for _, l := range ls {
		fmt.Fprintf(&b, "\n# added by workbench import\n[[label]]\nname = %s\n", strconv.Quote(l.Name))
		if l.Color != "" {
			fmt.Fprintf(&b, "color = %s\n", strconv.Quote(l.Color))
		}
		if l.Description != "" {
			fmt.Fprintf(&b, "description = %s\n", strconv.Quote(l.Description))
		}
	}
	cb, err := store.LoadCodebook([]byte(b.String()))
	if err != nil {
		return fmt.Errorf("adding labels to %s: %w", path, err)
	}
	if err := workspace.WriteFileAtomic(path, []byte(b.String())); err != nil {
		return err
	}
	a.cb = cb
	return nil
}

// indexDocs finds imported tags' documents in the index: by id, and by URL
// through a map of every document's URL made on the first miss. Matching
// by the whole text is not offered (no document is found that way).
type indexDocs struct {
	ctx   context.Context
	ix    *index.Index
	once  sync.Once
	byURL map[string]string
}

func (d *indexDocs) ByID(id string) (model.Article, bool) {
	doc, err := d.ix.Get(d.ctx, id)
	if err != nil {
		return model.Article{}, false
	}
	return doc.Article, true
}

func (d *indexDocs) ByURL(url string) (model.Article, bool) {
	d.once.Do(func() {
		d.byURL = map[string]string{}
		n, err := d.ix.Count()
		if err != nil || n == 0 {
			return
		}
		res, err := d.ix.Search(d.ctx, index.Request{Limit: int(n)})
		if err != nil {
			return
		}
		for _, h := range res.Hits {
			if h.URL != "" {
				d.byURL[h.URL] = h.ID
			}
		}
	})
	id, ok := d.byURL[url]
	if !ok {
		return model.Article{}, false
	}
	return d.ByID(id)
}

func (d *indexDocs) ByText(string) (model.Article, bool) { return model.Article{}, false }
