package game

import "testing"

func TestIdentityKey(t *testing.T) {
	base := IdentityKey(Member{FirstName: "Hélène", LastName: "Dupont-Moreau", Collectivite: "Dijon métropole"})
	if base != "helene|dupont moreau|dijon metropole" {
		t.Errorf("key = %q", base)
	}
	same := []Member{
		{FirstName: "HELENE", LastName: "dupont moreau", Collectivite: "Dijon Métropole"},
		{FirstName: "  Hélène ", LastName: "Dupont  -  Moreau", Collectivite: "dijon  metropole"},
		{FirstName: "He\u0301le\u0300ne", LastName: "DUPONT MOREAU", Collectivite: "DIJON MÉTROPOLE"},
	}
	for _, m := range same {
		if k := IdentityKey(m); k != base {
			t.Errorf("%+v: key %q, want %q", m, k, base)
		}
	}
	other := []Member{
		{FirstName: "Hélène", LastName: "Dupont", Collectivite: "Dijon métropole"},
		{FirstName: "Hélène", LastName: "Dupont-Moreau", Collectivite: "CCAS"},
	}
	for _, m := range other {
		if IdentityKey(m) == base {
			t.Errorf("%+v folded to the same key", m)
		}
	}
	for in, want := range map[string]string{
		"Jean-François D’Arc": "jean francois d arc",
		"Œdipe Ça":            "oedipe ca",
		"  ":                  "",
		"Zoë\tÅsa":            "zoe asa",
	} {
		if got := Fold(in); got != want {
			t.Errorf("Fold(%q) = %q, want %q", in, got, want)
		}
	}
}
