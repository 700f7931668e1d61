package ui

import (
	"fmt"
	"math"
	"time"

	"metodd/game"
)

// campaignAnim is how long the campaign counter takes to reach its value.
const campaignAnim = 3 * time.Second

// maxDefiLen bounds a défi answer: the rules' bound.
const maxDefiLen = game.MaxDefiRunes

// teamScene is a team's screen for the whole game, drawn from its TeamView.
type teamScene struct {
	conn    TeamConn
	setup   *teamSetupScene // to join again after a removal
	view    game.TeamView
	version uint64
	viewAt  time.Time

	cardID string
	sent   bool // an answer was sent for cardID (until the view confirms)
	order  []int
	groups []int
	sel    int
	drag   int // classement: index being dragged, -1 none
	dragY  float64
	number *textField
	defi   *textField
	ansErr string

	picks     []string // commitment id per member
	member    int
	page      int
	committed bool
	// recapOpen: the closed screen shows the recap again (« Revoir mon
	// engagement »), until « Retour ».
	recapOpen bool

	closedAt time.Time
	forgot   bool // the saved resume token was cleared

	cues    cueTracker // which sound the view's changes call for
	recapQR recapQR    // the recap's QR code (recap.go)

	// shown is the score and rank the header shows: held while a card
	// is closed, so that the new points wait for the reveal.
	shown struct {
		set             bool
		score, rank, of int
	}

	// phone is set by layout: the answer layouts (which take only
	// their rect) lay out for a portrait phone; minTarget its targets'
	// smallest side.
	phone     bool
	minTarget float64
	// classNeeds is the height each classement item takes on a phone
	// (fitClassRows, from answerNeed): its row gets it.
	classNeeds []float64
	// assocItemNeed and assocGroupNeed are the heights the tallest
	// association item and group take on a phone (answerNeed).
	assocItemNeed, assocGroupNeed float64
	// scroll is the body's scroll on a phone (phonescroll.go).
	scroll phoneScroll
}

func newTeamScene(a *App, conn TeamConn, setup *teamSetupScene) *teamScene {
	s := &teamScene{conn: conn, setup: setup, drag: -1}
	s.number = newField(msgEstimateLabel, "", 24)
	s.defi = newField(msgDefiLabel, msgDefiPlaceholder, maxDefiLen)
	s.defi.multiline = true
	s.number.inputMode = inputDecimal // a numeric keypad on a phone
	s.defi.caps = capsSentences
	a.watch(conn)
	s.refresh(a)
	return s
}

func (s *teamScene) ticking() bool {
	return s.view.Session.Phase == game.PhaseCardOpen && !s.view.Session.Paused
}

// refresh takes the latest view; a new card resets the answer widgets.
func (s *teamScene) refresh(a *App) {
	if s.conn == nil {
		return
	}
	v := s.conn.Version()
	if v == s.version {
		return
	}
	s.version = v
	s.view = s.conn.TeamView()
	s.viewAt = s.conn.ViewAt()
	a.invalidate()
	card := s.view.Card
	if card != nil && card.ID != s.cardID {
		s.cardID = card.ID
		s.sent = false
		s.order = make([]int, len(card.Items))
		for i := range s.order {
			s.order[i] = i
		}
		s.groups = make([]int, len(card.Items))
		for i := range s.groups {
			s.groups[i] = -1
		}
		s.sel, s.drag, s.ansErr = 0, -1, ""
		s.number.setText("")
		s.defi.setText("")
		a.setFocus(nil)
		switch card.Type {
		case game.TypeEstimation:
			a.setFocus(s.number)
		case game.TypeDefi:
			a.setFocus(s.defi)
		}
	}
	if s.view.Session.Phase != game.PhaseCardOpen && a.focus != nil {
		a.setFocus(nil)
	}
	if s.view.Session.Phase != game.PhaseCardOpen {
		s.drag = -1 // a drag the close cut short: the row stays shown
	}
	if s.view.Session.Phase != game.PhaseCardClosed || !s.shown.set {
		s.shown.set = true
		s.shown.score, s.shown.rank, s.shown.of = s.view.Score, s.view.Rank, s.view.Teams
		if s.view.Session.Phase == game.PhaseCardClosed && s.view.Result != nil {
			// Resumed on a closed card: the score before it.
			s.shown.score -= s.view.Result.Total
		}
	}
	if len(s.picks) != len(s.view.Members) {
		s.picks = make([]string, len(s.view.Members))
	}
	// The choices the server recorded win (sent from this device or
	// another of the team's): the recap shows them.
	for _, p := range s.view.Chosen {
		if p.Member >= 0 && p.Member < len(s.picks) {
			s.picks[p.Member] = p.Commitment
		}
	}
	if s.view.Session.Phase == game.PhaseClosed && s.closedAt.IsZero() {
		s.closedAt = a.now()
		a.animate(campaignAnim + 200*time.Millisecond)
	}
}

