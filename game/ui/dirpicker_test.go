package ui

import (
	"errors"
	"strconv"
	"testing"
	"time"

	"metodd/game"
)

// testDirections is a list as the server sends it (GET /api/join).
var testDirections = []string{"Direction générale", "Direction des ressources humaines", "Direction du numérique"}

// pickerForm is the team form of a session whose server sent the list.
func pickerForm(t *testing.T, w, h int, dsf float64, mode game.Mode) (*App, *teamSetupScene, *fakeBackend) {
	t.Helper()
	b := &fakeBackend{team: &fakeConn{}, info: JoinInfo{Mode: mode, Phase: game.PhaseLobby, Directions: testDirections}}
	a := newTestApp(t, w, h, dsf, b)
	s := newTeamSetup(a, "K7PM3Q")
	a.scene = s
	s.update(a)
	runDone(t, a)
	if !s.picking() {
		t.Fatal("the form did not take the server's list of directions")
	}
	return a, s, b
}

// press runs one frame of the form with these key intents.
func press(a *App, s *teamSetupScene, kinds ...intentKind) {
	a.in = frame{}
	for _, k := range kinds {
		a.in.intents = append(a.in.intents, intent{kind: k})
	}
	s.update(a)
}

// tap runs one frame of the form with a tap on r.
func tap(a *App, s *teamSetupScene, r rect) {
	clickAt(a, r)
	s.update(a)
	a.in = frame{}
}

// TestDirectionPicker: the direction is picked from the list by a tap or
// by the keyboard (Tab from the last name opens the list, arrows and Enter
// choose); « Autre (préciser) » reveals a field whose text is sent; a new
// member starts with the previous one's collectivité and direction, and
// each stays editable.
func TestDirectionPicker(t *testing.T) {
	a, s, b := pickerForm(t, 1280, 720, 1, game.ModeTeam)
	m := s.members[0]
	m.first.setText("Amélie")
	m.last.setText("Lefèvre")
	m.coll = 2
	if m.complete() {
		t.Fatal("a member without a direction is complete")
	}
	_, log := render(t, a)
	checkFrame(t, a, log, msgDirectionMemberLabel, msgDirChoose)

	// A tap opens the list; a tap on an entry chooses it.
	tap(a, s, a.dirBox(s.layout(a).dir))
	if !s.pick.open {
		t.Fatal("a tap on the picker did not open the list")
	}
	if st := statusOf(s); st.Screen != "setup-directions" || st.Text != msgDirPickerTitle {
		t.Fatalf("status with the list open: %+v", st)
	}
	_, log = render(t, a)
	checkFrame(t, a, log, msgDirPickerTitle, testDirections[0], testDirections[2], msgDirOther, msgDirPickerClose)
	tap(a, s, s.pickLayout(a).rows[2])
	if s.pick.open || m.member().Direction != testDirections[2] {
		t.Fatalf("after a tap on %q: open %v, direction %q", testDirections[2], s.pick.open, m.member().Direction)
	}
	_, log = render(t, a)
	checkFrame(t, a, log, testDirections[2])

	// The keyboard: Tab from the last name opens it at the current
	// choice, Up and Enter choose the one above; Escape closes unchanged.
	a.setFocus(m.last)
	press(a, s, intentFocusNext)
	if !s.pick.open || a.focus != nil || s.pick.hi != 2 {
		t.Fatalf("Tab from the last name: open %v, focus %v, highlight %d", s.pick.open, a.focus, s.pick.hi)
	}
	press(a, s, intentUp)
	press(a, s, intentConfirm)
	if s.pick.open || m.member().Direction != testDirections[1] {
		t.Fatalf("Up, Enter: open %v, direction %q", s.pick.open, m.member().Direction)
	}
	s.openPicker(a)
	press(a, s, intentDown)
	press(a, s, intentBack)
	if s.pick.open || m.member().Direction != testDirections[1] {
		t.Fatalf("Escape: open %v, direction %q", s.pick.open, m.member().Direction)
	}

	// « Autre (préciser) »: the field appears, focused, and its text is
	// the direction.
	s.openPicker(a)
	tap(a, s, s.pickLayout(a).rows[len(testDirections)])
	if !m.dirOther || a.focus != m.dir || s.layout(a).dirOther.W == 0 {
		t.Fatalf("« Autre »: other %v, focus on its field %v, field laid out %v", m.dirOther, a.focus == m.dir, s.layout(a).dirOther)
	}
	m.dir.setText("Service des archives")
	_, log = render(t, a)
	checkFrame(t, a, log, msgDirOther, msgDirOtherLabel, "Service des archives")
	if got := m.member().Direction; got != "Service des archives" || !m.complete() {
		t.Fatalf("« Autre » direction %q, complete %v", got, m.complete())
	}

	// A new member copies the collectivité and the direction.
	tap(a, s, s.layout(a).add)
	if len(s.members) != 2 || s.sel != 1 {
		t.Fatalf("%d members, selected %d", len(s.members), s.sel)
	}
	n := s.members[1]
	if n.coll != 2 || !n.dirOther || n.member().Direction != "Service des archives" || n.first.value() != "" {
		t.Fatalf("new member: collectivité %d, other %v, direction %q, first name %q", n.coll, n.dirOther, n.member().Direction, n.first.value())
	}
	// … and each stays editable: the second picks an entry, the first keeps
	// its own.
	s.openPicker(a)
	tap(a, s, s.pickLayout(a).rows[0])
	if n.member().Direction != testDirections[0] || m.member().Direction != "Service des archives" {
		t.Fatalf("directions %q and %q after editing the second", m.member().Direction, n.member().Direction)
	}
	tap(a, s, s.layout(a).add)
	if got := s.members[2].member().Direction; got != testDirections[0] {
		t.Fatalf("third member's direction %q, want the second's %q", got, testDirections[0])
	}
	s.members = s.members[:2]
	s.sel = 0
	n.first.setText("Bruno")
	n.last.setText("Garnier")
	s.name.setText("Les Archivistes")
	s.submit(a)
	runDone(t, a)
	if b.joined == nil || len(b.joined.Members) != 2 || b.joined.Members[0].Direction != "Service des archives" ||
		b.joined.Members[1].Direction != testDirections[0] || b.joined.Members[1].Collectivite != game.Collectivites[2] {
		t.Fatalf("joined %+v", b.joined)
	}
}

