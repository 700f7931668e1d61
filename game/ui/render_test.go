package ui

import (
	"fmt"
	"image"
	"image/png"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/hajimehoshi/ebiten/v2"

	"metodd/game"
)

var testNow = time.Date(2025, 3, 14, 10, 0, 0, 0, time.UTC)

func newTestApp(t *testing.T, w, h int, dsf float64, b Backend) *App {
	t.Helper()
	a := New(Options{Server: "http://localhost:8080", AskServer: true, Connect: func(string) Backend { return b }})
	f, err := loadFonts()
	if err != nil {
		t.Fatal(err)
	}
	a.fonts = f
	a.now = func() time.Time { return testNow }
	a.started = testNow
	a.backend = b
	a.resize(w, h, dsf)
	t.Cleanup(func() {
		if a.backdrop != nil {
			a.backdrop.Deallocate()
		}
	})
	return a
}

// newScreen is an offscreen screen for one test: a texture of its own,
// off Ebiten's shared atlas, freed when the test ends.
func newScreen(t *testing.T, w, h int) *ebiten.Image {
	t.Helper()
	img := ebiten.NewImageWithOptions(image.Rect(0, 0, w, h), &ebiten.NewImageOptions{Unmanaged: true})
	t.Cleanup(img.Deallocate)
	return img
}

// renderTargets holds one offscreen screen a size, drawn over again by
// every render of that size: the package renders a few hundred screens,
// and one image each (left to the atlas or even freed at each test's end)
// took the run past 8 GB under -race.
var renderTargets = map[image.Point]*ebiten.Image{}

// render draws the current scene offscreen and returns it with its log.
// The image is shared with the next render of the same size: read it
// before rendering again.
func render(t *testing.T, a *App) (*ebiten.Image, *drawLog) {
	t.Helper()
	size := image.Pt(a.w, a.h)
	img := renderTargets[size]
	if img == nil {
		img = ebiten.NewImageWithOptions(image.Rectangle{Max: size}, &ebiten.NewImageOptions{Unmanaged: true})
		renderTargets[size] = img
	}
	c := a.canvas(img)
	c.rec = &drawLog{}
	c.fill(colBg)
	a.scene.draw(a, c)
	a.drawOverlays(c)
	flush(img)
	return img, c.rec
}

// layoutLog draws the scene as render does, with its scale, onto a
// target of a few pixels: the draw log (every text's box and fit, every
// target) is the same, and the software renderer has nearly nothing to
// fill. For tests of many screens that need no pixels.
func layoutLog(t *testing.T, a *App) *drawLog {
	t.Helper()
	if layoutTarget == nil {
		layoutTarget = ebiten.NewImageWithOptions(image.Rect(0, 0, 4, 4), &ebiten.NewImageOptions{Unmanaged: true})
	}
	c := a.canvas(layoutTarget)
	c.rec = &drawLog{}
	a.scene.draw(a, c)
	a.drawOverlays(c)
	flush(layoutTarget)
	return c.rec
}

var layoutTarget *ebiten.Image

// flush makes Ebiten run the draw commands queued so far, by reading one
// pixel back. The tests run inside a single Update, so no frame ever ends
// to flush the queue: left alone, the commands of a few hundred screens
// piled up and the first read-back ran them all at once, taking gigabytes.
func flush(img *ebiten.Image) {
	var px [4]byte
	img.SubImage(image.Rect(0, 0, 1, 1)).(*ebiten.Image).ReadPixels(px[:])
}

// checkFrame asserts every text fit its box, every box is on screen, and
// the wanted texts are there.
func checkFrame(t *testing.T, a *App, log *drawLog, want ...string) {
	t.Helper()
	scr := a.screen()
	for _, d := range log.texts {
		if d.text == "" {
			continue
		}
		if !d.fits {
			t.Errorf("text overflows its box %v at size %.1f: %q", d.box, d.size, d.text)
		}
		if !d.box.inside(scr) {
			t.Errorf("text box %v off screen %v: %q", d.box, scr, d.text)
		}
		if d.size*a.scale < 9 {
			t.Errorf("text too small (%.1f px): %q", d.size*a.scale, d.text)
		}
	}
	for _, w := range want {
		found := false
		for _, d := range log.texts {
			if strings.Contains(d.text, w) {
				found = true
				break
			}
		}
		if !found {
			t.Errorf("screen lacks %q", w)
		}
	}
}

// savePNG keeps a screenshot when METODD_SHOTS names a folder.
func savePNG(t *testing.T, img *ebiten.Image, name string) {
	dir := os.Getenv("METODD_SHOTS")
	if dir == "" {
		return
	}
	writePNG(t, filepath.Join(dir, name+".png"), pixels(img, img.Bounds()))
}

