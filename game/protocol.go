package game

import (
	"bytes"
	"encoding/json"
	"fmt"
	"sync"
)

// The wire protocol between the server and the clients: JSON, one message
// per websocket frame, each wrapped in an Envelope. docs/protocol.md shows an
// example of each message; the server, the bot and both clients use exactly
// these types.

// ProtocolVersion is sent in every envelope; the server refuses others.
const ProtocolVersion = 1

// Envelope wraps every message in both directions.
type Envelope struct {
	V    int             `json:"v"`
	Type string          `json:"type"`
	ID   string          `json:"id,omitempty"` // set by the client, echoed in the matching error
	Data json.RawMessage `json:"data,omitempty"`
}

// envelopePrefixes caches EnvelopePrefix by message type (a handful).
var envelopePrefixes sync.Map // string -> []byte

// EnvelopePrefix is the start of a message of type typ as an Envelope
// without an id encodes it, up to its data: `{"v":1,"type":"team-view","data":`.
// The server writes every message as this prefix, the encoded data and a
// closing brace; a client that finds it decodes a view in one pass. The
// bytes are shared: not to be modified.
func EnvelopePrefix(typ string) []byte {
	if p, ok := envelopePrefixes.Load(typ); ok {
		return p.([]byte)
	}
	enc, err := json.Marshal(Envelope{V: ProtocolVersion, Type: typ, Data: json.RawMessage("0")})
	if err != nil || !bytes.HasSuffix(enc, []byte("0}")) {
		panic(fmt.Sprintf("game: envelope of %q: %s: %v", typ, enc, err))
	}
	p, _ := envelopePrefixes.LoadOrStore(typ, enc[:len(enc)-2])
	return p.([]byte)
}

// Message types sent by clients. Besides these, a connected client sends
// commands: the envelope type is the command kind (Kind* constants) and the
// data the Command's payload fields.
const (
	MsgJoin   = "join"   // data: Join — a team (or, in plenary, an agent) joins with the code
	MsgResume = "resume" // data: Resume — reconnect with a resume token
	MsgHost   = "host"   // data: HostHello — the partner connects as host
)

// Message types sent by the server.
const (
	MsgWelcome  = "welcome"   // data: Welcome, once after join/resume/host succeeded
	MsgTeamView = "team-view" // data: TeamView, whenever it changes
	MsgHostView = "host-view" // data: HostView, whenever it changes
	MsgError    = "error"     // data: ErrorMsg; the connection stays open
	MsgBye      = "bye"       // data: Bye, just before the server closes the connection
)

// Join is sent by a team (team mode: one device per team, 1–6 members) or by
// an agent (plenary mode: exactly one member, joining the team named Team,
// created if new).
type Join struct {
	Code    string   `json:"code"`
	Team    string   `json:"team"`
	Color   string   `json:"color,omitempty"` // "#rrggbb"; the server picks one when empty
	Members []Member `json:"members"`
}

// Member is one agent in a team's roster: the identity counted against the
// campaign goal.
type Member struct {
	FirstName    string `json:"firstName"`
	LastName     string `json:"lastName"`
	Collectivite string `json:"collectivite"` // one of Collectivites
	Direction    string `json:"direction"`
	Category     string `json:"category,omitempty"` // one of Categories, or ""
}

// Resume reconnects a player with the token received in Welcome.
type Resume struct {
	Code  string `json:"code"`
	Token string `json:"token"`
}

// HostHello connects the partner as host of one of its sessions; Token is
// the login token from the HTTP API (a cookie works too).
type HostHello struct {
	Code  string `json:"code"`
	Token string `json:"token,omitempty"`
}

// Role is who a connection plays: a team (in plenary, an agent) or the host.
type Role string

// Roles, in Welcome.Role.
const (
	RoleTeam Role = "team"
	RoleHost Role = "host"
)

// Welcome confirms a join, resume or host connection.
type Welcome struct {
	Role     Role   `json:"role"` // RoleTeam or RoleHost
	Code     string `json:"code"`
	PlayerID string `json:"playerId,omitempty"`
	TeamID   string `json:"teamId,omitempty"`
	Token    string `json:"token,omitempty"` // resume token: keep it to reconnect
}

// ErrorMsg reports a refused message or command. Message is French, for the
// user; Code is stable, for programs.
type ErrorMsg struct {
	Code    string `json:"code"`
	Message string `json:"message"`
	Ref     string `json:"ref,omitempty"` // the Envelope.ID it answers
}

