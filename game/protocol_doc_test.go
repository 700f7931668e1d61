package game

import (
	"bytes"
	"encoding/json"
	"os"
	"regexp"
	"testing"
)

var exampleRE = regexp.MustCompile("(?s)<!-- example: ([a-z0-9-]+) -->\\s*```json\\n(.*?)```")

// TestProtocolDocExamples decodes every example of docs/protocol.md into
// its Go type, refusing unknown fields, and checks every message type and
// client command has one.
func TestProtocolDocExamples(t *testing.T) {
	doc, err := os.ReadFile("../docs/protocol.md")
	if err != nil {
		t.Fatal(err)
	}
	strict := func(data []byte, v any) error {
		dec := json.NewDecoder(bytes.NewReader(data))
		dec.DisallowUnknownFields()
		return dec.Decode(v)
	}
	targets := map[string]func() any{
		MsgJoin: func() any { return &Join{} }, MsgResume: func() any { return &Resume{} },
		MsgHost: func() any { return &HostHello{} }, MsgWelcome: func() any { return &Welcome{} },
		MsgTeamView: func() any { return &TeamView{} }, MsgHostView: func() any { return &HostView{} },
		MsgError: func() any { return &ErrorMsg{} }, MsgBye: func() any { return &Bye{} },
	}
	commands := []Kind{KindStart, KindNext, KindPause, KindResumeGame, KindAddTime, KindTimeFactor, KindSkip, KindAward,
		KindRemoveTeam, KindRestoreTeam, KindBanTeam, KindEnd, KindClose, KindRoster, KindAnswer, KindCommit}
	for _, k := range commands {
		targets[string(k)] = func() any { return &CommandData{} }
	}
	seen := map[string]bool{}
	errorCodes := map[string]bool{}
	solutions := map[string]bool{} // card types whose solution an example shows
	noteSolution := func(c *CardView) {
		if c == nil || c.Solution == nil {
			return
		}
		sol := c.Solution
		ok := false
		switch c.Type {
		case TypeQCM, TypeVraiFaux:
			ok = sol.Choice >= 0 && sol.Choice < len(c.Choices)
		case TypeEstimation:
			ok = sol.Number > 0 && c.Unit != ""
		case TypeClassement:
			ok = len(sol.Order) == len(c.Items) && len(c.Items) > 0
		case TypeAssociation:
			ok = len(sol.Groups) == len(c.Items) && len(c.Groups) > 0
		case TypeDefi:
			ok = len(sol.Hints) > 0
		}
		if !ok {
			t.Errorf("card %s: its solution does not fit its type %s", c.ID, c.Type)
		}
		solutions[c.Type] = true
	}
	names := map[string]bool{}
	matches := exampleRE.FindAllSubmatch(doc, -1)
	if len(matches) < 20 {
		t.Fatalf("only %d examples", len(matches))
	}
	for _, m := range matches {
		name := string(m[1])
		if names[name] {
			t.Errorf("example %s twice", name)
		}
		names[name] = true
		var env Envelope
		if err := strict(m[2], &env); err != nil {
			t.Errorf("example %s: envelope: %v", name, err)
			continue
		}
		if env.V != ProtocolVersion {
			t.Errorf("example %s: version %d", name, env.V)
		}
		mk, ok := targets[env.Type]
		if !ok {
			t.Errorf("example %s: unknown type %q", name, env.Type)
			continue
		}
		seen[env.Type] = true
		if len(env.Data) == 0 {
			continue
		}
		v := mk()
		if err := strict(env.Data, v); err != nil {
			t.Errorf("example %s (%s): %v", name, env.Type, err)
		}
		// Client messages must pass the rules' own checks too.
		switch x := v.(type) {
		case *Join:
			s, _ := NewSession(seqDeck(TypeQCM), Config{Format: FormatStandard, Mode: ModeTeam})
			if len(x.Members) == 1 {
				s, _ = NewSession(seqDeck(TypeQCM), Config{Format: FormatStandard, Mode: ModePlenary})
			}
			if _, err := s.Apply(Command{Kind: KindJoin, Actor: "p", Join: x}); err != nil {
				t.Errorf("example %s refused by the rules: %v", name, err)
			}
		case *ErrorMsg:
			// The rules' codes are checked here, the server's own codes by
			// the server's test of this page.
			if want := MessageOf(x.Code); want != "" && want != x.Message {
				t.Errorf("example %s: message differs from the code's", name)
			}
			errorCodes[x.Code] = true
		case *TeamView:
			noteSolution(x.Card)
		case *HostView:
			noteSolution(x.Card)
		}
	}
	// Every card type's solution and every connection error are shown.
	for _, typ := range []string{TypeQCM, TypeVraiFaux, TypeEstimation, TypeClassement, TypeAssociation, TypeDefi} {
		if !solutions[typ] {
			t.Errorf("no example of a %s card's solution", typ)
		}
	}
	for _, code := range []string{"no-session", "forbidden", "bad-token"} {
		if !errorCodes[code] {
			t.Errorf("no example of the connection error %s", code)
		}
	}
	for typ := range targets {
		if !seen[typ] {
			t.Errorf("no example of %s", typ)
		}
	}
}

func TestCommandData(t *testing.T) {
	c := CommandData{TeamID: "t1", Points: 500, Seconds: 3}.Command(KindAward, HostActor, 42)
	if c.Kind != KindAward || c.At != 42 || c.Actor != HostActor || c.TeamID != "t1" || c.Points != 500 || c.Seconds != 3 {
		t.Errorf("%+v", c)
	}
}

// TestArchitectureDocSession decodes the session of docs/architecture.md
// into game.SessionRecord, unknown fields refused: the API doc and the type
// the server and the clients share agree.
func TestArchitectureDocSession(t *testing.T) {
	doc, err := os.ReadFile("../docs/architecture.md")
	if err != nil {
		t.Fatal(err)
	}
	m := regexp.MustCompile("(?s)`game.SessionRecord`\\):\\s*```json\\n(.*?)```").FindSubmatch(doc)
	if m == nil {
		t.Fatal("no session example in docs/architecture.md")
	}
	dec := json.NewDecoder(bytes.NewReader(m[1]))
	dec.DisallowUnknownFields()
	var s SessionRecord
	if err := dec.Decode(&s); err != nil {
		t.Fatal(err)
	}
	if s.Live == nil || s.Live.Phase != PhaseCardOpen || s.Mode != ModeTeam || s.JoinURL == "" {
		t.Errorf("%+v", s)
	}
}
