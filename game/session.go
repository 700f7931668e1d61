package game

import (
	"math"
	"sort"
	"strings"
	"unicode"
	"unicode/utf8"
)

// The session state machine: NewSession draws the cards, Apply runs one
// command at a time (each stamped with the server time), and the views are
// computed from the state (views.go). docs/rules.md describes the phases,
// the commands allowed in each and the scoring.
//
// Determinism: nothing here reads a clock or iterates a map in an order that
// matters, so the same commands on the same deck and config always give the
// same state.

// Session limits, with their reasons.
const (
	// MaxTeams bounds a session's teams: a meeting room holds a few, a
	// plenary maybe a hundred; beyond that someone is scripting joins.
	MaxTeams = 500
	// MaxPlayers bounds a plenary: the largest amphitheatre of the
	// collectivités seats well under this.
	MaxPlayers = 10000
	// MaxTeamMembers is the largest team around one laptop (PRODUCT.md).
	MaxTeamMembers = 6
	// MaxTeamNameRunes keeps team names readable on the projected board.
	MaxTeamNameRunes = 40
	// MaxMemberNameRunes is far above any real first or last name.
	MaxMemberNameRunes = 60
	// MaxDirectionRunes fits the longest direction/service names.
	MaxDirectionRunes = 120
	// MaxDefiRunes keeps a défi answer readable on the host's screen.
	MaxDefiRunes = 500
	// MaxAddTimeSeconds bounds one add-time; MaxCardSeconds bounds a card's
	// total time, so a held key cannot stall a session for hours.
	MaxAddTimeSeconds = 300
	MaxCardSeconds    = 1800
	// MaxTimeFactor bounds « temps adapté » (RGAA 13.1: a time limit can be
	// extended): every card's time ×2 or ×3 gives a team reading through a
	// screen reader or a magnifier its time; more would stretch a Standard
	// session past the two hours a meeting slot allows.
	MaxTimeFactor = 3
	// MaxPlayerIDLen bounds the ids the server generates (UUIDs are 36).
	MaxPlayerIDLen = 64
	// MaxGuess bounds an estimation answer (no figure of the report comes
	// near it; larger numbers are typing accidents or attacks).
	MaxGuess = 1e12
	// maxClosestNames caps the list of closest teams in the host view.
	maxClosestNames = 10
	// IdleLobbyMs: a session still in the lobby this long after its
	// creation or its last accepted command is abandoned: a partner may
	// prepare a session (and print its QR code) on a Friday for a Monday
	// meeting, hence four days.
	IdleLobbyMs = 96 * 3600 * 1000
	// IdlePlayMs: a started session without any accepted command for this
	// long is abandoned: a game lasts at most two hours, and a morning game
	// paused over lunch resumes well within it.
	IdlePlayMs = 12 * 3600 * 1000
)

// TeamPalette gives teams distinct colours that stay distinct for the
// common colour-vision deficiencies (Okabe–Ito, then Tol's muted colours).
var TeamPalette = []string{
	"#0072b2", "#e69f00", "#009e73", "#cc79a7", "#56b4e9", "#d55e00",
	"#332288", "#882255", "#44aa99", "#999933", "#aa4499", "#117733",
}

// Config is what the partner chose when creating a session.
type Config struct {
	Code   string `json:"code"`
	Title  string `json:"title"`
	Format string `json:"format"` // FormatExpress, FormatStandard, FormatComplet, FormatAxis
	Axis   int    `json:"axis,omitempty"`
	Mode   Mode   `json:"mode"` // ModeTeam, ModePlenary
	Seed   int64  `json:"seed"` // draws the cards and shuffles items: same seed, same game
	// Created is when the session was created (Unix ms): the lobby's idle
	// time counts from it until the first command.
	Created int64 `json:"created,omitempty"`
	// TimeFactor is « temps adapté » at creation: every card's time times
	// it, 1 to MaxTimeFactor (0 is 1). The host may change it later
	// (KindTimeFactor), for the cards not yet opened.
	TimeFactor int `json:"timeFactor,omitempty"`
}

// Session is one game's state. It is not safe for concurrent use: the
// server gives each live session to one goroutine.
type Session struct {
	deck  *Deck
	cfg   Config
	cards []drawnCard
	engs  []int // each card's commitment, in play order
	// commitments are the deck's, with the goals each serves (recap.go).
	commitments []Commitment

	phase  Phase
	paused bool
	cur    int // current card index; -1 before the first
	plays  []*play

	teams      []*team
	teamByKey  map[string]int // TeamKey of the name → team index
	teamByID   map[string]int
	players    []*player
	playerByID map[string]int
	parts      []*participant

	gaugeGood, gaugeTotal int
	axisGood, axisTotal   [4]int
	committed             int

	lastAt int64 // time of the last command that changed something

	rankDirty bool
	ranked    []int // active teams, best first
	rankOf    []int // team index → rank (0 when inactive)
}

// team is a team; in team mode it is also the one participant that answers.
type team struct {
	id, name, key, color string
	members              []Member // team mode roster
	players              []int
	parts                []int
	removed, banned      bool
	sum                  int      // sum of its participants' scores
	picks                []string // team mode: commitment per roster member
}

// player is one connected device: a team's device in team mode, an agent's
// in plenary.
type player struct {
	id     string
	team   int
	part   int
	member Member // plenary: the agent
	pick   string // plenary: the agent's commitment
}

// participant is who answers and scores: the team in team mode, each
// player in plenary.
type participant struct {
	team   int
	player int // plenary: the player; team mode: -1
	score  int
	run    int // consecutive good answers up to the last finished card
}

