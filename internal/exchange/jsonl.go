package exchange

import (
	"bufio"
	"bytes"
	"encoding/json"
	"fmt"
	"time"
)

// workbench's own JSONL tag export (internal/store WriteJSONL): one object
// per tag with quote_id, doc_id, title, date, source, url, speaker, quote,
// label, target, note, analyst, tagged_at, start, end, speaker_source.

type jsonlRecord struct {
	QuoteID  string `json:"quote_id"`
	DocID    string `json:"doc_id"`
	Title    string `json:"title"`
	URL      string `json:"url"`
	Quote    string `json:"quote"`
	Label    string `json:"label"`
	Target   string `json:"target"`
	Note     string `json:"note"`
	Analyst  string `json:"analyst"`
	TaggedAt string `json:"tagged_at"`
	Start    *int   `json:"start"`
	End      *int   `json:"end"`
}

func readJSONL(data []byte, file string, opts Options) (*Result, error) {
	res := &Result{Format: FormatJSONL}
	sc := bufio.NewScanner(bytes.NewReader(data))
	sc.Buffer(make([]byte, 0, 64<<10), len(data)+1)
	ln := 0
	for sc.Scan() {
		ln++
		line := bytes.TrimSpace(sc.Bytes())
		if len(line) == 0 {
			continue
		}
		where := fmt.Sprintf("line %d", ln)
		var r jsonlRecord
		if err := json.Unmarshal(line, &r); err != nil {
			return nil, fileErr(file, where, "%w: %v", ErrFormat, err)
		}
		switch {
		case r.DocID == "":
			return nil, fileErr(file, where, "no doc_id")
		case r.Label == "":
			return nil, fileErr(file, where, "no label")
		case r.Start == nil || r.End == nil:
			return nil, fileErr(file, where, "no start/end")
		case *r.Start < 0 || *r.End < *r.Start:
			return nil, fileErr(file, where, "span %d-%d: want 0 <= start <= end", *r.Start, *r.End)
		}
		analyst := r.Analyst
		if analyst == "" {
			analyst = opts.Analyst
		}
		created, _ := time.Parse(time.RFC3339, r.TaggedAt)
		res.Records = append(res.Records, Record{File: file, Where: where, DocID: r.DocID, DocURL: r.URL, Title: r.Title,
			Start: *r.Start, End: *r.End, Exact: r.Quote, Label: r.Label, Analyst: analyst, Note: r.Note,
			Target: r.Target, QuoteID: r.QuoteID, Created: created})
	}
	if err := sc.Err(); err != nil {
		return nil, fileErr(file, fmt.Sprintf("line %d", ln+1), "%v", err)
	}
	return res, nil
}
