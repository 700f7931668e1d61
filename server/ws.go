package server

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net/http"
	"reflect"
	"strings"
	"sync"
	"sync/atomic"
	"time"

	"github.com/gorilla/websocket"

	"metodd/game"
	"metodd/server/ratelimit"
	"metodd/server/store"
)

// closeGrace is how long a connection we close waits for the peer's
// answer to our close frame while its last frames are drained: closing a
// socket with unread data resets it, and a reset can destroy the bye not yet
// read by the peer. Clients answer at once; 2 s is for a slow network.
const closeGrace = 2 * time.Second

// helloRecheck: when the hello deadline passes while a hello is with its
// session, the deadline is checked again this much later, so an accepted
// hello is never cut by a deadline that passed during its answer.
const helloRecheck = 100 * time.Millisecond

// closeCodes are the websocket close codes sent after each bye.
var closeCodes = map[game.ByeReason]int{
	game.ByeShutdown: websocket.CloseGoingAway,
	game.ByeFlood:    websocket.ClosePolicyViolation,
	game.ByeProtocol: websocket.CloseUnsupportedData,
	game.ByeTooLarge: websocket.CloseMessageTooBig,
	game.ByeSlow:     websocket.ClosePolicyViolation,
	game.ByeNoHello:  websocket.ClosePolicyViolation,
}

// payload is the data of a command envelope: the game.Command fields a
// client may set. Kind, At and Actor are always the server's.
type payload = game.CommandData

// envelope encodes one server message: the data encoded once and spliced
// after its type's prefix. Encoding a game.Envelope around the encoded data
// would copy and re-check every byte of it (json.RawMessage is compacted
// again): 6 % of a 200-session run's server CPU went there.
func envelope(typ string, data any) ([]byte, error) {
	raw, err := json.Marshal(data)
	if err != nil {
		return nil, err
	}
	p := game.EnvelopePrefix(typ)
	buf := make([]byte, 0, len(p)+len(raw)+1)
	buf = append(buf, p...)
	buf = append(buf, raw...)
	return append(buf, '}'), nil
}

// conn is one websocket connection. Its reader goroutine (serve, started
// by serveWS, whose HTTP handler then returns and frees net/http's buffers)
// reads and dispatches; a writer goroutine (flushOut) runs only while there
// is something to write, and is then the only one writing. An idle
// connection costs one goroutine, gorilla's read buffer and this struct
// (docs/scaling.md, "What a connection is made of").
type conn struct {
	srv  *Server
	ws   *websocket.Conn
	addr string
	// cookieToken is the login the upgrade request carried (Authorization
	// or cookie), for a host hello that sends none.
	cookieToken string

	// Outgoing: guarded by mu, drained by the writer.
	mu      sync.Mutex
	ctrl    [][]byte // welcome, errors: in order
	view    message  // the latest view: a newer one replaces it
	byeMsg  []byte   // the last message; set once
	byeWhy  game.ByeReason
	pingDue bool // the ping timer fired: the writer sends a ping
	writing bool // a writer goroutine runs
	// readDone: the reader stopped; no writer starts any more, and the last
	// one closes the socket. ended: the writer closed the socket (after a
	// bye or a failed write); no writer starts any more.
	readDone, ended bool
	ping            *time.Timer   // the keepalive ping (PingPeriod)
	gone            chan struct{} // closed when the reader stops
	cutOnce         sync.Once

	// Set by the reader after a successful hello; read by the reader, and
	// by the hub after the hello request (the channel send orders them).
	hub      *live
	role     game.Role
	playerID string
	rate     ratelimit.Bucket
	bad      int

	// greeted is set once a hello is accepted: the connection then leaves
	// its address's count of sockets without a hello, and the hello
	// deadline no longer applies (read by the deadline's timer).
	greeted  atomic.Bool
	helloing atomic.Bool // a hello is with its session, waiting for the answer
	// account is the host's login (opHost only), for revocation.
	account int64
	// tokenUntil is when the host's login token expires: the connection
	// ends then, as if revoked (hostAttached).
	tokenUntil time.Time
	token      string
}

