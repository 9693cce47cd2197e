package main

import (
	"fmt"
	"strings"

	"github.com/spf13/cobra"

	"github.com/workbench-dev/workbench/internal/agree"
	"github.com/workbench-dev/workbench/internal/textsafe"
)

func newAgreeCmd(a *cli) *cobra.Command {
	var analysts, label string
	var asJSON bool
	c := &cobra.Command{
		Use:   "agree [--analysts A,B,...] [--label L] [--json]",
		Short: "Measure the agreement between analysts' tags",
		Long: `Measure how far the analysts who tagged this workspace agree: observed
agreement, Cohen's kappa per pair, Fleiss' kappa (three or more analysts),
Krippendorff's alpha (nominal) and alpha-u (free spans), with a diagnosis per
label (agreeing, disagreeing, coded by one only).

Units are the statements (quotes) of the documents every compared analyst
coded; a document coded by only some of them is left out and listed.

--json prints one object: {"analysts","documents","units","excluded_documents",
"labels":{LABEL:{"observed","kappa":{"A|B"},"alpha","agree","disagree","single"}},
"overall":{"observed","fleiss_kappa","alpha_nominal","alpha_u"}}; a figure that
is undefined (no variation) is null.`,
		Example: `  workbench agree
  workbench agree --analysts alice,bob --label escalatory
  workbench agree --json | jq .overall.alpha_nominal`,
		Args: cobra.NoArgs,
		RunE: func(cmd *cobra.Command, args []string) error {
			w, err := a.open()
			if err != nil {
				return err
			}
			defer w.Close()
			o := agree.Options{Label: label}
			for _, s := range strings.Split(analysts, ",") {
				if s = strings.TrimSpace(s); s != "" {
					o.Analysts = append(o.Analysts, s)
				}
			}
			res, err := w.Agreement(cmd.Context(), o)
			if err != nil {
				return err
			}
			if asJSON {
				enc := textsafe.NewJSONEncoder(a.stdout)
				return enc.Encode(res)
			}
			fmt.Fprint(a.stdout, agree.Render(res))
			return nil
		},
	}
	c.Flags().StringVar(&analysts, "analysts", "", "the analysts to compare, comma-separated (default: all with tags)")
	c.Flags().StringVar(&label, "label", "", "only this label")
	c.Flags().BoolVar(&asJSON, "json", false, "print JSON")
	return c
}
