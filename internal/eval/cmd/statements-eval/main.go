// Command statements-eval prints the statement figures of issue 11 from the
// shared corpora and gold sets (../shared from the module root, or
// $WORKBENCH_SHARED); parts whose data is absent are skipped.
//
//	go run ./internal/eval/cmd/statements-eval            # all figures
//	go run ./internal/eval/cmd/statements-eval doc ID     # dump one document's statements
//	go run ./internal/eval/cmd/statements-eval errors DIR [KIND...] # a gold folder's errors, with context
//	go run ./internal/eval/cmd/statements-eval agreement DATA  # PolNeAR annotators against each other
//	go run ./internal/eval/cmd/statements-eval gencorpus FILE N # the bench's generated corpus (its first N documents)
package main

import (
	"context"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"sort"
	"strconv"
	"strings"

	"github.com/workbench-dev/workbench/data"
	"github.com/workbench-dev/workbench/internal/analyze"
	"github.com/workbench-dev/workbench/internal/bench"
	"github.com/workbench-dev/workbench/internal/eval"
	"github.com/workbench-dev/workbench/internal/model"
	"github.com/workbench-dev/workbench/internal/textsafe"
)

func main() {
	if err := run(os.Args[1:]); err != nil {
		fmt.Fprintln(os.Stderr, "statements-eval:", err)
		os.Exit(1)
	}
}

func run(args []string) error {
	reg, err := analyze.LoadRegistry(data.ActorsTOML())
	if err != nil {
		return err
	}
	an := analyze.New(reg)
	shared := eval.SharedDir()
	if shared == "" {
		fmt.Println("no ../shared folder (set WORKBENCH_SHARED): nothing to measure")
		return nil
	}
	corpora := []string{
		filepath.Join(shared, "corpus", "kremlin-en", "kremlin-en.jsonl.gz"),
		filepath.Join(shared, "corpus", "press-2021-2022", "kremlin.jsonl"),
		filepath.Join(shared, "corpus", "press-2021-2022", "zelenskyy.jsonl"),
	}
	if len(args) >= 2 && args[0] == "doc" {
		return dumpDoc(an, corpora, args[1])
	}
	if len(args) >= 3 && args[0] == "draft-gold" {
		return draftGold(an, corpora, args[1], args[2:])
	}
	if len(args) >= 3 && args[0] == "near" {
		return dumpNear(an, args[1], args[2])
	}
	if len(args) >= 3 && args[0] == "gencorpus" {
		return genCorpus(args[1], args[2])
	}
	if len(args) >= 2 && args[0] == "agreement" {
		return printAgreement(an, args[1])
	}
	if len(args) >= 2 && args[0] == "errors" {
		return dumpErrors(an, args[1], args[2:])
	}
	if len(args) >= 2 && args[0] == "turns" {
		rep, err := eval.Turns(args[1], an)
		if err != nil {
			return err
		}
		printTurns(rep)
		return nil
	}
	for _, name := range []string{"polnear-dev", "polnear-train"} {
		dir := filepath.Join(shared, "eval", name)
		if _, err := os.Stat(dir); err != nil {
			fmt.Printf("%-14s skipped (no %s)\n", name, dir)
			continue
		}
		rep, err := eval.Quotes(dir, an)
		if err != nil {
			return err
		}
		fmt.Printf("%-14s docs %d gold %d predicted %d  P %.4f R %.4f F1 %.4f  speaker %d/%d = %.4f\n", name,
			rep.Docs, rep.Gold, rep.Predicted, rep.Precision, rep.Recall, rep.F1, rep.SpeakerCorrect, rep.SpeakerGold, rep.SpeakerAccuracy)
		// Gold speakers that are the cue itself ("said", "said in a statement")
		// are annotation errors no prediction can match: shown apart, the
		// scorer is unchanged.
		bad := 0
		for _, e := range rep.Errors {
			if e.Kind == eval.WrongSpeaker && (e.GoldSpeaker == "said" || strings.HasPrefix(e.GoldSpeaker, "said ") || e.GoldSpeaker == "asked" || e.GoldSpeaker == "According to") {
				bad++
			}
		}
		if bad > 0 {
			fmt.Printf("%-14s (%d gold speakers are the cue word itself; without them speaker %d/%d = %.4f)\n", "", bad,
				rep.SpeakerCorrect, rep.SpeakerGold-bad, float64(rep.SpeakerCorrect)/float64(rep.SpeakerGold-bad))
		}
		fmt.Printf("%-14s (wrong speakers by class: %s)\n", "", speakerClasses(dir, rep))
		if out := os.Getenv("EVAL_ERRORS"); out != "" {
			// The confusion list, for the analyst's eyes only (never commit it: publishers' text).
			var b strings.Builder
			for _, e := range rep.Errors {
				fmt.Fprintf(&b, "%s %s %d-%d gold=%q pred=%q (%q) rule=%s\n    %s\n", e.Kind, e.Doc, e.Start, e.End, e.GoldSpeaker, e.Speaker,
					e.SpeakerText, e.Rule, textsafe.CleanLine(trunc(e.Text, 160)))
			}
			if err := os.WriteFile(filepath.Join(out, name+"-errors.txt"), []byte(b.String()), 0o600); err != nil {
				return err
			}
		}
	}
	if gold := filepath.Join(eval.ModuleRoot(), "internal", "eval", "testdata", "turns"); gold != "" {
		if rep, err := eval.Turns(gold, an); err == nil {
			printTurns(rep)
		}
	}
	st := eval.NewCorpusStats(reg)
	for _, c := range corpora {
		if _, err := os.Stat(c); err != nil {
			fmt.Printf("corpus %s skipped (absent)\n", c)
			continue
		}
		if err := eval.ReadCorpus(c, func(a model.Article) error {
			st.Add(a, an.AnalyzeArticle(a))
			return nil
		}); err != nil {
			return err
		}
	}
	st.Print(os.Stdout)
	return nil
}

