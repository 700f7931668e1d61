package server

import (
	"bytes"
	"context"
	"io"
	"net/http"
	"strings"
	"testing"
	"time"

	"metodd/assets"
	"metodd/game"
	"metodd/server/ratelimit"
	"metodd/server/store"
)

func TestLoginLogoutMe(t *testing.T) {
	e := newEnv(t)
	var me struct{ Login, Role, Name string }
	if st := e.api("GET", "/api/me", e.partner, nil, &me); st != 200 || me.Login != "camille" || me.Role != "partner" {
		t.Fatalf("me: %d %+v", st, me)
	}
	var er struct{ Error string }
	if st := e.api("POST", "/api/login", "", map[string]string{"login": "camille", "password": "faux-mot-de-passe"}, &er); st != 401 || !strings.Contains(er.Error, "incorrect") {
		t.Fatalf("bad password: %d %q", st, er.Error)
	}
	if st := e.api("GET", "/api/me", "", nil, &er); st != 401 || er.Error == "" {
		t.Fatalf("anonymous me: %d", st)
	}
	if st := e.api("GET", "/api/me", "n'importe-quoi", nil, nil); st != 401 {
		t.Fatalf("bogus token: %d", st)
	}

	// The cookie: HttpOnly, SameSite=Lax, not Secure on plain HTTP.
	resp, err := http.Post(e.hs.URL+"/api/login", "application/json", strings.NewReader(`{"login":"camille","password":"`+partnerPassword+`"}`))
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	var cookie *http.Cookie
	for _, c := range resp.Cookies() {
		if c.Name == CookieName {
			cookie = c
		}
	}
	if cookie == nil || !cookie.HttpOnly || cookie.SameSite != http.SameSiteLaxMode || cookie.Secure {
		t.Fatalf("cookie %+v", cookie)
	}
	req, _ := http.NewRequest("GET", e.hs.URL+"/api/me", nil)
	req.AddCookie(&http.Cookie{Name: CookieName, Value: cookie.Value})
	resp, err = http.DefaultClient.Do(req)
	if err != nil || resp.StatusCode != 200 {
		t.Fatalf("me by cookie: %v %v", err, resp.Status)
	}
	resp.Body.Close()

	if st := e.api("POST", "/api/logout", e.partner, nil, nil); st != 204 {
		t.Fatalf("logout: %d", st)
	}
	if st := e.api("GET", "/api/me", e.partner, nil, nil); st != 401 {
		t.Fatalf("after logout: %d", st)
	}
}

func TestLoginRateLimited(t *testing.T) {
	e := newEnv(t)
	limited := false
	for i := 0; i < ratelimit.LoginPairBurst+3; i++ {
		var er struct{ Error string }
		st := e.api("POST", "/api/login", "", map[string]string{"login": "camille", "password": "essai-" + string(rune('a'+i))}, &er)
		if st == http.StatusTooManyRequests {
			limited = true
			if !strings.Contains(er.Error, "patientez") {
				t.Fatalf("rate-limit message %q", er.Error)
			}
			break
		}
	}
	if !limited {
		t.Fatal("no rate limit on login attempts")
	}
}

func TestDisabledAccount(t *testing.T) {
	e := newEnv(t)
	acc, _ := e.db.AccountByLogin(context.Background(), "camille")
	e.db.SetDisabled(context.Background(), acc.ID, true)
	if st := e.api("GET", "/api/me", e.partner, nil, nil); st != 401 {
		t.Fatalf("disabled partner's old token: %d", st)
	}
	var er struct{ Error string }
	if st := e.api("POST", "/api/login", "", map[string]string{"login": "camille", "password": partnerPassword}, &er); st != 403 || !strings.Contains(er.Error, "désactivé") {
		t.Fatalf("disabled login: %d %q", st, er.Error)
	}
}

