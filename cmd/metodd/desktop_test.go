//go:build !js

package main

import (
	"bytes"
	"context"
	"fmt"
	"image"
	"image/png"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"time"

	"metodd/game"
	"metodd/game/client"
	"metodd/game/ui"
	"metodd/internal/testenv"
)

const (
	// lobbyMeasure is how long the idle waiting room's CPU is measured.
	lobbyMeasure = 10 * time.Second
	// maxLobbyCPU is the share of one core the desktop client may use
	// while waiting in the lobby under Xvfb (software GL): a laptop left
	// waiting must stay cool. Measured about 5 % (docs/client.md).
	maxLobbyCPU = 0.25
	clockTicks  = 100 // USER_HZ of /proc/PID/stat on Linux
	// desktopHold is how long a click or a key is held. Ebiten polls the
	// buttons once per frame, and a frame drawn by software GL under Xvfb
	// on a busy machine can take longer than a person's 100 ms click.
	desktopHold = 250 * time.Millisecond
	// answerRetry is how long the test waits for the host to see the
	// team's answer before it presses the sending button or key again;
	// maxAnswerTries bounds the presses.
	answerRetry    = 10 * time.Second
	maxAnswerTries = 3
)

// desktop drives the desktop client's window with xdotool on the Xvfb
// display the test runs on.
type desktop struct {
	t     *testing.T
	win   string
	cmd   *exec.Cmd
	spots map[string]ui.Spot
	shots string
}

func xdo(t *testing.T, args ...string) string {
	t.Helper()
	out, err := exec.Command("xdotool", args...).CombinedOutput()
	if err != nil {
		t.Fatalf("xdotool %v: %v: %s", args, err, out)
	}
	return strings.TrimSpace(string(out))
}

func (d *desktop) click(spot string) {
	d.t.Helper()
	p, ok := d.spots[spot]
	if !ok {
		d.t.Fatalf("no spot %q", spot)
	}
	xdo(d.t, "mousemove", "--window", d.win, fmt.Sprint(int(p.X)), fmt.Sprint(int(p.Y)))
	// Ebiten polls the button once per frame: hold it like a person.
	xdo(d.t, "mousedown", "1")
	time.Sleep(desktopHold)
	xdo(d.t, "mouseup", "1")
	time.Sleep(desktopHold)
}

func (d *desktop) typeText(s string) {
	d.t.Helper()
	xdo(d.t, "type", "--delay", "60", s)
	d.settle()
}

// settle waits until the client has taken in what was sent: two screen
// grabs in a row are the same. A busy client (software GL) may read a
// burst of events in one frame, and a click right after typing would then
// be seen before the last characters.
func (d *desktop) settle() {
	d.t.Helper()
	deadline := time.Now().Add(stepTimeout)
	prev, _ := exec.Command("import", "-window", d.win, "rgb:-").Output()
	for {
		time.Sleep(150 * time.Millisecond) // polling the window for a still frame
		cur, err := exec.Command("import", "-window", d.win, "rgb:-").Output()
		if err == nil && bytes.Equal(cur, prev) {
			return
		}
		if time.Now().After(deadline) {
			return // a countdown keeps changing the screen: go on
		}
		prev = cur
	}
}

func (d *desktop) key(k string) {
	d.t.Helper()
	xdo(d.t, "keydown", k)
	time.Sleep(desktopHold)
	xdo(d.t, "keyup", k)
	time.Sleep(desktopHold)
}

// fill clicks a field, waits for its focus ring, and types.
func (d *desktop) fill(spot, s string) {
	d.t.Helper()
	ring := d.spots[spot+".ring"]
	d.clickUntil(spot, ring.X, ring.Y, isAccent)
	d.typeText(s)
}

// clickUntil clicks a spot until the pixel at x, y satisfies ok: the
// client may be busy drawing a frame (software GL), and a person would
// look before typing.
func (d *desktop) clickUntil(spot string, x, y float64, ok func(r, g, b uint32) bool) {
	d.t.Helper()
	deadline := time.Now().Add(stepTimeout)
	for {
		d.click(spot)
		for i := 0; i < 10; i++ {
			r, g, b, _ := d.grab().At(int(x), int(y)).RGBA()
			if ok(r>>8, g>>8, b>>8) {
				return
			}
			time.Sleep(100 * time.Millisecond) // polling the window
		}
		if time.Now().After(deadline) {
			d.shot("echec")
			d.t.Fatalf("clicking %s: the screen did not change at (%v, %v)", spot, x, y)
		}
	}
}

