package server

import (
	"io"
	"net/http"
	"strings"
	"testing"
)

// TestStatement: the accessibility statement is served in French at
// /accessibilite, in the RGAA form (its required sections are there).
func TestStatement(t *testing.T) {
	e := newEnv(t)
	resp, err := http.Get(e.hs.URL + "/accessibilite")
	if err != nil {
		t.Fatal(err)
	}
	body, _ := io.ReadAll(resp.Body)
	resp.Body.Close()
	if resp.StatusCode != 200 || !strings.HasPrefix(resp.Header.Get("Content-Type"), "text/html") {
		t.Fatalf("/accessibilite: %d %s", resp.StatusCode, resp.Header.Get("Content-Type"))
	}
	for _, want := range []string{`lang="fr"`, "Déclaration d’accessibilité", "État de conformité", "partiellement conforme",
		"Non-conformités", "Dérogations", "Contenus non soumis", "Établissement de cette déclaration", "Technologies utilisées",
		"Environnement de test", "Retour d’information et contact", "Voies de recours", "Défenseur des droits"} {
		if !strings.Contains(string(body), want) {
			t.Errorf("the statement lacks %q", want)
		}
	}
}
