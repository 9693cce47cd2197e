// Package store is the analyst's tag store: one SQLite file in the workspace
// (WS/tags.db) holding the tags, a snapshot of what each tag was made on, and
// an operation log that gives undo and redo across restarts.
//
// The database runs in WAL mode with a busy timeout, foreign keys on and
// BEGIN IMMEDIATE for every write, so two processes can tag at the same time.
// Every change is one transaction: when a method returns nil, the change is
// committed (synchronous=FULL) and survives a crash of the process.
//
// The schema is plain and documented (docs/readme/tags.md) so that analysts
// can open the file with sqlite3 or Datasette.
//
// A team's store is a PostgreSQL database instead (OpenURL with a
// postgres:// URL; pg.go): the same schema and semantics, several analysts
// at once (team.go, docs/readme/team.md).
package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"io"
	"net/url"
	"os"
	"path/filepath"
	"strings"
	"syscall"
	"time"

	"modernc.org/sqlite"
)

// busyTimeout is SQLite's own wait for a lock; writeRetry is how long a write
// keeps retrying on top of it before giving up.
const (
	busyTimeout = 5 * time.Second
	writeRetry  = 30 * time.Second
)

// Errors callers can test for with errors.Is.
var (
	ErrNotFound      = errors.New("no such tag")
	ErrDuplicate     = errors.New("each label goes on a span once")
	ErrNothingToUndo = errors.New("nothing to undo")
	ErrNothingToRedo = errors.New("nothing to redo")
	ErrDamaged       = errors.New("tag store is damaged")
	ErrNewerSchema   = errors.New("tag store was written by a newer workbench")
	// ErrReadOnly: the store or its folder cannot be written (a read-only
	// workspace); OpenReadOnly can still read it.
	ErrReadOnly = errors.New("read-only")
)

// Store is an open tag store. It is safe for concurrent use.
type Store struct {
	team     // backend and acting analyst (team.go); for PostgreSQL, path is the URL without its password
	db       *sql.DB
	path     string
	now      func() time.Time
	readOnly bool
	notices  []string // see Notices
}

// Open opens the tag store at path, creating it (mode 0600) when it does not
// exist and migrating an older schema forward. A damaged file is never
// modified: Open copies it next to itself and returns an error (wrapping
// ErrDamaged) that names both files.
func Open(path string) (*Store, error) {
	abs, err := filepath.Abs(path)
	if err != nil {
		return nil, fmt.Errorf("tag store %s: %w", path, err)
	}
	path = abs
	pre, err := preOpen(path, time.Now) // a folder, an empty file, a damaged WAL (preopen.go)
	if err != nil {
		return nil, err
	}
	if err := createFile(path); err != nil {
		return nil, err
	}
	q := url.Values{}
	q.Add("_pragma", fmt.Sprintf("busy_timeout(%d)", busyTimeout.Milliseconds()))
	q.Add("_pragma", "journal_mode(WAL)")
	q.Add("_pragma", "synchronous(FULL)")
	q.Add("_pragma", "foreign_keys(1)")
	q.Set("_txlock", "immediate")
	db, err := sql.Open("sqlite", dsn(path, q))
	if err != nil {
		return nil, fmt.Errorf("tag store %s: %w", path, err)
	}
	s := &Store{db: db, path: path, now: time.Now}
	if err := s.init(); err != nil {
		db.Close()
		return nil, err
	}
	s.notices = pre.notices(s)
	fixModes(path)
	return s, nil
}

func dsn(path string, q url.Values) string {
	return "file:" + (&url.URL{Path: path}).EscapedPath() + "?" + q.Encode()
}

// OpenReadOnly opens an existing store for reading only, for a workspace
// that cannot be written (writes then fail with ErrReadOnly). It does not
// migrate: a store with an older schema must be opened once with Open.
func OpenReadOnly(path string) (*Store, error) {
	abs, err := filepath.Abs(path)
	if err != nil {
		return nil, fmt.Errorf("tag store %s: %w", path, err)
	}
	path = abs
	if _, err := os.Stat(path); err != nil {
		return nil, fmt.Errorf("tag store %s: %w", path, err)
	}
	var last error
	// mode=ro shares the WAL with writers; when the folder is read-only and
	// the WAL index cannot be made, immutable=1 reads the file as it is.
	for _, extra := range []string{"mode", "immutable"} {
		q := url.Values{}
		q.Add("_pragma", fmt.Sprintf("busy_timeout(%d)", busyTimeout.Milliseconds()))
		q.Set("_query_only", "1")
		if extra == "mode" {
			q.Set("mode", "ro")
		} else {
			q.Set("immutable", "1")
		}
		db, err := sql.Open("sqlite", dsn(path, q))
		if err != nil {
			return nil, fmt.Errorf("tag store %s: %w", path, err)
		}
		s := &Store{db: db, path: path, now: time.Now, readOnly: true}
		var version int
		err = db.QueryRow("PRAGMA user_version").Scan(&version)
		if err == nil {
			if version != SchemaVersion {
				db.Close()
				if version > SchemaVersion {
					return nil, fmt.Errorf("tag store %s: %w (schema version %d): upgrade workbench", path, ErrNewerSchema, version)
				}
				return nil, fmt.Errorf("tag store %s: schema version %d needs upgrading to %d, which needs write access: make the workspace writable and run any workbench command once", path, version, SchemaVersion)
			}
			if err := s.check(context.Background()); err != nil {
				db.Close()
				return nil, err
			}
			return s, nil
		}
		db.Close()
		last = err
		if c := sqliteCode(err); c == codeCorrupt || c == codeNotADB {
			return nil, s.wrap("open", err)
		}
	}
	return nil, fmt.Errorf("tag store %s: cannot open it for reading: %v", path, last)
}

