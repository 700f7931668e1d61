package client

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"math/rand/v2"
	"strconv"
	"sync"
	"sync/atomic"
	"time"

	"metodd/game"
)

// Limits and timings of a connection.
const (
	// DefaultQueueSize bounds the commands waiting for the writer. A person
	// sends a few commands a minute; a full queue means the link is stuck,
	// and refusing (ErrQueueFull) is better than piling up stale commands.
	DefaultQueueSize = 32

	// DefaultBackoffMin is the first reconnection delay: short, because a
	// server restart or a dropped Wi-Fi usually recovers within a second.
	DefaultBackoffMin = 250 * time.Millisecond
	// DefaultBackoffMax caps the delay so a team is back within about ten
	// seconds of the server coming back, without hammering it meanwhile.
	DefaultBackoffMax = 10 * time.Second

	// dialTimeout bounds the websocket handshake (both transports; the
	// desktop transport's own limits are in socket_native.go).
	dialTimeout = 10 * time.Second
)

// Errors returned by Send.
var (
	ErrClosed       = errors.New("client: connection closed")
	ErrNotConnected = errors.New("client: not connected")
	ErrQueueFull    = errors.New("client: send queue full")
)

// Status is where a Conn is in its life.
type Status int

const (
	// StatusConnecting: the first connection is being made (Attempt counts
	// failed tries).
	StatusConnecting Status = iota
	// StatusConnected: the server welcomed us; Send works.
	StatusConnected
	// StatusReconnecting: the link dropped after a welcome; the Conn is
	// trying again (Attempt counts tries since the drop).
	StatusReconnecting
	// StatusClosed: for good (Close, a refused join, or a Bye that forbids
	// coming back). Bye or Error says why.
	StatusClosed
)

func (s Status) String() string {
	switch s {
	case StatusConnecting:
		return "connecting"
	case StatusConnected:
		return "connected"
	case StatusReconnecting:
		return "reconnecting"
	case StatusClosed:
		return "closed"
	}
	return "status(" + strconv.Itoa(int(s)) + ")"
}

// State is what a Conn knows, as returned by Snapshot.
type State struct {
	Version uint64 // increases at every change of anything below
	Status  Status
	Attempt int   // failed connection tries since the last welcome
	LastErr error // the last transport error (for logs; not for users)

	Welcome *game.Welcome // the latest welcome; nil before the first
	Team    *game.TeamView
	Host    *game.HostView
	// ViewAt is when the latest view arrived, by the local clock: a
	// countdown shows Clock.Remaining - time.Since(ViewAt).
	ViewAt time.Time

	Error      *game.ErrorMsg // the last error the server sent (French message), or CodeUnreadable
	ErrorCount int            // errors received so far: a new one when it grows
	Bye        *game.Bye      // the last bye

	// Unreadable counts the server messages that could not be decoded (a
	// client older than its server, or a server bug); each also sets Error
	// to CodeUnreadable and LastErr to the decoding error. The link stays.
	Unreadable int
}

// CodeUnreadable is the Error code a Conn sets itself when a server
// message cannot be decoded.
const CodeUnreadable = "unreadable"

// Hello is the first message of every connection: exactly one of Join,
// Resume and Host is set.
type Hello struct {
	Join   *game.Join
	Resume *game.Resume
	Host   *game.HostHello
}

// Options configure Dial. Zero values take the defaults.
type Options struct {
	QueueSize  int
	BackoffMin time.Duration
	BackoffMax time.Duration
	// MaxAttempts stops a Conn (StatusClosed) after that many failed tries
	// in a row; 0 retries until Close.
	MaxAttempts int
	// Seed seeds the backoff jitter (0: random).
	Seed uint64
}

// Conn is a connection to a live session that reconnects by itself.
type Conn struct {
	url  string
	opts Options

	ctx    context.Context
	cancel context.CancelFunc
	done   chan struct{}
	nextID atomic.Uint64

	mu      sync.Mutex
	hello   Hello // what the next connection sends first
	state   State
	changed chan struct{} // closed and replaced at every change
	out     chan outgoing // the live connection's queue; nil when none
	version atomic.Uint64 // mirrors state.Version, read without the lock
	jitter  *rand.Rand    // backoff jitter, used by the run goroutine only
}