// play is one card as it was played.
type play struct {
	openedAt  int64
	limitMs   int64
	deadline  int64 // while not paused
	pausedAt  int64
	pausedMs  int64
	remaining int64 // while paused

	expected  map[int]bool // participants present when the card opened
	expList   []int        // the same, ascending
	nExpected int          // expected and active
	nAnswered int          // answered, expected and active

	answers      map[int]*answerRec
	teamAnswers  map[int]int // team → answers received
	teamFirst    map[int]int // team → first answering participant
	answerTeams  []int       // teams in order of their first answer
	distribution []int

	closed, skipped bool
	closedByHost    bool // the host closed it while time remained
	closedBy        CloseReason
	results         map[int]*Result
	closest         map[int]bool
	awards          map[int]int // team → défi points
	good, total     int
	estimates       *Estimates
}

type answerRec struct {
	ans     Answer
	player  int
	elapsed int64
	limit   int64
}

// Effect says whose views an accepted command changed, and which players
// must be disconnected (removed or banned).
type Effect struct {
	All     bool     // every view changed
	Host    bool     // the host view changed
	Players []string // these players' views changed
	Kick    []Kick
	// Log is the command as the rules accepted it, to append to the log:
	// only the fields its kind means, cleaned (trimmed names, the answer's
	// fields for the card's type). Nil when the command changed nothing
	// (an unchanged roster, a rejoin of a team still in the game): such a
	// command is not logged, and replaying the log gives the same state.
	Log *Command

	noop bool // accepted, but nothing changed
}

// Kick asks the server to close a player's connection with a reason.
type Kick struct {
	PlayerID string
	Reason   ByeReason // ByeRemoved, ByeBanned
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
	Points     int    `json:"points"`     // everything earned on the card: points, closest bonus and streak
	AnsweredMs int64  `json:"answeredMs"` // time from open to answer
}

// Pick is one member's personal commitment.
type Pick struct {
	TeamID     string `json:"teamId"`
	Member     Member `json:"member"`
	Commitment string `json:"commitment"`
}

// NewSession draws the session's cards from the deck according to cfg.
func NewSession(d *Deck, cfg Config) (*Session, error) {
	switch {
	case d == nil:
		return nil, refuse(CodeBadConfig, msgNoDeck)
	case cfg.Format != FormatExpress && cfg.Format != FormatStandard && cfg.Format != FormatComplet && cfg.Format != FormatAxis:
		return nil, refuse(CodeBadConfig, msgUnknownFormat)
	case cfg.Mode != ModeTeam && cfg.Mode != ModePlenary:
		return nil, refuse(CodeBadConfig, msgUnknownMode)
	case cfg.Format == FormatAxis && (cfg.Axis < 1 || cfg.Axis > len(Axes)):
		return nil, refuse(CodeBadConfig, msgUnknownAxis)
	case cfg.TimeFactor < 0 || cfg.TimeFactor > MaxTimeFactor:
		return nil, refuse(CodeBadFactor)
	}
	if cfg.Format != FormatAxis {
		cfg.Axis = 0
	}
	if strings.TrimSpace(cfg.Title) == "" {
		cfg.Title = d.Title
	}
	r := newRNG(cfg.Seed)
	chosen := drawCards(d, cfg, r)
	if len(chosen) == 0 {
		return nil, refuse(CodeBadConfig, msgNoCards)
	}
	s := &Session{
		deck: d, cfg: cfg, phase: PhaseLobby, cur: -1,
		teamByKey: map[string]int{}, teamByID: map[string]int{}, playerByID: map[string]int{},
	}
	for _, c := range chosen {
		s.cards = append(s.cards, prepare(c, r))
		s.engs = append(s.engs, c.Engagement)
	}
	s.commitments = commitmentsWithODD(d)
	return s, nil
}

// Phase is the current phase (Phase* constants).
func (s *Session) Phase() Phase { return s.phase }

// Paused says whether the host paused the open card.
func (s *Session) Paused() bool { return s.paused }

// Config is the session's configuration (Title filled from the deck when
// it was empty).
func (s *Session) Config() Config { return s.cfg }

// Cards lists the session's cards in play order, as in the deck.
func (s *Session) Cards() []Card {
	out := make([]Card, len(s.cards))
	for i, dc := range s.cards {
		out[i] = dc.card
	}
	return out
}

// ActiveTeamNames lists the names of the teams in the game (neither
// removed nor banned), sorted, at most limit of them: what a join form shows.
func (s *Session) ActiveTeamNames(limit int) []string {
	out := []string{}
	for _, t := range s.teams {
		if !t.removed && !t.banned {
			out = append(out, t.name)
		}
	}
	sort.Strings(out)
	return out[:min(len(out), limit)]
}

// PlayerTeam is the team id of a player; false if the player is unknown.
func (s *Session) PlayerTeam(playerID string) (string, bool) {
	pi, ok := s.playerByID[playerID]
	if !ok {
		return "", false
	}
	return s.teams[s.players[pi].team].id, true
}

// timeFactor is « temps adapté »'s factor now: every card opened from
// now on lasts its time times it.
func (s *Session) timeFactor() int {
	return max(1, s.cfg.TimeFactor)
}

// Deadline is when the open card closes (Unix ms), 0 when no card is open or
// while paused. The server sends KindCardTimer at that time.
func (s *Session) Deadline() int64 {
	if s.phase != PhaseCardOpen || s.paused {
		return 0
	}
	return s.plays[s.cur].deadline
}

func fail(e *Error) (Effect, error) { return Effect{}, e }

