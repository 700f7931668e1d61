package main

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"math/rand/v2"
	"net/http"
	"strconv"
	"sync"
	"time"

	"github.com/gorilla/websocket"

	"metodd/game"
	"metodd/game/client"
	"metodd/game/client/bot"
)

// leanHellos bounds the lean players' sockets waiting for their welcome,
// all sessions together: the server refuses more than 64 sockets without
// a hello per address (server Limits.MaxPreHello), every bot shares one
// address, and the hosts' sockets need room too.
const leanHellos = 32

// leanSlots holds one token per lean socket waiting for its welcome.
var leanSlots = make(chan struct{}, leanHellos)

// leanMsg is the part of a server message a lean player reads: the type,
// and of a team view only what it checks (phase, card index, the card's
// id, type and sizes to answer it, its own answer, the commitments to pick
// one). The rest of the view (leaderboard, texts, scores) is skipped by the
// decoder without being kept.
type leanMsg struct {
	Type string `json:"type"`
	Data struct {
		Session struct {
			Code      string     `json:"code"`
			Phase     game.Phase `json:"phase"`
			CardIndex int        `json:"cardIndex"`
		} `json:"session"`
		Card *struct {
			ID      string            `json:"id"`
			Type    string            `json:"type"`
			Choices []json.RawMessage `json:"choices"`
			Items   []json.RawMessage `json:"items"`
			Groups  []json.RawMessage `json:"groups"`
		} `json:"card"`
		Answer *struct {
			Card string `json:"card"`
		} `json:"answer"`
		Commitments []struct {
			ID string `json:"id"`
		} `json:"commitments"`
		Chosen  []json.RawMessage `json:"chosen"`
		Members []json.RawMessage `json:"members"`
	} `json:"data"`
}

// leanPlayer is one agent of the lean load: a bare websocket, no
// reconnection, an answer of the right shape (right or wrong does not
// matter to the server's load).
type leanPlayer struct {
	ws      *websocket.Conn
	wmu     sync.Mutex
	stats   *bot.Stats
	rng     *rand.Rand
	dmin    time.Duration
	dspan   time.Duration
	answers int
	code    string           // the session's join code
	onCard  func(raw []byte) // runConfig.leanCard
}

func (p *leanPlayer) send(kind string, data any) error {
	raw, err := json.Marshal(data)
	if err != nil {
		return err
	}
	env, err := json.Marshal(game.Envelope{V: game.ProtocolVersion, Type: kind, Data: raw})
	if err != nil {
		return err
	}
	p.wmu.Lock()
	defer p.wmu.Unlock()
	p.ws.SetWriteDeadline(time.Now().Add(10 * time.Second))
	return p.ws.WriteMessage(websocket.TextMessage, env)
}

