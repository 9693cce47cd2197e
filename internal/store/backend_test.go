package store

import (
	"context"
	"crypto/rand"
	"encoding/hex"
	"net/url"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/jackc/pgx/v5"
)

// pgEnv names the PostgreSQL server the tests use: a URL whose role may
// create schemas (scripts/pg-test.sh starts a throwaway server and sets it).
const pgEnv = "WORKBENCH_TEST_PG"

// pgURL returns the test server's URL. Without one the test skips, saying
// how to run it; with CI=true it fails (CI must run it).
func pgURL(t testing.TB) string {
	t.Helper()
	u := os.Getenv(pgEnv)
	if u == "" {
		if os.Getenv("CI") == "true" {
			t.Fatalf("CI=true but %s is not set: the PostgreSQL store tests must run in CI (scripts/pg-test.sh starts a server and runs them)", pgEnv)
		}
		t.Skipf("PostgreSQL store tests skipped: run scripts/pg-test.sh (it starts a throwaway server), or set %s=postgres://...", pgEnv)
	}
	return u
}

// backend is one store for a test: a SQLite file or a fresh PostgreSQL
// schema. Every open opens the same store again.
type backend struct {
	name   string
	target string
}

var ana = Options{Analyst: "ana"}

func (b backend) open(t testing.TB, o Options) *Store {
	t.Helper()
	s, err := OpenURL(context.Background(), b.target, o)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { s.Close() })
	return s
}

// forBackends runs f on SQLite and on PostgreSQL.
func forBackends(t *testing.T, f func(t *testing.T, b backend)) {
	t.Run("sqlite", func(t *testing.T) {
		f(t, backend{"sqlite", filepath.Join(t.TempDir(), "tags.db")})
	})
	t.Run("postgres", func(t *testing.T) {
		f(t, backend{"postgres", freshSchema(t, pgURL(t))})
	})
}

// freshSchema creates an empty schema on the server and returns a URL whose
// connections use it; the schema is dropped after the test.
func freshSchema(t testing.TB, base string) string {
	t.Helper()
	ctx := context.Background()
	conn, err := pgx.Connect(ctx, base)
	if err != nil {
		t.Fatalf("test server %s: %v", RedactURL(base), err)
	}
	defer conn.Close(ctx)
	var b [6]byte
	rand.Read(b[:])
	schema := "t_" + hex.EncodeToString(b[:])
	if _, err := conn.Exec(ctx, "CREATE SCHEMA "+schema); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() {
		c, err := pgx.Connect(context.Background(), base)
		if err == nil {
			c.Exec(context.Background(), "DROP SCHEMA "+schema+" CASCADE")
			c.Close(context.Background())
		}
	})
	return withParam(base, "search_path", schema)
}

func withParam(raw, key, value string) string {
	u, err := url.Parse(raw)
	if err != nil {
		sep := " "
		if strings.TrimSpace(raw) == "" {
			sep = ""
		}
		return raw + sep + key + "=" + value
	}
	q := u.Query()
	q.Set(key, value)
	u.RawQuery = q.Encode()
	return u.String()
}
