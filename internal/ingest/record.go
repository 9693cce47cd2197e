package ingest

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"strconv"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/workbench-dev/workbench/internal/model"
)

// Field names of JSON and CSV records, with the accepted aliases in order of
// preference.
var fieldAliases = map[string][]string{
	"id":     {"id"},
	"title":  {"title", "headline"},
	"body":   {"body", "text", "content"},
	"date":   {"date"},
	"source": {"source"},
	"url":    {"url"},
}

// canonicalField maps a (lower-cased) record key to its field, or "".
func canonicalField(key string) string {
	switch strings.ToLower(strings.TrimSpace(key)) {
	case "id":
		return "id"
	case "title":
		return "title"
	case "headline":
		return "headline"
	case "body":
		return "body"
	case "text":
		return "text"
	case "content":
		return "content"
	case "date":
		return "date"
	case "source":
		return "source"
	case "url":
		return "url"
	}
	return ""
}

// record is the string fields of one JSON or CSV record, by key as written
// (lower-cased).
type record map[string]string

// get returns the first non-empty value among the field's aliases.
func (r record) get(field string) string {
	for _, k := range fieldAliases[field] {
		if v := strings.TrimSpace(r[k]); v != "" {
			return r[k]
		}
	}
	return ""
}

// jsonRecord decodes one JSON object into a record, checking field types.
func jsonRecord(raw []byte) (record, error) {
	raw = bytes.TrimSpace(raw)
	if len(raw) == 0 {
		return nil, errors.New("empty record")
	}
	if raw[0] != '{' {
		return nil, fmt.Errorf("want a JSON object, got %s", jsonKind(raw))
	}
	var m map[string]json.RawMessage
	if err := json.Unmarshal(raw, &m); err != nil {
		return nil, jsonErr(err)
	}
	rec := record{}
	for k, v := range m {
		key := canonicalField(k)
		if key == "" {
			continue
		}
		v = bytes.TrimSpace(v)
		switch {
		case len(v) == 0 || string(v) == "null":
			continue
		case v[0] == '"':
			var s string
			if err := json.Unmarshal(v, &s); err != nil {
				return nil, fmt.Errorf("field %q: %v", k, jsonErr(err))
			}
			rec[key] = s
		case key == "id" && (v[0] == '-' || (v[0] >= '0' && v[0] <= '9')):
			rec[key] = string(v) // numeric ids are fine
		default:
			return nil, fmt.Errorf("field %q: want a string, got %s", k, jsonKind(v))
		}
	}
	return rec, nil
}

// jsonKind names the JSON type of a raw value.
func jsonKind(v []byte) string {
	if len(v) == 0 {
		return "nothing"
	}
	switch v[0] {
	case '{':
		return "an object"
	case '[':
		return "an array"
	case '"':
		return "a string"
	case 't', 'f':
		return "a boolean"
	case 'n':
		return "null"
	}
	if v[0] == '-' || (v[0] >= '0' && v[0] <= '9') {
		return "a number"
	}
	return "invalid JSON"
}

// jsonErr shortens encoding/json errors.
func jsonErr(err error) error {
	var se *json.SyntaxError
	if errors.As(err, &se) {
		return fmt.Errorf("invalid JSON at byte %d: %v", se.Offset, se)
	}
	var ute *json.UnmarshalTypeError
	if errors.As(err, &ute) {
		return fmt.Errorf("invalid JSON: %v", ute)
	}
	return fmt.Errorf("invalid JSON: %v", err)
}

// toArticle builds an article from a record. defaultID is used when the
// record has no id. Unrecognised dates are returned as a note (the article
// is still good, with a zero date).
func (d *doc) toArticle(rec record, defaultID string) (a model.Article, note, err error) {
	a = model.Article{
		ID:     strings.TrimSpace(rec.get("id")),
		Title:  collapseSpace(rec.get("title")),
		Source: strings.TrimSpace(rec.get("source")),
		URL:    strings.TrimSpace(rec.get("url")),
		Body:   strings.TrimSpace(rec.get("body")),
		Path:   d.in.path,
	}
	if a.Body == "" {
		return a, nil, errors.New("record has no body (fields body, text or content are missing or empty)")
	}
	if a.ID == "" {
		a.ID = defaultID
	}
	if a.Title == "" {
		a.Title = titleFromBody(a.Body)
	}
	if a.Source == "" {
		a.Source = d.in.source
	}
	if ds := strings.TrimSpace(rec.get("date")); ds != "" {
		t, derr := ParseDate(ds)
		if derr != nil {
			note = derr
		} else {
			a.Date = t
		}
	}
	return a, note, nil
}

