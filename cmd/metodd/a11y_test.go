//go:build !js

package main

import (
	"context"
	"encoding/json"
	"fmt"
	"os"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/cdproto/accessibility"
	"github.com/chromedp/cdproto/cdp"
	"github.com/chromedp/cdproto/input"
	"github.com/chromedp/chromedp"
	"github.com/chromedp/chromedp/kb"

	"metodd/game"
	"metodd/game/client"
	"metodd/tests/axe"
)

// maxTabs bounds the Tab presses to reach an element: a screen has fewer
// controls than that.
const maxTabs = 60

// key presses one named key (kb.Tab, kb.Enter…) like a person, on whatever
// has the keyboard focus.
func (tb *tab) key(k string) {
	tb.t.Helper()
	for _, ev := range kb.Encode([]rune(k)[0]) {
		if ev.Type == input.DispatchKeyEventTypeKeyUp {
			time.Sleep(20 * time.Millisecond)
		}
		e := *ev
		tb.run(chromedp.Func(func(ctx context.Context, t *chromedp.Target) error {
			_, err := cdp.Call(ctx, t, input.DispatchKeyEvent, e)
			return err
		}))
	}
}

// typeKeys types s one character at a time, each its own step: on a
// software-rendered, loaded machine a keystroke can take seconds.
func (tb *tab) typeKeys(s string) {
	tb.t.Helper()
	tb.t.Logf("%s: type %q", time.Now().Format("15:04:05"), s)
	for _, r := range s {
		tb.run(chromedp.KeyEvent(string(r)))
	}
}

func (tb *tab) eval(js string) string {
	tb.t.Helper()
	ctx, cancel := context.WithTimeout(tb.ctx, stepTimeout)
	defer cancel()
	s, err := chromedp.Run(ctx, chromedp.Evaluate[string](js))
	if err != nil {
		tb.t.Fatalf("%s: %s: %v", tb.name, js, err)
	}
	return s
}

// tabTo presses Tab until the focused element matches the CSS selector
// (the keyboard only: no click, no focus() from the test).
func (tb *tab) tabTo(sel string) {
	tb.t.Helper()
	tb.t.Logf("%s: Tab to %s", time.Now().Format("15:04:05"), sel)
	q := fmt.Sprintf(`String(!!document.activeElement && document.activeElement.matches(%q))`, sel)
	deadline := time.Now().Add(stepTimeout)
	for i := 0; ; i++ {
		if tb.eval(q) == "true" {
			return
		}
		if i >= maxTabs {
			// The element may be on its way (a view not yet shown): wait.
			if time.Now().After(deadline) {
				tb.shot("echec-tab")
				tb.t.Fatalf("%s: %d Tab presses did not reach %s (focus on %s)", tb.name, maxTabs, sel,
					tb.eval(`document.activeElement ? document.activeElement.outerHTML.slice(0, 200) : "rien"`))
			}
			time.Sleep(200 * time.Millisecond) // polling the page against the deadline
			i = 0
		}
		tb.key(kb.Tab)
	}
}

// axeCheck runs axe on the page; the counts go to the summary.
func (tb *tab) axeCheck(src, page string, total map[string][2]int) {
	tb.t.Helper()
	ctx, cancel := context.WithTimeout(tb.ctx, stepTimeout)
	defer cancel()
	all, serious := axe.Check(tb.t, ctx, src, page)
	total[page] = [2]int{all, serious}
	tb.shot("a11y-" + strings.ReplaceAll(page, " ", "-"))
}

