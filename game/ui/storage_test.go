package ui

import (
	"testing"
	"time"

	"metodd/game"
)

func TestShouldResume(t *testing.T) {
	saved := SavedTeam{Server: "http://metodd.local:8080", Code: "K7PM3Q", Token: "tok-1", Role: "team"}
	tests := []struct {
		name         string
		saved        SavedTeam
		ok           bool
		server, code string
		want         bool
	}{
		{"same session", saved, true, "http://metodd.local:8080", "K7PM3Q", true},
		{"typed code in lower case with a dash", saved, true, "http://METODD.local:8080/", "k7p-m3q", true},
		{"nothing saved", SavedTeam{}, false, "http://metodd.local:8080", "K7PM3Q", false},
		{"another code", saved, true, "http://metodd.local:8080", "ABCDEF", false},
		{"another server", saved, true, "http://autre.local:8080", "K7PM3Q", false},
		{"no token", SavedTeam{Server: saved.Server, Code: "K7PM3Q", Role: "team"}, true, saved.Server, "K7PM3Q", false},
		{"host role", SavedTeam{Server: saved.Server, Code: "K7PM3Q", Token: "x", Role: "host"}, true, saved.Server, "K7PM3Q", false},
	}
	for _, tt := range tests {
		if got := shouldResume(tt.saved, tt.ok, tt.server, tt.code); got != tt.want {
			t.Errorf("%s: shouldResume = %v, want %v", tt.name, got, tt.want)
		}
	}
}

func TestForgetTeam(t *testing.T) {
	tests := []struct {
		bye   game.ByeReason
		phase game.Phase
		want  bool
	}{
		{"", game.PhaseLobby, false},
		{game.ByeSlow, game.PhaseCardOpen, false},
		{game.ByeShutdown, game.PhaseCardOpen, false},
		{game.ByeReplaced, game.PhaseCardOpen, false},
		{game.ByeRemoved, game.PhaseCardOpen, false}, // its way back (« Revenir dans la séance »)
		{game.ByeBanned, game.PhaseLobby, true},
		{game.ByeClosed, game.PhaseCardOpen, true},
		{"", game.PhaseClosed, true},
		{"", game.PhaseEnded, true},
		{game.ByeRemoved, game.PhaseEnded, true},
	}
	for _, tt := range tests {
		if got := forgetTeam(tt.bye, tt.phase); got != tt.want {
			t.Errorf("forgetTeam(%q, %q) = %v, want %v", tt.bye, tt.phase, got, tt.want)
		}
	}
}

// runDone runs the result of one background job, as Update would.
func runDone(t *testing.T, a *App) {
	t.Helper()
	select {
	case f := <-a.done:
		f()
	case <-time.After(5 * time.Second):
		t.Fatal("no background result")
	}
}

func storeApp(t *testing.T, b *fakeBackend, st *memStore, code string) *App {
	t.Helper()
	return startApp(t, Options{Server: "http://localhost:8080", Code: code, Connect: func(string) Backend { return b }, Store: st})
}

// startApp is the app as it starts with opts, fonts loaded, on its first
// scene.
func startApp(t *testing.T, opts Options) *App {
	t.Helper()
	a := New(opts)
	f, err := loadFonts()
	if err != nil {
		t.Fatal(err)
	}
	a.fonts = f
	a.now = func() time.Time { return testNow }
	a.resize(1280, 720, 1)
	a.scene = a.firstScene()
	return a
}

// TestResumeAfterReload: a saved token for the opened code resumes the team
// without the form; the end of the session forgets it.
func TestResumeAfterReload(t *testing.T) {
	conn := &fakeConn{role: "team", code: "K7PM3Q", token: "tok-1"}
	conn.setTeam(teamView(game.PhaseLobby, nil))
	b := &fakeBackend{team: conn}
	st := &memStore{t: SavedTeam{Server: "http://localhost:8080", Code: "K7PM3Q", Token: "tok-1", Role: "team"}, ok: true}
	a := storeApp(t, b, st, "K7PM3Q")
	if _, ok := a.scene.(*resumeScene); !ok {
		t.Fatalf("first scene %T, want the resume", a.scene)
	}
	a.scene.update(a)
	runDone(t, a)
	ts, ok := a.scene.(*teamScene)
	if !ok {
		t.Fatalf("after resume: scene %T, want the team's screen", a.scene)
	}
	if len(b.resumed) != 1 || b.resumed[0] != "tok-1" || b.joined != nil {
		t.Fatalf("resumed %v joined %v: want one resume with the saved token and no join", b.resumed, b.joined)
	}
	if a.focus != nil {
		t.Error("a hidden form field keeps the focus on the team's screen")
	}
	ts.update(a)
	if _, ok := st.Load(); !ok {
		t.Fatal("token forgotten while the session goes on")
	}
	conn.setTeam(teamView(game.PhaseEnded, nil))
	ts.update(a)
	if _, ok := st.Load(); ok {
		t.Fatal("token kept after the session ended")
	}
}

