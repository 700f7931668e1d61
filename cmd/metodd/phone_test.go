//go:build !js

package main

import (
	"context"
	"database/sql"
	"fmt"
	"math"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/cdproto/cdp"
	"github.com/chromedp/cdproto/emulation"
	"github.com/chromedp/cdproto/input"
	"github.com/chromedp/chromedp"
	_ "modernc.org/sqlite" // reads the server's SQLite file once the session closed

	"metodd/assets"
	"metodd/game"
	"metodd/game/client"
	"metodd/game/deckfile"
	"metodd/internal/testenv"
)

// The phone the plenary test plays on: a 390×844 CSS px portrait screen at
// device scale 3 (an iPhone 12 to 14), mobile, touch only.
const (
	phoneW   = 390
	phoneH   = 844
	phoneDSF = 3
	// touchHold is how long a finger stays down on a tap (a person's is
	// about 100 ms; Ebiten must see it down during at least one frame).
	touchHold = 120 * time.Millisecond
	// dragSteps is how many moves a drag makes on its way: Ebiten reads
	// the finger once a frame, a drag is seen as it goes.
	dragSteps = 8
	// marginX is where a finger scrolls a card: the screen's left margin
	// (12 dp, about 9 CSS px), off every control.
	marginX = 4
	// maxScrollTries bounds the drags that bring a control on screen.
	maxScrollTries = 4
	// scrollSettle is how long a drag's scroll may take to reach the
	// mirror.
	scrollSettle = 10 * time.Second
	// maxCommitPages bounds the « Suivants » taps to reach a commitment.
	maxCommitPages = 20
	// phoneStep bounds one step on the phone: its page, a 1170×2532 px
	// canvas drawn by a software renderer, can answer slowly on a loaded
	// machine.
	phoneStep = 2 * time.Minute
	// textareaID is exp/textinput's hidden textarea, which a tap on a
	// canvas field must focus (the phone's keyboard opens for it).
	textareaID = "ebitengine-textinput"
)

// openPhone opens a page emulating a phone: its size and density, the
// mobile viewport, and touch events (taps and drags go through
// Input.dispatchTouchEvent, never the mouse).
func openPhone(t *testing.T, name, url, shots string) *tab {
	t.Helper()
	ctx := newBrowser(t)
	tb := &tab{t: t, name: name, ctx: ctx, shots: shots}
	emulate := chromedp.Func(func(ctx context.Context, tg *chromedp.Target) error {
		if _, err := cdp.Call(ctx, tg, emulation.SetDeviceMetricsOverride, emulation.SetDeviceMetricsOverrideParams{
			Width: phoneW, Height: phoneH, DeviceScaleFactor: phoneDSF, Mobile: true,
			ScreenWidth: phoneW, ScreenHeight: phoneH,
		}); err != nil {
			return err
		}
		_, err := cdp.Call(ctx, tg, emulation.SetTouchEmulationEnabled, emulation.SetTouchEmulationEnabledParams{Enabled: true, MaxTouchPoints: 5})
		return err
	})
	// The first run starts the browser: no timeout on it.
	if err := chromedp.Do(ctx, emulate, chromedp.Navigate(url)); err != nil {
		t.Fatalf("%s: %v", name, err)
	}
	return tb
}

// peval evaluates js on the phone's page: a software-rendered 3× screen on
// a loaded machine can keep the page busy for long (loadTimeout).
func (tb *tab) peval(js string) string {
	tb.t.Helper()
	ctx, cancel := context.WithTimeout(tb.ctx, loadTimeout)
	defer cancel()
	s, err := chromedp.Run(ctx, chromedp.Evaluate[string](js))
	if err != nil {
		tb.t.Fatalf("%s: %s: %v", tb.name, js, err)
	}
	return s
}

// pwaitFor is waitFor with the phone's patience: the page's status read
// with peval, the deadline d.
func (tb *tab) pwaitFor(what string, d time.Duration, cond func(st map[string]string) bool) map[string]string {
	tb.t.Helper()
	deadline := time.Now().Add(d)
	for {
		ctx, cancel := context.WithTimeout(tb.ctx, loadTimeout)
		st, err := chromedp.Run(ctx, chromedp.Evaluate[map[string]string](`(() => { const e = document.getElementById("metodd-status"); return e ? Object.assign({}, e.dataset) : {}; })()`))
		cancel()
		if err == nil && cond(st) {
			return st
		}
		if time.Now().After(deadline) {
			tb.shot("echec-" + tb.name)
			tb.t.Fatalf("%s: timed out after %v waiting for %s (status %v, %v)", tb.name, d, what, st, err)
		}
		time.Sleep(100 * time.Millisecond) // polling the page's status against the deadline
	}
}

