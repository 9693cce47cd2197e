package main

import (
	"errors"
	"fmt"
	"sort"

	"github.com/workbench-dev/workbench/data"
	"github.com/workbench-dev/workbench/internal/analyze"
	"github.com/workbench-dev/workbench/internal/index"
	"github.com/workbench-dev/workbench/internal/model"
	"github.com/workbench-dev/workbench/internal/pipeline"
	"github.com/workbench-dev/workbench/internal/store"
	"github.com/workbench-dev/workbench/internal/workspace"
)

// The workspace's editable configuration and its index, opened the same way
// by every command and the TUI.

// loadRegistry reads the workspace's actor registry; it also returns the
// file's text (the pipeline hashes it so an edited registry re-analyses).
func loadRegistry(ws *workspace.Workspace) (*analyze.Registry, []byte, error) {
	return pipeline.LoadRegistry(ws, data.ActorsTOML())
}

// loadCodebook reads the workspace's stance codebook.
func loadCodebook(ws *workspace.Workspace) (*store.Codebook, error) {
	text, err := workspace.EnsureFile(ws.CodebookPath(), data.CodebookTOML())
	if err != nil {
		return nil, err
	}
	cb, err := store.LoadCodebook(text)
	if err != nil {
		return nil, fmt.Errorf("codebook %s: %w (fix the file, or delete it to get the default back)", ws.CodebookPath(), err)
	}
	return cb, nil
}

// openIndexRead opens the workspace's index for reading, with a clear
// message when there is none yet.
func openIndexRead(ws *workspace.Workspace) (*index.Index, error) {
	ix, err := index.Open(ws.IndexPath(), index.OpenOptions{ReadOnly: true})
	if errors.Is(err, index.ErrNoIndex) {
		return nil, fmt.Errorf("no index in workspace %s yet: run `workbench index PATH...` to index your files, or `workbench` to load the sample corpus", ws.Dir)
	}
	return ix, err
}

// actorCount is how often one actor is mentioned.
type actorCount struct {
	actor string
	n     int
}

// mentionCounts counts mentions per actor id, most mentioned first (ties by
// id), for the readable output of show and analyze.
func mentionCounts(ms []model.Mention) []actorCount {
	counts := map[string]int{}
	for _, m := range ms {
		counts[m.Actor]++
	}
	out := make([]actorCount, 0, len(counts))
	for a, n := range counts {
		out = append(out, actorCount{a, n})
	}
	sort.Slice(out, func(i, j int) bool {
		if out[i].n != out[j].n {
			return out[i].n > out[j].n
		}
		return out[i].actor < out[j].actor
	})
	return out
}
