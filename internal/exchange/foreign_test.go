package exchange

import (
	"archive/zip"
	"bytes"
	"strings"
	"testing"

	"github.com/workbench-dev/workbench/internal/model"
)

// Files shaped as other tools write them (not as workbench does).

func resolveAll(t *testing.T, res *Result, arts []model.Article) []model.Tag {
	t.Helper()
	tags, rep := Resolve(res.Records, NewDocuments(arts), ResolveOptions{Labels: fixtureLabels(), Codes: res.Codes, AddUnknownLabels: true})
	if err := rep.Err(); err != nil {
		t.Fatal(err)
	}
	return tags
}

// A QualCoder/MAXQDA-style project: braced upper-case GUIDs, nested codes,
// a source named as a file, a selection with two codings and a memo.
func TestForeignQDPX(t *testing.T) {
	qde := `<?xml version="1.0" encoding="utf-8"?>
<Project xmlns="urn:QDA-XML:project:1.0" name="qc" origin="QualCoder 3.5" creationDateTime="2024-01-01T00:00:00Z">
<Users><User guid="{AAAAAAAA-0000-0000-0000-000000000001}" name="coder1"/></Users>
<CodeBook><Codes>
 <Code guid="{BBBBBBBB-0000-0000-0000-000000000001}" name="Stance" isCodable="false">
  <Code guid="{BBBBBBBB-0000-0000-0000-000000000002}" name="Escalatory" isCodable="true" color="#ff0000"/>
  <Code guid="{BBBBBBBB-0000-0000-0000-000000000003}" name="threat" isCodable="true"/>
 </Code>
</Codes></CodeBook>
<Sources>
 <TextSource guid="CCCCCCCC-0000-0000-0000-000000000001" name="interview.txt" plainTextPath="internal://CCCCCCCC-0000-0000-0000-000000000001.txt">
  <Description>source memo</Description>
  <PlainTextSelection guid="DDDDDDDD-0000-0000-0000-000000000001" startPosition="20" endPosition="39" creatingUser="aaaaaaaa-0000-0000-0000-000000000001">
   <Description>coding memo</Description>
   <Coding guid="EEEEEEEE-0000-0000-0000-000000000001"><CodeRef targetGUID="bbbbbbbb-0000-0000-0000-000000000002"/></Coding>
   <Coding guid="EEEEEEEE-0000-0000-0000-000000000002"><CodeRef targetGUID="{BBBBBBBB-0000-0000-0000-000000000003}"/></Coding>
  </PlainTextSelection>
  <PlainTextSelection guid="DDDDDDDD-0000-0000-0000-000000000002" startPosition="0" endPosition="2"/>
 </TextSource>
</Sources>
</Project>`
	var b bytes.Buffer
	zw := zip.NewWriter(&b)
	w, _ := zw.Create("project.qde")
	w.Write([]byte(qde))
	w, _ = zw.Create("sources/CCCCCCCC-0000-0000-0000-000000000001.txt")
	w.Write([]byte("\ufeff" + bodyB)) // with a byte-order mark
	zw.Close()
	res, err := ReadBytes("qc.qdpx", "", b.Bytes(), Options{Analyst: "fallback"})
	if err != nil {
		t.Fatal(err)
	}
	if len(res.Codes) != 2 || res.Codes[0].Name != "Escalatory" || res.Codes[0].Color != "#ff0000" {
		t.Errorf("codes %+v", res.Codes)
	}
	tags := resolveAll(t, res, fixtureArticles())
	if len(tags) != 2 {
		t.Fatalf("tags %+v", tags)
	}
	for _, tg := range tags {
		if tg.DocID != "doc/2 ü" || tg.Quote != "the minister warned" || tg.Analyst != "coder1" || tg.Note != "coding memo" {
			t.Errorf("tag %+v", tg)
		}
	}
	// "Escalatory" is the codebook's "escalatory" in another case
	if tags[0].Label != "escalatory" && tags[1].Label != "escalatory" {
		t.Errorf("labels %q %q", tags[0].Label, tags[1].Label)
	}
}

