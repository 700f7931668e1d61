package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"sync"
	"time"

	"metodd/game"
	"metodd/game/client"
	"metodd/game/client/bot"
)

// runConfig is one session's worth of bots (and optionally its host).
type runConfig struct {
	server   string    // http://host:port
	code     string    // join this session; empty with host: create one
	mode     game.Mode // game.ModeTeam or game.ModePlenary
	teams    int       // team mode: teams; plenary: the teams agents spread over
	agents   int       // plenary: agents
	members  int       // team mode: members per team
	offset   int       // first agent of the seed's sequence
	delayMin time.Duration
	delayMax time.Duration
	accuracy float64
	seed     int64
	deck     *game.Deck

	host        bool
	api         *client.API // logged in, for host
	format      string
	pace        time.Duration
	maxCardWait time.Duration
	hold        func(game.HostView) bool           // tests: keep the host from acting
	playerHold  func(i int, v *game.TeamView) bool // tests: keep bot i from answering

	stats *bot.Stats
	log   io.Writer
	// lean: the players are bare websockets that decode only what they
	// check (lean.go), so the load tool costs less CPU than the server.
	lean bool
	// leanJoined, when set, is called once every lean player of the session
	// is welcomed, before the host starts (the load's lobby memory figure).
	leanJoined func()
	// leanCard, when set, gets a card opening's message as a lean player
	// received it (the bare gorilla baseline broadcasts the same bytes).
	leanCard func(raw []byte)
	// onJoined, when set, is called with the bots' connections once all are
	// welcomed (tests use them to check resume tokens).
	onJoined func(host *client.Conn, conns []*client.Conn)
}

// runResult is what a session run gives back.
type runResult struct {
	code     string
	teams    int
	agents   int
	answers  int
	joinTime time.Duration // from the first join to the last welcome
	// createTime is how long POST /api/sessions took (0: not created here).
	createTime time.Duration
	host       game.HostView
	outcomes   []bot.Outcome
	errs       []error
}

// joins builds the bots' join messages.
func (c runConfig) joins() []game.Join {
	var js []game.Join
	if c.mode == game.ModePlenary {
		agents := bot.AgentsFrom(c.seed, c.offset, c.agents)
		for i, a := range agents {
			t := i % max(c.teams, 1)
			js = append(js, game.Join{Code: c.code, Team: bot.TeamName(c.seed, t), Color: bot.TeamColor(t), Members: []game.Member{a}})
		}
		return js
	}
	agents := bot.AgentsFrom(c.seed, c.offset, c.teams*c.members)
	for i := range c.teams {
		js = append(js, game.Join{
			Code: c.code, Team: bot.TeamName(c.seed, i), Color: bot.TeamColor(i),
			Members: agents[i*c.members : (i+1)*c.members],
		})
	}
	return js
}

// connOptions spreads the bots' backoff jitter over seeds.
func connOptions(seed int64, i int) client.Options {
	return client.Options{Seed: uint64(seed)*7919 + uint64(i) + 1}
}

