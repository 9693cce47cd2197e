package main

import (
	"fmt"
	"io"
	"strings"
	"time"

	"github.com/workbench-dev/workbench/internal/model"
	"github.com/workbench-dev/workbench/internal/textsafe"
)

// Small formatting pieces the listing commands share.

// printListHeader prints "no NOUNS found" (and returns false) or "N
// NOUN(S), showing M": the first line of the quote and statement listings.
func printListHeader(w io.Writer, total uint64, shown int, one, many string) bool {
	if total == 0 {
		fmt.Fprintf(w, "no %s found\n", many)
		return false
	}
	noun := many
	if total == 1 {
		noun = one
	}
	fmt.Fprintf(w, "%d %s, showing %d\n", total, noun, shown)
	return true
}

func speakerOrUnattributed(sp string) string {
	if sp == "" {
		return "unattributed"
	}
	return sp
}

// hitMeta is "title · date · id" of a listed quote or statement, cleaned
// for the terminal (no date when the article has none).
func hitMeta(title string, date time.Time, id string) string {
	meta := []string{textsafe.CleanLine(title)}
	if d := model.FormatDate(date); d != "" {
		meta = append(meta, d)
	}
	return strings.Join(append(meta, textsafe.CleanLine(id)), " · ")
}

// shorten cuts s to n characters, the last one an ellipsis.
func shorten(s string, n int) string {
	r := []rune(s)
	if len(r) <= n {
		return s
	}
	return string(r[:n-1]) + "…"
}
