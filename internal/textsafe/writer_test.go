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
	// A run of continuation bytes (invalid UTF-8) longer than the limit
	// must not stall the writer.
	out.Reset()
	w = NewWriter(&out)
	if _, err := w.Write(bytes.Repeat([]byte{0x80}, 3*maxPending)); err != nil {
		t.Fatal(err)
	}
	w.Flush()
	if strings.Count(out.String(), "\ufffd") != 3*maxPending {
		t.Fatalf("invalid run: %d replacement characters", strings.Count(out.String(), "\ufffd"))
	}
}

// FuzzWriter: whatever the text and however it is split into writes, what
// reaches the terminal holds no escape or unsafe character.
func FuzzWriter(f *testing.F) {
	f.Add([]byte("a\x1b]52;c;QQ==\x07b\n\x1b[2J"), uint8(1))
	f.Add([]byte("é\u202e\u200b\r\n"), uint8(3))
	f.Fuzz(func(t *testing.T, data []byte, chunk uint8) {
		var out bytes.Buffer
		w := NewWriter(&out)
		n := int(chunk%16) + 1
		for i := 0; i < len(data); i += n {
			w.Write(data[i:min(i+n, len(data))])
		}
		if err := w.Flush(); err != nil {
			t.Fatal(err)
		}
		for _, r := range out.String() {
			if r == 0x1b || r < 0x20 && r != '\n' && r != '\t' || unsafeRune(r) || invisibleRune(r) || r >= 0x80 && r <= 0x9f {
				t.Fatalf("unsafe %U in %q (from %q)", r, out.String(), data)
			}
		}
	})
}
