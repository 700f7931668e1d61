package server

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"iter"
	"sync/atomic"
	"time"

	"github.com/google/uuid"

	"metodd/game"
	"metodd/server/store"
)

// hubQueue is the capacity of a live session's command channel: a burst of
// a few hundred plenary answers queues without blocking the readers, which
// otherwise just wait (back-pressure on that client only).
const hubQueue = 256

// unitMax bounds the requests a hub takes into one unit (the commands it
// applies, then writes together and only then acknowledges): as many as
// its queue holds, so a plenary burst is written in a few group commits
// while the first answer of a unit waits for at most a queue's worth of
// rule checks (tens of microseconds each) before its write starts.
const unitMax = hubQueue

// unitWindow: once a unit holds a command to write, the hub waits this long
// for more before writing it (or until unitMax). A synced commit costs about
// 100 µs of CPU (the WAL write and its fsync) however many commands it holds,
// and a plenary's answers trickle in a few per millisecond: without a window
// each commit held 1.6 commands in a 1,000-agent plenary. 2 ms is nothing
// next to the 50 ms answer round trip budget and a person's reaction time.
const unitWindow = 2 * time.Millisecond

// hostViewEvery is the shortest gap between two host views pushed while
// answers stream in: a board projected in a room is read by people, ten
// refreshes a second is more than they can follow, and a plenary of 5,000
// answering within seconds would otherwise build, encode and send a whole
// host view (about 4 KB) per answer. A change the host made itself (a phase,
// a pause: Effect.All) is pushed at once; the last coalesced view is always
// sent, when the gap has passed.
const hostViewEvery = 100 * time.Millisecond

// storeTimeout bounds one store write from a hub: a write stuck longer
// than this fails the command (the client is told to retry) instead of
// freezing the session.
const storeTimeout = 10 * time.Second

// live is one live session: its hub goroutine owns every field below the
// line; the others are set once before it starts.
type live struct {
	srv        *Server
	id, code   string
	partnerID  int64
	campaignID int64
	deck       *game.Deck
	cfg        game.Config
	in         chan request
	done       chan struct{} // closed when the hub stops
	stats      atomic.Pointer[game.LiveSession]
	joinTeams  atomic.Pointer[[]string] // for GET /api/join: active team names, sorted, immutable

	// ---- owned by the hub goroutine
	sess     *game.Session
	seq      int64
	lastAt   int64
	players  map[string]*conn   // connected team devices by player id
	hosts    map[*conn]struct{} // connected host screens
	teamOf   map[string]string  // player id -> team id
	tokens   map[string]string  // resume token hash -> player id
	campaign *game.Campaign     // set when the session is closed or ended
	finished bool
	timer    *time.Timer
	expiry   *time.Timer // the idle deadline (game.Session.IdleDeadline)
	linger   *time.Timer
	spent    map[string]*logBudget // what each player has logged
	total    logBudget             // what the teams have logged, all together

	// The unit being built: commands applied but not yet written, and what
	// to do once they are committed (ok) or were not (fail), in order.
	unit   []store.PendingCommand
	post   []postAction
	broken bool  // a command of the unit could not be encoded: the unit fails
	dirty  dirty // views the unit's effects changed, pushed once at its end

	// Host view coalescing (hostViewEvery).
	hostSent  time.Time   // when the last host view was pushed
	hostDue   bool        // a host view is waiting for hostTimer
	hostTimer *time.Timer // fires when the gap since hostSent has passed
	unitTimer *time.Timer // the unit's window (unitWindow), reused
	// online counts the connected devices of each team, kept as players
	// attach and leave, for the host view's online dots.
	online map[string]int
}

// postAction is what a request does once its unit's write is settled.
type postAction struct{ ok, fail func() }

// dirty is the union of a unit's effects on the views.
type dirty struct {
	all, host, stats bool
	players          map[string]bool
}

type op int

const (
	opJoin op = iota
	opResume
	opHost
	opCommand
	opDetach
)

// request is what a connection's reader sends to a hub.
type request struct {
	op    op
	conn  *conn
	cmd   game.Command // opCommand
	join  game.Join    // opJoin
	token string       // opResume: the resume token as sent
	ref   string       // the envelope id, echoed in errors
	reply chan helloResult
}

// helloResult answers a join, resume or host request.
type helloResult struct {
	ok       bool
	playerID string
	err      *game.ErrorMsg
	bye      game.ByeReason // when set, the connection must be closed with this reason
}