// box is a control's rect on the page, in CSS px.
type box struct{ X, Y, W, H float64 }

func (b box) cx() float64 { return b.X + b.W/2 }
func (b box) cy() float64 { return b.Y + b.H/2 }

// boxes reads where the control key stands on the screen (the mirror's
// data-at: the rects the game itself hit-tests), waiting until it is shown.
func (tb *tab) boxes(key string) []box {
	tb.t.Helper()
	q := fmt.Sprintf(`(() => { const e = document.querySelector('#metodd-mirror [data-key=%q]'); return e ? (e.dataset.at || "") : ""; })()`, key)
	deadline := time.Now().Add(phoneStep)
	for {
		var out []box
		for _, part := range strings.Split(tb.peval(q), ";") {
			var b box
			if n, _ := fmt.Sscanf(part, "%g,%g,%g,%g", &b.X, &b.Y, &b.W, &b.H); n == 4 && b.W > 0 && b.H > 0 {
				out = append(out, b)
			}
		}
		if len(out) > 0 {
			return out
		}
		if time.Now().After(deadline) {
			tb.shot("echec-" + tb.name)
			tb.t.Fatalf("%s: no control %q on the screen after %v", tb.name, key, phoneStep)
		}
		time.Sleep(100 * time.Millisecond) // polling the page against the deadline
	}
}

func (tb *tab) touch(typ input.DispatchTouchEventType, x, y float64) {
	tb.t.Helper()
	p := input.DispatchTouchEventParams{Type: typ, TouchPoints: []*input.TouchPoint{}}
	if typ != input.DispatchTouchEventTypeTouchEnd {
		p.TouchPoints = []*input.TouchPoint{{X: x, Y: y}}
	}
	tb.run(chromedp.Func(func(ctx context.Context, tg *chromedp.Target) error {
		_, err := cdp.Call(ctx, tg, input.DispatchTouchEvent, p)
		return err
	}))
}

// tap touches the screen at x, y like a finger: down, held, up.
func (tb *tab) tap(x, y float64) {
	tb.t.Helper()
	tb.touch(input.DispatchTouchEventTypeTouchStart, x, y)
	time.Sleep(touchHold)
	tb.touch(input.DispatchTouchEventTypeTouchEnd, x, y)
	time.Sleep(touchHold)
}

// tapKey taps each rect of the control key in turn (an association's
// toggle is the item, then the group).
func (tb *tab) tapKey(key string) {
	tb.t.Helper()
	for i := range tb.boxes(key) {
		b, x, y := tb.inView(key, i)
		tb.t.Logf("%s: tap %s at %.0f,%.0f (page %.0f,%.0f)", time.Now().Format("15:04:05"), key, x, y, b.cx(), b.cy())
		tb.tap(x, y)
	}
}