var allViews = Effect{All: true, Host: true}

// Apply runs one command. A refused command returns an *Error and changes
// nothing: every handler checks everything before it changes anything. An
// accepted one returns in Effect.Log what to log (nil when nothing changed).
func (s *Session) Apply(c Command) (Effect, error) {
	eff, err := s.apply(c)
	if err != nil || eff.noop {
		eff.Log = nil
		return eff, err
	}
	if eff.Log == nil {
		lc := logFields(c)
		eff.Log = &lc
	}
	s.lastAt = max(s.lastAt, c.At)
	return eff, nil
}

// logFields keeps the fields a command's kind means. Join, roster and
// answer log what their handler cleaned instead.
func logFields(c Command) Command {
	out := Command{Kind: c.Kind, At: c.At, Actor: c.Actor}
	switch c.Kind {
	case KindAward:
		out.TeamID, out.Points = c.TeamID, c.Points
	case KindRemoveTeam, KindRestoreTeam, KindBanTeam:
		out.TeamID = c.TeamID
	case KindAddTime:
		out.Seconds = c.Seconds
	case KindTimeFactor:
		out.Factor = c.Factor
	case KindCommit:
		out.Chosen = c.Chosen
	}
	return out
}

// IdleDeadline is when the session becomes abandoned (Unix ms) if no
// command changes anything before: IdleLobbyMs in the lobby, IdlePlayMs
// once started, from the last accepted command or the creation. 0 once
// finished. The server sends KindExpire at that time.
func (s *Session) IdleDeadline() int64 {
	if s.phase.Over() {
		return 0
	}
	limit := int64(IdlePlayMs)
	if s.phase == PhaseLobby {
		limit = IdleLobbyMs
	}
	return max(s.lastAt, s.cfg.Created) + limit
}

func (s *Session) apply(c Command) (Effect, error) {
	if s.phase.Over() {
		return fail(refuse(CodeSessionOver))
	}
	switch {
	case c.Kind.HostOnly():
		if c.Actor != HostActor {
			return fail(refuse(CodeNotHost))
		}
		return s.host(c)
	case c.Kind.TeamOnly():
		if c.Actor == HostActor {
			return fail(refuse(CodeNotTeam))
		}
		pi, ok := s.playerByID[c.Actor]
		if !ok {
			return fail(refuse(CodeUnknownPlayer))
		}
		t := s.teams[s.players[pi].team]
		if t.banned {
			return fail(refuse(CodeBanned))
		}
		if t.removed {
			return fail(refuse(CodeRemoved))
		}
		switch c.Kind {
		case KindRoster:
			return s.roster(pi, c)
		case KindAnswer:
			return s.answer(pi, c)
		default:
			return s.commit(pi, c)
		}
	case c.Kind == KindJoin:
		return s.join(c)
	case c.Kind == KindRejoin:
		return s.rejoin(c)
	case c.Kind == KindCardTimer:
		return s.cardTimer(c)
	case c.Kind == KindExpire:
		if c.Actor != "" {
			return fail(refuse(CodeUnknownPlayer))
		}
		if c.At < s.IdleDeadline() {
			return fail(refuse(CodeNotDue, msgNotIdle))
		}
		s.phase = PhaseEnded
		s.paused = false
		return allViews, nil
	}
	return fail(refuse(CodeUnknownKind))
}

func (s *Session) host(c Command) (Effect, error) {
	switch c.Kind {
	case KindStart:
		if s.phase != PhaseLobby {
			return fail(refuse(CodeWrongPhase))
		}
		return s.start(c.At)
	case KindNext:
		return s.next(c.At)
	case KindPause:
		if s.phase != PhaseCardOpen {
			return fail(refuse(CodeWrongPhase, msgPauseNoCard))
		}
		if s.paused {
			return fail(refuse(CodePaused, msgAlreadyPaused))
		}
		pl := s.plays[s.cur]
		s.paused = true
		pl.pausedAt = c.At
		pl.remaining = max(0, pl.deadline-c.At)
		return allViews, nil
	case KindResumeGame:
		if !s.paused {
			return fail(refuse(CodeNotPaused))
		}
		pl := s.plays[s.cur]
		s.paused = false
		pl.pausedMs += max(0, c.At-pl.pausedAt)
		pl.deadline = c.At + pl.remaining
		return allViews, nil
	case KindAddTime:
		if s.phase != PhaseCardOpen {
			return fail(refuse(CodeNotOpen))
		}
		if c.Seconds < 1 || c.Seconds > MaxAddTimeSeconds {
			return fail(refuse(CodeBadSeconds))
		}
		pl := s.plays[s.cur]
		add := int64(c.Seconds) * 1000
		if pl.limitMs+add > MaxCardSeconds*1000 {
			return fail(refuse(CodeBadSeconds, msgAddTimeLimit))
		}
		pl.limitMs += add
		if s.paused {
			pl.remaining += add
		} else {
			pl.deadline += add
		}
		return allViews, nil
	case KindTimeFactor:
		// For the cards still to open: the open one keeps its time (the
		// partner has add-time for it).
		switch s.phase {
		case PhaseLobby, PhaseCardOpen, PhaseCardClosed, PhaseRevealed, PhaseLeaderboard:
		default:
			return fail(refuse(CodeWrongPhase))
		}
		if c.Factor < 1 || c.Factor > MaxTimeFactor {
			return fail(refuse(CodeBadFactor))
		}
		if c.Factor == s.timeFactor() {
			return Effect{Host: true, noop: true}, nil
		}
		s.cfg.TimeFactor = c.Factor
		return allViews, nil
	case KindSkip:
		if s.phase != PhaseCardOpen && s.phase != PhaseCardClosed && s.phase != PhaseRevealed {
			return fail(refuse(CodeWrongPhase, msgSkipPhase))
		}
		pl := s.plays[s.cur]
		for _, p := range pl.expList {
			if pl.results[p] != nil {
				s.setResult(pl, p, nil)
			}
		}
		pl.skipped = true
		s.paused = false
		s.advance(c.At)
		return allViews, nil
	case KindAward:
		return s.award(c)
	case KindRemoveTeam, KindBanTeam:
		ti, ok := s.teamByID[c.TeamID]
		if !ok {
			return fail(refuse(CodeUnknownTeam))
		}
		t := s.teams[ti]
		if t.banned {
			return fail(refuse(CodeBanned, msgAlreadyBanned))
		}
		if t.removed && c.Kind == KindRemoveTeam {
			return fail(refuse(CodeRemoved, msgAlreadyRemoved))
		}
		reason := ByeRemoved
		if c.Kind == KindBanTeam {
			reason = ByeBanned
			t.banned = true
		}
		eff := allViews
		if !t.removed {
			s.setActive(ti, false)
			for _, pi := range t.players {
				eff.Kick = append(eff.Kick, Kick{PlayerID: s.players[pi].id, Reason: reason})
			}
		}
		s.autoClose(c.At)
		return eff, nil
	case KindRestoreTeam:
		return s.restoreTeam(c)
	case KindEnd:
		s.phase = PhaseEnded
		s.paused = false
		return allViews, nil
	case KindClose:
		if s.phase != PhasePodium && s.phase != PhaseDebrief && s.phase != PhaseCommitments {
			return fail(refuse(CodeWrongPhase, msgCloseEarly))
		}
		s.phase = PhaseClosed
		return allViews, nil
	}
	return fail(refuse(CodeUnknownKind))
}

