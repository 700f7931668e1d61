package dashboard

import (
	"net/http"
	"net/url"
	"strings"
	"testing"

	"metodd/server/store"
)

// TestPartnerRulesAreTheStores checks that the dashboard applies the store's
// account rules, with the store's French messages (the API applies the
// same): they were copied here once, with a name cap of 100 against the
// API's 120 and passwords of 12 against 16 characters.
func TestPartnerRulesAreTheStores(t *testing.T) {
	a := newApp(t)
	c := a.as(t, "admin")
	long := strings.Repeat("é", store.MaxNameRunes+1)
	r := c.post("/dashboard/admin/partenaires", url.Values{"login": {"long"}, "name": {long}})
	if r.status != http.StatusUnprocessableEntity {
		t.Errorf("name of %d runes: %d", store.MaxNameRunes+1, r.status)
	}
	r.has(t, store.ErrNameTooLong.Message)
	r = c.post("/dashboard/admin/partenaires", url.Values{"login": {"court"}, "name": {"Court"}, "password": {"abc"}})
	r.has(t, store.ErrWeakPassword.Message)
	r = c.post("/dashboard/admin/partenaires", url.Values{"login": {"long"}, "name": {long[:len(long)-len("é")]}})
	r.has(t, "Partenaire « ")
	pw := regexpFind(t, r.body, `<code>([A-Za-z0-9]+)</code>`)
	if len(pw) != store.GeneratedPasswordLen {
		t.Errorf("generated password of %d characters, the store's rule is %d", len(pw), store.GeneratedPasswordLen)
	}
}
