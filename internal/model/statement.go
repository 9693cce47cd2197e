package model

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
