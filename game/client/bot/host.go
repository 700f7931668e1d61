package bot

import (
	"context"
	"errors"
	"fmt"
	"time"

	"metodd/game"
	"metodd/game/client"
)

// HostConfig is how the host bot paces a session.
type HostConfig struct {
	// Players is how many players (team mode: teams; plenary: agents) to
	// wait for in the lobby before starting.
	Players int
	// Pace is the pause before each "next" outside an open card (reveal,
	// leaderboard...), so a person watching can read; 0 for tests.
	Pace time.Duration
	// MaxCardWait forces "next" on an open card after that long even when
	// not everyone answered (0: wait for every answer or the card's timer).
	MaxCardWait time.Duration
	// MaxCommitWait closes the session that long into the commitments phase
	// even when some members have not picked (0: a minute).
	MaxCommitWait time.Duration
	// Hold, when set and true for a view, keeps the host from acting on it
	// (tests use it to stop mid-card). Re-checked at every change and every
	// HoldPoll.
	Hold func(game.HostView) bool
	// Close ends with "close" (agents counted); false leaves the session in
	// the commitments phase and returns.
	Close bool
	// Stats, when set, records when each card was asked to open.
	Stats *Stats
}

// HoldPoll is how often a held host looks at its Hold function again.
const HoldPoll = 50 * time.Millisecond

// defaultCommitWait bounds the commitments phase when MaxCommitWait is 0.
const defaultCommitWait = time.Minute

// ErrEnded is returned when the session was ended early.
var ErrEnded = errors.New("bot: the session was ended early")

// Drive runs the session from the lobby to its close through conn (a host
// connection) and returns the last host view (its Campaign holds the count
// after a close).
func Drive(ctx context.Context, conn *client.Conn, cfg HostConfig) (game.HostView, error) {
	if cfg.MaxCommitWait <= 0 {
		cfg.MaxCommitWait = defaultCommitWait
	}
	var (
		last      game.HostView
		key       string    // the state the last command answered
		sentAt    time.Time // when it was sent
		since     time.Time // when the current state began
		sinceKey  string
		errCount  int
		lastError *game.ErrorMsg
		w         waker
	)
	defer w.stop()
	for {
		ch := conn.Changed()
		s := conn.Snapshot()
		now := time.Now()
		if s.Host != nil {
			last = *s.Host
		}
		if s.ErrorCount > errCount {
			// A refused command: let the next look send again.
			errCount, lastError, key = s.ErrorCount, s.Error, ""
		}
		switch last.Session.Phase {
		case game.PhaseClosed:
			return last, nil
		case game.PhaseEnded:
			return last, ErrEnded
		}
		if s.Status == client.StatusClosed {
			if lastError != nil {
				return last, fmt.Errorf("host: %s: %s", lastError.Code, lastError.Message)
			}
			return last, fmt.Errorf("host: %w", closedError(s))
		}
		wake := time.Duration(-1)
		if s.Status == client.StatusConnected && s.Host != nil {
			v := s.Host
			k := fmt.Sprintf("%s/%d", v.Session.Phase, v.Session.CardIndex)
			if k != sinceKey {
				sinceKey, since = k, now
			}
			if cfg.Hold != nil && cfg.Hold(*v) {
				wake = HoldPoll
			} else {
				kind, after := hostMove(v, cfg, now.Sub(since))
				switch {
				case kind == "" && after < 0:
				case kind == "" || after > 0:
					wake = after
				case k == key && now.Sub(sentAt) < resendAfter:
					// Sent already: wait for the view to move (or resend
					// after a lost command).
					wake = resendAfter - now.Sub(sentAt)
				case kind == game.KindClose && !cfg.Close:
					return last, nil
				default:
					if conn.Send(kind, nil) == nil {
						key, sentAt = k, now
						if cfg.Stats != nil && opensCard(v) {
							cfg.Stats.Opening(v.Session.Code, v.Session.CardIndex+1, now)
						}
					}
					wake = resendAfter
				}
			}
		}
		if err := w.wait(ctx, ch, wake); err != nil {
			return last, err
		}
	}
}

// opensCard says whether "next" from v opens a new card.
func opensCard(v *game.HostView) bool {
	switch v.Session.Phase {
	case game.PhaseLobby, game.PhaseLeaderboard:
		return v.Session.CardIndex < v.Session.CardCount
	}
	return false
}

// hostMove says what the host does in view v, which began elapsed ago: a
// command kind ("" for none) and how long to wait before it (-1: until the
// view changes).
func hostMove(v *game.HostView, cfg HostConfig, elapsed time.Duration) (game.Kind, time.Duration) {
	switch v.Session.Phase {
	case game.PhaseLobby:
		if v.PlayerCount >= max(cfg.Players, 1) {
			return game.KindStart, 0
		}
		return "", -1
	case game.PhaseCardOpen:
		if v.Expected > 0 && v.Answered >= v.Expected {
			return game.KindNext, 0
		}
		if cfg.MaxCardWait > 0 {
			if elapsed >= cfg.MaxCardWait {
				return game.KindNext, 0
			}
			return "", cfg.MaxCardWait - elapsed
		}
		return "", -1 // the server's card timer closes it
	case game.PhaseCommitments:
		if v.Committed >= v.MemberCount || elapsed >= cfg.MaxCommitWait {
			return game.KindClose, max(cfg.Pace-elapsed, 0)
		}
		return "", cfg.MaxCommitWait - elapsed
	case game.PhaseCardClosed, game.PhaseRevealed, game.PhaseLeaderboard, game.PhasePodium, game.PhaseDebrief:
		return game.KindNext, max(cfg.Pace-elapsed, 0)
	}
	return "", -1
}
