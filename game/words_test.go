package game

import "testing"

// allKinds is every command kind, to check who may send each.
var allKinds = []Kind{KindStart, KindNext, KindPause, KindResumeGame, KindAddTime, KindSkip, KindAward,
	KindRemoveTeam, KindBanTeam, KindEnd, KindClose, KindRoster, KindAnswer, KindCommit,
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
		ByeSlow: false, ByeShutdown: false, ByeFlood: false, ByeProtocol: false, ByeTooLarge: false}
	for r, want := range final {
		if got := (Bye{Reason: r}).Final(); got != want {
			t.Errorf("bye %s: final %v, want %v", r, got, want)
		}
	}
}
