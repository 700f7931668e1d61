// Package server is mét'ODD's server: the JSON HTTP API (login, decks,
// sessions, campaign, partners), the websocket endpoint where teams and
// partners play, the embedded browser client, the mount point of the RSO
// cell's dashboard, and /healthz.
//
// Concurrency rules, stated once:
//   - Each live session is owned by one goroutine (a "hub", live.go): it
//     alone holds the game.Session. Commands reach it through a channel;
//     it takes those waiting as a unit, stamps the server time, applies
//     them, appends them to the store's command log (one group writer for
//     all sessions, synced commits) and only once that committed answers
//     and pushes views.
//   - Each websocket connection has one reader goroutine (the HTTP
//     handler's) and one writer goroutine, the only one that writes to the
//     socket. The hub never blocks on a connection: it drops views into a
//     one-slot mailbox (latest view wins) and control messages into a small
//     bounded queue; overflow disconnects the client ("slow").
//   - Server state shared by handlers (the live sessions by code, the deck
//     cache, rate limiters) is guarded by mutexes.
//
// On start (New) every live session of the store is rebuilt by replaying
// its command log before the server accepts a connection, so a crash or a
// restart loses nothing that was acknowledged.
package server

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"net"
	"net/http"
	"net/url"
	"strings"
	"sync"
	"time"

	"github.com/gorilla/websocket"

	"metodd/game"
	"metodd/server/ratelimit"
	"metodd/server/store"
)

// Store is what the server needs from the database. *store.DB implements
// it; another database (PostgreSQL) would implement it too.
type Store interface {
	Ping(ctx context.Context) error

	Authenticate(ctx context.Context, login, password string) (store.Account, error)
	CreateAccount(ctx context.Context, a store.NewAccount) (store.Account, error)
	CreateToken(ctx context.Context, accountID int64, ttl time.Duration) (string, error)
	AccountByToken(ctx context.Context, token string) (store.Account, error)
	TokenExpiry(ctx context.Context, token string) (time.Time, error)
	DeleteToken(ctx context.Context, token string) error

	Decks(ctx context.Context, enabledOnly bool) ([]store.Deck, error)
	DeckHead(ctx context.Context, id string) (store.Deck, error)       // without its YAML
	ParsedDeck(ctx context.Context, version int64) (*game.Deck, error) // parsed once

	CurrentCampaign(ctx context.Context) (store.Campaign, error)
	CampaignCount(ctx context.Context, campaignID int64) (int, error)
	// DirectionNames is the RSO cell's list of directions, for the join
	// form (GET /api/join).
	DirectionNames(ctx context.Context) ([]string, error)

	CreateSession(ctx context.Context, n store.NewSession) (store.Session, error)
	Session(ctx context.Context, id string) (store.Session, error)
	SessionByCode(ctx context.Context, code string) (store.Session, error)
	Sessions(ctx context.Context, f store.SessionFilter) ([]store.Session, error)
	SessionDetail(ctx context.Context, id string, withNames bool) (store.SessionDetail, error)
	LiveSessions(ctx context.Context) ([]store.Session, error)
	// AppendCommands returns once the commands are in a committed, synced
	// transaction (group commit: store/group.go).
	AppendCommands(ctx context.Context, sessionID string, cmds []store.PendingCommand) error
	Commands(ctx context.Context, sessionID string) ([]store.LoggedCommand, error)
	EachCommand(ctx context.Context, sessionID string, fn func(store.LoggedCommand) error) error
	ResumePlayer(ctx context.Context, sessionID, tokenHash string) (string, error)
	FinishSession(ctx context.Context, o store.Outcome) (store.Total, error)
}

var _ Store = (*store.DB)(nil)

