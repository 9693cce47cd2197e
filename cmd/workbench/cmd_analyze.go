package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"

	"github.com/spf13/cobra"

	"github.com/workbench-dev/workbench/data"
	"github.com/workbench-dev/workbench/internal/analyze"
	"github.com/workbench-dev/workbench/internal/ingest"
	"github.com/workbench-dev/workbench/internal/model"
	"github.com/workbench-dev/workbench/internal/textsafe"
	"github.com/workbench-dev/workbench/internal/workspace"
)

// analyzeJSON is one object of `workbench analyze --json`.
type analyzeJSON struct {
	File     string          `json:"file"`
	ID       string          `json:"id"`
	Title    string          `json:"title"`
	Mentions []model.Mention `json:"mentions"`
	Quotes   []model.Quote   `json:"quotes"`
}

func newAnalyzeCmd(a *cli) *cobra.Command {
	var asJSON bool
	c := &cobra.Command{
		Use:   "analyze [--json] FILE...",
		Short: "Find actor mentions and quotations (with speakers) in files",
		Long: `Analyse files without indexing them: list the actors mentioned and the
quotations found, with their speakers, for each document.

FILE may be any supported file (.txt, .md, .html, .json, .jsonl, .csv, also
gzipped) or a folder. No workspace is needed: the actor registry is the
workspace's actors.toml when --home or WORKBENCH_HOME names a workspace that
has one, else the built-in default. Offsets are Unicode code points into the
body as ingested.

--json prints one object per document:
  {"file","id","title","mentions":[{"actor","text","start","end"}],
   "quotes":[{"id","text","start","end","kind","speaker","speaker_start",
              "speaker_end","cue","rule","confidence"}]}`,
		Example: `  workbench analyze article.txt
  workbench analyze --json corpus.jsonl | jq '.quotes[] | {speaker, text}'
  workbench --home ~/ws analyze notes/`,
		Args: cobra.ArbitraryArgs,
		RunE: func(cmd *cobra.Command, args []string) error {
			if len(args) == 0 {
				return usageErr("analyze needs at least one FILE\nSee 'workbench analyze --help'.")
			}
			an, err := a.analyzer()
			if err != nil {
				return err
			}
			return runAnalyze(cmd.Context(), a, an, args, asJSON)
		},
	}
	c.Flags().BoolVar(&asJSON, "json", false, "print one JSON object per document")
	return c
}

// analyzer builds the analyzer from the workspace's actors.toml when the
// workspace named by --home or WORKBENCH_HOME has one, else from the
// embedded default. It never creates a workspace.
func (a *cli) analyzer() (*analyze.Analyzer, error) {
	text, path := data.ActorsTOML(), "built-in actors.toml"
	if a.home != "" || os.Getenv("WORKBENCH_HOME") != "" {
		dir, err := workspace.Resolve(a.home)
		if err != nil {
			return nil, err
		}
		p := (&workspace.Workspace{Dir: dir}).ActorsPath()
		b, err := os.ReadFile(p)
		switch {
		case err == nil:
			text, path = b, p
		case errors.Is(err, os.ErrNotExist):
		default:
			return nil, fmt.Errorf("%s: %w", p, err)
		}
	}
	reg, err := analyze.LoadRegistry(text)
	if err != nil {
		return nil, fmt.Errorf("%s: %w (fix the file, or delete it to get the default back)", path, err)
	}
	return analyze.New(reg), nil
}

func runAnalyze(ctx context.Context, a *cli, an *analyze.Analyzer, paths []string, asJSON bool) error {
	failed := false
	enc := textsafe.NewJSONEncoder(a.stdout)
	names := map[string]string{}
	for _, ac := range an.Registry().Actors() {
		names[ac.ID] = ac.Name
	}
	emit := func(art model.Article) error {
		res := an.AnalyzeArticle(art)
		if asJSON {
			return enc.Encode(analyzeJSON{File: art.Path, ID: art.ID, Title: art.Title, Mentions: res.Mentions, Quotes: res.Quotes})
		}
		return printAnalysis(a.stdout, art, res, names)
	}
	report := func(p ingest.Problem) {
		if p.Note {
			fmt.Fprintf(a.stderr, "workbench: note: %s\n", textsafe.CleanLine(p.Error()))
			return
		}
		failed = true
		fmt.Fprintf(a.stderr, "workbench: %s\n", textsafe.CleanLine(p.Error()))
	}
	if err := ingest.Walk(ctx, paths, ingest.Options{}, emit, report); err != nil {
		return err
	}
	if failed {
		return errFailed
	}
	return nil
}

// printAnalysis is the readable summary of one document.
func printAnalysis(w io.Writer, art model.Article, res model.Analysis, names map[string]string) error {
	title := art.Title
	if title == "" {
		title = "(untitled)"
	}
	file := art.Path
	if file != "" {
		file = filepath.ToSlash(file) + "  "
	}
	fmt.Fprintf(w, "%s%s  %s\n", textsafe.CleanLine(file), textsafe.CleanLine(art.ID), textsafe.CleanLine(title))
	var parts []string
	for _, c := range mentionCounts(res.Mentions) {
		n := names[c.actor]
		if n == "" {
			n = c.actor
		}
		parts = append(parts, fmt.Sprintf("%s %d", n, c.n))
	}
	if len(parts) == 0 {
		fmt.Fprintf(w, "  mentions: none\n")
	} else {
		fmt.Fprintf(w, "  mentions: %s\n", textsafe.CleanLine(strings.Join(parts, ", ")))
	}
	fmt.Fprintf(w, "  quotes: %d\n", len(res.Quotes))
	for _, q := range res.Quotes {
		sp := q.Speaker
		if sp == "" {
			sp = "(unknown speaker)"
		}
		fmt.Fprintf(w, "  %6d-%-6d %s [%s %s %.2f]: “%s”\n", q.Start, q.End,
			textsafe.CleanLine(sp), q.Kind, q.Rule, q.Confidence, shorten(textsafe.CleanLine(q.Text), 160))
	}
	_, err := fmt.Fprintln(w)
	return err
}
