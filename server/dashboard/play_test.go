package dashboard

import (
	"context"
	"encoding/json"
	"fmt"
	"path/filepath"
	"testing"
	"time"

	"golang.org/x/crypto/bcrypt"

	"metodd/assets"
	"metodd/game"
	"metodd/game/deckfile"
	"metodd/server/store"
)

// The test database is filled the way the server fills it: sessions are
// created in the store, played with the real rules (game.NewSession and
// Apply), every accepted command appended to the store's log, and finished
// with store.FinishSession from the session's Teams, Results, Picks and
// CountedMembers, converted exactly as the server's hub does (live.finish).

func init() { store.PasswordCost = bcrypt.MinCost }

const testPassword = "motdepasse-admin"

type fixture struct {
	t        *testing.T
	db       *store.DB
	admin    store.Account
	partners map[string]store.Account // by login
	deck     *game.Deck
	deckVer  int64
	camps    map[int]store.Campaign // by year
	seq      int
}

func openDB(t testing.TB) *store.DB {
	t.Helper()
	db, err := store.Open(filepath.Join(t.TempDir(), "metodd.db"))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { db.Close() })
	return db
}

// standardDeck loads the deck shipped with mét'ODD into db.
func standardDeck(t testing.TB, db *store.DB) (*game.Deck, int64) {
	t.Helper()
	data, ok := assets.Deck(assets.StandardDeckFile)
	if !ok {
		t.Fatal("standard deck missing")
	}
	d, err := deckfile.ParseDeck(assets.StandardDeckFile, data)
	if err != nil {
		t.Fatal(err)
	}
	v, _, err := db.AddDeck(context.Background(), store.NewDeck{ID: d.ID, Title: d.Title, YAML: data, Cards: len(d.Cards), Builtin: true})
	if err != nil {
		t.Fatal(err)
	}
	return d, v
}

func newFixture(t *testing.T) *fixture {
	t.Helper()
	ctx := context.Background()
	f := &fixture{t: t, db: openDB(t), partners: map[string]store.Account{}, camps: map[int]store.Campaign{}}
	var err error
	f.admin, err = f.db.CreateAccount(ctx, store.NewAccount{Login: "admin", Name: "Cellule RSO", Role: store.RoleAdmin, Password: testPassword})
	if err != nil {
		t.Fatal(err)
	}
	for _, p := range []struct{ login, name string }{{"cmartin", "Camille Martin"}, {"jdupont", "Julien Dupont"}, {"slefevre", "Sophie Lefèvre"}} {
		a, err := f.db.CreateAccount(ctx, store.NewAccount{Login: p.login, Name: p.name, Role: store.RolePartner, Password: "partenaire-" + p.login})
		if err != nil {
			t.Fatal(err)
		}
		f.partners[p.login] = a
	}
	year := time.Now().Year()
	for _, y := range []int{year - 1, year} {
		c := store.YearCampaign(y)
		c.Current = y == year
		if y != year {
			c.Goal = 150
		}
		if f.camps[y], err = f.db.CreateCampaign(ctx, c); err != nil {
			t.Fatal(err)
		}
	}
	f.deck, f.deckVer = standardDeck(t, f.db)
	return f
}

// team is one team of a played session.
type team struct {
	name    string
	members []game.Member
}

// play describes a session to play.
type play struct {
	partner    string
	year       int
	format     string
	direction  string
	site       string
	expected   int
	teams      []team
	finish     game.Kind // game.KindClose, game.KindEnd, or "" to leave it live
	at         time.Time // when it starts
	removeTeam int       // 1-based index of a team the host removes before the end; 0 none
}

func m(first, last, coll, dir, cat string) game.Member {
	return game.Member{FirstName: first, LastName: last, Collectivite: coll, Direction: dir, Category: cat}
}

// played is what a played session left, to check the pages against.
type played struct {
	id      string
	code    string
	sess    *game.Session
	outcome store.Outcome
	total   store.Total
}

