// Command workbench is a terminal workbench for news analysts: full-text
// search over a news corpus, actors and quotations with their speakers, and
// stance tagging with export.
package main

import (
	"os"
)

func main() {
	os.Exit(run(os.Args[1:], os.Stdin, os.Stdout, os.Stderr))
}
