package exchange

import (
	"bufio"
	"bytes"
	"encoding/json"
	"fmt"
	"io"
	"strings"
)

// doccano: JSONL, one line per document and analyst,
// {"text": ..., "label": [[start, end, "LABEL"], ...]} with offsets in code
// points. The other keys (doc_id, title, url, analyst, notes) are kept by
// doccano as metadata and read back here.

type doccanoLine struct {
	Text    string  `json:"text"`
	Label   [][]any `json:"label"`
	DocID   string  `json:"doc_id,omitempty"`
	Title   string  `json:"title,omitempty"`
	URL     string  `json:"url,omitempty"`
	Analyst string  `json:"analyst,omitempty"`
	// Notes are [start, end, label, note] for the tags that have one.
	Notes [][]any `json:"notes,omitempty"`
}

// WriteDoccano writes the doccano JSONL.
func WriteDoccano(w io.Writer, in ExportInput) error {
	if err := in.check(); err != nil {
		return err
	}
	bw := bufio.NewWriter(w)
	enc := json.NewEncoder(bw)
	enc.SetEscapeHTML(false)
	tags := sortedTags(in.Tags)
	for _, id := range docIDs(tags) {
		a := in.Articles[id]
		var analysts []string
		seen := map[string]bool{}
		for _, t := range tags {
			if t.DocID == id && !seen[t.Analyst] {
				seen[t.Analyst] = true
				analysts = append(analysts, t.Analyst)
			}
		}
		for _, an := range analysts {
			line := doccanoLine{Text: a.Body, Label: [][]any{}, DocID: a.ID, Title: a.Title, URL: a.URL, Analyst: an}
			for _, t := range tags {
				if t.DocID == id && t.Analyst == an {
					line.Label = append(line.Label, []any{t.Start, t.End, t.Label})
					if t.Note != "" {
						line.Notes = append(line.Notes, []any{t.Start, t.End, t.Label, t.Note})
					}
				}
			}
			if err := enc.Encode(line); err != nil {
				return err
			}
		}
	}
	return bw.Flush()
}

type doccanoIn struct {
	Text     *string         `json:"text"`
	Label    json.RawMessage `json:"label"`
	Entities []doccanoEntity `json:"entities"`
	DocID    any             `json:"doc_id"`
	ID       any             `json:"id"`
	Title    string          `json:"title"`
	URL      string          `json:"url"`
	Analyst  string          `json:"analyst"`
	Notes    [][]any         `json:"notes"`
	Meta     map[string]any  `json:"meta"`
}

type doccanoEntity struct {
	Label       string `json:"label"`
	StartOffset any    `json:"start_offset"`
	EndOffset   any    `json:"end_offset"`
}

func anyString(v any) string {
	switch x := v.(type) {
	case string:
		return x
	case float64:
		return fmt.Sprint(int64(x))
	}
	return ""
}

func readDoccano(data []byte, file string, opts Options) (*Result, error) {
	res := &Result{Format: FormatDoccano}
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
		var d doccanoIn
		if err := json.Unmarshal(line, &d); err != nil {
			return nil, fileErr(file, where, "%w: %v", ErrFormat, err)
		}
		if d.Text == nil {
			return nil, fileErr(file, where, "no \"text\"")
		}
		text := *d.Text
		n := runeLen(text)
		docID := anyString(d.DocID)
		if docID == "" && d.Meta != nil {
			docID = anyString(d.Meta["doc_id"])
		}
		url := d.URL
		if url == "" && d.Meta != nil {
			url = anyString(d.Meta["url"])
		}
		analyst := d.Analyst
		if analyst == "" && d.Meta != nil {
			analyst = anyString(d.Meta["analyst"])
		}
		if analyst == "" {
			analyst = opts.Analyst
		}
		type span struct {
			s, e int
			l    string
		}
		var spans []span
		if len(d.Label) > 0 && string(d.Label) != "null" {
			var raw []json.RawMessage
			if err := json.Unmarshal(d.Label, &raw); err != nil {
				return nil, fileErr(file, where, "\"label\": want a list of [start, end, label]")
			}
			for i, r := range raw {
				var triple []any
				if err := json.Unmarshal(r, &triple); err != nil || len(triple) != 3 {
					return nil, fileErr(file, where, "label %d: want [start, end, label] (a text-classification label has no span)", i+1)
				}
				s, ok1 := lsInt(triple[0])
				e, ok2 := lsInt(triple[1])
				l, ok3 := triple[2].(string)
				if !ok1 || !ok2 || !ok3 {
					return nil, fileErr(file, where, "label %d: want [start, end, label] with whole-number offsets", i+1)
				}
				spans = append(spans, span{s, e, l})
			}
		}
		for i, en := range d.Entities {
			s, ok1 := lsInt(en.StartOffset)
			e, ok2 := lsInt(en.EndOffset)
			if !ok1 || !ok2 {
				return nil, fileErr(file, where, "entity %d: start_offset/end_offset: want whole numbers", i+1)
			}
			spans = append(spans, span{s, e, en.Label})
		}
		notes := map[string][]string{}
		for _, nt := range d.Notes {
			if len(nt) == 4 {
				s, _ := lsInt(nt[0])
				e, _ := lsInt(nt[1])
				l, _ := nt[2].(string)
				t, _ := nt[3].(string)
				k := fmt.Sprint(s, "-", e, "-", l)
				notes[k] = append(notes[k], t)
			}
		}
		for i, sp := range spans {
			w := fmt.Sprintf("%s label %d", where, i+1)
			if sp.s > n || sp.e > n || sp.e < sp.s {
				return nil, fileErr(file, w, "span %d-%d outside the text (%d characters)", sp.s, sp.e, n)
			}
			exact, _ := slice(text, sp.s, sp.e)
			res.Records = append(res.Records, Record{File: file, Where: w, DocID: docID, DocURL: url, DocText: text, Title: d.Title,
				Start: sp.s, End: sp.e, Exact: exact, Label: sp.l, Analyst: analyst,
				Note: strings.Join(notes[fmt.Sprint(sp.s, "-", sp.e, "-", sp.l)], "\n")})
		}
	}
	if err := sc.Err(); err != nil {
		return nil, fileErr(file, fmt.Sprintf("line %d", ln+1), "%v", err)
	}
	return res, nil
}