// Bye says why the server closes a connection.
type Bye struct {
	Reason  ByeReason `json:"reason"` // ByeSlow, ByeShutdown, ...
	Message string    `json:"message"`
}

// ByeReason says why the server closes a connection.
type ByeReason string

// Bye reasons.
const (
	ByeSlow     ByeReason = "slow"      // the client fell behind; reconnect to get a full view
	ByeShutdown ByeReason = "shutdown"  // the server stops; reconnect shortly
	ByeRemoved  ByeReason = "removed"   // the host removed the team (its devices may resume with their token)
	ByeBanned   ByeReason = "banned"    // the host banned the team
	ByeReplaced ByeReason = "replaced"  // the same player connected from another device
	ByeFlood    ByeReason = "flood"     // too many messages
	ByeProtocol ByeReason = "protocol"  // unreadable frames
	ByeClosed   ByeReason = "closed"    // the session is over
	ByeTooLarge ByeReason = "too-large" // a frame over the read limit
	ByeNoHello  ByeReason = "no-hello"  // no join, resume or host accepted in time after connecting
	ByeRevoked  ByeReason = "revoked"   // the host's login ended (account disabled, new password, logout)
)

// Final says whether a client must not reconnect on its own after this
// bye: the team was removed or banned, the player took its place on another
// device, the session is over, or the host's login ended (its token is gone:
// a reconnection would be refused). Other byes (slow, shutdown, flood,
// protocol, too-large, no-hello) end a connection, not the game:
// reconnecting with the resume token brings a full view.
func (b Bye) Final() bool { return b.Reason.Final() }

// Final says whether a bye with this reason forbids reconnecting (see
// Bye.Final).
func (r ByeReason) Final() bool {
	switch r {
	case ByeRemoved, ByeBanned, ByeReplaced, ByeClosed, ByeRevoked:
		return true
	}
	return false
}

// Kind is a command's kind. On the wire a client's command is an envelope
// whose type is its kind, so no kind a client may send equals a client
// message type (MsgJoin, MsgResume, MsgHost): that is why unpausing is
// "resume-game", not "resume". The rules decide who may send each kind
// (HostOnly, TeamOnly, ServerOnly).
type Kind string

// Command kinds. Host commands are refused from teams and team commands
// from the host.
const (
	// Host commands.
	KindStart       Kind = "start"        // lobby → first card open
	KindNext        Kind = "next"         // advance one phase (close card, reveal, leaderboard, next card, podium, debrief, commitments)
	KindPause       Kind = "pause"        // freeze the timer
	KindResumeGame  Kind = "resume-game"  // unfreeze (not "resume": that is MsgResume, a reconnection)
	KindAddTime     Kind = "add-time"     // Seconds more on the open card
	KindTimeFactor  Kind = "time-factor"  // « temps adapté »: Factor (1 to MaxTimeFactor) times the time of the cards still to open
	KindSkip        Kind = "skip"         // drop the current card, nobody scores
	KindAward       Kind = "award"        // défi: Points (0, 500, 1000) to TeamID
	KindRemoveTeam  Kind = "remove-team"  // TeamID leaves; only its own devices (resume token) or the host bring it back
	KindRestoreTeam Kind = "restore-team" // a removed (not banned) TeamID is back in play; its devices resume with their tokens
	KindBanTeam     Kind = "ban-team"     // TeamID leaves and may not come back
	KindEnd         Kind = "end"          // end early: nobody is counted
	KindClose       Kind = "close"        // after the last card: the session is closed and its agents counted

	// Team commands.
	KindRoster Kind = "roster" // replace the roster (lobby and between cards)
	KindAnswer Kind = "answer" // the one final answer to the open card
	KindCommit Kind = "commit" // each member's personal commitment

	// Server commands (never from a client).
	KindJoin      Kind = "join"       // a join accepted by the server, logged for replay
	KindCardTimer Kind = "card-timer" // the open card's deadline passed
	// KindExpire: the session stayed idle past IdleDeadline (abandoned): it
	// ends, nobody counted. Sent by the server's timer with its time, so the
	// log replays the same.
	KindExpire Kind = "expire"
	// KindRejoin: a player reconnected with its resume token (Actor = its
	// id). Refused with CodeBanned when its team was banned; brings back a
	// team the host removed (until the podium); otherwise changes nothing.
	KindRejoin Kind = "rejoin"
)