func (s *Session) start(at int64) (Effect, error) {
	active := false
	for _, t := range s.teams {
		if !t.removed {
			active = true
			break
		}
	}
	if !active {
		return fail(refuse(CodeNoTeam))
	}
	s.openCard(0, at)
	return allViews, nil
}

func (s *Session) next(at int64) (Effect, error) {
	switch s.phase {
	case PhaseLobby:
		return s.start(at)
	case PhaseCardOpen:
		pl := s.plays[s.cur]
		pl.closedByHost = s.paused || at <= pl.deadline
		pl.closedBy = CloseTimer
		if pl.closedByHost {
			pl.closedBy = CloseHost
		}
		s.closeCard(at)
	case PhaseCardClosed:
		s.phase = PhaseRevealed
	case PhaseRevealed:
		s.phase = PhaseLeaderboard
	case PhaseLeaderboard:
		s.finishCard()
		s.advance(at)
	case PhasePodium:
		s.phase = PhaseDebrief
	case PhaseDebrief:
		s.phase = PhaseCommitments
	default:
		return fail(refuse(CodeWrongPhase, msgNextCommitments))
	}
	return allViews, nil
}

// advance opens the next card, or goes to the podium after the last.
func (s *Session) advance(at int64) {
	if s.cur+1 < len(s.cards) {
		s.openCard(s.cur+1, at)
		return
	}
	s.phase = PhasePodium
	s.paused = false
}

func (s *Session) openCard(i int, at int64) {
	dc := s.cards[i]
	limit := min(dc.limitMs*int64(s.timeFactor()), MaxCardSeconds*1000)
	pl := &play{
		openedAt: at, limitMs: limit, deadline: at + limit,
		expected: map[int]bool{}, answers: map[int]*answerRec{},
		teamAnswers: map[int]int{}, teamFirst: map[int]int{},
		results: map[int]*Result{}, closest: map[int]bool{}, awards: map[int]int{},
	}
	if dc.card.Type == TypeQCM || dc.card.Type == TypeVraiFaux {
		pl.distribution = make([]int, len(dc.card.Choices))
	}
	for pi, p := range s.parts {
		if !s.teams[p.team].removed {
			pl.expected[pi] = true
			pl.expList = append(pl.expList, pi)
		}
	}
	pl.nExpected = len(pl.expList)
	s.cur = i
	s.plays = append(s.plays, pl)
	s.phase = PhaseCardOpen
	s.paused = false
}

// autoClose closes the open card once every active expected participant
// has answered.
func (s *Session) autoClose(at int64) bool {
	if s.phase != PhaseCardOpen {
		return false
	}
	pl := s.plays[s.cur]
	if pl.nExpected > 0 && pl.nAnswered >= pl.nExpected {
		pl.closedBy = CloseAnswered
		s.closeCard(at)
		return true
	}
	return false
}

// closeCard scores the card: every answer is known, so the closest
// estimation can be found.
func (s *Session) closeCard(at int64) {
	pl := s.plays[s.cur]
	dc := &s.cards[s.cur]
	s.phase = PhaseCardClosed
	s.paused = false
	pl.closed = true
	if dc.card.Type == TypeEstimation {
		var guesses []float64
		var who []int
		for _, p := range pl.expList {
			// A team the host removed keeps its points but does not take
			// the closest bonus from the teams still playing.
			if a := pl.answers[p]; a != nil && !s.teams[s.parts[p].team].removed {
				guesses = append(guesses, *a.ans.Number)
				who = append(who, p)
			}
		}
		bonus := ClosestBonus(guesses, dc.card.Answer)
		est := &Estimates{Closest: []string{}}
		if len(guesses) > 0 {
			sorted := append([]float64(nil), guesses...)
			sort.Float64s(sorted)
			est.Min, est.Max = sorted[0], sorted[len(sorted)-1]
			m := len(sorted) / 2
			est.Median = sorted[m]
			if len(sorted)%2 == 0 {
				est.Median = (sorted[m-1] + sorted[m]) / 2
			}
		}
		named := map[int]bool{}
		for i, b := range bonus {
			if b > 0 {
				pl.closest[who[i]] = true
				ti := s.parts[who[i]].team
				if !named[ti] && len(est.Closest) < maxClosestNames {
					named[ti] = true
					est.Closest = append(est.Closest, s.teams[ti].name)
				}
			}
		}
		pl.estimates = est
	}
	for _, p := range pl.expList {
		s.setResult(pl, p, s.resultFor(pl, p))
	}
}

