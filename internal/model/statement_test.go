package model

import (
	"encoding/json"
	"testing"
)

// TestStatementJSON pins the shape of a statement (issue 11): the lead's
// listing adds date, title and url.
func TestStatementJSON(t *testing.T) {
	s := Statement{ID: StatementID("kremlin-1", 10, 20), DocID: "kremlin-1", Kind: StatementTurn, Start: 10, End: 20,
		Text: "Good afternoon", Speaker: "Vladimir Putin", SpeakerSource: SourceTurn, Confidence: 0.9, SpeakerActor: "putin"}
	b, err := json.Marshal(s)
	if err != nil {
		t.Fatal(err)
	}
	want := `{"id":"kremlin-1:10-20","doc_id":"kremlin-1","kind":"turn","start":10,"end":20,"text":"Good afternoon","speaker":"Vladimir Putin","speaker_source":"turn","confidence":0.9}`
	if string(b) != want {
		t.Errorf("got  %s\nwant %s", b, want)
	}
	doc, start, end, err := ParseQuoteID(s.ID)
	if err != nil || doc != "kremlin-1" || start != 10 || end != 20 {
		t.Errorf("ParseQuoteID(%q) = %q %d %d %v", s.ID, doc, start, end, err)
	}
}
