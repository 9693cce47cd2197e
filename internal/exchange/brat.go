package exchange

import (
	"bufio"
	"bytes"
	"fmt"
	"path"
	"sort"
	"strconv"
	"strings"

	"github.com/workbench-dev/workbench/internal/model"
)

// brat standoff: for each analyst and document, ANALYST/DOC.txt (the body,
// exactly) and ANALYST/DOC.ann with a T line per tag and an AnnotatorNotes
// line per note; annotation.conf and visual.conf (label names and colours)
// at the top, where brat looks for them from every collection below.
// File names and entity types are escaped with escapeName (letters, digits,
// '-' and '.' stay; anything else becomes _HEX_), because brat types may
// not hold spaces and file names must be portable. Offsets are code points
// of the .txt (brat reads it as a Python unicode string). A span holding a
// newline is written as discontinuous fragments split at the newlines, as
// brat requires; it reads back as one span from the first start to the last
// end. brat reads the .txt with universal newlines, so CRLF and CR are
// written as LF and the offsets converted; Resolve converts them back when
// the document's body differs from the .txt only in its line breaks.
// A note's backslashes, newlines and tabs are written as \\, \n, \t.

// bratFiles returns the brat collection as relative path -> content.
func bratFiles(in ExportInput) (map[string][]byte, error) {
	if err := in.check(); err != nil {
		return nil, err
	}
	files := map[string][]byte{}
	labels := in.allLabels()
	var conf, vis bytes.Buffer
	conf.WriteString("# workbench export: one entity type per label (names escaped, see visual.conf)\n[entities]\n")
	vis.WriteString("[labels]\n")
	var drawing bytes.Buffer
	drawing.WriteString("\n[drawing]\n")
	for _, l := range labels {
		typ := escapeName(l.Name)
		fmt.Fprintf(&conf, "%s\n", typ)
		fmt.Fprintf(&vis, "%s | %s\n", typ, bratEscape(l.Name))
		if l.Color != "" {
			fmt.Fprintf(&drawing, "%s\tbgColor:%s\n", typ, l.Color)
		}
	}
	conf.WriteString("\n[relations]\n\n[events]\n\n[attributes]\n")
	vis.Write(drawing.Bytes())
	files["annotation.conf"] = conf.Bytes()
	files["visual.conf"] = vis.Bytes()

	tags := sortedTags(in.Tags)
	type key struct{ analyst, doc string }
	anns := map[key]*bytes.Buffer{}
	counts := map[key][2]int{}
	for _, t := range tags {
		k := key{t.Analyst, t.DocID}
		a := in.Articles[t.DocID]
		dir := escapeName(t.Analyst)
		base := path.Join(dir, escapeName(t.DocID))
		if _, ok := anns[k]; !ok {
			anns[k] = &bytes.Buffer{}
			files[base+".txt"] = []byte(normalizeNewlines(a.Body))
		}
		start, end := t.Start, t.End
		if strings.ContainsRune(a.Body, '\r') {
			m := newNewlineMap(a.Body)
			start, end = m.toNorm(start), m.toNorm(end)
		}
		c := counts[k]
		c[0]++
		tid := fmt.Sprintf("T%d", c[0])
		frags, text := bratFragments(normalizeNewlines(a.Body), start, end)
		fmt.Fprintf(anns[k], "%s\t%s %s\t%s\n", tid, escapeName(t.Label), frags, text)
		if t.Note != "" {
			c[1]++
			fmt.Fprintf(anns[k], "#%d\tAnnotatorNotes %s\t%s\n", c[1], tid, bratEscape(t.Note))
		}
		counts[k] = c
		files[base+".ann"] = anns[k].Bytes()
	}
	return files, nil
}

// bratFragments splits start..end at newlines into "S E;S E" and the text
// brat shows (fragments joined by a space).
func bratFragments(body string, start, end int) (string, string) {
	span, _ := slice(body, start, end)
	var frags, texts []string
	pos := start
	for _, part := range strings.Split(span, "\n") {
		n := runeLen(part)
		if n > 0 {
			frags = append(frags, fmt.Sprintf("%d %d", pos, pos+n))
			texts = append(texts, part)
		}
		pos += n + 1
	}
	if len(frags) == 0 { // empty span or only newlines
		return fmt.Sprintf("%d %d", start, start), ""
	}
	return strings.Join(frags, ";"), strings.Join(texts, " ")
}

func bratEscape(s string) string {
	return strings.NewReplacer("\\", "\\\\", "\n", "\\n", "\r", "\\r", "\t", "\\t").Replace(s)
}

func bratUnescape(s string) string {
	if !strings.Contains(s, "\\") {
		return s
	}
	var b strings.Builder
	for i := 0; i < len(s); i++ {
		if s[i] == '\\' && i+1 < len(s) {
			switch s[i+1] {
			case 'n':
				b.WriteByte('\n')
				i++
				continue
			case 'r':
				b.WriteByte('\r')
				i++
				continue
			case 't':
				b.WriteByte('\t')
				i++
				continue
			case '\\':
				b.WriteByte('\\')
				i++
				continue
			}
		}
		b.WriteByte(s[i])
	}
	return b.String()
}