// finishCard carries each participant's run of good answers past the card.
func (s *Session) finishCard() {
	pl := s.plays[s.cur]
	if pl.skipped {
		return
	}
	for _, p := range pl.expList {
		if r := pl.results[p]; r != nil && r.Good {
			s.parts[p].run++
		} else {
			s.parts[p].run = 0
		}
	}
}

// resultFor scores participant p on the current card.
func (s *Session) resultFor(pl *play, p int) *Result {
	r := &Result{}
	a := pl.answers[p]
	if a == nil {
		return r
	}
	dc := &s.cards[s.cur]
	r.Answered = true
	correct := false
	switch dc.card.Type {
	case TypeQCM, TypeVraiFaux:
		correct = *a.ans.Choice == dc.solution.Choice
		r.Points = ScoreQCM(correct, a.elapsed, a.limit)
	case TypeEstimation:
		r.Points = ScoreEstimation(*a.ans.Number, dc.card.Answer)
		if pl.closest[p] {
			r.Bonus = EstimationBonus
		}
	case TypeClassement:
		ranks := make([]int, len(a.ans.Order))
		for i, d := range a.ans.Order {
			ranks[i] = dc.rank[d]
		}
		r.Points = ScoreClassement(ranks)
	case TypeAssociation:
		r.Points = ScoreAssociation(a.ans.Groups, dc.rightGroup)
	case TypeDefi:
		r.Points = pl.awards[s.parts[p].team]
	}
	r.Good = IsGood(dc.card.Type, correct, r.Points)
	if r.Good {
		r.Streak = StreakBonus(s.parts[p].run + 1)
	}
	r.Total = r.Points + r.Bonus + r.Streak
	return r
}

// setResult replaces participant p's result on the card (nil removes it)
// and keeps every running counter in step: scores, gauge, per-axis and
// per-card shares.
func (s *Session) setResult(pl *play, p int, r *Result) {
	axis := AxisOf(s.cards[s.cur].card.Engagement)
	delta := 0
	if old := pl.results[p]; old != nil {
		delta -= old.Total
		if old.Answered {
			s.gaugeTotal--
			s.axisTotal[axis]--
			pl.total--
			if old.Good {
				s.gaugeGood--
				s.axisGood[axis]--
				pl.good--
			}
		}
	}
	if r == nil {
		delete(pl.results, p)
	} else {
		pl.results[p] = r
		delta += r.Total
		if r.Answered {
			s.gaugeTotal++
			s.axisTotal[axis]++
			pl.total++
			if r.Good {
				s.gaugeGood++
				s.axisGood[axis]++
				pl.good++
			}
		}
	}
	if delta != 0 {
		part := s.parts[p]
		part.score += delta
		s.teams[part.team].sum += delta
		s.rankDirty = true
	}
}

// setActive removes a team from play or brings it back, keeping the open
// card's counts of expected and answered participants in step.
func (s *Session) setActive(ti int, active bool) {
	t := s.teams[ti]
	t.removed = !active
	s.rankDirty = true
	if s.phase != PhaseCardOpen {
		return
	}
	pl := s.plays[s.cur]
	d := 1
	if !active {
		d = -1
	}
	for _, p := range t.parts {
		if pl.expected[p] {
			pl.nExpected += d
			if pl.answers[p] != nil {
				pl.nAnswered += d
			}
		}
	}
}

func (s *Session) award(c Command) (Effect, error) {
	if s.phase != PhaseCardClosed && s.phase != PhaseRevealed {
		return fail(refuse(CodeWrongPhase, msgAwardPhase))
	}
	if s.cards[s.cur].card.Type != TypeDefi {
		return fail(refuse(CodeNotDefi))
	}
	if !ValidAward(c.Points) {
		return fail(refuse(CodeBadPoints))
	}
	ti, ok := s.teamByID[c.TeamID]
	if !ok {
		return fail(refuse(CodeUnknownTeam))
	}
	pl := s.plays[s.cur]
	if pl.teamAnswers[ti] == 0 {
		return fail(refuse(CodeNotAnswered))
	}
	if p, ok := pl.awards[ti]; ok && p == c.Points {
		return Effect{Host: true, noop: true}, nil
	}
	pl.awards[ti] = c.Points
	for _, p := range s.teams[ti].parts {
		if pl.results[p] != nil {
			s.setResult(pl, p, s.resultFor(pl, p))
		}
	}
	return allViews, nil
}

func (s *Session) cardTimer(c Command) (Effect, error) {
	if s.phase != PhaseCardOpen {
		return fail(refuse(CodeNotOpen))
	}
	if s.paused || c.At < s.plays[s.cur].deadline {
		return fail(refuse(CodeNotDue))
	}
	s.plays[s.cur].closedBy = CloseTimer
	s.closeCard(c.At)
	return allViews, nil
}

