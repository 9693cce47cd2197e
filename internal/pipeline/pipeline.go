// Package pipeline runs ingest -> analyze -> index: articles are read from
// files (ingest.Walk) or an fs.FS (ingest.ReadFS, the embedded sample),
// analysed by parallel workers (one per core), and written to the index in
// batches of about a thousand documents while the next batch is analysed.
//
// It is incremental: each article's content hash covers its fields and the
// actor registry, so unchanged documents are skipped without being analysed,
// changed ones are replaced, and an edited registry re-analyses everything.
// Every batch is on disk when Put returns, so a run killed half-way leaves an
// index that opens, and the next run does the rest.
package pipeline

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"runtime"
	"runtime/debug"
	"strconv"
	"sync"
	"time"

	"github.com/workbench-dev/workbench/internal/analyze"
	"github.com/workbench-dev/workbench/internal/index"
	"github.com/workbench-dev/workbench/internal/ingest"
	"github.com/workbench-dev/workbench/internal/model"
	"github.com/workbench-dev/workbench/internal/workspace"
)

// hashVersion changes when the analysis or the index layout changes in a
// way that needs every document re-analysed. wb2: statements (transcript
// turns, roles resolved by the article's date and source) are stored and
// their speakers indexed, so `workbench index PATH` re-analyses an index
// built before them. wb3: the insights fields (months of mentions and
// statements per actor, actor pairs) and the attribution rules of the
// statements work (outer sources, polls, short answers in transcripts):
// the next `workbench index PATH` brings an older index up to date. wb4:
// the speaker rules of the second PolNeAR pass (long subjects, colon
// quotations, quotations across sentences, descriptions as speakers). wb5:
// titles of works with a subtitle are no longer statements; a name between
// a dash and a colon speaks the quotation after it; a description speaker
// ends before a verb, and a phrase opening with a preposition is none; on
// an office's own site a message described ("His message of greeting",
// "The President's message") speaks for its sender; a place before a first
// name ("President of Ukraine Volodymyr Zelenskyy") is not part of it, and
// Ukrainian first names give their person a gender; a person's label over
// a line that is only a name ("Fyodor Lukyanov: Pyotr Dutkevich.") is a turn;
// "the Head of the President's Office" is its holder on president.gov.ua;
// the title of a law ("On the National Flag ...") is not a statement.
const hashVersion = "wb5"

// DefaultBatchSize is the number of articles per bleve batch.
const DefaultBatchSize = 1000

// Source is where articles come from: Paths (files and folders), or the
// files Names of FS.
type Source struct {
	Paths []string
	FS    fs.FS
	Names []string
}

// Options tune a run.
type Options struct {
	// MaxDocBytes is ingest's per-document limit (0 = its default);
	// MaxExpandedBytes caps what a gzipped file expands to (0 = its
	// default).
	MaxDocBytes, MaxExpandedBytes int64
	// BatchSize is the number of articles per index batch (0 = 1000).
	BatchSize int
	// Workers is the number of analysis goroutines (0 = GOMAXPROCS).
	Workers int
	// Writers is the number of batches written to the index at once
	// (0 = 2: while one batch builds its segment, the next is analysed
	// by bleve; measured ~1.4x the docs/s of one writer on 2 cores).
	Writers int
	// Registry is the actor registry's text: part of every content hash,
	// so editing it re-analyses the corpus.
	Registry []byte
	// Progress, when set, is called (one call at a time) as the run
	// advances, and once at the end.
	Progress func(Progress)
	// Report, when set, receives each ingest problem (bad files and
	// records, and notes such as skipped files).
	Report func(ingest.Problem)
	// Force re-indexes documents whose hash is unchanged.
	Force bool
	// Shards is the number of shards of a new or rebuilt index (0: one
	// bleve index, or the existing index's; index.BeginWriteWith). Each
	// batch is split by shard and the shards are written in parallel.
	Shards int
}

// Progress is the state of a run.
type Progress struct {
	Seen      int // articles read so far
	Indexed   int // articles written to the index
	Unchanged int // articles skipped: same content hash
	Failed    int // problems that are failures (not notes)
	Elapsed   time.Duration
	Done      bool
}

