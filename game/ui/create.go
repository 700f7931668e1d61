package ui

import (
	"context"
	"fmt"
	"strconv"

	"github.com/hajimehoshi/ebiten/v2/text/v2"

	"metodd/game"
)

// createScene: the partner sets up a session, then goes to the projector.
type createScene struct {
	acc       Account
	decks     []DeckInfo
	deck      int
	format    int // index in formats
	axis      int // 0..2
	mode      int // 0 team, 1 plenary
	time      int // « temps adapté »: every card's time × (time+1)
	direction *textField
	site      *textField
	expected  *textField
	err       string
	busy      bool
	loading   bool
}

var formats = []struct{ id, label, help string }{
	{game.FormatExpress, formatExpress, formatExpressHelp},
	{game.FormatStandard, formatStandard, formatStandardHelp},
	{game.FormatComplet, formatComplet, formatCompletHelp},
	{game.FormatAxis, formatAxis, formatAxisHelp},
}

var modes = []struct {
	id          game.Mode
	label, help string
}{
	{game.ModeTeam, modeTeam, modeTeamHelp},
	{game.ModePlenary, modePlenary, modePlenaryHelp},
}

func newCreate(a *App, acc Account) *createScene {
	s := &createScene{
		acc:       acc,
		format:    1,
		direction: newField(msgDirectionLabel, msgDirectionPlaceholder, game.MaxDirectionRunes),
		site:      newField(msgSiteLabel, msgSitePlaceholder, game.MaxSiteRunes),
		expected:  newField(msgExpectedLabel, "12", len(strconv.Itoa(game.MaxExpected))),
		loading:   true,
	}
	b := a.backend
	if b != nil {
		a.async(func(ctx context.Context) func() {
			decks, err := b.Decks(ctx, acc.Token)
			return func() {
				s.loading = false
				if err != nil {
					s.err = userError(err)
					return
				}
				s.decks = decks
			}
		})
	}
	return s
}

type createLayout struct {
	card, title, hello              rect
	deckLabel, deck                 rect
	formatLabel, format, formatHelp rect
	axisLabel, axis                 rect
	modeLabel, mode, modeHelp       rect
	timeLabel, time                 rect
	direction, site, expected       rect
	err, back, submit               rect
}

func (s *createScene) layout(a *App) createLayout {
	var l createLayout
	scr := a.screen()
	l.card = scr.centered(1100, scr.H-40)
	in := l.card.insetXY(36, 26)
	head, in := in.cutTop(50, 12)
	l.title, l.hello = head.cutLeft(head.W*0.55, 10)
	row := func(h float64) rect {
		var r rect
		r, in = in.cutTop(h, 10)
		return r
	}
	r := row(48)
	l.deckLabel, l.deck = r.cutLeft(200, 12)
	r = row(48)
	l.formatLabel, l.format = r.cutLeft(200, 12)
	r = row(26)
	_, l.formatHelp = r.cutLeft(200, 12)
	if formats[s.format].id == game.FormatAxis {
		r = row(48)
		l.axisLabel, l.axis = r.cutLeft(200, 12)
	}
	r = row(48)
	l.modeLabel, l.mode = r.cutLeft(200, 12)
	r = row(26)
	_, l.modeHelp = r.cutLeft(200, 12)
	r = row(48)
	l.timeLabel, l.time = r.cutLeft(200, 12)
	r = row(92)
	cols := r.columns(5, 18)
	l.direction = rect{cols[0].X, r.Y, cols[1].right() - cols[0].X, r.H}
	l.site = rect{cols[2].X, r.Y, cols[3].right() - cols[2].X, r.H}
	l.expected = cols[4]
	btns, rest := in.cutBottom(64, 8)
	l.err = rest
	bc := btns.columns(3, 18)
	l.back = bc[0]
	l.submit = rect{bc[1].X, bc[1].Y, bc[2].right() - bc[1].X, bc[1].H}
	return l
}

// timeOptions are « temps adapté »'s choices: normal, then ×2 up to
// game.MaxTimeFactor.
func timeOptions() []string {
	out := []string{msgTimeNormal}
	for f := 2; f <= game.MaxTimeFactor; f++ {
		out = append(out, fmt.Sprintf(msgTimeAdapted, f))
	}
	return out
}

func axisOptions() []string {
	out := make([]string, len(game.Axes))
	for i, ax := range game.Axes {
		out[i] = fmt.Sprintf("%d · %s", ax.Number, ax.Name)
	}
	return out
}

func (s *createScene) deckOptions() []string {
	if len(s.decks) == 0 {
		if s.loading {
			return []string{msgWorking}
		}
		return []string{msgNoDeck}
	}
	out := make([]string, len(s.decks))
	for i, d := range s.decks {
		out[i] = fmt.Sprintf("%s (%d cartes)", d.Title, d.Cards)
	}
	return out
}

func labels[T any](xs []T, f func(T) string) []string {
	out := make([]string, len(xs))
	for i, x := range xs {
		out[i] = f(x)
	}
	return out
}

