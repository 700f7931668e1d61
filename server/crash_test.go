package server

import (
	"context"
	"net"
	"net/http"
	"net/http/httptest"
	"os"
	"strings"
	"testing"
	"time"

	"github.com/gorilla/websocket"

	"metodd/game"
	"metodd/game/deckfile"
	"metodd/server/store"
)

// TestCrashMidCardResumes plays part of a game, drops the server as a crash
// would, starts a new one on the same file and checks the game goes on:
// same card, same answers, same scores, the teams back with their resume
// tokens, and the count right at the close.
func TestCrashMidCardResumes(t *testing.T) {
	e := newEnv(t, fastHost)
	c := e.createSession(e.partner, map[string]any{"format": "express", "mode": "equipe", "expected": 6})
	host := e.hostConn(c.Code, e.partner)
	a := e.joinTeam(c.Code, "Les Castors", roster(0, 3)...)
	b := e.joinTeam(c.Code, "Les Hiboux", roster(3, 3)...)
	host.cmd(game.KindStart, nil)

	// Card 1 played through, card 2 open with one answer.
	for i := 0; i < 2; i++ {
		card := a.awaitTeam("card", func(v *game.TeamView) bool {
			return v.Session.Phase == game.PhaseCardOpen && v.Session.CardIndex == i+1
		}).Card
		a.cmd(game.KindAnswer, payload{Answer: answerFor(card, 0)})
		a.awaitTeam("answer", func(v *game.TeamView) bool { return v.Answer != nil && v.Card.ID == card.ID })
		if i == 0 {
			b.awaitTeam("card", func(v *game.TeamView) bool { return v.Card != nil && v.Card.ID == card.ID })
			b.cmd(game.KindAnswer, payload{Answer: answerFor(card, 1)})
			for _, ph := range []game.Phase{game.PhaseCardClosed, game.PhaseRevealed, game.PhaseLeaderboard} {
				host.awaitHost(string(ph), func(v *game.HostView) bool { return v.Session.Phase == ph })
				host.cmd(game.KindNext, nil)
			}
		}
	}
	before := host.awaitHost("one answer on card 2", func(v *game.HostView) bool {
		return v.Session.CardIndex == 2 && v.Answered == 1
	})
	scoreA := a.team.Score

	e.crashAndRestart()
	for _, w := range []*wsc{host, a, b} {
		w.awaitClosed()
	}

	// The host reconnects: same card, same answers, same scores.
	host2 := e.hostConn(c.Code, e.partner)
	after := host2.awaitHost("restored", func(v *game.HostView) bool { return v.Session.CardIndex == 2 })
	if after.Session.Phase != game.PhaseCardOpen || after.Card.ID != before.Card.ID || after.Answered != 1 || after.TeamCount != 2 {
		t.Fatalf("after restart: %+v answered %d teams %d", after.Session, after.Answered, after.TeamCount)
	}
	for i, st := range before.Leaderboard {
		if after.Leaderboard[i].Score != st.Score || after.Leaderboard[i].TeamID != st.TeamID {
			t.Fatalf("leaderboard changed: %+v then %+v", before.Leaderboard, after.Leaderboard)
		}
	}
	if after.Clock.Deadline != before.Clock.Deadline {
		t.Fatalf("deadline moved from %d to %d", before.Clock.Deadline, after.Clock.Deadline)
	}

	// The teams come back with their tokens: same players, answers kept.
	a2 := e.dial("Les Castors (reprise)", nil)
	a2.send(game.MsgResume, game.Resume{Code: c.Code, Token: a.welcome.Token})
	a2.await("welcome", func(env game.Envelope) bool { return env.Type == game.MsgWelcome })
	if a2.welcome.PlayerID != a.welcome.PlayerID {
		t.Fatalf("resumed as another player")
	}
	v := a2.awaitTeam("view", func(v *game.TeamView) bool { return v.Card != nil })
	if v.Answer == nil || v.Score != scoreA {
		t.Fatalf("team view after restart: answer %v score %d (was %d)", v.Answer, v.Score, scoreA)
	}
	b2 := e.dial("Les Hiboux (reprise)", nil)
	b2.send(game.MsgResume, game.Resume{Code: c.Code, Token: b.welcome.Token})
	b2.await("welcome", func(env game.Envelope) bool { return env.Type == game.MsgWelcome })
	bv := b2.awaitTeam("view", func(v *game.TeamView) bool { return v.Card != nil })
	b2.cmd(game.KindAnswer, payload{Answer: answerFor(bv.Card, 1)})

	// Play on to the close: the 6 agents are counted once.
	host2.awaitHost("card closed", func(v *game.HostView) bool { return v.Session.Phase == game.PhaseCardClosed })
	finishGame(t, host2, []*wsc{a2, b2})
	if n := e.campaignCount(); n != 6 {
		t.Fatalf("count %d after the restarted game", n)
	}
	// Replays must not have duplicated anything in the log.
	cmds, _ := e.db.Commands(context.Background(), c.ID)
	for i, lc := range cmds {
		if lc.Seq != int64(i+1) {
			t.Fatalf("log seq %d at %d", lc.Seq, i)
		}
	}
}

