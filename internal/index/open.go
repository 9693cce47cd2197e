package index

import (
	"encoding/json"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"time"

	"github.com/blevesearch/bleve/v2"
	bolt "go.etcd.io/bbolt"
)

// lockTimeout bounds every wait on bolt's file lock: no open call hangs.
const lockTimeout = time.Second

// OpenOptions tune Open.
type OpenOptions struct {
	// ReadOnly opens the index for reading only (a shared lock that other
	// readers may share).
	ReadOnly bool
}

// Create makes a new, empty index at path (which must not exist).
func Create(path string) (*Index, error) {
	if _, err := os.Stat(path); err == nil {
		return nil, fmt.Errorf("index %s already exists", path)
	}
	if err := os.MkdirAll(filepath.Dir(path), 0o700); err != nil {
		return nil, fmt.Errorf("index %s: %w", path, err)
	}
	bi, err := bleve.NewUsing(path, buildMapping(), bleve.Config.DefaultIndexType, bleve.Config.DefaultKVStore,
		map[string]interface{}{"bolt_timeout": lockTimeout.String()})
	if err != nil {
		return nil, fmt.Errorf("index %s: cannot create: %w", path, err)
	}
	fixModes(path)
	return newIndex(path, []bleve.Index{bi}, false), nil
}

// newIndex is an Index over one bleve index or, with more, over the shards
// of a sharded index (their alias).
func newIndex(path string, bis []bleve.Index, ro bool) *Index {
	ix := &Index{path: path, readOnly: ro, analyzer: enAnalyzer()}
	for i, bi := range bis {
		p := &part{path: path, bi: bi}
		if len(bis) > 1 {
			p.path = shardDir(path, i)
		}
		ix.parts = append(ix.parts, p)
	}
	ix.bi = bis[0]
	if len(bis) > 1 {
		a := newShardAlias(ix.parts)
		a.gen = func() uint64 {
			ix.mu.Lock()
			defer ix.mu.Unlock()
			return ix.gen
		}
		ix.bi = a
	}
	return ix
}

// Open opens the existing index at path. A missing index gives an error
// wrapping ErrNoIndex; a damaged one an error wrapping ErrCorrupt that names
// `workbench index --rebuild`; an index held by another process an error
// wrapping ErrLocked, after about a second.
func Open(path string, opts OpenOptions) (ix *Index, err error) {
	st, err := os.Stat(path)
	if err != nil {
		if errors.Is(err, fs.ErrNotExist) {
			return nil, fmt.Errorf("%w at %s", ErrNoIndex, path)
		}
		return nil, fmt.Errorf("index %s: %w", path, err)
	}
	if !st.IsDir() {
		return nil, corrupt(path, errors.New("not a folder"))
	}
	if m, ok, err := readManifest(path); err != nil {
		return nil, corrupt(path, err)
	} else if ok {
		return openSharded(path, m, opts)
	}
	if _, err := os.Stat(filepath.Join(path, "index_meta.json")); err != nil {
		return nil, corrupt(path, errors.New("index_meta.json is missing"))
	}
	bi, err := openBleve(path, opts)
	if err != nil {
		return nil, err
	}
	return checkOpened(newIndex(path, []bleve.Index{bi}, opts.ReadOnly), opts)
}

// openBleve opens one bleve index (the index, or a shard) and checks it
// holds the entries recorded after the last write.
func openBleve(path string, opts OpenOptions) (bi bleve.Index, err error) {
	registerAnalysis() // the analyzer a new index's mapping names
	defer func() {
		if r := recover(); r != nil {
			bi = nil
			err = corrupt(path, fmt.Errorf("%v", r))
		}
	}()
	cfg := map[string]interface{}{"bolt_timeout": lockTimeout.String()}
	if opts.ReadOnly {
		cfg["read_only"] = true
	}
	bi, err = bleve.OpenUsing(path, cfg)
	if err != nil {
		if errors.Is(err, bolt.ErrTimeout) {
			return nil, lockedError(path)
		}
		if errors.Is(err, fs.ErrPermission) {
			return nil, fmt.Errorf("index %s: %w (check the permissions of the workspace)", path, err)
		}
		return nil, corrupt(path, err)
	}
	// bleve falls back to an older snapshot, silently, when the newest one
	// has a damaged segment: the count we recorded after the last write
	// tells.
	if want, ok := readState(path); ok {
		if have, err := bi.DocCount(); err == nil && have < want {
			bi.Close()
			return nil, corrupt(path, fmt.Errorf("it holds %d of the %d entries written last: segment files are damaged or missing", have, want))
		}
	}
	return bi, nil
}