// cleanName trims a team name, drops its invisible characters (see
// Invisible: two teams must not look alike under different names) and
// checks it: 1–40 characters, no control characters. HTML is kept as
// text: the clients never interpret it.
func cleanName(name string) (string, bool) {
	name = strings.TrimSpace(StripInvisible(name))
	n := utf8.RuneCountInString(name)
	if n == 0 || n > MaxTeamNameRunes || !utf8.ValidString(name) || Fold(name) == "" {
		return "", false
	}
	for _, r := range name {
		if unicode.IsControl(r) || r == '\u2028' || r == '\u2029' || r == '\ufeff' {
			return "", false
		}
	}
	return name, true
}

// cleanMember trims and checks one roster entry; invisible characters are
// dropped from the names shown (the identity key ignores them anyway).
func cleanMember(m Member) (Member, *Error) {
	m.FirstName = strings.TrimSpace(StripInvisible(m.FirstName))
	m.LastName = strings.TrimSpace(StripInvisible(m.LastName))
	m.Direction = strings.TrimSpace(StripInvisible(m.Direction))
	m.Collectivite = strings.TrimSpace(m.Collectivite)
	m.Category = strings.TrimSpace(m.Category)
	for _, f := range []string{m.FirstName, m.LastName} {
		if f == "" || utf8.RuneCountInString(f) > MaxMemberNameRunes || !plainText(f) {
			return m, refuse(CodeBadMembers, msgMemberName)
		}
	}
	if utf8.RuneCountInString(m.Direction) > MaxDirectionRunes || !plainText(m.Direction) {
		return m, refuse(CodeBadMembers, msgMemberDirection)
	}
	okColl := false
	for _, c := range Collectivites {
		if Fold(c) == Fold(m.Collectivite) {
			m.Collectivite, okColl = c, true
		}
	}
	if !okColl {
		return m, refuse(CodeBadMembers, msgMemberColl)
	}
	okCat := m.Category == ""
	for _, c := range Categories {
		if strings.EqualFold(c, m.Category) {
			m.Category, okCat = c, true
		}
	}
	if !okCat {
		return m, refuse(CodeBadMembers, msgMemberCat)
	}
	return m, nil
}

// plainText is valid UTF-8 without control characters.
func plainText(s string) bool {
	if !utf8.ValidString(s) {
		return false
	}
	for _, r := range s {
		if unicode.IsControl(r) {
			return false
		}
	}
	return true
}

// cleanRoster checks a whole roster for the session's mode.
func (s *Session) cleanRoster(ms []Member) ([]Member, *Error) {
	if s.cfg.Mode == ModePlenary && len(ms) != 1 {
		return nil, refuse(CodeBadMembers, msgPlenaryOne)
	}
	if len(ms) < 1 || len(ms) > MaxTeamMembers {
		return nil, refuse(CodeBadMembers, msgTeamSize)
	}
	out := make([]Member, len(ms))
	for i, m := range ms {
		cm, err := cleanMember(m)
		if err != nil {
			return nil, err
		}
		out[i] = cm
	}
	return out, nil
}

func validColor(c string) bool {
	if len(c) != 7 || c[0] != '#' {
		return false
	}
	for _, r := range c[1:] {
		if !strings.ContainsRune("0123456789abcdefABCDEF", r) {
			return false
		}
	}
	return true
}

func (s *Session) join(c Command) (Effect, error) {
	if c.Actor == "" || c.Actor == HostActor || len(c.Actor) > MaxPlayerIDLen || !plainText(c.Actor) {
		return fail(refuse(CodeUnknownPlayer, msgPlayerID))
	}
	if _, dup := s.playerByID[c.Actor]; dup {
		return fail(refuse(CodeDuplicatePlayer))
	}
	switch s.phase {
	case PhaseLobby, PhaseCardOpen, PhaseCardClosed, PhaseRevealed, PhaseLeaderboard:
	default:
		return fail(refuse(CodeWrongPhase, msgJoinOver))
	}
	if c.Join == nil {
		return fail(refuse(CodeBadName))
	}
	name, ok := cleanName(c.Join.Team)
	if !ok {
		return fail(refuse(CodeBadName))
	}
	color := strings.ToLower(c.Join.Color)
	if color != "" && !validColor(color) {
		return fail(refuse(CodeBadColor))
	}
	members, err := s.cleanRoster(c.Join.Members)
	if err != nil {
		return fail(err)
	}
	if len(s.players) >= MaxPlayers {
		return fail(refuse(CodeFull, msgTooManyPlayers))
	}
	key := TeamKey(name)
	ti, exists := s.teamByKey[key]
	if exists {
		t := s.teams[ti]
		if t.banned {
			return fail(refuse(CodeBanned))
		}
		if t.removed {
			// Only its own devices (their resume token) bring a removed
			// team back: a newcomer must not take its place and roster.
			return fail(refuse(CodeNameTaken, msgNameRemoved))
		}
		if s.cfg.Mode == ModeTeam {
			return fail(refuse(CodeNameTaken))
		}
	} else if len(s.teams) >= MaxTeams {
		return fail(refuse(CodeFull, msgTooManyTeams))
	}

	// Accepted: from here on, only changes.
	eff := Effect{Host: true, Players: []string{c.Actor}}
	if !exists {
		ti = len(s.teams)
		if color == "" {
			color = TeamPalette[ti%len(TeamPalette)]
		}
		s.teams = append(s.teams, &team{id: teamID(ti), name: name, key: key, color: color})
		s.teamByKey[key] = ti
		s.teamByID[teamID(ti)] = ti
		s.rankDirty = true
		eff = allViews
	}
	t := s.teams[ti]
	pi := len(s.players)
	p := &player{id: c.Actor, team: ti}
	s.players = append(s.players, p)
	s.playerByID[c.Actor] = pi
	t.players = append(t.players, pi)
	if s.cfg.Mode == ModeTeam {
		t.members = members
		t.picks = make([]string, len(members))
		if len(t.parts) == 0 {
			t.parts = []int{s.newParticipant(ti, -1)}
		}
		p.part = t.parts[0]
	} else {
		p.member = members[0]
		p.part = s.newParticipant(ti, pi)
		t.parts = append(t.parts, p.part)
		if t.sum != 0 {
			eff = allViews // the team's mean score changed
		}
		s.rankDirty = true
	}
	eff.Log = &Command{Kind: c.Kind, At: c.At, Actor: c.Actor,
		Join: &Join{Team: name, Color: color, Members: members}}
	return eff, nil
}

