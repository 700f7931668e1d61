//go:build !js

package main

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/cdproto/cdp"
	"github.com/chromedp/cdproto/input"
	"github.com/chromedp/chromedp"
	"github.com/chromedp/chromedp/kb"

	"metodd/game"
	"metodd/game/ui"
	"metodd/internal/testenv"
)

// Timeouts of the browser test.
const (
	// loadTimeout: the 25 MB WASM module is compiled by a software-rendered
	// headless Chromium on a shared 2-core machine.
	loadTimeout = 120 * time.Second
	// stepTimeout: one game step (a view reaching the browser).
	stepTimeout = 30 * time.Second
	viewW       = 1280
	viewH       = 720
	chromium    = "/usr/bin/chromium"
	botTeams    = 3
	// clickHold is how long a click holds the button (a person's is about
	// 100 ms; Ebiten must see it down during at least one frame).
	clickHold = 80 * time.Millisecond
	// slowKey: a key the page takes longer than this to take is logged.
	slowKey = 2 * time.Second
)

// tab is one browser window (its own Chromium process: a background tab
// would have its animation frames, hence Ebiten's loop, paused).
type tab struct {
	t     *testing.T
	name  string
	ctx   context.Context
	spots map[string]ui.Spot
	shots string
}

func openTab(t *testing.T, name, url, shots string) *tab {
	t.Helper()
	ctx := newBrowser(t)
	tb := &tab{t: t, name: name, ctx: ctx, spots: ui.Spots(viewW, viewH, 1, false), shots: shots}
	// The first run starts the browser: no timeout on it (it would stop
	// the browser when it expires).
	if err := chromedp.Do(ctx, chromedp.EmulateViewport(viewW, viewH), chromedp.Navigate(url)); err != nil {
		t.Fatalf("%s: %v", name, err)
	}
	return tb
}

// newBrowser starts a headless Chromium of its own; it stops with the
// test.
func newBrowser(t *testing.T) context.Context {
	t.Helper()
	// Chromium's helpers may still write in the profile just after it
	// stops: a temporary folder removed on a best-effort basis.
	profile, err := os.MkdirTemp("", "metodd-chromium-")
	if err != nil {
		t.Fatal(err)
	}
	opts := []chromedp.ExecAllocatorOption{
		chromedp.ExecPath(chromium),
		chromedp.Headless,
		chromedp.NoSandbox,
		chromedp.DisableGPU,
		chromedp.NoFirstRun,
		chromedp.NoDefaultBrowserCheck,
		chromedp.UserDataDir(profile),
		chromedp.WindowSize(viewW, viewH),
		chromedp.Flag("enable-unsafe-swiftshader", true),
		chromedp.Flag("disable-background-networking", true),
		chromedp.Flag("disable-component-update", true),
		chromedp.Flag("disable-sync", true),
		chromedp.Flag("disable-background-timer-throttling", true),
		chromedp.Flag("disable-renderer-backgrounding", true),
	}
	actx, cancelA := chromedp.NewExecAllocator(context.Background(), opts...)
	ctx, cancel := chromedp.NewContext(actx)
	t.Cleanup(func() { cancel(); cancelA(); os.RemoveAll(profile) })
	return ctx
}

func (tb *tab) run(actions ...chromedp.Action[chromedp.Void]) {
	tb.t.Helper()
	ctx, cancel := context.WithTimeout(tb.ctx, loadTimeout)
	defer cancel()
	if err := chromedp.Do(ctx, actions...); err != nil {
		tb.failShot()
		tb.t.Fatalf("%s: %v (status %v)", tb.name, err, tb.status())
	}
}

// failShot keeps what the page showed when a step failed, if the page
// still answers within a few seconds.
func (tb *tab) failShot() {
	ctx, cancel := context.WithTimeout(tb.ctx, 10*time.Second)
	defer cancel()
	if buf, err := chromedp.Run(ctx, chromedp.CaptureScreenshot()); err == nil {
		_ = os.WriteFile(filepath.Join(tb.shots, "echec-"+tb.name+".png"), buf, 0o644)
	}
}

// status reads the screen's status (the aria-live region's data).
func (tb *tab) status() map[string]string {
	ctx, cancel := context.WithTimeout(tb.ctx, 5*time.Second)
	defer cancel()
	st, err := chromedp.Run(ctx, chromedp.Evaluate[map[string]string](`(() => { const e = document.getElementById("metodd-status"); return e ? Object.assign({}, e.dataset) : {}; })()`))
	if err != nil {
		return nil
	}
	return st
}

