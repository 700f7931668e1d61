package server

import (
	"bytes"
	"context"
	"database/sql"
	"encoding/json"
	"fmt"
	"net/http"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	"metodd/game"
	"metodd/server/store"
)

// noFlood lifts the per-connection message rate, so a test reaches the
// log budgets instead of the flood limit.
func noFlood(l *Limits) { fastHost(l) }

// TestPlayerLogBudget: a team that keeps changing its roster (each change
// is a real change, so each is logged) is refused with a French error once
// its player's budget is spent; what it logged stays within the budget
// plus one command, and another team of the same session still plays.
func TestPlayerLogBudget(t *testing.T) {
	const budget = 20
	e := newEnv(t, noFlood, func(l *Limits) { l.Room.PlayerLogCommands = budget })
	c := e.createSession(e.partner, nil)
	host := e.hostConn(c.Code, e.partner)
	a := e.joinTeam(c.Code, "Les Bavards", agent("Anne", "Martin"))
	b := e.joinTeam(c.Code, "Les Calmes", agent("Bruno", "Garnier"))
	rosters := [][]game.Member{{agent("Anne", "Martin")}, {agent("Anne", "Martin"), agent("Paul", "Roux")}}
	const sent = 3 * budget
	for i := range sent {
		a.cmd(game.KindRoster, game.CommandData{Members: rosters[(i+1)%2]})
	}
	em := a.awaitError(codeLogFull)
	if em.Message != wsMsgPlayerLogFull {
		t.Errorf("budget error %q", em.Message)
	}
	// The other team and the host are not affected.
	b.cmd(game.KindRoster, game.CommandData{Members: rosters[1]})
	b.awaitTeam("roster", func(v *game.TeamView) bool { return len(v.Members) == 2 })
	host.cmd(game.KindStart, nil)
	host.awaitHost("start", func(v *game.HostView) bool { return v.Session.Phase == game.PhaseCardOpen })

	all, err := e.db.Commands(context.Background(), c.ID)
	if err != nil {
		t.Fatal(err)
	}
	var mine int
	for _, lc := range all {
		if strings.Contains(string(lc.Data), a.welcome.PlayerID) {
			mine++
		}
	}
	t.Logf("%d roster changes sent by one device: %d commands of it logged (budget %d)", sent, mine, budget)
	if mine != budget {
		t.Errorf("%d commands of the player logged, want exactly its budget %d", mine, budget)
	}
}

// TestSessionLogBudget: joins and commands of teams stop being logged once
// the session's budget is spent (a French error), while the host still
// starts and ends the session.
func TestSessionLogBudget(t *testing.T) {
	const budget = 6
	e := newEnv(t, noFlood, func(l *Limits) { l.Room.SessionLogCommands = budget })
	c := e.createSession(e.partner, nil)
	host := e.hostConn(c.Code, e.partner)
	for i := range budget {
		e.joinTeam(c.Code, fmt.Sprintf("Équipe %d", i), agent("Agent", fmt.Sprintf("N%d", i)))
	}
	late := e.dial("en trop", nil)
	late.send(game.MsgJoin, game.Join{Code: c.Code, Team: "En trop", Members: []game.Member{agent("Zoé", "Blanc")}})
	if em := late.awaitError(codeLogFull); em.Message != wsMsgSessionLogFull {
		t.Errorf("session budget error %q", em.Message)
	}
	host.cmd(game.KindStart, nil)
	host.awaitHost("start", func(v *game.HostView) bool { return v.Session.Phase == game.PhaseCardOpen })
	host.cmd(game.KindEnd, nil)
	host.awaitHost("end", func(v *game.HostView) bool { return v.Session.Phase == game.PhaseEnded })
	n, _ := logFigures(t, e, c.ID)
	if n != budget+2 {
		t.Errorf("%d commands logged, want %d joins + start + end", n, budget)
	}
}

