package game

import (
	"encoding/json"
	"reflect"
	"slices"
	"strings"
	"testing"
)

func num(f float64) *float64 { return &f }
func choice(i int) *int      { return &i }

// TestScoringInSession checks the points the session gives, card by card,
// with the timing, the closest bonus, the streak, skip and défi awards.
func TestScoringInSession(t *testing.T) {
	h := newHarness(t, seqDeck(TypeQCM, TypeEstimation, TypeClassement, TypeAssociation, TypeDefi, TypeVraiFaux), Config{Seed: 3})
	h.join("p1", "A")
	h.join("p2", "B")
	h.join("p3", "C")
	h.host(KindStart)
	open := h.now

	// QCM: instant answer 1000; answer at the deadline 500; after it, refused.
	h.answer("p1", h.right())
	h.now = open + 30000
	h.answer("p2", h.right())
	h.now = open + 30001
	h.refused(Command{Kind: KindAnswer, Actor: "p3", Answer: h.right()}, CodeTooLate)
	h.refused(Command{Kind: KindCardTimer, At: open + 29999}, CodeNotDue)
	h.do(Command{Kind: KindCardTimer})
	h.refused(Command{Kind: KindAnswer, Actor: "p3", Answer: h.right()}, CodeTooLate)
	h.refused(Command{Kind: KindCardTimer}, CodeNotOpen)
	hv := h.s.HostView(h.now)
	// Two right answers of three teams: the share is over every team.
	if !slices.Equal(hv.Distribution, []int{0, 2, 0}) || hv.GoodShare != 67 {
		t.Errorf("distribution %v share %d", hv.Distribution, hv.GoodShare)
	}
	h.host(KindNext)
	want := map[string]Result{
		"p1": {Answered: true, Good: true, Points: 1000, Total: 1000},
		"p2": {Answered: true, Good: true, Points: 500, Total: 500},
		"p3": {},
	}
	for p, w := range want {
		if r := h.view(p).Result; r == nil || *r != w {
			t.Errorf("qcm %s: %+v, want %+v", p, r, w)
		}
	}
	h.host(KindNext)
	h.host(KindNext)

	// Estimation of 200: 220 and 180 tie for closest (+200 each), both good
	// after a good answer (+100 streak); 0 scores nothing.
	if h.card().card.Type != TypeEstimation {
		t.Fatal(h.card().card.Type)
	}
	h.answer("p1", &Answer{Card: h.card().card.ID, Number: num(220)})
	h.answer("p2", &Answer{Card: h.card().card.ID, Number: num(180)})
	h.answer("p3", &Answer{Card: h.card().card.ID, Number: num(0)})
	hv = h.s.HostView(h.now)
	if hv.Estimates == nil || hv.Estimates.Min != 0 || hv.Estimates.Median != 180 || hv.Estimates.Max != 220 || !slices.Equal(hv.Estimates.Closest, []string{"A", "B"}) {
		t.Errorf("estimates %+v", hv.Estimates)
	}
	h.host(KindNext)
	want = map[string]Result{
		"p1": {Answered: true, Good: true, Points: 862, Bonus: 200, Streak: 100, Total: 1162},
		"p2": {Answered: true, Good: true, Points: 848, Bonus: 200, Streak: 100, Total: 1148},
		"p3": {Answered: true},
	}
	for p, w := range want {
		if r := h.view(p).Result; r == nil || *r != w {
			t.Errorf("estimation %s: %+v, want %+v", p, r, w)
		}
	}
	h.host(KindNext)
	h.host(KindNext)

	// Classement: right (third good in a row: +200), reversed (0, streak
	// broken), no answer; the host closes it early.
	h.answer("p1", h.right())
	h.answer("p2", h.wrong())
	h.host(KindNext)
	if r := h.s.plays[2].results[0]; r.Total != 1200 || r.Streak != 200 {
		t.Errorf("classement p1 %+v", r)
	}
	if r := h.s.plays[2].results[1]; r.Total != 0 || r.Good {
		t.Errorf("classement p2 %+v", r)
	}
	h.host(KindNext)
	h.host(KindNext)
	h.host(KindNext)

	// Association: skipped while open; nobody scores, streaks untouched.
	h.answer("p1", h.right())
	scores := []int{h.view("p1").Score, h.view("p2").Score}
	h.host(KindSkip)
	if h.card().card.Type != TypeDefi || h.s.Phase() != PhaseCardOpen {
		t.Fatalf("skip should open the next card: %s", h.s.Phase())
	}
	if got := []int{h.view("p1").Score, h.view("p2").Score}; !slices.Equal(got, scores) || scores[0] != 1000+1162+1200 {
		t.Errorf("scores after skip %v, before %v", got, scores)
	}

	// Défi: the host awards after the close.
	h.answer("p1", &Answer{Card: h.card().card.ID, Text: "  Trier, <b>gourde</b>  "})
	h.refused(Command{Kind: KindAward, Actor: HostActor, TeamID: "t1", Points: 1000}, CodeWrongPhase)
	h.answer("p2", &Answer{Card: h.card().card.ID, Text: "Je ne sais pas"})
	h.host(KindNext)
	hv = h.s.HostView(h.now)
	if len(hv.Defi) != 2 || hv.Defi[0].Text != "Trier, <b>gourde</b>" || hv.Defi[0].Awarded != nil {
		t.Errorf("défi answers %+v", hv.Defi)
	}
	h.refused(Command{Kind: KindAward, Actor: HostActor, TeamID: "t3", Points: 500}, CodeNotAnswered)
	h.refused(Command{Kind: KindAward, Actor: HostActor, TeamID: "t1", Points: 250}, CodeBadPoints)
	h.refused(Command{Kind: KindAward, Actor: HostActor, TeamID: "t9", Points: 500}, CodeUnknownTeam)
	h.refused(Command{Kind: KindAward, Actor: "p1", TeamID: "t1", Points: 1000}, CodeNotHost)
	h.do(Command{Kind: KindAward, Actor: HostActor, TeamID: "t1", Points: 1000})
	h.do(Command{Kind: KindAward, Actor: HostActor, TeamID: "t2", Points: 500})
	h.host(KindNext)
	h.do(Command{Kind: KindAward, Actor: HostActor, TeamID: "t2", Points: 0}) // changed mind, after reveal
	if r := h.view("p1").Result; r.Points != 1000 || r.Streak != 300 || r.Total != 1300 {
		t.Errorf("défi p1 %+v", r)
	}
	if r := h.view("p2").Result; r.Points != 0 || r.Good {
		t.Errorf("défi p2 %+v", r)
	}
	hv = h.s.HostView(h.now)
	if *hv.Defi[1].Awarded != 0 || hv.GoodShare != 33 {
		t.Errorf("défi host %+v %d", hv.Defi, hv.GoodShare)
	}
	h.host(KindNext)
	h.refused(Command{Kind: KindAward, Actor: HostActor, TeamID: "t1", Points: 1000}, CodeWrongPhase)
	h.host(KindNext)

	// Vrai/faux: not a défi.
	h.host(KindNext)
	h.refused(Command{Kind: KindAward, Actor: HostActor, TeamID: "t1", Points: 1000}, CodeNotDefi)
	// Gauge: qcm 2/2, estimation 2/3, classement 1/2, défi 1/2, vf 0/0.
	if g := h.s.HostView(h.now).Gauge; g.Good != 6 || g.Total != 9 || g.Percent != 67 {
		t.Errorf("gauge %+v", g)
	}
	if rs := h.s.Results(); len(rs) != 15 {
		t.Errorf("%d results (5 cards scored × 3 teams)", len(rs))
	}
	h.host(KindNext)
	h.host(KindNext)
	h.host(KindNext)
	if h.s.Phase() != PhasePodium {
		t.Fatal(h.s.Phase())
	}
	deb := h.s.HostView(h.now).Debrief
	// Cards nobody answered are left out; ties in play order.
	if len(deb.LeastKnown) != 3 || deb.LeastKnown[0].Percent != 33 || deb.LeastKnown[0].CardID != "s3-classement" || deb.LeastKnown[1].CardID != "s5-defi" {
		t.Errorf("least known %+v", deb.LeastKnown)
	}
	h.checkReplay()
}

