package store

import (
	"bytes"
	"encoding/binary"
	"errors"
	"fmt"
	"io"
	"os"
	"strconv"
	"strings"
)

// This file checks a SQLite write-ahead log (tags.db-wal) before SQLite
// opens it. SQLite reads a WAL frame by frame and stops at the first frame
// whose checksum fails: everything after it is dropped without a word, and
// the next checkpoint makes that final. So a damaged WAL can silently lose
// tags that were acknowledged. walCheck finds such damage (see
// https://www.sqlite.org/walformat.html) so that Open can keep a copy first
// and say what was lost.

const (
	walHeaderSize      = 32
	walFrameHeaderSize = 24
	walMagicLE         = 0x377f0682 // checksums over little-endian words
	walMagicBE         = 0x377f0683 // checksums over big-endian words
)

// walReport is what walCheck found in a WAL file.
type walReport struct {
	Size      int64
	PageSize  int
	HeaderBad string // why the header is unusable ("" when it is fine)
	// Frames is how many whole frames the file holds; Valid how many of
	// them SQLite will read (the prefix with good salts and checksums), and
	// ValidCommits how many transactions they end.
	Frames, Valid, ValidCommits int
	// BadFrame is the 1-based frame where reading stops for damage (0 when
	// the valid prefix ends cleanly), and Why says what is wrong with it.
	BadFrame  int
	Why       string
	BadCommit bool // the damaged frame ends a transaction
	// Lost and LostCommits count the frames after the valid prefix that
	// belong to this WAL (same salts) and are whole by themselves: written
	// data SQLite will drop, with the transactions they end.
	Lost, LostCommits int
	// TailBytes is the size of a partial frame at the end of the file.
	TailBytes int64
}

// damaged reports whether the WAL holds committed data SQLite will not
// read. A bad header, and damage at the very end (a partial frame, a bad
// last commit frame), count only when settled is true: no process has the database open, so
// nobody is writing that frame right now. Whole frames without a commit
// after a break are the leftovers of a rolled-back transaction, not damage.
func (r *walReport) damaged(settled bool) bool {
	if r.HeaderBad != "" {
		return settled && r.Frames > 0 // a header being rewritten reads torn
	}
	return r.LostCommits > 0 || (settled && (r.TailBytes > 0 || r.BadFrame > 0 && r.BadCommit))
}

// describe says, in a sentence, what is wrong with the WAL.
func (r *walReport) describe() string {
	if r.HeaderBad != "" {
		return fmt.Sprintf("its header is damaged (%s), so SQLite ignores all of it: %d frames (%d transactions) cannot be read",
			r.HeaderBad, r.Frames, r.ValidCommits+r.LostCommits)
	}
	var parts []string
	parts = append(parts, fmt.Sprintf("SQLite can read the first %d of its %d frames (%d transactions)", r.Valid, r.Frames, r.ValidCommits))
	if r.BadFrame > 0 {
		parts = append(parts, fmt.Sprintf("frame %d is damaged (%s)", r.BadFrame, r.Why))
	}
	if r.Lost > 0 {
		parts = append(parts, fmt.Sprintf("%d frames after it (%d transactions) would be dropped", r.Lost, r.LostCommits))
	}
	if r.TailBytes > 0 {
		parts = append(parts, fmt.Sprintf("the file ends inside a frame (%d bytes; cut short?)", r.TailBytes))
	}
	return strings.Join(parts, "; ")
}

// walChecksum continues SQLite's WAL checksum over b (a multiple of 8
// bytes) from s0, s1.
func walChecksum(bo binary.ByteOrder, b []byte, s0, s1 uint32) (uint32, uint32) {
	for i := 0; i+8 <= len(b); i += 8 {
		s0 += bo.Uint32(b[i:]) + s1
		s1 += bo.Uint32(b[i+4:]) + s0
	}
	return s0, s1
}

// walCheck reads the WAL at path and reports on it. A missing or empty file
// gives (nil, nil).
func walCheck(path string) (*walReport, error) {
	f, err := os.Open(path)
	if errors.Is(err, os.ErrNotExist) {
		return nil, nil
	}
	if err != nil {
		return nil, err
	}
	defer f.Close()
	st, err := f.Stat()
	if err != nil {
		return nil, err
	}
	if st.Size() == 0 {
		return nil, nil
	}
	return walScan(f, st.Size())
}

