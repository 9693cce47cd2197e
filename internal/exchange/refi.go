package exchange

import (
	"archive/zip"
	"bytes"
	"encoding/xml"
	"fmt"
	"io"
	"strings"
	"time"

	"github.com/workbench-dev/workbench/internal/model"
)

// REFI-QDA (QDA-XML 1.0) project and codebook, as written and read here.

const (
	nsProject  = "urn:QDA-XML:project:1.0"
	nsCodebook = "urn:QDA-XML:codebook:1.0"
	// qdeName is the project file inside a .qdpx zip.
	qdeName = "project.qde"
	// zipTime is the modification time of every entry written, so that the
	// same tags give the same bytes.
	refiTimeLayout = "2006-01-02T15:04:05Z"
)

var zipTime = time.Date(2000, 1, 1, 0, 0, 0, 0, time.UTC)

type qdeProject struct {
	XMLName          xml.Name     `xml:"urn:QDA-XML:project:1.0 Project"`
	Name             string       `xml:"name,attr"`
	Origin           string       `xml:"origin,attr"`
	CreatingUserGUID string       `xml:"creatingUserGUID,attr,omitempty"`
	CreationDateTime string       `xml:"creationDateTime,attr,omitempty"`
	Users            *qdeUsers    `xml:"Users"`
	CodeBook         *qdeCodeBook `xml:"CodeBook"`
	Sources          *qdeSources  `xml:"Sources"`
	Notes            *qdeNotes    `xml:"Notes"`
}

type qdeUsers struct {
	User []qdeUser `xml:"User"`
}

type qdeUser struct {
	GUID string `xml:"guid,attr"`
	Name string `xml:"name,attr"` // always written: QualCoder takes a missing name as None
	ID   string `xml:"id,attr,omitempty"`
}

type qdeCodeBook struct {
	Codes qdeCodes `xml:"Codes"`
}

type qdeCodes struct {
	Code []qdeCode `xml:"Code"`
}

type qdeCode struct {
	GUID        string    `xml:"guid,attr"`
	Name        string    `xml:"name,attr"`
	IsCodable   bool      `xml:"isCodable,attr"`
	Color       string    `xml:"color,attr,omitempty"`
	Description string    `xml:"Description,omitempty"`
	Code        []qdeCode `xml:"Code"`
}

type qdeSources struct {
	TextSource []qdeTextSource `xml:"TextSource"`
}

type qdeTextSource struct {
	GUID               string         `xml:"guid,attr"`
	Name               string         `xml:"name,attr,omitempty"`
	PlainTextPath      string         `xml:"plainTextPath,attr,omitempty"`
	CreatingUser       string         `xml:"creatingUser,attr,omitempty"`
	CreationDateTime   string         `xml:"creationDateTime,attr,omitempty"`
	ModifiedDateTime   string         `xml:"modifiedDateTime,attr,omitempty"`
	Description        string         `xml:"Description,omitempty"`
	PlainTextContent   *string        `xml:"PlainTextContent"`
	PlainTextSelection []qdeSelection `xml:"PlainTextSelection"`
	Coding             []qdeCoding    `xml:"Coding"`
	NoteRef            []qdeRef       `xml:"NoteRef"`
}

type qdeSelection struct {
	GUID             string      `xml:"guid,attr"`
	Name             string      `xml:"name,attr,omitempty"`
	StartPosition    string      `xml:"startPosition,attr"`
	EndPosition      string      `xml:"endPosition,attr"`
	CreatingUser     string      `xml:"creatingUser,attr,omitempty"`
	CreationDateTime string      `xml:"creationDateTime,attr,omitempty"`
	ModifiedDateTime string      `xml:"modifiedDateTime,attr,omitempty"`
	Description      string      `xml:"Description,omitempty"`
	Coding           []qdeCoding `xml:"Coding"`
	NoteRef          []qdeRef    `xml:"NoteRef"`
}

type qdeCoding struct {
	GUID             string   `xml:"guid,attr"`
	CreatingUser     string   `xml:"creatingUser,attr,omitempty"`
	CreationDateTime string   `xml:"creationDateTime,attr,omitempty"`
	CodeRef          *qdeRef  `xml:"CodeRef"`
	NoteRef          []qdeRef `xml:"NoteRef"`
}

