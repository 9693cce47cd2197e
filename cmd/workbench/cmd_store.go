package main

import (
	"fmt"

	"github.com/spf13/cobra"

	"github.com/workbench-dev/workbench/internal/store"
	"github.com/workbench-dev/workbench/internal/textsafe"
)

func newStoreCmd(a *cli) *cobra.Command {
	c := &cobra.Command{
		Use:     "store",
		Short:   "Work with tag stores: copy between a laptop's tags.db and the team's PostgreSQL",
		Example: `  workbench store copy --from tags.db --to postgres://ana@db.example.org/team`,
		Args:    cobra.NoArgs,
	}
	var from, to string
	cp := &cobra.Command{
		Use:   "copy --from SRC --to DST",
		Short: "Copy tags, notes, speaker corrections and the undo history from one store to another",
		Long: `Copy a tag store into another: each of SRC and DST is a tags.db path or a
postgres:// URL. Every row carries a uid, so copying again copies nothing:
take a laptop copy offline and bring it back, and only what was made
offline arrives. A row the destination holds differently is reported as a
conflict and left as it is, never overwritten.`,
		Example: `  workbench store copy --from ~/.local/share/workbench/tags.db --to postgres://ana@db/team
  workbench store copy --from postgres://ana@db/team --to /tmp/offline.db`,
		Args: cobra.NoArgs,
		RunE: func(cmd *cobra.Command, args []string) error {
			if from == "" || to == "" {
				return usageErr("store copy needs --from SRC and --to DST (a tags.db path or a postgres:// URL)")
			}
			ctx := cmd.Context()
			src, err := store.OpenURL(ctx, from, store.Options{})
			if err != nil {
				return err
			}
			defer src.Close()
			dst, err := store.OpenURL(ctx, to, store.Options{})
			if err != nil {
				return err
			}
			defer dst.Close()
			rep, err := store.Copy(ctx, src, dst)
			if err != nil {
				return err
			}
			fmt.Fprintf(a.stdout, "copied from %s to %s: tags %d (%d already there), speaker corrections %d (%d), history %d (%d)\n",
				textsafe.CleanLine(store.RedactURL(from)), textsafe.CleanLine(store.RedactURL(to)),
				rep.Tags.Copied, rep.Tags.Present, rep.Speakers.Copied, rep.Speakers.Present, rep.Ops.Copied, rep.Ops.Present)
			for _, c := range rep.Conflicts {
				fmt.Fprintf(a.stderr, "conflict, left as the destination has it: %s\n", textsafe.CleanLine(c.String()))
			}
			return nil
		},
	}
	cp.Flags().StringVar(&from, "from", "", "the store to copy from (tags.db path or postgres:// URL)")
	cp.Flags().StringVar(&to, "to", "", "the store to copy into")
	c.AddCommand(cp)
	return c
}
