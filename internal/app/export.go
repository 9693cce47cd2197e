package app

import (
	"bytes"
	"context"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"

	"github.com/workbench-dev/workbench/internal/model"
	"github.com/workbench-dev/workbench/internal/store"
	"github.com/workbench-dev/workbench/internal/workspace"
)

// ExportFormats are the formats of Export.
var exportFormats = []string{"csv", "jsonl", "md"}

// ExportFormat normalises a format name; an unknown one is a *RequestError.
func ExportFormat(f string) (string, error) {
	f = strings.ToLower(strings.TrimSpace(f))
	if f == "markdown" {
		f = "md"
	}
	for _, x := range exportFormats {
		if f == x {
			return f, nil
		}
	}
	return "", &RequestError{Msg: fmt.Sprintf("--format %q: want csv, jsonl or md", f)}
}

// Export writes tags in format (csv, jsonl, md: the Markdown report in the
// codebook's label order).
func (a *App) Export(w io.Writer, format string, tags []model.Tag) error {
	format, err := ExportFormat(format)
	if err != nil {
		return err
	}
	if format == "md" {
		return store.WriteMarkdown(w, tags, a.cb.Names())
	}
	return store.Export(w, format, tags)
}

// ExportToWorkspace writes every tag in format into the workspace's exports
// folder, atomically, as tags-YYYYMMDD-HHMMSS.EXT (-2, -3... when that name
// is taken), and returns the path and the tag count.
func (a *App) ExportToWorkspace(ctx context.Context, format string) (string, int, error) {
	tags, err := a.Tags(ctx, TagFilter{})
	if err != nil {
		return "", 0, err
	}
	var buf bytes.Buffer
	if err := a.Export(&buf, format, tags); err != nil {
		return "", 0, err
	}
	format, _ = ExportFormat(format)
	dir := a.ws.ExportsDir()
	if err := os.MkdirAll(dir, workspace.DirMode); err != nil {
		return "", 0, fmt.Errorf("exports folder %s: %w", dir, err)
	}
	base := "tags-" + a.now().Format("20060102-150405")
	path := filepath.Join(dir, base+"."+format)
	for i := 2; exists(path); i++ {
		path = filepath.Join(dir, fmt.Sprintf("%s-%d.%s", base, i, format))
	}
	if err := workspace.WriteFileAtomic(path, buf.Bytes()); err != nil {
		return "", 0, err
	}
	return path, len(tags), nil
}

func exists(path string) bool {
	_, err := os.Lstat(path)
	return err == nil
}
