package server

import (
	"log/slog"
	"net"
	"net/http"
	"sync"
	"sync/atomic"
	"time"
)

// The connection budget. Every websocket costs a file descriptor, two
// goroutines and their buffers from the upgrade on, before it has said who
// it is; the join code is public, so anyone in the room can open them. The
// budget bounds them three ways, and keeps a reserve of descriptors so the
// monitor (/healthz), the dashboard and the API still answer during a flood:
//
//   - a hello deadline: a websocket whose join, resume or host is not
//     accepted within HelloWait gets bye "no-hello" and is closed;
//   - per address, only websockets without an accepted hello are counted
//     (MaxPreHello): a venue behind one NAT address, hundreds of phones in
//     one plenary, joins freely, since its joined players do not count;
//   - a global cap on websockets (MaxConns, a French 503 beyond), set below
//     the listener's cap (MaxHTTPConns, itself below the open-files limit)
//     so HTTP requests always find a descriptor.
const (
	// helloWait: the client sends its hello the moment the socket opens
	// (game/client); 10 s covers a phone on a congested Wi-Fi, and bounds
	// how long a silent socket holds a descriptor.
	helloWait = 10 * time.Second
	// maxPreHello: only sockets whose hello is not yet accepted count, and
	// a hello takes a round trip and a few milliseconds in its session: even
	// a plenary of hundreds behind one NAT address, all tapping « Rejoindre »
	// in the same second, has a few dozen in flight (and the client retries
	// a refused connection after a short backoff). A flood from one address
	// holds at most 64 sockets, each for at most helloWait.
	maxPreHello = 64
	// maxConns: every service playing the same morning (1,000 team
	// sessions, about 19,000 connections, issue 10) or the largest plenary
	// (game.MaxPlayers, 10,000 agents) with room to spare; a websocket costs
	// about 17 KB idle and 35 KB at a card's fan-out (docs/scaling.md), so
	// the cap also bounds that memory to about 700 MB. FitFileLimit lowers
	// it to fit the process's open-files limit.
	maxConns = 20000
	// fdSpare: descriptors that are not client connections: the SQLite file,
	// its WAL and shared memory, the listener, the logs, DNS, the runtime.
	fdSpare = 64
	// httpReserve: connections the listener keeps beyond the websocket cap
	// for /healthz, the dashboard and the API, so a monitor and the RSO cell
	// still get in while websockets are at their cap.
	httpReserve = 256
	// readHeaderTimeout: a request's headers arrive in one packet on a LAN;
	// 10 s stops slow-loris connections without hurting anyone.
	readHeaderTimeout = 10 * time.Second
	// readTimeout: the whole request, body included. The largest body is a
	// deck upload (game.MaxDeckBytes, 4 MiB), under 40 s on a 1 Mbit/s
	// link; a body trickled one byte at a time is cut after a minute.
	// Websockets are not concerned: their deadlines are reset on upgrade.
	readTimeout = 60 * time.Second
	// idleTimeout: keep-alive connections of browsers are reused within a
	// minute or two; idle ones beyond that only hold a descriptor.
	idleTimeout = 2 * time.Minute
	// maxHeaderBytes: cookies and a bearer token fit in a few KiB.
	maxHeaderBytes = 64 << 10
	// refusalLogEvery: refusals by the budget come in floods; one log line
	// (with the count) per interval says enough.
	refusalLogEvery = 10 * time.Second
)

// FitFileLimit sets the caps that depend on the open-files limit n (0:
// unknown, no listener cap): the listener keeps fdSpare descriptors free,
// and websockets leave httpReserve connections to plain HTTP.
func (l Limits) FitFileLimit(n uint64) Limits {
	l.MaxConns, l.MaxHTTPConns = maxConns, 0
	if n == 0 || n > 1<<30 {
		return l
	}
	httpMax := int(n) - fdSpare
	if httpMax < 2 {
		httpMax = 2
	}
	l.MaxHTTPConns = httpMax
	l.MaxConns = min(maxConns, max(httpMax-httpReserve, httpMax/2))
	return l
}

// HTTPServer is the http.Server to serve s with: its timeouts and header
// limit (Handler is s; the caller sets the address or serves a listener
// wrapped by Listener).
func (s *Server) HTTPServer() *http.Server {
	return &http.Server{
		Handler:           s,
		ReadHeaderTimeout: s.lim.ReadHeaderTimeout,
		ReadTimeout:       s.lim.ReadTimeout,
		IdleTimeout:       s.lim.IdleTimeout,
		MaxHeaderBytes:    s.lim.MaxHeaderBytes,
		ErrorLog:          slog.NewLogLogger(s.log.Handler(), slog.LevelWarn),
	}
}

