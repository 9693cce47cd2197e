package textsafe

import (
	"bytes"
	"encoding/json"
	"fmt"
	"io"
	"unicode/utf8"
)

// jsonEscapeRune reports characters that JSON output writes as \uXXXX even
// though encoding/json would write them raw: DEL, C1 controls, bidi
// controls, the invisible characters Clean shows as Invisible, and the line
// and paragraph separators. (encoding/json already escapes C0 controls,
// ESC included.) Together, no character a terminal acts on, or that hides
// what the text says, is left in JSON output; decoding gives the data back
// exactly.
func jsonEscapeRune(r rune) bool {
	return r == 0x7f || (r >= 0x80 && r <= 0x9f) || unsafeRune(r) || invisibleRune(r) || r == 0x2028 || r == 0x2029
}

// EscapeJSON rewrites JSON text (as encoding/json writes it) so that every
// character jsonEscapeRune names is a \uXXXX escape (a surrogate pair above
// U+FFFF). Such characters can only stand inside JSON strings, where the
// escape means the same, so the decoded value does not change.
func EscapeJSON(b []byte) []byte {
	i := indexJSONEscape(b)
	if i < 0 {
		return b
	}
	out := make([]byte, 0, len(b)+16)
	out = append(out, b[:i]...)
	for i < len(b) {
		r, size := utf8.DecodeRune(b[i:])
		if size > 1 && jsonEscapeRune(r) || r == 0x7f {
			if r > 0xffff {
				r -= 0x10000
				out = fmt.Appendf(out, `\u%04x\u%04x`, 0xd800+(r>>10), 0xdc00+(r&0x3ff))
			} else {
				out = fmt.Appendf(out, `\u%04x`, r)
			}
		} else {
			out = append(out, b[i:i+size]...)
		}
		i += size
	}
	return out
}

func indexJSONEscape(b []byte) int {
	for i := 0; i < len(b); {
		c := b[i]
		if c < 0x80 {
			if c == 0x7f {
				return i
			}
			i++
			continue
		}
		r, size := utf8.DecodeRune(b[i:])
		if jsonEscapeRune(r) {
			return i
		}
		i += size
	}
	return -1
}

// MarshalSafe is json.Marshal (without HTML escaping) followed by
// EscapeJSON.
func MarshalSafe(v any) ([]byte, error) {
	var buf bytes.Buffer
	enc := json.NewEncoder(&buf)
	enc.SetEscapeHTML(false)
	if err := enc.Encode(v); err != nil {
		return nil, err
	}
	return EscapeJSON(bytes.TrimSuffix(buf.Bytes(), []byte{'\n'})), nil
}

// JSONEncoder writes JSON values like json.Encoder (one per line, no HTML
// escaping) with the characters a terminal acts on escaped (see
// EscapeJSON). It is the one encoder for --json and JSONL output.
type JSONEncoder struct {
	w   io.Writer
	buf bytes.Buffer
	enc *json.Encoder
}

// NewJSONEncoder returns an encoder writing to w.
func NewJSONEncoder(w io.Writer) *JSONEncoder {
	e := &JSONEncoder{w: w}
	e.enc = json.NewEncoder(&e.buf)
	e.enc.SetEscapeHTML(false)
	return e
}

// Encode writes v followed by a newline.
func (e *JSONEncoder) Encode(v any) error {
	e.buf.Reset()
	if err := e.enc.Encode(v); err != nil {
		return err
	}
	_, err := e.w.Write(EscapeJSON(e.buf.Bytes()))
	return err
}
