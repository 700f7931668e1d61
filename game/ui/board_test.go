package ui

import (
	"fmt"
	"image"
	"math"
	"strings"
	"testing"
	"time"

	"github.com/hajimehoshi/ebiten/v2"

	"metodd/assets"
	"metodd/game"
	"metodd/game/deckfile"
)

// roomWants lists, per board screen of TestRenderScreens, texts the whole
// room must read: each must be drawn whole, marked for the room, at least
// roomText (checkRoom).
var roomWants = map[string][]string{
	"animateur-accueil":               {"Les Éco-Gestes", "Les Composteurs de l'extrême du quartier nord", "K 7 P M 3 Q"},
	"animateur-carte":                 {"gobelets", "A. Des gobelets", "D. Des bouteilles", "17"},
	"animateur-correction":            {"A. Des gobelets", "Les gobelets réutilisables évitent"},
	"animateur-defi":                  {"Gourde au bureau", "Signature électronique"},
	"animateur-classement":            {"Les Éco-Gestes", "Les Composteurs de l'extrême du quartier nord", "3\u00a0450 pts"},
	"animateur-podium":                {"Les Éco-Gestes", "Les Sobres Heureux", "Vélotaf'"},
	"animateur-bilan":                 {"Une participation massive", "Elle réserve des heures", "Gouvernance responsable"},
	"animateur-correction-classement": {"1. Marche à pied"},
}

// projectorSizes are the sizes a board is projected at (16:9).
func projectorSize(a *App) bool { return a.w*9 == a.h*16 }

// checkRoom asserts, on a projected board, that every text marked for
// the room is at least 28 px once scaled to a 1080-line projector, and
// that the screen's room texts are drawn whole and marked.
func checkRoom(t *testing.T, a *App, log *drawLog, name string) {
	t.Helper()
	if !strings.HasPrefix(name, "animateur-") || !projectorSize(a) {
		return
	}
	px := func(d drawnText) float64 { return d.size * a.scale * 1080 / float64(a.h) }
	for _, d := range log.texts {
		if d.room && d.text != "" && px(d) < 28-0.01 {
			t.Errorf("room text at %.1f px (1080p), under 28: %q", px(d), d.text)
		}
	}
	for _, w := range roomWants[name] {
		found := false
		for _, d := range log.texts {
			if strings.Contains(d.text, w) && d.room && d.fits {
				found = true
				break
			}
		}
		if !found {
			t.Errorf("room text %q not drawn whole for the room", w)
		}
	}
}

// TestBoardTimerHolds117 draws a two-minute card with 117 s left: the
// count must be drawn whole, for the room, inside the timer's ring.
func TestBoardTimerHolds117(t *testing.T) {
	b := &fakeBackend{team: &fakeConn{}, host: &fakeConn{}}
	for _, sz := range []screenSize{{"720p", 1280, 720, 1}, {"projecteur", 1920, 1080, 1}} {
		a := newTestApp(t, sz.w, sz.h, sz.dsf, b)
		v := hostView(game.PhaseCardOpen, qcmCard(false))
		v.Clock = game.Clock{Remaining: 117_000, Limit: 120_000}
		a.scene = hostWith(a, v)
		_, log := render(t, a)
		checkFrame(t, a, log)
		var timer *drawnText
		for i, d := range log.texts {
			if d.text == "117" {
				timer = &log.texts[i]
			}
		}
		if timer == nil {
			t.Fatalf("%s: no « 117 » drawn", sz.name)
		}
		if !timer.fits || !timer.room || timer.size < roomText {
			t.Errorf("%s: « 117 » fits=%v room=%v size %.1f", sz.name, timer.fits, timer.room, timer.size)
		}
		// The text box must lie inside the ring's inner circle.
		l := a.scene.(*hostScene).layout(a)
		ring := a.scene.(*hostScene).timerBox(l.main)
		inner := math.Min(ring.W, ring.H)/2 - timerRingWidth(ring)
		for _, c := range [][2]float64{{timer.box.X, timer.box.Y}, {timer.box.right(), timer.box.bottom()}} {
			if math.Hypot(c[0]-ring.centerX(), c[1]-ring.centerY()) > inner+0.5 {
				t.Errorf("%s: « 117 » box %v leaves the ring (inner radius %.1f)", sz.name, timer.box, inner)
			}
		}
	}
}

