package ui

import (
	"fmt"
	"strings"
	"testing"

	"metodd/game"
)

// recapScreen is the team's screen once its commitments are sent: members
// agents (1: a plenary agent), the first one's pick the 15th commitment.
func recapScreen(members int) func(a *App) scene {
	return func(a *App) scene {
		s := teamScreen(game.PhaseCommitments, nil, nil)(a).(*teamScene)
		v := s.view
		v.Members = testMembers[:members]
		v.Commitments = fifteenCommitments()
		v.Commitments[14].ODD = []int{12, 13, 15}
		for i := range v.Members {
			v.Chosen = append(v.Chosen, game.MemberPick{Member: i, Commitment: v.Commitments[14-i].ID})
		}
		s.conn.(*fakeConn).setTeam(v)
		s.refresh(a)
		a.in = frame{}
		s.update(a)
		return s
	}
}

// TestRenderRecap: the recap of the commitment to keep, at the phone
// sizes (text ≥ 16 CSS px, targets ≥ 44) and landscape ones: the
// commitment's text, its engagement, axis and goals, a QR code with room
// to scan and the short link of its page.
func TestRenderRecap(t *testing.T) {
	b := &fakeBackend{team: &fakeConn{}, host: &fakeConn{}}
	want := []string{"numéro 15 ", "Engagement 15\u00a0: Réduire et valoriser nos déchets internes", "Axe 3\u00a0: Impact environnemental",
		"ODD 12\u00a0: Consommation et production responsables", "ODD 15\u00a0: Vie terrestre", msgRecapKeep, "localhost:8080/engagement/c15"}
	sizes := append([]screenSize{{"720p", 1280, 720, 1}, {"portable13", 1366, 768, 1}}, phoneSizes...)
	for _, members := range []int{1, 3} {
		for _, sz := range sizes {
			t.Run(fmt.Sprintf("%s/%d-membres", sz.name, members), func(t *testing.T) {
				a := newTestApp(t, sz.w, sz.h, sz.dsf, b)
				a.scene = recapScreen(members)(a)
				s := a.scene.(*teamScene)
				if !s.committed {
					t.Fatal("the commitments sent do not show the recap")
				}
				_, log := render(t, a)
				if a.compact() {
					checkPhone(t, a, log, want...)
				} else {
					checkFrame(t, a, log, want...)
				}
				l := s.recapLayout(a)
				if l.qr.W < recapQRMin || !l.qr.inside(l.card) {
					t.Errorf("QR code %v: not drawn, or outside the card %v", l.qr, l.card)
				}
				if members == 3 && len(l.members) != 3 && l.next.W == 0 {
					t.Errorf("%d member buttons and no « next » button, want 3 or one", len(l.members))
				}
				if members == 1 && sz.name == shotSize {
					saveDocShot(t, a, "telephone-engagement-recapitulatif-"+sz.name)
				}
			})
		}
	}
}

// TestRecapFollowsChoice: choosing a commitment and sending it (as the
// plenary's phone test does, commitment 15) leads to its recap, whose link
// holds the commitment's id and nothing personal; a member's button shows
// that member's commitment.
func TestRecapFollowsChoice(t *testing.T) {
	b := &fakeBackend{team: &fakeConn{}, host: &fakeConn{}}
	a := newTestApp(t, 1170, 2532, 3, b)
	s := teamScreen(game.PhaseCommitments, nil, nil)(a).(*teamScene)
	a.scene = s
	conn := s.conn.(*fakeConn)
	v := s.view
	v.Members = testMembers[:2]
	v.Commitments = fifteenCommitments()
	conn.setTeam(v)
	s.refresh(a)
	mirrorStep(a)
	for _, id := range []string{"c15", "c3"} {
		for s.page = 0; s.page < s.pages(a); s.page++ {
			if _, ok := describeScene(a).find("c-" + id); ok {
				break
			}
		}
		mirrorStep(a, click("c-"+id))
		mirrorStep(a)
	}
	mirrorStep(a, click("send"))
	mirrorStep(a)
	if len(conn.sent) != 1 || conn.sent[0].Kind != game.KindCommit {
		t.Fatalf("sent %+v, want the commitments", conn.sent)
	}
	d := describeScene(a)
	link, ok := d.find("recap-link")
	if !ok || link.Label != "http://localhost:8080/engagement/c15" {
		t.Fatalf("recap link %+v, want the page of c15", link)
	}
	for _, m := range testMembers {
		if strings.Contains(link.Label, m.FirstName) || strings.Contains(link.Label, m.LastName) || strings.Contains(link.Label, "K7PM3Q") {
			t.Errorf("the recap's address %q holds personal data", link.Label)
		}
	}
	mirrorStep(a, click("recap-next"))
	mirrorStep(a)
	if link, _ := describeScene(a).find("recap-link"); !strings.HasSuffix(link.Label, "/engagement/c3") {
		t.Errorf("the second member's recap links %q, want c3", link.Label)
	}
}

