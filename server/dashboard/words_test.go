package dashboard

import (
	"context"
	"html/template"
	"io/fs"
	"net/http"
	"net/url"
	"regexp"
	"strings"
	"testing"

	"metodd/game"
	"metodd/server/store"
)

// TestPlural: a count and its noun agree the French way (0 and 1
// singular), the number formatted with its thousands separator.
func TestPlural(t *testing.T) {
	for _, tc := range []struct {
		n    int
		want string
	}{
		{0, "0\u00a0partenaire actif"}, {1, "1\u00a0partenaire actif"}, {2, "2\u00a0partenaires actifs"},
		{12345, "12\u202f345\u00a0partenaires actifs"},
	} {
		if got := plural(tc.n, "partenaire actif", "partenaires actifs"); got != tc.want {
			t.Errorf("plural(%d) = %q, want %q", tc.n, got, tc.want)
		}
	}
}

// TestNoHandMadePlurals: no page or message builds a plural by hand
// (« {{if gt .N 1}}s{{end}} », « problème(s) »): they all go through
// plural and noun, so « 1 partenaires actifs » cannot come back.
func TestNoHandMadePlurals(t *testing.T) {
	bad := regexp.MustCompile(`\{\{if gt [^}]+ 1\}\}s\{\{end\}\}|[a-zé]\(s\)`)
	err := fs.WalkDir(templateFS, ".", func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		b, err := fs.ReadFile(templateFS, p)
		if err != nil {
			return err
		}
		for _, m := range bad.FindAllString(string(b), -1) {
			t.Errorf("%s: hand-made plural %q", p, m)
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	for _, msg := range []string{msgDeckInvalid, msgPurged, msgEdCardSavedBad, msgEdPublishInvalid, indSessions} {
		if bad.MatchString(msg) || strings.Contains(msg, " sessions ") {
			t.Errorf("message %q", msg)
		}
	}
}

// TestHomeOneMonthOnePartner: the home page's words with counts of one:
// « 1 partenaire actif », « 1 agent par mois sur le dernier mois » (never
// « 1 partenaires actifs », « sur les 1 mois restant »), and with more.
func TestHomeOneMonthOnePartner(t *testing.T) {
	tpl := parseTemplates("/dashboard")["home"]
	for _, tc := range []struct {
		n, months int
		want      []string
	}{
		{1, 1, []string{"1 partenaire actif ", "Reste 1 agent à sensibiliser", "1 agent par mois sur le dernier mois", "1 séance clôturée", "1 séance en cours"}},
		{3, 4, []string{"3 partenaires actifs", "Reste 3 agents", "3 agents par mois sur les 4 mois restants", "3 séances clôturées", "3 séances en cours"}},
	} {
		var b strings.Builder
		pg := &page{P: "/dashboard", Campaign: store.Campaign{Name: "Campagne", Year: 2026, Goal: 200, StartDate: "2026-01-01", EndDate: "2026-12-31"},
			Data: homeData{Progress: store.Progress{ActivePartners: tc.n, Closed: tc.n, Live: tc.n}, Left: tc.n, Pace: tc.n, MonthsLeft: tc.months,
				Months: &table{}, Live: &table{}, Recent: &table{}}}
		if err := tpl.ExecuteTemplate(&b, "content", pg); err != nil {
			t.Fatal(err)
		}
		tx := text(b.String())
		for _, w := range tc.want {
			if !strings.Contains(tx, w) {
				t.Errorf("home with %d: lacks %q in\n%s", tc.n, w, tx)
			}
		}
		for _, bad := range []string{"1 partenaires", "les 1 mois", "1 agents", "1 séances"} {
			if strings.Contains(tx, bad) {
				t.Errorf("home with %d: says %q", tc.n, bad)
			}
		}
	}
}

// TestNoInternalIDsOnPages: the cards and personal commitments tables show
// questions and texts, never the deck's internal ids; the CSV keeps the
// ids, a key for spreadsheets.
func TestNoInternalIDsOnPages(t *testing.T) {
	a := newApp(t)
	admin := a.as(t, "admin")
	var ids []string
	for _, x := range a.s.s1.sess.Results() {
		ids = append(ids, x.CardID)
	}
	for _, p := range a.s.s1.sess.Picks() {
		ids = append(ids, p.Commitment)
	}
	if len(ids) == 0 {
		t.Fatal("the fixture played no card")
	}
	for _, page := range []string{"/dashboard/seances/" + a.s.s1.id, "/dashboard/apprentissage"} {
		tx := text(admin.get(page).body)
		for _, id := range ids {
			if strings.Contains(tx, id) {
				t.Errorf("%s shows the internal id %q", page, id)
			}
		}
	}
	rows := parseCSV(t, admin.get("/dashboard/seances/"+a.s.s1.id+"/export/cartes.csv"))
	if len(rows) < 2 || rows[0][0] != colCardID || rows[1][0] != a.s.s1.sess.Results()[0].CardID {
		t.Errorf("cards export lost its ids: %v", rows[:min(2, len(rows))])
	}
}

// TestOwnPassword: a partner changes their own password with the current
// one and the account rules; a wrong current one, a short new one or two
// different entries are refused and change nothing; after the change the
// new password logs in, the old one no longer; every page links back to
// the game.
func TestOwnPassword(t *testing.T) {
	a := newApp(t)
	c := a.as(t, "cmartin")
	r := c.get("/dashboard/mot-de-passe")
	r.has(t, "Mon mot de passe", "Mot de passe actuel", "Retour au jeu")
	if !strings.Contains(r.body, `href="/"`) {
		t.Error("no link back to the game")
	}
	post := func(cur, pw, confirm string) resp {
		return c.post("/dashboard/mot-de-passe", url.Values{"current": {cur}, "new": {pw}, "confirm": {confirm}})
	}
	old := "partenaire-cmartin"
	for _, tc := range []struct{ cur, pw, confirm, msg string }{
		{"pas-le-bon-1", "nouveau-mdp-2026", "nouveau-mdp-2026", msgCurrentWrong},
		{old, "court", "court", store.ErrWeakPassword.Error()},
		{old, "nouveau-mdp-2026", "nouveau-mdp-2027", msgPasswordsDiffer},
	} {
		r := post(tc.cur, tc.pw, tc.confirm)
		if r.status < 400 {
			t.Errorf("%+v accepted: %d", tc, r.status)
		}
		r.has(t, tc.msg)
	}
	if _, err := a.db.Authenticate(context.Background(), "cmartin", old); err != nil {
		t.Fatalf("a refused change changed the password: %v", err)
	}
	if r := post(old, "nouveau-mdp-2026", "nouveau-mdp-2026"); r.status != http.StatusSeeOther {
		t.Fatalf("change: %d\n%s", r.status, text(r.body))
	}
	c.get("/dashboard/").has(t, msgPasswordChanged)
	if _, err := a.db.Authenticate(context.Background(), "cmartin", "nouveau-mdp-2026"); err != nil {
		t.Errorf("the new password does not log in: %v", err)
	}
	if _, err := a.db.Authenticate(context.Background(), "cmartin", old); err == nil {
		t.Error("the old password still logs in")
	}
	// Still logged in in this browser.
	if r := c.get("/dashboard/seances"); r.status != http.StatusOK || !strings.Contains(r.body, "Séances") {
		t.Errorf("logged out after the change: %d", r.status)
	}
}

// TestLongTextCellsWrap: the personal commitments' texts wrap (the first
// column of a table stays on one line otherwise, pushing the « % » column
// off a 1366 px screen).
func TestLongTextCellsWrap(t *testing.T) {
	a := newApp(t)
	body := a.as(t, "admin").get("/dashboard/apprentissage").body
	picks := a.s.s1.sess.Picks()
	if len(picks) == 0 {
		t.Fatal("no personal commitment in the fixture")
	}
	var c game.Commitment
	for _, x := range a.deck.Commitments {
		if x.ID == picks[0].Commitment {
			c = x
		}
	}
	if c.Text == "" {
		t.Fatalf("commitment %q", picks[0].Commitment)
	}
	if !strings.Contains(body, `<td class="wrap">`+template.HTMLEscapeString(c.Text)) {
		t.Errorf("the commitment %q is not in a wrapping cell", c.Text)
	}
}