func newLive(s *Server, rec store.Session, d *game.Deck, cfg game.Config) *live {
	h := &live{
		srv: s, id: rec.ID, code: rec.Code, partnerID: rec.PartnerID, campaignID: rec.CampaignID,
		deck: d, cfg: cfg,
		in:      make(chan request, hubQueue),
		done:    make(chan struct{}),
		players: map[string]*conn{},
		hosts:   map[*conn]struct{}{},
		teamOf:  map[string]string{},
		tokens:  map[string]string{},
		spent:   map[string]*logBudget{},
		online:  map[string]int{},
	}
	h.stats.Store(&game.LiveSession{ID: rec.ID, Code: rec.Code, Phase: game.PhaseLobby})
	h.joinTeams.Store(&[]string{})
	return h
}

// fresh makes the hub of a session just written to the store, from the
// game.Session its creation made to check its settings: nothing is logged
// yet, so there is nothing to replay (rebuild would make the same session
// again: cfg carries its creation time and seed).
func (s *Server) fresh(rec store.Session, d *game.Deck, cfg game.Config, sess *game.Session) *live {
	h := newLive(s, rec, d, cfg)
	h.sess = sess
	h.pushHost() // publishes the figures and the join form's teams
	return h
}

// rebuild makes a session's hub from the store: a fresh game.Session from
// its deck version and config, then every logged command applied in order.
func (s *Server) rebuild(ctx context.Context, rec store.Session) (*live, int, error) {
	d, err := s.deck(ctx, rec.DeckVersion)
	if err != nil {
		return nil, 0, fmt.Errorf("deck version %d: %w", rec.DeckVersion, err)
	}
	var cfg game.Config
	if err := json.Unmarshal(rec.Config, &cfg); err != nil {
		return nil, 0, fmt.Errorf("config: %w", err)
	}
	if cfg.Created == 0 {
		cfg.Created = rec.Created // the lobby's idle time counts from here
	}
	h := newLive(s, rec, d, cfg)
	n, err := h.replay(ctx)
	if err != nil {
		return nil, 0, err
	}
	return h, n, nil
}

// replay rebuilds h.sess from the log, streamed from the store one command
// at a time (memory does not grow with the log's size). Called before the
// hub runs, or by the hub itself when a store write failed (to drop the
// unlogged change).
func (h *live) replay(ctx context.Context) (int, error) {
	sess, err := game.NewSession(h.deck, h.cfg)
	if err != nil {
		return 0, fmt.Errorf("new session: %w", err)
	}
	h.sess, h.seq, h.lastAt = sess, 0, 0
	h.spent, h.total = map[string]*logBudget{}, logBudget{}
	n := 0
	err = h.srv.st.EachCommand(ctx, h.id, func(lc store.LoggedCommand) error {
		var c game.Command
		if err := json.Unmarshal(lc.Data, &c); err != nil {
			return fmt.Errorf("command %d: %w", lc.Seq, err)
		}
		if _, err := sess.Apply(c); err != nil {
			// A logged command was accepted once; refusing it now means the
			// rules changed. Keep going: the rest of the game still counts.
			h.srv.log.Warn("replay: logged command refused", "session", h.id, "seq", lc.Seq, "kind", c.Kind, "err", err)
		}
		if c.Kind == game.KindJoin {
			h.teamOf[c.Actor], _ = sess.PlayerTeam(c.Actor)
		}
		if budgeted(c) {
			h.charge(c.Actor, len(lc.Data))
		}
		h.seq, h.lastAt = lc.Seq, max(h.lastAt, lc.At)
		n++
		return nil
	})
	if err != nil {
		return 0, err
	}
	h.pushHost() // publishes the figures and the join form's teams
	return n, nil
}

// charge counts a logged team command against its player's and the
// session's budgets.
func (h *live) charge(player string, n int) {
	b := h.spent[player]
	if b == nil {
		b = &logBudget{}
		h.spent[player] = b
	}
	b.add(n)
	h.total.add(n)
}

