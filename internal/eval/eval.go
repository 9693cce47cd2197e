// Package eval scores the quote extractor of internal/analyze against a
// folder of annotated articles: NAME.txt (the whole file is the body) and
// NAME.quotes.jsonl (one gold quotation per line, offsets in code points).
//
// Matching. A predicted quote matches a gold quote when their spans overlap
// by at least 80% of the longer of the two; each quote matches at most once
// (greedy, largest overlap first).
//
// Speaker accuracy is measured on matched gold quotes whose gold speaker is
// a name: not empty and not a pronoun (the gold "speaker_is_pronoun" flag,
// or the speaker text being a pronoun). A predicted speaker is right when
//   - its span in the text overlaps the gold speaker span (the same words,
//     e.g. "Pence" inside "Gov. Mike Pence (R-IN)"), or
//   - the names agree after normalising: honorifics and titles (Mr., Sen.,
//     President, ...), parentheticals, appositions after a comma and
//     possessives are dropped, case and diacritics are ignored, and the last
//     words (surnames) are equal; so "Trump" ~ "Donald Trump" ~ "Mr. Trump"
//     ~ "TRUMP", or
//   - both resolve to the same actor of the registry.
package eval

import (
	"bufio"
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/workbench-dev/workbench/internal/analyze"
	"github.com/workbench-dev/workbench/internal/model"
)

// MinOverlap is the share of the longer span two quotes must overlap to match.
const MinOverlap = 0.8

// GoldQuote is one line of NAME.quotes.jsonl.
type GoldQuote struct {
	Text             string `json:"text"`
	Start            int    `json:"start"`
	End              int    `json:"end"`
	Speaker          string `json:"speaker"`
	SpeakerStart     *int   `json:"speaker_start"`
	SpeakerEnd       *int   `json:"speaker_end"`
	SpeakerIsPronoun bool   `json:"speaker_is_pronoun"`
	Cue              string `json:"cue"`
}

// Error kinds of the confusion list.
const (
	Missed       = "missed"
	Spurious     = "spurious"
	WrongSpeaker = "wrong-speaker"
)

// Error is one entry of the confusion list.
type Error struct {
	Doc   string `json:"doc"`
	Kind  string `json:"kind"`
	Start int    `json:"start"`
	End   int    `json:"end"`
	Text  string `json:"text"`
	// Gold speaker (missed, wrong-speaker) and predicted speaker, rule and
	// cue (spurious, wrong-speaker).
	GoldSpeaker string `json:"gold_speaker,omitempty"`
	Speaker     string `json:"speaker,omitempty"`
	SpeakerText string `json:"speaker_text,omitempty"` // predicted speaker span as written
	Rule        string `json:"rule,omitempty"`
}

// Report is the score of one gold folder.
type Report struct {
	Dir string `json:"dir"`
	Scores
	// Pronoun and empty gold speakers (not scored).
	PronounGold int     `json:"pronoun_gold"`
	EmptyGold   int     `json:"empty_gold"`
	Errors      []Error `json:"errors,omitempty"`
}

// Scores are the figures every gold evaluation reports (their JSON keys
// are flattened into the report's object).
type Scores struct {
	Docs      int     `json:"docs"`
	Gold      int     `json:"gold"`
	Predicted int     `json:"predicted"`
	Matched   int     `json:"matched"`
	Precision float64 `json:"precision"`
	Recall    float64 `json:"recall"`
	F1        float64 `json:"f1"`
	// Speakers: matched gold items with a named gold speaker, and how many
	// of them got the right speaker.
	SpeakerGold     int     `json:"speaker_gold"`
	SpeakerCorrect  int     `json:"speaker_correct"`
	SpeakerAccuracy float64 `json:"speaker_accuracy"`
}

