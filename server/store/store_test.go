package store

import (
	"context"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"golang.org/x/crypto/bcrypt"
)

func openTest(t testing.TB) *DB {
	t.Helper()
	db, err := Open(filepath.Join(t.TempDir(), "data", "metodd.db"))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { db.Close() })
	return db
}

var ctx = context.Background()

func TestMain(m *testing.M) {
	PasswordCost = bcrypt.MinCost // fast tests; production uses the default
	os.Exit(m.Run())
}

func TestMigrationsIdempotent(t *testing.T) {
	path := filepath.Join(t.TempDir(), "m.db")
	db, err := Open(path)
	if err != nil {
		t.Fatal(err)
	}
	v, err := db.SchemaVersion(ctx)
	if err != nil || v != len(migrations) {
		t.Fatalf("version %d, %v", v, err)
	}
	db.Close()
	db, err = Open(path) // second open: nothing to apply, no error
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	var mode string
	if err := db.sql.QueryRow("PRAGMA journal_mode").Scan(&mode); err != nil || mode != "wal" {
		t.Fatalf("journal_mode %q, %v", mode, err)
	}
	var fk int
	if err := db.sql.QueryRow("PRAGMA foreign_keys").Scan(&fk); err != nil || fk != 1 {
		t.Fatalf("foreign_keys %d, %v", fk, err)
	}
}

func TestNewerSchemaRefused(t *testing.T) {
	path := filepath.Join(t.TempDir(), "m.db")
	db, err := Open(path)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := db.sql.Exec("INSERT INTO schema_version VALUES (999, 0)"); err != nil {
		t.Fatal(err)
	}
	db.Close()
	if _, err := Open(path); err == nil || !strings.Contains(err.Error(), "newer") {
		t.Fatalf("opening a newer schema: %v", err)
	}
}

func TestAccountsAndTokens(t *testing.T) {
	db := openTest(t)
	if empty, _ := db.Empty(ctx); !empty {
		t.Fatal("new database not empty")
	}
	if _, err := db.CreateAccount(ctx, NewAccount{Login: "x", Role: RolePartner, Password: "short"}); !errors.Is(err, ErrWeakPassword) {
		t.Fatalf("weak password: %v", err)
	}
	a, err := db.CreateAccount(ctx, NewAccount{Login: "Camille", Name: "Camille Martin", Role: RolePartner, Password: "motdepasse1"})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := db.CreateAccount(ctx, NewAccount{Login: "camille", Role: RoleAdmin, Password: "motdepasse1"}); !errors.Is(err, ErrExists) {
		t.Fatalf("duplicate login (case folded): %v", err)
	}
	if _, err := db.Authenticate(ctx, "camille", "wrong-password"); !errors.Is(err, ErrBadPassword) {
		t.Fatalf("wrong password: %v", err)
	}
	if _, err := db.Authenticate(ctx, "nobody", "motdepasse1"); !errors.Is(err, ErrBadPassword) {
		t.Fatalf("unknown login: %v", err)
	}
	got, err := db.Authenticate(ctx, "camille", "motdepasse1")
	if err != nil || got.ID != a.ID || got.Role != RolePartner {
		t.Fatalf("authenticate: %+v %v", got, err)
	}
	tok, err := db.CreateToken(ctx, a.ID, time.Hour)
	if err != nil {
		t.Fatal(err)
	}
	var stored string
	db.sql.QueryRow("SELECT token_hash FROM auth_tokens").Scan(&stored)
	if stored == tok || stored != HashToken(tok) {
		t.Fatal("token not stored hashed")
	}
	if b, err := db.AccountByToken(ctx, tok); err != nil || b.Login != "Camille" {
		t.Fatalf("by token: %+v %v", b, err)
	}
	expired, _ := db.CreateToken(ctx, a.ID, -time.Second)
	if _, err := db.AccountByToken(ctx, expired); !errors.Is(err, ErrNotFound) {
		t.Fatalf("expired token: %v", err)
	}
	if err := db.SetDisabled(ctx, a.ID, true); err != nil {
		t.Fatal(err)
	}
	if _, err := db.AccountByToken(ctx, tok); err == nil {
		t.Fatal("disabling must log out")
	}
	if _, err := db.Authenticate(ctx, "camille", "motdepasse1"); !errors.Is(err, ErrDisabled) {
		t.Fatalf("disabled login: %v", err)
	}
	db.SetDisabled(ctx, a.ID, false)
	if err := db.SetPassword(ctx, a.ID, "nouveau-mot-de-passe"); err != nil {
		t.Fatal(err)
	}
	if _, err := db.Authenticate(ctx, "camille", "nouveau-mot-de-passe"); err != nil {
		t.Fatal(err)
	}
	tok2, _ := db.CreateToken(ctx, a.ID, time.Hour)
	db.DeleteToken(ctx, tok2)
	if _, err := db.AccountByToken(ctx, tok2); !errors.Is(err, ErrNotFound) {
		t.Fatalf("after logout: %v", err)
	}
	if hash := func() string {
		var h string
		db.sql.QueryRow("SELECT password_hash FROM accounts").Scan(&h)
		return h
	}(); !strings.HasPrefix(hash, "$2") {
		t.Fatalf("password not bcrypt-hashed: %q", hash)
	}
}

