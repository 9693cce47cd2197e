package app

import (
	"context"
	"fmt"

	"github.com/workbench-dev/workbench/internal/agree"
	"github.com/workbench-dev/workbench/internal/insights"
	"github.com/workbench-dev/workbench/internal/model"
	"github.com/workbench-dev/workbench/internal/store"
)

// InsightsData is Insights for the TUI's insights view.
func (a *App) InsightsData(ctx context.Context, raw string, o insights.Options) (insights.Data, error) {
	d, _, err := a.Insights(ctx, raw, o)
	return d, err
}

// AdjudicationQueue lists the statements the analysts tagged differently,
// with what the adjudicator decided so far (the TUI's D view).
func (a *App) AdjudicationQueue(ctx context.Context) (*agree.Queue, error) {
	in, err := a.AgreementInput(ctx)
	if err != nil {
		return nil, err
	}
	return agree.BuildQueue(in, agree.Options{})
}

// Adjudicate records (or, when it is there, takes back) the adjudicated
// label of a unit: a tag of the analyst "adjudicated", which any analyst
// may make. It reports whether the label is now on the unit.
func (a *App) Adjudicate(ctx context.Context, in model.TagInput, adjudicator string) (bool, error) {
	if adjudicator == "" {
		adjudicator = agree.DefaultAdjudicator
	}
	lab, err := a.Label(in.Label)
	if err != nil {
		return false, err
	}
	tags, err := a.ForDoc(ctx, in.DocID)
	if err != nil {
		return false, err
	}
	st, err := a.Store()
	if err != nil {
		return false, err
	}
	for _, t := range tags {
		if t.Analyst == adjudicator && t.Label == lab.Name && t.Start == in.Start && t.End == in.End {
			return false, st.Remove(ctx, t.ID)
		}
	}
	sin, err := a.input(ctx, model.TagInput{QuoteID: in.QuoteID, DocID: in.DocID, Start: in.Start, End: in.End, Label: lab.Name})
	if err != nil {
		return false, err
	}
	sin.Analyst = adjudicator
	added, _, err := st.AddBatch(ctx, []store.TagInput{sin})
	if err != nil {
		return false, err
	}
	if len(added) == 0 {
		return false, fmt.Errorf("the adjudicated label %s is already on %s", lab.Name, model.QuoteID(in.DocID, in.Start, in.End))
	}
	return true, nil
}