// finish computes precision, recall, F1 and speaker accuracy from the
// counts.
func (s *Scores) finish() {
	s.Precision, s.Recall = ratio(s.Matched, s.Predicted), ratio(s.Matched, s.Gold)
	s.F1 = 0
	if s.Precision+s.Recall > 0 {
		s.F1 = 2 * s.Precision * s.Recall / (s.Precision + s.Recall)
	}
	s.SpeakerAccuracy = ratio(s.SpeakerCorrect, s.SpeakerGold)
}

// Quotes scores a on the gold folder dir.
func Quotes(goldDir string, a *analyze.Analyzer) (Report, error) {
	rep := Report{Dir: goldDir, Errors: []Error{}}
	err := eachGold(goldDir, "gold folder", ".quotes.jsonl", func(name, body, qpath string) error {
		gold, err := readGold(qpath, []rune(body))
		if err != nil {
			return err
		}
		rep.Docs++
		an := a.AnalyzeDoc(name, body)
		scoreDoc(&rep, name, []rune(body), gold, an.Quotes, a.Registry())
		return nil
	})
	if err != nil {
		return rep, err
	}
	if rep.Docs == 0 {
		return rep, fmt.Errorf("gold folder %s has no NAME.txt + NAME.quotes.jsonl pairs", goldDir)
	}
	rep.finish()
	return rep, nil
}

// eachGold calls f for each NAME.txt of a gold folder that has its
// NAME+suffix gold file, in name order, with the text (valid UTF-8). A
// .txt without gold (README.txt, NOTICE.txt) is not a gold document. what
// names the folder in errors.
func eachGold(dir, what, suffix string, f func(name, body, goldPath string) error) error {
	st, err := os.Stat(dir)
	if err != nil {
		return fmt.Errorf("%s %s: %w", what, dir, errors.Unwrap(err))
	}
	if !st.IsDir() {
		return fmt.Errorf("%s %s is not a folder: pass a folder of NAME.txt + NAME%s", what, dir, suffix)
	}
	txts, err := filepath.Glob(filepath.Join(dir, "*.txt"))
	if err != nil {
		return err
	}
	sort.Strings(txts)
	for _, txt := range txts {
		name := strings.TrimSuffix(filepath.Base(txt), ".txt")
		gpath := filepath.Join(dir, name+suffix)
		if _, err := os.Stat(gpath); err != nil {
			continue
		}
		b, err := os.ReadFile(txt)
		if err != nil {
			return fmt.Errorf("%s: %w", txt, err)
		}
		if !utf8.Valid(b) {
			return fmt.Errorf("%s: not valid UTF-8: gold text must be UTF-8", txt)
		}
		if err := f(name, string(b), gpath); err != nil {
			return err
		}
	}
	return nil
}

func ratio(a, b int) float64 {
	if b == 0 {
		return 0
	}
	return float64(a) / float64(b)
}

// readGold reads and checks NAME.quotes.jsonl against the body.
func readGold(path string, body []rune) ([]GoldQuote, error) {
	b, err := os.ReadFile(path)
	if err != nil {
		return nil, fmt.Errorf("%s: %w", path, err)
	}
	var out []GoldQuote
	sc := bufio.NewScanner(bytes.NewReader(b))
	sc.Buffer(make([]byte, 0, 64*1024), 16<<20)
	line := 0
	for sc.Scan() {
		line++
		raw := bytes.TrimSpace(sc.Bytes())
		if len(raw) == 0 {
			continue
		}
		var g GoldQuote
		dec := json.NewDecoder(bytes.NewReader(raw))
		if err := dec.Decode(&g); err != nil {
			return nil, fmt.Errorf("%s:%d: bad JSON: %v (want one object per line with text, start, end, speaker)", path, line, err)
		}
		if g.Start < 0 || g.End < g.Start || g.End > len(body) {
			return nil, fmt.Errorf("%s:%d: span %d-%d outside the text (%d code points)", path, line, g.Start, g.End, len(body))
		}
		if g.SpeakerStart != nil && g.SpeakerEnd != nil {
			s, e := *g.SpeakerStart, *g.SpeakerEnd
			if s < 0 || e < s || e > len(body) {
				return nil, fmt.Errorf("%s:%d: speaker span %d-%d outside the text (%d code points)", path, line, s, e, len(body))
			}
		}
		out = append(out, g)
	}
	if err := sc.Err(); err != nil {
		return nil, fmt.Errorf("%s:%d: %w", path, line+1, err)
	}
	return out, nil
}