// inView returns rect i of control key once it lies on the screen, with
// its centre in the visual viewport (where touches land): a card taller
// than the phone scrolls under its header (game/ui's phonescroll.go), so a
// control below the fold is brought up as a person would, by a finger
// dragging the page in its left margin (off every control). One page
// evaluation a try: on this software-rendered page each waits for a frame.
func (tb *tab) inView(key string, i int) (b box, x, y float64) {
	tb.t.Helper()
	q := fmt.Sprintf(`(() => {
	const at = (k) => { const e = document.querySelector('#metodd-mirror [data-key="' + k + '"]'); return e ? (e.dataset.at || "") : ""; };
	const v = window.visualViewport;
	return [window.innerHeight, at("sound"), v ? [v.offsetLeft, v.offsetTop, v.scale].join(",") : "0,0,1", at(%q)].join("|");
})()`, key)
	for try := 0; ; try++ {
		parts := strings.Split(tb.peval(q), "|")
		if len(parts) != 4 {
			tb.t.Fatalf("%s: reading where %s is: %q", tb.name, key, parts)
		}
		var h, ox, oy, sc float64
		if _, err := fmt.Sscanf(parts[0], "%g", &h); err != nil || h <= 0 {
			tb.t.Fatalf("%s: the page's height %q: %v", tb.name, parts[0], err)
		}
		// A team screen's header (its sound button's row) stays on top
		// of a scrolled card: what lies under it is not on screen. The
		// forms have no such header.
		top := 0.0
		var sb box
		if n, _ := fmt.Sscanf(parts[1], "%g,%g,%g,%g", &sb.X, &sb.Y, &sb.W, &sb.H); n == 4 {
			top = sb.Y + sb.H + 12
		}
		if n, _ := fmt.Sscanf(parts[2], "%g,%g,%g", &ox, &oy, &sc); n != 3 || sc <= 0 {
			ox, oy, sc = 0, 0, 1
		}
		var bs []box
		for _, p := range strings.Split(parts[3], ";") {
			var r box
			if n, _ := fmt.Sscanf(p, "%g,%g,%g,%g", &r.X, &r.Y, &r.W, &r.H); n == 4 && r.W > 0 && r.H > 0 {
				bs = append(bs, r)
			}
		}
		if i >= len(bs) {
			tb.t.Fatalf("%s: control %q has %d rects, not %d", tb.name, key, len(bs), i+1)
		}
		b = bs[i]
		if (b.Y >= top && b.Y+b.H <= h) || try == maxScrollTries {
			if ox != 0 || oy != 0 || sc != 1 {
				tb.t.Logf("%s: the visual viewport is panned to %.0f,%.0f, zoomed %.2f", tb.name, ox, oy, sc)
			}
			return b, (b.cx() - ox) * sc, (b.cy() - oy) * sc
		}
		y0 := h * 0.6
		y1 := math.Max(top+10, math.Min(h*0.95, y0-(b.cy()-h*0.55)))
		tb.t.Logf("%s: %s at %.0f,%.0f is off the %.0f px screen: the card is scrolled by a drag", tb.name, key, b.cx(), b.cy(), h)
		before := parts[3]
		tb.drag(marginX, y0, marginX, y1)
		// The mirror follows at the next frame (a few, on a loaded
		// machine); a drag that moved nothing is tried again.
		for deadline := time.Now().Add(scrollSettle); time.Now().Before(deadline); {
			if p := strings.Split(tb.peval(q), "|"); len(p) == 4 && p[3] != before {
				break
			}
			time.Sleep(100 * time.Millisecond) // polling the page against the deadline
		}
	}
}

// visual turns a point of the page (where the canvas lies) into the
// visual viewport's, which touch events use: the browser may pan or zoom
// it, as a phone does to show a focused field.
func (tb *tab) visual(x, y float64) (float64, float64) {
	tb.t.Helper()
	var ox, oy, sc float64
	v := tb.peval(`(() => { const v = window.visualViewport; return v ? [v.offsetLeft, v.offsetTop, v.scale].join(",") : "0,0,1"; })()`)
	if n, _ := fmt.Sscanf(v, "%g,%g,%g", &ox, &oy, &sc); n != 3 || sc <= 0 {
		ox, oy, sc = 0, 0, 1
	}
	if ox != 0 || oy != 0 || sc != 1 {
		tb.t.Logf("%s: the visual viewport is panned to %.0f,%.0f, zoomed %.2f", tb.name, ox, oy, sc)
	}
	return (x - ox) * sc, (y - oy) * sc
}

// drag puts a finger down at x0, y0 (page CSS px), moves it to x1, y1 in
// steps, and lifts it there.
func (tb *tab) drag(x0, y0, x1, y1 float64) {
	tb.t.Helper()
	x0, y0 = tb.visual(x0, y0)
	x1, y1 = tb.visual(x1, y1)
	tb.touch(input.DispatchTouchEventTypeTouchStart, x0, y0)
	time.Sleep(touchHold)
	for i := 1; i <= dragSteps; i++ {
		f := float64(i) / dragSteps
		tb.touch(input.DispatchTouchEventTypeTouchMove, x0+(x1-x0)*f, y0+(y1-y0)*f)
		time.Sleep(touchHold / 2)
	}
	time.Sleep(touchHold)
	tb.touch(input.DispatchTouchEventTypeTouchEnd, x1, y1)
	time.Sleep(touchHold)
}

