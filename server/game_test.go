package server

import (
	"context"
	"fmt"
	"testing"

	"metodd/game"
	"metodd/server/store"
)

// roster gives n agents starting at agent number from: overlapping windows
// share exactly their overlap.
func roster(from, n int) []game.Member {
	out := make([]game.Member, n)
	for i := range out {
		k := from + i
		out[i] = game.Member{
			FirstName:    fmt.Sprintf("Zoé%d", k),
			LastName:     fmt.Sprintf("Lefèvre%d", k),
			Collectivite: game.Collectivites[k%len(game.Collectivites)],
			Direction:    "Direction du numérique",
			Category:     game.Categories[k%len(game.Categories)],
		}
	}
	return out
}

// playGame plays a whole session: teams of the given rosters join, answer
// every card, pick commitments, and the host closes. It returns the host's
// last view (with the campaign count) and the teams.
func (e *env) playGame(format string, rosters [][]game.Member) (*game.HostView, []*wsc) {
	e.t.Helper()
	c := e.createSession(e.partner, map[string]any{"format": format, "mode": "equipe", "direction": "DRH", "expected": 20})
	host := e.hostConn(c.Code, e.partner)
	var teams []*wsc
	for i, r := range rosters {
		teams = append(teams, e.joinTeam(c.Code, fmt.Sprintf("Équipe %d", i+1), r...))
	}
	host.awaitHost("teams in lobby", func(v *game.HostView) bool { return v.TeamCount == len(rosters) })
	host.cmd(game.KindStart, nil)
	answered := map[string]bool{}
	for {
		v := host.awaitHost("a phase", func(v *game.HostView) bool {
			return v.Session.Phase != game.PhaseLobby
		})
		switch v.Session.Phase {
		case game.PhaseCardOpen:
			card := v.Card
			if answered[card.ID] {
				// Everyone answered: the card closes by itself.
				host.awaitHost("card closed", func(v *game.HostView) bool {
					return v.Session.Phase != game.PhaseCardOpen || v.Card.ID != card.ID
				})
				continue
			}
			answered[card.ID] = true
			for i, tm := range teams {
				tv := tm.awaitTeam("card "+card.ID, func(v *game.TeamView) bool { return v.Card != nil && v.Card.ID == card.ID })
				tm.cmd(game.KindAnswer, payload{Answer: answerFor(tv.Card, i)})
				tm.awaitTeam("own answer", func(v *game.TeamView) bool { return v.Answer != nil && v.Card != nil && v.Card.ID == card.ID })
			}
		case game.PhaseCommitments:
			for _, tm := range teams {
				tv := tm.awaitTeam("commitments", func(v *game.TeamView) bool { return len(v.Commitments) > 0 })
				var picks []game.MemberPick
				for m := range tv.Members {
					picks = append(picks, game.MemberPick{Member: m, Commitment: tv.Commitments[m%len(tv.Commitments)].ID})
				}
				tm.cmd(game.KindCommit, payload{Chosen: picks})
				tm.awaitTeam("picks", func(v *game.TeamView) bool { return len(v.Chosen) == len(picks) })
			}
			host.cmd(game.KindClose, nil)
			v = host.awaitHost("closed", func(v *game.HostView) bool { return v.Session.Phase == game.PhaseClosed })
			if v.Campaign == nil {
				e.t.Fatal("closed host view without the campaign")
			}
			for _, tm := range teams {
				tv := tm.awaitTeam("closed", func(v *game.TeamView) bool { return v.Session.Phase == game.PhaseClosed })
				if tv.Campaign == nil || *tv.Campaign != *v.Campaign {
					e.t.Fatalf("team campaign %+v, host %+v", tv.Campaign, v.Campaign)
				}
			}
			return v, teams
		default:
			phase := v.Session.Phase
			idx := v.Session.CardIndex
			host.cmd(game.KindNext, nil)
			host.awaitHost("after "+string(phase), func(v *game.HostView) bool {
				return v.Session.Phase != phase || v.Session.CardIndex != idx
			})
		}
	}
}

// fastHost lifts the per-connection message rate: a test host presses
// "next" far faster than a person (15 cards × 3 phases in a second).
func fastHost(l *Limits) { l.MessageRate, l.MessageBurst = 10000, 10000 }

