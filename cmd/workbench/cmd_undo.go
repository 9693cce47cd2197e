package main

import (
	"errors"
	"fmt"

	"github.com/spf13/cobra"

	"github.com/workbench-dev/workbench/internal/textsafe"
)

func newUndoCmd(a *cli) *cobra.Command {
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

func newRedoCmd(a *cli) *cobra.Command {
	return &cobra.Command{
		Use:     "redo",
		Short:   "Redo the last undone change to the tags",
		Example: "  workbench redo",
		Args:    cobra.NoArgs,
		RunE:    func(cmd *cobra.Command, args []string) error { return stRunUndo(cmd, a, false) },
	}
}

func stRunUndo(cmd *cobra.Command, a *cli, undo bool) error {
	w, err := a.open()
	if err != nil {
		return err
	}
	defer w.Close()
	var desc string
	if undo {
		desc, err = w.Undo(cmd.Context())
	} else {
		desc, err = w.Redo(cmd.Context())
	}
	switch {
	case err != nil:
		return err
	case desc == "" && undo:
		return errors.New("nothing to undo")
	case desc == "":
		return errors.New("nothing to redo")
	}
	verb := "undone"
	if !undo {
		verb = "redone"
	}
	fmt.Fprintf(a.stdout, "%s: %s\n", verb, textsafe.CleanLine(desc))
	return nil
}