// overBudget refuses a team command once its player or the session has
// logged all it may (RoomLimits); nil otherwise. A rejoin is never refused:
// it is logged only when the host removed the team, so the host bounds it.
func (h *live) overBudget(c game.Command) error {
	if !budgeted(c) || c.Kind == game.KindRejoin {
		return nil
	}
	lim := h.srv.lim.Room
	if h.total.spent(lim.SessionLogCommands, lim.SessionLogBytes) {
		return &game.Error{Code: codeLogFull, Message: wsMsgSessionLogFull}
	}
	if b := h.spent[c.Actor]; b != nil && b.spent(lim.PlayerLogCommands, lim.PlayerLogBytes) {
		return &game.Error{Code: codeLogFull, Message: wsMsgPlayerLogFull}
	}
	return nil
}

func (s *Server) startHub(h *live) {
	s.hubs.Add(1)
	go func() {
		defer s.hubs.Done()
		defer close(h.done)
		h.run()
	}()
}

// info is the hub's latest published figures (safe from any goroutine).
func (h *live) info() game.LiveSession { return *h.stats.Load() }

func (h *live) run() {
	h.schedule()
	for {
		var timerC, lingerC, expiryC, hostC <-chan time.Time
		if h.timer != nil {
			timerC = h.timer.C
		}
		if h.hostTimer != nil {
			hostC = h.hostTimer.C
		}
		if h.expiry != nil {
			expiryC = h.expiry.C
		}
		if h.linger != nil {
			lingerC = h.linger.C
		}
		select {
		case r := <-h.in:
			h.handle(r)
			h.fillUnit()
			h.flush()
		case <-timerC:
			h.timer = nil
			h.fireTimer()
			h.flush()
		case <-expiryC:
			h.expiry = nil
			h.expire()
			h.flush()
		case <-hostC:
			h.hostTimer = nil
			if h.hostDue {
				h.pushHost()
			}
		case <-lingerC:
			h.stop(game.ByeClosed)
			return
		case <-h.srv.quit:
			h.stop(game.ByeShutdown)
			return
		case <-h.srv.kill:
			for c := range h.hosts {
				c.cut()
			}
			for _, c := range h.players {
				c.cut()
			}
			return
		}
	}
}

// fillUnit takes the requests already queued into the unit, then, when
// the unit has something to write, those arriving within unitWindow (at
// most unitMax requests in all, the first included).
func (h *live) fillUnit() {
	n := 1
take:
	for n < unitMax {
		select {
		case r := <-h.in:
			h.handle(r)
			n++
		default:
			break take
		}
	}
	if len(h.unit) == 0 || n >= unitMax {
		return
	}
	if h.unitTimer == nil {
		h.unitTimer = time.NewTimer(unitWindow)
	} else {
		h.unitTimer.Reset(unitWindow)
	}
	defer h.unitTimer.Stop()
	for n < unitMax {
		select {
		case r := <-h.in:
			h.handle(r)
			n++
		case <-h.unitTimer.C:
			return
		}
	}
}

// stop says bye to every connection and forgets the session.
func (h *live) stop(reason game.ByeReason) {
	if h.timer != nil {
		h.timer.Stop()
	}
	if h.hostTimer != nil {
		h.hostTimer.Stop()
	}
	if h.expiry != nil {
		h.expiry.Stop()
	}
	for c := range h.hosts {
		c.bye(reason)
	}
	for _, c := range h.players {
		c.bye(reason)
	}
	h.srv.mu.Lock()
	if h.srv.live[h.code] == h {
		delete(h.srv.live, h.code)
	}
	h.srv.mu.Unlock()
	// Requests already queued get a clear answer rather than silence.
	for {
		select {
		case r := <-h.in:
			if r.reply != nil {
				r.reply <- helloResult{err: &game.ErrorMsg{Code: game.CodeSessionOver, Message: game.MessageOf(game.CodeSessionOver), Ref: r.ref}}
			}
		default:
			return
		}
	}
}

// now is the server time of the next command: never before the previous
// one, so the log's times are ordered even if the clock steps back.
func (h *live) now() int64 {
	t := time.Now().UnixMilli()
	if t < h.lastAt {
		t = h.lastAt
	}
	return t
}

func (h *live) handle(r request) {
	switch r.op {
	case opJoin:
		h.join(r)
	case opResume:
		h.resume(r)
	case opHost:
		h.host(r)
	case opCommand:
		h.command(r)
	case opDetach:
		h.detach(r.conn)
	}
}

var errStore = errors.New("store write failed")

