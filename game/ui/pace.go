package ui

import (
	"time"

	"github.com/hajimehoshi/ebiten/v2"
)

// Frame pacing. cmd/metodd runs Ebiten in its event-driven mode
// (FPSModeVsyncOffMinimum): a frame (Update then Draw) runs only on input,
// or when something asks for one with ebiten.ScheduleFrame. An idle team in
// the waiting room then costs nearly nothing (docs/client.md). What asks:
//   - the connection, as soon as its state changes (a new view, a notice,
//     the link going down or up): watchChanges;
//   - background work finishing and the fonts being loaded: async, New;
//   - the pacer below, for what is due at a known time: the next second of
//     a running countdown, a toast expiring, the frames of an animation, a
//     held key's repeats.
//
// In Ebiten's default mode (the rendering tests) ScheduleFrame is harmless.

// Pacing intervals, named for what they are for.
const (
	// animFrame paces animations and held keys: 60 frames per second.
	animFrame = time.Second / 60
	// tickSlack lands the countdown's wake-up just after the second
	// changes, so the frame shows the new second.
	tickSlack = 5 * time.Millisecond
)

// scheduleFrame asks Ebiten for a frame. Deprecated in Ebiten 2.5 with
// the FPS modes, but it is the only way to wake the event-driven mode.
func scheduleFrame() {
	ebiten.ScheduleFrame() //lint:ignore SA1019 the event-driven mode needs it (see above)
}

// pacer calls wake at the time asked last: each Update asks again for the
// next time it needs a frame (or for none, with a zero time).
type pacer struct {
	req  chan time.Time
	wake func()
}

func newPacer(wake func()) *pacer {
	p := &pacer{req: make(chan time.Time, 1), wake: wake}
	go p.run()
	return p
}

// at replaces the pending wake-up by one at t (none when t is zero). It
// never blocks the caller (Update).
func (p *pacer) at(t time.Time) {
	if p == nil {
		return // an App made without New (probe.go, tests)
	}
	for {
		select {
		case p.req <- t:
			return
		default:
		}
		select {
		case <-p.req: // drop the older request
		default:
		}
	}
}

func (p *pacer) run() {
	timer := time.NewTimer(time.Hour)
	timer.Stop()
	for {
		select {
		case t := <-p.req:
			timer.Stop()
			if !t.IsZero() {
				timer.Reset(max(time.Until(t), 0))
			}
		case <-timer.C:
			p.wake()
		}
	}
}

// nextFrame is when the app needs its next frame without any input or
// network event; zero for never.
func (a *App) nextFrame(now time.Time) time.Time {
	var next time.Time
	earliest := func(t time.Time) {
		if !t.IsZero() && (next.IsZero() || t.Before(next)) {
			next = t
		}
	}
	if now.Before(a.animUntil) || a.keyHeld() {
		earliest(now.Add(animFrame))
	}
	if t, ok := a.scene.(ticker); ok && t.ticking() {
		earliest(now.Truncate(time.Second).Add(time.Second + tickSlack))
	}
	earliest(a.redrawAt)
	earliest(a.settleAt)
	return next
}

// keyHeld tells whether a key that repeats (backspace, arrows) or the
// mouse button is held: frames keep coming so the repeat runs on time.
func (a *App) keyHeld() bool {
	for _, k := range []ebiten.Key{ebiten.KeyBackspace, ebiten.KeyArrowUp, ebiten.KeyArrowDown} {
		if ebiten.IsKeyPressed(k) {
			return true
		}
	}
	return a.in.down
}

// changer is a connection that tells when its state changes (netConn).
type changer interface{ Changed() <-chan struct{} }

// watchChanges calls wake (scheduleFrame) each time c's state changes
// after ch (c.Changed(), taken by the caller before the goroutine starts so
// no change falls in between), until stop closes: a view from the server
// shows at once.
func watchChanges(c changer, ch <-chan struct{}, stop <-chan struct{}, wake func()) {
	for {
		select {
		case <-ch:
			ch = c.Changed() // before the frame: a change from now on wakes again
			wake()
		case <-stop:
			return
		}
	}
}

// The desktop's hybrid pacing. In the event-driven mode GLFW's sticky keys
// and buttons are off: a press and its release that arrive between two
// frames are both missed, which a driven window (xdotool) and a quick
// click can do. So the desktop runs Ebiten's default loop while the user
// acts, and the event-driven mode only once the app is idle: the waiting
// room, a team reading the board. The input that ends the idle time (the
// pointer moving towards a button, a key held for a human's 100 ms) wakes
// a frame, which switches back before the click or the next key.

// lowPowerLead: the app goes idle only when nothing is due sooner (an
// animation's next frame would otherwise flip the mode at 60 Hz).
const lowPowerLead = 100 * time.Millisecond

// idlePacing switches Ebiten's FPS mode: event-driven once no input came
// for Options.IdleAfter and no frame is due within lowPowerLead, back to
// the default loop on the first input. next is nextFrame's answer.
func (a *App) idlePacing(now, next time.Time) {
	if a.opts.IdleAfter <= 0 || a.setLowPower == nil {
		return
	}
	idle := now.Sub(a.lastInput) >= a.opts.IdleAfter &&
		(next.IsZero() || next.Sub(now) >= lowPowerLead)
	if idle == a.lowPower {
		return
	}
	a.lowPower = idle
	a.setLowPower(idle)
}

// setFPSLow switches Ebiten between its event-driven mode (low) and its
// default loop. In the event-driven mode every frame runs one Update
// (SyncWithFPS): at 60 ticks per second a frame woken less than 8 ms after
// the previous one runs none, and the press that woke it, released before
// the next event, would never be seen (sticky buttons are off there).
func setFPSLow(low bool) {
	if low {
		ebiten.SetTPS(ebiten.SyncWithFPS)
		ebiten.SetFPSMode(ebiten.FPSModeVsyncOffMinimum) //lint:ignore SA1019 see scheduleFrame
		return
	}
	ebiten.SetFPSMode(ebiten.FPSModeVsyncOn) //lint:ignore SA1019 see scheduleFrame
	ebiten.SetTPS(ebiten.DefaultTPS)
}
