package ui

import (
	"context"
	"errors"
	"fmt"
	"strings"

	tea "charm.land/bubbletea/v2"

	"github.com/workbench-dev/workbench/internal/model"
	"github.com/workbench-dev/workbench/internal/ui/common"
)

// Messages carrying answers from the index and the store. Each carries the
// sequence number of its request.
type (
	searchMsg struct {
		seq   uint64
		query string
		res   *model.SearchResult
		err   error
	}
	marksMsg struct {
		seq   uint64
		docID string
		marks []model.Span
	}
	docMsg struct {
		seq     uint64
		doc     *model.Doc
		marks   []model.Span
		tags    []model.Tag
		quoteID string
		span    [2]int   // or this tagged span
		cursor  int      // or this cursor position
		terms   []string // the terms marks were made for
		edit    string   // then edit the note or target
		fixes   []model.SpeakerCorrection
		err     error
	}
	tagsMsg struct {
		docID    string
		tags     []model.Tag
		note     string // status text on success
		err      error  // a failed write: shown, nothing pretends it was saved
		speakers bool   // an undo or redo: a speaker correction may have moved
	}
	quotesMsg struct { // the statements panel's matches
		seq    uint64
		hits   []model.StatementHit
		labels map[string][]string
		err    error
	}
	richMsg struct {
		seq uint64
		res *model.SearchResult
		err error
	}
	moreMsg struct {
		seq    uint64
		offset int
		res    *model.SearchResult
		err    error
	}
	countMsg struct {
		n   int64
		err error
	}
	exportMsg struct {
		path string
		n    int
		err  error
	}
	prepareMsg struct {
		progress *Progress
		done     bool
		err      error
	}
)

// request is the latest request of one kind: its sequence number and the
// context that cancels it.
type request struct {
	seq    uint64
	ctx    context.Context
	cancel context.CancelFunc
}

// next cancels the previous request of the kind and returns the context
// and sequence number of the next one.
func (r *request) next(parent context.Context) (context.Context, uint64) {
	if r.cancel != nil {
		r.cancel()
	}
	r.seq++
	r.ctx, r.cancel = context.WithCancel(parent)
	return r.ctx, r.seq
}

// current tells whether seq is the latest request of the kind.
func (r *request) current(seq uint64) bool { return seq == r.seq }

// runSearch starts a search for q off the UI goroutine. No debounce: the
// previous search is cancelled and its answer will be dropped.
func (m *Model) runSearch(q string) tea.Cmd {
	m.query, m.parsed = q, nil
	m.facets.SetQuery(q)
	m.results.SetPending(true)
	ctx, seq := m.searchReq.next(m.ctx)
	// The first answer: titles and fragments, budgeted on a big index
	// (res.Partial, "≥ N hits"); runRich's exact answer replaces it.
	req := model.SearchRequest{Query: q, AsYouType: true, Limit: m.opts.Limit, FirstAnswer: true, Fragments: true}
	find := m.finder()
	search := func() tea.Msg {
		res, err := find(ctx, req)
		return searchMsg{seq: seq, query: q, res: res, err: err}
	}
	if m.quotes.All() {
		return tea.Batch(search, m.runQuotes(q))
	}
	return search
}

// onSearch applies a search answer unless a newer search was started.
func (m *Model) onSearch(msg searchMsg) tea.Cmd {
	if !m.searchReq.current(msg.seq) || canceled(msg.err) {
		return nil // stale
	}
	m.results.SetPending(false)
	var qe *model.QueryError
	switch {
	case errors.As(msg.err, &qe):
		m.search.SetError(qe.Msg)
		m.relayout()
		return nil
	case msg.err != nil:
		m.search.SetError("")
		m.relayout()
		return m.status.Show("search failed: "+msg.err.Error(), true)
	}
	m.search.SetError("")
	m.results.SetResults(msg.query, msg.res)
	pq := msg.res.Query
	m.parsed = &pq
	m.relayout()
	cmds := []tea.Cmd{m.runRich(msg.seq)}
	if strings.Join(msg.res.Terms, "\x00") != strings.Join(m.lastTerms, "\x00") {
		m.lastTerms = msg.res.Terms
		cmds = append(cmds, m.markDoc())
	}
	if !m.counted {
		// The first count failed (no index yet, or another process held
		// it): count again now that the index answers.
		m.counted = true
		cmds = append(cmds, m.count())
	}
	return tea.Batch(cmds...)
}

// markDoc highlights the open document with the current query's terms,
// off the UI goroutine (the one highlighter: the index's).
func (m *Model) markDoc() tea.Cmd {
	d := m.reader.Doc()
	ctx, seq := m.markReq.next(m.ctx)
	if d == nil {
		return nil
	}
	b, terms, id, body := m.opts.Backend, m.lastTerms, d.ID, d.Body
	return func() tea.Msg {
		marks, err := b.MarkTerms(body, terms)
		if err != nil || ctx.Err() != nil {
			return nil
		}
		return marksMsg{seq: seq, docID: id, marks: marks}
	}
}

