package ui

import (
	"context"
	"errors"
	"fmt"
	"time"

	"github.com/hajimehoshi/ebiten/v2/text/v2"

	"metodd/game"
)

// Roster limits: the rules' (game.Max*), so the form never lets through what
// the server refuses nor refuses what it accepts.
const (
	maxMembers  = game.MaxTeamMembers
	maxNameLen  = game.MaxMemberNameRunes
	maxTeamName = game.MaxTeamNameRunes
	maxDirLen   = game.MaxDirectionRunes
)

// memberForm is one member being typed.
type memberForm struct {
	first, last, dir *textField // dir: typed (« Autre », or no list)
	coll             int        // index in game.Collectivites, -1 = not chosen
	cat              int        // 0 = not given, then game.Categories
	dirName          string     // the list's direction chosen ("": none)
	dirOther         bool       // « Autre (préciser) »: dir holds it
}

func newMemberForm() *memberForm {
	m := &memberForm{
		first: newField(msgFirstNameLabel, "", maxNameLen),
		last:  newField(msgLastNameLabel, "", maxNameLen),
		dir:   newField(msgDirectionMemberLabel, msgDirectionMemberPlaceholder, maxDirLen),
		coll:  -1,
	}
	// The phone offers capitals: at each word of a name, at the start
	// of a direction.
	m.first.caps, m.last.caps, m.dir.caps = capsWords, capsWords, capsSentences
	return m
}

func (m *memberForm) member() game.Member {
	mb := game.Member{FirstName: m.first.value(), LastName: m.last.value(), Direction: m.dir.value()}
	if m.dirName != "" && !m.dirOther {
		mb.Direction = m.dirName
	}
	if m.coll >= 0 {
		mb.Collectivite = game.Collectivites[m.coll]
	}
	if m.cat > 0 {
		mb.Category = game.Categories[m.cat-1]
	}
	return mb
}

// next is a new member after m: the same collectivité and direction, the
// usual case of a team from one service (each stays editable).
func (m *memberForm) next() *memberForm {
	n := newMemberForm()
	n.coll, n.dirName, n.dirOther = m.coll, m.dirName, m.dirOther
	n.dir.setText(m.dir.text())
	return n
}

func (m *memberForm) complete() bool {
	mb := m.member()
	return mb.FirstName != "" && mb.LastName != "" && mb.Collectivite != "" && mb.Direction != ""
}

func (m *memberForm) title() string {
	mb := m.member()
	if mb.FirstName == "" && mb.LastName == "" {
		return msgMemberNew
	}
	return mb.FirstName + " " + mb.LastName
}

// teamSetupScene: the team names itself, picks a colour and lists its
// members, then joins.
type teamSetupScene struct {
	code    string
	year    int // the current campaign (GET /api/join), for the privacy line
	name    *textField
	color   int
	members []*memberForm
	sel     int
	err     string
	busy    bool

	infoAsked  bool
	plenary    bool     // one device per agent: one member, a team to join or create
	teams      []string // existing teams offered as choices (plenary)
	dirs       []string // the RSO cell's directions (GET /api/join): the picker's list
	pick       dirPicker
	refreshAt  time.Time // plenary: when the team list is asked again
	refreshing bool
	infoRetry  time.Time // when the mode is asked again after a network failure

	// On a phone the form scrolls (teamsetup_phone.go).
	scroll, contentH float64
	dragFrom         float64
	dragging         bool
	lastFocus        *textField
}

// maxTeamChoices bounds the existing teams shown as buttons: the rest can
// still be typed.
const maxTeamChoices = 8

// joinInfoRefresh is how often an open plenary form asks the server again
// for the teams in play, so a team created meanwhile is offered: 15 s
// keeps 150 phones behind one address opening the form together within
// the server's RoomLimits.JoinInfoRate (600 a minute per address).
const joinInfoRefresh = 15 * time.Second