// Config is how cmd/metodd-server (or a test) sets up a Server.
type Config struct {
	Store Store
	// PublicURL is the address people open ("https://metodd.example.fr"):
	// join URLs are built from it. Empty: from the request's host.
	PublicURL string
	// AllowedOrigins are extra web origins ("https://intranet.example.fr")
	// allowed to open the websocket besides the server's own host.
	AllowedOrigins []string
	// SecureCookies forces the Secure flag on cookies (behind a TLS reverse
	// proxy); cookies are always Secure on a TLS request.
	SecureCookies bool
	// Web serves "/" and the static files of the browser client; nil uses
	// server/web (the embedded build, or a page saying it is coming).
	Web http.Handler
	// Dashboard serves everything under /dashboard/ (the RSO cell's pages,
	// package server/dashboard); nil shows a page saying it is coming.
	Dashboard http.Handler
	Logger    *slog.Logger
	Limits    Limits // zero value: DefaultLimits()
	// LANAddrs lists this machine's addresses, for a join URL phones can
	// open when the board is on the server itself; nil: its interfaces'.
	LANAddrs func() []net.IP
	// Logins guards password checks; share one with the dashboard so both
	// doors count the same failures. Nil: a guard of the server's own.
	Logins *ratelimit.Logins
}

// Limits are the server's protective limits. DefaultLimits gives the values
// to run with; tests shrink some to reach them quickly. A zero field takes
// its default, so a partly filled Limits is safe.
type Limits struct {
	MaxMessage      int64         // largest websocket message read
	PongWait        time.Duration // silence after which a peer is considered gone
	PingPeriod      time.Duration // how often the server pings
	WriteWait       time.Duration // longest a write may block before the client is "slow"
	MessageRate     float64       // websocket messages per second per connection, sustained
	MessageBurst    int           // and in a burst
	MaxBadMessages  int           // malformed messages tolerated per connection
	ControlQueue    int           // queued non-view messages per connection before "slow"
	CodeRate        float64       // failed join codes per minute per address
	CodeBurst       int
	LoginTTL        time.Duration // how long a login token lasts
	FinishedLinger  time.Duration // how long a finished session keeps its connections
	ShutdownTimeout time.Duration // how long Shutdown waits for byes to be written
	Room            RoomLimits    // command log budgets, join form, live sessions per partner (roomlimits.go)

	// The connection budget (conns.go).
	HelloWait         time.Duration // time a websocket has to complete its join, resume or host hello
	MaxPreHello       int           // websockets without a completed hello, per address
	MaxConns          int           // websockets at once, all sessions (global cap)
	MaxHTTPConns      int           // TCP connections the listener holds at once (0: from the file limit, none when it is unlimited)
	ReadHeaderTimeout time.Duration // time to send a request's headers
	ReadTimeout       time.Duration // time to send a whole request, body included
	IdleTimeout       time.Duration // keep-alive connection left idle
	MaxHeaderBytes    int
}

// The default limits, each with its reason.
const (
	// maxMessage: the largest legitimate message (a roster of 6 members or
	// a défi answer) is well under 2 KiB; 64 KiB leaves room and bounds
	// the memory a client can make the server hold.
	maxMessage = 64 << 10
	// pongWait: a laptop on a busy Wi-Fi can stall for tens of seconds; a
	// minute without any frame means the peer is gone.
	pongWait = 60 * time.Second
	// pingPeriod: 9/10 of pongWait, so a ping always arrives before the
	// peer's deadline.
	pingPeriod = pongWait * 9 / 10
	// writeWait: a view is a few KiB; a client that cannot take one in
	// 10 s has fallen behind and reconnects for a fresh view.
	writeWait = 10 * time.Second
	// messageRate, messageBurst: a team sends a few messages per card and a
	// host a few key presses per second; 10/s sustained with bursts of 30
	// is far above any person, far below a flood.
	messageRate  = 10
	messageBurst = 30
	// maxBadMessages: one or two broken messages are a client bug worth an
	// error; more than 5 is a broken or hostile client.
	maxBadMessages = 5
	// controlQueue: welcome, errors and bye are rare; 32 queued means the
	// writer has been stuck for a long time.
	controlQueue = 32
	// codeRate, codeBurst: a person mistyping a code tries a few times; 10
	// wrong codes a minute per address make guessing one of 887 million
	// codes hopeless.
	codeRate  = 10
	codeBurst = 10
	// Failed logins: see ratelimit.Logins (shared with the dashboard).
	// loginTTL: a partner's working day, so a session never expires while
	// it is animated.
	loginTTL = 12 * time.Hour
	// finishedLinger: after the close the room looks at the final screen
	// (podium, campaign counter) for a while; the connections stay that
	// long, then are told the session is over.
	finishedLinger = 30 * time.Minute
	// shutdownTimeout: byes are tiny; 5 s is plenty to write them all.
	shutdownTimeout = 5 * time.Second
)

