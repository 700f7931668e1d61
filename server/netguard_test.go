package server

// Attacks on connections, logins and HTTP (issue 8), each reproduced
// through the real server (loopback listener with the server's own timeouts
// and caps, real websockets, a real SQLite file), and the defence asserted.

import (
	"bufio"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net"
	"net/http"
	"net/http/cookiejar"
	"net/url"
	"regexp"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/gorilla/websocket"

	"metodd/game"
	"metodd/server/dashboard"
	"metodd/server/ratelimit"
)

// wsURL is the server's websocket address.
func (e *env) wsURL() string { return "ws" + strings.TrimPrefix(e.hs.URL, "http") + "/ws" }

// rawDial opens a websocket and returns it, or the HTTP status of the
// refusal (and its French message).
func (e *env) rawDial() (*websocket.Conn, int, string) {
	d := websocket.Dialer{HandshakeTimeout: waitLimit}
	ws, resp, err := d.Dial(e.wsURL(), nil)
	if err != nil {
		if resp == nil {
			e.t.Fatalf("dial: %v", err)
		}
		var er struct{ Error string }
		raw, _ := io.ReadAll(resp.Body)
		json.Unmarshal(raw, &er)
		return nil, resp.StatusCode, er.Error
	}
	return ws, 0, ""
}

// healthz tells whether /healthz answers 200 within 2 s.
func (e *env) healthz() bool {
	c := http.Client{Timeout: 2 * time.Second}
	resp, err := c.Get(e.hs.URL + "/healthz")
	if err != nil {
		return false
	}
	resp.Body.Close()
	return resp.StatusCode == 200
}

// TestHelloFlood reproduces the flood of issue 8 (thousands of websockets
// opened from one client, none saying hello) and checks the budget: one
// address holds at most MaxPreHello of them, each for HelloWait at most
// (then bye "no-hello" and the close), /healthz answers throughout, and
// nothing is left.
func TestHelloFlood(t *testing.T) {
	e := newEnv(t, func(l *Limits) {
		l.HelloWait = time.Second
		l.MaxPreHello = 8
	})
	const flood = 1000
	var held []*websocket.Conn
	var mu sync.Mutex
	refused := map[int]int{}
	var msgs sync.Map
	// The server's own count, sampled throughout the flood.
	var maxOpen, maxPre atomic.Int64
	stop := make(chan struct{})
	sampled := make(chan struct{})
	go func() {
		defer close(sampled)
		for {
			o, p := e.srv.ConnCounts()
			if int64(o) > maxOpen.Load() {
				maxOpen.Store(int64(o))
			}
			if int64(p) > maxPre.Load() {
				maxPre.Store(int64(p))
			}
			select {
			case <-stop:
				return
			case <-time.After(time.Millisecond):
			}
		}
	}()
	var wg sync.WaitGroup
	sem := make(chan struct{}, 50)
	for range flood {
		wg.Add(1)
		sem <- struct{}{}
		go func() {
			defer wg.Done()
			defer func() { <-sem }()
			ws, status, msg := e.rawDial()
			mu.Lock()
			defer mu.Unlock()
			if ws != nil {
				held = append(held, ws)
			} else {
				refused[status]++
				msgs.Store(msg, true)
			}
		}()
	}
	wg.Wait()
	healthy := e.healthz()
	close(stop)
	<-sampled
	t.Logf("flood of %d hello-less websockets: %d upgraded, refused %v; server held at most %d (%d without hello); /healthz ok: %v",
		flood, len(held), refused, maxOpen.Load(), maxPre.Load(), healthy)
	if maxOpen.Load() > 8 || maxPre.Load() > 8 {
		t.Errorf("server held up to %d websockets, %d without hello: over the cap of 8", maxOpen.Load(), maxPre.Load())
	}
	if refused[http.StatusTooManyRequests] == 0 || len(held)+refused[http.StatusTooManyRequests] != flood {
		t.Errorf("flood answered %d upgrades and %v", len(held), refused)
	}
	if _, ok := msgs.Load(msgPreHelloFull); !ok {
		t.Errorf("refusal without the French message")
	}
	if !healthy {
		t.Error("/healthz does not answer during the flood")
	}
	// Each held socket gets bye "no-hello", then is closed.
	for i, ws := range held {
		ws.SetReadDeadline(time.Now().Add(waitLimit))
		var bye game.Bye
		for bye.Reason == "" {
			_, data, err := ws.ReadMessage()
			if err != nil {
				t.Fatalf("socket %d ended without a bye: %v", i, err)
			}
			var env game.Envelope
			json.Unmarshal(data, &env)
			if env.Type == game.MsgBye {
				json.Unmarshal(env.Data, &bye)
			}
		}
		if bye.Reason != game.ByeNoHello || bye.Message == "" {
			t.Errorf("socket %d: bye %+v", i, bye)
		}
		if _, _, err := ws.ReadMessage(); err == nil {
			t.Errorf("socket %d: a message after the bye", i)
		}
		ws.Close()
	}
	pollUntil(t, waitLimit, "websockets released", func() bool { o, p := e.srv.ConnCounts(); return o == 0 && p == 0 })
	if !strings.Contains(e.logs.String(), "too many without a hello") {
		t.Error("refusals not logged")
	}
}

