package dashboard

import (
	"context"
	"fmt"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"testing"
	"time"

	"metodd/game"
	"metodd/game/deckfile"
	"metodd/server/ratelimit"
	"metodd/server/store"
)

// figurePages are the pages every logged-in account may open.
var figurePages = []string{"/dashboard/", "/dashboard/repartitions", "/dashboard/seances", "/dashboard/apprentissage", "/dashboard/indicateurs"}

// adminPages are the administration pages.
var adminPages = []string{"/dashboard/admin/partenaires", "/dashboard/admin/campagnes", "/dashboard/admin/jeux", "/dashboard/admin/donnees",
	"/dashboard/admin/directions"}

// exports are the figures' CSV exports.
var exports = []string{"collectivites", "directions", "categories", "partenaires", "mois", "seances", "cartes",
	"engagements", "engagements-personnels", "indicateurs", "en-cours"}

func TestScenarioCounts(t *testing.T) {
	a := newApp(t)
	ctx := context.Background()
	year := time.Now().Year()
	for y, want := range map[int]int{year: a.s.agents2026, year - 1: a.s.agentsLast} {
		n, err := a.db.CampaignCount(ctx, a.camps[y].ID)
		if err != nil {
			t.Fatal(err)
		}
		if n != want {
			t.Errorf("campaign %d: %d agents counted, want %d", y, n, want)
		}
	}
	if a.s.s2.total.Added != 2 || a.s.s6.total.Added != 1 {
		t.Errorf("added: s2 %d (want 2: Élodie already counted, Bus removed), s6 %d (want 1)", a.s.s2.total.Added, a.s.s6.total.Added)
	}
}

func TestHome(t *testing.T) {
	a := newApp(t)
	c := a.as(t, "admin")
	r := c.get("/dashboard/")
	if r.status != http.StatusOK {
		t.Fatalf("status %d", r.status)
	}
	n := a.s.agents2026
	left := 200 - n
	r.has(t, fmt.Sprintf("%d / 200 agents sensibilisés", n), fmt.Sprintf("%d %% de l’objectif", n*100/200),
		fmt.Sprintf("Reste %d agents à sensibiliser", left), "Rythme nécessaire",
		"3 séances clôturées", "et 1 interrompue", "2 partenaires actifs", "1 séance en cours",
		"Séances en cours", "Sophie Lefèvre", "Bibliothèque")
	// Participation: present / expected over the closed sessions with an
	// expected count: s1 7/10, s2 3/8 (Élodie is present though counted
	// before; the removed team is not present).
	r.has(t, fmt.Sprintf("%d %% taux de participation", percent(7+3, 10+8)), "10 présents pour 18 attendus")
	months, _, _ := monthsLeft(a.camps[time.Now().Year()], time.Now())
	pace := (left + months - 1) / months
	r.has(t, fmt.Sprintf("Rythme nécessaire : %d agent", pace))
}

func TestMonthsLeft(t *testing.T) {
	c := store.Campaign{StartDate: "2025-01-01", EndDate: "2025-12-31"}
	for _, tc := range []struct {
		now               time.Time
		n                 int
		ended, notStarted bool
	}{
		{time.Date(2025, 11, 26, 12, 0, 0, 0, time.Local), 2, false, false},
		{time.Date(2025, 12, 31, 20, 0, 0, 0, time.Local), 1, false, false},
		{time.Date(2026, 1, 2, 0, 0, 0, 0, time.Local), 0, true, false},
		{time.Date(2024, 6, 1, 0, 0, 0, 0, time.Local), 12, false, true},
	} {
		n, ended, ns := monthsLeft(c, tc.now)
		if n != tc.n || ended != tc.ended || ns != tc.notStarted {
			t.Errorf("%v: got %d %v %v, want %d %v %v", tc.now, n, ended, ns, tc.n, tc.ended, tc.notStarted)
		}
	}
}

func TestEveryPageAndExport(t *testing.T) {
	a := newApp(t)
	admin := a.as(t, "admin")
	partner := a.as(t, "cmartin")
	for _, p := range append(append([]string{}, figurePages...), adminPages...) {
		if r := admin.get(p); r.status != http.StatusOK || !strings.Contains(r.body, "</html>") {
			t.Errorf("admin %s: status %d", p, r.status)
		}
	}
	for _, p := range figurePages {
		if r := partner.get(p); r.status != http.StatusOK {
			t.Errorf("partner %s: status %d", p, r.status)
		}
	}
	for _, name := range exports {
		for who, c := range map[string]*client{"admin": admin, "partner": partner} {
			rows := parseCSV(t, c.get("/dashboard/export/"+name+".csv"))
			if len(rows) < 1 || len(rows[0]) < 2 {
				t.Errorf("%s %s: no header: %v", who, name, rows)
			}
		}
	}
	for _, p := range []string{"/dashboard/seances/" + a.s.s1.id, "/dashboard/seances/" + a.s.s1.id + "/export/equipes.csv",
		"/dashboard/seances/" + a.s.s1.id + "/export/cartes.csv", "/dashboard/seances/" + a.s.s1.id + "/export/engagements-personnels.csv",
		"/dashboard/admin/seances/" + a.s.s1.id + "/emargement", "/dashboard/admin/export/agents.csv",
		"/dashboard/admin/export/partenaires.csv", "/dashboard/admin/export/campagnes.csv", "/dashboard/admin/export/jeux.csv",
		"/dashboard/admin/partenaires/" + strconv.FormatInt(a.partners["cmartin"].ID, 10)} {
		if r := admin.get(p); r.status != http.StatusOK {
			t.Errorf("admin %s: status %d", p, r.status)
		}
	}
}

