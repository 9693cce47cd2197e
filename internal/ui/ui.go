// Package ui is the workbench TUI (Bubble Tea v2). The root Model owns the
// layout, the focus and all I/O; it routes keys to the focused component and
// messages to the component that owns them. The index and the tag store are
// reached through the application layer, as the Backend interface below, so
// the UI never knows about bleve or SQLite.
package ui

import (
	"context"
	"errors"
	"time"

	uiinsights "github.com/workbench-dev/workbench/internal/ui/insights"

	tea "charm.land/bubbletea/v2"

	"github.com/workbench-dev/workbench/internal/agree"
	"github.com/workbench-dev/workbench/internal/insights"
	"github.com/workbench-dev/workbench/internal/model"
	"github.com/workbench-dev/workbench/internal/ui/adjudicate"
	"github.com/workbench-dev/workbench/internal/ui/common"
	"github.com/workbench-dev/workbench/internal/ui/facets"
	"github.com/workbench-dev/workbench/internal/ui/help"
	"github.com/workbench-dev/workbench/internal/ui/reader"
	"github.com/workbench-dev/workbench/internal/ui/results"
	"github.com/workbench-dev/workbench/internal/ui/searchline"
	"github.com/workbench-dev/workbench/internal/ui/statements"
	"github.com/workbench-dev/workbench/internal/ui/statusbar"
	"github.com/workbench-dev/workbench/internal/ui/tagspane"
)

// Backend is what the TUI needs of the application layer (*app.App
// implements it). Implementations must be safe for concurrent use; every
// call runs off the UI goroutine with a context that is cancelled when its
// answer is no longer wanted.
type Backend interface {
	// Search runs a query (the query language of qlang). A query that
	// cannot run returns a *model.QueryError.
	Search(ctx context.Context, r model.SearchRequest) (*model.SearchResult, error)
	Doc(ctx context.Context, id string) (*model.Doc, error)
	// MarkTerms is the highlighter: the spans of text a result's terms
	// match.
	MarkTerms(text string, terms []string) ([]model.Span, error)
	// Statements lists the statements (quotes, turns, spans) matching a
	// query, newest first, with the analysts' speakers; StatementLabels
	// maps statement ids to the labels of the tags on them.
	Statements(ctx context.Context, r model.StatementRequest) (*model.StatementResult, error)
	StatementLabels(ctx context.Context, ids []string) (map[string][]string, error)
	// SpeakerFacets counts the documents matching the query per speaker
	// (the actors given and every speaker an analyst named), as speaker:
	// finds them: the analysts' corrections count.
	SpeakerFacets(ctx context.Context, r model.SearchRequest, actorIDs []string) ([]model.FacetCount, error)
	Count() (int64, error)

	// Toggle adds the label to the quote or span, or removes it when present.
	Toggle(ctx context.Context, in model.TagInput) (added bool, t model.Tag, err error)
	SetNote(ctx context.Context, id int64, note string) error
	// SetTarget returns the target as stored (the registry's name).
	SetTarget(ctx context.Context, id int64, target string) (string, error)
	// Undo and Redo describe what they did ("" when nothing to do).
	Undo(ctx context.Context) (string, error)
	Redo(ctx context.Context) (string, error)
	ForDoc(ctx context.Context, docID string) ([]model.Tag, error)
	// ExportToWorkspace writes all tags in format (csv, jsonl, md) into
	// the workspace's exports folder, atomically, and returns the path.
	ExportToWorkspace(ctx context.Context, format string) (path string, n int, err error)

	// AllTags lists every tag of the workspace, newest first.
	AllTags(ctx context.Context) ([]model.Tag, error)
	// RemoveTag deletes a tag by id (undoable).
	RemoveTag(ctx context.Context, id int64) error
	// TagBatch adds many tags in one transaction and one undo step;
	// inputs equal to a tag already there are skipped.
	TagBatch(ctx context.Context, in []model.TagInput) (added, skipped int, err error)
	// DateCounts counts the documents matching the query per year (the
	// corpus's whole range, empty years included) or, with year set, per
	// month of that year; values "2019" or "2019-03".
	DateCounts(ctx context.Context, r model.SearchRequest, year int) ([]model.FacetCount, error)
	// SearchByDate is Search with the hits by date, newest or oldest
	// first (no facets).
	SearchByDate(ctx context.Context, r model.SearchRequest, newestFirst bool) (*model.SearchResult, error)
	// ReadUIState and WriteUIState keep the TUI's session and saved
	// searches in the workspace (the TUI owns the format; the write is
	// atomic). ReadUIState returns nil when there is none.
	ReadUIState(ctx context.Context) ([]byte, error)
	WriteUIState(ctx context.Context, data []byte) error
	// InsightsData counts what the tags say for a query (the i view).
	InsightsData(ctx context.Context, query string, o insights.Options) (insights.Data, error)
	// AdjudicationQueue lists the analysts' disagreements (the D view);
	// Adjudicate toggles the adjudicated label of a unit.
	AdjudicationQueue(ctx context.Context) (*agree.Queue, error)
	Adjudicate(ctx context.Context, in model.TagInput, adjudicator string) (on bool, err error)
	// Subscribe delivers the tags other analysts add, until ctx ends.
	Subscribe(ctx context.Context) (<-chan model.Tag, error)
	// RefreshIndex switches to a newer generation of the index when a
	// writer committed one (cheap when none did); calls under way finish
	// on the old one.
	RefreshIndex(ctx context.Context) (model.IndexChange, error)
	// Notices is what the workspace has to tell the analyst (a folder
	// others can read, a damaged WAL recovered, an index to rebuild...);
	// they grow as the index and the store open.
	Notices() []string
	// SetSpeaker and ClearSpeaker correct a statement's speaker (undoable).
	SetSpeaker(ctx context.Context, in model.SpeakerInput) (model.SpeakerCorrection, error)
	ClearSpeaker(ctx context.Context, in model.SpeakerInput) (model.SpeakerCorrection, error)
	// DocSpeakerCorrections lists a document's speaker corrections, the
	// orphaned ones (their words changed) marked.
	DocSpeakerCorrections(ctx context.Context, docID string) ([]model.SpeakerCorrection, error)
}

