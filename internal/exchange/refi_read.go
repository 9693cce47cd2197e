package exchange

import (
	"archive/zip"
	"bytes"
	"fmt"
	"path"
	"strconv"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/workbench-dev/workbench/internal/model"
)

// zipFiles opens a zip held in data and returns its regular files by name,
// each read with the size caps (per entry and in total).
func zipFiles(data []byte, file string, max int64) (map[string][]byte, error) {
	zr, err := zip.NewReader(bytes.NewReader(data), int64(len(data)))
	if err != nil {
		return nil, fileErr(file, "", "%w: not a readable zip (truncated or damaged?): %v", ErrFormat, err)
	}
	if len(zr.File) > 100000 {
		return nil, fileErr(file, "", "%w: %d zip entries", ErrTooLarge, len(zr.File))
	}
	out := map[string][]byte{}
	var total int64
	for _, f := range zr.File {
		if f.FileInfo().IsDir() {
			continue
		}
		if f.UncompressedSize64 > uint64(max) {
			return nil, fileErr(file, "entry "+f.Name, "%w: %d bytes uncompressed, over the %d-byte limit", ErrTooLarge, f.UncompressedSize64, max)
		}
		rc, err := f.Open()
		if err != nil {
			return nil, fileErr(file, "entry "+f.Name, "%w: %v", ErrFormat, err)
		}
		b, err := readCapped(rc, max-total, file, "entry "+f.Name)
		rc.Close()
		if err != nil {
			return nil, err
		}
		total += int64(len(b))
		out[f.Name] = b
	}
	return out, nil
}

func readQDPX(data []byte, file string, opts Options) (*Result, error) {
	files, err := zipFiles(data, file, opts.maxBytes())
	if err != nil {
		return nil, err
	}
	qde, ok := files[qdeName]
	if !ok {
		// some tools put the project under another name ending in .qde
		for name, b := range files {
			if strings.HasSuffix(strings.ToLower(name), ".qde") && !strings.Contains(name, "/") {
				qde, ok = b, true
				break
			}
		}
	}
	if !ok {
		return nil, fileErr(file, "", "%w: no project.qde in the zip", ErrFormat)
	}
	return readQDE(qde, file+": "+qdeName, files, opts)
}

