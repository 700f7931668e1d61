package game

import (
	"sort"
	"strings"
)

// Views: what each screen shows, computed from the state. A view shares no
// mutable memory with the session, so the server may encode it on another
// goroutine while the session goes on. HostView costs O(teams), whatever
// the number of players: it reads running counters, never every answer.

// Leaderboard sizes.
const (
	TeamLeaderboard = 5  // lines on a team's screen
	HostLeaderboard = 10 // lines on the projected board
	LeastKnownCards = 3  // facts the debrief comes back to
)

// teamScore is a team's score: its participants' mean, rounded (in team
// mode the team is its only participant).
func (s *Session) teamScore(t *team) int {
	n := len(t.parts)
	if n <= 1 {
		return t.sum
	}
	if t.sum >= 0 {
		return (2*t.sum + n) / (2 * n)
	}
	return -((-2*t.sum + n) / (2 * n))
}

// rank recomputes the ranking when a score or the set of active teams has
// changed: best score first, ties in join order and sharing their rank.
func (s *Session) rank() {
	if !s.rankDirty && len(s.rankOf) == len(s.teams) {
		return
	}
	s.ranked = s.ranked[:0]
	scores := make([]int, len(s.teams))
	for i, t := range s.teams {
		scores[i] = s.teamScore(t)
		if !t.removed {
			s.ranked = append(s.ranked, i)
		}
	}
	sort.SliceStable(s.ranked, func(a, b int) bool { return scores[s.ranked[a]] > scores[s.ranked[b]] })
	s.rankOf = make([]int, len(s.teams))
	for pos, ti := range s.ranked {
		r := pos + 1
		if pos > 0 && scores[ti] == scores[s.ranked[pos-1]] {
			r = s.rankOf[s.ranked[pos-1]]
		}
		s.rankOf[ti] = r
	}
	s.rankDirty = false
}

func (s *Session) leaderboard(n int) []Standing {
	s.rank()
	out := make([]Standing, 0, min(n, len(s.ranked)))
	for _, ti := range s.ranked {
		if len(out) == n {
			break
		}
		t := s.teams[ti]
		out = append(out, Standing{Rank: s.rankOf[ti], TeamID: t.id, Name: t.name, Color: t.color, Score: s.teamScore(t), Players: len(t.players)})
	}
	return out
}

func (s *Session) info() SessionInfo {
	idx := 0
	if s.cur >= 0 {
		idx = s.cur + 1
	}
	return SessionInfo{
		Code: s.cfg.Code, Title: s.cfg.Title, Format: s.cfg.Format, Mode: s.cfg.Mode,
		Phase: s.phase, Paused: s.paused, TimeFactor: s.timeFactor(), CardIndex: idx, CardCount: len(s.cards),
		Engagements: append([]int(nil), s.engs...),
	}
}

func (s *Session) clock(now int64) Clock {
	c := Clock{Now: now}
	if s.phase != PhaseCardOpen {
		return c
	}
	pl := s.plays[s.cur]
	c.Limit = pl.limitMs
	if s.paused {
		c.Remaining = pl.remaining
		return c
	}
	c.Deadline = pl.deadline
	c.Remaining = max(0, pl.deadline-now)
	return c
}

func (s *Session) gauge() Gauge {
	return Gauge{Good: s.gaugeGood, Total: s.gaugeTotal, Percent: percent(s.gaugeGood, s.gaugeTotal)}
}

// cardPhase says whether a card is on screen (from its opening to the
// leaderboard that follows it).
func (s *Session) cardPhase() bool {
	switch s.phase {
	case PhaseCardOpen, PhaseCardClosed, PhaseRevealed, PhaseLeaderboard:
		return s.cur >= 0
	}
	return false
}

func (s *Session) revealed() bool {
	return s.phase == PhaseRevealed || s.phase == PhaseLeaderboard
}

// cardView is the current card, with its solution from the reveal on.
func (s *Session) cardView() *CardView {
	dc := &s.cards[s.cur]
	cv := dc.view
	cv.Choices = append([]string(nil), cv.Choices...)
	cv.Items = append([]string(nil), cv.Items...)
	cv.Groups = append([]string(nil), cv.Groups...)
	if s.revealed() && !s.plays[s.cur].skipped {
		sol := dc.solution
		sol.Order = append([]int(nil), sol.Order...)
		sol.Groups = append([]int(nil), sol.Groups...)
		sol.Hints = append([]string(nil), sol.Hints...)
		sol.ODD = append([]int(nil), sol.ODD...)
		cv.Solution = &sol
	}
	return &cv
}