// TestGlobalCap fills the global websocket cap with joined players and
// checks the next websocket gets a French 503 while /healthz and the API
// still answer (the listener keeps its reserve).
func TestGlobalCap(t *testing.T) {
	const capConns = 30
	e := newEnv(t, func(l *Limits) {
		l.MaxConns = capConns
		l.MaxHTTPConns = capConns + 20
	})
	s := e.createSession(e.partner, map[string]any{"format": "express", "mode": game.ModePlenary})
	for i := range capConns {
		c := e.dial(fmt.Sprintf("agent %d", i), nil)
		c.send(game.MsgJoin, game.Join{Code: s.Code, Team: fmt.Sprintf("Service %d", i%5), Members: []game.Member{agent("Agent", fmt.Sprintf("Numéro %d", i))}})
		c.await("welcome", func(env game.Envelope) bool { return env.Type == game.MsgWelcome })
	}
	ws, status, msg := e.rawDial()
	if ws != nil {
		ws.Close()
		t.Fatal("a websocket over the global cap was upgraded")
	}
	if status != http.StatusServiceUnavailable || msg != msgConnsFull {
		t.Fatalf("over the cap: %d %q", status, msg)
	}
	if !e.healthz() {
		t.Error("/healthz does not answer at the cap")
	}
	if st := e.api("GET", "/api/me", e.admin, nil, nil); st != 200 {
		t.Errorf("API at the cap: %d", st)
	}
}

// TestListenerCap opens more TCP connections than the listener's cap
// without sending anything: the extra ones are closed at once (instead of
// the process running out of descriptors), and the held ones free their
// slot when they end.
func TestListenerCap(t *testing.T) {
	e := newEnv(t, func(l *Limits) { l.MaxHTTPConns = 10 })
	addr := strings.TrimPrefix(e.hs.URL, "http://")
	var conns []net.Conn
	for range 10 {
		c, err := net.Dial("tcp", addr)
		if err != nil {
			t.Fatal(err)
		}
		conns = append(conns, c)
	}
	// The 11th is accepted and closed by the server: reading gives EOF.
	extra, err := net.Dial("tcp", addr)
	if err != nil {
		t.Fatal(err)
	}
	extra.SetReadDeadline(time.Now().Add(waitLimit))
	if _, err := extra.Read(make([]byte, 1)); !errors.Is(err, io.EOF) && !isReset(err) {
		t.Fatalf("connection over the listener cap not closed: %v", err)
	}
	extra.Close()
	for _, c := range conns {
		c.Close()
	}
	pollUntil(t, waitLimit, "/healthz after the held connections closed", e.healthz)
}

func isReset(err error) bool {
	return err != nil && strings.Contains(err.Error(), "reset")
}

