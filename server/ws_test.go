package server

import (
	"encoding/json"
	"net/http"
	"os"
	"strings"
	"testing"

	"github.com/gorilla/websocket"

	"metodd/game"
)

func TestResumeRestoresSamePlayer(t *testing.T) {
	e := newEnv(t)
	c := e.createSession(e.partner, nil)
	host := e.hostConn(c.Code, e.partner)
	a := e.joinTeam(c.Code, "Les Castors", roster(0, 2)...)
	e.joinTeam(c.Code, "Les Hiboux", roster(2, 2)...)
	host.cmd(game.KindStart, nil)
	tv := a.awaitTeam("card", func(v *game.TeamView) bool { return v.Card != nil })
	a.cmd(game.KindAnswer, payload{Answer: answerFor(tv.Card, 0)})
	a.awaitTeam("answer", func(v *game.TeamView) bool { return v.Answer != nil })
	host.awaitHost("one answer", func(v *game.HostView) bool { return v.Answered == 1 })
	w := *a.welcome

	// The device drops; the host sees the team offline.
	a.ws.Close()
	host.awaitHost("offline", func(v *game.HostView) bool {
		for _, ts := range v.Teams {
			if ts.TeamID == w.TeamID {
				return !ts.Online
			}
		}
		return false
	})

	// Resume: same player, same team, the answer kept, no duplicate team.
	b := e.dial("Les Castors (reprise)", nil)
	b.send(game.MsgResume, game.Resume{Code: strings.ToLower(c.Code), Token: w.Token})
	b.await("welcome", func(env game.Envelope) bool { return env.Type == game.MsgWelcome })
	if b.welcome.PlayerID != w.PlayerID || b.welcome.TeamID != w.TeamID {
		t.Fatalf("resumed as %+v, was %+v", b.welcome, w)
	}
	v := b.awaitTeam("view", func(v *game.TeamView) bool { return v.Card != nil })
	if v.Answer == nil || v.Card.ID != tv.Card.ID {
		t.Fatalf("resumed view lost the answer: %+v", v)
	}
	hv := host.awaitHost("online again", func(v *game.HostView) bool {
		for _, ts := range v.Teams {
			if ts.TeamID == w.TeamID {
				return ts.Online
			}
		}
		return false
	})
	if hv.TeamCount != 2 {
		t.Fatalf("%d teams after a resume", hv.TeamCount)
	}

	// The same player from a second device replaces the first.
	d := e.dial("Les Castors (tablette)", nil)
	d.send(game.MsgResume, game.Resume{Code: c.Code, Token: w.Token})
	d.await("welcome", func(env game.Envelope) bool { return env.Type == game.MsgWelcome })
	b.awaitBye(game.ByeReplaced)
	b.awaitClosed()

	// A wrong token is refused.
	x := e.dial("faussaire", nil)
	x.send(game.MsgResume, game.Resume{Code: c.Code, Token: "pas-un-jeton"})
	x.awaitError(codeBadToken)
}

func TestHostAuthorisation(t *testing.T) {
	e := newEnv(t)
	c := e.createSession(e.partner, nil)

	anon := e.dial("anonyme", nil)
	anon.send(game.MsgHost, game.HostHello{Code: c.Code})
	anon.awaitError(codeForbidden)

	e.api("POST", "/api/partners", e.admin, map[string]string{"login": "dominique", "name": "Dominique", "password": "dominique-mdp"}, nil)
	other := e.dial("autre partenaire", nil)
	other.send(game.MsgHost, game.HostHello{Code: c.Code, Token: e.login("dominique", "dominique-mdp")})
	if m := other.awaitError(codeForbidden); !strings.Contains(m.Message, "partenaire") {
		t.Fatalf("message %q", m.Message)
	}

	// The admin may host any session; a partner by cookie too.
	e.hostConn(c.Code, e.admin)
	h := http.Header{}
	h.Set("Cookie", CookieName+"="+e.partner)
	byCookie := e.dial("hôte par cookie", h)
	byCookie.send(game.MsgHost, game.HostHello{Code: c.Code})
	byCookie.await("welcome", func(env game.Envelope) bool { return env.Type == game.MsgWelcome })
	if byCookie.welcome.Role != "host" {
		t.Fatalf("%+v", byCookie.welcome)
	}
}