// TestDirectionPickerPages: a list longer than the screen pages by « Suivantes »
// and the arrow keys, the highlighted entry kept in view.
func TestDirectionPickerPages(t *testing.T) {
	a, s, _ := pickerForm(t, 720, 1280, 2, game.ModeTeam)
	var long []string
	for i := 1; i <= game.MaxDirections; i++ {
		long = append(long, "Direction numéro "+strconv.Itoa(i))
	}
	s.dirs = long
	s.openPicker(a)
	l := s.pickLayout(a)
	if len(l.rows) >= len(long) || l.next.W == 0 {
		t.Fatalf("%d rows shown of %d, next %v", len(l.rows), len(long)+1, l.next)
	}
	_, log := render(t, a)
	checkPhone(t, a, log, msgDirPickerTitle, long[0], msgDefiNext)
	tap(a, s, l.next)
	if s.pick.first != len(l.rows) {
		t.Fatalf("« Suivantes »: first %d, want %d", s.pick.first, len(l.rows))
	}
	for i := 0; i < len(long)+3; i++ {
		press(a, s, intentDown)
	}
	l = s.pickLayout(a)
	if s.pick.hi != len(long) || l.first+len(l.rows) != len(long)+1 {
		t.Fatalf("Down to the end: highlight %d, shown %d+%d", s.pick.hi, l.first, len(l.rows))
	}
	_, log = render(t, a)
	checkPhone(t, a, log, msgDirOther)
	press(a, s, intentConfirm)
	if !s.members[0].dirOther {
		t.Fatal("Enter on the last entry did not choose « Autre »")
	}
}

// TestMirrorDirectionPicker: the mirror offers the list as a labelled
// select (« Choisir… », the list, « Autre »); choosing « Autre » there
// reveals the labelled field.
func TestMirrorDirectionPicker(t *testing.T) {
	a, s, _ := pickerForm(t, 1280, 720, 1, game.ModeTeam)
	d := describeScene(a)
	checkDoc(t, d)
	n, ok := d.find("dir-pick")
	if !ok || n.Kind != mirrorSelect || n.Label != msgDirectionMemberLabel || n.Selected != 0 {
		t.Fatalf("picker node %+v", n)
	}
	want := append(append([]string{msgDirChoose}, testDirections...), msgDirOther)
	if len(n.Items) != len(want) || n.Items[len(want)-1] != msgDirOther || n.Items[1] != testDirections[0] {
		t.Fatalf("options %q, want %q", n.Items, want)
	}
	if _, ok := d.find("dir"); ok {
		t.Fatal("the « Autre » field shows before « Autre » is chosen")
	}
	mirrorStep(a, mirrorEvent{Key: "dir-pick", Kind: "input", Text: "2"})
	if got := s.members[0].member().Direction; got != testDirections[1] {
		t.Fatalf("option 2 chosen in the mirror: direction %q", got)
	}
	if n, _ := describeScene(a).find("dir-pick"); n.Selected != 2 {
		t.Fatalf("the select shows option %d after the choice", n.Selected)
	}
	mirrorStep(a, mirrorEvent{Key: "dir-pick", Kind: "input", Text: strconv.Itoa(len(want) - 1)})
	d = describeScene(a)
	checkDoc(t, d)
	f, ok := d.find("dir")
	if !ok || f.Kind != mirrorField || f.Label != msgDirOtherLabel {
		t.Fatalf("after « Autre » in the mirror: field %+v", f)
	}
	mirrorStep(a, mirrorEvent{Key: "dir", Kind: "input", Text: "Service des archives"})
	if got := s.members[0].member().Direction; got != "Service des archives" {
		t.Fatalf("typed in the mirror: direction %q", got)
	}
}

