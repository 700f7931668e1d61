package game

import (
	"errors"
	"slices"
	"testing"
)

func TestNewSessionFormats(t *testing.T) {
	d := fullDeck(4)
	cases := []struct {
		cfg   Config
		count int
	}{
		{Config{Format: FormatStandard, Mode: ModeTeam, Seed: 1}, 15},
		{Config{Format: FormatExpress, Mode: ModeTeam, Seed: 2}, 8},
		{Config{Format: FormatComplet, Mode: ModePlenary, Seed: 3}, 24},
		{Config{Format: FormatAxis, Axis: 2, Mode: ModeTeam, Seed: 4}, 10},
	}
	for _, tc := range cases {
		s, err := NewSession(d, tc.cfg)
		if err != nil {
			t.Fatal(err)
		}
		cards := s.Cards()
		if len(cards) != tc.count {
			t.Errorf("%s: %d cards, want %d", tc.cfg.Format, len(cards), tc.count)
		}
		engs := map[int]int{}
		axes := map[int]bool{}
		diffs := map[int]bool{}
		types := map[string]bool{}
		ids := map[string]bool{}
		for _, c := range cards {
			engs[c.Engagement]++
			axes[AxisOf(c.Engagement)] = true
			diffs[c.Difficulty] = true
			types[c.Type] = true
			if ids[c.ID] {
				t.Errorf("%s: card %s drawn twice", tc.cfg.Format, c.ID)
			}
			ids[c.ID] = true
		}
		for _, p := range playOrderProblems(s.engs) {
			t.Errorf("%s: %s", tc.cfg.Format, p)
		}
		if len(diffs) < 2 || len(types) < 3 {
			t.Errorf("%s: difficulty %v / types %v not mixed", tc.cfg.Format, diffs, types)
		}
		switch tc.cfg.Format {
		case FormatStandard, FormatComplet:
			if len(engs) != 15 {
				t.Errorf("%s: covers %d commitments", tc.cfg.Format, len(engs))
			}
		case FormatExpress:
			if len(engs) != 8 || len(axes) != 3 {
				t.Errorf("express: %d commitments over %d axes", len(engs), len(axes))
			}
		case FormatAxis:
			if len(axes) != 1 || !axes[2] || len(engs) != 5 {
				t.Errorf("axis: %v", engs)
			}
		}
		if s.Config().Title != d.Title {
			t.Errorf("title %q", s.Config().Title)
		}
		// Same seed, same game; the displayed items are shuffled but the
		// solution still points at the right items.
		s2, _ := NewSession(d, tc.cfg)
		if !slices.EqualFunc(s2.Cards(), cards, func(a, b Card) bool { return a.ID == b.ID }) {
			t.Errorf("%s: same seed, different cards", tc.cfg.Format)
		}
		for i, dc := range s.cards {
			if !slices.Equal(dc.view.Items, s2.cards[i].view.Items) {
				t.Errorf("%s: same seed, different shuffles", tc.cfg.Format)
			}
			switch dc.card.Type {
			case TypeClassement:
				if slices.Equal(dc.view.Items, dc.card.Items) {
					t.Errorf("classement shown in the right order")
				}
				for k, di := range dc.solution.Order {
					if dc.view.Items[di] != dc.card.Items[k] {
						t.Errorf("classement solution wrong")
					}
				}
			case TypeAssociation:
				for di, g := range dc.solution.Groups {
					if !slices.Contains(dc.card.Groups[g].Items, dc.view.Items[di]) {
						t.Errorf("association solution wrong")
					}
				}
			}
		}
	}
	s1, _ := NewSession(d, Config{Format: FormatStandard, Mode: ModeTeam, Seed: 1})
	s2, _ := NewSession(d, Config{Format: FormatStandard, Mode: ModeTeam, Seed: 99})
	if slices.EqualFunc(s1.Cards(), s2.Cards(), func(a, b Card) bool { return a.ID == b.ID }) {
		t.Error("different seeds drew the same cards")
	}
	for _, bad := range []Config{
		{Format: "long", Mode: ModeTeam},
		{Format: FormatStandard, Mode: "solo"},
		{Format: FormatAxis, Axis: 4, Mode: ModeTeam},
	} {
		var e *Error
		if _, err := NewSession(d, bad); !errors.As(err, &e) || e.Code != CodeBadConfig {
			t.Errorf("%+v: %v", bad, err)
		}
	}
	if _, err := NewSession(nil, cases[0].cfg); err == nil {
		t.Error("nil deck accepted")
	}
	small := seqDeck(TypeQCM) // only commitment 1
	if _, err := NewSession(small, Config{Format: FormatAxis, Axis: 3, Mode: ModeTeam}); err == nil {
		t.Error("axis without cards accepted")
	}
	if s, _ := NewSession(small, Config{Format: FormatComplet, Mode: ModeTeam}); len(s.Cards()) != 1 {
		t.Error("a small deck gives what it has")
	}
}

