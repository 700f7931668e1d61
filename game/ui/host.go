package ui

import (
	"fmt"
	"math"
	"net/netip"
	"net/url"
	"strings"
	"time"

	"github.com/hajimehoshi/ebiten/v2"

	"metodd/game"
)

// Host controls' settings.
const (
	addTimeSeconds = 30              // what "+" adds: enough to finish a discussion
	endConfirmWait = 5 * time.Second // the second click on "Arrêter" must come within this
	awardSteps     = 3               // 0, 500, 1000 points on a défi
	// podiumStep is the pause between the podium's places (3rd, 2nd, then
	// 1st): long enough for the room to count down, short enough to keep
	// the pace.
	podiumStep = 1200 * time.Millisecond
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

	acc       Account // the partner logged in: « Nouvelle séance » at the end
	qr        *ebiten.Image
	showTeams bool
	endAsked  time.Time
	closedAt  time.Time
	podiumAt  time.Time // when the board first showed the podium
	defiPage  int       // first défi answer shown (the answers are paged)
	ban       banConfirm
	cues      cueTracker // which sound the view's changes call for
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
	prev := s.view.Session.Phase // "" for the board's first view
	s.view = s.conn.HostView()
	s.viewAt = s.conn.ViewAt()
	a.invalidate()
	if s.view.Session.Phase == game.PhaseClosed && s.closedAt.IsZero() {
		s.closedAt = a.now()
		a.animate(campaignAnim + 200*time.Millisecond)
	}
	if s.view.Session.Phase == game.PhasePodium && s.podiumAt.IsZero() {
		s.podiumAt = a.now()
		if prev == "" {
			// Opened (or reloaded) on the podium: the room has seen it
			// staged already; all three places at once.
			s.podiumAt = s.podiumAt.Add(-3 * podiumStep)
		} else {
			a.animate(3*podiumStep + 200*time.Millisecond)
		}
	}
	if s.view.Session.Phase != game.PhaseCardClosed {
		s.defiPage = 0
	}
}

// podiumShown is how many places of the podium are revealed at now: the
// 3rd first, then the 2nd, then the 1st, podiumStep apart.
func (s *hostScene) podiumShown(now time.Time) int {
	if s.podiumAt.IsZero() {
		return 3
	}
	return min(3, 1+int(now.Sub(s.podiumAt)/podiumStep))
}

// joinURL is the address the lobby shows and its QR code holds: the
// server's local network address when the board reached it by a loopback
// name (phones cannot open that one).
func (s *hostScene) joinURL(a *App) string {
	if s.created.LANJoinURL != "" {
		return s.created.LANJoinURL
	}
	if s.created.JoinURL != "" {
		return s.created.JoinURL
	}
	return a.opts.Server + "/?code=" + s.created.Code
}

// loopbackURL says whether u names this machine only (localhost,
// 127.0.0.1, ::1): phones cannot open it.
func loopbackURL(u string) bool {
	p, err := url.Parse(u)
	if err != nil {
		return false
	}
	h := p.Hostname()
	if h == "localhost" || strings.HasSuffix(h, ".localhost") {
		return true
	}
	ip, err := netip.ParseAddr(h)
	return err == nil && ip.IsLoopback()
}

func (s *hostScene) send(a *App, c game.Command) {
	if err := s.conn.Send(c); err != nil {
		a.toast(msgConnLost)
	}
}

// canStartOver says the session is over and the partner, still logged in,
// may create the next one from the board (« Nouvelle séance »).
func (s *hostScene) canStartOver() bool {
	return s.view.Session.Phase.Over() && s.acc.Token != ""
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
	lobby              rect // the lobby's area: main, left of the teams panel
	title, code, sound rect
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
	l.top, l.main = scr.cutTop(50, 12)
	l.bar, l.main = l.main.cutBottom(88, 12)
	l.code, l.title = l.top.cutRight(math.Min(520, l.top.W*0.5), 10)
	l.sound, l.title = l.title.cutRight(soundToggleW, 12)
	btns, keys := l.bar.cutTop(58, 4)
	l.keys = keys
	l.next, btns = btns.cutRight(math.Min(340, btns.W*0.3), 12)
	cols := btns.columns(5, 12)
	l.pause, l.more, l.skip, l.teams, l.end = cols[0], cols[1], cols[2], cols[3], cols[4]
	l.lobby = l.main
	if s.showTeams {
		l.panel, l.lobby = l.main.cutRight(math.Min(500, l.main.W*0.45), 16)
		in := l.panel.inset(16)
		_, in = in.cutTop(40, 8)
		for i := range s.view.Teams {
			row := rect{in.X, in.Y + float64(i)*(panelRowH+8), in.W, panelRowH}
			if row.bottom() > in.bottom() {
				break
			}
			l.panelRows = append(l.panelRows, row)
			// « Retirer » and « Bannir » apart, at the row's two ends of
			// its button column: a ban is final, never one slip away.
			btns, _ := row.insetXY(8, 6).cutRight(118, 0)
			rm, ban := btns.cutTop((btns.H-6)/2, 6)
			l.removes = append(l.removes, rm)
			l.bans = append(l.bans, ban)
		}
	}
	return l
}

