package client

import (
	"context"
	"encoding/json"
	"reflect"
	"slices"
	"testing"

	"github.com/gorilla/websocket"

	"metodd/game"
)

// TestUnreadableMessagesAreReported: a server message the client cannot
// decode (a newer server, a bug) is counted and shown as an error, and the
// link stays up; it used to be dropped without a trace.
func TestUnreadableMessagesAreReported(t *testing.T) {
	srv := newWSServer(t)
	c := Join(srv.url(), testJoin(), fastBackoff)
	defer c.Close()
	p := srv.next(t)
	p.send(t, game.MsgWelcome, game.Welcome{Role: game.RoleTeam, Code: "ABC234", PlayerID: "p1", TeamID: "t1", Token: "tok"})
	ctx, cancel := context.WithTimeout(context.Background(), testTimeout)
	defer cancel()
	if _, err := c.WaitFor(ctx, func(s State) bool { return s.Status == StatusConnected }); err != nil {
		t.Fatal(err)
	}
	if err := p.ws.WriteMessage(websocket.TextMessage, []byte(`{"v":1,"type":"team-view","data":{"score":"beaucoup"}}`)); err != nil {
		t.Fatal(err)
	}
	s, err := c.WaitFor(ctx, func(s State) bool { return s.Unreadable == 1 })
	if err != nil {
		t.Fatalf("an undecodable view was not reported: %+v", c.Snapshot())
	}
	if s.Error == nil || s.Error.Code != CodeUnreadable || s.Error.Message == "" || s.ErrorCount != 1 || s.LastErr == nil {
		t.Errorf("state after an unreadable view: %+v", s)
	}
	if s.Status != StatusConnected {
		t.Errorf("status %s: the link should stay", s.Status)
	}
	if err := p.ws.WriteMessage(websocket.TextMessage, []byte(`pas du JSON`)); err != nil {
		t.Fatal(err)
	}
	if _, err := c.WaitFor(ctx, func(s State) bool { return s.Unreadable == 2 }); err != nil {
		t.Fatal("an unreadable frame was not reported")
	}
	// Readable views still arrive.
	p.send(t, game.MsgTeamView, game.TeamView{TeamID: "t1", Score: 42})
	if _, err := c.WaitFor(ctx, func(s State) bool { return s.Team != nil && s.Team.Score == 42 }); err != nil {
		t.Fatal(err)
	}
}

// TestViewDecodedInOnePass: a view as the server writes it (its envelope's
// prefix, then the data) is decoded from the frame in one pass, into the
// same view as the envelope then its data; a frame in another key order
// is not taken for one and goes the generic way.
func TestViewDecodedInOnePass(t *testing.T) {
	tv := &game.TeamView{PlayerID: "p1", TeamName: "Équipe « Moutarde »", Score: 12,
		Session: game.SessionInfo{Code: "K7M3QX", Phase: game.PhaseCardOpen, CardIndex: 2}}
	hv := &game.HostView{Session: game.SessionInfo{Code: "K7M3QX", Title: "Séance <test> & co"}, Answered: 3, Expected: 5}
	for _, c := range []struct {
		typ       string
		view, got any
	}{
		{game.MsgTeamView, tv, new(game.TeamView)},
		{game.MsgHostView, hv, new(game.HostView)},
	} {
		data, err := json.Marshal(c.view)
		if err != nil {
			t.Fatal(err)
		}
		frame := append(append(slices.Clone(game.EnvelopePrefix(c.typ)), data...), '}')
		typ, ok := viewType(frame)
		if !ok || typ != c.typ {
			t.Fatalf("%s: viewType = %q, %v", c.typ, typ, ok)
		}
		if err := decodeData(frame, game.Envelope{Type: typ}, c.got); err != nil {
			t.Fatal(err)
		}
		if !reflect.DeepEqual(c.got, c.view) {
			t.Fatalf("%s decoded in one pass:\n%+v\nwant\n%+v", c.typ, c.got, c.view)
		}
		other := []byte(`{"type":"` + c.typ + `","v":1,"data":` + string(data) + `}`)
		if _, ok := viewType(other); ok {
			t.Fatalf("%s: a frame in another key order taken for the server's", c.typ)
		}
	}
}
