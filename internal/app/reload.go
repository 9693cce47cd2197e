package app

import (
	"context"
	"errors"
	"time"

	"github.com/workbench-dev/workbench/internal/index"
	"github.com/workbench-dev/workbench/internal/model"
)

// The index an App reads is one generation of the workspace's index
// (index.OpenCurrent). When a writer (`workbench index` in another
// process, or this App's IndexSource) commits a new generation,
// RefreshIndex opens it and makes it the one new calls use; the replaced
// generation is closed once the calls using it have returned.
//
// Calls that take the index through acquireIndex hold a reference until
// they return. Index() hands out the index without one, for one-shot
// callers; a replaced generation is therefore closed only when it has no
// reference and indexGrace has passed since it was replaced.

// indexGrace is how long a replaced generation stays open for callers of
// Index() that took it before the swap.
const indexGrace = 30 * time.Second

// ixHandle is an open generation and the calls using it.
type ixHandle struct {
	r       *index.Reader
	refs    int
	retired time.Time // when it was replaced; zero while current
}

// openIndexLocked opens the current generation when none is open (a failed
// open is tried again after the retry interval). a.ixMu is held.
func (a *App) openIndexLocked() (*ixHandle, error) {
	if a.closed {
		return nil, ErrClosed
	}
	if a.ix == nil && (a.ixErr == nil || time.Since(a.ixTried) > a.retry) {
		r, err := index.OpenCurrent(a.ws.Dir)
		a.ixErr = err
		a.ixTried = time.Now()
		if errors.Is(err, index.ErrNoIndex) {
			a.ixErr = &NoIndexError{Dir: a.ws.Dir, err: err}
		}
		if err == nil {
			a.ix = &ixHandle{r: r}
			a.noteIndex(r.Index)
		}
	}
	if a.ix == nil {
		return nil, a.ixErr
	}
	return a.ix, nil
}

// acquireIndex is Index for a call that may run while the index is
// replaced: release when the call is done with it.
func (a *App) acquireIndex() (*index.Index, func(), error) {
	a.ixMu.Lock()
	defer a.ixMu.Unlock()
	h, err := a.openIndexLocked()
	if err != nil {
		return nil, func() {}, err
	}
	h.refs++
	return h.r.Index, func() { a.releaseIndex(h) }, nil
}

func (a *App) releaseIndex(h *ixHandle) {
	a.ixMu.Lock()
	h.refs--
	a.ixMu.Unlock()
	a.reapIndexes(false)
}

// reapIndexes closes the replaced generations no call uses any more (all
// of them with force, when the App closes). It returns their close errors.
func (a *App) reapIndexes(force bool) error {
	a.ixMu.Lock()
	var done []*ixHandle
	keep := a.ixOld[:0]
	for _, h := range a.ixOld {
		if force || (h.refs <= 0 && a.now().Sub(h.retired) >= indexGrace) {
			done = append(done, h)
		} else {
			keep = append(keep, h)
		}
	}
	a.ixOld = keep
	a.ixMu.Unlock()
	var errs []error
	for _, h := range done {
		errs = append(errs, h.r.Close())
	}
	return errors.Join(errs...)
}

// RefreshIndex checks whether a writer has committed a new generation of
// the index since this App opened its own (a read of one small file) and,
// if so, opens it and uses it for every call from now on. Calls under way
// finish on the generation they started with. The TUI calls it about once
// a second, off the UI goroutine.
func (a *App) RefreshIndex(ctx context.Context) (model.IndexChange, error) {
	a.reapIndexes(false)
	g, err := index.Current(a.ws.Dir)
	if err != nil {
		return model.IndexChange{}, nil // no index yet, or a damaged pointer: the next open says so
	}
	a.ixMu.Lock()
	cur := a.ix
	if cur == nil {
		a.ixErr = nil // an index appeared: open it now
		h, err := a.openIndexLocked()
		a.ixMu.Unlock()
		if err != nil {
			return model.IndexChange{}, err
		}
		n, err := h.r.Count()
		return model.IndexChange{Changed: true, Added: int64(n), Count: int64(n)}, err
	}
	a.ixMu.Unlock()
	if cur.r.Gen.Name == g.Name {
		return model.IndexChange{}, nil
	}
	if err := ctx.Err(); err != nil {
		return model.IndexChange{}, err
	}
	r, err := index.OpenCurrent(a.ws.Dir)
	if err != nil {
		return model.IndexChange{}, err // the generation in use stays
	}
	a.noteIndex(r.Index)
	oldN, _ := cur.r.Count()
	newN, err := r.Count()
	if err != nil {
		r.Close()
		return model.IndexChange{}, err
	}
	a.ixMu.Lock()
	if a.ix != cur { // another refresh won
		a.ixMu.Unlock()
		r.Close()
		return model.IndexChange{}, nil
	}
	cur.retired = a.now()
	a.ixOld = append(a.ixOld, cur)
	a.ix = &ixHandle{r: r}
	a.ixMu.Unlock()
	return model.IndexChange{Changed: true, Added: int64(newN) - int64(oldN), Count: int64(newN)}, nil
}

// IndexGeneration names the generation of the index this App reads ("" when
// none is open).
func (a *App) IndexGeneration() string {
	a.ixMu.Lock()
	defer a.ixMu.Unlock()
	if a.ix == nil {
		return ""
	}
	return a.ix.r.Gen.Name
}

// indexWritten makes this App read the generation its own IndexSource has
// just committed: the open one is replaced now, or, when none is open, the
// next call opens it without waiting for the retry interval.
func (a *App) indexWritten() {
	a.ixMu.Lock()
	open := a.ix != nil
	a.ixErr = nil
	a.ixMu.Unlock()
	if open {
		a.RefreshIndex(context.Background())
	}
}

// HasIndex tells whether the workspace has an index yet (the TUI indexes
// the sample corpus when it has none).
func (a *App) HasIndex() bool { return index.HasIndex(a.ws.Dir) }

// noteIndex adds the index's notice (an index ranking with tf-idf) to the
// workspace's notices, once.
func (a *App) noteIndex(ix *index.Index) {
	n := ix.Notice()
	if n == "" {
		return
	}
	a.stMu.Lock()
	defer a.stMu.Unlock()
	for _, have := range a.notices {
		if have == n {
			return
		}
	}
	a.notices = append(a.notices, n)
}
