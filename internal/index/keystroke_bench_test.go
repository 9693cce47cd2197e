package index_test

import (
	"context"
	"fmt"
	"testing"

	"github.com/workbench-dev/workbench/internal/index"
)

// BenchmarkEachKeystroke times every keystroke of the typing queries
// on its own (one sub-benchmark per prefix), where BenchmarkSearchAsYouType
// pools them: it shows which prefix lengths are slow. Each sub-benchmark
// also reports the hits of its keystroke. It was the TestDiagKeystrokes
// printout; as a benchmark it is benchstat-ready:
//
//	WORKBENCH_BENCH_DOCS=100000 WB_INDEX_BENCH_DIR=/tmp/ixbench \
//	    go test -run '^$' -bench EachKeystroke -benchtime 7x ./internal/index
//
// Compare minimum prefix lengths with BenchmarkSearchAsYouTypeTuning.
func BenchmarkEachKeystroke(b *testing.B) {
	ix := benchIndex(b)
	ctx := context.Background()
	for i, q := range typing {
		b.Run(fmt.Sprintf("%03d=%s", i, q), func(b *testing.B) {
			req := index.Request{Query: index.Q(q, true), Limit: 20, Fragments: true}
			var total uint64
			for b.Loop() {
				res, err := ix.Search(ctx, req)
				if err != nil {
					b.Fatalf("%q: %v", q, err)
				}
				total = res.Total
			}
			b.ReportMetric(float64(total), "hits")
		})
	}
}
