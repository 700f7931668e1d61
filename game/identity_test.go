package game

import "testing"

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
