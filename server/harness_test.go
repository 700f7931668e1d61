package server

import (
	"bytes"
	"context"
	"encoding/json"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/gorilla/websocket"
	"golang.org/x/crypto/bcrypt"

	"metodd/assets"
	"metodd/game"
	"metodd/server/store"
)

// waitLimit bounds every wait for a message or a condition in tests: far
// above what loopback needs, so only a real bug trips it.
const waitLimit = 10 * time.Second

const (
	adminPassword   = "admin-motdepasse"
	partnerPassword = "partenaire-mdp"
)

func TestMain(m *testing.M) {
	store.PasswordCost = bcrypt.MinCost // fast tests; production keeps the default
	os.Exit(m.Run())
}

// env is a real server on loopback over a real SQLite file.
type env struct {
	t       testing.TB
	path    string
	db      *store.DB
	srv     *Server
	cur     atomic.Pointer[Server] // what the listener serves (swapped on restart)
	old     []*store.DB            // handles left open by crashes
	hs      *httptest.Server
	limits  Limits
	logs    *syncBuffer
	partner string // login token of partner "camille"
	admin   string // login token of "admin"

	configure func(*Config) // set by newEnvConfig: changes the server's config
}

type syncBuffer struct {
	mu sync.Mutex
	b  bytes.Buffer
}

func (s *syncBuffer) Write(p []byte) (int, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.Write(p)
}

func (s *syncBuffer) String() string {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.String()
}

func newEnv(t testing.TB, tweak ...func(*Limits)) *env {
	t.Helper()
	return newEnvConfig(t, nil, tweak...)
}

// newEnvConfig is newEnv with a change to the server's config (a
// dashboard, a shared login guard) made on every start.
func newEnvConfig(t testing.TB, configure func(*env, *Config), tweak ...func(*Limits)) *env {
	t.Helper()
	e := &env{t: t, path: filepath.Join(t.TempDir(), "metodd.db"), limits: DefaultLimits(), logs: &syncBuffer{}}
	if configure != nil {
		e.configure = func(c *Config) { configure(e, c) }
	}
	for _, f := range tweak {
		f(&e.limits)
	}
	db, err := store.Open(e.path)
	if err != nil {
		t.Fatal(err)
	}
	res, err := Setup(context.Background(), db, assets.DeckFiles(), adminPassword, time.Now())
	if err != nil {
		t.Fatal(err)
	}
	for _, d := range res.Decks {
		if d.Err != nil {
			t.Fatalf("standard deck: %v", d.Err)
		}
	}
	if _, err := db.CreateAccount(context.Background(), store.NewAccount{Login: "camille", Name: "Camille Partenaire",
		Role: store.RolePartner, Password: partnerPassword}); err != nil {
		t.Fatal(err)
	}
	e.db = db
	e.start()
	e.admin = e.login("admin", adminPassword)
	e.partner = e.login("camille", partnerPassword)
	t.Cleanup(e.stop)
	return e
}

// start runs a server over e.db (again after a restart).
func (e *env) start() {
	e.t.Helper()
	cfg := Config{Store: e.db, Limits: e.limits,
		Logger: slog.New(slog.NewTextHandler(e.logs, &slog.HandlerOptions{Level: slog.LevelDebug}))}
	if e.configure != nil {
		e.configure(&cfg)
	}
	srv, err := New(context.Background(), cfg)
	if err != nil {
		e.t.Fatal(err)
	}
	e.srv = srv
	e.cur.Store(srv)
	if e.hs == nil {
		// Served as cmd/metodd-server serves: the server's timeouts and
		// its listener cap.
		e.hs = httptest.NewUnstartedServer(nil)
		e.hs.Config = srv.HTTPServer()
		e.hs.Config.Handler = http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
			e.cur.Load().ServeHTTP(w, r)
		})
		e.hs.Listener = srv.Listener(e.hs.Listener)
		e.hs.Start()
	}
}

func (e *env) stop() {
	if e.srv != nil {
		ctx, cancel := context.WithTimeout(context.Background(), waitLimit)
		e.srv.Shutdown(ctx)
		cancel()
	}
	if e.hs != nil {
		e.hs.CloseClientConnections()
		e.hs.Close()
	}
	if e.db != nil {
		e.db.Close()
	}
	for _, db := range e.old {
		db.Close()
	}
}

// crashAndRestart drops the server as a crash would (no bye, nothing
// saved beyond what was already written, the old database handle left
// open without a checkpoint, as a killed process leaves its WAL), then
// opens the same file again and starts a new server on the same address.
func (e *env) crashAndRestart() {
	e.t.Helper()
	e.srv.crash()
	e.hs.CloseClientConnections()
	e.old = append(e.old, e.db)
	db, err := store.Open(e.path)
	if err != nil {
		e.t.Fatal(err)
	}
	e.db = db
	e.start()
}