func TestBreakdowns(t *testing.T) {
	a := newApp(t)
	c := a.as(t, "cmartin")
	r := c.get("/dashboard/repartitions")
	r.has(t, "Par collectivité", "Par direction ou service", "Par catégorie", "Par partenaire", "Par mois", "Camille Martin", "Julien Dupont")
	if !strings.Contains(r.body, "<svg class=\"chart\"") {
		t.Error("no chart")
	}
	// This year: Ville de Dijon: Élodie, Marc, Hugo, Chloé; CCAS: Inès,
	// Lucie; Dijon métropole: Paul, Nora, Karim, Anne.
	rows := parseCSV(t, c.get("/dashboard/export/collectivites.csv"))
	if got := strings.Join(rows[0], "|"); got != "Collectivité|Agents sensibilisés|Part (%)" {
		t.Errorf("header %q", got)
	}
	for k, want := range map[string]string{"Ville de Dijon": "4", "CCAS": "2", "Dijon métropole": "4", "Total": "10"} {
		if got := find(t, rows, k)[1]; got != want {
			t.Errorf("%s: %s agents, want %s", k, got, want)
		}
	}
	rows = parseCSV(t, c.get("/dashboard/export/categories.csv"))
	for k, want := range map[string]string{"A": "3", "B": "2", "C": "3", "Autre": "1", "Non renseigné": "1"} {
		if got := find(t, rows, k)[1]; got != want {
			t.Errorf("category %s: %s, want %s", k, got, want)
		}
	}
	rows = parseCSV(t, c.get("/dashboard/export/partenaires.csv"))
	if got := find(t, rows, "Camille Martin"); got[1] != "2" || got[3] != "8" {
		t.Errorf("Camille Martin: %v, want 2 closed sessions, 8 agents", got)
	}
	if got := find(t, rows, "Julien Dupont"); got[1] != "1" || got[3] != "2" {
		t.Errorf("Julien Dupont: %v, want 1 closed session this year, 2 agents", got)
	}
	// Last year's campaign is one choice away.
	rows = parseCSV(t, c.get(fmt.Sprintf("/dashboard/export/collectivites.csv?campagne=%d", a.camps[time.Now().Year()-1].ID)))
	if got := find(t, rows, "Total")[1]; got != "2" {
		t.Errorf("last year: %s agents, want 2", got)
	}
	// Month: the agents counted this year are spread over the months
	// their sessions closed in; the cumulated total is the count.
	rows = parseCSV(t, c.get("/dashboard/export/mois.csv"))
	if tot := find(t, rows, "Total"); tot[4] != "10" || tot[1] != "3" {
		t.Errorf("month total %v, want 3 sessions and 10 agents", tot)
	}
}

func TestCSVNeutralisedAndEscaped(t *testing.T) {
	a := newApp(t)
	c := a.as(t, "admin")
	rows := parseCSV(t, c.get("/dashboard/export/directions.csv"))
	found := false
	for _, r := range rows {
		if strings.Contains(r[0], "HYPERLINK") {
			found = true
			if r[0] != `'=HYPERLINK("http://x")` {
				t.Errorf("formula cell not neutralised: %q", r[0])
			}
		}
	}
	if !found {
		t.Error("the direction typed as a formula is missing")
	}
	r := c.get("/dashboard/repartitions")
	if strings.Contains(r.body, `=HYPERLINK("http`) {
		t.Error("the page shows the direction unescaped")
	}
}

func TestWriteCSV(t *testing.T) {
	var b strings.Builder
	err := writeCSV(&b, []string{"Nom", "Valeur"}, [][]string{
		{"=1+1", "+33"}, {"-2", "@SUM(A1)"}, {"a;b", `dit "oui"`}, {"deux\nlignes", "ok"}, {"\tx", "é"},
	})
	if err != nil {
		t.Fatal(err)
	}
	want := "\ufeffNom;Valeur\r\n'=1+1;'+33\r\n'-2;'@SUM(A1)\r\n\"a;b\";\"dit \"\"oui\"\"\"\r\n\"deux\r\nlignes\";ok\r\n'\tx;é\r\n"
	if b.String() != want {
		t.Errorf("got  %q\nwant %q", b.String(), want)
	}
}

