package analyze

import (
	"fmt"
	"os"
	"testing"
)

func TestDebugBody(t *testing.T) {
	b, err := os.ReadFile(os.Getenv("DBG_FILE"))
	if err != nil {
		t.Skip()
	}
	a := New(defaultRegistry(t))
	for _, q := range a.AnalyzeDoc("d", string(b)).Quotes {
		fmt.Printf("%d-%d %q | %q %s\n", q.Start, q.End, trunc(q.Text, 60), q.Speaker, q.Rule)
	}
}

func trunc(s string, n int) string {
	r := []rune(s)
	if len(r) > n {
		return string(r[:n])
	}
	return s
}