func (s *hostScene) update(a *App) {
	s.refresh(a)
	l := s.layout(a)
	a.updateSound(soundBoard, l.sound, &s.cues, s.cueState(a))
	info := s.view.Session
	playing := info.Phase == game.PhaseCardOpen
	if kind, _ := s.nextCommand(); kind != "" && (a.clicked(l.next) || a.has(intentNext)) {
		s.send(a, game.Command{Kind: kind})
	}
	if s.canStartOver() && (a.clicked(l.next) || a.has(intentNext)) {
		s.conn.Close()
		a.goTo(newCreate(a, s.acc))
		return
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
	if timeFactorPhase(info.Phase) && a.clicked(l.more) {
		s.send(a, game.Command{Kind: game.KindTimeFactor, Factor: max(1, info.TimeFactor)%game.MaxTimeFactor + 1})
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
		_, _, removes := s.lobbyLayout(a, l.lobby)
		for i, r := range removes {
			if a.clicked(r) && i < len(s.view.Teams) {
				if kind := teamAction(s.view.Teams[i]); kind != "" {
					s.send(a, game.Command{Kind: kind, TeamID: s.view.Teams[i].TeamID})
				}
			}
		}
	}
	if info.Phase == game.PhaseCardClosed && s.view.Card != nil && s.view.Card.Type == game.TypeDefi {
		dl := s.defiLayout(a, s.defiArea(l.main))
		for i, bs := range dl.buttons {
			for k, r := range bs {
				if j := dl.first + i; a.clicked(r) && j < len(s.view.Defi) {
					s.send(a, game.Command{Kind: game.KindAward, TeamID: s.view.Defi[j].TeamID, Points: awardPoints[k]})
				}
			}
		}
		if dl.prev.W > 0 && a.clicked(dl.prev) {
			s.defiPage = dl.prevFirst
		}
		if dl.next.W > 0 && a.clicked(dl.next) {
			s.defiPage = dl.first + len(dl.rows)
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

// lobbyLayout: join panel (address, code, QR) above, the teams below, in
// area (left of the teams panel when it is open, so the QR stays seen).
type lobbyBoxes struct{ join, qr, teams, more rect }

// Lobby team chips: tall enough for a name over two lines at roomText.
const (
	lobbyChipH   = 64.0
	lobbyChipGap = 10.0
	panelRowH    = 84.0 // a team in the teams panel: name, state, members
)

func (s *hostScene) lobbyLayout(a *App, area rect) (lobbyBoxes, []rect, []rect) {
	var b lobbyBoxes
	top, bottom := area.cutTop(area.H*0.6, 14)
	qrSide := math.Min(top.H, top.W*0.4)
	b.qr, b.join = top.cutRight(qrSide, 20)
	b.teams = bottom
	_, grid := bottom.cutTop(36, 8)
	cols := 3
	if grid.W < 800 {
		cols = 2
	}
	capacity := max(1, int((grid.H+lobbyChipGap)/(lobbyChipH+lobbyChipGap))) * cols
	n := len(s.view.Teams)
	if n > capacity {
		n = capacity - 1 // the last cell says how many more teams joined
	}
	cells := n
	if n < len(s.view.Teams) {
		cells++
	}
	var chips, removes []rect
	if cells > 0 {
		rn := (cells + cols - 1) / cols
		gh := float64(rn)*lobbyChipH + float64(rn-1)*lobbyChipGap
		grid := rect{grid.X, grid.Y, grid.W, gh}.grid(rn*cols, cols, lobbyChipGap)
		chips = grid[:n]
		if n < len(s.view.Teams) {
			b.more = grid[n]
		}
		for _, ch := range chips {
			rm, _ := ch.inset(8).cutRight(ch.H-16, 0)
			removes = append(removes, rm)
		}
	}
	return b, chips, removes
}

// timeFactorPhase says the « +30 s » button is « temps adapté » instead:
// between cards, where the rules take a time-factor for the coming cards.
func timeFactorPhase(p game.Phase) bool {
	switch p {
	case game.PhaseLobby, game.PhaseCardClosed, game.PhaseRevealed, game.PhaseLeaderboard:
		return true
	}
	return false
}

// timeFactorLabel is that button's label: the factor the coming cards
// get; a click moves it to the next (1, 2, …, MaxTimeFactor, 1).
func timeFactorLabel(f int) string {
	if f <= 1 {
		return msgTimeFactorNormal
	}
	return fmt.Sprintf(msgTimeFactorAdapted, f)
}

// cardArea is the main area right of the board.
func (s *hostScene) cardArea(main rect) rect {
	_, rest := main.cutLeft(math.Min(300, main.W*0.24), 20)
	return rest
}

// timerBox is where the countdown is drawn: under the board, left.
func (s *hostScene) timerBox(main rect) rect {
	left, _ := main.cutLeft(math.Min(300, main.W*0.24), 20)
	_, below := left.cutTop(left.W, 12)
	side := math.Min(below.W, below.H)
	return below.centered(side, side)
}

// defiClosed says the card is a défi waiting for its awards: its answers
// take the whole width.
func (s *hostScene) defiClosed() bool {
	return s.view.Session.Phase == game.PhaseCardClosed && s.view.Card != nil && s.view.Card.Type == game.TypeDefi
}

// playArea is the card's box and the status line under it.
func (s *hostScene) playArea(main rect) (card, foot rect) {
	area := s.cardArea(main)
	if s.defiClosed() {
		area = main
	}
	foot, card = area.cutBottom(56, 12)
	return card, foot
}

// defiArea is inside the card on the board, where the défi answers are
// listed.
func (s *hostScene) defiArea(main rect) rect {
	card, _ := s.playArea(main)
	return card.insetXY(24, 18)
}

// defiRows is one page of défi answers: each answer whole at roomText,
// with its three award buttons; prev and next page through the rest.
type defiRows struct {
	prompt           rect
	rows             []rect
	buttons          [][]rect
	first, prevFirst int
	prev, next, page rect
}

const defiPromptH = 64.0 // the défi's question, above its answers

func (s *hostScene) defiLayout(a *App, r rect) defiRows {
	var d defiRows
	head, list := r.cutTop(32+10+defiPromptH, 8)
	_, d.prompt = head.cutTop(42, 0)
	pager, list := list.cutBottom(44, 8)
	n := len(s.view.Defi)
	const gap, minRow, btnW = 6.0, 56.0, 3*110 + 2*8
	c := a.canvas(nil)
	rowH := func(i int) float64 {
		dd := s.view.Defi[i]
		fr := c.layoutText(rect{0, 0, list.W - btnW - 44, 1e6}, defiLabel(dd), defiStyle)
		return math.Max(minRow, float64(len(fr.Lines))*fr.LineH+12)
	}
	// Pages are cut greedily from the first answer.
	var starts []int
	for i := 0; i < n; {
		starts = append(starts, i)
		y := 0.0
		j := i
		for j < n && (j == i || y+rowH(j) <= list.H+0.5) {
			y += rowH(j) + gap
			j++
		}
		i = j
	}
	d.first = 0
	for k, st := range starts {
		if st <= s.defiPage {
			d.first = st
			if k > 0 {
				d.prevFirst = starts[k-1]
			}
		}
	}
	y := list.Y
	for i := d.first; i < n; i++ {
		h := math.Min(rowH(i), list.H)
		if i > d.first && y+h > list.bottom()+0.5 {
			break
		}
		row := rect{list.X, y, list.W, h}
		y += h + gap
		d.rows = append(d.rows, row)
		bs, _ := row.inset(8).cutRight(btnW, 0)
		bs = bs.centered(bs.W, math.Min(bs.H, 48))
		d.buttons = append(d.buttons, bs.columns(awardSteps, 8))
	}
	if len(starts) > 1 {
		var rest rect
		d.prev, rest = pager.cutLeft(220, 12)
		d.next, d.page = rest.cutRight(220, 12)
		if d.first == 0 {
			d.prev = rect{}
		}
		if d.first+len(d.rows) >= n {
			d.next = rect{}
		}
	}
	return d
}
