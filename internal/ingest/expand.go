package ingest

import (
	"fmt"
	"io"
)

// DefaultMaxExpandedBytes is the default cap on what one gzipped file may
// decompress to (1 GiB).
const DefaultMaxExpandedBytes = 1 << 30

func (o Options) maxExpanded() int64 {
	if o.MaxExpandedBytes <= 0 {
		return DefaultMaxExpandedBytes
	}
	return o.MaxExpandedBytes
}

// ExpandedTooLargeError reports a gzipped file that decompresses to more
// than Options.MaxExpandedBytes (a decompression bomb, or a genuine file
// over the cap). The documents before the cap were read; the rest of the
// file is skipped.
type ExpandedTooLargeError struct {
	Limit int64
}

func (e *ExpandedTooLargeError) Error() string {
	return fmt.Sprintf("skipped the rest: it decompresses to more than %s (a decompression bomb? if the file is genuine, raise --max-expanded-size)", humanBytes(e.Limit))
}

// expandLimit stops a decompressed stream after max bytes with an
// *ExpandedTooLargeError.
type expandLimit struct {
	r       io.Reader
	left    int64
	limit   int64
	tripped bool
}

func (l *expandLimit) Read(p []byte) (int, error) {
	if l.left <= 0 {
		// One byte more than the cap tells a file of exactly max bytes
		// from a longer one.
		var one [1]byte
		n, err := l.r.Read(one[:])
		if n == 0 && err != nil {
			return 0, err
		}
		l.tripped = true
		return 0, &ExpandedTooLargeError{Limit: l.limit}
	}
	if int64(len(p)) > l.left {
		p = p[:l.left]
	}
	n, err := l.r.Read(p)
	l.left -= int64(n)
	return n, err
}

// err is the cap's error once it has been hit, else nil.
func (l *expandLimit) err() error {
	if l == nil || !l.tripped {
		return nil
	}
	return &ExpandedTooLargeError{Limit: l.limit}
}
