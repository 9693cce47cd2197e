package common

import "github.com/workbench-dev/workbench/internal/model"

// Histogram draws counts as one line of block characters, one per value,
// between the first and last value: "2000 ▂▅·█ 2020" (· is none).
func Histogram(counts []model.FacetCount) string {
	if len(counts) == 0 {
		return ""
	}
	top := 0
	for _, c := range counts {
		top = max(top, c.Count)
	}
	bars := []rune("▁▂▃▄▅▆▇█")
	out := []rune(Clean(counts[0].Value) + " ")
	for _, c := range counts {
		if c.Count <= 0 {
			out = append(out, '·')
			continue
		}
		out = append(out, bars[min(len(bars)-1, (c.Count*len(bars)-1)/max(1, top))])
	}
	return string(out) + " " + Clean(counts[len(counts)-1].Value)
}
