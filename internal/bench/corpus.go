package bench

import (
	"context"
	"errors"
	"fmt"
	"os"

	"github.com/workbench-dev/workbench/internal/analyze"
	"github.com/workbench-dev/workbench/internal/ingest"
	"github.com/workbench-dev/workbench/internal/model"
)

// writeCorpus writes the benchmark corpus to path and returns the number of
// documents, their body bytes and a description.
// WriteCorpus writes the benchmark's corpus, generated or replayed as o
// says (o.Docs documents, o.Seed or DefaultSeed), to path as JSON lines,
// and returns the number of documents: what `workbench bench` measures,
// for tools that measure one part of it (internal/eval/cmd/anspeed).
func WriteCorpus(ctx context.Context, o Options, path string) (int, error) {
	if o.Seed == 0 {
		o.Seed = DefaultSeed
	}
	n, _, _, err := writeCorpus(ctx, o, path)
	return n, err
}

func writeCorpus(ctx context.Context, o Options, path string) (int, int64, string, error) {
	f, err := os.OpenFile(path, os.O_CREATE|os.O_TRUNC|os.O_WRONLY, 0o600)
	if err != nil {
		return 0, 0, "", err
	}
	defer f.Close()
	w := NewJSONLWriter(f)
	var desc string
	if o.Corpus != "" && !o.Generate {
		desc = "replay of " + o.Corpus
		err = Replay(ctx, o.Corpus, o.Docs, w.Write)
	} else {
		var st *Stats
		if o.Corpus != "" {
			desc = fmt.Sprintf("generated, seed %d, from the statistics of %s", o.Seed, o.Corpus)
			st, err = StatsFromFile(ctx, o.Corpus)
		} else {
			desc = fmt.Sprintf("generated, seed %d, from the statistics of the embedded sample", o.Seed)
			st, err = StatsFromFS(ctx, o.Sample, o.SampleFiles)
		}
		if err != nil {
			return 0, 0, "", err
		}
		reg, rerr := analyze.LoadRegistry(o.ActorsTOML)
		if rerr != nil {
			return 0, 0, "", fmt.Errorf("actor registry: %w", rerr)
		}
		err = NewGenerator(st, reg.Actors(), o.Seed).Generate(ctx, o.Docs, w.Write)
	}
	if err != nil {
		return 0, 0, "", err
	}
	if err := w.Flush(); err != nil {
		return 0, 0, "", err
	}
	if err := f.Close(); err != nil {
		return 0, 0, "", err
	}
	if w.Count() == 0 {
		return 0, 0, "", fmt.Errorf("the corpus has no documents: check --corpus %s", o.Corpus)
	}
	return w.Count(), w.BodyBytes(), desc, nil
}

// Replay streams the articles of a real corpus, replicated with new ids
// ("r2-ID" for the second pass, ...) until n documents (n = 0: one pass).
// It reads the file again for each pass and holds one article at a time.
func Replay(ctx context.Context, path string, n int, emit func(model.Article) error) error {
	count := 0
	for pass := 1; ; pass++ {
		before := count
		err := ingest.Walk(ctx, []string{path}, ingest.Options{}, func(a model.Article) error {
			if n > 0 && count >= n {
				return errEnough
			}
			if pass > 1 {
				a.ID = fmt.Sprintf("r%d-%s", pass, a.ID)
			}
			count++
			return emit(a)
		}, nil)
		if errors.Is(err, errEnough) || (err == nil && (n == 0 || count >= n)) {
			return nil
		}
		if err != nil {
			return err
		}
		if count == before {
			return fmt.Errorf("--corpus %s: no documents could be read from it", path)
		}
	}
}
