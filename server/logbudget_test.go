package server

import (
	"context"
	"encoding/json"
	"fmt"
	"os"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/gorilla/websocket"

	"metodd/game"
)

// pollUntil checks cond until it holds, failing the test after limit.
func pollUntil(t testing.TB, limit time.Duration, what string, cond func() bool) {
	t.Helper()
	deadline := time.Now().Add(limit)
	for !cond() {
		if time.Now().After(deadline) {
			t.Fatalf("no %s within %s", what, limit)
		}
		time.Sleep(20 * time.Millisecond)
	}
}

// dbBytes is the size of the SQLite file with its write-ahead log.
func dbBytes(t testing.TB, path string) int64 {
	t.Helper()
	var n int64
	for _, p := range []string{path, path + "-wal"} {
		if fi, err := os.Stat(p); err == nil {
			n += fi.Size()
		}
	}
	return n
}

// logFigures counts a session's logged commands and their bytes.
func logFigures(t testing.TB, e *env, sessionID string) (cmds int, bytes int64) {
	t.Helper()
	all, err := e.db.Commands(context.Background(), sessionID)
	if err != nil {
		t.Fatal(err)
	}
	for _, c := range all {
		bytes += int64(len(c.Data))
	}
	return len(all), bytes
}

// fatRoster is a roster message whose data also carries an answer with
// ~60 KB of text, a field the roster kind does not mean.
func fatRoster(members []game.Member) []byte {
	data, _ := json.Marshal(map[string]any{
		"members": members,
		"answer":  map[string]any{"card": "x", "text": strings.Repeat("é", 30000)},
		"chosen":  []map[string]any{{"member": 0, "commitment": strings.Repeat("z", 1000)}},
	})
	env, _ := json.Marshal(game.Envelope{V: game.ProtocolVersion, Type: string(game.KindRoster), ID: "r", Data: data})
	return env
}

// TestLogInflationAttack reproduces issue 8's attack through the real
// server: team connections re-send their roster (the same one, padded
// with 60 KB of fields a roster does not mean) as fast as the message rate
// allows. The log must grow by nothing: an unchanged roster changes
// nothing, and nothing but the roster would be logged anyway. The issue's
// 40 connections × 25 rosters were measured once (docs/security.md); the
// suite sends 6 MB, enough to see any byte of padding logged, and light
// enough for a busy CI machine under -race.
func TestLogInflationAttack(t *testing.T) {
	const conns, perConn = 10, 10 // 10 < the message burst: no flood bye
	e := newEnv(t)
	c := e.createSession(e.partner, nil)
	teams := make([]*wsc, conns)
	members := make([][]game.Member, conns)
	for i := range teams {
		members[i] = []game.Member{agent("Agent", fmt.Sprintf("Numéro %d", i))}
		teams[i] = e.joinTeam(c.Code, fmt.Sprintf("Équipe %d", i), members[i]...)
	}
	cmds0, bytes0 := logFigures(t, e, c.ID)
	size0 := dbBytes(t, e.path)

	var wg sync.WaitGroup
	for i, tc := range teams {
		wg.Add(1)
		go func() {
			defer wg.Done()
			msg := fatRoster(members[i])
			for range perConn {
				if err := tc.ws.WriteMessage(websocket.TextMessage, msg); err != nil {
					t.Errorf("%s: write: %v", tc.name, err)
					return
				}
			}
		}()
	}
	wg.Wait()
	// The hub answers in order: one more roster that changes the team's
	// roster, seen in its view, means every earlier one was handled.
	for i, tc := range teams {
		m := append([]game.Member(nil), members[i]...)
		m = append(m, agent("Témoin", fmt.Sprintf("Fin %d", i)))
		tc.cmd(game.KindRoster, game.CommandData{Members: m})
	}
	// Decoding 60 MB of JSON takes a while under -race on a busy machine.
	pollUntil(t, 2*time.Minute, "the witness rosters", func() bool {
		n, _ := logFigures(t, e, c.ID)
		return n >= cmds0+conns
	})
	for _, tc := range teams {
		tc.awaitTeam("roster", func(v *game.TeamView) bool { return len(v.Members) == 2 })
	}
	cmds1, bytes1 := logFigures(t, e, c.ID)
	size1 := dbBytes(t, e.path)
	t.Logf("attack: %d connections × %d fat rosters: +%d commands logged, +%d bytes of log, database file +%d bytes",
		conns, perConn, cmds1-cmds0, bytes1-bytes0, size1-size0)
	if got := cmds1 - cmds0; got != conns {
		t.Errorf("%d commands logged, want %d (only the %d rosters that changed something)", got, conns, conns)
	}
	if per := (bytes1 - bytes0) / int64(conns); per > 1024 {
		t.Errorf("a roster of 2 members logged as %d bytes: fields the kind does not mean were logged", per)
	}
}