// waitJS polls a JavaScript condition against the deadline.
func (tb *tab) waitJS(what, js string) {
	tb.t.Helper()
	deadline := time.Now().Add(phoneStep)
	for {
		if tb.peval(js) == "true" {
			return
		}
		if time.Now().After(deadline) {
			tb.shot("echec-" + tb.name)
			tb.t.Fatalf("%s: timed out after %v waiting for %s", tb.name, phoneStep, what)
		}
		time.Sleep(100 * time.Millisecond) // polling the page against the deadline
	}
}

// mirrorValue is the text the mirror holds for a field (the game's own).
func mirrorValue(key string) string {
	return fmt.Sprintf(`(() => { const e = document.querySelector('#metodd-mirror [data-key=%q]'); return e ? e.value : ""; })()`, key)
}

// tapToType taps the field key with the phone's keyboard closed (no
// element focused) and checks the tap opened it: the hidden textarea the
// canvas types through has the focus.
func (tb *tab) tapToType(key string) {
	tb.t.Helper()
	tb.peval(`(() => { if (!window._focuslog) { window._focuslog = []; document.addEventListener("focusin", (e) => window._focuslog.push((e.target.tagName || "") + "#" + (e.target.id || "") + " " + (new Error().stack || "").split("\n").slice(1, 4).join(" | ")), true); } window._focuslog.length = 0; if (document.activeElement) document.activeElement.blur(); return ""; })()`)
	tb.tapKey(key)
	q := fmt.Sprintf(`String(document.activeElement && document.activeElement.id === %q)`, textareaID)
	deadline := time.Now().Add(phoneStep)
	for tb.peval(q) != "true" {
		if time.Now().After(deadline) {
			tb.shot("echec-" + tb.name)
			tb.t.Logf("focus log: %s", tb.peval(`window._focuslog.join(" ;; ")`))
			tb.t.Fatalf("%s: a tap on %s did not give the keyboard's textarea the focus within %v (%s)", tb.name, key, phoneStep,
				tb.peval(`(() => { const t = document.getElementById("`+textareaID+`"); return "focus on " + (document.activeElement ? document.activeElement.tagName + "#" + document.activeElement.id : "none") + ", textarea at " + (t ? t.style.left + "," + t.style.top : "none") + ", pending " + window._ebitengine_textinput_x + "," + window._ebitengine_textinput_y + ", ready " + window._ebitengine_textinput_ready + ", scroll " + window.scrollY; })()`))
		}
		time.Sleep(100 * time.Millisecond) // polling the page against the deadline
	}
}

// fillByTouch taps the field key and types s on the keyboard that opened.
func (tb *tab) fillByTouch(key, s string) {
	tb.t.Helper()
	tb.tapToType(key)
	// A phone's keyboard sends words as input events, not a key press
	// per letter (and one call a field keeps a loaded machine's
	// software-rendered phone within the test's time).
	tb.run(chromedp.Func(func(ctx context.Context, tg *chromedp.Target) error {
		_, err := cdp.Call(ctx, tg, input.InsertText, input.InsertTextParams{Text: s})
		return err
	}))
	tb.waitJS(fmt.Sprintf("%q typed in %s", s, key), fmt.Sprintf(`String(%s === %q)`, mirrorValue(key), s))
}

// phoneShot takes a screenshot of step; with METODD_DOC_SHOTS set it also
// goes into docs/screenshots as phone-e2e-<step>-390x844.png.
func (tb *tab) phoneShot(step string) {
	tb.t.Helper()
	tb.shot("phone-" + step)
	if os.Getenv("METODD_DOC_SHOTS") == "" {
		return
	}
	data, err := os.ReadFile(filepath.Join(tb.shots, "phone-"+step+".png"))
	if err != nil {
		tb.t.Fatal(err)
	}
	out := filepath.Join(repoRoot(tb.t), "docs", "screenshots", fmt.Sprintf("phone-e2e-%s-%dx%d.png", step, phoneW, phoneH))
	if err := os.WriteFile(out, data, 0o644); err != nil {
		tb.t.Fatal(err)
	}
}