// longFact is as long as the standard deck's longest explanation (362
// characters).
const longFact = "Le plan de sobriété énergétique a réduit la consommation des bâtiments publics : chauffage abaissé à 19 °C, éclairage public éteint au cœur de la nuit dans plusieurs quartiers, relamping en LED des gymnases et des écoles. Les économies réalisées sont réinvesties dans la rénovation thermique, et chaque agent peut y contribuer par des gestes simples au bureau."

// TestBoardDebriefLongFacts: facts as long as the deck's are drawn whole
// at roomText, the least known first, as many as fit (at least two).
func TestBoardDebriefLongFacts(t *testing.T) {
	b := &fakeBackend{team: &fakeConn{}, host: &fakeConn{}}
	a := newTestApp(t, 1920, 1080, 1, b)
	v := hostView(game.PhaseDebrief, nil)
	v.Debrief = &game.Debrief{PerAxis: []game.AxisShare{{Axis: 1, Percent: 40}}}
	for i, p := range []int{12, 25, 38} {
		v.Debrief.LeastKnown = append(v.Debrief.LeastKnown, game.CardShare{
			CardID: fmt.Sprint(i), Percent: p, Explanation: fmt.Sprintf("%d. %s", i+1, longFact),
			Prompt: "Quelle part de la consommation d’énergie des bâtiments de la collectivité le plan de sobriété a-t-il permis d’économiser en un an ?",
		})
	}
	a.scene = hostWith(a, v)
	img, log := render(t, a)
	savePNG(t, img, "animateur-bilan-long-1920x1080")
	checkFrame(t, a, log)
	checkRoom(t, a, log, "animateur-bilan-long")
	drawn := 0
	for i := range v.Debrief.LeastKnown {
		for _, d := range log.texts {
			if strings.HasPrefix(d.text, fmt.Sprintf("%d. Le plan", i+1)) && d.room && d.fits && d.size >= roomText {
				drawn++
			}
		}
	}
	if drawn < 2 {
		t.Errorf("%d long facts drawn whole for the room, want at least 2", drawn)
	}
}

// TestBoardDefiPages: défi answers at roomText are paged; « Suivantes »
// shows the rest, « Précédentes » goes back, awards go to the right team.
func TestBoardDefiPages(t *testing.T) {
	conn := &fakeConn{at: testNow}
	v := hostView(game.PhaseCardClosed, defiCard())
	for i := range 9 {
		v.Defi = append(v.Defi, game.DefiAnswer{TeamID: fmt.Sprintf("t%d", i), Name: fmt.Sprintf("Équipe %d", i+1), Text: longFact})
	}
	conn.setHost(v)
	a := newTestApp(t, 1920, 1080, 1, &fakeBackend{host: conn})
	s := newHostScene(a, conn, SessionCreated{Code: "K7PM3Q"})
	a.scene = s
	seen := map[string]bool{}
	for page := 0; page < 10; page++ {
		_, log := render(t, a)
		checkFrame(t, a, log)
		for _, d := range log.texts {
			if strings.HasPrefix(d.text, "Équipe ") && d.room && d.fits && d.size >= roomText {
				seen[strings.SplitN(d.text, " :", 2)[0]] = true
			}
		}
		dl := s.defiLayout(a, s.defiArea(s.layout(a).main))
		if page == 1 {
			// Award the first answer of the second page.
			clickAt(a, dl.buttons[0][2])
			s.update(a)
			a.in = frame{}
			sent := conn.sentKinds()
			if len(sent) != 1 || sent[0].TeamID != v.Defi[dl.first].TeamID || sent[0].Points != 1000 {
				t.Fatalf("award sent %+v, want 1000 to %s", sent, v.Defi[dl.first].TeamID)
			}
		}
		if dl.next.W == 0 {
			break
		}
		clickAt(a, dl.next)
		s.update(a)
		a.in = frame{}
	}
	if len(seen) != 9 {
		t.Errorf("%d of 9 answers shown whole over the pages: %v", len(seen), seen)
	}
	dl := s.defiLayout(a, s.defiArea(s.layout(a).main))
	if dl.prev.W == 0 || dl.first == 0 {
		t.Fatalf("last page %+v has no way back", dl)
	}
	clickAt(a, dl.prev)
	s.update(a)
	if s.defiPage >= dl.first {
		t.Errorf("« Précédentes » left page %d (was %d)", s.defiPage, dl.first)
	}
}

