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

// Invisible characters and compatibility forms fold away; names typed in
// the usual composed form keep the key they had before (agents counted by
// an older version are still recognised).
func TestFoldInvisibleAndCompatibility(t *testing.T) {
	for in, want := range map[string]string{
		"Jean Dupont":                   "jean dupont",
		"Je\u200Ban Du\u00ADpont":       "jean dupont",
		"Jean\u2060 Dupont\uFEFF":       "jean dupont",
		"\u202EJean\u202C \u200EDupont": "jean dupont",
		"Ｊｅａｎ Ｄｕｐｏｎｔ":                   "jean dupont",
		"Jean\uFE0F Dupont\u115F":       "jean dupont",
		"Ké\u200Bvin":                   "kevin",
		"Hélène":                        "helene",
		"He\u0301le\u0300ne":            "helene",
		"Œdipe Ça":                      "oedipe ca",
		"Jean-François D’Arc":           "jean francois d arc",
		"ﬁlippo":                        "filippo",
	} {
		if got := Fold(in); got != want {
			t.Errorf("Fold(%q) = %q, want %q", in, got, want)
		}
	}
	if got := StripInvisible("Les\u00AD Hi\u200Bboux\u202E"); got != "Les Hiboux" {
		t.Errorf("StripInvisible = %q", got)
	}
}

// TestTeamKeyLookAlikes: a team name written with Cyrillic or Greek
// letters that look Latin has the Latin name's key; an agent's identity
// key (Fold) is unchanged by it, so agents counted before keep their keys.
func TestTeamKeyLookAlikes(t *testing.T) {
	for _, name := range []string{"L\u0435s C\u0430stors", "LES CAST\u039fRS", "l\u0435s \u0441astors"} {
		if TeamKey(name) != TeamKey("Les Castors") {
			t.Errorf("TeamKey(%q) = %q, want %q", name, TeamKey(name), TeamKey("Les Castors"))
		}
	}
	if Fold("\u0418\u0432\u0430\u043d") != "\u0438\u0432\u0430\u043d" {
		t.Errorf("Fold changed a Cyrillic name: %q", Fold("Иван"))
	}
	if TeamKey("Les Hiboux") == TeamKey("Les Castors") {
		t.Error("two different names share a key")
	}
}
