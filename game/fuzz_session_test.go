package game

import (
	"errors"
	"fmt"
	"math/rand/v2"
	"testing"
)

// byteReader hands out fuzz bytes, then zeros.
type byteReader struct {
	b []byte
	i int
}

func (r *byteReader) next() int {
	if r.i >= len(r.b) {
		return 0
	}
	r.i++
	return int(r.b[r.i-1])
}

func (r *byteReader) done() bool { return r.i >= len(r.b) }

// fuzzKinds weighs the commands so that random bytes play real games:
// many joins, answers and nexts; ends, closes and bans are rare (see
// decodeCommand).
var fuzzKinds = []Kind{
	KindJoin, KindJoin, KindJoin, KindAnswer, KindAnswer, KindAnswer, KindAnswer, KindAnswer,
	KindAnswer, KindNext, KindNext, KindNext, KindStart, KindCardTimer, KindResumeGame,
	KindAddTime, KindTimeFactor, KindSkip, KindAward, KindAward, KindRemoveTeam, KindRestoreTeam, KindRoster, KindCommit,
	KindCommit, KindRejoin, "bogus",
}

var fuzzTeams = []string{"A", "B", "C", "a", " b ", "Équipe é", "", "<script>"}

// decodeCommand turns fuzz bytes into one command against session s.
func decodeCommand(r *byteReader, s *Session, now *int64) Command {
	if step := r.next(); step < 250 {
		*now += int64(step%16) * 250
	} else {
		*now += int64(step) * 1000
	}
	c := Command{Kind: fuzzKinds[r.next()%len(fuzzKinds)], At: *now}
	switch k := r.next(); k {
	case 255:
		c.Kind = KindEnd
	case 254, 253:
		c.Kind = KindClose
	case 252:
		c.Kind = KindBanTeam
	case 251, 250:
		c.Kind = KindPause
	}
	if r.next()%8 == 0 && s.Deadline() > 0 {
		c.At = s.Deadline() + int64(r.next()%3) - 1 // around the deadline
	}
	actor := r.next()
	c.Actor = fmt.Sprintf("p%d", actor%8)
	if actor%9 == 0 {
		c.Actor = HostActor
	}
	switch c.Kind {
	case KindJoin:
		if actor%4 != 0 {
			c.Actor = fmt.Sprintf("p%d", len(s.players)) // a new player, mostly
		}
	case KindAnswer, KindRoster, KindCommit, KindRejoin:
		if actor%8 != 0 && len(s.players) > 0 {
			c.Actor = s.players[r.next()%len(s.players)].id
		}
	case KindStart, KindNext, KindPause, KindResumeGame, KindAddTime, KindTimeFactor, KindSkip, KindAward, KindRemoveTeam, KindRestoreTeam, KindBanTeam, KindClose, KindEnd:
		if r.next()%16 != 0 {
			c.Actor = HostActor
		}
	}
	c.TeamID = fmt.Sprintf("t%d", r.next()%5)
	c.Points = []int{0, 500, 1000, 250, -500}[r.next()%5]
	c.Seconds = r.next() - 20
	c.Factor = r.next()%(MaxTimeFactor+2) - 1
	n := 1 + r.next()%3
	if r.next()%4 == 0 {
		n = [4]int{0, 1, 6, 7}[r.next()%4]
	}
	members := make([]Member, n)
	for i := range members {
		members[i] = Member{FirstName: fmt.Sprintf("P%d", r.next()%4), LastName: "N", Collectivite: Collectivites[r.next()%3]}
	}
	switch c.Kind {
	case KindJoin:
		c.Join = &Join{Team: fuzzTeams[r.next()%len(fuzzTeams)], Members: members}
	case KindRoster:
		c.Members = members
	case KindCommit:
		c.Chosen = []MemberPick{{Member: r.next()%3 - 1, Commitment: []string{"gourde", "velo", "x"}[r.next()%3]}}
	case KindAnswer:
		c.Answer = fuzzAnswer(r, s)
	}
	return c
}

func fuzzAnswer(r *byteReader, s *Session) *Answer {
	a := &Answer{Card: "autre"}
	if s.cur < 0 {
		return a
	}
	dc := &s.cards[s.cur]
	if r.next()%8 != 0 {
		a.Card = dc.card.ID
	}
	mode := r.next()
	if mode%4 == 0 { // right
		switch dc.card.Type {
		case TypeQCM, TypeVraiFaux:
			v := dc.solution.Choice
			a.Choice = &v
		case TypeEstimation:
			v := dc.solution.Number
			a.Number = &v
		case TypeClassement:
			a.Order = append([]int(nil), dc.solution.Order...)
		case TypeAssociation:
			a.Groups = append([]int(nil), dc.solution.Groups...)
		case TypeDefi:
			a.Text = "bonne réponse"
		}
		return a
	}
	ch := r.next()%6 - 1
	a.Choice = &ch
	num := []float64{0, 1, 180, 200, 220, -1, 1e12, 2e12}[r.next()%8]
	a.Number = &num
	if k := len(dc.view.Items); r.next()%2 == 0 && k > 0 {
		a.Order = make([]int, k)
		for i := range a.Order {
			a.Order[i] = i
		}
		for i := k - 1; i > 0; i-- {
			j := r.next() % (i + 1)
			a.Order[i], a.Order[j] = a.Order[j], a.Order[i]
		}
	} else {
		for i := 0; i < 3+r.next()%3; i++ {
			a.Order = append(a.Order, r.next()%6)
		}
	}
	n := 4 + r.next()%3
	if r.next()%2 == 0 {
		n = len(dc.view.Items)
	}
	for i := 0; i < n; i++ {
		a.Groups = append(a.Groups, r.next()%3)
	}
	a.Text = []string{"", "texte", "  "}[r.next()%3]
	return a
}