// joinInfoRetry is how long the form waits to ask the session's mode again
// when the server could not be reached (the building's Wi-Fi dropped as
// the form opened): without the mode, a plenary's form would ask for a
// whole team and offer no directions.
const joinInfoRetry = 5 * time.Second

// joiningExisting says whether the plenary form joins a team in play (its
// name is one of them): the team's colour is already chosen.
func (s *teamSetupScene) joiningExisting() bool {
	if !s.plenary {
		return false
	}
	f := game.Fold(s.name.value())
	for _, t := range s.teams {
		if game.Fold(t) == f {
			return true
		}
	}
	return false
}

// memberLimit is how many members the form takes: one agent per device in
// a plenary.
func (s *teamSetupScene) memberLimit() int {
	if s.plenary {
		return 1
	}
	return maxMembers
}

// applyInfo adapts the form to the session's mode (GET /api/join).
func (s *teamSetupScene) applyInfo(info JoinInfo) {
	s.plenary = info.Mode == game.ModePlenary
	s.year = info.Year
	s.dirs = info.Directions
	s.teams = nil
	if s.plenary {
		s.teams = info.Teams
		s.name.label = msgPlenaryTeamLabel
		if len(s.members) > 1 {
			s.members = s.members[:1]
		}
		s.sel = 0
	} else {
		s.name.label = msgTeamNameLabel
	}
}

// refreshInfo asks again for the teams in play while a plenary form is
// open (joinInfoRefresh); a failure keeps the list shown.
func (s *teamSetupScene) refreshInfo(a *App) {
	b, code := a.backend, s.code
	if b == nil || s.refreshing || s.busy {
		return
	}
	s.refreshing = true
	a.async(func(ctx context.Context) func() {
		info, err := b.JoinInfo(ctx, code)
		return func() {
			s.refreshing = false
			s.refreshAt = a.now().Add(joinInfoRefresh)
			if err != nil || info.Mode != game.ModePlenary {
				return
			}
			s.teams, s.dirs = info.Teams, info.Directions
			a.invalidate()
		}
	})
}

// askInfo fetches the session's mode once the form shows.
func (s *teamSetupScene) askInfo(a *App) {
	s.infoAsked = true
	s.refreshAt = a.now().Add(joinInfoRefresh)
	b, code := a.backend, s.code
	if b == nil {
		return
	}
	a.async(func(ctx context.Context) func() {
		info, err := b.JoinInfo(ctx, code)
		return func() {
			if err != nil {
				var ue *UserError
				if errors.As(err, &ue) {
					s.err = ue.Message // unknown code: say it before the form is filled
					return
				}
				// Unreachable server: asked again (and the join will
				// tell if it still is).
				s.infoAsked, s.infoRetry = false, a.now().Add(joinInfoRetry)
				return
			}
			s.applyInfo(info)
		}
	})
}

func newTeamSetup(a *App, code string) *teamSetupScene {
	s := &teamSetupScene{
		code:    code,
		name:    newField(msgTeamNameLabel, msgTeamNamePlaceholder, maxTeamName),
		members: []*memberForm{newMemberForm()},
	}
	s.name.caps = capsSentences
	a.setFocus(s.name)
	return s
}

type teamSetupLayout struct {
	title, code, left, right rect
	name, colorLabel         rect
	swatches                 []rect
	membersLabel             rect
	memberRows               []rect
	add                      rect
	first, last, dir         rect
	dirOther                 rect // « Autre »'s text field, when chosen
	collLabel, coll          rect
	catLabel, cat            rect
	remove                   rect
	err, privacy, submit     rect
	choicesLabel             rect
	choices                  []rect
	collCells, catCells      []rect
	content                  rect // the whole form, scrolled (phone)
}