func (s *teamScene) answered() bool { return s.view.Answer != nil || s.sent }

func (s *teamScene) send(a *App, ans game.Answer) {
	ans.Card = s.cardID
	if err := s.conn.Send(game.Command{Kind: game.KindAnswer, Answer: &ans}); err != nil {
		a.toast(msgConnLost)
		return
	}
	s.sent = true
	a.setFocus(nil)
}

// Layout of the team screen: a header band, then the phase's body.
type teamLayout struct {
	header, team, score, timer rect
	note                       rect // phone, plenary: « moyenne de l'équipe »
	sound                      rect // the sound toggle
	body                       rect
}

func (s *teamScene) layout(a *App) teamLayout {
	var l teamLayout
	s.phone, s.minTarget = a.narrow(), a.minTarget()
	if a.narrow() {
		// Two rows: the name, then the rank and score; the timer beside.
		scr := a.screen().inset(a.margin(20))
		n := 2
		if s.headerNote() != "" {
			n = 3
		}
		l.header, l.body = scr.cutTop(float64(n)*a.lineH(24)+12, 12)
		in := l.header.insetXY(0, 6)
		var rest rect
		l.timer, rest = in.cutRight(math.Min(in.H, 2*a.lineH(24)), 8)
		l.sound, rest = rest.cutRight(math.Max(soundToggleNarrowW, a.minTarget()), 8)
		l.sound = l.sound.centered(l.sound.W, math.Max(math.Min(l.sound.H, 2*a.lineH(16)+8), a.minTarget()))
		rows := rest.rows(n, 0)
		l.team, l.score = rows[0], rows[1]
		if n == 3 {
			l.note = rows[2]
		}
		return l
	}
	scr := a.screen().inset(20)
	l.header, l.body = scr.cutTop(64, 16)
	var rest rect
	l.timer, rest = l.header.cutRight(64, 16)
	l.sound, rest = rest.cutRight(soundToggleW, 12)
	l.sound = l.sound.insetXY(0, 8)
	l.score, l.team = rest.cutRight(math.Min(360, rest.W*0.45), 12)
	return l
}

// cardLayout splits the body of an open card: prompt above, answer below.
type cardLayout struct {
	card, head, prompt, answer, status rect
}

func (s *teamScene) cardLayout(a *App, body rect) cardLayout {
	var l cardLayout
	if a.narrow() {
		// A phone: the prompt as tall as its words, the status on two
		// lines; the body scrolls when the answers need more
		// (scrolledBody).
		headH := 34.0
		if s.view.Card != nil {
			headH = cardHeadH(a, s.view.Card, body.W-32)
		}
		promptH := s.promptNeed(a, body.W)
		statusH := 2 * a.lineH(statusSize)
		room := body.H - statusH - 8 - 12 - s.answerNeed(a, body.W)
		l.card, l.answer = body.cutTop(math.Max(16+headH+10+2*a.lineH(0)+16, math.Min(promptH, room)), 12)
		in := l.card.insetXY(16, 16)
		l.head, l.prompt = in.cutTop(headH, 10)
		l.status, l.answer = l.answer.cutBottom(statusH, 8)
		return l
	}
	promptH := math.Max(170, body.H*0.32)
	l.card, l.answer = body.cutTop(promptH, 18)
	in := l.card.insetXY(24, 16)
	l.head, l.prompt = in.cutTop(34, 10)
	l.status, l.answer = l.answer.cutBottom(40, 10)
	return l
}

