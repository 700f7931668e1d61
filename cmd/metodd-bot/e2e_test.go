package main

// End-to-end tests: the real server binary, a real SQLite file in a temp
// dir, real websockets on loopback, bots through game/client.

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"net"
	"os"
	"os/exec"
	"path/filepath"
	"sync"
	"sync/atomic"
	"syscall"
	"testing"
	"time"

	"metodd/game"
	"metodd/game/client"
	"metodd/internal/testenv"
)

const (
	// adminPassword is the admin password the test server starts with.
	adminPassword = "Motdepasse-de-test-42"
	// partnerPassword is the test partner's.
	partnerPassword = "Partenaire-de-test-42"
	// startTimeout bounds a server start (open the SQLite file, replay the
	// live sessions, listen): a second here; ten leaves room for a loaded CI.
	startTimeout = 10 * time.Second
	// gameTimeout bounds one test's games: a Standard game of bots answering
	// within 100 ms takes a few seconds.
	gameTimeout = 60 * time.Second
	// botDelayMin/Max: the bots answer fast but not at once, so answers
	// arrive in varied orders.
	botDelayMin = 10 * time.Millisecond
	botDelayMax = 80 * time.Millisecond
)

// binDir is TestMain's temporary folder for the server binary; serverBin
// is that binary, built once by the first end-to-end test (buildErr: why it
// could not be).
var (
	binDir    string
	buildOnce sync.Once
	serverBin string
	buildErr  error
)

func TestMain(m *testing.M) {
	dir, err := os.MkdirTemp("", "metodd-e2e-")
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(1)
	}
	binDir = dir
	code := m.Run()
	os.RemoveAll(dir)
	os.Exit(code)
}

// serverEnv names a prebuilt server binary to test instead of building
// ./cmd/metodd-server (a release candidate, or a binary built with -race).
const serverEnv = "METODD_E2E_SERVER"

// buildServer builds ./cmd/metodd-server into dir (with the overlay of
// testenv.GoBuild, if any), or uses the binary named by METODD_E2E_SERVER.
func buildServer(dir string) (string, error) {
	if bin := os.Getenv(serverEnv); bin != "" {
		if _, err := os.Stat(bin); err != nil {
			return "", fmt.Errorf("%s: %w", serverEnv, err)
		}
		return bin, nil
	}
	root, err := filepath.Abs("../..")
	if err != nil {
		return "", err
	}
	bin := filepath.Join(dir, "metodd-server")
	if err := testenv.GoBuild(root, bin, "./cmd/metodd-server", "CGO_ENABLED=0"); err != nil {
		return "", err
	}
	return bin, nil
}

// requireE2E builds the server once. A server that does not build fails
// the test, CI or not; only -short skips it.
func requireE2E(t *testing.T) {
	t.Helper()
	testenv.Long(t, "end-to-end test")
	buildOnce.Do(func() { serverBin, buildErr = buildServer(binDir) })
	if buildErr != nil {
		t.Fatalf("the server does not build: %v", buildErr)
	}
}

// testServer is one run of the real server binary.
type testServer struct {
	t    *testing.T
	addr string // 127.0.0.1:port
	data string // the SQLite file
	cmd  *exec.Cmd
	logs *syncBuffer
}

type syncBuffer struct {
	mu sync.Mutex
	b  bytes.Buffer
}

func (s *syncBuffer) Write(p []byte) (int, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.Write(p)
}

func (s *syncBuffer) String() string {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.String()
}

// startServer runs the server on a free loopback port with a fresh data
// file in a temp dir.
func startServer(t *testing.T) *testServer {
	t.Helper()
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	addr := l.Addr().String()
	l.Close()
	s := &testServer{t: t, addr: addr, data: filepath.Join(t.TempDir(), "metodd.db"), logs: &syncBuffer{}}
	s.start()
	t.Cleanup(func() {
		s.stop()
		if t.Failed() {
			t.Logf("server logs:\n%s", s.logs.String())
		}
	})
	return s
}

func (s *testServer) url() string { return "http://" + s.addr }

func (s *testServer) start() {
	s.t.Helper()
	cmd := exec.Command(serverBin, "--addr", s.addr, "--data", s.data)
	cmd.Env = append(os.Environ(), "METODD_ADMIN_PASSWORD="+adminPassword)
	cmd.Stdout, cmd.Stderr = s.logs, s.logs
	if err := cmd.Start(); err != nil {
		s.t.Fatal(err)
	}
	s.cmd = cmd
	api := client.NewAPI(s.url())
	deadline := time.Now().Add(startTimeout)
	for {
		ctx, cancel := context.WithTimeout(context.Background(), time.Second)
		err := api.Healthz(ctx)
		cancel()
		if err == nil {
			return
		}
		if time.Now().After(deadline) {
			s.t.Fatalf("server not healthy after %v: %v\n%s", startTimeout, err, s.logs.String())
		}
		time.Sleep(20 * time.Millisecond) // polling /healthz against a deadline
	}
}