func copyAnswer(a Answer) *Answer {
	c := a
	if a.Choice != nil {
		v := *a.Choice
		c.Choice = &v
	}
	if a.Number != nil {
		v := *a.Number
		c.Number = &v
	}
	c.Order = append([]int(nil), a.Order...)
	c.Groups = append([]int(nil), a.Groups...)
	return &c
}

// TeamView is what player id sees at server time now; false if unknown.
func (s *Session) TeamView(playerID string, now int64) (TeamView, bool) {
	own, ok := s.TeamOwn(playerID)
	if !ok {
		return TeamView{}, false
	}
	return own.View(s.TeamShared(now)), true
}

// TeamShared is the part of a team view every player of the session sees
// alike at one moment (a removed team sees only Session, Clock, Teams and
// Gauge of it): a server fanning a card out to thousands encodes it once.
type TeamShared struct {
	Session     SessionInfo  `json:"session"`
	Clock       Clock        `json:"clock"`
	Teams       int          `json:"teams"`
	Card        *CardView    `json:"card,omitempty"`
	Leaderboard []Standing   `json:"leaderboard,omitempty"`
	Gauge       Gauge        `json:"gauge"`
	Commitments []Commitment `json:"commitments,omitempty"`
	Campaign    *Campaign    `json:"campaign,omitempty"` // set by the server after close
}

// TeamOwn is the part of a team view that is the player's own: small (its
// team, its answer and result, its picks). Its fields and TeamShared's are
// together exactly TeamView's.
type TeamOwn struct {
	PlayerID string       `json:"playerId"`
	TeamID   string       `json:"teamId"`
	TeamName string       `json:"teamName"`
	Color    string       `json:"color"`
	Members  []Member     `json:"members"`
	Score    int          `json:"score"`
	Rank     int          `json:"rank"`
	Answer   *Answer      `json:"answer,omitempty"`
	Result   *Result      `json:"result,omitempty"`
	Chosen   []MemberPick `json:"chosen,omitempty"`
	Removed  bool         `json:"removed,omitempty"`
}

// View joins a player's own part and the shared part into its TeamView.
func (o TeamOwn) View(sh TeamShared) TeamView {
	v := TeamView{
		Session: sh.Session, Clock: sh.Clock, PlayerID: o.PlayerID, TeamID: o.TeamID, TeamName: o.TeamName,
		Color: o.Color, Members: o.Members, Score: o.Score, Rank: o.Rank, Teams: sh.Teams,
		Gauge: sh.Gauge, Removed: o.Removed, Campaign: sh.Campaign,
	}
	if o.Removed {
		return v
	}
	v.Card, v.Leaderboard, v.Commitments = sh.Card, sh.Leaderboard, sh.Commitments
	v.Answer, v.Result, v.Chosen = o.Answer, o.Result, o.Chosen
	return v
}

// TeamShared is the shared part of the team views at server time now.
func (s *Session) TeamShared(now int64) TeamShared {
	s.rank()
	sh := TeamShared{Session: s.info(), Clock: s.clock(now), Teams: len(s.ranked), Gauge: s.gauge()}
	if s.phase != PhaseLobby {
		sh.Leaderboard = s.leaderboard(TeamLeaderboard)
	}
	if s.cardPhase() {
		sh.Card = s.cardView()
	}
	if s.phase == PhaseCommitments || s.phase == PhaseClosed {
		sh.Commitments = append([]Commitment(nil), s.commitments...)
	}
	return sh
}