// TestJoinInfoLive: the join form's team list comes from the hub's memory:
// a removed team leaves it and comes back when its own device resumes; a
// right code is still rate limited per address (a French 429).
func TestJoinInfoLive(t *testing.T) {
	const burst = 1000 // the polls below read the list many times
	e := newEnv(t, func(l *Limits) { l.Room.JoinInfoBurst, l.Room.JoinInfoRate = burst, 1 })
	c := e.createSession(e.partner, nil)
	host := e.hostConn(c.Code, e.partner)
	a := e.joinTeam(c.Code, "Les Vélos", agent("Amélie", "Lefèvre"))
	e.joinTeam(c.Code, "Les Sobres", agent("Bruno", "Garnier"))
	teams := func() []string {
		t.Helper()
		var info game.JoinInfo
		if st := e.api("GET", "/api/join/"+c.Code, "", nil, &info); st != http.StatusOK {
			t.Fatalf("join info: %d", st)
		}
		return info.Teams
	}
	// The hub publishes the list right after the joiner's own view.
	want := func(what string, names ...string) {
		t.Helper()
		var got []string
		pollUntil(t, waitLimit, what, func() bool { got = teams(); return slices.Equal(got, names) })
	}
	want("both teams listed", "Les Sobres", "Les Vélos")
	host.cmd(game.KindRemoveTeam, game.CommandData{TeamID: a.welcome.TeamID})
	a.awaitBye(game.ByeRemoved)
	want("the removed team left out", "Les Sobres")
	back := e.dial("retour", nil)
	back.send(game.MsgResume, game.Resume{Code: c.Code, Token: a.welcome.Token})
	back.await("welcome", func(env game.Envelope) bool { return env.Type == game.MsgWelcome })
	want("the rejoined team listed again", "Les Sobres", "Les Vélos")
	var e429 struct{ Error string }
	st := 0
	for i := 0; i < 2*burst && st != http.StatusTooManyRequests; i++ {
		st = e.api("GET", "/api/join/"+c.Code, "", nil, &e429)
	}
	if st != http.StatusTooManyRequests || e429.Error != msgJoinInfoRate {
		t.Fatalf("right code over its burst: %d %q", st, e429.Error)
	}
}

// TestRemovedTeamNotTakenOver: a team removed by the host cannot be taken
// over by a newcomer joining with its name in any case; its own device
// brings it back with its roster, which is what gets counted.
func TestRemovedTeamNotTakenOver(t *testing.T) {
	e := newEnv(t)
	c := e.createSession(e.partner, nil)
	host := e.hostConn(c.Code, e.partner)
	a := e.joinTeam(c.Code, "Les Vélos", agent("Amélie", "Lefèvre"))
	host.cmd(game.KindRemoveTeam, game.CommandData{TeamID: a.welcome.TeamID})
	a.awaitBye(game.ByeRemoved)
	for _, name := range []string{"Les Vélos", "LES VÉLOS", " les vélos "} {
		x := e.dial("usurpateur", nil)
		x.send(game.MsgJoin, game.Join{Code: c.Code, Team: name, Members: []game.Member{agent("Intrus", "Inconnu")}})
		if em := x.awaitError(game.CodeNameTaken); !strings.Contains(em.Message, "retiré") {
			t.Errorf("join as %q: %q", name, em.Message)
		}
	}
	back := e.dial("retour", nil)
	back.send(game.MsgResume, game.Resume{Code: c.Code, Token: a.welcome.Token})
	v := back.awaitTeam("back", func(v *game.TeamView) bool { return !v.Removed })
	if len(v.Members) != 1 || v.Members[0].FirstName != "Amélie" {
		t.Fatalf("roster after the resume %+v", v.Members)
	}
}