type qdeRef struct {
	TargetGUID string `xml:"targetGUID,attr"`
}

type qdeNotes struct {
	Note []qdeTextSource `xml:"Note"`
}

type qdcCodeBook struct {
	XMLName xml.Name `xml:"urn:QDA-XML:codebook:1.0 CodeBook"`
	Origin  string   `xml:"origin,attr,omitempty"`
	Codes   qdeCodes `xml:"Codes"`
}

func refiTime(t time.Time) string {
	if t.IsZero() {
		return ""
	}
	return t.UTC().Format(refiTimeLayout)
}

func codeGUID(label string) string   { return guid("code", label) }
func userGUID(analyst string) string { return guid("user", analyst) }
func sourceGUID(docID string) string { return guid("source", docID) }
func tagKey(t model.Tag) []string {
	return []string{t.DocID, fmt.Sprint(t.Start), fmt.Sprint(t.End), t.Label, t.Analyst}
}

// sourceDescription carries the document's id, title, URL and date, one
// per line, so a project edited elsewhere can still be matched.
func sourceDescription(a model.Article) string {
	var b strings.Builder
	fmt.Fprintf(&b, "workbench-doc: %s\n", a.ID)
	if a.Title != "" {
		fmt.Fprintf(&b, "title: %s\n", oneLine(a.Title))
	}
	if a.URL != "" {
		fmt.Fprintf(&b, "url: %s\n", oneLine(a.URL))
	}
	if d := a.DateString(); d != "" {
		fmt.Fprintf(&b, "date: %s\n", d)
	}
	return strings.TrimSuffix(b.String(), "\n")
}

func oneLine(s string) string { return strings.Join(strings.Fields(s), " ") }

func parseSourceDescription(d string) (id, title, url string) {
	for _, line := range strings.Split(d, "\n") {
		k, v, ok := strings.Cut(line, ": ")
		if !ok {
			continue
		}
		switch strings.TrimSpace(k) {
		case "workbench-doc":
			id = v
		case "title":
			title = v
		case "url":
			url = v
		}
	}
	return id, title, url
}

func codesOf(labels []model.Label) []qdeCode {
	codes := make([]qdeCode, 0, len(labels))
	for _, l := range labels {
		codes = append(codes, qdeCode{GUID: codeGUID(l.Name), Name: l.Name, IsCodable: true, Color: l.Color, Description: l.Description})
	}
	return codes
}

