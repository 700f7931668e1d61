package dashboard

import (
	"bytes"
	"context"
	"encoding/csv"
	"fmt"
	"image/png"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/cdproto/browser"
	"github.com/chromedp/chromedp"

	"metodd/game"
	"metodd/internal/testenv"
)

// browserTimeout bounds the whole browser test: Chromium starts in a second
// or two and each page renders in milliseconds; a minute means it is stuck.
const browserTimeout = 90 * time.Second

const chromiumPath = "/usr/bin/chromium"

// maxScreenshotBytes keeps the documentation's screenshots light.
const maxScreenshotBytes = 220 << 10

// screenshotsEnv names the folder screenshots are written to; unset, they
// go to a temporary folder (so a plain test run leaves the tree alone):
//
//	METODD_SCREENSHOTS=$PWD/docs/screenshots go test -run Browser ./server/dashboard/
const screenshotsEnv = "METODD_SCREENSHOTS"

// Names to build a realistic year of sessions for the screenshots.
var (
	firstNames = []string{"Camille", "Léa", "Hugo", "Chloé", "Lucas", "Manon", "Nathan", "Inès", "Louis", "Emma", "Jules",
		"Sarah", "Théo", "Zoé", "Noé", "Jade", "Adam", "Lina", "Arthur", "Rose", "Gabriel", "Anaïs", "Raphaël", "Élise"}
	lastNames = []string{"Martin", "Bernard", "Thomas", "Petit", "Robert", "Richard", "Durand", "Dubois", "Moreau", "Laurent",
		"Simon", "Michel", "Lefèvre", "Leroy", "Roux", "David", "Bertrand", "Morel", "Fournier", "Girard", "Bonnet", "Dupont"}
	directions = []struct{ coll, dir string }{
		{"Ville de Dijon", "Direction des ressources humaines"}, {"Ville de Dijon", "Espaces verts"},
		{"Ville de Dijon", "Culture"}, {"Ville de Dijon", "Éducation"}, {"Dijon métropole", "Mobilités"},
		{"Dijon métropole", "Eau et assainissement"}, {"Dijon métropole", "Finances"}, {"Dijon métropole", "Commande publique"},
		{"CCAS", "Action sociale"}, {"CCAS", "Autonomie"}}
	teamNames = []string{"Les Hérons", "Cassissiers", "Tournesols", "La Chouette", "Moutarde", "Les Tilleuls", "Kir Royal", "Pain d’épices"}
	sites     = []string{"Hôtel de ville", "Clemenceau", "Cité de la gastronomie", "Centre technique", "Bibliothèque Port du Canal"}
)

// seedYear plays about fifteen sessions spread over the year, for pages
// that look like a campaign in progress.
func seedYear(f *fixture) {
	now := time.Now()
	start := time.Date(now.Year(), 1, 20, 10, 0, 0, 0, time.Local)
	partners := []string{"cmartin", "jdupont", "slefevre"}
	k := 0
	for i := 0; i < 14; i++ {
		at := start.Add(time.Duration(i) * now.Sub(start) / 15)
		d := directions[i%len(directions)]
		var teams []team
		for j := 0; j < 2+i%3; j++ {
			var members []game.Member
			for n := 0; n < 2+(i+j)%3; n++ {
				k++
				cat := []string{"A", "B", "C", "C", "B", "Autre", ""}[k%7]
				dd := d
				if k%5 == 0 {
					dd = directions[(i+3)%len(directions)]
				}
				members = append(members, m(firstNames[k%len(firstNames)], lastNames[(k*7)%len(lastNames)]+fmt.Sprint(k/100),
					dd.coll, dd.dir, cat))
			}
			teams = append(teams, team{teamNames[(i+j)%len(teamNames)], members})
		}
		format := game.FormatExpress
		if i%3 == 0 {
			format = game.FormatStandard
		}
		f.play(play{partner: partners[i%len(partners)], year: now.Year(), format: format, direction: d.dir,
			site: sites[i%len(sites)], expected: 12 + i%5, finish: game.KindClose, at: at, teams: teams})
	}
}