func TestCampaigns(t *testing.T) {
	db := openTest(t)
	if _, err := db.CurrentCampaign(ctx); !errors.Is(err, ErrNotFound) {
		t.Fatal(err)
	}
	c := YearCampaign(2025)
	c.Current = true
	c25, err := db.CreateCampaign(ctx, c)
	if err != nil {
		t.Fatal(err)
	}
	c26 := YearCampaign(2026)
	c26.Current = true
	c26, err = db.CreateCampaign(ctx, c26)
	if err != nil {
		t.Fatal(err)
	}
	cur, _ := db.CurrentCampaign(ctx)
	if cur.ID != c26.ID {
		t.Fatal("the new current campaign is not current")
	}
	if err := db.SetCurrentCampaign(ctx, c25.ID); err != nil {
		t.Fatal(err)
	}
	cur, _ = db.CurrentCampaign(ctx)
	if cur.Year != 2025 || cur.Goal != 200 {
		t.Fatalf("%+v", cur)
	}
	cur.Goal = 250
	if err := db.UpdateCampaign(ctx, cur); err != nil {
		t.Fatal(err)
	}
	bad := cur
	bad.EndDate = "2024-01-01"
	if err := db.UpdateCampaign(ctx, bad); err == nil {
		t.Fatal("end before start accepted")
	}
	all, _ := db.Campaigns(ctx)
	if len(all) != 2 || all[0].Year != 2026 || all[1].Goal != 250 {
		t.Fatalf("%+v", all)
	}
}

func TestDeckVersions(t *testing.T) {
	db := openTest(t)
	v1, added, err := db.AddDeck(ctx, NewDeck{ID: "std", Title: "Standard", YAML: []byte("a"), Cards: 60, Builtin: true})
	if err != nil || !added {
		t.Fatal(err)
	}
	if v, added, _ := db.AddDeck(ctx, NewDeck{ID: "std", Title: "Standard", YAML: []byte("a"), Cards: 60, Builtin: true}); added || v != v1 {
		t.Fatal("same YAML must not add a version")
	}
	db.SetDeckEnabled(ctx, "std", false)
	v2, added, _ := db.AddDeck(ctx, NewDeck{ID: "std", Title: "Standard v2", YAML: []byte("b"), Cards: 61, UploadedBy: 0})
	if !added || v2 == v1 {
		t.Fatal("new YAML must add a version")
	}
	d, _ := db.Deck(ctx, "std")
	if d.Version != v2 || d.Enabled || string(d.YAML) != "b" {
		t.Fatalf("current %+v", d)
	}
	// A built-in refresh does not overwrite the cell's upload.
	if _, added, _ := db.AddDeck(ctx, NewDeck{ID: "std", Title: "Standard", YAML: []byte("c"), Builtin: true}); added {
		t.Fatal("built-in deck replaced an uploaded one")
	}
	old, _ := db.DeckVersion(ctx, v1)
	if string(old.YAML) != "a" || old.Current {
		t.Fatalf("old version %+v", old)
	}
	if l, _ := db.Decks(ctx, true); len(l) != 0 {
		t.Fatal("disabled deck listed for partners")
	}
	db.SetDeckEnabled(ctx, "std", true)
	if l, _ := db.Decks(ctx, true); len(l) != 1 || l[0].YAML != nil || l[0].Cards != 61 {
		t.Fatalf("%+v", l)
	}
}