// HostOnly says whether only the host may send this kind.
func (k Kind) HostOnly() bool {
	switch k {
	case KindStart, KindNext, KindPause, KindResumeGame, KindAddTime, KindTimeFactor, KindSkip, KindAward,
		KindRemoveTeam, KindRestoreTeam, KindBanTeam, KindEnd, KindClose:
		return true
	}
	return false
}

// TeamOnly says whether only a team (in plenary, an agent) may send this
// kind.
func (k Kind) TeamOnly() bool {
	switch k {
	case KindRoster, KindAnswer, KindCommit:
		return true
	}
	return false
}

// ServerOnly says whether this kind is the server's own (never accepted
// from a client).
func (k Kind) ServerOnly() bool {
	switch k {
	case KindJoin, KindCardTimer, KindRejoin, KindExpire:
		return true
	}
	return false
}

// Command is one input to a session, from a client or the server, stamped
// with the server time. The log of commands is the session's truth: replaying
// it gives the same state.
type Command struct {
	Kind  Kind   `json:"kind"`
	At    int64  `json:"at"`              // server time, Unix milliseconds
	Actor string `json:"actor,omitempty"` // "host", or the player id of a team command

	TeamID  string       `json:"teamId,omitempty"`  // award, remove-team, restore-team, ban-team
	Points  int          `json:"points,omitempty"`  // award
	Seconds int          `json:"seconds,omitempty"` // add-time
	Factor  int          `json:"factor,omitempty"`  // time-factor
	Join    *Join        `json:"join,omitempty"`    // join (the player id is Actor)
	Members []Member     `json:"members,omitempty"` // roster
	Answer  *Answer      `json:"answer,omitempty"`  // answer
	Chosen  []MemberPick `json:"chosen,omitempty"`  // commit
}

// CommandData is the data of a command message from a client: the
// envelope's type is the command kind, and the server stamps the time and
// the actor (a client never chooses them).
type CommandData struct {
	TeamID  string       `json:"teamId,omitempty"`
	Points  int          `json:"points,omitempty"`
	Seconds int          `json:"seconds,omitempty"`
	Factor  int          `json:"factor,omitempty"`
	Members []Member     `json:"members,omitempty"`
	Answer  *Answer      `json:"answer,omitempty"`
	Chosen  []MemberPick `json:"chosen,omitempty"`
}

// Command builds the session command of a client message.
func (d CommandData) Command(kind Kind, actor string, at int64) Command {
	return Command{Kind: kind, At: at, Actor: actor, TeamID: d.TeamID, Points: d.Points,
		Seconds: d.Seconds, Factor: d.Factor, Members: d.Members, Answer: d.Answer, Chosen: d.Chosen}
}

// HostActor is the Actor of host commands.
const HostActor = "host"

// Answer is a team's answer to the open card. Indices refer to the order of
// the CardView the team was shown.
type Answer struct {
	Card   string   `json:"card"`             // the card id: an answer to another card is refused
	Choice *int     `json:"choice,omitempty"` // qcm, vrai-faux
	Number *float64 `json:"number,omitempty"` // estimation
	Order  []int    `json:"order,omitempty"`  // classement: CardView.Items indices, in the chosen order
	Groups []int    `json:"groups,omitempty"` // association: for each CardView.Items index, a CardView.Groups index
	Text   string   `json:"text,omitempty"`   // défi
}

// MemberPick is one member's personal commitment.
type MemberPick struct {
	Member     int    `json:"member"` // index in the team's roster
	Commitment string `json:"commitment"`
}

// Phase is where a session stands.
type Phase string

// Session phases.
const (
	PhaseLobby       Phase = "lobby"
	PhaseCardOpen    Phase = "card-open"
	PhaseCardClosed  Phase = "card-closed"
	PhaseRevealed    Phase = "revealed"
	PhaseLeaderboard Phase = "leaderboard"
	PhasePodium      Phase = "podium"
	PhaseDebrief     Phase = "debrief"
	PhaseCommitments Phase = "commitments"
	PhaseClosed      Phase = "closed" // closed by the partner after the last card: agents counted
	PhaseEnded       Phase = "ended"  // ended early: nobody counted
)

// Over says whether the session is finished (closed or ended).
func (p Phase) Over() bool { return p == PhaseClosed || p == PhaseEnded }

// Mode is how a session is played: one device per team or per agent.
type Mode string

// Formats and play modes.
const (
	FormatExpress  = "express"  // about 8 cards
	FormatStandard = "standard" // 15 cards, one per commitment
	FormatComplet  = "complet"  // about 24 cards
	FormatAxis     = "axe"      // one axis only (Config.Axis)

	ModeTeam    Mode = "equipe"   // one device per team
	ModePlenary Mode = "pleniere" // one device per agent; a team's score is its members' mean
)

