package index_test

import (
	"context"
	"fmt"
	"os"
	"sort"
	"testing"
	"time"

	"github.com/workbench-dev/workbench/internal/index"
)

func TestDiagKeystrokes(t *testing.T) {
	if os.Getenv("WB_DIAG") == "" {
		t.Skip()
	}
	ix := benchIndex(t)
	ctx := context.Background()
	for _, q := range typing {
		var ds []time.Duration
		var total uint64
		for range 7 {
			s := time.Now()
			res, err := ix.Search(ctx, index.Request{Query: q, AsYouType: true, Limit: 20, Fragments: true})
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