// TestTiming checks pause, resume and add-time, and the elapsed time that
// scores a QCM.
func TestTiming(t *testing.T) {
	h := newHarness(t, seqDeck(TypeQCM, TypeQCM), Config{})
	h.join("p1", "A")
	h.join("p2", "B")
	h.refused(Command{Kind: KindPause, Actor: HostActor}, CodeWrongPhase)
	h.refused(Command{Kind: KindResumeGame, Actor: HostActor}, CodeNotPaused)
	h.refused(Command{Kind: KindAddTime, Actor: HostActor, Seconds: 10}, CodeNotOpen)
	h.host(KindStart)
	if h.s.Deadline() != t0+30000 {
		t.Fatal(h.s.Deadline())
	}
	h.now = t0 + 10000
	h.host(KindPause)
	if h.s.Deadline() != 0 || !h.s.Paused() {
		t.Fatal("paused: no deadline")
	}
	h.refused(Command{Kind: KindPause, Actor: HostActor}, CodePaused)
	h.refused(Command{Kind: KindAnswer, Actor: "p1", Answer: h.right()}, CodePaused)
	h.refused(Command{Kind: KindCardTimer}, CodeNotDue)
	h.now = t0 + 50000
	if c := h.view("p1").Clock; c.Remaining != 20000 || c.Deadline != 0 || c.Limit != 30000 {
		t.Errorf("paused clock %+v", c)
	}
	h.do(Command{Kind: KindAddTime, Actor: HostActor, Seconds: 30})
	h.now = t0 + 100000
	h.host(KindResumeGame)
	if h.s.Deadline() != t0+150000 {
		t.Fatalf("deadline %d", h.s.Deadline()-t0)
	}
	h.now = t0 + 110000 // 20 s of play since the open (90 s paused), limit now 60 s
	h.answer("p1", h.right())
	h.refused(Command{Kind: KindAnswer, Actor: "p1", Answer: h.right()}, CodeAlreadyAnswered)
	for _, bad := range []int{0, -5, MaxAddTimeSeconds + 1} {
		h.refused(Command{Kind: KindAddTime, Actor: HostActor, Seconds: bad}, CodeBadSeconds)
	}
	for i := 0; i < 5; i++ {
		h.do(Command{Kind: KindAddTime, Actor: HostActor, Seconds: MaxAddTimeSeconds})
	}
	h.refused(Command{Kind: KindAddTime, Actor: HostActor, Seconds: MaxAddTimeSeconds}, CodeBadSeconds)
	if c := h.view("p2").Clock; c.Remaining != h.s.Deadline()-h.now || c.Limit != 1560000 {
		t.Errorf("clock %+v", c)
	}
	h.host(KindNext)
	// 1000 × (1 − 0.5 × 20/60) = 833
	if r := h.s.plays[0].results[0]; r.Points != 833 {
		t.Errorf("points %d, want 833", r.Points)
	}
	if rs := h.s.Results(); rs[0].AnsweredMs != 20000 || rs[1].Answered || rs[1].PlayerID != "p2" {
		t.Errorf("results %+v", rs)
	}
	h.checkReplay()
}

