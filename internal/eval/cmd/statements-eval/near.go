package main

import (
	"fmt"
	"os"
	"strconv"

	"github.com/workbench-dev/workbench/internal/analyze"
	"github.com/workbench-dev/workbench/internal/textsafe"
)

// dumpNear prints the predicted quotes of one gold text (a file) around a
// code-point offset: a debugging aid for the confusion list.
func dumpNear(an *analyze.Analyzer, path, at string) error {
	b, err := os.ReadFile(path)
	if err != nil {
		return err
	}
	pos, err := strconv.Atoi(at)
	if err != nil {
		return fmt.Errorf("offset %q: %w", at, err)
	}
	res := an.AnalyzeDoc("x", string(b))
	for _, q := range res.Quotes {
		if q.End < pos-600 || q.Start > pos+600 {
			continue
		}
		fmt.Printf("%d-%d %s [%s] rule=%s cue=%q\n    %s\n", q.Start, q.End, q.Kind, q.Speaker, q.Rule, q.Cue, textsafe.CleanLine(trunc(q.Text, 120)))
	}
	return nil
}