// TestPlenaryFormRefreshes: the open plenary form asks the server again
// for the teams in play and offers a team created meanwhile; the colour
// picker shows only for a new team (a team in play has its colour).
func TestPlenaryFormRefreshes(t *testing.T) {
	for _, sz := range []screenSize{{"1280x720", 1280, 720, 1}, phoneSizes[1]} {
		t.Run(sz.name, func(t *testing.T) {
			b := &fakeBackend{team: &fakeConn{}, info: JoinInfo{Mode: game.ModePlenary, Phase: game.PhaseLobby, Teams: []string{"Les Sobres", "Les Vélos"}}}
			a := newTestApp(t, sz.w, sz.h, sz.dsf, b)
			s := newTeamSetup(a, "K7PM3Q")
			a.scene = s
			s.update(a)
			runDone(t, a)
			if n := len(s.layout(a).choices); n != 2 {
				t.Fatalf("%d choices, want 2", n)
			}
			// A third team joins; the form asks again once joinInfoRefresh
			// has passed (not before).
			b.info.Teams = []string{"Les Compostiers", "Les Sobres", "Les Vélos"}
			s.update(a)
			select {
			case <-a.done:
				t.Fatal("the form asked again before joinInfoRefresh")
			default:
			}
			a.now = func() time.Time { return testNow.Add(joinInfoRefresh + time.Second) }
			s.update(a)
			runDone(t, a)
			l := s.layout(a)
			if len(l.choices) != 3 || s.teams[0] != "Les Compostiers" {
				t.Fatalf("after the refresh: %d choices, teams %q", len(l.choices), s.teams)
			}
			if len(l.swatches) == 0 {
				t.Fatal("no colour picker for a new team")
			}
			_, log := render(t, a)
			check := checkFrame
			if a.narrow() {
				check = checkPhone
			}
			check(t, a, log, "Les Compostiers", colorLabel(0))
			tap(a, s, l.choices[0])
			if s.name.value() != "Les Compostiers" {
				t.Fatalf("team %q after a tap on « Les Compostiers »", s.name.value())
			}
			l = s.layout(a)
			if len(l.swatches) != 0 {
				t.Fatal("the colour picker stays when joining a team in play")
			}
			_, log = render(t, a)
			check(t, a, log, "Les Compostiers")
			for _, d := range log.texts {
				if d.text == colorLabel(0) {
					t.Fatal("the colour label is drawn when joining a team in play")
				}
			}
			if _, ok := describeScene(a).find("colors"); ok {
				t.Fatal("the mirror offers colours when joining a team in play")
			}
			s.name.setText("les compostiers ") // the same team, typed
			if len(s.layout(a).swatches) != 0 {
				t.Fatal("the colour picker shows for a team in play typed differently")
			}
			s.name.setText("Les Nouveaux")
			if len(s.layout(a).swatches) == 0 {
				t.Fatal("no colour picker for a new team's name")
			}
		})
	}
}

// TestJoinInfoRetried: the form that could not reach the server for the
// session's mode asks again joinInfoRetry later, waking by itself, and
// then lays out the plenary's form; an open plenary form wakes for its
// refresh too.
func TestJoinInfoRetried(t *testing.T) {
	b := &fakeBackend{team: &fakeConn{}, infoErr: errors.New("réseau injoignable"),
		info: JoinInfo{Mode: game.ModePlenary, Phase: game.PhaseLobby, Teams: []string{"Les Sobres"}}}
	a := newTestApp(t, 1280, 720, 1, b)
	s := newTeamSetup(a, "K7PM3Q")
	a.scene = s
	s.update(a)
	runDone(t, a)
	if s.plenary || s.err != "" {
		t.Fatalf("after a network failure: plenary %v, error %q", s.plenary, s.err)
	}
	s.update(a)
	select {
	case <-a.done:
		t.Fatal("asked again at once")
	default:
	}
	if next := a.nextFrame(a.now()); next.IsZero() || next.After(a.now().Add(joinInfoRetry)) {
		t.Fatalf("no frame planned for the retry: next %v, now %v", next, a.now())
	}
	b.infoErr = nil
	later := a.now().Add(joinInfoRetry)
	a.now = func() time.Time { return later }
	s.update(a)
	runDone(t, a)
	if !s.plenary || len(s.teams) != 1 {
		t.Fatalf("after the retry: plenary %v, teams %q", s.plenary, s.teams)
	}
	a.redrawAt = time.Time{}
	s.update(a)
	if next := a.nextFrame(a.now()); next.IsZero() || next.After(s.refreshAt) {
		t.Fatalf("no frame planned for the plenary's refresh at %v: next %v", s.refreshAt, next)
	}
}