// Progress reports first-run indexing.
type Progress struct {
	Done, Total int
	Note        string
}

// Options configure the TUI.
type Options struct {
	Backend   Backend
	Labels    []model.Label
	Actors    []model.Actor
	Workspace string // shown in the status bar
	NoColor   bool   // NO_COLOR is set
	Limit     int    // results per page (default 20)
	// Prepare, when set, runs before anything else (indexing the sample on
	// first run); the TUI shows a progress view meanwhile.
	Prepare func(ctx context.Context, progress func(Progress)) error
	// Live listens for the tags other analysts add and shows them as they
	// come (a command waits on the store's subscription), and picks up
	// the documents another process indexes (refresh.go).
	Live bool
	// OnFirstFrame is called once, after the first real frame is rendered.
	OnFirstFrame func()
	// MessageTTL is how long status messages stay (0: 5 s; negative:
	// until replaced, for tests).
	MessageTTL time.Duration
}

type pane int

const (
	paneSearch pane = iota
	paneResults
	paneReader
	paneQuotes
	paneFacets
	paneCount
)

// Minimum terminal size for the layout.
const (
	MinWidth  = 50
	MinHeight = 12
)

// Model is the root model.
type Model struct {
	opts Options
	c    *common.Common
	ctx  context.Context // parent of every request context
	stop context.CancelFunc

	search  *searchline.Model
	results *results.Model
	reader  *reader.Model
	quotes  *statements.Model // the statements panel
	facets  *facets.Model
	status  *statusbar.Model
	help    *help.Model
	tagList *tagspane.Model

	focus     pane
	showHelp  bool
	showTags  bool
	exporting bool
	w, h      int
	dark      bool
	lay       layout

	preparing bool
	progress  Progress
	progCh    chan tea.Msg

	// One record per kind of request: a reply whose sequence is not the
	// latest of its kind is dropped.
	searchReq, docReq, quoteReq, markReq, tagsReq, savedReq request
	insightReq, queueReq                                    request

	// The full-screen views (overlays.go).
	overlay     overlay
	insights    *uiinsights.Model
	insightOpts insights.Options
	adjud       *adjudicate.Model

	query      string       // last query sent
	parsed     *model.Query // its parsed form, once the index answered
	counted    bool         // the document count is known (or being asked)
	lastTerms  []string
	firstFrame bool
	quitting   bool
	noticed    map[string]bool // workspace notices already shown (refresh.go)
	copied     string          // the last text put on the clipboard (tests)
	confirm    *confirmation   // a question in the status line
	markAsk    int             // ctrl+a asks above this many quotes
	saved      []savedSearch   // saved searches (from the workspace)
	sv         savedView
	order      int // of the results: orderRelevance, orderNewest, orderOldest
}

