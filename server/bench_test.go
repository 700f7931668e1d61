package server

import (
	"context"
	"fmt"
	"sync"
	"testing"
	"time"

	"metodd/game"
)

// BenchmarkSessionCommands measures one session goroutine: a host sends
// pause / resume-game alternately over its websocket while 10 teams are
// connected; each command is applied, appended to the SQLite log and
// followed by a fresh view to the 11 connections. One op = one command.
func BenchmarkSessionCommands(b *testing.B) {
	e := newEnv(b, fastHost)
	c := e.createSession(e.partner, nil)
	host := e.hostConn(c.Code, e.partner)
	var teams []*wsc
	for i := range 10 {
		teams = append(teams, e.joinTeam(c.Code, fmt.Sprintf("Équipe %d", i), roster(i*3, 3)...))
	}
	// The team clients read in their goroutines; drop what they receive.
	stop := make(chan struct{})
	defer close(stop)
	for _, t := range teams {
		go func() {
			for {
				select {
				case <-t.in:
				case <-stop:
					return
				}
			}
		}()
	}
	host.cmd(game.KindStart, nil)
	host.awaitHost("card", func(v *game.HostView) bool { return v.Session.Phase == game.PhaseCardOpen })
	logged := func() int {
		cmds, err := e.db.Commands(context.Background(), c.ID)
		if err != nil {
			b.Fatal(err)
		}
		return len(cmds)
	}
	base := logged()
	b.ResetTimer()
	start := time.Now()
	for i := 0; i < b.N; i++ {
		if i%2 == 0 {
			host.cmd(game.KindPause, nil)
		} else {
			host.cmd(game.KindResumeGame, nil)
		}
	}
	// Commands are handled in order: the last one's view marks the end.
	want := b.N%2 == 1
	for {
		host.awaitHost("last command", func(v *game.HostView) bool { return v.Session.Paused == want })
		if logged() >= base+b.N { // the hub logs a command before its views
			break
		}
		host.host = nil // wait for a newer view
	}
	b.StopTimer()
	b.ReportMetric(float64(b.N)/time.Since(start).Seconds(), "commands/s")
}

// BenchmarkJoinAnswerBurst measures a room arriving at once: 50 teams dial
// and join concurrently, the host starts, the 50 answer the first card at
// once. One op = the whole burst (50 joins + 50 answers).
func BenchmarkJoinAnswerBurst(b *testing.B) {
	const teams = 50
	e := newEnv(b, fastHost, func(l *Limits) { l.CodeBurst = 1 << 20 })
	var joins time.Duration
	for i := 0; i < b.N; i++ {
		b.StopTimer()
		c := e.createSession(e.partner, nil)
		host := e.hostConn(c.Code, e.partner)
		b.StartTimer()
		start := time.Now()
		conns := make([]*wsc, teams)
		var wg sync.WaitGroup
		for k := range teams {
			wg.Add(1)
			go func() {
				defer wg.Done()
				conns[k] = e.joinTeam(c.Code, fmt.Sprintf("Équipe %d", k), roster(k*2, 2)...)
			}()
		}
		wg.Wait()
		joins += time.Since(start)
		host.cmd(game.KindStart, nil)
		for k := range teams {
			wg.Add(1)
			go func() {
				defer wg.Done()
				tv := conns[k].awaitTeam("card", func(v *game.TeamView) bool { return v.Card != nil })
				conns[k].cmd(game.KindAnswer, payload{Answer: answerFor(tv.Card, k)})
			}()
		}
		wg.Wait()
		host.awaitHost("all answered", func(v *game.HostView) bool { return v.Session.Phase == game.PhaseCardClosed })
		b.StopTimer()
		host.cmd(game.KindEnd, nil)
		host.awaitHost("ended", func(v *game.HostView) bool { return v.Session.Phase == game.PhaseEnded })
		for _, cn := range conns {
			cn.ws.Close()
		}
		host.ws.Close()
	}
	b.ReportMetric(float64(joins.Milliseconds())/float64(b.N), "ms-joins/op")
}