func (s *teamScene) update(a *App) {
	s.refresh(a)
	a.updateSound(soundTeam, s.layout(a).sound, &s.cues, s.cueState(a))
	v := s.view
	if !s.forgot && forgetTeam(byeReasonOf(s.conn), v.Session.Phase) {
		s.forgot = true
		a.forgetSavedTeam()
	}
	if s.removed() {
		back, other := s.removedButtons(a)
		if code, token := s.comeBackToken(a); token != "" && a.clicked(back) {
			// The bye was final (the connection stopped): coming back is
			// a new resume, at the person's request.
			a.conn = nil
			s.conn.Close()
			a.goTo(&resumeScene{code: code, token: token})
		} else if a.clicked(other) {
			a.conn = nil
			s.conn.Close()
			a.goTo(s.setup)
		}
		return
	}
	if st, _ := s.conn.State(); st == ConnClosed && !v.Session.Phase.Over() {
		if a.clicked(s.homeButton(a)) {
			a.conn = nil
			a.goTo(newHome(a))
		}
		return
	}
	if s.phone {
		body := s.layout(a).body
		s.scrollUpdate(a, body)
		if s.pointerOff(a, body) {
			// A tap on the header is not one on what scrolled under it.
			in := a.in
			a.in.pressed, a.in.released, a.in.down = false, false, false
			defer func() { a.in = in }()
		}
	}
	switch v.Session.Phase {
	case game.PhaseCardOpen:
		if v.Card != nil && !s.answered() && !v.Session.Paused {
			s.updateAnswer(a, v.Card)
		}
	case game.PhaseCommitments:
		s.updateCommit(a)
	case game.PhaseClosed, game.PhaseEnded:
		if s.updateClosedRecap(a) {
			return
		}
		if a.clicked(s.homeButton(a)) {
			a.conn = nil
			s.conn.Close()
			a.goTo(newHome(a))
		}
	}
}

// removed says whether the host removed the team: its view says so, or
// the server's bye did (the connection then stopped).
func (s *teamScene) removed() bool {
	if s.view.Session.Phase.Over() {
		return false
	}
	return s.view.Removed || byeReasonOf(s.conn) == game.ByeRemoved
}

// comeBackToken is what « Revenir dans la séance » resumes with: this
// connection's resume token, else the saved one for this server; "" when
// there is none (the button is then not offered).
func (s *teamScene) comeBackToken(a *App) (code, token string) {
	if ts, ok := s.conn.(teamSession); ok {
		if role, code, token := ts.welcome(); role == game.RoleTeam && token != "" {
			return code, token
		}
	}
	if a.opts.Store != nil {
		if saved, ok := a.opts.Store.Load(); ok && saved.Role == game.RoleTeam && sameServer(saved.Server, a.opts.Server) {
			return saved.Code, saved.Token
		}
	}
	return "", ""
}

// removedBody is where the removed screen's message goes: above both
// buttons.
func (s *teamScene) removedBody(a *App, body rect) rect {
	back, _ := s.removedButtons(a)
	body.H = back.Y - 16 - body.Y
	return body
}

// removedButtons are the removed screen's « Revenir dans la séance »
// (above) and « Rejoindre avec un autre nom » (where the home button is).
func (s *teamScene) removedButtons(a *App) (back, other rect) {
	other = s.homeButton(a)
	back = other
	back.Y -= other.H + 16
	return back, other
}

func (s *teamScene) homeButton(a *App) rect {
	scr := a.screen()
	return rect{scr.centerX() - 200, scr.H - 110, 400, 64}
}