// A Label Studio server export: completed_by as a number or an object,
// created_username with its ", ID" tail, a cancelled annotation, a choices
// result and a prediction (neither is a tag).
func TestForeignLabelStudio(t *testing.T) {
	js := `[{"id": 7, "data": {"text": ` + jsonString(bodyB) + `},
 "annotations": [
  {"id": 1, "completed_by": 3, "created_username": "ana@example.org, 3", "was_cancelled": false,
   "result": [
    {"id": "a1", "from_name": "label", "to_name": "text", "type": "labels", "origin": "manual",
     "value": {"start": 20, "end": 39, "text": "the minister warned", "labels": ["escalatory"]}},
    {"id": "c1", "from_name": "stance", "to_name": "text", "type": "choices", "value": {"choices": ["x"]}}]},
  {"id": 2, "completed_by": {"id": 4, "email": "bo@example.org"},
   "result": [{"id": "b1", "from_name": "label", "to_name": "text", "type": "labels",
     "value": {"start": 66, "end": 72, "text": "𝄞 ends", "labels": ["escalatory", "threat"]}}]},
  {"id": 3, "completed_by": 5, "was_cancelled": true,
   "result": [{"id": "x1", "from_name": "label", "to_name": "text", "type": "labels",
     "value": {"start": 0, "end": 2, "text": "🇺🇦", "labels": ["escalatory"]}}]}],
 "predictions": [{"result": [{"from_name": "label", "to_name": "text", "type": "labels",
     "value": {"start": 0, "end": 2, "labels": ["escalatory"]}}]}]}]`
	res, err := ReadBytes("project-1.json", "", []byte(js), Options{})
	if err != nil {
		t.Fatal(err)
	}
	got := keys(resolveAll(t, res, fixtureArticles()), false)
	want := []string{"doc/2 ü|20-39|escalatory|ana@example.org", "doc/2 ü|66-72|escalatory|bo@example.org", "doc/2 ü|66-72|threat|bo@example.org"}
	if strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Errorf("got %q\nwant %q", got, want)
	}
}

// doccano 1.6+ exports entities with start_offset/end_offset.
func TestForeignDoccano(t *testing.T) {
	js := `{"id": 12, "text": ` + jsonString(bodyB) + `, "entities": [{"id": 1, "label": "escalatory", "start_offset": 20, "end_offset": 39}], "relations": [], "Comments": []}`
	res, err := ReadBytes("admin.jsonl", "", []byte(js+"\n"), Options{Analyst: "admin"})
	if err != nil {
		t.Fatal(err)
	}
	if res.Format != FormatDoccano {
		t.Fatalf("format %q", res.Format)
	}
	got := keys(resolveAll(t, res, fixtureArticles()), false)
	if len(got) != 1 || got[0] != "doc/2 ü|20-39|escalatory|admin" {
		t.Errorf("got %q", got)
	}
	_, err = ReadBytes("cls.jsonl", FormatDoccano, []byte(`{"text": "abc", "label": ["positive"]}`), Options{})
	wantErr(t, err, nil, "cls.jsonl", "line 1", "text-classification")
}

// A Hypothesis-style annotation: creator an IRI, one body object, selectors
// without a position (the resolver finds the quote, using prefix/suffix to
// choose between two occurrences).
func TestForeignWebAnno(t *testing.T) {
	js := `{"@context": "http://www.w3.org/ns/anno.jsonld", "id": "https://h/a/1", "type": "Annotation",
 "creator": "acct:ana@hypothes.is",
 "body": {"type": "TextualBody", "purpose": "tagging", "value": "escalatory"},
 "target": {"source": "http://kremlin.ru/events/1", "selector": [
   {"type": "TextQuoteSelector", "exact": "more", "prefix": "& ", "suffix": " <words>"}]}}`
	res, err := ReadBytes("h.json", "", []byte(js), Options{})
	if err != nil {
		t.Fatal(err)
	}
	tags, rep := Resolve(res.Records, NewDocuments(fixtureArticles()), ResolveOptions{Labels: fixtureLabels()})
	if len(tags) != 1 || len(rep.Reanchored) != 1 {
		t.Fatalf("tags %+v report %+v", tags, rep)
	}
	s, _ := cp(t, bodyA, "more <words>")
	if tags[0].Start != s || tags[0].Analyst != "acct:ana@hypothes.is" {
		t.Errorf("tag %+v, want start %d (the second \"more\")", tags[0], s)
	}
}

func jsonString(s string) string {
	var b bytes.Buffer
	b.WriteByte('"')
	for _, r := range s {
		switch r {
		case '"':
			b.WriteString(`\"`)
		case '\\':
			b.WriteString(`\\`)
		case '\n':
			b.WriteString(`\n`)
		default:
			b.WriteRune(r)
		}
	}
	b.WriteByte('"')
	return b.String()
}