func walScan(r io.ReaderAt, size int64) (*walReport, error) {
	rep := &walReport{Size: size}
	hdr := make([]byte, walHeaderSize)
	if size < walHeaderSize {
		rep.HeaderBad = "the file is shorter than a WAL header"
		rep.TailBytes = size
		return rep, nil
	}
	if _, err := r.ReadAt(hdr, 0); err != nil {
		return nil, err
	}
	magic := binary.BigEndian.Uint32(hdr[0:])
	var bo binary.ByteOrder = binary.LittleEndian
	switch magic {
	case walMagicLE:
	case walMagicBE:
		bo = binary.BigEndian
	default:
		rep.HeaderBad = fmt.Sprintf("bad magic number %#08x", magic)
	}
	pageSize := int(binary.BigEndian.Uint32(hdr[8:]))
	if pageSize < 512 || pageSize > 65536 || pageSize&(pageSize-1) != 0 {
		if rep.HeaderBad == "" {
			rep.HeaderBad = fmt.Sprintf("bad page size %d", pageSize)
		}
		// Guess the page size from the database's default to count frames.
		pageSize = 4096
	}
	rep.PageSize = pageSize
	salt1, salt2 := binary.BigEndian.Uint32(hdr[16:]), binary.BigEndian.Uint32(hdr[20:])
	s0, s1 := walChecksum(bo, hdr[:24], 0, 0)
	if rep.HeaderBad == "" && (s0 != binary.BigEndian.Uint32(hdr[24:]) || s1 != binary.BigEndian.Uint32(hdr[28:])) {
		rep.HeaderBad = "header checksum mismatch"
	}
	if v := binary.BigEndian.Uint32(hdr[4:]); rep.HeaderBad == "" && v != 3007000 {
		rep.HeaderBad = "unknown WAL version " + strconv.FormatUint(uint64(v), 10)
	}
	// The checksum chain starts from the header's stored checksum.
	s0, s1 = binary.BigEndian.Uint32(hdr[24:]), binary.BigEndian.Uint32(hdr[28:])

	frameSize := int64(walFrameHeaderSize + pageSize)
	rep.Frames = int((size - walHeaderSize) / frameSize)
	rep.TailBytes = (size - walHeaderSize) % frameSize
	frame := make([]byte, frameSize)
	inPrefix := rep.HeaderBad == ""
	commitsSeen := 0 // commit frames in the valid prefix, up to the last seen
	pending := 0     // frames of the valid prefix after its last commit
	for i := 0; i < rep.Frames; i++ {
		if _, err := r.ReadAt(frame, walHeaderSize+int64(i)*frameSize); err != nil {
			return nil, err
		}
		fh := frame[:walFrameHeaderSize]
		pgno := binary.BigEndian.Uint32(fh[0:])
		commit := binary.BigEndian.Uint32(fh[4:]) != 0
		saltsOK := binary.BigEndian.Uint32(fh[8:]) == salt1 && binary.BigEndian.Uint32(fh[12:]) == salt2
		want0, want1 := binary.BigEndian.Uint32(fh[16:]), binary.BigEndian.Uint32(fh[20:])
		c0, c1 := walChecksum(bo, fh[:8], s0, s1)
		c0, c1 = walChecksum(bo, frame[walFrameHeaderSize:], c0, c1)
		sumOK := c0 == want0 && c1 == want1
		if inPrefix {
			if saltsOK && sumOK && pgno != 0 {
				pending++
				if commit {
					commitsSeen++
					rep.Valid += pending
					pending = 0
				}
				s0, s1 = c0, c1
				continue
			}
			inPrefix = false
			rep.ValidCommits = commitsSeen
			if !saltsOK {
				// Frames of an older generation of the WAL (left after
				// a checkpoint restarted it): not damage, unless frames
				// of this generation follow (checked below).
				rep.Why = "salt mismatch"
			} else {
				rep.BadFrame = i + 1
				rep.BadCommit = commit
				rep.Why = "checksum mismatch"
				if pgno == 0 {
					rep.Why = "page number 0"
				}
			}
		}
		// Past the valid prefix: a frame of this WAL that verifies against
		// its predecessor's stored checksum is intact data SQLite drops.
		if (saltsOK || rep.HeaderBad != "") && sumOK && pgno != 0 {
			if rep.BadFrame == 0 && rep.HeaderBad == "" {
				rep.BadFrame = i // the frame before it broke the chain
				if rep.BadFrame == 0 {
					rep.BadFrame = 1
				}
			}
			rep.Lost++
			if commit {
				rep.LostCommits++
			}
		}
		s0, s1 = want0, want1
	}
	if inPrefix {
		rep.ValidCommits = commitsSeen
	}
	if rep.HeaderBad != "" {
		// Count the transactions SQLite will not read: with a bad header
		// the frames are checked against each other only.
		rep.Valid, rep.ValidCommits = 0, 0
		rep.LostCommits = countCommits(r, rep, frameSize)
	}
	return rep, nil
}