// TestRefusals checks commands refused in each phase, and that none
// changes anything (harness.refused compares the whole state).
func TestRefusals(t *testing.T) {
	h := newHarness(t, seqDeck(TypeQCM, TypeEstimation, TypeClassement, TypeAssociation, TypeDefi), Config{})
	m := []Member{agent("x")}
	join := func(player, team string, ms []Member) Command {
		return Command{Kind: KindJoin, Actor: player, Join: &Join{Team: team, Members: ms}}
	}
	h.refused(Command{Kind: "dance", Actor: HostActor}, CodeUnknownKind)
	h.refused(Command{Kind: KindStart, Actor: "p1"}, CodeNotHost)
	h.refused(Command{Kind: KindAnswer, Actor: HostActor}, CodeNotTeam)
	h.refused(Command{Kind: KindAnswer, Actor: "ghost"}, CodeUnknownPlayer)
	h.refused(Command{Kind: KindRejoin, Actor: "ghost"}, CodeUnknownPlayer)
	h.refused(join("", "A", m), CodeUnknownPlayer)
	h.refused(join(HostActor, "A", m), CodeUnknownPlayer)
	h.refused(join(strings.Repeat("x", 65), "A", m), CodeUnknownPlayer)
	h.refused(Command{Kind: KindJoin, Actor: "p1"}, CodeBadName)
	for _, name := range []string{"", "   ", strings.Repeat("é", 41), "a\x00b", "a\nb", "---", "\xff"} {
		h.refused(join("p1", name, m), CodeBadName)
	}
	h.refused(Command{Kind: KindJoin, Actor: "p1", Join: &Join{Team: "A", Color: "red", Members: m}}, CodeBadColor)
	badMembers := [][]Member{
		nil,
		make([]Member, 7),
		{{FirstName: "", LastName: "Nom", Collectivite: "CCAS"}},
		{{FirstName: "A", LastName: strings.Repeat("n", 61), Collectivite: "CCAS"}},
		{{FirstName: "A", LastName: "B", Collectivite: "Mairie de Paris"}},
		{{FirstName: "A", LastName: "B", Collectivite: "CCAS", Category: "D"}},
		{{FirstName: "A", LastName: "B\x07", Collectivite: "CCAS"}},
		{{FirstName: "A", LastName: "B", Collectivite: "CCAS", Direction: strings.Repeat("d", 121)}},
	}
	for _, bm := range badMembers {
		h.refused(join("p1", "A", bm), CodeBadMembers)
	}
	// Accepted with trimming and folding of the lists.
	h.do(Command{Kind: KindJoin, Actor: "p1", Join: &Join{Team: "  <b>A</b> ", Color: "#AABBCC", Members: []Member{{FirstName: " Zoé ", LastName: "Ka", Collectivite: "dijon metropole", Category: "a"}}}})
	v := h.view("p1")
	if v.TeamName != "<b>A</b>" || v.Color != "#aabbcc" || v.Members[0].FirstName != "Zoé" || v.Members[0].Collectivite != "Dijon métropole" || v.Members[0].Category != "A" {
		t.Errorf("join cleaned to %+v", v)
	}
	h.refused(join("p1", "B", m), CodeDuplicatePlayer)
	h.refused(join("p2", "<B>a</B>", m), CodeNameTaken) // same name, case folded
	h.join("p2", "B")
	h.refused(Command{Kind: KindCommit, Actor: "p1", Chosen: []MemberPick{{Commitment: "velo"}}}, CodeWrongPhase)
	h.refused(Command{Kind: KindAward, Actor: HostActor, TeamID: "t1"}, CodeWrongPhase)
	h.refused(Command{Kind: KindSkip, Actor: HostActor}, CodeWrongPhase)
	h.refused(Command{Kind: KindClose, Actor: HostActor}, CodeWrongPhase)
	h.refused(Command{Kind: KindRemoveTeam, Actor: HostActor, TeamID: "t7"}, CodeUnknownTeam)
	h.refused(Command{Kind: KindAnswer, Actor: "p1", Answer: &Answer{Card: "s1-qcm", Choice: choice(0)}}, CodeNotOpen)
	h.do(Command{Kind: KindRoster, Actor: "p1", Members: []Member{agent("y"), agent("z")}})
	h.refused(Command{Kind: KindRoster, Actor: "p1", Members: nil}, CodeBadMembers)
	h.host(KindNext) // = start
	if h.s.Phase() != PhaseCardOpen {
		t.Fatal(h.s.Phase())
	}
	h.refused(Command{Kind: KindStart, Actor: HostActor}, CodeWrongPhase)
	h.refused(Command{Kind: KindRoster, Actor: "p1", Members: m}, CodeWrongPhase)
	id := h.card().card.ID
	bad := []*Answer{
		nil,
		{Card: id},
		{Card: id, Choice: choice(3)},
		{Card: id, Choice: choice(-1)},
	}
	for _, a := range bad {
		h.refused(Command{Kind: KindAnswer, Actor: "p1", Answer: a}, CodeBadAnswer)
	}
	h.refused(Command{Kind: KindAnswer, Actor: "p1", Answer: &Answer{Card: "autre", Choice: choice(0)}}, CodeWrongCard)
	// A team joining while the card is open plays from the next card.
	h.join("p3", "C")
	h.refused(Command{Kind: KindAnswer, Actor: "p3", Answer: h.right()}, CodeJoinedLate)
	if hv := h.s.HostView(h.now); hv.Expected != 2 || hv.TeamCount != 3 {
		t.Errorf("expected %d", hv.Expected)
	}
	h.answer("p1", h.right())
	h.answer("p2", h.right())
	if h.s.Phase() != PhaseCardClosed {
		t.Fatal("all answered: closed")
	}
	h.host(KindNext)
	h.host(KindNext)
	h.host(KindNext)
	id = h.card().card.ID // estimation
	for _, n := range []float64{-1, 1e13} {
		h.refused(Command{Kind: KindAnswer, Actor: "p1", Answer: &Answer{Card: id, Number: num(n)}}, CodeBadAnswer)
	}
	nan := 0.0
	nan = nan / nan
	h.refused(Command{Kind: KindAnswer, Actor: "p1", Answer: &Answer{Card: id, Number: &nan}}, CodeBadAnswer)
	h.answer("p3", &Answer{Card: id, Number: num(1e12)})
	h.host(KindSkip)
	id = h.card().card.ID // classement
	for _, o := range [][]int{{0, 1, 2}, {0, 1, 2, 2}, {0, 1, 2, 4}, {0, 1, 2, 3, 4}} {
		h.refused(Command{Kind: KindAnswer, Actor: "p1", Answer: &Answer{Card: id, Order: o}}, CodeBadAnswer)
	}
	h.host(KindSkip)
	id = h.card().card.ID // association
	for _, g := range [][]int{{0, 1, 0, 1}, {0, 1, 0, 1, 2}, {0, 1, 0, 1, -1}} {
		h.refused(Command{Kind: KindAnswer, Actor: "p1", Answer: &Answer{Card: id, Groups: g}}, CodeBadAnswer)
	}
	h.host(KindNext)
	h.host(KindNext)
	h.host(KindNext)
	h.host(KindNext)
	id = h.card().card.ID // défi
	for _, text := range []string{"", "   ", strings.Repeat("é", 501), "a\x00", "\xff"} {
		h.refused(Command{Kind: KindAnswer, Actor: "p1", Answer: &Answer{Card: id, Text: text}}, CodeBadAnswer)
	}
	h.answer("p1", &Answer{Card: id, Text: strings.Repeat("é", 500)})
	h.host(KindNext)
	h.host(KindNext)
	h.host(KindNext)
	h.host(KindNext)
	if h.s.Phase() != PhasePodium {
		t.Fatal(h.s.Phase())
	}
	h.refused(Command{Kind: KindSkip, Actor: HostActor}, CodeWrongPhase)
	h.refused(Command{Kind: KindRoster, Actor: "p1", Members: m}, CodeWrongPhase)
	h.host(KindEnd)
	if h.s.Phase() != PhaseEnded || h.s.CountedMembers() != nil {
		t.Fatal("ended: nobody counted")
	}
	h.refused(Command{Kind: KindJoin, Actor: "p9", Join: &Join{Team: "Z", Members: m}}, CodeSessionOver)
	h.checkReplay()
}