// fixture: an admin, a partner, the current campaign and a deck.
type fixture struct {
	db       *DB
	partner  Account
	campaign Campaign
	deck     int64
}

func newFixture(t testing.TB) fixture {
	db := openTest(t)
	p, err := db.CreateAccount(ctx, NewAccount{Login: "p", Name: "Partenaire", Role: RolePartner, Password: "motdepasse1"})
	if err != nil {
		t.Fatal(err)
	}
	c := YearCampaign(2025)
	c.Current = true
	c, _ = db.CreateCampaign(ctx, c)
	v, _, _ := db.AddDeck(ctx, NewDeck{ID: "std", Title: "Standard", YAML: []byte("x"), Cards: 60})
	return fixture{db, p, c, v}
}

func (f fixture) session(t testing.TB, id, code string) Session {
	s, err := f.db.CreateSession(ctx, f.newSession(id, code))
	if err != nil {
		t.Fatal(err)
	}
	return s
}

// newSession is a session of the fixture's partner, campaign and deck.
func (f fixture) newSession(id, code string) NewSession {
	return NewSession{ID: id, Code: code, PartnerID: f.partner.ID, CampaignID: f.campaign.ID,
		DeckVersion: f.deck, Config: []byte(`{"seed":1}`), Format: "standard", Mode: "equipe", Direction: "DRH", Expected: 4}
}

func member(first, last string) Member {
	return Member{FirstName: first, LastName: last, Collectivite: "CCAS", Direction: "DRH", Category: "B",
		Identity: strings.ToLower(first + "|" + last + "|ccas"), Counted: true}
}

