package eval

import (
	"bufio"
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"unicode/utf8"

	"github.com/workbench-dev/workbench/internal/analyze"
	"github.com/workbench-dev/workbench/internal/model"
)

// Turn gold format: a folder of NAME.txt (the whole file is the body) and
// NAME.turns.jsonl, one object per line:
//
//	{"kind":"turn","start":197,"end":8750,"speaker":"Vladimir Putin"}
//	{"kind":"quote","start":46276,"end":46424,"speaker":"Akhmat Kadyrov"}
//
// Offsets are code points into the body, end exclusive. A turn runs from
// the first character after its speaker label to the end of its last word
// before the next label, without stage directions ("(Applause.)"): a
// paragraph of stage direction splits a turn into two with the same
// speaker. Speakers are registry names where the registry has the person,
// else the name as the label writes it without titles ("Andrei Vandenko"),
// else the generic label ("Question", "Remark"), or the correspondent a
// question introduces ("Maria Glebova, RIA Novosti. ..." -> "Maria
// Glebova"). Quote lines give the speaker of quotations inside turns,
// mostly reported speech ("he told me then, “...”"); they are optional.
//
// Scoring: a predicted turn matches a gold turn when their spans overlap by
// at least MinOverlap of the longer (greedy, largest overlap first); turn
// F1 counts matches. Speaker accuracy is over matched turns, with the names
// compared as in Quotes (surname, registry actor). Quote speakers are
// scored on the predicted quotes that overlap a gold quote.

// GoldTurn is one line of NAME.turns.jsonl.
type GoldTurn struct {
	Kind    string `json:"kind"` // "turn" or "quote"
	Start   int    `json:"start"`
	End     int    `json:"end"`
	Speaker string `json:"speaker"`
}

// TurnReport is the score of one turn gold folder.
type TurnReport struct {
	Dir string `json:"dir"`
	Scores
	QuoteGold           int     `json:"quote_gold"`
	QuoteSpeakerCorrect int     `json:"quote_speaker_correct"`
	Errors              []Error `json:"errors,omitempty"`
}

// Turns scores the turns (and quote speakers) a finds on the gold folder
// dir (NAME.txt + NAME.turns.jsonl). The articles are analysed with
// AnalyzeArticle; their date and source come from NAME.meta.json when
// present ({"date":"2019-05-24","source":"kremlin.ru"}).
func Turns(goldDir string, a *analyze.Analyzer) (TurnReport, error) {
	rep := TurnReport{Dir: goldDir, Errors: []Error{}}
	err := eachGold(goldDir, "turn gold folder", ".turns.jsonl", func(name, body, gpath string) error {
		gold, err := readTurnGold(gpath, utf8.RuneCountInString(body))
		if err != nil {
			return err
		}
		art := model.Article{ID: name, Body: body}
		if err := readMeta(filepath.Join(goldDir, name+".meta.json"), &art); err != nil {
			return err
		}
		rep.Docs++
		scoreTurns(&rep, name, gold, a.AnalyzeArticle(art), a.Registry())
		return nil
	})
	if err != nil {
		return rep, err
	}
	if rep.Docs == 0 {
		return rep, fmt.Errorf("turn gold folder %s has no NAME.txt + NAME.turns.jsonl pairs", goldDir)
	}
	rep.finish()
	return rep, nil
}

func readMeta(path string, art *model.Article) error {
	b, err := os.ReadFile(path)
	if errors.Is(err, os.ErrNotExist) {
		return nil
	}
	if err != nil {
		return err
	}
	var m struct{ Date, Source, URL string }
	if err := json.Unmarshal(b, &m); err != nil {
		return fmt.Errorf("%s: bad JSON: %v (want {\"date\":\"YYYY-MM-DD\",\"source\":\"kremlin.ru\"})", path, err)
	}
	art.Source, art.URL = m.Source, m.URL
	if m.Date != "" {
		t, err := parseDate(m.Date)
		if err != nil {
			return fmt.Errorf("%s: bad date %q: want YYYY-MM-DD", path, m.Date)
		}
		art.Date = t
	}
	return nil
}