// TestRemoveBan covers removal (the team may come back by joining again or
// resuming) and bans (it may not).
func TestRemoveBan(t *testing.T) {
	h := newHarness(t, seqDeck(TypeQCM, TypeQCM, TypeQCM), Config{})
	h.join("p1", "A")
	h.join("p2", "B")
	h.join("p3", "C")
	h.host(KindStart)
	h.answer("p1", h.right())
	h.answer("p2", h.right())
	eff := h.do(Command{Kind: KindRemoveTeam, Actor: HostActor, TeamID: "t3"})
	if len(eff.Kick) != 1 || eff.Kick[0] != (Kick{PlayerID: "p3", Reason: ByeRemoved}) {
		t.Errorf("kick %+v", eff.Kick)
	}
	if h.s.Phase() != PhaseCardClosed {
		t.Error("removing the last team to answer closes the card")
	}
	if v := h.view("p3"); !v.Removed || v.Card != nil {
		t.Errorf("removed view %+v", v)
	}
	h.refused(Command{Kind: KindRoster, Actor: "p3", Members: []Member{agent("q")}}, CodeRemoved)
	h.refused(Command{Kind: KindRemoveTeam, Actor: HostActor, TeamID: "t3"}, CodeRemoved)
	if hv := h.s.HostView(h.now); hv.TeamCount != 2 || !hv.Teams[0].Removed || len(hv.Leaderboard) != 2 {
		t.Errorf("host view after removal %+v", hv)
	}
	// Resume brings the team back.
	if eff := h.do(Command{Kind: KindRejoin, Actor: "p3"}); !eff.All {
		t.Error("rejoin of a removed team changes every view")
	}
	if eff := h.do(Command{Kind: KindRejoin, Actor: "p1"}); eff.All || !slices.Equal(eff.Players, []string{"p1"}) {
		t.Errorf("plain resume effect %+v", eff)
	}
	// Removed again: a newcomer with its name (any case) cannot take its
	// place; only its own device (resume) brings it back, roster intact.
	h.do(Command{Kind: KindRemoveTeam, Actor: HostActor, TeamID: "t3"})
	h.refused(Command{Kind: KindJoin, Actor: "p3b", Join: &Join{Team: "c", Members: []Member{agent("nouveau")}}}, CodeNameTaken)
	if eff := h.do(Command{Kind: KindRejoin, Actor: "p3"}); !eff.All || eff.Log == nil {
		t.Errorf("rejoin of a removed team: %+v", eff)
	}
	if v := h.view("p3"); v.TeamID != "t3" || v.Removed || v.Members[0].FirstName == "Prénom nouveau" {
		t.Errorf("back with its own device: %+v", v)
	}
	// Ban: kicked, and neither joins nor resumes come back.
	eff = h.do(Command{Kind: KindBanTeam, Actor: HostActor, TeamID: "t2"})
	if len(eff.Kick) != 1 || eff.Kick[0].Reason != ByeBanned {
		t.Errorf("ban kick %+v", eff.Kick)
	}
	h.refused(Command{Kind: KindJoin, Actor: "p2b", Join: &Join{Team: "B", Members: []Member{agent("b")}}}, CodeBanned)
	h.refused(Command{Kind: KindRejoin, Actor: "p2"}, CodeBanned)
	h.refused(Command{Kind: KindAnswer, Actor: "p2"}, CodeBanned)
	h.refused(Command{Kind: KindBanTeam, Actor: HostActor, TeamID: "t2"}, CodeBanned)
	h.refused(Command{Kind: KindRemoveTeam, Actor: HostActor, TeamID: "t2"}, CodeBanned)
	// Banning a removed team: no second kick.
	h.do(Command{Kind: KindRemoveTeam, Actor: HostActor, TeamID: "t1"})
	if eff := h.do(Command{Kind: KindBanTeam, Actor: HostActor, TeamID: "t1"}); len(eff.Kick) != 0 {
		t.Errorf("kick %+v", eff.Kick)
	}
	recs := h.s.Teams()
	if recs[0].ID != "t3" || recs[0].Rank != 1 || !recs[1].Banned || recs[1].Removed || recs[1].Rank != 0 {
		t.Errorf("records %+v", recs)
	}
	// Removed during an open card: the card still closes when the others answered.
	h.host(KindNext)
	h.host(KindNext)
	h.host(KindNext)
	h.join("p4", "D")
	for h.s.Phase() != PhasePodium {
		h.host(KindNext)
	}
	h.do(Command{Kind: KindRemoveTeam, Actor: HostActor, TeamID: "t4"})
	h.refused(Command{Kind: KindRejoin, Actor: "p4"}, CodeRemoved)
	h.host(KindClose)
	if c := h.s.CountedMembers(); len(c) != 1 || c[0].FirstName != "Prénom p3" {
		t.Errorf("counted %+v", c)
	}
	h.checkReplay()
}

