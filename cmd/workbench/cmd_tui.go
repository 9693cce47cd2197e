package main

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"time"

	tea "charm.land/bubbletea/v2"
	"github.com/charmbracelet/x/term"

	"github.com/workbench-dev/workbench/data"
	"github.com/workbench-dev/workbench/internal/app"
	"github.com/workbench-dev/workbench/internal/pipeline"
	"github.com/workbench-dev/workbench/internal/ui"
)

// tuiMain opens the workbench on the workspace. With no index yet, it first
// indexes the embedded sample corpus behind a progress view.
//
// WORKBENCH_FIRST_FRAME_EXIT=1 makes it quit right after the first frame
// and print first_frame_ms=N (since process start) to stderr: the benchmark
// measures time to first frame with it. Without a terminal (stdin/stdout not
// TTYs) it renders to nowhere at 120x40, so a subprocess can measure too.
func tuiMain(a *cli) error {
	tty := isTTY(a.stdin) && isTTY(a.stdout)
	firstFrameExit := os.Getenv("WORKBENCH_FIRST_FRAME_EXIT") == "1"
	if !tty && !firstFrameExit {
		return errors.New("the workbench needs a terminal on stdin and stdout; in scripts use the commands (workbench search, show, quotes, tags, export; see workbench --help)")
	}
	w, err := a.open()
	if err != nil {
		return err
	}
	defer w.Close()
	ws := w.Workspace()
	opts := ui.Options{
		Backend: w,
		Live:    true,
		Labels:  w.Labels(), Actors: w.Actors(),
		Workspace: ws.Dir,
		NoColor:   os.Getenv("NO_COLOR") != "",
	}
	if !w.HasIndex() {
		opts.Prepare = func(ctx context.Context, progress func(ui.Progress)) error {
			return tuiIndexSample(ctx, w, progress)
		}
	}

	var progOpts []tea.ProgramOption
	if !tty {
		progOpts = append(progOpts, tea.WithInput(nil), tea.WithOutput(io.Discard), tea.WithWindowSize(120, 40))
	} else {
		progOpts = append(progOpts, tea.WithInput(a.stdin), tea.WithOutput(a.stdout))
	}
	var p *tea.Program
	if firstFrameExit {
		opts.OnFirstFrame = func() {
			fmt.Fprintf(a.stderr, "first_frame_ms=%d\n", time.Since(processStart).Milliseconds())
			go p.Quit() // View runs on the event loop: do not block it
		}
	}
	p = tea.NewProgram(ui.New(opts), progOpts...)
	if _, err := p.Run(); err != nil && !errors.Is(err, tea.ErrProgramKilled) {
		return fmt.Errorf("terminal: %w", err)
	}
	return nil
}

func isTTY(v any) bool {
	f, ok := v.(*os.File)
	return ok && term.IsTerminal(f.Fd())
}

// tuiIndexSample indexes the embedded sample corpus into a new index.
func tuiIndexSample(ctx context.Context, w *app.App, progress func(ui.Progress)) error {
	total := 0
	for _, name := range data.SampleFiles() {
		b, err := fs.ReadFile(data.Sample(), name)
		if err != nil {
			return err
		}
		total += bytes.Count(b, []byte("\n"))
	}
	_, err := w.IndexSource(ctx, pipeline.Source{FS: data.Sample(), Names: data.SampleFiles()}, false, pipeline.Options{
		Progress: func(p pipeline.Progress) {
			progress(ui.Progress{Done: p.Indexed + p.Unchanged, Total: max(total, p.Seen), Note: fmt.Sprintf("%s elapsed", p.Elapsed.Round(100*time.Millisecond))})
		},
	})
	return err
}
