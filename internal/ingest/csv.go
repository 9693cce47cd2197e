package ingest

import (
	"bufio"
	"encoding/csv"
	"errors"
	"fmt"
	"io"
	"strings"
	"unicode/utf8"
)

// readCSV reads a CSV file with a header row naming the fields (id, title or
// headline, body or text or content, date, source, url; other columns are
// ignored). A row with a different number of fields than the header is
// reported by line; IDs default to "REL#LINE".
func (d *doc) readCSV(br *bufio.Reader) error {
	// Rows over the limit are taken out before encoding/csv sees them, so
	// one huge row does not end the file.
	skip := newCSVSkipper(br, d.max, func(line int) {
		d.fr.add(line, &TooLargeError{Limit: d.max, What: "row"})
	})
	tr := &trackReader{r: skip, window: 2*d.max + 1<<20, noLines: true}
	cr := csv.NewReader(tr)
	cr.FieldsPerRecord = -1
	cr.ReuseRecord = true
	header, err := cr.Read()
	if err != nil {
		d.csvFail(err, tr, 1)
		return nil
	}
	cols := make([]string, len(header))
	hasBody := false
	for i, h := range header {
		cols[i] = canonicalField(h)
		switch cols[i] {
		case "body", "text", "content":
			hasBody = true
		}
	}
	if !hasBody {
		d.fr.add(1, fmt.Errorf("the header row has no body column (want body, text or content; got %s)", strings.Join(header, ",")))
		return nil
	}
	lastOff := cr.InputOffset()
	for {
		if err := d.em.check(); err != nil {
			return err
		}
		tr.reset()
		row, err := cr.Read()
		off := cr.InputOffset()
		if err == io.EOF {
			return nil
		}
		if err != nil {
			var pe *csv.ParseError
			if errors.As(err, &pe) && off > lastOff && !errors.Is(err, errWindow) {
				d.fr.add(pe.StartLine, fmt.Errorf("bad CSV row: %v", pe.Err))
				lastOff = off
				continue
			}
			line := 0
			if errors.As(err, &pe) {
				line = pe.StartLine
			}
			d.csvFail(err, tr, line)
			return nil
		}
		line, _ := cr.FieldPos(0)
		lastOff = off
		if len(row) != len(header) {
			d.fr.add(line, fmt.Errorf("row has %d fields, the header has %d", len(row), len(header)))
			continue
		}
		rec := record{}
		bad := false
		for i, v := range row {
			if cols[i] == "" {
				continue
			}
			if !utf8.ValidString(v) {
				d.fr.add(line, fmt.Errorf("invalid UTF-8 in column %q: convert the file to UTF-8", header[i]))
				bad = true
				break
			}
			rec[cols[i]] = v
		}
		if bad {
			continue
		}
		a, note, err := d.toArticle(rec, fmt.Sprintf("%s#%d", d.in.rel, line))
		if err != nil {
			d.fr.add(line, err)
			continue
		}
		if note != nil {
			d.fr.note(line, note)
		}
		if err := d.em.send(a); err != nil {
			return err
		}
	}
}

// csvFail reports an error that ends a CSV file.
func (d *doc) csvFail(err error, tr *trackReader, line int) {
	switch {
	case errors.Is(err, errWindow):
		d.fr.add(line, fmt.Errorf("%v; the rest of the file is skipped", &TooLargeError{Limit: d.max, What: "row"}))
	case errors.Is(err, io.EOF):
		d.fr.add(0, errors.New("empty file"))
	default:
		var pe *csv.ParseError
		if errors.As(err, &pe) {
			d.fr.add(pe.StartLine, fmt.Errorf("bad CSV: %v; the rest of the file is skipped", pe.Err))
			return
		}
		d.fr.add(line, readErr(err))
	}
}
