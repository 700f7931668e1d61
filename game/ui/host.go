package ui

import (
	"math"
	"time"

	"github.com/hajimehoshi/ebiten/v2"

	"metodd/game"
)

// Host controls' settings.
const (
	addTimeSeconds = 30              // what "+" adds: enough to finish a discussion
	endConfirmWait = 5 * time.Second // the second click on "Arrêter" must come within this
	awardSteps     = 3               // 0, 500, 1000 points on a défi
)

// awardPoints are the défi awards the partner can give.
var awardPoints = [awardSteps]int{0, 500, 1000}

// hostScene is the partner's projected board, drawn from its HostView.
type hostScene struct {
	conn    HostConn
	created SessionCreated
	view    game.HostView
	version uint64
	viewAt  time.Time

	qr        *ebiten.Image
	showTeams bool
	endAsked  time.Time
	closedAt  time.Time
	ban       banConfirm
}

// banConfirm is the first click on « Bannir »: a ban is final, so it is
// sent only by a second click on the same team within endConfirmWait.
type banConfirm struct {
	team string
	at   time.Time
}

// click records a click on team's ban button at now and says whether to
// send the ban.
func (b *banConfirm) click(team string, now time.Time) bool {
	if b.asked(team, now) {
		*b = banConfirm{}
		return true
	}
	*b = banConfirm{team: team, at: now}
	return false
}

// asked says whether team's ban waits for its confirmation at now.
func (b banConfirm) asked(team string, now time.Time) bool {
	return team != "" && b.team == team && now.Sub(b.at) < endConfirmWait
}

func newHostScene(a *App, conn HostConn, created SessionCreated) *hostScene {
	s := &hostScene{conn: conn, created: created}
	a.watch(conn)
	s.refresh(a)
	return s
}

func (s *hostScene) ticking() bool {
	return s.view.Session.Phase == game.PhaseCardOpen && !s.view.Session.Paused
}

func (s *hostScene) refresh(a *App) {
	v := s.conn.Version()
	if v == s.version {
		return
	}
	s.version = v
	s.view = s.conn.HostView()
	s.viewAt = s.conn.ViewAt()
	a.invalidate()
	if s.view.Session.Phase == game.PhaseClosed && s.closedAt.IsZero() {
		s.closedAt = a.now()
		a.animate(campaignAnim + 200*time.Millisecond)
	}
}

func (s *hostScene) joinURL(a *App) string {
	if s.created.JoinURL != "" {
		return s.created.JoinURL
	}
	return a.opts.Server + "/?code=" + s.created.Code
}

func (s *hostScene) send(a *App, c game.Command) {
	if err := s.conn.Send(c); err != nil {
		a.toast(msgConnLost)
	}
}

// nextCommand is what "next" does in the current phase, with its label.
func (s *hostScene) nextCommand() (game.Kind, string) {
	info := s.view.Session
	switch info.Phase {
	case game.PhaseLobby:
		return game.KindStart, msgStart
	case game.PhaseCardOpen:
		return game.KindNext, msgCloseCard
	case game.PhaseCardClosed:
		return game.KindNext, msgReveal
	case game.PhaseRevealed:
		return game.KindNext, msgShowBoard
	case game.PhaseLeaderboard:
		if info.CardIndex >= info.CardCount {
			return game.KindNext, msgToPodium
		}
		return game.KindNext, msgNextCard
	case game.PhasePodium:
		return game.KindNext, msgToDebrief
	case game.PhaseDebrief:
		return game.KindNext, msgToCommit
	case game.PhaseCommitments:
		return game.KindClose, msgCloseSession
	}
	return "", ""
}

type hostLayout struct {
	top, main, bar     rect
	title, code        rect
	next, pause, more  rect
	skip, end, teams   rect
	keys               rect
	panel              rect
	panelRows, removes []rect
	bans               []rect
}

func (s *hostScene) layout(a *App) hostLayout {
	var l hostLayout
	scr := a.screen().inset(18)
	l.top, l.main = scr.cutTop(54, 14)
	l.bar, l.main = l.main.cutBottom(96, 14)
	l.code, l.title = l.top.cutRight(math.Min(520, l.top.W*0.5), 10)
	btns, keys := l.bar.cutTop(60, 6)
	l.keys = keys
	l.next, btns = btns.cutRight(math.Min(340, btns.W*0.3), 12)
	cols := btns.columns(5, 12)
	l.pause, l.more, l.skip, l.teams, l.end = cols[0], cols[1], cols[2], cols[3], cols[4]
	if s.showTeams {
		l.panel, _ = l.main.cutRight(math.Min(460, l.main.W*0.45), 0)
		in := l.panel.inset(16)
		_, in = in.cutTop(40, 8)
		for i := range s.view.Teams {
			row := rect{in.X, in.Y + float64(i)*56, in.W, 48}
			if row.bottom() > in.bottom() {
				break
			}
			l.panelRows = append(l.panelRows, row)
			rm, rest := row.inset(6).cutRight(104, 0)
			ban, _ := rest.cutRight(104, 8)
			l.removes = append(l.removes, rm)
			l.bans = append(l.bans, ban)
		}
	}
	return l
}