func readTurnGold(path string, n int) ([]GoldTurn, error) {
	b, err := os.ReadFile(path)
	if err != nil {
		return nil, fmt.Errorf("%s: %w", path, err)
	}
	var out []GoldTurn
	sc := bufio.NewScanner(bytes.NewReader(b))
	sc.Buffer(nil, 16<<20)
	line := 0
	for sc.Scan() {
		line++
		raw := bytes.TrimSpace(sc.Bytes())
		if len(raw) == 0 {
			continue
		}
		var g GoldTurn
		if err := json.Unmarshal(raw, &g); err != nil {
			return nil, fmt.Errorf("%s:%d: bad JSON: %v (want one object per line with kind, start, end, speaker)", path, line, err)
		}
		if g.Kind != model.StatementTurn && g.Kind != model.StatementQuote {
			return nil, fmt.Errorf("%s:%d: kind %q: want \"turn\" or \"quote\"", path, line, g.Kind)
		}
		if g.Start < 0 || g.End <= g.Start || g.End > n {
			return nil, fmt.Errorf("%s:%d: span %d-%d outside the text (%d code points)", path, line, g.Start, g.End, n)
		}
		out = append(out, g)
	}
	return out, sc.Err()
}

func scoreTurns(rep *TurnReport, doc string, gold []GoldTurn, an model.Analysis, reg *analyze.Registry) {
	var gt []GoldTurn
	var gq []GoldTurn
	for _, g := range gold {
		if g.Kind == model.StatementTurn {
			gt = append(gt, g)
		} else {
			gq = append(gq, g)
		}
	}
	var pt []model.Statement
	for _, s := range an.Statements {
		if s.Kind == model.StatementTurn {
			pt = append(pt, s)
		}
	}
	rep.Gold += len(gt)
	rep.Predicted += len(pt)
	gm, pm, matched := pairSpans(spansOf(gt, func(g GoldTurn) Span { return Span{g.Start, g.End} }),
		spansOf(pt, func(p model.Statement) Span { return Span{p.Start, p.End} }))
	rep.Matched += matched
	for gi, g := range gt {
		if gm[gi] < 0 {
			rep.Errors = append(rep.Errors, Error{Doc: doc, Kind: Missed, Start: g.Start, End: g.End, GoldSpeaker: g.Speaker})
			continue
		}
		rep.SpeakerGold++
		p := pt[gm[gi]]
		if sameSpeaker(g.Speaker, p.Speaker, reg) {
			rep.SpeakerCorrect++
		} else {
			rep.Errors = append(rep.Errors, Error{Doc: doc, Kind: WrongSpeaker, Start: g.Start, End: g.End, GoldSpeaker: g.Speaker, Speaker: p.Speaker})
		}
	}
	for pi, p := range pt {
		if pm[pi] < 0 {
			rep.Errors = append(rep.Errors, Error{Doc: doc, Kind: Spurious, Start: p.Start, End: p.End, Speaker: p.Speaker})
		}
	}
	for _, g := range gq {
		rep.QuoteGold++
		got := ""
		for _, s := range an.Statements {
			if s.Kind == model.StatementQuote && min(s.End, g.End) > max(s.Start, g.Start) {
				got = s.Speaker
				break
			}
		}
		if sameSpeaker(g.Speaker, got, reg) {
			rep.QuoteSpeakerCorrect++
		} else {
			rep.Errors = append(rep.Errors, Error{Doc: doc, Kind: WrongSpeaker, Start: g.Start, End: g.End, GoldSpeaker: g.Speaker, Speaker: got})
		}
	}
}

// sameSpeaker compares two speaker names as Quotes does.
func sameSpeaker(gold, pred string, reg *analyze.Registry) bool {
	if gold == pred {
		return true
	}
	return SpeakerMatches(GoldQuote{Speaker: gold}, model.Quote{Speaker: pred}, reg)
}
