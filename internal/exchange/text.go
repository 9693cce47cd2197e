package exchange

import (
	"bytes"
	"crypto/sha1"
	"encoding/hex"
	"encoding/xml"
	"errors"
	"fmt"
	"io"
	"sort"
	"strconv"
	"strings"
	"unicode/utf8"
)

// runeLen is the length of s in code points.
func runeLen(s string) int { return utf8.RuneCountInString(s) }

// byteOffset is the byte offset of code point cp in s (len(s) at or past
// the end).
func byteOffset(s string, cp int) int {
	if cp <= 0 {
		return 0
	}
	n := 0
	for i := range s {
		if n == cp {
			return i
		}
		n++
	}
	return len(s)
}

// slice is s[start:end] in code points; ok is false when the span does not
// fit.
func slice(s string, start, end int) (string, bool) {
	if start < 0 || end < start {
		return "", false
	}
	b := byteOffset(s, start)
	e := b + byteOffset(s[b:], end-start)
	if runeLen(s[:e]) != end {
		return "", false
	}
	return s[b:e], true
}

// cpIndex converts a byte offset of s into code points.
func cpIndex(s string, b int) int { return utf8.RuneCountInString(s[:b]) }

// guid derives a stable 8-4-4-4-12 GUID (a name-based UUID, version 5
// layout) from its parts, so exporting the same tags twice gives the same
// file.
func guid(parts ...string) string {
	h := sha1.New()
	io.WriteString(h, "workbench")
	for _, p := range parts {
		// length-prefixed so that ("ab","c") and ("a","bc") differ
		fmt.Fprintf(h, "\x00%d:%s", len(p), p)
	}
	sum := h.Sum(nil)[:16]
	sum[6] = sum[6]&0x0f | 0x50
	sum[8] = sum[8]&0x3f | 0x80
	x := hex.EncodeToString(sum)
	return x[0:8] + "-" + x[8:12] + "-" + x[12:16] + "-" + x[16:20] + "-" + x[20:32]
}

// readCapped reads all of r, failing with ErrTooLarge past max bytes.
func readCapped(r io.Reader, max int64, file, where string) ([]byte, error) {
	data, err := io.ReadAll(io.LimitReader(r, max+1))
	if err != nil {
		return nil, &FileError{File: file, Where: where, Err: err}
	}
	if int64(len(data)) > max {
		return nil, &FileError{File: file, Where: where, Err: fmt.Errorf("%w: over the %d-byte limit", ErrTooLarge, max)}
	}
	return data, nil
}

// checkXML refuses XML with a DOCTYPE (or any other <!...> directive) and
// anything encoding/xml cannot tokenise strictly, before it is decoded into
// structs. encoding/xml never fetches external entities, but a DOCTYPE has
// no place in the formats read here, so it is an error, not a silent skip.
func checkXML(data []byte, file string) error {
	d := xml.NewDecoder(bytes.NewReader(data))
	d.Strict = true
	for {
		tok, err := d.RawToken()
		if errors.Is(err, io.EOF) {
			return nil
		}
		if err != nil {
			return &FileError{File: file, Err: fmt.Errorf("%w: %v", ErrFormat, err)}
		}
		if dir, ok := tok.(xml.Directive); ok {
			if strings.HasPrefix(strings.ToUpper(strings.TrimSpace(string(dir))), "DOCTYPE") {
				return &FileError{File: file, Where: "line " + fmt.Sprint(lineOf(data, d.InputOffset())), Err: fmt.Errorf("%w (entities are never expanded): remove the <!DOCTYPE …> declaration", ErrDoctype)}
			}
			return &FileError{File: file, Err: fmt.Errorf("%w: unexpected <!%.20s…> directive", ErrDoctype, dir)}
		}
	}
}

func lineOf(data []byte, off int64) int {
	if off > int64(len(data)) {
		off = int64(len(data))
	}
	return bytes.Count(data[:off], []byte{'\n'}) + 1
}

// decodeXML checks data with checkXML and decodes it into v.
func decodeXML(data []byte, file string, v any) error {
	if err := checkXML(data, file); err != nil {
		return err
	}
	d := xml.NewDecoder(bytes.NewReader(data))
	d.Strict = true
	if err := d.Decode(v); err != nil {
		return &FileError{File: file, Err: fmt.Errorf("%w: %v", ErrFormat, err)}
	}
	return nil
}

// escapeName makes s safe as one file-name or brat-type component:
// ASCII letters, digits, '-' and '.' stay (a leading '.' does not), every
// other code point becomes _XXXX_ (hex). unescapeName undoes it.
func escapeName(s string) string {
	var b strings.Builder
	for i, r := range s {
		if r < 0x80 && (r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z' || r >= '0' && r <= '9' || r == '-' || (r == '.' && i > 0)) {
			b.WriteRune(r)
			continue
		}
		fmt.Fprintf(&b, "_%X_", r)
	}
	if b.Len() == 0 {
		return "_"
	}
	return b.String()
}

func unescapeName(s string) string {
	if s == "_" {
		return ""
	}
	if !strings.Contains(s, "_") {
		return s
	}
	var b strings.Builder
	for i := 0; i < len(s); i++ {
		if s[i] == '_' {
			if j := strings.IndexByte(s[i+1:], '_'); j > 0 && j <= 8 {
				if v, err := strconv.ParseUint(s[i+1:i+1+j], 16, 32); err == nil && utf8.ValidRune(rune(v)) {
					b.WriteRune(rune(v))
					i += j + 1
					continue
				}
			}
		}
		b.WriteByte(s[i])
	}
	return b.String()
}

// normalizeNewlines turns CRLF and lone CR into LF, as brat does when it
// reads a .txt (Python's universal newlines).
func normalizeNewlines(s string) string {
	if !strings.ContainsRune(s, '\r') {
		return s
	}
	return strings.ReplaceAll(strings.ReplaceAll(s, "\r\n", "\n"), "\r", "\n")
}

// newlineMap maps code-point offsets between s and normalizeNewlines(s).
type newlineMap struct {
	normToOrig []int // offset in the normalised text -> offset in s
}

func newNewlineMap(s string) newlineMap {
	var m newlineMap
	prevCR := false
	k := 0
	for _, r := range s {
		if !(r == '\n' && prevCR) {
			m.normToOrig = append(m.normToOrig, k)
		}
		prevCR = r == '\r'
		k++
	}
	m.normToOrig = append(m.normToOrig, k)
	return m
}

// toNorm is the normalised offset of original offset cp (an offset between
// CR and LF maps to the line break's end).
func (m newlineMap) toNorm(cp int) int {
	return sort.Search(len(m.normToOrig), func(i int) bool { return m.normToOrig[i] >= cp })
}

// toOrig is the original offset of normalised offset n; ok is false past
// the end.
func (m newlineMap) toOrig(n int) (int, bool) {
	if n < 0 || n >= len(m.normToOrig) {
		return 0, false
	}
	return m.normToOrig[n], true
}

// safeFileName is s with path separators, characters Windows forbids in
// file names and control characters replaced by '_' (for tools that store
// a source under its name).
func safeFileName(s string) string {
	out := strings.Map(func(r rune) rune {
		if r < 0x20 || r == 0x7f || strings.ContainsRune(`/\:*?"<>|`, r) {
			return '_'
		}
		return r
	}, s)
	if strings.Trim(out, ". ") == "" {
		return "_" + out
	}
	return out
}