// SessionInfo is the part of every view that describes the session.
type SessionInfo struct {
	Code        string `json:"code"`
	Title       string `json:"title"`
	Format      string `json:"format"`
	Mode        Mode   `json:"mode"`
	Phase       Phase  `json:"phase"`
	Paused      bool   `json:"paused"`
	TimeFactor  int    `json:"timeFactor"` // « temps adapté »: the cards still to open last their time times it (1: normal)
	CardIndex   int    `json:"cardIndex"`  // 1-based; 0 before the first card
	CardCount   int    `json:"cardCount"`
	Engagements []int  `json:"engagements"` // the commitment of each card of the session, in play order (the board)
}

// Clock lets a client show a countdown that does not depend on its own
// clock: Remaining is the open card's time left when the view was made.
type Clock struct {
	Now       int64 `json:"now"`       // server time of the view, Unix ms
	Deadline  int64 `json:"deadline"`  // 0 when no card is open
	Remaining int64 `json:"remaining"` // ms; frozen while paused
	Limit     int64 `json:"limit"`     // the card's full time, ms
}

// CardView is a card as shown to players: the answer is absent until reveal.
type CardView struct {
	ID         string    `json:"id"`
	Engagement int       `json:"engagement"`
	Type       string    `json:"type"`
	Difficulty int       `json:"difficulty"`
	Prompt     string    `json:"prompt"`
	Choices    []string  `json:"choices,omitempty"` // qcm, vrai-faux
	Unit       string    `json:"unit,omitempty"`    // estimation
	Items      []string  `json:"items,omitempty"`   // classement (shuffled), association (shuffled)
	Groups     []string  `json:"groups,omitempty"`  // association: group names
	Solution   *Solution `json:"solution,omitempty"`
}

// Solution is sent with the card from the reveal on.
type Solution struct {
	Choice      int      `json:"choice"`           // qcm, vrai-faux
	Number      float64  `json:"number"`           // estimation
	Order       []int    `json:"order,omitempty"`  // classement: Items indices in the right order
	Groups      []int    `json:"groups,omitempty"` // association: the right group of each item
	Hints       []string `json:"hints,omitempty"`  // défi
	Explanation string   `json:"explanation"`
	Source      Source   `json:"source"`
	ODD         []int    `json:"odd"`
}

// Standing is one line of a leaderboard.
type Standing struct {
	Rank    int    `json:"rank"`
	TeamID  string `json:"teamId"`
	Name    string `json:"name"`
	Color   string `json:"color"`
	Score   int    `json:"score"`
	Players int    `json:"players"`
}

// Gauge is the collective "impact collectif": good answers over all answers.
type Gauge struct {
	Good    int `json:"good"`
	Total   int `json:"total"`
	Percent int `json:"percent"`
}

// Result is what one answer earned, shown after the reveal.
type Result struct {
	Answered bool `json:"answered"`
	Good     bool `json:"good"`
	Points   int  `json:"points"` // the card's points, before bonuses
	Bonus    int  `json:"bonus"`  // closest-estimation bonus
	Streak   int  `json:"streak"` // streak bonus
	Total    int  `json:"total"`  // Points+Bonus+Streak
}

// TeamView is everything a team's (or, in plenary, an agent's) screen shows.
type TeamView struct {
	Session     SessionInfo  `json:"session"`
	Clock       Clock        `json:"clock"`
	PlayerID    string       `json:"playerId"`
	TeamID      string       `json:"teamId"`
	TeamName    string       `json:"teamName"`
	Color       string       `json:"color"`
	Members     []Member     `json:"members"`
	Score       int          `json:"score"` // the team's score
	Rank        int          `json:"rank"`
	Teams       int          `json:"teams"`
	Card        *CardView    `json:"card,omitempty"`
	Answer      *Answer      `json:"answer,omitempty"`      // this player's answer to the current card
	Result      *Result      `json:"result,omitempty"`      // from the reveal on
	Leaderboard []Standing   `json:"leaderboard,omitempty"` // top 5
	Gauge       Gauge        `json:"gauge"`
	Commitments []Commitment `json:"commitments,omitempty"` // in the commitments phase
	Chosen      []MemberPick `json:"chosen,omitempty"`
	Removed     bool         `json:"removed,omitempty"`
	Campaign    *Campaign    `json:"campaign,omitempty"` // after close
}

