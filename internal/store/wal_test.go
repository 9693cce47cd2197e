package store

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

// walWithTags returns a database file and a WAL holding n tags that were
// never checkpointed, copied while the store was open (as a killed process
// leaves them).
func walWithTags(t *testing.T, n int) (db, wal []byte) {
	t.Helper()
	s, path := openTemp(t)
	s.db.SetMaxOpenConns(1)
	ctx := context.Background()
	if _, err := s.db.ExecContext(ctx, "PRAGMA wal_checkpoint(TRUNCATE)"); err != nil {
		t.Fatal(err)
	}
	if _, err := s.db.ExecContext(ctx, "PRAGMA wal_autocheckpoint=0"); err != nil {
		t.Fatal(err)
	}
	for i := 0; i < n; i++ {
		if _, err := s.Add(ctx, quoteInput(fmt.Sprintf("doc-%d", i), i, i+5, "neutral")); err != nil {
			t.Fatal(err)
		}
	}
	var err error
	if db, err = os.ReadFile(path); err != nil {
		t.Fatal(err)
	}
	if wal, err = os.ReadFile(path + "-wal"); err != nil {
		t.Fatal(err)
	}
	return db, wal
}

// placeStore writes db and wal as tags.db and tags.db-wal of a new folder.
func placeStore(t *testing.T, db, wal []byte) string {
	t.Helper()
	path := filepath.Join(t.TempDir(), "tags.db")
	os.WriteFile(path, db, 0o600)
	os.WriteFile(path+"-wal", wal, 0o600)
	return path
}

func countTags(t *testing.T, path string) int {
	t.Helper()
	s, err := OpenReadOnly(path)
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	n, err := s.Count(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	return n
}

func TestWALHealthyNoNotice(t *testing.T) {
	db, wal := walWithTags(t, 27)
	rep, err := walScan(bytes.NewReader(wal), int64(len(wal)))
	if err != nil || rep.HeaderBad != "" || rep.Valid != rep.Frames || rep.ValidCommits != 27 || rep.damaged(true) {
		t.Fatalf("healthy WAL: %+v %v", rep, err)
	}
	path := placeStore(t, db, wal)
	s, err := Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	if n, _ := s.Count(context.Background()); n != 27 || len(s.Notices()) != 0 {
		t.Fatalf("%d tags, notices %q", n, s.Notices())
	}
	if m, _ := filepath.Glob(path + ".*"); len(m) != 0 {
		t.Fatalf("copies made of a healthy store: %v", m)
	}
}

// Issue 12 item 6: with 27 tags in the WAL, a 64-byte flip in the middle
// lost 14, a flipped header all 27, a truncation to 50% 14, with exit 0 and
// no word. Each now gives a notice naming the copy of db+WAL kept before
// SQLite read them.
func TestDamagedWALKeptAndReported(t *testing.T) {
	db, wal := walWithTags(t, 27)
	flip := func(b []byte, off, n int) []byte {
		b = append([]byte(nil), b...)
		for i := off; i < off+n; i++ {
			b[i] ^= 0xff
		}
		return b
	}
	cases := []struct {
		name       string
		wal        []byte
		want       string // in the notice
		repairable bool   // every tag can be rebuilt from the frames
	}{
		{"flip 64 bytes in the middle", flip(wal, len(wal)/2, 64), "checksum mismatch", true},
		{"flipped header", flip(wal, 8, 16), "header is damaged", true},
		{"truncated to 50%", wal[:len(wal)/2], "", false},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			path := placeStore(t, db, c.wal)
			s, err := Open(path)
			if err != nil {
				t.Fatal(err)
			}
			live, _ := s.Count(context.Background())
			notes := s.Notices()
			s.Close()
			if live >= 27 {
				t.Fatalf("SQLite read all 27 tags: the case does not reproduce the issue")
			}
			if len(notes) != 1 {
				t.Fatalf("notices: %q (store has %d of 27 tags)", notes, live)
			}
			msg := notes[0]
			t.Log(msg)
			if !strings.Contains(msg, "tags.db-wal was damaged") || !strings.Contains(msg, c.want) ||
				!strings.Contains(msg, fmt.Sprintf("(%d tags now)", live)) {
				t.Errorf("notice does not say what happened: %s", msg)
			}
			copies, _ := filepath.Glob(path + ".wal-damaged-*")
			var dbCopy string
			for _, p := range copies {
				if !strings.HasSuffix(p, "-wal") {
					dbCopy = p
				}
			}
			if dbCopy == "" || !strings.Contains(msg, dbCopy) {
				t.Fatalf("no copy named: %v\n%s", copies, msg)
			}
			if b, _ := os.ReadFile(dbCopy); !bytes.Equal(b, db) {
				t.Error("the database copy differs from the database before opening")
			}
			if b, _ := os.ReadFile(dbCopy + "-wal"); !bytes.Equal(b, c.wal) {
				t.Error("the WAL copy differs from the damaged WAL")
			}
			rec, _ := filepath.Glob(path + ".recovered-*")
			if c.repairable {
				if len(rec) != 1 || !strings.Contains(msg, rec[0]) {
					t.Fatalf("no rebuilt copy named: %v", rec)
				}
				if n := countTags(t, rec[0]); n != 27 {
					t.Errorf("rebuilt copy holds %d tags, want 27", n)
				}
			} else if len(rec) != 0 || strings.Contains(msg, "rebuilt") {
				t.Errorf("a rebuilt copy with nothing more than the store is offered: %v", rec)
			}
			// Opening again (the WAL is checkpointed now) says nothing more.
			s, err = Open(path)
			if err != nil {
				t.Fatal(err)
			}
			if len(s.Notices()) != 0 {
				t.Errorf("second open: %q", s.Notices())
			}
			s.Close()
		})
	}
}