func TestRoleChecks(t *testing.T) {
	e := newEnv(t)
	c := e.createSession(e.partner, nil)
	early := e.dial("pressé", nil)
	early.cmd(game.KindAnswer, payload{})
	early.awaitError(codeNotJoined)

	host := e.hostConn(c.Code, e.partner)
	team := e.joinTeam(c.Code, "Les Malins", roster(0, 1)...)
	for _, k := range []game.Kind{game.KindStart, game.KindNext, game.KindClose, game.KindEnd, game.KindBanTeam, game.KindAward} {
		team.cmd(k, payload{TeamID: team.welcome.TeamID, Points: 1000})
		team.awaitError(game.CodeNotHost)
	}
	host.cmd(game.KindAnswer, payload{Answer: &game.Answer{Card: "x"}})
	host.awaitError(game.CodeNotTeam)
	team.cmd(game.KindCardTimer, nil)
	team.awaitError(codeServerOnlyKind)
	team.send(game.MsgJoin, game.Join{Code: c.Code, Team: "Encore", Members: roster(1, 1)})
	team.awaitError(codeAlreadyJoined)
	// The host's latest view may predate the team's join: wait for the view
	// with the team, then check nothing else changed.
	if v := host.awaitHost("lobby with the team", func(v *game.HostView) bool { return v.TeamCount == 1 }); v.Session.Phase != game.PhaseLobby || v.TeamCount != 1 {
		t.Fatalf("a refused command changed the session: %+v", v.Session)
	}
}

func TestBanAndRemove(t *testing.T) {
	e := newEnv(t)
	c := e.createSession(e.partner, nil)
	host := e.hostConn(c.Code, e.partner)
	bad := e.joinTeam(c.Code, "Les Tricheurs", roster(0, 1)...)
	gone := e.joinTeam(c.Code, "Les Partis", roster(1, 1)...)

	host.cmd(game.KindBanTeam, payload{TeamID: bad.welcome.TeamID})
	bad.awaitBye(game.ByeBanned)
	again := e.dial("Les Tricheurs (retour)", nil)
	again.send(game.MsgResume, game.Resume{Code: c.Code, Token: bad.welcome.Token})
	again.awaitError(game.CodeBanned)
	again.awaitBye(game.ByeBanned)
	rejoin := e.dial("Les Tricheurs (nouveau)", nil)
	rejoin.send(game.MsgJoin, game.Join{Code: c.Code, Team: "Les Tricheurs", Members: roster(0, 1)})
	rejoin.awaitError(game.CodeBanned)

	host.cmd(game.KindRemoveTeam, payload{TeamID: gone.welcome.TeamID})
	gone.awaitBye(game.ByeRemoved)
	back := e.dial("Les Partis (retour)", nil)
	back.send(game.MsgResume, game.Resume{Code: c.Code, Token: gone.welcome.Token})
	back.await("welcome", func(env game.Envelope) bool { return env.Type == game.MsgWelcome })
	host.awaitHost("team back", func(v *game.HostView) bool { return v.TeamCount == 1 })
}