// TestBrowserPhonePlenary plays a plenary from a phone-sized,
// touch-emulated page to the end: the agent taps the code field and types
// the code (no link), fills the join form by touch, then on an estimation
// card taps the field (the keyboard's textarea must get the focus, with
// the numeric keypad asked) and types the number; on a classement drags an
// item with a finger to the bottom and sends (the server's echo of the
// answer has the new order); sorts an association by taps. After the
// estimation's leaderboard the page reloads and finds the agent back with
// the score the server has. At the end « Suivants » pages to a commitment
// 15, tapped and sent: the server's SQLite file has that pick for the
// agent once the session closed.
func TestBrowserPhonePlenary(t *testing.T) {
	var srv *server
	if u := os.Getenv("METODD_PHONE_SERVER"); u != "" {
		// A server already running (built with the current bundle, admin
		// password adminPassword, its SQLite file in METODD_PHONE_DATA):
		// skips the long rebuild while working on this test.
		srv = &server{url: u, data: os.Getenv("METODD_PHONE_DATA")}
	} else {
		build(t)
		srv = startServer(t)
	}
	testenv.File(t, chromium, "Chromium (scripts/deps.sh installs it)")
	shots := shotsDir(t)
	deck, err := deckfile.ParseDeck(assets.StandardDeckFile, assets.StandardDeck())
	if err != nil {
		t.Fatal(err)
	}
	api := srv.admin(t)
	ctx, cancel := context.WithTimeout(context.Background(), 40*time.Minute)
	defer cancel()
	decks, err := api.Decks(ctx)
	if err != nil || len(decks) == 0 {
		t.Fatalf("decks: %v %v", decks, err)
	}
	deckID := ""
	for _, d := range decks {
		if d.ID == deck.ID {
			deckID = d.ID
		}
	}
	if deckID == "" {
		t.Fatalf("the server has no standard deck %q among %v", deck.ID, decks)
	}
	created, err := api.CreateSession(ctx, game.SessionRequest{Deck: deckID, Format: game.FormatComplet, Mode: game.ModePlenary,
		Direction: "Direction de la transition écologique", Site: "Salle des fêtes", Expected: 40,
		// « Temps adapté »: a card's time ×3, so that a loaded machine
		// driving a software-rendered phone does not run out of it.
		TimeFactor: game.MaxTimeFactor})
	if err != nil {
		t.Fatal(err)
	}
	wsURL, _ := client.WebSocketURL(srv.url)
	host := client.Host(wsURL, created.Code, api.Token, client.Options{})
	defer host.Close()
	hostView := func(what string, ok func(v *game.HostView) bool) *game.HostView {
		t.Helper()
		wctx, wcancel := context.WithTimeout(ctx, phoneStep)
		defer wcancel()
		st, err := host.WaitFor(wctx, func(s client.State) bool { return s.Host != nil && ok(s.Host) })
		if err != nil {
			t.Fatalf("host: waiting for %s: %v", what, err)
		}
		return st.Host
	}
	send := func(kind game.Kind) {
		t.Helper()
		if err := host.Send(kind, nil); err != nil {
			t.Fatalf("host %s: %v", kind, err)
		}
	}
	hostView("the lobby", func(v *game.HostView) bool { return v.Session.Phase == game.PhaseLobby })

	// The agent types the code read on the board: no link, no QR.
	ph := openPhone(t, "téléphone", srv.url+"/", shots)
	ph.pwaitFor("home screen", loadTimeout, func(st map[string]string) bool { return st["screen"] == "home" })
	ph.phoneShot("accueil")
	ph.fillByTouch("code", created.Code)
	ph.tapKey("join")
	ph.pwaitFor("join form", phoneStep, func(st map[string]string) bool { return st["screen"] == "setup" && st["code"] == created.Code })
	const teamName, first, last = "Les Pousses", "Inès", "Martin"
	ph.fillByTouch("name", teamName)
	ph.fillByTouch("first", first)
	ph.fillByTouch("last", last)
	// A tap elsewhere first (no field focused): the next field's tap must
	// open the keyboard all the same.
	ph.tapKey("coll-0")
	ph.waitJS("Ville de Dijon chosen", `String(document.querySelector('#metodd-mirror [data-key="coll-0"]').getAttribute("aria-pressed") === "true")`)
	// The direction from the RSO cell's list: a tap opens it over the
	// screen, a tap on a row chooses it.
	ph.tapKey("dir-pick")
	ph.tapKey("dir-opt-0") // waits until the list is shown
	ph.waitJS("a direction of the list chosen", `String((document.querySelector('#metodd-mirror [data-key="dir-pick"]') || {}).selectedIndex === 1)`)
	ph.phoneShot("formulaire")
	ph.tapKey("submit")
	ph.pwaitFor("waiting room", phoneStep, func(st map[string]string) bool {
		return st["screen"] == "team" && st["phase"] == string(game.PhaseLobby) && st["team"] == teamName
	})
	if got := ph.peval(`new URLSearchParams(location.search).get("code") || ""`); got != created.Code {
		t.Fatalf("the address holds code %q after joining, want %q (a reload would not resume)", got, created.Code)
	}
	ph.phoneShot("attente")
	hostView("the agent in the session", func(v *game.HostView) bool { return v.PlayerCount == 1 })

	send(game.KindStart)
	played := map[string]bool{}
	reloaded := false
	var lastKind string // the type of the card played last
	for {
		v := hostView("the next phase", func(v *game.HostView) bool {
			switch v.Session.Phase {
			case game.PhaseCardOpen:
				return v.Card != nil
			case game.PhaseCardClosed, game.PhaseRevealed, game.PhaseLeaderboard, game.PhasePodium:
				return true
			}
			return false
		})
		switch v.Session.Phase {
		case game.PhaseCardOpen:
			kind, id := v.Card.Type, v.Card.ID
			if played[kind] || (kind != game.TypeEstimation && kind != game.TypeClassement && kind != game.TypeAssociation) {
				send(game.KindSkip)
				hostView("the next card", func(v *game.HostView) bool { return v.Card == nil || v.Card.ID != id })
				continue
			}
			played[kind], lastKind = true, kind
			card, ok := deck.CardByID(id)
			if !ok {
				t.Fatalf("card %s is not in the standard deck", id)
			}
			ph.pwaitFor("the card on the phone", phoneStep, func(st map[string]string) bool {
				return st["card"] == id && st["phase"] == string(game.PhaseCardOpen)
			})
			ph.phoneShot("carte-" + kind)
			// The partner gives the agent more time, as for anyone slow
			// to answer (RGAA 13.1): on a loaded machine each tap on a
			// software-rendered 3× phone can take tens of seconds.
			limit := v.Clock.Limit
			for i := 0; i < 2; i++ {
				if err := host.Send(game.KindAddTime, game.CommandData{Seconds: game.MaxAddTimeSeconds}); err != nil {
					t.Fatalf("host add-time: %v", err)
				}
			}
			hostView("the extra time", func(v *game.HostView) bool {
				return v.Card != nil && v.Card.ID == id && v.Clock.Limit == limit+2*1000*game.MaxAddTimeSeconds
			})
			playByTouch(t, ph, v.Card, card)
			hostView("the answer on the server", func(v *game.HostView) bool { return v.Answered == 1 })
			// The only agent answered: the card closes by itself.
			hostView("card closed", func(v *game.HostView) bool { return v.Session.Phase == game.PhaseCardClosed })
		case game.PhaseCardClosed, game.PhaseRevealed:
			send(game.KindNext)
			hostView("the next phase", func(w *game.HostView) bool { return w.Session.Phase != v.Session.Phase })
		case game.PhaseLeaderboard:
			if lastKind == game.TypeEstimation && !reloaded {
				reloaded = true
				st := ph.pwaitFor("leaderboard", phoneStep, func(st map[string]string) bool { return st["phase"] == string(game.PhaseLeaderboard) })
				reloadFindsScore(t, ph, v, st, teamName)
			}
			send(game.KindNext)
			hostView("the next phase", func(w *game.HostView) bool { return w.Session.Phase != game.PhaseLeaderboard })
		case game.PhasePodium:
			goto podium
		}
	}
podium:
	for _, k := range []string{game.TypeEstimation, game.TypeClassement, game.TypeAssociation} {
		if !played[k] {
			t.Errorf("no %s card in the session: not played by touch", k)
		}
	}
	if !reloaded {
		t.Error("no reload was tried (no estimation card)")
	}
	send(game.KindNext) // debrief
	hostView("debrief", func(v *game.HostView) bool { return v.Session.Phase == game.PhaseDebrief })
	send(game.KindNext) // commitments
	hostView("commitments", func(v *game.HostView) bool { return v.Session.Phase == game.PhaseCommitments })
	ph.pwaitFor("commitments on the phone", phoneStep, func(st map[string]string) bool { return st["phase"] == string(game.PhaseCommitments) })
	ph.phoneShot("engagements")
	chosen := commitFifteen(t, ph, deck)
	hostView("the commitment counted", func(v *game.HostView) bool { return v.Committed == 1 })
	send(game.KindClose) // the agents counted, the picks stored
	hostView("closed", func(v *game.HostView) bool { return v.Session.Phase == game.PhaseClosed })
	ph.pwaitFor("closed on the phone", phoneStep, func(st map[string]string) bool { return st["phase"] == string(game.PhaseClosed) })
	ph.phoneShot("fin")
	checkPick(t, srv, created.Code, first, last, chosen)
}