// TestBrowserAccessible plays with the keyboard alone through the
// accessible mirror: Tab from the canvas to the code field, the team
// form, then one card of each type, each answer reaching the server; axe
// runs on every screen (0 serious or critical violations), and the home
// screen's accessibility tree has its buttons and its named code field.
func TestBrowserAccessible(t *testing.T) {
	if _, err := os.Stat(chromium); err != nil {
		axe.Missing(t, "chromium is not installed (scripts/deps.sh installs it)")
	}
	src := axe.Source(t)
	var srv *server
	if u := os.Getenv("METODD_A11Y_SERVER"); u != "" {
		// A server already running (built with the current bundle, admin
		// password adminPassword): skips the long rebuild while working on
		// this test.
		srv = &server{url: u}
	} else {
		build(t)
		srv = startServer(t)
	}
	shots := shotsDir(t)
	api := srv.admin(t)
	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Minute)
	defer cancel()
	decks, err := api.Decks(ctx)
	if err != nil || len(decks) == 0 {
		t.Fatalf("decks: %v %v", decks, err)
	}
	created, err := api.CreateSession(ctx, game.SessionRequest{Deck: decks[0].ID, Format: game.FormatComplet, Mode: game.ModeTeam, Direction: "Direction du numérique", Site: "Bâtiment Clemenceau", Expected: 5,
		// « Temps adapté » for a team playing by keyboard alone.
		TimeFactor: game.MaxTimeFactor})
	if err != nil {
		t.Fatal(err)
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
	results := map[string][2]int{}

	team := openTab(t, "équipe", srv.url+"/", shots)
	team.waitFor("home screen", loadTimeout, func(st map[string]string) bool { return st["screen"] == "home" })
	// The accessibility tree of the home screen: its buttons and its named
	// code field, as a screen reader gets them.
	tree := team.axTree()
	for _, want := range []string{"button:Rejoindre", "button:Se connecter", "textbox:Code de la séance", "link:Accessibilité : partiellement conforme"} {
		if !tree[want] {
			t.Errorf("the home screen's accessibility tree has no %s", want)
		}
	}
	team.axeCheck(src, "accueil", results)

	// Keyboard only from here: Tab leaves the canvas for the mirror.
	team.tabTo(`input[data-key="code"]`)
	team.typeKeys(strings.ToLower(created.Code))
	team.key(kb.Enter)
	team.waitFor("team form", loadTimeout, func(st map[string]string) bool { return st["screen"] == "setup" })
	team.tabTo(`input[data-key="name"]`)
	team.typeKeys("Clavier")
	team.tabTo(`input[data-key="first"]`)
	team.typeKeys("Zoé")
	team.tabTo(`input[data-key="last"]`)
	team.typeKeys("Roy")
	team.tabTo(`button[data-key="coll-1"]`)
	team.key(kb.Enter)
	// The direction: a select (End: « Autre (préciser) », last), which
	// reveals its field.
	team.tabTo(`select[data-key="dir-pick"]`)
	team.key(kb.End)
	team.tabTo(`input[data-key="dir"]`)
	team.typeKeys("Eau")
	team.axeCheck(src, "formulaire equipe", results)
	team.tabTo(`button[data-key="submit"]`)
	team.key(kb.Enter)
	team.waitFor("waiting room", loadTimeout, func(st map[string]string) bool {
		return st["screen"] == "team" && st["phase"] == string(game.PhaseLobby)
	})
	team.axeCheck(src, "attente", results)

	send(game.KindStart)
	seen := map[string]bool{}
	for len(seen) < 6 {
		v := hostView("an open card", func(v *game.HostView) bool {
			return (v.Session.Phase == game.PhaseCardOpen && v.Card != nil) || v.Session.Phase == game.PhasePodium
		})
		if v.Session.Phase == game.PhasePodium {
			break
		}
		kind, id := v.Card.Type, v.Card.ID
		if seen[kind] {
			send(game.KindSkip)
			hostView("the next card", func(v *game.HostView) bool { return v.Card == nil || v.Card.ID != id })
			continue
		}
		seen[kind] = true
		// The partner gives the keyboard team more time (RGAA 13.1: a
		// time limit can be extended), as a partner would for a team
		// answering through a screen reader: on a loaded machine a Tab
		// press can take seconds, more than a card's own time allows.
		if err := host.Send(game.KindAddTime, game.CommandData{Seconds: game.MaxAddTimeSeconds}); err != nil {
			t.Fatalf("host add-time: %v", err)
		}
		hostView("the extra time", func(v *game.HostView) bool {
			return v.Card != nil && v.Card.ID == id && v.Session.TimeFactor == game.MaxTimeFactor &&
				v.Clock.Limit == 1000*int64(game.MaxTimeFactor*game.DefaultTime[kind]+game.MaxAddTimeSeconds)
		})
		team.waitFor("the card on the team's screen", loadTimeout, func(st map[string]string) bool {
			return st["card"] == id && st["phase"] == string(game.PhaseCardOpen)
		})
		team.axeCheck(src, "carte "+kind, results)
		answerByKeyboard(t, team, v.Card)
		hostView("the answer on the server", func(v *game.HostView) bool { return v.Answered >= 1 })
		team.waitFor("answer shown", loadTimeout, func(st map[string]string) bool { return st["answered"] == "true" })
		hostView("card closed", func(v *game.HostView) bool { return v.Session.Phase == game.PhaseCardClosed })
		send(game.KindNext) // reveal
		team.waitFor("reveal", loadTimeout, func(st map[string]string) bool { return st["phase"] == string(game.PhaseRevealed) })
		if got := team.eval(`document.getElementById("metodd-mirror").textContent`); !strings.Contains(got, "Le saviez-vous") {
			t.Errorf("the reveal's mirror has no explanation: %q", got)
		}
		if len(seen) == 1 {
			team.axeCheck(src, "correction", results)
		}
		send(game.KindNext) // leaderboard
		hostView("leaderboard", func(v *game.HostView) bool { return v.Session.Phase == game.PhaseLeaderboard })
		if len(seen) == 1 {
			st := team.waitFor("leaderboard", loadTimeout, func(st map[string]string) bool { return st["phase"] == string(game.PhaseLeaderboard) })
			team.axeCheck(src, "classement", results)
			reloadResumes(t, team, created.Code, st)
			hostView("the team back online, still one", func(v *game.HostView) bool { return v.TeamCount == 1 && len(v.Teams) == 1 && v.Teams[0].Online })
		}
		send(game.KindNext) // next card
	}
	for _, k := range []string{game.TypeQCM, game.TypeVraiFaux, game.TypeEstimation, game.TypeClassement, game.TypeAssociation, game.TypeDefi} {
		if !seen[k] {
			t.Errorf("no %s card in the deck: not played with the keyboard", k)
		}
	}
	summary, _ := json.Marshal(results)
	t.Logf("axe (page: [violations, serious or critical]): %s", summary)
}