// TestHostileInput sends what a broken or hostile client could; each gets a
// clear error or bye, the server stays up, and a session played alongside
// is untouched.
func TestHostileInput(t *testing.T) {
	e := newEnv(t)
	// The session alongside, mid-card.
	calm := e.createSession(e.partner, nil)
	calmHost := e.hostConn(calm.Code, e.partner)
	calmTeam := e.joinTeam(calm.Code, "Les Sereins", roster(50, 2)...)
	calmHost.cmd(game.KindStart, nil)
	calmCard := calmTeam.awaitTeam("card", func(v *game.TeamView) bool { return v.Card != nil }).Card

	c := e.createSession(e.partner, map[string]any{"format": "complet"})
	host := e.hostConn(c.Code, e.partner)
	team := e.joinTeam(c.Code, "Les Curieux", roster(0, 2)...)
	slow := e.joinTeam(c.Code, "Les Lents", roster(2, 1)...)
	numbers := e.joinTeam(c.Code, "Les Chiffres", roster(3, 1)...)
	step := func(name string, f func()) {
		t.Log(name)
		f()
	}

	step("malformed JSON stays connected", func() {
		team.sendRaw(websocket.TextMessage, []byte(`{"v":1,"type":"answer","data":{`))
		team.awaitError(codeBadJSON)
		team.sendRaw(websocket.TextMessage, []byte(`ceci n'est pas du JSON`))
		team.awaitError(codeBadJSON)
	})
	step("unknown type", func() {
		team.send("hack-the-planet", nil)
		team.awaitError(codeUnknownType)
	})
	step("wrong protocol version", func() {
		team.sendRaw(websocket.TextMessage, []byte(`{"v":99,"type":"answer"}`))
		team.awaitError(codeBadVersion)
	})
	host.cmd(game.KindStart, nil)
	card := team.awaitTeam("card", func(v *game.TeamView) bool { return v.Card != nil }).Card
	// Skip to an estimation card (a Complet game has several).
	for card.Type != game.TypeEstimation {
		id := card.ID
		host.cmd(game.KindSkip, nil)
		v := team.awaitTeam("next card", func(v *game.TeamView) bool {
			return v.Session.Phase != game.PhaseCardOpen || v.Card.ID != id
		})
		if v.Session.Phase != game.PhaseCardOpen {
			t.Fatal("no estimation card in a Complet game")
		}
		card = v.Card
	}
	step("NaN and out-of-range numbers", func() {
		raw := `{"v":1,"type":"answer","id":"n","data":{"answer":{"card":"` + card.ID + `","number":NaN}}}`
		numbers.sendRaw(websocket.TextMessage, []byte(raw))
		numbers.awaitError(codeBadJSON)
		raw = `{"v":1,"type":"answer","id":"n","data":{"answer":{"card":"` + card.ID + `","number":1e400}}}`
		numbers.sendRaw(websocket.TextMessage, []byte(raw))
		if m := numbers.awaitError(codeBadData); !strings.Contains(m.Message, "nombre invalide ou hors limites") {
			t.Fatalf("message %q, server.md promises « nombre invalide ou hors limites »", m.Message)
		}
		huge := 1e300
		numbers.cmd(game.KindAnswer, payload{Answer: &game.Answer{Card: card.ID, Number: &huge}})
		numbers.awaitError(game.CodeBadAnswer)
	})
	step("answer twice", func() {
		team.cmd(game.KindAnswer, payload{Answer: answerFor(card, 0)})
		team.awaitTeam("answer", func(v *game.TeamView) bool { return v.Answer != nil })
		team.cmd(game.KindAnswer, payload{Answer: answerFor(card, 1)})
		team.awaitError(game.CodeAlreadyAnswered)
	})
	step("answer after the card closed", func() {
		host.cmd(game.KindNext, nil) // close the card
		slow.awaitTeam("closed", func(v *game.TeamView) bool { return v.Session.Phase == game.PhaseCardClosed })
		slow.cmd(game.KindAnswer, payload{Answer: answerFor(card, 0)})
		slow.awaitError(game.CodeClosedByHost)
	})
	step("names: 10,000 characters, HTML", func() {
		long := strings.Repeat("é", 10000)
		x := e.dial("long", nil)
		x.send(game.MsgJoin, game.Join{Code: c.Code, Team: long, Members: roster(10, 1)})
		x.awaitError(game.CodeBadName)
		m := roster(10, 1)
		m[0].LastName = long
		x.send(game.MsgJoin, game.Join{Code: c.Code, Team: "Correct", Members: m})
		x.awaitError(game.CodeBadMembers)
		// HTML is only text: accepted, and sent back as JSON text.
		html := `<script>alert("x")</script>`
		m = roster(11, 1)
		m[0].FirstName = `<img src=x onerror=alert(1)>`
		y := e.joinTeam(c.Code, html, m...)
		if y.team.TeamName != html || y.team.Members[0].FirstName != m[0].FirstName {
			t.Fatalf("HTML name altered: %q", y.team.TeamName)
		}
	})
	step("wrong code, then guessing", func() {
		g := e.dial("devin", nil)
		g.send(game.MsgJoin, game.Join{Code: "ZZZZZZ", Team: "X", Members: roster(20, 1)})
		g.awaitError(codeNoSession)
		for i := 0; i < codeBurst+2; i++ {
			raw, _ := envelope(game.MsgJoin, game.Join{Code: "ZZZZZ" + string(codeAlphabet[i]), Team: "X", Members: roster(20, 1)})
			if g.ws.WriteMessage(websocket.TextMessage, raw) != nil {
				break // the server already said bye
			}
		}
		g.awaitError(codeRateLimited)
		g.awaitBye(game.ByeFlood)
		g.awaitClosed()
	})
	step("binary frame", func() {
		b := e.dial("binaire", nil)
		b.sendRaw(websocket.BinaryMessage, []byte{0, 1, 2, 3})
		b.awaitError(codeBinary)
		b.awaitBye(game.ByeProtocol)
		b.awaitClosed()
	})
	step("oversized frame", func() {
		o := e.dial("énorme", nil)
		big := `{"v":1,"type":"join","data":{"team":"` + strings.Repeat("a", 70<<10) + `"}}`
		o.ws.WriteMessage(websocket.TextMessage, []byte(big)) // may fail: the server stops reading
		o.awaitBye(game.ByeTooLarge)
		o.awaitClosed()
	})
	step("too many malformed messages", func() {
		m := e.dial("brouillon", nil)
		for i := 0; i <= maxBadMessages; i++ {
			m.ws.WriteMessage(websocket.TextMessage, []byte("{"))
		}
		m.awaitBye(game.ByeProtocol)
	})
	step("flood", func() {
		f := e.joinTeam(c.Code, "Les Bavards", roster(30, 1)...)
		for i := 0; i < messageBurst+20; i++ {
			if f.ws.WriteMessage(websocket.TextMessage, []byte(`{"v":1,"type":"roster","data":{}}`)) != nil {
				break // already closed
			}
		}
		f.awaitBye(game.ByeFlood)
		f.awaitClosed()
	})
	step("origin from another site refused", func() {
		h := http.Header{}
		h.Set("Origin", "https://evil.example")
		url := "ws" + strings.TrimPrefix(e.hs.URL, "http") + "/ws"
		_, resp, err := websocket.DefaultDialer.Dial(url, h)
		if err == nil || resp == nil || resp.StatusCode != http.StatusForbidden {
			t.Fatalf("foreign origin: %v", err)
		}
		h.Set("Origin", e.hs.URL)
		ws, _, err := websocket.DefaultDialer.Dial(url, h)
		if err != nil {
			t.Fatalf("same origin refused: %v", err)
		}
		ws.Close()
	})

	// Still up, and the other session is untouched: its card is still
	// open and its team can answer.
	if resp, err := http.Get(e.hs.URL + "/healthz"); err != nil || resp.StatusCode != 200 {
		t.Fatalf("server down: %v", err)
	}
	calmTeam.cmd(game.KindAnswer, payload{Answer: answerFor(calmCard, 0)})
	v := calmTeam.awaitTeam("calm answer", func(v *game.TeamView) bool { return v.Answer != nil })
	if v.Card.ID != calmCard.ID {
		t.Fatalf("the other session moved: %+v", v.Session)
	}
	// And the hostile session itself still works.
	host.cmd(game.KindNext, nil)
	host.awaitHost("revealed", func(v *game.HostView) bool { return v.Session.Phase == game.PhaseRevealed })
}