func TestSessions(t *testing.T) {
	a := newApp(t)
	admin := a.as(t, "admin")
	r := admin.get("/dashboard/seances")
	r.has(t, "5 séances", "Camille Martin", "Julien Dupont", "Sophie Lefèvre", "clôturée", "interrompue", "en cours", "Hôtel de ville")
	rows := parseCSV(t, admin.get("/dashboard/export/seances.csv"))
	if len(rows) != 6 {
		t.Errorf("sessions export: %d lines, want header + 5", len(rows))
	}
	if got := strings.Join(rows[0], "|"); got != "Date|Partenaire|Direction ou service|Site|Format|Mode|Équipes|Agents présents|Agents attendus|Nouveaux agents comptés|État" {
		t.Errorf("header %q", got)
	}
	// The mode of each session, in the export and on the page.
	for _, row := range rows[1:] {
		if row[5] != "Équipes" {
			t.Errorf("mode %q in %v, want « Équipes » (the fixture plays by teams)", row[5], row)
		}
	}
	r.has(t, "Mode")
	// Filtered by state and partner.
	rows = parseCSV(t, admin.get(fmt.Sprintf("/dashboard/export/seances.csv?etat=closed&partenaire=%d", a.partners["cmartin"].ID)))
	if len(rows) != 3 {
		t.Errorf("closed sessions of Camille Martin: %d lines, want header + 2", len(rows))
	}
	r = admin.get("/dashboard/seances?etat=ended")
	r.has(t, "1 séance", "Espaces verts")
	r.hasNot(t, "Clemenceau")

	// A partner sees its own sessions only.
	p := a.as(t, "jdupont")
	r = p.get("/dashboard/seances")
	r.has(t, "1 séance", "Clemenceau")
	r.hasNot(t, "Hôtel de ville", "Espaces verts")
	rows = parseCSV(t, p.get("/dashboard/export/seances.csv?partenaire="+strconv.FormatInt(a.partners["cmartin"].ID, 10)))
	if len(rows) != 2 || rows[1][1] != "Julien Dupont" {
		t.Errorf("partner export shows others' sessions: %v", rows)
	}
}

func TestSessionPage(t *testing.T) {
	a := newApp(t)
	s1 := a.s.s1
	admin := a.as(t, "admin")
	r := admin.get("/dashboard/seances/" + s1.id)
	if r.status != http.StatusOK {
		t.Fatalf("status %d", r.status)
	}
	teams := s1.sess.Teams()
	for _, tm := range teams {
		r.has(t, tm.Name, strings.ReplaceAll(frInt(tm.Score), thinSpace, " "))
	}
	r.has(t, "Liste d’émargement", "Élodie", "Rousseau", "Camille Martin", "Hôtel de ville", "Standard", "Cartes jouées",
		"Engagements personnels choisis")
	// Per card, the share of good answers is the rules' own results.
	good, total := map[string]int{}, map[string]int{}
	for _, x := range s1.sess.Results() {
		total[x.CardID]++
		if x.Good {
			good[x.CardID]++
		}
	}
	rows := parseCSV(t, admin.get("/dashboard/seances/"+s1.id+"/export/cartes.csv"))
	if len(rows)-1 != len(total) || len(total) != len(s1.sess.Cards()) {
		t.Errorf("cards export: %d lines, %d cards played, %d cards in the session", len(rows)-1, len(total), len(s1.sess.Cards()))
	}
	for _, row := range rows[1:] {
		id := row[0]
		if want := strconv.Itoa(percent(good[id], total[id])); row[6] != want || row[4] != strconv.Itoa(total[id]) {
			t.Errorf("card %s: %v, want %d answers, %s %%", id, row, total[id], want)
		}
		if c, ok := a.deck.CardByID(id); !ok || row[1] != c.Prompt {
			t.Errorf("card %s: prompt %q", id, row[1])
		}
	}
	// The attendance list: every member with names, in the admin's CSV.
	rows = parseCSV(t, admin.get("/dashboard/admin/seances/"+s1.id+"/emargement"))
	if len(rows) != 8 || find(t, rows, "Les Hérons")[1] != "Élodie" {
		t.Errorf("attendance: %v", rows)
	}
	// A partner sees its session without names, and not others' sessions.
	p := a.as(t, "cmartin")
	r = p.get("/dashboard/seances/" + s1.id)
	r.has(t, "Les Hérons")
	r.hasNot(t, "Rousseau", "Élodie", "Liste d’émargement")
	if r := p.get("/dashboard/seances/" + a.s.s2.id); r.status != http.StatusNotFound {
		t.Errorf("partner opens another partner's session: %d", r.status)
	}
	if r := p.get("/dashboard/seances/" + a.s.s2.id + "/export/equipes.csv"); r.status != http.StatusNotFound {
		t.Errorf("partner exports another partner's session: %d", r.status)
	}
	// The removed team of s2 is shown as such, its member not counted.
	rows = parseCSV(t, admin.get("/dashboard/seances/"+a.s.s2.id+"/export/equipes.csv"))
	var bus []string
	for _, r := range rows {
		if r[1] == "Bus" {
			bus = r
		}
	}
	if bus == nil || bus[4] != "0" || !strings.Contains(bus[5], "retirée") {
		t.Errorf("removed team: %v", rows)
	}
}

