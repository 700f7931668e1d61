package ui

import (
	"bytes"
	"fmt"
	"sync"

	"github.com/ebitengine/oto/v3"
)

// The speaker drives the audio device through oto, the library under
// Ebiten's audio package, used directly: audio.NewContext installs a hook
// that turns any device error into the end of ebiten.RunGame, and a
// machine without a sound card (Xvfb, a server room's PC) must still
// play, silently. Here a failure disables sound, logged once.
//
// In the browser the AudioContext starts suspended; oto resumes it on the
// first touchend, keyup or mouseup, and the speaker opens only once a
// screen's sound is on (a team's phone that never turns it on creates no
// AudioContext).

// speaker plays cues on the device. Its zero value is unusable: newSpeaker.
type speaker struct {
	mu      sync.Mutex
	ctx     *oto.Context
	ready   chan struct{}
	failed  bool
	sounds  [cueCount][]byte
	players []*oto.Player // playing: kept until done
}

var (
	speakerOnce sync.Once
	theSpeaker  *speaker
)

// newSpeaker opens the device (once per program: oto allows one context)
// and synthesizes the cues. It never fails: a speaker without a device is
// silent.
func newSpeaker() cuePlayer {
	speakerOnce.Do(func() {
		sp := &speaker{}
		for c := cueNone + 1; c < cueCount; c++ {
			sp.sounds[c] = synth(c)
		}
		ctx, ready, err := openContext()
		if err != nil {
			logSoundOnce(err)
			sp.failed = true
		} else {
			sp.ctx, sp.ready = ctx, ready
			if err := resumeContext(ctx); err != nil {
				logSoundOnce(err)
			}
		}
		theSpeaker = sp
	})
	return theSpeaker
}

// openContext creates oto's context; a panic from the platform (a browser
// throwing in the AudioContext constructor) becomes an error.
func openContext() (ctx *oto.Context, ready chan struct{}, err error) {
	defer func() {
		if r := recover(); r != nil {
			ctx, ready, err = nil, nil, fmt.Errorf("audio: %v", r)
		}
	}()
	return oto.NewContext(&oto.NewContextOptions{SampleRate: sampleRate, ChannelCount: 1, Format: oto.FormatFloat32LE})
}

// resumeContext asks a browser's AudioContext to start now: it may, when
// the page already had a user gesture (the click on the toggle itself);
// otherwise oto resumes it on the next one.
func resumeContext(ctx *oto.Context) (err error) {
	defer func() {
		if r := recover(); r != nil {
			err = fmt.Errorf("audio: resume: %v", r)
		}
	}()
	return ctx.Resume()
}

// play starts c; nothing when the device failed or is not ready yet (a
// cue is only worth hearing at its moment).
func (sp *speaker) play(c cue) {
	defer func() {
		if r := recover(); r != nil {
			sp.fail(fmt.Errorf("audio: %v", r))
		}
	}()
	sp.mu.Lock()
	defer sp.mu.Unlock()
	if sp.failed || c <= cueNone || c >= cueCount {
		return
	}
	if err := sp.ctx.Err(); err != nil {
		sp.failed = true
		logSoundOnce(err)
		return
	}
	select {
	case <-sp.ready:
	default:
		return // the browser waits for a gesture; the device opens
	}
	kept := sp.players[:0]
	for _, p := range sp.players {
		if p.IsPlaying() {
			kept = append(kept, p)
		} else {
			_ = p.Close()
		}
	}
	sp.players = kept
	p := sp.ctx.NewPlayer(bytes.NewReader(sp.sounds[c]))
	p.Play()
	sp.players = append(sp.players, p)
}

func (sp *speaker) fail(err error) {
	sp.mu.Lock()
	sp.failed = true
	sp.mu.Unlock()
	logSoundOnce(err)
}