// TestRestoreTeam: the host brings a removed team back (restore-team):
// only a removed team, never a banned one, until the podium; its players'
// resumes find it in play, and a stranger's join with its name is still
// refused while it is removed.
func TestRestoreTeam(t *testing.T) {
	h := newHarness(t, seqDeck(TypeQCM, TypeQCM), Config{})
	h.join("p1", "A")
	h.join("p2", "B")
	h.join("p3", "C")
	h.refused(Command{Kind: KindRestoreTeam, Actor: HostActor, TeamID: "t1"}, CodeNotRemoved)
	h.refused(Command{Kind: KindRestoreTeam, Actor: HostActor, TeamID: "t9"}, CodeUnknownTeam)
	h.host(KindStart)
	h.do(Command{Kind: KindRemoveTeam, Actor: HostActor, TeamID: "t1"})
	h.refused(Command{Kind: KindRestoreTeam, Actor: "p2", TeamID: "t1"}, CodeNotHost)
	h.refused(Command{Kind: KindJoin, Actor: "p1b", Join: &Join{Team: "a", Members: []Member{agent("x")}}}, CodeNameTaken)
	// Restored during the open card: it is expected to answer again.
	eff := h.do(Command{Kind: KindRestoreTeam, Actor: HostActor, TeamID: "t1", Points: 7})
	if !eff.All || !eff.Host || len(eff.Kick) != 0 || eff.Log == nil {
		t.Fatalf("restore effect %+v", eff)
	}
	if !reflect.DeepEqual(*eff.Log, Command{Kind: KindRestoreTeam, At: h.now, Actor: HostActor, TeamID: "t1"}) {
		t.Errorf("logged %+v: only the fields restore-team means", *eff.Log)
	}
	if v := h.view("p1"); v.Removed || v.TeamID != "t1" || v.Card == nil {
		t.Errorf("restored view %+v", v)
	}
	if hv := h.s.HostView(h.now); hv.TeamCount != 3 || hv.Teams[0].Removed {
		t.Errorf("host view after restore %+v", hv)
	}
	if eff := h.do(Command{Kind: KindRejoin, Actor: "p1"}); eff.All || eff.Log != nil {
		t.Errorf("a restored team's resume changes nothing more: %+v", eff)
	}
	h.answer("p1", h.right())
	h.answer("p2", h.right())
	if h.s.Phase() != PhaseCardOpen {
		t.Error("the card waits for the third team")
	}
	h.refused(Command{Kind: KindRestoreTeam, Actor: HostActor, TeamID: "t1"}, CodeNotRemoved)
	// A banned team is never restored, removed first or not.
	h.do(Command{Kind: KindBanTeam, Actor: HostActor, TeamID: "t3"})
	h.refused(Command{Kind: KindRestoreTeam, Actor: HostActor, TeamID: "t3"}, CodeBanned)
	h.do(Command{Kind: KindRemoveTeam, Actor: HostActor, TeamID: "t2"})
	for h.s.Phase() != PhasePodium {
		h.host(KindNext)
	}
	h.refused(Command{Kind: KindRestoreTeam, Actor: HostActor, TeamID: "t2"}, CodeWrongPhase)
	h.checkReplay()
}