// kill stops the server the hard way: no shutdown, no flush.
func (s *testServer) kill() {
	s.t.Helper()
	if err := s.cmd.Process.Signal(syscall.SIGKILL); err != nil {
		s.t.Fatal(err)
	}
	s.cmd.Wait()
	s.cmd = nil
}

func (s *testServer) stop() {
	if s.cmd == nil {
		return
	}
	s.cmd.Process.Signal(syscall.SIGTERM)
	done := make(chan struct{})
	go func() { s.cmd.Wait(); close(done) }()
	select {
	case <-done:
	case <-time.After(startTimeout):
		s.cmd.Process.Kill()
		<-done
	}
	s.cmd = nil
}

// partner creates a partner account as admin and returns its logged-in API.
func (s *testServer) partner(ctx context.Context, login string) *client.API {
	s.t.Helper()
	admin := client.NewAPI(s.url())
	if _, err := admin.Login(ctx, "admin", adminPassword); err != nil {
		s.t.Fatalf("admin login: %v", err)
	}
	if err := admin.CreatePartner(ctx, login, "Partenaire "+login, partnerPassword); err != nil {
		s.t.Fatalf("create partner: %v", err)
	}
	p := client.NewAPI(s.url())
	r, err := p.Login(ctx, login, partnerPassword)
	if err != nil {
		s.t.Fatalf("partner login: %v", err)
	}
	if r.Token == "" {
		s.t.Fatal("partner login gave no token")
	}
	return p
}

func (s *testServer) campaign(ctx context.Context) client.Campaign {
	s.t.Helper()
	c, err := client.NewAPI(s.url()).Campaign(ctx)
	if err != nil {
		s.t.Fatalf("campaign: %v", err)
	}
	return c
}

// standardRun is a 4-team Standard game with its host.
func standardRun(t *testing.T, s *testServer, api *client.API, seed int64, offset int) runConfig {
	t.Helper()
	d, err := loadDeck("")
	if err != nil {
		t.Fatal(err)
	}
	return runConfig{
		server: s.url(), mode: game.ModeTeam, teams: 4, members: 3, offset: offset,
		delayMin: botDelayMin, delayMax: botDelayMax, accuracy: 0.7, seed: seed, deck: d,
		host: true, api: api, format: game.FormatStandard,
	}
}

func checkFinished(t *testing.T, api *client.API, res runResult, wantAdded int) {
	t.Helper()
	v := res.host
	if v.Session.Phase != game.PhaseClosed {
		t.Fatalf("host's last phase %q, want closed", v.Session.Phase)
	}
	if v.Session.CardCount != 15 || v.Session.CardIndex != 15 {
		t.Errorf("cards: index %d of %d, want 15 of 15", v.Session.CardIndex, v.Session.CardCount)
	}
	if v.TeamCount != 4 {
		t.Errorf("host sees %d teams, want 4", v.TeamCount)
	}
	if v.Campaign == nil || v.Campaign.Added != wantAdded {
		t.Errorf("close view campaign %+v, want %d added", v.Campaign, wantAdded)
	}
	// Every team answered every card: count what the server stored, not
	// what the bots saw — with "latest view wins" a bot may never see the
	// view that shows its answer when the host moves on fast.
	if got := storedAnswers(t, api, res.code); got != 4*15 {
		t.Errorf("the server stored %d answers, want %d (the bots saw %d)", got, 4*15, res.answers)
	}
	scored := 0
	for _, o := range res.outcomes {
		if o.Phase != game.PhaseClosed {
			t.Errorf("team %s ended in phase %q", o.TeamID, o.Phase)
		}
		if o.Score > 0 {
			scored++
		}
	}
	if scored == 0 {
		t.Error("no team scored with 70% accuracy over 15 cards")
	}
}

