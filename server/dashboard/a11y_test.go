package dashboard

import (
	"context"
	"testing"

	"github.com/chromedp/chromedp"
	"github.com/chromedp/chromedp/kb"

	"metodd/internal/testenv"
	"metodd/tests/axe"
)

// narrowWidth is the smallest screen RGAA 10.11 asks to work without
// sideways scrolling (320 CSS px).
const narrowWidth = 320

// TestBrowserAccessible runs axe-core on every dashboard page (0 serious
// or critical violations), checks none scrolls sideways at 320 px, that
// the first Tab reaches the skip link, and that a select does not reload
// the page when its value changes from the keyboard.
func TestBrowserAccessible(t *testing.T) {
	testenv.Long(t, "browser test")
	testenv.File(t, chromiumPath, "Chromium (scripts/deps.sh installs it)")
	src := axe.Source(t)
	a := newApp(t)
	seedYear(a.fixture)
	opts := append(chromedp.DefaultExecAllocatorOptions[:],
		chromedp.ExecPath(chromiumPath), chromedp.Headless, chromedp.NoSandbox, chromedp.DisableGPU,
		chromedp.NoFirstRun, chromedp.NoDefaultBrowserCheck, chromedp.UserDataDir(t.TempDir()),
		chromedp.Flag("disable-background-networking", true), chromedp.Flag("disable-component-update", true),
		chromedp.WindowSize(1280, 900))
	actx, cancelA := chromedp.NewExecAllocator(context.Background(), opts...)
	defer cancelA()
	ctx, cancel := chromedp.NewContext(actx)
	defer cancel()
	ctx, cancelT := context.WithTimeout(ctx, 3*browserTimeout)
	defer cancelT()
	base := a.srv.URL + "/dashboard"
	do := func(what string, actions ...chromedp.Action[chromedp.Void]) {
		t.Helper()
		if err := chromedp.Do(ctx, actions...); err != nil {
			t.Fatalf("%s: %v", what, err)
		}
	}
	eval := func(js string) string {
		t.Helper()
		s, err := chromedp.Run(ctx, chromedp.Evaluate[string](js))
		if err != nil {
			t.Fatalf("%s: %v", js, err)
		}
		return s
	}
	total, serious := 0, 0
	check := func(page string) {
		t.Helper()
		n, s := axe.Check(t, ctx, src, page)
		total, serious = total+n, serious+s
	}

	do("login page", chromedp.Navigate(base+"/"), chromedp.WaitVisible("#password"))
	check("connexion")
	do("login", chromedp.SendKeys("#login", "admin"), chromedp.SendKeys("#password", testPassword),
		chromedp.Submit("#password"), chromedp.WaitVisible(".hero"))
	pages := []struct{ path, wait string }{
		{"/", ".hero"}, {"/repartitions", ".chart"}, {"/seances", ".tbl"}, {"/seances/" + a.s.s1.id, ".facts"},
		{"/apprentissage", ".chart"}, {"/indicateurs", ".tbl"}, {"/admin/partenaires", ".tbl"},
		{"/admin/campagnes", ".tbl"}, {"/admin/jeux", "#deck"}, {"/admin/donnees", ".impact"},
		{"/admin/directions", ".tbl"},
	}
	for _, p := range pages {
		do(p.path, chromedp.EmulateViewport(1280, 900), chromedp.Navigate(base+p.path), chromedp.WaitVisible(p.wait))
		check(p.path)
		// The first Tab reaches the skip link (RGAA 12.7).
		do("tab", chromedp.KeyEvent(kb.Tab))
		if got := eval(`document.activeElement.className + " " + document.activeElement.getAttribute("href")`); got != "skip #contenu" {
			t.Errorf("%s: the first Tab focuses %q, want the skip link", p.path, got)
		}
		// No sideways scroll at 320 px (RGAA 10.11).
		do("narrow", chromedp.EmulateViewport(narrowWidth, 700), chromedp.Navigate(base+p.path), chromedp.WaitVisible(p.wait))
		if w := eval(`String(document.documentElement.scrollWidth)`); w != "320" {
			t.Errorf("%s: %s px wide at %d px: the page scrolls sideways (%s)", p.path, w, narrowWidth,
				eval(`[...document.querySelectorAll("body *")].filter(e => e.getBoundingClientRect().right > 320.5 && !e.closest(".tbl-wrap")).slice(0, 6).map(e => e.tagName + "." + e.className + " " + Math.round(e.getBoundingClientRect().right)).join(", ")`))
		}
	}
	// A select changed from the keyboard does not reload the page (RGAA
	// 7.4): the campaign picker waits for its button.
	do("sessions", chromedp.EmulateViewport(1280, 900), chromedp.Navigate(base+"/seances"), chromedp.WaitVisible("#etat"))
	// A script that submits the form on change would call form.submit():
	// record it instead of navigating.
	eval(`window.__submitted = "non"; HTMLFormElement.prototype.submit = function () { window.__submitted = "oui"; }; ""`)
	do("focus", chromedp.Focus("#etat"), chromedp.KeyEvent(kb.ArrowDown))
	if got := eval(`window.__submitted + " " + document.getElementById("etat").value`); got != "non closed" {
		t.Errorf("after an arrow key on the filter: %q, want %q (no submit, the value changed)", got, "non closed")
	}
	t.Logf("axe on the dashboard: %d violations, %d serious or critical, over %d pages", total, serious, len(pages)+1)
}
