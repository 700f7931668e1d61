package ui

import (
	"encoding/binary"
	"log"
	"math"
	"math/rand/v2"

	"metodd/game"
)

// Short sounds (issue 12): a cue when a card opens, a tick in its last
// seconds, a chime at the reveal (right or wrong on a team's screen), a
// drum roll and a fanfare with the staged podium. They are synthesized here
// at start (no sound file), played by the speaker (audio_speaker.go), and
// never the only channel of anything: every cue doubles something drawn.

// cue is one of the game's sounds.
type cue int

const (
	cueNone     cue = iota
	cueCardOpen     // a card opens
	cueTick         // each of the open card's last tickSeconds
	cueReveal       // the answer is revealed (the board; a team that did not answer)
	cueRight        // a team's answer was right
	cueWrong        // a team's answer was wrong
	cueDrumRoll     // the podium starts its staged reveal (the board)
	cueFanfare      // the first place is shown (the board), the podium (a team)
	cueCount
)

// tickSeconds: the countdown ticks in the open card's last 5 seconds,
// what a room counts aloud.
const tickSeconds = 5

// soundRole is whose screen plays: the board plays by default, a team's or
// an agent's screen (a room full of phones) only once turned on.
type soundRole int

const (
	soundBoard soundRole = iota
	soundTeam
)

// soundPrefKey is the preference that remembers the toggle, per role.
func (r soundRole) prefKey() string {
	if r == soundBoard {
		return "son.plateau"
	}
	return "son.equipe"
}

// defaultOn: the partner's board has sound, the teams' browsers do not.
func (r soundRole) defaultOn() bool { return r == soundBoard }

// Stored values of the sound preference.
const (
	prefOn  = "on"
	prefOff = "off"
)

// cueState is what the cues depend on, read from a view each frame.
type cueState struct {
	phase  game.Phase
	card   string
	secs   int // seconds left on the open card
	paused bool
	result int // a team's revealed card: resultNone, resultRight, resultWrong
	podium int // places shown on the board's podium; podiumUnstaged on a team
}

// Revealed outcomes for cueState.result.
const (
	resultNone = iota
	resultRight
	resultWrong
)

// podiumUnstaged marks a screen whose podium shows at once (a team's):
// a fanfare when it comes, no drum roll.
const podiumUnstaged = -1

// cueTracker turns the successive states of a screen into cues: what
// changed since the last frame. The first state it sees plays nothing (a
// reload in the middle of a card makes no sound).
type cueTracker struct {
	last cueState
	seen bool
}

func (t *cueTracker) step(cur cueState) cue {
	prev, seen := t.last, t.seen
	t.last, t.seen = cur, true
	if !seen {
		return cueNone
	}
	open := game.PhaseCardOpen
	switch {
	case cur.phase == open && (prev.phase != open || prev.card != cur.card):
		return cueCardOpen
	case cur.phase == open && !cur.paused && cur.secs != prev.secs && cur.secs >= 1 && cur.secs <= tickSeconds:
		return cueTick
	case cur.phase == game.PhaseRevealed && prev.phase != game.PhaseRevealed:
		switch cur.result {
		case resultRight:
			return cueRight
		case resultWrong:
			return cueWrong
		}
		return cueReveal
	case cur.phase == game.PhasePodium && prev.phase != game.PhasePodium:
		if cur.podium == podiumUnstaged {
			return cueFanfare
		}
		return cueDrumRoll
	case cur.phase == game.PhasePodium && cur.podium >= 3 && prev.podium < 3 && prev.podium != podiumUnstaged:
		return cueFanfare
	}
	return cueNone
}

// teamCueState is a team's screen's state for the cues.
func (s *teamScene) cueState(a *App) cueState {
	v := s.view
	st := cueState{phase: v.Session.Phase, paused: v.Session.Paused, podium: podiumUnstaged}
	if v.Card != nil {
		st.card = v.Card.ID
	}
	if st.phase == game.PhaseCardOpen {
		st.secs = secondsLeft(v.Clock.Remaining, s.viewAt, a.now(), v.Session.Paused)
	}
	if st.phase == game.PhaseRevealed && v.Result != nil && v.Result.Answered && (v.Card == nil || v.Card.Type != game.TypeDefi) {
		st.result = resultWrong
		if v.Result.Good {
			st.result = resultRight
		}
	}
	return st
}

// hostCueState is the board's state for the cues.
func (s *hostScene) cueState(a *App) cueState {
	v := s.view
	st := cueState{phase: v.Session.Phase, paused: v.Session.Paused}
	if v.Card != nil {
		st.card = v.Card.ID
	}
	if st.phase == game.PhaseCardOpen {
		st.secs = secondsLeft(v.Clock.Remaining, s.viewAt, a.now(), v.Session.Paused)
	}
	if st.phase == game.PhasePodium {
		st.podium = s.podiumShown(a.now())
	}
	return st
}

// cuePlayer plays cues: the speaker, or a recorder in tests.
type cuePlayer interface {
	play(cue)
}

