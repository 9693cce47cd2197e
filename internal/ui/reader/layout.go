package reader

import (
	"unicode"

	"github.com/mattn/go-runewidth"

	"github.com/workbench-dev/workbench/internal/textsafe"
)

// cell is one screen character of the wrapped article: a rune of the body
// (off >= 0, a code-point offset) or a rune of an inserted badge (off < 0,
// badge is the index of its badge).
type cell struct {
	r     rune
	off   int32
	badge int32
	w     int8
}

// line is a wrapped screen line: cells [start, end).
type line struct{ start, end int }

// badge is inserted text (speaker and label badges before a quote).
type badge struct {
	at   int // body offset it precedes
	text string
	kind int // badgeSpeaker or badgeLabel
	name string
}

const (
	badgeSpeaker = iota
	badgeLabel
)

// safeRune returns the rune to show for a body rune and its width; ok is
// false for characters that must not reach the terminal (they take no
// cell). Everything goes through textsafe.
func safeRune(r rune) (rune, int, bool) {
	if r >= 0x20 && r < 0x7f {
		return r, 1, true
	}
	if r == '\t' {
		return ' ', 1, true
	}
	if unicode.Is(unicode.Cf, r) {
		// Invisible format characters (soft hyphen, joiners, U+06DD...)
		// can glue onto the next cell and upset the layout: not shown.
		return 0, 0, false
	}
	c := textsafe.CleanLine(string(r))
	if c == "" {
		return 0, 0, false
	}
	rr := []rune(c)[0]
	w := runewidth.RuneWidth(rr)
	return rr, w, true
}

// buildCells lays out the body with badges inserted before their offsets.
// cellOf maps each body offset to its cell index (or the next cell when the
// rune is not shown).
func buildCells(body []rune, badges []badge) (cells []cell, cellOf []int32) {
	cells = make([]cell, 0, len(body)+len(badges)*12)
	cellOf = make([]int32, len(body)+1)
	keep := keepMask(body)
	bi := 0
	for i, r := range body {
		for bi < len(badges) && badges[bi].at <= i {
			for _, br := range badges[bi].text {
				b := int32(bi)
				if br == ' ' {
					b = -1 // spaces between badges stay unstyled
				}
				cells = append(cells, cell{r: br, off: -1, badge: b, w: int8(runewidth.RuneWidth(br))})
			}
			bi++
		}
		cellOf[i] = int32(len(cells))
		if r == '\n' {
			cells = append(cells, cell{r: '\n', off: int32(i), badge: -1})
			continue
		}
		sr, w, ok := safeRune(r)
		if !ok || keep != nil && !keep[i] {
			continue
		}
		cells = append(cells, cell{r: sr, off: int32(i), badge: -1, w: int8(w)})
	}
	cellOf[len(body)] = int32(len(cells))
	return cells, cellOf
}

// keepMask marks the runes of body that textsafe.Clean keeps (nil: all).
// Clean drops whole escape sequences (ESC ] 0 ; title BEL), not only their
// control characters; aligning its output with the body keeps the offsets.
func keepMask(body []rune) []bool {
	s := string(body)
	clean := textsafe.Clean(s)
	if clean == s {
		return nil
	}
	cr := []rune(clean)
	keep := make([]bool, len(body))
	j := 0
	for i, r := range body {
		if j < len(cr) && r == cr[j] {
			keep[i] = true
			j++
		}
	}
	return keep
}

// wrap breaks cells into lines of at most width cells, at spaces when it can.
func wrap(cells []cell, width int) []line {
	width = max(width, 1)
	var lines []line
	start, w, lastSpace := 0, 0, -1
	for i := 0; i < len(cells); i++ {
		c := cells[i]
		if c.r == '\n' {
			lines = append(lines, line{start, i})
			start, w, lastSpace = i+1, 0, -1
			continue
		}
		if w+int(c.w) > width && i > start {
			if c.r == ' ' {
				// The space itself ends the line.
				lines = append(lines, line{start, i})
				start, w, lastSpace = i+1, 0, -1
				continue
			}
			if lastSpace >= start {
				lines = append(lines, line{start, lastSpace})
				start = lastSpace + 1
			} else {
				lines = append(lines, line{start, i})
				start = i
			}
			w = 0
			for j := start; j < i; j++ {
				w += int(cells[j].w)
			}
			lastSpace = -1
		}
		if c.r == ' ' {
			lastSpace = i
		}
		w += int(c.w)
	}
	lines = append(lines, line{start, len(cells)})
	return lines
}

func isWord(r rune) bool { return unicode.IsLetter(r) || unicode.IsDigit(r) }
