package ui

// Text sizes of the home screen, shared by its wide and narrow layouts.
const (
	homeSubtitleSize = 22
	homeHelpSize     = 21
	homeLinkSize     = 17
)

// narrowLayout is the home screen on a portrait phone: one column, the
// join card first, the partners' way in reduced to its button.
func (h *homeScene) narrowLayout(a *App) homeLayout {
	var l homeLayout
	scr := a.screen().inset(a.margin(32))
	l.a11y, scr = scr.cutTop(a.tall(26), 4)
	head, body := scr.cutTop(96, 8)
	l.logo, l.title = head.cutLeft(96, 12)
	l.subtitle, body = body.cutTop(a.textHeight(appSubtitle, body.W, textStyle{size: homeSubtitleSize}), 12)
	if a.opts.AskServer {
		var srv rect
		srv, body = body.cutBottom(a.fieldH(54), 12)
		l.serverField = srv
	}
	errBox, body := body.cutBottom(a.lineH(22)*2, 8)
	l.err = errBox
	in := body.inset(20)
	in.H = 48 + 6 + a.textHeight(msgJoinHelp, in.W, textStyle{size: homeHelpSize}) + 10 + a.fieldH(60) + 14 + 64
	l.joinCard = in.inset(-20)
	l.joinTitle, in = in.cutTop(48, 6)
	l.joinHelp, in = in.cutTop(a.textHeight(msgJoinHelp, in.W, textStyle{size: homeHelpSize}), 10)
	l.codeField, in = in.cutTop(a.fieldH(60), 14)
	l.joinBtn = in
	_, rest := body.cutTop(l.joinCard.H, 16)
	in = rest.inset(20)
	in.H = 48 + 6 + 64
	l.hostCard = in.inset(-20)
	l.hostTitle, in = in.cutTop(48, 6)
	l.hostBtn = in
	return l
}
