package store

import (
	"bufio"
	"context"
	"database/sql"
	"errors"
	"fmt"
	"net/url"
	"os"
	"strconv"
	"strings"
	"syscall"
	"time"
)

// emptyGrace is how old a 0-byte tags.db must be to count as damage rather
// than a store another process is creating right now.
const emptyGrace = 2 * time.Second

// openCheck is what preOpen found before SQLite opened the store; Open turns
// it into notices once the store is open.
type openCheck struct {
	empty     string // where a copy of a 0-byte tags.db was kept
	wal       *walReport
	walCopy   string // copy of the database as it was; its WAL is walCopy+"-wal"
	walCopyOK bool
	repaired  string // a database rebuilt from every readable WAL frame
	repTags   int
	repErr    error
}

// ErrNotAFile is returned (wrapped) when the tag store's path is a folder.
var ErrNotAFile = errors.New("is a folder, not a file")

// preOpen looks at the store's files before SQLite touches them: it refuses
// a folder in place of tags.db, keeps a 0-byte tags.db aside, and checks a
// WAL left from before (see walCheck), keeping a copy of the database and
// the WAL before SQLite reads (and later checkpoints) it.
func preOpen(path string, now func() time.Time) (*openCheck, error) {
	oc := &openCheck{}
	st, err := os.Stat(path)
	if err == nil && st.IsDir() {
		return nil, fmt.Errorf("tag store %s %w: workbench keeps its tags in a file of that name; move the folder aside (or pass another --home)", path, ErrNotAFile)
	}
	stamp := now().UTC().Format("20060102T150405")
	if err == nil && st.Size() == 0 && time.Since(st.ModTime()) > emptyGrace {
		cp, err := keepAs(path, path+".empty-"+stamp)
		if err == nil {
			oc.empty = cp
		} else {
			oc.empty = "(could not keep a copy: " + err.Error() + ")"
		}
	}
	rep, err := walCheck(path + "-wal")
	if err != nil || rep == nil {
		return oc, nil // nothing to check, or SQLite will report the file
	}
	if !rep.damaged(!inUse(path)) {
		return oc, nil
	}
	oc.wal = rep
	base := path + ".wal-damaged-" + stamp
	if cp, err := keepAs(path, base); err == nil {
		if _, err := keepAs(path+"-wal", cp+"-wal"); err == nil {
			oc.walCopy, oc.walCopyOK = cp, true
		} else {
			oc.walCopy = "(could not keep a copy of the WAL: " + err.Error() + ")"
		}
	} else {
		oc.walCopy = "(could not keep a copy: " + err.Error() + ")"
	}
	if oc.walCopyOK {
		oc.repaired, oc.repTags, oc.repErr = repairFromWAL(oc.walCopy, path+".recovered-"+stamp, rep.PageSize)
	}
	return oc, nil
}

// keepAs copies src to dst (or dst-2, dst-3, ... when taken) and returns the
// name used.
func keepAs(src, dst string) (string, error) {
	cp := dst
	var err error
	for i := 2; i < 100; i++ {
		err = copyFile(src, cp)
		if !errors.Is(err, os.ErrExist) {
			break
		}
		cp = fmt.Sprintf("%s-%d", dst, i)
	}
	if err != nil {
		return "", err
	}
	return cp, nil
}

// repairFromWAL builds dst from the kept database copy and a WAL whose
// frames are all re-chained (walRepaired), lets SQLite check it (PRAGMA
// quick_check) and fold the WAL in, and returns it with its tag count. A
// candidate that fails the check is removed (the copies stay).
func repairFromWAL(dbCopy, dst string, pageSize int) (string, int, error) {
	walb, err := os.ReadFile(dbCopy + "-wal")
	if err != nil {
		return "", 0, err
	}
	fixed := walRepaired(walb, pageSize)
	if fixed == nil {
		return "", 0, errors.New("nothing readable in the WAL")
	}
	out, err := keepAs(dbCopy, dst)
	if err != nil {
		return "", 0, err
	}
	cleanup := func() {
		for _, p := range []string{out, out + "-wal", out + "-shm"} {
			os.Remove(p)
		}
	}
	if err := os.WriteFile(out+"-wal", fixed, 0o600); err != nil {
		cleanup()
		return "", 0, err
	}
	q := url.Values{}
	q.Add("_pragma", "busy_timeout(5000)")
	db, err := sql.Open("sqlite", dsn(out, q))
	if err != nil {
		cleanup()
		return "", 0, err
	}
	ctx := context.Background()
	var n int
	err = func() error {
		var res string
		if err := db.QueryRowContext(ctx, "PRAGMA quick_check").Scan(&res); err != nil {
			return err
		}
		if res != "ok" {
			return fmt.Errorf("quick_check: %s", res)
		}
		if err := db.QueryRowContext(ctx, "SELECT count(*) FROM tags").Scan(&n); err != nil {
			return err
		}
		_, err := db.ExecContext(ctx, "PRAGMA wal_checkpoint(TRUNCATE)")
		return err
	}()
	db.Close()
	if err != nil {
		cleanup()
		return "", 0, err
	}
	os.Remove(out + "-wal")
	os.Remove(out + "-shm")
	return out, n, nil
}

