package eval

import (
	"bufio"
	"bytes"
	"fmt"
	"os"
	"path/filepath"
	"sort"
	"strconv"
	"strings"
	"unicode"

	"github.com/workbench-dev/workbench/internal/analyze"
	"github.com/workbench-dev/workbench/internal/model"
)

// Annotator agreement: how often two PolNeAR annotators agree on the direct
// quotations of the same article. PolNeAR (github.com/networkdynamics/PolNeAR)
// had some articles annotated by five or six annotators; the gold sets in
// ../shared/eval use the first annotator's file of each article. Deriving
// every annotator's direct quotations the same way and scoring each against
// the first, with the matching of Quotes, gives the agreement a second human
// reaches: the ceiling of any score against one annotator.

// Span is a quotation's code-point offsets, end exclusive.
type Span struct{ Start, End int }

// AgreementReport pools, over the articles of a split that have more than
// one annotator, every other annotator's quotations against the first's.
type AgreementReport struct {
	Split                 string
	Articles              int // articles with more than one annotator
	Pairs                 int // (first, other) annotator pairs
	FirstRows             int // the first annotator's quotations, once per pair
	OtherRows             int
	Matched               int
	Precision, Recall, F1 float64

	// The analyser on the same articles against the first annotator (when
	// Agreement is given one): its quotations, once per article.
	Gold, Predicted, AnalyserMatched int
	AnalyserF1                       float64
}

// Agreement reads DATA/SPLIT/attributions/NAME_ANNOTATOR.ann and
// DATA/SPLIT/text/NAME.txt of a PolNeAR checkout (DATA is its data folder).
// With an analyser, it also scores the analyser's quotes on the same
// articles against the first annotator.
func Agreement(data, split string, an *analyze.Analyzer) (AgreementReport, error) {
	rep := AgreementReport{Split: split}
	anns, err := filepath.Glob(filepath.Join(data, split, "attributions", "*.ann"))
	if err != nil {
		return rep, err
	}
	if len(anns) == 0 {
		return rep, fmt.Errorf("%s: no .ann files in %s; give the data folder of a PolNeAR checkout",
			data, filepath.Join(data, split, "attributions"))
	}
	sort.Strings(anns)
	byName := map[string][]string{}
	var names []string
	for _, a := range anns {
		base := strings.TrimSuffix(filepath.Base(a), ".ann")
		i := strings.LastIndexByte(base, '_')
		if i < 0 {
			continue
		}
		name := base[:i]
		if byName[name] == nil {
			names = append(names, name)
		}
		byName[name] = append(byName[name], a)
	}
	for _, name := range names {
		files := byName[name]
		if len(files) < 2 {
			continue
		}
		txt, err := os.ReadFile(filepath.Join(data, split, "text", name+".txt"))
		if err != nil {
			return rep, err
		}
		text := []rune(string(txt))
		first, err := annQuotes(text, files[0])
		if err != nil {
			return rep, err
		}
		rep.Articles++
		if an != nil {
			pred := spansOf(an.AnalyzeDoc(name, string(txt)).Quotes, func(q model.Quote) Span { return Span{q.Start, q.End} })
			_, _, m := pairSpans(first, pred)
			rep.Gold += len(first)
			rep.Predicted += len(pred)
			rep.AnalyserMatched += m
		}
		for _, f := range files[1:] {
			other, err := annQuotes(text, f)
			if err != nil {
				return rep, err
			}
			_, _, m := pairSpans(first, other)
			rep.Pairs++
			rep.FirstRows += len(first)
			rep.OtherRows += len(other)
			rep.Matched += m
		}
	}
	rep.Precision = ratio(rep.Matched, rep.OtherRows)
	rep.Recall = ratio(rep.Matched, rep.FirstRows)
	if rep.FirstRows+rep.OtherRows > 0 {
		rep.F1 = 2 * float64(rep.Matched) / float64(rep.FirstRows+rep.OtherRows)
	}
	if rep.Gold+rep.Predicted > 0 {
		rep.AnalyserF1 = 2 * float64(rep.AnalyserMatched) / float64(rep.Gold+rep.Predicted)
	}
	return rep, nil
}

func annQuotes(text []rune, path string) ([]Span, error) {
	b, err := os.ReadFile(path)
	if err != nil {
		return nil, err
	}
	q, err := DirectQuotes(text, b)
	if err != nil {
		return nil, fmt.Errorf("%s: %w", path, err)
	}
	return q, nil
}

