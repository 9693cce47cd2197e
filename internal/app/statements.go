package app

import (
	"context"
	"fmt"
	"slices"
	"strings"

	"github.com/workbench-dev/workbench/internal/index"
	"github.com/workbench-dev/workbench/internal/model"
	"github.com/workbench-dev/workbench/internal/qlang"
	"github.com/workbench-dev/workbench/internal/store"
	"github.com/workbench-dev/workbench/internal/textsafe"
)

// StatementKinds are the kinds a statement listing keeps (Kind).
var StatementKinds = []string{model.StatementQuote, model.StatementTurn, model.StatementSpan}

// Statements lists the statements matching a query, newest first (then by
// document and position): the quotes and transcript turns of the analysis
// and the analysts' spans, each with its speaker as the analysts see it
// (their corrections win, speaker_source analyst; a span inherits the
// speaker of the turn or quote holding it). The query's text searches the
// statement text; @actor keeps statements mentioning the actor inside them;
// speaker: a speaker's statements; #label the statements tagged with it.
// Typed as you type, the listing stops when the page is full (the total is
// then an estimate); otherwise it is complete and the total exact.
func (a *App) Statements(ctx context.Context, r model.StatementRequest) (*model.StatementResult, error) {
	if r.Kind != "" && !slices.Contains(StatementKinds, r.Kind) {
		return nil, &RequestError{Msg: fmt.Sprintf("statement kind %q: want quote, turn or span", textsafe.CleanLine(r.Kind))}
	}
	pq, err := a.parsed(ctx, r.Query, r.Parsed, ParseOptions{AsYouType: r.AsYouType})
	if err != nil {
		return nil, err
	}
	if err := a.addFlagFilters(&pq, r.Actor, r.Speaker); err != nil {
		return nil, err
	}
	for _, d := range []struct{ flag, op, val string }{{"--since", ">=", r.Since}, {"--until", "<=", r.Until}} {
		if strings.TrimSpace(d.val) == "" {
			continue
		}
		dr, err := qlang.ParseDate(d.op + strings.TrimSpace(d.val))
		if err != nil {
			return nil, &model.QueryError{Msg: fmt.Sprintf("%s %s: want a year, month or day (2022, 2022-03, 2022-03-04)", d.flag, textsafe.CleanLine(d.val))}
		}
		pq.Dates = append(pq.Dates, dr)
	}
	ix, release, err := a.acquireIndex()
	defer release()
	if err != nil {
		return nil, err
	}
	v, err := a.analystView(ctx, "")
	if err != nil {
		return nil, err
	}
	req := index.StatementRequest{Query: pq, Limit: r.Limit, Offset: r.Offset, Extra: v.extra, Overrides: v.overrides, Exact: !pq.AsYouType}
	if r.Kind != "" {
		req.Kinds = []string{r.Kind}
	}
	if len(pq.Labels)+len(pq.NotLabels) > 0 {
		if req.StatementFilter, req.NotStatements, err = a.labelStatements(ctx, pq); err != nil {
			return nil, err
		}
	}
	return ix.Statements(ctx, req)
}

// labelStatements resolves #label to the statements (quotes and spans)
// tagged with every label, and -#label to the statements to leave out.
func (a *App) labelStatements(ctx context.Context, pq model.Query) (ids, notIDs []string, err error) {
	get := func(string) ([]string, error) { return []string{}, nil }
	if a.hasStore() {
		st, err := a.Store()
		if err != nil {
			return nil, nil, err
		}
		get = func(l string) ([]string, error) {
			tags, err := st.List(ctx, store.Filter{Label: l})
			if err != nil {
				return nil, err
			}
			out := make([]string, 0, len(tags))
			for _, t := range tags {
				out = append(out, model.StatementID(t.DocID, t.Start, t.End))
			}
			return out, nil
		}
	}
	return splitByLabels(pq, get)
}

// StatementLabels maps statement ids (DOC:START-END, of any kind) to the
// labels of the tags on their span, each label once, in the order they were
// given (the TUI's statements panel). Ids that are not statement ids are
// left out.
func (a *App) StatementLabels(ctx context.Context, ids []string) (map[string][]string, error) {
	out := map[string][]string{}
	if len(ids) == 0 || !a.hasStore() {
		return out, nil
	}
	st, err := a.Store()
	if err != nil {
		return nil, err
	}
	want := map[string]bool{}
	var docs []string
	for _, id := range ids {
		doc, _, _, err := model.ParseQuoteID(id)
		if err != nil {
			continue
		}
		if !slices.Contains(docs, doc) {
			docs = append(docs, doc)
		}
		want[id] = true
	}
	for _, doc := range docs {
		tags, err := st.ForDoc(ctx, doc)
		if err != nil {
			return nil, err
		}
		for _, t := range tags {
			id := model.StatementID(t.DocID, t.Start, t.End)
			if want[id] && !slices.Contains(out[id], t.Label) {
				out[id] = append(out[id], t.Label)
			}
		}
	}
	return out, nil
}