// DefaultLimits are the limits the server runs with.
func DefaultLimits() Limits {
	return Limits{
		MaxMessage: maxMessage, PongWait: pongWait, PingPeriod: pingPeriod, WriteWait: writeWait,
		MessageRate: messageRate, MessageBurst: messageBurst, MaxBadMessages: maxBadMessages,
		ControlQueue: controlQueue, CodeRate: codeRate, CodeBurst: codeBurst,
		LoginTTL:       loginTTL,
		FinishedLinger: finishedLinger, ShutdownTimeout: shutdownTimeout,
		Room: defaultRoomLimits(),

		HelloWait: helloWait, MaxPreHello: maxPreHello,
		ReadHeaderTimeout: readHeaderTimeout, ReadTimeout: readTimeout, IdleTimeout: idleTimeout,
		MaxHeaderBytes: maxHeaderBytes,
	}.FitFileLimit(FileLimit())
}

// withDefaults fills every zero (or negative) limit from DefaultLimits: a
// test or a caller sets only the limits it cares about, and a zero rate,
// queue or timeout would otherwise refuse everything or panic (a
// zero-sized control queue, a zero ping ticker).
func (l Limits) withDefaults() Limits {
	d := DefaultLimits()
	if l == (Limits{}) {
		return d
	}
	orDefault(&l.MaxMessage, d.MaxMessage)
	orDefault(&l.PongWait, d.PongWait)
	orDefault(&l.PingPeriod, d.PingPeriod)
	orDefault(&l.WriteWait, d.WriteWait)
	orDefault(&l.MessageRate, d.MessageRate)
	orDefault(&l.MessageBurst, d.MessageBurst)
	orDefault(&l.MaxBadMessages, d.MaxBadMessages)
	orDefault(&l.ControlQueue, d.ControlQueue)
	orDefault(&l.CodeRate, d.CodeRate)
	orDefault(&l.CodeBurst, d.CodeBurst)
	orDefault(&l.LoginTTL, d.LoginTTL)
	orDefault(&l.FinishedLinger, d.FinishedLinger)
	orDefault(&l.ShutdownTimeout, d.ShutdownTimeout)
	orDefault(&l.HelloWait, d.HelloWait)
	orDefault(&l.MaxPreHello, d.MaxPreHello)
	orDefault(&l.MaxConns, d.MaxConns)
	orDefault(&l.MaxHTTPConns, d.MaxHTTPConns)
	orDefault(&l.ReadHeaderTimeout, d.ReadHeaderTimeout)
	orDefault(&l.ReadTimeout, d.ReadTimeout)
	orDefault(&l.IdleTimeout, d.IdleTimeout)
	orDefault(&l.MaxHeaderBytes, d.MaxHeaderBytes)
	l.Room = l.Room.withDefaults()
	if l.PingPeriod >= l.PongWait { // a ping must reach the peer before its deadline
		l.PingPeriod = l.PongWait * 9 / 10
	}
	return l
}

// orDefault sets *v to def when it is zero or negative.
func orDefault[T int | int64 | float64 | time.Duration](v *T, def T) {
	if *v <= 0 {
		*v = def
	}
}

