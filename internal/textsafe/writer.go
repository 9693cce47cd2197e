package textsafe

import (
	"bytes"
	"io"
	"unicode/utf8"
)

// maxPending bounds what Writer holds while waiting for the end of a line.
const maxPending = 64 << 10

// Writer passes text through Clean on its way to a terminal: the readable
// export formats (CSV, Markdown) when standard output is a terminal. It
// cleans whole lines (a longer run without a newline is cleaned in pieces of
// at most 64 KiB, cut at a character boundary), so an escape sequence split
// across Write calls is still removed. Carriage returns are dropped (CSV's
// CRLF shows as a plain line end). Call Flush at the end.
type Writer struct {
	w       io.Writer
	pending []byte
	err     error
}

// NewWriter returns a Writer writing cleaned text to w.
func NewWriter(w io.Writer) *Writer { return &Writer{w: w} }

// Write cleans and writes every complete line of p and keeps the rest.
func (cw *Writer) Write(p []byte) (int, error) {
	if cw.err != nil {
		return 0, cw.err
	}
	cw.pending = append(cw.pending, p...)
	if i := bytes.LastIndexByte(cw.pending, '\n'); i >= 0 {
		cw.emit(cw.pending[:i+1])
		cw.pending = append(cw.pending[:0], cw.pending[i+1:]...)
	}
	for cw.err == nil && len(cw.pending) > maxPending {
		// Cut at a character boundary (at most 3 bytes back; invalid
		// UTF-8 is cut anywhere, it becomes U+FFFD either way).
		cut := maxPending
		for k := 0; k < utf8.UTFMax-1 && !utf8.RuneStart(cw.pending[cut]); k++ {
			cut--
		}
		cw.emit(cw.pending[:cut])
		cw.pending = append(cw.pending[:0], cw.pending[cut:]...)
	}
	if cw.err != nil {
		return 0, cw.err
	}
	return len(p), nil
}

// Flush cleans and writes what is left.
func (cw *Writer) Flush() error {
	if cw.err == nil && len(cw.pending) > 0 {
		cw.emit(cw.pending)
		cw.pending = cw.pending[:0]
	}
	return cw.err
}

func (cw *Writer) emit(b []byte) {
	if cw.err != nil {
		return
	}
	_, cw.err = io.WriteString(cw.w, Clean(string(b)))
}
