package eval

import (
	"bufio"
	"compress/gzip"
	"encoding/json"
	"fmt"
	"io"
	"os"
	"strings"
	"time"

	"github.com/workbench-dev/workbench/internal/model"
)

// ReadCorpus reads a JSONL corpus (one article a line: id, title, date,
// url, source, body; gzipped when the name ends in .gz) and calls fn for
// each article.
func ReadCorpus(path string, fn func(model.Article) error) error {
	f, err := os.Open(path)
	if err != nil {
		return err
	}
	defer f.Close()
	var r io.Reader = f
	if strings.HasSuffix(path, ".gz") {
		gz, err := gzip.NewReader(f)
		if err != nil {
			return fmt.Errorf("%s: %w", path, err)
		}
		defer gz.Close()
		r = gz
	}
	sc := bufio.NewScanner(r)
	sc.Buffer(nil, 64<<20)
	line := 0
	for sc.Scan() {
		line++
		var rec struct {
			ID, Title, Date, URL, Source, Body string
		}
		if err := json.Unmarshal(sc.Bytes(), &rec); err != nil {
			return fmt.Errorf("%s:%d: %w", path, line, err)
		}
		a := model.Article{ID: rec.ID, Title: rec.Title, URL: rec.URL, Source: rec.Source, Body: rec.Body, Path: path}
		if t, err := time.Parse("2006-01-02", rec.Date); err == nil {
			a.Date = t
		}
		if err := fn(a); err != nil {
			return err
		}
	}
	if err := sc.Err(); err != nil {
		return fmt.Errorf("%s:%d: %w", path, line+1, err)
	}
	return nil
}

func parseDate(s string) (time.Time, error) { return time.Parse("2006-01-02", s) }