// buildProject is the project.qde of the input, and the text of each
// source by its GUID.
func buildProject(in ExportInput) (*qdeProject, map[string]string, error) {
	if err := in.check(); err != nil {
		return nil, nil, err
	}
	p := &qdeProject{Name: in.projectName(), Origin: "workbench"}
	tags := sortedTags(in.Tags)

	seenUser := map[string]bool{}
	var users []qdeUser
	for _, t := range tags {
		if !seenUser[t.Analyst] {
			seenUser[t.Analyst] = true
			users = append(users, qdeUser{GUID: userGUID(t.Analyst), Name: t.Analyst})
		}
	}
	if len(users) > 0 {
		p.Users = &qdeUsers{User: users}
	}
	if codes := codesOf(in.allLabels()); len(codes) > 0 {
		p.CodeBook = &qdeCodeBook{Codes: qdeCodes{Code: codes}}
	}

	texts := map[string]string{}
	var notes []qdeTextSource
	bySource := map[string]*qdeTextSource{}
	var order []string
	for _, id := range docIDs(tags) {
		a := in.Articles[id]
		g := sourceGUID(id)
		// QualCoder adds a character after every LF when the first line
		// ends in CRLF, and copies the source to documents/NAME.txt: the
		// text goes with LF line breaks (positions converted) under a name
		// that is a safe file name.
		texts[g] = normalizeNewlines(a.Body)
		bySource[id] = &qdeTextSource{GUID: g, Name: safeFileName(id), PlainTextPath: "internal://" + g + ".txt", Description: sourceDescription(a)}
		order = append(order, id)
	}
	for _, t := range tags {
		src := bySource[t.DocID]
		key := tagKey(t)
		user := userGUID(t.Analyst)
		created, modified := refiTime(t.CreatedAt), refiTime(t.UpdatedAt)
		if modified == "" {
			modified = created
		}
		start, end := t.Start, t.End
		if body := in.Articles[t.DocID].Body; strings.ContainsRune(body, '\r') {
			m := newNewlineMap(body)
			start, end = m.toNorm(start), m.toNorm(end)
		}
		sel := qdeSelection{
			GUID: guid(append([]string{"selection"}, key...)...), Name: t.Label,
			StartPosition: fmt.Sprint(start), EndPosition: fmt.Sprint(end),
			CreatingUser: user, CreationDateTime: created, ModifiedDateTime: modified,
			// QualCoder reads the coding memo from the selection's Description.
			Description: t.Note,
			Coding: []qdeCoding{{
				GUID: guid(append([]string{"coding"}, key...)...), CreatingUser: user, CreationDateTime: created,
				CodeRef: &qdeRef{TargetGUID: codeGUID(t.Label)},
			}},
		}
		if t.Note != "" {
			ng := guid(append([]string{"note"}, key...)...)
			sel.NoteRef = []qdeRef{{TargetGUID: ng}}
			nc, nm := created, modified
			if nc == "" { // QualCoder needs both dates on a Note
				nc = refiTime(zipTime)
				nm = nc
			}
			text := t.Note
			notes = append(notes, qdeTextSource{GUID: ng, Name: "Note on " + t.Label + " in " + t.DocID,
				CreatingUser: user, CreationDateTime: nc, ModifiedDateTime: nm, PlainTextContent: &text})
		}
		src.PlainTextSelection = append(src.PlainTextSelection, sel)
	}
	if len(order) > 0 {
		p.Sources = &qdeSources{}
		for _, id := range order {
			p.Sources.TextSource = append(p.Sources.TextSource, *bySource[id])
		}
	}
	if len(notes) > 0 {
		p.Notes = &qdeNotes{Note: notes}
	}
	return p, texts, nil
}

func marshalXML(v any) ([]byte, error) {
	var b bytes.Buffer
	b.WriteString(xml.Header)
	enc := xml.NewEncoder(&b)
	enc.Indent("", "  ")
	if err := enc.Encode(v); err != nil {
		return nil, err
	}
	b.WriteByte('\n')
	return b.Bytes(), nil
}

// WriteQDPX writes a REFI-QDA project zip: project.qde and sources/GUID.txt
// for every document.
func WriteQDPX(w io.Writer, in ExportInput) error {
	p, texts, err := buildProject(in)
	if err != nil {
		return err
	}
	qde, err := marshalXML(p)
	if err != nil {
		return err
	}
	zw := zip.NewWriter(w)
	put := func(name string, data []byte) error {
		f, err := zw.CreateHeader(&zip.FileHeader{Name: name, Method: zip.Deflate, Modified: zipTime})
		if err != nil {
			return err
		}
		_, err = f.Write(data)
		return err
	}
	if err := put(qdeName, qde); err != nil {
		return err
	}
	if p.Sources != nil {
		for _, s := range p.Sources.TextSource {
			if err := put("sources/"+s.GUID+".txt", []byte(texts[s.GUID])); err != nil {
				return err
			}
		}
	}
	return zw.Close()
}

// WriteQDC writes the codebook (every label of the input, and any label a
// tag uses that the codebook lacks) as a REFI-QDA .qdc file.
func WriteQDC(w io.Writer, in ExportInput) error {
	cb := qdcCodeBook{Origin: "workbench", Codes: qdeCodes{Code: codesOf(in.allLabels())}}
	if len(cb.Codes.Code) == 0 {
		return fmt.Errorf("qdc: no labels to write (a codebook needs at least one code)")
	}
	data, err := marshalXML(cb)
	if err != nil {
		return err
	}
	_, err = w.Write(data)
	return err
}