// checkInvariants checks what must hold after any command.
func checkInvariants(t *testing.T, s *Session, now int64) {
	t.Helper()
	for i, p := range s.parts {
		if p.score < 0 || p.run < 0 {
			t.Fatalf("participant %d: score %d run %d", i, p.score, p.run)
		}
	}
	for ci, pl := range s.plays {
		exp, ans := 0, 0
		for _, p := range pl.expList {
			if s.teams[s.parts[p].team].removed {
				continue
			}
			exp++
			if pl.answers[p] != nil {
				ans++
			}
		}
		for p := range pl.answers {
			if !pl.expected[p] {
				t.Fatalf("card %d: an answer from participant %d not expected", ci, p)
			}
		}
		if ci == s.cur && s.phase == PhaseCardOpen && (exp != pl.nExpected || ans != pl.nAnswered) {
			t.Fatalf("counters %d/%d, recount %d/%d", pl.nAnswered, pl.nExpected, ans, exp)
		}
		if len(pl.results) > len(pl.expList) || pl.good > pl.total || pl.total > len(pl.answers) {
			t.Fatalf("card %d: %d results for %d expected, good %d/%d", ci, len(pl.results), len(pl.expList), pl.good, pl.total)
		}
	}
	hv := s.HostView(now)
	if hv.Answered > hv.Expected || hv.Gauge.Good > hv.Gauge.Total || hv.Gauge.Percent > 100 {
		t.Fatalf("host counts %+v %+v", hv.Answered, hv.Gauge)
	}
	if len(hv.Teams) > MaxHostList || len(hv.Leaderboard) > HostLeaderboard {
		t.Fatal("host lists too long")
	}
	active, players := 0, 0
	for _, tm := range s.teams {
		if !tm.removed {
			active++
			players += len(tm.players)
		}
		if s.teamScore(tm) < 0 {
			t.Fatal("negative team score")
		}
	}
	if hv.TeamCount != active || hv.PlayerCount != players {
		t.Fatalf("team counts %d/%d, want %d/%d", hv.TeamCount, hv.PlayerCount, active, players)
	}
	axisTotal := 0
	for _, n := range s.axisTotal {
		axisTotal += n
	}
	if axisTotal != hv.Gauge.Total {
		t.Fatalf("axis totals %d, gauge %d", axisTotal, hv.Gauge.Total)
	}
	for _, p := range s.players {
		v, ok := s.TeamView(p.id, now)
		if !ok || v.Score < 0 || v.Rank < 0 || (v.Card != nil && v.Card.Solution != nil && s.phase == PhaseCardOpen) {
			t.Fatalf("team view %+v", v)
		}
	}
}

// FuzzSession applies random command sequences: no panic, refused commands
// change nothing, invariants hold, and a replay gives the same state.
func FuzzSession(f *testing.F) {
	f.Add([]byte{0, 1, 2, 3, 4, 5, 6, 7, 8, 9})
	f.Add([]byte("join join answer next next next answer answer skip award"))
	seed := []byte{1}
	for i := 0; i < 40; i++ { // joins, start, then answers and nexts
		seed = append(seed, 4, byte(i%22), 0, byte(i), 1, 0, 0, 0, 2, 1, 1, 0, 0, 0)
	}
	f.Add(seed)
	// Long pseudo-random inputs play whole games (most reach the
	// commitments or the close within 300 commands).
	rnd := rand.New(rand.NewPCG(1, 2))
	for i := 0; i < 6; i++ {
		long := make([]byte, 4000)
		for j := range long {
			long[j] = byte(rnd.Uint32())
		}
		f.Add(long)
	}
	d := seqDeck(TypeQCM, TypeEstimation, TypeClassement, TypeAssociation, TypeDefi, TypeVraiFaux)
	f.Fuzz(func(t *testing.T, data []byte) {
		r := &byteReader{b: data}
		mode := ModeTeam
		if r.next()%2 == 1 {
			mode = ModePlenary
		}
		cfg := Config{Format: FormatStandard, Mode: mode, Seed: int64(r.next())}
		s, err := NewSession(d, cfg)
		if err != nil {
			t.Fatal(err)
		}
		now := t0
		var log []Command
		for steps := 0; !r.done() && steps < 300; steps++ {
			c := decodeCommand(r, s, &now)
			log = append(log, c)
			before := snapshot(s, now)
			_, err := s.Apply(c)
			if err != nil {
				var e *Error
				if !errors.As(err, &e) || e.Code == "" || e.Message == "" {
					t.Fatalf("%s: error %T %v", c.Kind, err, err)
				}
				if after := snapshot(s, now); after != before {
					t.Fatalf("refused %s (%s) changed the state", c.Kind, e.Code)
				}
			}
			checkInvariants(t, s, now)
		}
		s2, _ := NewSession(d, cfg)
		for _, c := range log {
			_, _ = s2.Apply(c)
		}
		if a, b := snapshot(s, now), snapshot(s2, now); a != b {
			t.Fatalf("replay differs")
		}
	})
}