func (s *hostScene) update(a *App) {
	s.refresh(a)
	l := s.layout(a)
	info := s.view.Session
	playing := info.Phase == game.PhaseCardOpen
	if kind, _ := s.nextCommand(); kind != "" && (a.clicked(l.next) || a.has(intentNext)) {
		s.send(a, game.Command{Kind: kind})
	}
	if playing && (a.clicked(l.pause) || a.has(intentPause)) {
		kind := game.KindPause
		if info.Paused {
			kind = game.KindResumeGame
		}
		s.send(a, game.Command{Kind: kind})
	}
	if playing && (a.clicked(l.more) || a.has(intentAddTime)) {
		s.send(a, game.Command{Kind: game.KindAddTime, Seconds: addTimeSeconds})
	}
	if (playing || info.Phase == game.PhaseCardClosed) && (a.clicked(l.skip) || a.has(intentSkip)) {
		s.send(a, game.Command{Kind: game.KindSkip})
	}
	if a.clicked(l.teams) || a.has(intentTeams) {
		s.showTeams = !s.showTeams
	}
	if a.clicked(l.end) && !info.Phase.Over() {
		if !s.endAsked.IsZero() && a.now().Sub(s.endAsked) < endConfirmWait {
			s.send(a, game.Command{Kind: game.KindEnd})
			s.endAsked = time.Time{}
		} else {
			s.endAsked = a.now()
			a.redrawAt = s.endAsked.Add(endConfirmWait)
		}
	}
	for i, r := range l.removes {
		if a.clicked(r) && i < len(s.view.Teams) {
			if kind := teamAction(s.view.Teams[i]); kind != "" {
				s.send(a, game.Command{Kind: kind, TeamID: s.view.Teams[i].TeamID})
			}
		}
	}
	for i, r := range l.bans {
		if a.clicked(r) && i < len(s.view.Teams) && !s.view.Teams[i].Banned {
			if id := s.view.Teams[i].TeamID; s.ban.click(id, a.now()) {
				s.send(a, game.Command{Kind: game.KindBanTeam, TeamID: id})
			} else {
				a.redrawAt = s.ban.at.Add(endConfirmWait)
			}
		}
	}
	if info.Phase == game.PhaseLobby && !s.showTeams {
		_, _, removes := s.lobbyLayout(a, l.main)
		for i, r := range removes {
			if a.clicked(r) && i < len(s.view.Teams) {
				if kind := teamAction(s.view.Teams[i]); kind != "" {
					s.send(a, game.Command{Kind: kind, TeamID: s.view.Teams[i].TeamID})
				}
			}
		}
	}
	if info.Phase == game.PhaseCardClosed && s.view.Card != nil && s.view.Card.Type == game.TypeDefi {
		_, buttons := s.defiLayout(s.defiArea(l.main))
		for i, bs := range buttons {
			for k, r := range bs {
				if a.clicked(r) && i < len(s.view.Defi) {
					s.send(a, game.Command{Kind: game.KindAward, TeamID: s.view.Defi[i].TeamID, Points: awardPoints[k]})
				}
			}
		}
	}
}

// teamAction is what a team's first button in the teams panel does:
// « Retirer » a team in play, « Réintégrer » a removed one (restore-team);
// a banned team has none ("").
func teamAction(tm game.TeamSummary) game.Kind {
	switch {
	case tm.Banned:
		return ""
	case tm.Removed:
		return game.KindRestoreTeam
	}
	return game.KindRemoveTeam
}

// lobbyLayout: join panel (URL, code, QR) above, teams below.
type lobbyBoxes struct{ join, qr, teams rect }

func (s *hostScene) lobbyLayout(a *App, main rect) (lobbyBoxes, []rect, []rect) {
	var b lobbyBoxes
	top, bottom := main.cutTop(main.H*0.62, 16)
	qrSide := math.Min(top.H, top.W*0.4)
	b.qr, b.join = top.cutRight(qrSide, 20)
	b.teams = bottom
	_, grid := bottom.cutTop(36, 8)
	n := min(len(s.view.Teams), 12)
	cols := 4
	if grid.W < 900 {
		cols = 2
	}
	rowsN := (n + cols - 1) / cols
	var chips, removes []rect
	if n > 0 {
		cellH := math.Min(56, (grid.H-float64(rowsN-1)*10)/float64(max(1, rowsN)))
		gh := float64(rowsN)*cellH + float64(rowsN-1)*10
		chips = rect{grid.X, grid.Y, grid.W, gh}.grid(n, cols, 10)
		for _, ch := range chips {
			rm, _ := ch.inset(6).cutRight(ch.H-12, 0)
			removes = append(removes, rm)
		}
	}
	return b, chips, removes
}

// cardArea is the main area right of the board.
func (s *hostScene) cardArea(main rect) rect {
	_, rest := main.cutLeft(math.Min(300, main.W*0.24), 20)
	return rest
}

// defiArea is the card on the board (above the status line), where the
// défi answers are listed.
func (s *hostScene) defiArea(main rect) rect {
	_, card := s.cardArea(main).cutBottom(56, 12)
	return card.insetXY(24, 18)
}

// defiLayout: one row per answer with three award buttons.
func (s *hostScene) defiLayout(r rect) ([]rect, [][]rect) {
	_, list := r.cutTop(r.H*0.3+42, 6)
	var rows []rect
	var buttons [][]rect
	n := len(s.view.Defi)
	// Rows share the list's height (down to a readable minimum; a plenary's
	// many answers beyond that are listed in the teams panel's order).
	const gap, minRow, maxRow = 6.0, 38.0, 62.0
	rowH := math.Max(minRow, math.Min(maxRow, (list.H-gap*float64(n-1))/float64(max(n, 1))))
	for i := 0; i < n; i++ {
		row := rect{list.X, list.Y + float64(i)*(rowH+gap), list.W, rowH}
		if row.bottom() > list.bottom()+0.5 {
			break
		}
		rows = append(rows, row)
		bs, _ := row.inset(8).cutRight(3*110+2*8, 0)
		buttons = append(buttons, bs.columns(awardSteps, 8))
	}
	return rows, buttons
}
