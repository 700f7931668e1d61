package dashboard

import (
	"bytes"
	"crypto/tls"
	"encoding/csv"
	"html"
	"io"
	"log/slog"
	"mime/multipart"
	"net/http"
	"net/http/cookiejar"
	"net/http/httptest"
	"net/url"
	"regexp"
	"strings"
	"testing"
	"time"

	"metodd/game"
)

// app is a dashboard served on loopback over a database filled by playing.
type app struct {
	*fixture
	srv  *httptest.Server
	h    *Handler
	s    scenario
	live int // live teams the LiveCounter reports
}

// scenario is what seed played.
type scenario struct {
	s1, s2, s3, s4, s5, s6 played
	agents2026             int // distinct agents counted in the current campaign
	agentsLast             int // in last year's campaign
}

// The agents of the scenario. "Élodie Rousseau" plays twice this year
// (once typed "elodie  ROUSSEAU"): she is counted once this year, and once
// last year.
var (
	elodie      = m("Élodie", "Rousseau", "Ville de Dijon", "Direction des ressources humaines", "A")
	elodieTyped = m("elodie", "ROUSSEAU", "ville de dijon", "Direction des ressources humaines", "A")
)

func seed(f *fixture) scenario {
	year := time.Now().Year()
	now := time.Now()
	var sc scenario
	sc.s1 = f.play(play{partner: "cmartin", year: year, format: game.FormatStandard, direction: "Direction des ressources humaines",
		site: "Hôtel de ville", expected: 10, finish: game.KindClose, at: now.AddDate(0, 0, -40),
		teams: []team{
			{"Les Hérons", []game.Member{elodie, m("Marc", "Petit", "Ville de Dijon", "Direction des ressources humaines", "B"),
				m("Inès", "Garnier", "CCAS", "Action sociale", "C")}},
			{"Les Cassissiers", []game.Member{m("Paul", "Bernard", "Dijon métropole", "Mobilités", "B"),
				m("Nora", "Haddad", "Dijon métropole", "Mobilités", "")}},
			{"Tournesols", []game.Member{m("Lucie", "Morel", "CCAS", "Action sociale", "Autre"),
				m("Hugo", "Fournier", "Ville de Dijon", "=HYPERLINK(\"http://x\")", "C")}},
		}})
	sc.s2 = f.play(play{partner: "jdupont", year: year, format: game.FormatExpress, direction: "Mobilités", site: "Clemenceau",
		expected: 8, finish: game.KindClose, at: now.AddDate(0, 0, -3), removeTeam: 3,
		teams: []team{
			{"Vélo", []game.Member{elodieTyped, m("Karim", "Benali", "Dijon métropole", "Mobilités", "C")}},
			{"Tram", []game.Member{m("Anne", "Roux", "Dijon métropole", "Mobilités", "A")}},
			{"Bus", []game.Member{m("Retiré", "Équipe", "CCAS", "Action sociale", "B")}},
		}})
	sc.s3 = f.play(play{partner: "cmartin", year: year, format: game.FormatExpress, direction: "Espaces verts", site: "Parc",
		expected: 6, finish: game.KindEnd, teams: []team{
			{"Jardiniers", []game.Member{m("Jean", "Interrompu", "Ville de Dijon", "Espaces verts", "C")}},
		}})
	sc.s4 = f.play(play{partner: "jdupont", year: year - 1, format: game.FormatExpress, direction: "Direction des ressources humaines",
		site: "Hôtel de ville", expected: 4, finish: game.KindClose, at: time.Date(year-1, 10, 15, 10, 0, 0, 0, time.Local),
		teams: []team{{"Anciens", []game.Member{elodie, m("Zoé", "Lambert", "CCAS", "Action sociale", "B")}}}})
	sc.s5 = f.play(play{partner: "slefevre", year: year, format: game.FormatExpress, direction: "Culture", site: "Bibliothèque",
		teams: []team{{"En cours", []game.Member{m("Léa", "Live", "Ville de Dijon", "Culture", "B")}}}})
	sc.s6 = f.play(play{partner: "cmartin", year: year, format: game.FormatExpress, direction: "Finances", site: "Hôtel de ville",
		finish: game.KindClose, at: now.AddDate(0, 0, -1),
		teams: []team{{"Budget", []game.Member{m("Marc", "Petit", "Ville de Dijon", "Direction des ressources humaines", "B"),
			m("Chloé", "Faure", "Ville de Dijon", "Finances", "A")}}}})
	// This year: s1 7 agents; s2 2 new (Élodie already counted, the Bus
	// team removed); s6 1 new (Marc already counted).
	sc.agents2026 = 7 + 2 + 1
	sc.agentsLast = 2
	return sc
}

type liveStub struct{ a *app }

func (l liveStub) LiveTeams(id string) (int, int, bool) {
	if id == l.a.s.s5.id {
		return 1, l.a.live, true
	}
	return 0, 0, false
}

func newApp(t *testing.T) *app {
	t.Helper()
	a := &app{fixture: newFixture(t), live: 1}
	a.s = seed(a.fixture)
	a.h = New(a.db, Options{Live: liveStub{a}, Logger: slog.New(slog.NewTextHandler(io.Discard, nil))})
	mux := http.NewServeMux()
	mux.Handle("/dashboard/", a.h)
	mux.Handle("/dashboard", a.h)
	a.srv = httptest.NewServer(mux)
	t.Cleanup(a.srv.Close)
	return a
}

// client is a browser: a cookie jar that does not follow redirects, so
// tests see them.
type client struct {
	t    *testing.T
	a    *app
	http *http.Client
	csrf string
}

