package server

import (
	"bytes"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"runtime"
	"sync"
	"syscall"
	"testing"
	"time"

	"metodd/game"
)

// plenaryBenchPlayers is the plenary of issue 10: the whole staff of a
// service answering on one screen.
const plenaryBenchPlayers = 5000

// fakeConn is a server connection without a socket: what the hub sends
// lands in its mailbox (the latest view, the control queue) and stays
// there. The hub benchmarks measure the session goroutine itself (rules,
// store, view building and encoding) without 5,000 sockets' writers.
// Marked as writing, so no writer ever starts for it.
func fakeConn(s *Server) *conn {
	return &conn{srv: s, writing: true, gone: make(chan struct{})}
}

// latest takes the view waiting in a fake connection's mailbox.
func (c *conn) latest() []byte {
	c.mu.Lock()
	defer c.mu.Unlock()
	v := c.view
	c.view, c.ctrl = message{}, nil
	if v.head == nil {
		return nil
	}
	return append(v.head[:len(v.head):len(v.head)], v.tail...)
}

// plenaryBench is a live plenary of n agents on fake connections, joined
// through the hub as the websocket readers would.
type plenaryBench struct {
	tb      testing.TB
	h       *live
	host    *conn
	players []*conn
	ids     []string
	last    *game.HostView // the latest host view taken from the mailbox
	e       *env
}

func newPlenaryBench(tb testing.TB, e *env, n int) *plenaryBench {
	tb.Helper()
	c := e.createSession(e.partner, map[string]any{"format": "standard", "mode": "pleniere", "expected": n})
	h := e.srv.lookup(c.Code)
	pb := &plenaryBench{tb: tb, h: h, host: fakeConn(e.srv), players: make([]*conn, n), ids: make([]string, n), e: e}
	pb.hello(request{op: opHost, conn: pb.host})
	// Joins arrive together (a room scanning the QR code), each answered.
	var wg sync.WaitGroup
	errs := make(chan error, n)
	for i := range n {
		pb.players[i] = fakeConn(e.srv)
		wg.Add(1)
		go func() {
			defer wg.Done()
			m := roster(i, 1)[0]
			res := pb.helloErr(request{op: opJoin, conn: pb.players[i],
				join: game.Join{Code: c.Code, Team: fmt.Sprintf("Service %d", i%20), Members: []game.Member{m}}})
			if !res.ok {
				errs <- fmt.Errorf("join %d: %+v", i, res.err)
				return
			}
			pb.ids[i] = res.playerID
			pb.players[i].playerID = res.playerID
		}()
	}
	wg.Wait()
	close(errs)
	for err := range errs {
		tb.Fatal(err)
	}
	return pb
}

func (pb *plenaryBench) helloErr(r request) helloResult {
	r.reply = make(chan helloResult, 1)
	pb.h.in <- r
	return <-r.reply
}

func (pb *plenaryBench) hello(r request) {
	pb.tb.Helper()
	if res := pb.helloErr(r); !res.ok {
		pb.tb.Fatalf("hello: %+v", res.err)
	}
}

func (pb *plenaryBench) cmd(conn *conn, actor string, c game.Command) {
	c.Actor = actor
	pb.h.in <- request{op: opCommand, conn: conn, cmd: c}
}

func (pb *plenaryBench) hostCmd(k game.Kind) {
	pb.cmd(pb.host, game.HostActor, game.Command{Kind: k})
}

// awaitHost polls the host's mailbox until a view satisfies ok.
func (pb *plenaryBench) awaitHost(what string, ok func(*game.HostView) bool) *game.HostView {
	pb.tb.Helper()
	deadline := time.Now().Add(time.Minute)
	for time.Now().Before(deadline) {
		if raw := pb.host.latest(); raw != nil {
			var env game.Envelope
			v := new(game.HostView)
			if json.Unmarshal(raw, &env) == nil && json.Unmarshal(env.Data, v) == nil {
				pb.last = v
			}
		}
		if pb.last != nil && ok(pb.last) {
			return pb.last
		}
		time.Sleep(200 * time.Microsecond)
	}
	pb.tb.Fatalf("no host view %s within a minute", what)
	return nil
}

// outOfCards: the host's next step would leave the last card.
func (pb *plenaryBench) outOfCards(v *game.HostView) bool {
	switch v.Session.Phase {
	case game.PhasePodium, game.PhaseDebrief, game.PhaseCommitments, game.PhaseClosed, game.PhaseEnded:
		return true
	}
	return v.Session.Phase == game.PhaseLeaderboard && v.Session.CardIndex == v.Session.CardCount
}

// renew ends the session (its deck is spent) and starts a fresh plenary
// of as many agents; the caller stops the benchmark's timer around it.
func (pb *plenaryBench) renew() {
	pb.hostCmd(game.KindEnd)
	pb.awaitHost("ended", func(v *game.HostView) bool { return v.Session.Phase == game.PhaseEnded })
	*pb = *newPlenaryBench(pb.tb, pb.e, len(pb.players))
}

