package server

import (
	"context"
	"encoding/json"
	"net/http"
	"strings"
	"testing"

	"github.com/gorilla/websocket"

	"metodd/game"
)

// fuzzLimits shrink the log budgets so a fuzz input can reach them.
func fuzzLimits(l *Limits) {
	fastHost(l)
	l.Room.PlayerLogCommands = 12
	l.Room.SessionLogCommands = 40
	l.Room.LivePerPartner = 1 << 20
	l.CodeBurst = 1 << 20
}

// checkLogBudgets asserts a session's log is within its budgets: per
// player and for the whole session (team commands only), each at most one
// command over (the check is made before a command is applied).
func checkLogBudgets(t *testing.T, e *env, sessionID string) {
	t.Helper()
	all, err := e.db.Commands(context.Background(), sessionID)
	if err != nil {
		t.Fatal(err)
	}
	lim := e.limits.Room
	per := map[string]*logBudget{}
	var total logBudget
	for _, lc := range all {
		var c game.Command
		if err := json.Unmarshal(lc.Data, &c); err != nil {
			t.Fatalf("logged command %d unreadable: %v", lc.Seq, err)
		}
		if !budgeted(c) {
			continue
		}
		if per[c.Actor] == nil {
			per[c.Actor] = &logBudget{}
		}
		per[c.Actor].add(len(lc.Data))
		total.add(len(lc.Data))
	}
	for p, b := range per {
		if b.cmds > lim.PlayerLogCommands+1 || b.bytes > lim.PlayerLogBytes+maxMessage {
			t.Fatalf("player %s logged %d commands, %d bytes: over its budget", p, b.cmds, b.bytes)
		}
	}
	if total.cmds > lim.SessionLogCommands+1 || total.bytes > lim.SessionLogBytes+maxMessage {
		t.Fatalf("session logged %d team commands, %d bytes: over its budget", total.cmds, total.bytes)
	}
}

// FuzzWSMessage sends arbitrary bytes through a real websocket, as the
// first message of a connection (the hello decoder) and as a message of a
// joined team and of a host (the command decoder). The server must not
// panic, must keep serving, and nothing may reach another session.
func FuzzWSMessage(f *testing.F) {
	for _, s := range []string{
		`{"v":1,"type":"join","data":{"code":"ABCDEF","team":"X","members":[{"firstName":"a","lastName":"b","collectivite":"CCAS"}]}}`,
		`{"v":1,"type":"roster","data":{"members":[{"firstName":"a","lastName":"b","collectivite":"CCAS"}],"answer":{"card":"x","text":"zzz"}}}`,
		`{"v":1,"type":"answer","data":{"answer":{"card":"x","number":1e400}}}`,
		`{"v":1,"type":"answer","data":{"answer":{"card":"x","choice":-1,"order":[0,0,0]}}}`,
		`{"v":1,"type":"commit","data":{"chosen":[{"member":99,"commitment":"../.."}]}}`,
		`{"v":1,"type":"start"}`, `{"v":1,"type":"card-timer"}`, `{"v":1,"type":"expire"}`,
		`{"v":1,"type":"resume","data":{"code":"ABCDEF","token":"\u0000"}}`,
		`{"v":2}`, `[]`, `null`, `{"v":1,"type":"roster","data":"x"}`, "\xff\xfe", ``,
	} {
		f.Add([]byte(s))
	}
	e := newEnv(f, fuzzLimits)
	other := e.createSession(e.partner, nil)
	e.joinTeam(other.Code, "Témoins", agent("Tom", "Témoin"))
	otherCmds, _ := logFigures(f, e, other.ID)
	c := e.createSession(e.partner, nil)
	team := e.joinTeam(c.Code, "Cibles", agent("Cléo", "Cible"))
	team.ws.Close()
	url := "ws" + strings.TrimPrefix(e.hs.URL, "http") + "/ws"
	hello := func(typ string, data any) []byte {
		raw, _ := json.Marshal(data)
		env, _ := json.Marshal(game.Envelope{V: game.ProtocolVersion, Type: typ, Data: raw})
		return env
	}
	f.Fuzz(func(t *testing.T, msg []byte) {
		for _, first := range [][]byte{nil,
			hello(game.MsgResume, game.Resume{Code: c.Code, Token: team.welcome.Token}),
			hello(game.MsgHost, game.HostHello{Code: c.Code, Token: e.partner}),
		} {
			ws, _, err := websocket.DefaultDialer.Dial(url, nil)
			if err != nil {
				t.Fatalf("dial: %v", err)
			}
			if first != nil {
				ws.WriteMessage(websocket.TextMessage, first)
			}
			ws.WriteMessage(websocket.TextMessage, msg)
			ws.WriteMessage(websocket.BinaryMessage, msg)
			ws.Close()
		}
		resp, err := http.Get(e.hs.URL + "/healthz")
		if err != nil || resp.StatusCode != http.StatusOK {
			t.Fatalf("healthz after the message: %v %v", resp, err)
		}
		resp.Body.Close()
		if n, _ := logFigures(t, e, other.ID); n != otherCmds {
			t.Fatalf("another session's log changed: %d commands, was %d", n, otherCmds)
		}
		checkLogBudgets(t, e, c.ID)
	})
}

// trySend writes a message, ignoring a connection the server closed (a
// removed team, a flood): the program goes on with the others.
func trySend(c *wsc, typ string, data any) {
	raw, _ := json.Marshal(data)
	env, _ := json.Marshal(game.Envelope{V: game.ProtocolVersion, Type: typ, ID: typ, Data: raw})
	_ = c.ws.WriteMessage(websocket.TextMessage, env)
}

