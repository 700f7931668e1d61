//go:build !js

package ui

import (
	"path/filepath"
	"testing"
)

// TestFilePrefs: the desktop's preferences survive a restart (a new
// store on the same file) and keep each key.
func TestFilePrefs(t *testing.T) {
	path := filepath.Join(t.TempDir(), "metodd", "prefs.json")
	p := &FilePrefs{Path: path}
	if _, ok := p.Get("son.equipe"); ok {
		t.Fatal("an empty store has a value")
	}
	if err := p.Set("son.equipe", prefOn); err != nil {
		t.Fatal(err)
	}
	if err := p.Set("son.plateau", prefOff); err != nil {
		t.Fatal(err)
	}
	again := &FilePrefs{Path: path}
	if v, _ := again.Get("son.equipe"); v != prefOn {
		t.Fatalf("son.equipe = %q after a restart", v)
	}
	if v, _ := again.Get("son.plateau"); v != prefOff {
		t.Fatalf("son.plateau = %q after a restart", v)
	}
}
