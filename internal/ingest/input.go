package ingest

import (
	"bufio"
	"bytes"
	"compress/gzip"
	"context"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"path"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/workbench-dev/workbench/internal/model"
)

// input is one opened file, ready for a reader.
type input struct {
	path    string    // as shown in messages
	rel     string    // slash-separated path relative to the ingested root, for IDs
	source  string    // fallback source (the ingested folder's name)
	r       io.Reader // raw file content (maybe gzipped)
	size    int64     // file size on disk; -1 when unknown
	modTime time.Time // file mtime; zero when unknown
}

// TooLargeError reports a document over Options.MaxDocBytes.
type TooLargeError struct {
	Limit int64
	What  string // "file", "line", "record", "element"
}

func (e *TooLargeError) Error() string {
	return fmt.Sprintf("skipped: %s larger than %s (raise --max-doc-size)", e.What, humanBytes(e.Limit))
}

// humanBytes renders a byte count as "8 MiB", "512 KiB" or "100 bytes".
func humanBytes(n int64) string {
	switch {
	case n >= 1<<30 && n%(1<<30) == 0:
		return fmt.Sprintf("%d GiB", n>>30)
	case n >= 1<<20 && n%(1<<20) == 0:
		return fmt.Sprintf("%d MiB", n>>20)
	case n >= 1<<20:
		return fmt.Sprintf("%.1f MiB", float64(n)/(1<<20))
	case n >= 1<<10 && n%(1<<10) == 0:
		return fmt.Sprintf("%d KiB", n>>10)
	case n >= 1<<10:
		return fmt.Sprintf("%.1f KiB", float64(n)/(1<<10))
	}
	return fmt.Sprintf("%d bytes", n)
}

// maxProblemsPerFile caps the problems reported for one file; the rest are
// summarised in one last problem.
const maxProblemsPerFile = 100

// fileReporter counts and caps the problems of one file.
type fileReporter struct {
	path       string
	report     func(Problem)
	n          int
	suppressed int
	// lim is the decompression cap of a gzipped file: once it is hit, the
	// reader's own complaint about the cut stream is replaced by its error.
	lim      *expandLimit
	limShown bool
}

func (fr *fileReporter) add(line int, err error) {
	if e := fr.lim.err(); e != nil {
		if fr.limShown {
			return
		}
		fr.limShown = true
		line, err = 0, e
	}
	fr.n++
	if fr.n > maxProblemsPerFile {
		fr.suppressed++
		return
	}
	fr.report(Problem{Path: fr.path, Line: line, Err: err})
}

func (fr *fileReporter) note(line int, err error) {
	fr.report(Problem{Path: fr.path, Line: line, Err: err, Note: true})
}

func (fr *fileReporter) finish() {
	if e := fr.lim.err(); e != nil && !fr.limShown {
		fr.limShown = true
		fr.report(Problem{Path: fr.path, Err: e})
	}
	if fr.suppressed > 0 {
		fr.report(Problem{Path: fr.path, Err: fmt.Errorf("%d more bad records not shown", fr.suppressed)})
	}
}

// emitter wraps emit and the context so that their errors end the run.
type emitter struct {
	ctx  context.Context
	emit func(model.Article) error
}

func (e emitter) send(a model.Article) error {
	if err := e.ctx.Err(); err != nil {
		return errStop{err}
	}
	if err := e.emit(a); err != nil {
		return errStop{err}
	}
	return nil
}

func (e emitter) check() error {
	if err := e.ctx.Err(); err != nil {
		return errStop{err}
	}
	return nil
}

// sniffLen is how much of a file is checked for binary content.
const sniffLen = 8 << 10

