package client

import (
	"context"
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