func (s *teamSetupScene) layout(a *App) teamSetupLayout {
	for _, m := range s.members {
		m.dir.label = msgDirectionMemberLabel
		if s.picking() {
			m.dir.label = msgDirOtherLabel // beside the picker's « Autre »
		}
	}
	if a.narrow() {
		return s.layoutPhone(a)
	}
	var l teamSetupLayout
	scr := a.screen().inset(28)
	head, body := scr.cutTop(56, 16)
	l.title, l.code = head.cutLeft(head.W-300, 10)
	foot, body := body.cutBottom(64, 14)
	l.submit, foot = foot.cutRight(360, 16)
	l.err, l.privacy = foot.rows(2, 2)[0], foot.rows(2, 2)[1]
	narrow := body.W < 900
	if narrow {
		l.left, l.right = body.cutTop(body.H*0.45, 16)
	} else {
		l.left, l.right = body.cutLeft(body.W*0.4, 24)
	}
	in := l.left.inset(22)
	l.name, in = in.cutTop(90, 14)
	if !s.joiningExisting() {
		l.colorLabel, in = in.cutTop(26, 6)
		var sw rect
		sw, in = in.cutTop(50, 16)
		l.swatches = sw.columns(len(teamPalette), 8)
	}
	l.membersLabel, in = in.cutTop(30, 8)
	rows := len(s.members)
	rowH := 46.0
	for i := 0; i < rows; i++ {
		var r rect
		r, in = in.cutTop(rowH, 6)
		l.memberRows = append(l.memberRows, r)
	}
	if len(s.members) < s.memberLimit() {
		l.add, _ = in.cutTop(46, 6)
	}
	if s.plenary && len(s.teams) > 0 && in.H > 26+4+40 {
		l.choicesLabel, in = in.cutTop(26, 4)
		n := min(len(s.teams), maxTeamChoices, 2*int((in.H+6)/46))
		rowsN := (n + 1) / 2
		l.choices = rect{in.X, in.Y, in.W, float64(rowsN)*46 - 6}.grid(n, 2, 6)
	}
	in = l.right.inset(22)
	var r rect
	r, in = in.cutTop(90, 12)
	cols := r.columns(2, 16)
	l.first, l.last = cols[0], cols[1]
	l.collLabel, in = in.cutTop(26, 4)
	l.coll, in = in.cutTop(48, 12)
	l.dir, in = in.cutTop(90, 12)
	if s.picking() && s.members[s.sel].dirOther {
		cols := l.dir.columns(2, 16)
		l.dir, l.dirOther = cols[0], cols[1]
	}
	l.catLabel, in = in.cutTop(26, 4)
	l.cat, in = in.cutTop(48, 12)
	if len(s.members) > 1 {
		l.remove, _ = in.cutTop(48, 0)
		l.remove.W = 280
	}
	l.collCells = l.coll.columns(len(game.Collectivites), 6)
	l.catCells = l.cat.columns(len(game.Categories)+1, 6)
	return l
}

func (s *teamSetupScene) fields() []*textField {
	m := s.members[s.sel]
	if s.picking() && !m.dirOther {
		return []*textField{s.name, m.first, m.last}
	}
	return []*textField{s.name, m.first, m.last, m.dir}
}

