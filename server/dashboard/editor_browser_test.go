package dashboard

import (
	"context"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"

	"metodd/game"
	"metodd/game/deckfile"
	"metodd/internal/testenv"
	"metodd/server/store"
	"metodd/tests/axe"
)

// editorBrowserTimeout bounds the editor's browser test: some sixty page
// loads and form posts, each well under a second alone, but the test runs
// with -race beside other builds on a shared machine; four minutes means it
// is stuck.
const editorBrowserTimeout = 4 * time.Minute

// browserContext starts headless Chromium for a test. Without Chromium the
// test skips, except under CI=true where it fails: CI must run it.
func browserContext(t *testing.T, width, height int) context.Context {
	t.Helper()
	testenv.File(t, chromiumPath, "Chromium (scripts/deps.sh installs it)")
	opts := append(chromedp.DefaultExecAllocatorOptions[:],
		chromedp.ExecPath(chromiumPath), chromedp.Headless, chromedp.NoSandbox, chromedp.DisableGPU,
		chromedp.NoFirstRun, chromedp.NoDefaultBrowserCheck,
		chromedp.Flag("disable-background-networking", true), chromedp.Flag("disable-component-update", true),
		chromedp.Flag("disable-sync", true), chromedp.Flag("disable-extensions", true), chromedp.Flag("hide-scrollbars", true),
		chromedp.UserDataDir(t.TempDir()), chromedp.WindowSize(width, height))
	actx, cancelA := chromedp.NewExecAllocator(context.Background(), opts...)
	t.Cleanup(cancelA)
	ctx, cancel := chromedp.NewContext(actx)
	t.Cleanup(cancel)
	ctx, cancelT := context.WithTimeout(ctx, editorBrowserTimeout)
	t.Cleanup(cancelT)
	return ctx
}

