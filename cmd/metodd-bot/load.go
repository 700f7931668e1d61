package main

import (
	"context"
	"errors"
	"fmt"
	"os"
	"slices"
	"strconv"
	"strings"
	"sync"
	"time"

	"metodd/game"
	"metodd/game/client/bot"
)

// loadConfig is the shape of a load run.
type loadConfig struct {
	sessions int // team-mode sessions of base.teams teams
	plenary  int // agents of one extra plenary session (0: none)
	pid      int // the server's process id, for /proc figures (0: none)
}

// clockTicks is the kernel's USER_HZ, the unit of /proc/PID/stat times; it
// is 100 on every Linux the server runs on.
const clockTicks = 100

// runLoad runs the sessions at once, each with its host, and reports the
// figures.
func runLoad(ctx context.Context, base runConfig, lc loadConfig) (string, error) {
	stats := bot.NewStats()
	cpu0 := procCPU(lc.pid)
	self0 := procCPU(os.Getpid())
	rss0 := procKB(lc.pid, "VmRSS") // before any of our connections
	start := time.Now()

	var cfgs []runConfig
	for i := range lc.sessions {
		c := base
		c.mode, c.host, c.code, c.stats = game.ModeTeam, true, "", stats
		c.seed = base.seed + int64(i)
		c.offset = base.offset + i*base.teams*base.members
		cfgs = append(cfgs, c)
	}
	if lc.plenary > 0 {
		c := base
		c.mode, c.host, c.code, c.stats = game.ModePlenary, true, "", stats
		c.agents = lc.plenary
		c.seed = base.seed + int64(lc.sessions)
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

	conns, answers := 0, 0
	var slowestJoin time.Duration
	for _, r := range results {
		conns += len(r.outcomes)
		answers += r.answers
		slowestJoin = max(slowestJoin, r.joinTime)
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
	fmt.Fprintf(&b, "answer round trip (send → own view shows it): %s\n", percentiles(stats.Latencies()))
	fmt.Fprintf(&b, "card fan-out (host next → last bot sees the card): %s\n", percentiles(stats.Fanouts()))
	if lc.pid > 0 {
		fmt.Fprintf(&b, "server pid %d: RSS now %d MiB, peak sampled %d MiB, VmHWM %d MiB", lc.pid,
			procKB(lc.pid, "VmRSS")/1024, peakRSS/1024, procKB(lc.pid, "VmHWM")/1024)
		if cpu0 >= 0 {
			used := float64(procCPU(lc.pid)-cpu0) / clockTicks
			fmt.Fprintf(&b, ", CPU %.1f s (%.0f%% of one core)", used, 100*used/elapsed.Seconds())
			if answers > 0 {
				fmt.Fprintf(&b, ", %.0f µs of server CPU per answer", 1e6*used/float64(answers))
			}
		}
		if conns > 0 {
			fmt.Fprintf(&b, "; (sampled peak RSS − RSS before the run) / connections: %.1f KB per connection",
				float64(peakRSS-rss0)/float64(conns))
		}
		b.WriteString("\n")
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
	return strings.TrimRight(b.String(), "\n"), errors.Join(errs...)
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