func (s *teamScene) updateAnswer(a *App, card *game.CardView) {
	l := s.cardLayout(a, s.scrolledBody(a, s.layout(a).body))
	switch card.Type {
	case game.TypeQCM, game.TypeVraiFaux:
		cells := s.choiceCells(a, l.answer, card)
		i := a.clickedIn(cells)
		if k, ok := a.choice(); ok && k < len(card.Choices) {
			i = k
		}
		if i >= 0 {
			s.send(a, game.Answer{Choice: &i})
		}
	case game.TypeEstimation:
		_, btn := s.estimateLayout(l.answer)
		enter := a.fieldsUpdate([]*textField{s.number})
		if a.clicked(btn) || enter {
			v, err := parseNumber(s.number.text())
			if err != nil {
				s.ansErr = err.Error()
				a.setFocus(s.number)
				return
			}
			s.send(a, game.Answer{Number: &v})
		}
	case game.TypeClassement:
		s.updateClassement(a, l.answer)
	case game.TypeAssociation:
		s.updateAssociation(a, card, l.answer)
	case game.TypeDefi:
		_, btn := s.defiLayout(l.answer)
		a.fieldsUpdate([]*textField{s.defi})
		if a.clicked(btn) || (a.has(intentConfirm) && a.in.ctrl) {
			t := s.defi.value()
			if t == "" {
				s.ansErr = msgDefiEmpty
				return
			}
			s.send(a, game.Answer{Text: t})
		}
	}
}

func (s *teamScene) estimateLayout(r rect) (field, btn rect) {
	if s.phone {
		// The field the whole width (its preview below it), the
		// button under them.
		field, rest := r.cutTop(26+4+70+8+2*30, 12)
		btn, _ = rest.cutTop(64, 0)
		return field, btn
	}
	box := r.centered(math.Min(r.W, 720), math.Min(r.H, 200))
	field, rest := box.cutTop(100, 16)
	btn = rest.centered(320, math.Min(64, rest.H))
	return field, btn
}

func (s *teamScene) defiLayout(r rect) (field, btn rect) {
	btn = rect{r.right() - 320, r.bottom() - 64, 320, 64}
	field = rect{r.X, r.Y, r.W, r.H - 78}
	return field, btn
}

// classementLayout: one row per item, ▲▼ at the right, validate below.
func (s *teamScene) classementLayout(r rect, n int) (rows, ups, downs []rect, btn rect) {
	_, rest := r.cutTop(28, 8)
	if s.phone {
		rest = r
	}
	btnRow, list := rest.cutBottom(64, 12)
	btn = btnRow.centered(360, 64)
	rowH := math.Min(72, (list.H-float64(n-1)*10)/float64(max(1, n)))
	if s.phone {
		// Arrows at least a touch target wide and tall; each row as
		// tall as its item's words (fitClassRows), the room left shared
		// out up to 72 dp a row.
		order := s.classOrder()
		base := make([]float64, n)
		sum := 0.0
		for i := range base {
			base[i] = s.minTarget + 12
			if i < len(order) && order[i] < len(s.classNeeds) {
				base[i] = math.Max(base[i], s.classNeeds[order[i]])
			}
			sum += base[i]
		}
		extra := math.Max(0, (list.H-float64(n-1)*10-sum)/float64(max(1, n)))
		y := list.Y
		for i := 0; i < n; i++ {
			h := base[i] + math.Min(extra, math.Max(0, 72-base[i]))
			row := rect{list.X, y, list.W, h}
			y += h + 10
			rows = append(rows, row)
			arrows, _ := row.inset(6).cutRight(2*s.minTarget+6, 0)
			arrows = arrows.centered(arrows.W, math.Min(arrows.H, 72-12))
			cs := arrows.columns(2, 6)
			ups, downs = append(ups, cs[0]), append(downs, cs[1])
		}
		// The button right under the list.
		btn = rect{list.X, y - 10 + 6, list.W, 64}.centered(360, 64)
		return
	}
	for i := 0; i < n; i++ {
		row := rect{list.X, list.Y + float64(i)*(rowH+10), list.W, rowH}
		rows = append(rows, row)
		arrows, _ := row.inset(6).cutRight(2*rowH+6, 0)
		cs := arrows.columns(2, 6)
		ups, downs = append(ups, cs[0]), append(downs, cs[1])
	}
	return
}