// Stats is the outcome of a run.
type Stats struct {
	Indexed, Unchanged, Failed int
	Took                       time.Duration
}

// DocsPerSecond is the indexing rate of the run (new and changed documents).
func (s Stats) DocsPerSecond() float64 {
	if s.Took <= 0 {
		return 0
	}
	return float64(s.Indexed) / s.Took.Seconds()
}

// Hash is the content hash of an article under a registry: what decides
// whether a document is re-analysed.
func Hash(a model.Article, registry []byte) string { return hashWith(hashVersion, a, registry) }

func hashWith(version string, a model.Article, registry []byte) string {
	h := sha256.New()
	reg := sha256.Sum256(registry)
	w := func(s string) {
		h.Write([]byte(strconv.Itoa(len(s))))
		h.Write([]byte{':'})
		h.Write([]byte(s))
	}
	w(version)
	h.Write(reg[:])
	w(a.ID)
	w(a.Title)
	w(model.FormatDate(a.Date))
	w(a.Source)
	w(a.URL)
	w(a.Body)
	return hex.EncodeToString(h.Sum(nil)[:16])
}

type job struct {
	a    model.Article
	hash string
}

// Run ingests src, analyses what changed and writes it to ix. It returns
// when everything is indexed, ctx is cancelled or the index fails; the
// stats count what was done either way.
// GC settings while indexing (see Run).
const (
	indexGCPercent   = 400
	indexMemoryLimit = 3 << 30
)

