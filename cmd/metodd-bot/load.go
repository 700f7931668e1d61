package main

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"net/http"
	"os"
	"slices"
	"strconv"
	"strings"
	"sync"
	"time"

	"metodd/game"
	"metodd/game/client"
	"metodd/game/client/bot"
)

// loadConfig is the shape of a load run.
type loadConfig struct {
	sessions int // team-mode sessions of base.teams teams
	plenary  int // agents of one extra plenary session (0: none)
	pid      int // the server's process id, for /proc figures (0: none)
	// debug is the server's --pprof address (host:port): its /debug/metodd
	// gives the group writer's commits, for commits/s and commands per commit.
	debug string
	// baseline: after the run, the bare gorilla baseline (baseline.go) to as
	// many sockets as the run had lean players (lean mode only).
	baseline bool
	// partners: the sessions are spread over this many partner accounts the
	// tool creates (base.api must be an admin's): a partner may hold
	// server.RoomLimits.LivePerPartner live sessions at once (0: base.api's).
	partners int
}

// loadPassword is the password of the partner accounts a load run creates
// (long enough for the server's rules; the accounts are for a test server).
const loadPassword = "Charge-de-test-2026-bots"

// loadPartners creates n partner accounts as base's admin and logs each in.
func loadPartners(ctx context.Context, base runConfig, n int) ([]*client.API, error) {
	stamp := time.Now().UnixMilli()
	apis := make([]*client.API, n)
	for i := range n {
		login := fmt.Sprintf("charge-%d-%d", stamp, i)
		if err := base.api.CreatePartner(ctx, login, fmt.Sprintf("Partenaire de charge %d", i+1), loadPassword); err != nil {
			return nil, fmt.Errorf("compte partenaire %s : %w", login, err)
		}
		a := client.NewAPI(base.server)
		if _, err := a.Login(ctx, login, loadPassword); err != nil {
			return nil, fmt.Errorf("connexion du partenaire %s : %w", login, err)
		}
		apis[i] = a
	}
	return apis, nil
}

// clockTicks is the kernel's USER_HZ, the unit of /proc/PID/stat times; it
// is 100 on every Linux the server runs on.
const clockTicks = 100