type outgoing struct {
	frame []byte
}

// Dial starts a connection to the websocket URL (ws:// or wss://, see
// WebSocketURL) and returns at once; the connection is made in the
// background. Watch Snapshot, Version or Changed.
func Dial(url string, hello Hello, opts Options) *Conn {
	if opts.QueueSize <= 0 {
		opts.QueueSize = DefaultQueueSize
	}
	if opts.BackoffMin <= 0 {
		opts.BackoffMin = DefaultBackoffMin
	}
	if opts.BackoffMax <= 0 {
		opts.BackoffMax = DefaultBackoffMax
	}
	seed := opts.Seed
	if seed == 0 {
		seed = rand.Uint64()
	}
	ctx, cancel := context.WithCancel(context.Background())
	c := &Conn{
		url:     url,
		opts:    opts,
		ctx:     ctx,
		cancel:  cancel,
		done:    make(chan struct{}),
		hello:   hello,
		changed: make(chan struct{}),
		jitter:  rand.New(rand.NewPCG(seed, seed^0x9e3779b97f4a7c15)),
	}
	go c.run()
	return c
}

// Join connects as a team (or, in plenary, an agent).
func Join(url string, j game.Join, opts Options) *Conn {
	return Dial(url, Hello{Join: &j}, opts)
}

// ResumeWith reconnects a player with a resume token kept from an earlier
// Welcome (for example after the program restarted).
func ResumeWith(url string, r game.Resume, opts Options) *Conn {
	return Dial(url, Hello{Resume: &r}, opts)
}

// Host connects as the host of session code, with the login token.
func Host(url, code, token string, opts Options) *Conn {
	return Dial(url, Hello{Host: &game.HostHello{Code: code, Token: token}}, opts)
}

// Snapshot returns a copy of the current state.
func (c *Conn) Snapshot() State {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.state
}

// Version is the state's version, cheap enough to poll every frame.
func (c *Conn) Version() uint64 { return c.version.Load() }

// Changed returns a channel closed at the next change of the state. Take it
// before Snapshot so no change falls between the two.
func (c *Conn) Changed() <-chan struct{} {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.changed
}

// Done is closed when the Conn has stopped for good.
func (c *Conn) Done() <-chan struct{} { return c.done }

// Close stops the Conn and waits for its goroutines.
func (c *Conn) Close() {
	c.cancel()
	<-c.done
}

// WaitFor blocks until ok(state) holds and returns that state, or returns
// the context's error, or ErrClosed with the last state if the Conn closed
// first. For bots and tests; a game loop polls Version instead.
func (c *Conn) WaitFor(ctx context.Context, ok func(State) bool) (State, error) {
	for {
		ch := c.Changed()
		s := c.Snapshot()
		if ok(s) {
			return s, nil
		}
		if s.Status == StatusClosed {
			return s, ErrClosed
		}
		select {
		case <-ch:
		case <-ctx.Done():
			return c.Snapshot(), ctx.Err()
		}
	}
}

// Send queues a command: kind is a game.Kind* constant and data its payload
// (the game.Command fields it needs, for example Payload{Answer: &a}), or
// nil. It never blocks: it fails with ErrNotConnected while (re)connecting,
// ErrQueueFull when the writer is stuck and ErrClosed after the end.
func (c *Conn) Send(kind game.Kind, data any) error {
	_, err := c.SendRef(kind, data)
	return err
}

// SendRef is Send that also returns the envelope id, which a matching
// ErrorMsg carries in Ref.
func (c *Conn) SendRef(kind game.Kind, data any) (string, error) {
	env := game.Envelope{V: game.ProtocolVersion, Type: string(kind), ID: "c" + strconv.FormatUint(c.nextID.Add(1), 10)}
	if data != nil {
		raw, err := json.Marshal(data)
		if err != nil {
			return "", fmt.Errorf("client: encoding %s: %w", kind, err)
		}
		env.Data = raw
	}
	frame, err := json.Marshal(env)
	if err != nil {
		return "", fmt.Errorf("client: encoding %s: %w", kind, err)
	}
	c.mu.Lock()
	out, status := c.out, c.state.Status
	c.mu.Unlock()
	switch {
	case status == StatusClosed:
		return "", ErrClosed
	case out == nil:
		return "", ErrNotConnected
	}
	select {
	case out <- outgoing{frame: frame}:
		return env.ID, nil
	default:
		return "", ErrQueueFull
	}
}

