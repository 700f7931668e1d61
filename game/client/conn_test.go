package client

import (
	"context"
	"encoding/json"
	"errors"
	"math/rand/v2"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/gorilla/websocket"

	"metodd/game"
)

// testTimeout bounds every wait in these tests: all of it happens on
// loopback, so a condition not met in that time is a bug, not slowness.
const testTimeout = 10 * time.Second

// fastBackoff keeps reconnection tests short.
var fastBackoff = Options{BackoffMin: 5 * time.Millisecond, BackoffMax: 40 * time.Millisecond, Seed: 1}

// peer is one websocket connection the test server accepted.
type peer struct {
	ws    *websocket.Conn
	hello game.Envelope
	in    chan game.Envelope // what the client sent after the hello
}

func (p *peer) send(t *testing.T, typ string, data any) {
	t.Helper()
	raw, _ := json.Marshal(data)
	b, _ := json.Marshal(game.Envelope{V: game.ProtocolVersion, Type: typ, Data: raw})
	if err := p.ws.WriteMessage(websocket.TextMessage, b); err != nil {
		t.Errorf("server write %s: %v", typ, err)
	}
}

// wsServer is a small protocol peer on loopback: it upgrades, reads the
// hello and hands the connection to the test, which plays the server's part.
type wsServer struct {
	*httptest.Server
	peers chan *peer
	mu    sync.Mutex
	count int // connections accepted
}

func newWSServer(t *testing.T) *wsServer {
	t.Helper()
	s := &wsServer{peers: make(chan *peer, 16)}
	up := websocket.Upgrader{}
	s.Server = httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		ws, err := up.Upgrade(w, r, nil)
		if err != nil {
			return
		}
		s.mu.Lock()
		s.count++
		s.mu.Unlock()
		p := &peer{ws: ws, in: make(chan game.Envelope, 64)}
		if _, b, err := ws.ReadMessage(); err != nil || json.Unmarshal(b, &p.hello) != nil {
			ws.Close()
			return
		}
		s.peers <- p
		for {
			_, b, err := ws.ReadMessage()
			if err != nil {
				close(p.in)
				return
			}
			var env game.Envelope
			if json.Unmarshal(b, &env) == nil {
				select {
				case p.in <- env:
				default: // a test that floods does not read them all
				}
			}
		}
	}))
	t.Cleanup(s.Close)
	return s
}

func (s *wsServer) url() string { u, _ := WebSocketURL(s.URL); return u }

func (s *wsServer) accepted() int {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.count
}

func (s *wsServer) next(t *testing.T) *peer {
	t.Helper()
	select {
	case p := <-s.peers:
		return p
	case <-time.After(testTimeout):
		t.Fatal("no connection from the client")
		return nil
	}
}

func recv(t *testing.T, p *peer) game.Envelope {
	t.Helper()
	select {
	case env, ok := <-p.in:
		if !ok {
			t.Fatal("the client closed the connection")
		}
		return env
	case <-time.After(testTimeout):
		t.Fatal("nothing received from the client")
		return game.Envelope{}
	}
}

func waitState(t *testing.T, c *Conn, what string, ok func(State) bool) State {
	t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), testTimeout)
	defer cancel()
	s, err := c.WaitFor(ctx, ok)
	if err != nil {
		t.Fatalf("waiting for %s: %v (state %+v)", what, err, s)
	}
	return s
}

func testJoin() game.Join {
	return game.Join{Code: "ABC234", Team: "Équipe Bourgogne 1", Members: []game.Member{
		{FirstName: "Zoé", LastName: "Lefèvre", Collectivite: "Ville de Dijon", Direction: "DSI"},
	}}
}

