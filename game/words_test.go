package game

import (
	"strconv"
	"strings"
	"testing"
)

// allKinds is every command kind, to check who may send each.
var allKinds = []Kind{KindStart, KindNext, KindPause, KindResumeGame, KindAddTime, KindSkip, KindAward,
	KindRemoveTeam, KindRestoreTeam, KindBanTeam, KindEnd, KindClose, KindRoster, KindAnswer, KindCommit,
	KindJoin, KindCardTimer, KindRejoin}

// TestKindSenders checks that each kind has exactly one sender (host, team
// or server) and that no kind a client sends reads as a client message type
// in an envelope (the clash "resume-game" avoids).
func TestKindSenders(t *testing.T) {
	for _, k := range allKinds {
		n := 0
		for _, b := range []bool{k.HostOnly(), k.TeamOnly(), k.ServerOnly()} {
			if b {
				n++
			}
		}
		if n != 1 {
			t.Errorf("%s: %d senders", k, n)
		}
		switch string(k) {
		case MsgResume, MsgHost:
			t.Errorf("kind %q is also a client message type", k)
		case MsgJoin:
			if !k.ServerOnly() {
				t.Errorf("kind %q is a client message type", k)
			}
		}
	}
	if Kind("resume").HostOnly() || Kind("").TeamOnly() || Kind("x").ServerOnly() {
		t.Error("an unknown kind has a sender")
	}
}

// TestKindsMatchRules checks that the rules refuse a host kind from a team
// and a team kind from the host with the codes the server's early check
// mirrors.
func TestKindsMatchRules(t *testing.T) {
	h := newHarness(t, seqDeck(TypeQCM, TypeQCM), Config{Format: FormatStandard, Mode: ModeTeam})
	h.join("p1", "Les Bleus")
	for _, k := range allKinds {
		switch {
		case k.HostOnly():
			h.refused(Command{Kind: k, Actor: "p1"}, CodeNotHost)
		case k.TeamOnly():
			h.refused(Command{Kind: k, Actor: HostActor}, CodeNotTeam)
		}
	}
}

func TestByeFinal(t *testing.T) {
	final := map[ByeReason]bool{ByeRemoved: true, ByeBanned: true, ByeReplaced: true, ByeClosed: true,
		ByeRevoked: true,
		ByeSlow:    false, ByeShutdown: false, ByeFlood: false, ByeProtocol: false, ByeTooLarge: false, ByeNoHello: false}
	for r, want := range final {
		if got := (Bye{Reason: r}).Final(); got != want {
			t.Errorf("bye %s: final %v, want %v", r, got, want)
		}
	}
}

func TestFrenchNumber(t *testing.T) {
	for in, want := range map[float64]string{0: "0", 999: "999", 1000: "1\u00a0000", 10000: "10\u00a0000",
		1e12: "1\u00a0000\u00a0000\u00a0000\u00a0000"} {
		if got := FrenchNumber(in); got != want {
			t.Errorf("FrenchNumber(%v) = %q, want %q", in, got, want)
		}
	}
}

// TestMessagesSayTheLimits checks that the messages stating a limit say the
// constant's number (they are formatted from it, not written by hand).
func TestMessagesSayTheLimits(t *testing.T) {
	for msg, n := range map[string]int{
		errorMessages[CodeBadName]:    MaxTeamNameRunes,
		errorMessages[CodeBadSeconds]: MaxAddTimeSeconds,
		errorMessages[CodeBadPoints]:  DefiHalf,
		msgTeamSize:                   MaxTeamMembers,
		msgMemberName:                 MaxMemberNameRunes,
		msgMemberDirection:            MaxDirectionRunes,
		msgAnswerText:                 MaxDefiRunes,
	} {
		if !strings.Contains(msg, strconv.Itoa(n)) {
			t.Errorf("%q does not say %d", msg, n)
		}
	}
	if !strings.Contains(msgAnswerNumber, FrenchNumber(MaxGuess)) {
		t.Errorf("%q does not say %s", msgAnswerNumber, FrenchNumber(MaxGuess))
	}
}

// TestLateAnswerSaysWhy: an answer to the card just closed says whether the
// host closed it while time remained or its time was over; once the
// leaderboard shows, no card is open.
func TestLateAnswerSaysWhy(t *testing.T) {
	h := newHarness(t, seqDeck(TypeQCM, TypeQCM, TypeQCM), Config{Seed: 1})
	h.join("p1", "A")
	h.join("p2", "B")
	h.host(KindStart)
	open := h.now
	h.answer("p1", h.right())
	h.now = open + 5000
	h.host(KindNext) // closed by the host, 25 s left
	h.refused(Command{Kind: KindAnswer, Actor: "p2", Answer: h.right()}, CodeClosedByHost)
	h.host(KindNext) // revealed
	h.refused(Command{Kind: KindAnswer, Actor: "p2", Answer: h.right()}, CodeClosedByHost)
	late := h.right()
	h.host(KindNext) // leaderboard
	h.refused(Command{Kind: KindAnswer, Actor: "p2", Answer: late}, CodeNotOpen)

	h.host(KindNext) // second card, its time runs out
	open = h.now
	h.now = open + 60000
	h.do(Command{Kind: KindCardTimer})
	h.refused(Command{Kind: KindAnswer, Actor: "p2", Answer: h.right()}, CodeTooLate)

	h.now += 1000
	h.host(KindNext) // revealed
	h.host(KindNext) // leaderboard
	h.host(KindNext) // third card: the host closes it after its deadline
	open = h.now
	h.now = open + 60000
	h.host(KindNext)
	h.refused(Command{Kind: KindAnswer, Actor: "p2", Answer: h.right()}, CodeTooLate)
}
