package main

import (
	"fmt"
	"os"
	"path/filepath"
	"sort"
	"strings"

	"github.com/workbench-dev/workbench/internal/analyze"
	"github.com/workbench-dev/workbench/internal/eval"
	"github.com/workbench-dev/workbench/internal/textsafe"
)

// dumpErrors prints the confusion list of a quote gold folder (missed,
// spurious, wrong-speaker; kinds filters it) with the text around each
// error, sanitised, then the count of each kind and of each rule. For the
// analyst's eyes only: gold text is never committed.
func dumpErrors(an *analyze.Analyzer, dir string, kinds []string) error {
	rep, err := eval.Quotes(dir, an)
	if err != nil {
		return err
	}
	want := map[string]bool{}
	for _, k := range kinds {
		want[k] = true
	}
	bodies := map[string][]rune{}
	body := func(doc string) []rune {
		if b, ok := bodies[doc]; ok {
			return b
		}
		b, _ := os.ReadFile(filepath.Join(dir, doc+".txt"))
		bodies[doc] = []rune(string(b))
		return bodies[doc]
	}
	count := map[string]int{}
	for _, e := range rep.Errors {
		key := e.Kind + " " + strings.SplitN(e.Rule, "+", 2)[0]
		count[key]++
		if len(want) > 0 && !want[e.Kind] {
			continue
		}
		b := body(e.Doc)
		s, t := max(0, e.Start-200), min(len(b), e.End+120)
		ctx := string(b[s:e.Start]) + "[[" + trunc(string(b[e.Start:e.End]), 200) + "]]" + string(b[e.End:t])
		fmt.Printf("%s %s %d-%d gold=%q pred=%q (%q) rule=%s\n    %s\n", e.Kind, e.Doc, e.Start, e.End, e.GoldSpeaker, e.Speaker,
			e.SpeakerText, e.Rule, textsafe.CleanLine(ctx))
	}
	keys := make([]string, 0, len(count))
	for k := range count {
		keys = append(keys, k)
	}
	sort.Slice(keys, func(i, j int) bool { return count[keys[i]] > count[keys[j]] })
	for _, k := range keys {
		fmt.Printf("%5d %s\n", count[k], k)
	}
	fmt.Printf("F1 %.4f speaker %d/%d = %.4f\n", rep.F1, rep.SpeakerCorrect, rep.SpeakerGold, rep.SpeakerAccuracy)
	return nil
}