// TestBrowserEditor drives the deck editor in Chromium: create a deck, one
// card of each type through its form, see a problem beside its field, fix
// it, reorder a classement with the keyboard buttons, publish, then play a
// session with the published version up to a card's reveal.
func TestBrowserEditor(t *testing.T) {
	testenv.Long(t, "browser test")
	ctx := browserContext(t, 1280, 1000)
	// axe-core (scripts/deps.sh) checks the editor's pages when installed;
	// under CI=true axe.Source fails the test without it.
	axeSrc := ""
	if _, err := os.Stat("../../tests/axe/node_modules/axe-core/axe.min.js"); err == nil || os.Getenv("CI") == "true" {
		axeSrc = axe.Source(t)
	}
	checkA11y := func(page string) {
		t.Helper()
		if axeSrc != "" {
			axe.Check(t, ctx, axeSrc, page)
		}
	}
	a := newApp(t)
	shots := os.Getenv(screenshotsEnv)
	if shots == "" {
		shots = t.TempDir()
	}
	base := a.srv.URL + "/dashboard"
	run := func(what string, acts ...chromedp.Action[chromedp.Void]) {
		t.Helper()
		if err := chromedp.Do(ctx, acts...); err != nil {
			t.Fatalf("%s: %v", what, err)
		}
	}
	shot := func(name string) {
		t.Helper()
		buf, err := chromedp.Run(ctx, chromedp.CaptureScreenshot())
		if err != nil {
			t.Fatalf("screenshot %s: %v", name, err)
		}
		if err := os.WriteFile(filepath.Join(shots, "editeur-"+name+".png"), buf, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	mainText := func() string {
		t.Helper()
		html, err := chromedp.Run(ctx, chromedp.OuterHTML("main"))
		if err != nil {
			t.Fatal(err)
		}
		return text(html)
	}
	run("login", chromedp.Navigate(base+"/connexion"), chromedp.WaitVisible("#password"),
		chromedp.SendKeys("#login", "admin"), chromedp.SendKeys("#password", testPassword),
		chromedp.Submit("#password"), chromedp.WaitVisible(".hero"))

	run("create deck", chromedp.Navigate(base+"/admin/jeux"), chromedp.WaitVisible("#new-id"),
		chromedp.SendKeys("#new-id", "bilan-2025"), chromedp.SendKeys("#new-title", "mét’ODD — bilan 2025"),
		chromedp.Submit("#new-id"), chromedp.WaitVisible("#new-type"))

	common := func(id, prompt string) []chromedp.Action[chromedp.Void] {
		return []chromedp.Action[chromedp.Void]{
			chromedp.SetValue("#f-id", id), chromedp.SetValue("#f-engagement", "11"), chromedp.SetValue("#f-difficulty", "2"),
			chromedp.SendKeys("#f-prompt", prompt),
			chromedp.SendKeys("#f-explanation", "710 405 pages économisées grâce à uniFLOW et au recto-verso (ODD 12)."),
			chromedp.SetValue("#f-source-axis", "3"), chromedp.SendKeys("#f-source-section", "Ressources"),
			chromedp.SendKeys("#f-source-heading", "Déploiement du système uniFLOW"),
			chromedp.Click(`input[name="odd"][value="12"]`),
		}
	}
	cards := []struct {
		typ, id string
		acts    []chromedp.Action[chromedp.Void]
	}{
		{game.TypeQCM, "e11-qcm", []chromedp.Action[chromedp.Void]{chromedp.SendKeys("#f-choices-0", "12 000"),
			chromedp.SendKeys("#f-choices-1", "71 000"), chromedp.SendKeys("#f-choices-2", "12 000"),
			chromedp.SendKeys("#f-choices-3", "7 millions"), chromedp.Click("#f-choices-1-right")}},
		{game.TypeVraiFaux, "e11-vf", []chromedp.Action[chromedp.Void]{chromedp.Click("#f-choices-0-right")}},
		{game.TypeEstimation, "e11-estimation", []chromedp.Action[chromedp.Void]{chromedp.SendKeys("#f-answer", "710 405"), chromedp.SendKeys("#f-unit", "pages")}},
		{game.TypeClassement, "e11-classement", []chromedp.Action[chromedp.Void]{chromedp.SendKeys("#f-items-0", "Trois"),
			chromedp.SendKeys("#f-items-1", "Un"), chromedp.SendKeys("#f-items-2", "Deux")}},
		{game.TypeAssociation, "e11-association", []chromedp.Action[chromedp.Void]{chromedp.SendKeys("#f-groups-0-name", "Papier"),
			chromedp.SendKeys("#f-groups-0-items-0", "Ramette"), chromedp.SendKeys("#f-groups-0-items-1", "Enveloppe"),
			chromedp.SendKeys("#f-groups-1-name", "Verre"), chromedp.SendKeys("#f-groups-1-items-0", "Bocal"),
			chromedp.SendKeys("#f-groups-1-items-1", "Bouteille")}},
		{game.TypeDefi, "e11-defi", []chromedp.Action[chromedp.Void]{chromedp.SendKeys("#f-hints-0", "Imprimer en recto-verso"),
			chromedp.SendKeys("#f-hints-1", "Lire à l’écran")}},
	}
	for i, c := range cards {
		acts := []chromedp.Action[chromedp.Void]{chromedp.Navigate(base + "/admin/editeur/bilan-2025"), chromedp.WaitVisible("#new-type"),
			chromedp.SetValue("#new-type", c.typ), chromedp.Submit("#new-type"), chromedp.WaitVisible("#f-prompt")}
		acts = append(acts, common(c.id, "Question "+game.TypeLabel(c.typ)+" : combien de pages ?")...)
		acts = append(acts, c.acts...)
		acts = append(acts, chromedp.Submit("#f-prompt"), chromedp.WaitVisible(".flash"))
		run("card "+c.typ, acts...)
		tx := mainText()
		if i == 0 {
			// The QCM has a repeated choice: saved, and shown on its field.
			if !strings.Contains(tx, "1 problème à corriger") {
				t.Fatalf("qcm with a repeated choice: %s", tx)
			}
			run("field error", chromedp.WaitVisible(`#f-choices-2[aria-invalid="true"]`))
			errText, err := chromedp.Run(ctx, chromedp.Text(`#f-choices-2 ~ .field-error`))
			if err != nil {
				t.Fatal(err)
			}
			if !strings.Contains(errText, "le choix « 12 000 » est répété") {
				t.Fatalf("error beside choices.2: %q", errText)
			}
			shot("carte-erreur")
			checkA11y("carte avec un problème")
			run("fix", chromedp.SetValue("#f-choices-2", "710 000"), chromedp.Submit("#f-prompt"), chromedp.WaitVisible(".flash"))
			if tx = mainText(); strings.Contains(tx, "problème") {
				t.Fatalf("after the fix: %s", tx)
			}
			// Live check (script): a problem typed shows beside its field
			// before any save, and goes when corrected.
			run("live check", chromedp.SetValue("#f-choices-3", "71 000"), chromedp.SendKeys("#f-choices-3", " "),
				chromedp.WaitVisible(`#f-choices-3[aria-invalid="true"] + .field-error`))
			live, err := chromedp.Run(ctx, chromedp.Text(`#f-choices-3 + .field-error`))
			if err != nil || !strings.Contains(live, "le choix « 71 000 » est répété") {
				t.Fatalf("live error beside choices.3: %q %v", live, err)
			}
			shot("carte-verification")
			run("live fix", chromedp.SetValue("#f-choices-3", "7 millions"), chromedp.SendKeys("#f-choices-3", " "),
				chromedp.WaitNotPresent(`#f-choices-3[aria-invalid="true"]`))
		} else if !strings.Contains(tx, "enregistrée dans le brouillon.") || strings.Contains(tx, "problème à corriger") {
			t.Fatalf("card %s: %s", c.typ, tx)
		}
		if c.typ == game.TypeEstimation || c.typ == game.TypeAssociation {
			run("scroll", chromedp.ScrollIntoView("#f-"+map[string]string{game.TypeEstimation: "estimation", game.TypeAssociation: "groups"}[c.typ]))
			shot("carte-" + c.typ)
		}
	}
	// Reorder the classement with the keyboard buttons (the script moves
	// the item in place), save, and the draft has the new order.
	run("reorder", chromedp.Navigate(base+"/admin/editeur/bilan-2025/cartes/3"), chromedp.WaitVisible("#f-items-0"),
		chromedp.Focus(`button[value="items.0.down"]`), chromedp.KeyEvent("\r"), chromedp.KeyEvent("\r"))
	focused, err := chromedp.Run(ctx, chromedp.Evaluate[string](`document.activeElement.closest("li").querySelector("input").value`))
	if err != nil {
		t.Fatal(err)
	}
	if focused != "Trois" {
		t.Errorf("focus did not follow the moved item: %q", focused)
	}
	shot("classement")
	checkA11y("classement")
	run("save order", chromedp.Submit("#f-prompt"), chromedp.WaitVisible(".flash"))
	var dr store.Draft
	dr, err = a.db.Draft(context.Background(), "bilan-2025")
	if err != nil {
		t.Fatal(err)
	}
	var deck game.Deck
	if err := json.Unmarshal(dr.Body, &deck); err != nil {
		t.Fatal(err)
	}
	if got := strings.Join(deck.Cards[3].Items, ","); got != "Un,Deux,Trois" {
		t.Errorf("order after the keyboard moves: %s", got)
	}
	// A personal commitment, then publish.
	run("commitments", chromedp.Navigate(base+"/admin/editeur/bilan-2025/engagements"), chromedp.WaitVisible("#f-commit-0-id"),
		chromedp.SendKeys("#f-commit-0-id", "je-imprime-recto-verso"),
		chromedp.SendKeys("#f-commit-0-text", "J’imprime en recto-verso, et seulement si c’est utile."),
		chromedp.SetValue("#f-commit-0-engagement", "11"), chromedp.Submit("#f-commit-0-id"), chromedp.WaitVisible(".flash"))
	checkA11y("engagements personnels")
	run("deck page", chromedp.Navigate(base+"/admin/editeur/bilan-2025"), chromedp.WaitVisible(".ok-line"))
	shot("jeu")
	checkA11y("jeu")
	run("publish", chromedp.Click(`form[action$="/publier"] button`), chromedp.WaitVisible(publishedFlash))
	if tx := mainText(); !strings.Contains(tx, "publié : version") {
		t.Fatalf("publish: %s", tx)
	}
	// A second version: one card changed, one duplicated; the history
	// says which.
	run("edit after publish", chromedp.Navigate(base+"/admin/editeur/bilan-2025/cartes/1"), chromedp.WaitVisible("#f-prompt"),
		chromedp.SetValue("#f-prompt", "Vrai ou faux ? uniFLOW a économisé plus de 700 000 pages."),
		chromedp.Submit("#f-prompt"), chromedp.WaitVisible(".flash"),
		chromedp.Navigate(base+"/admin/editeur/bilan-2025"), chromedp.WaitVisible(".ok-line"),
		chromedp.Click(`form[action*="/cartes/5/dupliquer"] button`), chromedp.WaitVisible(".flash"),
		// The duplicate's flash is still on screen: wait for the publish's own.
		chromedp.Click(`form[action$="/publier"] button`), chromedp.WaitVisible(publishedFlash))
	run("history", chromedp.Navigate(base+"/admin/editeur/bilan-2025/historique"), chromedp.WaitVisible(".page-title"))
	if tx := mainText(); !strings.Contains(tx, "par Cellule RSO") || !strings.Contains(tx, "modifiée e11-vf : question") ||
		!strings.Contains(tx, "ajoutée e11-defi-copie") || !strings.Contains(tx, "Première version") {
		t.Errorf("history: %s", tx)
	}
	shot("historique")
	checkA11y("historique")

	// A session created with the published version plays its cards.
	sd, err := a.db.Deck(context.Background(), "bilan-2025")
	if err != nil {
		t.Fatal(err)
	}
	pub, err := deckfile.ParseDeck("bilan-2025.yaml", sd.YAML)
	if err != nil {
		t.Fatal(err)
	}
	a.deck, a.deckVer = pub, sd.Version
	p := a.play(play{partner: "cmartin", year: time.Now().Year(), format: game.FormatExpress,
		teams:  []team{{"Les Hérons", []game.Member{elodie}}, {"Tournesols", []game.Member{m("Marc", "Petit", "CCAS", "Action sociale", "B")}}},
		finish: game.KindClose})
	revealed := map[string]bool{}
	for _, r := range p.outcome.Results {
		revealed[r.CardID] = true
	}
	if len(revealed) == 0 {
		t.Fatal("no card played")
	}
	for id := range revealed {
		if _, ok := pub.CardByID(id); !ok {
			t.Errorf("played card %s is not from the published deck", id)
		}
	}
	s, err := a.db.Session(context.Background(), p.id)
	if err != nil || s.DeckVersion != sd.Version {
		t.Fatalf("session deck version: %+v %v", s, err)
	}
}

// publishedFlash finds the flash that says a deck was published: a page may
// still show an earlier flash when the publish button is clicked.
const publishedFlash = `//*[contains(concat(" ", normalize-space(@class), " "), " flash ")][contains(., "publié : version")]`
