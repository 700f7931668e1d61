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
	commands := []Kind{KindStart, KindNext, KindPause, KindResumeGame, KindAddTime, KindSkip, KindAward,
		KindRemoveTeam, KindBanTeam, KindEnd, KindClose, KindRoster, KindAnswer, KindCommit}
	for _, k := range commands {
		targets[string(k)] = func() any { return &CommandData{} }
	}
	seen := map[string]bool{}
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
			if errorMessages[x.Code] != x.Message {
				t.Errorf("example %s: message differs from the code's", name)
			}
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
