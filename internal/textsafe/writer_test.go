package textsafe

import (
	"bytes"
	"strings"
	"testing"
)

// Issue 12 item 3: `export --format csv` in a terminal wrote OSC 52
// clipboard writes and cleared the screen.
func TestWriterCleansSplitEscapes(t *testing.T) {
	in := "id,quote\r\n1,\"a\x1b]52;c;RVZJTA==\x07b\x1b[2J\u202ec\u200bd\"\r\n2,plain\r\n"
	var out bytes.Buffer
	w := NewWriter(&out)
	// One byte at a time: every escape sequence is split across writes.
	for i := 0; i < len(in); i++ {
		if _, err := w.Write([]byte{in[i]}); err != nil {
			t.Fatal(err)
		}
	}
	if err := w.Flush(); err != nil {
		t.Fatal(err)
	}
	want := "id,quote\n1,\"abc" + Invisible + "d\"\n2,plain\n"
	if out.String() != want {
		t.Fatalf("got %q, want %q", out.String(), want)
	}
	// A long run without newlines is cleaned in bounded pieces.
	out.Reset()
	w = NewWriter(&out)
	long := strings.Repeat("é\x1b[31m", 50000)
	w.Write([]byte(long))
	w.Flush()
	if strings.ContainsRune(out.String(), 0x1b) || strings.ContainsRune(out.String(), '\ufffd') || strings.Count(out.String(), "é") != 50000 {
		t.Fatalf("long run badly cleaned (%d bytes)", out.Len())
	}
}