func TestSessionLifecycle(t *testing.T) {
	f := newFixture(t)
	db := f.db
	s := f.session(t, "s1", "ABCDEF")
	if s.State != StateLive || s.PartnerName != "Partenaire" || s.DeckID != "std" {
		t.Fatalf("%+v", s)
	}
	if _, err := db.CreateSession(ctx, NewSession{ID: "s2", Code: "ABCDEF", PartnerID: f.partner.ID,
		CampaignID: f.campaign.ID, DeckVersion: f.deck, Config: []byte("{}")}); !errors.Is(err, ErrExists) {
		t.Fatalf("duplicate live code: %v", err)
	}
	for i, kind := range []string{"join", "start", "answer"} {
		var rt *ResumeToken
		if kind == "join" {
			rt = &ResumeToken{Hash: HashToken("tok"), PlayerID: "p1"}
		}
		if err := db.AppendCommand(ctx, "s1", LoggedCommand{Seq: int64(i + 1), At: int64(1000 * (i + 1)), Kind: kind,
			Data: []byte(`{"kind":"` + kind + `"}`)}, rt); err != nil {
			t.Fatal(err)
		}
	}
	if err := db.AppendCommand(ctx, "s1", LoggedCommand{Seq: 2, At: 1, Kind: "next", Data: []byte("{}")}, nil); !errors.Is(err, ErrConflict) {
		t.Fatalf("duplicate seq: %v", err)
	}
	if p, err := db.ResumePlayer(ctx, "s1", HashToken("tok")); err != nil || p != "p1" {
		t.Fatalf("resume %q %v", p, err)
	}
	if _, err := db.ResumePlayer(ctx, "s1", HashToken("other")); !errors.Is(err, ErrNotFound) {
		t.Fatal(err)
	}
	cmds, _ := db.Commands(ctx, "s1")
	if len(cmds) != 3 || cmds[2].Kind != "answer" || cmds[1].At != 2000 {
		t.Fatalf("%+v", cmds)
	}
	if s, _ := db.Session(ctx, "s1"); s.Started != 2000 {
		t.Fatalf("started %d", s.Started)
	}

	out := Outcome{
		SessionID: "s1",
		Final:     LoggedCommand{Seq: 4, At: 5000, Kind: "close", Data: []byte(`{"kind":"close"}`)},
		Closed:    true,
		Teams: []Team{
			{ID: "t1", Name: "Les Bleus", Color: "#00f", Score: 3000, Rank: 1, Members: []Member{member("Ana", "Roy"), member("Léo", "Blanc")}},
			{ID: "t2", Name: "Partis", Color: "#f00", Rank: 2, Removed: true, Members: []Member{func() Member { m := member("Zoé", "Vert"); m.Counted = false; return m }()}},
		},
		Results: []CardResult{{CardID: "c1", Engagement: 1, TeamID: "t1", PlayerID: "p1", Answered: true, Good: true, Points: 900, AnswerMs: 3000}},
		Picks:   []Pick{{TeamID: "t1", Identity: "ana|roy|ccas", Commitment: "eng-1", Engagement: 11}},
	}
	tot, err := db.FinishSession(ctx, out)
	if err != nil {
		t.Fatal(err)
	}
	if tot.Count != 2 || tot.Added != 2 || tot.Campaign.Goal != 200 {
		t.Fatalf("total %+v", tot)
	}
	if _, err := db.FinishSession(ctx, out); !errors.Is(err, ErrNotLive) {
		t.Fatalf("finishing twice: %v", err)
	}
	if err := db.AppendCommand(ctx, "s1", LoggedCommand{Seq: 9, Kind: "next", Data: []byte("{}")}, nil); !errors.Is(err, ErrNotLive) {
		t.Fatalf("append after close: %v", err)
	}
	if _, err := db.ResumePlayer(ctx, "s1", HashToken("tok")); !errors.Is(err, ErrNotFound) {
		t.Fatal("resume tokens must go at close")
	}
	// The code is free again; an overlapping roster counts only the new agent.
	f.session(t, "s3", "ABCDEF")
	tot, err = db.FinishSession(ctx, Outcome{SessionID: "s3", Closed: true, Final: LoggedCommand{Seq: 1, At: 6000, Kind: "close", Data: []byte("{}")},
		Teams: []Team{{ID: "t1", Name: "B", Members: []Member{member("Ana", "Roy"), member("Jules", "Noir")}}}})
	if err != nil || tot.Count != 3 || tot.Added != 1 {
		t.Fatalf("%+v %v", tot, err)
	}
	// An ended session counts nobody.
	f.session(t, "s4", "GHJKMN")
	tot, err = db.FinishSession(ctx, Outcome{SessionID: "s4", Closed: false, Final: LoggedCommand{Seq: 1, At: 7000, Kind: "end", Data: []byte("{}")},
		Teams: []Team{{ID: "t1", Name: "C", Members: []Member{member("Nouveau", "Venu")}}}})
	if err != nil || tot.Count != 3 || tot.Added != 0 {
		t.Fatalf("%+v %v", tot, err)
	}

	p, err := db.Progress(ctx, f.campaign.ID)
	if err != nil {
		t.Fatal(err)
	}
	if p.Count != 3 || p.Closed != 2 || p.Ended != 1 || p.ActivePartners != 1 || p.Present != 4 || p.Expected != 8 || p.Participation != 50 {
		t.Fatalf("progress %+v", p)
	}
	by, _ := db.Breakdown(ctx, f.campaign.ID, ByCollectivite)
	if len(by) != 1 || by[0] != (Count{"CCAS", 3}) {
		t.Fatalf("%+v", by)
	}
	for _, dim := range []Dimension{ByDirection, ByCategory, ByPartner, ByMonth} {
		by, err := db.Breakdown(ctx, f.campaign.ID, dim)
		if err != nil || len(by) != 1 || by[0].Count != 3 {
			t.Fatalf("%s: %+v %v", dim, by, err)
		}
	}
	if _, err := db.Breakdown(ctx, f.campaign.ID, "name; DROP TABLE agents"); err == nil {
		t.Fatal("unknown dimension accepted")
	}
	d, err := db.SessionDetail(ctx, "s1", false)
	if err != nil {
		t.Fatal(err)
	}
	if len(d.Teams) != 2 || len(d.Teams[0].Members) != 2 || d.Teams[0].Members[0].FirstName != "" || len(d.Cards) != 1 ||
		d.Cards[0].Percent != 100 || len(d.Picks) != 1 || d.Session.Teams != 1 || d.Session.Members != 2 {
		t.Fatalf("detail %+v", d)
	}
	d, _ = db.SessionDetail(ctx, "s1", true)
	if d.Teams[0].Members[0].FirstName != "Ana" {
		t.Fatal("admin detail without names")
	}
	shares, _ := db.CardShares(ctx, f.campaign.ID)
	if len(shares) != 1 || shares[0].CardID != "c1" {
		t.Fatalf("%+v", shares)
	}
	if es, _ := db.EngagementShares(ctx, 0); len(es) != 1 || es[0].Engagement != 1 {
		t.Fatalf("%+v", es)
	}
	if pc, _ := db.PickCounts(ctx, f.campaign.ID); len(pc) != 1 || pc[0].Count != 1 {
		t.Fatalf("%+v", pc)
	}
	if live, _ := db.LiveSessions(ctx); len(live) != 0 {
		t.Fatalf("live %+v", live)
	}
	list, _ := db.Sessions(ctx, SessionFilter{PartnerID: f.partner.ID, State: StateClosed})
	if len(list) != 2 {
		t.Fatalf("%d sessions", len(list))
	}

	// Purge keeps the counts and drops the names.
	n, err := db.Purge(ctx, time.Now().Add(time.Hour))
	if err != nil || n == 0 {
		t.Fatalf("purge %d %v", n, err)
	}
	agents, _ := db.Agents(ctx, f.campaign.ID)
	if len(agents) != 3 || agents[0].FirstName != "" || !agents[0].Purged || agents[0].Collectivite != "CCAS" {
		t.Fatalf("%+v", agents)
	}
	if c, _ := db.CampaignCount(ctx, f.campaign.ID); c != 3 {
		t.Fatalf("count after purge %d", c)
	}
	if cmds, _ := db.Commands(ctx, "s1"); len(cmds) != 0 {
		t.Fatal("purge must drop the logs (they hold the rosters)")
	}
}

