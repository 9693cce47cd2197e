package store

import (
	"context"
	"crypto/rand"
	"encoding/hex"
	"errors"
	"net/url"
	"path/filepath"
	"strings"
	"testing"
)

// teamSQL is the set-up docs/readme/team.md recommends (one role per
// analyst, in a group role, with row-level security), for schema {schema}
// and the group {group}. Keep the two in step.
const teamSQL = `
CREATE ROLE {group} NOLOGIN;
GRANT USAGE ON SCHEMA {schema} TO {group};
GRANT SELECT, INSERT, UPDATE, DELETE ON {schema}.tags, {schema}.ops, {schema}.speakers TO {group};
GRANT SELECT ON {schema}.meta, {schema}.schema_version TO {group};
GRANT USAGE ON ALL SEQUENCES IN SCHEMA {schema} TO {group};
ALTER TABLE {schema}.tags ENABLE ROW LEVEL SECURITY;
ALTER TABLE {schema}.speakers ENABLE ROW LEVEL SECURITY;
ALTER TABLE {schema}.ops ENABLE ROW LEVEL SECURITY;
CREATE POLICY team_read ON {schema}.tags FOR SELECT USING (true);
CREATE POLICY own_write ON {schema}.tags FOR ALL USING (analyst IN (current_user, 'adjudicated'))
	WITH CHECK (analyst IN (current_user, 'adjudicated'));
CREATE POLICY team_read ON {schema}.speakers FOR SELECT USING (true);
CREATE POLICY own_write ON {schema}.speakers FOR ALL USING (analyst IN (current_user, 'adjudicated'))
	WITH CHECK (analyst IN (current_user, 'adjudicated'));
CREATE POLICY team_read ON {schema}.ops FOR SELECT USING (true);
CREATE POLICY own_write ON {schema}.ops FOR ALL USING (actor = current_user) WITH CHECK (actor = current_user);
`

// TestTeamGrants sets a store up as docs/readme/team.md says and works in it
// as two analyst roles: everything the TUI and CLI do works; writing another
// analyst's rows with plain SQL, past the store, changes nothing; DDL is
// refused.
func TestTeamGrants(t *testing.T) {
	base := pgURL(t)
	target := freshSchema(t, base)
	ctx := context.Background()
	owner := backend{"postgres", target}.open(t, Options{Analyst: "owner"})
	var schema string
	owner.db.QueryRow(`SELECT current_schema()`).Scan(&schema)
	var b [4]byte
	rand.Read(b[:])
	suffix := hex.EncodeToString(b[:])
	group, anaRole, olgaRole := "wb_team_"+suffix, "ana_"+suffix, "olga_"+suffix
	setup := strings.NewReplacer("{schema}", schema, "{group}", group).Replace(teamSQL) +
		"CREATE ROLE " + anaRole + " LOGIN IN ROLE " + group + ";\nCREATE ROLE " + olgaRole + " LOGIN IN ROLE " + group + ";"
	if _, err := owner.db.Exec(setup); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() {
		owner.db.Exec(`DROP SCHEMA ` + schema + ` CASCADE`)
		for _, r := range []string{anaRole, olgaRole, group} {
			owner.db.Exec(`DROP OWNED BY ` + r)
			owner.db.Exec(`DROP ROLE ` + r)
		}
	})
	as := func(role string) *Store {
		u, err := url.Parse(target)
		if err != nil {
			t.Fatal(err)
		}
		u.User = url.User(role)
		return backend{"postgres", u.String()}.open(t, Options{Analyst: role})
	}
	a, o := as(anaRole), as(olgaRole)
	tg, err := a.Add(ctx, TagInput{DocID: "d", Start: 0, End: 5, Label: "neutral"})
	if err != nil {
		t.Fatal(err)
	}
	if err := a.SetNote(ctx, tg.ID, "n"); err != nil {
		t.Fatal(err)
	}
	if _, _, err := a.AddBatch(ctx, []TagInput{{DocID: "d", Start: 6, End: 9, Label: "x"}, {DocID: "d", Start: 0, End: 5, Label: "x", Analyst: DefaultAdjudicator}}); err != nil {
		t.Fatal(err)
	}
	if _, err := a.SetSpeaker(ctx, SpeakerInput{StatementID: "d:0-5", Name: "X"}); err != nil {
		t.Fatal(err)
	}
	for i := 0; i < 3; i++ {
		if _, err := a.Undo(ctx); err != nil {
			t.Fatal(err)
		}
	}
	if _, err := a.Redo(ctx); err != nil {
		t.Fatal(err)
	}
	if _, err := o.Add(ctx, TagInput{DocID: "d", Start: 0, End: 5, Label: "neutral"}); err != nil {
		t.Fatal(err)
	}
	// Copying a laptop store in (ids from the sequences).
	lap := backend{"sqlite", filepath.Join(t.TempDir(), "lap.db")}.open(t, Options{Analyst: olgaRole})
	lt, _ := lap.Add(ctx, TagInput{DocID: "e", Start: 0, End: 5, Label: "neutral"})
	lap.Remove(ctx, lt.ID)
	if _, err := Copy(ctx, lap, o); err != nil {
		t.Fatal(err)
	}
	// Past the store, with plain SQL: another analyst's rows do not move.
	for _, q := range []string{
		`UPDATE tags SET note = 'hacked' WHERE analyst = '` + anaRole + `'`,
		`DELETE FROM tags WHERE analyst = '` + anaRole + `'`,
		`UPDATE ops SET undone = 1 WHERE actor = '` + anaRole + `'`,
		`DELETE FROM speakers`,
	} {
		res, err := o.db.Exec(q)
		if err != nil {
			t.Fatalf("%s: %v", q, err)
		}
		if n, _ := res.RowsAffected(); n != 0 {
			t.Fatalf("%s changed %d rows", q, n)
		}
	}
	if _, err := o.db.Exec(`INSERT INTO tags (uid, doc_id, span_start, span_end, label, analyst, created_at, updated_at)
		VALUES ('u', 'd', 1, 2, 'x', '` + anaRole + `', 'x', 'x')`); pgCode(err) != pgInsufficient {
		t.Fatalf("inserting as another analyst: %v", err)
	}
	if _, err := o.db.Exec(`DROP TABLE tags`); err == nil {
		t.Fatal("an analyst role dropped the table")
	}
	if g, err := a.Get(ctx, tg.ID); err != nil || g.Note != "n" {
		t.Fatalf("ana's tag: %+v %v", g, err)
	}
	// A role without the grants gets a message that says so.
	err = o.SetNote(ctx, tg.ID, "x")
	if !errors.Is(err, ErrNotYours) {
		t.Fatalf("olga edits ana's tag through the store: %v", err)
	}
}