// update changes the state under the lock and wakes the watchers.
func (c *Conn) update(f func(s *State)) {
	c.mu.Lock()
	f(&c.state)
	c.state.Version++
	c.version.Store(c.state.Version)
	close(c.changed)
	c.changed = make(chan struct{})
	c.mu.Unlock()
}

// run makes connections until the Conn stops for good.
func (c *Conn) run() {
	defer close(c.done)
	attempt := 0
	for {
		if c.ctx.Err() != nil {
			c.finish(nil)
			return
		}
		sock, err := dial(c.ctx, c.url)
		if err == nil {
			retry := c.serve(sock)
			if !retry {
				return
			}
			if c.Snapshot().Status == StatusConnected {
				attempt = 0
			}
			err = errors.New("connection lost")
		}
		if c.ctx.Err() != nil {
			c.finish(nil)
			return
		}
		attempt++
		c.update(func(s *State) {
			s.LastErr = err
			s.Attempt = attempt
			if s.Welcome != nil {
				s.Status = StatusReconnecting
			}
		})
		if c.opts.MaxAttempts > 0 && attempt >= c.opts.MaxAttempts {
			c.finish(err)
			return
		}
		if !c.wait(c.backoff(attempt)) {
			c.finish(nil)
			return
		}
	}
}

// finish marks the Conn closed for good.
func (c *Conn) finish(err error) {
	c.update(func(s *State) {
		s.Status = StatusClosed
		if err != nil {
			s.LastErr = err
		}
	})
	c.mu.Lock()
	c.out = nil
	c.mu.Unlock()
}

// backoff is the delay before try attempt (1, 2, ...): exponential from
// BackoffMin, capped at BackoffMax, with "equal jitter" (between half and
// all of it) so a room of teams dropped together does not come back in step.
func (c *Conn) backoff(attempt int) time.Duration {
	d := c.opts.BackoffMin
	for i := 1; i < attempt && d < c.opts.BackoffMax; i++ {
		d *= 2
	}
	d = min(d, c.opts.BackoffMax)
	half := d / 2
	return half + time.Duration(c.jitter.Int64N(int64(half)+1))
}

// wait sleeps d unless the Conn is closed first; false when closed.
func (c *Conn) wait(d time.Duration) bool {
	t := time.NewTimer(d)
	defer t.Stop()
	select {
	case <-t.C:
		return true
	case <-c.ctx.Done():
		return false
	}
}

// helloEnvelope builds the first frame of a connection.
func (c *Conn) helloEnvelope() ([]byte, error) {
	c.mu.Lock()
	h := c.hello
	c.mu.Unlock()
	env := game.Envelope{V: game.ProtocolVersion, ID: "hello"}
	var data any
	switch {
	case h.Resume != nil:
		env.Type, data = game.MsgResume, h.Resume
	case h.Join != nil:
		env.Type, data = game.MsgJoin, h.Join
	case h.Host != nil:
		env.Type, data = game.MsgHost, h.Host
	default:
		return nil, errors.New("client: empty hello")
	}
	raw, err := json.Marshal(data)
	if err != nil {
		return nil, err
	}
	env.Data = raw
	return json.Marshal(env)
}