// TestVenueBehindOneAddress is a plenary of 320 phones behind one NAT
// address (all from 127.0.0.1) while the per-address cap of sockets
// without a hello is 4: joined players do not count, so all get in; the
// cap still holds for hello-less sockets from that address.
func TestVenueBehindOneAddress(t *testing.T) {
	const players = 320
	e := newEnv(t, func(l *Limits) {
		l.MaxPreHello = 4
		l.MaxConns = 1000
	})
	s := e.createSession(e.partner, map[string]any{"format": "express", "mode": game.ModePlenary, "expected": players})
	host := e.hostConn(s.Code, e.partner)
	conns := make([]*websocket.Conn, players)
	var retried atomic.Int64
	var wg sync.WaitGroup
	sem := make(chan struct{}, 4) // phones tapping « Rejoindre » together
	for i := range players {
		wg.Add(1)
		sem <- struct{}{}
		go func() {
			defer wg.Done()
			defer func() { <-sem }()
			var ws *websocket.Conn
			for ws == nil {
				var status int
				ws, status, _ = e.rawDial()
				if ws == nil {
					// The real client retries after a backoff.
					if status != http.StatusTooManyRequests {
						t.Errorf("player %d refused: %d", i, status)
						return
					}
					retried.Add(1)
					time.Sleep(20 * time.Millisecond)
				}
			}
			raw, _ := json.Marshal(game.Join{Code: s.Code, Team: fmt.Sprintf("Direction %d", i%12), Members: []game.Member{agent("Agent", fmt.Sprintf("Plénière %d", i))}})
			hello, _ := json.Marshal(game.Envelope{V: game.ProtocolVersion, Type: game.MsgJoin, ID: "hello", Data: raw})
			ws.WriteMessage(websocket.TextMessage, hello)
			ws.SetReadDeadline(time.Now().Add(waitLimit))
			for {
				_, data, err := ws.ReadMessage()
				if err != nil {
					t.Errorf("player %d: %v", i, err)
					return
				}
				var env game.Envelope
				json.Unmarshal(data, &env)
				if env.Type == game.MsgWelcome {
					break
				}
				if env.Type == game.MsgError || env.Type == game.MsgBye {
					t.Errorf("player %d: %s %s", i, env.Type, env.Data)
					return
				}
			}
			ws.SetReadDeadline(time.Time{})
			conns[i] = ws
			// Keep reading views, as a phone does.
			go func() {
				for {
					if _, _, err := ws.ReadMessage(); err != nil {
						return
					}
				}
			}()
		}()
	}
	wg.Wait()
	if t.Failed() {
		return
	}
	host.awaitHost("all agents in", func(v *game.HostView) bool { return v.PlayerCount >= players })
	open, pre := e.srv.ConnCounts()
	t.Logf("%d players joined from one address (pre-hello cap 4, %d dials retried after 429); server holds %d websockets, %d without hello",
		players, retried.Load(), open, pre)
	if open != players+1 || pre != 0 {
		t.Fatalf("server holds %d websockets (%d without hello), want %d and 0", open, pre, players+1)
	}
	// The cap for hello-less sockets from this address still applies.
	var idle []*websocket.Conn
	for range 4 {
		ws, status, _ := e.rawDial()
		if ws == nil {
			t.Fatalf("hello-less socket under the cap refused: %d", status)
		}
		idle = append(idle, ws)
	}
	if ws, status, _ := e.rawDial(); ws != nil || status != http.StatusTooManyRequests {
		t.Fatalf("5th hello-less socket: %v %d", ws != nil, status)
	}
	for _, ws := range idle {
		ws.Close()
	}
	// And every joined phone is still connected.
	for i, ws := range conns {
		if err := ws.WriteControl(websocket.PingMessage, nil, time.Now().Add(time.Second)); err != nil {
			t.Fatalf("player %d disconnected: %v", i, err)
		}
	}
}

// loopbackClient is an HTTP client whose connections come from another
// loopback address (127.0.0.2): "another machine" for per-address limits.
func loopbackClient(t *testing.T, from string, jar http.CookieJar) *http.Client {
	d := &net.Dialer{LocalAddr: &net.TCPAddr{IP: net.ParseIP(from)}, Timeout: waitLimit}
	return &http.Client{Jar: jar, Timeout: waitLimit,
		Transport:     &http.Transport{DialContext: d.DialContext},
		CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }}
}