// DirectQuotes derives the direct quotations of one PolNeAR (brat) .ann
// file as the gold sets' README describes: the double quotation marks in
// the Content fragments of every Attribution and Attribution-no-source
// event (or one character outside a fragment), classified as opening or
// closing by the characters around them and paired with a stack; a mark
// left open closes at its paragraph's end; a quotation inside another of the
// same event is dropped.
func DirectQuotes(text []rune, ann []byte) ([]Span, error) {
	type tspan struct{ frags [][2]int }
	ts := map[string]tspan{}
	var events [][]string // Content argument ids per event
	sc := bufio.NewScanner(bytes.NewReader(ann))
	sc.Buffer(make([]byte, 0, 64<<10), len(ann)+1)
	for ln := 1; sc.Scan(); ln++ {
		f := strings.Split(sc.Text(), "\t")
		if len(f) < 2 || len(f[0]) < 2 || (f[0][0] != 'T' && f[0][0] != 'E') {
			continue // a continuation line of a span's text, notes, attributes
		}
		if _, err := strconv.Atoi(f[0][1:]); err != nil {
			continue
		}
		if f[0][0] == 'T' {
			_, spans, ok := strings.Cut(f[1], " ")
			if !ok {
				return nil, fmt.Errorf("line %d: %q: want TYPE START END", ln, f[1])
			}
			var t tspan
			for _, fr := range strings.Split(spans, ";") {
				se := strings.Fields(fr)
				if len(se) != 2 {
					return nil, fmt.Errorf("line %d: fragment %q: want START END", ln, fr)
				}
				s, err1 := strconv.Atoi(se[0])
				e, err2 := strconv.Atoi(se[1])
				if err1 != nil || err2 != nil || s < 0 || e < s || e > len(text) {
					return nil, fmt.Errorf("line %d: fragment %q is not inside the text (%d characters)", ln, fr, len(text))
				}
				t.frags = append(t.frags, [2]int{s, e})
			}
			ts[f[0]] = t
			continue
		}
		args := strings.Fields(f[1])
		if len(args) == 0 {
			continue
		}
		typ, _, _ := strings.Cut(args[0], ":")
		if typ != "Attribution" && typ != "Attribution-no-source" {
			continue
		}
		var content []string
		for _, a := range args[1:] {
			role, id, _ := strings.Cut(a, ":")
			if strings.HasPrefix(role, "Content") {
				content = append(content, id)
			}
		}
		events = append(events, content)
	}
	if err := sc.Err(); err != nil {
		return nil, err
	}
	seen := map[Span]bool{}
	var out []Span
	for _, content := range events {
		var segs []Span
		for _, id := range content {
			for _, fr := range ts[id].frags {
				segs = append(segs, fragmentQuotes(text, fr[0], fr[1])...)
			}
		}
		for _, s := range segs {
			inside := false
			for _, o := range segs {
				if o != s && o.Start <= s.Start && s.End <= o.End {
					inside = true
					break
				}
			}
			if !inside && !seen[s] {
				seen[s] = true
				out = append(out, s)
			}
		}
	}
	sort.Slice(out, func(i, j int) bool { return out[i].Start < out[j].Start })
	return out, nil
}

func isDQ(r rune) bool { return strings.ContainsRune("“”\"„‟«»", r) }

// fragmentQuotes pairs the marks of one content fragment [s,e).
func fragmentQuotes(text []rune, s, e int) []Span {
	var marks []int
	if s > 0 && isDQ(text[s-1]) {
		marks = append(marks, s-1)
	}
	for i := s; i < e; i++ {
		if isDQ(text[i]) {
			marks = append(marks, i)
		}
	}
	if e < len(text) && isDQ(text[e]) {
		marks = append(marks, e)
	}
	var stack []int
	var out []Span
	add := func(o, c int) {
		a, b := o+1, c
		for a < b && unicode.IsSpace(text[a]) {
			a++
		}
		for b > a && unicode.IsSpace(text[b-1]) {
			b--
		}
		if a < b {
			out = append(out, Span{a, b})
		}
	}
	for _, i := range marks {
		ps, pe := paragraph(text, i)
		k := markOf(text, i, ps, pe)
		if k == 0 {
			k = 'o'
			if len(stack) > 0 {
				k = 'c'
			}
		}
		if k == 'o' {
			stack = append(stack, i)
			continue
		}
		if len(stack) == 0 {
			continue
		}
		o := stack[len(stack)-1]
		stack = stack[:len(stack)-1]
		if ops, ope := paragraph(text, o); ops != ps {
			add(o, ope) // a quotation over paragraphs closes each at its end
			continue
		}
		add(o, i)
	}
	for _, o := range stack {
		_, pe := paragraph(text, o)
		add(o, pe)
	}
	return out
}

func paragraph(text []rune, i int) (int, int) {
	ps, pe := i, i
	for ps > 0 && text[ps-1] != '\n' {
		ps--
	}
	for pe < len(text) && text[pe] != '\n' {
		pe++
	}
	return ps, pe
}

// markOf classifies the mark at i: 'o' opening, 'c' closing, 0 either.
func markOf(text []rune, i, ps, pe int) rune {
	j := ps
	for j < pe && unicode.IsSpace(text[j]) {
		j++
	}
	if j == i {
		return 'o'
	}
	j = i + 1
	for j < pe && unicode.IsSpace(text[j]) {
		j++
	}
	if j == pe {
		return 'c'
	}
	prev, next := ' ', ' '
	if i > ps {
		prev = text[i-1]
	}
	if i+1 < pe {
		next = text[i+1]
	}
	po := unicode.IsSpace(prev) || strings.ContainsRune("([{—–‘'«/", prev) || isDQ(prev)
	nc := unicode.IsSpace(next) || strings.ContainsRune(".,;:!?)]}—–’'»…", next) || isDQ(next)
	switch {
	case po && !nc:
		return 'o'
	case nc && !po:
		return 'c'
	}
	switch text[i] {
	case '“', '„', '‟', '«':
		return 'o'
	case '”', '»':
		return 'c'
	}
	return 0
}
