package ui

import (
	"testing"
	"time"

	"metodd/game"
)

// cueRecorder is the speaker of the tests: it keeps what was played.
type cueRecorder struct{ cues []cue }

func (r *cueRecorder) play(c cue) { r.cues = append(r.cues, c) }

// memPrefs is an in-memory PrefStore.
type memPrefs map[string]string

func (m memPrefs) Get(k string) (string, bool) { v, ok := m[k]; return v, ok }
func (m memPrefs) Set(k, v string) error       { m[k] = v; return nil }

// TestCueTracker: which cue each change of a screen's state calls for.
func TestCueTracker(t *testing.T) {
	open := func(card string, secs int) cueState {
		return cueState{phase: game.PhaseCardOpen, card: card, secs: secs}
	}
	steps := []struct {
		name string
		st   cueState
		want cue
	}{
		{"first state: silent (a reload mid-card)", open("c1", 20), cueNone},
		{"same second", open("c1", 20), cueNone},
		{"a second passes, not yet the last five", open("c1", 6), cueNone},
		{"5 s left", open("c1", 5), cueTick},
		{"same second again", open("c1", 5), cueNone},
		{"4 s left", open("c1", 4), cueTick},
		{"paused at 3", cueState{phase: game.PhaseCardOpen, card: "c1", secs: 3, paused: true}, cueNone},
		{"0 s: no tick", open("c1", 0), cueNone},
		{"closed", cueState{phase: game.PhaseCardClosed, card: "c1"}, cueNone},
		{"revealed, right", cueState{phase: game.PhaseRevealed, card: "c1", result: resultRight}, cueRight},
		{"still revealed", cueState{phase: game.PhaseRevealed, card: "c1", result: resultRight}, cueNone},
		{"next card opens", open("c2", 30), cueCardOpen},
		{"revealed, wrong", cueState{phase: game.PhaseRevealed, card: "c2", result: resultWrong}, cueWrong},
		{"a card skipped to the next while open", open("c3", 30), cueCardOpen},
		{"skipped again", open("c4", 30), cueCardOpen},
		{"revealed, not answered", cueState{phase: game.PhaseRevealed, card: "c4"}, cueReveal},
		{"board podium: 3rd place", cueState{phase: game.PhasePodium, podium: 1}, cueDrumRoll},
		{"2nd place", cueState{phase: game.PhasePodium, podium: 2}, cueNone},
		{"1st place", cueState{phase: game.PhasePodium, podium: 3}, cueFanfare},
		{"podium stays", cueState{phase: game.PhasePodium, podium: 3}, cueNone},
	}
	var tr cueTracker
	for _, s := range steps {
		if got := tr.step(s.st); got != s.want {
			t.Errorf("%s: cue %d, want %d", s.name, got, s.want)
		}
	}
	var team cueTracker
	team.step(cueState{phase: game.PhaseLeaderboard, podium: podiumUnstaged})
	if got := team.step(cueState{phase: game.PhasePodium, podium: podiumUnstaged}); got != cueFanfare {
		t.Errorf("a team's podium: cue %d, want the fanfare", got)
	}
}

// TestSoundDefaults: the board plays by default, a team's screen does not;
// the toggle is remembered in the preferences and read back by the next
// page.
func TestSoundDefaults(t *testing.T) {
	a := New(Options{})
	if !a.soundOn(soundBoard) || a.soundOn(soundTeam) {
		t.Fatalf("defaults: board %v, team %v; want on, off", a.soundOn(soundBoard), a.soundOn(soundTeam))
	}
	prefs := memPrefs{}
	a = New(Options{Prefs: prefs})
	a.toggleSound(soundTeam)
	a.toggleSound(soundBoard)
	if !a.soundOn(soundTeam) || a.soundOn(soundBoard) {
		t.Fatal("the toggle did not change the sound")
	}
	if prefs["son.equipe"] != prefOn || prefs["son.plateau"] != prefOff {
		t.Fatalf("preferences %v", prefs)
	}
	reload := New(Options{Prefs: prefs})
	if !reload.soundOn(soundTeam) || reload.soundOn(soundBoard) {
		t.Fatal("a reload forgot the toggle")
	}
	// Garbage in the store: the defaults.
	odd := New(Options{Prefs: memPrefs{"son.equipe": "peut-être", "son.plateau": ""}})
	if !odd.soundOn(soundBoard) || odd.soundOn(soundTeam) {
		t.Fatal("unreadable preferences do not give the defaults")
	}
}