// A WAL another connection is writing is not mistaken for a damaged one.
func TestWALInUseNoNotice(t *testing.T) {
	s1, path := openTemp(t)
	ctx := context.Background()
	done := make(chan struct{})
	go func() {
		defer close(done)
		for i := 0; i < 40; i++ {
			s1.Add(ctx, quoteInput(fmt.Sprintf("w-%d", i), 0, 5, "neutral"))
		}
	}()
	for i := 0; i < 10; i++ {
		s2, err := Open(path)
		if err != nil {
			t.Fatal(err)
		}
		if len(s2.Notices()) != 0 {
			t.Fatalf("notice while another connection writes: %q", s2.Notices())
		}
		s2.Close()
	}
	<-done
	if m, _ := filepath.Glob(path + ".wal-damaged-*"); len(m) != 0 {
		t.Fatalf("copies made: %v", m)
	}
}

// Issue 12 item 13: a 0-byte tags.db was silently re-created empty.
func TestEmptyTagsDBKeptAndReported(t *testing.T) {
	path := filepath.Join(t.TempDir(), "tags.db")
	os.WriteFile(path, nil, 0o600)
	old := time.Now().Add(-time.Hour)
	os.Chtimes(path, old, old)
	s, err := Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	notes := s.Notices()
	if len(notes) != 1 || !strings.Contains(notes[0], "was an empty file (0 bytes)") || !strings.Contains(notes[0], "backup") {
		t.Fatalf("notices: %q", notes)
	}
	kept, _ := filepath.Glob(path + ".empty-*")
	if len(kept) != 1 || !strings.Contains(notes[0], kept[0]) {
		t.Fatalf("kept: %v", kept)
	}
	// A store being created right now (a fresh 0-byte file) is not news.
	p2 := filepath.Join(t.TempDir(), "tags.db")
	os.WriteFile(p2, nil, 0o600)
	s2, err := Open(p2)
	if err != nil {
		t.Fatal(err)
	}
	defer s2.Close()
	if len(s2.Notices()) != 0 {
		t.Fatalf("fresh file: %q", s2.Notices())
	}
}

// Issue 12 item 13: tags.db being a folder suggested "is the disk full?".
func TestTagsDBFolderClearError(t *testing.T) {
	path := filepath.Join(t.TempDir(), "tags.db")
	os.Mkdir(path, 0o700)
	_, err := Open(path)
	if !errors.Is(err, ErrNotAFile) || strings.Contains(err.Error(), "disk full") || !strings.Contains(err.Error(), "is a folder") {
		t.Fatalf("err = %v", err)
	}
}

// FuzzWALScan: the WAL checker and the rebuilder never panic on any bytes,
// and what the checker counts adds up.
func FuzzWALScan(f *testing.F) {
	f.Add([]byte{})
	f.Add(bytes.Repeat([]byte{0x37, 0x7f, 0x06, 0x82}, 200))
	hdr := []byte{0x37, 0x7f, 0x06, 0x82, 0, 0x2d, 0xe2, 0x18, 0, 0, 2, 0, 0, 0, 0, 0, 1, 2, 3, 4, 5, 6, 7, 8, 0, 0, 0, 0, 0, 0, 0, 0}
	f.Add(append(hdr, bytes.Repeat([]byte{1}, 24+512+100)...))
	f.Fuzz(func(t *testing.T, b []byte) {
		rep, err := walScan(bytes.NewReader(b), int64(len(b)))
		if err != nil {
			t.Fatal(err)
		}
		if rep.Valid > rep.Frames || rep.Lost > rep.Frames || rep.Valid+rep.Lost > rep.Frames || rep.TailBytes < 0 {
			t.Fatalf("inconsistent report %+v", rep)
		}
		_ = rep.describe()
		ps := rep.PageSize
		if ps == 0 {
			ps = 512
		}
		if out := walRepaired(b, ps); out != nil {
			if r2, err := walScan(bytes.NewReader(out), int64(len(out))); err != nil || r2.HeaderBad != "" || r2.Valid+(r2.Frames-r2.Valid) != r2.Frames || r2.Lost != 0 {
				t.Fatalf("rebuilt WAL does not read cleanly: %+v %v", r2, err)
			}
		}
	})
}