// exec applies c and adds what the rules accepted (eff.Log: only the fields
// its kind means; nothing when it changed nothing) to the unit, written by
// flush; it returns the effect, to act on once the unit committed (later).
// A command the rules refuse changes nothing and returns the *game.Error,
// as does a team command over its log budget.
func (h *live) exec(c game.Command, rt *store.ResumeToken) (game.Effect, error) {
	c.At = h.now()
	if err := h.overBudget(c); err != nil {
		return game.Effect{}, err
	}
	eff, err := h.sess.Apply(c)
	if err != nil || eff.Log == nil {
		return eff, err
	}
	data, err := json.Marshal(eff.Log)
	if err != nil {
		h.srv.log.Error("command not encoded", "session", h.id, "kind", c.Kind, "err", err)
		h.broken = true // applied but not loggable: the unit fails and replays
		return game.Effect{}, errStore
	}
	h.seq++
	h.lastAt = c.At
	h.unit = append(h.unit, store.PendingCommand{
		LoggedCommand: store.LoggedCommand{Seq: h.seq, At: c.At, Kind: string(c.Kind), Data: data}, Token: rt})
	if budgeted(c) {
		h.charge(c.Actor, len(data))
	}
	return eff, nil
}

// later queues what a request does once its unit is settled: ok after the
// commit, fail when the write failed (the session was rebuilt from its log
// without the unit). Nothing a client sees leaves before that.
func (h *live) later(ok, fail func()) {
	h.post = append(h.post, postAction{ok: ok, fail: fail})
}

// always is later with the same action either way (a refusal, a view).
func (h *live) always(f func()) { h.later(f, f) }

// flush ends a unit: its commands are written in one store call, which
// returns once the group transaction holding them committed (group
// commit, store/group.go); then the requests are answered in order and the
// views the unit changed are pushed once. A failed write rebuilds the
// session from its log and answers every request of the unit with an error.
func (h *live) flush() {
	if len(h.unit) == 0 && len(h.post) == 0 && !h.broken && !h.dirtied() {
		return
	}
	var err error
	if h.broken {
		err = errStore
	} else if len(h.unit) > 0 {
		ctx, cancel := context.WithTimeout(context.Background(), storeTimeout)
		err = h.srv.st.AppendCommands(ctx, h.id, h.unit)
		cancel()
	}
	clear(h.unit)
	h.unit, h.broken = h.unit[:0], false
	post := h.post
	h.post = nil
	if err != nil {
		h.srv.log.Error("commands not logged", "session", h.id, "commands", len(post), "err", err)
		h.dirty = dirty{}
		h.recover()
		for _, p := range post {
			if p.fail != nil {
				p.fail()
			}
		}
	} else {
		for _, p := range post {
			p.ok()
		}
	}
	h.pushDirty()
	h.schedule()
}

// recover rebuilds the session from its log after a failed write.
func (h *live) recover() {
	ctx, cancel := context.WithTimeout(context.Background(), storeTimeout)
	defer cancel()
	if _, err := h.replay(ctx); err != nil {
		h.srv.log.Error("session rebuild failed", "session", h.id, "err", err)
	}
}

// refusal turns an exec error into the message for the client.
func refusal(err error, ref string) *game.ErrorMsg {
	var ge *game.Error
	if errors.As(err, &ge) {
		return &game.ErrorMsg{Code: ge.Code, Message: ge.Message, Ref: ref}
	}
	return &game.ErrorMsg{Code: codeServerError, Message: wsMsgServerError, Ref: ref}
}

func (h *live) over(ref string) helloResult {
	return helloResult{err: &game.ErrorMsg{Code: game.CodeSessionOver, Message: game.MessageOf(game.CodeSessionOver), Ref: ref}, bye: game.ByeClosed}
}

// answer replies to a hello request once its unit is settled.
func (h *live) answer(r request, res helloResult) {
	h.always(func() { r.reply <- res })
}

// failed is the reply to a hello whose unit was not written.
func failed(r request) func() {
	return func() {
		r.reply <- helloResult{err: &game.ErrorMsg{Code: codeServerError, Message: wsMsgServerError, Ref: r.ref}}
	}
}

func (h *live) join(r request) {
	if h.finished {
		h.answer(r, h.over(r.ref))
		return
	}
	pid := uuid.NewString()
	token := store.NewToken()
	rt := &store.ResumeToken{Hash: store.HashToken(token), PlayerID: pid}
	j := r.join
	eff, err := h.exec(game.Command{Kind: game.KindJoin, Actor: pid, Join: &j}, rt)
	if err != nil {
		h.answer(r, helloResult{err: refusal(err, r.ref)})
		return
	}
	h.later(func() {
		h.tokens[rt.Hash] = pid
		h.attach(r.conn, pid, token)
		h.effect(eff)
		r.reply <- helloResult{ok: true, playerID: pid}
	}, failed(r))
}

