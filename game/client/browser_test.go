//go:build !js

package client

import (
	"context"
	"encoding/json"
	"net/http"
	"net/http/httptest"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"
	"github.com/gorilla/websocket"

	"metodd/game"
	"metodd/internal/testenv"
)

// browserTimeout bounds the whole browser test: building the probe takes
// a few seconds when cached, Chromium starts in one or two, the exchange
// itself takes milliseconds.
const browserTimeout = 90 * time.Second

const chromiumPath = "/usr/bin/chromium"

const probePage = `<!doctype html><html><head><meta charset="utf-8"><title>chargement</title>
<script src="wasm_exec.js"></script></head><body><script>
const go = new Go();
WebAssembly.instantiateStreaming(fetch("probe.wasm"), go.importObject).then(r => go.run(r.instance));
</script></body></html>`

// TestBrowserTransport runs the js/wasm build of this package in headless
// Chromium: it joins through the browser's WebSocket, answers, is dropped
// and resumes with its token, and calls the JSON API through fetch (login,
// session creation with the Bearer token, join info, a refused call).
func TestBrowserTransport(t *testing.T) {
	testenv.Long(t, "browser test")
	testenv.File(t, chromiumPath, "Chromium (scripts/deps.sh installs it)")
	dir := t.TempDir()
	build := exec.Command("go", "build", "-o", filepath.Join(dir, "probe.wasm"), "./testdata/wasmprobe")
	build.Env = append(os.Environ(), "GOOS=js", "GOARCH=wasm")
	if out, err := build.CombinedOutput(); err != nil {
		t.Fatalf("building the wasm probe: %v\n%s", err, out)
	}
	goroot, err := exec.Command("go", "env", "GOROOT").Output()
	if err != nil {
		t.Fatalf("go env GOROOT: %v", err)
	}
	execJS, err := os.ReadFile(filepath.Join(strings.TrimSpace(string(goroot)), "lib", "wasm", "wasm_exec.js"))
	if err != nil {
		t.Fatal(err)
	}

	resumed := make(chan string, 1)
	up := websocket.Upgrader{} // the default origin check: same host, as the server does
	mux := http.NewServeMux()
	mux.HandleFunc("/{$}", func(w http.ResponseWriter, r *http.Request) { w.Write([]byte(probePage)) })
	mux.HandleFunc("/wasm_exec.js", func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "text/javascript")
		w.Write(execJS)
	})
	mux.HandleFunc("/probe.wasm", func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "application/wasm")
		http.ServeFile(w, r, filepath.Join(dir, "probe.wasm"))
	})
	mux.HandleFunc("/api/campaign", func(w http.ResponseWriter, r *http.Request) {
		w.Write([]byte(`{"year":2025,"goal":200,"count":137}`))
	})
	// The API calls the probe makes through fetch, checked as the real
	// server would: method, JSON body, Bearer token.
	mux.HandleFunc("POST /api/login", func(w http.ResponseWriter, r *http.Request) {
		var in map[string]string
		if r.Header.Get("Content-Type") != "application/json" || json.NewDecoder(r.Body).Decode(&in) != nil ||
			in["login"] != "ines" || in["password"] != "mot de passe" {
			http.Error(w, `{"error":"identifiants refusés"}`, http.StatusUnauthorized)
			return
		}
		w.Write([]byte(`{"token":"jeton-api","role":"partner","name":"Inès"}`))
	})
	mux.HandleFunc("POST /api/sessions", func(w http.ResponseWriter, r *http.Request) {
		var in game.SessionRequest
		if r.Header.Get("Authorization") != "Bearer jeton-api" || json.NewDecoder(r.Body).Decode(&in) != nil || in.Format != game.FormatExpress {
			http.Error(w, `{"error":"connexion requise"}`, http.StatusUnauthorized)
			return
		}
		w.Write([]byte(`{"id":"s1","code":"B4TQ9Z","joinUrl":"/?code=B4TQ9Z"}`))
	})
	mux.HandleFunc("GET /api/join/{code}", func(w http.ResponseWriter, r *http.Request) {
		if r.PathValue("code") != "B4TQ9Z" {
			w.WriteHeader(http.StatusNotFound)
			w.Write([]byte(`{"error":"Aucune séance en cours avec ce code."}`))
			return
		}
		w.Write([]byte(`{"code":"B4TQ9Z","title":"Séance d’essai","mode":"team","phase":"lobby","teams":["Les Castors","Les Hiboux"]}`))
	})
	mux.HandleFunc("/ws", func(w http.ResponseWriter, r *http.Request) {
		ws, err := up.Upgrade(w, r, nil)
		if err != nil {
			return
		}
		defer ws.Close()
		send := func(typ string, data any) {
			raw, _ := json.Marshal(data)
			b, _ := json.Marshal(game.Envelope{V: game.ProtocolVersion, Type: typ, Data: raw})
			ws.WriteMessage(websocket.TextMessage, b)
		}
		read := func() game.Envelope {
			var env game.Envelope
			_, b, err := ws.ReadMessage()
			if err == nil {
				json.Unmarshal(b, &env)
			}
			return env
		}
		hello := read()
		welcome := game.Welcome{Role: "team", Code: "K7M3QX", PlayerID: "p-nav", TeamID: "t1", Token: "jeton-nav"}
		view := game.TeamView{PlayerID: "p-nav", TeamName: "Équipe Navigateur",
			Session: game.SessionInfo{Code: "K7M3QX", Phase: game.PhaseCardOpen, CardIndex: 1},
			Card:    &game.CardView{ID: "c01", Type: game.TypeQCM, Choices: []string{"Oui", "Non"}}}
		switch hello.Type {
		case game.MsgJoin:
			var j game.Join
			if json.Unmarshal(hello.Data, &j) != nil || j.Code != "K7M3QX" || j.Members[0].FirstName != "Noémie" {
				send(game.MsgError, game.ErrorMsg{Code: "bad-join", Message: "Inscription illisible."})
				return
			}
			send(game.MsgWelcome, welcome)
			send(game.MsgTeamView, view)
			cmd := read()
			var p Payload
			if game.Kind(cmd.Type) != game.KindAnswer || json.Unmarshal(cmd.Data, &p) != nil || p.Answer == nil || *p.Answer.Choice != 1 {
				send(game.MsgError, game.ErrorMsg{Code: "bad-answer", Message: "Réponse illisible."})
				return
			}
			view.Answer = p.Answer
			send(game.MsgTeamView, view)
			// Then the link drops (return closes it).
		case game.MsgResume:
			var rs game.Resume
			json.Unmarshal(hello.Data, &rs)
			resumed <- rs.Token
			if rs.Token != "jeton-nav" {
				send(game.MsgError, game.ErrorMsg{Code: "bad-token", Message: "Jeton inconnu."})
				return
			}
			send(game.MsgWelcome, welcome)
			view.Score = 999
			send(game.MsgTeamView, view)
			read() // until the page closes
		}
	})
	srv := httptest.NewServer(mux)
	defer srv.Close()

	ctx, cancel := context.WithTimeout(context.Background(), browserTimeout)
	defer cancel()
	opts := append(chromedp.DefaultExecAllocatorOptions[:],
		chromedp.ExecPath(chromiumPath), chromedp.NoSandbox, chromedp.DisableGPU,
		chromedp.Flag("disable-quic", true), chromedp.UserDataDir(t.TempDir()))
	actx, acancel := chromedp.NewExecAllocator(ctx, opts...)
	defer acancel()
	bctx, bcancel := chromedp.NewContext(actx)
	defer bcancel()

	if _, err := chromedp.Run(bctx, chromedp.Navigate(srv.URL+"/?code=K7M3QX")); err != nil {
		t.Fatalf("chromium: %v", err)
	}
	var title string
	for {
		var err error
		if title, err = chromedp.Run(bctx, chromedp.Title()); err != nil {
			t.Fatalf("chromium: %v", err)
		}
		if strings.HasPrefix(title, "OK") || strings.HasPrefix(title, "FAIL") {
			break
		}
		select {
		case <-ctx.Done():
			t.Fatalf("the probe did not finish: title %q", title)
		case <-time.After(50 * time.Millisecond): // polling the page title against the deadline
		}
	}
	if want := "OK player=p-nav score=999 campaign=137/200 login=partner session=B4TQ9Z join=Séance d’essai/2 unknown=Aucune séance en cours avec ce code."; title != want {
		t.Fatalf("probe says %q, want %q", title, want)
	}
	if tok := <-resumed; tok != "jeton-nav" {
		t.Fatalf("resumed with %q", tok)
	}
}
