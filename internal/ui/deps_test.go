package ui_test

import (
	"os/exec"
	"strings"
	"testing"
)

// The TUI reaches the index and the tag store only through the
// application layer, as the Backend interface of model types: neither
// internal/ui nor any of its packages depends on bleve's or SQLite's side
// of the workbench, not even through internal/app.
func TestUIDependsOnNeitherIndexNorStore(t *testing.T) {
	if _, err := exec.LookPath("go"); err != nil {
		t.Skip("no go command")
	}
	out, err := exec.Command("go", "list", "-deps", "github.com/workbench-dev/workbench/internal/ui/...").Output()
	if err != nil {
		t.Fatalf("go list: %v", err)
	}
	for _, pkg := range strings.Fields(string(out)) {
		for _, banned := range []string{"/internal/index", "/internal/store", "/internal/app", "/internal/pipeline"} {
			if strings.HasSuffix(pkg, banned) {
				t.Errorf("internal/ui depends on %s", pkg)
			}
		}
	}
}
