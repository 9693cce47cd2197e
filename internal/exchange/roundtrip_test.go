package exchange

import (
	"os"
	"path/filepath"
	"reflect"
	"testing"
)

// TestRoundTrip exports the fixture in every format, reads it back and
// resolves it against the same articles: the same tags (label, span,
// analyst, note) come back, nothing is reported.
func TestRoundTrip(t *testing.T) {
	in := fixtureInput(t)
	want := keys(in.Tags, true)
	for _, tc := range []struct{ format, name string }{
		{FormatQDPX, "out.qdpx"},
		{FormatLabelStudio, "tasks.json"},
		{FormatDoccano, "out.jsonl"},
		{FormatBrat, "brat"},
		{FormatBrat, "brat.zip"},
		{FormatWebAnno, "out.jsonld"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			dir := t.TempDir()
			path := filepath.Join(dir, tc.name)
			written, err := ExportFile(path, tc.format, in)
			if err != nil {
				t.Fatal(err)
			}
			if len(written) == 0 {
				t.Fatal("nothing written")
			}
			res, err := Read(path, Options{})
			if err != nil {
				t.Fatal(err)
			}
			if res.Format != tc.format {
				t.Errorf("detected %q, want %q", res.Format, tc.format)
			}
			tags, rep := Resolve(res.Records, NewDocuments(fixtureArticles()), ResolveOptions{Labels: in.Labels})
			if err := rep.Err(); err != nil {
				t.Fatal(err)
			}
			if len(rep.Reanchored) > 0 || rep.Duplicates > 0 || len(rep.NewLabels) > 0 {
				t.Errorf("unexpected report: %+v", rep)
			}
			if got := keys(tags, true); !reflect.DeepEqual(got, want) {
				t.Errorf("round trip:\n got %q\nwant %q", got, want)
			}
			// importing the same file again next to what is there adds nothing
			again, rep2 := Resolve(res.Records, NewDocuments(fixtureArticles()), ResolveOptions{Labels: in.Labels, Existing: tags})
			if len(again) != 0 || rep2.Duplicates != len(tags) {
				t.Errorf("second import: %d new tags, %d duplicates, want 0 and %d", len(again), rep2.Duplicates, len(tags))
			}
		})
	}
}

// TestJSONLImport reads workbench's own JSONL export shape.
func TestJSONLImport(t *testing.T) {
	in := fixtureInput(t)
	path := filepath.Join(t.TempDir(), "tags.jsonl")
	if err := os.WriteFile(path, ownJSONL(t, in), 0o644); err != nil {
		t.Fatal(err)
	}
	res, err := Read(path, Options{})
	if err != nil {
		t.Fatal(err)
	}
	if res.Format != FormatJSONL {
		t.Fatalf("detected %q", res.Format)
	}
	tags, rep := Resolve(res.Records, NewDocuments(fixtureArticles()), ResolveOptions{Labels: in.Labels})
	if err := rep.Err(); err != nil {
		t.Fatal(err)
	}
	if got, want := keys(tags, true), keys(in.Tags, true); !reflect.DeepEqual(got, want) {
		t.Errorf("got %q\nwant %q", got, want)
	}
	if tags[0].QuoteID == "" {
		t.Error("quote id lost")
	}
}

// TestDeterministic: exporting twice gives the same bytes.
func TestDeterministic(t *testing.T) {
	in := fixtureInput(t)
	for _, f := range ExportFormats {
		var a, b bytesBuffer
		if err := Export(&a, f, in); err != nil {
			t.Fatal(f, err)
		}
		// shuffle the input order: output must not depend on it
		in2 := in
		in2.Tags = append(in.Tags[3:len(in.Tags):len(in.Tags)], in.Tags[:3]...)
		if err := Export(&b, f, in2); err != nil {
			t.Fatal(f, err)
		}
		if a.String() != b.String() {
			t.Errorf("%s: two exports differ", f)
		}
	}
}