func TestJoinViewSendAndResume(t *testing.T) {
	srv := newWSServer(t)
	c := Join(srv.url(), testJoin(), fastBackoff)
	defer c.Close()

	p := srv.next(t)
	if p.hello.Type != game.MsgJoin || p.hello.V != game.ProtocolVersion {
		t.Fatalf("hello = %+v, want a v%d join", p.hello, game.ProtocolVersion)
	}
	var j game.Join
	json.Unmarshal(p.hello.Data, &j)
	if j.Team != "Équipe Bourgogne 1" || len(j.Members) != 1 || j.Members[0].FirstName != "Zoé" {
		t.Fatalf("join data = %+v", j)
	}
	if err := c.Send(game.KindAnswer, Payload{}); !errors.Is(err, ErrNotConnected) {
		t.Fatalf("Send before welcome = %v, want ErrNotConnected", err)
	}

	p.send(t, game.MsgWelcome, game.Welcome{Role: "team", Code: "ABC234", PlayerID: "p1", TeamID: "t1", Token: "tok-1"})
	p.send(t, game.MsgTeamView, game.TeamView{PlayerID: "p1", TeamName: "Équipe Bourgogne 1", Score: 0,
		Session: game.SessionInfo{Phase: game.PhaseCardOpen, CardIndex: 1}, Card: &game.CardView{ID: "c01"}})
	s := waitState(t, c, "the first view", func(s State) bool { return s.Team != nil })
	if s.Status != StatusConnected || s.Welcome.Token != "tok-1" || s.Team.Card.ID != "c01" {
		t.Fatalf("state = %+v", s)
	}
	if s.ViewAt.IsZero() {
		t.Error("ViewAt not set")
	}
	v1 := c.Version()

	choice := 2
	ref, err := c.SendRef(game.KindAnswer, Payload{Answer: &game.Answer{Card: "c01", Choice: &choice}})
	if err != nil {
		t.Fatal(err)
	}
	env := recv(t, p)
	if game.Kind(env.Type) != game.KindAnswer || env.ID != ref {
		t.Fatalf("command envelope = %+v, want type answer id %s", env, ref)
	}
	var cmd game.Command
	if err := json.Unmarshal(env.Data, &cmd); err != nil || cmd.Answer == nil || *cmd.Answer.Choice != 2 || cmd.Answer.Card != "c01" {
		t.Fatalf("command data = %s", env.Data)
	}
	if strings.Contains(string(env.Data), `"at"`) || strings.Contains(string(env.Data), `"actor"`) {
		t.Errorf("a client must not send at/actor: %s", env.Data)
	}

	p.send(t, game.MsgError, game.ErrorMsg{Code: "late", Message: "Trop tard : la carte est fermée.", Ref: ref})
	s = waitState(t, c, "the error", func(s State) bool { return s.ErrorCount == 1 })
	if s.Error.Ref != ref || s.Status != StatusConnected {
		t.Fatalf("after an error: %+v", s)
	}
	if s.Version <= v1 {
		t.Errorf("version did not grow: %d then %d", v1, s.Version)
	}

	// The server drops the link: the client comes back with its token.
	p.ws.Close()
	waitState(t, c, "reconnecting", func(s State) bool { return s.Status == StatusReconnecting })
	if err := c.Send(game.KindAnswer, Payload{}); !errors.Is(err, ErrNotConnected) {
		t.Errorf("Send while reconnecting = %v, want ErrNotConnected", err)
	}
	p2 := srv.next(t)
	var r game.Resume
	json.Unmarshal(p2.hello.Data, &r)
	if p2.hello.Type != game.MsgResume || r.Token != "tok-1" || r.Code != "ABC234" {
		t.Fatalf("second hello = %s %s, want resume with tok-1", p2.hello.Type, p2.hello.Data)
	}
	p2.send(t, game.MsgWelcome, game.Welcome{Role: "team", Code: "ABC234", PlayerID: "p1", TeamID: "t1", Token: "tok-1"})
	s = waitState(t, c, "connected again", func(s State) bool { return s.Status == StatusConnected })
	if s.Attempt != 0 || s.Team == nil {
		t.Errorf("after resume: attempt %d, team view kept %v", s.Attempt, s.Team != nil)
	}
	if err := c.Send(game.KindCommit, Payload{Chosen: []game.MemberPick{{Member: 0, Commitment: "g1"}}}); err != nil {
		t.Fatal(err)
	}
	if env := recv(t, p2); game.Kind(env.Type) != game.KindCommit {
		t.Fatalf("after resume got %s, want only the new commit", env.Type)
	}
}

func TestByeReasons(t *testing.T) {
	for _, tc := range []struct {
		reason    game.ByeReason
		reconnect bool
	}{
		{game.ByeShutdown, true},
		{game.ByeSlow, true},
		{game.ByeBanned, false},
		{game.ByeRemoved, false},
		{game.ByeClosed, false},
		{game.ByeReplaced, false},
	} {
		t.Run(string(tc.reason), func(t *testing.T) {
			srv := newWSServer(t)
			c := Join(srv.url(), testJoin(), fastBackoff)
			defer c.Close()
			p := srv.next(t)
			p.send(t, game.MsgWelcome, game.Welcome{Role: "team", Code: "ABC234", PlayerID: "p1", Token: "tok"})
			waitState(t, c, "connected", func(s State) bool { return s.Status == StatusConnected })
			p.send(t, game.MsgBye, game.Bye{Reason: tc.reason, Message: "Au revoir."})
			p.ws.Close()
			if tc.reconnect {
				p2 := srv.next(t)
				if p2.hello.Type != game.MsgResume {
					t.Fatalf("after bye %s: hello %s, want resume", tc.reason, p2.hello.Type)
				}
				return
			}
			select {
			case <-c.Done():
			case <-time.After(testTimeout):
				t.Fatalf("bye %s: the Conn did not stop", tc.reason)
			}
			s := c.Snapshot()
			if s.Status != StatusClosed || s.Bye == nil || s.Bye.Reason != tc.reason {
				t.Fatalf("bye %s: state %+v", tc.reason, s)
			}
			if got := srv.accepted(); got != 1 {
				t.Errorf("bye %s: %d connections, want no reconnection", tc.reason, got)
			}
			if err := c.Send(game.KindAnswer, nil); !errors.Is(err, ErrClosed) {
				t.Errorf("Send after the end = %v, want ErrClosed", err)
			}
			if txt := StatusText(s); txt != "Déconnecté\u00a0: Au revoir." {
				t.Errorf("StatusText = %q", txt)
			}
		})
	}
}

