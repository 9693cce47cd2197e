package exchange

import (
	"bytes"
	"encoding/json"
	"fmt"
	"github.com/workbench-dev/workbench/internal/model"
	"testing"
	"time"
)

type bytesBuffer = bytes.Buffer

// ownJSONL writes tags in the shape of internal/store WriteJSONL.
func ownJSONL(t testing.TB, in ExportInput) []byte {
	var b bytes.Buffer
	enc := json.NewEncoder(&b)
	for _, tg := range in.Tags {
		exact, _ := slice(in.Articles[tg.DocID].Body, tg.Start, tg.End)
		if err := enc.Encode(map[string]any{"quote_id": tg.QuoteID, "doc_id": tg.DocID, "title": "", "date": "", "source": "",
			"url": in.Articles[tg.DocID].URL, "speaker": "", "quote": exact, "label": tg.Label, "target": "", "note": tg.Note,
			"analyst": tg.Analyst, "tagged_at": tg.CreatedAt.UTC().Format(time.RFC3339), "start": tg.Start, "end": tg.End}); err != nil {
			t.Fatal(err)
		}
	}
	return b.Bytes()
}

func fmtSscan(s string, a, b *int) (int, error) { return fmt.Sscan(s, a, b) }

type docText struct{ id, text string }

func articlesOf(docs []docText) []model.Article {
	var out []model.Article
	for _, d := range docs {
		out = append(out, model.Article{ID: d.id, Body: d.text})
	}
	return out
}