// TestRemovedTeamsComeBack: a removed team comes back only through its
// own resume token or the host's restore-team (logged: it survives a crash
// and replay); its bye says so; a stranger's join with a still removed
// team's name is refused, and a banned team is never restored.
func TestRemovedTeamsComeBack(t *testing.T) {
	e := newEnv(t)
	c := e.createSession(e.partner, nil)
	host := e.hostConn(c.Code, e.partner)
	own := e.joinTeam(c.Code, "Les Vélos", agent("Amélie", "Lefèvre"))
	byHost := e.joinTeam(c.Code, "Les Sobres", agent("Bruno", "Garnier"))
	out := e.joinTeam(c.Code, "Les Partis", agent("Chloé", "Petit"))
	banned := e.joinTeam(c.Code, "Les Tricheurs", agent("Denis", "Roux"))
	for _, x := range []*wsc{own, byHost, out} {
		host.cmd(game.KindRemoveTeam, game.CommandData{TeamID: x.welcome.TeamID})
		x.awaitBye(game.ByeRemoved)
		if x.bye.Message != wsMsgRemoved || !strings.Contains(x.bye.Message, "depuis cet appareil") {
			t.Errorf("%s: bye %q", x.name, x.bye.Message)
		}
	}
	host.cmd(game.KindBanTeam, game.CommandData{TeamID: banned.welcome.TeamID})
	banned.awaitBye(game.ByeBanned)
	host.awaitHost("three removed, one banned", func(v *game.HostView) bool { return v.TeamCount == 0 })

	// Its own device, with its token.
	back := e.dial("retour", nil)
	back.send(game.MsgResume, game.Resume{Code: c.Code, Token: own.welcome.Token})
	if v := back.awaitTeam("back", func(v *game.TeamView) bool { return !v.Removed }); v.TeamName != "Les Vélos" {
		t.Fatalf("resumed as %q", v.TeamName)
	}

	// The host's hand: the team is in play before any of its devices
	// returns; a banned team and a team in play are refused.
	host.cmd(game.KindRestoreTeam, game.CommandData{TeamID: banned.welcome.TeamID})
	host.awaitError(game.CodeBanned)
	host.cmd(game.KindRestoreTeam, game.CommandData{TeamID: own.welcome.TeamID})
	host.awaitError(game.CodeNotRemoved)
	host.cmd(game.KindRestoreTeam, game.CommandData{TeamID: byHost.welcome.TeamID})
	host.awaitHost("restored by the host", func(v *game.HostView) bool { return v.TeamCount == 2 })

	// A restore is logged like any command: a crash and replay keep it.
	e.crashAndRestart()
	host = e.hostConn(c.Code, e.partner)
	hv := host.awaitHost("after the restart", func(*game.HostView) bool { return true })
	for _, tm := range hv.Teams {
		if removed := tm.TeamID == out.welcome.TeamID || tm.TeamID == banned.welcome.TeamID; tm.Removed != removed {
			t.Errorf("after replay, %s removed=%v", tm.Name, tm.Removed)
		}
	}
	if hv.TeamCount != 2 {
		t.Errorf("after replay: %d teams in play", hv.TeamCount)
	}
	restored := e.dial("rétablie", nil)
	restored.send(game.MsgResume, game.Resume{Code: c.Code, Token: byHost.welcome.Token})
	if v := restored.awaitTeam("restored device", func(v *game.TeamView) bool { return true }); v.Removed || v.TeamName != "Les Sobres" {
		t.Errorf("restored team's device: removed=%v %q", v.Removed, v.TeamName)
	}

	// A stranger still cannot take the name of the team left out.
	x := e.dial("usurpateur", nil)
	x.send(game.MsgJoin, game.Join{Code: c.Code, Team: "les partis", Members: []game.Member{agent("Intrus", "Inconnu")}})
	if em := x.awaitError(game.CodeNameTaken); !strings.Contains(em.Message, "retiré") {
		t.Errorf("stranger's join: %q", em.Message)
	}
}