// play creates, plays and (unless p.finish is "") finishes a session with
// the real rules.
func (f *fixture) play(p play) played {
	t := f.t
	t.Helper()
	ctx := context.Background()
	f.seq++
	code := fmt.Sprintf("T%05d", f.seq)
	cfg := game.Config{Code: code, Title: "Séance " + code, Format: p.format, Mode: game.ModeTeam, Seed: int64(f.seq)}
	if cfg.Format == "" {
		cfg.Format = game.FormatExpress
	}
	cfgJSON, _ := json.Marshal(cfg)
	id := fmt.Sprintf("00000000-0000-4000-8000-%012d", f.seq)
	if _, err := f.db.CreateSession(ctx, store.NewSession{ID: id, Code: code, PartnerID: f.partners[p.partner].ID,
		CampaignID: f.camps[p.year].ID, DeckVersion: f.deckVer, Config: cfgJSON, Title: cfg.Title, Format: cfg.Format,
		Mode: string(cfg.Mode), Direction: p.direction, Site: p.site, Expected: p.expected}); err != nil {
		t.Fatal(err)
	}
	s, err := game.NewSession(f.deck, cfg)
	if err != nil {
		t.Fatal(err)
	}
	now := p.at.UnixMilli()
	if p.at.IsZero() {
		now = time.Now().Add(-time.Hour).UnixMilli()
	}
	var seq int64
	apply := func(c game.Command) error {
		now += 1000
		c.At = now
		if _, err := s.Apply(c); err != nil {
			return err
		}
		seq++
		data, _ := json.Marshal(c)
		return f.db.AppendCommand(ctx, id, store.LoggedCommand{Seq: seq, At: c.At, Kind: string(c.Kind), Data: data}, nil)
	}
	must := func(c game.Command) {
		t.Helper()
		if err := apply(c); err != nil {
			t.Fatalf("session %s: %s refused: %v", code, c.Kind, err)
		}
	}
	host := func(kind game.Kind) { t.Helper(); must(game.Command{Kind: kind, Actor: game.HostActor}) }
	players := make([]string, len(p.teams))
	for i, tm := range p.teams {
		players[i] = fmt.Sprintf("p%d-%d", f.seq, i+1)
		must(game.Command{Kind: game.KindJoin, Actor: players[i], Join: &game.Join{Code: code, Team: tm.name, Members: tm.members}})
	}
	if p.finish == "" {
		return played{id: id, code: code, sess: s}
	}
	host(game.KindStart)
	card := 0
	for s.Phase() != game.PhasePodium {
		switch s.Phase() {
		case game.PhaseCardOpen:
			for i, pl := range players {
				v, ok := s.TeamView(pl, now)
				if !ok || v.Removed || v.Card == nil {
					continue
				}
				// Answers vary by team and card, so shares differ between
				// cards; which are right is the rules' business.
				if err := apply(game.Command{Kind: game.KindAnswer, Actor: pl, Answer: answerFor(v.Card, i+card)}); err != nil {
					t.Fatalf("answer: %v", err)
				}
				if s.Phase() != game.PhaseCardOpen {
					break
				}
			}
			if s.Phase() == game.PhaseCardOpen {
				host(game.KindNext)
			}
		case game.PhaseCardClosed:
			if hv := s.HostView(now); hv.Card != nil && hv.Card.Type == game.TypeDefi {
				for i, d := range hv.Defi {
					must(game.Command{Kind: game.KindAward, Actor: game.HostActor, TeamID: d.TeamID, Points: []int{1000, 500, 0}[i%3]})
				}
			}
			host(game.KindNext)
		case game.PhaseLeaderboard:
			card++
			if p.removeTeam > 0 && card == 2 {
				tid, _ := s.PlayerTeam(players[p.removeTeam-1])
				must(game.Command{Kind: game.KindRemoveTeam, Actor: game.HostActor, TeamID: tid})
			}
			host(game.KindNext)
		default:
			host(game.KindNext)
		}
	}
	if p.finish == game.KindClose {
		host(game.KindNext) // debrief
		host(game.KindNext) // commitments
		for i, pl := range players {
			v, ok := s.TeamView(pl, now)
			if !ok || v.Removed {
				continue
			}
			var chosen []game.MemberPick
			for j := range p.teams[i].members {
				chosen = append(chosen, game.MemberPick{Member: j, Commitment: f.deck.Commitments[(i*3+j)%len(f.deck.Commitments)].ID})
			}
			must(game.Command{Kind: game.KindCommit, Actor: pl, Chosen: chosen})
		}
	}
	now += 1000
	final := game.Command{Kind: p.finish, Actor: game.HostActor, At: now}
	if _, err := s.Apply(final); err != nil {
		t.Fatalf("%s refused: %v", p.finish, err)
	}
	data, _ := json.Marshal(final)
	o := outcome(s, f.deck, id, store.LoggedCommand{Seq: seq + 1, At: final.At, Kind: string(final.Kind), Data: data})
	total, err := f.db.FinishSession(ctx, o)
	if err != nil {
		t.Fatal(err)
	}
	return played{id: id, code: code, sess: s, outcome: o, total: total}
}

