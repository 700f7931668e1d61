package ui

import (
	"sync"
	"testing"
	"time"
)

// paceWait bounds how long a test waits for a wake-up that is due in
// milliseconds (a loaded machine).
const paceWait = 5 * time.Second

func TestPacerWakesAtTheTimeAskedLast(t *testing.T) {
	woke := make(chan time.Time, 10)
	p := newPacer(func() { woke <- time.Now() })
	p.at(time.Now().Add(time.Hour))
	due := time.Now().Add(30 * time.Millisecond)
	p.at(due) // replaces the hour
	select {
	case at := <-woke:
		if at.Before(due) {
			t.Errorf("woke %v early", due.Sub(at))
		}
	case <-time.After(paceWait):
		t.Fatal("no wake-up")
	}
	p.at(time.Now().Add(20 * time.Millisecond))
	p.at(time.Time{}) // cancels
	select {
	case <-woke:
		t.Error("woke after the wake-up was cancelled")
	case <-time.After(200 * time.Millisecond): // the cancelled wake-up was due at 20 ms
	}
}

type fakeChanger struct {
	mu sync.Mutex
	ch chan struct{}
}

func (f *fakeChanger) Changed() <-chan struct{} { f.mu.Lock(); defer f.mu.Unlock(); return f.ch }
func (f *fakeChanger) change() {
	f.mu.Lock()
	close(f.ch)
	f.ch = make(chan struct{})
	f.mu.Unlock()
}

// A view from the server wakes a frame at once, every time, until the
// connection is no longer watched.
func TestWatchChangesWakesOnEveryView(t *testing.T) {
	c := &fakeChanger{ch: make(chan struct{})}
	stop := make(chan struct{})
	woke := make(chan struct{}, 10)
	done := make(chan struct{})
	first := c.Changed()
	go func() { watchChanges(c, first, stop, func() { woke <- struct{}{} }); close(done) }()
	for i := 0; i < 3; i++ {
		c.change()
		select {
		case <-woke:
		case <-time.After(paceWait):
			t.Fatalf("view %d woke no frame", i+1)
		}
	}
	close(stop)
	select {
	case <-done:
	case <-time.After(paceWait):
		t.Fatal("watchChanges did not stop")
	}
}

type tickingScene struct{ loadingScene }

func (*tickingScene) ticking() bool { return true }

// A running countdown asks for a frame just after each second; an idle
// screen asks for none.
func TestNextFrameCountdownAndIdle(t *testing.T) {
	a := &App{scene: &homeScene{}}
	now := time.Date(2025, 3, 14, 10, 0, 7, 400e6, time.UTC)
	if next := a.nextFrame(now); !next.IsZero() {
		t.Errorf("idle screen asks for a frame at %v", next)
	}
	a.scene = &tickingScene{}
	want := time.Date(2025, 3, 14, 10, 0, 8, 0, time.UTC).Add(tickSlack)
	if next := a.nextFrame(now); !next.Equal(want) {
		t.Errorf("countdown: next frame %v, want %v", next, want)
	}
	a.redrawAt = now.Add(100 * time.Millisecond) // a toast expiring first
	if next := a.nextFrame(now); !next.Equal(a.redrawAt) {
		t.Errorf("toast: next frame %v, want %v", next, a.redrawAt)
	}
	a.animUntil = now.Add(time.Second)
	if next := a.nextFrame(now); !next.Equal(now.Add(animFrame)) {
		t.Errorf("animation: next frame %v, want %v", next, now.Add(animFrame))
	}
}

// The desktop's hybrid pacing: the event-driven mode once nothing was
// touched for IdleAfter and nothing is due soon, the default loop back on
// the first input; never while an animation runs; never when not asked
// (the browser, always event-driven).
func TestIdlePacingSwitchesOnIdleAndInput(t *testing.T) {
	var modes []bool
	a := &App{scene: &homeScene{}, opts: Options{IdleAfter: 2 * time.Second}, setLowPower: func(low bool) { modes = append(modes, low) }}
	t0 := time.Date(2025, 3, 14, 10, 0, 0, 0, time.UTC)
	a.lastInput = t0
	step := func(now time.Time) { a.idlePacing(now, a.nextFrame(now)) }
	step(t0.Add(time.Second))
	if len(modes) != 0 {
		t.Fatalf("switched %v one second after input", modes)
	}
	step(t0.Add(2 * time.Second))
	if len(modes) != 1 || !modes[0] || !a.lowPower {
		t.Fatalf("not in the event-driven mode after IdleAfter: %v", modes)
	}
	step(t0.Add(3 * time.Second))
	if len(modes) != 1 {
		t.Fatalf("switched again while idle: %v", modes)
	}
	a.lastInput = t0.Add(4 * time.Second) // the pointer moves
	step(a.lastInput)
	if len(modes) != 2 || modes[1] || a.lowPower {
		t.Fatalf("input did not bring the default loop back: %v", modes)
	}
	// A countdown ticking (a frame due in 600 ms) still lets it idle; an
	// animation (a frame due in 16 ms) does not.
	a.scene = &tickingScene{}
	step(t0.Add(6*time.Second + 400*time.Millisecond))
	if len(modes) != 3 || !modes[2] {
		t.Fatalf("a countdown kept the default loop: %v", modes)
	}
	a.lastInput = t0.Add(7 * time.Second)
	step(a.lastInput)
	now := t0.Add(10 * time.Second)
	a.animUntil = now.Add(time.Second)
	step(now)
	if len(modes) != 4 || a.lowPower {
		t.Fatalf("went idle during an animation: %v", modes)
	}
	b := &App{scene: &homeScene{}, setLowPower: func(bool) { t.Fatal("switched without IdleAfter") }}
	b.idlePacing(t0.Add(time.Hour), time.Time{})
}