// TestTeamGame plays a whole Standard game in team mode.
func TestTeamGame(t *testing.T) {
	h := newHarness(t, fullDeck(2), Config{Code: "ABC123", Seed: 7})
	h.refused(Command{Kind: KindStart, Actor: HostActor}, CodeNoTeam)
	eff := h.join("p1", "Les Castors", agent("a"), agent("b"))
	if !eff.All {
		t.Error("a new team changes every view (team count)")
	}
	h.join("p2", "Les Hiboux", agent("c"))
	h.join("p3", "Les Loutres", agent("d"), agent("e"), agent("f"))
	hv := h.s.HostView(h.now)
	if hv.TeamCount != 3 || hv.PlayerCount != 3 || hv.MemberCount != 6 || hv.Session.Phase != PhaseLobby || hv.Teams[0].Name != "Les Loutres" {
		t.Fatalf("lobby host view: %+v", hv)
	}
	if v := h.view("p1"); v.TeamID != "t1" || v.Color != TeamPalette[0] || len(v.Members) != 2 || v.Card != nil || v.Leaderboard != nil {
		t.Fatalf("lobby team view: %+v", v)
	}
	h.host(KindStart)
	for i := 0; i < 15; i++ {
		if h.s.Phase() != PhaseCardOpen || h.s.cur != i {
			t.Fatalf("card %d: phase %s cur %d", i, h.s.Phase(), h.s.cur)
		}
		v := h.view("p1")
		if v.Card == nil || v.Card.Solution != nil || v.Clock.Deadline != h.s.Deadline() || v.Session.CardIndex != i+1 {
			t.Fatalf("open card view: %+v", v)
		}
		h.now += 3000
		h.answer("p1", h.right())
		h.now += 1000
		h.answer("p2", h.wrong())
		hv := h.s.HostView(h.now)
		if hv.Answered != 2 || hv.Expected != 3 || hv.Distribution != nil {
			t.Fatalf("host counts %d/%d", hv.Answered, hv.Expected)
		}
		eff := h.answer("p3", h.right())
		if !eff.All || h.s.Phase() != PhaseCardClosed {
			t.Fatalf("last answer should close the card: %+v %s", eff, h.s.Phase())
		}
		if h.card().card.Type == TypeDefi {
			h.do(Command{Kind: KindAward, Actor: HostActor, TeamID: "t1", Points: 1000})
			h.do(Command{Kind: KindAward, Actor: HostActor, TeamID: "t3", Points: 500})
		}
		h.host(KindNext) // reveal
		v = h.view("p1")
		if v.Card.Solution == nil || v.Result == nil || !v.Result.Good {
			t.Fatalf("revealed view: %+v", v)
		}
		if v2 := h.view("p2"); v2.Result == nil || v2.Result.Good || v2.Result.Streak != 0 {
			t.Fatalf("p2 result %+v", v2.Result)
		}
		h.host(KindNext) // leaderboard
		h.host(KindNext) // next card or podium
	}
	if h.s.Phase() != PhasePodium {
		t.Fatalf("phase %s", h.s.Phase())
	}
	recs := h.s.Teams()
	if recs[0].ID != "t1" || recs[0].Rank != 1 || recs[2].ID != "t2" {
		t.Fatalf("ranking %+v", recs)
	}
	// t1 was right every time, 3 s in: streak capped at +500.
	hv = h.s.HostView(h.now)
	if hv.Debrief == nil || len(hv.Debrief.PerAxis) != 3 || len(hv.Debrief.LeastKnown) != 3 {
		t.Fatalf("debrief %+v", hv.Debrief)
	}
	if hv.Gauge.Total != 45 {
		t.Errorf("gauge %+v", hv.Gauge)
	}
	h.refused(Command{Kind: KindJoin, Actor: "late", Join: &Join{Team: "Tard", Members: []Member{agent("z")}}}, CodeWrongPhase)
	h.host(KindNext)
	h.host(KindNext)
	if h.s.Phase() != PhaseCommitments {
		t.Fatal(h.s.Phase())
	}
	h.refused(Command{Kind: KindNext, Actor: HostActor}, CodeWrongPhase)
	if v := h.view("p1"); len(v.Commitments) != 3 {
		t.Fatalf("commitments %+v", v.Commitments)
	}
	h.do(Command{Kind: KindCommit, Actor: "p1", Chosen: []MemberPick{{Member: 0, Commitment: "gourde"}, {Member: 1, Commitment: "velo"}}})
	h.do(Command{Kind: KindCommit, Actor: "p1", Chosen: []MemberPick{{Member: 1, Commitment: "escalier"}}})
	h.refused(Command{Kind: KindCommit, Actor: "p2", Chosen: []MemberPick{{Member: 1, Commitment: "gourde"}}}, CodeBadCommitment)
	h.refused(Command{Kind: KindCommit, Actor: "p2", Chosen: []MemberPick{{Member: 0, Commitment: "avion"}}}, CodeBadCommitment)
	h.refused(Command{Kind: KindCommit, Actor: "p3", Chosen: []MemberPick{{Member: 0, Commitment: "velo"}, {Member: 0, Commitment: "gourde"}}}, CodeBadCommitment)
	h.refused(Command{Kind: KindCommit, Actor: "p3"}, CodeBadCommitment)
	if v := h.view("p1"); len(v.Chosen) != 2 || v.Chosen[1].Commitment != "escalier" {
		t.Fatalf("chosen %+v", v.Chosen)
	}
	if hv := h.s.HostView(h.now); hv.Committed != 2 {
		t.Errorf("committed %d", hv.Committed)
	}
	if h.s.CountedMembers() != nil {
		t.Error("counted before close")
	}
	h.host(KindClose)
	if got := len(h.s.CountedMembers()); got != 6 {
		t.Errorf("counted %d", got)
	}
	if picks := h.s.Picks(); len(picks) != 2 || picks[1].Member.FirstName != "Prénom b" {
		t.Errorf("picks %+v", picks)
	}
	if res := h.s.Results(); len(res) != 45 {
		t.Errorf("%d results", len(res))
	}
	// Points in Results add up to the team scores.
	sum := map[string]int{}
	for _, r := range h.s.Results() {
		sum[r.TeamID] += r.Points
	}
	for _, rec := range h.s.Teams() {
		if sum[rec.ID] != rec.Score {
			t.Errorf("team %s: results sum %d, score %d", rec.ID, sum[rec.ID], rec.Score)
		}
	}
	h.refused(Command{Kind: KindNext, Actor: HostActor}, CodeSessionOver)
	h.checkReplay()
}
