package index

import (
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"regexp"
	"sort"
	"strconv"
	"strings"
	"time"

	"github.com/workbench-dev/workbench/internal/workspace"
)

// Generations: readers never wait for a writer.
//
// A workspace's index lives in generation folders, WS/index.gen/NNNNNN,
// and the small file WS/index.current names the last complete one (written
// with fsync and rename, so it names the old or the new generation, never
// something in between). A reader resolves the pointer, takes a shared
// flock on the generation's lock file (WS/index.gen/NNNNNN.lock) and opens
// that folder read-only; it keeps the generation for as long as it is open.
//
// A writer (under the workspace's writer lock, so writers exclude each
// other) clones the current generation into a new folder: scorch's *.zap
// segment files are never written after they are persisted and new
// segments get ids above every file in the folder, so they are hard-linked;
// the rest (root.bolt, index_meta.json, the state file) is copied. It
// writes into the clone, closes it, fsyncs it, and only then moves the
// pointer. A writer killed at any moment leaves the pointer on the previous
// generation, which opens; the half-built folder is removed by the next
// writer, as are old generations no reader holds (tested with a
// non-blocking exclusive flock on the lock file; a held one is left for a
// later writer).
//
// A workspace from before generations has its index in WS/index.bleve:
// with no pointer, that folder is the current generation, used as it is
// (nothing is re-indexed); the first writer clones it like any generation
// and removes it once no reader holds it.

const (
	pointerFile = "index.current"
	gensDir     = "index.gen"
	legacyDir   = "index.bleve"
	lockSuffix  = ".lock"
)

var genName = regexp.MustCompile(`^[0-9]{6}$`)

// Generation names a generation of a workspace's index: Name is what the
// pointer holds ("index.gen/000003", or "index.bleve" for an index from
// before generations), Dir the folder.
type Generation struct {
	Name string
	Dir  string
}

// Current resolves the workspace's current index generation. A workspace
// with no index gives an error wrapping ErrNoIndex; a pointer that names
// no generation one wrapping ErrCorrupt.
func Current(wsDir string) (Generation, error) {
	b, err := os.ReadFile(filepath.Join(wsDir, pointerFile))
	if errors.Is(err, fs.ErrNotExist) {
		legacy := filepath.Join(wsDir, legacyDir)
		if _, err := os.Stat(legacy); err == nil {
			return Generation{Name: legacyDir, Dir: legacy}, nil
		}
		return Generation{}, fmt.Errorf("%w at %s", ErrNoIndex, legacy)
	}
	if err != nil {
		return Generation{}, fmt.Errorf("index %s: %w", filepath.Join(wsDir, pointerFile), err)
	}
	name := strings.TrimSpace(string(b))
	if !validGen(name) {
		return Generation{}, corrupt(filepath.Join(wsDir, pointerFile), fmt.Errorf("it names %q, not an index generation", name))
	}
	g := Generation{Name: name, Dir: filepath.Join(wsDir, filepath.FromSlash(name))}
	// The pointer names only complete generations, and a writer never
	// removes the one it names: a missing folder was removed by hand.
	if _, err := os.Stat(g.Dir); errors.Is(err, fs.ErrNotExist) {
		return Generation{}, corrupt(g.Dir, fmt.Errorf("%s names it, but it is missing", pointerFile))
	}
	return g, nil
}

func validGen(name string) bool {
	if name == legacyDir {
		return true
	}
	d, n, ok := strings.Cut(name, "/")
	return ok && d == gensDir && genName.MatchString(n)
}

// HasIndex tells whether the workspace has an index (complete or not).
func HasIndex(wsDir string) bool {
	_, err := Current(wsDir)
	return !errors.Is(err, ErrNoIndex)
}

// Reader is a generation opened read-only. It holds the generation (a
// shared flock on its lock file) until Close, so no writer removes it
// while it is open.
type Reader struct {
	*Index
	Gen  Generation
	lock *os.File
}

// Close closes the index and lets go of the generation.
func (r *Reader) Close() error {
	err := r.Index.Close()
	unlockFile(r.lock)
	r.lock = nil
	return err
}

// OpenCurrent opens the workspace's current generation read-only. It never
// waits for a writer: a writer works in a folder of its own. When the
// generation it resolved is replaced and removed before it could hold it,
// it resolves the pointer again. Errors are Open's.
func OpenCurrent(wsDir string) (*Reader, error) {
	var lastErr error
	for attempt := 0; attempt < 8; attempt++ {
		if attempt > 0 {
			time.Sleep(time.Duration(attempt) * 5 * time.Millisecond)
		}
		g, err := Current(wsDir)
		if err != nil {
			return nil, err
		}
		lock, err := lockShared(g.Dir + lockSuffix)
		if errors.Is(err, errGone) {
			lastErr = fmt.Errorf("%w at %s (it was replaced while opening)", ErrNoIndex, g.Dir)
			continue
		}
		if err != nil {
			return nil, err
		}
		ix, err := Open(g.Dir, OpenOptions{ReadOnly: true})
		if err != nil {
			unlockFile(lock)
			if g2, err2 := Current(wsDir); err2 == nil && g2.Name != g.Name {
				lastErr = err
				continue // replaced under us: open the new one
			}
			return nil, err
		}
		return &Reader{Index: ix, Gen: g, lock: lock}, nil
	}
	return nil, lastErr
}

