package ui

import (
	"math"
	"strings"
	"testing"

	"metodd/game"
)

// roomWants lists, per board screen of TestRenderScreens, texts the whole
// room must read: each must be drawn whole, marked for the room, at least
// roomText (checkRoom).
var roomWants = map[string][]string{
	"animateur-accueil":               {"Les Éco-Gestes", "Les Composteurs de l'extrême du quartier nord", "K 7 P M 3 Q"},
	"animateur-carte":                 {"gobelets", "A. Des gobelets", "D. Des bouteilles", "17"},
	"animateur-correction":            {"A. Des gobelets", "Les gobelets réutilisables évitent"},
	"animateur-defi":                  {"Gourde au bureau", "Signature électronique", "Les Composteurs"},
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
		ring := timerBox(a.scene.(*hostScene), l.main)
		inner := math.Min(ring.W, ring.H)/2 - timerRingWidth(ring)
		for _, c := range [][2]float64{{timer.box.X, timer.box.Y}, {timer.box.right(), timer.box.bottom()}} {
			if math.Hypot(c[0]-ring.centerX(), c[1]-ring.centerY()) > inner+0.5 {
				t.Errorf("%s: « 117 » box %v leaves the ring (inner radius %.1f)", sz.name, timer.box, inner)
			}
		}
	}
}
