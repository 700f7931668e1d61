package server

import (
	"metodd/game"
)

// RoomLimits bound what the public join code allows: what one player and
// one session may write to the command log, how often an address may read
// a join form, how many live sessions one partner may hold. Host commands
// and the server's own (card timer, expire) are never refused by them: the
// host can always bring a session to its end.
type RoomLimits struct {
	PlayerLogCommands  int     // commands logged per player (device)
	PlayerLogBytes     int64   // bytes logged per player
	SessionLogCommands int     // team commands logged per session (joins included)
	SessionLogBytes    int64   // bytes of team commands logged per session
	JoinInfoRate       float64 // GET /api/join per minute per address, even with a right code
	JoinInfoBurst      int
	LivePerPartner     int // live sessions one partner may have at once
}

// The default room limits, each with its reason. A Complet session has
// game.CompletCards (24) cards; a logged join or roster is at most ~6.5 KB
// (6 members at the rules' longest names), a défi answer ~2.2 KB, any
// other command a few hundred bytes.
const (
	// playerLogCommands: a device logs one join, one answer per card (24),
	// a commitment per member (6) and the roster changes a team makes
	// between cards; 200 is four times the busiest honest device.
	playerLogCommands = 200
	// playerLogBytes: a join, 24 answers all of défi length (53 KB) and 30
	// rosters at the longest names allowed (195 KB) still fit.
	playerLogBytes = 256 << 10
	// sessionLogCommands: a Complet plenary of game.MaxPlayers agents each
	// joining, answering 24 cards and committing is ~270,000 commands.
	sessionLogCommands = 400_000
	// sessionLogBytes: the same plenary logs ~5 KB per agent with real
	// names and answers (TestLogBudgetFitsCompletPlenary measures it),
	// ~50 MB for 10,000 agents; an attacker with the public code cannot
	// make a session's log bigger than this.
	sessionLogBytes = 64 << 20
	// joinInfoRate, joinInfoBurst: a plenary of hundreds behind one NAT
	// address opens the join form within a minute or two; the answer is
	// read from memory, so this only stops a flood from one address.
	joinInfoRate  = 600
	joinInfoBurst = 600
	// livePerPartner: a partner animates a few sessions a week and may
	// prepare a week's sessions ahead; 20 at once is plenty, and bounds
	// the memory and goroutines one account can hold.
	livePerPartner = 20
)

func defaultRoomLimits() RoomLimits {
	return RoomLimits{
		PlayerLogCommands: playerLogCommands, PlayerLogBytes: playerLogBytes,
		SessionLogCommands: sessionLogCommands, SessionLogBytes: sessionLogBytes,
		JoinInfoRate: joinInfoRate, JoinInfoBurst: joinInfoBurst, LivePerPartner: livePerPartner,
	}
}

// logBudget is what a player or a session has logged so far.
type logBudget struct {
	cmds  int
	bytes int64
}

func (b *logBudget) add(n int) {
	b.cmds++
	b.bytes += int64(n)
}

// spent reports whether a budget of max commands and bytes is used up.
func (b logBudget) spent(maxCmds int, maxBytes int64) bool {
	return b.cmds >= maxCmds || b.bytes >= maxBytes
}

// budgeted says whether a command counts against the log budgets: the
// commands of teams (and their joins), not the host's nor the server's.
func budgeted(c game.Command) bool {
	return c.Actor != "" && c.Actor != game.HostActor
}

// withDefaults fills every zero (or negative) room limit from the defaults,
// as Limits.withDefaults does for the others.
func (r RoomLimits) withDefaults() RoomLimits {
	d := defaultRoomLimits()
	orDefault(&r.PlayerLogCommands, d.PlayerLogCommands)
	orDefault(&r.PlayerLogBytes, d.PlayerLogBytes)
	orDefault(&r.SessionLogCommands, d.SessionLogCommands)
	orDefault(&r.SessionLogBytes, d.SessionLogBytes)
	orDefault(&r.JoinInfoRate, d.JoinInfoRate)
	orDefault(&r.JoinInfoBurst, d.JoinInfoBurst)
	orDefault(&r.LivePerPartner, d.LivePerPartner)
	return r
}