// The examples of docs/protocol.md are real messages: every client message
// is accepted by the server as it is written there (codes and tokens
// replaced), and every server message decodes into its type.
func TestProtocolDocExamples(t *testing.T) {
	examples := protocolExamples(t)
	if len(examples) == 0 {
		t.Fatal("docs/protocol.md has no examples")
	}
	e := newEnv(t)
	c := e.createSession(e.partner, nil)
	var joinEx *game.Envelope
	for name, env := range examples {
		if env.V != game.ProtocolVersion {
			t.Errorf("example %s: version %d", name, env.V)
		}
		var target any
		switch env.Type {
		case game.MsgJoin:
			target = &game.Join{}
			if joinEx == nil {
				x := env
				joinEx = &x
			}
		case game.MsgResume:
			target = &game.Resume{}
		case game.MsgHost:
			target = &game.HostHello{}
		case game.MsgWelcome:
			target = &game.Welcome{}
		case game.MsgTeamView:
			target = &game.TeamView{}
		case game.MsgHostView:
			target = &game.HostView{}
		case game.MsgError:
			target = &game.ErrorMsg{}
		case game.MsgBye:
			target = &game.Bye{}
		default:
			if k := game.Kind(env.Type); !k.HostOnly() && !k.TeamOnly() {
				t.Errorf("example %s: unknown type %q", name, env.Type)
				continue
			}
			target = &payload{}
		}
		if len(env.Data) > 0 {
			dec := json.NewDecoder(strings.NewReader(string(env.Data)))
			dec.DisallowUnknownFields()
			if err := dec.Decode(target); err != nil {
				t.Errorf("example %s (%s): %v", name, env.Type, err)
			}
		}
	}
	if joinEx == nil {
		t.Fatal("no join example")
	}
	// The error and bye examples say what the server says.
	docErrors := map[string]game.ErrorMsg{}
	for name, env := range examples {
		switch env.Type {
		case game.MsgError:
			var m game.ErrorMsg
			json.Unmarshal(env.Data, &m)
			docErrors[m.Code] = m
		case game.MsgBye:
			var b game.Bye
			json.Unmarshal(env.Data, &b)
			if want := byeMessages[b.Reason]; b.Message != want {
				t.Errorf("example %s: bye %s says %q, the server %q", name, b.Reason, b.Message, want)
			}
		}
	}
	// The join example, sent as written (with this session's code), on a
	// connection that first got each connection error of the page: none
	// closes it.
	var j map[string]any
	json.Unmarshal(joinEx.Data, &j)
	j["code"] = c.Code
	x := e.dial("exemple", nil)
	for code, hello := range map[string]func(){
		codeNoSession: func() { x.send(game.MsgJoin, game.Join{Code: "ZZZZZZ", Team: "Perdus", Members: roster(0, 1)}) },
		codeBadToken:  func() { x.send(game.MsgResume, game.Resume{Code: c.Code, Token: "rt_inconnu"}) },
		codeForbidden: func() { x.send(game.MsgHost, game.HostHello{Code: c.Code}) },
	} {
		doc, ok := docErrors[code]
		if !ok {
			t.Errorf("protocol.md shows no %s error", code)
			continue
		}
		hello()
		if got := x.awaitError(code); got.Message != doc.Message {
			t.Errorf("%s: the server says %q, protocol.md %q", code, got.Message, doc.Message)
		}
	}
	x.send(game.MsgJoin, j)
	x.await("welcome", func(env game.Envelope) bool { return env.Type == game.MsgWelcome })
	if x.bye != nil {
		t.Errorf("a connection error was followed by bye %+v", x.bye)
	}
}

func protocolExamples(t *testing.T) map[string]game.Envelope {
	raw, err := readDoc("protocol.md")
	if err != nil {
		return nil
	}
	out := map[string]game.Envelope{}
	rest := raw
	for {
		i := strings.Index(rest, "<!-- example: ")
		if i < 0 {
			return out
		}
		rest = rest[i+len("<!-- example: "):]
		name, after, _ := strings.Cut(rest, " -->")
		start := strings.Index(after, "```json")
		if start < 0 {
			return out
		}
		body := after[start+len("```json"):]
		end := strings.Index(body, "```")
		if end < 0 {
			return out
		}
		var env game.Envelope
		if err := json.Unmarshal([]byte(body[:end]), &env); err != nil {
			t.Errorf("example %s is not JSON: %v", name, err)
		} else {
			out[strings.TrimSpace(name)] = env
		}
		rest = body[end:]
	}
}

func readDoc(name string) (string, error) {
	b, err := os.ReadFile("../docs/" + name)
	return string(b), err
}