// Writer is a new generation being written: a clone of the current one, or
// an empty index for a rebuild. Nothing a reader sees changes until Commit.
// The caller holds the workspace's writer lock from BeginWrite to Commit or
// Abort.
type Writer struct {
	*Index
	Gen  Generation
	ws   string
	base Generation // the generation it replaces (Name "" when none)
	done bool
}

// BeginWrite removes what earlier writers left (half-built generations of
// a killed run, old generations no reader holds any more) and starts a new
// generation: a clone of the current one, or with rebuild (or when there is
// no index yet) an empty index. The current generation stays as it is.
// Errors are Open's and Create's: a current generation that cannot be read
// gives ErrCorrupt, which names `workbench index --rebuild`.
func BeginWrite(wsDir string, rebuild bool) (*Writer, error) {
	return BeginWriteWith(wsDir, rebuild, 0)
}

// BeginWriteWith is BeginWrite with a number of shards for a new or
// rebuilt index (0: one bleve index; an existing index keeps its layout,
// and another number without rebuild is a *ShardsMismatchError).
func BeginWriteWith(wsDir string, rebuild bool, shards int) (*Writer, error) {
	cur, err := Current(wsDir)
	switch {
	case errors.Is(err, ErrNoIndex):
		cur = Generation{}
	case err != nil && !rebuild:
		return nil, err
	case err != nil:
		cur = Generation{} // a damaged pointer: a rebuild replaces it
	}
	if rebuild && cur.Name == legacyDir {
		if err := checkLegacyRemovable(cur.Dir); err != nil {
			return nil, err
		}
	}
	if err := checkShards(cur.Dir, rebuild, shards); err != nil {
		return nil, err
	}
	sweep(wsDir, cur.Name)
	next, err := nextGen(wsDir)
	if err != nil {
		return nil, err
	}
	w := &Writer{Gen: next, ws: wsDir, base: cur}
	if rebuild || cur.Name == "" {
		ix, err := CreateWith(next.Dir, CreateOptions{Shards: shards})
		if err != nil {
			return nil, err
		}
		w.Index = ix
		return w, nil
	}
	if err := cloneTree(cur.Dir, next.Dir); err != nil {
		os.RemoveAll(next.Dir)
		return nil, fmt.Errorf("index %s: cannot copy it to %s: %w", cur.Dir, next.Dir, err)
	}
	ix, err := Open(next.Dir, OpenOptions{})
	if err != nil {
		os.RemoveAll(next.Dir)
		if errors.Is(err, ErrCorrupt) {
			// Name the folder the analyst knows, not the clone.
			return nil, corrupt(cur.Dir, errors.Unwrap(err))
		}
		return nil, err
	}
	w.Index = ix
	return w, nil
}

// Commit closes the new generation, makes it durable and makes it the
// current one; then it removes the generations no reader holds. After a
// failed Commit the previous generation is still the current one.
func (w *Writer) Commit() error {
	if w.done {
		return errors.New("index generation already committed or aborted")
	}
	w.done = true
	if err := w.Index.Close(); err != nil {
		os.RemoveAll(w.Gen.Dir)
		return err
	}
	if err := syncTree(w.Gen.Dir); err != nil {
		os.RemoveAll(w.Gen.Dir)
		return fmt.Errorf("index %s: cannot flush it to disk: %w", w.Gen.Dir, err)
	}
	if f, err := os.OpenFile(w.Gen.Dir+lockSuffix, os.O_RDONLY|os.O_CREATE, workspace.FileMode); err == nil {
		f.Close()
	}
	if err := workspace.WriteFileAtomic(filepath.Join(w.ws, pointerFile), []byte(w.Gen.Name+"\n")); err != nil {
		os.RemoveAll(w.Gen.Dir)
		return err
	}
	sweep(w.ws, w.Gen.Name)
	return nil
}

// Abort closes and removes the new generation; the current one is kept.
func (w *Writer) Abort() error {
	if w.done {
		return nil
	}
	w.done = true
	err := w.Index.Close()
	if rmErr := os.RemoveAll(w.Gen.Dir); rmErr != nil && err == nil {
		err = rmErr
	}
	os.Remove(w.Gen.Dir + lockSuffix)
	return err
}