// finishGame drives an open game to its close, the teams answering.
func finishGame(t *testing.T, host *wsc, teams []*wsc) {
	t.Helper()
	answered := map[string]bool{}
	for {
		v := host.awaitHost("phase", func(*game.HostView) bool { return true })
		switch v.Session.Phase {
		case game.PhaseCardOpen:
			if answered[v.Card.ID] {
				id := v.Card.ID
				host.awaitHost("closed", func(v *game.HostView) bool { return v.Session.Phase != game.PhaseCardOpen || v.Card.ID != id })
				continue
			}
			answered[v.Card.ID] = true
			for i, tm := range teams {
				tv := tm.awaitTeam("card", func(tv *game.TeamView) bool { return tv.Card != nil && tv.Card.ID == v.Card.ID })
				if tv.Answer == nil {
					tm.cmd(game.KindAnswer, payload{Answer: answerFor(tv.Card, i)})
				}
			}
			host.awaitHost("answers", func(h *game.HostView) bool { return h.Session.Phase != game.PhaseCardOpen || h.Card.ID != v.Card.ID })
		case game.PhaseCommitments:
			host.cmd(game.KindClose, nil)
			host.awaitHost("closed", func(v *game.HostView) bool { return v.Session.Phase == game.PhaseClosed })
			return
		default:
			phase, idx := v.Session.Phase, v.Session.CardIndex
			host.cmd(game.KindNext, nil)
			host.awaitHost("after "+string(phase), func(v *game.HostView) bool { return v.Session.Phase != phase || v.Session.CardIndex != idx })
		}
	}
}

// TestCardTimerSurvivesRestart: the server closes a card at its deadline
// with a logged card-timer command, also when the server restarted while
// the card was open (the rebuilt session arms its timer again). The deck's
// cards last 10 s, the shortest a deck allows.
func TestCardTimerSurvivesRestart(t *testing.T) {
	e := newEnv(t)
	data, err := os.ReadFile("testdata/court.yaml")
	if err != nil {
		t.Fatal(err)
	}
	d, err := deckfile.ParseDeck("court.yaml", data)
	if err != nil {
		t.Fatal(err)
	}
	if _, _, err := e.db.AddDeck(context.Background(), store.NewDeck{ID: d.ID, Title: d.Title, YAML: data, Cards: len(d.Cards)}); err != nil {
		t.Fatal(err)
	}
	c := e.createSession(e.partner, map[string]any{"deck": "court", "format": "express"})
	host := e.hostConn(c.Code, e.partner)
	e.joinTeam(c.Code, "Les Lents", roster(0, 1)...)
	host.cmd(game.KindStart, nil)
	v := host.awaitHost("card", func(v *game.HostView) bool { return v.Session.Phase == game.PhaseCardOpen })

	e.crashAndRestart()
	host2 := e.hostConn(c.Code, e.partner)
	v2 := host2.awaitHost("restored", func(*game.HostView) bool { return true })
	if v2.Clock.Deadline != v.Clock.Deadline || v2.Session.Phase != game.PhaseCardOpen {
		t.Fatalf("deadline %d, was %d", v2.Clock.Deadline, v.Clock.Deadline)
	}
	// Nobody answers: the timer closes the card.
	limit := time.Until(time.UnixMilli(v.Clock.Deadline)) + waitLimit
	deadline := time.After(limit)
	for host2.host.Session.Phase == game.PhaseCardOpen {
		select {
		case env := <-host2.in:
			host2.take(env)
		case <-deadline:
			t.Fatal("the card timer never closed the card")
		}
	}
	if host2.host.Session.Phase != game.PhaseCardClosed {
		t.Fatalf("phase %s", host2.host.Session.Phase)
	}
	if now := time.Now().UnixMilli(); now < v.Clock.Deadline {
		t.Fatalf("closed %d ms before the deadline", v.Clock.Deadline-now)
	}
	cmds, _ := e.db.Commands(context.Background(), c.ID)
	last := cmds[len(cmds)-1]
	if game.Kind(last.Kind) != game.KindCardTimer || last.At < v.Clock.Deadline {
		t.Fatalf("last logged command %s at %d (deadline %d)", last.Kind, last.At, v.Clock.Deadline)
	}
}