// createFile creates an empty database file with mode 0600 so that SQLite
// (which gives -wal and -shm the mode of the database) never makes a file
// readable by others.
func createFile(path string) error {
	f, err := os.OpenFile(path, os.O_RDWR|os.O_CREATE, 0o600)
	if err != nil {
		if readOnlyErr(err) {
			return fmt.Errorf("tag store %s: cannot write it (%w: %v): check the permissions of the workspace", path, ErrReadOnly, err)
		}
		if errors.Is(err, os.ErrNotExist) {
			return fmt.Errorf("tag store %s: cannot create it: the folder %s does not exist", path, filepath.Dir(path))
		}
		return fmt.Errorf("tag store %s: cannot create it: %w (is the disk full?)", path, err)
	}
	f.Close()
	// SQLite needs to create the -wal and -shm files next to the database.
	if dirReadOnly(filepath.Dir(path)) {
		return fmt.Errorf("tag store %s: cannot write it (%w: the folder %s is not writable): check the permissions of the workspace", path, ErrReadOnly, filepath.Dir(path))
	}
	return nil
}

func readOnlyErr(err error) bool {
	return errors.Is(err, os.ErrPermission) || errors.Is(err, syscall.EROFS)
}

// dirReadOnly reports whether the folder cannot be written.
func dirReadOnly(dir string) bool {
	err := syscall.Access(dir, 2 /* W_OK */)
	return err != nil && (errors.Is(err, syscall.EACCES) || errors.Is(err, syscall.EROFS) || errors.Is(err, syscall.EPERM))
}

// fixModes tightens the database and its WAL files to 0600.
func fixModes(path string) {
	for _, p := range []string{path, path + "-wal", path + "-shm"} {
		if st, err := os.Stat(p); err == nil && st.Mode().Perm() != 0o600 {
			os.Chmod(p, 0o600)
		}
	}
}

func (s *Store) init() error {
	ctx := context.Background()
	var version int
	if err := s.retry(ctx, func() error {
		var err error
		version, err = s.schemaVersion(ctx, s.db)
		return err
	}); err != nil {
		return s.wrap("open", err)
	}
	if version > SchemaVersion {
		return fmt.Errorf("tag store %s: %w (schema version %d, this one knows up to %d): upgrade workbench", s.path, ErrNewerSchema, version, SchemaVersion)
	}
	if version > 0 && s.dialect == sqliteDialect {
		if err := s.check(ctx); err != nil {
			return err
		}
	}
	if version == SchemaVersion {
		return nil
	}
	if err := s.migrate(ctx); err != nil {
		return s.wrap("migrate", err)
	}
	return nil
}

// check runs SQLite's quick integrity check.
func (s *Store) check(ctx context.Context) error {
	rows, err := s.db.QueryContext(ctx, "PRAGMA quick_check")
	if err != nil {
		return s.wrap("check", err)
	}
	defer rows.Close()
	var problems []string
	for rows.Next() {
		var m string
		if err := rows.Scan(&m); err != nil {
			return s.wrap("check", err)
		}
		if m != "ok" && len(problems) < 3 {
			problems = append(problems, m)
		}
	}
	if err := rows.Err(); err != nil {
		return s.wrap("check", err)
	}
	if len(problems) > 0 {
		return s.damaged(errors.New(strings.Join(problems, "; ")))
	}
	return nil
}

// Path is the database file.
func (s *Store) Path() string { return s.path }

// Close closes the store.
func (s *Store) Close() error {
	if s == nil || s.db == nil {
		return nil
	}
	s.closeTeam()
	err := s.db.Close()
	if s.dialect == sqliteDialect {
		fixModes(s.path)
	}
	return err
}

// sqliteCode is the primary SQLite result code of err, or 0.
func sqliteCode(err error) int {
	var se *sqlite.Error
	if errors.As(err, &se) {
		return se.Code() & 0xff
	}
	return 0
}

// SQLite primary result codes used here.
const (
	codeBusy     = 5
	codeLocked   = 6
	codeReadOnly = 8
	codeIOErr    = 10
	codeCorrupt  = 11
	codeFull     = 13
	codeCantOpen = 14
	codeNotADB   = 26
)

func isBusy(err error) bool {
	c := sqliteCode(err)
	return c == codeBusy || c == codeLocked
}

