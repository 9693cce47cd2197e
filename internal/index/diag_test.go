package index_test

import (
	"context"
	"fmt"
	"os"
	"sort"
	"strconv"
	"testing"
	"time"

	"github.com/workbench-dev/workbench/internal/index"
)

// TestDiagKeystrokes prints the median latency of each keystroke of the
// typing queries (WB_DIAG=1, with WORKBENCH_BENCH_DOCS and
// WB_INDEX_BENCH_DIR as for the benchmarks; WB_DIAG_MINPREFIX=1 to compare
// the minimum prefix length).
func TestDiagKeystrokes(t *testing.T) {
	if os.Getenv("WB_DIAG") == "" {
		t.Skip()
	}
	ix := benchIndex(t)
	ctx := context.Background()
	if mp := os.Getenv("WB_DIAG_MINPREFIX"); mp != "" {
		n, _ := strconv.Atoi(mp)
		defer index.SetTuning(n, 24)()
	}
	for _, q := range typing {
		var ds []time.Duration
		var total uint64
		for range 7 {
			s := time.Now()
			res, err := ix.Search(ctx, index.Request{Query: index.Q(q, true), Limit: 20, Fragments: true})
			if err != nil {
				t.Fatal(err)
			}
			total = res.Total
			ds = append(ds, time.Since(s))
		}
		sort.Slice(ds, func(i, j int) bool { return ds[i] < ds[j] })
		fmt.Printf("%-30q %8.2fms min %8.2fms med  total %d\n", q, float64(ds[0].Microseconds())/1000, float64(ds[3].Microseconds())/1000, total)
	}
}