// playByTouch answers the open card with the finger and the keyboard that
// opens, and checks the server's echo of the answer.
func playByTouch(t *testing.T, ph *tab, view *game.CardView, card game.Card) {
	t.Helper()
	switch view.Type {
	case game.TypeEstimation:
		// The bug: a tap on the field did not focus the hidden
		// textarea, so no keyboard opened.
		ph.tapToType("number")
		if mode := ph.peval(fmt.Sprintf(`document.getElementById(%q).getAttribute("inputmode") || ""`, textareaID)); mode != "decimal" {
			t.Errorf("the estimation's field asks for keyboard %q, want the numeric keypad (decimal)", mode)
		}
		n := strings.ReplaceAll(strconv.FormatFloat(card.Answer, 'f', -1, 64), ".", ",")
		for _, r := range n {
			ph.run(chromedp.KeyEvent(string(r)))
		}
		ph.waitJS("the number typed", fmt.Sprintf(`String(%s === %q)`, mirrorValue("number"), n))
		ph.phoneShot("estimation-saisie")
		ph.tapKey("send")
	case game.TypeClassement:
		order := classementOrder(ph)
		if len(order) < 3 {
			t.Fatalf("classement with %d items", len(order))
		}
		// The first item, by its row (left of its arrows), to the bottom.
		top := ph.boxes("up-" + order[0])[0]
		bottom := ph.boxes("up-" + order[len(order)-1])[0]
		ph.drag(top.X/2, top.cy(), top.X/2, bottom.Y+bottom.H)
		want := append(append([]string{}, order[1:]...), order[0])
		deadline := time.Now().Add(phoneStep)
		for got := classementOrder(ph); strings.Join(got, ",") != strings.Join(want, ","); got = classementOrder(ph) {
			if time.Now().After(deadline) {
				ph.shot("echec-glisser")
				t.Fatalf("after dragging the first item to the bottom the order is %v, want %v", got, want)
			}
			time.Sleep(100 * time.Millisecond) // polling the page against the deadline
		}
		ph.phoneShot("classement-glisse")
		ph.tapKey("send")
		var items []string
		for _, k := range want {
			i, _ := strconv.Atoi(k)
			items = append(items, view.Items[i])
		}
		ph.waitJS("the server's echo of the dragged order", fmt.Sprintf(`String(document.getElementById("metodd-mirror").textContent.includes(%q))`, strings.Join(items, " › ")))
	case game.TypeAssociation:
		groupOf := map[string]string{}
		for _, g := range card.Groups {
			for _, it := range g.Items {
				groupOf[it] = g.Name
			}
		}
		for i, it := range view.Items {
			g := -1
			for k, name := range view.Groups {
				if name == groupOf[it] {
					g = k
				}
			}
			if g < 0 {
				t.Fatalf("association item %q has no group in %v", it, view.Groups)
			}
			key := fmt.Sprintf("item-%d-%d", i, g)
			ph.tapKey(key) // the item, then its group
			ph.waitJS(key+" placed", fmt.Sprintf(`String(document.querySelector('#metodd-mirror [data-key=%q]').getAttribute("aria-pressed") === "true")`, key))
		}
		ph.phoneShot("association-triee")
		ph.tapKey("send")
	default:
		t.Fatalf("no touch play for %s", view.Type)
	}
	ph.pwaitFor("answer accepted", phoneStep, func(st map[string]string) bool { return st["answered"] == "true" })
}

