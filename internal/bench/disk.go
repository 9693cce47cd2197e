package bench

import (
	"bytes"
	"context"
	"errors"
	"fmt"

	"github.com/workbench-dev/workbench/internal/analyze"
	"github.com/workbench-dev/workbench/internal/diskspace"
	"github.com/workbench-dev/workbench/internal/model"
)

// Sizes of what a run writes, as multiples of the corpus JSONL, measured at
// 100,000 generated documents (BENCHMARKS.md): workbench's index 794 MB,
// raw bleve's 675 MB, for a 370 MB JSONL; FTS5's database 32 MB for the
// 20 MB JSONL of kremlin-en. diskMargin covers
// segments being merged (bleve holds old and new segments while it merges)
// and corpora whose documents differ from the sample measured.
const (
	indexPerJSONL    = 2.15
	baselinePerJSONL = 1.85
	fts5PerJSONL     = 1.6
	diskMargin       = 1.5
)

// DiskError is a benchmark refused because its folder has too little free
// space for the corpus and the indexes it would write.
type DiskError struct {
	Dir        string
	Docs       int
	Need, Free uint64 // bytes
	PerDoc     float64
}

func (e *DiskError) Error() string {
	return fmt.Sprintf("not enough free disk for a benchmark of %d documents in %s: it needs about %.1f GB (%.1f KB per document for the corpus JSONL and the indexes, with a %.0f%% margin), %.1f GB are free; free some space, pass --keep DIR on a larger disk, or lower --docs",
		e.Docs, e.Dir, float64(e.Need)/1e9, e.PerDoc/1e3, (diskMargin-1)*100, float64(e.Free)/1e9)
}

// sampleDocs is how many documents are written to measure the JSONL bytes
// per document before the run.
const sampleDocs = 200

// errEnoughSample stops the sample.
var errEnoughSample = errors.New("sample complete")

// estimateDisk is the bytes a run of o.Docs documents writes into its
// folder: the measured JSONL bytes per document of the first documents
// (generated or replayed) times what each index takes per JSONL byte, with
// a margin. docs is the number of documents the run will index.
func estimateDisk(ctx context.Context, o Options, docs int) (need uint64, perDoc float64, err error) {
	var buf bytes.Buffer
	w := NewJSONLWriter(&buf)
	emit := func(a model.Article) error {
		if w.Count() >= sampleDocs {
			return errEnoughSample
		}
		return w.Write(a)
	}
	if o.Corpus != "" && !o.Generate {
		err = Replay(ctx, o.Corpus, sampleDocs, emit)
	} else {
		var st *Stats
		if o.Corpus != "" {
			st, err = StatsFromFile(ctx, o.Corpus)
		} else {
			st, err = StatsFromFS(ctx, o.Sample, o.SampleFiles)
		}
		if err != nil {
			return 0, 0, err
		}
		reg, rerr := analyze.LoadRegistry(o.ActorsTOML)
		if rerr != nil {
			return 0, 0, fmt.Errorf("actor registry: %w", rerr)
		}
		err = NewGenerator(st, reg.Actors(), o.Seed).Generate(ctx, sampleDocs, emit)
	}
	if err != nil && !errors.Is(err, errEnoughSample) {
		return 0, 0, err
	}
	if err := w.Flush(); err != nil {
		return 0, 0, err
	}
	if w.Count() == 0 {
		return 0, 0, nil // writeCorpus names the problem
	}
	jsonl := float64(buf.Len()) / float64(w.Count())
	factor := 1 + indexPerJSONL
	if o.peer(PeerBleve) {
		factor += 2 * baselinePerJSONL // two writers, and one writer beside it
	}
	if o.peer(PeerFTS5) {
		factor += fts5PerJSONL
	}
	perDoc = jsonl * factor * diskMargin
	return uint64(perDoc * float64(docs)), perDoc, nil
}

// checkDisk refuses a run whose folder dir has less free space than the
// estimate. docs is the number of documents (0 when replaying a whole
// corpus: its document count is read from the file first).
func checkDisk(ctx context.Context, o Options, dir string, docs int) error {
	statfs := o.FreeDisk
	if statfs == nil {
		statfs = diskspace.Free
	}
	free, err := statfs(dir)
	if errors.Is(err, diskspace.ErrUnknown) {
		return nil
	}
	if err != nil {
		return fmt.Errorf("free disk in %s: %w", dir, err)
	}
	if docs == 0 {
		if docs, err = countDocs(ctx, o.Corpus); err != nil {
			return err
		}
	}
	need, perDoc, err := estimateDisk(ctx, o, docs)
	if err != nil {
		return err
	}
	if need > free {
		return &DiskError{Dir: dir, Docs: docs, Need: need, Free: free, PerDoc: perDoc}
	}
	return nil
}

// countDocs counts the documents of a corpus file.
func countDocs(ctx context.Context, path string) (int, error) {
	n := 0
	err := Replay(ctx, path, 0, func(model.Article) error { n++; return nil })
	return n, err
}