func TestStandardGameCountsDistinctAgents(t *testing.T) {
	requireE2E(t)
	ctx, cancel := context.WithTimeout(context.Background(), gameTimeout)
	defer cancel()
	s := startServer(t)
	api := s.partner(ctx, "bourgogne")
	c0 := s.campaign(ctx)

	// 4 teams of 3: agents 0..11 of seed 1.
	res, err := runSession(ctx, standardRun(t, s, api, 1, 0))
	if err != nil {
		t.Fatalf("first game: %v", err)
	}
	checkFinished(t, api, res, 12)
	c1 := s.campaign(ctx)
	if c1.Count != c0.Count+12 {
		t.Fatalf("campaign count %d → %d, want +12 distinct agents", c0.Count, c1.Count)
	}
	if res.host.Campaign != nil && res.host.Campaign.Count != c1.Count {
		t.Errorf("the close view says %d, the API %d", res.host.Campaign.Count, c1.Count)
	}

	// Agents 6..17: six played already, six are new.
	cfg := standardRun(t, s, api, 1, 6)
	res2, err := runSession(ctx, cfg)
	if err != nil {
		t.Fatalf("second game: %v", err)
	}
	checkFinished(t, api, res2, 6)
	if c2 := s.campaign(ctx); c2.Count != c1.Count+6 {
		t.Fatalf("campaign count %d → %d after an overlapping roster, want +6 new agents", c1.Count, c2.Count)
	}
}

func TestServerKilledMidCardResumes(t *testing.T) {
	requireE2E(t)
	ctx, cancel := context.WithTimeout(context.Background(), gameTimeout)
	defer cancel()
	s := startServer(t)
	api := s.partner(ctx, "morvan")
	c0 := s.campaign(ctx)

	const holdCard = 3
	var (
		held     atomic.Bool
		released = make(chan struct{})
		heldView = make(chan game.HostView, 1)
		joined   = make(chan struct{})
		host     *client.Conn
		bots     []*client.Conn
	)
	cfg := standardRun(t, s, api, 5, 100)
	// The last team holds its answer to card 3, so the card stays open
	// (the rules close a card when every team answered); the host holds
	// there once the three others answered. Then the kill.
	cfg.playerHold = func(i int, v *game.TeamView) bool {
		select {
		case <-released:
			return false
		default:
		}
		return i == 3 && v.Session.CardIndex == holdCard
	}
	cfg.hold = func(v game.HostView) bool {
		select {
		case <-released:
			return false
		default:
		}
		if !held.Load() && v.Session.Phase == game.PhaseCardOpen && v.Session.CardIndex == holdCard &&
			v.Expected == 4 && v.Answered == 3 {
			held.Store(true)
			heldView <- v
		}
		return held.Load()
	}
	cfg.onJoined = func(h *client.Conn, cs []*client.Conn) {
		host, bots = h, cs
		close(joined)
	}
	type outcome struct {
		res runResult
		err error
	}
	done := make(chan outcome, 1)
	go func() {
		r, err := runSession(ctx, cfg)
		done <- outcome{r, err}
	}()

	select {
	case <-joined:
	case o := <-done:
		t.Fatalf("the game ended before every team joined: %v", o.err)
	case <-ctx.Done():
		t.Fatal("teams did not join")
	}
	var v0 game.HostView
	select {
	case v0 = <-heldView:
	case o := <-done:
		t.Fatalf("the game ended before card %d: %v", holdCard, o.err)
	case <-ctx.Done():
		t.Fatalf("card %d never had every answer", holdCard)
	}
	oldHost := host.Snapshot().Host
	before := map[int]client.State{}
	for i, c := range bots {
		before[i] = c.Snapshot()
	}

	s.kill()
	// Every connection notices the drop, then the server comes back on
	// the same file and port.
	for _, c := range append([]*client.Conn{host}, bots...) {
		if st, err := c.WaitFor(ctx, func(st client.State) bool { return st.Status != client.StatusConnected }); err != nil {
			t.Fatalf("a client did not notice the kill: %v (%v)", err, st.Status)
		}
	}
	s.start()

	st, err := host.WaitFor(ctx, func(st client.State) bool {
		return st.Status == client.StatusConnected && st.Host != nil && st.Host != oldHost
	})
	if err != nil {
		t.Fatalf("host did not come back: %v (%s)", err, client.StatusText(st))
	}
	for i, c := range bots {
		st, err := c.WaitFor(ctx, func(st client.State) bool {
			return st.Status == client.StatusConnected && st.Team != nil && st.Team != before[i].Team && st.Team.Session.CardIndex == holdCard
		})
		if err != nil {
			t.Fatalf("team %d did not come back: %v (%s)", i, err, client.StatusText(st))
		}
		if st.Welcome.PlayerID != before[i].Welcome.PlayerID || st.Welcome.TeamID != before[i].Welcome.TeamID {
			t.Errorf("team %d came back as player %s team %s, was %s %s", i,
				st.Welcome.PlayerID, st.Welcome.TeamID, before[i].Welcome.PlayerID, before[i].Welcome.TeamID)
		}
		if answered := st.Team.Answer != nil && st.Team.Answer.Card == st.Team.Card.ID; answered != (i != 3) {
			t.Errorf("team %d: answered card %d after restart = %v, want %v", i, holdCard, answered, i != 3)
		}
	}
	// The host's view of the restarted server: same card, same answers,
	// same teams, same scores.
	v1 := *host.Snapshot().Host
	if v1.Session.Phase != game.PhaseCardOpen || v1.Session.CardIndex != holdCard {
		t.Errorf("after restart: phase %s card %d, want card-open %d", v1.Session.Phase, v1.Session.CardIndex, holdCard)
	}
	if v1.Answered != v0.Answered || v1.TeamCount != 4 || v1.Card == nil || v0.Card == nil || v1.Card.ID != v0.Card.ID {
		t.Errorf("after restart: answered %d teams %d, want %d and 4, same card", v1.Answered, v1.TeamCount, v0.Answered)
	}
	if err := sameScores(v0.Leaderboard, v1.Leaderboard); err != nil {
		t.Errorf("after restart: %v", err)
	}

	close(released)
	o := <-done
	if o.err != nil {
		t.Fatalf("finishing after the restart: %v", o.err)
	}
	checkFinished(t, api, o.res, 12)
	if c := s.campaign(ctx); c.Count != c0.Count+12 {
		t.Fatalf("campaign count %d → %d, want +12", c0.Count, c.Count)
	}
}