// readInput decompresses, sniffs and dispatches one file to its reader.
// It returns only run-ending errors (errStop); file problems are reported.
func readInput(ctx context.Context, in input, opts Options, emit func(model.Article) error, report func(Problem)) error {
	f, gz := formatOf(in.path)
	fr := &fileReporter{path: in.path, report: report}
	if f == fmtNone {
		ext := strings.ToLower(path.Ext(in.path))
		if ext == "" {
			fr.note(0, errors.New("skipped: no file extension (want .txt .md .jsonl .json .csv .html .htm, or .gz of these)"))
		} else {
			fr.note(0, fmt.Errorf("skipped: unsupported file type %s (want .txt .md .jsonl .json .csv .html .htm, or .gz of these)", ext))
		}
		return nil
	}
	max := opts.maxDoc()
	single := f == fmtText || f == fmtMarkdown || f == fmtHTML
	if single && !gz && in.size > max {
		// Rejected from its size alone, without reading it.
		fr.add(0, &TooLargeError{Limit: max, What: "file"})
		return nil
	}
	r := in.r
	if gz {
		zr, err := gzip.NewReader(bufio.NewReaderSize(in.r, 32<<10))
		if err != nil {
			fr.add(0, fmt.Errorf("not a valid gzip file: %v", err))
			return nil
		}
		defer zr.Close()
		zr.Multistream(true)
		fr.lim = &expandLimit{r: zr, left: opts.maxExpanded(), limit: opts.maxExpanded()}
		r = fr.lim
	}
	br := bufio.NewReaderSize(r, 64<<10)
	head, err := br.Peek(sniffLen)
	if err != nil && err != io.EOF && !errors.Is(err, bufio.ErrBufferFull) {
		fr.add(0, readErr(err))
		return nil
	}
	if len(bytes.TrimSpace(bytes.TrimPrefix(head, utf8BOM))) == 0 {
		// Whitespace-only head: empty unless more follows.
		if len(head) < sniffLen {
			fr.add(0, errors.New("empty file"))
			return nil
		}
	}
	if msg := sniffBinary(head); msg != "" {
		fr.add(0, errors.New(msg))
		return nil
	}
	if bytes.HasPrefix(head, utf8BOM) {
		br.Discard(len(utf8BOM))
	}
	em := emitter{ctx: ctx, emit: emit}
	d := doc{in: in, fr: fr, em: em, max: max, gz: gz}
	switch f {
	case fmtText, fmtMarkdown:
		err = d.readText(br, f == fmtMarkdown)
	case fmtJSONL:
		err = d.readJSONL(br)
	case fmtJSON:
		err = d.readJSON(br)
	case fmtCSV:
		err = d.readCSV(br)
	case fmtHTML:
		err = d.readHTML(br)
	}
	fr.finish()
	return err
}

// doc carries what every reader needs.
type doc struct {
	in  input
	fr  *fileReporter
	em  emitter
	max int64
	gz  bool
}

var utf8BOM = []byte{0xEF, 0xBB, 0xBF}

// sniffBinary returns why head does not look like text, or "".
func sniffBinary(head []byte) string {
	if bytes.HasPrefix(head, []byte{0xFF, 0xFE}) || bytes.HasPrefix(head, []byte{0xFE, 0xFF}) {
		return "UTF-16 text is not supported: convert the file to UTF-8"
	}
	if i := bytes.IndexByte(head, 0); i >= 0 {
		return fmt.Sprintf("binary file (NUL byte at offset %d), not text", i)
	}
	// Many control bytes other than whitespace: binary.
	ctl := 0
	for _, c := range head {
		if c < 0x20 && c != '\n' && c != '\r' && c != '\t' && c != '\f' && c != 0x1b {
			ctl++
		}
	}
	if len(head) > 0 && ctl*10 > len(head) {
		return "binary file (control bytes), not text"
	}
	return ""
}

// invalidUTF8 returns the byte offset of the first invalid UTF-8 sequence in
// b, or -1.
func invalidUTF8(b []byte) int {
	if utf8.Valid(b) {
		return -1
	}
	for i := 0; i < len(b); {
		r, size := utf8.DecodeRune(b[i:])
		if r == utf8.RuneError && size <= 1 {
			return i
		}
		i += size
	}
	return -1
}

// utf8Err describes invalid UTF-8 at byte offset off of b (line counted
// from firstLine).
func utf8Err(b []byte, off int) (line int, err error) {
	line = 1 + bytes.Count(b[:off], []byte{'\n'})
	return line, fmt.Errorf("invalid UTF-8 at byte %d (line %d): convert the file to UTF-8", off, line)
}

// readErr describes an error while reading a file's content.
func readErr(err error) error {
	if errors.Is(err, gzip.ErrChecksum) || errors.Is(err, gzip.ErrHeader) || errors.Is(err, io.ErrUnexpectedEOF) {
		return fmt.Errorf("truncated or corrupt file: %v", err)
	}
	var pe *fs.PathError
	if errors.As(err, &pe) {
		err = pe.Err
	}
	return fmt.Errorf("read error: %v", err)
}

// describeOpenErr turns an open/stat error into a reason.
func describeOpenErr(err error) error {
	var pe *fs.PathError
	if errors.As(err, &pe) {
		err = pe.Err
	}
	switch {
	case errors.Is(err, fs.ErrPermission):
		return errors.New("cannot read: permission denied")
	case errors.Is(err, fs.ErrNotExist):
		return errors.New("no such file or folder")
	}
	return fmt.Errorf("cannot read: %v", err)
}

// readAllLimited reads r to the end, failing with a TooLargeError beyond max
// bytes (it never holds more than max+1 bytes).
func readAllLimited(r io.Reader, max int64, what string) ([]byte, error) {
	b, err := io.ReadAll(io.LimitReader(r, max+1))
	if err != nil {
		return nil, readErr(err)
	}
	if int64(len(b)) > max {
		return nil, &TooLargeError{Limit: max, What: what}
	}
	return b, nil
}
