package main

import (
	"context"
	"regexp"
	"strconv"
	"testing"

	"metodd/game"
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
	for _, re := range []string{`µs of server CPU per answer`, `KB per connection`, `load tool's own CPU [0-9.]+ s \([0-9.]+× the server's\)`} {
		if !regexp.MustCompile(re).MatchString(rep) {
			t.Errorf("report lacks %q:\n%s", re, rep)
		}
	}
}