// New builds the root model.
func New(opts Options) *Model {
	if opts.Limit <= 0 {
		opts.Limit = 20
	}
	c := common.New(opts.Labels, opts.Actors, true, opts.NoColor)
	ctx, stop := context.WithCancel(context.Background())
	m := &Model{
		opts: opts, c: c, ctx: ctx, stop: stop, dark: true,
		search:  searchline.New(c),
		results: results.New(c),
		reader:  reader.New(c),
		quotes:  statements.New(c),
		facets:  facets.New(c),
		status:  statusbar.New(c, opts.Workspace, opts.MessageTTL),
		help:    help.New(c),
		tagList: tagspane.New(c),
		focus:   paneSearch,
		markAsk: markAsk,
		sv:      newSavedView(),
	}
	m.search.Focus()
	m.preparing = opts.Prepare != nil
	return m
}

// Common returns the shared context (tests and the README generator use it).
func (m *Model) Common() *common.Common { return m.c }

// Init asks for the background colour and starts the first search (or the
// first-run indexing).
func (m *Model) Init() tea.Cmd {
	if m.preparing {
		return tea.Batch(tea.RequestBackgroundColor, m.prepare())
	}
	return tea.Batch(tea.RequestBackgroundColor, m.start(), m.loadState())
}

// start runs the first search, counts documents and starts listening
// for the other analysts' tags.
func (m *Model) start() tea.Cmd {
	m.counted = true
	cmds := []tea.Cmd{m.runSearch(m.search.Value()), m.count()}
	if m.opts.Live {
		cmds = append(cmds, m.listen(), m.pollIndex())
	}
	return tea.Batch(cmds...)
}

// Update is the routing table.
func (m *Model) Update(msg tea.Msg) (tea.Model, tea.Cmd) {
	switch msg := msg.(type) {
	case tea.WindowSizeMsg:
		m.resize(msg.Width, msg.Height)
		return m, afterResize()
	case tea.BackgroundColorMsg:
		m.setTheme(msg.IsDark())
	case tea.KeyPressMsg:
		return m, m.onKey(msg)
	case tea.PasteMsg:
		return m, m.onPaste(msg)
	case tea.MouseMsg:
		return m, m.onMouse(msg)
	case prepareMsg:
		return m, m.onPrepare(msg)
	case common.QueryChangedMsg:
		return m, m.runSearch(msg.Query)
	case searchMsg:
		return m, m.onSearch(msg)
	case common.OpenDocMsg:
		m.showTags = false
		return m, m.openDoc(msg)
	case allTagsMsg:
		m.onAllTags(msg)
	case common.BulkTagMsg:
		return m, m.bulkTag(msg)
	case common.MarkAllMsg:
		return m, m.markAll(msg)
	case savedCountsMsg:
		m.onSavedCounts(msg)
	case savedTotalMsg:
		return m, m.onSavedTotal(msg)
	case stateMsg:
		return m, m.onState(msg)
	case datesMsg:
		m.onDates(msg)
	case common.DrillMsg:
		return m, m.drill(msg)
	case markAllMsg:
		return m, m.onMarkAll(msg)
	case common.OpenURLMsg:
		return m, m.openURL(msg)
	case openedMsg:
		return m, m.onOpened(msg)
	case common.RemoveTagMsg:
		return m, m.removeTag(msg.Tag)
	case common.CopyMsg:
		return m, m.copyText(msg)
	case docMsg:
		return m, m.onDoc(msg)
	case common.ToggleTagMsg:
		return m, m.toggleTag(msg.Input)
	case common.SetNoteMsg:
		return m, m.setNote(msg)
	case common.SetTargetMsg:
		return m, m.setTarget(msg)
	case common.SetSpeakerMsg:
		return m, m.setSpeaker(msg)
	case speakerMsg:
		return m, m.onSpeaker(msg)
	case tagsMsg:
		return m, m.onTags(msg)
	case common.FacetMsg:
		return m, m.applyFacet(msg)
	case common.QuotesScopeMsg:
		return m, m.onQuotesScope(msg)
	case marksMsg:
		m.onMarks(msg)
	case insightsMsg:
		return m, m.onInsights(msg)
	case queueMsg:
		return m, m.onQueue(msg)
	case adjudicatedMsg:
		return m, m.onAdjudicated(msg)
	case liveMsg:
		return m, m.onLive(msg)
	case refreshMsg:
		return m, m.onRefresh(msg)
	case uiinsights.RunQueryMsg, uiinsights.RecomputeMsg, uiinsights.CloseMsg, adjudicate.AdjudicateMsg, adjudicate.CloseMsg:
		return m, m.onViewIntent(msg)
	case richMsg:
		return m, m.onRich(msg)
	case speakerFacetsMsg:
		m.onSpeakerFacets(msg)
	case common.LoadMoreMsg:
		return m, m.loadMore(msg)
	case moreMsg:
		m.onMore(msg)
	case quotesMsg:
		m.onQuotes(msg)
		m.relayout()
	case countMsg:
		m.onCount(msg)
	case exportMsg:
		return m, m.onExport(msg)
	case common.StatusMsg:
		return m, m.status.Show(msg.Text, msg.Err)
	default:
		cmd, _ := m.status.Update(msg)
		return m, cmd
	}
	return m, nil
}