// classementOrder is the classement's items as the phone shows them, top
// first (their indexes in the card's items).
func classementOrder(ph *tab) []string {
	s := ph.peval(`Array.from(document.querySelectorAll('#metodd-mirror button[data-key^="up-"]')).map(e => e.dataset.key.slice(3)).join(",")`)
	if s == "" {
		return nil
	}
	return strings.Split(s, ",")
}

// reloadFindsScore reloads the page of an agent who typed the code and
// checks it comes back to the same team with the score the server holds.
func reloadFindsScore(t *testing.T, ph *tab, v *game.HostView, before map[string]string, team string) {
	t.Helper()
	server := -1
	for _, s := range v.Leaderboard {
		if s.Name == team {
			server = s.Score
		}
	}
	if server <= 0 {
		t.Fatalf("the server's leaderboard has %s at %d after an exact estimation: %+v", team, server, v.Leaderboard)
	}
	if before["score"] != strconv.Itoa(server) {
		t.Fatalf("before the reload the phone shows %s points, the server %d", before["score"], server)
	}
	ph.run(chromedp.Reload())
	after := ph.pwaitFor("the agent back after a reload", loadTimeout, func(st map[string]string) bool {
		return st["screen"] == "team" && st["phase"] == string(game.PhaseLeaderboard)
	})
	if after["team"] != team || after["score"] != strconv.Itoa(server) {
		t.Fatalf("after a reload the phone shows team %q with %s points, want %q with the server's %d", after["team"], after["score"], team, server)
	}
	// What a person reads: the score in the screen's words (thousands
	// grouped by a no-break space, which the check drops).
	ph.waitJS("the score shown after the reload", fmt.Sprintf(`String(document.getElementById("metodd-mirror").textContent.replace(/[\u00a0\u202f]/g, "").includes(%q))`, strconv.Itoa(server)+" pts"))
	ph.phoneShot("apres-rechargement")
}