// titleFromBody makes a title from the first line of a body, for records
// without one: at most 100 code points, cut at a word with "…".
func titleFromBody(body string) string {
	line, _, _ := strings.Cut(strings.TrimSpace(body), "\n")
	line = collapseSpace(line)
	const max = 100
	if utf8.RuneCountInString(line) <= max {
		return line
	}
	rs := []rune(line)[:max]
	cut := string(rs)
	if i := strings.LastIndexByte(cut, ' '); i > max/2 {
		cut = cut[:i]
	}
	return strings.TrimRight(cut, " ,;:.-") + "…"
}

// collapseSpace trims s and folds runs of white space to one space.
func collapseSpace(s string) string {
	return strings.Join(strings.Fields(s), " ")
}

// dateLayouts are the date forms ParseDate accepts, tried in order.
var dateLayouts = []string{
	"2006-01-02",
	time.RFC3339Nano,
	"2006-01-02T15:04:05",
	"2006-01-02T15:04:05Z0700",
	"2006-01-02T15:04Z07:00",
	"2006-01-02T15:04",
	"2006-01-02 15:04:05Z07:00",
	"2006-01-02 15:04:05 Z07:00",
	"2006-01-02 15:04:05 -0700",
	"2006-01-02 15:04:05 -0700 MST",
	"2006-01-02 15:04:05",
	"2006-01-02 15:04",
	"2006/01/02",
	"2006/01/02 15:04:05",
	"2006.01.02",
	"20060102",
	time.RFC1123Z,
	time.RFC1123,
	"Mon, 2 Jan 2006 15:04:05 -0700",
	"Mon, 2 Jan 2006 15:04:05 MST",
	"Mon, 2 Jan 2006",
	time.RFC850,
	time.ANSIC,
	time.UnixDate,
	time.RubyDate,
	time.RFC822Z,
	time.RFC822,
	"January 2, 2006",
	"January 2 2006",
	"Jan 2, 2006",
	"Jan 2 2006",
	"Jan. 2, 2006",
	"2 January 2006",
	"2 Jan 2006",
	"02 Jan 2006",
	"Monday, January 2, 2006",
	"Monday, 2 January 2006",
	"January 2, 2006 15:04",
	"2 January 2006, 15:04",
	"January 2, 2006, 15:04",
	"02.01.2006",
	"2.1.2006",
	"02.01.2006 15:04",
	"2006-01",
}

// ParseDate parses the date forms found in corpora: "" is an error (the
// caller treats empty as unknown), YYYY-MM-DD, RFC 3339, RFC 1123, "January
// 2, 2006", "2 January 2006", DD.MM.YYYY, Unix seconds and a few more.
// Dates without a zone are UTC.
func ParseDate(s string) (time.Time, error) {
	s = strings.TrimSpace(s)
	if s == "" {
		return time.Time{}, errors.New("empty date")
	}
	if len(s) > 64 {
		return time.Time{}, fmt.Errorf("date %.40q… not recognised (want YYYY-MM-DD or RFC 3339); left empty", s)
	}
	for _, layout := range dateLayouts {
		if t, err := time.Parse(layout, s); err == nil {
			return t, nil
		}
	}
	// Ordinal days and stray punctuation: "March 3rd, 2020", "Sept. 4, 2020".
	if clean := cleanDate(s); clean != s {
		for _, layout := range dateLayouts {
			if t, err := time.Parse(layout, clean); err == nil {
				return t, nil
			}
		}
	}
	// Unix seconds (10 digits: 2001..2286).
	if len(s) == 10 {
		if n, err := strconv.ParseInt(s, 10, 64); err == nil && n > 0 {
			return time.Unix(n, 0).UTC(), nil
		}
	}
	return time.Time{}, fmt.Errorf("date %q not recognised (want YYYY-MM-DD or RFC 3339); left empty", s)
}

// cleanDate drops ordinal suffixes and normalises month abbreviations.
func cleanDate(s string) string {
	f := strings.Fields(s)
	for i, w := range f {
		trail := ""
		if strings.HasSuffix(w, ",") {
			w, trail = strings.TrimSuffix(w, ","), ","
		}
		lw := strings.ToLower(w)
		for _, suf := range []string{"st", "nd", "rd", "th"} {
			if strings.HasSuffix(lw, suf) && len(lw) > len(suf) && lw[0] >= '0' && lw[0] <= '9' {
				if _, err := strconv.Atoi(lw[:len(lw)-len(suf)]); err == nil {
					w = w[:len(w)-len(suf)]
				}
			}
		}
		switch strings.TrimSuffix(lw, ".") {
		case "sept":
			w = "Sep"
		case "jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep", "oct", "nov", "dec":
			w = strings.ToUpper(lw[:1]) + lw[1:3]
		}
		f[i] = w + trail
	}
	return strings.Join(f, " ")
}