// soundOn says whether role's screen plays sounds: the remembered choice,
// else the role's default.
func (a *App) soundOn(r soundRole) bool {
	if v, ok := a.soundPref[r]; ok {
		return v
	}
	on := r.defaultOn()
	if a.opts.Prefs != nil {
		switch v, _ := a.opts.Prefs.Get(r.prefKey()); v {
		case prefOn:
			on = true
		case prefOff:
			on = false
		}
	}
	if a.soundPref == nil {
		a.soundPref = map[soundRole]bool{}
	}
	a.soundPref[r] = on
	return on
}

// toggleSound turns role's sound on or off and remembers it.
func (a *App) toggleSound(r soundRole) {
	on := !a.soundOn(r)
	a.soundPref[r] = on
	if a.opts.Prefs != nil {
		v := prefOff
		if on {
			v = prefOn
		}
		if err := a.opts.Prefs.Set(r.prefKey(), v); err != nil {
			log.Printf("metodd: sound preference not saved: %v", err) // the toggle still works for this page
		}
	}
	a.toast(soundLabel(on))
}

// soundLabel is the toggle's label: « Son : activé » or « Son : coupé ».
func soundLabel(on bool) string {
	if on {
		return msgSoundOn
	}
	return msgSoundOff
}

// updateSound is a scene's sound step: the toggle (a click on r, or the
// key M), then the cue the state's change calls for, played if role's
// sound is on.
func (a *App) updateSound(r soundRole, toggle rect, t *cueTracker, st cueState) {
	if (toggle.W > 0 && a.clicked(toggle)) || a.has(intentSound) {
		a.toggleSound(r)
	}
	c := t.step(st)
	if c == cueNone || !a.soundOn(r) {
		return
	}
	if a.player == nil && a.opts.Sound {
		a.player = newSpeaker()
	}
	if a.player != nil {
		a.player.play(c)
	}
}

// Synthesis: mono float32 samples, made once when the speaker opens.
const (
	sampleRate = 44100
	// soundGain keeps the cues well below full scale: a projector's
	// speakers are loud, a phone's close to the ear.
	soundGain = 0.35
)

// note is a tone: its frequency (Hz), start and length (seconds), and
// its loudness (0–1).
type note struct {
	freq, at, dur, vol float64
}

// synth renders cue c as little-endian float32 samples.
func synth(c cue) []byte {
	var notes []note
	noise := 0.0 // seconds of drum roll
	switch c {
	case cueCardOpen: // a rising fifth
		notes = []note{{660, 0, 0.09, 0.8}, {990, 0.09, 0.16, 0.8}}
	case cueTick: // a short wood-block click
		notes = []note{{1200, 0, 0.035, 0.6}}
	case cueReveal: // a major arpeggio
		notes = []note{{523.25, 0, 0.12, 0.7}, {659.25, 0.1, 0.12, 0.7}, {783.99, 0.2, 0.3, 0.7}}
	case cueRight: // bright, upwards
		notes = []note{{783.99, 0, 0.1, 0.8}, {1046.5, 0.1, 0.3, 0.8}}
	case cueWrong: // low, downwards
		notes = []note{{311.13, 0, 0.14, 0.8}, {233.08, 0.14, 0.3, 0.8}}
	case cueDrumRoll: // the roll lasts until the first place shows
		noise = (2 * podiumStep).Seconds()
	case cueFanfare: // C E G C, the last held
		notes = []note{{523.25, 0, 0.12, 0.8}, {659.25, 0.12, 0.12, 0.8}, {783.99, 0.24, 0.12, 0.8}, {1046.5, 0.36, 0.6, 0.9}}
	}
	end := noise
	for _, n := range notes {
		end = math.Max(end, n.at+n.dur)
	}
	samples := make([]float32, int(end*sampleRate)+1)
	for _, n := range notes {
		first := int(n.at * sampleRate)
		count := int(n.dur * sampleRate)
		for i := 0; i < count && first+i < len(samples); i++ {
			t := float64(i) / sampleRate
			// A quick attack and an exponential decay: a struck sound,
			// no click at either end.
			env := math.Min(1, t/0.005) * math.Exp(-4*t/n.dur) * math.Min(1, (n.dur-t)/0.01)
			v := math.Sin(2*math.Pi*n.freq*t) + 0.3*math.Sin(4*math.Pi*n.freq*t)
			samples[first+i] += float32(soundGain * n.vol * env * v / 1.3)
		}
	}
	if noise > 0 {
		r := rand.New(rand.NewPCG(1, 2)) // the same roll every time
		hit := 1.0 / 18                  // 18 strokes a second
		for i := range samples {
			t := float64(i) / sampleRate
			since := math.Mod(t, hit)
			swell := 0.35 + 0.65*t/noise // a crescendo
			env := math.Exp(-since / 0.02)
			samples[i] += float32(soundGain * swell * env * (r.Float64()*2 - 1) * 0.7)
		}
	}
	out := make([]byte, 4*len(samples))
	for i, v := range samples {
		binary.LittleEndian.PutUint32(out[4*i:], math.Float32bits(v))
	}
	return out
}

// soundLogged is whether the speaker's failure was logged: once per run.
var soundLogged bool

// logSoundOnce logs why there is no sound, the first time only.
func logSoundOnce(err error) {
	if !soundLogged {
		soundLogged = true
		log.Printf("metodd: no sound: %v", err)
	}
}