// serveWS upgrades /ws and runs the connection's reader.
func (s *Server) serveWS(w http.ResponseWriter, r *http.Request) {
	addr := ratelimit.ClientAddr(r)
	if status, msg := s.admit(addr); status != 0 {
		// Do not keep the connection: its descriptor is what is short.
		w.Header().Set("Connection", "close")
		if status == http.StatusServiceUnavailable || status == http.StatusTooManyRequests {
			w.Header().Set("Retry-After", "5")
		}
		writeError(w, status, msg)
		return
	}
	ws, err := s.upgrader.Upgrade(w, r, nil)
	if err != nil {
		s.release(addr, true)
		s.conns.Done()
		return // the upgrader answered the client
	}
	c := &conn{srv: s, ws: ws, addr: addr, cookieToken: tokenFrom(r), gone: make(chan struct{})}
	// The reader gets a goroutine of its own (admit's count) and this
	// handler returns: net/http's request, response and its 6 KiB of buffers
	// are then garbage instead of held for the connection's life.
	go c.serve()
}

// serve runs the connection's reader; it holds admit's count in s.conns.
func (c *conn) serve() {
	s := c.srv
	defer s.conns.Done() // admit's count, released last
	defer func() {
		s.hostDetached(c)
		s.release(c.addr, !c.greeted.Load())
	}()
	// The hello deadline: absolute, so messages sent without a hello (each
	// answered "join first") do not extend it.
	// A hello being answered when the deadline passes gets its answer
	// first: checked again shortly (the session answers in milliseconds).
	var check func()
	check = func() {
		select {
		case <-c.gone:
			return
		default:
		}
		switch {
		case c.greeted.Load():
		case c.helloing.Load():
			time.AfterFunc(helloRecheck, check)
		default:
			s.log.Info("websocket without a hello closed", "addr", c.addr)
			c.bye(game.ByeNoHello)
		}
	}
	noHello := time.AfterFunc(s.lim.HelloWait, check)
	defer noHello.Stop()
	c.mu.Lock()
	c.ping = time.AfterFunc(s.lim.PingPeriod, func() {
		c.mu.Lock()
		c.pingDue = true
		c.mu.Unlock()
		c.poke()
	})
	c.mu.Unlock()
	c.readLoop()
}

// ---- outgoing (any goroutine)

// poke starts a writer unless one runs: it takes what is queued until
// nothing is left (flushOut). Only while the reader runs (it holds a count
// in s.conns, so the writer's Add never starts from zero under Shutdown).
func (c *conn) poke() {
	c.mu.Lock()
	if c.writing || c.readDone || c.ended {
		c.mu.Unlock()
		return
	}
	c.writing = true
	c.srv.conns.Add(1)
	c.mu.Unlock()
	go func() {
		defer c.srv.conns.Done()
		c.flushOut()
	}()
}

// send queues a control message (welcome, error).
func (c *conn) send(typ string, data any) {
	raw, err := envelope(typ, data)
	if err != nil {
		c.srv.log.Error("message not encoded", "type", typ, "err", err)
		return
	}
	c.mu.Lock()
	if c.byeMsg != nil {
		c.mu.Unlock()
		return
	}
	if len(c.ctrl) >= c.srv.lim.ControlQueue {
		c.mu.Unlock()
		c.bye(game.ByeSlow)
		return
	}
	c.ctrl = append(c.ctrl, raw)
	c.mu.Unlock()
	c.poke()
}

func (c *conn) sendError(code, msg, ref string) {
	c.send(game.MsgError, game.ErrorMsg{Code: code, Message: msg, Ref: ref})
}

func (c *conn) sendErrorMsg(e *game.ErrorMsg) { c.send(game.MsgError, e) }

// sendView replaces the pending view: latest view wins.
func (c *conn) sendView(typ string, v any) {
	raw, err := envelope(typ, v)
	if err != nil {
		c.srv.log.Error("view not encoded", "type", typ, "err", err)
		return
	}
	c.sendMessage(message{head: raw})
}

// message is a server message in two parts sent one after the other, in
// one websocket message: the team views of a fan-out share their tail (the
// part every player sees, encoded once) and differ by a small head, so no
// connection holds a copy of the shared bytes while it waits to write.
type message struct{ head, tail []byte }

// sendMessage replaces the pending view: latest view wins.
func (c *conn) sendMessage(m message) {
	c.mu.Lock()
	if c.byeMsg == nil {
		c.view = m
	}
	c.mu.Unlock()
	c.poke()
}

// bye queues the last message; the writer sends what is pending, the bye
// and a close frame, then closes the connection.
func (c *conn) bye(reason game.ByeReason) {
	raw, _ := envelope(game.MsgBye, game.Bye{Reason: reason, Message: byeMessages[reason]})
	c.mu.Lock()
	if c.byeMsg == nil {
		c.byeMsg, c.byeWhy = raw, reason
	}
	c.mu.Unlock()
	c.poke()
}

