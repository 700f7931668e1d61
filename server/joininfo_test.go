package server

import (
	"context"
	"io"
	"net/http"
	"reflect"
	"strings"
	"testing"

	"metodd/game"
)

// TestJoinInfo: GET /api/join/{code} tells a join form the session's mode
// and team names, without personal data; unknown codes are rate limited
// like wrong codes on /ws.
func TestJoinInfo(t *testing.T) {
	const burst = 3
	e := newEnv(t, func(l *Limits) { l.CodeBurst = burst })
	c := e.createSession(e.partner, nil)
	host := e.hostConn(c.Code, e.partner)
	amelie := agent("Amélie", "Lefèvre")
	amelie.Direction = "Service des archives" // « autre »: typed, not in the list
	e.joinTeam(c.Code, "Les Vélos", amelie)
	e.joinTeam(c.Code, "Les Sobres", agent("Bruno", "Garnier"), agent("Chloé", "Petit"))
	banned := e.joinTeam(c.Code, "Les Bannis", agent("Denis", "Roux"))
	host.cmd(game.KindBanTeam, game.CommandData{TeamID: banned.welcome.TeamID})
	host.awaitHost("ban", func(v *game.HostView) bool {
		for _, tm := range v.Teams {
			if tm.TeamID == banned.welcome.TeamID {
				return tm.Banned
			}
		}
		return false
	})

	get := func(code string) (int, string) {
		t.Helper()
		resp, err := http.Get(e.hs.URL + "/api/join/" + code)
		if err != nil {
			t.Fatal(err)
		}
		defer resp.Body.Close()
		b, _ := io.ReadAll(resp.Body)
		return resp.StatusCode, string(b)
	}

	var info game.JoinInfo
	if st := e.api("GET", "/api/join/"+strings.ToLower(c.Code), "", nil, &info); st != http.StatusOK {
		t.Fatalf("live session: status %d", st)
	}
	// The current campaign (Setup's: this year, goal 200), for the form's
	// words, from the server rather than written in the client.
	camp, err := e.db.CurrentCampaign(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	// The RSO cell's list of directions, for the team form's picker.
	dirs, err := e.db.DirectionNames(context.Background())
	if err != nil || len(dirs) == 0 {
		t.Fatalf("directions %q, %v", dirs, err)
	}
	want := game.JoinInfo{Code: c.Code, Title: info.Title, Mode: game.ModeTeam, Phase: game.PhaseLobby, Teams: []string{"Les Sobres", "Les Vélos"},
		Campaign: &game.CampaignGoal{Year: camp.Year, Goal: camp.Goal}, Directions: dirs}
	if !reflect.DeepEqual(info, want) || info.Title == "" {
		t.Fatalf("join info %+v, want %+v with a title", info, want)
	}
	_, raw := get(c.Code)
	for _, personal := range []string{"Amélie", "Lefèvre", "Bruno", "Garnier", "Ville de Dijon", "archives", "token", banned.welcome.TeamID} {
		if strings.Contains(raw, personal) {
			t.Errorf("join info shows %q: %s", personal, raw)
		}
	}

	// An entry the RSO cell adds is offered by the next answer.
	if _, err := e.db.AddDirection(context.Background(), "Direction de l’eau"); err != nil {
		t.Fatal(err)
	}
	if e.api("GET", "/api/join/"+c.Code, "", nil, &info); !reflect.DeepEqual(info.Directions, append(dirs, "Direction de l’eau")) {
		t.Fatalf("directions after an addition %q", info.Directions)
	}

	var e404 struct{ Error string }
	if st := e.api("GET", "/api/join/ZZZZZZ", "", nil, &e404); st != http.StatusNotFound || e404.Error != msgNoSession {
		t.Fatalf("unknown code: %d %q", st, e404.Error)
	}
	for i := 1; i < burst; i++ {
		if st, body := get("ZZZZZ" + string(rune('A'+i))); st != http.StatusNotFound {
			t.Fatalf("wrong code %d: %d %s", i+1, st, body)
		}
	}
	st, body := get("YYYYYY")
	if st != http.StatusTooManyRequests || !strings.Contains(body, wsMsgCodeRate) {
		t.Fatalf("wrong code over the burst: %d %s", st, body)
	}
	// A right code is never refused by the limit.
	if st, body := get(c.Code); st != http.StatusOK {
		t.Fatalf("live code after the limit: %d %s", st, body)
	}
	// The same budget as /ws: a wrong code there is refused at once.
	g := e.dial("devin", nil)
	g.send(game.MsgJoin, game.Join{Code: "XXXXXX", Team: "Devins", Members: []game.Member{agent("Eve", "Martin")}})
	g.awaitError(codeRateLimited)
}