// TeamOwn is a player's own part of its team view; false if the player is
// unknown.
func (s *Session) TeamOwn(playerID string) (TeamOwn, bool) {
	pi, ok := s.playerByID[playerID]
	if !ok {
		return TeamOwn{}, false
	}
	p := s.players[pi]
	t := s.teams[p.team]
	s.rank()
	o := TeamOwn{
		PlayerID: p.id, TeamID: t.id, TeamName: t.name, Color: t.color,
		Score: s.teamScore(t), Rank: s.rankOf[p.team], Removed: t.removed,
	}
	if s.cfg.Mode == ModePlenary {
		o.Members = []Member{p.member}
	} else {
		o.Members = append([]Member(nil), t.members...)
	}
	if t.removed {
		return o, true
	}
	if s.cardPhase() {
		pl := s.plays[s.cur]
		if a := pl.answers[p.part]; a != nil {
			o.Answer = copyAnswer(a.ans)
		}
		if s.revealed() {
			if r := pl.results[p.part]; r != nil {
				rc := *r
				o.Result = &rc
			}
		}
	}
	if s.phase == PhaseCommitments || s.phase == PhaseClosed {
		if s.cfg.Mode == ModePlenary {
			if p.pick != "" {
				o.Chosen = []MemberPick{{Member: 0, Commitment: p.pick}}
			}
		} else {
			for i, c := range t.picks {
				if c != "" {
					o.Chosen = append(o.Chosen, MemberPick{Member: i, Commitment: c})
				}
			}
		}
	}
	return o, true
}

// HostView is what the projected board shows at server time now.
func (s *Session) HostView(now int64) HostView {
	v := HostView{
		Session: s.info(), Clock: s.clock(now), Gauge: s.gauge(),
		Leaderboard: s.leaderboard(HostLeaderboard), Committed: s.committed,
		Teams: []TeamSummary{},
	}
	var pl *play
	if s.cardPhase() {
		pl = s.plays[s.cur]
		v.Card = s.cardView()
		v.Answered, v.Expected = pl.nAnswered, pl.nExpected
	}
	closed := pl != nil && pl.closed && !pl.skipped
	for i := len(s.teams) - 1; i >= 0; i-- {
		t := s.teams[i]
		members := len(t.members)
		if s.cfg.Mode == ModePlenary {
			members = len(t.players)
		}
		if !t.removed {
			v.TeamCount++
			v.PlayerCount += len(t.players)
			v.MemberCount += members
		}
		if len(v.Teams) < MaxHostList {
			ts := TeamSummary{
				TeamID: t.id, Name: t.name, Color: t.color, Members: members, Players: len(t.players),
				Score: s.teamScore(t), Removed: t.removed, Banned: t.banned,
			}
			if pl != nil {
				ts.Answered = pl.teamAnswers[i] > 0
			}
			ts.Names = s.summaryNames(t)
			v.Teams = append(v.Teams, ts)
		}
	}
	if closed {
		dc := &s.cards[s.cur]
		v.GoodShare = GoodShare(pl.good, len(pl.results))
		v.Closed = pl.closedBy
		if pl.distribution != nil {
			v.Distribution = append([]int(nil), pl.distribution...)
		}
		if pl.estimates != nil {
			e := *pl.estimates
			e.Closest = append([]string(nil), e.Closest...)
			v.Estimates = &e
		}
		if dc.card.Type == TypeDefi {
			v.Defi = []DefiAnswer{}
			for _, ti := range pl.answerTeams {
				if len(v.Defi) == MaxHostList {
					break
				}
				t := s.teams[ti]
				if t.removed {
					continue
				}
				d := DefiAnswer{TeamID: t.id, Name: t.name, Text: pl.answers[pl.teamFirst[ti]].ans.Text}
				if pts, ok := pl.awards[ti]; ok {
					d.Awarded = &pts
				}
				v.Defi = append(v.Defi, d)
			}
		}
	}
	switch s.phase {
	case PhasePodium, PhaseDebrief, PhaseCommitments, PhaseClosed:
		v.Debrief = s.debrief()
	}
	return v
}

func (s *Session) debrief() *Debrief {
	d := &Debrief{PerAxis: []AxisShare{}, LeastKnown: []CardShare{}}
	for _, a := range Axes {
		d.PerAxis = append(d.PerAxis, AxisShare{
			Axis: a.Number, Good: s.axisGood[a.Number], Total: s.axisTotal[a.Number],
			Percent: percent(s.axisGood[a.Number], s.axisTotal[a.Number]),
		})
	}
	var played []int
	for i, pl := range s.plays {
		if pl.closed && !pl.skipped && pl.total > 0 {
			played = append(played, i)
		}
	}
	share := func(i int) int { return GoodShare(s.plays[i].good, len(s.plays[i].results)) }
	sort.SliceStable(played, func(a, b int) bool { return share(played[a]) < share(played[b]) })
	for _, i := range played[:min(LeastKnownCards, len(played))] {
		c := s.cards[i].card
		d.LeastKnown = append(d.LeastKnown, CardShare{CardID: c.ID, Prompt: c.Prompt, Explanation: c.Explanation, Percent: share(i)})
	}
	return d
}

