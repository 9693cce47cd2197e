package analyze

import (
	"strings"
	"testing"
)

// TestPathologicalInputs: inputs that defeat sentence splitting, pairing
// and name runs are analysed (in linear time: every scan is windowed; a
// quadratic blow-up here would hit the test timeout) with sane results.
func TestPathologicalInputs(t *testing.T) {
	a := New(defaultRegistry(t))
	inputs := map[string]string{
		"quotes and cues, no full stops": strings.Repeat("“a” Putin said, and Trump told him ", 20000),
		"commas":                         strings.Repeat("Putin, ", 50000) + "said “x”",
		"marks only":                     strings.Repeat("\"", 200000),
		"open marks":                     strings.Repeat("“a ", 100000),
		"cue words":                      strings.Repeat("said told ", 50000) + "“x”",
		"names":                          strings.Repeat("Vladimir Putin Donald Trump ", 30000) + "said “x”",
		"paragraphs":                     strings.Repeat("“a\n\n", 50000),
	}
	for name, body := range inputs {
		an := a.AnalyzeDoc("d", body)
		prev := 0
		for _, q := range an.Quotes {
			if q.Start < prev || q.End <= q.Start {
				t.Fatalf("%s: quotes out of order", name)
			}
			prev = q.End
		}
	}
}