// readQDE reads a REFI-QDA project; files are the zip's entries (nil for
// a bare .qde, whose sources must then carry PlainTextContent).
func readQDE(data []byte, file string, files map[string][]byte, opts Options) (*Result, error) {
	var p qdeProject
	if err := decodeXML(data, file, &p); err != nil {
		return nil, err
	}
	res := &Result{Format: FormatQDPX}
	codes := map[string]string{}
	if p.CodeBook != nil {
		res.Codes = flattenCodes(p.CodeBook.Codes.Code, codes, file)
	}
	users := map[string]string{}
	if p.Users != nil {
		for _, u := range p.Users.User {
			name := u.Name
			if name == "" {
				name = u.ID
			}
			users[strings.ToLower(strings.Trim(u.GUID, "{}"))] = name
		}
	}
	notes := map[string]string{}
	if p.Notes != nil {
		for _, n := range p.Notes.Note {
			if n.PlainTextContent != nil {
				notes[strings.ToLower(strings.Trim(n.GUID, "{}"))] = *n.PlainTextContent
			}
		}
	}
	userOf := func(g string) string {
		if g == "" {
			return opts.Analyst
		}
		if n, ok := users[strings.ToLower(strings.Trim(g, "{}"))]; ok && n != "" {
			return n
		}
		return opts.Analyst
	}
	if p.Sources == nil {
		return res, nil
	}
	for _, s := range p.Sources.TextSource {
		where := "TextSource guid=" + s.GUID
		text, err := sourceText(s, files, file, where)
		if err != nil {
			return nil, err
		}
		id, title, url := parseSourceDescription(s.Description)
		if id == "" {
			id = s.Name
		}
		if title == "" {
			title = s.Name
		}
		n := runeLen(text)
		base := Record{File: file, DocID: id, DocURL: url, DocText: text, Title: title}
		add := func(where string, start, end int, c qdeCoding, selUser, desc string, refs []qdeRef) error {
			if c.CodeRef == nil {
				return fileErr(file, where, "Coding guid=%s has no CodeRef", c.GUID)
			}
			label, ok := codes[strings.ToLower(strings.Trim(c.CodeRef.TargetGUID, "{}"))]
			if !ok {
				return fileErr(file, where, "Coding guid=%s: CodeRef targetGUID=%s names no Code of the CodeBook", c.GUID, c.CodeRef.TargetGUID)
			}
			r := base
			r.Where, r.Start, r.End, r.Label = where, start, end, label
			r.Exact, _ = slice(text, start, end)
			u := c.CreatingUser
			if selUser != "" {
				u = selUser
			}
			r.Analyst = userOf(u)
			r.Note = desc
			if r.Note == "" {
				var parts []string
				for _, ref := range append(append([]qdeRef(nil), refs...), c.NoteRef...) {
					if t, ok := notes[strings.ToLower(strings.Trim(ref.TargetGUID, "{}"))]; ok && t != "" {
						parts = append(parts, t)
					}
				}
				r.Note = strings.Join(parts, "\n")
			}
			r.Created, _ = time.Parse(time.RFC3339, c.CreationDateTime)
			res.Records = append(res.Records, r)
			return nil
		}
		for _, sel := range s.PlainTextSelection {
			where := "PlainTextSelection guid=" + sel.GUID
			start, err1 := strconv.Atoi(strings.TrimSpace(sel.StartPosition))
			end, err2 := strconv.Atoi(strings.TrimSpace(sel.EndPosition))
			switch {
			case err1 != nil || err2 != nil:
				return nil, fileErr(file, where, "startPosition %q / endPosition %q: want whole numbers", sel.StartPosition, sel.EndPosition)
			case start < 0 || start > n:
				return nil, fileErr(file, where, "startPosition %d past end of source %s (%d characters)", start, s.GUID, n)
			case end < start || end > n:
				return nil, fileErr(file, where, "endPosition %d outside %d..%d of source %s", end, start, n, s.GUID)
			}
			if len(sel.Coding) == 0 {
				continue // a selection without a code is not a tag
			}
			for _, c := range sel.Coding {
				if err := add(where, start, end, c, sel.CreatingUser, sel.Description, sel.NoteRef); err != nil {
					return nil, err
				}
			}
		}
		for _, c := range s.Coding { // a code on the whole source
			if err := add(where+" Coding guid="+c.GUID, 0, n, c, "", "", nil); err != nil {
				return nil, err
			}
		}
	}
	return res, nil
}

func flattenCodes(cs []qdeCode, into map[string]string, file string) []model.Label {
	var out []model.Label
	for _, c := range cs {
		into[strings.ToLower(strings.Trim(c.GUID, "{}"))] = c.Name
		if c.IsCodable {
			out = append(out, model.Label{Name: c.Name, Color: c.Color, Description: strings.TrimSpace(c.Description)})
		}
		out = append(out, flattenCodes(c.Code, into, file)...)
	}
	return out
}

func sourceText(s qdeTextSource, files map[string][]byte, file, where string) (string, error) {
	var b []byte
	switch {
	case s.PlainTextContent != nil:
		b = []byte(*s.PlainTextContent)
	case strings.HasPrefix(s.PlainTextPath, "internal://"):
		name := strings.TrimPrefix(s.PlainTextPath, "internal://")
		if name == "" || strings.Contains(name, "/") || strings.Contains(name, "\\") || name == ".." {
			return "", fileErr(file, where, "plainTextPath %q is not a file name", s.PlainTextPath)
		}
		data, ok := files[path.Join("sources", name)]
		if !ok {
			return "", fileErr(file, where, "plainTextPath %q: sources/%s is missing from the zip", s.PlainTextPath, name)
		}
		b = data
	case s.PlainTextPath != "":
		return "", fileErr(file, where, "plainTextPath %q: only internal:// sources inside a .qdpx can be read", s.PlainTextPath)
	default:
		return "", fileErr(file, where, "no PlainTextContent and no plainTextPath")
	}
	b = bytes.TrimPrefix(b, []byte("\ufeff"))
	if !utf8.Valid(b) {
		return "", fileErr(file, where, "source text is not UTF-8")
	}
	return string(b), nil
}

func readQDC(data []byte, file string) (*Result, error) {
	var cb qdcCodeBook
	if err := decodeXML(data, file, &cb); err != nil {
		return nil, err
	}
	res := &Result{Format: FormatQDC}
	res.Codes = flattenCodes(cb.Codes.Code, map[string]string{}, file)
	if len(res.Codes) == 0 {
		return nil, fmt.Errorf("%s: %w: no codable Code in the CodeBook", file, ErrFormat)
	}
	return res, nil
}
