package model

import "time"

// Statement kinds.
const (
	// StatementQuote is a quotation: words in quotation marks with a speech
	// cue. Its id is the quote's id, QuoteID(doc, start, end), with the span
	// of the text inside the marks.
	StatementQuote = "quote"
	// StatementTurn is a speaker's turn in a transcript, interview or news
	// conference: the words after a speaker label ("Vladimir Putin: ...")
	// up to the next label, without the label and without stage directions
	// such as "(Applause.)".
	StatementTurn = "turn"
	// StatementSpan is an analyst's selection.
	StatementSpan = "span"
)

// Where a statement's speaker comes from.
const (
	SourceCue     = "cue"     // a speech cue next to a quotation ("..., Lavrov said")
	SourceTurn    = "turn"    // the speaker label of the transcript turn holding it
	SourceRole    = "role"    // a description ("the President") resolved by date and source
	SourceAnalyst = "analyst" // set by the analyst
)

// Statement is something said, with its speaker: a quote, a transcript turn
// or an analyst's span. Offsets are code points into Article.Body, end
// exclusive.
//
// IDs: every kind uses StatementID = QuoteID, "DOC:START-END". A quote's
// span lies inside its quotation marks and a turn's span starts at the first
// character after the label and ends after its last word (including a
// closing mark), so a quote and a turn never share an id; ParseQuoteID
// splits both.
type Statement struct {
	ID    string `json:"id"`
	DocID string `json:"doc_id"`
	Kind  string `json:"kind"` // StatementQuote, StatementTurn or StatementSpan
	Start int    `json:"start"`
	End   int    `json:"end"`
	Text  string `json:"text"`
	// Speaker is the registry name when resolved, else the name as written,
	// else "".
	Speaker       string  `json:"speaker"`
	SpeakerSource string  `json:"speaker_source"` // SourceCue, SourceTurn, SourceRole, SourceAnalyst or ""
	Confidence    float64 `json:"confidence"`
	// SpeakerActor is the registry id of the speaker, "" when unresolved.
	SpeakerActor string `json:"-"`
}

// StatementID is the id of a statement of any kind: QuoteID(doc, start, end).
func StatementID(docID string, start, end int) string { return QuoteID(docID, start, end) }

// StatementRequest lists statements (workbench statements, the statements
// panel): the query's words search the statement text, @actor keeps
// statements mentioning the actor, speaker: a speaker's statements (the
// analyst's corrections included), #label the statements tagged with it.
type StatementRequest struct {
	Query  string
	Parsed *Query
	// AsYouType: the listing stops when the page is full (the total is
	// then an estimate); otherwise it is complete and the total exact.
	AsYouType bool
	// Kind keeps one kind (StatementQuote, StatementTurn, StatementSpan);
	// "" is every kind.
	Kind string
	// Actor and Speaker (--actor, --speaker) add @actor and speaker: to
	// the query; Since and Until (--since, --until: a year, month or day)
	// bound the articles' dates, both inclusive.
	Actor, Speaker, Since, Until string
	Limit, Offset                int
}

// StatementHit is a statement with its article's title, date and URL.
type StatementHit struct {
	Statement
	Title string
	Date  time.Time
	URL   string
}

// StatementResult is one page of a statement listing.
type StatementResult struct {
	Query Query
	Hits  []StatementHit
	// Total is the number of matching statements; an estimate when
	// Estimated.
	Total     uint64
	Estimated bool
	// Stale: some documents were analysed before statements were stored
	// (they list their quotes only); `workbench index` re-analyses them.
	Stale bool
}

// SpeakerInput names a statement, by its id or by its document and span
// (code points, end exclusive), and the speaker the analyst gives it.
type SpeakerInput struct {
	StatementID string
	DocID       string
	Start, End  int
	Name        string
}

// SpeakerCorrection is an analyst's speaker for a statement (Name, or
// nobody when Cleared), as the application layer lists it: Kind is the
// kind of the statement it applies to in the index now, and Orphaned says
// that statement is gone (its document left the index, or the span lies
// outside the body): the correction is kept, never dropped.
type SpeakerCorrection struct {
	ID          int64     `json:"id"`
	StatementID string    `json:"statement_id"`
	DocID       string    `json:"doc_id"`
	Start       int       `json:"start"`
	End         int       `json:"end"`
	Name        string    `json:"name"`
	Cleared     bool      `json:"cleared"`
	Analyst     string    `json:"analyst"`
	At          time.Time `json:"at"`
	Kind        string    `json:"kind"`
	Orphaned    bool      `json:"orphaned"`
	// Text is the statement's text when the analyst corrected it ("" for
	// corrections made before it was kept).
	Text string `json:"text"`
}
