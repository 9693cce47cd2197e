package ingest

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"testing/fstest"
	"unicode/utf8"

	"github.com/workbench-dev/workbench/internal/model"
)

// fuzzRead runs one file through ReadFS with a small size limit and checks
// the invariants every reader keeps: no panic, no error from ReadFS, every
// article with an ID, a non-empty valid UTF-8 body and title, every
// problem naming the file with a reason.
func fuzzRead(t *testing.T, name string, data []byte) {
	fsys := fstest.MapFS{name: {Data: data}}
	for _, max := range []int64{DefaultMaxDocBytes, 512} {
		err := ReadFS(context.Background(), fsys, []string{name}, Options{MaxDocBytes: max},
			func(a model.Article) error {
				if a.ID == "" {
					t.Errorf("article without an ID: %+v", a)
				}
				if strings.TrimSpace(a.Body) == "" {
					t.Errorf("article %q with an empty body", a.ID)
				}
				if !utf8.ValidString(a.Body) || !utf8.ValidString(a.Title) || !utf8.ValidString(a.ID) {
					t.Errorf("article %q: invalid UTF-8", a.ID)
				}
				if a.Path != name {
					t.Errorf("article %q: path %q", a.ID, a.Path)
				}
				return nil
			},
			func(p Problem) {
				if p.Path != name || p.Err == nil || p.Line < 0 {
					t.Errorf("bad problem: %#v", p)
				}
				_ = p.Error()
			})
		if err != nil {
			t.Errorf("ReadFS: %v", err)
		}
	}
}

// addSeeds adds the testdata files with one of the extensions.
func addSeeds(f *testing.F, exts ...string) {
	for _, dir := range []string{"testdata/formats", "testdata/kremlin"} {
		entries, _ := os.ReadDir(dir)
		for _, e := range entries {
			for _, ext := range exts {
				if strings.HasSuffix(e.Name(), ext) {
					if b, err := os.ReadFile(filepath.Join(dir, e.Name())); err == nil {
						f.Add(b)
					}
				}
			}
		}
	}
}

func FuzzJSONL(f *testing.F) {
	addSeeds(f, ".jsonl", ".json")
	f.Add([]byte(`{"title": 5, "body": ["x"]}` + "\n" + `{"body":"ok","date":"2020-01-01"}`))
	f.Add([]byte("\xef\xbb\xbf{\"body\":\"bom\"}\r\n\r\n{\"body\":\"\xff\"}"))
	f.Fuzz(func(t *testing.T, data []byte) {
		fuzzRead(t, "f.jsonl", data)
		fuzzRead(t, "f.json", data)
	})
}

func FuzzCSV(f *testing.F) {
	addSeeds(f, ".csv")
	f.Add([]byte("id,title,body\n1,a\n2,b,c,d\n3,\"unterminated\n"))
	f.Add([]byte("body\n\"a\"\"b\"\n"))
	f.Fuzz(func(t *testing.T, data []byte) {
		fuzzRead(t, "f.csv", data)
	})
}

func FuzzHTML(f *testing.F) {
	addSeeds(f, ".html")
	f.Add([]byte("<html><head><meta charset=windows-1251><title>\xcf\xf0\xe8</title></head><body><p>\xf2\xe5\xea\xf1\xf2</p></body></html>"))
	f.Add([]byte(strings.Repeat("<div>", 600) + "x"))
	f.Add([]byte(`<article itemscope itemtype="http://schema.org/NewsArticle"><div itemprop="description">lead</div><div itemprop="articleBody"><p>body</p></div></article>`))
	f.Fuzz(func(t *testing.T, data []byte) {
		fuzzRead(t, "f.html", data)
	})
}

func FuzzText(f *testing.F) {
	addSeeds(f, ".txt", ".md")
	f.Add([]byte("---\ntitle: x\ndate: 2020-01-01\n---\nbody"))
	f.Add([]byte("Title\n=====\nDate: March 3rd, 2020\n\nbody"))
	f.Fuzz(func(t *testing.T, data []byte) {
		fuzzRead(t, "f.txt", data)
		fuzzRead(t, "f.md", data)
	})
}

func FuzzParseDate(f *testing.F) {
	for _, s := range []string{"2024-03-05", "March 5th, 2024", "Sept. 5, 2024", "1709632800", "05.03.2024"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		d, err := ParseDate(s)
		if err == nil && d.IsZero() && strings.TrimSpace(s) != "" {
			// A zero date parsed without error would be read as "unknown".
			if !strings.HasPrefix(strings.TrimSpace(s), "0001") {
				t.Errorf("ParseDate(%q) = zero time without an error", s)
			}
		}
	})
}
