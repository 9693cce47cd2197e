package ingest

import (
	"context"
	"testing"

	"github.com/workbench-dev/workbench/data"
	"github.com/workbench-dev/workbench/internal/model"
)

func collectFS(t *testing.T, names []string) ([]model.Article, []Problem) {
	t.Helper()
	var arts []model.Article
	var probs []Problem
	err := ReadFS(context.Background(), data.Sample(), names, Options{},
		func(a model.Article) error { arts = append(arts, a); return nil },
		func(p Problem) { probs = append(probs, p) })
	if err != nil {
		t.Fatal(err)
	}
	return arts, probs
}

func TestReadFSSample(t *testing.T) {
	arts, probs := collectFS(t, data.SampleFiles())
	for _, p := range probs {
		t.Errorf("problem: %v", p)
	}
	if len(arts) != 301 {
		t.Fatalf("got %d articles, want 301", len(arts))
	}
	seed := arts[0]
	if seed.ID != "seed-ushakov-alaska-talks" || !seed.Date.IsZero() || seed.Source != "seed" || seed.Body == "" {
		t.Errorf("seed: %+v", seed)
	}
	if arts[1].DateString() == "" || arts[1].URL == "" {
		t.Errorf("first kremlin article lacks date or url: %+v", arts[1].ID)
	}
}
