package ui

import (
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/workbench-dev/workbench/internal/app/apptest"
	"github.com/workbench-dev/workbench/internal/ui/common"
	"github.com/workbench-dev/workbench/internal/ui/help"
)

// TestReadmeKeys checks that the key table in docs/readme/tui.md is the one
// generated from the key bindings; with -update it rewrites it.
func TestReadmeKeys(t *testing.T) {
	path := filepath.Join("..", "..", "docs", "readme", "tui.md")
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatalf("%v (the README section of the TUI)", err)
	}
	const begin, end = "<!-- keys:begin -->\n", "<!-- keys:end -->"
	doc := string(b)
	i, j := strings.Index(doc, begin), strings.Index(doc, end)
	if i < 0 || j < i {
		t.Fatalf("%s: no %q ... %q markers", path, begin, end)
	}
	c := common.New(apptest.Labels(t), nil, true, true)
	var table strings.Builder
	table.WriteString(help.Markdown(c))
	table.WriteString("\nThe default codebook (`codebook.toml`; edit it to change the labels and keys):\n\n| Key | Label | Meaning |\n|---|---|---|\n")
	for _, l := range c.Labels {
		fmt.Fprintf(&table, "| `%s` | %s | %s |\n", l.Key, l.Name, l.Description)
	}
	want := doc[:i+len(begin)] + table.String() + doc[j:]
	if want == doc {
		return
	}
	if f := flag.Lookup("update"); f != nil && f.Value.String() == "true" {
		if err := os.WriteFile(path, []byte(want), 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	t.Fatalf("%s: the key table is out of date with the key bindings; run go test ./internal/ui -run TestReadme -update", path)
}
