package analyze

import (
	"strings"

	"github.com/workbench-dev/workbench/internal/model"
)

// findQuotes is a first, crude extractor: paired double quotation marks.
func (a *Analyzer) findQuotes(docID string, text []rune, mentions []model.Mention) []model.Quote {
	var out []model.Quote
	open := -1
	for i, r := range text {
		switch r {
		case '“':
			open = i
		case '”', '"':
			if r == '"' && open < 0 {
				open = i
				continue
			}
			if open >= 0 {
				s, e := open+1, i
				q := strings.TrimSpace(string(text[s:e]))
				if q != "" {
					out = append(out, model.Quote{ID: model.QuoteID(docID, s, e), Text: string(text[s:e]), Start: s, End: e, Kind: model.KindDirect})
				}
				open = -1
			}
		case '\n':
			open = -1
		}
	}
	return out
}
