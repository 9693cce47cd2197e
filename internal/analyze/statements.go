package analyze

import (
	"strings"

	"github.com/workbench-dev/workbench/internal/model"
)

// quoteStatements turns the quotes into statements (same ids and speakers).
func quoteStatements(docID string, quotes []model.Quote) []model.Statement {
	out := make([]model.Statement, 0, len(quotes))
	for _, q := range quotes {
		out = append(out, model.Statement{
			ID: q.ID, DocID: docID, Kind: model.StatementQuote, Start: q.Start, End: q.End, Text: q.Text,
			Speaker: q.Speaker, SpeakerSource: quoteSource(q), Confidence: q.Confidence, SpeakerActor: q.SpeakerActor,
		})
	}
	return out
}

// quoteSource tells where a quote's speaker comes from.
func quoteSource(q model.Quote) string {
	switch {
	case q.Speaker == "":
		return ""
	case strings.HasPrefix(q.Rule, "transcript-turn"):
		return model.SourceTurn
	case strings.Contains(q.Rule, "+role"):
		return model.SourceRole
	}
	return model.SourceCue
}
