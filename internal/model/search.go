package model

import (
	"errors"
	"fmt"
	"time"
)

// The types of a search and its answer, shared by the index (which fills
// them), the application layer and the TUI and CLI (which show them).

// Span is a range of code points [Start, End) in the string it refers to.
type Span struct{ Start, End int }

// Fragment is an excerpt of a body with the matched terms marked (code
// points into Text).
type Fragment struct {
	Text  string
	Marks []Span
}

// Hit is one matching article.
type Hit struct {
	ID, Title, Source, URL string
	Date                   time.Time
	Score                  float64
	Fragments              []Fragment
	TitleMarks             []Span
	Actors                 []string // actor ids
}

// FacetCount is one facet value and its number of documents.
type FacetCount struct {
	Value string
	Count int
}

// SearchResult is one page of a search.
type SearchResult struct {
	// Query is the parsed query the result answers.
	Query Query
	Total uint64
	Took  time.Duration
	Hits  []Hit
	// Actors and Sources are facet counts over every match (when asked).
	Actors, Sources []FacetCount
	// Terms are the analysed terms the query matches: what the reader
	// highlights (through the index's MarkTerms).
	Terms []string
	// Estimated is set when Total is an estimate (a phrase typed in the
	// search line is checked on the best candidates only).
	Estimated bool
	// Partial is set on a first answer that stopped before visiting every
	// match (SearchRequest.FirstAnswer): the hits are the best of those
	// visited and Total is a lower bound ("≥ N"); the exact answer follows.
	Partial bool
}

// Doc is an article with its analysis, as the reader shows it.
type Doc struct {
	Article
	Analysis Analysis
}

// QuoteHit is a quotation with its article's id, title and date.
type QuoteHit struct {
	Quote
	DocID string
	Title string
	Date  time.Time
}

// TagInput is a tag to make: on a quote (QuoteID) or on a span of a
// document (DocID, Start, End in code points). The application layer
// resolves the label through the codebook and the target through the
// registry, records the analyst, and takes the snapshot (text, speaker,
// title, date, source, URL) from the index, so a tag made in the TUI and
// one made on the command line are the same.
type TagInput struct {
	QuoteID             string
	DocID               string
	Start, End          int
	Label, Target, Note string
}

// SearchRequest is a search of the articles.
type SearchRequest struct {
	// Query is the query as typed; Parsed, when set, is the same query
	// already parsed (the TUI's follow-up requests), and Query is not
	// parsed again.
	Query  string
	Parsed *Query
	// AsYouType: the search line, at each keystroke. Any keeps bleve's
	// either-word default.
	AsYouType, Any bool
	Limit, Offset  int
	// Facets (actor and source counts over every match) and Fragments
	// (highlighted excerpts of the hits) cost time: the search line asks
	// for them in a second request.
	Facets, Fragments bool
	MaxFragments      int
	// FirstAnswer asks for the search line's first answer to a keystroke:
	// on a big index each shard visits a budget of matches only, and the
	// result says Partial when matches were left (the exact search follows).
	// On a small index the answer is exact. Budget, when positive, sets the
	// matches per shard instead of the index's default (and applies on
	// any index). Neither is ever set by the CLI's search.
	FirstAnswer bool
	Budget      int
}

// QuoteRequest lists quotes: the query's words search the quote text,
// @actor keeps quotes mentioning the actor, speaker: a speaker's quotes,
// #label the quotes tagged with it.
type QuoteRequest struct {
	Query  string
	Parsed *Query
	// AsYouType: the listing stops when the page is full (the total is
	// then an estimate); otherwise it is complete and the total exact.
	AsYouType bool
	// Actor and Speaker (the CLI's --actor and --speaker) add @actor and
	// speaker: to the query.
	Actor, Speaker string
	Limit, Offset  int
}

// QueryError is a query that cannot run as written: a syntax error, an
// impossible date, an unknown actor, label or speaker. Callers show Msg (the
// TUI under the search line, keeping the last good results; the CLI exits 2).
type QueryError struct {
	Query string
	Msg   string
}

func (e *QueryError) Error() string {
	if e.Query == "" {
		return e.Msg
	}
	return fmt.Sprintf("invalid query %q: %s", e.Query, e.Msg)
}

// QuoteResult is one page of a quote listing.
type QuoteResult struct {
	Query Query
	Hits  []QuoteHit
	// Total is the number of matching quotes; an estimate when Estimated.
	Total     uint64
	Estimated bool
}

// ErrStoreUnreachable: the team store's server cannot be reached (down,
// or the connection was lost). Nothing of the failed call was saved; the
// next call reconnects. (store.ErrUnreachable is this error.)
var ErrStoreUnreachable = errors.New("store unreachable")
