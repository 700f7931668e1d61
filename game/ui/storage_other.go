//go:build !js

package ui

import (
	"errors"
	"io/fs"
	"os"
	"path/filepath"
)

// FileStore keeps the saved team in a small JSON file (desktop).
type FileStore struct{ Path string }

// DefaultTeamStore is the desktop store: os.UserConfigDir()/metodd/team.json,
// or nil (no resume after a restart) when there is no configuration
// directory.
func DefaultTeamStore() TeamStore {
	dir, err := os.UserConfigDir()
	if err != nil || dir == "" {
		return nil
	}
	return &FileStore{Path: filepath.Join(dir, "metodd", "team.json")}
}

func (f *FileStore) Load() (SavedTeam, bool) {
	b, err := os.ReadFile(f.Path)
	if err != nil {
		return SavedTeam{}, false
	}
	return decodeSaved(b)
}

// Save writes the file through a temporary one, so a crash never leaves
// half a file; only the user may read it (the token is a credential).
func (f *FileStore) Save(t SavedTeam) error {
	if err := os.MkdirAll(filepath.Dir(f.Path), 0o700); err != nil {
		return err
	}
	tmp := f.Path + ".tmp"
	if err := os.WriteFile(tmp, encodeSaved(t), 0o600); err != nil {
		return err
	}
	return os.Rename(tmp, f.Path)
}

func (f *FileStore) Clear() error {
	if err := os.Remove(f.Path); err != nil && !errors.Is(err, fs.ErrNotExist) {
		return err
	}
	return nil
}

// keepCodeInURL: a desktop window has no address to keep the code in.
func keepCodeInURL(string) {}
