package store

import (
	"context"
	"database/sql"
	"database/sql/driver"
	"errors"
	"fmt"
	"io"
	"net"
	"net/url"
	"regexp"
	"strings"
	"syscall"
	"time"

	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/pgconn"
	"github.com/jackc/pgx/v5/stdlib"
	"github.com/workbench-dev/workbench/internal/model"
)

// The PostgreSQL backend goes through pgx's database/sql driver
// (pgx/v5/stdlib): the store's SQL, transactions and retries stay one code
// path for both backends, with the dialect layer (dialect.go) for
// placeholders, ids and errors. LISTEN/NOTIFY, which database/sql cannot
// do, uses a native pgx connection (notify.go).

// ErrUnreachable: the PostgreSQL server cannot be reached (down, or the
// connection was lost). Nothing of the failed call was saved; the next call
// reconnects.
var ErrUnreachable = model.ErrStoreUnreachable

// pgInfo is what a PostgreSQL store keeps about its server.
type pgInfo struct {
	cfg      *pgx.ConnConfig
	password string
}

func (p *pgInfo) where() string {
	host := p.cfg.Host
	if strings.HasPrefix(host, "/") {
		return fmt.Sprintf("socket %s/.s.PGSQL.%d", host, p.cfg.Port)
	}
	return net.JoinHostPort(host, fmt.Sprint(p.cfg.Port))
}

func openPostgres(ctx context.Context, raw string, o Options) (*Store, error) {
	shown := RedactURL(raw)
	cfg, err := pgx.ParseConfig(raw)
	if err != nil {
		return nil, fmt.Errorf("tag store %s: not a valid PostgreSQL URL: %s", shown, redactText(err.Error(), passwordOf(raw)))
	}
	if cfg.ConnectTimeout == 0 {
		cfg.ConnectTimeout = 10 * time.Second
	}
	if cfg.RuntimeParams["application_name"] == "" {
		cfg.RuntimeParams["application_name"] = "workbench"
	}
	info := &pgInfo{cfg: cfg, password: cfg.Password}
	db := stdlib.OpenDB(*cfg)
	db.SetMaxOpenConns(8)
	db.SetMaxIdleConns(4)
	s := &Store{db: db, path: shown, now: time.Now}
	s.dialect = postgresDialect
	s.pg = info
	s.setOptions(o)
	if s.analyst == "" {
		s.analyst = DefaultAnalyst()
	}
	pctx, cancel := context.WithTimeout(ctx, cfg.ConnectTimeout+time.Second)
	err = db.PingContext(pctx)
	cancel()
	if err != nil {
		db.Close()
		if pgCode(err) != "" {
			return nil, s.wrapPG("connect", err)
		}
		return nil, fmt.Errorf("tag store %s: cannot reach PostgreSQL at %s (%w: %s): check that the server is running and accepts connections there (pg_isready -h %s -p %d), and the host and port in the URL",
			shown, info.where(), ErrUnreachable, redactText(err.Error(), info.password), cfg.Host, cfg.Port)
	}
	if err := s.init(); err != nil {
		db.Close()
		return nil, err
	}
	return s, nil
}

func (t *team) closeTeam() {}

