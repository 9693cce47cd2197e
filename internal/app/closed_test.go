package app_test

import (
	"context"
	"errors"
	"os"
	"path/filepath"
	"testing"

	"github.com/workbench-dev/workbench/internal/app"
	"github.com/workbench-dev/workbench/internal/app/apptest"
	"github.com/workbench-dev/workbench/internal/model"
)

// A call that comes after Close (a TUI command that outlived the program)
// gets ErrClosed and opens nothing again: no tag store appears in the
// workspace behind Close.
func TestNothingOpensAfterClose(t *testing.T) {
	env := apptest.New(t)
	if _, err := env.App.Count(); err != nil {
		t.Fatal(err)
	}
	if err := env.App.Close(); err != nil {
		t.Fatal(err)
	}
	if _, err := env.App.Count(); !errors.Is(err, app.ErrClosed) {
		t.Fatalf("Count after Close: %v, want ErrClosed", err)
	}
	res, err := env.App.Quotes(context.Background(), model.QuoteRequest{Limit: 1})
	if !errors.Is(err, app.ErrClosed) {
		t.Fatalf("Quotes after Close: %+v, %v, want ErrClosed", res, err)
	}
	if _, err := env.App.Tag(context.Background(), model.TagInput{QuoteID: "x:0-1", Label: "neutral"}); err == nil {
		t.Fatal("a tag was taken after Close")
	}
	if _, err := os.Stat(filepath.Join(env.Dir, "tags.db")); !errors.Is(err, os.ErrNotExist) {
		t.Fatalf("tags.db after Close: %v", err)
	}
}