// TestAbandonedSessionExpires: a session left in the lobby past
// game.IdleLobbyMs ends itself: at the next start its hub sends the expire
// command (logged with its time), nobody is counted, its code no longer
// answers, and purge then drops its log.
func TestAbandonedSessionExpires(t *testing.T) {
	e := newEnv(t)
	c := e.createSession(e.partner, nil)
	kept := e.createSession(e.partner, nil)
	e.joinTeam(c.Code, "Les Oubliés", agent("Odile", "Martin"))
	e.joinTeam(kept.Code, "Les Présents", agent("Paul", "Martin"))
	count := e.campaignCount()

	// Five days pass with the server down (the file is aged in place).
	e.srv.crash()
	e.hs.CloseClientConnections()
	e.old = append(e.old, e.db)
	raw, err := sql.Open("sqlite", e.path)
	if err != nil {
		t.Fatal(err)
	}
	age := (5 * 24 * time.Hour).Milliseconds()
	if _, err := raw.Exec("UPDATE sessions SET created = created - ? WHERE id = ?", age, c.ID); err != nil {
		t.Fatal(err)
	}
	if _, err := raw.Exec(`UPDATE session_commands SET at = at - ?1,
		command = json_set(command, '$.at', json_extract(command, '$.at') - ?1) WHERE session_id = ?2`, age, c.ID); err != nil {
		t.Fatal(err)
	}
	raw.Close()
	db, err := store.Open(e.path)
	if err != nil {
		t.Fatal(err)
	}
	e.db = db
	e.start()

	pollUntil(t, waitLimit, "expiry", func() bool {
		s, err := e.db.Session(context.Background(), c.ID)
		return err == nil && s.State == store.StateEnded
	})
	all, _ := e.db.Commands(context.Background(), c.ID)
	if last := all[len(all)-1]; last.Kind != string(game.KindExpire) {
		t.Fatalf("last logged command %s, want expire", last.Kind)
	}
	if s, _ := e.db.Session(context.Background(), kept.ID); s.State != store.StateLive {
		t.Fatalf("the other session is %s", s.State)
	}
	if n := e.campaignCount(); n != count {
		t.Fatalf("count %d after expiry, was %d", n, count)
	}
	if n, err := e.db.Purge(context.Background(), time.Now().Add(time.Hour)); err != nil || n == 0 {
		t.Fatalf("purge %d %v", n, err)
	}
	if all, _ := e.db.Commands(context.Background(), c.ID); len(all) != 0 {
		t.Fatalf("purge left %d commands of the expired session", len(all))
	}
	if all, _ := e.db.Commands(context.Background(), kept.ID); len(all) == 0 {
		t.Fatal("purge dropped a live session's log")
	}
}

// TestLiveSessionsPerPartner: one partner cannot hold more than its cap of
// live sessions (a French 409); ending one frees a place.
func TestLiveSessionsPerPartner(t *testing.T) {
	const limit = 3
	e := newEnv(t, func(l *Limits) { l.Room.LivePerPartner = limit })
	var first created
	for i := range limit {
		cr := e.createSession(e.partner, nil)
		if i == 0 {
			first = cr
		}
	}
	var e409 struct{ Error string }
	opts := map[string]any{"format": "standard", "mode": "equipe"}
	if st := e.api("POST", "/api/sessions", e.partner, opts, &e409); st != http.StatusConflict || e409.Error != fmt.Sprintf(msgTooManyLive, limit) {
		t.Fatalf("over the cap: %d %q", st, e409.Error)
	}
	// Another account is not affected.
	e.createSession(e.admin, nil)
	host := e.hostConn(first.Code, e.partner)
	host.cmd(game.KindEnd, nil)
	host.awaitHost("end", func(v *game.HostView) bool { return v.Session.Phase == game.PhaseEnded })
	e.createSession(e.partner, nil)
}

// TestLiveSessionsPerPartnerAtOnce: creations sent at the same moment
// cannot pass the cap together (each takes its place before the session
// is written).
func TestLiveSessionsPerPartnerAtOnce(t *testing.T) {
	const limit, tries = 2, 8
	e := newEnv(t, func(l *Limits) { l.Room.LivePerPartner = limit })
	raw, _ := json.Marshal(map[string]any{"format": "standard", "mode": "equipe"})
	codes := make(chan int, tries)
	start := make(chan struct{})
	var wg sync.WaitGroup
	for range tries {
		wg.Add(1)
		go func() {
			defer wg.Done()
			req, _ := http.NewRequest("POST", e.hs.URL+"/api/sessions", bytes.NewReader(raw))
			req.Header.Set("Authorization", "Bearer "+e.partner)
			<-start
			resp, err := http.DefaultClient.Do(req)
			if err != nil {
				codes <- 0
				return
			}
			resp.Body.Close()
			codes <- resp.StatusCode
		}()
	}
	close(start)
	wg.Wait()
	close(codes)
	got := map[int]int{}
	for c := range codes {
		got[c]++
	}
	if got[http.StatusCreated] != limit || got[http.StatusConflict] != tries-limit {
		t.Fatalf("%d creations at once under a cap of %d: %v, want %d created and %d refused", tries, limit, got, limit, tries-limit)
	}
}

