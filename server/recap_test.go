package server

import (
	"crypto/sha256"
	"encoding/base64"
	"io"
	"net/http"
	"regexp"
	"strings"
	"testing"

	"metodd/game"
)

// get fetches path from the test server: status, headers, body.
func (e *env) get(path string) (int, http.Header, string) {
	e.t.Helper()
	resp, err := http.Get(e.hs.URL + path)
	if err != nil {
		e.t.Fatal(err)
	}
	defer resp.Body.Close()
	b, err := io.ReadAll(resp.Body)
	if err != nil {
		e.t.Fatal(err)
	}
	return resp.StatusCode, resp.Header, string(b)
}

// TestRecapPage: a commitment of the standard deck has its page at
// /engagement/{id}: French, its text, engagement, axis and goals, the
// site's security headers and a policy that allows its own style only,
// and nothing personal although a team with named agents plays; an
// unknown or malformed id is a French 404 page.
func TestRecapPage(t *testing.T) {
	e := newEnv(t)
	c := e.createSession(e.partner, nil)
	e.joinTeam(c.Code, "Les Castors Discrets", agent("Inès", "Moreauzyx"))

	st, hd, body := e.get(game.RecapPath("j-imprime-moins"))
	if st != http.StatusOK || !strings.HasPrefix(hd.Get("Content-Type"), "text/html") {
		t.Fatalf("recap: %d %s", st, hd.Get("Content-Type"))
	}
	for _, want := range []string{`lang="fr"`, "Mon engagement mét’ODD",
		"imprime que si c", "est nécessaire, en recto-verso", "11. Promouvoir une gestion sobre et durable des ressources",
		"Axe 3&nbsp;: Impact environnemental", "ODD 12&nbsp;: Consommation et production responsables", "Imprimer"} {
		if !strings.Contains(body, want) {
			t.Errorf("the recap lacks %q", want)
		}
	}
	for _, secret := range []string{"Inès", "Moreauzyx", "Castors", c.Code, "<script", "http://", "https://"} {
		if strings.Contains(body, secret) {
			t.Errorf("the recap shows %q", secret)
		}
	}
	for k, want := range map[string]string{"X-Content-Type-Options": "nosniff", "X-Frame-Options": "DENY", "Referrer-Policy": "same-origin"} {
		if hd.Get(k) != want {
			t.Errorf("%s: %q, want %q", k, hd.Get(k), want)
		}
	}
	csp := hd.Get("Content-Security-Policy")
	for _, want := range []string{"default-src 'none'", "frame-ancestors 'none'", "base-uri 'none'"} {
		if !strings.Contains(csp, want) {
			t.Errorf("policy %q lacks %q", csp, want)
		}
	}
	// The inline style is the one the policy's hash allows.
	m := regexp.MustCompile(`(?s)<style>(.*?)</style>`).FindStringSubmatch(body)
	if m == nil {
		t.Fatal("the recap has no style")
	}
	h := sha256.Sum256([]byte(m[1]))
	if !strings.Contains(csp, "'sha256-"+base64.StdEncoding.EncodeToString(h[:])+"'") {
		t.Errorf("policy %q does not allow the page's style", csp)
	}

	for _, path := range []string{game.RecapPath("pas-un-engagement"), "/engagement/..%2Fdashboard", "/engagement/" + strings.Repeat("a", 200), "/engagement/%3Cscript%3E"} {
		st, hd, body := e.get(path)
		if st != http.StatusNotFound || !strings.HasPrefix(hd.Get("Content-Type"), "text/html") {
			t.Errorf("%s: %d %s, want a 404 page", path, st, hd.Get("Content-Type"))
		}
		if !strings.Contains(body, "Engagement introuvable") || !strings.Contains(body, `lang="fr"`) || strings.Contains(body, "<script") {
			t.Errorf("%s: not the French 404 page:\n%s", path, body)
		}
	}
}