// leaving reports whether the connection was told bye.
func (c *conn) leaving() bool {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.byeMsg != nil
}

// cut closes the connection without a word (a crash, in tests).
func (c *conn) cut() {
	c.cutOnce.Do(func() { c.ws.NetConn().Close() })
}

// ---- the writer

// flushOut writes what is queued, in order (control messages, the latest
// view, a ping, the bye), until nothing is left; it then returns, and the
// next poke starts a writer again. After the bye, or a failed write, it
// closes the socket. The reader stopped (the peer is gone): it closes the
// socket without writing more.
func (c *conn) flushOut() {
	lim := c.srv.lim
	write := func(m message) bool {
		c.ws.SetWriteDeadline(time.Now().Add(lim.WriteWait))
		if err := writeMessage(c.ws, m); err != nil {
			if errors.Is(err, context.DeadlineExceeded) || isTimeout(err) {
				// Fell behind: tell it why if the socket takes anything.
				c.ws.WriteControl(websocket.CloseMessage,
					websocket.FormatCloseMessage(websocket.ClosePolicyViolation, string(game.ByeSlow)), time.Now().Add(time.Second))
				c.srv.log.Info("client too slow, disconnected", "addr", c.addr, "role", c.role)
			}
			return false
		}
		return true
	}
	for {
		c.mu.Lock()
		ctrl, view, bye, why, ping := c.ctrl, c.view, c.byeMsg, c.byeWhy, c.pingDue
		c.ctrl, c.view, c.pingDue = nil, message{}, false
		if c.readDone || (len(ctrl) == 0 && view.head == nil && bye == nil && !ping) {
			c.writing = false
			done := c.readDone
			c.mu.Unlock()
			if done {
				c.end()
			}
			return
		}
		c.mu.Unlock()
		for _, m := range ctrl {
			if !write(message{head: m}) {
				c.end()
				return
			}
		}
		if view.head != nil && !write(view) {
			c.end()
			return
		}
		if ping {
			if err := c.ws.WriteControl(websocket.PingMessage, nil, time.Now().Add(lim.WriteWait)); err != nil {
				c.end()
				return
			}
			c.ping.Reset(lim.PingPeriod)
		}
		if bye != nil {
			if write(message{head: bye}) {
				code, ok := closeCodes[why]
				if !ok {
					code = websocket.CloseNormalClosure
				}
				c.ws.WriteControl(websocket.CloseMessage, websocket.FormatCloseMessage(code, string(why)),
					time.Now().Add(lim.WriteWait))
				// Let the reader take the peer's close frame (or drain
				// what it still sends) before the socket closes.
				grace := time.NewTimer(closeGrace)
				select {
				case <-c.gone:
				case <-grace.C:
				}
				grace.Stop()
			}
			c.end()
			return
		}
	}
}

// writeMessage writes m's head and tail as one text message: a single
// frame when they fit the write buffer, as WriteMessage would.
func writeMessage(ws *websocket.Conn, m message) error {
	if m.tail == nil {
		return ws.WriteMessage(websocket.TextMessage, m.head)
	}
	w, err := ws.NextWriter(websocket.TextMessage)
	if err != nil {
		return err
	}
	if _, err := w.Write(m.head); err != nil {
		return err
	}
	if _, err := w.Write(m.tail); err != nil {
		return err
	}
	return w.Close()
}

// end closes the socket for good: no writer starts after it. Called by the
// writer (the last one) only.
func (c *conn) end() {
	c.mu.Lock()
	c.ended, c.writing = true, false
	c.mu.Unlock()
	c.ping.Stop()
	c.cut()
}

func isTimeout(err error) bool {
	var t interface{ Timeout() bool }
	return errors.As(err, &t) && t.Timeout()
}

// ---- the reader

