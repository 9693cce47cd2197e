package bench

import "context"

// fts5Runs collects the FTS5 indexing runs interleaved with workbench's.
type fts5Runs struct{}

func newFTS5Runs() *fts5Runs { return &fts5Runs{} }

func (f *fts5Runs) run(ctx context.Context, o Options, dir string, wi phaseIndex, say func(string, ...any)) error {
	return nil
}

func (f *fts5Runs) fill(rep *Report) {}

func fts5Search(ctx context.Context, o Options, dir string, rep *Report, say func(string, ...any)) error {
	return nil
}
