package textsafe

import (
	"bytes"
	"encoding/json"
	"strings"
	"testing"
	"unicode/utf8"
)

// hostile holds every class of character issue 12 items 3 and 13 name.
const hostile = "a\x1b]52;c;RVZJTA==\x07b\x1b[2J c1:\u0085\u009b31m\u009d bidi:\u202e\u2066\u200f " +
	"zw:Pu\u200btin\u200c\u200d\u2060\ufeff tags:\U000E0041\U000E007F sep:\u2028\u2029 del:\x7f ok:“é” 😀 <&>"

// Issue 12 item 3: JSON output kept C1 controls and bidi overrides raw.
func TestJSONEncoderEscapesAndStaysExact(t *testing.T) {
	type rec struct {
		Body string `json:"body"`
	}
	var out bytes.Buffer
	enc := NewJSONEncoder(&out)
	if err := enc.Encode(rec{hostile}); err != nil {
		t.Fatal(err)
	}
	if err := enc.Encode(map[string]string{"k\u202e": "v\u0090"}); err != nil {
		t.Fatal(err)
	}
	raw := out.String()
	for _, r := range raw {
		if r < 0x20 && r != '\n' || jsonEscapeRune(r) {
			t.Fatalf("raw output holds %U: %q", r, raw)
		}
	}
	if !utf8.ValidString(raw) || !strings.Contains(raw, "“é” 😀 <&>") {
		t.Fatalf("ordinary text was escaped or damaged: %q", raw)
	}
	dec := json.NewDecoder(strings.NewReader(raw))
	var got rec
	if err := dec.Decode(&got); err != nil {
		t.Fatal(err)
	}
	if got.Body != hostile {
		t.Fatalf("decoded %q, want %q", got.Body, hostile)
	}
	var m map[string]string
	if err := dec.Decode(&m); err != nil || m["k\u202e"] != "v\u0090" {
		t.Fatalf("second value %v %v", m, err)
	}
	b, err := MarshalSafe(hostile)
	if err != nil {
		t.Fatal(err)
	}
	var s string
	if err := json.Unmarshal(b, &s); err != nil || s != hostile {
		t.Fatalf("MarshalSafe round trip: %q %v", s, err)
	}
	if bytes.ContainsAny(b, "\x1b\x7f\n") || !bytes.Contains(b, []byte(`\udb40\udc41`)) {
		t.Fatalf("MarshalSafe output %q", b)
	}
}

func FuzzJSONEncoder(f *testing.F) {
	f.Add(hostile)
	f.Add("\U0010FFFF\u0080")
	f.Fuzz(func(t *testing.T, s string) {
		b, err := MarshalSafe(s)
		if err != nil {
			t.Fatal(err)
		}
		for _, r := range string(b) {
			if r < 0x20 || jsonEscapeRune(r) {
				t.Fatalf("raw %U in %q", r, b)
			}
		}
		var got string
		if err := json.Unmarshal(b, &got); err != nil {
			t.Fatalf("%q: %v", b, err)
		}
		if utf8.ValidString(s) && got != s {
			t.Fatalf("round trip %q -> %q", s, got)
		}
	})
}
