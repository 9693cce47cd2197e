// Command workbench is a terminal workbench for news analysts: full-text
// search over a news corpus, actors and quotations with their speakers, and
// stance tagging with export.
package main

import (
	"io"
	"log"
	"os"
)

func main() {
	// bleve's scorch writes diagnostics such as "unable to load snapshot"
	// through the standard logger; workbench reports every failure itself,
	// with what to do, so library log lines would only garble the terminal.
	log.SetOutput(io.Discard)
	os.Exit(run(os.Args[1:], os.Stdin, os.Stdout, os.Stderr))
}
