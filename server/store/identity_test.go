package store

import (
	"database/sql"
	"encoding/hex"
	"fmt"
	"path/filepath"
	"reflect"
	"strings"
	"testing"
	"time"
)

// legacyHash is the unkeyed hash schema 1 stored: what anyone with a staff
// list could compute.
func legacyHash(identity string) string { return hex.EncodeToString(legacyIdentityDigest(identity)) }

// After a purge, hashing a staff list with the old unkeyed function matches
// no stored row; the database's own keyed hash still finds each agent (the
// dedupe survives the purge), and a backup carries the key.
func TestPurgedRowsNotMatchedFromStaffList(t *testing.T) {
	f := newFixture(t)
	db := f.db
	f.session(t, "s1", "ABCDEF")
	staff := []Member{member("Ana", "Roy"), member("Léo", "Blanc"), member("Zoé", "Vert")}
	if _, err := db.FinishSession(ctx, Outcome{SessionID: "s1", Closed: true,
		Final: LoggedCommand{Seq: 1, At: 1000, Kind: "close", Data: []byte("{}")},
		Teams: []Team{{ID: "t1", Name: "A", Members: staff}}}); err != nil {
		t.Fatal(err)
	}
	if n, err := db.Purge(ctx, time.Now().Add(time.Hour)); err != nil || n != 6 {
		t.Fatalf("purge %d %v", n, err)
	}
	matches := func(hash func(string) string) (n int) {
		for _, m := range staff {
			var k int
			if err := db.sql.QueryRow(`SELECT (SELECT COUNT(*) FROM agents WHERE identity = ?1) +
				(SELECT COUNT(*) FROM session_members WHERE identity = ?1)`, hash(m.Identity)).Scan(&k); err != nil {
				t.Fatal(err)
			}
			n += k
		}
		return n
	}
	if n := matches(legacyHash); n != 0 {
		t.Fatalf("a staff list hashed without the key matches %d purged rows", n)
	}
	if n := matches(db.IdentityHash); n != 6 {
		t.Fatalf("the database's keyed hash finds %d rows, want 6 (3 agents, 3 members)", n)
	}
	// The key is created once per file: another file has another key.
	if other := openTest(t); other.IdentityHash("ana|roy|ccas") == db.IdentityHash("ana|roy|ccas") {
		t.Fatal("two databases share an identity key")
	}
	// A backup carries the key: restored, it keeps recognising the agents.
	file := filepath.Join(t.TempDir(), "backup.db")
	if err := db.Backup(ctx, file); err != nil {
		t.Fatal(err)
	}
	b, err := Open(file)
	if err != nil {
		t.Fatal(err)
	}
	defer b.Close()
	if b.IdentityHash("ana|roy|ccas") != db.IdentityHash("ana|roy|ccas") {
		t.Fatal("the backup lost the identity key")
	}
}

// oldDatabase writes a file as schema 1 left it: unkeyed SHA-256 identity
// hashes, two closed sessions (the second one re-counting an agent of the
// first), a purged agent, and a live session.
func oldDatabase(t *testing.T, path string) {
	t.Helper()
	raw, err := sql.Open("sqlite", "file:"+path+"?_pragma=foreign_keys(1)")
	if err != nil {
		t.Fatal(err)
	}
	defer raw.Close()
	exec := func(q string, args ...any) {
		t.Helper()
		if _, err := raw.Exec(q, args...); err != nil {
			t.Fatalf("%s: %v", q, err)
		}
	}
	exec(`CREATE TABLE schema_version (version INTEGER PRIMARY KEY, applied INTEGER NOT NULL)`)
	exec(migrations[0])
	exec(`INSERT INTO schema_version VALUES (1, 1)`)
	exec(`INSERT INTO accounts VALUES (1, 'p', 'Partenaire', 'partner', 'x', 0, 1)`)
	exec(`INSERT INTO campaigns VALUES (1, 2025, 'Campagne 2025', 200, '2025-01-01', '2025-12-31', 1, 1)`)
	exec(`INSERT INTO decks (version, id, title, yaml, cards, uploaded) VALUES (1, 'std', 'Standard', 'x', 60, 1)`)
	for i, s := range []string{"s1", "s2", "s3"} {
		state := "closed"
		if s == "s3" {
			state = "live"
		}
		exec(`INSERT INTO sessions (id, code, partner_id, campaign_id, deck_version, config, state, created)
			VALUES (?, ?, 1, 1, 1, '{}', ?, ?)`, s, fmt.Sprintf("CODE%d", i), state, 1000*(i+1))
	}
	people := []struct {
		session, first, last, coll string
		newAgent                   bool
	}{
		{"s1", "Ana", "Roy", "CCAS", true},
		{"s1", "Léo", "Blanc", "Ville de Dijon", true},
		{"s1", "Zoé", "Vert", "CCAS", true},
		{"s2", "Ana", "Roy", "CCAS", false}, // already counted in s1
		{"s2", "Jules", "Noir", "Dijon métropole", true},
	}
	for _, p := range people {
		id := legacyHash(strings.ToLower(p.first + "|" + p.last + "|" + p.coll))
		exec(`INSERT INTO session_members (session_id, team_id, first_name, last_name, collectivite, direction, category, identity, counted)
			VALUES (?, 't1', ?, ?, ?, 'DRH', 'B', ?, 1)`, p.session, p.first, p.last, p.coll, id)
		if p.newAgent {
			exec(`INSERT INTO agents (campaign_id, identity, first_name, last_name, collectivite, direction, category, first_session, counted_at)
				VALUES (1, ?, ?, ?, ?, 'DRH', 'B', ?, 1500)`, id, p.first, p.last, p.coll, p.session)
		}
	}
	// A purge already blanked Ana's names: the migration cannot rehash names.
	exec(`UPDATE agents SET first_name = '', last_name = '', purged = 1 WHERE first_name = 'Ana'`)
	exec(`UPDATE session_members SET first_name = '', last_name = '', purged = 1 WHERE first_name = 'Ana'`)
}

