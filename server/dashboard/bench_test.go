package dashboard

import (
	"context"
	"encoding/json"
	"fmt"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"testing"
	"time"

	"metodd/game"
	"metodd/server/store"
)

// The dashboard must answer every page in under 100 ms with 10,000 agents
// and 1,000 sessions. BenchmarkPages measures each page on such a database:
//
//	go test -run '^$' -bench Pages -benchtime 20x ./server/dashboard/
//
// The database takes about a minute to build; it is kept in the system's
// temporary folder (benchFile) and reused by later runs.

const (
	benchSessions = 1000
	benchPerSess  = 10 // agents per session, all distinct: 10,000 agents
	benchTeams    = 4
	// benchVersion names the cached file: change it when the seeding
	// changes, so an old file is not reused.
	benchVersion = 1
)

func benchFile() string {
	return filepath.Join(os.TempDir(), fmt.Sprintf("metodd-dashboard-bench-v%d-%d.db", benchVersion, time.Now().Year()))
}

// benchDB opens the cached benchmark database, building it if missing.
func benchDB(b *testing.B) *store.DB {
	b.Helper()
	file := benchFile()
	if _, err := os.Stat(file); err != nil {
		b.Logf("building %s (once)…", file)
		start := time.Now()
		tmp := file + ".building"
		os.Remove(tmp)
		os.Remove(tmp + "-wal")
		os.Remove(tmp + "-shm")
		if err := buildBenchDB(b, tmp); err != nil {
			b.Fatal(err)
		}
		if err := os.Rename(tmp, file); err != nil {
			b.Fatal(err)
		}
		b.Logf("built in %v", time.Since(start).Round(time.Second))
	}
	db, err := store.Open(file)
	if err != nil {
		b.Fatal(err)
	}
	b.Cleanup(func() { db.Close() })
	return db
}

func buildBenchDB(b *testing.B, file string) error {
	ctx := context.Background()
	db, err := store.Open(file)
	if err != nil {
		return err
	}
	defer db.Close()
	if _, err := db.CreateAccount(ctx, store.NewAccount{Login: "admin", Name: "Cellule RSO", Role: store.RoleAdmin, Password: testPassword}); err != nil {
		return err
	}
	var partners []store.Account
	for i := 0; i < 40; i++ {
		a, err := db.CreateAccount(ctx, store.NewAccount{Login: fmt.Sprintf("p%02d", i), Name: fmt.Sprintf("Partenaire %02d", i),
			Role: store.RolePartner, Password: "partenaire-bench"})
		if err != nil {
			return err
		}
		partners = append(partners, a)
	}
	year := time.Now().Year()
	last := store.YearCampaign(year - 1)
	if _, err := db.CreateCampaign(ctx, last); err != nil {
		return err
	}
	cur := store.YearCampaign(year)
	cur.Current = true
	if cur, err = db.CreateCampaign(ctx, cur); err != nil {
		return err
	}
	deck, ver := standardDeck(b, db)
	start := time.Date(year, 1, 5, 9, 0, 0, 0, time.Local).UnixMilli()
	span := time.Now().UnixMilli() - start
	k := 0
	for i := 0; i < benchSessions; i++ {
		id := fmt.Sprintf("00000000-0000-4000-9000-%012d", i)
		code := fmt.Sprintf("B%05d", i)
		cfg, _ := json.Marshal(game.Config{Code: code, Format: game.FormatStandard, Mode: game.ModeTeam, Seed: int64(i)})
		d := directions[i%len(directions)]
		if _, err := db.CreateSession(ctx, store.NewSession{ID: id, Code: code, PartnerID: partners[i%len(partners)].ID,
			CampaignID: cur.ID, DeckVersion: ver, Config: cfg, Format: game.FormatStandard, Mode: string(game.ModeTeam),
			Direction: d.dir, Site: sites[i%len(sites)], Expected: benchPerSess + i%4}); err != nil {
			return err
		}
		at := start + span*int64(i)/benchSessions
		if err := db.AppendCommand(ctx, id, store.LoggedCommand{Seq: 1, At: at, Kind: string(game.KindStart), Data: []byte(`{}`)}, nil); err != nil {
			return err
		}
		o := store.Outcome{SessionID: id, Closed: true,
			Final: store.LoggedCommand{Seq: 2, At: at + 30*60*1000, Kind: string(game.KindClose), Data: []byte(`{"kind":"close"}`)}}
		for tm := 0; tm < benchTeams; tm++ {
			o.Teams = append(o.Teams, store.Team{ID: fmt.Sprintf("t%d", tm+1), Name: teamNames[(i+tm)%len(teamNames)],
				Color: palette[tm], Score: 1000 * (benchTeams - tm), Rank: tm + 1})
		}
		for n := 0; n < benchPerSess; n++ {
			k++
			mm := game.Member{FirstName: firstNames[k%len(firstNames)], LastName: fmt.Sprintf("%s %d", lastNames[k%len(lastNames)], k),
				Collectivite: directions[k%len(directions)].coll, Direction: directions[k%len(directions)].dir,
				Category: []string{"A", "B", "C", "Autre", ""}[k%5]}
			key := game.IdentityKey(mm)
			t := &o.Teams[n%benchTeams]
			t.Members = append(t.Members, store.Member{FirstName: mm.FirstName, LastName: mm.LastName, Collectivite: mm.Collectivite,
				Direction: mm.Direction, Category: mm.Category, Identity: key, Counted: true})
			c := deck.Commitments[k%len(deck.Commitments)]
			o.Picks = append(o.Picks, store.Pick{TeamID: t.ID, Identity: key, Commitment: c.ID, Engagement: c.Engagement})
		}
		for e := 1; e <= 15; e++ {
			card := deck.Cards[((e-1)*5+i)%len(deck.Cards)]
			for tm := 0; tm < benchTeams; tm++ {
				good := (i+tm+e)%3 != 0
				o.Results = append(o.Results, store.CardResult{CardID: card.ID, Engagement: card.Engagement,
					TeamID: fmt.Sprintf("t%d", tm+1), PlayerID: fmt.Sprintf("p%d-%d", i, tm), Answered: true, Good: good,
					Points: 500, AnswerMs: 8000})
			}
		}
		if _, err := db.FinishSession(ctx, o); err != nil {
			return err
		}
	}
	return nil
}