var csrfField = regexp.MustCompile(`name="csrf" value="([^"]+)"`)

// dashLogin logs in on the dashboard's form with client c; the status of
// the form's answer (303 when logged in).
func dashLogin(t *testing.T, c *http.Client, base, login, password string) int {
	t.Helper()
	resp, err := c.Get(base + "/dashboard/connexion")
	if err != nil {
		t.Fatal(err)
	}
	body, _ := io.ReadAll(resp.Body)
	resp.Body.Close()
	m := csrfField.FindSubmatch(body)
	if m == nil {
		t.Fatalf("login form without a CSRF field: %d", resp.StatusCode)
	}
	resp, err = c.PostForm(base+"/dashboard/connexion", url.Values{"login": {login}, "password": {password}, "csrf": {string(m[1])}})
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	return resp.StatusCode
}

// apiLogin logs in on /api/login with client c; the status.
func apiLogin(t *testing.T, c *http.Client, base, login, password string) int {
	t.Helper()
	raw, _ := json.Marshal(map[string]string{"login": login, "password": password})
	resp, err := c.Post(base+"/api/login", "application/json", strings.NewReader(string(raw)))
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	return resp.StatusCode
}

// TestLoginLockoutFromElsewhere reproduces the lock-out of issue 8: wrong
// passwords for admin from one address, on the API and on the dashboard
// (one guard for both doors), until both refuse with 429; the right
// password from another address still gets in on both, and every attempt
// is in the log, without the password.
func TestLoginLockoutFromElsewhere(t *testing.T) {
	e := newEnvConfig(t, func(e *env, c *Config) {
		log := c.Logger
		c.Logins = ratelimit.NewLogins(ratelimit.DefaultLoginLimits(), log)
		c.Dashboard = dashboard.New(e.db, dashboard.Options{Logger: log, Logins: c.Logins})
	})
	attacker := loopbackClient(t, "127.0.0.1", nil)
	const wrong = "mauvais-mot-de-passe-secret"
	limited := 0
	for i := range 12 {
		st := apiLogin(t, attacker, e.hs.URL, "admin", wrong)
		if st == http.StatusTooManyRequests {
			limited++
		} else if st != http.StatusUnauthorized {
			t.Fatalf("wrong password %d: %d", i, st)
		}
	}
	jar, _ := cookiejar.New(nil)
	attacker.Jar = jar
	if st := dashLogin(t, attacker, e.hs.URL, "admin", wrong); st != http.StatusTooManyRequests {
		t.Errorf("dashboard after 12 failures on the API from the same address: %d, want 429", st)
	}
	if limited == 0 {
		t.Fatal("12 wrong passwords in a row never limited")
	}
	// The right password from the attacker's address waits too...
	if st := apiLogin(t, attacker, e.hs.URL, "admin", adminPassword); st != http.StatusTooManyRequests {
		t.Errorf("right password from the limited address: %d", st)
	}
	// ...but not from another address, on either door.
	jar2, _ := cookiejar.New(nil)
	cell := loopbackClient(t, "127.0.0.2", jar2)
	if st := apiLogin(t, cell, e.hs.URL, "admin", adminPassword); st != http.StatusOK {
		t.Fatalf("right password from another address on the API: %d", st)
	}
	if st := dashLogin(t, cell, e.hs.URL, "admin", adminPassword); st != http.StatusSeeOther {
		t.Fatalf("right password from another address on the dashboard: %d", st)
	}
	logs := e.logs.String()
	for _, want := range []string{
		"msg=login via=api login=admin addr=127.0.0.1 outcome=refused",
		"msg=login via=api login=admin addr=127.0.0.1 outcome=rate-limited",
		"msg=login via=dashboard login=admin addr=127.0.0.1 outcome=rate-limited",
		"msg=login via=api login=admin addr=127.0.0.2 outcome=ok",
		"msg=login via=dashboard login=admin addr=127.0.0.2 outcome=ok",
	} {
		if !strings.Contains(logs, want) {
			t.Errorf("log line missing: %s", want)
		}
	}
	if strings.Contains(logs, wrong) || strings.Contains(logs, adminPassword) {
		t.Error("a password is in the log")
	}
	if n := strings.Count(logs, "msg=login "); n < 16 {
		t.Errorf("%d login lines logged for 16 attempts", n)
	}
}