// play reads until the session is over or the socket closes; welcomed is
// called at the first team view.
func (p *leanPlayer) play(welcomed func()) error {
	var (
		seen    = -1        // the card index last seen open
		sentAt  time.Time   // when our answer left, zero when none pending
		picked  bool        // commitment sent
		answerT *time.Timer // the delayed answer
		first   = true
	)
	defer func() {
		if answerT != nil {
			answerT.Stop()
		}
	}()
	var mu sync.Mutex // guards sentAt against the answer timer
	// opened takes a new card: seen at once, answered after the delay. The
	// view is decoded then, not now: while a card reaches every player the
	// lean players only read (as the bare gorilla baseline's clients do),
	// so the fan-out measured is the server's, not the bots' decoding.
	opened := func(raw []byte, idx int, at time.Time) {
		seen = idx
		p.stats.SawOpen(p.code, idx, at)
		if p.onCard != nil {
			p.onCard(raw)
		}
		delay := p.dmin
		if p.dspan > 0 {
			delay += time.Duration(p.rng.Int64N(int64(p.dspan)))
		}
		pick := p.rng.IntN(100) // drawn here: the rng is this goroutine's
		answerT = time.AfterFunc(delay, func() {
			var m leanMsg
			if json.Unmarshal(raw, &m) != nil || m.Data.Card == nil || m.Data.Answer != nil {
				return
			}
			c := m.Data.Card
			a := game.AnyAnswer(c.ID, c.Type, len(c.Choices), len(c.Items), len(c.Groups), pick)
			mu.Lock()
			sentAt = time.Now()
			mu.Unlock()
			if p.send(string(game.KindAnswer), game.CommandData{Answer: &a}) != nil {
				mu.Lock()
				sentAt = time.Time{}
				mu.Unlock()
			}
		})
	}
	for {
		_, raw, err := p.ws.ReadMessage()
		if err != nil {
			return nil // closed: the session is over or the server gone
		}
		now := time.Now()
		if bytes.HasPrefix(raw, game.EnvelopePrefix(game.MsgTeamView)) {
			if first {
				first = false
				welcomed()
			}
			mu.Lock()
			pending := !sentAt.IsZero()
			mu.Unlock()
			switch step, idx := stepFor(raw, seen, pending); step {
			case stepSkip:
				continue
			case stepOpen:
				opened(raw, idx, now)
				continue
			}
		}
		var m leanMsg
		if err := json.Unmarshal(raw, &m); err != nil {
			return fmt.Errorf("message illisible : %w", err)
		}
		switch m.Type {
		case game.MsgBye:
			return nil
		case game.MsgError:
			continue
		case game.MsgTeamView:
		default:
			continue
		}
		if first {
			first = false
			welcomed()
		}
		v := &m.Data
		mu.Lock()
		if v.Card != nil && v.Answer != nil && v.Answer.Card == v.Card.ID && !sentAt.IsZero() {
			p.stats.Answered(now.Sub(sentAt))
			p.answers++
			sentAt = time.Time{}
		}
		mu.Unlock()
		switch v.Session.Phase {
		case game.PhaseCardOpen:
			if v.Card != nil && v.Session.CardIndex != seen {
				opened(raw, v.Session.CardIndex, now)
			}
		case game.PhaseCommitments:
			if picked || len(v.Commitments) == 0 || len(v.Chosen) > 0 {
				continue
			}
			var picks []game.MemberPick // one per member of the team
			for i := range max(len(v.Members), 1) {
				picks = append(picks, game.MemberPick{Member: i, Commitment: v.Commitments[p.rng.IntN(len(v.Commitments))].ID})
			}
			if p.send(string(game.KindCommit), game.CommandData{Chosen: picks}) == nil {
				picked = true
			}
		case game.PhaseClosed, game.PhaseEnded:
			return nil
		}
	}
}

// runLean joins the bots as lean players (leanPlayer) and plays the
// session with the usual host bot; it fills res.
func runLean(ctx context.Context, cfg runConfig, wsURL string, joins []game.Join, res *runResult, drive func(players int) error) error {
	start := time.Now()
	players := make([]*leanPlayer, len(joins))
	slots := leanSlots
	var joined sync.WaitGroup
	var wg sync.WaitGroup
	errs := make(chan error, len(joins))
	d := websocket.Dialer{HandshakeTimeout: 10 * time.Second, ReadBufferSize: 4096, WriteBufferSize: 1024}
	for i, j := range joins {
		select {
		case slots <- struct{}{}:
		case <-ctx.Done():
			return ctx.Err()
		}
		ws, err := dialLean(ctx, d, wsURL, cfg.stats)
		if err != nil {
			<-slots
			closeLean(players[:i])
			return fmt.Errorf("connexion d'un agent : %w", err)
		}
		p := &leanPlayer{ws: ws, stats: cfg.stats, rng: rand.New(rand.NewPCG(uint64(cfg.seed), uint64(i))),
			dmin: cfg.delayMin, dspan: cfg.delayMax - cfg.delayMin, onCard: cfg.leanCard, code: j.Code}
		players[i] = p
		if err := p.send(game.MsgJoin, j); err != nil {
			<-slots
			closeLean(players[:i+1])
			return fmt.Errorf("connexion d'un agent : %w", err)
		}
		joined.Add(1)
		wg.Add(1)
		go func() {
			defer wg.Done()
			once := sync.OnceFunc(func() { <-slots; joined.Done() })
			defer once() // a socket closed before its view
			if err := p.play(once); err != nil {
				errs <- err
			}
		}()
	}
	joined.Wait()
	res.joinTime = time.Since(start)
	fmt.Fprintf(cfg.log, "%d connexions acceptées en %v\n", len(players), res.joinTime.Round(time.Millisecond))
	if cfg.leanJoined != nil {
		cfg.leanJoined()
	}
	err := drive(len(players))
	go func() { // the session closed: the players' sockets end
		wg.Wait()
		close(errs)
	}()
	select {
	case <-doneAll(&wg):
	case <-time.After(10 * time.Second): // a socket the server did not close
	}
	for _, p := range players {
		p.ws.Close()
	}
	wg.Wait()
	for _, p := range players {
		res.answers += p.answers
	}
	res.outcomes = make([]bot.Outcome, len(players)) // counted as connections
	for e := range errs {
		res.errs = append(res.errs, e)
	}
	return err
}