type pair struct {
	g, p    int
	overlap int
}

func scoreDoc(rep *Report, doc string, body []rune, gold []GoldQuote, pred []model.Quote, reg *analyze.Registry) {
	rep.Gold += len(gold)
	rep.Predicted += len(pred)
	gm, pm, matched := pairSpans(spansOf(gold, func(g GoldQuote) Span { return Span{g.Start, g.End} }),
		spansOf(pred, func(p model.Quote) Span { return Span{p.Start, p.End} }))
	rep.Matched += matched
	for gi, g := range gold {
		switch {
		case g.Speaker == "":
			rep.EmptyGold++
		case g.SpeakerIsPronoun || isPronoun(g.Speaker):
			rep.PronounGold++
		}
		pi := gm[gi]
		if pi < 0 {
			rep.Errors = append(rep.Errors, Error{Doc: doc, Kind: Missed, Start: g.Start, End: g.End, Text: g.Text, GoldSpeaker: g.Speaker})
			continue
		}
		if g.Speaker == "" || g.SpeakerIsPronoun || isPronoun(g.Speaker) {
			continue
		}
		rep.SpeakerGold++
		p := pred[pi]
		if SpeakerMatches(g, p, reg) {
			rep.SpeakerCorrect++
			continue
		}
		rep.Errors = append(rep.Errors, Error{Doc: doc, Kind: WrongSpeaker, Start: g.Start, End: g.End, Text: g.Text,
			GoldSpeaker: g.Speaker, Speaker: p.Speaker, SpeakerText: spanText(body, p.SpeakerStart, p.SpeakerEnd), Rule: p.Rule})
	}
	for pi, p := range pred {
		if pm[pi] >= 0 {
			continue
		}
		rep.Errors = append(rep.Errors, Error{Doc: doc, Kind: Spurious, Start: p.Start, End: p.End, Text: p.Text,
			Speaker: p.Speaker, SpeakerText: spanText(body, p.SpeakerStart, p.SpeakerEnd), Rule: p.Rule})
	}
}

// spansOf maps a list to its spans.
func spansOf[T any](xs []T, span func(T) Span) []Span {
	out := make([]Span, len(xs))
	for i, x := range xs {
		out[i] = span(x)
	}
	return out
}

// pairSpans matches gold and predicted spans that overlap by at least
// MinOverlap of the longer one, largest overlap first, each at most once:
// gm[g] is the predicted span of gold span g (-1 when none), pm the reverse.
func pairSpans(gold, pred []Span) (gm, pm []int, matched int) {
	var pairs []pair
	for gi, g := range gold {
		for pi, p := range pred {
			ov := min(g.End, p.End) - max(g.Start, p.Start)
			if ov <= 0 {
				continue
			}
			longer := max(g.End-g.Start, p.End-p.Start)
			if float64(ov) >= MinOverlap*float64(longer) {
				pairs = append(pairs, pair{gi, pi, ov})
			}
		}
	}
	sort.Slice(pairs, func(i, j int) bool { return pairs[i].overlap > pairs[j].overlap })
	gm = make([]int, len(gold))
	pm = make([]int, len(pred))
	for i := range gm {
		gm[i] = -1
	}
	for i := range pm {
		pm[i] = -1
	}
	for _, pr := range pairs {
		if gm[pr.g] >= 0 || pm[pr.p] >= 0 {
			continue
		}
		gm[pr.g], pm[pr.p] = pr.p, pr.g
		matched++
	}
	return gm, pm, matched
}