// serve runs one connection: it sends the hello, then reads until the link
// drops. It reports whether to reconnect.
func (c *Conn) serve(sock socket) (retry bool) {
	stop := make(chan struct{})
	var wg sync.WaitGroup
	defer func() {
		close(stop)
		sock.Close()
		wg.Wait()
		c.mu.Lock()
		c.out = nil // commands queued on this link die with it
		c.mu.Unlock()
	}()
	// Close unblocks the reader.
	wg.Add(1)
	go func() {
		defer wg.Done()
		select {
		case <-c.ctx.Done():
			sock.Close()
		case <-stop:
		}
	}()

	hello, err := c.helloEnvelope()
	if err != nil {
		c.finish(err)
		return false
	}
	if err := sock.Write(hello); err != nil {
		c.update(func(s *State) { s.LastErr = err })
		return true
	}
	out := make(chan outgoing, c.opts.QueueSize)
	wg.Add(1)
	go func() {
		defer wg.Done()
		for {
			select {
			case <-stop:
				return
			case m := <-out:
				if err := sock.Write(m.frame); err != nil {
					sock.Close() // the reader sees it and the Conn reconnects
					return
				}
			}
		}
	}()

	welcomed := false
	for {
		frame, err := sock.Read()
		if err != nil {
			if c.ctx.Err() != nil {
				c.finish(nil)
				return false
			}
			c.update(func(s *State) { s.LastErr = err })
			return true
		}
		var env game.Envelope
		if typ, ok := viewType(frame); ok {
			env.Type = typ // its data is decoded from the frame (decodeData)
		} else if err := json.Unmarshal(frame, &env); err != nil {
			c.unreadable("envelope", err) // the server's bug or a newer server; keep the link
			continue
		}
		switch env.Type {
		case game.MsgWelcome:
			var w game.Welcome
			if err := json.Unmarshal(env.Data, &w); err != nil {
				c.unreadable(env.Type, err)
				continue
			}
			welcomed = true
			c.mu.Lock()
			c.out = out
			if w.Token != "" {
				c.hello = Hello{Resume: &game.Resume{Code: w.Code, Token: w.Token}}
			}
			c.mu.Unlock()
			c.update(func(s *State) {
				s.Welcome = &w
				s.Status = StatusConnected
				s.Attempt = 0
				s.LastErr = nil
				s.Bye = nil
			})
		case game.MsgTeamView:
			v := new(game.TeamView)
			if err := decodeData(frame, env, v); err != nil {
				c.unreadable(env.Type, err)
				continue
			}
			now := time.Now()
			c.update(func(s *State) { s.Team, s.ViewAt = v, now })
		case game.MsgHostView:
			v := new(game.HostView)
			if err := decodeData(frame, env, v); err != nil {
				c.unreadable(env.Type, err)
				continue
			}
			now := time.Now()
			c.update(func(s *State) { s.Host, s.ViewAt = v, now })
		case game.MsgError:
			e := new(game.ErrorMsg)
			if err := json.Unmarshal(env.Data, e); err != nil {
				c.unreadable(env.Type, err)
				continue
			}
			c.update(func(s *State) { s.Error = e; s.ErrorCount++ })
			if !welcomed {
				// The join, resume or host hello was refused (wrong code,
				// unknown token, not the session's partner): trying again
				// would be refused again.
				c.finish(nil)
				return false
			}
		case game.MsgBye:
			b := new(game.Bye)
			if err := json.Unmarshal(env.Data, b); err != nil {
				c.unreadable(env.Type, err)
				b = &game.Bye{} // the server closes anyway
			}
			c.update(func(s *State) { s.Bye = b })
			if b.Final() {
				c.finish(nil)
				return false
			}
		}
	}
}

// unreadable records a server message that could not be decoded: counted,
// kept as LastErr for logs, and shown as an error so that a client that no
// longer understands its server says so instead of freezing silently.
func (c *Conn) unreadable(what string, err error) {
	c.update(func(s *State) {
		s.Unreadable++
		s.LastErr = fmt.Errorf("client: unreadable %s message: %w", what, err)
		s.Error = &game.ErrorMsg{Code: CodeUnreadable, Message: msgUnreadable}
		s.ErrorCount++
	})
}

// Payload is the data of a command envelope (game.CommandData): the
// command fields a client may set. Kind, At and Actor are the server's.
type Payload = game.CommandData

// viewType tells a view by its start, the server's envelope of it
// (game.EnvelopePrefix): its data is then decoded from the frame in one
// pass (decodeData) instead of the envelope first and its data again. A
// view, many a second on a board, is most of what a client decodes (a
// phone included).
func viewType(frame []byte) (string, bool) {
	for _, t := range [...]string{game.MsgTeamView, game.MsgHostView} {
		if bytes.HasPrefix(frame, game.EnvelopePrefix(t)) {
			return t, true
		}
	}
	return "", false
}

// decodeData decodes a message's data into v: from env.Data when the
// envelope was decoded, else from the whole frame (viewType).
func decodeData(frame []byte, env game.Envelope, v any) error {
	if env.Data != nil {
		return json.Unmarshal(env.Data, v)
	}
	return json.Unmarshal(frame, &struct {
		Data any `json:"data"`
	}{v})
}
