package ui

import (
	"fmt"
	"reflect"
	"strings"
	"testing"

	"metodd/game"
)

// flatten lists a doc's nodes depth first.
func flatten(ns []mirrorNode) []mirrorNode {
	var out []mirrorNode
	for _, n := range ns {
		out = append(out, n)
		out = append(out, flatten(n.Kids)...)
	}
	return out
}

// checkDoc asserts what every screen's mirror must have: one h1 first,
// unique keys, named buttons that click somewhere, labelled fields.
func checkDoc(t *testing.T, d mirrorDoc) []mirrorNode {
	t.Helper()
	all := flatten(d.Nodes)
	if len(all) == 0 || all[0].Kind != mirrorHeading || all[0].Level != 1 || all[0].Text == "" {
		t.Fatalf("the mirror does not start with a titled h1: %+v", all)
	}
	seen := map[string]bool{}
	for _, n := range all {
		if n.Key == "" || seen[n.Key] {
			t.Errorf("key %q empty or repeated", n.Key)
		}
		seen[n.Key] = true
		switch n.Kind {
		case mirrorButton:
			if n.Label == "" || len(n.at) == 0 {
				t.Errorf("button %q has no name or no target", n.Key)
			}
			for _, r := range n.at {
				if r.W <= 0 || r.H <= 0 {
					t.Errorf("button %q clicks an empty rect %+v", n.Key, r)
				}
			}
		case mirrorField:
			if n.Label == "" || n.field == nil {
				t.Errorf("field %q has no label or no field", n.Key)
			}
		case mirrorGroup:
			if n.Label == "" {
				t.Errorf("group %q has no label", n.Key)
			}
		case mirrorSelect:
			if n.Label == "" || len(n.Items) == 0 || n.choose == nil || n.Selected < 0 || n.Selected >= len(n.Items) {
				t.Errorf("select %q has no label, no option, no action or an unknown choice %d", n.Key, n.Selected)
			}
		}
	}
	return all
}

func texts(all []mirrorNode) string {
	var b strings.Builder
	for _, n := range all {
		b.WriteString(n.Text + "|" + n.Label + "|" + strings.Join(n.Items, "|") + "\n")
	}
	return b.String()
}