func (h *live) resume(r request) {
	hash := store.HashToken(r.token)
	pid, ok := h.tokens[hash]
	if !ok && !h.finished {
		ctx, cancel := context.WithTimeout(context.Background(), storeTimeout)
		p, err := h.srv.st.ResumePlayer(ctx, h.id, hash)
		cancel()
		if err == nil {
			pid, ok = p, true
			h.tokens[hash] = pid
		}
	}
	if !ok {
		h.answer(r, helloResult{err: &game.ErrorMsg{Code: codeBadToken, Message: wsMsgBadToken, Ref: r.ref}})
		return
	}
	if h.finished {
		// The final screen (podium, campaign count) stays reachable while
		// the session lingers; nothing can change any more.
		if _, ok := h.sess.TeamView(pid, h.now()); !ok {
			h.answer(r, helloResult{err: &game.ErrorMsg{Code: codeBadToken, Message: wsMsgBadToken, Ref: r.ref}})
			return
		}
		h.always(func() {
			h.replace(pid, r.conn)
			h.attach(r.conn, pid, r.token)
			h.dirty.host = true
			r.reply <- helloResult{ok: true, playerID: pid}
		})
		return
	}
	// The rules decide: a banned team stays out, a removed one comes back
	// while the game is on. The rejoin is logged like any command.
	eff, err := h.exec(game.Command{Kind: game.KindRejoin, Actor: pid}, nil)
	if err != nil {
		res := helloResult{err: refusal(err, r.ref)}
		switch res.err.Code {
		case game.CodeBanned:
			res.bye = game.ByeBanned
		case game.CodeRemoved:
			res.bye = game.ByeRemoved
		}
		h.answer(r, res)
		return
	}
	h.later(func() {
		h.replace(pid, r.conn)
		h.attach(r.conn, pid, r.token)
		h.effect(eff)
		h.dirty.host = true
		r.reply <- helloResult{ok: true, playerID: pid}
	}, failed(r))
}

// setPlayer makes c the connection of player pid, counting its team
// online (the player's team is known: it joined).
func (h *live) setPlayer(pid string, c *conn) {
	if _, ok := h.players[pid]; !ok {
		if tid, ok := h.sess.PlayerTeam(pid); ok {
			h.teamOf[pid] = tid
		}
		h.online[h.teamOf[pid]]++
	}
	h.players[pid] = c
}

// dropPlayer forgets player pid's connection.
func (h *live) dropPlayer(pid string) {
	if _, ok := h.players[pid]; !ok {
		return
	}
	delete(h.players, pid)
	tid := h.teamOf[pid]
	if h.online[tid]--; h.online[tid] <= 0 {
		delete(h.online, tid)
	}
}

// replace says bye to a player's previous connection, if any.
func (h *live) replace(pid string, c *conn) {
	if old := h.players[pid]; old != nil && old != c {
		old.bye(game.ByeReplaced)
	}
}

// attach registers a team connection, welcomes it and sends its view.
func (h *live) attach(c *conn, pid, token string) {
	h.setPlayer(pid, c)
	v, ok := h.sess.TeamView(pid, h.now())
	if ok {
		h.teamOf[pid] = v.TeamID
	}
	c.send(game.MsgWelcome, game.Welcome{Role: game.RoleTeam, Code: h.code, PlayerID: pid, TeamID: h.teamOf[pid], Token: token})
	if ok {
		h.sendTeamView(c, v)
	}
}

func (h *live) host(r request) {
	h.always(func() {
		h.hosts[r.conn] = struct{}{}
		r.conn.send(game.MsgWelcome, game.Welcome{Role: game.RoleHost, Code: h.code})
		h.sendHostTo(r.conn)
		h.dirty.stats = true
		r.reply <- helloResult{ok: true}
	})
}

func (h *live) detach(c *conn) {
	h.always(func() {
		if _, ok := h.hosts[c]; ok {
			delete(h.hosts, c)
			h.dirty.stats = true
			return
		}
		if c.playerID != "" && h.players[c.playerID] == c {
			h.dropPlayer(c.playerID)
			h.dirty.host = true // the team's "online" dot changed
		}
	})
}