// commitFifteen pages with « Suivants » by touch until a commitment of
// engagement 15 shows, taps it and sends; it returns its id.
func commitFifteen(t *testing.T, ph *tab, deck *game.Deck) string {
	t.Helper()
	var ids []string
	for _, c := range deck.Commitments {
		if c.Engagement == 15 {
			ids = append(ids, c.ID)
		}
	}
	if len(ids) == 0 {
		t.Fatal("the standard deck has no commitment for engagement 15")
	}
	find := `(() => { for (const id of ` + jsList(ids) + `) { if (document.querySelector('#metodd-mirror [data-key="c-' + id + '"]')) return id; } return ""; })()`
	pages := 0
	for {
		ph.boxes("send") // the screen is shown
		if id := ph.peval(find); id != "" {
			if pages == 0 {
				t.Errorf("commitment 15 was on the first page: « Suivants » not exercised")
			}
			ph.tapKey("c-" + id)
			ph.waitJS("commitment "+id+" chosen", fmt.Sprintf(`String(document.querySelector('#metodd-mirror [data-key="c-%s"]').getAttribute("aria-pressed") === "true")`, id))
			ph.phoneShot("engagement-15-choisi")
			ph.tapKey("send")
			return id
		}
		if pages++; pages > maxCommitPages {
			t.Fatalf("%d taps on « Suivants » did not reach commitment 15", maxCommitPages)
		}
		before := ph.peval(`Array.from(document.querySelectorAll('#metodd-mirror button[data-key^="c-"]')).map(e => e.dataset.key).join(",")`)
		ph.tapKey("next")
		ph.waitJS("the next page of commitments", fmt.Sprintf(`String(Array.from(document.querySelectorAll('#metodd-mirror button[data-key^="c-"]')).map(e => e.dataset.key).join(",") !== %q)`, before))
	}
}

func jsList(ss []string) string {
	var q []string
	for _, s := range ss {
		q = append(q, strconv.Quote(s))
	}
	return "[" + strings.Join(q, ",") + "]"
}

// checkPick reads the server's SQLite file: the closed session stored the
// agent's commitment.
func checkPick(t *testing.T, srv *server, code, first, last, commitment string) {
	t.Helper()
	db, err := sql.Open("sqlite", "file:"+srv.data+"?mode=ro")
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	var id string
	var eng int
	err = db.QueryRow(`SELECT p.commitment_id, p.engagement FROM picks p
		JOIN sessions s ON s.id = p.session_id
		JOIN session_members m ON m.id = p.member_id
		WHERE s.code = ? AND m.first_name = ? AND m.last_name = ?`, code, first, last).Scan(&id, &eng)
	if err != nil {
		t.Fatalf("the agent's pick in the store: %v", err)
	}
	if id != commitment || eng != 15 {
		t.Fatalf("the store has commitment %s (engagement %d) for %s %s, want %s (15)", id, eng, first, last, commitment)
	}
}