// api calls the JSON API; it returns the status and decodes into out.
func (e *env) api(method, path, token string, in, out any) int {
	e.t.Helper()
	var body io.Reader
	if in != nil {
		raw, _ := json.Marshal(in)
		body = bytes.NewReader(raw)
	}
	req, _ := http.NewRequest(method, e.hs.URL+path, body)
	if token != "" {
		req.Header.Set("Authorization", "Bearer "+token)
	}
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		e.t.Fatal(err)
	}
	defer resp.Body.Close()
	raw, _ := io.ReadAll(resp.Body)
	if out != nil && len(raw) > 0 {
		if err := json.Unmarshal(raw, out); err != nil {
			e.t.Fatalf("%s %s: %v in %s", method, path, err, raw)
		}
	}
	return resp.StatusCode
}

func (e *env) login(login, password string) string {
	e.t.Helper()
	var out struct{ Token string }
	if st := e.api("POST", "/api/login", "", map[string]string{"login": login, "password": password}, &out); st != 200 {
		e.t.Fatalf("login %s: %d", login, st)
	}
	return out.Token
}

type created struct {
	ID, Code, JoinURL string
}

func (e *env) createSession(token string, opts map[string]any) created {
	e.t.Helper()
	var c created
	if opts == nil {
		opts = map[string]any{"format": "standard", "mode": "equipe", "direction": "DRH", "site": "Hôtel de ville", "expected": 12}
	}
	if st := e.api("POST", "/api/sessions", token, opts, &c); st != 201 {
		e.t.Fatalf("create session: %d", st)
	}
	return c
}

func (e *env) campaignCount() int {
	e.t.Helper()
	var c struct{ Count int }
	if st := e.api("GET", "/api/campaign", "", nil, &c); st != 200 {
		e.t.Fatalf("campaign: %d", st)
	}
	return c.Count
}

// wsc is a test websocket client: a reader goroutine collects messages.
type wsc struct {
	t    testing.TB
	name string
	ws   *websocket.Conn
	in   chan game.Envelope
	done chan struct{}
	mu   sync.Mutex
	err  error // the read error that ended the reader

	welcome *game.Welcome
	team    *game.TeamView
	host    *game.HostView
	bye     *game.Bye
}

func (e *env) dial(name string, header http.Header) *wsc {
	e.t.Helper()
	url := "ws" + strings.TrimPrefix(e.hs.URL, "http") + "/ws"
	ws, resp, err := websocket.DefaultDialer.Dial(url, header)
	if err != nil {
		status := 0
		if resp != nil {
			status = resp.StatusCode
		}
		e.t.Fatalf("dial %s: %v (HTTP %d)", name, err, status)
	}
	c := &wsc{t: e.t, name: name, ws: ws, in: make(chan game.Envelope, 1<<16), done: make(chan struct{})}
	go func() {
		defer close(c.done)
		for {
			_, data, err := ws.ReadMessage()
			if err != nil {
				c.mu.Lock()
				c.err = err
				c.mu.Unlock()
				return
			}
			var env game.Envelope
			if err := json.Unmarshal(data, &env); err != nil {
				c.t.Errorf("%s: server sent invalid JSON: %s", name, data)
				continue
			}
			c.in <- env
		}
	}()
	e.t.Cleanup(func() { ws.Close() })
	return c
}

func (c *wsc) sendRaw(typ int, data []byte) {
	c.t.Helper()
	if err := c.ws.WriteMessage(typ, data); err != nil {
		c.t.Fatalf("%s: write: %v", c.name, err)
	}
}

func (c *wsc) send(typ string, data any) {
	c.t.Helper()
	raw, _ := json.Marshal(data)
	env, _ := json.Marshal(game.Envelope{V: game.ProtocolVersion, Type: typ, ID: typ, Data: raw})
	c.sendRaw(websocket.TextMessage, env)
}

// cmd sends a command: its envelope type is its kind.
func (c *wsc) cmd(k game.Kind, data any) {
	c.t.Helper()
	c.send(string(k), data)
}

// take records one message in the client's latest state.
func (c *wsc) take(env game.Envelope) {
	switch env.Type {
	case game.MsgWelcome:
		c.welcome = new(game.Welcome)
		json.Unmarshal(env.Data, c.welcome)
	case game.MsgTeamView:
		c.team = new(game.TeamView)
		json.Unmarshal(env.Data, c.team)
	case game.MsgHostView:
		c.host = new(game.HostView)
		json.Unmarshal(env.Data, c.host)
	case game.MsgBye:
		c.bye = new(game.Bye)
		json.Unmarshal(env.Data, c.bye)
	}
}