// runSession creates (with host) or joins a session, plays it to the end
// and returns what happened.
func runSession(ctx context.Context, cfg runConfig) (runResult, error) {
	var res runResult
	if cfg.log == nil {
		cfg.log = io.Discard
	}
	wsURL, err := client.WebSocketURL(cfg.server)
	if err != nil {
		return res, err
	}
	var host *client.Conn
	if cfg.host {
		if cfg.code == "" {
			deckID := "metodd-bilan-2024"
			if cfg.deck != nil {
				deckID = cfg.deck.ID
			}
			expected := cfg.teams * cfg.members
			if cfg.mode == game.ModePlenary {
				expected = cfg.agents
			}
			t0 := time.Now()
			created, err := cfg.api.CreateSession(ctx, game.SessionRequest{
				Deck: deckID, Format: cfg.format, Mode: cfg.mode,
				Direction: "Direction des systèmes d'information", Site: "Salle des bots", Expected: expected,
			})
			if err != nil {
				return res, fmt.Errorf("création de la séance : %w", err)
			}
			res.createTime = time.Since(t0)
			cfg.code = created.Code
			fmt.Fprintf(cfg.log, "séance créée : %s (%s)\n", created.Code, created.JoinURL)
		}
		host = client.Host(wsURL, cfg.code, cfg.api.Token, connOptions(cfg.seed, -1))
		defer host.Close()
		if _, err := host.WaitFor(ctx, func(s client.State) bool { return s.Host != nil }); err != nil {
			return res, fmt.Errorf("connexion animateur : %w", hostErr(host, err))
		}
	}
	res.code = cfg.code

	joins := cfg.joins()
	res.agents = len(joins)
	if cfg.mode != game.ModePlenary {
		res.agents = len(joins) * cfg.members
	}
	teams := map[string]bool{}
	for _, j := range joins {
		teams[j.Team] = true
	}
	res.teams = len(teams)

	if cfg.lean {
		err := runLean(ctx, cfg, wsURL, joins, &res, func(n int) error {
			if host == nil {
				return nil
			}
			var err error
			res.host, err = bot.Drive(ctx, host, bot.HostConfig{
				Players: n, Pace: cfg.pace, MaxCardWait: cfg.maxCardWait, Hold: cfg.hold, Close: true, Stats: cfg.stats,
			})
			return err
		})
		if err != nil {
			return res, err
		}
		return res, errors.Join(res.errs...)
	}

	start := time.Now()
	conns := make([]*client.Conn, len(joins))
	for i, j := range joins {
		conns[i] = client.Join(wsURL, j, connOptions(cfg.seed, i))
	}
	defer func() {
		for _, c := range conns {
			c.Close()
		}
	}()
	for _, c := range conns {
		s, err := c.WaitFor(ctx, func(s client.State) bool { return s.Team != nil })
		if err != nil {
			return res, fmt.Errorf("connexion d'une équipe : %w", stateErr(s, err))
		}
	}
	res.joinTime = time.Since(start)
	fmt.Fprintf(cfg.log, "%d connexions acceptées en %v\n", len(conns), res.joinTime.Round(time.Millisecond))
	if cfg.onJoined != nil {
		cfg.onJoined(host, conns)
	}

	var wg sync.WaitGroup
	var mu sync.Mutex
	res.outcomes = make([]bot.Outcome, len(conns))
	for i, c := range conns {
		wg.Add(1)
		go func() {
			defer wg.Done()
			pc := bot.PlayerConfig{
				Deck: cfg.deck, DelayMin: cfg.delayMin, DelayMax: cfg.delayMax,
				Accuracy: cfg.accuracy, Seed: cfg.seed*1000 + int64(i), Stats: cfg.stats,
			}
			if cfg.playerHold != nil {
				pc.Hold = func(v *game.TeamView) bool { return cfg.playerHold(i, v) }
			}
			out, err := bot.Play(ctx, c, pc)
			mu.Lock()
			res.outcomes[i] = out
			res.answers += out.Answers
			if err != nil && !errors.Is(err, context.Canceled) {
				res.errs = append(res.errs, fmt.Errorf("%s: %w", joins[i].Team, err))
			}
			mu.Unlock()
		}()
	}

	var hostErrV error
	if host != nil {
		res.host, hostErrV = bot.Drive(ctx, host, bot.HostConfig{
			Players: len(conns), Pace: cfg.pace, MaxCardWait: cfg.maxCardWait,
			Hold: cfg.hold, Close: true, Stats: cfg.stats,
		})
	}
	wg.Wait()
	if hostErrV != nil {
		return res, hostErrV
	}
	return res, errors.Join(res.errs...)
}

func hostErr(c *client.Conn, err error) error { return stateErr(c.Snapshot(), err) }

// stateErr adds the server's French reason to err when there is one.
func stateErr(s client.State, err error) error {
	switch {
	case s.Error != nil:
		return fmt.Errorf("%s (%w)", s.Error.Message, err)
	case s.Bye != nil:
		return fmt.Errorf("%s (%w)", s.Bye.Message, err)
	case s.LastErr != nil:
		return fmt.Errorf("%v (%w)", s.LastErr, err)
	}
	return err
}
