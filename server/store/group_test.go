package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"runtime"
	"sync"
	"testing"
	"time"
)

// The group writer's connection syncs every commit (synchronous = FULL):
// read on that very connection, inside a group transaction.
func TestWriterSynchronousFull(t *testing.T) {
	db := openTest(t)
	v, err := db.WriterSynchronous(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if v != 2 { // 0 OFF, 1 NORMAL, 2 FULL, 3 EXTRA
		t.Fatalf("writer connection: PRAGMA synchronous = %d, want 2 (FULL)", v)
	}
}

// Writes of many sessions arriving together share transactions, each
// session's commands land all or none, and one session's refused write
// (a taken seq) fails only that session's job.
func TestGroupCommitSharesTransactions(t *testing.T) {
	f := newFixture(t)
	const sessions, rounds = 50, 20
	for i := range sessions {
		f.session(t, fmt.Sprintf("s%d", i), fmt.Sprintf("CODE%02d", i))
	}
	before := f.db.GroupStats()
	var wg sync.WaitGroup
	errs := make(chan error, sessions)
	for i := range sessions {
		wg.Add(1)
		go func() {
			defer wg.Done()
			id := fmt.Sprintf("s%d", i)
			for r := range rounds {
				cmds := []PendingCommand{
					{LoggedCommand: LoggedCommand{Seq: int64(2*r + 1), At: 1, Kind: "answer", Data: []byte("{}")}},
					{LoggedCommand: LoggedCommand{Seq: int64(2*r + 2), At: 2, Kind: "answer", Data: []byte("{}")}},
				}
				if err := f.db.AppendCommands(ctx, id, cmds); err != nil {
					errs <- err
					return
				}
			}
		}()
	}
	wg.Wait()
	close(errs)
	for err := range errs {
		t.Fatal(err)
	}
	st := f.db.GroupStats()
	commits, cmds := st.Commits-before.Commits, st.Commands-before.Commands
	if cmds != sessions*rounds*2 {
		t.Fatalf("%d commands counted, want %d", cmds, sessions*rounds*2)
	}
	if commits >= sessions*rounds {
		t.Fatalf("%d commits for %d writes: nothing was grouped", commits, sessions*rounds)
	}
	t.Logf("%d writes of %d sessions in %d commits (%.1f commands per commit)", sessions*rounds, sessions, commits, float64(cmds)/float64(commits))

	// A job whose second command takes a used seq writes neither; the
	// other sessions' jobs of the same moment are written.
	err := f.db.AppendCommands(ctx, "s0", []PendingCommand{
		{LoggedCommand: LoggedCommand{Seq: 2*rounds + 1, Kind: "next", Data: []byte("{}")}},
		{LoggedCommand: LoggedCommand{Seq: 1, Kind: "next", Data: []byte("{}")}},
	})
	if !errors.Is(err, ErrConflict) {
		t.Fatalf("taken seq: %v, want ErrConflict", err)
	}
	if c, _ := f.db.Commands(ctx, "s0"); len(c) != 2*rounds {
		t.Fatalf("s0 holds %d commands after a refused job, want %d", len(c), 2*rounds)
	}
	// A caller that gave up before its write began is not written.
	gone, cancel := context.WithCancel(ctx)
	cancel()
	if err := f.db.AppendCommands(gone, "s1", []PendingCommand{{LoggedCommand: LoggedCommand{Seq: 2*rounds + 1, Kind: "next", Data: []byte("{}")}}}); err == nil {
		t.Fatal("a cancelled write reported written")
	}
	if c, _ := f.db.Commands(ctx, "s1"); len(c) != 2*rounds {
		t.Fatalf("s1 holds %d commands after a cancelled write, want %d", len(c), 2*rounds)
	}
}

// BenchmarkGroupCommit: 1,000 live sessions (one goroutine each, as the
// server's hubs) each append one answer at a time and wait for its commit,
// as a hub does. One op = one answer. Reports the commits per second and
// the answers per commit the group writer reached.
func BenchmarkGroupCommit(b *testing.B) {
	const sessions = 1000
	f := newFixture(b)
	for i := range sessions {
		f.session(b, fmt.Sprintf("s%d", i), fmt.Sprintf("C%05d", i))
	}
	data := []byte(`{"kind":"answer","at":1700000000000,"actor":"6f1c2b9e-1f0a-4c55-9d61-1b7f1f0f6a11","answer":{"card":"c1","choice":2}}`)
	before := f.db.GroupStats()
	b.ReportAllocs()
	b.ResetTimer()
	start := time.Now()
	var wg sync.WaitGroup
	for i := range sessions {
		n := b.N / sessions
		if i < b.N%sessions {
			n++
		}
		wg.Add(1)
		go func() {
			defer wg.Done()
			id := fmt.Sprintf("s%d", i)
			for j := range n {
				if err := f.db.AppendCommands(ctx, id, []PendingCommand{{LoggedCommand: LoggedCommand{Seq: int64(j + 1), At: int64(j), Kind: "answer", Data: data}}}); err != nil {
					b.Error(err)
					return
				}
			}
		}()
	}
	wg.Wait()
	b.StopTimer()
	el := time.Since(start)
	st := f.db.GroupStats()
	commits, cmds := st.Commits-before.Commits, st.Commands-before.Commands
	b.ReportMetric(float64(commits)/el.Seconds(), "commits/s")
	b.ReportMetric(float64(cmds)/float64(max(commits, 1)), "answers/commit")
}

// Many sessions close at once while others keep answering (a morning of
// team sessions ending together): every close succeeds and every answer is
// written. (Closing in a transaction of its own, beside the group writer,
// failed with SQLITE_BUSY or ran out of time with 1,000 sessions in a load
// run; here it passed too, six times slower than on the writer.)
func TestFinishSessionsWhileAnswering(t *testing.T) {
	const closing, answering = 100, 20
	f := newFixture(t)
	for i := range closing + answering {
		f.session(t, fmt.Sprintf("s%d", i), fmt.Sprintf("C%05d", i))
	}
	stop := make(chan struct{})
	errs := make(chan error, closing+answering)
	var wg sync.WaitGroup
	for i := range answering {
		answerUntil(f, fmt.Sprintf("s%d", closing+i), stop, errs, &wg)
	}
	var closers sync.WaitGroup
	for i := range closing {
		closers.Add(1)
		go func() {
			defer closers.Done()
			id := fmt.Sprintf("s%d", i)
			if _, err := f.db.FinishSession(ctx, Outcome{SessionID: id, Closed: true,
				Final: LoggedCommand{Seq: 1, At: 1000, Kind: "close", Data: []byte("{}")},
				Teams: []Team{{ID: "t1", Name: "A", Members: []Member{member(fmt.Sprintf("Ana%d", i), "Roy")}}}}); err != nil {
				errs <- fmt.Errorf("close %s: %w", id, err)
			}
		}()
	}
	closers.Wait()
	close(stop)
	wg.Wait()
	close(errs)
	for err := range errs {
		t.Error(err)
	}
	for i := range closing {
		s, err := f.db.Session(ctx, fmt.Sprintf("s%d", i))
		if err != nil || s.State != StateClosed {
			t.Errorf("session s%d: state %q, %v; want closed", i, s.State, err)
		}
	}
}

// TestCreateSessionsWhileAnswering: partners create sessions while others
// are played: every creation succeeds (on the group writer, beside the
// answers), each code once live, and a live code is refused.
func TestCreateSessionsWhileAnswering(t *testing.T) {
	const creating, answering = 200, 20
	f := newFixture(t)
	for i := range answering {
		f.session(t, fmt.Sprintf("a%d", i), fmt.Sprintf("A%05d", i))
	}
	stop := make(chan struct{})
	errs := make(chan error, creating+answering)
	var wg sync.WaitGroup
	for i := range answering {
		answerUntil(f, fmt.Sprintf("a%d", i), stop, errs, &wg)
	}
	var creators sync.WaitGroup
	for i := range creating {
		creators.Add(1)
		go func() {
			defer creators.Done()
			n := f.newSession(fmt.Sprintf("n%d", i), fmt.Sprintf("N%05d", i))
			if s, err := f.db.CreateSession(ctx, n); err != nil || s.ID != n.ID || s.State != StateLive {
				errs <- fmt.Errorf("create %s: %+v, %w", n.ID, s, err)
			}
		}()
	}
	creators.Wait()
	close(stop)
	wg.Wait()
	close(errs)
	for err := range errs {
		t.Error(err)
	}
	if _, err := f.db.CreateSession(ctx, f.newSession("again", "N00007")); !errors.Is(err, ErrExists) {
		t.Errorf("a second live session with code N00007: %v, want ErrExists", err)
	}
}

// answerUntil appends answers to session id, one command a write, until
// stop closes; the first error goes to errs.
func answerUntil(f fixture, id string, stop chan struct{}, errs chan<- error, wg *sync.WaitGroup) {
	data := []byte(`{"kind":"answer","at":1,"actor":"p","answer":{"card":"c1","choice":2}}`)
	wg.Add(1)
	go func() {
		defer wg.Done()
		for seq := int64(1); ; seq++ {
			select {
			case <-stop:
				return
			default:
			}
			if err := f.db.AppendCommands(ctx, id, []PendingCommand{{LoggedCommand: LoggedCommand{Seq: seq, At: seq, Kind: "answer", Data: data}}}); err != nil {
				errs <- fmt.Errorf("answer %d of %s: %w", seq, id, err)
				return
			}
		}
	}()
}

// TestRefusedJobInAGroup: a refused write (a taken seq) queued with good
// ones lands in the same group: the group is written again with savepoints,
// the good writes are committed in that one transaction and only the
// refused one fails, writing none of its commands.
func TestRefusedJobInAGroup(t *testing.T) {
	f := newFixture(t)
	for _, id := range []string{"g1", "g2", "bad"} {
		f.session(t, id, "C"+id)
	}
	one := func(seq int64) []PendingCommand {
		return []PendingCommand{{LoggedCommand: LoggedCommand{Seq: seq, At: seq, Kind: "answer", Data: []byte("{}")}}}
	}
	if err := f.db.AppendCommands(ctx, "bad", one(1)); err != nil {
		t.Fatal(err)
	}
	// Hold the writer inside a group of its own until the three writes wait.
	hold, held := make(chan struct{}), make(chan struct{})
	go func() {
		_ = f.db.submit(&groupJob{ctx: ctx, fn: func(context.Context, *sql.Tx) error {
			close(held)
			<-hold
			return nil
		}})
	}()
	<-held
	before := f.db.GroupStats()
	results := make(chan error, 3)
	for _, w := range []struct {
		id   string
		cmds []PendingCommand
	}{
		{"g1", one(1)},
		{"bad", append(one(2), one(1)...)}, // its second command takes seq 1 again
		{"g2", one(1)},
	} {
		go func() { results <- f.db.AppendCommands(ctx, w.id, w.cmds) }()
	}
	for len(f.db.group.jobs) < 3 {
		runtime.Gosched()
	}
	close(hold)
	var refused, ok int
	for range 3 {
		switch err := <-results; {
		case err == nil:
			ok++
		case errors.Is(err, ErrConflict):
			refused++
		default:
			t.Fatalf("write: %v", err)
		}
	}
	if ok != 2 || refused != 1 {
		t.Fatalf("%d written, %d refused; want 2 and 1", ok, refused)
	}
	after := f.db.GroupStats()
	// The held group committed first; the three writes were taken together.
	if c, n := after.Commits-before.Commits, after.Commands-before.Commands; c != 2 || n != 2 {
		t.Fatalf("%d commits holding %d commands after the hold; want 2 commits (the hold's, then one group) and 2 commands", c, n)
	}
	for id, want := range map[string]int{"g1": 1, "g2": 1, "bad": 1} {
		if c, err := f.db.Commands(ctx, id); err != nil || len(c) != want {
			t.Errorf("%s holds %d commands (%v), want %d", id, len(c), err, want)
		}
	}
}
