package server

import (
	"bytes"
	"encoding/json"
	"fmt"
	"reflect"
	"testing"

	"metodd/assets"
	"metodd/game"
	"metodd/game/deckfile"
)

// TestSplicedTeamViewIsTheWholeView: the team view a fan-out sends (the
// shared part encoded once, each player's part spliced in) decodes to
// exactly the whole view encoded on its own, key for key, in every phase
// of a game, both modes, a removed team included.
func TestSplicedTeamViewIsTheWholeView(t *testing.T) {
	d, err := deckfile.ParseDeck("standard.yaml", assets.StandardDeck())
	if err != nil {
		t.Fatal(err)
	}
	for _, mode := range []game.Mode{game.ModePlenary, game.ModeTeam} {
		t.Run(string(mode), func(t *testing.T) {
			sess, err := game.NewSession(d, game.Config{Code: "ABCDEF", Title: "Essai", Format: game.FormatExpress, Mode: mode, Seed: 3})
			if err != nil {
				t.Fatal(err)
			}
			at := int64(1_750_000_000_000)
			apply := func(c game.Command) {
				t.Helper()
				at += 1000
				c.At = at
				if _, err := sess.Apply(c); err != nil {
					t.Fatalf("%s: %v", c.Kind, err)
				}
			}
			var pids []string
			for i := range 6 {
				pid := fmt.Sprintf("p%d", i)
				pids = append(pids, pid)
				team := i % 3 // plenary: agents share teams
				if mode == game.ModeTeam {
					team = i
				}
				apply(game.Command{Kind: game.KindJoin, Actor: pid, Join: &game.Join{Team: fmt.Sprintf("Équipe %d", team), Members: roster(i, 1)}})
			}
			campaign := &game.Campaign{Year: 2026, Count: 12, Goal: 200, Added: 6}
			check := func(step string) {
				t.Helper()
				sh := sess.TeamShared(at)
				sh.Campaign = campaign
				shared, err := json.Marshal(sh)
				if err != nil {
					t.Fatal(err)
				}
				for _, pid := range pids {
					own, ok := sess.TeamOwn(pid)
					if !ok {
						t.Fatalf("%s: player %s unknown", step, pid)
					}
					whole := own.View(sh)
					if tv, _ := sess.TeamView(pid, at); !reflect.DeepEqual(tv, own.View(sess.TeamShared(at))) {
						t.Fatalf("%s: TeamView differs from its parts joined", step)
					}
					want, err := envelope(game.MsgTeamView, whole)
					if err != nil {
						t.Fatal(err)
					}
					head, err := teamViewHead(own)
					if err != nil {
						t.Fatal(err)
					}
					got := append(head, sharedTail(shared)...)
					if own.Removed {
						continue // sent whole: it sees less than the shared part
					}
					var g, w map[string]any
					if err := json.Unmarshal(got, &g); err != nil {
						t.Fatalf("%s: spliced view is not JSON: %v\n%s", step, err, got)
					}
					json.Unmarshal(want, &w)
					if !reflect.DeepEqual(g, w) {
						t.Fatalf("%s, %s: spliced view\n%s\nwhole view\n%s", step, pid, got, want)
					}
					if len(got) != len(want) { // same members, none twice
						t.Fatalf("%s: spliced %d bytes, whole %d", step, len(got), len(want))
					}
				}
			}
			check("lobby")
			apply(game.Command{Kind: game.KindStart, Actor: game.HostActor})
			for card := 0; card < 3; card++ {
				check(fmt.Sprintf("card %d open", card))
				cv := sess.TeamShared(at).Card
				for i, pid := range pids[:4] {
					if own, _ := sess.TeamOwn(pid); own.Removed {
						continue
					}
					apply(game.Command{Kind: game.KindAnswer, Actor: pid, Answer: answerFor(cv, i)})
				}
				check(fmt.Sprintf("card %d answered", card))
				if card == 1 {
					own, _ := sess.TeamOwn(pids[5])
					apply(game.Command{Kind: game.KindRemoveTeam, Actor: game.HostActor, TeamID: own.TeamID})
					check("team removed")
				}
				for range 3 { // close, reveal, leaderboard
					apply(game.Command{Kind: game.KindNext, Actor: game.HostActor})
					check(fmt.Sprintf("card %d, %s", card, sess.Phase()))
				}
				apply(game.Command{Kind: game.KindNext, Actor: game.HostActor})
			}
		})
	}
}

// TestEnvelopeIsTheGameEnvelope: a message spliced after its type's prefix
// is byte for byte what encoding a game.Envelope around the data gives,
// for each type the server sends, with accents and HTML-sensitive text.
func TestEnvelopeIsTheGameEnvelope(t *testing.T) {
	d, err := deckfile.ParseDeck("standard.yaml", assets.StandardDeck())
	if err != nil {
		t.Fatal(err)
	}
	sess, err := game.NewSession(d, game.Config{Code: "ABCDEF", Title: "Séance <test> & co", Format: game.FormatExpress, Mode: game.ModeTeam, Seed: 3})
	if err != nil {
		t.Fatal(err)
	}
	at := int64(1_750_000_000_000)
	if _, err := sess.Apply(game.Command{Kind: game.KindJoin, Actor: "p1", At: at, Join: &game.Join{Code: "ABCDEF", Team: "Équipe « Moutarde »", Members: []game.Member{agent("Zoé", "Lefèvre")}}}); err != nil {
		t.Fatal(err)
	}
	if _, err := sess.Apply(game.Command{Kind: game.KindStart, Actor: game.HostActor, At: at}); err != nil {
		t.Fatal(err)
	}
	tv, _ := sess.TeamView("p1", at)
	for _, m := range []struct {
		typ  string
		data any
	}{
		{game.MsgHostView, sess.HostView(at)},
		{game.MsgTeamView, tv},
		{game.MsgError, game.ErrorMsg{Code: "x", Message: "Réponse refusée : <b>trop</b> & plus", Ref: "r1"}},
		{game.MsgBye, game.Bye{Reason: game.ByeClosed, Message: byeMessages[game.ByeClosed]}},
		{game.MsgWelcome, nil},
	} {
		raw, err := json.Marshal(m.data)
		if err != nil {
			t.Fatal(err)
		}
		want, err := json.Marshal(game.Envelope{V: game.ProtocolVersion, Type: m.typ, Data: raw})
		if err != nil {
			t.Fatal(err)
		}
		got, err := envelope(m.typ, m.data)
		if err != nil {
			t.Fatal(err)
		}
		if !bytes.Equal(got, want) {
			t.Errorf("%s: spliced\n%s\nwant\n%s", m.typ, got, want)
		}
	}
}
