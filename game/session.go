package game

// CONTRACT STUB: the signatures below are what the server, the bot and the
// clients build against. The rules work replaces the bodies (and may add
// methods), keeping these signatures.

// Config is what the partner chose when creating a session.
type Config struct {
	Code   string `json:"code"`
	Title  string `json:"title"`
	Format string `json:"format"` // FormatExpress, FormatStandard, FormatComplet, FormatAxis
	Axis   int    `json:"axis,omitempty"`
	Mode   string `json:"mode"` // ModeTeam, ModePlenary
	Seed   int64  `json:"seed"` // draws the cards and shuffles items: same seed, same game
}

// Session is one game's state. It is not safe for concurrent use: the
// server gives each live session to one goroutine.
type Session struct {
	deck *Deck
	cfg  Config
}

// Effect says whose views an accepted command changed, and which players
// must be disconnected (removed or banned).
type Effect struct {
	All     bool     // every view changed
	Host    bool     // the host view changed
	Players []string // these players' views changed
	Kick    []Kick
}

// Kick asks the server to close a player's connection with a reason.
type Kick struct {
	PlayerID string
	Reason   string // ByeRemoved, ByeBanned
}

// Error is a refused command: Code is stable, Message is French for the user.
type Error struct {
	Code    string
	Message string
}

func (e *Error) Error() string { return e.Message }

// TeamRecord is a team as stored when the session ends.
type TeamRecord struct {
	ID      string   `json:"id"`
	Name    string   `json:"name"`
	Color   string   `json:"color"`
	Score   int      `json:"score"`
	Rank    int      `json:"rank"`
	Members []Member `json:"members"`
	Removed bool     `json:"removed"`
	Banned  bool     `json:"banned"`
}

// CardResult is one player's outcome on one played card.
type CardResult struct {
	CardID     string `json:"cardId"`
	Engagement int    `json:"engagement"`
	TeamID     string `json:"teamId"`
	PlayerID   string `json:"playerId"`
	Answered   bool   `json:"answered"`
	Good       bool   `json:"good"`
	Points     int    `json:"points"`
	AnsweredMs int64  `json:"answeredMs"` // time from open to answer
}

// Pick is one member's personal commitment.
type Pick struct {
	TeamID     string `json:"teamId"`
	Member     Member `json:"member"`
	Commitment string `json:"commitment"`
}

// NewSession draws the session's cards from the deck according to cfg.
func NewSession(d *Deck, cfg Config) (*Session, error) { panic("rules: not implemented") }

// Apply runs one command. A refused command returns an *Error and changes
// nothing.
func (s *Session) Apply(c Command) (Effect, error) { panic("rules: not implemented") }

// Phase is the current phase (Phase* constants).
func (s *Session) Phase() string { panic("rules: not implemented") }

// Deadline is when the open card closes (Unix ms), 0 when no card is open or
// while paused. The server sends KindCardTimer at that time.
func (s *Session) Deadline() int64 { panic("rules: not implemented") }

// TeamView is what player id sees at server time now; false if unknown.
func (s *Session) TeamView(playerID string, now int64) (TeamView, bool) {
	panic("rules: not implemented")
}

// HostView is what the projected board shows at server time now.
func (s *Session) HostView(now int64) HostView { panic("rules: not implemented") }

// Teams lists the teams, ranked.
func (s *Session) Teams() []TeamRecord { panic("rules: not implemented") }

// Results lists every player's outcome on every card played so far.
func (s *Session) Results() []CardResult { panic("rules: not implemented") }

// Picks lists the personal commitments chosen.
func (s *Session) Picks() []Pick { panic("rules: not implemented") }

// CountedMembers is who is counted when the session is closed: the members
// of the teams neither removed nor banned at close. Empty unless the phase
// is PhaseClosed.
func (s *Session) CountedMembers() []Member { panic("rules: not implemented") }