// command runs a client's command.
func (h *live) command(r request) {
	c := r.cmd
	if h.finished {
		h.always(func() { r.conn.sendError(game.CodeSessionOver, game.MessageOf(game.CodeSessionOver), r.ref) })
		return
	}
	if c.Kind == game.KindClose || c.Kind == game.KindEnd {
		if msg := h.finish(c, r.ref); msg != nil {
			h.always(func() { r.conn.sendErrorMsg(msg) })
		}
		return
	}
	eff, err := h.exec(c, nil)
	if err != nil {
		msg := refusal(err, r.ref)
		h.always(func() { r.conn.sendErrorMsg(msg) })
		return
	}
	h.later(func() { h.effect(eff) }, func() { r.conn.sendErrorMsg(refusal(errStore, r.ref)) })
}

// effect acts on a committed command's effect: kicks now, the views it
// changed marked for the unit's end (pushDirty).
func (h *live) effect(eff game.Effect) {
	for _, k := range eff.Kick {
		if c := h.players[k.PlayerID]; c != nil {
			if v, ok := h.sess.TeamView(k.PlayerID, h.now()); ok {
				h.sendTeamView(c, v)
			}
			c.bye(k.Reason)
			h.dropPlayer(k.PlayerID)
		}
	}
	d := &h.dirty
	d.all = d.all || eff.All
	d.host = d.host || eff.All || eff.Host || len(eff.Kick) > 0
	d.stats = true
	if !d.all {
		for _, pid := range eff.Players {
			if d.players == nil {
				d.players = map[string]bool{}
			}
			d.players[pid] = true
		}
	}
}

func (h *live) dirtied() bool {
	d := h.dirty
	return d.all || d.host || d.stats || len(d.players) > 0
}

// pushDirty sends the views a unit changed, each once.
func (h *live) pushDirty() {
	d := h.dirty
	h.dirty = dirty{}
	now := h.now()
	switch {
	case d.all:
		h.pushTeams(now, func(yield func(string, *conn) bool) {
			for pid, c := range h.players {
				if !yield(pid, c) {
					return
				}
			}
		})
	case len(d.players) == 1:
		for pid := range d.players {
			if c := h.players[pid]; c != nil {
				h.pushTeam(pid, c, now)
			}
		}
	case len(d.players) > 1: // a unit of answers: the shared part once too
		h.pushTeams(now, func(yield func(string, *conn) bool) {
			for pid := range d.players {
				if c := h.players[pid]; c != nil && !yield(pid, c) {
					return
				}
			}
		})
	}
	switch {
	case d.all:
		h.pushHost()
	case d.host:
		h.pushHostSoon()
	case d.stats:
		h.updateStats(nil)
	}
}

// pushHostSoon pushes the host view now if the last one left at least
// hostViewEvery ago, else once that gap has passed (hostTimer).
func (h *live) pushHostSoon() {
	wait := hostViewEvery - time.Since(h.hostSent)
	if wait <= 0 {
		h.pushHost()
		return
	}
	h.hostDue = true
	if h.hostTimer == nil {
		h.hostTimer = time.NewTimer(wait)
	}
}

// pushTeams sends the given connected players their team views: the part
// all share (session, clock, card, leaderboard: most of the bytes) is built
// and encoded once, each player's own small part is encoded and spliced in
// (teamViewHead), and the shared bytes are not copied per connection
// (message). Every connection still gets a whole view.
func (h *live) pushTeams(now int64, players iter.Seq2[string, *conn]) {
	sh := h.sess.TeamShared(now)
	sh.Campaign = h.campaign
	shared, err := json.Marshal(sh)
	if err != nil {
		h.srv.log.Error("team view not encoded", "session", h.id, "err", err)
		return
	}
	tail := sharedTail(shared)
	for pid, c := range players {
		own, ok := h.sess.TeamOwn(pid)
		if !ok {
			continue
		}
		h.teamOf[pid] = own.TeamID
		if own.Removed { // sees less than the shared part
			h.sendTeamView(c, own.View(sh))
			continue
		}
		head, err := teamViewHead(own)
		if err != nil {
			h.srv.log.Error("team view not encoded", "session", h.id, "err", err)
			continue
		}
		c.sendMessage(message{head: head, tail: tail})
	}
}