// TestResumeRefused: a refused token is forgotten and the form shows, with
// the server's message.
func TestResumeRefused(t *testing.T) {
	b := &fakeBackend{team: &fakeConn{}}
	st := &memStore{t: SavedTeam{Server: "http://localhost:8080", Code: "K7PM3Q", Token: "stale", Role: "team"}, ok: true}
	a := storeApp(t, b, st, "K7PM3Q")
	a.scene.update(a)
	runDone(t, a)
	f, ok := a.scene.(*teamSetupScene)
	if !ok {
		t.Fatalf("scene %T, want the team form", a.scene)
	}
	if f.err == "" {
		t.Error("the refusal is not shown")
	}
	if _, ok := st.Load(); ok {
		t.Fatal("refused token kept")
	}
}

// TestResumeOnStart: the desktop started without a code resumes the team
// it kept on this server; a refusal forgets it and leads home with the
// message; another server's team, or the option off (the browser), opens
// home.
func TestResumeOnStart(t *testing.T) {
	start := func(st *memStore, b *fakeBackend, on bool) *App {
		return startApp(t, Options{Server: "http://localhost:8080", Connect: func(string) Backend { return b }, Store: st, ResumeOnStart: on})
	}
	saved := SavedTeam{Server: "http://localhost:8080/", Code: "K7PM3Q", Token: "tok-1", Role: "team"}
	conn := &fakeConn{role: "team", code: "K7PM3Q", token: "tok-1"}
	conn.setTeam(teamView(game.PhaseLobby, nil))
	b := &fakeBackend{team: conn}
	a := start(&memStore{t: saved, ok: true}, b, true)
	if _, ok := a.scene.(*resumeScene); !ok {
		t.Fatalf("first scene %T, want the resume", a.scene)
	}
	a.scene.update(a)
	runDone(t, a)
	if _, ok := a.scene.(*teamScene); !ok || len(b.resumed) != 1 {
		t.Fatalf("after the start: scene %T, resumes %v; want the team's screen", a.scene, b.resumed)
	}

	stale := saved
	stale.Token = "stale"
	st := &memStore{t: stale, ok: true}
	a = start(st, &fakeBackend{team: &fakeConn{}}, true)
	a.scene.update(a)
	runDone(t, a)
	if _, ok := a.scene.(*homeScene); !ok || a.toastMsg == "" {
		t.Fatalf("refused at start: scene %T, toast %q; want home with the message", a.scene, a.toastMsg)
	}
	if _, ok := st.Load(); ok {
		t.Fatal("refused token kept")
	}

	other := saved
	other.Server = "http://autre:8080"
	if a := start(&memStore{t: other, ok: true}, b, true); !isHome(a.scene) {
		t.Errorf("another server's team: first scene %T, want home", a.scene)
	}
	if a := start(&memStore{t: saved, ok: true}, b, false); !isHome(a.scene) {
		t.Errorf("option off: first scene %T, want home", a.scene)
	}
}

func isHome(s scene) bool { _, ok := s.(*homeScene); return ok }

// TestJoinSavesToken: joining through the form saves the Welcome's token;
// another code opens the form; a ban forgets the token.
func TestJoinSavesToken(t *testing.T) {
	conn := &fakeConn{role: "team", code: "K7PM3Q", token: "tok-9"}
	conn.setTeam(teamView(game.PhaseLobby, nil))
	b := &fakeBackend{team: conn}
	st := &memStore{t: SavedTeam{Server: "http://localhost:8080", Code: "AAAAAA", Token: "old", Role: "team"}, ok: true}
	a := storeApp(t, b, st, "K7PM3Q")
	s, ok := a.scene.(*teamSetupScene)
	if !ok {
		t.Fatalf("scene %T, want the form (the saved team is another session's)", a.scene)
	}
	s.name.setText("Les Sobres Heureux")
	m := s.members[0]
	m.first.setText("Amélie")
	m.last.setText("Lefèvre")
	m.dir.setText("Déchets")
	m.coll = 0
	s.submit(a)
	runDone(t, a)
	ts, ok := a.scene.(*teamScene)
	if !ok {
		t.Fatalf("scene %T after join (%s)", a.scene, s.err)
	}
	want := SavedTeam{Server: "http://localhost:8080", Code: "K7PM3Q", Token: "tok-9", Role: "team"}
	if got, ok := st.Load(); !ok || got != want {
		t.Fatalf("saved %+v, %v; want %+v", got, ok, want)
	}
	conn.mu.Lock()
	conn.bye, conn.state = game.ByeBanned, ConnClosed
	conn.mu.Unlock()
	ts.update(a)
	if _, ok := st.Load(); ok {
		t.Fatal("token kept after a ban")
	}
}