// nextGen names a generation folder above every one there is.
func nextGen(wsDir string) (Generation, error) {
	dir := filepath.Join(wsDir, gensDir)
	if err := os.MkdirAll(dir, workspace.DirMode); err != nil {
		return Generation{}, fmt.Errorf("index %s: %w", dir, err)
	}
	ents, err := os.ReadDir(dir)
	if err != nil {
		return Generation{}, fmt.Errorf("index %s: %w", dir, err)
	}
	max := 0
	for _, e := range ents {
		n := strings.TrimSuffix(e.Name(), lockSuffix)
		if genName.MatchString(n) {
			if v, _ := strconv.Atoi(n); v > max {
				max = v
			}
		}
	}
	name := fmt.Sprintf("%s/%06d", gensDir, max+1)
	return Generation{Name: name, Dir: filepath.Join(wsDir, filepath.FromSlash(name))}, nil
}

// sweep removes every generation but keep that no reader holds: old ones,
// and half-built ones a killed writer left. Best effort: what cannot be
// removed now is left for a later writer.
func sweep(wsDir, keep string) {
	dir := filepath.Join(wsDir, gensDir)
	ents, _ := os.ReadDir(dir)
	var names []string
	for _, e := range ents {
		n := strings.TrimSuffix(e.Name(), lockSuffix)
		if genName.MatchString(n) {
			names = append(names, gensDir+"/"+n)
		}
	}
	sort.Strings(names)
	for i, n := range names {
		if n == keep || (i > 0 && names[i-1] == n) {
			continue
		}
		removeGen(filepath.Join(wsDir, filepath.FromSlash(n)))
	}
	if keep != legacyDir {
		legacy := filepath.Join(wsDir, legacyDir)
		if _, err := os.Stat(legacy); err == nil {
			if l, ok := lockExclusive(legacy + lockSuffix); ok {
				// Remove checks the folder holds only an index and
				// that no reader of an older workbench has it open.
				if Remove(legacy) == nil {
					os.Remove(legacy + lockSuffix)
				}
				unlockFile(l)
			}
		} else {
			os.Remove(legacy + lockSuffix)
		}
	}
}

// removeGen removes a generation folder and its lock file when no reader
// holds it.
func removeGen(dir string) {
	l, ok := lockExclusive(dir + lockSuffix)
	if !ok {
		return
	}
	defer unlockFile(l)
	if err := os.RemoveAll(dir); err == nil {
		os.Remove(dir + lockSuffix)
	}
}

// checkLegacyRemovable refuses a rebuild over a WS/index.bleve folder that
// holds more than an index (Remove's rule), before anything is built.
func checkLegacyRemovable(dir string) error {
	ents, err := os.ReadDir(dir)
	if err != nil {
		return nil
	}
	for _, e := range ents {
		switch e.Name() {
		case "index_meta.json", "store", stateFile, "." + stateFile + ".tmp":
		default:
			return fmt.Errorf("%s does not look like a workbench index (it holds %s): not removing it", dir, e.Name())
		}
	}
	return nil
}

// cloneTree copies the folder src to dst (which must not exist): *.zap
// files, which scorch never writes again once persisted, are hard-linked
// (copied where the file system cannot link); everything else is copied.
func cloneTree(src, dst string) error {
	return filepath.WalkDir(src, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		rel, err := filepath.Rel(src, p)
		if err != nil {
			return err
		}
		to := filepath.Join(dst, rel)
		switch {
		case d.IsDir():
			if rel == "." {
				if err := os.MkdirAll(filepath.Dir(dst), workspace.DirMode); err != nil {
					return err
				}
				return os.Mkdir(dst, workspace.DirMode)
			}
			return os.Mkdir(to, workspace.DirMode)
		case !d.Type().IsRegular():
			return nil // no links or devices in an index
		case strings.HasSuffix(d.Name(), ".zap"):
			if os.Link(p, to) == nil {
				return nil
			}
			return copyFile(p, to)
		default:
			return copyFile(p, to)
		}
	})
}

func copyFile(src, dst string) error {
	in, err := os.Open(src)
	if err != nil {
		return err
	}
	defer in.Close()
	out, err := os.OpenFile(dst, os.O_WRONLY|os.O_CREATE|os.O_EXCL, workspace.FileMode)
	if err != nil {
		return err
	}
	if _, err := io.Copy(out, in); err != nil {
		out.Close()
		return err
	}
	return out.Close()
}

// syncTree fsyncs every file and folder under dir, and the folder holding
// it, so the generation is on disk before the pointer names it.
func syncTree(dir string) error {
	if err := syncPath(filepath.Dir(dir)); err != nil {
		return err
	}
	return filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if !d.IsDir() && !d.Type().IsRegular() {
			return nil
		}
		return syncPath(p)
	})
}

func syncPath(p string) error {
	f, err := os.Open(p)
	if err != nil {
		return err
	}
	defer f.Close()
	return f.Sync()
}
