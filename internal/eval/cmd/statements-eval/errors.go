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
	classes := map[string]int{}
	for _, e := range rep.Errors {
		key := e.Kind + " " + strings.SplitN(e.Rule, "+", 2)[0]
		count[key]++
		if e.Kind == eval.WrongSpeaker {
			classes[speakerClass(e, body(e.Doc))]++
		}
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
	fmt.Printf("wrong speakers by class: %v\n", classes)
	fmt.Printf("F1 %.4f speaker %d/%d = %.4f\n", rep.F1, rep.SpeakerCorrect, rep.SpeakerGold, rep.SpeakerAccuracy)
	return nil
}

// speakerClass sorts a wrong speaker: the gold speaker is the cue word
// (an annotation swap), the outer source of a nested attribution ("X said,
// according to CNN": gold CNN), a poll, a headline in capitals; or no
// speaker was found; or another speaker was.
func speakerClass(e eval.Error, b []rune) string {
	g := strings.TrimSpace(e.GoldSpeaker)
	lg := strings.ToLower(g)
	switch {
	case lg == "said" || strings.HasPrefix(lg, "said ") || lg == "asked" || lg == "according to":
		return "cue-as-speaker"
	case strings.Contains(lg, "poll") || strings.Contains(lg, "survey"):
		return "poll"
	case len([]rune(g)) > 6 && g == strings.ToUpper(g):
		return "headline"
	}
	if e.Speaker != "" && g != "" {
		after := strings.ToLower(string(b[e.End:min(len(b), e.End+200)]))
		if i := strings.IndexAny(after, ".\n"); i > 0 {
			after = after[:i]
		}
		before := strings.ToLower(string(b[max(0, e.Start-200):e.Start]))
		words := strings.Fields(lg)
		last := strings.Trim(words[len(words)-1], ".,")
		outer := strings.Contains(after, "according to") || strings.Contains(after, " reported") || strings.Contains(after, " reports") || strings.Contains(before, "according to")
		if outer && strings.Contains(after+" "+before, last) {
			return "outer-source"
		}
	}
	if e.Speaker == "" {
		return "no-speaker"
	}
	return "other"
}

// speakerClasses counts the wrong speakers of a report by speakerClass.
func speakerClasses(dir string, rep eval.Report) string {
	bodies := map[string][]rune{}
	n := map[string]int{}
	for _, e := range rep.Errors {
		if e.Kind != eval.WrongSpeaker {
			continue
		}
		b, ok := bodies[e.Doc]
		if !ok {
			raw, _ := os.ReadFile(filepath.Join(dir, e.Doc+".txt"))
			b = []rune(string(raw))
			bodies[e.Doc] = b
		}
		n[speakerClass(e, b)]++
	}
	keys := make([]string, 0, len(n))
	for k := range n {
		keys = append(keys, k)
	}
	sort.Slice(keys, func(i, j int) bool { return n[keys[i]] > n[keys[j]] })
	var out []string
	for _, k := range keys {
		out = append(out, fmt.Sprintf("%s %d", k, n[k]))
	}
	return strings.Join(out, ", ")
}