// isAccent is the interface's yellow (focus ring, selected option).
func isAccent(r, g, b uint32) bool { return r > 0xd0 && g > 0x90 && g < 0xd0 && b < 0x50 }

// isCard is a card's white (the list of directions' sheet).
func isCard(r, g, b uint32) bool { return r > 0xf0 && g > 0xf0 && b > 0xf0 }

// isInk is the dark ring around the selected colour.
func isInk(r, g, b uint32) bool { return r < 0x40 && g < 0x50 && b < 0x60 }

// grab is a screenshot of the client's window.
func (d *desktop) grab() image.Image {
	d.t.Helper()
	img, err := grabWindow(d.win)
	if err != nil {
		d.t.Fatal(err)
	}
	return img
}

func grabWindow(id string) (image.Image, error) {
	out, err := exec.Command("import", "-window", id, "png:-").Output()
	if err != nil {
		return nil, fmt.Errorf("import: %w", err)
	}
	return png.Decode(bytes.NewReader(out))
}

func (d *desktop) shot(name string) {
	d.t.Helper()
	time.Sleep(300 * time.Millisecond) // the next frame drawn
	f, err := os.Create(filepath.Join(d.shots, "bureau-"+name+".png"))
	if err != nil {
		d.t.Fatal(err)
	}
	defer f.Close()
	if err := png.Encode(f, d.grab()); err != nil {
		d.t.Fatal(err)
	}
}

// cpuTicks is the process's user+system time in clock ticks.
func cpuTicks(t *testing.T, pid int) int64 {
	b, err := os.ReadFile(fmt.Sprintf("/proc/%d/stat", pid))
	if err != nil {
		t.Fatal(err)
	}
	f := strings.Fields(string(b[bytes.LastIndexByte(b, ')')+2:]))
	u, _ := strconv.ParseInt(f[11], 10, 64)
	s, _ := strconv.ParseInt(f[12], 10, 64)
	return u + s
}

