package store

import (
	"context"
	"database/sql"
	"errors"
	"strconv"
	"strings"

	"github.com/jackc/pgx/v5/pgconn"
)

// dialect is the SQL flavour of a store's database. Almost all SQL is shared
// (ON CONFLICT ... DO NOTHING, RETURNING and TEXT timestamps work the same on
// both); what differs is the placeholders (? vs $1), the schema's id columns,
// the schema version's home and how errors are classified.
type dialect int

const (
	sqliteDialect dialect = iota
	postgresDialect
)

func (d dialect) String() string {
	if d == postgresDialect {
		return "postgres"
	}
	return "sqlite"
}

// q rewrites a query written with ? placeholders for the store's database.
// Queries here never hold a literal ? inside quotes; rebind skips quoted text
// anyway.
func (s *Store) q(query string) string {
	if s.dialect != postgresDialect {
		return query
	}
	return rebind(query)
}

func rebind(query string) string {
	var b strings.Builder
	b.Grow(len(query) + 16)
	n := 0
	inQuote := false
	for i := 0; i < len(query); i++ {
		c := query[i]
		switch {
		case c == '\'':
			inQuote = !inQuote
			b.WriteByte(c)
		case c == '?' && !inQuote:
			n++
			b.WriteByte('$')
			b.WriteString(strconv.Itoa(n))
		default:
			b.WriteByte(c)
		}
	}
	return b.String()
}

// PostgreSQL error codes used here.
const (
	pgSerialization = "40001"
	pgDeadlock      = "40P01"
	pgUnique        = "23505"
	pgReadOnly      = "25006"
	pgDiskFull      = "53100"
	pgInsufficient  = "42501"
)

func pgCode(err error) string {
	var pe *pgconn.PgError
	if errors.As(err, &pe) {
		return pe.Code
	}
	return ""
}

// retryable reports whether a failed transaction may simply run again:
// SQLite busy/locked, PostgreSQL serialization failures and deadlocks.
func (s *Store) retryable(err error) bool {
	if s.dialect == postgresDialect {
		c := pgCode(err)
		return c == pgSerialization || c == pgDeadlock
	}
	return isBusy(err)
}

// isUnique reports a unique-constraint violation.
func (s *Store) isUnique(err error) bool {
	if s.dialect == postgresDialect {
		return pgCode(err) == pgUnique
	}
	var c = sqliteCode(err)
	return c == 19 /* SQLITE_CONSTRAINT */ && strings.Contains(err.Error(), "UNIQUE")
}

// beginTx starts a write transaction: IMMEDIATE on SQLite (set in the DSN),
// SERIALIZABLE on PostgreSQL unless the write is insertOnly.
func (s *Store) beginTx(ctx context.Context) (*sql.Tx, error) {
	if s.dialect == postgresDialect && ctx.Value(insertOnlyKey{}) != nil {
		return s.db.BeginTx(ctx, &sql.TxOptions{Isolation: sql.LevelReadCommitted})
	}
	if s.dialect == postgresDialect {
		return s.db.BeginTx(ctx, &sql.TxOptions{Isolation: sql.LevelSerializable})
	}
	return s.db.BeginTx(ctx, nil)
}

type insertOnlyKey struct{}

// insertOnly marks a write that only inserts rows guarded by unique
// constraints, and clears its own analyst's redo stack (Add, AddBatch). On
// PostgreSQL it runs READ COMMITTED: the unique constraint on (analyst,
// document, span, label) keeps tags from being duplicated, and writers of
// different analysts never abort each other. Every write that reads rows and
// then changes them (undo, redo, edits, toggles, copies, migrations) stays
// SERIALIZABLE.
func insertOnly(ctx context.Context) context.Context {
	return context.WithValue(ctx, insertOnlyKey{}, true)
}