// teamViewHead and sharedTail are a team view message in two parts, own's
// and the shared part already encoded: the two JSON objects' members in
// one object, which decodes to exactly own.View(shared) (their fields are
// disjoint). The tail is the same bytes for every player of a fan-out.
func teamViewHead(own game.TeamOwn) ([]byte, error) {
	o, err := json.Marshal(own)
	if err != nil {
		return nil, err
	}
	prefix := game.EnvelopePrefix(game.MsgTeamView)
	buf := make([]byte, 0, len(prefix)+len(o))
	buf = append(buf, prefix...)
	buf = append(buf, o[:len(o)-1]...) // {"playerId":…  without its }
	return append(buf, ','), nil
}

func sharedTail(shared []byte) []byte {
	buf := make([]byte, 0, len(shared))
	buf = append(buf, shared[1:]...) // "session":…}  without its {
	return append(buf, '}')
}

func (h *live) pushTeam(pid string, c *conn, now int64) {
	if v, ok := h.sess.TeamView(pid, now); ok {
		h.teamOf[pid] = v.TeamID
		h.sendTeamView(c, v)
	}
}

func (h *live) sendTeamView(c *conn, v game.TeamView) {
	v.Campaign = h.campaign
	c.sendView(game.MsgTeamView, v)
}

// pushHost sends the host view to every host screen, with the teams'
// online flags set from the connections.
func (h *live) pushHost() {
	h.hostDue, h.hostSent = false, time.Now()
	v := h.hostView()
	h.updateStats(&v)
	if len(h.hosts) == 0 {
		return
	}
	raw, err := envelope(game.MsgHostView, v)
	if err != nil {
		h.srv.log.Error("host view not encoded", "session", h.id, "err", err)
		return
	}
	for c := range h.hosts {
		c.sendMessage(message{head: raw})
	}
}

// sendHostTo sends the host view to one new host screen.
func (h *live) sendHostTo(c *conn) {
	v := h.hostView()
	c.sendView(game.MsgHostView, v)
}

// hostView is the session's host view with the teams' online flags set
// from the connections.
func (h *live) hostView() game.HostView {
	v := h.sess.HostView(h.now())
	for i := range v.Teams {
		v.Teams[i].Online = h.online[v.Teams[i].TeamID] > 0
	}
	v.Campaign = h.campaign
	return v
}

// updateStats publishes the session's figures for the API and, with a host
// view, the team names the join form lists.
func (h *live) updateStats(v *game.HostView) {
	old := h.stats.Load()
	info := game.LiveSession{ID: h.id, Code: h.code, Phase: h.sess.Phase(), Online: len(h.players), Hosts: len(h.hosts)}
	if v != nil {
		info.Teams, info.Members = v.TeamCount, v.MemberCount
		names := h.sess.ActiveTeamNames(maxJoinTeams)
		h.joinTeams.Store(&names)
	} else if old != nil {
		info.Teams, info.Members = old.Teams, old.Members
	}
	h.stats.Store(&info)
}

// schedule arms the card timer at the session's deadline, and the expiry
// timer at its idle deadline.
func (h *live) schedule() {
	if h.expiry != nil {
		h.expiry.Stop()
		h.expiry = nil
	}
	if d := h.sess.IdleDeadline(); d != 0 && !h.finished {
		h.expiry = time.NewTimer(max(time.Duration(d-time.Now().UnixMilli())*time.Millisecond, 0))
	}
	if h.timer != nil {
		h.timer.Stop()
		h.timer = nil
	}
	d := h.sess.Deadline()
	if d == 0 || h.finished {
		return
	}
	wait := time.Duration(d-time.Now().UnixMilli()) * time.Millisecond
	h.timer = time.NewTimer(max(wait, 0))
}

// fireTimer closes the open card when its time is up.
func (h *live) fireTimer() {
	d := h.sess.Deadline()
	if d == 0 {
		return
	}
	if late := d - time.Now().UnixMilli(); late > 0 { // the deadline moved (add-time)
		h.schedule()
		return
	}
	if h.lastAt < d {
		h.lastAt = d // the timer's command is stamped at least at the deadline
	}
	eff, err := h.exec(game.Command{Kind: game.KindCardTimer}, nil)
	if err != nil {
		var ge *game.Error
		if !errors.As(err, &ge) {
			h.srv.log.Error("card timer", "session", h.id, "err", err)
		}
		h.schedule()
		return
	}
	h.later(func() { h.effect(eff) }, nil)
}

