package analyze

import (
	"sort"
	"unicode"

	"github.com/workbench-dev/workbench/internal/model"
)

// maxPatternRunes caps the length of an alias or title; the automaton keeps
// a ring of this many recent positions to map matches back to offsets.
const maxPatternRunes = 256

// pattern is one alias, name or title of an actor, folded.
type pattern struct {
	actor   int    // index into Registry.actors
	runes   int    // folded length in runes
	surface []rune // as written in the registry (for case-sensitive checks)
	title   bool
	caseSen bool
}

// automaton is an Aho–Corasick machine over folded runes. Runes are mapped
// to small classes first so the transition table stays dense.
type automaton struct {
	asciiClass [128]int32
	// foldedClass[r] is the class of ASCII r folded (asciiFold), -1 when r
	// folds to a space.
	foldedClass [128]int32
	otherClass  map[rune]int32
	nclass      int32
	next        []int32   // state*nclass + class -> state
	out         [][]int32 // state -> pattern ids ending here (incl. via failure links)
	hasOut      []bool
	// step is next with each target premultiplied by nclass, as -x-1 when
	// the target has output (one lookup a rune in scan).
	step []int32
}

func (m *automaton) class(r rune) int32 {
	if r >= 0 && r < 128 {
		return m.asciiClass[r]
	}
	return m.otherClass[r] // 0 when absent
}

func buildAutomaton(pats [][]rune) *automaton {
	m := &automaton{otherClass: make(map[rune]int32), nclass: 1}
	for _, p := range pats {
		for _, r := range p {
			if r < 128 {
				if m.asciiClass[r] == 0 {
					m.asciiClass[r] = m.nclass
					m.nclass++
				}
			} else if m.otherClass[r] == 0 {
				m.otherClass[r] = m.nclass
				m.nclass++
			}
		}
	}
	// Trie.
	type node struct {
		child map[int32]int32
		fail  int32
		out   []int32
	}
	nodes := []node{{child: map[int32]int32{}}}
	for pi, p := range pats {
		s := int32(0)
		for _, r := range p {
			c := m.class(r)
			nx, ok := nodes[s].child[c]
			if !ok {
				nx = int32(len(nodes))
				nodes = append(nodes, node{child: map[int32]int32{}})
				nodes[s].child[c] = nx
			}
			s = nx
		}
		nodes[s].out = append(nodes[s].out, int32(pi))
	}
	// Breadth-first failure links and a full transition table.
	nc := m.nclass
	m.next = make([]int32, int32(len(nodes))*nc)
	queue := make([]int32, 0, len(nodes))
	for c := int32(0); c < nc; c++ {
		if nx, ok := nodes[0].child[c]; ok {
			m.next[c] = nx
			nodes[nx].fail = 0
			queue = append(queue, nx)
		}
	}
	for len(queue) > 0 {
		s := queue[0]
		queue = queue[1:]
		f := nodes[s].fail
		nodes[s].out = append(nodes[s].out, nodes[f].out...)
		for c := int32(0); c < nc; c++ {
			if nx, ok := nodes[s].child[c]; ok {
				nodes[nx].fail = m.next[f*nc+c]
				m.next[s*nc+c] = nx
				queue = append(queue, nx)
			} else {
				m.next[s*nc+c] = m.next[f*nc+c]
			}
		}
	}
	m.out = make([][]int32, len(nodes))
	m.hasOut = make([]bool, len(nodes))
	for i := range nodes {
		m.out[i] = nodes[i].out
		m.hasOut[i] = len(nodes[i].out) > 0
	}
	for r := range m.foldedClass {
		if c := asciiFold[r]; c == ' ' {
			m.foldedClass[r] = -1
		} else {
			m.foldedClass[r] = m.asciiClass[c]
		}
	}
	m.step = make([]int32, len(m.next))
	for i, s := range m.next {
		m.step[i] = s * nc
		if m.hasOut[s] {
			m.step[i] = -s*nc - 1
		}
	}
	return m
}

// asciiFold lower-cases ASCII and turns tab, newline and CR into spaces.
var asciiFold = func() (t [128]rune) {
	for r := rune(0); r < 128; r++ {
		t[r] = foldRune(r)
	}
	return t
}()

// rawMatch is a pattern occurrence in rune offsets of the body.
type rawMatch struct {
	start, end int
	pat        int32
}

// scan runs the automaton over text (runes) and returns every whole-word
// occurrence of a pattern that passes its case rule.
func (a *Analyzer) scan(text []rune) []rawMatch {
	m := a.auto
	if m == nil {
		return nil
	}
	var ring [maxPatternRunes]int32 // fed count -> rune index
	var out []rawMatch
	nc := m.nclass
	off := int32(0) // the state times nc
	fed := 0
	lastSpace := true
	step := m.step
	folded, spaceClass := &m.foldedClass, m.asciiClass[' ']
	for i, r := range text {
		var cls int32
		if uint32(r) < 128 {
			// ASCII fast path: fold and classify through one table.
			if cls = folded[r]; cls < 0 {
				if lastSpace {
					continue
				}
				lastSpace = true
				cls = spaceClass
			} else {
				lastSpace = false
			}
		} else {
			f := foldRune(r)
			if f < 0 {
				continue // combining mark: invisible to matching
			}
			if f == ' ' || (f >= 128 && unicode.IsSpace(f)) {
				if lastSpace {
					continue
				}
				lastSpace = true
				f = ' '
			} else {
				lastSpace = false
			}
			cls = m.class(f)
		}
		ring[fed&(maxPatternRunes-1)] = int32(i)
		fed++
		v := step[off+cls]
		if v >= 0 {
			off = v // a state without output
			continue
		}
		off = -v - 1
		out = a.matchesAt(out, text, i, off/nc, &ring, fed)
	}
	return out
}

