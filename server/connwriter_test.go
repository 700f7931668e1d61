package server

import (
	"encoding/json"
	"fmt"
	"runtime"
	"sync/atomic"
	"testing"
	"time"

	"github.com/gorilla/websocket"

	"metodd/game"
)

// An idle joined connection holds one goroutine, its reader: the writer
// runs only while something is queued (docs/scaling.md, "What a connection
// is made of"). With a writer per connection the count stays at two each.
func TestIdleConnectionHoldsOneGoroutine(t *testing.T) {
	const agents = 40
	e := newEnv(t, func(l *Limits) { l.MaxPreHello = agents + 10 })
	c := e.createSession(e.partner, map[string]any{"format": "express", "mode": "pleniere", "expected": agents})
	before := runtime.NumGoroutine()
	for i := range agents {
		ws, status, msg := e.rawDial()
		if ws == nil {
			t.Fatalf("agent %d: HTTP %d %s", i, status, msg)
		}
		t.Cleanup(func() { ws.Close() })
		data, _ := json.Marshal(game.Join{Code: c.Code, Team: fmt.Sprintf("Service %d", i%5), Members: roster(i, 1)})
		env, _ := json.Marshal(game.Envelope{V: game.ProtocolVersion, Type: game.MsgJoin, Data: data})
		if err := ws.WriteMessage(websocket.TextMessage, env); err != nil {
			t.Fatal(err)
		}
		// The client never reads: its views (a few KB) wait in the kernel's
		// buffers, and it holds no goroutine of its own.
	}
	deadline := time.Now().Add(waitLimit)
	for {
		open, pre := e.srv.ConnCounts()
		extra := runtime.NumGoroutine() - before
		if open == agents && pre == 0 && extra <= agents+2 {
			t.Logf("%d joined connections: %d more goroutines", agents, extra)
			return
		}
		if time.Now().After(deadline) {
			t.Fatalf("%d open, %d without a hello, %d more goroutines for %d idle joined connections; want %d open, 0, at most %d",
				open, pre, extra, agents, agents, agents+2)
		}
		time.Sleep(5 * time.Millisecond)
	}
}

// With no view to send, the keepalive still runs: the ping timer starts a
// writer that pings every PingPeriod.
func TestIdleConnectionIsPinged(t *testing.T) {
	e := newEnv(t, func(l *Limits) { l.PingPeriod = 30 * time.Millisecond })
	c := e.createSession(e.partner, map[string]any{"format": "express", "mode": "pleniere", "expected": 2})
	ws, status, msg := e.rawDial()
	if ws == nil {
		t.Fatalf("HTTP %d %s", status, msg)
	}
	defer ws.Close()
	var pings atomic.Int32
	ws.SetPingHandler(func(string) error {
		pings.Add(1)
		return ws.WriteControl(websocket.PongMessage, nil, time.Now().Add(time.Second))
	})
	data, _ := json.Marshal(game.Join{Code: c.Code, Team: "Service 1", Members: roster(0, 1)})
	env, _ := json.Marshal(game.Envelope{V: game.ProtocolVersion, Type: game.MsgJoin, Data: data})
	if err := ws.WriteMessage(websocket.TextMessage, env); err != nil {
		t.Fatal(err)
	}
	go func() { // control frames are handled while reading
		for {
			if _, _, err := ws.NextReader(); err != nil {
				return
			}
		}
	}()
	deadline := time.Now().Add(waitLimit)
	for pings.Load() < 3 {
		if time.Now().After(deadline) {
			t.Fatalf("%d pings within %v, want 3 (every 30 ms)", pings.Load(), waitLimit)
		}
		time.Sleep(5 * time.Millisecond)
	}
}