// HostView is what the partner's projected board shows. It holds aggregates
// and the top 10, never every player, so it stays small in a plenary of
// thousands.
type HostView struct {
	Session      SessionInfo   `json:"session"`
	Clock        Clock         `json:"clock"`
	Card         *CardView     `json:"card,omitempty"`
	Answered     int           `json:"answered"`               // teams (plenary: players) that answered the open card
	Expected     int           `json:"expected"`               // teams (plenary: players) that can answer it
	Distribution []int         `json:"distribution,omitempty"` // after close: answers per choice (qcm, vrai-faux)
	Estimates    *Estimates    `json:"estimates,omitempty"`    // after close, estimation cards
	GoodShare    int           `json:"goodShare"`              // after close: GoodShare of this card (over every participant who had it)
	Closed       CloseReason   `json:"closed,omitempty"`       // after close: why the card closed
	Defi         []DefiAnswer  `json:"defi,omitempty"`         // défi answers to award (at most MaxHostList)
	Teams        []TeamSummary `json:"teams"`                  // at most MaxHostList, latest joined first
	TeamCount    int           `json:"teamCount"`
	PlayerCount  int           `json:"playerCount"`
	MemberCount  int           `json:"memberCount"` // roster entries of the teams in play (plenary: their agents); the close counts each person once
	Leaderboard  []Standing    `json:"leaderboard"` // top 10
	Gauge        Gauge         `json:"gauge"`
	Debrief      *Debrief      `json:"debrief,omitempty"`
	Committed    int           `json:"committed"`          // members who picked a personal commitment
	Campaign     *Campaign     `json:"campaign,omitempty"` // after close
}

// MaxHostList caps the lists in a HostView.
const MaxHostList = 50

// MaxSummaryNames caps the names listed per team in a HostView: a team's
// whole roster (MaxTeamMembers), the first agents of a plenary team.
const MaxSummaryNames = MaxTeamMembers

// CloseReason says why a card closed, so the board says what happened.
type CloseReason string

// Close reasons.
const (
	CloseTimer    CloseReason = "timer"    // the time ran out
	CloseAnswered CloseReason = "answered" // every expected team (plenary: agent) answered
	CloseHost     CloseReason = "host"     // the host closed it while time remained
)

// Estimates summarises the estimation answers to a card.
type Estimates struct {
	Min     float64  `json:"min"`
	Median  float64  `json:"median"`
	Max     float64  `json:"max"`
	Closest []string `json:"closest"` // names of the closest teams
}

// DefiAnswer is one team's text answer to a défi card.
type DefiAnswer struct {
	TeamID  string `json:"teamId"`
	Name    string `json:"name"`
	Text    string `json:"text"`
	Awarded *int   `json:"awarded,omitempty"`
}

// TeamSummary is a team as the host sees it.
type TeamSummary struct {
	TeamID   string `json:"teamId"`
	Name     string `json:"name"`
	Color    string `json:"color"`
	Members  int    `json:"members"`
	Players  int    `json:"players"`
	Score    int    `json:"score"`
	Answered bool   `json:"answered"`
	Online   bool   `json:"online"`            // set by the server from its connections
	Removed  bool   `json:"removed,omitempty"` // removed by the host (may come back)
	Banned   bool   `json:"banned,omitempty"`  // banned by the host
	// Names are the members' first names and last-name initials
	// (« Amélie L. »), at most MaxSummaryNames, in roster order.
	Names []string `json:"names,omitempty"`
}

// Debrief is the end-of-session summary.
type Debrief struct {
	PerAxis    []AxisShare `json:"perAxis"`
	LeastKnown []CardShare `json:"leastKnown"` // up to 3 cards with the lowest share of good answers
}

// AxisShare is the share of good answers to one axis's cards.
type AxisShare struct {
	Axis    int `json:"axis"`
	Good    int `json:"good"`
	Total   int `json:"total"`
	Percent int `json:"percent"`
}

// CardShare is the share of good answers to one card.
type CardShare struct {
	CardID      string `json:"cardId"`
	Prompt      string `json:"prompt"`
	Explanation string `json:"explanation"`
	Percent     int    `json:"percent"`
}

// Campaign is the count shown when a session is closed: "Objectif 2025 :
// 137 / 200 agents sensibilisés". Filled by the server, not by the rules.
type Campaign struct {
	Year  int `json:"year"`
	Count int `json:"count"`
	Goal  int `json:"goal"`
	Added int `json:"added"` // agents this session added
}