func (a *app) client(t *testing.T) *client {
	jar, _ := cookiejar.New(nil)
	return &client{t: t, a: a, http: &http.Client{Jar: jar, CheckRedirect: func(*http.Request, []*http.Request) error {
		return http.ErrUseLastResponse
	}}}
}

type resp struct {
	status int
	body   string
	header http.Header
}

func (c *client) do(req *http.Request) resp {
	c.t.Helper()
	r, err := c.http.Do(req)
	if err != nil {
		c.t.Fatal(err)
	}
	defer r.Body.Close()
	b, _ := io.ReadAll(r.Body)
	out := resp{status: r.StatusCode, body: string(b), header: r.Header}
	if m := csrfRE.FindStringSubmatch(out.body); m != nil {
		c.csrf = m[1]
	}
	return out
}

var csrfRE = regexp.MustCompile(`name="csrf" value="([^"]+)"`)

func (c *client) get(path string) resp {
	c.t.Helper()
	req, _ := http.NewRequest("GET", c.a.srv.URL+path, nil)
	return c.do(req)
}

// post sends a form; the CSRF token last seen is added unless form has one
// (use "-" to send none).
func (c *client) post(path string, form url.Values) resp {
	c.t.Helper()
	if form == nil {
		form = url.Values{}
	}
	switch form.Get("csrf") {
	case "":
		form.Set("csrf", c.csrf)
	case "-":
		form.Del("csrf")
	}
	req, _ := http.NewRequest("POST", c.a.srv.URL+path, strings.NewReader(form.Encode()))
	req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	return c.do(req)
}

func (c *client) upload(path, file string, data []byte) resp {
	c.t.Helper()
	var buf bytes.Buffer
	w := multipart.NewWriter(&buf)
	_ = w.WriteField("csrf", c.csrf)
	fw, _ := w.CreateFormFile("deck", file)
	_, _ = fw.Write(data)
	w.Close()
	req, _ := http.NewRequest("POST", c.a.srv.URL+path, &buf)
	req.Header.Set("Content-Type", w.FormDataContentType())
	return c.do(req)
}

func (c *client) login(login, password string) resp {
	c.t.Helper()
	c.get("/dashboard/connexion")
	return c.post("/dashboard/connexion", url.Values{"login": {login}, "password": {password}})
}

// as returns a client logged in as login.
func (a *app) as(t *testing.T, login string) *client {
	t.Helper()
	c := a.client(t)
	pw := testPassword
	if login != "admin" {
		pw = "partenaire-" + login
	}
	if r := c.login(login, pw); r.status != http.StatusSeeOther {
		t.Fatalf("login %s: status %d\n%s", login, r.status, r.body)
	}
	c.get("/dashboard/") // picks up the session's CSRF token
	return c
}

// text is a page's visible text, tags dropped, entities decoded, spaces
// folded (narrow no-break spaces become plain spaces).
func text(body string) string {
	s := regexp.MustCompile(`(?s)<(script|style)[^>]*>.*?</(script|style)>`).ReplaceAllString(body, " ")
	s = regexp.MustCompile(`<[^>]*>`).ReplaceAllString(s, " ")
	s = html.UnescapeString(s)
	s = strings.NewReplacer("\u202f", " ", "\u00a0", " ").Replace(s)
	return strings.Join(strings.Fields(s), " ")
}

func (r resp) has(t *testing.T, want ...string) {
	t.Helper()
	tx := text(r.body)
	for _, w := range want {
		if !strings.Contains(tx, w) {
			t.Errorf("page lacks %q\n--- text:\n%s", w, tx)
		}
	}
}

func (r resp) hasNot(t *testing.T, unwanted ...string) {
	t.Helper()
	tx := text(r.body)
	for _, w := range unwanted {
		if strings.Contains(tx, w) || strings.Contains(r.body, w) {
			t.Errorf("page shows %q, it must not", w)
		}
	}
}

// parseCSV checks the export format (BOM, ";", CRLF) and returns the rows.
func parseCSV(t *testing.T, r resp) [][]string {
	t.Helper()
	if r.status != http.StatusOK {
		t.Fatalf("export: status %d\n%s", r.status, r.body)
	}
	if ct := r.header.Get("Content-Type"); ct != "text/csv; charset=utf-8" {
		t.Errorf("Content-Type %q", ct)
	}
	if cd := r.header.Get("Content-Disposition"); !strings.HasPrefix(cd, "attachment;") || !strings.Contains(cd, ".csv") {
		t.Errorf("Content-Disposition %q", cd)
	}
	body, ok := strings.CutPrefix(r.body, "\ufeff")
	if !ok {
		t.Fatalf("CSV without UTF-8 byte-order mark: %q", r.body[:min(20, len(r.body))])
	}
	if !strings.Contains(body, "\r\n") {
		t.Errorf("CSV lines must end with CRLF")
	}
	cr := csv.NewReader(strings.NewReader(body))
	cr.Comma = ';'
	rows, err := cr.ReadAll()
	if err != nil {
		t.Fatalf("CSV unreadable with ';': %v\n%s", err, body)
	}
	return rows
}

// find returns the first row whose first cell is key.
func find(t *testing.T, rows [][]string, key string) []string {
	t.Helper()
	for _, r := range rows {
		if len(r) > 0 && r[0] == key {
			return r
		}
	}
	t.Fatalf("no row %q in %v", key, rows)
	return nil
}

func newRecorder() *httptest.ResponseRecorder { return httptest.NewRecorder() }

func httptestRequest(method, path string) *http.Request {
	return httptest.NewRequest(method, path, nil)
}

var tlsState = tls.ConnectionState{HandshakeComplete: true}

func regexpMust(re string) *regexp.Regexp { return regexp.MustCompile(re) }