func spanText(body []rune, s, e *int) string {
	if s == nil || e == nil || *s < 0 || *e > len(body) || *s > *e {
		return ""
	}
	return string(body[*s:*e])
}

// SpeakerMatches reports whether the predicted speaker of p is the gold
// speaker of g (see the package comment).
func SpeakerMatches(g GoldQuote, p model.Quote, reg *analyze.Registry) bool {
	if p.Speaker == "" {
		return false
	}
	if g.SpeakerStart != nil && g.SpeakerEnd != nil && p.SpeakerStart != nil && p.SpeakerEnd != nil {
		if min(*g.SpeakerEnd, *p.SpeakerEnd) > max(*g.SpeakerStart, *p.SpeakerStart) {
			return true
		}
	}
	gs, ps := Surname(g.Speaker), Surname(p.Speaker)
	if gs != "" && gs == ps {
		return true
	}
	if reg != nil {
		ga, ok1 := reg.Lookup(stripHonorifics(NameCore(g.Speaker)))
		pa, ok2 := reg.Lookup(stripHonorifics(NameCore(p.Speaker)))
		if ok1 && ok2 && ga.ID == pa.ID {
			return true
		}
	}
	return false
}

var pronouns = map[string]bool{}

func init() {
	for _, p := range strings.Fields("i me my mine myself we us our ours ourselves you your yours yourself yourselves he him his himself she her hers herself it its itself they them their theirs themselves who whom whose which that this these those") {
		pronouns[p] = true
	}
}

func isPronoun(s string) bool { return pronouns[strings.ToLower(strings.TrimSpace(s))] }

// honorifics are dropped from the front of a name before comparing.
var honorifics = map[string]bool{}

func init() {
	for _, h := range strings.Fields("mr mrs ms miss dr prof sir dame lord lady gov governor sen senator rep representative president vice pres gen general lt col sgt adm secretary minister prime chancellor speaker chairman chairwoman mayor judge justice rev father the a an former late") {
		honorifics[h] = true
	}
}

// NameCore drops parentheticals, anything after the first comma and
// possessive endings: "Gov. Mike Pence (R-IN)" -> "Gov. Mike Pence".
func NameCore(s string) string {
	for {
		i := strings.IndexByte(s, '(')
		if i < 0 {
			break
		}
		j := strings.IndexByte(s[i:], ')')
		if j < 0 {
			s = s[:i]
			break
		}
		s = s[:i] + s[i+j+1:]
	}
	if i := strings.IndexByte(s, ','); i > 0 {
		s = s[:i]
	}
	s = strings.TrimSpace(s)
	for _, suf := range []string{"'s", "’s", "'", "’"} {
		s = strings.TrimSuffix(s, suf)
	}
	return strings.TrimSpace(s)
}

// Surname is the last word of a normalised name, lower-cased; "" when that
// word is not capitalised (a description such as "the Vermont senator").
func Surname(s string) string {
	words := strings.Fields(NameCore(s))
	for len(words) > 0 {
		w := strings.Trim(words[len(words)-1], ".,;:\"'“”‘’")
		switch strings.ToLower(w) {
		case "", "jr", "sr", "ii", "iii", "iv":
			words = words[:len(words)-1]
			continue
		}
		r, _ := utf8.DecodeRuneInString(w)
		if !unicode.IsUpper(r) {
			return ""
		}
		return strings.ToLower(w)
	}
	return ""
}

// stripHonorifics drops leading titles: "Sen. Bernie Sanders" -> "Bernie Sanders".
func stripHonorifics(s string) string {
	words := strings.Fields(s)
	for len(words) > 1 && honorifics[strings.TrimSuffix(strings.ToLower(words[0]), ".")] {
		words = words[1:]
	}
	return strings.Join(words, " ")
}