// Quit cancels every request in flight.
func (m *Model) quit() tea.Cmd {
	save := m.saveState(true) // before stop: it needs the context
	m.quitting = true
	m.stop()
	return tea.Sequence(save, tea.Quit)
}

func (m *Model) setTheme(dark bool) {
	m.dark = dark
	m.c.SetTheme(dark, m.opts.NoColor)
	if m.insights != nil {
		m.insights.SetStyles(m.c.Styles)
	}
	if m.adjud != nil {
		m.adjud.SetTheme(dark, m.opts.NoColor)
	}
	m.search.SetStyles()
	m.status.SetStyles()
}

// Focused reports the focused pane's name (for tests).
func (m *Model) Focused() string {
	return [...]string{"search", "results", "reader", "statements", "facets"}[m.focus]
}

// typing reports whether keys go to a text input.
func (m *Model) typing() bool {
	return m.focus == paneSearch || m.reader.Typing() || m.showTags && m.tagList.Typing() || m.sv.naming
}

func (m *Model) setFocus(p pane) tea.Cmd {
	if p == m.focus {
		return nil
	}
	m.component(m.focus).Blur()
	m.focus = p
	m.relayout() // facets take the results' place in narrow layouts
	return m.component(p).Focus()
}

// Every pane is a common.Component.
var (
	_ common.Component = (*searchline.Model)(nil)
	_ common.Component = (*results.Model)(nil)
	_ common.Component = (*reader.Model)(nil)
	_ common.Component = (*statements.Model)(nil)
	_ common.Component = (*facets.Model)(nil)
	_ common.Component = (*help.Model)(nil)
)

func (m *Model) component(p pane) common.Component {
	switch p {
	case paneSearch:
		return m.search
	case paneResults:
		return m.results
	case paneReader:
		return m.reader
	case paneQuotes:
		return m.quotes
	default:
		return m.facets
	}
}

func (m *Model) cycle(dir int) tea.Cmd {
	return m.setFocus(pane((int(m.focus) + dir + int(paneCount)) % int(paneCount)))
}

func canceled(err error) bool { return errors.Is(err, context.Canceled) }

// HitIDs are the ids of the results loaded in the result list, in order
// (tests compare the TUI's answers with the CLI's).
func (m *Model) HitIDs() []string {
	hs := m.results.Hits()
	out := make([]string, len(hs))
	for i, h := range hs {
		out[i] = h.ID
	}
	return out
}

// QueryError is the error shown under the search line ("" when none).
func (m *Model) QueryError() string { return m.search.Err() }