// writePNG writes img to path as a PNG.
func writePNG(t *testing.T, path string, img image.Image) {
	t.Helper()
	f, err := os.Create(path)
	if err != nil {
		t.Fatal(err)
	}
	if err := png.Encode(f, img); err != nil {
		f.Close()
		t.Fatal(err)
	}
	if err := f.Close(); err != nil {
		t.Fatal(err)
	}
}

type screenSize struct {
	name string
	w, h int
	dsf  float64
}

var sizes = []screenSize{
	{"720p", 1280, 720, 1},
	{"projecteur", 1920, 1080, 1},
	{"portable13", 1366, 768, 1},
	{"retina", 2560, 1600, 2},
}

func TestRenderScreens(t *testing.T) {
	b := &fakeBackend{team: &fakeConn{}, host: &fakeConn{}}
	cases := []struct {
		name  string
		setup func(a *App) scene
		want  []string
	}{
		{"accueil", func(a *App) scene { return newHome(a) }, []string{msgJoinTitle, msgHostTitle, msgServerLabel}},
		{"connexion", func(a *App) scene { return newLogin(a) }, []string{msgLoginTitle, msgPasswordLabel}},
		{"creation", func(a *App) scene {
			s := newCreate(a, Account{Name: "Camille Martin"})
			s.decks, s.loading = []DeckInfo{{ID: "d", Title: "mét’ODD — bilan RSO 2024", Cards: 64}}, false
			return s
		}, []string{msgCreateTitle, formatExpress, modePlenary, msgTimeLabel, fmt.Sprintf(msgTimeAdapted, game.MaxTimeFactor), msgCreateButton}},
		{"equipe-formulaire", func(a *App) scene {
			s := newTeamSetup(a, "K7PM3Q")
			s.name.setText("Les Sobres Heureux")
			s.members = nil
			// The server's list of directions: the first members picked
			// theirs in it, the last one « Autre (préciser) ».
			s.dirs = append(append([]string{}, testDirections...), testMembers[0].Direction, testMembers[1].Direction)
			for i, m := range testMembers {
				f := newMemberForm()
				f.first.setText(m.FirstName)
				f.last.setText(m.LastName)
				f.dirName = m.Direction
				if i == len(testMembers)-1 {
					f.dirName, f.dirOther = "", true
					f.dir.setText(m.Direction)
				}
				f.coll = 0
				s.members = append(s.members, f)
			}
			s.sel = len(s.members) - 1
			return s
		}, []string{msgTeamTitle, "Amélie Lefèvre", "Dijon métropole", msgJoinGame, msgDirOther, testMembers[2].Direction}},
		{"equipe-attente", teamScreen(game.PhaseLobby, nil, nil), []string{"Bienvenue", msgWaitHelp}},
		{"equipe-qcm", teamScreen(game.PhaseCardOpen, qcmCard(false), nil), []string{"gobelets", "A. Des gobelets", msgChoiceHelp}},
		{"equipe-qcm-envoye", teamScreen(game.PhaseCardOpen, qcmCard(false), &game.Answer{Card: "res-gobelets", Choice: ip(2)}), []string{msgSent}},
		{"equipe-estimation", teamScreen(game.PhaseCardOpen, estimationCard(), nil), []string{"pages", msgValidate}},
		{"equipe-classement", teamScreen(game.PhaseCardOpen, classementCard(), nil), []string{"Marche à pied", msgValidateOrder}},
		{"equipe-association", teamScreen(game.PhaseCardOpen, associationCard(), nil), []string{"Compostage", "Responsabilité sociale"}},
		{"equipe-defi", teamScreen(game.PhaseCardOpen, defiCard(), nil), []string{"trois gestes", msgDefiSend}},
		{"equipe-correction", func(a *App) scene {
			s := teamScreen(game.PhaseRevealed, qcmCard(true), &game.Answer{Card: "res-gobelets", Choice: ip(0)})(a).(*teamScene)
			v := s.view
			v.Result = &game.Result{Answered: true, Good: true, Points: 780, Streak: 100, Total: 880}
			s.conn.(*fakeConn).setTeam(v)
			s.refresh(a)
			return s
		}, []string{msgGood, "+880 points", msgDidYouKnow, "Source\u00a0: bilan RSO 2024", "ODD"}},
		{"equipe-classement-general", teamScreen(game.PhaseLeaderboard, nil, nil), []string{msgLeaderboard, "Les Éco-Gestes"}},
		{"equipe-engagements", func(a *App) scene {
			s := teamScreen(game.PhaseCommitments, nil, nil)(a).(*teamScene)
			v := s.view
			v.Commitments = []game.Commitment{
				{ID: "c1", Text: "J’éteins les écrans et les lumières en quittant une salle de réunion.", Engagement: 11},
				{ID: "c2", Text: "Je viens au travail à vélo, à pied ou en transport en commun au moins une fois par semaine.", Engagement: 12},
				{ID: "c3", Text: "J’imprime uniquement ce qui est indispensable, en recto verso.", Engagement: 11},
				{ID: "c4", Text: "Je trie mes biodéchets au composteur du site.", Engagement: 15},
				{ID: "c5", Text: "Je propose un temps d’échange sur la qualité de vie au travail dans mon équipe.", Engagement: 6},
				{ID: "c6", Text: "Je signale les équipements en panne pour qu’ils soient réparés plutôt que remplacés.", Engagement: 13},
				{ID: "c7", Text: "Je participe à une séance mét’ODD avec un autre service.", Engagement: 4},
				{ID: "c8", Text: "J’intègre un critère environnemental dans mon prochain achat.", Engagement: 14},
				{ID: "c9", Text: "Je me forme à l’éco-conduite.", Engagement: 12},
			}
			s.conn.(*fakeConn).setTeam(v)
			s.refresh(a)
			s.picks[0] = "c2"
			return s
		}, []string{msgCommitTitle, "Amélie Lefèvre", "vélo"}},
		{"equipe-fin", func(a *App) scene {
			s := teamScreen(game.PhaseClosed, nil, nil)(a).(*teamScene)
			v := s.view
			v.Campaign = &game.Campaign{Year: 2025, Count: 137, Goal: 200, Added: 19}
			s.conn.(*fakeConn).setTeam(v)
			s.refresh(a)
			return s
		}, []string{msgThanks, "Objectif 2025", "200 agents sensibilisés"}},
		{"equipe-reconnexion", func(a *App) scene {
			s := teamScreen(game.PhaseCardOpen, qcmCard(false), nil)(a)
			a.connState = ConnReconnecting
			return s
		}, []string{msgConnLost}},
		{"animateur-accueil", hostScreen(game.PhaseLobby, nil), []string{msgJoinAt, "http://metodd.dijon.local/?code=K7PM3Q", "K 7 P M 3 Q", "Les Éco-Gestes"}},
		{"animateur-carte", hostScreen(game.PhaseCardOpen, qcmCard(false)), []string{"4 / 6 équipes ont répondu", "gobelets", msgCloseCard}},
		{"animateur-correction", func(a *App) scene {
			v := hostView(game.PhaseRevealed, qcmCard(true))
			v.Distribution = []int{3, 1, 0, 1}
			v.GoodShare = 60
			return hostWith(a, v)
		}, []string{msgDidYouKnow, msgRightAnswer, "60\u00a0% de bonnes réponses"}},
		{"animateur-correction-association", func(a *App) scene {
			card := associationCard()
			card.Solution = &game.Solution{Groups: []int{0, 1, 2, 1, 2}, Explanation: qcmCard(true).Solution.Explanation, Source: qcmCard(true).Solution.Source, ODD: []int{16, 17}}
			v := hostView(game.PhaseRevealed, card)
			v.GoodShare = 75
			return hostWith(a, v)
		}, []string{msgRightGroups, "Compostage", msgDidYouKnow}},
		{"animateur-correction-classement", func(a *App) scene {
			card := classementCard()
			card.Solution = &game.Solution{Order: []int{2, 1, 3, 0}, Explanation: qcmCard(true).Solution.Explanation, Source: qcmCard(true).Solution.Source, ODD: []int{11, 13}}
			return hostWith(a, hostView(game.PhaseRevealed, card))
		}, []string{msgRightOrder, "1. Marche à pied"}},
		{"equipe-correction-association", func(a *App) scene {
			card := associationCard()
			card.Solution = &game.Solution{Groups: []int{0, 1, 2, 1, 2}, Explanation: qcmCard(true).Solution.Explanation, Source: qcmCard(true).Solution.Source, ODD: []int{16, 17}}
			s := teamScreen(game.PhaseRevealed, card, &game.Answer{Card: card.ID, Groups: []int{0, 1, 2, 0, 2}})(a).(*teamScene)
			v := s.view
			v.Result = &game.Result{Answered: true, Points: 800, Total: 800}
			s.conn.(*fakeConn).setTeam(v)
			s.refresh(a)
			return s
		}, []string{msgPartial, msgRightGroups}},
		{"animateur-defi", func(a *App) scene {
			v := hostView(game.PhaseCardClosed, defiCard())
			v.Defi = []game.DefiAnswer{
				{TeamID: "t1", Name: "Les Sobres Heureux", Text: "Gourde au bureau, impression recto verso, compost de la cafétéria", Awarded: ip(1000)},
				{TeamID: "t2", Name: "Les Éco-Gestes", Text: "Réparer plutôt que jeter ; dons des fournitures"},
				{TeamID: "t3", Name: "Vélotaf'", Text: "Vélo, covoiturage, visioconférence"},
				{TeamID: "t4", Name: "Zéro Papier", Text: "Signature électronique des parapheurs"},
				{TeamID: "t5", Name: "Les Composteurs", Text: "Compost, tri, gourdes"},
			}
			v.Closed = game.CloseTimer
			return hostWith(a, v)
		}, []string{msgTimeUp, "Gourde au bureau", "1\u00a0000", "Zéro Papier"}},
		{"animateur-classement", hostScreen(game.PhaseLeaderboard, nil), []string{msgLeaderboard, msgGauge, msgNextCard}},
		{"animateur-podium", func(a *App) scene {
			s := hostScreen(game.PhasePodium, nil)(a).(*hostScene)
			s.podiumAt = testNow.Add(-3 * podiumStep) // the reveal over
			return s
		}, []string{msgPodium, "Les Éco-Gestes"}},
		{"animateur-bilan", func(a *App) scene {
			v := hostView(game.PhaseDebrief, nil)
			v.Debrief = &game.Debrief{
				PerAxis: []game.AxisShare{{Axis: 1, Good: 8, Total: 10, Percent: 80}, {Axis: 2, Good: 5, Total: 10, Percent: 50}, {Axis: 3, Good: 9, Total: 12, Percent: 75}},
				LeastKnown: []game.CardShare{
					{CardID: "a", Prompt: "Combien d’agents ont répondu à l’enquête sur la qualité de vie au travail ?", Explanation: "Une participation massive qui a permis de construire le plan d’actions QVCT avec les agents.", Percent: 17},
					{CardID: "b", Prompt: "Qu’est-ce qu’une clause sociale dans un marché public ?", Explanation: "Elle réserve des heures de travail à des personnes éloignées de l’emploi.", Percent: 33},
				},
			}
			return hostWith(a, v)
		}, []string{msgPerAxis, msgLeastKnown, "Gouvernance responsable"}},
		{"animateur-engagements", func(a *App) scene {
			v := hostView(game.PhaseCommitments, nil)
			v.Committed = 12
			return hostWith(a, v)
		}, []string{"12 / 19 agents ont choisi", msgCloseSession}},
		{"animateur-fin", func(a *App) scene {
			v := hostView(game.PhaseClosed, nil)
			v.Campaign = &game.Campaign{Year: 2025, Count: 137, Goal: 200, Added: 19}
			return hostWith(a, v)
		}, []string{"Objectif 2025", "+19 agents"}},
		{"animateur-equipes", func(a *App) scene {
			s := hostScreen(game.PhaseCardOpen, qcmCard(false))(a).(*hostScene)
			s.showTeams = true
			return s
		}, []string{msgRemove, "hors ligne"}},
	}
	for _, tc := range cases {
		for _, sz := range sizes {
			t.Run(tc.name+"/"+sz.name, func(t *testing.T) {
				a := newTestApp(t, sz.w, sz.h, sz.dsf, b)
				a.scene = tc.setup(a)
				shot := ""
				switch {
				case sz.name == "720p":
					shot = tc.name
				case sz.name == "projecteur" && roomWants[tc.name] != nil:
					shot = fmt.Sprintf("%s-%dx%d", tc.name, sz.w, sz.h)
				}
				log := shotOrLayout(t, a, shot)
				checkFrame(t, a, log, tc.want...)
				checkRoom(t, a, log, tc.name)
			})
		}
	}
}

func teamScreen(phase game.Phase, card *game.CardView, ans *game.Answer) func(a *App) scene {
	return func(a *App) scene {
		v := teamView(phase, card)
		v.Answer = ans
		conn := &fakeConn{at: testNow}
		conn.setTeam(v)
		return newTeamScene(a, conn, newTeamSetup(a, "K7PM3Q"))
	}
}

func hostScreen(phase game.Phase, card *game.CardView) func(a *App) scene {
	return func(a *App) scene { return hostWith(a, hostView(phase, card)) }
}

func hostWith(a *App, v game.HostView) scene {
	conn := &fakeConn{at: testNow}
	conn.setHost(v)
	return newHostScene(a, conn, SessionCreated{Code: "K7PM3Q", JoinURL: "http://metodd.dijon.local/?code=K7PM3Q"})
}

var _ = fmt.Sprint