func (s *createScene) update(a *App) {
	l := s.layout(a)
	enter := a.fieldsUpdate([]*textField{s.direction, s.site, s.expected})
	if i := a.clickedIn(l.deck.columns(max(1, len(s.deckOptions())), 6)); i >= 0 && i < len(s.decks) {
		s.deck = i
	}
	if i := a.clickedIn(l.format.columns(len(formats), 6)); i >= 0 {
		s.format = i
	}
	if formats[s.format].id == game.FormatAxis {
		if i := a.clickedIn(l.axis.columns(3, 6)); i >= 0 {
			s.axis = i
		}
	}
	if i := a.clickedIn(l.mode.columns(len(modes), 6)); i >= 0 {
		s.mode = i
	}
	if i := a.clickedIn(l.time.columns(game.MaxTimeFactor, 6)); i >= 0 {
		s.time = i
	}
	if a.clicked(l.back) || (a.has(intentBack) && a.focus == nil) {
		a.goTo(newHome(a))
		return
	}
	if (a.clicked(l.submit) || enter) && !s.busy {
		s.submit(a)
	}
}

// request builds the creation request, or a French error.
func (s *createScene) request() (SessionRequest, string) {
	if len(s.decks) == 0 {
		return SessionRequest{}, msgNoDeck
	}
	if s.direction.value() == "" {
		return SessionRequest{}, msgDirectionMissing
	}
	n, err := strconv.Atoi(s.expected.value())
	if s.expected.value() == "" {
		n, err = 0, nil
	}
	if err != nil || n < 0 || n > game.MaxExpected {
		return SessionRequest{}, msgExpectedBad
	}
	req := SessionRequest{
		Deck:      s.decks[s.deck].ID,
		Format:    formats[s.format].id,
		Mode:      modes[s.mode].id,
		Direction: s.direction.value(),
		Site:      s.site.value(),
		Expected:  n,
	}
	if s.time > 0 {
		req.TimeFactor = s.time + 1
	}
	if req.Format == game.FormatAxis {
		req.Axis = s.axis + 1
	}
	return req, ""
}

func (s *createScene) submit(a *App) {
	req, msg := s.request()
	if msg != "" {
		s.err = msg
		return
	}
	s.busy, s.err = true, ""
	b, token := a.backend, s.acc.Token
	a.async(func(ctx context.Context) func() {
		created, err := b.CreateSession(ctx, token, req)
		if err != nil {
			return func() { s.busy, s.err = false, userError(err) }
		}
		conn, err := b.Host(ctx, created.Code, token)
		return func() {
			s.busy = false
			if err != nil {
				s.err = userError(err)
				return
			}
			h := newHostScene(a, conn, created)
			h.acc = s.acc // « Nouvelle séance » at the end, still logged in
			a.goTo(h)
		}
	})
}

func (s *createScene) draw(a *App, c *canvas) {
	l := s.layout(a)
	c.card(l.card, colCard)
	c.text(l.title, msgCreateTitle, textStyle{size: 38, bold: true, col: colInk, oneLine: true})
	if s.acc.Name != "" {
		c.text(l.hello, fmt.Sprintf(msgHello, s.acc.Name), textStyle{size: 22, col: colInkMuted, align: text.AlignEnd, valign: text.AlignCenter, oneLine: true})
	}
	label := func(r rect, s string) {
		c.text(r, s, textStyle{size: 21, bold: true, col: colInk, valign: text.AlignCenter, oneLine: true})
	}
	help := func(r rect, s string) {
		c.text(r, s, textStyle{size: 18, col: colInkMuted, valign: text.AlignCenter, oneLine: true})
	}
	label(l.deckLabel, msgDeckLabel)
	a.segmented(c, l.deck, s.deckOptions(), s.deck, false)
	label(l.formatLabel, msgFormatLabel)
	a.segmented(c, l.format, labels(formats, func(f struct{ id, label, help string }) string { return f.label }), s.format, false)
	help(l.formatHelp, formats[s.format].help)
	if formats[s.format].id == game.FormatAxis {
		label(l.axisLabel, msgAxisLabel)
		a.segmented(c, l.axis, axisOptions(), s.axis, false)
	}
	label(l.modeLabel, msgModeLabel)
	a.segmented(c, l.mode, labels(modes, func(m struct {
		id          game.Mode
		label, help string
	}) string {
		return m.label
	}), s.mode, false)
	help(l.modeHelp, modes[s.mode].help)
	label(l.timeLabel, msgTimeLabel)
	a.segmented(c, l.time, timeOptions(), s.time, false)
	a.drawField(c, s.direction, l.direction, false)
	a.drawField(c, s.site, l.site, false)
	a.drawField(c, s.expected, l.expected, false)
	msg, col := s.err, colBad
	if s.busy {
		msg, col = msgWorking, colInkMuted
	}
	c.text(l.err, msg, textStyle{size: 20, bold: true, col: col, valign: text.AlignCenter})
	a.button(c, l.back, msgBack, btnSecondary, true)
	a.button(c, l.submit, msgCreateButton, btnPrimary, !s.busy && len(s.decks) > 0)
}
