package bench

import (
	"bufio"
	"encoding/json"
	"fmt"
	"io"

	"github.com/workbench-dev/workbench/internal/model"
)

// record is one line of the corpus JSONL format (shared/corpus/README.md):
// id, title, date (YYYY-MM-DD), url, source, body.
type record struct {
	ID     string `json:"id"`
	Title  string `json:"title"`
	Date   string `json:"date"`
	URL    string `json:"url"`
	Source string `json:"source"`
	Body   string `json:"body"`
}

// JSONLWriter writes articles as corpus JSONL, one object per line.
type JSONLWriter struct {
	bw    *bufio.Writer
	enc   *json.Encoder
	n     int
	bytes int64 // body bytes written
}

// NewJSONLWriter writes to w; call Flush at the end.
func NewJSONLWriter(w io.Writer) *JSONLWriter {
	bw := bufio.NewWriterSize(w, 1<<20)
	enc := json.NewEncoder(bw)
	enc.SetEscapeHTML(false)
	return &JSONLWriter{bw: bw, enc: enc}
}

// Write appends one article.
func (w *JSONLWriter) Write(a model.Article) error {
	w.n++
	w.bytes += int64(len(a.Body))
	if err := w.enc.Encode(record{ID: a.ID, Title: a.Title, Date: a.DateString(), URL: a.URL, Source: a.Source, Body: a.Body}); err != nil {
		return fmt.Errorf("writing document %s: %w", a.ID, err)
	}
	return nil
}

// Flush writes buffered data.
func (w *JSONLWriter) Flush() error { return w.bw.Flush() }

// Count is the number of articles written; BodyBytes their total body size.
func (w *JSONLWriter) Count() int       { return w.n }
func (w *JSONLWriter) BodyBytes() int64 { return w.bytes }
