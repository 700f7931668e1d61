// Command metodd-bot joins a mét'ODD session with bot teams (or, in
// plenary mode, bot agents) and plays it, through the same client package
// as the real client. With --host it also logs in as a partner, creates the
// session and runs it to its close; with --load it measures a server under
// many sessions at once.
//
//	metodd-bot --server http://127.0.0.1:8080 --code K7M3QX --teams 4
//	metodd-bot --host --login marie --password … --teams 4 --delay 1s-5s
//	metodd-bot --load --login marie --password … --sessions 10 --teams 6 --plenary 500
package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"os"
	"os/signal"
	"runtime/pprof"
	"strings"
	"syscall"
	"time"

	"metodd/assets"
	"metodd/game"
	"metodd/game/client"
	"metodd/game/client/bot"
	"metodd/game/deckfile"
)

// defaultTimeout bounds a whole run: a Complet session with a slow pace
// lasts well under an hour.
const defaultTimeout = time.Hour

type options struct {
	run      runConfig
	delay    string
	deckFile string
	login    string
	password string
	timeout  time.Duration

	load     bool
	sessions int
	plenary  int
	pid      int
	debug    string
	baseline bool
	partners int
	// cpuProfile is a file for the load tool's own CPU profile (load mode):
	// where its share of the machine goes.
	cpuProfile string
}

func main() {
	os.Exit(run(os.Args[1:]))
}

func run(args []string) int {
	o, err := parseFlags(args)
	if err != nil {
		if errors.Is(err, flag.ErrHelp) {
			return 0
		}
		fmt.Fprintln(os.Stderr, "metodd-bot :", err)
		return 2
	}
	ctx, cancel := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer cancel()
	ctx, cancelT := context.WithTimeout(ctx, o.timeout)
	defer cancelT()

	deck, err := loadDeck(o.deckFile)
	if err != nil {
		fmt.Fprintln(os.Stderr, "metodd-bot :", err)
		return 1
	}
	o.run.deck = deck
	o.run.log = os.Stderr

	if o.run.host || o.load {
		api := client.NewAPI(o.run.server)
		if _, err := api.Login(ctx, o.login, o.password); err != nil {
			fmt.Fprintln(os.Stderr, "metodd-bot : connexion du partenaire :", err)
			return 1
		}
		o.run.api = api
	}
	if o.load && o.cpuProfile != "" {
		f, err := os.Create(o.cpuProfile)
		if err == nil {
			err = pprof.StartCPUProfile(f)
		}
		if err != nil {
			fmt.Fprintln(os.Stderr, "metodd-bot : profil :", err)
			return 1
		}
		defer f.Close()
		defer pprof.StopCPUProfile()
	}
	if o.load {
		rep, err := runLoad(ctx, o.run, loadConfig{sessions: o.sessions, plenary: o.plenary, pid: o.pid, debug: o.debug, baseline: o.baseline, partners: o.partners})
		fmt.Println(rep)
		if err != nil {
			fmt.Fprintln(os.Stderr, "metodd-bot :", err)
			return 1
		}
		return 0
	}

	o.run.stats = bot.NewStats()
	res, err := runSession(ctx, o.run)
	fmt.Println(summary(res, err))
	if err != nil {
		return 1
	}
	return 0
}

