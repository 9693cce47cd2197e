// Package ingest turns files into model.Article values.
//
// Each supported format has a small reader: plain text and Markdown (.txt,
// .md), JSON Lines (.jsonl), JSON (.json, an array or one object), CSV with a
// header row (.csv) and HTML (.html, .htm); any of them may be gzipped (.gz,
// format taken from the inner extension). Walk reads files and folders of the
// local file system, ReadFS the files of an fs.FS (the embedded sample).
//
// Bad input never stops a run: each problem is handed to the report callback
// with the path, the line when there is one, and the reason, and everything
// good is still emitted. Memory stays bounded by Options.MaxDocBytes: no
// reader holds more than about one document in memory, and one oversized
// record (JSON array element, JSON Lines line, CSV row) is skipped on its
// own. A gzipped file is read up to Options.MaxExpandedBytes of
// decompressed content.
package ingest

import (
	"context"
	"errors"
	"fmt"
	"io/fs"
	"path"
	"strings"

	"github.com/workbench-dev/workbench/internal/model"
)

// DefaultMaxDocBytes is the default per-document size limit (8 MiB).
const DefaultMaxDocBytes = 8 << 20

// Options tune ingestion.
type Options struct {
	// MaxDocBytes is the per-document limit: one JSONL line, one CSV record,
	// one element of a JSON array, or a whole file for the single-document
	// formats (text, Markdown, HTML, a JSON object). 0 = DefaultMaxDocBytes.
	MaxDocBytes int64
	// MaxExpandedBytes caps what one gzipped file may decompress to; past
	// it the rest of the file is skipped with an *ExpandedTooLargeError.
	// 0 = DefaultMaxExpandedBytes (1 GiB).
	MaxExpandedBytes int64
}

func (o Options) maxDoc() int64 {
	if o.MaxDocBytes <= 0 {
		return DefaultMaxDocBytes
	}
	return o.MaxDocBytes
}

// Problem is one bad file, bad record or (with Note set) an informational
// remark such as a skipped extension.
type Problem struct {
	Path string
	Line int // 1-based; 0 when the problem concerns the whole file
	Err  error
	// Note marks an informational problem (a skipped file of an unsupported
	// type, an unrecognised date left empty): not a failure.
	Note bool
}

// Error renders "PATH:LINE: reason" (":LINE" only when Line > 0).
func (p Problem) Error() string {
	msg := "unknown problem"
	if p.Err != nil {
		msg = p.Err.Error()
	}
	if p.Line > 0 {
		return fmt.Sprintf("%s:%d: %s", p.Path, p.Line, msg)
	}
	return fmt.Sprintf("%s: %s", p.Path, msg)
}

// Unwrap returns the underlying error.
func (p Problem) Unwrap() error { return p.Err }

// format is one supported file format.
type format int

const (
	fmtNone format = iota
	fmtText
	fmtMarkdown
	fmtJSONL
	fmtJSON
	fmtCSV
	fmtHTML
)

func (f format) String() string {
	switch f {
	case fmtText:
		return "text"
	case fmtMarkdown:
		return "Markdown"
	case fmtJSONL:
		return "JSON Lines"
	case fmtJSON:
		return "JSON"
	case fmtCSV:
		return "CSV"
	case fmtHTML:
		return "HTML"
	}
	return "unsupported"
}

// formatOf returns the format of a file name and whether it is gzipped.
func formatOf(name string) (format, bool) {
	lower := strings.ToLower(path.Base(strings.ReplaceAll(name, "\\", "/")))
	gz := false
	if strings.HasSuffix(lower, ".gz") {
		gz = true
		lower = strings.TrimSuffix(lower, ".gz")
	}
	switch path.Ext(lower) {
	case ".txt", ".text":
		return fmtText, gz
	case ".md", ".markdown":
		return fmtMarkdown, gz
	case ".jsonl", ".ndjson":
		return fmtJSONL, gz
	case ".json":
		return fmtJSON, gz
	case ".csv":
		return fmtCSV, gz
	case ".html", ".htm", ".xhtml":
		return fmtHTML, gz
	}
	return fmtNone, gz
}

// Supported reports whether a file name has a supported extension
// (.txt .md .jsonl .json .csv .html .htm, each optionally followed by .gz).
func Supported(name string) bool {
	f, _ := formatOf(name)
	return f != fmtNone
}

// errStop wraps an error returned by emit (or the context's), which ends
// the whole run rather than one file.
type errStop struct{ err error }

func (e errStop) Error() string { return e.err.Error() }
func (e errStop) Unwrap() error { return e.err }

// stopErr extracts the run-ending error, if err is one.
func stopErr(err error) (error, bool) {
	var s errStop
	if errors.As(err, &s) {
		return s.err, true
	}
	return nil, false
}

// ReadFS ingests the named files of fsys (names use forward slashes, as
// fs.FS wants; folders are read recursively). IDs are derived from the
// names; a record's own id wins. It stops early only when ctx is cancelled
// or emit returns an error, and then returns that error.
func ReadFS(ctx context.Context, fsys fs.FS, names []string, opts Options, emit func(model.Article) error, report func(Problem)) error {
	if report == nil {
		report = func(Problem) {}
	}
	for _, name := range names {
		if err := ctx.Err(); err != nil {
			return err
		}
		fi, err := fs.Stat(fsys, name)
		if err != nil {
			report(Problem{Path: name, Err: describeOpenErr(err)})
			continue
		}
		if fi.IsDir() {
			err = fs.WalkDir(fsys, name, func(p string, d fs.DirEntry, err error) error {
				if cerr := ctx.Err(); cerr != nil {
					return cerr
				}
				if err != nil {
					report(Problem{Path: p, Err: describeOpenErr(err)})
					if d != nil && d.IsDir() {
						return fs.SkipDir
					}
					return nil
				}
				if d.IsDir() {
					return nil
				}
				rel := strings.TrimPrefix(strings.TrimPrefix(p, name), "/")
				if name == "." {
					rel = p
				}
				return ingestFSFile(ctx, fsys, p, rel, path.Base(name), opts, emit, report)
			})
			if err != nil {
				if s, ok := stopErr(err); ok {
					return s
				}
				return err
			}
			continue
		}
		if err := ingestFSFile(ctx, fsys, name, name, fsSourceName(name), opts, emit, report); err != nil {
			if s, ok := stopErr(err); ok {
				return s
			}
			return err
		}
	}
	return nil
}

// fsSourceName is the fallback source of a file named directly in an fs.FS:
// its folder's name, or "" at the top.
func fsSourceName(name string) string {
	dir := path.Dir(name)
	if dir == "." || dir == "/" {
		return ""
	}
	return path.Base(dir)
}

func ingestFSFile(ctx context.Context, fsys fs.FS, name, rel, source string, opts Options, emit func(model.Article) error, report func(Problem)) error {
	f, err := fsys.Open(name)
	if err != nil {
		report(Problem{Path: name, Err: describeOpenErr(err)})
		return nil
	}
	defer f.Close()
	fi, err := f.Stat()
	if err != nil {
		report(Problem{Path: name, Err: describeOpenErr(err)})
		return nil
	}
	in := input{
		path:    name,
		rel:     rel,
		source:  source,
		r:       f,
		size:    fi.Size(),
		modTime: fi.ModTime(),
	}
	return readInput(ctx, in, opts, emit, report)
}
