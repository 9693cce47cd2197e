package bench

import (
	"context"
	"errors"
	"fmt"
	"io/fs"
	"strings"

	"github.com/workbench-dev/workbench/internal/ingest"
	"github.com/workbench-dev/workbench/internal/model"
)

// maxModelDocs bounds how many articles of a --corpus file feed the model
// (the kremlin-en corpus, 7,077 articles, fits entirely).
const maxModelDocs = 20000

var errEnough = errors.New("enough documents")

// StatsFromFS builds the model from files of fsys (the embedded sample).
func StatsFromFS(ctx context.Context, fsys fs.FS, names []string) (*Stats, error) {
	b := NewStatsBuilder()
	var problems []string
	err := ingest.ReadFS(ctx, fsys, names, ingest.Options{}, func(a model.Article) error {
		b.Add(a)
		return nil
	}, func(p ingest.Problem) {
		if !p.Note {
			problems = append(problems, p.Error())
		}
	})
	if err != nil {
		return nil, err
	}
	st, err := b.Build()
	if err != nil {
		return nil, withProblems(err, problems)
	}
	return st, nil
}

// StatsFromFile builds the model from a corpus file or folder read with
// ingest (any format it reads, gzipped or not), from its first 20,000
// articles at most.
func StatsFromFile(ctx context.Context, path string) (*Stats, error) {
	b := NewStatsBuilder()
	var problems []string
	n := 0
	err := ingest.Walk(ctx, []string{path}, ingest.Options{}, func(a model.Article) error {
		b.Add(a)
		if n++; n >= maxModelDocs {
			return errEnough
		}
		return nil
	}, func(p ingest.Problem) {
		if !p.Note {
			problems = append(problems, p.Error())
		}
	})
	if err != nil && !errors.Is(err, errEnough) {
		return nil, err
	}
	st, err := b.Build()
	if err != nil {
		return nil, fmt.Errorf("%s: %w", path, withProblems(err, problems))
	}
	return st, nil
}

func withProblems(err error, problems []string) error {
	if len(problems) == 0 {
		return err
	}
	if len(problems) > 3 {
		problems = append(problems[:3], fmt.Sprintf("and %d more", len(problems)-3))
	}
	return fmt.Errorf("%w (%s)", err, strings.Join(problems, "; "))
}