// TestMirrorScreens: every team and agent screen describes itself with
// its title, its question, its choices as buttons and its fields.
func TestMirrorScreens(t *testing.T) {
	b := &fakeBackend{team: &fakeConn{}, host: &fakeConn{}}
	cases := []struct {
		name  string
		setup func(a *App) scene
		want  []string
		kinds map[mirrorKind]int // at least this many of each
	}{
		{"home", func(a *App) scene { return newHome(a) }, []string{msgJoinTitle, msgCodeLabel, msgJoinButton, msgHostButton, msgStatementLink}, map[mirrorKind]int{mirrorButton: 2, mirrorField: 1, mirrorLink: 1}},
		{"login", func(a *App) scene { return newLogin(a) }, []string{msgLoginTitle, msgPasswordLabel}, map[mirrorKind]int{mirrorField: 2, mirrorButton: 2}},
		{"team form", func(a *App) scene { return newTeamSetup(a, "K7PM3Q") }, []string{msgTeamTitle, msgTeamNameLabel, msgFirstNameLabel, msgLastNameLabel, msgDirectionMemberLabel, msgJoinGame, game.Collectivites[0], "Bleu ciel"}, map[mirrorKind]int{mirrorField: 4, mirrorButton: 10}},
		{"lobby", teamScreen(game.PhaseLobby, nil, nil), []string{"Les Sobres Heureux", msgWaitHelp}, map[mirrorKind]int{mirrorList: 1}},
		{"qcm", teamScreen(game.PhaseCardOpen, qcmCard(false), nil), []string{qcmCard(false).Prompt, "A. " + qcmCard(false).Choices[0], "Temps restant\u00a0: 17 s"}, map[mirrorKind]int{mirrorButton: len(qcmCard(false).Choices), mirrorTimer: 1}},
		{"estimation", teamScreen(game.PhaseCardOpen, estimationCard(), nil), []string{estimationCard().Prompt, msgEstimateLabel, msgValidate}, map[mirrorKind]int{mirrorField: 1, mirrorButton: 1}},
		{"classement", teamScreen(game.PhaseCardOpen, classementCard(), nil), []string{classementCard().Prompt, msgValidateOrder, fmt.Sprintf(msgMoveDown, classementCard().Items[0])}, map[mirrorKind]int{mirrorButton: 2*len(classementCard().Items) + 1}},
		{"association", teamScreen(game.PhaseCardOpen, associationCard(), nil), []string{associationCard().Prompt, associationCard().Groups[0]}, map[mirrorKind]int{mirrorButton: len(associationCard().Items)*len(associationCard().Groups) + 1}},
		{"defi", teamScreen(game.PhaseCardOpen, defiCard(), nil), []string{defiCard().Prompt, msgDefiLabel, msgDefiSend}, map[mirrorKind]int{mirrorField: 1}},
		{"answered", teamScreen(game.PhaseCardOpen, qcmCard(false), &game.Answer{Choice: ip(1)}), []string{msgSent, "Votre réponse\u00a0: B. "}, nil},
		{"reveal", teamScreen(game.PhaseRevealed, qcmCard(true), &game.Answer{Choice: ip(1)}), []string{msgRightAnswer, msgDidYouKnow, qcmCard(true).Solution.Explanation}, nil},
		{"leaderboard", teamScreen(game.PhaseLeaderboard, nil, nil), []string{msgLeaderboard, testStandings[0].Name}, map[mirrorKind]int{mirrorList: 1}},
		{"podium", teamScreen(game.PhasePodium, nil, nil), []string{msgPodium}, nil},
		{"commitments", teamScreen(game.PhaseCommitments, nil, nil), []string{msgCommitTitle, msgCommitSend}, map[mirrorKind]int{mirrorButton: 3}},
		{"closed", teamScreen(game.PhaseClosed, nil, nil), []string{msgThanks, msgHome}, nil},
		{"ended", teamScreen(game.PhaseEnded, nil, nil), []string{msgEndedEarly, msgHome}, nil},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			a := newTestApp(t, 1280, 720, 1, b)
			a.scene = tc.setup(a)
			all := checkDoc(t, describeScene(a))
			got := texts(all)
			for _, w := range tc.want {
				if !strings.Contains(got, w) {
					t.Errorf("mirror lacks %q:\n%s", w, got)
				}
			}
			n := map[mirrorKind]int{}
			for _, x := range all {
				n[x.Kind]++
			}
			for k, min := range tc.kinds {
				if n[k] < min {
					t.Errorf("%d %s, want at least %d", n[k], k, min)
				}
			}
		})
	}
}

// mirrorStep runs one frame driven by the mirror only (no mouse, no key).
func mirrorStep(a *App, events ...mirrorEvent) {
	for _, e := range events {
		inbox.push(e)
	}
	a.in = frame{}
	a.mirrorInput()
	a.scene.update(a)
}

func click(key string) mirrorEvent { return mirrorEvent{Key: key, Kind: "click"} }