// countCommits counts commit frames in the whole frames of the file.
func countCommits(r io.ReaderAt, rep *walReport, frameSize int64) int {
	n := 0
	fh := make([]byte, walFrameHeaderSize)
	for i := 0; i < rep.Frames; i++ {
		if _, err := r.ReadAt(fh, walHeaderSize+int64(i)*frameSize); err != nil {
			break
		}
		if binary.BigEndian.Uint32(fh[4:]) != 0 {
			n++
		}
	}
	return n
}

// walRepaired returns a copy of the WAL in b in which SQLite reads every
// frame of this WAL: the header's salts are those most frames carry, a
// frame whose header was damaged in the middle of the WAL gets the salts
// back (or is left out when its page number is impossible), and the header
// and every frame get their checksums recomputed. Damaged page contents
// stay damaged; PRAGMA quick_check on a database opened with the result
// tells whether it is usable.
func walRepaired(b []byte, pageSize int) []byte {
	if len(b) < walHeaderSize {
		return nil
	}
	hdr := append([]byte(nil), b[:walHeaderSize]...)
	var bo binary.ByteOrder = binary.LittleEndian
	switch binary.BigEndian.Uint32(hdr[0:]) {
	case walMagicBE:
		bo = binary.BigEndian
	case walMagicLE:
	default:
		binary.BigEndian.PutUint32(hdr[0:], walMagicLE)
	}
	binary.BigEndian.PutUint32(hdr[4:], 3007000)
	binary.BigEndian.PutUint32(hdr[8:], uint32(pageSize))
	frameSize := walFrameHeaderSize + pageSize
	var frames [][]byte
	for off := walHeaderSize; off+frameSize <= len(b); off += frameSize {
		frames = append(frames, b[off:off+frameSize])
	}
	// The salts most frames carry, and the largest database size a commit
	// frame gives (a bound on page numbers).
	salts := map[[8]byte]int{}
	for _, fr := range frames {
		var k [8]byte
		copy(k[:], fr[8:16])
		salts[k]++
	}
	var best [8]byte
	bestN := 0
	for k, n := range salts {
		if n > bestN || n == bestN && bytes.Compare(k[:], best[:]) < 0 {
			best, bestN = k, n
		}
	}
	if bestN == 0 {
		return nil
	}
	copy(hdr[16:24], best[:])
	maxPage := uint32(0)
	last := -1 // the last frame that carries the salts
	for i, fr := range frames {
		if bytes.Equal(fr[8:16], best[:]) {
			last = i
			if c := binary.BigEndian.Uint32(fr[4:]); c > maxPage && c < 1<<24 {
				maxPage = c
			}
		}
	}
	s0, s1 := walChecksum(bo, hdr[:24], 0, 0)
	binary.BigEndian.PutUint32(hdr[24:], s0)
	binary.BigEndian.PutUint32(hdr[28:], s1)
	out := hdr
	for i := 0; i <= last; i++ {
		fr := append([]byte(nil), frames[i]...)
		if !bytes.Equal(fr[8:16], best[:]) {
			copy(fr[8:16], best[:]) // a damaged frame header inside this WAL
		}
		if pg := binary.BigEndian.Uint32(fr[0:]); pg == 0 || pg > maxPage {
			continue
		}
		if c := binary.BigEndian.Uint32(fr[4:]); c > maxPage {
			binary.BigEndian.PutUint32(fr[4:], maxPage)
		}
		s0, s1 = walChecksum(bo, fr[:8], s0, s1)
		s0, s1 = walChecksum(bo, fr[walFrameHeaderSize:], s0, s1)
		binary.BigEndian.PutUint32(fr[16:], s0)
		binary.BigEndian.PutUint32(fr[20:], s1)
		out = append(out, fr...)
	}
	return out
}