func parseFlags(args []string) (options, error) {
	var o options
	o.run.mode = game.ModeTeam
	fs := flag.NewFlagSet("metodd-bot", flag.ContinueOnError)
	fs.StringVar(&o.run.server, "server", "http://127.0.0.1:8080", "server address")
	fs.StringVar(&o.run.code, "code", "", "join code of the session to join (with --host: empty creates one)")
	fs.Func("mode", "play mode: "+string(game.ModeTeam)+" (default: one device per team) or "+string(game.ModePlenary)+" (one per agent)",
		func(v string) error { o.run.mode = game.Mode(v); return nil })
	fs.IntVar(&o.run.teams, "teams", 4, "teams (plenary: teams the agents are spread over)")
	fs.IntVar(&o.run.agents, "agents", 20, "plenary: number of agents")
	fs.IntVar(&o.run.members, "members", 3, "team mode: members per team (1-6)")
	fs.IntVar(&o.run.offset, "offset", 0, "first agent in the seed's sequence of names (overlapping rosters)")
	fs.StringVar(&o.delay, "delay", "1s-4s", "answer delay after a card opens: a duration or a range MIN-MAX")
	fs.Float64Var(&o.run.accuracy, "accuracy", 0.7, "share of right answers, 0-1")
	fs.Int64Var(&o.run.seed, "seed", 1, "seed of names, delays and answers")
	fs.StringVar(&o.deckFile, "deck", "", "deck file giving the right answers (default: the embedded standard deck)")
	fs.BoolVar(&o.run.host, "host", false, "also log in as a partner, create the session (unless --code) and run it to its close")
	fs.StringVar(&o.login, "login", "", "partner login (--host, --load)")
	fs.StringVar(&o.password, "password", os.Getenv("METODD_BOT_PASSWORD"), "partner password (--host, --load; default $METODD_BOT_PASSWORD)")
	fs.StringVar(&o.run.format, "format", game.FormatStandard, "format of a created session: express, standard, complet")
	fs.DurationVar(&o.run.pace, "pace", 2*time.Second, "host: pause on each reveal, leaderboard... before next")
	fs.DurationVar(&o.run.maxCardWait, "card-wait", 0, "host: go on after that long on a card even if some did not answer (0: the card's timer)")
	fs.DurationVar(&o.timeout, "timeout", defaultTimeout, "give up after that long")
	fs.BoolVar(&o.load, "load", false, "load test: --sessions sessions of --teams teams, and a plenary of --plenary agents, at once")
	fs.IntVar(&o.sessions, "sessions", 10, "load: team-mode sessions")
	fs.IntVar(&o.plenary, "plenary", 0, "load: agents in one extra plenary session (0: none)")
	fs.BoolVar(&o.run.lean, "lean", false, "load: lean players (bare websockets decoding only what they check), so the bots cost the machine less than the server")
	fs.IntVar(&o.pid, "pid", 0, "load: server process id, to report its memory from /proc")
	fs.StringVar(&o.debug, "server-debug", "", "load: the server's --pprof address (127.0.0.1:6060), to report its group commits")
	fs.IntVar(&o.partners, "partners", 0, "load: spread the sessions over this many partner accounts created for the run (--login must be an admin; a partner may hold 20 live sessions)")
	fs.StringVar(&o.cpuProfile, "cpuprofile", "", "load: write the load tool's own CPU profile to this file (go tool pprof)")
	fs.BoolVar(&o.baseline, "baseline", false, "load, with --lean: after the run, a bare gorilla server broadcasts the same card bytes to as many sockets (the library's floor, same run)")
	if err := fs.Parse(args); err != nil {
		return o, err
	}
	if fs.NArg() > 0 {
		return o, fmt.Errorf("argument inattendu : %q", fs.Arg(0))
	}
	var err error
	if o.run.delayMin, o.run.delayMax, err = parseDelay(o.delay); err != nil {
		return o, err
	}
	switch {
	case o.run.mode != game.ModeTeam && o.run.mode != game.ModePlenary:
		return o, fmt.Errorf("--mode : %q inconnu (%s ou %s)", o.run.mode, game.ModeTeam, game.ModePlenary)
	case o.run.teams < 1:
		return o, errors.New("--teams : au moins 1")
	case o.run.members < 1 || o.run.members > 6:
		return o, errors.New("--members : de 1 à 6")
	case o.run.mode == game.ModePlenary && o.run.agents < 1:
		return o, errors.New("--agents : au moins 1")
	case o.run.accuracy < 0 || o.run.accuracy > 1:
		return o, errors.New("--accuracy : entre 0 et 1")
	case o.run.offset < 0:
		return o, errors.New("--offset : positif")
	case !o.run.host && !o.load && o.run.code == "":
		return o, errors.New("--code requis (ou --host pour créer la séance)")
	case (o.run.host || o.load) && o.login == "":
		return o, errors.New("--login requis avec --host ou --load")
	case o.load && (o.sessions < 0 || o.plenary < 0 || o.sessions+o.plenary == 0):
		return o, errors.New("--load : --sessions ou --plenary doit être positif")
	}
	return o, nil
}

// parseDelay reads "2s" or "1s-4s".
func parseDelay(s string) (time.Duration, time.Duration, error) {
	lo, hi, isRange := strings.Cut(s, "-")
	a, err := time.ParseDuration(strings.TrimSpace(lo))
	if err != nil {
		return 0, 0, fmt.Errorf("--delay : %q illisible (exemples : 2s, 1s-4s)", s)
	}
	b := a
	if isRange {
		if b, err = time.ParseDuration(strings.TrimSpace(hi)); err != nil {
			return 0, 0, fmt.Errorf("--delay : %q illisible (exemples : 2s, 1s-4s)", s)
		}
	}
	if a < 0 || b < a {
		return 0, 0, fmt.Errorf("--delay : %q, il faut 0 ≤ MIN ≤ MAX", s)
	}
	return a, b, nil
}

// loadDeck reads the deck whose answers the bots know.
func loadDeck(file string) (*game.Deck, error) {
	name, data := assets.StandardDeckFile, []byte(nil)
	if file != "" {
		var err error
		if data, err = os.ReadFile(file); err != nil {
			return nil, fmt.Errorf("jeu de cartes : %w", err)
		}
		name = file
	} else {
		data = assets.StandardDeck()
	}
	d, err := deckfile.ParseDeck(name, data)
	if err != nil {
		return nil, fmt.Errorf("jeu de cartes %s :\n%w", name, err)
	}
	return d, nil
}

// summary is the last line a run prints, in French then English, so the
// DSI reading a log understands it either way.
func summary(r runResult, err error) string {
	status, statusEN := "terminée", "finished"
	if err != nil {
		status, statusEN = "interrompue ("+err.Error()+")", "stopped"
	}
	camp, campEN := "", ""
	if c := r.host.Campaign; c != nil {
		camp = fmt.Sprintf(", campagne %d : %d / %d agents (+%d)", c.Year, c.Count, c.Goal, c.Added)
		campEN = fmt.Sprintf(", campaign %d: %d/%d agents (+%d)", c.Year, c.Count, c.Goal, c.Added)
	}
	return fmt.Sprintf("Bilan : séance %s %s, %d équipes, %d agents, %d réponses%s. | Summary: session %s %s, %d teams, %d agents, %d answers%s.",
		r.code, status, r.teams, r.agents, r.answers, camp,
		r.code, statusEN, r.teams, r.agents, r.answers, campEN)
}
