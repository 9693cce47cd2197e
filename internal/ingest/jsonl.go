package ingest

import (
	"bufio"
	"bytes"
	"errors"
	"fmt"
	"io"
)

// readLines calls fn for each line of br (without the line end), never
// holding more than max bytes of one line: a longer line is passed as
// tooLarge with no content, after being skipped.
func readLines(br *bufio.Reader, max int64, fn func(lineNo int, line []byte, tooLarge bool) error) error {
	var buf []byte
	for lineNo := 1; ; lineNo++ {
		buf = buf[:0]
		tooLarge := false
		var n int64
		var err error
		for {
			var chunk []byte
			chunk, err = br.ReadSlice('\n')
			n += int64(len(chunk))
			if !tooLarge {
				if n > max+2 { // +2: the line end does not count
					tooLarge = true
					buf = buf[:0]
				} else {
					buf = appendCapped(buf, chunk, max+2)
				}
			}
			if errors.Is(err, bufio.ErrBufferFull) {
				continue
			}
			break
		}
		if err != nil && err != io.EOF {
			return err
		}
		if n == 0 && err == io.EOF {
			return nil
		}
		line := bytes.TrimSuffix(buf, []byte{'\n'})
		line = bytes.TrimSuffix(line, []byte{'\r'})
		if !tooLarge && int64(len(line)) > max {
			tooLarge = true
		}
		if tooLarge {
			line = nil
		}
		if ferr := fn(lineNo, line, tooLarge); ferr != nil {
			return ferr
		}
		if err == io.EOF {
			return nil
		}
	}
}

// readJSONL reads one JSON object per line. Blank lines are skipped; a bad
// line is reported and the rest go on. IDs default to "REL#LINE".
func (d *doc) readJSONL(br *bufio.Reader) error {
	err := readLines(br, d.max, func(lineNo int, line []byte, tooLarge bool) error {
		if err := d.em.check(); err != nil {
			return err
		}
		if tooLarge {
			d.fr.add(lineNo, &TooLargeError{Limit: d.max, What: "line"})
			return nil
		}
		if len(bytes.TrimSpace(line)) == 0 {
			return nil
		}
		if off := invalidUTF8(line); off >= 0 {
			d.fr.add(lineNo, fmt.Errorf("invalid UTF-8 at byte %d of the line: convert the file to UTF-8", off))
			return nil
		}
		if e := d.record(lineNo, line, fmt.Sprintf("%s#%d", d.in.rel, lineNo)); e != nil {
			return e
		}
		return nil
	})
	if err != nil {
		if _, ok := stopErr(err); ok {
			return err
		}
		d.fr.add(0, readErr(err))
	}
	return nil
}

// record decodes one JSON object and emits it; problems are reported at
// line. It returns only run-ending errors.
func (d *doc) record(line int, raw []byte, defaultID string) error {
	rec, err := jsonRecord(raw)
	if err != nil {
		d.fr.add(line, err)
		return nil
	}
	a, note, err := d.toArticle(rec, defaultID)
	if err != nil {
		d.fr.add(line, err)
		return nil
	}
	if note != nil {
		d.fr.note(line, note)
	}
	return d.em.send(a)
}

// appendCapped appends chunk to buf, growing it by doubling but never
// beyond limit bytes of capacity (when the result fits).
func appendCapped(buf, chunk []byte, limit int64) []byte {
	need := len(buf) + len(chunk)
	if need > cap(buf) {
		c := 2 * cap(buf)
		if c < need {
			c = need
		}
		if int64(c) > limit && int64(need) <= limit {
			c = int(limit)
		}
		nb := make([]byte, len(buf), c)
		copy(nb, buf)
		buf = nb
	}
	return append(buf, chunk...)
}