// TestLogBudgetFitsCompletPlenary plays a Complet plenary with the
// standard deck through the rules (the same Effect.Log the hub logs) with
// long real-looking names and défi answers, then checks the default log
// budgets hold the busiest device with room to spare and the whole session
// scaled to game.MaxPlayers agents. It prints the figures docs/security.md
// quotes.
func TestLogBudgetFitsCompletPlenary(t *testing.T) {
	const agents = 2000
	e := newEnv(t)
	cr := e.createSession(e.partner, map[string]any{"format": "complet", "mode": "pleniere", "expected": agents})
	rec, err := e.db.Session(context.Background(), cr.ID)
	if err != nil {
		t.Fatal(err)
	}
	d, err := e.srv.deck(context.Background(), rec.DeckVersion)
	if err != nil {
		t.Fatal(err)
	}
	s, err := game.NewSession(d, game.Config{Format: game.FormatComplet, Mode: game.ModePlenary, Seed: 7})
	if err != nil {
		t.Fatal(err)
	}
	per := map[string]*logBudget{}
	var total logBudget
	at := int64(1_750_000_000_000)
	do := func(c game.Command) {
		t.Helper()
		at += 10
		c.At = at
		eff, err := s.Apply(c)
		if err != nil {
			t.Fatalf("%s refused: %v", c.Kind, err)
		}
		if eff.Log == nil || !budgeted(c) {
			return
		}
		raw, _ := json.Marshal(eff.Log)
		if per[c.Actor] == nil {
			per[c.Actor] = &logBudget{}
		}
		per[c.Actor].add(len(raw))
		total.add(len(raw))
	}
	member := func(i int) game.Member {
		return game.Member{FirstName: fmt.Sprintf("Marie-Amélie %d", i), LastName: "de La Tour-Dubois-Lefèvre",
			Collectivite: "Dijon métropole", Direction: "Direction de la transition écologique et de la mobilité durable", Category: "A"}
	}
	id := func(i int) string { return fmt.Sprintf("00000000-0000-4000-8000-%012d", i) }
	for i := range agents {
		do(game.Command{Kind: game.KindJoin, Actor: id(i), Join: &game.Join{Team: fmt.Sprintf("Direction %d", i%40), Members: []game.Member{member(i)}}})
		if i%4 == 0 { // a typo fixed in the lobby
			m := member(i)
			m.LastName += " (DTE)"
			do(game.Command{Kind: game.KindRoster, Actor: id(i), Members: []game.Member{m}})
		}
	}
	do(game.Command{Kind: game.KindStart, Actor: game.HostActor})
	for s.Phase() != game.PhasePodium {
		if s.Phase() == game.PhaseCardOpen {
			v := s.HostView(at)
			for i := range agents {
				a := answerFor(v.Card, i)
				if a.Text != "" {
					a.Text = strings.Repeat("Éteindre les écrans le soir et venir à vélo. ", 6)
				}
				do(game.Command{Kind: game.KindAnswer, Actor: id(i), Answer: a})
				if s.Phase() != game.PhaseCardOpen {
					break
				}
			}
		}
		do(game.Command{Kind: game.KindNext, Actor: game.HostActor})
	}
	do(game.Command{Kind: game.KindNext, Actor: game.HostActor})
	do(game.Command{Kind: game.KindNext, Actor: game.HostActor})
	for i := range agents {
		do(game.Command{Kind: game.KindCommit, Actor: id(i), Chosen: []game.MemberPick{{Member: 0, Commitment: d.Commitments[i%len(d.Commitments)].ID}}})
	}
	var busiest logBudget
	for _, b := range per {
		busiest.cmds, busiest.bytes = max(busiest.cmds, b.cmds), max(busiest.bytes, b.bytes)
	}
	lim := DefaultLimits().Room
	scaledCmds := int64(total.cmds) * game.MaxPlayers / agents
	scaledBytes := total.bytes * game.MaxPlayers / agents
	t.Logf("Complet plenary, %d agents, %d cards: %d team commands, %d bytes logged (%d bytes per agent); busiest device %d commands, %d bytes; scaled to %d agents: %d commands, %d bytes",
		agents, len(s.Cards()), total.cmds, total.bytes, total.bytes/agents, busiest.cmds, busiest.bytes, game.MaxPlayers, scaledCmds, scaledBytes)
	if busiest.cmds*4 > lim.PlayerLogCommands || busiest.bytes*4 > lim.PlayerLogBytes {
		t.Errorf("the busiest honest device needs more than a quarter of its budget (%d/%d commands, %d/%d bytes)",
			busiest.cmds, lim.PlayerLogCommands, busiest.bytes, lim.PlayerLogBytes)
	}
	if scaledCmds > int64(lim.SessionLogCommands) || scaledBytes > lim.SessionLogBytes {
		t.Errorf("a Complet plenary of %d agents does not fit the session budget (%d/%d commands, %d/%d bytes)",
			game.MaxPlayers, scaledCmds, lim.SessionLogCommands, scaledBytes, lim.SessionLogBytes)
	}
}