// fuzzKinds are the commands a fuzz program picks from.
var fuzzKinds = []string{string(game.KindStart), string(game.KindNext), string(game.KindPause),
	string(game.KindResumeGame), string(game.KindAddTime), string(game.KindSkip), string(game.KindAward),
	string(game.KindRemoveTeam), string(game.KindBanTeam), string(game.KindRoster), string(game.KindAnswer),
	string(game.KindCommit), game.MsgJoin, game.MsgResume, string(game.KindEnd), string(game.KindClose),
	string(game.KindRestoreTeam)}

// FuzzHubCommands runs a program of commands (each 3 bytes: who and what,
// two arguments) through real websockets into a live hub: host, two teams,
// newcomers and resumes. The server must not panic; another session's log
// must not change; the log stays within its budgets; and the log replays
// without a refusal (it holds only what the rules accepted).
func FuzzHubCommands(f *testing.F) {
	f.Add([]byte{9, 0, 0, 9, 1, 1, 9, 0, 0, 0, 0, 0, 10, 0, 0, 1, 0, 0, 1, 0, 0, 1, 0, 0, 6, 1, 2})
	f.Add([]byte{7, 0, 0, 12, 0, 0, 13, 0, 0, 0, 0, 0, 4, 3, 0, 2, 0, 0, 3, 0, 0, 5, 0, 0})
	f.Add([]byte{8, 1, 0, 12, 1, 0, 0, 0, 0, 10, 2, 2, 1, 0, 0, 1, 0, 0, 14, 0, 0, 15, 0, 0})
	f.Add([]byte{7, 0, 0, 16, 0, 0, 7, 0, 1, 0, 0, 0, 16, 0, 1, 13, 1, 0, 16, 0, 1}) // remove, restore, resume
	e := newEnv(f, fuzzLimits)
	other := e.createSession(e.partner, nil)
	e.joinTeam(other.Code, "Témoins", agent("Tom", "Témoin"))
	otherCmds, _ := logFigures(f, e, other.ID)
	rosters := [][]game.Member{
		{agent("Anne", "Martin")},
		{agent("Anne", "Martin"), agent("Paul", "Roux")},
		{{FirstName: strings.Repeat("é", 60), LastName: "x", Collectivite: "CCAS"}},
		{{FirstName: "", LastName: "x", Collectivite: "CCAS"}},
	}
	f.Fuzz(func(t *testing.T, prog []byte) {
		if len(prog) > 3*200 {
			prog = prog[:3*200]
		}
		e.t = t // the env's helpers report to this input
		defer func() { e.t = f }()
		c := e.createSession(e.partner, nil)
		host := e.hostConn(c.Code, e.partner)
		teams := []*wsc{e.joinTeam(c.Code, "Alpha", agent("Alice", "Alpha")), e.joinTeam(c.Code, "Bravo", agent("Bob", "Bravo"))}
		var cur string // the open card's id, as the host last saw it
		for i := 0; i+2 < len(prog); i += 3 {
			kind, a, b := fuzzKinds[int(prog[i])%len(fuzzKinds)], int(prog[i+1]), int(prog[i+2])
			for drained := false; !drained; {
				select {
				case env := <-host.in:
					host.take(env)
				default:
					drained = true
				}
			}
			if host.host != nil && host.host.Card != nil {
				cur = host.host.Card.ID
			}
			tm := teams[a%len(teams)]
			teamID := []string{"t1", "t2", "t9", ""}[b%4]
			switch kind {
			case game.MsgJoin:
				x := e.dial("nouveau", nil)
				trySend(x, game.MsgJoin, game.Join{Code: c.Code, Team: []string{"Alpha", "ALPHA", "Charlie", ""}[a%4], Members: rosters[b%len(rosters)]})
				if a%2 == 0 {
					teams = append(teams, x)
				}
			case game.MsgResume:
				if tm.welcome == nil {
					continue
				}
				x := e.dial("reprise", nil)
				trySend(x, game.MsgResume, game.Resume{Code: c.Code, Token: tm.welcome.Token})
			case string(game.KindRoster):
				trySend(tm, kind, game.CommandData{Members: rosters[b%len(rosters)]})
			case string(game.KindAnswer):
				ch, n := b%4, float64(b)
				trySend(tm, kind, game.CommandData{Answer: &game.Answer{Card: cur, Choice: &ch, Number: &n, Order: []int{0, 1, 2, 3}[:b%5], Text: strings.Repeat("x", b)}})
			case string(game.KindCommit):
				trySend(tm, kind, game.CommandData{Chosen: []game.MemberPick{{Member: b % 3, Commitment: []string{"", "x"}[a%2]}}})
			default:
				trySend(host, kind, game.CommandData{TeamID: teamID, Points: []int{0, 500, 1000, 7}[b%4], Seconds: []int{0, 30, 301}[b%3]})
			}
		}
		// End it: once finished, nothing more is logged.
		host.cmd(game.KindEnd, nil)
		host.awaitHost("finished", func(v *game.HostView) bool {
			return v.Session.Phase == game.PhaseEnded || v.Session.Phase == game.PhaseClosed
		})
		if n, _ := logFigures(t, e, other.ID); n != otherCmds {
			t.Fatalf("another session's log changed: %d commands, was %d", n, otherCmds)
		}
		checkLogBudgets(t, e, c.ID)
		rec, err := e.db.Session(context.Background(), c.ID)
		if err != nil {
			t.Fatal(err)
		}
		rec.State = "live"
		before := len(e.logs.String())
		if _, _, err := e.srv.rebuild(context.Background(), rec); err != nil {
			t.Fatalf("rebuild: %v", err)
		}
		if l := e.logs.String()[before:]; strings.Contains(l, "logged command refused") {
			t.Fatalf("the log does not replay: %s", l)
		}
		for _, tm := range teams {
			tm.ws.Close()
		}
		host.ws.Close()
	})
}