// checkOpened reads the opened index once: a damaged segment shows itself
// on the first read, so the caller gets one clear error instead of failing
// searches.
func checkOpened(ix *Index, opts OpenOptions) (*Index, error) {
	if _, err := ix.Count(); err != nil {
		ix.closeParts()
		return nil, corrupt(ix.path, err)
	}
	if !opts.ReadOnly {
		fixModes(ix.path)
	}
	return ix, nil
}

func (ix *Index) closeParts() error {
	var errs []error
	for _, p := range ix.parts {
		errs = append(errs, p.bi.Close())
	}
	return errors.Join(errs...)
}

// fixModes makes the index's folders 0700 and files 0600 (bleve creates
// index_meta.json world-readable).
func fixModes(path string) {
	filepath.WalkDir(path, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return nil
		}
		if d.IsDir() {
			os.Chmod(p, 0o700)
		} else if info, err := d.Info(); err == nil && info.Mode().Perm()&0o077 != 0 {
			os.Chmod(p, 0o600)
		}
		return nil
	})
}

// Close closes the index; every Put that returned is on disk.
func (ix *Index) Close() error {
	err := ix.closeParts()
	if !ix.readOnly {
		fixModes(ix.path)
	}
	return err
}

const stateFile = "workbench-state.json"

type indexState struct {
	Entries uint64 `json:"entries"`
}

// readState returns the entry count recorded after the last write.
func readState(path string) (uint64, bool) {
	b, err := os.ReadFile(filepath.Join(path, stateFile))
	if err != nil {
		return 0, false
	}
	var st indexState
	if json.Unmarshal(b, &st) != nil {
		return 0, false
	}
	return st.Entries, true
}

func writeState(path string, n uint64) {
	b, _ := json.Marshal(indexState{Entries: n})
	tmp := filepath.Join(path, "."+stateFile+".tmp")
	f, err := os.OpenFile(tmp, os.O_WRONLY|os.O_CREATE|os.O_TRUNC, 0o600)
	if err != nil {
		return
	}
	_, err = f.Write(b)
	if err == nil {
		err = f.Sync()
	}
	f.Close()
	if err == nil {
		os.Rename(tmp, filepath.Join(path, stateFile))
	}
}

// Remove deletes the index at path, even one too damaged to open: it is
// first renamed aside, so a crash half-way never leaves a half-removed index
// at path. It refuses a folder that does not look like an index.
func Remove(path string) error {
	st, err := os.Stat(path)
	if errors.Is(err, fs.ErrNotExist) {
		return nil
	}
	if err != nil {
		return fmt.Errorf("index %s: %w", path, err)
	}
	if st.IsDir() {
		// A reader (an open TUI, a search) must not see its index deleted
		// under it: refuse, as a plain `index` does.
		if err := checkNotInUse(path); err != nil {
			return err
		}
		ents, err := os.ReadDir(path)
		if err != nil {
			return fmt.Errorf("index %s: %w", path, err)
		}
		for _, e := range ents {
			switch name := e.Name(); {
			case name == "index_meta.json", name == "store", name == stateFile, name == "."+stateFile+".tmp":
			case name == manifestFile, name == "."+manifestFile+".tmp":
			case e.IsDir() && isShardDir(name):
				// A shard: in use by another process, or not an index?
				if err := checkNotInUse(filepath.Join(path, name)); err != nil {
					return err
				}
			default:
				return fmt.Errorf("%s does not look like a workbench index (it holds %s): not removing it", path, e.Name())
			}
		}
	}
	aside := filepath.Join(filepath.Dir(path), "."+filepath.Base(path)+".old-"+fmt.Sprint(time.Now().UnixNano()))
	if err := os.Rename(path, aside); err != nil {
		return fmt.Errorf("index %s: cannot move it aside: %w", path, err)
	}
	if err := os.RemoveAll(aside); err != nil {
		return fmt.Errorf("index %s: moved to %s but cannot remove it: %w", path, aside, err)
	}
	return nil
}