// Server is the mét'ODD server; it is an http.Handler.
type Server struct {
	cfg      Config
	st       Store
	log      *slog.Logger
	lim      Limits
	mux      *http.ServeMux
	upgrader websocket.Upgrader
	logins   *ratelimit.Logins
	codeLim  *ratelimit.Limiter
	joinLim  *ratelimit.Limiter // GET /api/join per address
	origins  map[string]bool    // allowed origins, "scheme://host[:port]" lower-cased
	public   *url.URL

	quit  chan struct{} // closed by Shutdown: hubs say bye and stop
	kill  chan struct{} // closed by crash (tests): hubs stop without a word
	hubs  sync.WaitGroup
	conns sync.WaitGroup

	mu       sync.Mutex
	live     map[string]*live // by join code; finished sessions stay while they linger
	closing  bool
	stopOnce sync.Once

	// The connection budget (conns.go), guarded by mu.
	wsOpen    int                 // websockets open
	preHello  map[string]int      // websockets without a completed hello, by address
	refused   int64               // upgrades refused by the budget since refusedAt (for the logs)
	refusedAt time.Time           // last log line about refusals
	hostConns map[*conn]*hostConn // host websockets, for revocation (revoke.go)
	// creating counts, by partner, the sessions being created (between
	// the cap's check and the session going live), guarded by mu: two
	// creations at once cannot both take the last place (reserveLive).
	creating map[int64]int
}

// New makes a server and rebuilds every live session of the store by
// replaying its command log. It returns once they are all running.
func New(ctx context.Context, cfg Config) (*Server, error) {
	if cfg.Store == nil {
		return nil, errors.New("server: no store")
	}
	s := &Server{
		cfg:     cfg,
		st:      cfg.Store,
		log:     cfg.Logger,
		lim:     cfg.Limits,
		quit:    make(chan struct{}),
		kill:    make(chan struct{}),
		live:    map[string]*live{},
		origins: map[string]bool{},
	}
	if s.log == nil {
		s.log = slog.Default()
	}
	s.lim = s.lim.withDefaults()
	if cfg.PublicURL != "" {
		u, err := url.Parse(strings.TrimRight(cfg.PublicURL, "/"))
		if err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" {
			return nil, fmt.Errorf("server: public URL %q: http(s)://host expected", cfg.PublicURL)
		}
		s.public = u
		s.origins[strings.ToLower(u.Scheme+"://"+u.Host)] = true
	}
	for _, o := range cfg.AllowedOrigins {
		o = strings.TrimRight(strings.TrimSpace(o), "/")
		if o == "" {
			continue
		}
		u, err := url.Parse(o)
		if err != nil || u.Host == "" {
			return nil, fmt.Errorf("server: allowed origin %q: scheme://host expected", o)
		}
		s.origins[strings.ToLower(u.Scheme+"://"+u.Host)] = true
	}
	s.logins = cfg.Logins
	if s.logins == nil {
		s.logins = ratelimit.NewLogins(ratelimit.DefaultLoginLimits(), s.log)
	}
	s.preHello = map[string]int{}
	s.hostConns = map[*conn]*hostConn{}
	if r, ok := cfg.Store.(revoker); ok {
		r.OnRevoke(s.revoke)
	}
	s.codeLim = ratelimit.New(s.lim.CodeRate, s.lim.CodeBurst)
	s.joinLim = ratelimit.New(s.lim.Room.JoinInfoRate, s.lim.Room.JoinInfoBurst)
	s.upgrader = websocket.Upgrader{
		ReadBufferSize:  wsReadBuffer,
		WriteBufferSize: wsWriteBuffer,
		// A connection holds a write buffer only while it writes a message:
		// thousands of players idle between two views share a few.
		WriteBufferPool: &writeBuffers,
		CheckOrigin:     s.checkOrigin,
		// The handshake error page is for browsers' consoles only.
		Error: func(w http.ResponseWriter, r *http.Request, status int, reason error) {
			writeError(w, status, reason.Error())
		},
	}
	s.routes()
	if err := s.restore(ctx); err != nil {
		return nil, err
	}
	return s, nil
}

// ServeHTTP serves the whole site.
func (s *Server) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	hd := w.Header()
	hd.Set("X-Content-Type-Options", "nosniff")
	hd.Set("Referrer-Policy", "same-origin")
	// No page of the site may be framed (clickjacking: the host screen and
	// the dashboard drive real sessions). The dashboard sets a fuller
	// policy of its own, with the same frame-ancestors.
	hd.Set("X-Frame-Options", "DENY")
	hd.Set("Content-Security-Policy", "frame-ancestors 'none'")
	s.mux.ServeHTTP(w, r)
}

