package exchange

import (
	"bytes"
	"encoding/json"
	"encoding/xml"
	"fmt"
	"io"
	"math"
	"strings"
)

// Label Studio: a JSON list of tasks and the labelling config that names
// the labels. Offsets in a Text object's "labels" results are code points
// (Label Studio's editor counts them so; see docs/readme/exchange.md).

const (
	lsFromName = "label"
	lsToName   = "text"
)

type lsTask struct {
	ID          int            `json:"id,omitempty"`
	Data        map[string]any `json:"data"`
	Annotations []lsAnnotation `json:"annotations"`
}

type lsAnnotation struct {
	ID              int             `json:"id,omitempty"`
	CreatedUsername string          `json:"created_username,omitempty"`
	CompletedBy     json.RawMessage `json:"completed_by,omitempty"`
	CreatedAt       string          `json:"created_at,omitempty"`
	Result          []lsResult      `json:"result"`
	WasCancelled    bool            `json:"was_cancelled,omitempty"`
}

type lsResult struct {
	ID       string  `json:"id,omitempty"`
	FromName string  `json:"from_name"`
	ToName   string  `json:"to_name"`
	Type     string  `json:"type"`
	Origin   string  `json:"origin,omitempty"`
	Value    lsValue `json:"value"`
	Meta     *lsMeta `json:"meta,omitempty"`
}

type lsValue struct {
	Start  any      `json:"start"`
	End    any      `json:"end"`
	Text   string   `json:"text"`
	Labels []string `json:"labels"`
}

type lsMeta struct {
	Text []string `json:"text,omitempty"`
}

// WriteLabelStudio writes the task list: one task per document, one
// annotation per analyst, one "labels" result per tag (its note as the
// region's meta text). Pair it with WriteLabelStudioConfig.
func WriteLabelStudio(w io.Writer, in ExportInput) error {
	if err := in.check(); err != nil {
		return err
	}
	tags := sortedTags(in.Tags)
	var tasks []lsTask
	annID := 0
	for i, id := range docIDs(tags) {
		a := in.Articles[id]
		task := lsTask{ID: i + 1, Data: map[string]any{"text": a.Body, "doc_id": a.ID, "title": a.Title, "url": a.URL, "date": a.DateString()}}
		byAnalyst := map[string]int{}
		for _, t := range tags {
			if t.DocID != id {
				continue
			}
			k, ok := byAnalyst[t.Analyst]
			if !ok {
				annID++
				task.Annotations = append(task.Annotations, lsAnnotation{ID: annID, CreatedUsername: t.Analyst, Result: []lsResult{}})
				k = len(task.Annotations) - 1
				byAnalyst[t.Analyst] = k
			}
			if c := t.CreatedAt; !c.IsZero() && task.Annotations[k].CreatedAt == "" {
				task.Annotations[k].CreatedAt = refiTime(c)
			}
			exact, _ := slice(a.Body, t.Start, t.End)
			r := lsResult{
				ID: guid(append([]string{"ls"}, tagKey(t)...)...)[:10], FromName: lsFromName, ToName: lsToName, Type: "labels", Origin: "manual",
				Value: lsValue{Start: t.Start, End: t.End, Text: exact, Labels: []string{t.Label}},
			}
			if t.Note != "" {
				r.Meta = &lsMeta{Text: []string{t.Note}}
			}
			task.Annotations[k].Result = append(task.Annotations[k].Result, r)
		}
		tasks = append(tasks, task)
	}
	if tasks == nil {
		tasks = []lsTask{}
	}
	enc := json.NewEncoder(w)
	enc.SetEscapeHTML(false)
	enc.SetIndent("", " ")
	return enc.Encode(tasks)
}

// WriteLabelStudioConfig writes the labelling config: a <Labels> named
// "label" over the <Text> "text", one <Label> per codebook label (and per
// label a tag uses that the codebook lacks), with its colour. Label Studio
// silently drops results whose label or from_name the config lacks.
func WriteLabelStudioConfig(w io.Writer, in ExportInput) error {
	var b bytes.Buffer
	b.WriteString("<View>\n  <Labels name=\"" + lsFromName + "\" toName=\"" + lsToName + "\">\n")
	for _, l := range in.allLabels() {
		b.WriteString("    <Label value=\"")
		xml.EscapeText(&b, []byte(l.Name))
		b.WriteString("\"")
		if l.Color != "" {
			b.WriteString(" background=\"")
			xml.EscapeText(&b, []byte(l.Color))
			b.WriteString("\"")
		}
		b.WriteString("/>\n")
	}
	b.WriteString("  </Labels>\n  <Text name=\"" + lsToName + "\" value=\"$text\"/>\n</View>\n")
	_, err := w.Write(b.Bytes())
	return err
}