func sameScores(a, b []game.Standing) error {
	if len(a) != len(b) {
		return fmt.Errorf("leaderboard of %d teams, was %d", len(b), len(a))
	}
	score := map[string]int{}
	for _, s := range a {
		score[s.TeamID] = s.Score
	}
	var errs []error
	for _, s := range b {
		if old, ok := score[s.TeamID]; !ok || old != s.Score {
			errs = append(errs, fmt.Errorf("team %s (%s) score %d, was %d", s.TeamID, s.Name, s.Score, old))
		}
	}
	return errors.Join(errs...)
}

// storedAnswers is the number of answers the server stored for a finished
// session, from its detail in the API.
func storedAnswers(t *testing.T, api *client.API, code string) int {
	t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	defer cancel()
	d, err := api.Session(ctx, code)
	if err != nil {
		t.Fatalf("session %s: %v", code, err)
	}
	n := 0
	for _, c := range d.Cards {
		n += c.Answered
	}
	return n
}

// A plenary: one device per agent, agents spread over teams. Every agent is
// counted, every agent answered every card, and the agents of one team all
// see the same team score (the mean of theirs).
func TestPlenaryGameCountsEveryAgent(t *testing.T) {
	requireE2E(t)
	ctx, cancel := context.WithTimeout(context.Background(), gameTimeout)
	defer cancel()
	s := startServer(t)
	api := s.partner(ctx, "auxois")
	c0 := s.campaign(ctx)
	d, err := loadDeck("")
	if err != nil {
		t.Fatal(err)
	}
	const teams, agents = 3, 10
	res, err := runSession(ctx, runConfig{
		server: s.url(), mode: game.ModePlenary, teams: teams, agents: agents, offset: 200,
		delayMin: botDelayMin, delayMax: botDelayMax, accuracy: 0.6, seed: 9, deck: d,
		host: true, api: api, format: game.FormatExpress,
	})
	if err != nil {
		t.Fatalf("plenary game: %v", err)
	}
	v := res.host
	if v.Session.Phase != game.PhaseClosed || v.Session.Mode != game.ModePlenary {
		t.Fatalf("host's last view: phase %q mode %q, want closed plenary", v.Session.Phase, v.Session.Mode)
	}
	if v.TeamCount != teams || v.PlayerCount != agents {
		t.Errorf("host sees %d teams and %d players, want %d and %d", v.TeamCount, v.PlayerCount, teams, agents)
	}
	if v.Campaign == nil || v.Campaign.Added != agents {
		t.Errorf("close view campaign %+v, want %d added", v.Campaign, agents)
	}
	if c1 := s.campaign(ctx); c1.Count != c0.Count+agents {
		t.Errorf("campaign count %d → %d, want +%d", c0.Count, c1.Count, agents)
	}
	if got, want := storedAnswers(t, api, res.code), agents*v.Session.CardCount; got != want {
		t.Errorf("the server stored %d answers, want %d (%d agents × %d cards)", got, want, agents, v.Session.CardCount)
	}
	scores := map[string]int{}
	for _, o := range res.outcomes {
		if prev, ok := scores[o.TeamID]; ok && prev != o.Score {
			t.Errorf("agents of team %s see scores %d and %d", o.TeamID, prev, o.Score)
		}
		scores[o.TeamID] = o.Score
	}
	if len(scores) != teams {
		t.Errorf("agents landed in %d teams, want %d", len(scores), teams)
	}
	for _, st := range v.Leaderboard {
		if sc, ok := scores[st.TeamID]; ok && sc != st.Score {
			t.Errorf("team %s: the host shows %d, its agents %d", st.Name, st.Score, sc)
		}
	}
}
