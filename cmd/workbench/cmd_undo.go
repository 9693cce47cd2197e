package main

import (
	"errors"
	"fmt"

	"github.com/spf13/cobra"

	"github.com/workbench-dev/workbench/internal/store"
	"github.com/workbench-dev/workbench/internal/textsafe"
)

func init() { commands = append(commands, newUndoCmd, newRedoCmd) }

func newUndoCmd(a *app) *cobra.Command {
	return &cobra.Command{
		Use:   "undo",
		Short: "Undo the last change to the tags (tag, untag, note or target edit)",
		Long: `Undo the most recent change to the tag store: a tag added, removed, or its
note or target edited. The history is kept in the store, so undo works after
a restart and sees changes made in the TUI. Repeat to go further back;
'workbench redo' re-applies what was undone until a new change is made.`,
		Example: `  workbench undo
  workbench undo && workbench undo   # the last two changes`,
		Args: cobra.NoArgs,
		RunE: func(cmd *cobra.Command, args []string) error { return stRunUndo(cmd, a, true) },
	}
}

func newRedoCmd(a *app) *cobra.Command {
	return &cobra.Command{
		Use:     "redo",
		Short:   "Redo the last undone change to the tags",
		Example: "  workbench redo",
		Args:    cobra.NoArgs,
		RunE:    func(cmd *cobra.Command, args []string) error { return stRunUndo(cmd, a, false) },
	}
}

func stRunUndo(cmd *cobra.Command, a *app, undo bool) error {
	ws, err := a.workspace()
	if err != nil {
		return err
	}
	st, err := stOpenStore(ws)
	if err != nil {
		return err
	}
	defer st.Close()
	var desc string
	if undo {
		desc, err = st.Undo(cmd.Context())
	} else {
		desc, err = st.Redo(cmd.Context())
	}
	switch {
	case errors.Is(err, store.ErrNothingToUndo):
		return errors.New("nothing to undo")
	case errors.Is(err, store.ErrNothingToRedo):
		return errors.New("nothing to redo")
	case err != nil:
		return err
	}
	verb := "undone"
	if !undo {
		verb = "redone"
	}
	fmt.Fprintf(a.stdout, "%s: %s\n", verb, textsafe.CleanLine(desc))
	return nil
}
