package model

import (
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

// TagInput is a request to tag a quote or a free span. The application
// layer fills in the analyst and resolves the target through the registry.
type TagInput struct {
	QuoteID, DocID        string
	Start, End            int
	Label, Target, Note   string
	Quote, Speaker, Title string
	Date, Source, URL     string
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