// checkOrigin accepts websocket upgrades from programs (no Origin header),
// from pages of the server's own host and from the allowed origins.
func (s *Server) checkOrigin(r *http.Request) bool {
	origin := r.Header.Get("Origin")
	if origin == "" {
		return true
	}
	u, err := url.Parse(origin)
	if err != nil || u.Host == "" {
		return false
	}
	if strings.EqualFold(u.Host, r.Host) {
		return true
	}
	return s.origins[strings.ToLower(u.Scheme+"://"+u.Host)]
}

// restore rebuilds the live sessions from the store.
func (s *Server) restore(ctx context.Context) error {
	list, err := s.st.LiveSessions(ctx)
	if err != nil {
		return fmt.Errorf("server: restore: %w", err)
	}
	for _, rec := range list {
		h, n, err := s.rebuild(ctx, rec)
		if err != nil {
			// One broken session must not keep the others from running;
			// its log stays in the store for a look.
			s.log.Error("session not restored", "session", rec.ID, "code", rec.Code, "err", err)
			continue
		}
		s.log.Info("session restored", "session", rec.ID, "code", rec.Code, "commands", n, "phase", h.sess.Phase())
		s.mu.Lock()
		s.live[rec.Code] = h
		s.mu.Unlock()
		s.startHub(h)
	}
	return nil
}

// Shutdown tells every connected client the server stops (bye "shutdown"),
// stops the live sessions and waits (at most until ctx is done) for the
// byes to be written. Every accepted command is already in the store, so
// nothing else needs saving; the caller closes the store afterwards.
func (s *Server) Shutdown(ctx context.Context) error {
	s.mu.Lock()
	s.closing = true
	s.mu.Unlock()
	s.stopOnce.Do(func() { close(s.quit) })
	done := make(chan struct{})
	go func() {
		s.hubs.Wait()
		s.conns.Wait()
		close(done)
	}()
	select {
	case <-done:
		return nil
	case <-ctx.Done():
		return ctx.Err()
	}
}

// crash stops every live session as a crash would: no bye, connections cut,
// nothing written. Tests use it to check that a restart loses nothing.
func (s *Server) crash() {
	s.mu.Lock()
	s.closing = true
	s.mu.Unlock()
	s.stopOnce.Do(func() { close(s.kill) })
	s.hubs.Wait()
}

// writeBuffers are the websockets' write buffers (Upgrader.WriteBufferPool).
var writeBuffers sync.Pool

// wsReadBuffer is each websocket's read buffer, held for the connection's
// life: a client's messages are commands of a few hundred bytes (a join
// with its roster the largest), so 1 KiB takes nearly all in one read and
// 3 KiB per connection are saved on gorilla's 4 KiB default; a larger
// message is read through in several reads (MaxMessage bounds it).
const wsReadBuffer = 1024

// wsWriteBuffer is the size of a pooled write buffer (writeBuffers): a
// team view (1.5–2 KB) fits in one frame, a host view in two.
const wsWriteBuffer = 4096

// lookup returns the live (or lingering) session with that code.
func (s *Server) lookup(code string) *live {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.live[code]
}

// Live lists the sessions being played now.
func (s *Server) Live() []game.LiveSession {
	s.mu.Lock()
	defer s.mu.Unlock()
	out := make([]game.LiveSession, 0, len(s.live))
	for _, h := range s.live {
		if info := h.info(); info.Phase != game.PhaseClosed && info.Phase != game.PhaseEnded {
			out = append(out, info)
		}
	}
	return out
}

// deck returns the parsed deck of a version (parsed once, store's cache).
func (s *Server) deck(ctx context.Context, version int64) (*game.Deck, error) {
	return s.st.ParsedDeck(ctx, version)
}

// LiveTeams tells how many teams and agents a live session has right now
// (for the dashboard's list of live sessions); false when it is not live
// on this server.
func (s *Server) LiveTeams(sessionID string) (teams, members int, ok bool) {
	s.mu.Lock()
	defer s.mu.Unlock()
	for _, h := range s.live {
		if h.id == sessionID {
			info := h.info()
			return info.Teams, info.Members, info.Phase != game.PhaseClosed && info.Phase != game.PhaseEnded
		}
	}
	return 0, 0, false
}
