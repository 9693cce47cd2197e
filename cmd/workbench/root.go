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

	"github.com/workbench-dev/workbench/data"
	"github.com/workbench-dev/workbench/internal/app"
	"github.com/workbench-dev/workbench/internal/model"
	"github.com/workbench-dev/workbench/internal/textsafe"
	"github.com/workbench-dev/workbench/internal/workspace"
)

// Set by the linker: -ldflags "-X main.version=v1.2.3".
var version = "dev"

// processStart is when main started; the TUI reports time to first frame from it.
var processStart = time.Now()

// cli carries what every command needs: the streams and the global flags.
// Commands open the workspace through the application layer (app.Open),
// lazily, so that `workbench analyze` works without a workspace.
type cli struct {
	home    string // --home flag value
	analyst string // --analyst flag value
	store   string // --store flag value
	opened  []*app.App
	stdin   io.Reader
	stdout  io.Writer
	stderr  io.Writer
}

// workspace resolves and opens the workspace folder.
func (a *cli) workspace() (*workspace.Workspace, error) {
	dir, err := workspace.Resolve(a.home)
	if err != nil {
		return nil, err
	}
	return workspace.Open(dir)
}

// open opens the workspace with its configuration; what it has to report
// (Notices) is printed when the command ends.
func (a *cli) open() (*app.App, error) {
	w, err := app.Open(a.appOptions())
	if err == nil {
		a.opened = append(a.opened, w)
	}
	return w, err
}

// notices prints, once, what the opened workspaces reported.
func (a *cli) notices() {
	seen := map[string]bool{}
	for _, w := range a.opened {
		for _, n := range w.Notices() {
			if !seen[n] {
				seen[n] = true
				fmt.Fprintf(a.stderr, "workbench: note: %s\n", textsafe.CleanLine(n))
			}
		}
	}
}

// appOptions: the analyst is --analyst, else $WORKBENCH_ANALYST, else
// `analyst` in config.toml (app), else $USER; the tag store is --store,
// else $WORKBENCH_STORE, else `store` in config.toml, else WS/tags.db.
func (a *cli) appOptions() app.Options {
	analyst := a.analyst
	if analyst == "" {
		analyst = os.Getenv("WORKBENCH_ANALYST")
	}
	st := a.store
	if st == "" {
		st = os.Getenv("WORKBENCH_STORE")
	}
	return app.Options{Home: a.home, Analyst: analyst, Store: st, DefaultActors: data.ActorsTOML(), DefaultCodebook: data.CodebookTOML()}
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

// errFailed reports a command that ran and failed after printing its own
// messages: exit status 1 with no further text.
var errFailed = &exitError{code: 1, err: errors.New("")}

// subcommands are the commands of workbench, in help order.
func subcommands(a *cli) []*cobra.Command {
	return []*cobra.Command{
		newIndexCmd(a), newSearchCmd(a), newShowCmd(a), newQuotesCmd(a), newStatementsCmd(a), newSpeakerCmd(a),
		newTagCmd(a), newUntagCmd(a), newTagsCmd(a), newUndoCmd(a), newRedoCmd(a),
		newLabelsCmd(a), newExportCmd(a), newImportCmd(a), newAgreeCmd(a), newStatsCmd(a), newReportCmd(a), newStoreCmd(a), newAnalyzeCmd(a), newEvalCmd(a), newBenchCmd(a),
		newVersionCmd(a),
	}
}

func newRootCmd(a *cli) *cobra.Command {
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
  workbench search 'ushakov talks'
  workbench --home /tmp/ws search --json putin`,
		Version:       version,
		SilenceUsage:  true,
		SilenceErrors: true,
		Args:          cobra.NoArgs,
		RunE:          func(cmd *cobra.Command, args []string) error { return tuiMain(a) },
	}
	root.PersistentFlags().StringVar(&a.home, "home", "", "workspace folder (default $WORKBENCH_HOME, else $XDG_DATA_HOME/workbench)")
	root.PersistentFlags().StringVar(&a.store, "store", "", "tag store: a tags.db path or a postgres:// URL (default $WORKBENCH_STORE, else store in config.toml, else WORKSPACE/tags.db)")
	root.PersistentFlags().StringVar(&a.analyst, "analyst", "", "who new tags are recorded for (default $WORKBENCH_ANALYST, else analyst in config.toml, else $USER)")
	root.SetIn(a.stdin)
	root.SetOut(a.stdout)
	root.SetErr(a.stderr)
	root.SetFlagErrorFunc(func(c *cobra.Command, err error) error {
		return &exitError{code: 2, err: fmt.Errorf("%v\nSee '%s --help'.", err, c.CommandPath())}
	})
	root.AddCommand(subcommands(a)...)
	misuseArgs(root)
	return root
}

// misuseArgs makes every argument-count error of cobra (an unknown command
// included: the root takes no arguments) a misuse, exit status 2.
func misuseArgs(c *cobra.Command) {
	if check := c.Args; check != nil {
		c.Args = func(cmd *cobra.Command, args []string) error {
			if err := check(cmd, args); err != nil {
				var ee *exitError
				if errors.As(err, &ee) {
					return err
				}
				return &exitError{code: 2, err: fmt.Errorf("%v\nSee '%s --help'.", err, cmd.CommandPath())}
			}
			return nil
		}
	}
	for _, sub := range c.Commands() {
		misuseArgs(sub)
	}
}

func newVersionCmd(a *cli) *cobra.Command {
	return &cobra.Command{
		Use:     "version",
		Short:   "Print the version",
		Example: "  workbench version",
		Args:    cobra.NoArgs,
		RunE: func(cmd *cobra.Command, args []string) error {
			fmt.Fprintf(a.stdout, "workbench %s\n", version)
			return nil
		},
	}
}

func run(args []string, stdin io.Reader, stdout, stderr io.Writer) int {
	a := &cli{stdin: stdin, stdout: stdout, stderr: stderr}
	root := newRootCmd(a)
	root.SetArgs(args)
	// Every command gets a non-nil context from cmd.Context().
	err := root.ExecuteContext(context.Background())
	a.notices()
	if err == nil {
		return 0
	}
	code := 1
	var ee *exitError
	var qe *model.QueryError
	switch {
	case errors.As(err, &ee):
		code = ee.code
	case errors.As(err, &qe):
		code = 2
	}
	if msg := err.Error(); msg != "" {
		// Errors carry file names and values from outside: one sanitiser
		// on every stream (each line kept a line of its own).
		lines := strings.Split(msg, "\n")
		for i, l := range lines {
			lines[i] = textsafe.CleanLine(l)
		}
		fmt.Fprintf(stderr, "workbench: %s\n", strings.Join(lines, "\n"))
	}
	return code
}

// exists reports whether path exists.
func exists(path string) bool {
	_, err := os.Stat(path)
	return err == nil
}