func (c *conn) readLoop() {
	lim := c.srv.lim
	defer func() {
		c.mu.Lock()
		leaving := c.byeMsg != nil
		c.mu.Unlock()
		if leaving {
			c.drain()
		}
		close(c.gone)
		// No writer starts any more; the one running (if any) closes the
		// socket when it returns, else it is closed here.
		c.mu.Lock()
		c.readDone = true
		writing := c.writing
		c.mu.Unlock()
		if !writing {
			c.end()
		}
		if c.hub != nil {
			select {
			case c.hub.in <- request{op: opDetach, conn: c}:
			case <-c.hub.done:
			}
		}
	}()
	// The hard limit is above ours so we can still say why we stop
	// (gorilla would close with a bare status otherwise).
	c.ws.SetReadLimit(2*lim.MaxMessage + 1024)
	c.ws.SetReadDeadline(time.Now().Add(lim.PongWait))
	c.ws.SetPongHandler(func(string) error {
		c.ws.SetReadDeadline(time.Now().Add(lim.PongWait))
		return nil
	})
	for {
		mt, r, err := c.ws.NextReader()
		if err != nil {
			return
		}
		c.ws.SetReadDeadline(time.Now().Add(lim.PongWait))
		if !c.rate.Take(time.Now(), lim.MessageRate, lim.MessageBurst) {
			c.srv.log.Warn("websocket flood", "addr", c.addr, "role", c.role)
			c.bye(game.ByeFlood)
			return
		}
		if mt != websocket.TextMessage {
			c.sendError(codeBinary, wsMsgBinary, "")
			c.bye(game.ByeProtocol)
			return
		}
		data, err := io.ReadAll(io.LimitReader(r, lim.MaxMessage+1))
		if err != nil {
			if errors.Is(err, websocket.ErrReadLimit) {
				c.bye(game.ByeTooLarge)
			}
			return
		}
		if int64(len(data)) > lim.MaxMessage {
			c.bye(game.ByeTooLarge)
			return
		}
		if c.leaving() {
			// Said bye (revoked, removed...): nothing more is applied; the
			// deferred drain waits for the peer's close.
			return
		}
		if !c.dispatch(data) {
			return
		}
	}
}

// drain reads and drops what the peer still sends after our bye, until
// its close frame arrives or closeGrace passes (see closeGrace).
func (c *conn) drain() {
	c.ws.SetReadDeadline(time.Now().Add(closeGrace))
	for {
		_, r, err := c.ws.NextReader()
		if err != nil {
			return
		}
		if _, err := io.Copy(io.Discard, r); err != nil {
			return
		}
	}
}

// malformed answers a broken message; too many close the connection.
func (c *conn) malformed(code, msg, ref string) bool {
	c.bad++
	c.sendError(code, msg, ref)
	if c.bad > c.srv.lim.MaxBadMessages {
		c.bye(game.ByeProtocol)
		return false
	}
	return true
}

// decodeError explains a JSON decoding error in French.
func decodeError(err error) string {
	var te *json.UnmarshalTypeError
	if !errors.As(err, &te) {
		return wsMsgBadNumber
	}
	kind := te.Type.Kind()
	want := wsMsgWant[kind]
	switch {
	case numberKinds[kind] && strings.HasPrefix(te.Value, "number"):
		want = wsMsgBadNumber // a number was sent, out of range (1e400) or not whole
	case want == "":
		want = wsMsgWrongType
	}
	if te.Field == "" {
		return want
	}
	return fmt.Sprintf(wsMsgField, te.Field, want)
}

// numberKinds are the Go kinds a JSON number decodes into.
var numberKinds = map[reflect.Kind]bool{reflect.Int: true, reflect.Int64: true, reflect.Float64: true}

// dispatch handles one message; false closes the connection.
func (c *conn) dispatch(data []byte) bool {
	var env game.Envelope
	if err := json.Unmarshal(data, &env); err != nil {
		return c.malformed(codeBadJSON, wsMsgBadJSON, "")
	}
	if env.V != game.ProtocolVersion {
		return c.malformed(codeBadVersion, wsMsgBadVersion, env.ID)
	}
	if len(env.Data) > 0 && !json.Valid(env.Data) {
		return c.malformed(codeBadJSON, wsMsgBadJSON, env.ID)
	}
	switch env.Type {
	case game.MsgJoin, game.MsgResume, game.MsgHost:
		if c.hub != nil {
			c.sendError(codeAlreadyJoined, wsMsgAlreadyJoined, env.ID)
			return true
		}
		return c.hello(env)
	}
	// Who may send which kind is the rules' (game.Kind): checked here too,
	// before the command queues for its session, so a refusal costs nothing.
	kind := game.Kind(env.Type)
	switch {
	case kind.HostOnly(), kind.TeamOnly():
	case kind.ServerOnly():
		c.sendError(codeServerOnlyKind, wsMsgServerOnly, env.ID)
		return true
	default:
		return c.malformed(codeUnknownType, fmt.Sprintf(wsMsgUnknownType, truncate(env.Type, 40)), env.ID)
	}
	if c.hub == nil {
		c.sendError(codeNotJoined, wsMsgNotJoined, env.ID)
		return true
	}
	if kind.HostOnly() && c.role != game.RoleHost {
		c.sendError(game.CodeNotHost, game.MessageOf(game.CodeNotHost), env.ID)
		return true
	}
	if kind.TeamOnly() && c.role != game.RoleTeam {
		c.sendError(game.CodeNotTeam, game.MessageOf(game.CodeNotTeam), env.ID)
		return true
	}
	var p payload
	if len(env.Data) > 0 {
		if err := json.Unmarshal(env.Data, &p); err != nil {
			return c.malformed(codeBadData, fmt.Sprintf(wsMsgBadData, decodeError(err)), env.ID)
		}
	}
	actor := c.playerID
	if c.role == game.RoleHost {
		actor = game.HostActor
	}
	cmd := p.Command(kind, actor, 0) // the hub stamps the time
	select {
	case c.hub.in <- request{op: opCommand, conn: c, cmd: cmd, ref: env.ID}:
	case <-c.hub.done:
		c.sendError(game.CodeSessionOver, game.MessageOf(game.CodeSessionOver), env.ID)
	}
	return true
}