func TestLearning(t *testing.T) {
	a := newApp(t)
	c := a.as(t, "slefevre")
	r := c.get("/dashboard/apprentissage")
	r.has(t, "Par engagement mét’ODD", "Par carte, les moins connues d’abord", "Engagements personnels choisis")
	// Expected from the rules' results of this year's closed sessions.
	good, total := map[string]int{}, map[string]int{}
	for _, p := range []played{a.s.s1, a.s.s2, a.s.s6} {
		for _, x := range p.sess.Results() {
			total[x.CardID]++
			if x.Good {
				good[x.CardID]++
			}
		}
	}
	rows := parseCSV(t, c.get("/dashboard/export/cartes.csv"))
	if len(rows)-1 != len(total) {
		t.Fatalf("%d cards exported, %d played", len(rows)-1, len(total))
	}
	last := -1.0
	for _, row := range rows[1:] {
		id := row[0]
		if want := strconv.Itoa(percent(good[id], total[id])); row[6] != want {
			t.Errorf("card %s: %s %%, want %s", id, row[6], want)
		}
		share := float64(good[id]) / float64(total[id])
		if share < last {
			t.Errorf("cards not sorted least known first at %s", id)
		}
		last = share
	}
	// Personal commitments: one per member of the kept teams.
	picks := 0
	for _, p := range []played{a.s.s1, a.s.s2, a.s.s6} {
		picks += len(p.sess.Picks())
	}
	rows = parseCSV(t, c.get("/dashboard/export/engagements-personnels.csv"))
	if got := find(t, rows, "Total")[3]; got != strconv.Itoa(picks) || picks == 0 {
		t.Errorf("picks total %s, want %d", got, picks)
	}
	if first := rows[1]; first[0] == first[1] {
		t.Errorf("commitment text missing: %v", first)
	}
	// The figures follow a newly closed session (they are kept between
	// closes).
	rows = parseCSV(t, c.get("/dashboard/export/engagements.csv"))
	before := 0
	for _, r := range rows[1:] {
		n, _ := strconv.Atoi(r[2])
		before += n
	}
	p := a.play(play{partner: "slefevre", year: time.Now().Year(), finish: game.KindClose,
		teams: []team{{"Nouvelle", []game.Member{m("Yann", "Nouveau", "CCAS", "Autonomie", "C")}}}})
	rows = parseCSV(t, c.get("/dashboard/export/engagements.csv"))
	after := 0
	for _, r := range rows[1:] {
		n, _ := strconv.Atoi(r[2])
		after += n
	}
	if after != before+len(p.sess.Results()) {
		t.Errorf("answers per commitment: %d, then %d after a session of %d results", before, after, len(p.sess.Results()))
	}
}

func TestIndicators(t *testing.T) {
	a := newApp(t)
	c := a.as(t, "admin")
	r := c.get("/dashboard/indicateurs")
	r.has(t, "Volet 1 : gouvernance du projet", "Nombre de séances de sensibilisation/formation organisées",
		"Nombre d'agents formés ou sensibilisés à la RSO", "Taux de participation aux événements mét'ODD (%)",
		"Nombre de partenaires mét'ODD", "Culture RSO")
	rows := parseCSV(t, c.get("/dashboard/export/indicateurs.csv"))
	year := time.Now().Year()
	if got := strings.Join(rows[0], "|"); got != fmt.Sprintf("Indicateur|Enjeu RSO|%d|%d", year-1, year) {
		t.Errorf("header %q", got)
	}
	for k, want := range map[string][2]string{
		"Nombre de séances de sensibilisation/formation organisées":       {"1", "3"},
		"Nombre d'agents formés ou sensibilisés à la RSO":                 {"2", "10"},
		"Taux de participation aux événements mét'ODD (%)":                {"50", strconv.Itoa(percent(10, 18))},
		"Nombre de partenaires mét'ODD (ayant animé au moins une séance)": {"1", "2"},
	} {
		row := find(t, rows, k)
		if row[2] != want[0] || row[3] != want[1] {
			t.Errorf("%s: %v, want %v", k, row[2:], want)
		}
	}
}

