package main

import (
	"context"
	"encoding/json"
	"fmt"
	"math/rand/v2"
	"sync"
	"testing"
	"time"

	"metodd/game"
	"metodd/game/client"
	"metodd/game/client/bot"
	"metodd/server/store"
)

// TestKilledServerKeepsAcknowledgedAnswers: a plenary's agents answer a
// card over half a second; once half of them saw their answer acknowledged
// (their own view shows it), the real server process gets SIGKILL. The
// SQLite file, opened again, holds every acknowledged answer in its
// command log: the server acknowledges an answer only after the group
// transaction holding it committed (with synchronous = FULL, checked by
// store's TestWriterSynchronousFull, also a power cut would keep it).
func TestKilledServerKeepsAcknowledgedAnswers(t *testing.T) {
	requireE2E(t)
	ctx, cancel := context.WithTimeout(context.Background(), gameTimeout)
	defer cancel()
	s := startServer(t)
	api := s.partner(ctx, "nuits")
	const agents = 120
	sc, err := api.CreateSession(ctx, game.SessionRequest{Format: game.FormatExpress, Mode: game.ModePlenary,
		Direction: "Direction des finances", Site: "Hôtel de ville", Expected: agents})
	if err != nil {
		t.Fatal(err)
	}
	ws, err := api.WebSocketURL()
	if err != nil {
		t.Fatal(err)
	}
	opts := client.Options{MaxAttempts: 1} // no reconnection after the kill
	host := client.Host(ws, sc.Code, api.Token, opts)
	defer host.Close()
	members := bot.Agents(31, agents)
	conns := make([]*client.Conn, agents)
	for i := range agents {
		// One at a time: the server limits the sockets of one address
		// that have not said hello yet.
		conns[i] = client.Join(ws, game.Join{Code: sc.Code, Team: fmt.Sprintf("Service %d", i%6), Members: members[i : i+1]}, opts)
		defer conns[i].Close()
		if _, err := conns[i].WaitFor(ctx, func(st client.State) bool { return st.Team != nil }); err != nil {
			t.Fatalf("agent %d not joined: %v", i, err)
		}
	}
	if _, err := host.WaitFor(ctx, func(st client.State) bool { return st.Host != nil && st.Host.PlayerCount == agents }); err != nil {
		t.Fatalf("host: %v", err)
	}
	if err := host.Send(game.KindStart, nil); err != nil {
		t.Fatal(err)
	}

	var (
		mu     sync.Mutex
		acked  = map[string]bool{} // player ids whose answer their view showed
		killed bool
		half   = make(chan struct{})
		wg     sync.WaitGroup
	)
	r := rand.New(rand.NewPCG(7, 7))
	for i, c := range conns {
		delay := time.Duration(r.IntN(500)) * time.Millisecond
		wg.Add(1)
		go func() {
			defer wg.Done()
			st, err := c.WaitFor(ctx, func(st client.State) bool { return st.Team != nil && st.Team.Card != nil })
			if err != nil {
				t.Errorf("agent %d: no card: %v", i, err)
				return
			}
			time.Sleep(delay) // the agents answer over half a second
			ans := game.AnyAnswer(st.Team.Card.ID, st.Team.Card.Type, len(st.Team.Card.Choices), len(st.Team.Card.Items), len(st.Team.Card.Groups), i)
			if err := c.Send(game.KindAnswer, client.Payload{Answer: &ans}); err != nil {
				return // the server is gone already
			}
			st, err = c.WaitFor(ctx, func(st client.State) bool { return st.Team != nil && st.Team.Answer != nil })
			if err != nil {
				return // killed before its acknowledgement
			}
			mu.Lock()
			defer mu.Unlock()
			if !killed {
				acked[st.Welcome.PlayerID] = true
				if len(acked) == agents/2 {
					close(half)
				}
			}
		}()
	}
	select {
	case <-half:
	case <-ctx.Done():
		t.Fatal("half of the answers never acknowledged")
	}
	mu.Lock()
	killed = true
	s.kill()
	want := len(acked)
	mu.Unlock()
	wg.Wait()

	db, err := store.Open(s.data)
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	cmds, err := db.Commands(context.Background(), sc.ID)
	if err != nil {
		t.Fatal(err)
	}
	logged := map[string]bool{}
	for _, lc := range cmds {
		var c game.Command
		if err := json.Unmarshal(lc.Data, &c); err != nil {
			t.Fatal(err)
		}
		if c.Kind == game.KindAnswer {
			logged[c.Actor] = true
		}
	}
	for pid := range acked {
		if !logged[pid] {
			t.Errorf("agent %s saw its answer acknowledged, the file does not hold it", pid)
		}
	}
	t.Logf("%d answers acknowledged before the kill, %d in the file after it", want, len(logged))
}
