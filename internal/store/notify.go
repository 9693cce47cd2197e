package store

import (
	"context"
	"errors"
	"strconv"
	"strings"
	"time"

	"github.com/jackc/pgx/v5"

	"github.com/workbench-dev/workbench/internal/model"
)

// Subscribe delivers the tags other analysts add (tag.Analyst differs from
// the acting analyst), soon after they commit, until ctx ends; then the
// channel is closed. On PostgreSQL a trigger on tags sends NOTIFY
// workbench_tags and the subscriber LISTENs on its own connection,
// reconnecting (and catching up on what it missed) when the connection is
// lost; on SQLite it looks for new rows every poll interval (500 ms).
//
// Each tag is delivered once; removals and edits are not delivered (call
// ForDoc to refresh the document on screen).
func (s *Store) Subscribe(ctx context.Context) (<-chan model.Tag, error) {
	last, err := s.maxTagID(ctx)
	if err != nil {
		return nil, err
	}
	out := make(chan model.Tag, 64)
	if s.dialect != postgresDialect {
		go s.poll(ctx, out, last, 500*time.Millisecond)
		return out, nil
	}
	conn, schema, err := s.listen(ctx)
	if err != nil {
		return nil, s.wrap("subscribe", err)
	}
	go s.watch(ctx, out, conn, schema, last)
	return out, nil
}

func (s *Store) maxTagID(ctx context.Context) (int64, error) {
	var last int64
	if err := s.db.QueryRowContext(ctx, `SELECT coalesce(max(id), 0) FROM tags`).Scan(&last); err != nil {
		return 0, s.wrap("read", err)
	}
	return last, nil
}

// catchUp sends the other analysts' tags with ids above last, returning the
// new last id.
func (s *Store) catchUp(ctx context.Context, out chan<- model.Tag, last int64) (int64, error) {
	tags, err := s.query(ctx, `SELECT `+tagColumns+` FROM tags WHERE id > ? AND analyst <> ? ORDER BY id`, last, s.analyst)
	if err != nil {
		return last, err
	}
	for _, t := range tags {
		select {
		case out <- t:
		case <-ctx.Done():
			return last, ctx.Err()
		}
		last = max(last, t.ID)
	}
	// Our own tags move last on too.
	if m, err := s.maxTagID(ctx); err == nil {
		last = max(last, m)
	}
	return last, nil
}

func (s *Store) poll(ctx context.Context, out chan<- model.Tag, last int64, every time.Duration) {
	defer close(out)
	tick := time.NewTicker(every)
	defer tick.Stop()
	for {
		select {
		case <-ctx.Done():
			return
		case <-tick.C:
		}
		if l, err := s.catchUp(ctx, out, last); err == nil {
			last = l
		}
	}
}

func (s *Store) listen(ctx context.Context) (*pgx.Conn, string, error) {
	conn, err := pgx.ConnectConfig(ctx, s.pg.cfg.Copy())
	if err != nil {
		return nil, "", err
	}
	var schema string
	if err := conn.QueryRow(ctx, `SELECT current_schema()`).Scan(&schema); err != nil {
		conn.Close(context.Background())
		return nil, "", err
	}
	if _, err := conn.Exec(ctx, `LISTEN workbench_tags`); err != nil {
		conn.Close(context.Background())
		return nil, "", err
	}
	return conn, schema, nil
}

func (s *Store) watch(ctx context.Context, out chan<- model.Tag, conn *pgx.Conn, schema string, last int64) {
	defer close(out)
	defer func() {
		if conn != nil {
			conn.Close(context.Background())
		}
	}()
	seen := map[int64]bool{}
	for ctx.Err() == nil {
		if conn == nil {
			// Reconnect, then catch up on what came while away.
			var err error
			if conn, _, err = s.listen(ctx); err != nil {
				conn = nil
				select {
				case <-ctx.Done():
				case <-time.After(time.Second):
				}
				continue
			}
			// A catch-up that fails (the pool may still hold connections
			// the server ended) is tried again: a tag added while away
			// must not be missed.
			l, err := s.catchUp(ctx, out, last)
			if err != nil {
				conn.Close(context.Background())
				conn = nil
				select {
				case <-ctx.Done():
				case <-time.After(200 * time.Millisecond):
				}
				continue
			}
			last = l
		}
		n, err := conn.WaitForNotification(ctx)
		if err != nil {
			if ctx.Err() != nil {
				return
			}
			conn.Close(context.Background())
			conn = nil
			continue
		}
		sch, idText, ok := strings.Cut(n.Payload, " ")
		if !ok || sch != schema {
			continue
		}
		id, err := strconv.ParseInt(idText, 10, 64)
		if err != nil || seen[id] {
			continue
		}
		t, err := s.Get(ctx, id)
		if errors.Is(err, ErrNotFound) || err != nil || t.Analyst == s.analyst {
			continue
		}
		if len(seen) > 10000 {
			seen = map[int64]bool{}
		}
		seen[id] = true
		last = max(last, id)
		select {
		case out <- t:
		case <-ctx.Done():
			return
		}
	}
}
