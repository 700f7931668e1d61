package bot

import (
	"context"
	"time"
)

// waker is the wait of the host's and the players' loops: until the Conn
// changes, the bot's next move is due, or ctx is done.
type waker struct {
	timer *time.Timer
}

// wait returns when changed is closed or after wake (never, when wake is
// negative); ctx's error when ctx is done first.
func (w *waker) wait(ctx context.Context, changed <-chan struct{}, wake time.Duration) error {
	w.stop()
	var tc <-chan time.Time
	if wake >= 0 {
		w.timer = time.NewTimer(wake)
		tc = w.timer.C
	}
	select {
	case <-changed:
	case <-tc:
	case <-ctx.Done():
		return ctx.Err()
	}
	return nil
}

// stop releases the pending timer, if any.
func (w *waker) stop() {
	if w.timer != nil {
		w.timer.Stop()
		w.timer = nil
	}
}