// adminCookieRequest builds an API request carrying the admin's login in
// the cookie only, as a browser attaches it.
func (e *env) adminCookieRequest(method, path, contentType, body string) *http.Request {
	req, _ := http.NewRequest(method, e.hs.URL+path, strings.NewReader(body))
	req.AddCookie(&http.Cookie{Name: CookieName, Value: e.admin})
	if contentType != "" {
		req.Header.Set("Content-Type", contentType)
	}
	return req
}

func doStatus(t *testing.T, req *http.Request) (int, string) {
	t.Helper()
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	raw, _ := io.ReadAll(resp.Body)
	var er struct{ Error string }
	json.Unmarshal(raw, &er)
	return resp.StatusCode, er.Error
}

// TestAPICrossSite reproduces the CSRF of issue 8: a text/plain POST to
// /api/partners from another site with the admin's cookie is refused and
// creates nothing; the same from the site itself, as JSON, works; Bearer
// tokens are unaffected.
func TestAPICrossSite(t *testing.T) {
	e := newEnv(t)
	ctx := context.Background()
	body := `{"login":"intrus","name":"Intrus","password":"choisi-par-l-intrus"}`
	exists := func(login string) bool {
		_, err := e.db.AccountByLogin(ctx, login)
		return err == nil
	}
	attacks := []struct {
		name  string
		ctype string
		set   func(*http.Request)
	}{
		{"text/plain from another origin", "text/plain", func(r *http.Request) { r.Header.Set("Origin", "http://evil.example") }},
		{"form from another origin", "application/x-www-form-urlencoded", func(r *http.Request) { r.Header.Set("Origin", "http://evil.example") }},
		{"JSON from another site (Sec-Fetch-Site)", "application/json", func(r *http.Request) { r.Header.Set("Sec-Fetch-Site", "cross-site") }},
		{"JSON from a sibling site", "application/json", func(r *http.Request) {
			r.Header.Set("Sec-Fetch-Site", "same-site")
			r.Header.Set("Origin", "http://autre.localhost")
		}},
		{"no Origin nor Sec-Fetch-Site", "application/json", func(*http.Request) {}},
		{"text/plain from the same origin", "text/plain", func(r *http.Request) { r.Header.Set("Origin", e.hs.URL) }},
	}
	for _, a := range attacks {
		req := e.adminCookieRequest("POST", "/api/partners", a.ctype, body)
		a.set(req)
		st, msg := doStatus(t, req)
		if st != http.StatusForbidden || !strings.Contains(msg, "Requête refusée") {
			t.Errorf("%s: %d %q", a.name, st, msg)
		}
		if exists("intrus") {
			t.Fatalf("%s: the partner was created", a.name)
		}
	}
	// The site itself: JSON, same origin (a browser sends both headers).
	req := e.adminCookieRequest("POST", "/api/partners", "application/json; charset=utf-8", body)
	req.Header.Set("Origin", e.hs.URL)
	req.Header.Set("Sec-Fetch-Site", "same-origin")
	if st, msg := doStatus(t, req); st != http.StatusCreated || !exists("intrus") {
		t.Fatalf("same-origin JSON with the cookie: %d %q", st, msg)
	}
	// Bearer: a program, whatever it says about origins.
	req, _ = http.NewRequest("POST", e.hs.URL+"/api/partners", strings.NewReader(`{"login":"programme","password":"mot-de-passe-long"}`))
	req.Header.Set("Authorization", "Bearer "+e.admin)
	req.Header.Set("Origin", "http://evil.example")
	req.Header.Set("Content-Type", "text/plain")
	if st, msg := doStatus(t, req); st != http.StatusCreated || !exists("programme") {
		t.Fatalf("Bearer token: %d %q", st, msg)
	}
	// Reading stays open to the cookie from anywhere (SameSite decides).
	req = e.adminCookieRequest("GET", "/api/me", "", "")
	if st, _ := doStatus(t, req); st != 200 {
		t.Fatalf("GET with the cookie: %d", st)
	}
	if !strings.Contains(e.logs.String(), "cross-site API request refused") {
		t.Error("refusals not logged")
	}
}