func BenchmarkPages(b *testing.B) {
	db := benchDB(b)
	ctx := context.Background()
	admin, err := db.AccountByLogin(ctx, "admin")
	if err != nil {
		b.Fatal(err)
	}
	tok, err := db.CreateToken(ctx, admin.ID, time.Hour)
	if err != nil {
		b.Fatal(err)
	}
	cur, _ := db.CurrentCampaign(ctx)
	if n, _ := db.CampaignCount(ctx, cur.ID); n < benchSessions*benchPerSess {
		b.Fatalf("the benchmark database has %d agents", n)
	}
	h := New(db, Options{Logger: slog.New(slog.NewTextHandler(io.Discard, nil))})
	some := fmt.Sprintf("00000000-0000-4000-9000-%012d", benchSessions/2)
	pages := []struct {
		name, path string
		cold       bool
	}{
		{"accueil", "/dashboard/", false},
		{"repartitions", "/dashboard/repartitions", false},
		{"seances", "/dashboard/seances", false},
		{"seances-page-10", "/dashboard/seances?page=10", false},
		{"seance", "/dashboard/seances/" + some, false},
		{"apprentissage", "/dashboard/apprentissage", false},
		{"apprentissage-apres-cloture", "/dashboard/apprentissage", true},
		{"indicateurs", "/dashboard/indicateurs", false},
		{"partenaires", "/dashboard/admin/partenaires", false},
		{"partenaire", "/dashboard/admin/partenaires/2", false},
		{"campagnes", "/dashboard/admin/campagnes", false},
		{"jeux", "/dashboard/admin/jeux", false},
		{"donnees", "/dashboard/admin/donnees", false},
		{"directions", "/dashboard/admin/directions", false},
		{"csv-seances", "/dashboard/export/seances.csv", false},
		{"csv-cartes", "/dashboard/export/cartes.csv", false},
		{"csv-directions", "/dashboard/export/directions.csv", false},
		{"csv-agents", "/dashboard/admin/export/agents.csv", false},
		{"csv-emargement", "/dashboard/admin/seances/" + some + "/emargement", false},
	}
	for _, p := range pages {
		b.Run(p.name, func(b *testing.B) {
			for b.Loop() {
				if p.cold {
					h.sharesCache.mu.Lock()
					h.sharesCache.m = nil // as right after a session closed
					h.sharesCache.mu.Unlock()
				}
				req := httptest.NewRequest("GET", p.path, nil)
				req.AddCookie(&http.Cookie{Name: cookieLogin, Value: tok})
				rec := httptest.NewRecorder()
				h.ServeHTTP(rec, req)
				if rec.Code != http.StatusOK {
					b.Fatalf("%s: %d", p.path, rec.Code)
				}
			}
		})
	}
}

// BenchmarkQueries measures the heaviest store queries alone.
func BenchmarkQueries(b *testing.B) {
	db := benchDB(b)
	ctx := context.Background()
	cur, _ := db.CurrentCampaign(ctx)
	for name, q := range map[string]func() error{
		"card-shares":       func() error { _, err := db.CardShares(ctx, cur.ID); return err },
		"engagement-shares": func() error { _, err := db.EngagementShares(ctx, cur.ID); return err },
		"pick-counts":       func() error { _, err := db.PickCounts(ctx, cur.ID); return err },
		"progress":          func() error { _, err := db.Progress(ctx, cur.ID); return err },
		"breakdown-dir":     func() error { _, err := db.Breakdown(ctx, cur.ID, store.ByDirection); return err },
		"month-stats":       func() error { _, err := db.MonthStats(ctx, cur.ID); return err },
		"partner-stats":     func() error { _, err := db.PartnerStats(ctx, cur.ID); return err },
		"agents":            func() error { _, err := db.Agents(ctx, cur.ID); return err },
	} {
		b.Run(name, func(b *testing.B) {
			for b.Loop() {
				if err := q(); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}
