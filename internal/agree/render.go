package agree

import (
	"fmt"
	"strings"
	"text/tabwriter"

	"github.com/workbench-dev/workbench/internal/textsafe"
)

// maxListed is how many left-out documents Render names.
const maxListed = 10

// Render is the result as text for a terminal: a summary line, the
// left-out documents, the diagnosis table per label, Cohen's kappa per pair
// when there are more than two analysts, and the overall figures. Names,
// labels and document IDs are sanitised.
func Render(r *Result) string {
	var b strings.Builder
	clean := textsafe.CleanLine
	names := make([]string, len(r.Analysts))
	for i, a := range r.Analysts {
		names[i] = clean(a)
	}
	fmt.Fprintf(&b, "Agreement of %s: %d %s, %d %s.\n", strings.Join(names, ", "),
		r.Documents, plural(r.Documents, "document", "documents"), r.Units, plural(r.Units, "unit (statement)", "units (statements)"))
	if n := len(r.ExcludedDocuments); n > 0 {
		var ds []string
		for _, d := range r.ExcludedDocuments[:min(n, maxListed)] {
			ds = append(ds, clean(d))
		}
		more := ""
		if n > maxListed {
			more = fmt.Sprintf(" and %d more", n-maxListed)
		}
		fmt.Fprintf(&b, "Left out, coded by only some of them: %s%s.\n", strings.Join(ds, ", "), more)
	}
	b.WriteString("\n")

	pairs := pairKeys(r.Analysts)
	kappaHead := "kappa"
	if len(pairs) > 1 {
		kappaHead = "kappa (mean)"
	}
	labels := sortedKeys(r.Labels)
	if len(labels) == 0 {
		b.WriteString("No labels on these units.\n")
	} else {
		tw := tabwriter.NewWriter(&b, 0, 0, 2, ' ', 0)
		fmt.Fprintf(tw, "label\tobserved\t%s\talpha\tagree\tdisagree\tsingle\n", kappaHead)
		for _, l := range labels {
			lr := r.Labels[l]
			fmt.Fprintf(tw, "%s\t%s\t%s\t%s\t%d\t%d\t%d\n", clean(l), num(lr.Observed),
				num(meanKappa(lr.Kappa)), num(lr.Alpha), lr.Agree, lr.Disagree, lr.Single)
		}
		tw.Flush()
	}
	if len(pairs) > 1 && len(labels) > 0 {
		b.WriteString("\nCohen's kappa per pair\n")
		tw := tabwriter.NewWriter(&b, 0, 0, 2, ' ', 0)
		head := []string{"label"}
		for _, p := range pairs {
			head = append(head, clean(p))
		}
		fmt.Fprintln(tw, strings.Join(head, "\t"))
		for _, l := range labels {
			row := []string{clean(l)}
			for _, p := range pairs {
				row = append(row, num(r.Labels[l].Kappa[p]))
			}
			fmt.Fprintln(tw, strings.Join(row, "\t"))
		}
		tw.Flush()
	}

	o := r.Overall
	fmt.Fprintf(&b, "\nOverall: observed %s", num(o.Observed))
	if len(r.Analysts) >= 3 {
		fmt.Fprintf(&b, " · Fleiss' kappa %s", num(o.FleissKappa))
	}
	fmt.Fprintf(&b, " · alpha (nominal) %s · alpha-u (free spans) %s\n", num(o.AlphaNominal), num(o.AlphaU))
	b.WriteString("\nagree: every analyst gave the label; disagree: some did, others gave other labels;\n" +
		"single: only one analyst tagged the unit at all. – is undefined (no unit, or no variation).\n" +
		"Krippendorff: rely on alpha ≥ 0.800, draw tentative conclusions from 0.667.\n")
	return b.String()
}

func plural(n int, one, many string) string {
	if n == 1 {
		return one
	}
	return many
}

func num(v *float64) string {
	if v == nil {
		return "–"
	}
	return fmt.Sprintf("%.3f", *v)
}

func pairKeys(analysts []string) []string {
	var ps []string
	for i := range analysts {
		for j := i + 1; j < len(analysts); j++ {
			ps = append(ps, PairKey(analysts[i], analysts[j]))
		}
	}
	return ps
}

// meanKappa is the mean of the defined pairwise kappas (nil if none).
func meanKappa(k map[string]*float64) *float64 {
	sum, n := 0.0, 0
	for _, p := range sortedKeys(k) {
		if v := k[p]; v != nil {
			sum += *v
			n++
		}
	}
	if n == 0 {
		return nil
	}
	m := sum / float64(n)
	return &m
}
