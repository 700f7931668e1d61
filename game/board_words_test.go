package game

import "testing"

// TestCloseReason checks the board is told why a card closed: the timer,
// every team answering, or the host closing it early.
func TestCloseReason(t *testing.T) {
	h := newHarness(t, seqDeck(TypeQCM, TypeQCM, TypeQCM, TypeQCM), Config{Seed: 1})
	h.join("p1", "A")
	h.join("p2", "B")
	h.host(KindStart)
	nextCard := func() {
		h.host(KindNext) // reveal
		h.host(KindNext) // leaderboard
		h.host(KindNext) // next card
	}
	closed := func(want CloseReason) {
		t.Helper()
		if got := h.s.HostView(h.now).Closed; got != want {
			t.Errorf("closed by %q, want %q", got, want)
		}
	}
	// Every team answers in a few seconds.
	h.answer("p1", h.right())
	h.answer("p2", h.wrong())
	closed(CloseAnswered)
	nextCard()
	// The host closes the card with time left.
	h.answer("p1", h.right())
	h.host(KindNext)
	closed(CloseHost)
	nextCard()
	// The timer runs out.
	h.now += 31_000
	h.do(Command{Kind: KindCardTimer})
	closed(CloseTimer)
	nextCard()
	// The host presses « Clore » after the time ran out: that is the timer.
	h.now += 31_000
	h.host(KindNext)
	closed(CloseTimer)
}

// TestGoodShareCountsEveryTeam checks « X % de bonnes réponses » is over
// every team that had the card: one right answer out of two teams, the
// other silent, is 50 %, the figure the dashboard gives for that card.
func TestGoodShareCountsEveryTeam(t *testing.T) {
	h := newHarness(t, seqDeck(TypeQCM, TypeQCM), Config{Seed: 1})
	h.join("p1", "A")
	h.join("p2", "B")
	h.host(KindStart)
	h.answer("p1", h.right())
	h.host(KindNext)
	if got := h.s.HostView(h.now).GoodShare; got != 50 {
		t.Errorf("good share %d %%, want 50 %%", got)
	}
	var good, had int
	for _, r := range h.s.Results() {
		had++
		if r.Good {
			good++
		}
	}
	if want := GoodShare(good, had); h.s.HostView(h.now).GoodShare != want {
		t.Errorf("board %d %%, results give %d %%", h.s.HostView(h.now).GoodShare, want)
	}
}

// TestTeamSummaryNames checks the teams panel gets the members' short names.
func TestTeamSummaryNames(t *testing.T) {
	h := newHarness(t, seqDeck(TypeQCM), Config{Seed: 1})
	h.join("p1", "A", Member{FirstName: "Amélie", LastName: "Lefèvre", Collectivite: Collectivites[0], Direction: "D"},
		Member{FirstName: "Jérôme", LastName: "Nguyen", Collectivite: Collectivites[0], Direction: "D"})
	ts := h.s.HostView(h.now).Teams
	if len(ts) != 1 || len(ts[0].Names) != 2 || ts[0].Names[0] != "Amélie L." || ts[0].Names[1] != "Jérôme N." {
		t.Errorf("names %+v", ts)
	}
}
