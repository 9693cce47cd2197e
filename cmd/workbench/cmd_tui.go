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
	"github.com/workbench-dev/workbench/internal/analyze"
	"github.com/workbench-dev/workbench/internal/model"
	"github.com/workbench-dev/workbench/internal/pipeline"
	"github.com/workbench-dev/workbench/internal/ui"
	"github.com/workbench-dev/workbench/internal/ui/backend"
	"github.com/workbench-dev/workbench/internal/workspace"
)

func init() { runTUI = tuiMain }

// tuiSampleLock bounds the wait for the workspace's writer lock when the
// first run indexes the sample.
const tuiSampleLock = 2 * time.Second

// tuiMain opens the workbench on the workspace. With no index yet, it first
// indexes the embedded sample corpus behind a progress view.
//
// WORKBENCH_FIRST_FRAME_EXIT=1 makes it quit right after the first frame
// and print first_frame_ms=N (since process start) to stderr: the benchmark
// measures time to first frame with it. Without a terminal (stdin/stdout not
// TTYs) it renders to nowhere at 120x40, so a subprocess can measure too.
func tuiMain(a *app) error {
	tty := isTTY(a.stdin) && isTTY(a.stdout)
	firstFrameExit := os.Getenv("WORKBENCH_FIRST_FRAME_EXIT") == "1"
	if !tty && !firstFrameExit {
		return errors.New("the workbench needs a terminal on stdin and stdout; in scripts use the commands (workbench search, show, quotes, tags, export; see workbench --help)")
	}
	ws, err := a.workspace()
	if err != nil {
		return err
	}
	reg, actorsText, err := loadRegistry(ws)
	if err != nil {
		return err
	}
	cb, err := loadCodebook(ws)
	if err != nil {
		return err
	}
	labels := cb.Labels()
	be := backend.New(backend.Options{
		IndexPath: ws.IndexPath(), TagsPath: ws.TagsPath(), ExportsDir: ws.ExportsDir(),
		LabelOrder: labelNames(labels),
		ResolveActor: func(name string) (string, bool) {
			act, ok := reg.Lookup(name)
			return act.ID, ok
		},
	})
	defer be.Close()

	opts := ui.Options{
		Searcher: be, Tags: be,
		Labels: labels, Actors: reg.Actors(),
		Workspace: ws.Dir,
		NoColor:   os.Getenv("NO_COLOR") != "",
	}
	if !exists(ws.IndexPath()) {
		opts.Prepare = func(ctx context.Context, progress func(ui.Progress)) error {
			return tuiIndexSample(ctx, ws, reg, actorsText, progress)
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

func labelNames(ls []model.Label) []string {
	out := make([]string, len(ls))
	for i, l := range ls {
		out[i] = l.Name
	}
	return out
}

func isTTY(v any) bool {
	f, ok := v.(*os.File)
	return ok && term.IsTerminal(f.Fd())
}

// tuiIndexSample indexes the embedded sample corpus into a new index,
// holding the workspace's writer lock.
func tuiIndexSample(ctx context.Context, ws *workspace.Workspace, reg *analyze.Registry, regText []byte, progress func(ui.Progress)) error {
	lock, err := ws.LockWrite(tuiSampleLock)
	if err != nil {
		return err
	}
	defer lock.Unlock()
	total := 0
	for _, name := range data.SampleFiles() {
		b, err := fs.ReadFile(data.Sample(), name)
		if err != nil {
			return err
		}
		total += bytes.Count(b, []byte("\n"))
	}
	ix, err := pipeline.OpenOrCreate(ws.IndexPath(), false)
	if err != nil {
		return err
	}
	_, runErr := pipeline.Run(ctx, ix, analyze.New(reg), pipeline.Source{FS: data.Sample(), Names: data.SampleFiles()}, pipeline.Options{
		Registry: regText,
		Progress: func(p pipeline.Progress) {
			progress(ui.Progress{Done: p.Indexed + p.Unchanged, Total: max(total, p.Seen), Note: fmt.Sprintf("%s elapsed", p.Elapsed.Round(100*time.Millisecond))})
		},
	})
	if err := ix.Close(); err != nil && runErr == nil {
		runErr = err
	}
	return runErr
}
