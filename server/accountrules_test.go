package server

import (
	"strings"
	"testing"

	"metodd/server/store"
)

// TestPartnerRulesAreTheStores checks that the API applies the store's
// account rules (the dashboard applies the same, see its own test): a name
// of store.MaxNameRunes is taken, one more is refused with the store's
// message, and a generated password has the store's length.
func TestPartnerRulesAreTheStores(t *testing.T) {
	e := newEnv(t)
	var er struct{ Error string }
	long := strings.Repeat("é", store.MaxNameRunes+1)
	if st := e.api("POST", "/api/partners", e.admin, map[string]string{"login": "long", "name": long, "password": "motdepasse"}, &er); st != 400 || er.Error != store.ErrNameTooLong.Message {
		t.Fatalf("name of %d runes: %d %q", store.MaxNameRunes+1, st, er.Error)
	}
	if st := e.api("POST", "/api/partners", e.admin, map[string]string{"login": "long", "name": long[:len(long)-len("é")], "password": "motdepasse"}, nil); st != 201 {
		t.Fatalf("name of %d runes: %d", store.MaxNameRunes, st)
	}
	if st := e.api("POST", "/api/partners", e.admin, map[string]string{"login": "mdp", "password": strings.Repeat("x", store.MaxPasswordBytes+1)}, &er); st != 400 || er.Error != store.ErrLongPassword.Message {
		t.Fatalf("long password: %d %q", st, er.Error)
	}
	var gen struct{ Password string }
	if st := e.api("POST", "/api/partners", e.admin, map[string]string{"login": "genere"}, &gen); st != 201 || len(gen.Password) != store.GeneratedPasswordLen {
		t.Fatalf("generated password: %d %q", st, gen.Password)
	}
}
