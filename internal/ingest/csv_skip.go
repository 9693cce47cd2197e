package ingest

import (
	"bufio"
	"bytes"
	"errors"
	"io"
)

// csvState is where csvSkipper is inside a CSV record, following the rules
// of encoding/csv (without LazyQuotes).
type csvState uint8

const (
	csvFieldStart csvState = iota // at the start of a field
	csvUnquoted                   // inside an unquoted field
	csvQuoted                     // inside a quoted field
	csvQuote                      // just after a quote inside a quoted field
	csvQuoteCR                    // just after a quote and a CR
	csvBadLine                    // after a parse error: csv skips the rest of the line
)

// csvSkipper sits between a CSV file and encoding/csv and takes out each
// record longer than max bytes (after the header), in place of which it
// passes as many newlines as the record held, so encoding/csv sees an
// empty line (which it skips) and keeps counting lines right. onSkip gets
// the first line of each record taken out. It holds at most one record.
type csvSkipper struct {
	br     *bufio.Reader
	max    int64
	onSkip func(line int)

	st       csvState
	rec      []byte // the current record, while it fits
	recLen   int64
	recNL    int  // newlines in the current record
	recLine  int  // line the current record starts on
	line     int  // current line
	dropping bool // the current record is over max
	header   bool // the header row is done (it is never taken out)
	out      []byte
	err      error
}

func newCSVSkipper(br *bufio.Reader, max int64, onSkip func(line int)) *csvSkipper {
	return &csvSkipper{br: br, max: max, onSkip: onSkip, line: 1, recLine: 1}
}

func (s *csvSkipper) Read(p []byte) (int, error) {
	for len(s.out) == 0 && s.err == nil {
		chunk, err := s.br.ReadSlice('\n')
		s.scan(chunk)
		if err != nil && !errors.Is(err, bufio.ErrBufferFull) {
			s.endRecord()
			s.err = err
		}
	}
	if len(s.out) > 0 {
		n := copy(p, s.out)
		s.out = s.out[n:]
		return n, nil
	}
	return 0, s.err
}

// scan follows the CSV state through chunk, ending records as it goes.
func (s *csvSkipper) scan(chunk []byte) {
	from := 0
	for i, c := range chunk {
		end := false
		switch s.st {
		case csvFieldStart, csvUnquoted:
			switch c {
			case '"':
				if s.st == csvFieldStart {
					s.st = csvQuoted
				} else {
					s.st = csvBadLine // bare quote
				}
			case ',':
				s.st = csvFieldStart
			case '\n':
				end = true
			default:
				s.st = csvUnquoted
			}
		case csvQuoted:
			if c == '"' {
				s.st = csvQuote
			}
		case csvQuote:
			switch c {
			case '"':
				s.st = csvQuoted
			case ',':
				s.st = csvFieldStart
			case '\n':
				end = true
			case '\r':
				s.st = csvQuoteCR
			default:
				s.st = csvBadLine
			}
		case csvQuoteCR:
			if c == '\n' {
				end = true
			} else {
				s.st = csvBadLine
			}
		case csvBadLine:
			end = c == '\n'
		}
		if c == '\n' {
			s.line++
			s.recNL++
		}
		if end {
			s.add(chunk[from : i+1])
			from = i + 1
			s.endRecord()
		}
	}
	s.add(chunk[from:])
}

// add adds bytes of the current record.
func (s *csvSkipper) add(b []byte) {
	if len(b) == 0 {
		return
	}
	s.recLen += int64(len(b))
	if s.dropping {
		return
	}
	if s.header && s.recLen > s.max {
		s.dropping = true
		s.rec = s.rec[:0]
		return
	}
	s.rec = append(s.rec, b...)
}

func (s *csvSkipper) endRecord() {
	if s.recLen == 0 {
		return
	}
	if s.dropping {
		s.out = append(s.out, bytes.Repeat([]byte{'\n'}, s.recNL)...)
		s.onSkip(s.recLine)
	} else {
		s.out = append(s.out, s.rec...)
	}
	s.rec = s.rec[:0]
	if cap(s.rec) > 1<<20 {
		s.rec = nil
	}
	s.recLen, s.recNL, s.dropping, s.header = 0, 0, false, true
	s.recLine = s.line
	s.st = csvFieldStart
}

var _ io.Reader = (*csvSkipper)(nil)