func (m *Model) onMarks(msg marksMsg) {
	if !m.markReq.current(msg.seq) {
		return
	}
	if d := m.reader.Doc(); d != nil && d.ID == msg.docID {
		m.reader.SetMarks(msg.marks)
	}
}

// runRich asks again for the same page, exactly, with fragments and
// facets, once the first answer is on screen (cheap first, exact and rich
// second; both cost time in proportion to the hits and matches). It is
// cancelled by the next keystroke (the search's context).
func (m *Model) runRich(seq uint64) tea.Cmd {
	ctx, s := m.searchReq.ctx, m.opts.Backend
	req := model.SearchRequest{Parsed: m.parsed, Limit: m.opts.Limit, Fragments: true, Facets: true}
	if m.order != orderRelevance || !m.results.Partial() {
		// The hits on screen are exact (by date, or a first answer that
		// visited every match) and came with their fragments: only the
		// facets and the rest.
		req.Limit, req.Fragments = 1, false
	}
	return func() tea.Msg {
		res, err := s.Search(ctx, req)
		return richMsg{seq: seq, res: res, err: err}
	}
}

func (m *Model) onRich(msg richMsg) tea.Cmd {
	if !m.searchReq.current(msg.seq) || msg.err != nil {
		return nil // stale, cancelled, or the hits already reported the error
	}
	if m.order == orderRelevance && m.results.Partial() {
		// The exact answer: its hits (a partial first answer's may
		// differ), their fragments and the total.
		m.results.SetExact(msg.res)
	}
	m.facets.SetFacets(msg.res.Actors, msg.res.Sources)
	// Then the matches over time and the speakers: after the facets,
	// which come first.
	return tea.Batch(m.runDates(msg.seq, 0), m.runSpeakerFacets(msg.seq, msg.res.Actors))
}

// maxLoad is the most results the list holds (G loads up to it).
const maxLoad = 10000

// loadMore fetches the next page of the current query (or, for G, every
// remaining hit).
func (m *Model) loadMore(lm common.LoadMoreMsg) tea.Cmd {
	ctx, find, seq, offset := m.searchReq.ctx, m.finder(), m.searchReq.seq, lm.Offset
	if ctx == nil || m.parsed == nil {
		return nil
	}
	req := model.SearchRequest{Parsed: m.parsed, Limit: m.opts.Limit, Offset: offset, Fragments: true}
	if lm.All {
		req.Limit = maxLoad - offset
		if req.Limit <= 0 {
			return m.status.Show(fmt.Sprintf("the list stops at %d results; narrow the query", maxLoad), false)
		}
	}
	return func() tea.Msg {
		res, err := find(ctx, req)
		return moreMsg{seq: seq, offset: offset, res: res, err: err}
	}
}

func (m *Model) onMore(msg moreMsg) {
	if !m.searchReq.current(msg.seq) || msg.err != nil {
		return
	}
	m.results.Append(msg.offset, msg.res.Hits)
}

// openDoc loads a document and its tags.
func (m *Model) openDoc(msg common.OpenDocMsg) tea.Cmd {
	ctx, seq := m.docReq.next(m.ctx)
	s, terms := m.opts.Backend, m.lastTerms
	var focus tea.Cmd
	if msg.Focus {
		focus = m.setFocus(paneReader)
	}
	load := func() tea.Msg {
		d, err := s.Doc(ctx, msg.ID)
		if err != nil {
			return docMsg{seq: seq, err: err}
		}
		marks, err := s.MarkTerms(d.Body, terms)
		if err != nil {
			return docMsg{seq: seq, err: err}
		}
		tags, err := s.ForDoc(ctx, msg.ID)
		if err != nil {
			return docMsg{seq: seq, err: err}
		}
		fixes, err := s.DocSpeakerCorrections(ctx, msg.ID)
		return docMsg{seq: seq, doc: d, marks: marks, terms: terms, tags: tags, fixes: fixes, quoteID: msg.QuoteID, span: [2]int{msg.Start, msg.End}, cursor: msg.Cursor, edit: msg.Edit, err: err}
	}
	return tea.Batch(focus, load)
}