// readBratFiles reads a brat collection given as relative path -> content
// (a folder or a zip): every .ann with its .txt. The analyst is the folder
// the document lies in (unescaped), else opts.Analyst; the document id is
// the file name without .ann (unescaped).
func readBratFiles(files map[string][]byte, root string, opts Options) (*Result, error) {
	res := &Result{Format: FormatBrat}
	var names []string
	for name := range files {
		if strings.HasSuffix(name, ".ann") {
			names = append(names, name)
		}
	}
	sort.Strings(names)
	if len(names) == 0 {
		return nil, fileErr(root, "", "%w: no .ann file", ErrFormat)
	}
	if v, ok := files["visual.conf"]; ok {
		res.Codes = bratCodes(v)
	}
	for _, name := range names {
		base := strings.TrimSuffix(name, ".ann")
		txt, ok := files[base+".txt"]
		file := path.Join(root, name)
		if !ok {
			return nil, fileErr(file, "", "%s.txt is missing next to it", path.Base(base))
		}
		analyst := opts.Analyst
		if dir := path.Dir(name); dir != "." {
			analyst = unescapeName(path.Base(dir))
		}
		recs, err := readAnn(files[name], string(txt), file, unescapeName(path.Base(base)), analyst)
		if err != nil {
			return nil, err
		}
		res.Records = append(res.Records, recs...)
	}
	return res, nil
}

func bratCodes(vis []byte) []model.Label {
	var out []model.Label
	colors := map[string]string{}
	section := ""
	var order []string
	names := map[string]string{}
	for _, line := range strings.Split(string(vis), "\n") {
		line = strings.TrimSpace(line)
		if line == "" || strings.HasPrefix(line, "#") {
			continue
		}
		if strings.HasPrefix(line, "[") {
			section = line
			continue
		}
		switch section {
		case "[labels]":
			typ, disp, _ := strings.Cut(line, "|")
			typ = strings.TrimSpace(typ)
			order = append(order, typ)
			names[typ] = bratUnescape(strings.TrimSpace(disp))
		case "[drawing]":
			f := strings.Fields(line)
			if len(f) >= 2 {
				for _, kv := range strings.Split(f[1], ",") {
					if c, ok := strings.CutPrefix(kv, "bgColor:"); ok {
						colors[f[0]] = c
					}
				}
			}
		}
	}
	for _, typ := range order {
		n := names[typ]
		if n == "" {
			n = unescapeName(typ)
		}
		out = append(out, model.Label{Name: n, Color: colors[typ]})
	}
	return out
}

func readAnn(ann []byte, text, file, docID, analyst string) ([]Record, error) {
	var recs []Record
	byID := map[string]int{}
	n := runeLen(text)
	sc := bufio.NewScanner(bytes.NewReader(ann))
	sc.Buffer(make([]byte, 0, 64<<10), len(ann)+1)
	ln := 0
	var notes [][2]string
	for sc.Scan() {
		ln++
		line := strings.TrimRight(sc.Text(), "\r")
		where := fmt.Sprintf("line %d", ln)
		if line == "" {
			continue
		}
		f := strings.SplitN(line, "\t", 3)
		switch {
		case strings.HasPrefix(f[0], "T"):
			if len(f) < 2 {
				return nil, fileErr(file, where, "a T line needs ID, TYPE START END and text, tab-separated")
			}
			typ, spans, ok := strings.Cut(f[1], " ")
			if !ok {
				return nil, fileErr(file, where, "%q: want TYPE START END", f[1])
			}
			start, end := -1, -1
			for _, fr := range strings.Split(spans, ";") {
				se := strings.Fields(fr)
				if len(se) != 2 {
					return nil, fileErr(file, where, "fragment %q: want START END", fr)
				}
				s, err1 := strconv.Atoi(se[0])
				e, err2 := strconv.Atoi(se[1])
				if err1 != nil || err2 != nil || s < 0 || e < s {
					return nil, fileErr(file, where, "fragment %q: want whole numbers, START <= END", fr)
				}
				if e > n {
					return nil, fileErr(file, where, "%s: offset %d past the end of the .txt (%d characters)", f[0], e, n)
				}
				if start < 0 || s < start {
					start = s
				}
				if e > end {
					end = e
				}
			}
			exact, _ := slice(text, start, end)
			byID[f[0]] = len(recs)
			recs = append(recs, Record{File: file, Where: where + " " + f[0], DocID: docID, DocText: text,
				Start: start, End: end, Exact: exact, Label: unescapeName(typ), Analyst: analyst})
		case strings.HasPrefix(f[0], "#"):
			if len(f) < 3 {
				continue
			}
			kind, target, _ := strings.Cut(f[1], " ")
			if kind == "AnnotatorNotes" {
				notes = append(notes, [2]string{strings.TrimSpace(target), bratUnescape(f[2])})
			}
		default:
			// relations, events, attributes, normalisations: not tags
		}
	}
	if err := sc.Err(); err != nil {
		return nil, fileErr(file, fmt.Sprintf("line %d", ln+1), "%v", err)
	}
	for _, nt := range notes {
		if i, ok := byID[nt[0]]; ok {
			if recs[i].Note != "" {
				recs[i].Note += "\n"
			}
			recs[i].Note += nt[1]
		}
	}
	return recs, nil
}