func Run(ctx context.Context, ix *index.Index, an *analyze.Analyzer, src Source, opts Options) (Stats, error) {
	start := time.Now()
	if opts.BatchSize <= 0 {
		opts.BatchSize = DefaultBatchSize
	}
	if opts.Workers <= 0 {
		opts.Workers = runtime.GOMAXPROCS(0)
	}
	if opts.Writers <= 0 {
		opts.Writers = 2
	}
	// Indexing allocates heavily and briefly (bleve builds each segment in
	// memory, analysis makes per-document garbage): a lazier collector cuts
	// the CPU spent in GC. Measured at 10k generated documents, indexing
	// ran at 0.71 of raw bleve's speed with GOGC 100, 0.79 with 200 and
	// 0.84-0.88 with 400 (peak RSS 715, 926 and 1335-1528 MB); at 100k,
	// 0.71 -> 0.77-0.79 (peak RSS 1339 -> 2350 MB, most of it the mapped
	// index). A soft memory limit keeps the heap bounded on big corpora
	// (unless GOMEMLIMIT is set).
	defer debug.SetGCPercent(debug.SetGCPercent(indexGCPercent))
	if os.Getenv("GOMEMLIMIT") == "" {
		defer debug.SetMemoryLimit(debug.SetMemoryLimit(indexMemoryLimit))
	}
	ctx, cancel := context.WithCancel(ctx)
	defer cancel()

	known, err := ix.Hashes(ctx)
	if err != nil {
		return Stats{}, fmt.Errorf("reading the index: %w", err)
	}

	var mu sync.Mutex // guards prog and lastReport
	var prog Progress
	lastReport := time.Now()
	var progMu sync.Mutex // one Progress call at a time
	report := func(force bool) {
		if opts.Progress == nil {
			return
		}
		mu.Lock()
		if !force && time.Since(lastReport) < 100*time.Millisecond {
			mu.Unlock()
			return
		}
		lastReport = time.Now()
		p := prog
		mu.Unlock()
		p.Elapsed = time.Since(start)
		progMu.Lock()
		opts.Progress(p)
		progMu.Unlock()
	}

	jobs := make(chan job, opts.BatchSize)
	docs := make(chan index.Doc, opts.BatchSize)

	// Ingest.
	var ingestErr error
	ingestDone := make(chan struct{})
	go func() {
		defer close(ingestDone)
		defer close(jobs)
		seen := map[string]bool{}
		emit := func(a model.Article) error {
			h := Hash(a, opts.Registry)
			mu.Lock()
			prog.Seen++
			mu.Unlock()
			if !opts.Force && known[a.ID] == h && !seen[a.ID] {
				mu.Lock()
				prog.Unchanged++
				mu.Unlock()
				return nil
			}
			seen[a.ID] = true
			select {
			case jobs <- job{a, h}:
				return nil
			case <-ctx.Done():
				return ctx.Err()
			}
		}
		problem := func(p ingest.Problem) {
			if !p.Note {
				mu.Lock()
				prog.Failed++
				mu.Unlock()
			}
			if opts.Report != nil {
				opts.Report(p)
			}
		}
		iopts := ingest.Options{MaxDocBytes: opts.MaxDocBytes, MaxExpandedBytes: opts.MaxExpandedBytes}
		if src.FS != nil {
			ingestErr = ingest.ReadFS(ctx, src.FS, src.Names, iopts, emit, problem)
		} else {
			ingestErr = ingest.Walk(ctx, src.Paths, iopts, emit, problem)
		}
	}()

	// Analyse.
	var wg sync.WaitGroup
	for range opts.Workers {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for j := range jobs {
				d := index.Doc{Article: j.a, Hash: j.hash}
				d.Analysis = an.AnalyzeArticle(j.a)
				select {
				case docs <- d:
				case <-ctx.Done():
					return
				}
			}
		}()
	}
	go func() {
		wg.Wait()
		close(docs)
	}()

	// Index: batches go to opts.Writers concurrent Puts.
	var putMu sync.Mutex
	var putErr error
	batches := make(chan []index.Doc)
	var wwg sync.WaitGroup
	for range opts.Writers {
		wwg.Add(1)
		go func() {
			defer wwg.Done()
			for b := range batches {
				putMu.Lock()
				failed := putErr != nil
				putMu.Unlock()
				if failed {
					continue
				}
				if err := ix.Put(ctx, b); err != nil {
					putMu.Lock()
					if putErr == nil {
						putErr = err
					}
					putMu.Unlock()
					cancel()
					continue
				}
				mu.Lock()
				prog.Indexed += len(b)
				mu.Unlock()
				report(true)
			}
		}()
	}
	batch := make([]index.Doc, 0, opts.BatchSize)
	for d := range docs {
		batch = append(batch, d)
		if len(batch) >= opts.BatchSize {
			select {
			case batches <- batch:
			case <-ctx.Done():
			}
			batch = make([]index.Doc, 0, opts.BatchSize)
		}
		report(false)
	}
	<-ingestDone
	if ctx.Err() == nil && len(batch) > 0 {
		batches <- batch
	}
	close(batches)
	wwg.Wait()
	mu.Lock()
	prog.Done = true
	st := Stats{Indexed: prog.Indexed, Unchanged: prog.Unchanged, Failed: prog.Failed, Took: time.Since(start)}
	mu.Unlock()
	report(true)
	switch {
	case putErr != nil:
		return st, fmt.Errorf("writing the index: %w", putErr)
	case ingestErr != nil:
		return st, ingestErr
	case ctx.Err() != nil:
		return st, ctx.Err()
	}
	return st, nil
}

// LoadRegistry reads the workspace's actor registry, creating it from def
// (data.ActorsTOML()) on first use. It returns the registry and its text
// (for Options.Registry, so an edited registry re-analyses). Errors name the
// file. Every command and the TUI load the registry through it.
func LoadRegistry(ws *workspace.Workspace, def []byte) (*analyze.Registry, []byte, error) {
	path := ws.ActorsPath()
	text, err := workspace.EnsureFile(path, def)
	if err != nil {
		return nil, nil, err
	}
	reg, err := analyze.LoadRegistry(text)
	if err != nil {
		return nil, nil, fmt.Errorf("actor registry %s: %w (fix the file, or delete it to get the default back)", path, err)
	}
	return reg, text, nil
}

// OpenOrCreate opens the index at path for writing, creating it when there
// is none. With rebuild, an existing index (even one that cannot be opened)
// is moved aside and removed, and a new one is created.
func OpenOrCreate(path string, rebuild bool) (*index.Index, error) {
	if rebuild {
		if err := index.Remove(path); err != nil {
			return nil, err
		}
		return index.Create(path)
	}
	ix, err := index.Open(path, index.OpenOptions{})
	if errors.Is(err, index.ErrNoIndex) {
		return index.Create(path)
	}
	return ix, err
}