func (s *teamSetupScene) update(a *App) {
	if !s.infoAsked {
		if a.now().Before(s.infoRetry) {
			a.wakeAt(s.infoRetry)
		} else {
			s.askInfo(a)
		}
	}
	if s.plenary && !s.refreshAt.IsZero() {
		if a.now().After(s.refreshAt) {
			s.refreshInfo(a)
		} else {
			a.wakeAt(s.refreshAt) // a frame then, even with nobody touching the phone
		}
	}
	if s.pick.open {
		s.pickUpdate(a)
		return
	}
	if a.narrow() {
		s.scrollUpdate(a)
	}
	l := s.layout(a)
	m := s.members[s.sel]
	if s.picking() && (a.clicked(a.dirBox(l.dir)) || (a.has(intentFocusNext) && a.focus == m.last)) {
		// Tab from the last name goes on to the picker, opened.
		s.openPicker(a)
		return
	}
	if i := a.clickedIn(l.choices); i >= 0 && i < len(s.teams) {
		s.name.setText(s.teams[i])
	}
	enter := a.fieldsUpdate(s.fields())
	if i := a.clickedIn(l.swatches); i >= 0 {
		s.color = i
	}
	if i := a.clickedIn(l.memberRows); i >= 0 {
		s.sel = i
		a.setFocus(s.members[i].first)
	}
	if len(s.members) < s.memberLimit() && a.clicked(l.add) {
		s.members = append(s.members, s.members[len(s.members)-1].next())
		s.sel = len(s.members) - 1
		a.setFocus(s.members[s.sel].first)
		return
	}
	if i := a.clickedIn(l.collCells); i >= 0 {
		m.coll = i
	}
	if i := a.clickedIn(l.catCells); i >= 0 {
		m.cat = i
	}
	if len(s.members) > 1 && a.clicked(l.remove) {
		s.members = append(s.members[:s.sel], s.members[s.sel+1:]...)
		s.sel = min(s.sel, len(s.members)-1)
		a.setFocus(nil)
		return
	}
	if a.has(intentBack) && a.focus == nil {
		a.goTo(newHome(a))
		return
	}
	if (a.clicked(l.submit) || (enter && a.focus == m.dir)) && !s.busy {
		s.submit(a)
	}
}

// join builds the join message, or a French error.
func (s *teamSetupScene) join() (game.Join, string) {
	j := game.Join{Code: s.code, Team: s.name.value(), Color: teamPalette[s.color].Hex}
	if j.Team == "" {
		return j, msgTeamNameMissing
	}
	for i, m := range s.members {
		if !m.complete() {
			return j, fmt.Sprintf(msgMemberMissing, i+1)
		}
		j.Members = append(j.Members, m.member())
	}
	if len(j.Members) == 0 {
		return j, msgNoMember
	}
	return j, ""
}

func (s *teamSetupScene) submit(a *App) {
	j, msg := s.join()
	if msg != "" {
		s.err = msg
		return
	}
	s.busy, s.err = true, ""
	b := a.backend
	a.async(func(ctx context.Context) func() {
		conn, err := b.JoinTeam(ctx, s.code, j)
		return func() {
			s.busy = false
			if err != nil {
				s.err = userError(err)
				return
			}
			a.rememberTeam(conn)
			a.goTo(newTeamScene(a, conn, s))
		}
	})
}