func teamID(i int) string { return "t" + itoa(i+1) }

func itoa(i int) string {
	if i == 0 {
		return "0"
	}
	var b [20]byte
	n := len(b)
	for ; i > 0; i /= 10 {
		n--
		b[n] = byte('0' + i%10)
	}
	return string(b[n:])
}

func (s *Session) newParticipant(ti, pi int) int {
	s.parts = append(s.parts, &participant{team: ti, player: pi})
	return len(s.parts) - 1
}

func (s *Session) rejoin(c Command) (Effect, error) {
	pi, ok := s.playerByID[c.Actor]
	if !ok {
		return fail(refuse(CodeUnknownPlayer))
	}
	ti := s.players[pi].team
	t := s.teams[ti]
	if t.banned {
		return fail(refuse(CodeBanned))
	}
	if !t.removed {
		return Effect{Players: []string{c.Actor}, noop: true}, nil
	}
	if !s.canComeBack() {
		return fail(refuse(CodeRemoved, msgRejoinAfterPodia))
	}
	s.setActive(ti, true)
	return allViews, nil
}

// canComeBack says whether a removed team may still come back (its own
// resume or the host's restore-team): until the podium, when the scores
// are final.
func (s *Session) canComeBack() bool {
	switch s.phase {
	case PhaseLobby, PhaseCardOpen, PhaseCardClosed, PhaseRevealed, PhaseLeaderboard:
		return true
	}
	return false
}

// restoreTeam is the host bringing a removed team back: the same change as
// one of its players' resume (KindRejoin), so its players' tokens find it
// in play. A banned team stays out for good.
func (s *Session) restoreTeam(c Command) (Effect, error) {
	ti, ok := s.teamByID[c.TeamID]
	if !ok {
		return fail(refuse(CodeUnknownTeam))
	}
	t := s.teams[ti]
	if t.banned {
		return fail(refuse(CodeBanned, msgAlreadyBanned))
	}
	if !t.removed {
		return fail(refuse(CodeNotRemoved))
	}
	if !s.canComeBack() {
		return fail(refuse(CodeWrongPhase, msgRestoreLate))
	}
	s.setActive(ti, true)
	return allViews, nil
}

// teamPlayers lists the ids of a team's players, for Effect.
func (s *Session) teamPlayers(ti int) []string {
	t := s.teams[ti]
	out := make([]string, len(t.players))
	for i, pi := range t.players {
		out[i] = s.players[pi].id
	}
	return out
}

func (s *Session) roster(pi int, c Command) (Effect, error) {
	switch s.phase {
	case PhaseLobby, PhaseCardClosed, PhaseRevealed, PhaseLeaderboard:
	case PhaseCardOpen:
		return fail(refuse(CodeWrongPhase, msgRosterWhileOpen))
	default:
		return fail(refuse(CodeWrongPhase))
	}
	members, err := s.cleanRoster(c.Members)
	if err != nil {
		return fail(err)
	}
	p := s.players[pi]
	log := &Command{Kind: c.Kind, At: c.At, Actor: c.Actor, Members: members}
	if s.cfg.Mode == ModePlenary {
		if p.member == members[0] {
			return Effect{Players: []string{p.id}, noop: true}, nil
		}
		p.member = members[0]
		return Effect{Host: true, Players: []string{p.id}, Log: log}, nil
	}
	t := s.teams[p.team]
	if sameMembers(t.members, members) {
		return Effect{Players: s.teamPlayers(p.team), noop: true}, nil
	}
	t.members = members
	t.picks = make([]string, len(members)) // only reachable before the commitments phase
	return Effect{Host: true, Players: s.teamPlayers(p.team), Log: log}, nil
}

func sameMembers(a, b []Member) bool {
	if len(a) != len(b) {
		return false
	}
	for i := range a {
		if a[i] != b[i] {
			return false
		}
	}
	return true
}

