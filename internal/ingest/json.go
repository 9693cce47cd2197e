package ingest

import (
	"bufio"
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
)

// errWindow is returned by trackReader when one record needs more than its
// window of bytes.
var errWindow = errors.New("record window exceeded")

// trackReader counts bytes read since the last reset (failing beyond
// window, which bounds the memory one record may take) and remembers the
// recent bytes so that a stream offset can be turned into a line number.
type trackReader struct {
	r      io.Reader
	window int64
	since  int64
	// noLines turns off the line bookkeeping (readers that count lines
	// themselves).
	noLines bool

	base     int64 // stream offset of chunks[0]
	lineBase int   // newlines before base
	chunks   [][]byte
	total    int64
}

func (t *trackReader) Read(p []byte) (int, error) {
	if t.since >= t.window {
		return 0, errWindow
	}
	if rem := t.window - t.since; int64(len(p)) > rem {
		p = p[:rem]
	}
	n, err := t.r.Read(p)
	if n > 0 {
		t.since += int64(n)
		t.total += int64(n)
		if !t.noLines {
			t.chunks = append(t.chunks, append([]byte(nil), p[:n]...))
		}
	}
	return n, err
}

func (t *trackReader) reset() { t.since = 0 }

// lineAt returns the 1-based line of stream offset off. Offsets must not
// decrease between calls: earlier chunks are forgotten.
func (t *trackReader) lineAt(off int64) int {
	for len(t.chunks) > 0 && t.base+int64(len(t.chunks[0])) <= off {
		t.lineBase += bytes.Count(t.chunks[0], []byte{'\n'})
		t.base += int64(len(t.chunks[0]))
		t.chunks[0] = nil
		t.chunks = t.chunks[1:]
	}
	line := t.lineBase + 1
	if len(t.chunks) > 0 && off > t.base {
		line += bytes.Count(t.chunks[0][:off-t.base], []byte{'\n'})
	}
	return line
}

// readJSON reads a .json file: an array of objects (readJSONArray), one
// object, or a stream of objects (JSON Lines named .json). IDs default to "REL#N" (N the
// 1-based element number), or "REL" for a file of one object.
func (d *doc) readJSON(br *bufio.Reader) error {
	// Skip leading white space to see what the file holds.
	skipped := 0
	var first byte
	for {
		c, err := br.ReadByte()
		if err == io.EOF {
			d.fr.add(0, errors.New("empty file"))
			return nil
		}
		if err != nil {
			d.fr.add(0, readErr(err))
			return nil
		}
		if c == ' ' || c == '\t' || c == '\r' || c == '\n' {
			if c == '\n' {
				skipped++
			}
			continue
		}
		first = c
		br.UnreadByte()
		break
	}
	tr := &trackReader{r: br, window: 2*d.max + 1<<20, lineBase: skipped}
	dec := json.NewDecoder(tr)
	// fail reports a decoding error that ends the file.
	fail := func(err error, what string) {
		switch {
		case errors.Is(err, errWindow):
			d.fr.add(tr.lineAt(dec.InputOffset()), &TooLargeError{Limit: d.max, What: what})
		case errors.Is(err, io.ErrUnexpectedEOF), errors.Is(err, io.EOF):
			d.fr.add(0, errors.New("invalid JSON: unexpected end of file"))
		default:
			var se *json.SyntaxError
			if errors.As(err, &se) {
				d.fr.add(tr.lineAt(se.Offset), fmt.Errorf("invalid JSON: %v; the rest of the file is skipped", se))
				return
			}
			d.fr.add(tr.lineAt(dec.InputOffset()), fmt.Errorf("%v; the rest of the file is skipped", jsonErr(err)))
		}
	}
	// one handles one decoded element.
	one := func(raw json.RawMessage, n int, id string) error {
		trimmed := bytes.TrimLeft(raw, " \t\r\n")
		line := tr.lineAt(dec.InputOffset() - int64(len(trimmed)))
		if int64(len(raw)) > d.max {
			d.fr.add(line, &TooLargeError{Limit: d.max, What: "record"})
			return nil
		}
		if off := invalidUTF8(raw); off >= 0 {
			d.fr.add(line, fmt.Errorf("invalid UTF-8 at byte %d of record %d: convert the file to UTF-8", off, n))
			return nil
		}
		return d.record(line, raw, id)
	}

	switch first {
	case '[':
		return d.readJSONArray(br, 1+skipped)
	case '{':
		for n := 1; ; n++ {
			if err := d.em.check(); err != nil {
				return err
			}
			tr.reset()
			var raw json.RawMessage
			if err := dec.Decode(&raw); err != nil {
				if err == io.EOF {
					return nil
				}
				fail(err, "file")
				return nil
			}
			id := d.in.rel
			if n > 1 || dec.More() {
				id = fmt.Sprintf("%s#%d", d.in.rel, n)
			}
			if err := one(raw, n, id); err != nil {
				return err
			}
		}
	default:
		d.fr.add(1+skipped, fmt.Errorf("want a JSON array of objects or one object, got %s", jsonKind([]byte{first})))
		return nil
	}
}