func (s *teamSetupScene) draw(a *App, c *canvas) {
	l := s.layout(a)
	phone := a.narrow()
	if phone && c.rec != nil && !s.pick.open {
		c.rec.content = l.content
	}
	c.text(l.title, msgTeamTitle, textStyle{size: 40, bold: true, col: colOnDark, valign: text.AlignCenter, oneLine: true})
	codeAlign := text.AlignEnd
	if phone {
		codeAlign = text.AlignStart
	}
	c.text(l.code, fmt.Sprintf(msgSessionCode, s.code), textStyle{size: 26, bold: true, col: colAccent, align: codeAlign, valign: text.AlignCenter, oneLine: true})

	if s.pick.open {
		s.drawPicker(a, c)
		return
	}
	c.card(l.left, colCard)
	a.drawField(c, s.name, l.name, false)
	if len(l.swatches) > 0 {
		c.text(l.colorLabel, colorLabel(s.color), textStyle{size: 18, bold: true, col: colInkMuted, oneLine: true})
	}
	for i, sw := range l.swatches {
		c.target(sw)
		col := parseHex(teamPalette[i].Hex)
		r := sw.centered(46, 46)
		if phone {
			r = sw.inset(4)
		}
		if i == s.color {
			c.roundRect(r.inset(-4), 12, colInk)
		}
		c.roundRect(r, 10, col)
		if i == s.color {
			drawCheck(c, r.centerX(), r.centerY(), 12, inkOn(col))
		}
	}
	members := fmt.Sprintf(msgMembersLabel, len(s.members), maxMembers)
	if s.plenary {
		members = msgPlenaryMember
	}
	c.text(l.membersLabel, members, textStyle{size: 20, bold: true, col: colInk, valign: text.AlignCenter, oneLine: true})
	for i, r := range l.memberRows {
		c.target(r)
		m := s.members[i]
		bg := colCardSoft
		if i == s.sel {
			bg = mix(colAccent, colCard, 0.55)
		}
		c.roundRect(r, 10, bg)
		num, rest := r.inset(6).cutLeft(34, 8)
		c.circle(num.centerX(), num.centerY(), 16, parseHex(teamPalette[s.color].Hex))
		c.text(num, fmt.Sprint(i+1), textStyle{size: 18, bold: true, col: inkOn(parseHex(teamPalette[s.color].Hex)), align: text.AlignCenter, valign: text.AlignCenter, oneLine: true})
		label := m.title()
		if !m.complete() {
			label += " — " + msgMemberIncomplete
		}
		c.text(rest, label, textStyle{size: 20, col: colInk, valign: text.AlignCenter, oneLine: !phone})
	}
	if len(s.members) < s.memberLimit() {
		a.button(c, l.add, msgAddMember, btnSecondary, true)
	}
	if len(l.choices) > 0 {
		c.text(l.choicesLabel, msgExistingTeams, textStyle{size: 16, min: 11, bold: true, col: colInkMuted, valign: text.AlignCenter, oneLine: !phone})
		for i, r := range l.choices {
			kind := btnSecondary
			if s.name.value() == s.teams[i] {
				kind = btnPrimary
			}
			a.button(c, r, s.teams[i], kind, true)
		}
	}

	c.card(l.right, colCard)
	m := s.members[s.sel]
	a.drawField(c, m.first, l.first, false)
	a.drawField(c, m.last, l.last, false)
	c.text(l.collLabel, msgCollectiviteLabel, textStyle{size: 18, bold: true, col: colInkMuted, oneLine: true})
	a.segmentedIn(c, l.collCells, game.Collectivites, m.coll, false)
	if s.picking() {
		s.drawDirBox(a, c, l.dir, m)
		if m.dirOther {
			a.drawField(c, m.dir, l.dirOther, false)
		}
	} else {
		a.drawField(c, m.dir, l.dir, false)
	}
	c.text(l.catLabel, msgCategoryLabel, textStyle{size: 18, bold: true, col: colInkMuted, oneLine: true})
	a.segmentedIn(c, l.catCells, append([]string{msgCategoryNone}, game.Categories...), m.cat, false)
	if len(s.members) > 1 {
		a.button(c, l.remove, msgRemoveMember, btnSecondary, true)
	}

	msg, col := s.err, colAccent
	if s.busy {
		msg, col = msgWorking, colOnDarkDim
	}
	c.text(l.err, msg, textStyle{size: 20, bold: true, col: col, valign: text.AlignCenter, oneLine: !phone})
	c.text(l.privacy, privacyText(s.year), textStyle{size: 16, col: colOnDarkDim, valign: text.AlignCenter, oneLine: !phone})
	a.button(c, l.submit, msgJoinGame, btnPrimary, !s.busy)
}

// drawCheck draws a tick mark centred at cx, cy.
func drawCheck(c *canvas, cx, cy, r float64, col interface {
	RGBA() (uint32, uint32, uint32, uint32)
}) {
	c.line(cx-r*0.7, cy, cx-r*0.2, cy+r*0.5, r*0.3, col)
	c.line(cx-r*0.2, cy+r*0.5, cx+r*0.8, cy-r*0.6, r*0.3, col)
}

// colorLabel is the line above the colour picker: « Couleur : Orange ».
func colorLabel(i int) string { return msgColorLabel + "\u00a0: " + teamPalette[i].Name }