// TestBoardPodiumStaged: the podium reveals the 3rd, then the 2nd, then
// the 1st place; a board opened (or reloaded) on the podium shows the three
// at once.
func TestBoardPodiumStaged(t *testing.T) {
	now := testNow
	b := &fakeBackend{team: &fakeConn{}, host: &fakeConn{}}
	a := newTestApp(t, 1920, 1080, 1, b)
	a.now = func() time.Time { return now }
	reloaded := hostWith(a, hostView(game.PhasePodium, nil))
	a.scene = reloaded
	reloaded.update(a)
	_, log := render(t, a)
	for _, name := range []string{"Les Éco-Gestes", "Les Sobres Heureux", "Vélotaf'"} {
		if !drew(log, name) {
			t.Errorf("board reloaded on the podium: %s not shown", name)
		}
	}
	conn := &fakeConn{at: testNow}
	conn.setHost(hostView(game.PhaseLeaderboard, nil))
	s := newHostScene(a, conn, SessionCreated{Code: "K7PM3Q"})
	a.scene = s
	s.update(a)
	conn.setHost(hostView(game.PhasePodium, nil))
	s.refresh(a) // the podium arrives live
	for step, want := range [][]bool{{false, false, true}, {false, true, true}, {true, true, true}} {
		_, log := render(t, a)
		for i, name := range []string{"Les Éco-Gestes", "Les Sobres Heureux", "Vélotaf'"} {
			if drew(log, name) != want[i] {
				t.Errorf("step %d: place %d (%s) shown %v, want %v", step, i+1, name, !want[i], want[i])
			}
		}
		now = now.Add(podiumStep)
	}
}

// TestBoardTeamsPanel: the teams panel leaves the lobby's QR code in
// view, lists the members, and « Retirer » and « Bannir » look apart.
func TestBoardTeamsPanel(t *testing.T) {
	conn := &fakeConn{at: testNow}
	v := hostView(game.PhaseLobby, nil)
	v.Teams[0].Names = []string{"Amélie L.", "Jérôme N."}
	conn.setHost(v)
	for _, sz := range []screenSize{{"720p", 1280, 720, 1}, {"projecteur", 1920, 1080, 1}, {"portable13", 1366, 768, 1}} {
		a := newTestApp(t, sz.w, sz.h, sz.dsf, &fakeBackend{host: conn})
		s := newHostScene(a, conn, SessionCreated{Code: "K7PM3Q"})
		s.showTeams = true
		a.scene = s
		img, log := render(t, a)
		checkFrame(t, a, log, "Amélie L., Jérôme N.", msgRemove, msgBan)
		l := s.layout(a)
		b, _, _ := s.lobbyLayout(a, l.lobby)
		if overlap(b.qr, l.panel) {
			t.Errorf("%s: the teams panel %v covers the QR code %v", sz.name, l.panel, b.qr)
		}
		// The two buttons of a row: not the same colour.
		px := func(r rect) [4]byte {
			var p [4]byte
			x, y := int(r.centerX()*a.scale), int((r.Y+4)*a.scale)
			img.SubImage(image.Rect(x, y, x+1, y+1)).(*ebiten.Image).ReadPixels(p[:])
			return p
		}
		if rm, ban := px(l.removes[0]), px(l.bans[0]); rm == ban {
			t.Errorf("%s: « Retirer » and « Bannir » share the colour %v", sz.name, rm)
		}
	}
}

