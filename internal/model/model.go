// Package model holds the domain types shared by every layer of workbench.
// It does no I/O.
//
// Offsets everywhere (Mention, Quote, Tag spans) are Unicode code points into
// Article.Body, end exclusive: the convention of Python, doccano and Label Studio.
package model

import "time"

// Article is one document of a corpus, as ingested.
type Article struct {
	ID     string    `json:"id"`
	Title  string    `json:"title"`
	Date   time.Time `json:"-"` // zero when unknown
	Source string    `json:"source"`
	URL    string    `json:"url"`
	Body   string    `json:"body"`
	// Path is the file the article came from (for messages); may be empty.
	Path string `json:"-"`
}

// DateString formats the date as YYYY-MM-DD, or "" when unknown.
func (a Article) DateString() string { return FormatDate(a.Date) }

// FormatDate formats t as YYYY-MM-DD, or "" for the zero time.
func FormatDate(t time.Time) string {
	if t.IsZero() {
		return ""
	}
	return t.Format("2006-01-02")
}

// Actor is an entry of the actor registry.
type Actor struct {
	ID      string   `json:"id" toml:"id"`
	Name    string   `json:"name" toml:"name"`
	Aliases []string `json:"aliases,omitempty" toml:"aliases"`
	// Titles are descriptions such as "the Russian president", applied only
	// where unambiguous.
	Titles []string `json:"titles,omitempty" toml:"titles"`
	Group  string   `json:"group,omitempty" toml:"group"`
	Color  string   `json:"color,omitempty" toml:"color"`
	// Kind is "person" (default) or "org".
	Kind string `json:"kind,omitempty" toml:"kind"`
	// CaseSensitive aliases only match with the case written in the
	// registry ("Trump" the person, not "trump card").
	CaseSensitive bool `json:"case_sensitive,omitempty" toml:"case_sensitive"`
	// Roles are the offices the actor held, with dates ([[actor.role]]).
	Roles []Role `json:"roles,omitempty" toml:"role"`
}

// Role is an office held from From to To (YYYY-MM-DD; To "" while held):
// "President of Russia" from 2012-05-07. Descriptions such as "the
// President" on kremlin.ru resolve to the holder on the document's date.
type Role struct {
	Title string `json:"title" toml:"title"`
	From  string `json:"from" toml:"from"`
	To    string `json:"to,omitempty" toml:"to"`
}

// Mention is one occurrence of an actor in a body.
type Mention struct {
	Actor string `json:"actor"` // Actor.ID
	Text  string `json:"text"`  // surface form as in the body
	Start int    `json:"start"` // code points, end exclusive
	End   int    `json:"end"`
}

// Quote kinds.
const (
	KindDirect   = "direct"
	KindFragment = "fragment"
)

// Quote is one quotation found in a body, with its attributed speaker.
type Quote struct {
	ID    string `json:"id"`    // QuoteID(docID, start, end)
	Text  string `json:"text"`  // without the quotation marks
	Start int    `json:"start"` // code points of Text, end exclusive
	End   int    `json:"end"`
	Kind  string `json:"kind"` // KindDirect or KindFragment
	// Speaker is the canonical actor name when the speaker resolves to the
	// registry, else the raw name as written; "" when unknown.
	Speaker      string  `json:"speaker"`
	SpeakerStart *int    `json:"speaker_start"` // nil when the name is not in the text
	SpeakerEnd   *int    `json:"speaker_end"`
	SpeakerActor string  `json:"-"` // Actor.ID when resolved, else ""
	Cue          string  `json:"cue"`
	Rule         string  `json:"rule"`
	Confidence   float64 `json:"confidence"`
}

// Analysis is what the analyzer finds in one article.
type Analysis struct {
	Mentions []Mention `json:"mentions"`
	Quotes   []Quote   `json:"quotes"`
	// Statements are the quotes (same ids, same speakers) and the
	// transcript turns, sorted by start.
	Statements []Statement `json:"statements"`
}

// Label is one stance label of the codebook.
type Label struct {
	Name        string `json:"name" toml:"name"`
	Key         string `json:"key" toml:"key"` // "1".."9"
	Color       string `json:"color" toml:"color"`
	Description string `json:"description" toml:"description"`
}

// Tag is an analyst's label on a quote or on a free span of a document.
type Tag struct {
	ID      int64  `json:"id"`
	QuoteID string `json:"quote_id"` // "" for a free span
	DocID   string `json:"doc_id"`
	Start   int    `json:"start"`
	End     int    `json:"end"`
	Label   string `json:"label"`
	Target  string `json:"target"`
	Note    string `json:"note"`
	Analyst string `json:"analyst"`
	// Snapshot of what was tagged, so tags survive re-indexing.
	Quote   string `json:"quote"`
	Speaker string `json:"speaker"`
	// SpeakerSource says where Speaker comes from (SourceCue, SourceTurn,
	// SourceRole, SourceAnalyst): filled by the application layer for
	// exports, not stored and not part of the tag's JSON.
	SpeakerSource string    `json:"-"`
	Title         string    `json:"title"`
	Date          string    `json:"date"`
	Source        string    `json:"source"`
	URL           string    `json:"url"`
	CreatedAt     time.Time `json:"created_at"`
	UpdatedAt     time.Time `json:"updated_at"`
}