// retry runs f until it succeeds, fails with something other than "busy",
// or writeRetry has passed.
func (s *Store) retry(ctx context.Context, f func() error) error {
	deadline := time.Now().Add(writeRetry)
	wait := 5 * time.Millisecond
	for {
		err := f()
		if err == nil || !s.retryable(err) || time.Now().After(deadline) {
			return err
		}
		s.retries.Add(1)
		select {
		case <-ctx.Done():
			return ctx.Err()
		case <-time.After(wait):
		}
		if wait < 200*time.Millisecond {
			wait *= 2
		}
	}
}

// write runs f in one IMMEDIATE transaction, retrying while the database is
// busy. When it returns nil the transaction is committed.
func (s *Store) write(ctx context.Context, f func(tx *sql.Tx) error) error {
	return s.retry(ctx, func() error {
		tx, err := s.beginTx(ctx)
		if err != nil {
			return err
		}
		if err := f(tx); err != nil {
			tx.Rollback()
			return err
		}
		return tx.Commit()
	})
}

// wrap turns SQLite errors into messages an analyst can act on. Damage is
// reported through damaged, which keeps a copy of the file.
func (s *Store) wrap(op string, err error) error {
	if err == nil {
		return nil
	}
	if s.dialect == postgresDialect {
		return s.wrapPG(op, err)
	}
	switch sqliteCode(err) {
	case codeCorrupt, codeNotADB:
		return s.damaged(err)
	case codeFull:
		return fmt.Errorf("tag store %s: the disk is full, nothing was saved: free some space and try again (%v)", s.path, err)
	case codeReadOnly:
		return fmt.Errorf("tag store %s: cannot write (%w: %v): check the permissions of the file and the workspace", s.path, ErrReadOnly, err)
	case codeCantOpen:
		if dirReadOnly(filepath.Dir(s.path)) {
			return fmt.Errorf("tag store %s: cannot write (%w: the folder is not writable): check the permissions of the workspace (%v)", s.path, ErrReadOnly, err)
		}
		return fmt.Errorf("tag store %s: cannot open it: check that the workspace folder exists and is writable (%v)", s.path, err)
	case codeIOErr:
		return fmt.Errorf("tag store %s: input/output error, nothing was saved: check the disk (is it full or read-only?) (%v)", s.path, err)
	case codeBusy, codeLocked:
		return fmt.Errorf("tag store %s: still locked by another process after %s: try again (%v)", s.path, writeRetry, err)
	}
	if errors.Is(err, ErrNewerSchema) {
		return fmt.Errorf("tag store %s: %w: upgrade workbench", s.path, err)
	}
	return fmt.Errorf("tag store %s: %s: %w", s.path, op, err)
}

// damaged keeps a copy of the damaged database (and its WAL) next to it and
// returns an error wrapping ErrDamaged that names both. The original file is
// left as it is.
func (s *Store) damaged(cause error) error {
	var kept string
	if cp, err := s.keepCopy(); err == nil {
		kept = fmt.Sprintf("; a copy was kept at %s", cp)
	} else {
		kept = fmt.Sprintf("; could not keep a copy (%v)", err)
	}
	return fmt.Errorf("tag store %s: %w (%v)%s. workbench has not changed the file. "+
		"Try `sqlite3 %s .recover | sqlite3 recovered.db`, then move the damaged file aside "+
		"(a new, empty store is created on the next run)", s.path, ErrDamaged, cause, kept, s.path)
}

// keepCopy copies the database (and its WAL) to PATH.damaged-TIMESTAMP,
// unless an identical copy is already there.
func (s *Store) keepCopy() (string, error) {
	data, err := os.ReadFile(s.path)
	if err != nil {
		return "", err
	}
	old, _ := filepath.Glob(s.path + ".damaged-*")
	for _, p := range old {
		if strings.HasSuffix(p, "-wal") {
			continue
		}
		if b, err := os.ReadFile(p); err == nil && string(b) == string(data) {
			return p, nil
		}
	}
	base := fmt.Sprintf("%s.damaged-%s", s.path, s.now().UTC().Format("20060102T150405"))
	cp := base
	for i := 2; ; i++ {
		err = copyFile(s.path, cp)
		if !errors.Is(err, os.ErrExist) || i > 100 {
			break
		}
		cp = fmt.Sprintf("%s-%d", base, i)
	}
	if err != nil {
		return "", err
	}
	if _, err := os.Stat(s.path + "-wal"); err == nil {
		copyFile(s.path+"-wal", cp+"-wal")
	}
	return cp, nil
}

func copyFile(src, dst string) error {
	in, err := os.Open(src)
	if err != nil {
		return err
	}
	defer in.Close()
	out, err := os.OpenFile(dst, os.O_WRONLY|os.O_CREATE|os.O_EXCL, 0o600)
	if err != nil {
		return err
	}
	if _, err := io.Copy(out, in); err != nil {
		out.Close()
		os.Remove(dst)
		return err
	}
	if err := out.Sync(); err != nil {
		out.Close()
		return err
	}
	return out.Close()
}
