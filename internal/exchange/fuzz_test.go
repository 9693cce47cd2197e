package exchange

import (
	"bytes"
	"testing"

	"github.com/workbench-dev/workbench/internal/model"
)

// Fuzz targets: every importer takes any bytes without panicking, and the
// records it returns hold spans that fit the text they carry.

func seedExports(f *testing.F, formats ...string) {
	for _, format := range formats {
		var b bytes.Buffer
		if err := Export(&b, format, fixtureInput(f)); err != nil {
			f.Fatal(err)
		}
		f.Add(b.Bytes())
	}
}

func checkRecords(t *testing.T, res *Result, err error) {
	if err != nil {
		if res != nil {
			t.Fatal("result and error")
		}
		return
	}
	for _, r := range res.Records {
		if r.DocText == "" && r.Start < 0 {
			continue
		}
		if r.DocText != "" {
			if _, ok := slice(r.DocText, r.Start, r.End); !ok {
				t.Fatalf("%s: span %d-%d does not fit a text of %d code points", r.where(), r.Start, r.End, runeLen(r.DocText))
			}
		}
	}
	// and what comes out resolves without panicking against its own texts
	var docs []docText
	for _, r := range res.Records {
		docs = append(docs, docText{r.DocID, r.DocText})
	}
	tags, _ := Resolve(res.Records, NewDocuments(articlesOf(docs)), ResolveOptions{AddUnknownLabels: true})
	for _, tg := range tags {
		held := false
		for _, d := range docs {
			if got, ok := slice(d.text, tg.Start, tg.End); d.id == tg.DocID && ok && got == tg.Quote {
				held = true
			}
		}
		if !held {
			t.Fatalf("resolved tag %d-%d does not hold its quote", tg.Start, tg.End)
		}
	}
}

func fuzzRead(f *testing.F, format string, seeds ...string) {
	for _, s := range seeds {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		res, err := ReadBytes("fuzz", format, data, Options{MaxBytes: 1 << 20})
		checkRecords(t, res, err)
	})
}

func FuzzQDPX(f *testing.F) {
	seedExports(f, FormatQDPX, FormatBrat)
	fuzzRead(f, FormatQDPX)
}

func FuzzQDE(f *testing.F) {
	f.Add(qdeOfF(f))
	fuzzRead(f, FormatQDPX, xxe, `<Project xmlns="urn:QDA-XML:project:1.0" name="p"><CodeBook><Codes><Code guid="a" name="x" isCodable="true"/></Codes></CodeBook><Sources><TextSource guid="s"><PlainTextContent>héllo 🙂 world</PlainTextContent><PlainTextSelection guid="p" startPosition="6" endPosition="7"><Coding guid="c"><CodeRef targetGUID="a"/></Coding></PlainTextSelection></TextSource></Sources></Project>`)
}

func FuzzQDC(f *testing.F) {
	seedExports(f, FormatQDC)
	fuzzRead(f, FormatQDC)
}

func FuzzLabelStudio(f *testing.F) {
	seedExports(f, FormatLabelStudio)
	fuzzRead(f, FormatLabelStudio, `{"data":{"text":"a🙂b"},"annotations":[{"completed_by":{"email":"x@y"},"result":[{"type":"labels","value":{"start":1,"end":2,"labels":["L"]}}]}]}`)
}

func FuzzDoccano(f *testing.F) {
	seedExports(f, FormatDoccano)
	fuzzRead(f, FormatDoccano, `{"text":"a🙂b","entities":[{"label":"L","start_offset":1,"end_offset":2}]}`)
}

func FuzzWebAnno(f *testing.F) {
	seedExports(f, FormatWebAnno)
	fuzzRead(f, FormatWebAnno, `[{"type":"Annotation","creator":"urn:workbench:analyst:a%20b","body":{"purpose":"tagging","value":"L"},"target":{"source":"http://x","selector":{"type":"TextQuoteSelector","exact":"b"}}}]`)
}

func FuzzJSONL(f *testing.F) {
	f.Add(ownJSONL(f, fixtureInput(f)))
	fuzzRead(f, FormatJSONL)
}

func FuzzBratAnn(f *testing.F) {
	f.Add([]byte("T1\tescalatory 20 39\tthe minister warned\n#1\tAnnotatorNotes T1\temoji\\n🙂\n"), []byte(bodyB))
	f.Add([]byte("T1\tx 0 1;2 3\ta b\nR1\tr Arg1:T1 Arg2:T1\n"), []byte("a\nb"))
	f.Fuzz(func(t *testing.T, ann, txt []byte) {
		res, err := readBratFiles(map[string][]byte{"a/d.ann": ann, "a/d.txt": txt, "visual.conf": ann}, "fuzz", Options{})
		checkRecords(t, res, err)
	})
}

func qdeOfF(f *testing.F) []byte {
	var b bytes.Buffer
	if err := WriteQDPX(&b, fixtureInput(f)); err != nil {
		f.Fatal(err)
	}
	files, err := zipFiles(b.Bytes(), "x", 1<<20)
	if err != nil {
		f.Fatal(err)
	}
	return files[qdeName]
}

// FuzzAnchor: whatever the record says, a span Resolve takes lies inside
// the body and holds the record's exact text (when it has one); a moved
// span is reported.
func FuzzAnchor(f *testing.F) {
	f.Add(bodyA, "We are ready", 25, 37, "", "")
	f.Add(bodyA, "more", 0, 4, "added ", " & more")
	f.Add("a\r\nb🙂c", "b🙂", 2, 4, "", "")
	f.Add("aaaa", "aa", 3, 5, "a", "")
	f.Fuzz(func(t *testing.T, body, exact string, start, end int, prefix, suffix string) {
		r := Record{File: "f", DocID: "d", Start: start, End: end, Exact: exact, Prefix: prefix, Suffix: suffix, Label: "L"}
		tags, rep := Resolve([]Record{r}, NewDocuments([]model.Article{{ID: "d", Body: body}}), ResolveOptions{AddUnknownLabels: true})
		if len(tags)+len(rep.Unanchored)+len(rep.Rejected) != 1 {
			t.Fatalf("record neither taken nor reported: %+v", rep)
		}
		for _, tg := range tags {
			got, ok := slice(body, tg.Start, tg.End)
			if !ok || got != tg.Quote || (exact != "" && got != exact) {
				t.Fatalf("span %d-%d holds %q, want %q", tg.Start, tg.End, got, exact)
			}
			if (tg.Start != start || tg.End != end) && len(rep.Reanchored) != 1 {
				t.Fatal("moved without a report")
			}
		}
	})
}