// wrapPG turns PostgreSQL errors into messages an analyst can act on, never
// showing the password.
func (s *Store) wrapPG(op string, err error) error {
	pw := ""
	if s.pg != nil {
		pw = s.pg.password
	}
	msg := redactText(err.Error(), pw)
	switch {
	case errors.Is(err, ErrNewerSchema):
		return &redactedError{fmt.Sprintf("tag store %s: %s: upgrade workbench", s.path, msg), err}
	case errors.Is(err, context.Canceled), errors.Is(err, context.DeadlineExceeded):
		return &redactedError{fmt.Sprintf("tag store %s: %s: %s", s.path, op, msg), err}
	}
	code := pgCode(err)
	switch {
	case code == pgDiskFull:
		return &redactedError{fmt.Sprintf("tag store %s: the database server's disk is full, nothing was saved: ask its administrator (%s)", s.path, msg), err}
	case code == pgReadOnly:
		return &redactedError{fmt.Sprintf("tag store %s: the database is read-only (%s), nothing was saved (%s)", s.path, ErrReadOnly, msg), errors.Join(ErrReadOnly, err)}
	case code == pgInsufficient:
		return &redactedError{fmt.Sprintf("tag store %s: %s: permission denied (%s): the database role lacks a grant: see the team setup in the README", s.path, op, msg), err}
	case code == pgSerialization || code == pgDeadlock:
		return &redactedError{fmt.Sprintf("tag store %s: %s: still conflicting with other writers after %s, nothing was saved: try again (%s)", s.path, op, writeRetry, msg), err}
	case code != "" && !connLost(err):
		return &redactedError{fmt.Sprintf("tag store %s: %s: %s", s.path, op, msg), err}
	case connLost(err):
		where := "the server"
		if s.pg != nil {
			where = s.pg.where()
		}
		return &redactedError{fmt.Sprintf("tag store %s: %s: %s: lost the connection to PostgreSQL at %s, nothing was saved (%s): workbench reconnects on the next try",
			s.path, op, ErrUnreachable, where, msg), errors.Join(ErrUnreachable, err)}
	}
	return &redactedError{fmt.Sprintf("tag store %s: %s: %s", s.path, op, msg), err}
}

// connLost reports an error of the connection rather than of the statement.
func connLost(err error) bool {
	if c := pgCode(err); c != "" {
		// 08: connection exception; 57P01-57P03: the server shut down or
		// terminated the session.
		return strings.HasPrefix(c, "08") || c == "57P01" || c == "57P02" || c == "57P03"
	}
	var ne net.Error
	var ce *pgconn.ConnectError
	return errors.As(err, &ne) || errors.As(err, &ce) || errors.Is(err, driver.ErrBadConn) ||
		errors.Is(err, io.EOF) || errors.Is(err, io.ErrUnexpectedEOF) || errors.Is(err, syscall.ECONNREFUSED) ||
		errors.Is(err, syscall.ECONNRESET) || errors.Is(err, syscall.EPIPE) || errors.Is(err, sql.ErrConnDone) ||
		pgconn.Timeout(err) || pgconn.SafeToRetry(err) || strings.Contains(err.Error(), "conn closed")
}

// redactedError carries a message with the password removed, and the
// original error for errors.Is/As.
type redactedError struct {
	msg string
	err error
}

func (e *redactedError) Error() string { return e.msg }
func (e *redactedError) Unwrap() error { return e.err }

var dsnPassword = regexp.MustCompile(`(?i)(password\s*=\s*)('(?:[^'\\]|\\.)*'|[^\s&]+)`)

// RedactURL returns a store URL or DSN fit to show: the password, in the
// user part or as a password parameter, replaced by "xxxxx". A SQLite path
// is returned as it is.
func RedactURL(raw string) string {
	if !IsURL(raw) {
		if strings.Contains(strings.ToLower(raw), "password") {
			return dsnPassword.ReplaceAllString(raw, "${1}xxxxx")
		}
		return raw
	}
	u, err := url.Parse(strings.TrimSpace(raw))
	if err != nil {
		// Keep only the scheme: the rest may hold a password.
		return "postgres://(unparsable URL hidden)"
	}
	if u.User != nil {
		if _, has := u.User.Password(); has {
			u.User = url.UserPassword(u.User.Username(), "xxxxx")
		}
	}
	q := u.Query()
	if q.Has("password") {
		q.Set("password", "xxxxx")
		u.RawQuery = q.Encode()
	}
	return u.String()
}

// passwordOf is the password in a URL or DSN ("" when none or unparsable).
func passwordOf(raw string) string {
	if u, err := url.Parse(strings.TrimSpace(raw)); err == nil {
		if u.User != nil {
			if p, ok := u.User.Password(); ok {
				return p
			}
		}
		return u.Query().Get("password")
	}
	return ""
}

// redactText removes every occurrence of the password (and its URL-escaped
// form) from a message.
func redactText(msg, password string) string {
	if password == "" {
		return msg
	}
	msg = strings.ReplaceAll(msg, password, "xxxxx")
	if esc := url.QueryEscape(password); esc != password {
		msg = strings.ReplaceAll(msg, esc, "xxxxx")
	}
	if esc := url.PathEscape(password); esc != password {
		msg = strings.ReplaceAll(msg, esc, "xxxxx")
	}
	return msg
}