func (s *teamScene) updateClassement(a *App, r rect) {
	rows, ups, downs, btn := s.classementLayout(r, len(s.order))
	for i := range rows {
		if a.clicked(ups[i]) && i > 0 {
			s.order = moveItem(s.order, i, i-1)
			s.sel = i - 1
			return
		}
		if a.clicked(downs[i]) && i < len(rows)-1 {
			s.order = moveItem(s.order, i, i+1)
			s.sel = i + 1
			return
		}
	}
	// Drag: press on a row, move, release where it should go.
	if a.in.pressed && s.drag < 0 {
		for i, row := range rows {
			if row.contains(a.in.x, a.in.y) && !ups[i].contains(a.in.x, a.in.y) && !downs[i].contains(a.in.x, a.in.y) {
				s.drag, s.dragY, s.sel = i, a.in.y, i
			}
		}
	}
	if s.drag >= 0 {
		if !a.in.down || a.in.released {
			to := s.dropIndex(rows, a.in.y)
			s.order = moveItem(s.order, s.drag, to)
			s.sel = to
			s.drag = -1
		}
		a.invalidate()
	}
	if a.has(intentUp) && s.sel > 0 {
		if a.in.ctrl || a.has(intentFocusNext) {
			s.sel--
		} else {
			s.order = moveItem(s.order, s.sel, s.sel-1)
			s.sel--
		}
	}
	if a.has(intentDown) && s.sel < len(s.order)-1 {
		s.order = moveItem(s.order, s.sel, s.sel+1)
		s.sel++
	}
	if a.has(intentFocusNext) {
		s.sel = (s.sel + 1) % max(1, len(s.order))
	}
	if k, ok := a.choice(); ok && k < len(s.order) {
		s.sel = k
	}
	if a.clicked(btn) || a.has(intentConfirm) {
		s.send(a, game.Answer{Order: append([]int{}, s.order...)})
	}
}

func (s *teamScene) dropIndex(rows []rect, y float64) int {
	for i, row := range rows {
		if y < row.centerY() {
			if i > s.drag {
				return i - 1
			}
			return i
		}
	}
	return len(rows) - 1
}

// associationLayout: items on the left, groups as big targets on the right.
func (s *teamScene) associationLayout(r rect, n, ng int) (items, groups []rect, btn rect) {
	if s.phone {
		// A phone: the items the whole width, each with its group's
		// letter at the right; the groups two a row below; the button.
		// Items and groups as tall as their words (answerNeed).
		rowsG := (ng + 1) / 2
		gh := math.Max(s.minTarget+4, s.assocGroupNeed)
		groupsH := float64(rowsG)*gh + float64(rowsG-1)*8
		room := r.H - groupsH - 10 - 64 - 10
		rowH := math.Max(math.Max(s.minTarget, s.assocItemNeed), math.Min(72, (room-float64(n-1)*4)/float64(max(1, n))))
		for i := 0; i < n; i++ {
			items = append(items, rect{r.X, r.Y + float64(i)*(rowH+4), r.W, rowH})
		}
		// The groups right under the items (the thumb's way from one to
		// the other), the button under them.
		_, rest := r.cutTop(float64(n)*(rowH+4)-4, 10)
		gbox, rest := rest.cutTop(groupsH, 10)
		groups = gbox.grid(ng, 2, 8)
		btnRow, _ := rest.cutTop(64, 0)
		btn = btnRow.centered(360, 64)
		return
	}
	_, rest := r.cutTop(28, 8)
	btnRow, main := rest.cutBottom(64, 12)
	btn = btnRow.centered(360, 64)
	left, right := main.cutLeft(main.W*0.55, 20)
	rowH := math.Min(64, (left.H-float64(n-1)*8)/float64(max(1, n)))
	for i := 0; i < n; i++ {
		items = append(items, rect{left.X, left.Y + float64(i)*(rowH+8), left.W, rowH})
	}
	groups = right.rows(ng, 12)
	return
}

