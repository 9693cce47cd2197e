package index

import (
	"context"
	"fmt"
	"strconv"
	"strings"

	"github.com/blevesearch/bleve/v2/mapping"
	"github.com/blevesearch/bleve/v2/search"
	"github.com/workbench-dev/workbench/internal/model"
)

// The insights fields. With them, the term dictionaries (the whole
// corpus) or one pass over the doc values of some articles (see fastStats)
// count mentions and statements per actor and month and the pairs of
// actors, instead of a pass over the date field's sixteen numeric terms
// per article for each actor and a read of the stored analysis:
//
//	mmonths keyword, doc values: "<actor id>|<YYYY-MM>" per actor mentioned
//	smonths keyword, doc values: "<actor id>|<YYYY-MM>|<count>" per actor
//	        speaking in the article (quotes and transcript turns whose
//	        speaker resolved to it)
//	apairs  keyword, doc values: "<a>|<b>" (a < b) per pair of actors
//	        mentioned together (for the whole corpus, a pair's count is a
//	        term's; for a query, a facet's)
//
// "<YYYY-MM>" is empty for an article without a date. buildMapping calls
// AddStatsMappings(art) and articleDoc calls maps.Copy(m, StatsFields(d)).
// Stats uses them only when every article carries statsv = statsVersion
// (fieldsCurrent): an index made before them, or half re-indexed since,
// counts from the stored analyses until `workbench index --rebuild`.
const (
	fMentionMonths = "mmonths"
	fStmtMonths    = "smonths"
	fActorPairs    = "apairs"
	// fStatsVersion holds statsVersion on every article put with the
	// current insights fields (2: smonths counts quotes and turns).
	fStatsVersion = "statsv"
	statsVersion  = "2"
	monthLayout   = "2006-01"
	statsMaxTerm  = 1 << 22
)

// AddStatsMappings adds the insights fields to the article mapping.
func AddStatsMappings(art *mapping.DocumentMapping) {
	art.AddFieldMappingsAt(fMentionMonths, keywordField(false, true))
	art.AddFieldMappingsAt(fStmtMonths, keywordField(false, true))
	art.AddFieldMappingsAt(fActorPairs, keywordField(false, true))
	art.AddFieldMappingsAt(fStatsVersion, keywordField(false, false))
}

// StatsFields are the insights fields of an article (see AddStatsMappings).
func StatsFields(d *Doc) map[string]any {
	m := map[string]any{}
	month := ""
	if !d.Date.IsZero() {
		month = d.Date.UTC().Format(monthLayout)
	}
	var mm, ap []string
	ids := actorIDs(d.Analysis.Mentions)
	for _, a := range ids {
		mm = append(mm, a+"|"+month)
		for _, b := range ids {
			if a < b {
				ap = append(ap, a+"|"+b)
			}
		}
	}
	if len(mm) > 0 {
		m[fMentionMonths] = mm
	}
	if len(ap) > 0 {
		m[fActorPairs] = ap
	}
	m[fStatsVersion] = statsVersion
	spk, n := statementSpeakers(d.ID, d.Analysis.Quotes, d.Analysis.Statements)
	if len(spk) > 0 {
		terms := make([]string, 0, len(spk))
		for _, a := range spk {
			terms = append(terms, fmt.Sprintf("%s|%s|%d", a, month, n[a]))
		}
		m[fStmtMonths] = terms
	}
	return m
}

// statementSpeakers counts the statements (quotes and transcript turns,
// not analysts' spans) of a document per speaker's actor id, in order of
// first appearance: the statements of the analysis, and every quote that
// is not among them, as the statement listings read a stored document.
func statementSpeakers(docID string, quotes []model.Quote, sts []model.Statement) ([]string, map[string]int) {
	var order []string
	n := map[string]int{}
	add := func(a string) {
		if a == "" {
			return
		}
		if n[a] == 0 {
			order = append(order, a)
		}
		n[a]++
	}
	have := make(map[string]bool, len(sts))
	for _, s := range sts {
		if s.Kind == model.StatementSpan {
			continue
		}
		have[model.StatementID(docID, s.Start, s.End)] = true
		add(s.SpeakerActor)
	}
	for _, q := range quotes {
		if !have[q.ID] {
			add(q.SpeakerActor)
		}
	}
	return order, n
}

// fieldsCurrent reports whether every article carries the insights fields
// of this version (statsVersion): only then do counts over them equal
// counts over the stored analyses. An index made before, or half
// re-indexed since, counts from the stored analyses until `workbench
// index` has re-analysed every article.
func (ix *Index) fieldsCurrent(ctx context.Context) bool {
	rds, closeAll, err := openReaders(ix.parts)
	if err != nil {
		return false
	}
	defer closeAll()
	var arts, marked int
	for _, rd := range rds {
		a, err1 := readerTermCount(ctx, rd, fKind, kindArticle)
		m, err2 := readerTermCount(ctx, rd, fStatsVersion, statsVersion)
		if err1 != nil || err2 != nil {
			return false
		}
		arts, marked = arts+a, marked+m
	}
	return arts == marked
}

// hasField reports whether the index has any term in field.
func (ix *Index) hasField(field string) bool {
	fd, err := ix.dictPrefix(field, "")
	if err != nil {
		return false
	}
	defer fd.Close()
	e, err := fd.Next()
	return err == nil && e != nil
}

// monthTerms reads a facet over mmonths (counted: false) or smonths
// (counted: true) into actor -> month -> count.
func monthTerms(fr *search.FacetResult, counted bool) map[string]map[string]int {
	out := map[string]map[string]int{}
	if fr == nil || fr.Terms == nil {
		return out
	}
	for _, t := range fr.Terms.Terms() {
		term, n := t.Term, 1
		if counted {
			i := strings.LastIndexByte(term, '|')
			if i < 0 {
				continue
			}
			v, err := strconv.Atoi(term[i+1:])
			if err != nil {
				continue
			}
			term, n = term[:i], v
		}
		i := strings.LastIndexByte(term, '|')
		if i < 0 {
			continue
		}
		a, month := term[:i], term[i+1:]
		if out[a] == nil {
			out[a] = map[string]int{}
		}
		out[a][month] += n * t.Count
	}
	return out
}

func nonNil(m map[string]int) map[string]int {
	if m == nil {
		return map[string]int{}
	}
	return m
}
