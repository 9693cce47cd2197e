package model

import "time"

// Query is a user query parsed once (by the application layer) into the
// bleve query-string text that remains and its resolved shortcuts. It
// travels with the request to the index and back with the result, so
// highlighting, facets and errors agree everywhere.
//
//	@putin  actor:putin          documents mentioning the actor
//	speaker:ushakov              documents with a statement by that speaker
//	#escalatory                  statements tagged with the label (as a
//	                             document filter: documents holding them)
//	target:nato                  statements tagged with that target
//	date:2022  date:2022-03  date:>2022-01-01  date:<=2023
//
// Each shortcut takes + (required, the default) or - (excluded).
type Query struct {
	// Raw is the query as typed.
	Raw string
	// Text is bleve query-string text: words, "phrases", +must, -not,
	// field:value, wildcards, fuzzy terms.
	Text string
	// Any keeps bleve's either-word default for Text; otherwise every
	// word is required.
	Any bool
	// AsYouType treats the last word of Text as a prefix (no space after
	// it): the search line runs a query at each keystroke.
	AsYouType bool

	Actors, NotActors     []string // actor ids
	Speakers, NotSpeakers []string // speaker keys (actor id or lower-case name)
	Labels, NotLabels     []string // codebook label names
	Targets, NotTargets   []string // tag targets (registry names, or as written)
	Dates, NotDates       []DateRange

	// ActorPrefixes are actor ids matching an @name still being typed:
	// one of them is required.
	ActorPrefixes []string
}

// DateRange is a range of article dates. A zero From or To is open.
type DateRange struct {
	From, To                   time.Time
	FromInclusive, ToInclusive bool
}

// IsEmpty reports a query that asks for nothing: every document, newest
// first.
func (q Query) IsEmpty() bool {
	return q.Text == "" && len(q.Actors)+len(q.NotActors)+len(q.Speakers)+len(q.NotSpeakers)+
		len(q.Labels)+len(q.NotLabels)+len(q.Targets)+len(q.NotTargets)+len(q.Dates)+len(q.NotDates)+len(q.ActorPrefixes) == 0
}