// TestDesktopGame runs the desktop client under Xvfb: it opens straight on
// the team form (--code), the team joins by clicking and typing, waits in
// the lobby (whose CPU use is measured), plays every card against two bot
// teams while the test plays the partner over the protocol, and picks its
// commitment.
func TestDesktopGame(t *testing.T) {
	build(t)
	testenv.Display(t)
	testenv.Tool(t, "xdotool", "scripts/deps.sh installs it")
	testenv.Tool(t, "import", "ImageMagick; scripts/deps.sh installs it")
	testenv.Tool(t, "setxkbmap", "x11-xkb-utils; scripts/deps.sh installs it")
	// A French AZERTY keyboard, as on the agents' laptops: é, è, ç are
	// keys of their own (xdotool would otherwise remap a spare key for
	// each, which a slow client reads after the mapping is gone).
	if out, err := exec.Command("setxkbmap", "fr").CombinedOutput(); err != nil {
		testenv.Missing(t, "setxkbmap fr: %v: %s", err, out)
	}
	t.Cleanup(func() { exec.Command("setxkbmap", "us").Run() })
	srv := startServer(t)
	api := srv.admin(t)
	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Minute)
	defer cancel()
	created, err := api.CreateSession(ctx, game.SessionRequest{Deck: "", Format: game.FormatExpress, Mode: game.ModeTeam, Direction: "Direction du numérique", Site: "Bâtiment Clemenceau", Expected: 5})
	if err != nil {
		decks, _ := api.Decks(ctx)
		if len(decks) == 0 {
			t.Fatalf("create session: %v (no deck)", err)
		}
		created, err = api.CreateSession(ctx, game.SessionRequest{Deck: decks[0].ID, Format: game.FormatExpress, Mode: game.ModeTeam, Direction: "Direction du numérique", Site: "Bâtiment Clemenceau", Expected: 5})
		if err != nil {
			t.Fatal(err)
		}
	}
	wsURL, _ := client.WebSocketURL(srv.url)
	host := client.Host(wsURL, created.Code, api.Token, client.Options{})
	defer host.Close()
	hostView := func(what string, ok func(v *game.HostView) bool) *game.HostView {
		t.Helper()
		wctx, wcancel := context.WithTimeout(ctx, stepTimeout)
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

	cmd := exec.Command(bins.client, "--server", srv.url, "--code", created.Code, "--width", fmt.Sprint(viewW), "--height", fmt.Sprint(viewH))
	// The client saves its team's resume token under the user's config
	// folder: keep it in the test's own.
	cmd.Env = append(os.Environ(), "XDG_CONFIG_HOME="+t.TempDir())
	var logs bytes.Buffer
	cmd.Stdout, cmd.Stderr = &logs, &logs
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() {
		cmd.Process.Kill()
		cmd.Wait()
		if t.Failed() {
			t.Logf("client output:\n%s", logs.String())
		}
	})
	d := &desktop{t: t, cmd: cmd, spots: ui.Spots(viewW, viewH, 1, true), shots: shotsDir(t)}
	// The form is drawn when the team name field (light) is there, in one
	// of the client's windows.
	name := d.spots["setup.name"]
	var last image.Image
	deadline := time.Now().Add(loadTimeout)
	for d.win == "" {
		out, _ := exec.Command("xdotool", "search", "--pid", fmt.Sprint(cmd.Process.Pid)).Output()
		for _, id := range strings.Fields(string(out)) {
			img, err := grabWindow(id)
			if err != nil {
				continue
			}
			last = img
			r, g, b, _ := img.At(int(name.X), int(name.Y)).RGBA()
			if r>>8 > 0xe0 && g>>8 > 0xe0 && b>>8 > 0xe0 {
				d.win = id
			}
		}
		if d.win != "" {
			break
		}
		if time.Now().After(deadline) {
			if last != nil {
				f, _ := os.Create(filepath.Join(d.shots, "bureau-echec.png"))
				png.Encode(f, last)
				f.Close()
			}
			t.Fatalf("the team form did not appear within %v (windows %q)", loadTimeout, out)
		}
		time.Sleep(200 * time.Millisecond) // polling the window against the deadline
	}
	d.fill("setup.name", "Les Bureaux Verts")
	c4 := d.spots["setup.color4"]
	d.clickUntil("setup.color4", c4.X, c4.Y+25, isInk)
	d.fill("setup.first", "Hélène")
	d.fill("setup.last", "Garçon")
	c0 := d.spots["setup.coll0"]
	d.clickUntil("setup.coll0", c0.X-90, c0.Y, isAccent)
	// The list of directions: End, Return pick « Autre (préciser) », each
	// step once the client has drawn the last (a key pressed while it is
	// busy would be read in the frame of the click, before the list opens).
	sheet := d.spots["setup.dirsheet"] // white only while the list is open
	d.clickUntil("setup.dir", sheet.X, sheet.Y, isCard)
	d.key("End")
	d.settle()
	d.key("End") // the same place twice: a key the client missed is not lost
	d.settle()
	sheetOpen := func() bool {
		r, g, b, _ := d.grab().At(int(sheet.X), int(sheet.Y)).RGBA()
		return isCard(r>>8, g>>8, b>>8)
	}
	for end := time.Now().Add(stepTimeout); sheetOpen(); {
		if time.Now().After(end) {
			d.shot("echec")
			d.t.Fatal("Return did not close the list of directions")
		}
		d.key("Return")
		d.settle()
	}
	d.fill("setup.dirother", "Direction du numérique")
	d.shot("formulaire")
	d.click("setup.submit")
	hostView("our team in the lobby", func(v *game.HostView) bool { return v.TeamCount == 1 })

	// The waiting room, idle: measure the client's CPU.
	time.Sleep(time.Second) // the join's redraws done
	measure := lobbyMeasure
	if v, err := time.ParseDuration(os.Getenv("METODD_LOBBY_MEASURE")); err == nil && v > 0 {
		measure = v // a longer measurement for docs/client.md
	}
	before := cpuTicks(t, cmd.Process.Pid)
	start := time.Now()
	time.Sleep(measure)
	share := float64(cpuTicks(t, cmd.Process.Pid)-before) / clockTicks / time.Since(start).Seconds()
	t.Logf("desktop client CPU in the lobby: %.1f %% of one core over %v", 100*share, measure)
	if share > maxLobbyCPU {
		t.Errorf("lobby CPU %.1f %% of a core, want at most %.0f %%", 100*share, 100*maxLobbyCPU)
	}
	d.shot("attente")

	srv.bots(t, created.Code, 2)
	hostView("three teams", func(v *game.HostView) bool { return v.TeamCount == 3 })
	send(game.KindStart)
	seen := map[string]bool{}
	for {
		v := hostView("an open card", func(v *game.HostView) bool { return v.Session.Phase == game.PhaseCardOpen && v.Card != nil })
		kind, cardID := v.Card.Type, v.Card.ID
		first := !seen[kind]
		seen[kind] = true
		time.Sleep(500 * time.Millisecond) // the card reaches the client and is drawn
		if first {
			d.shot("carte-" + kind)
		}
		// The answer, then what sends it: on a loaded machine a click or
		// a key can go unseen by the client (Known limits in
		// docs/client.md), and a person would press again; the sending
		// step only is repeated, logged, never the typing.
		var submit func()
		switch kind {
		case game.TypeQCM:
			submit = func() { d.click(fmt.Sprintf("team.choice0/%d", len(v.Card.Choices))) }
		case game.TypeVraiFaux:
			submit = func() { d.click("team.choice0/2") }
		case game.TypeEstimation:
			d.fill("team.estimate", "1 500")
			submit = func() { d.key("Return") }
		case game.TypeClassement:
			d.key("Down")
			submit = func() { d.key("Return") }
		case game.TypeAssociation:
			for i := range v.Card.Items {
				d.typeText(fmt.Sprint(1 + i%len(v.Card.Groups)))
			}
			submit = func() { d.key("Return") }
		case game.TypeDefi:
			d.fill("team.defi", "Covoiturer, éteindre les écrans, réparer")
			submit = func() { d.click("team.defi.submit") }
		}
		answered := func(v *game.HostView) bool {
			for _, tm := range v.Teams {
				if tm.Name == "Les Bureaux Verts" {
					return tm.Answered
				}
			}
			return false
		}
		for try := 1; ; try++ {
			submit()
			wctx, wcancel := context.WithTimeout(ctx, answerRetry)
			_, err := host.WaitFor(wctx, func(s client.State) bool { return s.Host != nil && answered(s.Host) })
			wcancel()
			if err == nil || try == maxAnswerTries {
				break
			}
			t.Logf("%s: no answer from the client %v after try %d: sending again", cardID, answerRetry, try)
		}
		hostView("our answer to "+cardID, answered)
		// The card closes by itself once every team answered (docs/rules.md).
		hostView("closed", func(v *game.HostView) bool { return v.Session.Phase == game.PhaseCardClosed })
		send(game.KindNext) // reveal
		hostView("revealed", func(v *game.HostView) bool { return v.Session.Phase == game.PhaseRevealed })
		if first {
			d.shot("correction-" + kind)
		}
		send(game.KindNext) // leaderboard
		hostView("leaderboard", func(v *game.HostView) bool { return v.Session.Phase == game.PhaseLeaderboard })
		send(game.KindNext)
		v = hostView("next card or podium", func(v *game.HostView) bool {
			return (v.Session.Phase == game.PhaseCardOpen && v.Card != nil && v.Card.ID != cardID) || v.Session.Phase == game.PhasePodium
		})
		if v.Session.Phase == game.PhasePodium {
			break
		}
	}
	send(game.KindNext)
	hostView("debrief", func(v *game.HostView) bool { return v.Session.Phase == game.PhaseDebrief })
	send(game.KindNext)
	hostView("commitments", func(v *game.HostView) bool { return v.Session.Phase == game.PhaseCommitments })
	time.Sleep(500 * time.Millisecond) // the phase reaches the client
	d.click("team.commit.member0")
	d.click("team.commit.option0")
	d.shot("engagements")
	d.click("team.commit.send")
	hostView("our commitment", func(v *game.HostView) bool { return v.Committed >= 1 })
	send(game.KindClose)
	v := hostView("closed session", func(v *game.HostView) bool { return v.Session.Phase == game.PhaseClosed && v.Campaign != nil })
	time.Sleep(3500 * time.Millisecond) // the counter's animation
	d.shot("fin")
	if want := 1 + 2*2; v.Campaign.Added != want {
		t.Errorf("agents added = %d, want %d", v.Campaign.Added, want)
	}
}