func TestAccessRules(t *testing.T) {
	a := newApp(t)
	anon := a.client(t)
	all := append(append(append([]string{}, figurePages...), adminPages...),
		"/dashboard/seances/"+a.s.s1.id, "/dashboard/export/seances.csv", "/dashboard/admin/seances/"+a.s.s1.id+"/emargement",
		"/dashboard/admin/export/agents.csv", "/dashboard/inconnue")
	for _, p := range all {
		r := anon.get(p)
		if r.status != http.StatusSeeOther || !strings.HasPrefix(r.header.Get("Location"), "/dashboard/connexion") {
			t.Errorf("logged out GET %s: %d %s", p, r.status, r.header.Get("Location"))
		}
		if strings.Contains(r.body, "Rousseau") || strings.Contains(r.body, "Camille") {
			t.Errorf("logged out GET %s leaks data", p)
		}
	}
	if r := anon.get("/dashboard/connexion"); r.status != http.StatusOK || !strings.Contains(r.body, "Se connecter") {
		t.Errorf("login page: %d", r.status)
	}
	for _, p := range []string{"/dashboard/admin/partenaires", "/dashboard/admin/donnees/purge", "/dashboard/deconnexion"} {
		if r := anon.post(p, url.Values{"csrf": {"x"}, "months": {"1"}, "login": {"pirate"}}); r.status != http.StatusForbidden {
			t.Errorf("logged out POST %s: %d", p, r.status)
		}
	}
	// A partner: no administration page, no names, no admin export.
	p := a.as(t, "cmartin")
	for _, path := range append(append([]string{}, adminPages...), "/dashboard/admin/seances/"+a.s.s1.id+"/emargement",
		"/dashboard/admin/export/agents.csv", "/dashboard/admin/partenaires/"+strconv.FormatInt(a.partners["jdupont"].ID, 10),
		"/dashboard/admin/jeux/"+a.deck.ID+"/yaml") {
		r := p.get(path)
		if r.status != http.StatusForbidden {
			t.Errorf("partner GET %s: %d", path, r.status)
		}
		r.hasNot(t, "Rousseau")
	}
	if r := p.post("/dashboard/admin/partenaires", url.Values{"login": {"intrus"}, "name": {"Intrus"}}); r.status != http.StatusForbidden {
		t.Errorf("partner creates a partner: %d", r.status)
	}
	if _, err := a.db.AccountByLogin(context.Background(), "intrus"); err == nil {
		t.Error("a partner created an account")
	}
	if r := p.get("/dashboard/"); strings.Contains(r.body, "/admin/") {
		t.Error("a partner's menu shows the administration")
	}
	// Logging out ends the login session.
	p.post("/dashboard/deconnexion", nil)
	if r := p.get("/dashboard/"); r.status != http.StatusSeeOther {
		t.Errorf("after logout: %d", r.status)
	}
}

func TestCSRF(t *testing.T) {
	a := newApp(t)
	c := a.as(t, "admin")
	form := func(csrf string) url.Values {
		return url.Values{"csrf": {csrf}, "login": {"nouveau"}, "name": {"Nouveau Partenaire"}}
	}
	for _, tok := range []string{"-", "faux-jeton", csrfOf("session", "autre-token")} {
		r := c.post("/dashboard/admin/partenaires", form(tok))
		if r.status != http.StatusForbidden {
			t.Errorf("csrf %q: status %d", tok, r.status)
		}
		r.has(t, "Le formulaire a expiré")
	}
	if _, err := a.db.AccountByLogin(context.Background(), "nouveau"); err == nil {
		t.Fatal("created without a valid CSRF token")
	}
	// Every form of every admin page carries the token.
	for _, p := range adminPages {
		r := c.get(p)
		forms := strings.Count(r.body, `method="post"`)
		if toks := strings.Count(r.body, `name="csrf" value="`+c.csrf+`"`); toks < forms || forms == 0 {
			t.Errorf("%s: %d POST forms, %d CSRF fields", p, forms, toks)
		}
	}
	if r := c.post("/dashboard/admin/partenaires", form("")); r.status != http.StatusOK {
		t.Fatalf("with its token: %d", r.status)
	}
	// The login form has its own token.
	anon := a.client(t)
	anon.get("/dashboard/connexion")
	if r := anon.post("/dashboard/connexion", url.Values{"csrf": {"-"}, "login": {"admin"}, "password": {testPassword}}); r.status != http.StatusForbidden {
		t.Errorf("login without its token: %d", r.status)
	}
	other := a.client(t) // no form cookie
	if r := other.post("/dashboard/connexion", url.Values{"csrf": {anon.csrf}, "login": {"admin"}, "password": {testPassword}}); r.status != http.StatusForbidden {
		t.Errorf("login with another browser's token: %d", r.status)
	}
}

func TestCookies(t *testing.T) {
	a := newApp(t)
	c := a.client(t)
	c.get("/dashboard/connexion")
	req, _ := http.NewRequest("POST", a.srv.URL+"/dashboard/connexion", strings.NewReader(url.Values{
		"csrf": {c.csrf}, "login": {"admin"}, "password": {testPassword}}.Encode()))
	req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	r, err := c.http.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	r.Body.Close()
	var found bool
	for _, ck := range r.Cookies() {
		if ck.Name == cookieLogin && ck.Value != "" {
			found = true
			if !ck.HttpOnly || ck.SameSite != http.SameSiteLaxMode || ck.Path != "/dashboard/" {
				t.Errorf("login cookie %+v", ck)
			}
		}
	}
	if !found {
		t.Fatal("no login cookie")
	}
	// Behind TLS, cookies are Secure.
	rec := newRecorder()
	req = httptestRequest("GET", "/dashboard/connexion")
	req.TLS = &tlsState
	a.h.ServeHTTP(rec, req)
	if cs := rec.Result().Cookies(); len(cs) == 0 || !cs[0].Secure {
		t.Errorf("cookies without Secure under TLS: %+v", cs)
	}
	if csp := rec.Header().Get("Content-Security-Policy"); !strings.Contains(csp, "default-src 'self'") {
		t.Errorf("CSP %q", csp)
	}
}