// reloadResumes reloads a team's page whose code was typed, not given in
// the address: the code is in the address now, so the reload finds the
// team back (its token saved in the browser) with its name and score.
func reloadResumes(t *testing.T, tb *tab, code string, before map[string]string) {
	t.Helper()
	if got := tb.eval(`new URLSearchParams(location.search).get("code") || ""`); got != code {
		t.Fatalf("the address holds code %q after joining, want %q", got, code)
	}
	tb.run(chromedp.Reload())
	tb.waitFor("the team after a reload", loadTimeout, func(st map[string]string) bool {
		return st["screen"] == "team" && st["phase"] == before["phase"]
	})
	after := tb.status()
	if after["team"] != before["team"] || after["score"] != before["score"] || before["team"] == "" {
		t.Fatalf("after a reload: team %q score %s, was %q score %s", after["team"], after["score"], before["team"], before["score"])
	}
}

// answerByKeyboard answers the open card through the mirror, keys only.
func answerByKeyboard(t *testing.T, tb *tab, card *game.CardView) {
	t.Helper()
	switch card.Type {
	case game.TypeQCM, game.TypeVraiFaux:
		tb.tabTo(`button[data-key="choice-1"]`)
		tb.key(kb.Enter)
	case game.TypeEstimation:
		tb.tabTo(`input[data-key="number"]`)
		tb.typeKeys("1 500")
		tb.key(kb.Enter)
	case game.TypeClassement:
		tb.tabTo(`button[data-key="down-0"]`)
		tb.key(kb.Enter)
		tb.tabTo(`button[data-key="send"]`)
		tb.key(kb.Enter)
	case game.TypeAssociation:
		for i := range card.Items {
			tb.tabTo(fmt.Sprintf(`button[data-key="item-%d-%d"]`, i, i%len(card.Groups)))
			tb.key(kb.Enter)
			time.Sleep(200 * time.Millisecond) // two clicks: item, then group, one per frame
		}
		tb.tabTo(`button[data-key="send"]`)
		tb.key(kb.Enter)
	case game.TypeDefi:
		tb.tabTo(`textarea[data-key="defi"]`)
		tb.typeKeys("Éteindre")
		tb.tabTo(`button[data-key="send"]`)
		tb.key(kb.Enter)
	}
}

// axTree reads Chromium's accessibility tree: the set of "role:name" of
// its nodes.
func (tb *tab) axTree() map[string]bool {
	tb.t.Helper()
	out := map[string]bool{}
	deadline := time.Now().Add(stepTimeout)
	for {
		ctx, cancel := context.WithTimeout(tb.ctx, stepTimeout)
		res, err := chromedp.Run(ctx, chromedp.Action[accessibility.GetFullAXTreeResult](func(ctx context.Context, t *chromedp.Target) (accessibility.GetFullAXTreeResult, error) {
			return cdp.Call(ctx, t, accessibility.GetFullAXTree, accessibility.GetFullAXTreeParams{})
		}))
		cancel()
		if err != nil {
			tb.t.Fatalf("%s: getFullAXTree: %v", tb.name, err)
		}
		for _, n := range res.Nodes {
			if n.Ignored || n.Role == nil || n.Name == nil {
				continue
			}
			var role, name string
			json.Unmarshal(n.Role.Value, &role)
			json.Unmarshal(n.Name.Value, &name)
			out[role+":"+name] = true
		}
		if out["button:Rejoindre"] || time.Now().After(deadline) {
			return out
		}
		time.Sleep(200 * time.Millisecond) // polling the tree until the mirror is built
	}
}