func (m *Model) onDoc(msg docMsg) tea.Cmd {
	if !m.docReq.current(msg.seq) || canceled(msg.err) {
		return nil
	}
	if msg.err != nil {
		return m.status.Show("cannot open the article: "+msg.err.Error(), true)
	}
	m.reader.SetDoc(msg.doc, msg.tags)
	m.reader.SetMarks(msg.marks)
	switch {
	case msg.quoteID != "":
		m.reader.SelectQuote(msg.quoteID)
	case msg.span[1] > 0:
		m.reader.SelectSpan(msg.span[0], msg.span[1])
	case msg.cursor > 0:
		m.reader.SetCursor(msg.cursor)
	}
	m.quotes.SetOrphans(msg.doc.ID, msg.fixes)
	m.quotes.SetArticle(msg.doc, msg.tags)
	m.quotes.SetCurrent(m.reader.SelectedQuoteID())
	m.relayout()
	var edit tea.Cmd
	if msg.edit != "" {
		edit = m.apply(nil, m.reader.Edit(msg.edit))
	}
	if strings.Join(msg.terms, "\x00") != strings.Join(m.lastTerms, "\x00") {
		return tea.Batch(edit, m.markDoc()) // the query's terms changed while it loaded
	}
	return edit
}

// toggleTag writes a tag and reloads the document's tags.
func (m *Model) toggleTag(in model.TagInput) tea.Cmd {
	t := m.opts.Backend
	ctx := m.ctx
	return func() tea.Msg {
		added, tag, err := t.Toggle(ctx, in)
		if err != nil {
			return tagsMsg{docID: in.DocID, err: fmt.Errorf("tag not saved: %w", err)}
		}
		verb := "removed"
		if added {
			verb = "tagged"
		}
		note := fmt.Sprintf("%s %q", verb, tag.Label)
		if tag.Label == "" {
			note = fmt.Sprintf("%s %q", verb, in.Label)
		}
		return reload(ctx, t, in.DocID, note)
	}
}

func reload(ctx context.Context, t Backend, docID, note string) tagsMsg {
	tags, err := t.ForDoc(ctx, docID)
	if err != nil {
		return tagsMsg{docID: docID, err: fmt.Errorf("saved, but cannot reload the tags: %w", err)}
	}
	return tagsMsg{docID: docID, tags: tags, note: note}
}

func (m *Model) setNote(msg common.SetNoteMsg) tea.Cmd {
	t, ctx, docID := m.opts.Backend, m.ctx, m.openID()
	return func() tea.Msg {
		if err := t.SetNote(ctx, msg.TagID, msg.Note); err != nil {
			return tagsMsg{docID: docID, err: fmt.Errorf("note not saved: %w", err)}
		}
		return reload(ctx, t, docID, "note saved")
	}
}

func (m *Model) setTarget(msg common.SetTargetMsg) tea.Cmd {
	t, ctx, docID := m.opts.Backend, m.ctx, m.openID()
	return func() tea.Msg {
		target, err := t.SetTarget(ctx, msg.TagID, msg.Target)
		if err != nil {
			return tagsMsg{docID: docID, err: fmt.Errorf("target not saved: %w", err)}
		}
		return reload(ctx, t, docID, "target set to "+target)
	}
}

func (m *Model) undo(redo bool) tea.Cmd {
	t, ctx, docID := m.opts.Backend, m.ctx, m.openID()
	return func() tea.Msg {
		what, verb := "", "undo"
		var err error
		if redo {
			verb = "redo"
			what, err = t.Redo(ctx)
		} else {
			what, err = t.Undo(ctx)
		}
		if err != nil {
			return tagsMsg{docID: docID, err: fmt.Errorf("%s failed: %w", verb, err)}
		}
		note := verb + ": " + what
		if what == "" {
			note = "nothing to " + verb
		}
		if docID == "" {
			return tagsMsg{note: note, speakers: true}
		}
		tm := reload(ctx, t, docID, note)
		tm.speakers = true
		return tm
	}
}

func (m *Model) openID() string {
	if d := m.reader.Doc(); d != nil {
		return d.ID
	}
	return ""
}

func (m *Model) onTags(msg tagsMsg) tea.Cmd {
	if errors.Is(msg.err, model.ErrStoreUnreachable) {
		// The team store's server is away: nothing was saved, and the
		// next write reconnects.
		return m.status.Show("store unreachable, retrying on the next change: "+msg.err.Error(), true)
	}
	if msg.err != nil {
		return m.status.Show(msg.err.Error(), true)
	}
	if d := m.reader.Doc(); d != nil && d.ID == msg.docID {
		m.reader.SetTags(msg.docID, msg.tags)
		m.quotes.SetArticle(d, msg.tags)
		m.quotes.SetCurrent(m.reader.SelectedQuoteID())
		m.relayout()
	}
	var cmds []tea.Cmd
	if m.quotes.All() {
		cmds = append(cmds, m.runQuotes(m.query))
	}
	if msg.speakers {
		cmds = append(cmds, m.refreshSpeakerFacets())
	}
	if m.showTags {
		cmds = append(cmds, m.loadAllTags())
	}
	if msg.note != "" {
		cmds = append(cmds, m.status.Show(msg.note, false))
	}
	return tea.Batch(cmds...)
}

