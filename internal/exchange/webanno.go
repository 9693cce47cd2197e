package exchange

import (
	"bytes"
	"encoding/json"
	"fmt"
	"io"
	"net/url"
	"strings"
)

// W3C Web Annotation (JSON-LD): an AnnotationCollection whose first page
// holds one Annotation per tag. The target's source is the article's URL
// (or urn:workbench:doc:ID without one); its selectors are a
// TextQuoteSelector (exact, prefix, suffix: up to 32 code points of
// context) and a TextPositionSelector (code points, as the model defines
// character positions). Bodies are TextualBody: the label with purpose
// "tagging", the note with purpose "commenting". creator is the analyst.

const (
	waContext   = "http://www.w3.org/ns/anno.jsonld"
	waDocPrefix = "urn:workbench:doc:"
	waContext32 = 32
)

type waCollection struct {
	Context string  `json:"@context,omitempty"`
	ID      string  `json:"id,omitempty"`
	Type    string  `json:"type"`
	Label   string  `json:"label,omitempty"`
	Total   int     `json:"total"`
	First   *waPage `json:"first,omitempty"`
}

type waPage struct {
	Context string         `json:"@context,omitempty"`
	ID      string         `json:"id,omitempty"`
	Type    string         `json:"type"`
	Items   []waAnnotation `json:"items"`
}

type waAnnotation struct {
	Context  string   `json:"@context,omitempty"`
	ID       string   `json:"id"`
	Type     string   `json:"type"`
	Created  string   `json:"created,omitempty"`
	Modified string   `json:"modified,omitempty"`
	Creator  *waAgent `json:"creator,omitempty"`
	Body     []waBody `json:"body"`
	Target   waTarget `json:"target"`
}

type waAgent struct {
	ID   string `json:"id,omitempty"`
	Type string `json:"type,omitempty"`
	Name string `json:"name,omitempty"`
	Nick string `json:"nickname,omitempty"`
}

type waBody struct {
	Type    string `json:"type"`
	Purpose string `json:"purpose,omitempty"`
	Value   string `json:"value"`
}

type waTarget struct {
	Source   string       `json:"source"`
	Selector []waSelector `json:"selector"`
}

type waSelector struct {
	Type   string `json:"type"`
	Exact  string `json:"exact,omitempty"`
	Prefix string `json:"prefix,omitempty"`
	Suffix string `json:"suffix,omitempty"`
	Start  *int   `json:"start,omitempty"`
	End    *int   `json:"end,omitempty"`
}

func waSource(a docRef) string {
	if a.URL != "" {
		return a.URL
	}
	return waDocPrefix + url.PathEscape(a.ID)
}

type docRef struct{ ID, URL string }

// WriteWebAnno writes the tags as a W3C Web Annotation collection.
func WriteWebAnno(w io.Writer, in ExportInput) error {
	if err := in.check(); err != nil {
		return err
	}
	tags := sortedTags(in.Tags)
	page := &waPage{Type: "AnnotationPage", Items: []waAnnotation{}}
	for _, t := range tags {
		a := in.Articles[t.DocID]
		b, e := byteOffset(a.Body, t.Start), byteOffset(a.Body, t.End)
		pre := a.Body[byteOffset(a.Body, max(0, t.Start-waContext32)):b]
		suf := a.Body[e:]
		suf = suf[:byteOffset(suf, waContext32)]
		start, end := t.Start, t.End
		an := waAnnotation{
			ID: "urn:uuid:" + guid(append([]string{"webanno"}, tagKey(t)...)...), Type: "Annotation",
			Created: refiTime(t.CreatedAt), Modified: refiTime(t.UpdatedAt),
			Body: []waBody{{Type: "TextualBody", Purpose: "tagging", Value: t.Label}},
			Target: waTarget{Source: waSource(docRef{a.ID, a.URL}), Selector: []waSelector{
				{Type: "TextQuoteSelector", Exact: a.Body[b:e], Prefix: pre, Suffix: suf},
				{Type: "TextPositionSelector", Start: &start, End: &end},
			}},
		}
		if t.Analyst != "" {
			an.Creator = &waAgent{ID: "urn:workbench:analyst:" + url.PathEscape(t.Analyst), Type: "Person", Name: t.Analyst}
		}
		if t.Note != "" {
			an.Body = append(an.Body, waBody{Type: "TextualBody", Purpose: "commenting", Value: t.Note})
		}
		page.Items = append(page.Items, an)
	}
	c := waCollection{Context: waContext, Type: "AnnotationCollection", Label: in.projectName() + " tags", Total: len(page.Items), First: page}
	enc := json.NewEncoder(w)
	enc.SetEscapeHTML(false)
	enc.SetIndent("", " ")
	return enc.Encode(c)
}

// waIn is an annotation as read: creator, body and target may each be a
// string, an object or a list.
type waIn struct {
	ID      string          `json:"id"`
	Type    any             `json:"type"`
	Created string          `json:"created"`
	Creator json.RawMessage `json:"creator"`
	Body    json.RawMessage `json:"body"`
	Target  json.RawMessage `json:"target"`
	Items   json.RawMessage `json:"items"`
	First   json.RawMessage `json:"first"`
}

