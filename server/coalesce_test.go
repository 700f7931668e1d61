package server

import (
	"encoding/json"
	"fmt"
	"testing"
	"time"

	"github.com/gorilla/websocket"

	"metodd/game"
)

// leanAgent is a plenary agent on a real websocket that keeps only what
// the test needs (its card), so a hundred of them stay light.
type leanAgent struct {
	ws   *websocket.Conn
	card chan *game.CardView
}

func (e *env) leanJoin(code string, i int) *leanAgent {
	e.t.Helper()
	ws, status, msg := e.rawDial()
	if ws == nil {
		e.t.Fatalf("agent %d: HTTP %d %s", i, status, msg)
	}
	e.t.Cleanup(func() { ws.Close() })
	data, _ := json.Marshal(game.Join{Code: code, Team: fmt.Sprintf("Service %d", i%5), Members: roster(i, 1)})
	env, _ := json.Marshal(game.Envelope{V: game.ProtocolVersion, Type: game.MsgJoin, Data: data})
	if err := ws.WriteMessage(websocket.TextMessage, env); err != nil {
		e.t.Fatal(err)
	}
	a := &leanAgent{ws: ws, card: make(chan *game.CardView, 1)}
	joined := make(chan struct{})
	go func() {
		sent := false
		for {
			_, raw, err := ws.ReadMessage()
			if err != nil {
				return
			}
			var env game.Envelope
			if json.Unmarshal(raw, &env) != nil || env.Type != game.MsgTeamView {
				continue
			}
			var v game.TeamView
			json.Unmarshal(env.Data, &v)
			if !sent {
				close(joined)
				sent = true
			}
			if v.Card != nil && v.Session.Phase == game.PhaseCardOpen {
				select {
				case a.card <- v.Card:
				default:
				}
			}
		}
	}()
	select {
	case <-joined:
	case <-time.After(waitLimit):
		e.t.Fatalf("agent %d: no view after its join", i)
	}
	return a
}

// TestHostViewCoalescedEndsExact: a plenary's agents but one answer one by
// one over about a second while a real host screen watches (the card stays
// open: nothing but the answers changes the host view). The host gets far
// fewer views than answers (at most one per hostViewEvery), the count never
// goes back, and the last, coalesced view holds the exact final figures.
func TestHostViewCoalescedEndsExact(t *testing.T) {
	const agents = 100
	const gap = 10 * time.Millisecond // between two answers: about 1 s in all
	e := newEnv(t, fastHost, func(l *Limits) { l.MaxPreHello = agents + 10 })
	c := e.createSession(e.partner, map[string]any{"format": "express", "mode": "pleniere", "expected": agents})
	host := e.hostConn(c.Code, e.partner)
	as := make([]*leanAgent, agents)
	for i := range agents {
		as[i] = e.leanJoin(c.Code, i)
	}
	host.awaitHost("every agent", func(v *game.HostView) bool { return v.PlayerCount == agents })
	host.cmd(game.KindStart, nil)
	host.awaitHost("card open", func(v *game.HostView) bool { return v.Session.Phase == game.PhaseCardOpen })
	start := time.Now()
	go func() {
		for i, a := range as[:agents-1] {
			card := <-a.card
			var ans payload
			ans.Answer = answerFor(card, i)
			raw, _ := json.Marshal(ans)
			env, _ := json.Marshal(game.Envelope{V: game.ProtocolVersion, Type: string(game.KindAnswer), Data: raw})
			a.ws.WriteMessage(websocket.TextMessage, env)
			time.Sleep(gap) // the agents' pace, not a wait for the server
		}
	}()
	views, last := 0, -1
	final := host.awaitHost("every answer", func(v *game.HostView) bool {
		if v.Answered > 0 {
			views++ // those before the first answer are the card's, not the answers'
		}
		if v.Answered < last {
			t.Errorf("host view went back from %d to %d answers", last, v.Answered)
		}
		last = v.Answered
		return v.Answered == agents-1
	})
	elapsed := time.Since(start)
	if final.Answered != agents-1 || final.Expected != agents || final.PlayerCount != agents || final.TeamCount != 5 ||
		final.Session.Phase != game.PhaseCardOpen {
		t.Fatalf("last host view: %s, %d/%d answered, %d players, %d teams; want card-open, %d/%d, %d, 5",
			final.Session.Phase, final.Answered, final.Expected, final.PlayerCount, final.TeamCount, agents-1, agents, agents)
	}
	answeredTeams := 0
	for _, ts := range final.Teams {
		if ts.Answered {
			answeredTeams++
		}
	}
	if answeredTeams != 5 {
		t.Fatalf("last host view: %d teams marked answered, want 5", answeredTeams)
	}
	// Coalesced: the views the answers caused, at most one per
	// hostViewEvery, plus the first and the last.
	if limit := int(elapsed/hostViewEvery) + 3; views > limit {
		t.Fatalf("%d host views for %d answers in %v: more than one per %v (limit %d)", views, agents, elapsed, hostViewEvery, limit)
	}
	t.Logf("%d answers over %v: %d host views", agents-1, elapsed.Round(time.Millisecond), views)
}