func (tb *tab) waitFor(what string, d time.Duration, cond func(st map[string]string) bool) map[string]string {
	tb.t.Helper()
	var st map[string]string
	deadline := time.Now().Add(d)
	for {
		st = tb.status()
		if st != nil && cond(st) {
			return st
		}
		if time.Now().After(deadline) {
			tb.shot("echec-" + tb.name)
			tb.t.Fatalf("%s: timed out after %v waiting for %s (status %v)", tb.name, d, what, st)
		}
		time.Sleep(100 * time.Millisecond) // polling the page's status against the deadline
	}
}

func (tb *tab) click(spot string) {
	tb.t.Helper()
	p, ok := tb.spots[spot]
	if !ok {
		tb.t.Fatalf("no spot %q", spot)
	}
	// Ebiten reads the button's state once per frame: a press and a
	// release in the same frame would go unseen, so hold it like a person.
	tb.run(chromedp.MouseEvent(chromedp.MouseMoved, p.X, p.Y))
	tb.run(chromedp.MouseEvent(chromedp.MousePressed, p.X, p.Y, chromedp.ButtonLeft, chromedp.ClickCount(1)))
	time.Sleep(clickHold)
	tb.run(chromedp.MouseEvent(chromedp.MouseReleased, p.X, p.Y, chromedp.ButtonLeft, chromedp.ClickCount(1)))
	time.Sleep(clickHold)
}

// typeText types s a character at a time, each its own step: on a loaded
// machine each key waits for the page's main thread, which a
// software-rendered frame can hold for most of a second. A slow key is
// logged with its wait.
func (tb *tab) typeText(s string) {
	tb.t.Helper()
	start := time.Now()
	for _, r := range s {
		t0 := time.Now()
		tb.run(chromedp.KeyEvent(string(r)))
		if d := time.Since(t0); d > slowKey {
			tb.t.Logf("%s: the key %q took %v", tb.name, r, d.Round(time.Millisecond))
		}
	}
	if d := time.Since(start); d > slowKey {
		tb.t.Logf("%s: typing %d characters took %v", tb.name, len([]rune(s)), d.Round(time.Millisecond))
	}
	time.Sleep(50 * time.Millisecond)
}

// press presses keys one by one, each held like a person's (a key down
// and up within one frame would go unseen by Ebiten, which polls keys
// once per frame). Text for a field goes through typeText.
func (tb *tab) press(keys string) {
	tb.t.Helper()
	for _, r := range keys {
		for _, k := range kb.Encode(r) {
			if k.Type == input.DispatchKeyEventTypeKeyUp {
				time.Sleep(clickHold)
			}
			ev := *k
			tb.run(chromedp.Func(func(ctx context.Context, t *chromedp.Target) error {
				_, err := cdp.Call(ctx, t, input.DispatchKeyEvent, ev)
				return err
			}))
		}
		time.Sleep(clickHold)
	}
}

// pickOther opens the team form's list of directions and chooses its last
// entry, « Autre (préciser) », whose field (setup.dirother) then shows.
// Each step is checked on the page's status and tried again when the
// client, busy or asleep between frames, did not take it in.
func pickOther(tb *tab) {
	tb.t.Helper()
	until := func(what, screen string, act func()) {
		tb.t.Helper()
		deadline := time.Now().Add(stepTimeout)
		for {
			act()
			for i := 0; i < 20; i++ {
				if st := tb.status(); st["screen"] == screen {
					return
				}
				time.Sleep(100 * time.Millisecond) // polling the page's status
			}
			if time.Now().After(deadline) {
				tb.shot("echec-" + tb.name)
				tb.t.Fatalf("%s: %s did not happen within %v", tb.name, what, stepTimeout)
			}
		}
	}
	until("opening the list of directions", "setup-directions", func() { tb.click("setup.dir") })
	tb.press(kb.End)
	tb.press(kb.End) // the same place twice: a key the client missed is not lost
	until("choosing « Autre (préciser) »", "setup", func() { tb.press(kb.Enter) })
}

func (tb *tab) fill(spot, s string) {
	tb.t.Helper()
	tb.click(spot)
	tb.typeText(s)
}

func (tb *tab) shot(name string) {
	tb.t.Helper()
	time.Sleep(300 * time.Millisecond) // let the next frame be drawn
	ctx, cancel := context.WithTimeout(tb.ctx, stepTimeout)
	defer cancel()
	buf, err := chromedp.Run(ctx, chromedp.CaptureScreenshot())
	if err != nil {
		tb.t.Fatalf("%s: screenshot: %v", tb.name, err)
	}
	if err := os.WriteFile(filepath.Join(tb.shots, name+".png"), buf, 0o644); err != nil {
		tb.t.Fatal(err)
	}
}