func TestShutdownSaysBye(t *testing.T) {
	e := newEnv(t)
	c := e.createSession(e.partner, nil)
	host := e.hostConn(c.Code, e.partner)
	team := e.joinTeam(c.Code, "Les Derniers", roster(0, 1)...)
	ctx, cancel := context.WithTimeout(context.Background(), waitLimit)
	defer cancel()
	if err := e.srv.Shutdown(ctx); err != nil {
		t.Fatal(err)
	}
	host.awaitBye(game.ByeShutdown)
	team.awaitBye(game.ByeShutdown)
	// New connections are refused while stopping.
	url := "ws" + strings.TrimPrefix(e.hs.URL, "http") + "/ws"
	if _, resp, err := websocket.DefaultDialer.Dial(url, nil); err == nil || resp.StatusCode != 503 {
		t.Fatalf("websocket during shutdown: %v", err)
	}
	// The session is still live in the store: the next start rebuilds it.
	s, _ := e.db.Session(context.Background(), c.ID)
	if s.State != store.StateLive {
		t.Fatalf("state %s", s.State)
	}
	e.srv = nil
	e.start()
	if e.srv.lookup(c.Code) == nil {
		t.Fatal("not rebuilt after a clean shutdown")
	}
}

// TestSlowClientDisconnected: a client that stops reading while views keep
// coming is cut off ("slow") once a write blocks longer than WriteWait;
// the others carry on.
func TestSlowClientDisconnected(t *testing.T) {
	e := newEnv(t, fastHost, func(l *Limits) { l.WriteWait = 300 * time.Millisecond })
	c := e.createSession(e.partner, nil)
	host := e.hostConn(c.Code, e.partner)
	fine := e.joinTeam(c.Code, "Les Rapides", roster(0, 1)...)

	// The slow team: a tiny receive buffer, and it never reads.
	d := websocket.Dialer{NetDial: func(network, addr string) (net.Conn, error) {
		conn, err := net.Dial(network, addr)
		if err == nil {
			conn.(*net.TCPConn).SetReadBuffer(1024)
		}
		return conn, err
	}}
	// Its server side too: a listener of the same server whose sockets
	// have a small send buffer, so blocked writes show after a few views.
	small := httptest.NewUnstartedServer(e.srv)
	small.Config.ConnState = func(c net.Conn, st http.ConnState) {
		if tc, ok := c.(*net.TCPConn); ok && st == http.StateNew {
			tc.SetWriteBuffer(4096)
		}
	}
	small.Start()
	defer small.Close()
	url := "ws" + strings.TrimPrefix(small.URL, "http") + "/ws"
	ws, _, err := d.Dial(url, nil)
	if err != nil {
		t.Fatal(err)
	}
	defer ws.Close()
	j := game.Join{Code: c.Code, Team: "Les Lents " + strings.Repeat("x", 20), Members: roster(1, 6)}
	raw, _ := envelope(game.MsgJoin, j)
	ws.WriteMessage(websocket.TextMessage, raw)
	host.awaitHost("two teams", func(v *game.HostView) bool { return v.TeamCount == 2 })
	host.cmd(game.KindStart, nil)

	// Every pause/resume changes every view.
	deadline := time.Now().Add(waitLimit)
	rounds := 0
	for time.Now().Before(deadline) {
		rounds++
		host.cmd(game.KindPause, nil)
		host.cmd(game.KindResumeGame, nil)
		host.awaitHost("resumed", func(v *game.HostView) bool { return !v.Session.Paused })
		if !strings.Contains(e.logs.String(), "client too slow") {
			continue
		}
		// Cut off; the fast team is still served.
		host.cmd(game.KindPause, nil)
		fine.awaitTeam("paused", func(v *game.TeamView) bool { return v.Session.Paused })
		hv := host.awaitHost("offline", func(v *game.HostView) bool {
			for _, ts := range v.Teams {
				if strings.HasPrefix(ts.Name, "Les Lents") {
					return !ts.Online
				}
			}
			return false
		})
		_ = hv
		t.Logf("cut off after %d pause/resume rounds", rounds)
		return
	}
	t.Fatalf("the slow client was never disconnected; logs:\n%s", e.logs.String())
}
