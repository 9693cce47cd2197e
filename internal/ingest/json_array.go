package ingest

import (
	"bufio"
	"bytes"
	"errors"
	"fmt"
	"io"
)

// readJSONArray reads a JSON array of objects element by element, without
// json.Decoder: it finds the end of each element itself (brackets, braces,
// strings and escapes), so an element over the limit is skipped on its own,
// without being held, and the elements after it are still read. A broken
// element is reported by line and the next one is read. line is the line
// of the opening bracket, which br is at.
func (d *doc) readJSONArray(br *bufio.Reader, line int) error {
	s := &jsonScan{br: br, line: line}
	if c, err := br.ReadByte(); err != nil || c != '[' {
		d.fr.add(line, errors.New("invalid JSON: want an array"))
		return nil
	}
	n := 0
	for {
		if err := d.em.check(); err != nil {
			return err
		}
		c, err := s.skipSpace()
		if err != nil {
			d.fr.add(0, errors.New("invalid JSON: unexpected end of file"))
			return nil
		}
		if c == ']' && n == 0 {
			br.ReadByte()
			d.fr.add(0, errors.New("no records: the array is empty"))
			break
		}
		n++
		start := s.line
		raw, tooLarge, err := s.value(d.max)
		if err != nil {
			if n > 1 || tooLarge || len(raw) > 0 {
				d.fr.add(0, fmt.Errorf("invalid JSON: unexpected end of file in record %d", n))
			} else {
				d.fr.add(0, errors.New("invalid JSON: unexpected end of file"))
			}
			return nil
		}
		switch {
		case tooLarge:
			d.fr.add(start, &TooLargeError{Limit: d.max, What: "record"})
		case invalidUTF8(raw) >= 0:
			d.fr.add(start, fmt.Errorf("invalid UTF-8 at byte %d of record %d: convert the file to UTF-8", invalidUTF8(raw), n))
		default:
			if err := d.record(start, raw, fmt.Sprintf("%s#%d", d.in.rel, n)); err != nil {
				return err
			}
		}
		c, err = s.skipSpace()
		if err != nil {
			d.fr.add(0, errors.New("invalid JSON: unexpected end of file (the array is not closed)"))
			return nil
		}
		br.ReadByte()
		if c == ']' {
			break
		}
		if c != ',' {
			d.fr.add(s.line, fmt.Errorf("invalid JSON: want , or ] after record %d, got %q; the rest of the file is skipped", n, c))
			return nil
		}
	}
	if c, err := s.skipSpace(); err != io.EOF {
		if err == nil {
			_ = c
			d.fr.add(s.line, errors.New("unexpected data after the JSON array; ignored"))
		} else {
			d.fr.add(0, readErr(err))
		}
	}
	return nil
}

// jsonScan finds the ends of JSON values in a stream, counting lines.
type jsonScan struct {
	br   *bufio.Reader
	line int
}

// skipSpace skips JSON white space and returns the next byte without
// consuming it.
func (s *jsonScan) skipSpace() (byte, error) {
	for {
		c, err := s.br.ReadByte()
		if err != nil {
			return 0, err
		}
		switch c {
		case '\n':
			s.line++
			continue
		case ' ', '\t', '\r':
			continue
		}
		s.br.UnreadByte()
		return c, nil
	}
}

// value consumes one JSON value and returns its bytes, or tooLarge (and no
// bytes beyond max) when it is longer than max. It checks only what it
// needs to find the end (nesting and strings); the record decoder checks
// the rest. An error means the stream ended (or failed) inside the value.
func (s *jsonScan) value(max int64) (raw []byte, tooLarge bool, err error) {
	var buf []byte
	var n int64
	depth := 0
	inStr, esc := false, false
	// keep adds b (bytes of the value) to buf unless the value is too large.
	keep := func(b []byte) {
		n += int64(len(b))
		s.line += bytes.Count(b, nl)
		if tooLarge {
			return
		}
		if n > max {
			tooLarge, buf = true, nil
			return
		}
		buf = append(buf, b...)
	}
	for {
		if s.br.Buffered() == 0 {
			if _, err := s.br.Peek(1); err != nil {
				if err == io.EOF && depth == 0 && !inStr && n > 0 {
					return buf, tooLarge, nil // a scalar at the end of input
				}
				if err == io.EOF {
					err = io.ErrUnexpectedEOF
				}
				return buf, tooLarge, err
			}
		}
		chunk, _ := s.br.Peek(s.br.Buffered())
		end := -1 // index in chunk of the value's last byte
		scalarEnd := false
	scan:
		for i := 0; i < len(chunk); i++ {
			c := chunk[i]
			if inStr {
				if esc {
					esc = false
					continue
				}
				// Jump to the next quote or backslash.
				j := bytes.IndexAny(chunk[i:], "\\\"")
				if j < 0 {
					break scan
				}
				i += j
				if chunk[i] == '\\' {
					esc = true
					continue
				}
				inStr = false
				if depth == 0 {
					end = i
					break scan
				}
				continue
			}
			if depth == 0 && n+int64(i) > 0 {
				// Inside a top-level scalar: it ends at a delimiter.
				switch c {
				case ',', ']', '}', ' ', '\t', '\r', '\n':
					end, scalarEnd = i-1, true
					break scan
				}
			}
			switch c {
			case '"':
				inStr = true
			case '{', '[':
				depth++
			case '}', ']':
				depth--
				if depth <= 0 {
					end = i
					break scan
				}
			}
		}
		if end >= 0 || scalarEnd {
			keep(chunk[:end+1])
			s.br.Discard(end + 1)
			return buf, tooLarge, nil
		}
		keep(chunk)
		s.br.Discard(len(chunk))
	}
}

var nl = []byte{'\n'}