func (s *teamScene) updateAssociation(a *App, card *game.CardView, r rect) {
	items, groups, btn := s.associationLayout(r, len(card.Items), len(card.Groups))
	if i := a.clickedIn(items); i >= 0 {
		s.sel = i
	}
	assigns := a.choices()
	if g := a.clickedIn(groups); g >= 0 {
		assigns = append(assigns, g)
	}
	for _, g := range assigns {
		if g < 0 || g >= len(card.Groups) || s.sel >= len(s.groups) {
			continue
		}
		s.groups[s.sel] = g
		// Move on to the next item still to place.
		for k := 1; k <= len(s.groups); k++ {
			j := (s.sel + k) % len(s.groups)
			if s.groups[j] < 0 {
				s.sel = j
				break
			}
		}
	}
	if a.has(intentUp) && s.sel > 0 {
		s.sel--
	}
	if a.has(intentDown) && s.sel < len(s.groups)-1 {
		s.sel++
	}
	if a.clicked(btn) || a.has(intentConfirm) {
		left := 0
		for _, g := range s.groups {
			if g < 0 {
				left++
			}
		}
		if left > 0 {
			s.ansErr = fmt.Sprintf(msgAssocMissing, countOf(left, nounItem))
			return
		}
		s.send(a, game.Answer{Groups: append([]int{}, s.groups...)})
	}
}

// commitLayout: members on the left, a page of commitments on the right.
type commitLayout struct {
	title, help      rect
	members, options []rect
	prev, next, send rect
	perPage          int
}

func (s *teamScene) commitLayout(a *App) commitLayout {
	if a.narrow() {
		return s.commitLayoutPhone(a)
	}
	var l commitLayout
	body := s.layout(a).body
	l.title, body = body.cutTop(44, 4)
	l.help, body = body.cutTop(30, 12)
	foot, body := body.cutBottom(64, 14)
	l.send = foot.centered(420, 64)
	l.prev, _ = foot.cutLeft(200, 0)
	l.next, _ = foot.cutRight(200, 0)
	left, right := body.cutLeft(math.Min(360, body.W*0.35), 20)
	for i := range s.view.Members {
		l.members = append(l.members, rect{left.X, left.Y + float64(i)*62, left.W, 54})
	}
	rowH := 58.0
	l.perPage = max(1, int((right.H+8)/(rowH+8)))
	n := len(s.view.Commitments) - s.page*l.perPage
	for i := 0; i < min(n, l.perPage); i++ {
		l.options = append(l.options, rect{right.X, right.Y + float64(i)*(rowH+8), right.W, rowH})
	}
	return l
}

// pages is how many pages of commitments the screen shows.
func (s *teamScene) pages(a *App) int {
	l := s.commitLayout(a)
	return (len(s.view.Commitments) + l.perPage - 1) / l.perPage
}

// commitSendLabel is the commitments' send button: « mon » for a lone
// agent (a plenary's), « nos » for a team.
func (s *teamScene) commitSendLabel() string {
	if len(s.view.Members) == 1 {
		return msgCommitSendOne
	}
	return msgCommitSend
}

func (s *teamScene) updateCommit(a *App) {
	if s.committed || len(s.view.Chosen) >= len(s.view.Members) && len(s.view.Members) > 0 {
		s.committed = true
		s.updateRecap(a)
		return
	}
	l := s.commitLayout(a)
	if i := a.clickedIn(l.members); i >= 0 {
		s.member = i
	}
	if i := a.clickedIn(l.options); i >= 0 && s.member < len(s.picks) {
		s.picks[s.member] = s.view.Commitments[s.page*l.perPage+i].ID
		for k := 1; k < len(s.picks); k++ {
			j := (s.member + k) % len(s.picks)
			if s.picks[j] == "" {
				s.member = j
				break
			}
		}
	}
	pages := (len(s.view.Commitments) + l.perPage - 1) / l.perPage
	if a.clicked(l.prev) && s.page > 0 {
		s.page--
	}
	if a.clicked(l.next) && s.page < pages-1 {
		s.page++
	}
	if a.clicked(l.send) {
		var picks []game.MemberPick
		for i, id := range s.picks {
			if id == "" {
				s.ansErr = msgCommitMissing
				return
			}
			picks = append(picks, game.MemberPick{Member: i, Commitment: id})
		}
		if err := s.conn.Send(game.Command{Kind: game.KindCommit, Chosen: picks}); err != nil {
			a.toast(msgConnLost)
			return
		}
		s.committed, s.ansErr = true, ""
		s.member = 0 // the recap starts with the first member's
	}
}