// await reads messages until ok accepts one (or the client's state after
// it); it fails the test after waitLimit.
func (c *wsc) await(what string, ok func(game.Envelope) bool) game.Envelope {
	c.t.Helper()
	deadline := time.After(waitLimit)
	for {
		select {
		case env := <-c.in:
			c.take(env)
			if ok(env) {
				return env
			}
		case <-c.done:
			// Drain what arrived before the end.
			for {
				select {
				case env := <-c.in:
					c.take(env)
					if ok(env) {
						return env
					}
					continue
				default:
				}
				break
			}
			c.t.Fatalf("%s: connection ended (%v) while waiting for %s", c.name, c.err, what)
		case <-deadline:
			c.t.Fatalf("%s: no %s within %s", c.name, what, waitLimit)
		}
	}
}

// sharedCodes are the rules' codes the server also sends on its own.
var sharedCodes = map[string]bool{game.CodeNotHost: true, game.CodeNotTeam: true, game.CodeSessionOver: true}

func (c *wsc) awaitError(code string) game.ErrorMsg {
	c.t.Helper()
	var e game.ErrorMsg
	c.await("error "+code, func(env game.Envelope) bool {
		if env.Type != game.MsgError {
			return false
		}
		json.Unmarshal(env.Data, &e)
		// One code, one message: the codes the server checks before the
		// rules read as the rules word them.
		if want := game.MessageOf(e.Code); sharedCodes[e.Code] && e.Message != want {
			c.t.Errorf("%s: error %s says %q, the rules say %q", c.name, e.Code, e.Message, want)
		}
		if e.Code != code {
			c.t.Logf("%s: other error %s: %s", c.name, e.Code, e.Message)
		}
		return e.Code == code
	})
	if e.Message == "" {
		c.t.Errorf("%s: error %s without a message", c.name, code)
	}
	return e
}

func (c *wsc) awaitBye(reason game.ByeReason) {
	c.t.Helper()
	c.await("bye "+string(reason), func(env game.Envelope) bool { return env.Type == game.MsgBye && c.bye.Reason == reason })
	if c.bye.Message == "" {
		c.t.Errorf("%s: bye %s without a message", c.name, reason)
	}
}

// awaitClosed waits for the server to close the connection.
func (c *wsc) awaitClosed() {
	c.t.Helper()
	select {
	case <-c.done:
	case <-time.After(waitLimit):
		c.t.Fatalf("%s: connection still open", c.name)
	}
}

func (c *wsc) awaitTeam(what string, ok func(*game.TeamView) bool) *game.TeamView {
	c.t.Helper()
	if c.team != nil && ok(c.team) {
		return c.team
	}
	c.await(what, func(env game.Envelope) bool { return env.Type == game.MsgTeamView && ok(c.team) })
	return c.team
}

func (c *wsc) awaitHost(what string, ok func(*game.HostView) bool) *game.HostView {
	c.t.Helper()
	if c.host != nil && ok(c.host) {
		return c.host
	}
	c.await(what, func(env game.Envelope) bool { return env.Type == game.MsgHostView && ok(c.host) })
	return c.host
}

// agent builds a roster member.
func agent(first, last string) game.Member {
	return game.Member{FirstName: first, LastName: last, Collectivite: "Ville de Dijon", Direction: "Direction des ressources humaines", Category: "B"}
}

// joinTeam connects a team and waits for its welcome and view.
func (e *env) joinTeam(code, name string, members ...game.Member) *wsc {
	e.t.Helper()
	c := e.dial(name, nil)
	c.send(game.MsgJoin, game.Join{Code: code, Team: name, Members: members})
	c.await("welcome", func(env game.Envelope) bool { return env.Type == game.MsgWelcome })
	if c.welcome.Role != game.RoleTeam || c.welcome.Token == "" || c.welcome.PlayerID == "" || c.welcome.TeamID == "" {
		e.t.Fatalf("%s: welcome %+v", name, c.welcome)
	}
	c.awaitTeam("first view", func(v *game.TeamView) bool { return v.TeamName == name })
	return c
}

func (e *env) hostConn(code, token string) *wsc {
	e.t.Helper()
	c := e.dial("hôte", nil)
	c.send(game.MsgHost, game.HostHello{Code: code, Token: token})
	c.await("host welcome", func(env game.Envelope) bool { return env.Type == game.MsgWelcome })
	c.awaitHost("host view", func(*game.HostView) bool { return true })
	return c
}

// answerFor builds a valid (not necessarily right) answer to a card.
func answerFor(card *game.CardView, pick int) *game.Answer {
	a := game.AnyAnswer(card.ID, card.Type, len(card.Choices), len(card.Items), len(card.Groups), pick)
	return &a
}