// hello handles join, resume and host.
func (c *conn) hello(env game.Envelope) bool {
	var code string
	req := request{conn: c, ref: env.ID, reply: make(chan helloResult, 1)}
	var host *store.Account
	switch env.Type {
	case game.MsgJoin:
		if err := json.Unmarshal(env.Data, &req.join); err != nil {
			return c.malformed(codeBadData, fmt.Sprintf(wsMsgBadData, decodeError(err)), env.ID)
		}
		req.op = opJoin
		code = normalizeCode(req.join.Code)
		req.join.Code = code
	case game.MsgResume:
		var r game.Resume
		if err := json.Unmarshal(env.Data, &r); err != nil {
			return c.malformed(codeBadData, fmt.Sprintf(wsMsgBadData, decodeError(err)), env.ID)
		}
		req.op, req.token, code = opResume, r.Token, normalizeCode(r.Code)
	case game.MsgHost:
		var hh game.HostHello
		if err := json.Unmarshal(env.Data, &hh); err != nil {
			return c.malformed(codeBadData, fmt.Sprintf(wsMsgBadData, decodeError(err)), env.ID)
		}
		req.op, code = opHost, normalizeCode(hh.Code)
		tok := hh.Token
		if tok == "" {
			tok = c.cookieToken
		}
		ctx, cancel := context.WithTimeout(context.Background(), storeTimeout)
		acc, err := c.srv.st.AccountByToken(ctx, tok)
		var until time.Time
		if err == nil {
			until, err = c.srv.st.TokenExpiry(ctx, tok)
		}
		cancel()
		if err != nil {
			c.sendError(codeForbidden, wsMsgNotLoggedIn, env.ID)
			return true
		}
		host = &acc
		c.account, c.token, c.tokenUntil = acc.ID, store.HashToken(tok), until
	}
	h := c.srv.lookup(code)
	if h == nil {
		if !c.srv.codeLim.Allow(c.addr) {
			c.srv.log.Warn("join code guessing", "addr", c.addr)
			c.sendError(codeRateLimited, wsMsgCodeRate, env.ID)
			c.bye(game.ByeFlood)
			return false
		}
		c.sendError(codeNoSession, wsMsgNoSession, env.ID)
		return true
	}
	if host != nil && !host.IsAdmin() && host.ID != h.partnerID {
		c.sendError(codeForbidden, wsMsgNotYours, env.ID)
		return true
	}
	c.helloing.Store(true)
	defer c.helloing.Store(false)
	select {
	case h.in <- req:
	case <-h.done:
		c.sendError(game.CodeSessionOver, game.MessageOf(game.CodeSessionOver), env.ID)
		return true
	}
	var res helloResult
	select {
	case res = <-req.reply:
	case <-h.done:
		res = helloResult{err: &game.ErrorMsg{Code: game.CodeSessionOver, Message: game.MessageOf(game.CodeSessionOver), Ref: env.ID}}
	}
	if !res.ok {
		c.sendErrorMsg(res.err)
		if res.bye != "" {
			c.bye(res.bye)
			return false
		}
		return true
	}
	c.hub = h
	c.playerID = res.playerID
	c.role = game.RoleTeam
	if req.op == opHost {
		c.role = game.RoleHost
	}
	if !c.greeted.Swap(true) {
		c.srv.helloDone(c.addr)
	}
	if c.role == game.RoleHost {
		c.srv.hostAttached(c)
	}
	return true
}

func truncate(s string, n int) string {
	r := []rune(s)
	if len(r) > n {
		return string(r[:n]) + "…"
	}
	return s
}