// countsOf reads every count the dashboard shows from a file, by SQL only
// (it works on either schema).
func countsOf(t *testing.T, q interface {
	Query(string, ...any) (*sql.Rows, error)
}) []string {
	t.Helper()
	var out []string
	for _, query := range []string{
		`SELECT campaign_id, COUNT(*) FROM agents GROUP BY 1 ORDER BY 1`,
		`SELECT collectivite, COUNT(*) FROM agents GROUP BY 1 ORDER BY 1`,
		`SELECT first_session, COUNT(*) FROM agents GROUP BY 1 ORDER BY 1`,
		`SELECT session_id, SUM(counted), COUNT(*), COUNT(DISTINCT identity) FROM session_members GROUP BY 1 ORDER BY 1`,
		`SELECT COUNT(DISTINCT identity) FROM session_members`,
		`SELECT COUNT(*) FROM session_members m JOIN agents a ON a.identity = m.identity`,
	} {
		rows, err := q.Query(query)
		if err != nil {
			t.Fatal(err)
		}
		cols, _ := rows.Columns()
		for rows.Next() {
			vals := make([]any, len(cols))
			ptrs := make([]any, len(cols))
			for i := range vals {
				ptrs[i] = &vals[i]
			}
			if err := rows.Scan(ptrs...); err != nil {
				t.Fatal(err)
			}
			out = append(out, fmt.Sprint(vals...))
		}
		rows.Close()
	}
	return out
}

// An upgrade from schema 1 re-keys the existing hashes without the names
// and changes no count: every figure is the same after, and an agent
// counted before the upgrade (even purged) is still recognised by the
// next session while a new one is added.
func TestIdentityMigrationKeepsCounts(t *testing.T) {
	path := filepath.Join(t.TempDir(), "old.db")
	oldDatabase(t, path)
	raw, err := sql.Open("sqlite", "file:"+path)
	if err != nil {
		t.Fatal(err)
	}
	before := countsOf(t, raw)
	raw.Close()
	if len(before) == 0 || before[0] != "1 4" {
		t.Fatalf("old file counts %v", before)
	}

	db, err := Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	if v, _ := db.SchemaVersion(ctx); v != len(migrations) {
		t.Fatalf("schema %d after the upgrade", v)
	}
	if after := countsOf(t, db.sql); !reflect.DeepEqual(after, before) {
		t.Fatalf("counts changed by the upgrade:\nbefore %v\nafter  %v", before, after)
	}
	if p, err := db.Progress(ctx, 1); err != nil || p.Count != 4 || p.Closed != 2 || p.Live != 1 {
		t.Fatalf("progress %+v %v", p, err)
	}
	var legacy int
	db.sql.QueryRow(`SELECT COUNT(*) FROM agents WHERE identity = ?`, legacyHash("ana|roy|ccas")).Scan(&legacy)
	if legacy != 0 {
		t.Fatal("an unkeyed hash survived the upgrade")
	}
	// The live session closes after the upgrade: Ana (counted and purged
	// before) is recognised, Inès is new.
	tot, err := db.FinishSession(ctx, Outcome{SessionID: "s3", Closed: true,
		Final: LoggedCommand{Seq: 1, At: 9000, Kind: "close", Data: []byte("{}")},
		Teams: []Team{{ID: "t1", Name: "A", Members: []Member{member("Ana", "Roy"), member("Inès", "Gris")}}}})
	if err != nil || tot.Count != 5 || tot.Added != 1 {
		t.Fatalf("after the upgrade: %+v %v (want count 5, 1 added)", tot, err)
	}
	// Opening again does not re-key twice.
	db.Close()
	db2, err := Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer db2.Close()
	if c, _ := db2.CampaignCount(ctx, 1); c != 5 {
		t.Fatalf("count %d after reopening", c)
	}
}
