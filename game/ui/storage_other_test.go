//go:build !js

package ui

import (
	"os"
	"path/filepath"
	"testing"
)

// TestFileStore uses a real file in a temporary directory.
func TestFileStore(t *testing.T) {
	path := filepath.Join(t.TempDir(), "metodd", "team.json")
	fs := &FileStore{Path: path}
	if _, ok := fs.Load(); ok {
		t.Fatal("Load on a missing file says ok")
	}
	if err := fs.Clear(); err != nil {
		t.Fatalf("Clear on a missing file: %v", err)
	}
	want := SavedTeam{Server: "http://127.0.0.1:8080", Code: "K7PM3Q", Token: "tok-1", Role: "team"}
	if err := fs.Save(want); err != nil {
		t.Fatal(err)
	}
	st, err := os.Stat(path)
	if err != nil {
		t.Fatal(err)
	}
	if st.Mode().Perm() != 0o600 {
		t.Errorf("file mode %v, want 0600 (the token is a credential)", st.Mode().Perm())
	}
	if got, ok := (&FileStore{Path: path}).Load(); !ok || got != want {
		t.Fatalf("Load = %+v, %v; want %+v", got, ok, want)
	}
	for _, bad := range []string{"", "{", `{"code":"K7PM3Q","role":"team"}`, string(make([]byte, maxSavedBytes+1))} {
		if err := os.WriteFile(path, []byte(bad), 0o600); err != nil {
			t.Fatal(err)
		}
		if got, ok := fs.Load(); ok {
			t.Errorf("Load of %.20q = %+v, want nothing", bad, got)
		}
	}
	if err := fs.Save(want); err != nil {
		t.Fatal(err)
	}
	if err := fs.Clear(); err != nil {
		t.Fatal(err)
	}
	if _, ok := fs.Load(); ok {
		t.Fatal("Load after Clear says ok")
	}
}