// notices turns what preOpen found into messages, now that the store is
// open and can say how many tags it holds.
func (oc *openCheck) notices(s *Store) []string {
	if oc == nil {
		return nil
	}
	var out []string
	if oc.empty != "" {
		out = append(out, fmt.Sprintf("tag store %s was an empty file (0 bytes): a new, empty tag store was created in its place; "+
			"if you had tags, restore tags.db from a backup (the empty file was kept as %s)", s.path, oc.empty))
	}
	if oc.wal != nil {
		have := "an unknown number of"
		live, err := s.Count(context.Background())
		if err == nil {
			have = strconv.Itoa(live)
			if oc.repaired != "" && oc.repTags <= live {
				// The rebuilt copy holds nothing the store lacks (the
				// kept copies stay).
				os.Remove(oc.repaired)
				oc.repaired = ""
			}
		}
		msg := fmt.Sprintf("tag store %s: its write-ahead log %s-wal was damaged: %s. workbench opened what SQLite could read (%s tags now). ",
			s.path, s.path, oc.wal.describe(), have)
		if oc.walCopyOK {
			msg += fmt.Sprintf("The database and its WAL as they were are kept at %s and %s-wal (nothing was deleted). ", oc.walCopy, oc.walCopy)
		} else {
			msg += oc.walCopy + ". "
		}
		switch {
		case oc.repaired != "":
			msg += fmt.Sprintf("A copy rebuilt from every readable frame, which passes SQLite's check, is at %s (%d tags): "+
				"look at it (sqlite3 -readonly %s 'select count(*) from tags'), and if it holds your tags, close workbench and put it in place of tags.db",
				oc.repaired, oc.repTags, oc.repaired)
		case oc.repErr != nil && !strings.Contains(oc.repErr.Error(), "quick_check"):
			msg += fmt.Sprintf("Rebuilding a copy from every frame failed (%v): keep the copies and try `sqlite3 %s .recover`", oc.repErr, oc.walCopy)
		}
		out = append(out, msg)
	}
	return out
}

// Notices are the things Open found and dealt with that the analyst should
// hear about once: a damaged WAL (what was recovered, where the copies
// are), an empty tags.db kept aside. Empty when all was well.
func (s *Store) Notices() []string { return s.notices }

// inUse reports whether any process (this one included) holds a lock on
// the database or its -shm file, from /proc/locks. When that cannot be
// told, it answers true: the caller then ignores damage that a writer in
// progress could explain.
func inUse(path string) bool {
	var inodes [][2]uint64
	for _, p := range []string{path, path + "-shm"} {
		var st syscall.Stat_t
		if err := syscall.Stat(p, &st); err == nil {
			inodes = append(inodes, [2]uint64{uint64(st.Dev), st.Ino})
		}
	}
	if len(inodes) == 0 {
		return false
	}
	f, err := os.Open("/proc/locks")
	if err != nil {
		return true
	}
	defer f.Close()
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		for _, field := range strings.Fields(sc.Text()) {
			parts := strings.Split(field, ":")
			if len(parts) != 3 {
				continue
			}
			maj, e1 := strconv.ParseUint(parts[0], 16, 32)
			min, e2 := strconv.ParseUint(parts[1], 16, 32)
			ino, e3 := strconv.ParseUint(parts[2], 10, 64)
			if e1 != nil || e2 != nil || e3 != nil {
				continue
			}
			for _, in := range inodes {
				dev := in[0]
				dmaj := (dev>>8)&0xfff | (dev>>32)&^0xfff
				dmin := dev&0xff | (dev>>12)&^0xff
				if in[1] == ino && dmaj == maj && dmin == min {
					return true
				}
			}
		}
	}
	return sc.Err() != nil
}