// expire ends the session when its idle deadline passed: the expire
// command carries the server's time, is logged like any command, and the
// session is finished like an early end (nobody counted).
func (h *live) expire() {
	d := h.sess.IdleDeadline()
	if d == 0 || h.finished {
		return
	}
	if time.Now().UnixMilli() < d { // a command came in the meantime
		h.schedule()
		return
	}
	if h.lastAt < d {
		h.lastAt = d // the command is stamped at least at the deadline
	}
	if msg := h.finish(game.Command{Kind: game.KindExpire}, ""); msg != nil {
		h.srv.log.Error("session not expired", "session", h.id, "err", msg.Message)
		h.expiry = time.NewTimer(storeTimeout) // try again later
		return
	}
	h.srv.log.Info("session expired", "session", h.id, "code", h.code, "idle-since", d)
}

// finish closes (close), ends (end) or expires (expire) the session: the
// command, the teams, results, picks and counted agents are written in one
// transaction, then every view shows the campaign's count. It returns the
// refusal to send, nil when done.
func (h *live) finish(c game.Command, ref string) *game.ErrorMsg {
	h.flush() // the unit so far is written first: the log stays in order
	if h.finished {
		return &game.ErrorMsg{Code: game.CodeSessionOver, Message: game.MessageOf(game.CodeSessionOver), Ref: ref}
	}
	c.At = h.now()
	eff, err := h.sess.Apply(c)
	if err != nil {
		return refusal(err, ref)
	}
	data, _ := json.Marshal(eff.Log)
	out := store.Outcome{
		SessionID: h.id,
		Final:     store.LoggedCommand{Seq: h.seq + 1, At: c.At, Kind: string(c.Kind), Data: data},
		Closed:    c.Kind == game.KindClose,
	}
	counted := map[string]bool{}
	for _, m := range h.sess.CountedMembers() {
		counted[game.IdentityKey(m)] = true
	}
	for _, t := range h.sess.Teams() {
		st := store.Team{ID: t.ID, Name: t.Name, Color: t.Color, Score: t.Score, Rank: t.Rank, Removed: t.Removed, Banned: t.Banned}
		for _, m := range t.Members {
			key := game.IdentityKey(m)
			st.Members = append(st.Members, store.Member{
				FirstName: m.FirstName, LastName: m.LastName, Collectivite: m.Collectivite,
				Direction: m.Direction, Category: m.Category, Identity: key,
				Counted: counted[key] && !t.Removed && !t.Banned,
			})
		}
		out.Teams = append(out.Teams, st)
	}
	for _, x := range h.sess.Results() {
		out.Results = append(out.Results, store.CardResult{CardID: x.CardID, Engagement: x.Engagement, TeamID: x.TeamID,
			PlayerID: x.PlayerID, Answered: x.Answered, Good: x.Good, Points: x.Points, AnswerMs: x.AnsweredMs})
	}
	engagementOf := map[string]int{}
	for _, cm := range h.deck.Commitments {
		engagementOf[cm.ID] = cm.Engagement
	}
	for _, p := range h.sess.Picks() {
		out.Picks = append(out.Picks, store.Pick{TeamID: p.TeamID, Identity: game.IdentityKey(p.Member),
			Commitment: p.Commitment, Engagement: engagementOf[p.Commitment]})
	}
	ctx, cancel := context.WithTimeout(context.Background(), storeTimeout)
	total, err := h.srv.st.FinishSession(ctx, out)
	cancel()
	if err != nil {
		h.srv.log.Error("session not finished", "session", h.id, "kind", c.Kind, "err", err)
		h.recover()
		return &game.ErrorMsg{Code: codeServerError, Message: wsMsgServerError, Ref: ref}
	}
	h.seq++
	h.lastAt = c.At
	h.finished = true
	h.campaign = &game.Campaign{Year: total.Campaign.Year, Count: total.Count, Goal: total.Campaign.Goal, Added: total.Added}
	h.srv.log.Info("session finished", "session", h.id, "code", h.code, "state", out.Final.Kind,
		"added", total.Added, "count", total.Count, "goal", total.Campaign.Goal)
	h.linger = time.NewTimer(h.srv.lim.FinishedLinger)
	eff.All = true
	h.always(func() { h.effect(eff) })
	return nil
}