func TestLoginRateLimit(t *testing.T) {
	a := newApp(t)
	c := a.client(t)
	limited := false
	for i := 0; i < ratelimit.LoginPairBurst+2; i++ {
		r := c.login("admin", "mauvais-mot-de-passe")
		if r.status == http.StatusTooManyRequests {
			limited = true
			r.has(t, "Trop de tentatives")
			break
		}
		if r.status != http.StatusUnauthorized {
			t.Fatalf("attempt %d: %d", i, r.status)
		}
		r.has(t, "Identifiant ou mot de passe incorrect.")
	}
	if !limited {
		t.Fatal("login attempts are not limited")
	}
	// From the guesser's own address, even the right password waits (the
	// limit is per address; other addresses: TestLoginLockoutFromElsewhere
	// in server/).
	if r := c.login("admin", testPassword); r.status != http.StatusTooManyRequests {
		t.Errorf("right password while limited: %d", r.status)
	}
}

func TestPartnersAdmin(t *testing.T) {
	a := newApp(t)
	c := a.as(t, "admin")
	ctx := context.Background()
	// Invalid entries are refused in French.
	r := c.post("/dashboard/admin/partenaires", url.Values{"login": {"a b"}, "name": {"X"}})
	if r.status != http.StatusUnprocessableEntity {
		t.Errorf("bad login: %d", r.status)
	}
	r.has(t, "Identifiant invalide")
	r = c.post("/dashboard/admin/partenaires", url.Values{"login": {"cmartin"}, "name": {"Doublon"}})
	r.has(t, "Cet identifiant est déjà pris.")
	// Created with a generated password, shown once.
	r = c.post("/dashboard/admin/partenaires", url.Values{"login": {"mdurand"}, "name": {"Maëlle Durand"}})
	r.has(t, "Partenaire « Maëlle Durand » créé")
	pw := regexpFind(t, r.body, `<code>([A-Za-z0-9]{12})</code>`)
	if again := c.get("/dashboard/admin/partenaires"); strings.Contains(again.body, pw) {
		t.Error("the password is shown again")
	}
	p := a.client(t)
	if r := p.login("mdurand", pw); r.status != http.StatusSeeOther {
		t.Fatalf("new partner cannot log in: %d", r.status)
	}
	acc, err := a.db.AccountByLogin(ctx, "mdurand")
	if err != nil || acc.Role != store.RolePartner {
		t.Fatalf("account: %+v %v", acc, err)
	}
	id := strconv.FormatInt(acc.ID, 10)
	// Reset: the old password stops working, the new one is shown once.
	r = c.post("/dashboard/admin/partenaires/"+id+"/mot-de-passe", nil)
	r.has(t, "Nouveau mot de passe de « Maëlle Durand »")
	pw2 := regexpFind(t, r.body, `<code>([A-Za-z0-9]{12})</code>`)
	if _, err := a.db.Authenticate(ctx, "mdurand", pw); err == nil {
		t.Error("old password still works")
	}
	if _, err := a.db.Authenticate(ctx, "mdurand", pw2); err != nil {
		t.Errorf("new password: %v", err)
	}
	if r := p.get("/dashboard/"); r.status != http.StatusSeeOther {
		t.Error("a reset password keeps the partner logged in")
	}
	// Disable: no more login; enable again.
	r = c.post("/dashboard/admin/partenaires/"+id+"/desactiver", nil)
	if r.status != http.StatusSeeOther {
		t.Fatalf("disable: %d", r.status)
	}
	c.get("/dashboard/admin/partenaires").has(t, "Le compte de « Maëlle Durand » est désactivé", "désactivé")
	r = p.login("mdurand", pw2)
	r.has(t, "Ce compte est désactivé")
	c.post("/dashboard/admin/partenaires/"+id+"/activer", nil)
	if r := p.login("mdurand", pw2); r.status != http.StatusSeeOther {
		t.Errorf("enabled again: %d", r.status)
	}
	// Each partner's sessions.
	r = c.get("/dashboard/admin/partenaires/" + strconv.FormatInt(a.partners["cmartin"].ID, 10))
	r.has(t, "Camille Martin", "Hôtel de ville", "Espaces verts")
	r.hasNot(t, "Clemenceau")
	// The admin account is not a partner to manage.
	if r := c.post("/dashboard/admin/partenaires/"+strconv.FormatInt(a.admin.ID, 10)+"/desactiver", nil); r.status != http.StatusNotFound {
		t.Errorf("disable the admin: %d", r.status)
	}
}

