package main

import (
	"fmt"
	"sort"
	"text/tabwriter"

	"github.com/spf13/cobra"

	"github.com/workbench-dev/workbench/internal/textsafe"
)

// stLabelJSON is one line of `workbench labels --json`.
type stLabelJSON struct {
	Name        string `json:"name"`
	Key         string `json:"key"`
	Color       string `json:"color"`
	Description string `json:"description"`
	Count       int    `json:"count"`
	InCodebook  bool   `json:"in_codebook"`
}

func newLabelsCmd(a *cli) *cobra.Command {
	var asJSON bool
	c := &cobra.Command{
		Use:   "labels [--json]",
		Short: "List the stance labels of the codebook, with the number of tags of each",
		Long: `List the labels of the codebook (WORKSPACE/codebook.toml) with their keys,
descriptions and the number of tags per label. Tags whose label is no longer
in the codebook (after a rename, say) are listed apart, so none is orphaned
silently: rename the label back, or retag them.

--json prints one object per line: name, key, color, description, count and
in_codebook (false for labels only found on tags).`,
		Example: `  workbench labels
  workbench labels --json | jq -r 'select(.in_codebook == false) | .name'`,
		Args: cobra.NoArgs,
		RunE: func(cmd *cobra.Command, args []string) error {
			w, err := a.open()
			if err != nil {
				return err
			}
			defer w.Close()
			ws, cb := w.Workspace(), w.Codebook()
			counts, err := w.LabelCounts(cmd.Context())
			if err != nil {
				return err
			}
			var rows []stLabelJSON
			for _, l := range cb.Labels() {
				rows = append(rows, stLabelJSON{l.Name, l.Key, l.Color, l.Description, counts[l.Name], true})
			}
			var stray []stLabelJSON
			for name, n := range counts {
				if l, ok := cb.ByName(name); !ok || l.Name != name {
					stray = append(stray, stLabelJSON{Name: name, Count: n})
				}
			}
			sort.Slice(stray, func(i, j int) bool { return stray[i].Name < stray[j].Name })
			if asJSON {
				enc := textsafe.NewJSONEncoder(a.stdout)
				for _, r := range append(rows, stray...) {
					if err := enc.Encode(r); err != nil {
						return err
					}
				}
				return nil
			}
			tw := tabwriter.NewWriter(a.stdout, 0, 4, 2, ' ', 0)
			fmt.Fprintln(tw, "KEY\tLABEL\tTAGS\tDESCRIPTION")
			for _, r := range rows {
				fmt.Fprintf(tw, "%s\t%s\t%d\t%s\n", r.Key, textsafe.CleanLine(r.Name), r.Count, textsafe.CleanLine(r.Description))
			}
			tw.Flush()
			if len(stray) > 0 {
				total := 0
				for _, r := range stray {
					total += r.Count
				}
				fmt.Fprintf(a.stdout, "\n%d %s with labels not in the codebook (%s):\n", total, map[bool]string{true: "tag", false: "tags"}[total == 1], ws.CodebookPath())
				for _, r := range stray {
					fmt.Fprintf(a.stdout, "  %s: %d (add it back to the codebook, or see `workbench tags --label %s`)\n",
						textsafe.CleanLine(r.Name), r.Count, textsafe.CleanLine(r.Name))
				}
			}
			return nil
		},
	}
	c.Flags().BoolVar(&asJSON, "json", false, "one JSON object per label")
	return c
}