func rawList(r json.RawMessage) []json.RawMessage {
	r = bytes.TrimSpace(r)
	if len(r) == 0 || string(r) == "null" {
		return nil
	}
	if r[0] == '[' {
		var l []json.RawMessage
		if json.Unmarshal(r, &l) == nil {
			return l
		}
		return nil
	}
	return []json.RawMessage{r}
}

func readWebAnno(data []byte, file string, opts Options) (*Result, error) {
	res := &Result{Format: FormatWebAnno}
	var items []json.RawMessage
	var top json.RawMessage = bytes.TrimSpace(data)
	for depth := 0; depth < 4; depth++ { // collection -> page -> items
		if len(top) > 0 && top[0] == '[' {
			items = rawList(top)
			break
		}
		var x waIn
		if err := json.Unmarshal(top, &x); err != nil {
			return nil, fileErr(file, "", "%w: Web Annotation JSON-LD: %v", ErrFormat, err)
		}
		if len(x.First) > 0 {
			top = x.First
			continue
		}
		if len(x.Items) > 0 {
			items = rawList(x.Items)
			break
		}
		items = []json.RawMessage{top}
		break
	}
	for i, raw := range items {
		var a waIn
		if err := json.Unmarshal(raw, &a); err != nil {
			return nil, fileErr(file, fmt.Sprintf("annotation %d", i+1), "%w: %v", ErrFormat, err)
		}
		where := fmt.Sprintf("annotation %d", i+1)
		if a.ID != "" {
			where = "annotation id=" + a.ID
		}
		analyst := opts.Analyst
		if c := rawList(a.Creator); len(c) > 0 {
			var s string
			var ag waAgent
			if json.Unmarshal(c[0], &s) == nil {
				analyst = strings.TrimPrefix(s, "urn:workbench:analyst:")
				if u, err := url.PathUnescape(analyst); err == nil {
					analyst = u
				}
			} else if json.Unmarshal(c[0], &ag) == nil {
				switch {
				case ag.Name != "":
					analyst = ag.Name
				case ag.Nick != "":
					analyst = ag.Nick
				case ag.ID != "":
					analyst = ag.ID
				}
			}
		}
		var labels, notes []string
		for _, b := range rawList(a.Body) {
			var s string
			if json.Unmarshal(b, &s) == nil { // a body that is an IRI: not a tag
				continue
			}
			var body waBody
			if err := json.Unmarshal(b, &body); err != nil {
				return nil, fileErr(file, where, "body: %v", err)
			}
			switch body.Purpose {
			case "tagging", "classifying":
				labels = append(labels, body.Value)
			case "commenting", "describing", "":
				if body.Value != "" {
					notes = append(notes, body.Value)
				}
			}
		}
		if len(labels) == 0 {
			continue // a comment without a tag
		}
		targets := rawList(a.Target)
		if len(targets) == 0 {
			return nil, fileErr(file, where, "no target")
		}
		var t struct {
			Source   string          `json:"source"`
			Selector json.RawMessage `json:"selector"`
		}
		if err := json.Unmarshal(targets[0], &t); err != nil {
			return nil, fileErr(file, where, "target: want an object with source and selector")
		}
		r := Record{File: file, Where: where, Start: -1, End: -1, Analyst: analyst, Note: strings.Join(notes, "\n")}
		if strings.HasPrefix(t.Source, waDocPrefix) {
			r.DocID, _ = url.PathUnescape(strings.TrimPrefix(t.Source, waDocPrefix))
		} else {
			r.DocURL = t.Source
		}
		for _, sr := range rawList(t.Selector) {
			var s struct {
				Type   string `json:"type"`
				Exact  string `json:"exact"`
				Prefix string `json:"prefix"`
				Suffix string `json:"suffix"`
				Start  any    `json:"start"`
				End    any    `json:"end"`
			}
			if err := json.Unmarshal(sr, &s); err != nil {
				return nil, fileErr(file, where, "selector: %v", err)
			}
			switch s.Type {
			case "TextQuoteSelector":
				r.Exact, r.Prefix, r.Suffix = s.Exact, s.Prefix, s.Suffix
			case "TextPositionSelector":
				st, ok1 := lsInt(s.Start)
				en, ok2 := lsInt(s.End)
				if !ok1 || !ok2 || en < st {
					return nil, fileErr(file, where, "TextPositionSelector start/end %v/%v: want whole numbers, start <= end", s.Start, s.End)
				}
				r.Start, r.End = st, en
			}
		}
		if r.Start < 0 && r.Exact == "" {
			return nil, fileErr(file, where, "no TextPositionSelector and no TextQuoteSelector")
		}
		for _, l := range labels {
			rr := r
			rr.Label = l
			res.Records = append(res.Records, rr)
		}
	}
	return res, nil
}