// TestRevokedHostSocket reproduces the revocation gap of issue 8: the
// partner's host socket is connected; the account is disabled (as the
// dashboard does); the socket gets bye "revoked" within a second and a
// host command sent afterwards is not applied. A new password and a logout
// end the host sockets the same way.
func TestRevokedHostSocket(t *testing.T) {
	e := newEnv(t)
	ctx := context.Background()
	s := e.createSession(e.partner, nil)
	team := e.joinTeam(s.Code, "Les Hérons", agent("Jean", "Dupont"))
	host := e.hostConn(s.Code, e.partner)
	acc, _ := e.db.AccountByLogin(ctx, "camille")
	start := time.Now()
	if err := e.db.SetDisabled(ctx, acc.ID, true); err != nil {
		t.Fatal(err)
	}
	host.awaitBye(game.ByeRevoked)
	took := time.Since(start)
	t.Logf("bye %q %v after the account was disabled", host.bye.Reason, took)
	// A host command after the bye is not applied, even if the socket
	// still takes it.
	raw, _ := json.Marshal(game.Envelope{V: game.ProtocolVersion, Type: string(game.KindStart), ID: "start"})
	host.ws.WriteMessage(websocket.TextMessage, raw)
	host.awaitClosed()
	// The admin's screen shows the session still in the lobby.
	admin := e.hostConn(s.Code, e.admin)
	if v := admin.host; v.Session.Phase != game.PhaseLobby {
		t.Fatalf("phase %s after a revoked host's start", v.Session.Phase)
	}
	if team.team.Session.Phase != game.PhaseLobby {
		t.Fatalf("team sees phase %s", team.team.Session.Phase)
	}
	// Its token no longer opens a host socket nor the API.
	again := e.dial("hôte révoqué", nil)
	again.send(game.MsgHost, game.HostHello{Code: s.Code, Token: e.partner})
	again.awaitError(codeForbidden)
	if st := e.api("GET", "/api/me", e.partner, nil, nil); st != 401 && st != 403 {
		t.Fatalf("revoked token on the API: %d", st)
	}

	// A new password: every host socket of the account ends.
	e.db.SetDisabled(ctx, acc.ID, false)
	tok := e.login("camille", partnerPassword)
	h2 := e.hostConn(s.Code, tok)
	start = time.Now()
	if err := e.db.SetPassword(ctx, acc.ID, "nouveau-mot-de-passe"); err != nil {
		t.Fatal(err)
	}
	h2.awaitBye(game.ByeRevoked)
	if took := time.Since(start); took > time.Second {
		t.Errorf("bye after a new password: %v", took)
	}

	// A logout: the host sockets opened with that token end, others stay.
	tokA := e.login("camille", "nouveau-mot-de-passe")
	tokB := e.login("camille", "nouveau-mot-de-passe")
	hA, hB := e.hostConn(s.Code, tokA), e.hostConn(s.Code, tokB)
	start = time.Now()
	if st := e.api("POST", "/api/logout", tokA, nil, nil); st != 204 {
		t.Fatalf("logout: %d", st)
	}
	hA.awaitBye(game.ByeRevoked)
	if took := time.Since(start); took > time.Second {
		t.Errorf("bye after a logout: %v", took)
	}
	hB.cmd(game.KindPause, nil) // still in control: answered (an error in the lobby, not a bye)
	hB.await("an answer", func(env game.Envelope) bool { return env.Type == game.MsgError || env.Type == game.MsgHostView })
	if hB.bye != nil {
		t.Fatalf("the other login's socket was ended: %+v", hB.bye)
	}
}