func TestBackup(t *testing.T) {
	f := newFixture(t)
	f.session(t, "s1", "ABCDEF")
	file := filepath.Join(t.TempDir(), "copie", "backup.db")
	if err := f.db.Backup(ctx, file); err != nil {
		t.Fatal(err)
	}
	if err := f.db.Backup(ctx, file); err == nil {
		t.Fatal("backup over an existing file")
	}
	if _, err := os.Stat(file); err != nil {
		t.Fatal(err)
	}
	b, err := Open(file)
	if err != nil {
		t.Fatal(err)
	}
	defer b.Close()
	if s, err := b.Session(ctx, "s1"); err != nil || s.Code != "ABCDEF" {
		t.Fatalf("%+v %v", s, err)
	}
}

// Concurrent writers (one goroutine per live session) never fail on a busy
// database.
func TestConcurrentAppends(t *testing.T) {
	f := newFixture(t)
	const sessions, commands = 8, 50
	var wg sync.WaitGroup
	errs := make(chan error, sessions)
	for i := range sessions {
		id := fmt.Sprintf("s%d", i)
		f.session(t, id, fmt.Sprintf("CODE%02d", i))
		wg.Add(1)
		go func() {
			defer wg.Done()
			for j := 1; j <= commands; j++ {
				if err := f.db.AppendCommand(ctx, id, LoggedCommand{Seq: int64(j), At: int64(j), Kind: "next", Data: []byte("{}")}, nil); err != nil {
					errs <- err
					return
				}
			}
		}()
	}
	wg.Wait()
	close(errs)
	for err := range errs {
		t.Fatal(err)
	}
	for i := range sessions {
		if c, _ := f.db.Commands(ctx, fmt.Sprintf("s%d", i)); len(c) != commands {
			t.Fatalf("session %d: %d commands", i, len(c))
		}
	}
}

func BenchmarkAppendCommand(b *testing.B) {
	f := newFixture(b)
	f.session(b, "s", "ABCDEF")
	data := []byte(`{"kind":"answer","at":1700000000000,"actor":"6f1c2b9e-1f0a-4c55-9d61-1b7f1f0f6a11","answer":{"card":"c1","choice":2}}`)
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		if err := f.db.AppendCommand(ctx, "s", LoggedCommand{Seq: int64(i + 1), At: int64(i), Kind: "answer", Data: data}, nil); err != nil {
			b.Fatal(err)
		}
	}
}
