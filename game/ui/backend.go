package ui

import (
	"context"
	"time"

	"metodd/game"
)

// Backend is the network side the screens need. game/client provides it
// over HTTP and the websocket; tests provide views directly. Blocking calls
// are made from goroutines, never from Update.
type Backend interface {
	// Login checks a partner's credentials (POST /api/login).
	Login(ctx context.Context, login, password string) (Account, error)
	// Decks lists the decks a partner may use (GET /api/decks).
	Decks(ctx context.Context, token string) ([]DeckInfo, error)
	// CreateSession creates a session (POST /api/sessions).
	CreateSession(ctx context.Context, token string, req SessionRequest) (SessionCreated, error)
	// JoinTeam joins the session with that code as a team; it returns once
	// the server welcomed the team, or with an error to show.
	JoinTeam(ctx context.Context, code string, j game.Join) (TeamConn, error)
	// ResumeTeam comes back as the team of an earlier Welcome, with its
	// resume token (after a reload or a restart); a refusal is a UserError.
	ResumeTeam(ctx context.Context, code, token string) (TeamConn, error)
	// JoinInfo describes the live session with that code before joining
	// (GET /api/join/{code}): its mode decides the form.
	JoinInfo(ctx context.Context, code string) (JoinInfo, error)
	// Host connects the partner as host of the session with that code.
	Host(ctx context.Context, code, token string) (HostConn, error)
}

// Account is a logged-in partner.
type Account struct {
	Token string
	Role  string
	Name  string
}

// JoinInfo is a live session as a join form sees it: no personal data.
type JoinInfo struct {
	Title string
	Mode  game.Mode
	Phase game.Phase
	Teams []string // names of the teams in play, to join one in a plenary
	Year  int      // the current campaign's year (0: none)
	// Directions is the RSO cell's list of directions, for the team
	// form's picker (empty: the direction is typed).
	Directions []string
}

// DeckInfo is a deck a partner may pick.
type DeckInfo struct {
	ID    string
	Title string
	Cards int
}

// SessionRequest is the creation form: the body of POST /api/sessions.
type SessionRequest = game.SessionRequest

// SessionCreated is the server's answer to a creation.
type SessionCreated = game.SessionCreated

// ConnState is the health of a live connection.
type ConnState int

const (
	ConnOnline       ConnState = iota // connected, views arriving
	ConnReconnecting                  // lost; reconnecting with the resume token
	ConnClosed                        // over for good (removed, session closed): see the reason
)

// Conn is what both roles' connections share.
type Conn interface {
	// Version grows each time a new view arrives.
	Version() uint64
	// Send sends one command (its Kind and payload fields); the server
	// stamps time and actor.
	Send(c game.Command) error
	// State tells whether the connection is up; reason is French, for
	// ConnClosed.
	State() (s ConnState, reason string)
	// Notice is the latest error message the server sent (French) and a
	// number that grows with each one, so a screen shows it once.
	Notice() (n uint64, msg string)
	// ViewAt is when the latest view arrived (local clock): a countdown
	// shows Clock.Remaining minus the time since.
	ViewAt() time.Time
	Close()
}

// TeamConn is a team's live connection.
type TeamConn interface {
	Conn
	TeamView() game.TeamView
}

// HostConn is the partner's live connection.
type HostConn interface {
	Conn
	HostView() game.HostView
}
