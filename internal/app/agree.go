package app

import (
	"context"
	"errors"
	"unicode/utf8"

	"github.com/workbench-dev/workbench/internal/agree"
	"github.com/workbench-dev/workbench/internal/index"
)

// AgreementInput gathers what agreement is computed from: every tag, and
// the statements and lengths of the documents they lie in (a statement no
// one tagged is a unit every analyst coded 0).
func (a *App) AgreementInput(ctx context.Context) (agree.Input, error) {
	tags, err := a.Tags(ctx, TagFilter{})
	if err != nil {
		return agree.Input{}, err
	}
	in := agree.Input{Tags: tags, DocLengths: map[string]int{}}
	if len(tags) == 0 {
		return in, nil
	}
	ix, err := a.Index()
	if err != nil {
		return in, err
	}
	seen := map[string]bool{}
	for _, t := range tags {
		if seen[t.DocID] {
			continue
		}
		seen[t.DocID] = true
		d, err := ix.Get(ctx, t.DocID)
		if errors.Is(err, index.ErrNotFound) {
			continue // orphaned: its tags still count, by their snapshots
		}
		if err != nil {
			return in, err
		}
		in.Statements = append(in.Statements, agree.StatementsOf(d.ID, d.Analysis.Quotes)...)
		in.DocLengths[d.ID] = utf8.RuneCountInString(d.Body)
	}
	return in, nil
}

// Agreement computes the agreement between analysts.
func (a *App) Agreement(ctx context.Context, o agree.Options) (*agree.Result, error) {
	in, err := a.AgreementInput(ctx)
	if err != nil {
		return nil, err
	}
	return agree.Compute(in, o)
}