// TestPlenary: one device per agent; a team's score is its agents' mean.
func TestPlenary(t *testing.T) {
	h := newHarness(t, seqDeck(TypeQCM, TypeEstimation, TypeDefi), Config{Mode: ModePlenary})
	h.refused(Command{Kind: KindJoin, Actor: "a1", Join: &Join{Team: "Rouge", Members: []Member{agent("1"), agent("2")}}}, CodeBadMembers)
	if eff := h.join("a1", "Rouge"); !eff.All {
		t.Error("new team: all views")
	}
	if eff := h.join("a2", "rouge"); eff.All {
		t.Error("joining an existing team in the lobby changes no other view")
	}
	h.join("a3", "Bleu")
	h.join("a4", "Bleu")
	h.join("a5", "Bleu")
	if v := h.view("a2"); v.TeamID != "t1" || v.TeamName != "Rouge" || len(v.Members) != 1 {
		t.Fatalf("plenary view %+v", v)
	}
	h.host(KindStart)
	eff := h.answer("a1", h.right()) // 1000
	if eff.All || !slices.Equal(eff.Players, []string{"a1"}) {
		t.Errorf("plenary answer effect %+v", eff)
	}
	h.answer("a2", h.wrong()) // 0
	h.now += 15000
	h.answer("a3", h.right()) // 750
	h.answer("a4", h.right()) // 750
	if hv := h.s.HostView(h.now); hv.Answered != 4 || hv.Expected != 5 || hv.PlayerCount != 5 || hv.MemberCount != 5 || hv.TeamCount != 2 {
		t.Errorf("host %+v", hv)
	}
	h.host(KindNext)
	// Rouge: (1000 + 0) / 2 = 500; Bleu: (750 + 750 + 0) / 3 = 500.
	if a, b := h.view("a1").Score, h.view("a5").Score; a != 500 || b != 500 {
		t.Errorf("means %d %d", a, b)
	}
	if v := h.view("a1"); v.Rank != 1 || v.Teams != 2 {
		t.Errorf("tie rank %+v", v)
	}
	h.host(KindNext)
	h.host(KindNext)
	// A late agent lowers Bleu's mean: every view changes.
	if eff := h.join("a6", "Bleu"); !eff.All {
		t.Error("a late joiner changes the team's mean")
	}
	if s := h.view("a3").Score; s != 375 { // 1500 / 4
		t.Errorf("Bleu %d", s)
	}
	h.host(KindNext)
	id := h.card().card.ID
	h.answer("a1", &Answer{Card: id, Number: num(200)})
	h.answer("a6", &Answer{Card: id, Number: num(200)}) // joined between cards: plays this one
	h.host(KindNext)
	h.host(KindNext)
	if r := h.view("a6").Result; r.Total != 1200 {
		t.Errorf("a6 %+v", r)
	}
	if est := h.s.HostView(h.now).Estimates; !slices.Equal(est.Closest, []string{"Rouge", "Bleu"}) {
		t.Errorf("closest %+v", est)
	}
	h.host(KindNext)
	h.host(KindNext)
	id = h.card().card.ID
	h.answer("a3", &Answer{Card: id, Text: "Trier"})
	h.answer("a4", &Answer{Card: id, Text: "Gourde"})
	h.host(KindNext)
	h.do(Command{Kind: KindAward, Actor: HostActor, TeamID: "t2", Points: 1000})
	h.host(KindNext)
	if hv := h.s.HostView(h.now); len(hv.Defi) != 1 || hv.Defi[0].Text != "Trier" {
		t.Errorf("défi %+v", hv.Defi)
	}
	// Each Bleu agent who answered gets the award.
	if r := h.view("a4").Result; r.Points != 1000 || r.Streak != 0 { // no answer to the estimation broke its run
		t.Errorf("a4 %+v", r)
	}
	if r := h.view("a5").Result; r.Answered || r.Points != 0 {
		t.Errorf("a5 %+v", r)
	}
	for h.s.Phase() != PhaseCommitments {
		h.host(KindNext)
	}
	h.refused(Command{Kind: KindCommit, Actor: "a1", Chosen: []MemberPick{{Member: 1, Commitment: "velo"}}}, CodeBadCommitment)
	h.do(Command{Kind: KindCommit, Actor: "a1", Chosen: []MemberPick{{Member: 0, Commitment: "velo"}}})
	if v := h.view("a1"); len(v.Chosen) != 1 || v.Chosen[0].Commitment != "velo" {
		t.Errorf("chosen %+v", v.Chosen)
	}
	h.refused(Command{Kind: KindRoster, Actor: "a2", Members: []Member{agent("a1")}}, CodeWrongPhase)
	h.host(KindClose)
	if c := h.s.CountedMembers(); len(c) != 6 {
		t.Errorf("counted %d", len(c))
	}
	if p := h.s.Picks(); len(p) != 1 || p[0].TeamID != "t1" || p[0].Member.FirstName != "Prénom a1" {
		t.Errorf("picks %+v", p)
	}
	if recs := h.s.Teams(); len(recs) != 2 || len(recs[0].Members) != 2 && len(recs[0].Members) != 4 {
		t.Errorf("records %+v", recs)
	}
	h.checkReplay()
}

