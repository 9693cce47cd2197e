package app

import (
	"context"
	"errors"
	"fmt"

	"github.com/workbench-dev/workbench/internal/exchange"
	"github.com/workbench-dev/workbench/internal/index"
	"github.com/workbench-dev/workbench/internal/model"
)

// IsExchangeFormat tells the foreign formats of export (qdpx, qdc,
// labelstudio, doccano, brat, webanno) from the readable ones.
func IsExchangeFormat(f string) bool {
	for _, x := range exchange.ExportFormats {
		if f == x {
			return true
		}
	}
	return false
}

// ExportExchange writes tags in a foreign format to path (see
// exchange.ExportFile for the files written) and returns the paths, and
// the tags left out because their document is gone or its text changed
// under them (they would land on the wrong text).
func (a *App) ExportExchange(ctx context.Context, path, format string, tags []model.Tag) (paths []string, orphans []model.Tag, err error) {
	in, err := a.exportInput(ctx, tags)
	if err != nil {
		return nil, nil, err
	}
	in.Tags, orphans = exchange.SplitOrphans(in)
	paths, err = exchange.ExportFile(path, format, in)
	return paths, orphans, err
}

// exportInput gathers the documents the tags lie in, and the codebook.
func (a *App) exportInput(ctx context.Context, tags []model.Tag) (exchange.ExportInput, error) {
	in := exchange.ExportInput{Tags: tags, Articles: map[string]model.Article{}, Labels: a.cb.Labels(), Name: "workbench " + a.ws.Dir}
	if len(tags) == 0 {
		return in, nil
	}
	ix, err := a.Index()
	if err != nil {
		return in, err
	}
	for _, t := range tags {
		if _, ok := in.Articles[t.DocID]; ok {
			continue
		}
		d, err := ix.Get(ctx, t.DocID)
		if errors.Is(err, index.ErrNotFound) {
			continue
		}
		if err != nil {
			return in, fmt.Errorf("document %s: %w", t.DocID, err)
		}
		in.Articles[t.DocID] = d.Article
	}
	return in, nil
}
