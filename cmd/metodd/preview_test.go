//go:build !js

package main

import (
	"strings"
	"sync"
	"testing"

	"github.com/chromedp/chromedp"

	"metodd/assets"
	"metodd/game/deckfile"
	"metodd/internal/testenv"
)

// TestBrowserPreview opens the deck editor's preview in the real browser
// client against the real server: the admin logs in to the dashboard, and
// /?preview=<deck>/<card> draws that draft card on the board and on a
// team's phone (the client fetches it from the dashboard with the admin's
// cookie).
func TestBrowserPreview(t *testing.T) {
	build(t)
	testenv.File(t, chromium, "Chromium (scripts/deps.sh installs it)")
	data, _ := assets.Deck(assets.StandardDeckFile)
	deck, err := deckfile.ParseDeck(assets.StandardDeckFile, data)
	if err != nil {
		t.Fatal(err)
	}
	srv := startServer(t)
	shots := shotsDir(t)
	tb := openTab(t, "apercu", srv.url+"/dashboard/connexion", shots)
	// The page's console, logged if the test fails (a panic of the WASM
	// module shows there).
	var mu sync.Mutex
	var console []string
	go func() {
		for m, err := range chromedp.Console(tb.ctx) {
			if err != nil {
				return
			}
			mu.Lock()
			console = append(console, m.String())
			mu.Unlock()
		}
	}()
	t.Cleanup(func() {
		if t.Failed() {
			mu.Lock()
			defer mu.Unlock()
			text, _ := chromedp.Run(tb.ctx, chromedp.Evaluate[string](`(document.getElementById("metodd-status") || {}).textContent || ""`))
			t.Logf("status text: %q\nconsole:\n%s", text, strings.Join(console, "\n"))
		}
	})
	tb.run(chromedp.WaitVisible("#password"), chromedp.SendKeys("#login", "admin"),
		chromedp.SendKeys("#password", adminPassword), chromedp.Submit("#password"), chromedp.WaitVisible(".hero"))
	const idx = 2
	want := deck.Cards[idx]
	ref := deck.ID + "/2"
	tb.run(chromedp.Navigate(srv.url + "/?preview=" + ref + "&vue=plateau"))
	// The first load compiles the WASM module (see loadTimeout); on a
	// shared machine it may take two of them.
	tb.waitFor("board preview", 2*loadTimeout, func(st map[string]string) bool {
		return st["screen"] == "host" && st["card"] == want.ID
	})
	tb.shot("apercu-plateau")
	tb.run(chromedp.EmulateViewport(390, 844), chromedp.Navigate(srv.url+"/?preview="+ref+"&vue=equipe"))
	tb.waitFor("team preview", loadTimeout, func(st map[string]string) bool {
		return st["screen"] == "team" && st["card"] == want.ID
	})
	tb.shot("apercu-equipe-telephone")
}
