package app

import (
	"context"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"

	"github.com/workbench-dev/workbench/internal/index"
	"github.com/workbench-dev/workbench/internal/model"
	"github.com/workbench-dev/workbench/internal/store"
	"github.com/workbench-dev/workbench/internal/workspace"
)

// What the TUI needs beyond the CLI's verbs (ui.Backend).

// AllTags lists every tag of the workspace, newest first (the TUI's tags
// pane).
func (a *App) AllTags(ctx context.Context) ([]model.Tag, error) {
	tags, err := a.Tags(ctx, TagFilter{})
	if err != nil {
		return nil, err
	}
	for i, j := 0, len(tags)-1; i < j; i, j = i+1, j-1 {
		tags[i], tags[j] = tags[j], tags[i]
	}
	return tags, nil
}

// RemoveTag deletes one tag by its id (undoable).
func (a *App) RemoveTag(ctx context.Context, id int64) error {
	st, err := a.Store()
	if err != nil {
		return err
	}
	return st.Remove(ctx, id)
}

// TagBatch adds many tags in one transaction, one undo step; inputs equal
// to a tag already there are skipped and counted.
func (a *App) TagBatch(ctx context.Context, rs []model.TagInput) (added, skipped int, err error) {
	ins := make([]store.TagInput, len(rs))
	for i, r := range rs {
		if ins[i], err = a.input(ctx, r); err != nil {
			return 0, 0, fmt.Errorf("tag %d of %d: %w", i+1, len(rs), err)
		}
	}
	st, err := a.Store()
	if err != nil {
		return 0, 0, err
	}
	tags, skipped, err := st.AddBatch(ctx, ins)
	return len(tags), skipped, err
}

// DateCounts counts the documents matching the query per year (from the
// corpus's first year to its last, empty years included) or, with year
// set, per month of that year.
func (a *App) DateCounts(ctx context.Context, r model.SearchRequest, year int) ([]model.FacetCount, error) {
	pq, err := a.parsed(ctx, r.Query, r.Parsed, ParseOptions{AsYouType: r.AsYouType, Any: r.Any})
	if err != nil {
		return nil, err
	}
	docs, notDocs, err := a.labelDocs(ctx, pq)
	if err != nil {
		return nil, err
	}
	ix, release, err := a.acquireIndex()
	defer release()
	if err != nil {
		return nil, err
	}
	return ix.DateCounts(ctx, index.Request{Query: pq, DocFilter: docs, NotDocs: notDocs}, year)
}

// uiStateFile is where the TUI keeps its session (last query, open
// document and position) and saved searches, in the workspace.
const uiStateFile = "tui-state.json"

// ReadUIState returns the TUI's saved state (nil when there is none yet).
// The TUI owns its format.
func (a *App) ReadUIState(ctx context.Context) ([]byte, error) {
	b, err := os.ReadFile(filepath.Join(a.ws.Dir, uiStateFile))
	if errors.Is(err, fs.ErrNotExist) {
		return nil, nil
	}
	return b, err
}

// WriteUIState replaces the TUI's state, atomically.
func (a *App) WriteUIState(ctx context.Context, data []byte) error {
	if err := ctx.Err(); err != nil {
		return err
	}
	return workspace.WriteFileAtomic(filepath.Join(a.ws.Dir, uiStateFile), data)
}

// SearchByDate is Search with the hits ordered by date, newest or oldest
// first (no facets).
func (a *App) SearchByDate(ctx context.Context, r model.SearchRequest, newestFirst bool) (*model.SearchResult, error) {
	pq, err := a.parsed(ctx, r.Query, r.Parsed, ParseOptions{AsYouType: r.AsYouType, Any: r.Any})
	if err != nil {
		return nil, err
	}
	docs, notDocs, err := a.labelDocs(ctx, pq)
	if err != nil {
		return nil, err
	}
	ix, release, err := a.acquireIndex()
	defer release()
	if err != nil {
		return nil, err
	}
	return ix.SearchByDate(ctx, index.Request{Query: pq, Limit: r.Limit, Offset: r.Offset, DocFilter: docs, NotDocs: notDocs, Fragments: r.Fragments}, newestFirst)
}