// TestChosenCommitmentMarked: the commitment chosen for the selected
// member has a check mark (a shape besides its colour), the others none.
func TestChosenCommitmentMarked(t *testing.T) {
	b := &fakeBackend{team: &fakeConn{}, host: &fakeConn{}}
	for _, sz := range []screenSize{{"720p", 1280, 720, 1}, phoneSizes[1]} {
		a := newTestApp(t, sz.w, sz.h, sz.dsf, b)
		s := commitScreen(0)(a).(*teamScene)
		a.scene = s
		_, log := render(t, a)
		l := s.commitLayout(a)
		if len(log.checks) != 1 {
			t.Fatalf("%s: %d check marks, want 1 (on c2)", sz.name, len(log.checks))
		}
		if !log.checks[0].inside(l.options[1]) {
			t.Errorf("%s: the check mark %v is not on the chosen commitment %v", sz.name, log.checks[0], l.options[1])
		}
	}
}

// TestClosedRecapAgain: once the partner closed the session, the team's
// last screen offers the recap again (« Revoir mon engagement »), which
// shows the commitment, its QR code and link above « Retour »; a team
// that chose nothing is not offered it.
func TestClosedRecapAgain(t *testing.T) {
	b := &fakeBackend{team: &fakeConn{}, host: &fakeConn{}}
	sizes := []screenSize{{"720p", 1280, 720, 1}, phoneSizes[0], phoneSizes[1]}
	for _, members := range []int{1, 3} {
		for _, sz := range sizes {
			t.Run(fmt.Sprintf("%s/%d-membres", sz.name, members), func(t *testing.T) {
				a := newTestApp(t, sz.w, sz.h, sz.dsf, b)
				s := recapScreen(members)(a).(*teamScene)
				a.scene = s
				v := s.view
				v.Session.Phase = game.PhaseClosed
				v.Campaign = &game.Campaign{Year: 2026, Count: 137, Goal: 200, Added: members}
				s.conn.(*fakeConn).setTeam(v)
				s.refresh(a)
				check := func(log *drawLog, want ...string) {
					t.Helper()
					if a.compact() {
						checkPhone(t, a, log, want...)
					} else {
						checkFrame(t, a, log, want...)
					}
				}
				label := msgRecapAgain
				if members > 1 {
					label = msgRecapAgainTeam
				}
				_, log := render(t, a)
				check(log, msgThanks, label, msgHome)

				clickAt(a, s.recapAgainButton(a))
				s.update(a)
				if !s.recapOpen {
					t.Fatalf("« %s » did not open the recap", label)
				}
				img, log := render(t, a)
				savePNG(t, img, "fin-recapitulatif-"+sz.name+fmt.Sprintf("-%d", members))
				if sz.name == shotSize && members == 1 {
					saveDocShot(t, a, "telephone-fin-recapitulatif-"+sz.name)
				}
				check(log, "numéro 15 ", msgRecapKeep, "localhost:8080/engagement/c15", msgRecapBack)
				if l := s.recapLayout(a); l.qr.W < recapQRMin || l.card.bottom() > s.recapBackButton(a).Y {
					t.Errorf("closed recap: QR %v, card %v over « Retour » %v", l.qr, l.card, s.recapBackButton(a))
				}
				if !strings.Contains(fmt.Sprint(s.describe(a).Nodes), msgRecapBack) {
					t.Error("the accessible mirror lacks « Retour »")
				}

				clickAt(a, s.recapBackButton(a))
				s.update(a)
				if s.recapOpen {
					t.Fatal("« Retour » left the recap open")
				}
				if _, ok := a.scene.(*teamScene); !ok {
					t.Fatalf("« Retour » left the team's screen for %T", a.scene)
				}
			})
		}
	}
	// Nothing chosen: no « Revoir ».
	a := newTestApp(t, 1280, 720, 1, b)
	s := teamScreen(game.PhaseClosed, nil, nil)(a).(*teamScene)
	a.scene = s
	_, log := render(t, a)
	if drew(log, msgRecapAgain) || s.recapAgainButton(a).W > 0 {
		t.Error("a team that chose no commitment is offered to see it again")
	}
}

// TestCommitSendWording: a lone agent (a plenary's) validates « mon »
// commitment, a team « nos » commitments.
func TestCommitSendWording(t *testing.T) {
	b := &fakeBackend{team: &fakeConn{}, host: &fakeConn{}}
	for members, want := range map[int]string{1: msgCommitSendOne, 3: msgCommitSend} {
		a := newTestApp(t, phoneSizes[1].w, phoneSizes[1].h, phoneSizes[1].dsf, b)
		s := teamScreen(game.PhaseCommitments, nil, nil)(a).(*teamScene)
		v := s.view
		v.Members = testMembers[:members]
		v.Commitments = fifteenCommitments()
		s.conn.(*fakeConn).setTeam(v)
		s.refresh(a)
		a.scene = s
		_, log := render(t, a)
		checkPhone(t, a, log, want)
		if !strings.Contains(fmt.Sprint(s.describe(a).Nodes), want) {
			t.Errorf("%d members: the mirror lacks « %s »", members, want)
		}
	}
}
