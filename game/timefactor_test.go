package game

import (
	"errors"
	"testing"
)

// TestTimeFactor: « temps adapté » multiplies the time of every card opened
// after it is set, at creation or by the host until the last card; the
// open card keeps its time; bad factors and late changes are refused; the
// log replays the same.
func TestTimeFactor(t *testing.T) {
	for _, bad := range []int{-1, MaxTimeFactor + 1} {
		_, err := NewSession(seqDeck(TypeQCM), Config{Format: FormatStandard, Mode: ModeTeam, TimeFactor: bad})
		var e *Error
		if !errors.As(err, &e) || e.Code != CodeBadFactor {
			t.Errorf("factor %d at creation: %v, want %s", bad, err, CodeBadFactor)
		}
	}

	h := newHarness(t, seqDeck(TypeQCM, TypeQCM, TypeQCM), Config{TimeFactor: 2})
	h.join("p1", "A")
	if got := h.view("p1").Session.TimeFactor; got != 2 {
		t.Fatalf("the team's view says factor %d, want 2", got)
	}
	h.host(KindStart)
	if c := h.view("p1").Clock; c.Limit != 2*30000 || h.s.Deadline() != t0+60000 {
		t.Fatalf("first card ×2: limit %d, deadline +%d", c.Limit, h.s.Deadline()-t0)
	}
	// Set to 3 while the card is open: this card keeps its 60 s.
	h.do(Command{Kind: KindTimeFactor, Actor: HostActor, Factor: 3})
	if c := h.view("p1").Clock; c.Limit != 60000 {
		t.Errorf("the open card's time changed to %d", c.Limit)
	}
	if eff := h.do(Command{Kind: KindTimeFactor, Actor: HostActor, Factor: 3}); eff.Log != nil {
		t.Error("setting the same factor again was logged")
	}
	for _, bad := range []int{0, -2, MaxTimeFactor + 1} {
		h.refused(Command{Kind: KindTimeFactor, Actor: HostActor, Factor: bad}, CodeBadFactor)
	}
	h.refused(Command{Kind: KindTimeFactor, Actor: "p1", Factor: 1}, CodeNotHost)
	h.answer("p1", h.right())
	h.host(KindNext) // reveal
	h.host(KindNext) // leaderboard
	h.host(KindNext) // next card
	if c := h.view("p1").Clock; c.Limit != 3*30000 {
		t.Fatalf("second card ×3: limit %d", c.Limit)
	}
	h.do(Command{Kind: KindTimeFactor, Actor: HostActor, Factor: 1})
	h.answer("p1", h.right())
	h.host(KindNext)
	h.host(KindNext)
	h.host(KindNext)
	if c := h.view("p1").Clock; c.Limit != 30000 {
		t.Fatalf("third card back to normal: limit %d", c.Limit)
	}
	h.answer("p1", h.right())
	h.host(KindNext)
	h.host(KindNext)
	h.host(KindNext) // podium
	if h.s.Phase() != PhasePodium {
		t.Fatalf("phase %s", h.s.Phase())
	}
	h.refused(Command{Kind: KindTimeFactor, Actor: HostActor, Factor: 2}, CodeWrongPhase)
	h.checkReplay()
}

// TestTimeFactorCapped: a long card times the factor stays within
// MaxCardSeconds.
func TestTimeFactorCapped(t *testing.T) {
	d := seqDeck(TypeQCM)
	d.Cards[0].Time = MaxCardSeconds
	h := newHarness(t, d, Config{TimeFactor: MaxTimeFactor})
	h.join("p1", "A")
	h.host(KindStart)
	if c := h.view("p1").Clock; c.Limit != MaxCardSeconds*1000 {
		t.Fatalf("limit %d, want the cap %d", c.Limit, MaxCardSeconds*1000)
	}
}