func (s *Session) commit(pi int, c Command) (Effect, error) {
	if s.phase != PhaseCommitments {
		return fail(refuse(CodeWrongPhase))
	}
	if len(c.Chosen) == 0 {
		return fail(refuse(CodeBadCommitment))
	}
	p := s.players[pi]
	t := s.teams[p.team]
	size := len(t.members)
	if s.cfg.Mode == ModePlenary {
		size = 1
	}
	seen := map[int]bool{}
	for _, ch := range c.Chosen {
		if ch.Member < 0 || ch.Member >= size {
			return fail(refuse(CodeBadCommitment, msgCommitMember))
		}
		if seen[ch.Member] {
			return fail(refuse(CodeBadCommitment, msgCommitTwice))
		}
		seen[ch.Member] = true
		known := false
		for _, cm := range s.deck.Commitments {
			if cm.ID == ch.Commitment {
				known = true
				break
			}
		}
		if !known {
			return fail(refuse(CodeBadCommitment, msgCommitUnknown))
		}
	}
	slotOf := func(m int) *string {
		if s.cfg.Mode == ModeTeam {
			return &t.picks[m]
		}
		return &p.pick
	}
	changed := false
	for _, ch := range c.Chosen {
		changed = changed || *slotOf(ch.Member) != ch.Commitment
	}
	players := []string{p.id}
	if s.cfg.Mode == ModeTeam {
		players = s.teamPlayers(p.team)
	}
	if !changed {
		return Effect{Players: players, noop: true}, nil
	}
	for _, ch := range c.Chosen {
		slot := slotOf(ch.Member)
		if *slot == "" {
			s.committed++
		}
		*slot = ch.Commitment
	}
	return Effect{Host: true, Players: players}, nil
}

func (s *Session) answer(pi int, c Command) (Effect, error) {
	cur := ""
	if s.cur >= 0 {
		cur = s.cards[s.cur].card.ID
	}
	if s.phase != PhaseCardOpen {
		if c.Answer != nil && c.Answer.Card == cur && (s.phase == PhaseCardClosed || s.phase == PhaseRevealed) {
			// An answer to the card just closed: say why it is too late.
			if s.plays[s.cur].closedByHost {
				return fail(refuse(CodeClosedByHost))
			}
			return fail(refuse(CodeTooLate))
		}
		return fail(refuse(CodeNotOpen))
	}
	if s.paused {
		return fail(refuse(CodePaused))
	}
	if c.Answer == nil {
		return fail(refuse(CodeBadAnswer, msgAnswerMissing))
	}
	if c.Answer.Card != cur {
		return fail(refuse(CodeWrongCard))
	}
	pl := s.plays[s.cur]
	if c.At > pl.deadline {
		return fail(refuse(CodeTooLate))
	}
	p := s.players[pi]
	if !pl.expected[p.part] {
		return fail(refuse(CodeJoinedLate))
	}
	if pl.answers[p.part] != nil {
		return fail(refuse(CodeAlreadyAnswered))
	}
	ans, err := s.checkAnswer(*c.Answer)
	if err != nil {
		return fail(err)
	}
	log := &Command{Kind: c.Kind, At: c.At, Actor: c.Actor, Answer: &ans}
	elapsed := min(max(c.At-pl.openedAt-pl.pausedMs, 0), pl.limitMs)
	pl.answers[p.part] = &answerRec{ans: ans, player: pi, elapsed: elapsed, limit: pl.limitMs}
	pl.nAnswered++
	if pl.teamAnswers[p.team] == 0 {
		pl.teamFirst[p.team] = p.part
		pl.answerTeams = append(pl.answerTeams, p.team)
	}
	pl.teamAnswers[p.team]++
	if pl.distribution != nil {
		pl.distribution[*ans.Choice]++
	}
	if s.autoClose(c.At) {
		eff := allViews
		eff.Log = log
		return eff, nil
	}
	if s.cfg.Mode == ModePlenary {
		return Effect{Host: true, Players: []string{p.id}, Log: log}, nil
	}
	return Effect{Host: true, Players: s.teamPlayers(p.team), Log: log}, nil
}

// checkAnswer validates an answer against the open card and returns the
// copy the session keeps (only the fields of the card's type).
func (s *Session) checkAnswer(a Answer) (Answer, *Error) {
	dc := &s.cards[s.cur]
	out := Answer{Card: a.Card}
	switch dc.card.Type {
	case TypeQCM, TypeVraiFaux:
		if a.Choice == nil || *a.Choice < 0 || *a.Choice >= len(dc.card.Choices) {
			return out, refuse(CodeBadAnswer, msgAnswerChoice)
		}
		v := *a.Choice
		out.Choice = &v
	case TypeEstimation:
		if a.Number == nil || math.IsNaN(*a.Number) || *a.Number < 0 || *a.Number > MaxGuess {
			return out, refuse(CodeBadAnswer, msgAnswerNumber)
		}
		v := *a.Number
		out.Number = &v
	case TypeClassement:
		n := len(dc.view.Items)
		if len(a.Order) != n {
			return out, refuse(CodeBadAnswer, msgAnswerOrder)
		}
		seen := make([]bool, n)
		for _, i := range a.Order {
			if i < 0 || i >= n || seen[i] {
				return out, refuse(CodeBadAnswer, msgAnswerOrder)
			}
			seen[i] = true
		}
		out.Order = append([]int(nil), a.Order...)
	case TypeAssociation:
		if len(a.Groups) != len(dc.view.Items) {
			return out, refuse(CodeBadAnswer, msgAnswerGroups)
		}
		for _, g := range a.Groups {
			if g < 0 || g >= len(dc.view.Groups) {
				return out, refuse(CodeBadAnswer, msgAnswerGroups)
			}
		}
		out.Groups = append([]int(nil), a.Groups...)
	case TypeDefi:
		text := strings.TrimSpace(a.Text)
		if text == "" || utf8.RuneCountInString(text) > MaxDefiRunes || !utf8.ValidString(text) {
			return out, refuse(CodeBadAnswer, msgAnswerText)
		}
		for _, r := range text {
			if unicode.IsControl(r) && r != '\n' && r != '\t' {
				return out, refuse(CodeBadAnswer, msgAnswerText)
			}
		}
		out.Text = text
	}
	return out, nil
}