// TestBoardLoopbackJoinURL: a board opened on the server by a loopback
// name shows the server's network address (link and QR) and says so;
// without one, it warns that phones cannot open the address.
func TestBoardLoopbackJoinURL(t *testing.T) {
	b := &fakeBackend{team: &fakeConn{}, host: &fakeConn{}}
	for _, tc := range []struct {
		created        SessionCreated
		shown, warning string
	}{
		{SessionCreated{Code: "K7PM3Q", JoinURL: "http://127.0.0.1:8080/?code=K7PM3Q", LANJoinURL: "http://192.168.1.10:8080/?code=K7PM3Q"}, "http://192.168.1.10:8080/?code=K7PM3Q", msgLANNote},
		{SessionCreated{Code: "K7PM3Q", JoinURL: "http://localhost:8080/?code=K7PM3Q"}, "http://localhost:8080/?code=K7PM3Q", msgLoopbackWarn},
		{SessionCreated{Code: "K7PM3Q", JoinURL: "http://[::1]:8080/?code=K7PM3Q"}, "http://[::1]:8080/?code=K7PM3Q", msgLoopbackWarn},
		{SessionCreated{Code: "K7PM3Q", JoinURL: "https://metodd.dijon.fr/?code=K7PM3Q"}, "https://metodd.dijon.fr/?code=K7PM3Q", msgJoinSteps},
	} {
		a := newTestApp(t, 1920, 1080, 1, b)
		conn := &fakeConn{at: testNow}
		conn.setHost(hostView(game.PhaseLobby, nil))
		s := newHostScene(a, conn, tc.created)
		a.scene = s
		_, log := render(t, a)
		checkFrame(t, a, log, tc.shown, tc.warning)
		if s.joinURL(a) != tc.shown {
			t.Errorf("QR holds %q, want %q", s.joinURL(a), tc.shown)
		}
		for _, w := range []string{msgLANNote, msgLoopbackWarn, msgJoinSteps} {
			if w != tc.warning && drew(log, w) {
				t.Errorf("%s: also says %q", tc.created.JoinURL, w)
			}
		}
	}
}

// TestBoardNewSession: once the session is closed, « Nouvelle séance »
// takes the partner, still logged in, to the creation screen.
func TestBoardNewSession(t *testing.T) {
	conn := &fakeConn{at: testNow}
	v := hostView(game.PhaseClosed, nil)
	v.Campaign = &game.Campaign{Year: 2025, Count: 137, Goal: 200, Added: 19}
	conn.setHost(v)
	a := newTestApp(t, 1920, 1080, 1, &fakeBackend{host: conn})
	s := newHostScene(a, conn, SessionCreated{Code: "K7PM3Q"})
	s.acc = Account{Token: "t", Role: "partner", Name: "Camille Martin"}
	a.scene = s
	_, log := render(t, a)
	checkFrame(t, a, log, msgCreateTitle)
	clickAt(a, s.layout(a).next)
	s.update(a)
	cs, ok := a.scene.(*createScene)
	if !ok {
		t.Fatalf("after « Nouvelle séance »: %T", a.scene)
	}
	if cs.acc.Token != "t" {
		t.Errorf("the partner is logged out: %+v", cs.acc)
	}
	// A board without a login (the editor's preview) offers none.
	p := newHostScene(a, conn, SessionCreated{Code: "K7PM3Q"})
	a.scene = p
	_, log = render(t, a)
	if drew(log, msgCreateTitle) {
		t.Error("a board without a login offers « Nouvelle séance »")
	}
}

// TestPrivacyTextYear: the team form names the server's campaign year and
// never its goal, which a card of the standard deck asks for (« Combien
// d'agents … sensibiliser en 2025 ? », answer 200).
func TestPrivacyTextYear(t *testing.T) {
	d, err := deckfile.ParseDeck("standard", assets.StandardDeck())
	if err != nil {
		t.Fatal(err)
	}
	for _, year := range []int{2025, 2026} {
		txt := privacyText(year)
		if !strings.Contains(txt, fmt.Sprint(year)) {
			t.Errorf("%q does not name the campaign %d", txt, year)
		}
		for _, c := range d.Cards {
			if c.Type != game.TypeEstimation || c.Answer == float64(year) {
				continue
			}
			if n := formatNumber(c.Answer); strings.Contains(txt, n) {
				t.Errorf("%q gives away card %s's answer %s", txt, c.ID, n)
			}
		}
	}
	if strings.ContainsAny(privacyText(0), "0123456789") {
		t.Errorf("without a campaign: %q", privacyText(0))
	}
}
