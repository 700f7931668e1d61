package ui

import (
	"encoding/json"
	"net/http"
	"net/http/httptest"
	"os"
	"testing"
	"time"

	"metodd/game"
	"metodd/game/deckfile"
)

// previewCard is a draft card as the dashboard serves it.
var previewCard = game.Card{ID: "e11-pages", Engagement: 11, Type: game.TypeQCM, Difficulty: 2,
	Prompt: "Combien de pages ont été économisées grâce à uniFLOW ?", Explanation: "710 405 pages (ODD 12).",
	Source: game.Source{Axis: 3, Section: "Ressources", Heading: "uniFLOW"}, ODD: []int{12},
	Choices: []string{"71 040", "710 405", "7 104 050"}, Answer: 1}

// openPreview starts the client on /?preview=… against a stand-in of the
// dashboard's JSON endpoint, and waits for the card to arrive.
func openPreview(t *testing.T, role string, w, h int, dsf float64) *App {
	t.Helper()
	srv := httptest.NewServer(http.HandlerFunc(func(rw http.ResponseWriter, r *http.Request) {
		if r.URL.Path != "/dashboard/admin/editeur/bilan-2025/cartes/3/apercu.json" {
			http.NotFound(rw, r)
			return
		}
		_ = json.NewEncoder(rw).Encode(previewCard)
	}))
	t.Cleanup(srv.Close)
	a := newTestApp(t, w, h, dsf, nil)
	a.opts.Server, a.opts.Preview, a.opts.PreviewRole = srv.URL, "bilan-2025/3", role
	a.goTo(a.firstScene())
	select {
	case f := <-a.done:
		f()
	case <-time.After(10 * time.Second):
		t.Fatal("the preview's card never arrived")
	}
	return a
}

// TestPreviewBoardAndTeam: the draft card is drawn by the real host and
// team scenes, on the board, a team's laptop and a phone, and the partner
// can click through to the reveal.
func TestPreviewBoardAndTeam(t *testing.T) {
	a := openPreview(t, PreviewBoard, 1920, 1080, 1)
	hs, ok := a.scene.(*hostScene)
	if !ok {
		t.Fatalf("board preview scene is %T", a.scene)
	}
	if v := hs.view; v.Session.Phase != game.PhaseCardOpen || v.Card == nil || v.Card.ID != previewCard.ID {
		t.Fatalf("board view: phase %s card %+v", v.Session.Phase, v.Card)
	}
	img, log := render(t, a)
	checkFrame(t, a, log, previewCard.Prompt, "710 405")
	savePNG(t, img, "apercu-plateau")
	// The team answers; the host moves on to the reveal.
	choice := 1
	if err := hs.conn.Send(game.Command{Kind: game.KindAnswer, Answer: &game.Answer{Card: previewCard.ID, Choice: &choice}}); err != nil {
		t.Fatal(err)
	}
	for i := 0; i < 4 && hs.conn.HostView().Session.Phase != game.PhaseRevealed; i++ {
		_ = hs.conn.Send(game.Command{Kind: game.KindNext})
	}
	hs.refresh(a)
	if hs.view.Session.Phase != game.PhaseRevealed {
		t.Fatalf("no reveal: phase %s", hs.view.Session.Phase)
	}
	img, log = render(t, a)
	checkFrame(t, a, log, "710 405 pages (ODD 12).")
	savePNG(t, img, "apercu-plateau-revelation")

	for _, sz := range []screenSize{{"portable", 1366, 768, 1}, {"telephone", 390, 844, 3}} {
		a := openPreview(t, PreviewTeam, sz.w*int(sz.dsf), sz.h*int(sz.dsf), sz.dsf)
		ts, ok := a.scene.(*teamScene)
		if !ok || ts.view.Card == nil || ts.view.Card.ID != previewCard.ID {
			t.Fatalf("%s: team preview scene %T", sz.name, a.scene)
		}
		img, log := render(t, a)
		checkFrame(t, a, log, previewCard.Prompt, "7 104 050")
		savePNG(t, img, "apercu-equipe-"+sz.name)
	}
}

// TestPreviewError: a card the dashboard refuses shows a French message.
func TestPreviewError(t *testing.T) {
	srv := httptest.NewServer(http.NotFoundHandler())
	t.Cleanup(srv.Close)
	a := newTestApp(t, 1280, 720, 1, nil)
	a.opts.Server, a.opts.Preview = srv.URL, "x/0"
	a.goTo(a.firstScene())
	(<-a.done)()
	_, log := render(t, a)
	checkFrame(t, a, log, "Aperçu impossible\u00a0: HTTP 404")
}

// TestPreviewEveryStandardCard: every card of the standard deck opens in a
// preview session on the board and on a team's screen.
func TestPreviewEveryStandardCard(t *testing.T) {
	data, err := os.ReadFile("../../assets/decks/metodd-bilan-2024.yaml")
	if err != nil {
		t.Fatal(err)
	}
	d, err := deckfile.ParseDeck("std", data)
	if err != nil {
		t.Fatal(err)
	}
	a := newTestApp(t, 1280, 720, 1, nil)
	for _, c := range d.Cards {
		conn, err := newPreviewConn(c, a.now)
		if err != nil {
			t.Fatalf("%s: %v", c.ID, err)
		}
		if v := conn.HostView(); v.Card == nil || v.Card.ID != c.ID || v.Session.Phase != game.PhaseCardOpen {
			t.Fatalf("%s: host view %+v", c.ID, v.Session)
		}
		a.goTo(newHostScene(a, conn, SessionCreated{Code: previewCode}))
		checkFrame(t, a, layoutLog(t, a))
		a.goTo(newTeamScene(a, conn, nil))
		checkFrame(t, a, layoutLog(t, a))
	}
}