// runLoad runs the sessions at once, each with its host, and reports the
// figures.
func runLoad(ctx context.Context, base runConfig, lc loadConfig) (string, error) {
	// The accounts first: their password hashing is not the load's.
	var apis []*client.API
	if lc.partners > 0 {
		var err error
		if apis, err = loadPartners(ctx, base, lc.partners); err != nil {
			return "", err
		}
	}
	stats := bot.NewStats()
	cpu0 := procCPU(lc.pid)
	self0 := procCPU(os.Getpid())
	rss0 := procKB(lc.pid, "VmRSS") // before any of our connections
	group0, groupErr := groupStats(ctx, lc.debug)
	start := time.Now()

	// The lobby: RSS once every session's players are all welcomed, before
	// the hosts start; the card bytes for the baseline.
	var (
		lobbyMu   sync.Mutex
		lobbyLeft = lc.sessions
		lobbyRSS  int64
		cardMsg   []byte
	)
	if lc.plenary > 0 {
		lobbyLeft++
	}
	leanJoined := func() {
		lobbyMu.Lock()
		defer lobbyMu.Unlock()
		if lobbyLeft--; lobbyLeft == 0 {
			lobbyRSS = procKB(lc.pid, "VmRSS")
		}
	}
	leanCard := func(raw []byte) {
		lobbyMu.Lock()
		defer lobbyMu.Unlock()
		if len(raw) > len(cardMsg) { // the largest card opening seen
			cardMsg = raw
		}
	}

	var cfgs []runConfig
	for i := range lc.sessions {
		c := base
		if len(apis) > 0 {
			c.api = apis[i%len(apis)]
		}
		c.mode, c.host, c.code, c.stats = game.ModeTeam, true, "", stats
		c.seed = base.seed + int64(i)
		c.offset = base.offset + i*base.teams*base.members
		c.leanJoined, c.leanCard = leanJoined, leanCard
		cfgs = append(cfgs, c)
	}
	if lc.plenary > 0 {
		c := base
		c.mode, c.host, c.code, c.stats = game.ModePlenary, true, "", stats
		c.agents = lc.plenary
		c.seed = base.seed + int64(lc.sessions)
		c.leanJoined, c.leanCard = leanJoined, leanCard
		cfgs = append(cfgs, c)
	}

	var (
		mu      sync.Mutex
		results []runResult
		errs    []error
		wg      sync.WaitGroup
		peakRSS int64
	)
	samplerDone, samplerExited := make(chan struct{}), make(chan struct{})
	go func() {
		defer close(samplerExited) // peakRSS is read once it stopped
		t := time.NewTicker(200 * time.Millisecond)
		defer t.Stop()
		for {
			select {
			case <-samplerDone:
				return
			case <-t.C:
				if kb := procKB(lc.pid, "VmRSS"); kb > peakRSS {
					peakRSS = kb
				}
			}
		}
	}()
	for _, c := range cfgs {
		wg.Add(1)
		go func() {
			defer wg.Done()
			r, err := runSession(ctx, c)
			mu.Lock()
			defer mu.Unlock()
			results = append(results, r)
			if err != nil {
				errs = append(errs, fmt.Errorf("séance %s : %w", r.code, err))
			}
		}()
	}
	wg.Wait()
	close(samplerDone)
	<-samplerExited
	elapsed := time.Since(start)
	srvCPU := procCPU(lc.pid)
	group1, groupErr1 := groupStats(context.WithoutCancel(ctx), lc.debug) // read even when the run timed out

	conns, answers := 0, 0
	var slowestJoin time.Duration
	var creates []time.Duration
	for _, r := range results {
		conns += len(r.outcomes)
		answers += r.answers
		slowestJoin = max(slowestJoin, r.joinTime)
		if r.createTime > 0 {
			creates = append(creates, r.createTime)
		}
	}
	var b strings.Builder
	fmt.Fprintf(&b, "load: %d sessions (%d team-mode × %d teams of %d", len(cfgs), lc.sessions, base.teams, base.members)
	if lc.plenary > 0 {
		fmt.Fprintf(&b, ", 1 plenary of %d agents", lc.plenary)
	}
	fmt.Fprintf(&b, "), %d player connections, %d answers, %d errors, %v in all\n", conns, answers, len(errs), elapsed.Round(time.Millisecond))
	if slowestJoin > 0 {
		fmt.Fprintf(&b, "joins: %d in %v (%.0f joins/s)\n", conns, slowestJoin.Round(time.Millisecond), float64(conns)/slowestJoin.Seconds())
	}
	if n := stats.Refusals(); n > 0 {
		fmt.Fprintf(&b, "upgrades refused by the server (429/503), then tried again with the client's backoff: %d\n", n)
	}
	fmt.Fprintf(&b, "session creation (POST /api/sessions, all at once): %s\n", percentiles(creates))
	fmt.Fprintf(&b, "answer round trip (send → own view shows it): %s\n", percentiles(stats.Latencies()))
	fanouts := stats.Fanouts()
	fmt.Fprintf(&b, "card fan-out (host next → last bot sees the card): %s\n", percentiles(fanouts))
	if lc.pid > 0 {
		fmt.Fprintf(&b, "server pid %d: RSS now %d MiB, peak sampled %d MiB, VmHWM %d MiB", lc.pid,
			procKB(lc.pid, "VmRSS")/1024, peakRSS/1024, procKB(lc.pid, "VmHWM")/1024)
		if cpu0 >= 0 {
			used := float64(srvCPU-cpu0) / clockTicks
			fmt.Fprintf(&b, ", CPU %.1f s (%.0f%% of one core)", used, 100*used/elapsed.Seconds())
			if answers > 0 {
				fmt.Fprintf(&b, ", %.0f µs of server CPU per answer", 1e6*used/float64(answers))
			}
		}
		if conns > 0 {
			fmt.Fprintf(&b, "; (sampled peak RSS − RSS before the run) / connections: %.1f KB per connection",
				float64(peakRSS-rss0)/float64(conns))
			if lobbyRSS > 0 {
				fmt.Fprintf(&b, "; in the lobby (all welcomed, before the host starts): %.1f KB per connection",
					float64(lobbyRSS-rss0)/float64(conns))
			}
		}
		b.WriteString("\n")
	}
	switch {
	case lc.debug == "":
	case groupErr != nil || groupErr1 != nil:
		fmt.Fprintf(&b, "group commit: not read from %s (%v)\n", lc.debug, errors.Join(groupErr, groupErr1))
	default:
		commits, cmds := group1.Commits-group0.Commits, group1.Commands-group0.Commands
		fmt.Fprintf(&b, "group commit: %d commits (%.0f/s over the run), %d commands (answers, joins, host actions), %.1f commands per commit\n",
			commits, float64(commits)/elapsed.Seconds(), cmds, float64(cmds)/float64(max(commits, 1)))
	}
	if self0 >= 0 {
		used := float64(procCPU(os.Getpid())-self0) / clockTicks
		fmt.Fprintf(&b, "load tool's own CPU %.1f s", used)
		if lc.pid > 0 && cpu0 >= 0 {
			if srv := float64(procCPU(lc.pid)-cpu0) / clockTicks; srv > 0 {
				fmt.Fprintf(&b, " (%.2f× the server's)", used/srv)
			}
		}
		b.WriteString("\n")
	}
	if lc.baseline && base.lean {
		switch {
		case len(cardMsg) == 0:
			b.WriteString("bare gorilla baseline: no card opening seen, not run\n")
		default:
			fan, err := runBaseline(ctx, conns, cardMsg)
			if err != nil {
				errs = append(errs, err)
			}
			fmt.Fprintf(&b, "bare gorilla baseline (%d B to %d sockets, same run): %s\n", len(cardMsg), conns, percentiles(fan))
			if p, q := p99(fanouts), p99(fan); p > 0 && q > 0 {
				fmt.Fprintf(&b, "fan-out p99 server / baseline: %.2f (target ≤ %.2f)\n", float64(p)/float64(q), 1/0.7)
			}
		}
	}
	return strings.TrimRight(b.String(), "\n"), errors.Join(errs...)
}