func TestCampaignsAdmin(t *testing.T) {
	a := newApp(t)
	c := a.as(t, "admin")
	ctx := context.Background()
	year := time.Now().Year()
	r := c.post("/dashboard/admin/campagnes", url.Values{"year": {"1999"}, "goal": {"10"}, "start": {"1999-01-01"}, "end": {"1999-12-31"}})
	r.has(t, "Année invalide")
	r = c.post("/dashboard/admin/campagnes", url.Values{"year": {strconv.Itoa(year + 1)}, "goal": {"250"},
		"start": {fmt.Sprintf("%d-12-31", year+1)}, "end": {fmt.Sprintf("%d-01-01", year+1)}})
	r.has(t, "Dates invalides")
	r = c.post("/dashboard/admin/campagnes", url.Values{"year": {strconv.Itoa(year + 1)}, "goal": {"250"}, "name": {"Campagne suivante"},
		"start": {fmt.Sprintf("%d-01-01", year+1)}, "end": {fmt.Sprintf("%d-12-31", year+1)}})
	if r.status != http.StatusSeeOther {
		t.Fatalf("create: %d %s", r.status, text(r.body))
	}
	c.get("/dashboard/admin/campagnes").has(t, "Campagne enregistrée.", "Campagne suivante", "250")
	cur, _ := a.db.CurrentCampaign(ctx)
	if cur.Year != year {
		t.Errorf("current changed without being asked: %d", cur.Year)
	}
	cs, _ := a.db.Campaigns(ctx)
	next := cs[0]
	r = c.post(fmt.Sprintf("/dashboard/admin/campagnes/%d/courante", next.ID), nil)
	if r.status != http.StatusSeeOther {
		t.Fatalf("set current: %d", r.status)
	}
	if cur, _ := a.db.CurrentCampaign(ctx); cur.ID != next.ID {
		t.Errorf("current campaign %d, want %d", cur.ID, next.ID)
	}
	c.get("/dashboard/").has(t, "0 / 250 agents sensibilisés")
	// Edit the goal of this year's campaign.
	this := a.camps[year]
	r = c.post("/dashboard/admin/campagnes", url.Values{"id": {strconv.FormatInt(this.ID, 10)}, "year": {strconv.Itoa(year)},
		"goal": {"180"}, "name": {this.Name}, "start": {this.StartDate}, "end": {this.EndDate}})
	if got, _ := a.db.Campaign(ctx, this.ID); got.Goal != 180 || r.status != http.StatusSeeOther {
		t.Errorf("edit: %d, goal %d", r.status, got.Goal)
	}
	c.get(fmt.Sprintf("/dashboard/?campagne=%d", this.ID)).has(t, fmt.Sprintf("%d / 180 agents sensibilisés", a.s.agents2026))
}

func regexpFind(t *testing.T, s, re string) string {
	t.Helper()
	m := regexpMust(re).FindStringSubmatch(s)
	if m == nil {
		t.Fatalf("no %s in page", re)
	}
	return m[1]
}

func TestDecksAdmin(t *testing.T) {
	a := newApp(t)
	c := a.as(t, "admin")
	ctx := context.Background()
	before, _ := a.db.Deck(ctx, a.deck.ID)
	r := c.get("/dashboard/admin/jeux")
	r.has(t, a.deck.Title, "fourni avec mét’ODD", "Proposé aux partenaires")
	// A broken deck: every problem listed with its line; nothing stored.
	bad := strings.Replace(string(before.YAML), "engagement: 1\n", "engagement: 99\n", 1)
	bad = strings.Replace(bad, "type: qcm\n", "type: quiz\n", 1)
	r = c.upload("/dashboard/admin/jeux", "mon-jeu.yaml", []byte(bad))
	if r.status != http.StatusUnprocessableEntity {
		t.Fatalf("bad deck: %d", r.status)
	}
	_, perr := deckfile.ParseDeck("mon-jeu.yaml", []byte(bad))
	des, _ := perr.(deckfile.DeckErrors)
	if len(des) < 2 {
		t.Fatalf("the broken deck has %d problems", len(des))
	}
	r.has(t, "n’a pas été enregistré", fmt.Sprintf("%d problèmes", len(des)), "Le jeu en service reste inchangé")
	for _, e := range des {
		r.has(t, e.Message)
		if !strings.Contains(r.body, fmt.Sprintf(`<td class="num">%d</td>`, e.Line)) {
			t.Errorf("line %d not shown", e.Line)
		}
	}
	if after, _ := a.db.Deck(ctx, a.deck.ID); after.Version != before.Version {
		t.Error("a broken deck replaced the current one")
	}
	// A YAML syntax error too.
	r = c.upload("/dashboard/admin/jeux", "casse.yaml", []byte("id: x\ntitle: [oups\n"))
	r.has(t, "n’a pas été enregistré")
	// The same deck again: nothing changes.
	r = c.upload("/dashboard/admin/jeux", "metodd.yaml", before.YAML)
	if r.status != http.StatusSeeOther {
		t.Fatalf("same deck: %d", r.status)
	}
	c.get("/dashboard/admin/jeux").has(t, "identique à la version en service")
	// A new version.
	edited := strings.Replace(string(before.YAML), "title: \"mét’ODD — bilan RSO 2024\"", "title: \"mét’ODD — bilan RSO 2024 (révisé)\"", 1)
	if r := c.upload("/dashboard/admin/jeux", "metodd.yaml", []byte(edited)); r.status != http.StatusSeeOther {
		t.Fatalf("new version: %d %s", r.status, text(r.body))
	}
	c.get("/dashboard/admin/jeux").has(t, "(révisé)", "enregistré", "envoyé par Cellule RSO")
	after, _ := a.db.Deck(ctx, a.deck.ID)
	if after.Version == before.Version {
		t.Error("new version not stored")
	}
	// Played sessions keep their version: the session page still reads.
	c.get("/dashboard/seances/"+a.s.s1.id).has(t, before.Title)
	// Download.
	r = c.get("/dashboard/admin/jeux/" + a.deck.ID + "/yaml")
	if r.status != http.StatusOK || r.body != edited || !strings.Contains(r.header.Get("Content-Disposition"), a.deck.ID+".yaml") {
		t.Errorf("download: %d %q", r.status, r.header.Get("Content-Disposition"))
	}
	// Withdraw from partners, propose again.
	c.post("/dashboard/admin/jeux/"+a.deck.ID+"/retirer", nil)
	if ds, _ := a.db.Decks(ctx, true); len(ds) != 0 {
		t.Errorf("withdrawn deck still offered: %v", ds)
	}
	c.post("/dashboard/admin/jeux/"+a.deck.ID+"/proposer", nil)
	if ds, _ := a.db.Decks(ctx, true); len(ds) != 1 {
		t.Errorf("deck not offered again: %v", ds)
	}
	if r := c.upload("/dashboard/admin/jeux", "vide.yaml", nil); r.status != http.StatusUnprocessableEntity {
		t.Errorf("empty upload: %d", r.status)
	}
}

