package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"strings"
	"time"

	"github.com/spf13/cobra"

	"github.com/workbench-dev/workbench/internal/workspace"
)

// Set by the linker: -ldflags "-X main.version=v1.2.3".
var version = "dev"

// processStart is when main started; the TUI reports time to first frame from it.
var processStart = time.Now()

// app carries what every command needs: the streams and the workspace
// location. Commands open the index and the store themselves, lazily, so that
// `workbench analyze` works without a workspace.
type app struct {
	home   string // --home flag value
	stdin  io.Reader
	stdout io.Writer
	stderr io.Writer
}

// workspace resolves and opens the workspace folder.
func (a *app) workspace() (*workspace.Workspace, error) {
	dir, err := workspace.Resolve(a.home)
	if err != nil {
		return nil, err
	}
	return workspace.Open(dir)
}

// exitError carries an exit status: 1 for a failed command, 2 for misuse.
type exitError struct {
	code int
	err  error
}

func (e *exitError) Error() string { return e.err.Error() }
func (e *exitError) Unwrap() error { return e.err }

// usageErr is misuse of the command line: exit status 2.
func usageErr(format string, args ...any) error {
	return &exitError{code: 2, err: fmt.Errorf(format, args...)}
}

// failed reports a command that ran and failed after printing its own
// messages: exit status 1 with no further text.
var errFailed = &exitError{code: 1, err: errors.New("")}

// commands lists the constructors of the subcommands; each file cmd_*.go adds
// its own in an init function.
var commands []func(*app) *cobra.Command

func newRootCmd(a *app) *cobra.Command {
	root := &cobra.Command{
		Use:   "workbench",
		Short: "A terminal workbench for news analysts: search, actors, quotes, stance tags",
		Long: `workbench ingests a news corpus into a full-text index, finds who is mentioned
and who said what, and lets analysts tag quotations with stance labels and
export them.

Run without a command to open the workbench (the TUI). On an empty workspace
it indexes the embedded sample corpus first.`,
		Example: `  workbench                         # open the TUI on the workspace
  workbench index ~/corpus/          # ingest a folder of .txt/.md/.jsonl/.csv/.html(.gz)
  workbench search 'ushakov AND talks'
  workbench --home /tmp/ws search --json putin`,
		Version:       version,
		SilenceUsage:  true,
		SilenceErrors: true,
		Args:          cobra.NoArgs,
	}
	root.PersistentFlags().StringVar(&a.home, "home", "", "workspace folder (default $WORKBENCH_HOME, else $XDG_DATA_HOME/workbench)")
	root.SetIn(a.stdin)
	root.SetOut(a.stdout)
	root.SetErr(a.stderr)
	root.SetFlagErrorFunc(func(c *cobra.Command, err error) error {
		return &exitError{code: 2, err: fmt.Errorf("%v\nSee '%s --help'.", err, c.CommandPath())}
	})
	root.AddCommand(&cobra.Command{
		Use:     "version",
		Short:   "Print the version",
		Example: "  workbench version",
		Args:    cobra.NoArgs,
		RunE: func(cmd *cobra.Command, args []string) error {
			fmt.Fprintf(a.stdout, "workbench %s\n", version)
			return nil
		},
	})
	for _, c := range commands {
		root.AddCommand(c(a))
	}
	root.RunE = func(cmd *cobra.Command, args []string) error {
		if runTUI == nil {
			return cmd.Help()
		}
		return runTUI(a)
	}
	return root
}

// runTUI opens the TUI; set by cmd_tui.go.
var runTUI func(*app) error

func run(args []string, stdin io.Reader, stdout, stderr io.Writer) int {
	a := &app{stdin: stdin, stdout: stdout, stderr: stderr}
	root := newRootCmd(a)
	root.SetArgs(args)
	// Every command gets a non-nil context from cmd.Context().
	err := root.ExecuteContext(context.Background())
	if err == nil {
		return 0
	}
	code := 1
	var ee *exitError
	if errors.As(err, &ee) {
		code = ee.code
	} else if isUsage(err) {
		code = 2
	}
	if msg := err.Error(); msg != "" {
		fmt.Fprintf(stderr, "workbench: %s\n", msg)
	}
	return code
}

// isUsage recognises cobra's own misuse errors (unknown command, bad args).
func isUsage(err error) bool {
	m := err.Error()
	for _, p := range []string{"unknown command", "unknown flag", "unknown shorthand", "accepts ", "requires at least", "requires exactly", "invalid argument"} {
		if strings.Contains(m, p) {
			return true
		}
	}
	return false
}

// exists reports whether path exists.
func exists(path string) bool {
	_, err := os.Stat(path)
	return err == nil
}
