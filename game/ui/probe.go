package ui

import (
	"fmt"

	"metodd/game"
)

// Spot is the centre of a control, in the window's logical pixels (CSS
// pixels in a browser): where a person, or a test, clicks.
type Spot struct{ X, Y float64 }

// Spots gives the centres of the controls end-to-end tests click, for a
// window of w×h logical pixels on a screen of device scale dsf. They come
// from the very layout functions the screens use, so tests click where a
// person would. desktop says whether the home screen has the server field.
func Spots(w, h int, dsf float64, desktop bool) map[string]Spot {
	a := &App{opts: Options{AskServer: desktop}, scale: 1}
	a.resize(int(float64(w)*dsf), int(float64(h)*dsf), dsf)
	k := a.scale / dsf
	out := map[string]Spot{}
	put := func(name string, r rect) { out[name] = Spot{r.centerX() * k, r.centerY() * k} }
	// A field: its centre, and (name.ring) the middle of its top edge,
	// where the focus ring shows.
	field := func(name string, r rect) {
		_, box := r.cutTop(26, 4)
		put(name, box)
		out[name+".ring"] = Spot{box.centerX() * k, box.Y * k}
	}

	home := newHomeForSpots()
	hl := home.layout(a)
	field("home.code", hl.codeField)
	put("home.join", hl.joinBtn)
	put("home.host", hl.hostBtn)
	if desktop {
		field("home.server", hl.serverField)
	}

	ll := (&loginScene{}).layout(a)
	field("login.login", ll.login)
	field("login.password", ll.password)
	put("login.submit", ll.submit)

	cs := &createScene{format: 1}
	cl := cs.layout(a)
	for i, r := range cl.format.columns(len(formats), 6) {
		put(fmt.Sprintf("create.format%d", i), r)
	}
	for i, r := range cl.mode.columns(len(modes), 6) {
		put(fmt.Sprintf("create.mode%d", i), r)
	}
	for i, r := range cl.time.columns(game.MaxTimeFactor, 6) {
		put(fmt.Sprintf("create.time%d", i), r) // 0 normal, then « temps adapté » ×2…
	}
	field("create.direction", cl.direction)
	field("create.site", cl.site)
	field("create.expected", cl.expected)
	put("create.submit", cl.submit)

	// The form of a server that sends a list of directions, « Autre »
	// chosen: setup.dir is the picker (a click opens the list; End then
	// Enter choose « Autre »), setup.dirother the field it reveals.
	ts := &teamSetupScene{members: []*memberForm{newMemberForm()}, dirs: []string{"-"}}
	ts.members[0].dirOther = true
	tl := ts.layout(a)
	field("setup.name", tl.name)
	for i, r := range tl.swatches {
		put(fmt.Sprintf("setup.color%d", i), r)
	}
	field("setup.first", tl.first)
	field("setup.last", tl.last)
	field("setup.dir", tl.dir)
	field("setup.dirother", tl.dirOther)
	// A point of the open list's sheet, between its title and its first
	// entry: the sheet's white there, the page's dark background on the
	// form.
	pl := ts.pickLayout(a)
	out["setup.dirsheet"] = Spot{pl.panel.centerX() * k, (pl.title.bottom() + 6) * k}
	for i, r := range tl.coll.columns(3, 6) {
		put(fmt.Sprintf("setup.coll%d", i), r)
	}
	for i, r := range tl.cat.columns(5, 6) {
		put(fmt.Sprintf("setup.cat%d", i), r)
	}
	put("setup.add", tl.add)
	put("setup.submit", tl.submit)

	tm := &teamScene{}
	body := tm.layout(a).body
	card := tm.cardLayout(a, body)
	for n := 2; n <= 4; n++ {
		for i, r := range choiceGrid(card.answer, n) {
			put(fmt.Sprintf("team.choice%d/%d", i, n), r)
		}
	}
	ef, eb := tm.estimateLayout(card.answer)
	fieldBox, _ := ef.cutLeft(ef.W*0.6, 16)
	field("team.estimate", fieldBox)
	put("team.estimate.submit", eb)
	df, db := tm.defiLayout(card.answer)
	field("team.defi", df)
	put("team.defi.submit", db)
	for n := 3; n <= 5; n++ {
		_, _, _, btn := tm.classementLayout(card.answer, n)
		put(fmt.Sprintf("team.classement.submit/%d", n), btn)
	}
	put("team.home", tm.homeButton(a))
	tm.view.Members = make([]game.Member, 1)
	tm.view.Commitments = make([]game.Commitment, 20)
	cml := tm.commitLayout(a)
	put("team.commit.member0", cml.members[0])
	put("team.commit.option0", cml.options[0])
	put("team.commit.option1", cml.options[1])
	put("team.commit.send", cml.send)

	hs := &hostScene{}
	hl2 := hs.layout(a)
	put("host.next", hl2.next)
	put("host.pause", hl2.pause)
	put("host.more", hl2.more)
	put("host.skip", hl2.skip)
	put("host.teams", hl2.teams)
	return out
}

func newHomeForSpots() *homeScene { return &homeScene{} }