func TestWholeGameCountsDistinctAgents(t *testing.T) {
	e := newEnv(t, fastHost)
	before := e.campaignCount()
	// 4 teams of 3: 12 distinct agents.
	rosters := [][]game.Member{roster(0, 3), roster(3, 3), roster(6, 3), roster(9, 3)}
	v, _ := e.playGame(game.FormatStandard, rosters)
	if v.Session.CardCount != 15 {
		t.Fatalf("standard game of %d cards", v.Session.CardCount)
	}
	if v.Campaign.Added != 12 || v.Campaign.Count != before+12 || v.Campaign.Goal != 200 {
		t.Fatalf("campaign after the first game %+v", v.Campaign)
	}
	if n := e.campaignCount(); n != before+12 {
		t.Fatalf("API count %d", n)
	}

	// Agents 6–17: 6 already counted, 6 new. Accents and case folded.
	again := [][]game.Member{roster(6, 3), roster(9, 3), roster(12, 3), roster(15, 3)}
	again[0][0].FirstName = "ZOE6"
	again[0][0].LastName = " lefevre6 "
	v, _ = e.playGame(game.FormatExpress, again)
	if v.Campaign.Added != 6 || v.Campaign.Count != before+18 {
		t.Fatalf("campaign after the overlapping game %+v", v.Campaign)
	}

	// What the dashboard will read.
	ctx := context.Background()
	list, _ := e.db.Sessions(ctx, store.SessionFilter{State: store.StateClosed})
	if len(list) != 2 {
		t.Fatalf("%d closed sessions", len(list))
	}
	d, err := e.db.SessionDetail(ctx, list[1].ID, true)
	if err != nil {
		t.Fatal(err)
	}
	if len(d.Teams) != 4 || len(d.Cards) != 15 || len(d.Picks) == 0 || d.Session.Added != 12 || d.Session.Members != 12 {
		t.Fatalf("detail: %d teams, %d cards, %d picks, %+v", len(d.Teams), len(d.Cards), len(d.Picks), d.Session)
	}
	by, _ := e.db.Breakdown(ctx, list[0].CampaignID, store.ByCollectivite)
	sum := 0
	for _, b := range by {
		sum += b.Count
	}
	if sum != 18 {
		t.Fatalf("breakdown %+v", by)
	}
	// Partners see counts, the admin sees names.
	var one game.SessionRecord
	e.api("GET", "/api/sessions/"+list[1].ID, e.partner, nil, &one)
	if len(one.Results) != 4 || len(one.Agents) != 0 || len(one.Cards) != 15 {
		t.Fatalf("partner's view of a closed session: %+v", one)
	}
	e.api("GET", "/api/sessions/"+list[1].ID, e.admin, nil, &one)
	if len(one.Agents) != 12 || one.Agents[0].FirstName == "" {
		t.Fatalf("admin's view of a closed session: %d agents", len(one.Agents))
	}
}

func TestEndEarlyCountsNobody(t *testing.T) {
	e := newEnv(t)
	c := e.createSession(e.partner, nil)
	host := e.hostConn(c.Code, e.partner)
	tm := e.joinTeam(c.Code, "Les Pressés", roster(0, 2)...)
	host.cmd(game.KindStart, nil)
	tm.awaitTeam("card", func(v *game.TeamView) bool { return v.Card != nil })
	host.cmd(game.KindEnd, nil)
	v := host.awaitHost("ended", func(v *game.HostView) bool { return v.Session.Phase == game.PhaseEnded })
	if v.Campaign == nil || v.Campaign.Added != 0 || v.Campaign.Count != 0 {
		t.Fatalf("ended campaign %+v", v.Campaign)
	}
	s, _ := e.db.Session(context.Background(), c.ID)
	if s.State != store.StateEnded {
		t.Fatalf("state %s", s.State)
	}
	// After the end, commands are refused and nobody can join.
	host.cmd(game.KindNext, nil)
	host.awaitError(game.CodeSessionOver)
	late := e.dial("retardataire", nil)
	late.send(game.MsgJoin, game.Join{Code: c.Code, Team: "Trop tard", Members: roster(5, 1)})
	late.awaitError(game.CodeSessionOver)
	late.awaitBye(game.ByeClosed)
}

func TestCloseBeforeLastCardRefused(t *testing.T) {
	e := newEnv(t)
	c := e.createSession(e.partner, nil)
	host := e.hostConn(c.Code, e.partner)
	e.joinTeam(c.Code, "Équipe A", roster(0, 1)...)
	host.cmd(game.KindStart, nil)
	host.awaitHost("card", func(v *game.HostView) bool { return v.Session.Phase == game.PhaseCardOpen })
	host.cmd(game.KindClose, nil)
	host.awaitError(game.CodeWrongPhase)
	if s, _ := e.db.Session(context.Background(), c.ID); s.State != store.StateLive {
		t.Fatalf("state %s", s.State)
	}
}