// TestTeamSoundCues: a team's screen plays nothing until its sound is
// turned on (from the header's toggle in the mirror); then a card's
// opening, its last seconds and a right answer's reveal play.
func TestTeamSoundCues(t *testing.T) {
	b := &fakeBackend{team: &fakeConn{}, host: &fakeConn{}}
	for _, sz := range []screenSize{{"720p", 1280, 720, 1}, phoneSizes[1]} {
		t.Run(sz.name, func(t *testing.T) {
			a := newTestApp(t, sz.w, sz.h, sz.dsf, b)
			rec := &cueRecorder{}
			a.player = rec
			now := testNow
			a.now = func() time.Time { return now }
			conn := &fakeConn{at: testNow}
			conn.setTeam(teamView(game.PhaseLobby, nil))
			s := newTeamScene(a, conn, newTeamSetup(a, "K7PM3Q"))
			a.scene = s
			mirrorStep(a)
			conn.setTeam(teamView(game.PhaseCardOpen, qcmCard(false)))
			mirrorStep(a)
			if len(rec.cues) != 0 {
				t.Fatalf("a team's screen played %v with its sound off", rec.cues)
			}
			n, ok := describeScene(a).find("sound")
			if !ok || n.Kind != mirrorButton || n.Label != msgSoundOff {
				t.Fatalf("the mirror's sound toggle: %+v, want a button « %s »", n, msgSoundOff)
			}
			mirrorStep(a, click("sound"))
			mirrorStep(a)
			if !a.soundOn(soundTeam) {
				t.Fatal("the toggle did not turn the team's sound on")
			}
			if n, _ := describeScene(a).find("sound"); n.Label != msgSoundOn {
				t.Fatalf("the toggle says %q once on", n.Label)
			}
			v := teamView(game.PhaseCardOpen, &game.CardView{ID: "c2", Engagement: 1, Type: game.TypeQCM, Prompt: "?", Choices: []string{"a", "b"}})
			v.Clock.Remaining = 7_000
			conn.setTeam(v)
			mirrorStep(a)
			for i := 0; i < 8; i++ {
				now = now.Add(time.Second)
				mirrorStep(a)
			}
			v.Session.Phase = game.PhaseRevealed
			v.Result = &game.Result{Answered: true, Good: true, Total: 700}
			conn.setTeam(v)
			mirrorStep(a)
			want := []cue{cueCardOpen, cueTick, cueTick, cueTick, cueTick, cueTick, cueRight}
			if len(rec.cues) != len(want) {
				t.Fatalf("cues %v, want %v", rec.cues, want)
			}
			for i := range want {
				if rec.cues[i] != want[i] {
					t.Fatalf("cues %v, want %v", rec.cues, want)
				}
			}
		})
	}
}

// TestBoardSoundCues: the board plays by default; its podium rolls the
// drum at the 3rd place and plays the fanfare with the 1st; the key M
// mutes it.
func TestBoardSoundCues(t *testing.T) {
	b := &fakeBackend{team: &fakeConn{}, host: &fakeConn{}}
	a := newTestApp(t, 1920, 1080, 1, b)
	rec := &cueRecorder{}
	a.player = rec
	now := testNow
	a.now = func() time.Time { return now }
	s := hostScreen(game.PhaseLeaderboard, nil)(a).(*hostScene)
	a.scene = s
	conn := s.conn.(*fakeConn)
	step := func() { a.in = frame{}; s.update(a) }
	step()
	conn.setHost(hostView(game.PhasePodium, nil))
	step()
	now = now.Add(podiumStep)
	step()
	now = now.Add(podiumStep)
	step()
	if len(rec.cues) != 2 || rec.cues[0] != cueDrumRoll || rec.cues[1] != cueFanfare {
		t.Fatalf("podium cues %v, want the drum roll then the fanfare", rec.cues)
	}
	if n, ok := describeScene(a).find("sound"); !ok || n.Label != msgSoundOn {
		t.Fatalf("the board's mirror lacks « %s »: %+v", msgSoundOn, n)
	}
	a.in = frame{intents: []intent{{kind: intentSound}}}
	s.update(a)
	if a.soundOn(soundBoard) {
		t.Fatal("the key M did not mute the board")
	}
	conn.setHost(hostView(game.PhaseCardOpen, qcmCard(false)))
	step()
	if len(rec.cues) != 2 {
		t.Fatalf("a muted board played %v", rec.cues[2:])
	}
}

// TestSynthCues: every cue has a sound, short, within full scale.
func TestSynthCues(t *testing.T) {
	for c := cueNone + 1; c < cueCount; c++ {
		b := synth(c)
		secs := float64(len(b)/4) / sampleRate
		if secs <= 0 || secs > 3 {
			t.Errorf("cue %d lasts %.2f s", c, secs)
		}
	}
}
