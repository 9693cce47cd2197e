package ingest

import (
	"bufio"
	"errors"
	"strings"
	"unicode/utf8"

	"github.com/workbench-dev/workbench/internal/model"
)

// readText reads a .txt or .md file: the title is the first non-empty line
// (Markdown heading marks stripped), a "Date:" line among the first lines
// after it gives the date (and is dropped), the rest is the body. A leading
// front-matter block ("---" ... "---" with key: value lines) may set title,
// date, id, source and url. Without a date, the file's mtime is used.
func (d *doc) readText(br *bufio.Reader, md bool) error {
	b, err := readAllLimited(br, d.max, "file")
	if err != nil {
		d.fr.add(0, err)
		return nil
	}
	if off := invalidUTF8(b); off >= 0 {
		line, err := utf8Err(b, off)
		d.fr.add(line, err)
		return nil
	}
	a, note, err := parseText(string(b), md)
	if err != nil {
		d.fr.add(0, err)
		return nil
	}
	if note != nil {
		d.fr.note(0, note)
	}
	if a.ID == "" {
		a.ID = d.in.rel
	}
	if a.Source == "" {
		a.Source = d.in.source
	}
	if a.Date.IsZero() {
		a.Date = d.in.modTime
	}
	a.Path = d.in.path
	return d.em.send(a)
}

// maxTitleLine is the longest first line (in code points) taken as a
// title; a longer one is the first paragraph of a text without a title.
const maxTitleLine = 200

// textHeaderLines is how many non-empty lines after the title are searched
// for a "Date:" line.
const textHeaderLines = 5

// parseText splits a text document into title, date and body.
func parseText(s string, md bool) (a model.Article, note, err error) {
	s = strings.ReplaceAll(s, "\r\n", "\n")
	s = strings.ReplaceAll(s, "\r", "\n")
	lines := strings.Split(s, "\n")

	// Front matter.
	i := 0
	if len(lines) > 0 && strings.TrimSpace(lines[0]) == "---" {
		for j := 1; j < len(lines) && j < 100; j++ {
			if strings.TrimSpace(lines[j]) == "---" {
				for _, l := range lines[1:j] {
					k, v, ok := strings.Cut(l, ":")
					if !ok {
						continue
					}
					v = strings.Trim(strings.TrimSpace(v), `"'`)
					switch strings.ToLower(strings.TrimSpace(k)) {
					case "title":
						a.Title = v
					case "id":
						a.ID = v
					case "source":
						a.Source = v
					case "url":
						a.URL = v
					case "date":
						if v != "" {
							if t, derr := ParseDate(v); derr == nil {
								a.Date = t
							} else {
								note = derr
							}
						}
					}
				}
				i = j + 1
				break
			}
		}
	}

	if a.Title == "" {
		for ; i < len(lines); i++ {
			t := strings.TrimSpace(lines[i])
			if t == "" {
				continue
			}
			// A "Date:" line above the title.
			if k, v, ok := strings.Cut(t, ":"); ok && a.Date.IsZero() && strings.EqualFold(strings.TrimSpace(k), "date") {
				if dt, derr := ParseDate(v); derr == nil {
					a.Date = dt
					continue
				}
			}
			break
		}
		if i == len(lines) {
			return a, nil, errors.New("empty file")
		}
		if utf8.RuneCountInString(strings.TrimSpace(lines[i])) > maxTitleLine {
			// A paragraph, not a title: the body keeps it, the title is
			// its beginning.
			a.Title = titleFromBody(lines[i])
		} else {
			a.Title = headingText(lines[i])
			i++
			// Setext underline ("Title\n=====").
			if md && i < len(lines) && isSetextUnderline(lines[i]) {
				i++
			}
		}
	}
	rest := lines[i:]

	// "Date:" line among the first non-empty lines.
	if a.Date.IsZero() {
		seen := 0
		for j, l := range rest {
			t := strings.TrimSpace(l)
			if t == "" {
				continue
			}
			if seen++; seen > textHeaderLines {
				break
			}
			k, v, ok := strings.Cut(t, ":")
			if !ok || !strings.EqualFold(strings.TrimSpace(k), "date") {
				continue
			}
			if dt, derr := ParseDate(v); derr == nil {
				a.Date = dt
				rest = append(rest[:j:j], rest[j+1:]...)
			} else {
				note = derr
			}
			break
		}
	}

	// Leading blank lines go, trailing white space too.
	for len(rest) > 0 && strings.TrimSpace(rest[0]) == "" {
		rest = rest[1:]
	}
	a.Body = strings.TrimRight(strings.Join(rest, "\n"), " \t\n")
	if strings.TrimSpace(a.Body) == "" {
		// A one-line document: its line is both title and body.
		a.Body = a.Title
	}
	if a.Body == "" {
		return a, nil, errors.New("no text in the file")
	}
	if a.Title == "" {
		a.Title = titleFromBody(a.Body)
	}
	return a, note, nil
}

// headingText strips Markdown heading marks and surrounding space.
func headingText(l string) string {
	t := strings.TrimSpace(l)
	if strings.HasPrefix(t, "#") {
		t = strings.TrimLeft(t, "#")
		t = strings.TrimRight(strings.TrimSpace(t), "#")
	}
	return collapseSpace(t)
}

func isSetextUnderline(l string) bool {
	t := strings.TrimSpace(l)
	return len(t) >= 2 && (strings.Trim(t, "=") == "" || strings.Trim(t, "-") == "")
}