// leanDialTries bounds a lean socket's dials: the server refuses an upgrade
// while its address holds too many sockets without a hello (429) or at its
// connection cap (503), and the real client then tries again with its
// backoff; six tries wait about 8 s in all.
const leanDialTries = 6

// dialLean opens a lean player's socket as the real client would: a
// refused upgrade (429, 503) is tried again after the client's backoff
// (client.DefaultBackoffMin doubled each time, half to all of it), and
// counted in stats.
func dialLean(ctx context.Context, d websocket.Dialer, wsURL string, stats *bot.Stats) (*websocket.Conn, error) {
	wait := client.DefaultBackoffMin
	for try := 1; ; try++ {
		ws, resp, err := d.DialContext(ctx, wsURL, nil)
		if err == nil {
			return ws, nil
		}
		if resp == nil || (resp.StatusCode != http.StatusTooManyRequests && resp.StatusCode != http.StatusServiceUnavailable) || try == leanDialTries {
			if resp != nil {
				err = fmt.Errorf("%w (HTTP %d, essai %d)", err, resp.StatusCode, try)
			}
			return nil, err
		}
		stats.Refused()
		j := wait/2 + rand.N(wait/2+1)
		select {
		case <-time.After(j):
		case <-ctx.Done():
			return nil, ctx.Err()
		}
		wait = min(2*wait, client.DefaultBackoffMax)
	}
}

func closeLean(ps []*leanPlayer) {
	for _, p := range ps {
		p.ws.Close()
	}
}

// doneAll is a channel closed when wg is done.
func doneAll(wg *sync.WaitGroup) <-chan struct{} {
	ch := make(chan struct{})
	go func() {
		wg.Wait()
		close(ch)
	}()
	return ch
}

// leanStep is what a lean player does with a team view, told from its
// bytes without decoding it (stepFor).
type leanStep int

const (
	stepDecode leanStep = iota // decode it: its own answer may show, the commitments, the end, or keys not read
	stepSkip                   // nothing for it: a card's close, reveal or leaderboard, the other teams' moves
	stepOpen                   // a card it has not seen: noted now, decoded when its answer is due
)

// stepFor reads a team view's phase and card index by their keys (which
// a JSON string cannot hold unescaped) and tells what to do with it. Most
// views ask nothing of a lean player: decoding them all was most of the
// load tool's CPU. With an answer of its own pending, it is decoded.
func stepFor(raw []byte, seen int, pending bool) (leanStep, int) {
	phase, ok := stringAfter(raw, `"phase":"`)
	if !ok || pending {
		return stepDecode, 0
	}
	switch game.Phase(phase) {
	case game.PhaseCardOpen:
		idx, ok := intAfter(raw, `"cardIndex":`)
		switch {
		case !ok:
			return stepDecode, 0
		case idx == seen:
			return stepSkip, idx
		}
		return stepOpen, idx
	case game.PhaseCommitments, game.PhaseClosed, game.PhaseEnded:
		return stepDecode, 0
	}
	return stepSkip, 0
}

// stringAfter is the JSON string value right after key's first occurrence
// (key ends with its opening quote); escaped values are not read.
func stringAfter(raw []byte, key string) (string, bool) {
	i := bytes.Index(raw, []byte(key))
	if i < 0 {
		return "", false
	}
	rest := raw[i+len(key):]
	j := bytes.IndexByte(rest, '"')
	if j < 0 || bytes.IndexByte(rest[:j], '\\') >= 0 {
		return "", false
	}
	return string(rest[:j]), true
}

// intAfter is the integer right after key's first occurrence.
func intAfter(raw []byte, key string) (int, bool) {
	i := bytes.Index(raw, []byte(key))
	if i < 0 {
		return 0, false
	}
	rest := raw[i+len(key):]
	j := 0
	for j < len(rest) && (rest[j] == '-' || rest[j] >= '0' && rest[j] <= '9') {
		j++
	}
	n, err := strconv.Atoi(string(rest[:j]))
	return n, err == nil
}