func TestPurge(t *testing.T) {
	a := newApp(t)
	c := a.as(t, "admin")
	year := time.Now().Year()
	r := c.get("/dashboard/admin/donnees?mois=1")
	r.has(t, "Purger les noms de plus de 1 mois")
	// Only last year's session and s1 (40 days ago) are older than a month.
	if r := c.post("/dashboard/admin/donnees/purge", url.Values{"months": {"0"}}); r.status != http.StatusUnprocessableEntity {
		t.Errorf("bad retention: %d", r.status)
	}
	// The store purges by counted_at for agents and by session creation
	// for rosters: sessions were all created now (the store stamps it),
	// so roster names stay and agents counted more than a month ago go.
	r = c.post("/dashboard/admin/donnees/purge", url.Values{"months": {"1"}})
	if r.status != http.StatusSeeOther {
		t.Fatalf("purge: %d", r.status)
	}
	c.get("/dashboard/admin/donnees").has(t, "Purge effectuée")
	rows := parseCSV(t, c.get(fmt.Sprintf("/dashboard/admin/export/agents.csv?campagne=%d", a.camps[year-1].ID)))
	if len(rows) != 3 || rows[1][0] != purgedName || rows[2][0] != purgedName {
		t.Errorf("last year's agents after purge: %v", rows)
	}
	rows = parseCSV(t, c.get("/dashboard/admin/export/agents.csv"))
	names := 0
	for _, r := range rows[1:] {
		if r[0] != purgedName {
			names++
		}
	}
	if len(rows)-1 != a.s.agents2026 || names != 3 {
		t.Errorf("this year after purge: %d agents, %d with names (want %d and 3: counted this month)", len(rows)-1, names, a.s.agents2026)
	}
	// Counts and breakdowns are unchanged.
	c.get("/dashboard/").has(t, fmt.Sprintf("%d / 200 agents sensibilisés", a.s.agents2026))
	if got := find(t, parseCSV(t, c.get("/dashboard/export/collectivites.csv")), "Total")[1]; got != "10" {
		t.Errorf("total after purge %s", got)
	}
}

func TestNotFoundAndStatic(t *testing.T) {
	a := newApp(t)
	c := a.as(t, "admin")
	for _, p := range []string{"/dashboard/inconnue", "/dashboard/seances/nope", "/dashboard/export/nope.csv", "/dashboard/admin/jeux/nope/yaml"} {
		if r := c.get(p); r.status != http.StatusNotFound {
			t.Errorf("%s: %d", p, r.status)
		}
	}
	for _, p := range []string{"/dashboard/static/style.css", "/dashboard/static/app.js", "/dashboard/static/logo.svg"} {
		if r := a.client(t).get(p); r.status != http.StatusOK || len(r.body) < 100 {
			t.Errorf("%s: %d", p, r.status)
		}
	}
	if r := a.client(t).get("/dashboard/static/"); r.status != http.StatusNotFound {
		t.Errorf("static listing: %d", r.status)
	}
}

// TestNoRemoteResources: nothing on a page comes from outside.
func TestNoRemoteResources(t *testing.T) {
	a := newApp(t)
	c := a.as(t, "admin")
	for _, p := range append(append([]string{}, figurePages...), adminPages...) {
		body := c.get(p).body
		for _, bad := range []string{`src="http`, `href="http`, "//fonts.", "cdn"} {
			if strings.Contains(body, bad) {
				t.Errorf("%s refers to %q", p, bad)
			}
		}
		if strings.Contains(body, " style=\"") {
			t.Errorf("%s has an inline style (blocked by the CSP)", p)
		}
	}
}