// TestExpiredTokenEndsHostSocket: a host websocket is worth no more than
// the login token it was opened with: it gets bye "revoked" when the token
// expires; a socket of a longer login goes on.
func TestExpiredTokenEndsHostSocket(t *testing.T) {
	const ttl = 1500 * time.Millisecond
	e := newEnv(t)
	s := e.createSession(e.partner, nil)
	ctx := context.Background()
	acc, err := e.db.AccountByToken(ctx, e.partner)
	if err != nil {
		t.Fatal(err)
	}
	short, err := e.db.CreateToken(ctx, acc.ID, ttl)
	if err != nil {
		t.Fatal(err)
	}
	start := time.Now()
	h := e.hostConn(s.Code, short)
	other := e.hostConn(s.Code, e.partner)
	h.awaitBye(game.ByeRevoked)
	if took := time.Since(start); took < ttl-100*time.Millisecond {
		t.Errorf("ended %v after the hello, before its token's %v", took, ttl)
	}
	other.cmd(game.KindPause, nil)
	other.await("an answer", func(env game.Envelope) bool { return env.Type == game.MsgError || env.Type == game.MsgHostView })
	if other.bye != nil {
		t.Fatalf("the longer login's socket was ended: %+v", other.bye)
	}
}

// TestSlowBody reproduces the trickled body of issue 8: a request body
// sent one byte at a time is cut off by the read timeout.
func TestSlowBody(t *testing.T) {
	e := newEnv(t, func(l *Limits) { l.ReadTimeout = time.Second })
	c, err := net.Dial("tcp", strings.TrimPrefix(e.hs.URL, "http://"))
	if err != nil {
		t.Fatal(err)
	}
	defer c.Close()
	const size = 200
	fmt.Fprintf(c, "POST /api/login HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: %d\r\n\r\n", size)
	start := time.Now()
	cut := make(chan time.Duration, 1)
	answer := make(chan string, 1)
	go func() {
		// The server answers 408 and closes.
		c.SetReadDeadline(time.Now().Add(waitLimit + 5*time.Second))
		raw, _ := io.ReadAll(bufio.NewReader(c))
		answer <- string(raw)
		cut <- time.Since(start)
	}()
	sent := 0
	for sent < size {
		select {
		case d := <-cut:
			t.Logf("trickled body cut after %v (%d of %d bytes sent)", d, sent, size)
			if d > 5*time.Second {
				t.Fatalf("cut only after %v", d)
			}
			if a := <-answer; !strings.HasPrefix(a, "HTTP/1.1 408") || !strings.Contains(a, "Requête trop lente") {
				t.Fatalf("answer to a trickled body: %q", a)
			}
			return
		case <-time.After(100 * time.Millisecond):
		}
		if _, err := c.Write([]byte("{")); err != nil {
			d := time.Since(start)
			t.Logf("trickled body cut after %v (%d of %d bytes sent)", d, sent, size)
			return
		}
		sent++
	}
	t.Fatalf("a body trickled over %v was read to its end", time.Since(start))
}

// TestFramingRefused: every page says it may not be framed.
func TestFramingRefused(t *testing.T) {
	e := newEnvConfig(t, func(e *env, c *Config) {
		c.Dashboard = dashboard.New(e.db, dashboard.Options{Logger: c.Logger})
	})
	for _, path := range []string{"/", "/?code=ABC-DEF", "/dashboard/connexion", "/api/campaign", "/api/nulle-part", "/healthz"} {
		resp, err := http.Get(e.hs.URL + path)
		if err != nil {
			t.Fatal(err)
		}
		resp.Body.Close()
		if got := resp.Header.Get("X-Frame-Options"); got != "DENY" {
			t.Errorf("%s: X-Frame-Options %q", path, got)
		}
		if csp := resp.Header.Get("Content-Security-Policy"); !strings.Contains(csp, "frame-ancestors 'none'") {
			t.Errorf("%s: CSP %q", path, csp)
		}
	}
}
