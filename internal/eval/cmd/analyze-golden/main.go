// Command analyze-golden prints a hash of the analyser's full output
// (mentions, quotes, statements: every offset, text, speaker, source, rule)
// over the shared corpora and the PolNeAR gold folders, so a change meant
// to be output-neutral (a speed-up) can be checked: run it before and
// after, the hashes must be identical.
//
//	go run ./internal/eval/cmd/analyze-golden            # hashes per set
//	go run ./internal/eval/cmd/analyze-golden /tmp/out   # also write each set's JSON lines to /tmp/out.SET
//
// Reads ../shared from the module root (or $WORKBENCH_SHARED); sets whose
// data is absent are skipped. The dumps are derived from the corpora: write
// them outside the repository.
package main

import (
	"bufio"
	"crypto/sha256"
	"encoding/json"
	"fmt"
	"hash"
	"io"
	"os"
	"path/filepath"
	"sort"
	"strings"

	"github.com/workbench-dev/workbench/data"
	"github.com/workbench-dev/workbench/internal/analyze"
	"github.com/workbench-dev/workbench/internal/eval"
	"github.com/workbench-dev/workbench/internal/model"
)

func main() {
	if err := run(os.Args[1:]); err != nil {
		fmt.Fprintln(os.Stderr, "analyze-golden:", err)
		os.Exit(1)
	}
}

type sink struct {
	h   hash.Hash
	w   *bufio.Writer
	f   *os.File
	enc *json.Encoder
	n   int
}

func newSink(dump, name string) (*sink, error) {
	s := &sink{h: sha256.New()}
	var w io.Writer = s.h
	if dump != "" {
		f, err := os.Create(dump + "." + name)
		if err != nil {
			return nil, err
		}
		s.f = f
		s.w = bufio.NewWriter(f)
		w = io.MultiWriter(s.h, s.w)
	}
	s.enc = json.NewEncoder(w)
	return s, nil
}

func (s *sink) add(kind, id string, an model.Analysis) error {
	s.n++
	// SpeakerActor is not part of the JSON: hash it beside.
	var qa, sa []string
	for _, q := range an.Quotes {
		qa = append(qa, q.SpeakerActor)
	}
	for _, st := range an.Statements {
		sa = append(sa, st.SpeakerActor)
	}
	return s.enc.Encode(struct {
		Kind, ID              string
		An                    model.Analysis
		QuoteActors, StActors []string
	}{kind, id, an, qa, sa})
}

func (s *sink) close(name string) error {
	fmt.Printf("%-22s docs %6d  sha256 %x\n", name, s.n, s.h.Sum(nil))
	if s.f != nil {
		if err := s.w.Flush(); err != nil {
			return err
		}
		return s.f.Close()
	}
	return nil
}

func run(args []string) error {
	dump := ""
	if len(args) > 0 {
		dump = args[0]
	}
	reg, err := analyze.LoadRegistry(data.ActorsTOML())
	if err != nil {
		return err
	}
	an := analyze.New(reg)
	shared := eval.SharedDir()
	if shared == "" {
		fmt.Println("no ../shared folder (set WORKBENCH_SHARED): nothing to hash")
		return nil
	}
	corpora := map[string]string{
		"kremlin-en":    filepath.Join(shared, "corpus", "kremlin-en", "kremlin-en.jsonl.gz"),
		"press-kremlin": filepath.Join(shared, "corpus", "press-2021-2022", "kremlin.jsonl"),
		"press-zelensk": filepath.Join(shared, "corpus", "press-2021-2022", "zelenskyy.jsonl"),
	}
	for _, name := range []string{"kremlin-en", "press-kremlin", "press-zelensk"} {
		path := corpora[name]
		if _, err := os.Stat(path); err != nil {
			fmt.Printf("%-22s skipped (no %s)\n", name, path)
			continue
		}
		s, err := newSink(dump, name)
		if err != nil {
			return err
		}
		err = eval.ReadCorpus(path, func(art model.Article) error {
			if err := s.add("doc", art.ID, an.AnalyzeDoc(art.ID, art.Body)); err != nil {
				return err
			}
			return s.add("article", art.ID, an.AnalyzeArticle(art))
		})
		if err != nil {
			return err
		}
		if err := s.close(name); err != nil {
			return err
		}
	}
	for _, name := range []string{"polnear-train", "polnear-dev"} {
		dir := filepath.Join(shared, "eval", name)
		txts, err := filepath.Glob(filepath.Join(dir, "*.txt"))
		if err != nil {
			return err
		}
		if len(txts) == 0 {
			fmt.Printf("%-22s skipped (no %s)\n", name, dir)
			continue
		}
		sort.Strings(txts)
		s, err := newSink(dump, name)
		if err != nil {
			return err
		}
		for _, txt := range txts {
			b, err := os.ReadFile(txt)
			if err != nil {
				return err
			}
			id := strings.TrimSuffix(filepath.Base(txt), ".txt")
			if err := s.add("doc", id, an.AnalyzeDoc(id, string(b))); err != nil {
				return err
			}
		}
		if err := s.close(name); err != nil {
			return err
		}
	}
	return nil
}
