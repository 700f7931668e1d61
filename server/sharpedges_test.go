package server

import (
	"context"
	"database/sql"
	"testing"
	"time"

	"metodd/game"
	"metodd/server/store"

	_ "modernc.org/sqlite"
)

// TestPartialLimits runs a server whose Limits set one field only: every
// other limit takes its default (a zero ping period or control queue once
// panicked on the first websocket, a zero login rate refused every login).
func TestPartialLimits(t *testing.T) {
	e := newEnv(t, func(l *Limits) { *l = Limits{CodeBurst: 3} })
	if got := e.srv.lim; got.PingPeriod != pingPeriod || got.ControlQueue != controlQueue || got.CodeBurst != 3 {
		t.Fatalf("limits %+v", got)
	}
	c := e.createSession(e.partner, nil)
	host := e.hostConn(c.Code, e.partner)
	team := e.joinTeam(c.Code, "Les Sobres", roster(0, 2)...)
	host.cmd(game.KindStart, nil)
	team.awaitTeam("first card", func(v *game.TeamView) bool { return v.Session.Phase == game.PhaseCardOpen })
}

func TestLimitsWithDefaults(t *testing.T) {
	l := Limits{PongWait: time.Second, MessageRate: 2}.withDefaults()
	if l.PingPeriod >= l.PongWait {
		t.Errorf("ping period %v not under the pong wait %v", l.PingPeriod, l.PongWait)
	}
	if l.MessageRate != 2 || l.MaxMessage != maxMessage || l.ShutdownTimeout != shutdownTimeout {
		t.Errorf("%+v", l)
	}
	if d := (Limits{}).withDefaults(); d != DefaultLimits() {
		t.Errorf("zero limits = %+v", d)
	}
}

// TestSetupKeepsCampaignsOnDatabaseError: Setup creates a campaign only
// when there is none, not when reading the current one fails.
func TestSetupKeepsCampaignsOnDatabaseError(t *testing.T) {
	path := t.TempDir() + "/metodd.db"
	db, err := store.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	ctx := context.Background()
	now := time.Date(2025, 3, 1, 0, 0, 0, 0, time.Local)
	if _, err := Setup(ctx, db, nil, "", now); err != nil {
		t.Fatal(err)
	}
	// Break the current campaign's row so that reading it fails (a year
	// that is not a number), as a damaged file or a driver fault would.
	raw, err := sql.Open("sqlite", path)
	if err != nil {
		t.Fatal(err)
	}
	defer raw.Close()
	count := func() (n int) {
		t.Helper()
		if err := raw.QueryRow("SELECT COUNT(*) FROM campaigns").Scan(&n); err != nil {
			t.Fatal(err)
		}
		return n
	}
	if _, err := raw.Exec("UPDATE campaigns SET year = 'deux mille' WHERE current = 1"); err != nil {
		t.Fatal(err)
	}
	before := count()
	if _, err := Setup(ctx, db, nil, "", now); err == nil {
		t.Error("Setup hid a database error")
	}
	if after := count(); after != before {
		t.Errorf("Setup created a campaign on a database error: %d campaigns, %d before", after, before)
	}
}