func TestBrowser(t *testing.T) {
	testenv.Long(t, "browser test")
	testenv.File(t, chromiumPath, "Chromium (scripts/deps.sh installs it)")
	a := newApp(t)
	seedYear(a.fixture)
	shots := os.Getenv(screenshotsEnv)
	if shots == "" {
		shots = t.TempDir()
	}
	downloads := t.TempDir()

	opts := append(chromedp.DefaultExecAllocatorOptions[:],
		chromedp.ExecPath(chromiumPath),
		chromedp.Headless,
		chromedp.NoSandbox,
		chromedp.DisableGPU,
		chromedp.NoFirstRun,
		chromedp.NoDefaultBrowserCheck,
		chromedp.Flag("disable-background-networking", true),
		chromedp.Flag("disable-component-update", true),
		chromedp.Flag("disable-sync", true),
		chromedp.Flag("disable-extensions", true),
		chromedp.Flag("hide-scrollbars", true),
		chromedp.UserDataDir(t.TempDir()),
		chromedp.WindowSize(1280, 900),
	)
	actx, cancelA := chromedp.NewExecAllocator(context.Background(), opts...)
	defer cancelA()
	ctx, cancel := chromedp.NewContext(actx)
	defer cancel()
	ctx, cancelT := context.WithTimeout(ctx, browserTimeout)
	defer cancelT()

	base := a.srv.URL + "/dashboard"
	shot := func(name string) {
		t.Helper()
		buf, err := chromedp.Run(ctx, chromedp.CaptureScreenshot())
		if err != nil {
			t.Fatalf("screenshot %s: %v", name, err)
		}
		if _, err := png.Decode(bytes.NewReader(buf)); err != nil {
			t.Fatalf("screenshot %s: %v", name, err)
		}
		if len(buf) > maxScreenshotBytes {
			t.Errorf("screenshot %s: %d KB, keep it under %d KB", name, len(buf)>>10, maxScreenshotBytes>>10)
		}
		if err := os.WriteFile(filepath.Join(shots, "dashboard-"+name+".png"), buf, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	visit := func(path, waitFor string) string {
		t.Helper()
		if err := chromedp.Do(ctx, chromedp.Navigate(base+path), chromedp.WaitVisible(waitFor)); err != nil {
			t.Fatalf("%s: %v", path, err)
		}
		body, err := chromedp.Run(ctx, chromedp.OuterHTML("main"))
		if err != nil {
			t.Fatalf("%s: %v", path, err)
		}
		return text(body)
	}
	scroll := func(sel string) {
		t.Helper()
		if err := chromedp.Do(ctx, chromedp.ScrollIntoView(sel)); err != nil {
			t.Fatalf("scroll to %s: %v", sel, err)
		}
	}

	// Logged out, the dashboard is the login page.
	if err := chromedp.Do(ctx, chromedp.Navigate(base+"/"), chromedp.WaitVisible("#password")); err != nil {
		t.Fatal(err)
	}
	shot("connexion")
	if err := chromedp.Do(ctx,
		chromedp.SendKeys("#login", "admin"),
		chromedp.SendKeys("#password", testPassword),
		chromedp.Submit("#password"),
		chromedp.WaitVisible(".hero"),
	); err != nil {
		t.Fatalf("login: %v", err)
	}
	home := visit("/", ".hero")
	count, _ := a.db.CampaignCount(context.Background(), a.camps[time.Now().Year()].ID)
	if want := fmt.Sprintf("%d / 200 agents sensibilisés", count); !strings.Contains(home, want) || count < 100 {
		t.Errorf("home lacks %q", want)
	}
	shot("accueil")
	visit("/repartitions", ".chart")
	shot("repartitions")
	scroll("#t3")
	shot("repartitions-partenaires")
	scroll("#t4")
	shot("repartitions-mois")
	if tx := visit("/seances", ".tbl"); !strings.Contains(tx, "Camille Martin") {
		t.Error("sessions list without sessions")
	}
	shot("seances")
	visit("/seances/"+a.s.s1.id, ".facts")
	shot("seance")
	visit("/apprentissage", ".chart")
	shot("apprentissage")
	visit("/indicateurs", ".tbl")
	shot("indicateurs")
	visit("/admin/partenaires", ".tbl")
	scroll("#name")
	shot("partenaires")
	visit("/admin/campagnes", ".tbl")
	shot("campagnes")
	// A deck with a mistake: the errors are listed with their lines.
	tmp := filepath.Join(t.TempDir(), "mon-jeu.yaml")
	os.WriteFile(tmp, []byte("id: mon-jeu\ntitle: Mon jeu\ncards:\n  - id: c1\n    engagement: 16\n    type: qcm\n    prompt: Question ?\n    choices: [Oui, Non]\n    answer: 3\ncommitments: []\n"), 0o644)
	visit("/admin/jeux", "#deck")
	if err := chromedp.Do(ctx, chromedp.SetUploadFiles("#deck", []string{tmp}),
		chromedp.Submit("#deck"), chromedp.WaitVisible(".problems")); err != nil {
		t.Fatalf("deck upload: %v", err)
	}
	shot("jeux")
	visit("/admin/donnees", ".impact")
	shot("donnees")

	// Download a CSV export through the browser.
	if _, err := chromedp.CallBrowser(ctx, browser.SetDownloadBehavior, browser.SetDownloadBehaviorParams{
		Behavior: browser.SetDownloadBehaviorBehaviorAllow, DownloadPath: downloads}); err != nil {
		t.Fatal(err)
	}
	visit("/repartitions", ".chart")
	if err := chromedp.Do(ctx, chromedp.Click(`a[href$="/export/collectivites.csv"]`)); err != nil {
		t.Fatal(err)
	}
	file := filepath.Join(downloads, fmt.Sprintf("metodd-%d-collectivites.csv", time.Now().Year()))
	var data []byte
	for deadline := time.Now().Add(20 * time.Second); ; {
		var err error
		if data, err = os.ReadFile(file); err == nil && len(data) > 0 {
			break
		}
		if time.Now().After(deadline) {
			entries, _ := os.ReadDir(downloads)
			t.Fatalf("no download %s (folder: %v)", file, entries)
		}
		time.Sleep(50 * time.Millisecond)
	}
	body, ok := strings.CutPrefix(string(data), "\ufeff")
	if !ok {
		t.Fatal("downloaded CSV without byte-order mark")
	}
	cr := csv.NewReader(strings.NewReader(body))
	cr.Comma = ';'
	rows, err := cr.ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	if rows[0][0] != "Collectivité" || find(t, rows, "Total")[1] != fmt.Sprint(count) {
		t.Errorf("downloaded CSV: %v", rows)
	}
}
