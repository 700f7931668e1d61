package server

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
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
	}
	h.stats.Store(&game.LiveSession{ID: rec.ID, Code: rec.Code, Phase: game.PhaseLobby})
	h.joinTeams.Store(&[]string{})
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
		var timerC, lingerC, expiryC <-chan time.Time
		if h.timer != nil {
			timerC = h.timer.C
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
		case <-timerC:
			h.timer = nil
			h.fireTimer()
		case <-expiryC:
			h.expiry = nil
			h.expire()
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

// stop says bye to every connection and forgets the session.
func (h *live) stop(reason game.ByeReason) {
	if h.timer != nil {
		h.timer.Stop()
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
		r.reply <- h.join(r)
	case opResume:
		r.reply <- h.resume(r)
	case opHost:
		r.reply <- h.host(r)
	case opCommand:
		h.command(r)
	case opDetach:
		h.detach(r.conn)
	}
}

var errStore = errors.New("store write failed")

// exec applies c, logs what the rules accepted (eff.Log: only the fields
// its kind means; nothing when it changed nothing), and returns its effect.
// A command the rules refuse changes nothing and returns the *game.Error,
// as does a team command over its log budget; when the store write fails
// the session is rebuilt from the log (dropping the change) and errStore is
// returned.
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
	if err == nil {
		ctx, cancel := context.WithTimeout(context.Background(), storeTimeout)
		err = h.srv.st.AppendCommand(ctx, h.id, store.LoggedCommand{Seq: h.seq + 1, At: c.At, Kind: string(c.Kind), Data: data}, rt)
		cancel()
	}
	if err != nil {
		h.srv.log.Error("command not logged", "session", h.id, "kind", c.Kind, "err", err)
		h.recover()
		return game.Effect{}, errStore
	}
	h.seq++
	h.lastAt = c.At
	if budgeted(c) {
		h.charge(c.Actor, len(data))
	}
	return eff, nil
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

func (h *live) join(r request) helloResult {
	if h.finished {
		return h.over(r.ref)
	}
	pid := uuid.NewString()
	token := store.NewToken()
	rt := &store.ResumeToken{Hash: store.HashToken(token), PlayerID: pid}
	j := r.join
	eff, err := h.exec(game.Command{Kind: game.KindJoin, Actor: pid, Join: &j}, rt)
	if err != nil {
		return helloResult{err: refusal(err, r.ref)}
	}
	h.tokens[rt.Hash] = pid
	h.attach(r.conn, pid, token)
	h.effect(eff)
	return helloResult{ok: true, playerID: pid}
}

func (h *live) resume(r request) helloResult {
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
		return helloResult{err: &game.ErrorMsg{Code: codeBadToken, Message: wsMsgBadToken, Ref: r.ref}}
	}
	if h.finished {
		// The final screen (podium, campaign count) stays reachable while
		// the session lingers; nothing can change any more.
		if _, ok := h.sess.TeamView(pid, h.now()); !ok {
			return helloResult{err: &game.ErrorMsg{Code: codeBadToken, Message: wsMsgBadToken, Ref: r.ref}}
		}
		h.replace(pid, r.conn)
		h.attach(r.conn, pid, r.token)
		h.pushHost()
		return helloResult{ok: true, playerID: pid}
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
		return res
	}
	h.replace(pid, r.conn)
	h.attach(r.conn, pid, r.token)
	h.effect(eff)
	h.pushHost()
	return helloResult{ok: true, playerID: pid}
}

// replace says bye to a player's previous connection, if any.
func (h *live) replace(pid string, c *conn) {
	if old := h.players[pid]; old != nil && old != c {
		old.bye(game.ByeReplaced)
	}
}

// attach registers a team connection, welcomes it and sends its view.
func (h *live) attach(c *conn, pid, token string) {
	h.players[pid] = c
	v, ok := h.sess.TeamView(pid, h.now())
	if ok {
		h.teamOf[pid] = v.TeamID
	}
	c.send(game.MsgWelcome, game.Welcome{Role: game.RoleTeam, Code: h.code, PlayerID: pid, TeamID: h.teamOf[pid], Token: token})
	if ok {
		h.sendTeamView(c, v)
	}
}

func (h *live) host(r request) helloResult {
	h.hosts[r.conn] = struct{}{}
	r.conn.send(game.MsgWelcome, game.Welcome{Role: game.RoleHost, Code: h.code})
	h.pushHost()
	return helloResult{ok: true}
}

func (h *live) detach(c *conn) {
	if _, ok := h.hosts[c]; ok {
		delete(h.hosts, c)
		h.updateStats(nil)
		return
	}
	if c.playerID != "" && h.players[c.playerID] == c {
		delete(h.players, c.playerID)
		h.pushHost() // the team's "online" dot changed
	}
}

// command runs a client's command.
func (h *live) command(r request) {
	c := r.cmd
	if h.finished {
		r.conn.sendError(game.CodeSessionOver, game.MessageOf(game.CodeSessionOver), r.ref)
		return
	}
	if c.Kind == game.KindClose || c.Kind == game.KindEnd {
		if msg := h.finish(c, r.ref); msg != nil {
			r.conn.sendErrorMsg(msg)
		}
		return
	}
	eff, err := h.exec(c, nil)
	if err != nil {
		r.conn.sendErrorMsg(refusal(err, r.ref))
		return
	}
	h.effect(eff)
}

// effect applies an accepted command's effect: kicks, views, the timer.
func (h *live) effect(eff game.Effect) {
	for _, k := range eff.Kick {
		if c := h.players[k.PlayerID]; c != nil {
			if v, ok := h.sess.TeamView(k.PlayerID, h.now()); ok {
				h.sendTeamView(c, v)
			}
			c.bye(k.Reason)
			delete(h.players, k.PlayerID)
		}
	}
	h.push(eff)
	h.schedule()
}

// push sends the views an effect changed.
func (h *live) push(eff game.Effect) {
	now := h.now()
	if eff.All {
		for pid, c := range h.players {
			h.pushTeam(pid, c, now)
		}
	} else {
		for _, pid := range eff.Players {
			if c := h.players[pid]; c != nil {
				h.pushTeam(pid, c, now)
			}
		}
	}
	if eff.All || eff.Host || len(eff.Kick) > 0 {
		h.pushHost()
	} else {
		h.updateStats(nil)
	}
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
	v := h.sess.HostView(h.now())
	online := map[string]bool{}
	for pid := range h.players {
		online[h.teamOf[pid]] = true
	}
	for i := range v.Teams {
		v.Teams[i].Online = online[v.Teams[i].TeamID]
	}
	v.Campaign = h.campaign
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
		c.sendViewRaw(raw)
	}
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
	h.effect(eff)
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
	h.effect(eff)
	return nil
}
