package index

import (
	"sort"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/workbench-dev/workbench/internal/model"
	"github.com/workbench-dev/workbench/internal/textsafe"
)

// analyze returns the terms the English analyzer makes of s.
func (ix *Index) analyze(s string) []string {
	var out []string
	for _, t := range ix.analyzer.Analyze([]byte(s)) {
		out = append(out, string(t.Term))
	}
	return out
}

// MarkTerms returns the code-point spans of the words of text whose analysed
// term is one of terms (Result.Terms): what the reader highlights.
func (ix *Index) MarkTerms(text string, terms []string) []model.Span {
	set := make(map[string]bool, len(terms))
	for _, t := range terms {
		set[t] = true
	}
	return ix.markTerms(text, set)
}

func (ix *Index) markTerms(text string, set map[string]bool) []model.Span {
	if len(set) == 0 || text == "" {
		return nil
	}
	return ix.markTermsWith(text, set, newTermKeys(set))
}

func (ix *Index) markTermsWith(text string, set map[string]bool, keys *termKeys) []model.Span {
	out, _ := ix.scanMarks(text, set, keys)
	return out
}

// firstRunes is the first n runes of s.
func firstRunes(s string, n int) string {
	i := 0
	for j := range s {
		if i == n {
			return s[:j]
		}
		i++
	}
	return s
}

// fragments cuts up to n excerpts of about fragRunes code points around the
// densest groups of marks; with no marks, the opening of the text.
func (ix *Index) fragments(text string, set map[string]bool, n int) []model.Fragment {
	if text == "" {
		return []model.Fragment{}
	}
	// Long bodies (transcripts run to hundreds of kilobytes) are scanned a
	// window at a time, and the fragments are cut from the first window
	// with a match: re-reading every whole body of the 20 hits on each
	// keystroke dominated the search tail on the Kremlin corpus.
	// Each window is sanitised first, then marked and cut: marks computed
	// on raw text land on the wrong characters once a terminal's escape
	// sequences are taken out, and a fragment cut through a sequence left
	// its tail.
	// A window is cleaned and marked only when a word of it starts like a
	// term (termKeys.mayMark, no allocation, no analysis): most windows of
	// a long transcript have none, and cleaning and marking them was most
	// of the time of a keystroke on the Kremlin corpus.
	win, marks := "", []model.Span(nil)
	if len(set) > 0 {
		keys := newTermKeys(set)
		for rest := text; rest != ""; {
			w := cutWindow(rest, fragScanBytes)
			if keys.mayMark(w) {
				// Marked as it is when Clean would leave it unchanged,
				// the common case; cleaned first otherwise.
				cw, m, clean := w, []model.Span(nil), false
				if m, clean = ix.scanMarks(w, set, keys); !clean {
					cw = textsafe.Clean(w)
					m = ix.markTermsWith(cw, set, keys)
				}
				if len(m) > 0 {
					win, marks = cw, m
					break
				}
			}
			rest = rest[len(w):]
		}
	}
	if marks == nil {
		win = textsafe.Clean(cutWindow(text, fragScanBytes))
	}
	rs := []rune(win)
	if len(marks) == 0 {
		end := wordEnd(rs, min(len(rs), fragRunes))
		return []model.Fragment{{Text: string(rs[:end]), Marks: []model.Span{}}}
	}
	type cand struct{ first, count int }
	var out []model.Fragment
	used := make([]bool, len(marks))
	var taken []model.Span
	for len(out) < n {
		best := cand{-1, 0}
		for i := range marks {
			if used[i] {
				continue
			}
			c := 0
			for j := i; j < len(marks) && marks[j].End-marks[i].Start <= fragRunes-40; j++ {
				if !used[j] {
					c++
				}
			}
			if c > best.count {
				best = cand{i, c}
			}
		}
		if best.first < 0 {
			break
		}
		m0 := marks[best.first]
		start := wordStart(rs, max(0, m0.Start-40))
		end := wordEnd(rs, min(len(rs), start+fragRunes))
		overlap := false
		for _, t := range taken {
			if start < t.End && end > t.Start {
				overlap = true
			}
		}
		var fm []model.Span
		for i, m := range marks {
			if m.Start >= start && m.End <= end {
				used[i] = true
				fm = append(fm, model.Span{Start: m.Start - start, End: m.End - start})
			}
		}
		if overlap {
			continue
		}
		taken = append(taken, model.Span{Start: start, End: end})
		out = append(out, model.Fragment{Text: string(rs[start:end]), Marks: fm})
	}
	// In reading order.
	idx := make([]int, len(out))
	for i := range idx {
		idx[i] = i
	}
	sort.Slice(idx, func(a, b int) bool { return taken[idx[a]].Start < taken[idx[b]].Start })
	sorted := make([]model.Fragment, len(out))
	for i, k := range idx {
		sorted[i] = out[k]
	}
	return sorted
}

// fragScanBytes is the window of a body scanned at a time for fragments.
const fragScanBytes = 16 << 10

// cutWindow is the start of s up to about n bytes, ending after white space
// (or on a rune boundary when there is none), never empty unless s is.
func cutWindow(s string, n int) string {
	if len(s) <= n {
		return s
	}
	if i := strings.LastIndexAny(s[:n], " \n\t"); i > 0 {
		return s[:i+1]
	}
	i := n
	for i > 1 && !utf8.RuneStart(s[i]) {
		i--
	}
	return s[:i]
}

// wordStart moves i forward to the start of a word (unless at 0).
func wordStart(rs []rune, i int) int {
	if i == 0 {
		return 0
	}
	for j := i; j < len(rs) && j < i+20; j++ {
		if unicode.IsSpace(rs[j-1]) && !unicode.IsSpace(rs[j]) {
			return j
		}
	}
	return i
}

// wordEnd moves i back to the end of a word (unless at the end).
func wordEnd(rs []rune, i int) int {
	if i >= len(rs) {
		return len(rs)
	}
	for j := i; j > 0 && j > i-20; j-- {
		if unicode.IsSpace(rs[j]) && !unicode.IsSpace(rs[j-1]) {
			return j
		}
	}
	return i
}