// outcome converts a finished game.Session as the server's hub does.
func outcome(s *game.Session, d *game.Deck, id string, final store.LoggedCommand) store.Outcome {
	out := store.Outcome{SessionID: id, Final: final, Closed: game.Kind(final.Kind) == game.KindClose}
	counted := map[string]bool{}
	for _, m := range s.CountedMembers() {
		counted[game.IdentityKey(m)] = true
	}
	for _, t := range s.Teams() {
		st := store.Team{ID: t.ID, Name: t.Name, Color: t.Color, Score: t.Score, Rank: t.Rank, Removed: t.Removed, Banned: t.Banned}
		for _, m := range t.Members {
			key := game.IdentityKey(m)
			st.Members = append(st.Members, store.Member{FirstName: m.FirstName, LastName: m.LastName,
				Collectivite: m.Collectivite, Direction: m.Direction, Category: m.Category, Identity: key,
				Counted: counted[key] && !t.Removed && !t.Banned})
		}
		out.Teams = append(out.Teams, st)
	}
	for _, x := range s.Results() {
		out.Results = append(out.Results, store.CardResult{CardID: x.CardID, Engagement: x.Engagement, TeamID: x.TeamID,
			PlayerID: x.PlayerID, Answered: x.Answered, Good: x.Good, Points: x.Points, AnswerMs: x.AnsweredMs})
	}
	engagementOf := map[string]int{}
	for _, c := range d.Commitments {
		engagementOf[c.ID] = c.Engagement
	}
	for _, p := range s.Picks() {
		out.Picks = append(out.Picks, store.Pick{TeamID: p.TeamID, Identity: game.IdentityKey(p.Member),
			Commitment: p.Commitment, Engagement: engagementOf[p.Commitment]})
	}
	return out
}

// answerFor builds a valid answer to a card as a team sees it; k varies it.
func answerFor(c *game.CardView, k int) *game.Answer {
	a := &game.Answer{Card: c.ID}
	switch c.Type {
	case game.TypeQCM, game.TypeVraiFaux:
		ch := k % len(c.Choices)
		a.Choice = &ch
	case game.TypeEstimation:
		n := float64(10 * (k%5 + 1))
		a.Number = &n
	case game.TypeClassement:
		for i := range c.Items {
			a.Order = append(a.Order, (i+k)%len(c.Items))
		}
	case game.TypeAssociation:
		for i := range c.Items {
			a.Groups = append(a.Groups, (i+k)%len(c.Groups))
		}
	case game.TypeDefi:
		a.Text = fmt.Sprintf("Éteindre la lumière, trier, covoiturer (équipe %d).", k)
	}
	return a
}