// TestMirrorPlays: each card type answered from the mirror's buttons and
// fields sends the same answer the canvas would.
func TestMirrorPlays(t *testing.T) {
	b := &fakeBackend{team: &fakeConn{}, host: &fakeConn{}}
	cases := []struct {
		card   *game.CardView
		events [][]mirrorEvent // one batch per frame
		want   game.Answer
	}{
		{qcmCard(false), [][]mirrorEvent{{click("choice-2")}}, game.Answer{Choice: ip(2)}},
		{estimationCard(), [][]mirrorEvent{{{Key: "number", Kind: "input", Text: "1 500"}, {Key: "number", Kind: "submit"}}}, game.Answer{Number: fp(1500)}},
		{classementCard(), [][]mirrorEvent{{click("down-0")}, {click("send")}}, game.Answer{Order: func() []int {
			o := []int{1, 0}
			for i := 2; i < len(classementCard().Items); i++ {
				o = append(o, i)
			}
			return o
		}()}},
		{associationCard(), func() [][]mirrorEvent {
			var ev [][]mirrorEvent
			for i := range associationCard().Items {
				ev = append(ev, []mirrorEvent{click(fmt.Sprintf("item-%d-%d", i, i%len(associationCard().Groups)))}, nil)
			}
			return append(ev, []mirrorEvent{click("send")})
		}(), game.Answer{Groups: func() []int {
			var g []int
			for i := range associationCard().Items {
				g = append(g, i%len(associationCard().Groups))
			}
			return g
		}()}},
		{defiCard(), [][]mirrorEvent{{{Key: "defi", Kind: "input", Text: "Éteindre les écrans"}}, {click("send")}}, game.Answer{Text: "Éteindre les écrans"}},
	}
	for _, tc := range cases {
		t.Run(tc.card.Type, func(t *testing.T) {
			a := newTestApp(t, 1280, 720, 1, b)
			a.scene = teamScreen(game.PhaseCardOpen, tc.card, nil)(a)
			conn := a.scene.(*teamScene).conn.(*fakeConn)
			for _, batch := range tc.events {
				mirrorStep(a, batch...)
			}
			for i := 0; i < 4; i++ {
				mirrorStep(a) // pending clicks, one per frame
			}
			if len(conn.sent) != 1 || conn.sent[0].Answer == nil {
				t.Fatalf("sent %+v, want one answer", conn.sent)
			}
			got := *conn.sent[0].Answer
			got.Card = ""
			if !reflect.DeepEqual(got, tc.want) {
				t.Fatalf("answer %+v, want %+v", got, tc.want)
			}
		})
	}
}

// TestMirrorHome: the code typed in the mirror's field and Enter open the
// team form, as on the canvas.
func TestMirrorHome(t *testing.T) {
	b := &fakeBackend{team: &fakeConn{}, host: &fakeConn{}}
	a := newTestApp(t, 1280, 720, 1, b)
	a.scene = newHome(a)
	mirrorStep(a, mirrorEvent{Key: "code", Kind: "input", Text: "k7pm3q"}, mirrorEvent{Key: "code", Kind: "submit"})
	mirrorStep(a)
	s, ok := a.scene.(*teamSetupScene)
	if !ok || s.code != "K7PM3Q" {
		t.Fatalf("scene %T after the code, want the team form for K7PM3Q", a.scene)
	}
	d := describeScene(a)
	if n, ok := d.find("name"); !ok || n.Kind != mirrorField {
		t.Fatal("the team form's mirror has no name field")
	}
}

// TestTimerAnnounce: the countdown is said at its milestones only.
func TestTimerAnnounce(t *testing.T) {
	for _, c := range []struct {
		secs int
		want string
	}{{45, ""}, {30, "Plus que 30 secondes"}, {11, "Plus que 30 secondes"}, {10, "Plus que 10 secondes"}, {0, msgTimeUpSay}} {
		if got := timerAnnounce(c.secs, false); got != c.want {
			t.Errorf("%d s: %q, want %q", c.secs, got, c.want)
		}
	}
}

// TestMirrorSpots: the mirror says where each control stands in CSS px
// (the browser keeps it in data-at for end-to-end taps): a button's
// rects, a field's box as drawn, on a phone at device scale 3.
func TestMirrorSpots(t *testing.T) {
	b := &fakeBackend{team: &fakeConn{}, host: &fakeConn{}}
	a := newTestApp(t, 390*3, 844*3, 3, b)
	a.scene = newHome(a)
	layoutLog(t, a)
	d := describeScene(a)
	join, ok := d.find("join")
	if !ok {
		t.Fatal("no join button")
	}
	k := a.scale / 3
	r := join.at[0]
	if got, want := d.spotsOf(join), fmt.Sprintf("%.1f,%.1f,%.1f,%.1f", r.X*k, r.Y*k, r.W*k, r.H*k); got != want {
		t.Errorf("join at %q, want %q", got, want)
	}
	code, _ := d.find("code")
	var x, y, w, h float64
	if n, _ := fmt.Sscanf(d.spotsOf(code), "%g,%g,%g,%g", &x, &y, &w, &h); n != 4 || w < minTargetCSS || h < minTargetCSS || x < 0 || y < 0 || x+w > 390 || y+h > 844 {
		t.Errorf("the code field at %q: not a drawn box on a 390×844 CSS px screen", d.spotsOf(code))
	}
}
