package bench

import (
	"context"
	"path/filepath"
	"strings"
	"testing"

	"github.com/workbench-dev/workbench/internal/model"
)

func TestFTS5Query(t *testing.T) {
	for typed, want := range map[string]string{
		"":                         "",
		"zelensky tom":             `"zelensky" AND "tom"*`,
		"zelensky ":                `"zelensky"`,
		`"peace talks"`:            `"peace talks"`,
		`"whole new lev`:           `"whole new lev"*`,
		"@putin esc":               `"putin" AND "esc"*`,
		"speaker:ryabkov momentum": `"ryabkov" AND "momentum"*`,
		"... x":                    `"x"*`,
	} {
		if got := FTS5Query(typed); got != want {
			t.Errorf("FTS5Query(%q) = %s, want %s", typed, got, want)
		}
	}
}

// FTS5 is compiled into the SQLite driver: the peer indexes and answers
// prefix queries with marked snippets.
func TestFTS5IndexAndSearch(t *testing.T) {
	ctx := context.Background()
	f, err := openFTS5(filepath.Join(t.TempDir(), "f.db"), false)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	arts := []model.Article{
		{ID: "a", Title: "Talks", Body: "The minister said the escalation must stop before the peace talks resume."},
		{ID: "b", Title: "Drones", Body: "Drones struck the port overnight."},
	}
	n, err := f.index(ctx, func(emit func(model.Article) error) error {
		for _, a := range arts {
			if err := emit(a); err != nil {
				return err
			}
		}
		return nil
	})
	if err != nil || n != 2 {
		t.Fatalf("index: %d, %v", n, err)
	}
	hits, err := f.Search(ctx, "peace escal", 20)
	if err != nil {
		t.Fatal(err)
	}
	if len(hits) != 1 || hits[0].ID != "a" || !strings.Contains(hits[0].Fragment, "«escalation»") {
		t.Errorf("hits %+v: want a, with «escalation» marked", hits)
	}
}