// applyFacet adds a facet filter to the query and searches again, or
// takes it out when it is already there (or asked to).
func (m *Model) applyFacet(f common.FacetMsg) tea.Cmd {
	term := f.Value
	if !f.Remove {
		term = common.FacetTerm(f.Kind, f.Value)
	}
	q := strings.TrimSpace(m.search.Value())
	if f.Remove || strings.Contains(" "+q+" ", " "+term+" ") {
		q = common.RemoveTerm(q, term)
		if q != "" {
			q += " "
		}
		m.search.SetValue(q)
		return tea.Batch(m.runSearch(m.search.Value()), m.status.Show("removed filter "+common.Clean(term), false))
	}
	if q != "" {
		q += " "
	}
	// A trailing space: the filter is complete, not a prefix being typed.
	m.search.SetValue(q + term + " ")
	return tea.Batch(m.runSearch(m.search.Value()), m.status.Show("filter: "+common.Clean(term), false))
}

func (m *Model) onQuotesScope(msg common.QuotesScopeMsg) tea.Cmd {
	m.relayout()
	if msg.All {
		return m.runQuotes(m.query)
	}
	m.quoteReq.next(m.ctx) // a listing still running is not wanted
	return nil
}

// runQuotes lists the statements matching q (of the panel's kind), newest
// first, with their labels.
func (m *Model) runQuotes(q string) tea.Cmd {
	ctx, seq := m.quoteReq.next(m.ctx)
	s := m.opts.Backend
	m.quotes.SetLoading()
	kind := m.quotes.Kind()
	return func() tea.Msg {
		res, err := s.Statements(ctx, model.StatementRequest{Query: q, AsYouType: true, Kind: kind, Limit: 200})
		if err != nil {
			return quotesMsg{seq: seq, err: err}
		}
		ids := make([]string, len(res.Hits))
		for i, x := range res.Hits {
			ids[i] = x.ID
		}
		labels, err := s.StatementLabels(ctx, ids)
		return quotesMsg{seq: seq, hits: res.Hits, labels: labels, err: err}
	}
}

func (m *Model) onQuotes(msg quotesMsg) {
	if !m.quoteReq.current(msg.seq) || canceled(msg.err) {
		return
	}
	var qe *model.QueryError
	if msg.err != nil && !errors.As(msg.err, &qe) {
		m.status.Show("statements: "+msg.err.Error(), true)
		return
	}
	if msg.err == nil {
		m.quotes.SetMatches(msg.hits, msg.labels)
	}
}

func (m *Model) count() tea.Cmd {
	s := m.opts.Backend
	return func() tea.Msg {
		n, err := s.Count()
		return countMsg{n: n, err: err}
	}
}

func (m *Model) onCount(msg countMsg) {
	if msg.err != nil {
		m.counted = false
		if !canceled(msg.err) {
			m.status.Show(msg.err.Error(), true)
		}
		return
	}
	m.counted = true
	m.status.SetDocs(msg.n)
}

func (m *Model) export(format string) tea.Cmd {
	t, ctx := m.opts.Backend, m.ctx
	return tea.Batch(m.status.Show("exporting "+format+"…", false), func() tea.Msg {
		path, n, err := t.ExportToWorkspace(ctx, format)
		return exportMsg{path: path, n: n, err: err}
	})
}

func (m *Model) onExport(msg exportMsg) tea.Cmd {
	if msg.err != nil {
		return m.status.Show("export failed: "+msg.err.Error(), true)
	}
	return m.status.Show(fmt.Sprintf("exported %d tags to %s", msg.n, msg.path), false)
}

// prepare runs first-run indexing in the background, reporting progress
// through a channel that a command reads one message at a time.
func (m *Model) prepare() tea.Cmd {
	ch := make(chan tea.Msg, 64)
	m.progCh = ch
	prep, ctx := m.opts.Prepare, m.ctx
	go func() {
		err := prep(ctx, func(p Progress) {
			select {
			case ch <- prepareMsg{progress: &p}:
			default: // drop progress updates the UI cannot keep up with
			}
		})
		ch <- prepareMsg{done: true, err: err}
	}()
	return m.waitPrepare()
}

func (m *Model) waitPrepare() tea.Cmd {
	ch := m.progCh
	return func() tea.Msg { return <-ch }
}

func (m *Model) onPrepare(msg prepareMsg) tea.Cmd {
	switch {
	case msg.progress != nil:
		m.progress = *msg.progress
		return m.waitPrepare()
	case msg.err != nil:
		// Open what there is anyway (another process may have made the
		// index); the error stays in the status bar.
		m.preparing = false
		return tea.Batch(m.start(), m.status.Show("indexing the sample failed: "+msg.err.Error(), true))
	}
	m.preparing = false
	return tea.Batch(m.start(), m.status.Show("indexed the embedded sample corpus", false))
}
