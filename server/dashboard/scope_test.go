package dashboard

import (
	"net/http"
	"strconv"
	"strings"
	"testing"
	"time"

	"metodd/game"
)

// A partner sees only its own sessions, live ones included, on every page
// and in every export; the admin sees all. Two partners have a session
// being played: Sophie Lefèvre (the scenario's, at the Bibliothèque) and
// Camille Martin (at the Atelier municipal).
func TestPartnerSeesOnlyOwnLiveSessions(t *testing.T) {
	a := newApp(t)
	own := a.play(play{partner: "cmartin", year: time.Now().Year(), format: game.FormatExpress, direction: "Voirie",
		site: "Atelier municipal", teams: []team{{"Cantonniers", []game.Member{m("Rémi", "Pavé", "Ville de Dijon", "Voirie", "C")}}}})
	other := a.s.s5 // Sophie Lefèvre's, live
	foreign := []string{"Bibliothèque", "Sophie Lefèvre", other.id, other.code}

	camille := a.as(t, "cmartin")
	home := camille.get("/dashboard/")
	home.has(t, "Séances en cours", "Atelier municipal", "1 séance en cours")
	home.hasNot(t, foreign...)
	home.hasNot(t, "Clemenceau") // Julien Dupont's closed session, in the recent sessions
	live := parseCSV(t, camille.get("/dashboard/export/en-cours.csv"))
	if len(live) != 2 || live[1][1] != "Camille Martin" || live[1][3] != "Atelier municipal" {
		t.Errorf("partner's live sessions export: %v", live)
	}
	for _, p := range append(append([]string{}, figurePages...), "/dashboard/seances?etat=live",
		"/dashboard/seances?etat=live&partenaire="+strconv.FormatInt(a.partners["slefevre"].ID, 10)) {
		r := camille.get(p)
		if r.status != http.StatusOK {
			t.Errorf("partner %s: status %d", p, r.status)
		}
		r.hasNot(t, foreign...)
	}
	camille.get("/dashboard/seances?etat=live").has(t, "1 séance", "Atelier municipal")
	for _, name := range exports {
		for _, q := range []string{"", "?etat=live", "?partenaire=" + strconv.FormatInt(a.partners["slefevre"].ID, 10)} {
			r := camille.get("/dashboard/export/" + name + ".csv" + q)
			parseCSV(t, r)
			r.hasNot(t, foreign...)
		}
	}
	base := "/dashboard/seances/" + other.id
	for _, p := range []string{base, base + "/export/equipes.csv", base + "/export/cartes.csv", base + "/export/engagements-personnels.csv"} {
		if r := camille.get(p); r.status != http.StatusNotFound {
			t.Errorf("partner opens another partner's live session %s: status %d", p, r.status)
		}
	}
	if r := camille.get("/dashboard/seances/" + own.id); r.status != http.StatusOK {
		t.Errorf("partner's own live session: status %d", r.status)
	}

	// The admin sees both, everywhere.
	admin := a.as(t, "admin")
	admin.get("/dashboard/").has(t, "2 séances en cours", "Atelier municipal", "Bibliothèque", "Sophie Lefèvre", "Clemenceau")
	if rows := parseCSV(t, admin.get("/dashboard/export/en-cours.csv")); len(rows) != 3 {
		t.Errorf("admin's live sessions export: %d lines, want header + 2", len(rows))
	}
	admin.get("/dashboard/seances?etat=live").has(t, "2 séances", "Atelier municipal", "Bibliothèque")
	if r := admin.get(base); r.status != http.StatusOK || !strings.Contains(r.body, "Bibliothèque") {
		t.Errorf("admin opens a live session: status %d", r.status)
	}
}