func TestDecksAndSessionsAccess(t *testing.T) {
	e := newEnv(t)
	var decks []struct {
		ID, Title string
		Cards     int
	}
	if st := e.api("GET", "/api/decks", e.partner, nil, &decks); st != 200 || len(decks) == 0 || decks[0].Cards < 60 {
		t.Fatalf("decks: %d %+v", st, decks)
	}
	if st := e.api("GET", "/api/decks", "", nil, nil); st != 401 {
		t.Fatalf("anonymous decks: %d", st)
	}

	c := e.createSession(e.partner, map[string]any{"deck": decks[0].ID, "format": "express", "mode": "equipe", "direction": "DRH", "expected": 8})
	if len(c.Code) != 6 || strings.ContainsAny(c.Code, "ILO01") || c.JoinURL != e.hs.URL+"/?code="+c.Code {
		t.Fatalf("created %+v", c)
	}
	// Bad options get French errors.
	for _, bad := range []map[string]any{
		{"format": "marathon"},
		{"format": "axe", "axis": 7},
		{"mode": "solo"},
		{"expected": -3},
		{"deck": "inconnu"},
		{"direction": strings.Repeat("x", 500)},
	} {
		var er struct{ Error string }
		if st := e.api("POST", "/api/sessions", e.partner, bad, &er); st != 400 || er.Error == "" {
			t.Errorf("%v: %d %q", bad, st, er.Error)
		}
	}
	if st := e.api("POST", "/api/sessions", "", map[string]any{}, nil); st != 401 {
		t.Fatalf("anonymous create: %d", st)
	}

	// A second partner sees nothing of camille's sessions.
	if st := e.api("POST", "/api/partners", e.admin, map[string]string{"login": "dominique", "name": "Dominique", "password": "dominique-mdp"}, nil); st != 201 {
		t.Fatalf("create partner: %d", st)
	}
	other := e.login("dominique", "dominique-mdp")
	var list []game.SessionRecord
	if st := e.api("GET", "/api/sessions", other, nil, &list); st != 200 || len(list) != 0 {
		t.Fatalf("other partner's list: %d %d", st, len(list))
	}
	if st := e.api("GET", "/api/sessions/"+c.Code, other, nil, nil); st != 404 {
		t.Fatalf("other partner's session: %d", st)
	}
	if st := e.api("GET", "/api/sessions", e.partner, nil, &list); st != 200 || len(list) != 1 || list[0].Code != c.Code || list[0].Live == nil {
		t.Fatalf("own list: %d %+v", st, list)
	}
	var one game.SessionRecord
	if st := e.api("GET", "/api/sessions/"+strings.ToLower(c.Code), e.partner, nil, &one); st != 200 || one.ID != c.ID || one.State != "live" || one.Expected != 8 {
		t.Fatalf("own session: %d %+v", st, one)
	}
	if st := e.api("GET", "/api/sessions/"+c.ID, e.admin, nil, &one); st != 200 || one.Code != c.Code {
		t.Fatalf("admin by id: %d", st)
	}
	if st := e.api("GET", "/api/sessions", e.admin, nil, &list); st != 200 || len(list) != 1 {
		t.Fatalf("admin list: %d", st)
	}

	// Only the admin creates partners.
	var er struct{ Error string }
	if st := e.api("POST", "/api/partners", e.partner, map[string]string{"login": "x", "password": "motdepasse"}, &er); st != 403 || er.Error == "" {
		t.Fatalf("partner creating partner: %d", st)
	}
	if st := e.api("POST", "/api/partners", e.admin, map[string]string{"login": "dominique", "password": "motdepasse"}, nil); st != 409 {
		t.Fatalf("duplicate login: %d", st)
	}
	if st := e.api("POST", "/api/partners", e.admin, map[string]string{"login": "<script>", "password": "motdepasse"}, nil); st != 400 {
		t.Fatalf("bad login: %d", st)
	}
	if st := e.api("POST", "/api/partners", e.admin, map[string]string{"login": "court", "password": "abc"}, nil); st != 400 {
		t.Fatalf("weak password: %d", st)
	}
	var gen struct{ Password string }
	if st := e.api("POST", "/api/partners", e.admin, map[string]string{"login": "genere", "name": "Généré"}, &gen); st != 201 || len(gen.Password) < 12 {
		t.Fatalf("generated password: %d %+v", st, gen)
	}
	e.login("genere", gen.Password)
}

func TestCampaignAndHealth(t *testing.T) {
	e := newEnv(t)
	var c struct{ Year, Goal, Count int }
	if st := e.api("GET", "/api/campaign", "", nil, &c); st != 200 || c.Goal != store.DefaultGoal || c.Year < 2025 || c.Count != 0 {
		t.Fatalf("campaign: %d %+v", st, c)
	}
	resp, err := http.Get(e.hs.URL + "/healthz")
	if err != nil {
		t.Fatal(err)
	}
	body, _ := io.ReadAll(resp.Body)
	resp.Body.Close()
	if resp.StatusCode != 200 || string(body) != "ok" {
		t.Fatalf("healthz: %d %q", resp.StatusCode, body)
	}
	if st := e.api("GET", "/api/nothing-here", "", nil, nil); st != 404 {
		t.Fatalf("unknown API path: %d", st)
	}
	resp, _ = http.Post(e.hs.URL+"/api/login", "application/json", bytes.NewReader([]byte("{pas du json")))
	if resp.StatusCode != 400 {
		t.Fatalf("malformed login body: %d", resp.StatusCode)
	}
	resp.Body.Close()
}

func TestWebAndDashboardPlaceholders(t *testing.T) {
	e := newEnv(t)
	for path, want := range map[string]string{"/": "mét’ODD", "/dashboard/": "tableau de bord"} {
		resp, err := http.Get(e.hs.URL + path)
		if err != nil {
			t.Fatal(err)
		}
		body, _ := io.ReadAll(resp.Body)
		resp.Body.Close()
		if resp.StatusCode != 200 || !strings.Contains(strings.ToLower(string(body)), strings.ToLower(want)) {
			t.Errorf("%s: %d %s", path, resp.StatusCode, body)
		}
	}
}

func TestSetupIsIdempotent(t *testing.T) {
	e := newEnv(t)
	res, err := Setup(context.Background(), e.db, assets.DeckFiles(), "", time.Now())
	if err != nil {
		t.Fatal(err)
	}
	if res.FirstStart || res.AdminPassword != "" {
		t.Fatalf("second setup acted as a first start: %+v", res)
	}
	for _, d := range res.Decks {
		if d.Added || d.Err != nil {
			t.Fatalf("unchanged deck stored again: %+v", d)
		}
	}
	if all, _ := e.db.Accounts(context.Background()); len(all) != 2 {
		t.Fatalf("%d accounts", len(all))
	}
	if cs, _ := e.db.Campaigns(context.Background()); len(cs) != 1 {
		t.Fatalf("%d campaigns", len(cs))
	}
}

func TestFirstStartGeneratesPassword(t *testing.T) {
	db, err := store.Open(t.TempDir() + "/first.db")
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	res, err := Setup(context.Background(), db, nil, "", time.Date(2025, 3, 1, 0, 0, 0, 0, time.Local))
	if err != nil {
		t.Fatal(err)
	}
	if !res.FirstStart || len(res.AdminPassword) < 12 || res.Campaign.Year != 2025 || res.Campaign.Goal != 200 {
		t.Fatalf("%+v", res)
	}
	if _, err := db.Authenticate(context.Background(), AdminLogin, res.AdminPassword); err != nil {
		t.Fatal(err)
	}
}