// p99 is the 99th percentile of ds (0 when empty), as percentiles has it.
func p99(ds []time.Duration) time.Duration {
	if len(ds) == 0 {
		return 0
	}
	s := slices.Clone(ds)
	slices.Sort(s)
	return s[int(0.99*float64(len(s)-1)+0.5)]
}

// groupStats reads the server's group commit totals from its --pprof
// listener (zero without an address).
func groupStats(ctx context.Context, addr string) (st struct{ Commits, Commands int64 }, err error) {
	if addr == "" {
		return st, nil
	}
	ctx, cancel := context.WithTimeout(ctx, 5*time.Second)
	defer cancel()
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, "http://"+addr+"/debug/metodd", nil)
	if err != nil {
		return st, err
	}
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		return st, err
	}
	defer resp.Body.Close()
	if resp.StatusCode != http.StatusOK {
		return st, fmt.Errorf("%s", resp.Status)
	}
	return st, json.NewDecoder(resp.Body).Decode(&st)
}

// percentiles formats p50/p95/p99/max of ds.
func percentiles(ds []time.Duration) string {
	if len(ds) == 0 {
		return "no samples"
	}
	slices.Sort(ds)
	at := func(p float64) time.Duration {
		i := int(p*float64(len(ds)-1) + 0.5)
		return ds[i]
	}
	r := func(d time.Duration) string { return d.Round(10 * time.Microsecond).String() }
	return fmt.Sprintf("n=%d p50 %s p95 %s p99 %s max %s", len(ds), r(at(0.50)), r(at(0.95)), r(at(0.99)), r(ds[len(ds)-1]))
}

// procKB reads a "kB" line of /proc/PID/status (0 when unknown).
func procKB(pid int, field string) int64 {
	if pid <= 0 {
		return 0
	}
	raw, err := os.ReadFile("/proc/" + strconv.Itoa(pid) + "/status")
	if err != nil {
		return 0
	}
	for _, line := range strings.Split(string(raw), "\n") {
		if rest, ok := strings.CutPrefix(line, field+":"); ok {
			f := strings.Fields(rest)
			if len(f) > 0 {
				n, _ := strconv.ParseInt(f[0], 10, 64)
				return n
			}
		}
	}
	return 0
}

// procCPU is the process's user+system time in clock ticks (-1 unknown).
func procCPU(pid int) int64 {
	if pid <= 0 {
		return -1
	}
	raw, err := os.ReadFile("/proc/" + strconv.Itoa(pid) + "/stat")
	if err != nil {
		return -1
	}
	// The command name (field 2) may hold spaces: split after its ")".
	s := string(raw)
	i := strings.LastIndexByte(s, ')')
	if i < 0 {
		return -1
	}
	f := strings.Fields(s[i+1:])
	if len(f) < 13 {
		return -1
	}
	u, _ := strconv.ParseInt(f[11], 10, 64)  // utime, field 14
	st, _ := strconv.ParseInt(f[12], 10, 64) // stime, field 15
	return u + st
}