// toCardOpen moves the session on until a card is open.
func (pb *plenaryBench) toCardOpen() *game.HostView {
	for {
		v := pb.awaitHost("", func(*game.HostView) bool { return true })
		if v.Session.Phase == game.PhaseCardOpen && v.Answered == 0 {
			return v
		}
		if pb.outOfCards(v) {
			pb.renew()
			continue
		}
		kind := game.KindNext
		if v.Session.Phase == game.PhaseLobby {
			kind = game.KindStart
		}
		phase, idx := v.Session.Phase, v.Session.CardIndex
		pb.hostCmd(kind)
		pb.awaitHost("next phase", func(v *game.HostView) bool {
			return v.Session.Phase != phase || v.Session.CardIndex != idx
		})
	}
}

// cpuTime is the process's CPU time so far (user and system): on a shared
// machine the wall time per op swings with the neighbours' load, the CPU
// the server spends much less.
func cpuTime() time.Duration {
	var ru syscall.Rusage
	syscall.Getrusage(syscall.RUSAGE_SELF, &ru)
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
}

// BenchmarkPlenaryAnswer measures the session goroutine of a plenary of
// 5,000 agents taking answers: each is applied, logged to the SQLite file
// and followed by the answering agent's view and the host's. One op = one
// answer; the timer stops when the host sees the last one counted.
func BenchmarkPlenaryAnswer(b *testing.B) {
	e := newEnv(b, fastHost)
	pb := newPlenaryBench(b, e, plenaryBenchPlayers)
	b.ReportAllocs()
	b.ResetTimer()
	var cpu time.Duration
	for done := 0; done < b.N; {
		b.StopTimer()
		v := pb.toCardOpen()
		n := min(b.N-done, plenaryBenchPlayers)
		b.StartTimer()
		c0 := cpuTime()
		for i := range n {
			pb.cmd(pb.players[i], pb.ids[i], game.Command{Kind: game.KindAnswer, Answer: answerFor(v.Card, i)})
		}
		pb.awaitHost("every answer", func(v *game.HostView) bool { return v.Answered >= n })
		cpu += cpuTime() - c0
		done += n
	}
	b.StopTimer()
	b.ReportMetric(float64(cpu.Nanoseconds())/float64(b.N), "cpu-ns/op")
	runtime.KeepAlive(pb)
}

// BenchmarkCardFanOut measures one host step that every agent of a
// 5,000-agent plenary sees (card open, close, reveal, leaderboard): the
// views built, encoded and dropped into 5,000 mailboxes. One op = one step;
// a fresh plenary replaces one whose deck is spent (timer stopped).
func BenchmarkCardFanOut(b *testing.B) {
	e := newEnv(b, fastHost)
	pb := newPlenaryBench(b, e, plenaryBenchPlayers)
	v := pb.toCardOpen()
	b.ReportAllocs()
	b.ResetTimer()
	var cpu time.Duration
	for range b.N {
		b.StopTimer()
		if pb.outOfCards(v) {
			pb.renew()
			v = pb.toCardOpen()
		}
		for _, c := range pb.players {
			c.latest()
		}
		phase, idx := v.Session.Phase, v.Session.CardIndex
		b.StartTimer()
		c0 := cpuTime()
		pb.hostCmd(game.KindNext)
		v = pb.awaitHost("next phase", func(v *game.HostView) bool {
			return v.Session.Phase != phase || v.Session.CardIndex != idx
		})
		// Every agent's mailbox holds its view.
		for _, c := range pb.players {
			for {
				c.mu.Lock()
				got := c.view.head != nil
				c.mu.Unlock()
				if got {
					break
				}
				runtime.Gosched()
			}
		}
		cpu += cpuTime() - c0
	}
	b.ReportMetric(float64(cpu.Nanoseconds())/float64(b.N), "cpu-ns/op")
}

// createWave is how many sessions BenchmarkCreateSession creates at once:
// issue 10's morning of team sessions, every partner pressing « Créer » in
// the same second.
const createWave = 1000

// BenchmarkCreateSession measures POST /api/sessions, in waves of
// createWave at once: the HTTP handler, its reads, the write on the group
// writer and the new hub. One op = one session created; cpu-ns/op is the
// whole process's CPU (the client side included).
func BenchmarkCreateSession(b *testing.B) {
	e := newEnv(b, func(l *Limits) { l.Room.LivePerPartner = 1 << 20 })
	raw, _ := json.Marshal(map[string]any{"format": "express", "mode": "equipe", "direction": "DRH", "expected": 18})
	client := &http.Client{Transport: &http.Transport{MaxIdleConnsPerHost: createWave}}
	create := func() error {
		req, _ := http.NewRequest("POST", e.hs.URL+"/api/sessions", bytes.NewReader(raw))
		req.Header.Set("Authorization", "Bearer "+e.partner)
		resp, err := client.Do(req)
		if err != nil {
			return err
		}
		io.Copy(io.Discard, resp.Body)
		resp.Body.Close()
		if resp.StatusCode != http.StatusCreated {
			return fmt.Errorf("create: HTTP %d", resp.StatusCode)
		}
		return nil
	}
	b.ResetTimer()
	cpu0 := cpuTime()
	errs := make(chan error, b.N)
	for done := 0; done < b.N; done += createWave {
		var wg sync.WaitGroup
		for range min(createWave, b.N-done) {
			wg.Add(1)
			go func() {
				defer wg.Done()
				if err := create(); err != nil {
					errs <- err
				}
			}()
		}
		wg.Wait()
	}
	b.StopTimer()
	b.ReportMetric(float64((cpuTime()-cpu0).Nanoseconds())/float64(b.N), "cpu-ns/op")
	close(errs)
	for err := range errs {
		b.Fatal(err)
	}
}
