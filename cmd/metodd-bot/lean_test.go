package main

import (
	"context"
	"encoding/json"
	"fmt"
	"net/http"
	"net/http/httptest"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"sync/atomic"
	"testing"

	"github.com/gorilla/websocket"

	"metodd/game"
	"metodd/game/client/bot"
)

// TestLeanLoadPlaysEverySession: the load mode with lean players against
// the real server binary: 3 team sessions and a plenary play to their
// close with no error, every bot answers every card (the stored answers
// say so), and the report gives the server's CPU per answer, KB per
// connection and the load tool's own CPU.
func TestLeanLoadPlaysEverySession(t *testing.T) {
	requireE2E(t)
	ctx, cancel := context.WithTimeout(context.Background(), gameTimeout)
	defer cancel()
	s := startServer(t)
	api := s.partner(ctx, "chablis")
	d, err := loadDeck("")
	if err != nil {
		t.Fatal(err)
	}
	base := runConfig{
		server: s.url(), teams: 3, members: 2, delayMin: botDelayMin, delayMax: botDelayMax,
		seed: 4, deck: d, api: api, format: game.FormatExpress, lean: true,
	}
	const sessions, plenary = 3, 30
	rep, err := runLoad(ctx, base, loadConfig{sessions: sessions, plenary: plenary, pid: s.cmd.Process.Pid})
	t.Log(rep)
	if err != nil {
		t.Fatalf("lean load: %v", err)
	}
	m := regexp.MustCompile(`(\d+) player connections, (\d+) answers, 0 errors`).FindStringSubmatch(rep)
	if m == nil {
		t.Fatalf("report without the connections, answers and zero errors:\n%s", rep)
	}
	conns, _ := strconv.Atoi(m[1])
	answers, _ := strconv.Atoi(m[2])
	if want := sessions*base.teams + plenary; conns != want {
		t.Errorf("%d connections, want %d", conns, want)
	}
	if want := conns * game.ExpressCards; answers != want {
		t.Errorf("%d answers, want %d (every bot, every card)", answers, want)
	}
	// Every card of every session reached its last lean player (the lean
	// players read a card's opening by its bytes, decoding it later).
	if want := fmt.Sprintf(`card fan-out \(host next → last bot sees the card\): n=%d `, (sessions+1)*game.ExpressCards); !regexp.MustCompile(want).MatchString(rep) {
		t.Errorf("report lacks %q:\n%s", want, rep)
	}
	for _, re := range []string{`µs of server CPU per answer`, `KB per connection`, `load tool's own CPU [0-9.]+ s \([0-9.]+× the server's\)`} {
		if !regexp.MustCompile(re).MatchString(rep) {
			t.Errorf("report lacks %q:\n%s", re, rep)
		}
	}
}

// TestLeanDialTriesAgain: a lean player's upgrade refused with 429 or 503
// (the server's per-address or global budget) is tried again with the
// client's backoff and counted; any other refusal is an error at once.
func TestLeanDialTriesAgain(t *testing.T) {
	var calls atomic.Int32
	up := websocket.Upgrader{}
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		switch n := calls.Add(1); {
		case r.URL.Path == "/forbidden":
			http.Error(w, "non", http.StatusForbidden)
		case n == 1:
			http.Error(w, "trop", http.StatusTooManyRequests)
		case n == 2:
			http.Error(w, "plein", http.StatusServiceUnavailable)
		default:
			if ws, err := up.Upgrade(w, r, nil); err == nil {
				ws.Close()
			}
		}
	}))
	defer srv.Close()
	wsURL := "ws" + strings.TrimPrefix(srv.URL, "http")
	stats := bot.NewStats()
	ws, err := dialLean(context.Background(), websocket.Dialer{}, wsURL+"/ws", stats)
	if err != nil {
		t.Fatalf("dial after a 429 and a 503: %v", err)
	}
	ws.Close()
	if n, r := calls.Load(), stats.Refusals(); n != 3 || r != 2 {
		t.Fatalf("%d upgrade requests, %d refusals counted; want 3 and 2", n, r)
	}
	if _, err := dialLean(context.Background(), websocket.Dialer{}, wsURL+"/forbidden", stats); err == nil || !strings.Contains(err.Error(), "HTTP 403") {
		t.Fatalf("dial refused with 403: %v, want an error naming HTTP 403", err)
	}
	if n, r := calls.Load(), stats.Refusals(); n != 4 || r != 2 {
		t.Fatalf("after a 403: %d requests, %d refusals; want 4 and 2 (not tried again)", n, r)
	}
}

// TestLeanStep: a lean player skips, undecoded, a view that asks
// nothing of it (a card's close, reveal or leaderboard, the same card
// again) but never one with a new card, its pending answer, the
// commitments or the end, nor one whose keys it cannot read.
func TestLeanStep(t *testing.T) {
	// As the server splices a fan-out's view: the player's own part (a
	// team name holding the key, escaped) before the shared part.
	frame := func(phase game.Phase, idx int) []byte {
		own, err := json.Marshal(game.TeamOwn{PlayerID: "p1", TeamName: `Les "phase":"lobby" \ ruses`})
		if err != nil {
			t.Fatal(err)
		}
		shared, err := json.Marshal(game.TeamShared{Session: game.SessionInfo{Code: "K7M3QX", Phase: phase, CardIndex: idx}})
		if err != nil {
			t.Fatal(err)
		}
		f := slices.Clone(game.EnvelopePrefix(game.MsgTeamView))
		f = append(append(f, own[:len(own)-1]...), ',')
		return append(append(f, shared[1:]...), '}')
	}
	for _, c := range []struct {
		phase   game.Phase
		idx     int
		seen    int
		pending bool
		skip    bool
	}{
		{game.PhaseCardOpen, 2, 1, false, false}, // a new card
		{game.PhaseCardOpen, 2, 2, false, true},  // the same card again
		{game.PhaseCardOpen, 2, 2, true, false},  // its answer may show
		{game.PhaseCardClosed, 2, 2, false, true},
		{game.PhaseRevealed, 2, 2, false, true},
		{game.PhaseLeaderboard, 2, 2, true, false},
		{game.PhaseLobby, 0, -1, false, true},
		{game.PhaseCommitments, 8, 8, false, false},
		{game.PhaseClosed, 8, 8, false, false},
		{game.PhaseEnded, 8, 8, false, false},
	} {
		if step, _ := stepFor(frame(c.phase, c.idx), c.seen, c.pending); (step == stepSkip) != c.skip {
			t.Errorf("%s card %d (seen %d, pending %v): step %d, want skipped %v", c.phase, c.idx, c.seen, c.pending, step, c.skip)
		}
	}
	if step, _ := stepFor([]byte(`{"v":1,"type":"team-view","data":{}}`), 1, false); step == stepSkip {
		t.Error("a view without its phase skipped")
	}
	for _, c := range []struct {
		phase   game.Phase
		idx     int
		seen    int
		pending bool
		isNew   bool
	}{
		{game.PhaseCardOpen, 3, 2, false, true},
		{game.PhaseCardOpen, 3, 3, false, false},
		{game.PhaseCardOpen, 3, 2, true, false}, // decoded: its answer may show
		{game.PhaseCardClosed, 3, 2, false, false},
	} {
		step, idx := stepFor(frame(c.phase, c.idx), c.seen, c.pending)
		if ok := step == stepOpen; ok != c.isNew || ok && idx != c.idx {
			t.Errorf("%s card %d (seen %d, pending %v): opens card %d: %v", c.phase, c.idx, c.seen, c.pending, idx, ok)
		}
	}
}