// admit counts a websocket about to be upgraded from addr, or says why it
// cannot be (HTTP status and French message). An admitted socket is in
// s.conns: its handler calls s.conns.Done once it has released it.
func (s *Server) admit(addr string) (status int, msg string) {
	s.mu.Lock()
	defer s.mu.Unlock()
	switch {
	case s.closing:
		return http.StatusServiceUnavailable, byeMessages["shutdown"]
	case s.wsOpen >= s.lim.MaxConns:
		s.refusedLog("websocket refused: global cap", addr, s.wsOpen)
		return http.StatusServiceUnavailable, msgConnsFull
	case s.preHello[addr] >= s.lim.MaxPreHello:
		s.refusedLog("websocket refused: too many without a hello from this address", addr, s.preHello[addr])
		return http.StatusTooManyRequests, msgPreHelloFull
	}
	s.wsOpen++
	s.preHello[addr]++
	// Counted in s.conns under s.mu, as Shutdown sets closing: a Shutdown
	// either refuses this socket or waits for it (a WaitGroup must not be
	// added to from zero while it is waited on).
	s.conns.Add(1)
	return 0, ""
}

// refusedLog logs budget refusals, one line per refusalLogEvery. s.mu held.
func (s *Server) refusedLog(what, addr string, n int) {
	s.refused++
	if now := time.Now(); now.Sub(s.refusedAt) >= refusalLogEvery {
		s.log.Warn(what, "addr", addr, "open", n, "refused", s.refused)
		s.refused, s.refusedAt = 0, now
	}
}

// helloDone takes a websocket out of its address's count of sockets
// without a hello (once: the first accepted hello).
func (s *Server) helloDone(addr string) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.dropPreHello(addr)
}

// release forgets a websocket that ended (or was never upgraded);
// preHello tells whether it never had a hello accepted.
func (s *Server) release(addr string, preHello bool) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.wsOpen--
	if preHello {
		s.dropPreHello(addr)
	}
}

func (s *Server) dropPreHello(addr string) {
	if n := s.preHello[addr] - 1; n > 0 {
		s.preHello[addr] = n
	} else {
		delete(s.preHello, addr)
	}
}

// ConnCounts tells how many websockets are open and how many of them have
// not completed a hello (for tests and the logs).
func (s *Server) ConnCounts() (open, withoutHello int) {
	s.mu.Lock()
	defer s.mu.Unlock()
	for _, n := range s.preHello {
		withoutHello += n
	}
	return s.wsOpen, withoutHello
}

// Listener wraps ln so it never holds more than Limits.MaxHTTPConns
// connections: beyond, a new connection is closed at once, which keeps the
// process under its open-files limit (where accept itself fails and nobody,
// /healthz included, gets in). With MaxHTTPConns 0 it returns ln.
func (s *Server) Listener(ln net.Listener) net.Listener {
	if s.lim.MaxHTTPConns <= 0 {
		return ln
	}
	return &limitListener{Listener: ln, max: int64(s.lim.MaxHTTPConns), log: s.log}
}

type limitListener struct {
	net.Listener
	max  int64
	open atomic.Int64
	log  *slog.Logger

	mu        sync.Mutex
	refused   int64
	refusedAt time.Time
}

func (l *limitListener) Accept() (net.Conn, error) {
	for {
		c, err := l.Listener.Accept()
		if err != nil {
			return nil, err
		}
		if l.open.Add(1) > l.max {
			l.open.Add(-1)
			c.Close()
			l.mu.Lock()
			l.refused++
			if now := time.Now(); now.Sub(l.refusedAt) >= refusalLogEvery {
				l.log.Warn("connection refused: listener at its cap", "cap", l.max, "refused", l.refused)
				l.refused, l.refusedAt = 0, now
			}
			l.mu.Unlock()
			continue
		}
		return &countedConn{Conn: c, l: l}, nil
	}
}

type countedConn struct {
	net.Conn
	l    *limitListener
	once sync.Once
}

func (c *countedConn) Close() error {
	c.once.Do(func() { c.l.open.Add(-1) })
	return c.Conn.Close()
}
