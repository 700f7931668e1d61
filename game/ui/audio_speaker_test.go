//go:build !js

package ui

import (
	"testing"
	"time"
)

// TestSpeakerNeverBlocks: the real speaker on this machine (under Xvfb
// there is usually no sound card): opening it and playing every cue
// returns at once, never panics, and within a deadline the device either
// works or is given up (no sound, logged once).
func TestSpeakerNeverBlocks(t *testing.T) {
	sp := newSpeaker().(*speaker)
	deadline := time.Now().Add(10 * time.Second)
	for {
		start := time.Now()
		for c := cueNone + 1; c < cueCount; c++ {
			sp.play(c)
		}
		if d := time.Since(start); d > time.Second {
			t.Fatalf("playing the cues took %v", d)
		}
		sp.mu.Lock()
		failed := sp.failed
		sp.mu.Unlock()
		ready := false
		if sp.ready != nil {
			select {
			case <-sp.ready:
				ready = true
			default:
			}
		}
		if failed || ready {
			t.Logf("device: failed %v, ready %v", failed, ready)
			return
		}
		if time.Now().After(deadline) {
			t.Fatal("the audio device neither opened nor failed within 10 s")
		}
		time.Sleep(50 * time.Millisecond)
	}
}