// TestBrowserGame plays a session in the browser: the partner logs in,
// creates an Express session and projects it; a team joins from the join
// URL by typing its name and members; three bot teams join; every card is
// answered by clicking or typing; the partner closes and the campaign
// counter shows the agents counted.
func TestBrowserGame(t *testing.T) {
	build(t)
	testenv.File(t, chromium, "Chromium (scripts/deps.sh installs it)")
	srv := startServer(t)
	shots := shotsDir(t)

	host := openTab(t, "animateur", srv.url+"/", shots)
	host.waitFor("home screen", loadTimeout, func(st map[string]string) bool { return st["screen"] == "home" })
	checkProgress(t, host)
	host.shot("accueil")
	host.click("home.host")
	host.waitFor("login screen", stepTimeout, func(st map[string]string) bool { return st["screen"] == "login" })
	host.fill("login.login", "admin")
	host.fill("login.password", adminPassword)
	host.shot("connexion")
	host.click("login.submit")
	host.waitFor("creation screen", stepTimeout, func(st map[string]string) bool { return st["screen"] == "create" })
	host.click("create.format0") // Express
	// « Temps adapté » ×3: on a loaded machine driving the team's canvas
	// (an association is a dozen clicks) can take longer than a card's
	// own time.
	host.click(fmt.Sprintf("create.time%d", game.MaxTimeFactor-1))
	host.fill("create.direction", "Direction des espaces verts")
	host.fill("create.site", "Salle du conseil, Hôtel de ville")
	host.fill("create.expected", "9")
	host.shot("creation")
	host.click("create.submit")
	st := host.waitFor("projected lobby", stepTimeout, func(st map[string]string) bool {
		return st["screen"] == "host" && game.Phase(st["phase"]) == game.PhaseLobby
	})
	code := st["code"]
	if code == "" {
		t.Fatal("no session code on the host screen")
	}

	team := openTab(t, "équipe", srv.url+"/?code="+code, shots)
	team.waitFor("team form from the join URL", loadTimeout, func(st map[string]string) bool { return st["screen"] == "setup" && st["code"] == code })
	team.fill("setup.name", "Les Éco-Gestes")
	team.click("setup.color2")
	team.fill("setup.first", "Zoé")
	team.fill("setup.last", "Lefèvre")
	team.click("setup.coll2")
	// The direction: the list opens, End then Enter choose « Autre
	// (préciser) », whose field takes the name.
	pickOther(team)
	team.fill("setup.dirother", "Direction de l'eau et de l'assainissement")
	team.click("setup.cat2")
	team.shot("equipe-formulaire")
	team.click("setup.submit")
	team.waitFor("waiting room", stepTimeout, func(st map[string]string) bool {
		return st["screen"] == "team" && game.Phase(st["phase"]) == game.PhaseLobby
	})

	srv.bots(t, code, botTeams)
	host.waitFor("all teams in the lobby", stepTimeout, func(st map[string]string) bool { return st["teams"] == fmt.Sprint(botTeams+1) })
	team.shot("equipe-attente")
	host.shot("animateur-accueil")

	host.press(" ") // space: start
	seen := map[string]bool{}
	for card := 1; ; card++ {
		st := team.waitFor("an open card", stepTimeout, func(st map[string]string) bool {
			return game.Phase(st["phase"]) == game.PhaseCardOpen && st["answered"] == "false"
		})
		kind := st["type"]
		first := !seen[kind]
		seen[kind] = true
		if first {
			team.shot("equipe-carte-" + kind)
		}
		if card == 1 {
			host.shot("animateur-carte")
		}
		answerCard(t, team, kind)
		team.waitFor("answer accepted", stepTimeout, func(st map[string]string) bool { return st["answered"] == "true" })
		if first {
			team.shot("equipe-repondu-" + kind)
		}
		// The card closes by itself once every team answered (docs/rules.md).
		host.waitFor("card closed", stepTimeout, func(st map[string]string) bool { return game.Phase(st["phase"]) == game.PhaseCardClosed })
		if kind == game.TypeDefi {
			host.shot("animateur-defi")
		}
		host.press(" ") // reveal
		team.waitFor("reveal", stepTimeout, func(st map[string]string) bool { return game.Phase(st["phase"]) == game.PhaseRevealed })
		if first {
			host.shot("animateur-correction-" + kind)
			team.shot("equipe-correction-" + kind)
		}
		host.press(" ") // leaderboard
		host.waitFor("leaderboard", stepTimeout, func(st map[string]string) bool { return game.Phase(st["phase"]) == game.PhaseLeaderboard })
		if card == 1 {
			host.shot("animateur-classement")
			team.shot("equipe-classement")
		}
		host.press(" ") // next card or podium
		st = host.waitFor("next card or podium", stepTimeout, func(st map[string]string) bool {
			return game.Phase(st["phase"]) == game.PhaseCardOpen || game.Phase(st["phase"]) == game.PhasePodium
		})
		if game.Phase(st["phase"]) == game.PhasePodium {
			break
		}
	}
	host.shot("animateur-podium")
	host.press(" ")
	host.waitFor("debrief", stepTimeout, func(st map[string]string) bool { return game.Phase(st["phase"]) == game.PhaseDebrief })
	host.shot("animateur-bilan")
	host.press(" ")
	host.waitFor("commitments", stepTimeout, func(st map[string]string) bool { return game.Phase(st["phase"]) == game.PhaseCommitments })
	team.waitFor("commitments", stepTimeout, func(st map[string]string) bool { return game.Phase(st["phase"]) == game.PhaseCommitments })
	team.click("team.commit.member0")
	team.click("team.commit.option1")
	team.shot("equipe-engagements")
	team.click("team.commit.send")
	host.waitFor("our commitment counted", stepTimeout, func(st map[string]string) bool { return st["count"] != "0" })
	host.shot("animateur-engagements")
	host.press(" ") // close the session: agents counted
	st = host.waitFor("closed", stepTimeout, func(st map[string]string) bool { return game.Phase(st["phase"]) == game.PhaseClosed })
	team.waitFor("closed", stepTimeout, func(st map[string]string) bool { return game.Phase(st["phase"]) == game.PhaseClosed })
	time.Sleep(3500 * time.Millisecond) // the counter's animation
	host.shot("animateur-fin")
	team.shot("equipe-fin")
	// 1 member for our team, 2 per bot team.
	if want := fmt.Sprint(1 + 2*botTeams); st["count"] != want {
		t.Errorf("campaign count on the board = %s, want %s", st["count"], want)
	}
	for _, kind := range []string{game.TypeQCM} {
		if !seen[kind] {
			t.Errorf("no %s card was played", kind)
		}
	}
}

