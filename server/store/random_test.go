package store

import (
	"strings"
	"testing"
)

func TestNewPassword(t *testing.T) {
	seen := map[string]bool{}
	for range 50 {
		pw := NewPassword(12)
		if len(pw) != 12 {
			t.Fatalf("password %q: %d characters, want 12", pw, len(pw))
		}
		for _, r := range pw {
			if !strings.ContainsRune(passwordAlphabet, r) {
				t.Fatalf("password %q has %q, outside the alphabet", pw, r)
			}
		}
		if seen[pw] {
			t.Fatalf("password %q drawn twice", pw)
		}
		seen[pw] = true
	}
}