// summaryNames are a team's first MaxSummaryNames members as the board
// lists them: first name and last-name initial.
func (s *Session) summaryNames(t *team) []string {
	var out []string
	add := func(m Member) {
		name := m.FirstName
		if r := []rune(strings.TrimSpace(m.LastName)); len(r) > 0 {
			name += " " + string(r[0]) + "."
		}
		out = append(out, name)
	}
	if s.cfg.Mode == ModeTeam {
		for _, m := range t.members[:min(len(t.members), MaxSummaryNames)] {
			add(m)
		}
		return out
	}
	for _, pi := range t.players[:min(len(t.players), MaxSummaryNames)] {
		add(s.players[pi].member)
	}
	return out
}

// teamMembers is a team's roster (plenary: its agents, in join order).
func (s *Session) teamMembers(t *team) []Member {
	if s.cfg.Mode == ModeTeam {
		return append([]Member(nil), t.members...)
	}
	out := make([]Member, len(t.players))
	for i, pi := range t.players {
		out[i] = s.players[pi].member
	}
	return out
}

// Teams lists the teams, ranked: the teams in play by rank (ties in join
// order), then the removed and banned ones in join order, with rank 0.
func (s *Session) Teams() []TeamRecord {
	s.rank()
	out := make([]TeamRecord, 0, len(s.teams))
	add := func(ti int) {
		t := s.teams[ti]
		out = append(out, TeamRecord{
			ID: t.id, Name: t.name, Color: t.color, Score: s.teamScore(t), Rank: s.rankOf[ti],
			Members: s.teamMembers(t), Removed: t.removed && !t.banned, Banned: t.banned,
		})
	}
	for _, ti := range s.ranked {
		add(ti)
	}
	for ti, t := range s.teams {
		if t.removed {
			add(ti)
		}
	}
	return out
}

// Results lists every player's outcome on every card played so far: one
// line per card closed and not skipped and per participant present when it
// opened (team mode: the team, under the id of the player that answered,
// or of its first player), in play order then join order.
func (s *Session) Results() []CardResult {
	var out []CardResult
	for ci, pl := range s.plays {
		if !pl.closed || pl.skipped {
			continue
		}
		c := s.cards[ci].card
		for _, p := range pl.expList {
			r := pl.results[p]
			if r == nil {
				continue
			}
			part := s.parts[p]
			t := s.teams[part.team]
			cr := CardResult{
				CardID: c.ID, Engagement: c.Engagement, TeamID: t.id,
				Answered: r.Answered, Good: r.Good, Points: r.Total,
			}
			switch {
			case pl.answers[p] != nil:
				cr.PlayerID = s.players[pl.answers[p].player].id
				cr.AnsweredMs = pl.answers[p].elapsed
			case part.player >= 0:
				cr.PlayerID = s.players[part.player].id
			default:
				cr.PlayerID = s.players[t.players[0]].id
			}
			out = append(out, cr)
		}
	}
	return out
}

// Picks lists the personal commitments chosen by the members of the teams
// still in play, in team then roster order.
func (s *Session) Picks() []Pick {
	var out []Pick
	for _, t := range s.teams {
		if t.removed {
			continue
		}
		if s.cfg.Mode == ModeTeam {
			for i, c := range t.picks {
				if c != "" && i < len(t.members) {
					out = append(out, Pick{TeamID: t.id, Member: t.members[i], Commitment: c})
				}
			}
			continue
		}
		for _, pi := range t.players {
			if p := s.players[pi]; p.pick != "" {
				out = append(out, Pick{TeamID: t.id, Member: p.member, Commitment: p.pick})
			}
		}
	}
	return out
}

// CountedMembers is who is counted when the session is closed: the members
// of the teams neither removed nor banned at close, once each (by
// IdentityKey). Empty unless the phase is PhaseClosed.
func (s *Session) CountedMembers() []Member {
	if s.phase != PhaseClosed {
		return nil
	}
	var out []Member
	seen := map[string]bool{}
	for _, t := range s.teams {
		if t.removed {
			continue
		}
		for _, m := range s.teamMembers(t) {
			if k := IdentityKey(m); !seen[k] {
				seen[k] = true
				out = append(out, m)
			}
		}
	}
	return out
}
