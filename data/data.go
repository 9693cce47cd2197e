// Package data embeds what workbench ships with: the sample corpus (seed
// article plus 300 kremlin.ru documents, CC BY 4.0, see sample/NOTICE.md),
// the default actor registry and the default stance codebook.
package data

import (
	"embed"
	"io/fs"
)

//go:embed sample/seed.jsonl sample/articles.jsonl sample/NOTICE.md
var sample embed.FS

//go:embed actors.toml
var actorsTOML []byte

//go:embed codebook.toml
var codebookTOML []byte

// Sample returns the embedded sample corpus: a file system holding
// seed.jsonl and articles.jsonl (and NOTICE.md).
func Sample() fs.FS {
	sub, err := fs.Sub(sample, "sample")
	if err != nil {
		panic(err) // cannot happen: the directory is embedded
	}
	return sub
}

// SampleFiles lists the corpus files of Sample, in indexing order.
func SampleFiles() []string { return []string{"seed.jsonl", "articles.jsonl"} }

// ActorsTOML is the default actor registry, copied to a workspace on first use.
func ActorsTOML() []byte { return append([]byte(nil), actorsTOML...) }

// CodebookTOML is the default stance codebook, copied to a workspace on first use.
func CodebookTOML() []byte { return append([]byte(nil), codebookTOML...) }