func lsInt(v any) (int, bool) {
	f, ok := v.(float64)
	if !ok || f != math.Trunc(f) || f < 0 || f > math.MaxInt32 {
		return 0, false
	}
	return int(f), true
}

// lsAnalyst is the annotator's name: created_username (without the
// ", ID" Label Studio appends), else completed_by's email or name, else
// "labelstudio-user-ID".
func lsAnalyst(a lsAnnotation, fallback string) string {
	if u := strings.TrimSpace(a.CreatedUsername); u != "" {
		if i := strings.LastIndex(u, ", "); i > 0 && strings.Trim(u[i+2:], "0123456789") == "" {
			u = u[:i]
		}
		return u
	}
	if len(a.CompletedBy) > 0 {
		var n float64
		if json.Unmarshal(a.CompletedBy, &n) == nil {
			return fmt.Sprintf("labelstudio-user-%d", int64(n))
		}
		var o struct {
			Email     string  `json:"email"`
			FirstName string  `json:"first_name"`
			LastName  string  `json:"last_name"`
			ID        float64 `json:"id"`
		}
		if json.Unmarshal(a.CompletedBy, &o) == nil {
			switch {
			case o.Email != "":
				return o.Email
			case o.FirstName+o.LastName != "":
				return strings.TrimSpace(o.FirstName + " " + o.LastName)
			case o.ID != 0:
				return fmt.Sprintf("labelstudio-user-%d", int64(o.ID))
			}
		}
	}
	return fallback
}

func readLabelStudio(data []byte, file string, opts Options) (*Result, error) {
	var tasks []lsTask
	trimmed := bytes.TrimSpace(data)
	if len(trimmed) > 0 && trimmed[0] == '{' {
		var t lsTask
		if err := json.Unmarshal(trimmed, &t); err != nil {
			return nil, fileErr(file, "", "%w: Label Studio task: %v", ErrFormat, err)
		}
		tasks = []lsTask{t}
	} else if err := json.Unmarshal(trimmed, &tasks); err != nil {
		return nil, fileErr(file, "", "%w: Label Studio tasks: %v", ErrFormat, err)
	}
	res := &Result{Format: FormatLabelStudio}
	for ti, t := range tasks {
		tw := fmt.Sprintf("task %d", ti+1)
		if t.ID != 0 {
			tw = fmt.Sprintf("task id=%d", t.ID)
		}
		text, ok := t.Data["text"].(string)
		if !ok {
			if len(t.Annotations) == 0 {
				continue
			}
			return nil, fileErr(file, tw, "data.text is missing or not a string")
		}
		str := func(k string) string { s, _ := t.Data[k].(string); return s }
		n := runeLen(text)
		for ai, a := range t.Annotations {
			if a.WasCancelled {
				continue
			}
			analyst := lsAnalyst(a, opts.Analyst)
			for ri, r := range a.Result {
				where := fmt.Sprintf("%s annotation %d result %d", tw, ai+1, ri+1)
				if r.ID != "" {
					where = fmt.Sprintf("%s annotation %d result id=%s", tw, ai+1, r.ID)
				}
				if r.Type != "labels" {
					continue // choices, relations, text areas: not spans
				}
				start, ok1 := lsInt(r.Value.Start)
				end, ok2 := lsInt(r.Value.End)
				if !ok1 || !ok2 {
					return nil, fileErr(file, where, "value.start/end %v/%v: want whole numbers (character offsets)", r.Value.Start, r.Value.End)
				}
				if start > n || end > n || end < start {
					return nil, fileErr(file, where, "span %d-%d outside data.text (%d characters)", start, end, n)
				}
				if len(r.Value.Labels) == 0 {
					return nil, fileErr(file, where, "value.labels is empty")
				}
				note := ""
				if r.Meta != nil {
					note = strings.Join(r.Meta.Text, "\n")
				}
				for _, l := range r.Value.Labels {
					res.Records = append(res.Records, Record{File: file, Where: where,
						DocID: str("doc_id"), DocURL: str("url"), DocText: text, Title: str("title"),
						Start: start, End: end, Exact: r.Value.Text, Label: l, Analyst: analyst, Note: note})
				}
			}
		}
	}
	return res, nil
}
