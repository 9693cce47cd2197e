package ingest

import (
	"context"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"strings"

	"github.com/workbench-dev/workbench/internal/model"
)

// Walk ingests files and folders of the local file system. Folders are read
// recursively in sorted order; names starting with "." inside them are
// skipped; symbolic links are followed, except to a folder already being
// read (a loop, reported) or already read (a note). Every article goes to
// emit and every problem to report. It stops early only when ctx is
// cancelled or emit returns an error, and then returns that error.
func Walk(ctx context.Context, paths []string, opts Options, emit func(model.Article) error, report func(Problem)) error {
	if report == nil {
		report = func(Problem) {}
	}
	for _, p := range paths {
		if err := ctx.Err(); err != nil {
			return err
		}
		w := walker{ctx: ctx, opts: opts, emit: emit, report: report}
		if err := w.root(p); err != nil {
			if s, ok := stopErr(err); ok {
				return s
			}
			return err
		}
	}
	return nil
}

type walker struct {
	ctx    context.Context
	opts   Options
	emit   func(model.Article) error
	report func(Problem)
	source string
	// visited holds every folder read so far, ancestors at the end of the
	// current chain marked by depth.
	visited []visitedDir
}

type visitedDir struct {
	fi   fs.FileInfo
	path string
	open bool // still being read: an ancestor of the current folder
}

func (w *walker) problem(path string, err error) {
	w.report(Problem{Path: path, Err: err})
}

// root ingests one command-line path.
func (w *walker) root(p string) error {
	fi, err := os.Stat(p)
	if err != nil {
		w.problem(p, describeOpenErr(err))
		return nil
	}
	abs, aerr := filepath.Abs(p)
	if aerr != nil {
		abs = p
	}
	if fi.IsDir() {
		w.source = filepath.Base(abs)
		return w.dir(p, "", fi)
	}
	w.source = filepath.Base(filepath.Dir(abs))
	if !fi.Mode().IsRegular() {
		w.report(Problem{Path: p, Err: errors.New("skipped: not a regular file"), Note: true})
		return nil
	}
	return w.file(p, filepath.Base(p))
}

// dir reads a folder; rel is its slash path relative to the root.
func (w *walker) dir(p, rel string, fi fs.FileInfo) error {
	for i := range w.visited {
		if os.SameFile(w.visited[i].fi, fi) {
			if w.visited[i].open {
				w.problem(p, fmt.Errorf("symlink loop: leads back to %s, which is being read; not followed", w.visited[i].path))
			} else {
				w.report(Problem{Path: p, Err: fmt.Errorf("skipped: same folder as %s, already read", w.visited[i].path), Note: true})
			}
			return nil
		}
	}
	w.visited = append(w.visited, visitedDir{fi: fi, path: p, open: true})
	idx := len(w.visited) - 1
	defer func() { w.visited[idx].open = false }()

	entries, err := os.ReadDir(p)
	if err != nil {
		w.problem(p, fmt.Errorf("cannot read folder: %v", describeOpenErr(err)))
		if len(entries) == 0 {
			return nil
		}
	}
	for _, e := range entries { // sorted by name
		if err := w.ctx.Err(); err != nil {
			return errStop{err}
		}
		name := e.Name()
		if strings.HasPrefix(name, ".") {
			continue
		}
		child := filepath.Join(p, name)
		childRel := name
		if rel != "" {
			childRel = rel + "/" + name
		}
		t := e.Type()
		if t&fs.ModeSymlink != 0 {
			cfi, err := os.Stat(child)
			if err != nil {
				if errors.Is(err, fs.ErrNotExist) {
					w.problem(child, errors.New("broken symlink: its target does not exist"))
				} else {
					w.problem(child, fmt.Errorf("cannot follow symlink: %v", unwrapPath(err)))
				}
				continue
			}
			t = cfi.Mode().Type()
			if cfi.IsDir() {
				if err := w.dir(child, childRel, cfi); err != nil {
					return err
				}
				continue
			}
		}
		switch {
		case t.IsDir():
			cfi, err := e.Info()
			if err != nil {
				w.problem(child, describeOpenErr(err))
				continue
			}
			if err := w.dir(child, childRel, cfi); err != nil {
				return err
			}
		case t.IsRegular():
			if err := w.file(child, childRel); err != nil {
				return err
			}
		default:
			if Supported(name) {
				w.report(Problem{Path: child, Err: errors.New("skipped: not a regular file"), Note: true})
			}
		}
	}
	return nil
}

func unwrapPath(err error) error {
	var pe *fs.PathError
	if errors.As(err, &pe) {
		return pe.Err
	}
	return err
}

// file ingests one regular file.
func (w *walker) file(p, rel string) error {
	if !Supported(p) {
		return readInput(w.ctx, input{path: p, rel: rel}, w.opts, w.emit, w.report)
	}
	f, err := os.Open(p)
	if err != nil {
		w.problem(p, describeOpenErr(err))
		return nil
	}
	defer f.Close()
	fi, err := f.Stat()
	if err != nil {
		w.problem(p, describeOpenErr(err))
		return nil
	}
	if !fi.Mode().IsRegular() {
		w.report(Problem{Path: p, Err: errors.New("skipped: not a regular file"), Note: true})
		return nil
	}
	in := input{
		path:    p,
		rel:     rel,
		source:  w.source,
		r:       f,
		size:    fi.Size(),
		modTime: fi.ModTime(),
	}
	return readInput(w.ctx, in, w.opts, w.emit, w.report)
}