func TestRefusedJoinStops(t *testing.T) {
	srv := newWSServer(t)
	c := Join(srv.url(), testJoin(), fastBackoff)
	defer c.Close()
	p := srv.next(t)
	p.send(t, game.MsgError, game.ErrorMsg{Code: "unknown-code", Message: "Aucune partie avec ce code.", Ref: "hello"})
	select {
	case <-c.Done():
	case <-time.After(testTimeout):
		t.Fatal("a refused join should stop the Conn")
	}
	s := c.Snapshot()
	if s.Status != StatusClosed || s.Error == nil || s.Error.Code != "unknown-code" || s.Welcome != nil {
		t.Fatalf("state = %+v", s)
	}
	if srv.accepted() != 1 {
		t.Errorf("%d connections, want 1", srv.accepted())
	}
}

func TestHostHelloAndReconnectWithoutWelcome(t *testing.T) {
	srv := newWSServer(t)
	c := Host(srv.url(), "ABC234", "login-token", fastBackoff)
	defer c.Close()
	p := srv.next(t)
	var h game.HostHello
	json.Unmarshal(p.hello.Data, &h)
	if p.hello.Type != game.MsgHost || h.Token != "login-token" || h.Code != "ABC234" {
		t.Fatalf("hello = %s %s", p.hello.Type, p.hello.Data)
	}
	// Dropped before any welcome: the same hello again, status still
	// connecting with an attempt count.
	p.ws.Close()
	p2 := srv.next(t)
	if p2.hello.Type != game.MsgHost {
		t.Fatalf("second hello = %s", p2.hello.Type)
	}
	s := c.Snapshot()
	if s.Status != StatusConnecting || s.Attempt < 1 {
		t.Errorf("state before welcome = %v attempt %d", s.Status, s.Attempt)
	}
	p2.send(t, game.MsgWelcome, game.Welcome{Role: "host", Code: "ABC234"})
	p2.send(t, game.MsgHostView, game.HostView{TeamCount: 3, Session: game.SessionInfo{Phase: game.PhaseLobby}})
	s = waitState(t, c, "host view", func(s State) bool { return s.Host != nil })
	if s.Host.TeamCount != 3 || s.Welcome.Role != "host" {
		t.Fatalf("state = %+v", s)
	}
	if err := c.Send(game.KindStart, nil); err != nil {
		t.Fatal(err)
	}
	if env := recv(t, p2); game.Kind(env.Type) != game.KindStart || len(env.Data) != 0 {
		t.Fatalf("start envelope = %+v", env)
	}
}

func TestUnreachableServerAndMaxAttempts(t *testing.T) {
	srv := newWSServer(t)
	u := srv.url()
	srv.Close() // nothing listens there any more
	o := fastBackoff
	o.MaxAttempts = 3
	c := Join(u, testJoin(), o)
	select {
	case <-c.Done():
	case <-time.After(testTimeout):
		t.Fatal("MaxAttempts did not stop the Conn")
	}
	s := c.Snapshot()
	if s.Status != StatusClosed || s.Attempt != 3 || s.LastErr == nil {
		t.Fatalf("state = %+v", s)
	}
}

func TestCloseDuringBackoffIsPrompt(t *testing.T) {
	srv := newWSServer(t)
	u := srv.url()
	srv.Close()
	c := Join(u, testJoin(), Options{BackoffMin: time.Hour, BackoffMax: time.Hour})
	waitState(t, c, "a failed try", func(s State) bool { return s.Attempt >= 1 })
	start := time.Now()
	c.Close()
	if d := time.Since(start); d > time.Second {
		t.Fatalf("Close took %v during a backoff", d)
	}
	if c.Snapshot().Status != StatusClosed {
		t.Fatal("not closed")
	}
}

