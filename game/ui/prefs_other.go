//go:build !js

package ui

import (
	"encoding/json"
	"os"
	"path/filepath"
	"sync"
)

// FilePrefs keeps the settings in a small JSON object file (desktop).
type FilePrefs struct {
	Path string
	mu   sync.Mutex
}

// DefaultPrefStore is os.UserConfigDir()/metodd/prefs.json, or nil when
// there is no configuration directory.
func DefaultPrefStore() PrefStore {
	dir, err := os.UserConfigDir()
	if err != nil || dir == "" {
		return nil
	}
	return &FilePrefs{Path: filepath.Join(dir, "metodd", "prefs.json")}
}

func (f *FilePrefs) load() map[string]string {
	m := map[string]string{}
	b, err := os.ReadFile(f.Path)
	if err != nil || len(b) > maxPrefBytes || json.Unmarshal(b, &m) != nil {
		return map[string]string{}
	}
	return m
}

func (f *FilePrefs) Get(key string) (string, bool) {
	f.mu.Lock()
	defer f.mu.Unlock()
	v, ok := f.load()[key]
	return v, ok
}

// Set rewrites the file through a temporary one: a crash never leaves
// half a file.
func (f *FilePrefs) Set(key, value string) error {
	f.mu.Lock()
	defer f.mu.Unlock()
	m := f.load()
	m[key] = value
	b, _ := json.Marshal(m) // strings only: cannot fail
	if err := os.MkdirAll(filepath.Dir(f.Path), 0o700); err != nil {
		return err
	}
	tmp := f.Path + ".tmp"
	if err := os.WriteFile(tmp, b, 0o600); err != nil {
		return err
	}
	return os.Rename(tmp, f.Path)
}
