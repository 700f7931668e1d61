package main

import (
	"errors"
	"strings"
	"testing"
	"time"

	"metodd/game"
)

func TestParseDelay(t *testing.T) {
	for _, tc := range []struct {
		in     string
		lo, hi time.Duration
		bad    bool
	}{
		{in: "2s", lo: 2 * time.Second, hi: 2 * time.Second},
		{in: "500ms-3s", lo: 500 * time.Millisecond, hi: 3 * time.Second},
		{in: "3s-1s", bad: true},
		{in: "vite", bad: true},
		{in: "1s-", bad: true},
	} {
		lo, hi, err := parseDelay(tc.in)
		if (err != nil) != tc.bad || (!tc.bad && (lo != tc.lo || hi != tc.hi)) {
			t.Errorf("parseDelay(%q) = %v, %v, %v", tc.in, lo, hi, err)
		}
	}
}

func TestParseFlagsRefusesBadInputInFrench(t *testing.T) {
	for _, tc := range []struct {
		args []string
		want string
	}{
		{nil, "--code requis"},
		{[]string{"--code", "ABC", "--mode", "x"}, "inconnu"},
		{[]string{"--code", "ABC", "--members", "9"}, "de 1 à 6"},
		{[]string{"--code", "ABC", "--accuracy", "1.5"}, "entre 0 et 1"},
		{[]string{"--host"}, "--login requis"},
		{[]string{"--code", "ABC", "en trop"}, "argument inattendu"},
		{[]string{"--code", "ABC", "--delay", "vite"}, "illisible"},
	} {
		if _, err := parseFlags(tc.args); err == nil || !strings.Contains(err.Error(), tc.want) {
			t.Errorf("parseFlags(%q) = %v, want an error saying %q", tc.args, err, tc.want)
		}
	}
	o, err := parseFlags([]string{"--code", "K7M3QX", "--mode", string(game.ModePlenary), "--agents", "30", "--delay", "1s-2s"})
	if err != nil || o.run.agents != 30 || o.run.delayMax != 2*time.Second {
		t.Fatalf("good flags: %+v, %v", o.run, err)
	}
}

func TestJoinsSpreadAgents(t *testing.T) {
	c := runConfig{code: "K7M3QX", mode: game.ModePlenary, teams: 3, agents: 10, seed: 4}
	js := c.joins()
	if len(js) != 10 {
		t.Fatalf("%d joins", len(js))
	}
	teams := map[string]int{}
	for _, j := range js {
		if len(j.Members) != 1 || j.Code != "K7M3QX" {
			t.Fatalf("plenary join %+v", j)
		}
		teams[j.Team]++
	}
	if len(teams) != 3 {
		t.Fatalf("agents spread over %d teams, want 3", len(teams))
	}
	c = runConfig{code: "K7M3QX", mode: game.ModeTeam, teams: 4, members: 3, seed: 4, offset: 2}
	js = c.joins()
	if len(js) != 4 || len(js[3].Members) != 3 {
		t.Fatalf("team joins %+v", js)
	}
	c.offset = 0
	if js0 := c.joins(); js0[0].Members[2] != js[0].Members[0] {
		t.Error("offset does not shift the roster window")
	}
}

func TestSummaryIsBilingual(t *testing.T) {
	r := runResult{code: "K7M3QX", teams: 4, agents: 12, answers: 60, host: game.HostView{Campaign: &game.Campaign{Year: 2025, Count: 137, Goal: 200, Added: 12}}}
	s := summary(r, nil)
	for _, want := range []string{"Bilan : séance K7M3QX terminée", "campagne 2025 : 137 / 200 agents (+12)", "Summary: session K7M3QX finished", "60 answers"} {
		if !strings.Contains(s, want) {
			t.Errorf("summary %q lacks %q", s, want)
		}
	}
	if s := summary(r, errors.New("boom")); !strings.Contains(s, "interrompue (boom)") {
		t.Errorf("failed summary %q", s)
	}
}