// TestPlenaryScale: thousands of agents; the host view stays small and its
// lists capped.
func TestPlenaryScale(t *testing.T) {
	const agents, teams = 3000, 60
	h := newHarness(t, seqDeck(TypeQCM, TypeEstimation), Config{Mode: ModePlenary})
	for i := 0; i < agents; i++ {
		id := "a" + itoa(i)
		if _, err := h.s.Apply(Command{Kind: KindJoin, At: h.now, Actor: id, Join: &Join{Team: "Équipe " + itoa(i%teams), Members: []Member{agent(id)}}}); err != nil {
			t.Fatal(err)
		}
	}
	h.host(KindStart)
	for i := 0; i < agents; i++ {
		a := h.right()
		if i%3 == 0 {
			a = h.wrong()
		}
		if _, err := h.s.Apply(Command{Kind: KindAnswer, At: h.now + int64(i), Actor: "a" + itoa(i), Answer: a}); err != nil {
			t.Fatal(err)
		}
	}
	if h.s.Phase() != PhaseCardClosed {
		t.Fatal("every agent answered: closed")
	}
	hv := h.s.HostView(h.now)
	if hv.PlayerCount != agents || hv.TeamCount != teams || len(hv.Teams) != MaxHostList || len(hv.Leaderboard) != HostLeaderboard {
		t.Errorf("host view counts %d %d %d %d", hv.PlayerCount, hv.TeamCount, len(hv.Teams), len(hv.Leaderboard))
	}
	if hv.Answered != agents || hv.Distribution[1] != 2000 || hv.GoodShare != 67 {
		t.Errorf("aggregates %d %v %d", hv.Answered, hv.Distribution, hv.GoodShare)
	}
	b, _ := json.Marshal(hv)
	if len(b) > 16<<10 {
		t.Errorf("host view is %d bytes", len(b))
	}
	tv := h.view("a7")
	if b, _ := json.Marshal(tv); len(b) > 4<<10 || len(tv.Members) != 1 {
		t.Errorf("team view is %d bytes", len(b))
	}
}

// A removed team's exact guess does not take the closest bonus.
func TestClosestIgnoresRemoved(t *testing.T) {
	h := newHarness(t, seqDeck(TypeEstimation), Config{})
	h.join("p1", "A")
	h.join("p2", "B")
	h.join("p3", "C")
	h.host(KindStart)
	id := h.card().card.ID
	h.answer("p1", &Answer{Card: id, Number: num(200)})
	h.answer("p2", &Answer{Card: id, Number: num(150)})
	h.do(Command{Kind: KindRemoveTeam, Actor: HostActor, TeamID: "t1"})
	h.host(KindNext)
	if r := h.s.plays[0].results[1]; r.Bonus != EstimationBonus {
		t.Errorf("B %+v", r)
	}
	if r := h.s.plays[0].results[0]; r.Bonus != 0 || r.Points != 1000 {
		t.Errorf("A %+v", r)
	}
	h.checkReplay()
}