func TestBackoffGrowsWithJitterAndCap(t *testing.T) {
	c := &Conn{opts: Options{BackoffMin: 100 * time.Millisecond, BackoffMax: 2 * time.Second}}
	c.jitter = rand.New(rand.NewPCG(1, 2))
	prevMax := time.Duration(0)
	for attempt := 1; attempt <= 12; attempt++ {
		full := min(100*time.Millisecond<<(attempt-1), 2*time.Second)
		seen := map[time.Duration]bool{}
		for range 50 {
			d := c.backoff(attempt)
			if d < full/2 || d > full {
				t.Fatalf("attempt %d: %v outside [%v, %v]", attempt, d, full/2, full)
			}
			seen[d] = true
		}
		if len(seen) < 2 {
			t.Errorf("attempt %d: no jitter", attempt)
		}
		if full < prevMax {
			t.Errorf("attempt %d: the bound shrank", attempt)
		}
		prevMax = full
	}
}

func TestSendQueueFull(t *testing.T) {
	c := &Conn{changed: make(chan struct{}), out: make(chan outgoing, 2)}
	c.state.Status = StatusConnected
	for i := range 2 {
		if err := c.Send(game.KindNext, nil); err != nil {
			t.Fatalf("send %d: %v", i, err)
		}
	}
	if err := c.Send(game.KindNext, nil); !errors.Is(err, ErrQueueFull) {
		t.Fatalf("third send = %v, want ErrQueueFull", err)
	}
	if err := c.Send(game.KindNext, func() {}); err == nil {
		t.Fatal("an unencodable payload must be an error")
	}
}

// TestConcurrentUse runs readers, senders and a stream of views at once;
// go test -race checks the locking.
func TestConcurrentUse(t *testing.T) {
	srv := newWSServer(t)
	c := Join(srv.url(), testJoin(), fastBackoff)
	defer c.Close()
	p := srv.next(t)
	p.send(t, game.MsgWelcome, game.Welcome{Role: "team", Code: "ABC234", PlayerID: "p1", Token: "tok"})
	waitState(t, c, "connected", func(s State) bool { return s.Status == StatusConnected })

	const views = 200
	var wg sync.WaitGroup
	for range 4 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for {
				ch := c.Changed()
				if s := c.Snapshot(); s.Team != nil && s.Team.Score >= views {
					return
				}
				_ = c.Send(game.KindAnswer, Payload{})
				_ = c.Version()
				<-ch
			}
		}()
	}
	for i := 1; i <= views; i++ {
		p.send(t, game.MsgTeamView, game.TeamView{Score: i})
	}
	done := make(chan struct{})
	go func() { wg.Wait(); close(done) }()
	select {
	case <-done:
	case <-time.After(testTimeout):
		t.Fatal("watchers did not see the last view")
	}
}

func TestWebSocketURL(t *testing.T) {
	for _, tc := range []struct{ in, want string }{
		{"http://127.0.0.1:8080", "ws://127.0.0.1:8080/ws"},
		{"https://metodd.dijon.fr/", "wss://metodd.dijon.fr/ws"},
		{"127.0.0.1:8080", "ws://127.0.0.1:8080/ws"},
		{"ws://h:1/ws", "ws://h:1/ws"},
		{" http://h:1/?code=ABC ", "ws://h:1/ws"},
	} {
		got, err := WebSocketURL(tc.in)
		if err != nil || got != tc.want {
			t.Errorf("WebSocketURL(%q) = %q, %v; want %q", tc.in, got, err, tc.want)
		}
	}
	for _, bad := range []string{"ftp://h/", "http://", "http://[::1"} {
		if _, err := WebSocketURL(bad); err == nil {
			t.Errorf("WebSocketURL(%q) accepted", bad)
		}
	}
}

func TestStatusText(t *testing.T) {
	for _, tc := range []struct {
		s    State
		want string
	}{
		{State{Status: StatusConnecting}, "Connexion…"},
		{State{Status: StatusConnecting, Attempt: 2}, "Connexion… (tentative 3)"},
		{State{Status: StatusConnected}, "Connecté"},
		{State{Status: StatusReconnecting, Attempt: 1}, "Connexion perdue — reconnexion…"},
		{State{Status: StatusReconnecting, Attempt: 4}, "Connexion perdue — reconnexion… (tentative 4)"},
		{State{Status: StatusClosed}, "Déconnecté"},
		{State{Status: StatusClosed, Error: &game.ErrorMsg{Message: "Code inconnu."}}, "Déconnecté\u00a0: Code inconnu."},
	} {
		if got := StatusText(tc.s); got != tc.want {
			t.Errorf("StatusText(%v/%d) = %q, want %q", tc.s.Status, tc.s.Attempt, got, tc.want)
		}
	}
}