// answerCard answers the open card the way a person would: clicks for
// choices, typing for numbers and text, keys for orderings.
func answerCard(t *testing.T, tb *tab, kind string) {
	t.Helper()
	switch kind {
	case game.TypeQCM:
		tb.click("team.choice0/4") // a click on A (cards with fewer choices: B)
		if tb.status()["answered"] != "true" {
			tb.press("b")
		}
	case game.TypeVraiFaux:
		tb.click("team.choice1/2")
	case game.TypeEstimation:
		tb.fill("team.estimate", "1 500")
		tb.press(kb.Enter)
	case game.TypeClassement:
		tb.press(kb.ArrowDown)
		tb.press(kb.Enter)
	case game.TypeAssociation:
		for i := 0; i < 6; i++ {
			tb.press(fmt.Sprint(1 + i%2))
		}
		tb.press(kb.Enter)
	case game.TypeDefi:
		tb.fill("team.defi", "Éteindre les écrans, réparer")
		tb.click("team.defi.submit")
	default:
		t.Fatalf("unknown card type %q", kind)
	}
}

// checkProgress reads what the page's progress bar counted while the
// bundle downloaded (index.html keeps "received/expected/transferred" for
// tests): every decoded byte was counted against the size the build wrote,
// and the total shown is the Content-Length of the encoding sent.
func checkProgress(t *testing.T, tb *tab) {
	t.Helper()
	ctx, cancel := context.WithTimeout(tb.ctx, stepTimeout)
	defer cancel()
	got, err := chromedp.Run(ctx, chromedp.Evaluate[string](`document.documentElement.dataset.chargement || ""`))
	if err != nil {
		t.Fatalf("reading the progress: %v", err)
	}
	parts := strings.Split(got, "/")
	raw, rerr := os.Stat(filepath.Join(repoRoot(t), "server/web/dist/metodd.wasm"))
	if len(parts) != 3 || rerr != nil || parts[0] != fmt.Sprint(raw.Size()) || parts[1] != parts[0] {
		t.Fatalf("progress counted %q, want %d/%d/…", got, raw.Size(), raw.Size())
	}
	enc := map[string]bool{}
	for _, ext := range []string{"", ".gz", ".br"} {
		if fi, err := os.Stat(filepath.Join(repoRoot(t), "server/web/dist/metodd.wasm"+ext)); err == nil {
			enc[fmt.Sprint(fi.Size())] = true
		}
	}
	if !enc[parts[2]] {
		t.Errorf("progress total %s bytes is no encoding's size %v", parts[2], enc)
	}
	t.Logf("progress bar: %s bytes decoded, %s bytes over the wire", parts[0], parts[2])
}