// TestReservedPlaceCountedOnce: a session going live turns its partner's
// reserved place into the live session in one step; counted in both for a
// moment, a creation at that moment was refused one place early.
func TestReservedPlaceCountedOnce(t *testing.T) {
	const limit = 2
	e := newEnv(t, func(l *Limits) { l.Room.LivePerPartner = limit })
	first := e.srv.lookup(e.createSession(e.partner, nil).Code)
	if n, ok := e.srv.reserveLive(first.partnerID); !ok || n != 2 {
		t.Fatalf("second place: %d, %v; want 2, true", n, ok)
	}
	twin := &live{srv: e.srv, code: "ZZZZZZ", partnerID: first.partnerID}
	twin.stats.Store(&game.LiveSession{Code: twin.code, Phase: game.PhaseLobby})
	if !e.srv.goLive(twin) {
		t.Fatal("goLive refused while the server runs")
	}
	defer func() { // not a real hub: out of the map before the env stops
		e.srv.mu.Lock()
		delete(e.srv.live, twin.code)
		e.srv.mu.Unlock()
	}()
	e.srv.mu.Lock()
	taken := e.srv.liveOf(first.partnerID) + e.srv.creating[first.partnerID]
	e.srv.mu.Unlock()
	if taken != 2 {
		t.Fatalf("two live sessions count as %d places, want 2", taken)
	}
	if n, ok := e.srv.reserveLive(first.partnerID); ok {
		t.Fatalf("a third place granted (%d) over a cap of %d", n, limit)
	}
}

// TestFreshSessionIsItsRebuild: the hub of a session just created (the
// game.Session its creation checked, not replayed) is the session a
// restart rebuilds from the store: the same cards in the same order (the
// board's engagements, the first card opened).
func TestFreshSessionIsItsRebuild(t *testing.T) {
	e := newEnv(t)
	type seen struct {
		lobby game.SessionInfo
		card  string
	}
	before := map[string]seen{}
	for i, mode := range []string{"equipe", "pleniere"} {
		cr := e.createSession(e.partner, map[string]any{"format": "express", "mode": mode, "direction": "DRH", "expected": 12})
		host := e.hostConn(cr.Code, e.partner)
		lobby := host.awaitHost("lobby", func(*game.HostView) bool { return true }).Session
		team := e.joinTeam(cr.Code, fmt.Sprintf("Équipe %d", i), agent("Zoé", fmt.Sprintf("Lefèvre%d", i)))
		host.cmd(game.KindStart, nil)
		v := host.awaitHost("card open", func(v *game.HostView) bool { return v.Session.Phase == game.PhaseCardOpen && v.Card != nil })
		before[cr.Code] = seen{lobby, v.Card.ID}
		host.ws.Close()
		team.ws.Close()
	}
	e.crashAndRestart()
	for code, b := range before {
		host := e.hostConn(code, e.partner)
		v := host.awaitHost("card open", func(v *game.HostView) bool { return v.Card != nil })
		if v.Card.ID != b.card || !slices.Equal(v.Session.Engagements, b.lobby.Engagements) || v.Session.CardCount != b.lobby.CardCount {
			t.Errorf("%s: fresh session's first card %s, engagements %v; rebuilt: %s, %v", code, b.card, b.lobby.Engagements, v.Card.ID, v.Session.Engagements)
		}
		host.ws.Close()
	}
}