// matchesAt appends the whole-word occurrences of the patterns that end at
// rune i, in automaton state state, that pass their case rule; ring maps
// the fed count to rune indexes (see scan). Out of scan's loop, which it
// leaves the registers to.
func (a *Analyzer) matchesAt(out []rawMatch, text []rune, i int, state int32, ring *[maxPatternRunes]int32, fed int) []rawMatch {
	for _, pi := range a.auto.out[state] {
		p := &a.pats[pi]
		if p.runes > fed {
			continue
		}
		start := int(ring[(fed-p.runes)&(maxPatternRunes-1)])
		end := i + 1
		// Swallow trailing combining marks into the match.
		for end < len(text) && foldRune(text[end]) < 0 {
			end++
		}
		if start > 0 && isWordRune(text[start-1]) {
			continue
		}
		if end < len(text) && isWordRune(text[end]) {
			continue
		}
		if p.caseSen && !caseMatches(text[start:end], p.surface) {
			continue
		}
		out = append(out, rawMatch{start: start, end: end, pat: pi})
	}
	return out
}

// caseMatches reports whether the upper-case letters of surface (as in the
// text) agree with the pattern as written, or the surface is all capitals
// (headlines).
func caseMatches(surface, pat []rune) bool {
	var sl, pl []rune
	for _, r := range surface {
		if unicode.IsLetter(r) {
			sl = append(sl, r)
		}
	}
	for _, r := range pat {
		if unicode.IsLetter(r) {
			pl = append(pl, r)
		}
	}
	if len(sl) != len(pl) {
		return false
	}
	// All capitals count as a headline only for longer words: "XI" is a
	// Roman numeral, not Xi.
	same, allUpper := true, len(sl) >= 4
	for i := range sl {
		su, pu := unicode.IsUpper(sl[i]), unicode.IsUpper(pl[i])
		if su != pu {
			same = false
		}
		if !su {
			allUpper = false
		}
	}
	return same || allUpper
}

// findMentions resolves raw matches into mentions: leftmost-longest, names
// before titles, and titles only where they are unambiguous in the document.
func (a *Analyzer) findMentions(text []rune, raw []rawMatch) []model.Mention {
	if len(raw) == 0 {
		return nil
	}
	sort.Slice(raw, func(i, j int) bool {
		if raw[i].start != raw[j].start {
			return raw[i].start < raw[j].start
		}
		return raw[i].end > raw[j].end
	})
	type sel struct {
		rawMatch
		title bool
	}
	var chosen []sel
	lastEnd := -1
	for _, m := range raw {
		if m.start < lastEnd {
			continue
		}
		chosen = append(chosen, sel{m, a.pats[m.pat].title})
		lastEnd = m.end
	}
	named := make(map[int]bool)
	for _, c := range chosen {
		if !c.title {
			named[a.pats[c.pat].actor] = true
		}
	}
	out := make([]model.Mention, 0, len(chosen))
	for k, c := range chosen {
		p := &a.pats[c.pat]
		if c.title {
			actor := a.titleActor(c.pat, named)
			if actor < 0 {
				continue
			}
			// "the Russian president Vladimir Putin": the name is the mention.
			if k+1 < len(chosen) && !chosen[k+1].title && onlySpaceBetween(text, c.end, chosen[k+1].start) {
				continue
			}
			out = append(out, model.Mention{Actor: a.reg.actors[actor].ID, Text: string(text[c.start:c.end]), Start: c.start, End: c.end})
			continue
		}
		out = append(out, model.Mention{Actor: a.reg.actors[p.actor].ID, Text: string(text[c.start:c.end]), Start: c.start, End: c.end})
	}
	return out
}

// titleActor picks the actor a title refers to in a document: the only
// actor named in the document among those that carry this title; -1 when
// none or several.
func (a *Analyzer) titleActor(pat int32, named map[int]bool) int {
	return a.uniqueTitled(a.titleGroups[a.patKey[pat]], named)
}

// uniqueTitled is the one actor named in the document (named) among the
// actors carrying the title patterns pats; -1 for none or several.
func (a *Analyzer) uniqueTitled(pats []int32, named map[int]bool) int {
	found := -1
	for _, pi := range pats {
		ac := a.pats[pi].actor
		if !named[ac] || ac == found {
			continue
		}
		if found >= 0 {
			return -1
		}
		found = ac
	}
	return found
}

func onlySpaceBetween(text []rune, from, to int) bool {
	if to-from > 3 {
		return false
	}
	for _, r := range text[from:to] {
		if !unicode.IsSpace(r) && r != ',' {
			return false
		}
	}
	return true
}