func dumpDoc(an *analyze.Analyzer, corpora []string, id string) error {
	found := false
	for _, c := range corpora {
		if _, err := os.Stat(c); err != nil {
			continue
		}
		err := eval.ReadCorpus(c, func(a model.Article) error {
			if a.ID != id {
				return nil
			}
			found = true
			res := an.AnalyzeArticle(a)
			body := []rune(a.Body)
			sort.SliceStable(res.Statements, func(i, j int) bool { return res.Statements[i].Start < res.Statements[j].Start })
			for _, s := range res.Statements {
				fmt.Printf("%s %d-%d [%s/%s %.2f] %q\n    %s\n", s.Kind, s.Start, s.End, s.Speaker, s.SpeakerSource, s.Confidence,
					"", textsafe.CleanLine(trunc(string(body[s.Start:s.End]), 140)))
			}
			return nil
		})
		if err != nil {
			return err
		}
	}
	if !found {
		return fmt.Errorf("no document %q in the corpora", id)
	}
	return nil
}

func trunc(s string, n int) string {
	r := []rune(s)
	if len(r) <= n {
		return s
	}
	return string(r[:n/2]) + " … " + string(r[len(r)-n/2:])
}

func printTurns(rep eval.TurnReport) {
	fmt.Printf("turn gold      docs %d gold %d predicted %d  P %.4f R %.4f F1 %.4f  speaker %d/%d = %.4f  quotes' speakers %d/%d\n",
		rep.Docs, rep.Gold, rep.Predicted, rep.Precision, rep.Recall, rep.F1, rep.SpeakerCorrect, rep.SpeakerGold, rep.SpeakerAccuracy,
		rep.QuoteSpeakerCorrect, rep.QuoteGold)
	if os.Getenv("EVAL_DEBUG") != "" {
		for _, e := range rep.Errors {
			fmt.Printf("  %s %s %d-%d gold=%q pred=%q\n", e.Kind, e.Doc, e.Start, e.End, e.GoldSpeaker, e.Speaker)
		}
	}
}

// draftGold writes NAME.txt + NAME.turns.jsonl drafts from the analyser's
// output for the given documents, to be checked and corrected by hand.
func draftGold(an *analyze.Analyzer, corpora []string, dir string, ids []string) error {
	want := map[string]bool{}
	for _, id := range ids {
		want[id] = true
	}
	for _, c := range corpora {
		if strings.Contains(c, "zelenskyy") {
			continue // never copied into the repository
		}
		if _, err := os.Stat(c); err != nil {
			continue
		}
		err := eval.ReadCorpus(c, func(a model.Article) error {
			if !want[a.ID] {
				return nil
			}
			res := an.AnalyzeArticle(a)
			var b strings.Builder
			for _, s := range res.Statements {
				if s.Kind == model.StatementQuote && s.SpeakerSource == model.SourceCue || s.Kind == model.StatementTurn {
					line, _ := json.Marshal(eval.GoldTurn{Kind: s.Kind, Start: s.Start, End: s.End, Speaker: s.Speaker})
					b.Write(line)
					b.WriteByte('\n')
				}
			}
			meta, _ := json.Marshal(map[string]string{"date": a.DateString(), "source": a.Source, "url": a.URL})
			if err := os.WriteFile(filepath.Join(dir, a.ID+".meta.json"), append(meta, '\n'), 0o644); err != nil {
				return err
			}
			if err := os.WriteFile(filepath.Join(dir, a.ID+".txt"), []byte(a.Body), 0o644); err != nil {
				return err
			}
			return os.WriteFile(filepath.Join(dir, a.ID+".turns.jsonl"), []byte(b.String()), 0o644)
		})
		if err != nil {
			return err
		}
	}
	return nil
}

// printAgreement prints, per PolNeAR split, how well a second annotator
// agrees with the first on direct quotations (DATA is the data folder of a
// PolNeAR checkout), beside the analyser on the same articles.
func printAgreement(an *analyze.Analyzer, data string) error {
	for _, split := range []string{"train", "dev", "test", "annotator-training"} {
		r, err := eval.Agreement(data, split, an)
		if err != nil {
			return err
		}
		fmt.Printf("agreement %-5s articles %d, annotator pairs %d: first %d, other %d, matched %d  P %.4f R %.4f F1 %.4f;  analyser on them: gold %d predicted %d matched %d F1 %.4f\n",
			split, r.Articles, r.Pairs, r.FirstRows, r.OtherRows, r.Matched, r.Precision, r.Recall, r.F1,
			r.Gold, r.Predicted, r.AnalyserMatched, r.AnalyserF1)
	}
	return nil
}

// genCorpus writes the first n documents of the corpus `workbench bench`
// generates (the embedded sample's statistics, the default seed): the text
// analyze_mb_per_s is measured on.
func genCorpus(path, n string) error {
	docs, err := strconv.Atoi(n)
	if err != nil || docs <= 0 {
		return fmt.Errorf("gencorpus: %q: want a positive number of documents", n)
	}
	_, err = bench.WriteCorpus(context.Background(), bench.Options{Docs: docs, Sample: data.Sample(),
		SampleFiles: data.SampleFiles(), ActorsTOML: data.ActorsTOML()}, path)
	return err
}
