package game

import (
	"strings"
	"unicode"

	"golang.org/x/text/unicode/norm"
)

// foldTable maps the accented letters of French (and of the names agents
// carry) to their base letters. A small table is enough here and keeps
// game free of extra modules; letters it does not know are kept as they are.
var foldTable = map[rune]string{
	'à': "a", 'á': "a", 'â': "a", 'ã': "a", 'ä': "a", 'å': "a", 'ā': "a", 'ă': "a", 'ą': "a",
	'æ': "ae",
	'ç': "c", 'ć': "c", 'č': "c",
	'ď': "d", 'đ': "d",
	'è': "e", 'é': "e", 'ê': "e", 'ë': "e", 'ē': "e", 'ė': "e", 'ę': "e", 'ě': "e",
	'ğ': "g",
	'ì': "i", 'í': "i", 'î': "i", 'ï': "i", 'ī': "i", 'į': "i", 'ı': "i",
	'ł': "l", 'ľ': "l",
	'ñ': "n", 'ń': "n", 'ň': "n",
	'ò': "o", 'ó': "o", 'ô': "o", 'õ': "o", 'ö': "o", 'ø': "o", 'ō': "o", 'ő': "o",
	'œ': "oe",
	'ř': "r",
	'ś': "s", 'š': "s", 'ş': "s", 'ș': "s", 'ß': "ss",
	'ť': "t", 'ţ': "t", 'ț': "t",
	'ù': "u", 'ú': "u", 'û': "u", 'ü': "u", 'ū': "u", 'ů': "u", 'ű': "u",
	'ý': "y", 'ÿ': "y",
	'ź': "z", 'ż': "z", 'ž': "z",
}

// combining diacritics (U+0300–U+036F) come from text typed in decomposed
// form ("e" + U+0301): they are dropped.
func isCombining(r rune) bool { return r >= 0x300 && r <= 0x36f }

// separators are folded to one space: "Jean-Pierre", "Jean Pierre" and
// "jean  pierre" are the same name, and so are "D'Arc" and "D Arc".
func isSeparator(r rune) bool {
	switch r {
	case '-', '\'', '’', 'ʼ', '‘', '`', '´', '.', '_', '‐', '‑', '–', '—':
		return true
	}
	return unicode.IsSpace(r)
}

// Invisible reports the characters a name must not carry because they
// show nothing, or change how the rest shows, without changing what a
// reader sees as the name: the format characters (Unicode category Cf:
// zero-width space U+200B, soft hyphen U+00AD, word joiner U+2060, byte
// order mark U+FEFF, the bidirectional marks and overrides U+200E, U+202A–
// U+202E, U+2066–U+2069…), the variation selectors, and the other
// default-ignorable code points (Hangul fillers, U+034F…). Inside a name
// they would make one person count as several agents, or two teams look
// alike under different names.
func Invisible(r rune) bool {
	return unicode.Is(unicode.Cf, r) || unicode.Is(unicode.Variation_Selector, r) ||
		unicode.Is(unicode.Other_Default_Ignorable_Code_Point, r)
}

// StripInvisible removes the Invisible characters of a displayed name, so
// what is stored and shown is what a reader sees.
func StripInvisible(s string) string {
	if strings.IndexFunc(s, Invisible) < 0 {
		return s
	}
	return strings.Map(func(r rune) rune {
		if Invisible(r) {
			return -1
		}
		return r
	}, s)
}

// Fold normalises a name for comparison: invisible characters removed,
// Unicode compatibility forms unified (NFKC: full-width letters, ligatures,
// composed and decomposed accents), lower case, accents removed, spaces,
// hyphens and apostrophes collapsed to single spaces, trimmed.
//
// NFKC (composition, not NFKD) keeps the key of every name typed in the
// usual composed form exactly what it was before NFKC was added, so
// agents counted by an older version are still recognised.
func Fold(s string) string {
	s = norm.NFKC.String(StripInvisible(s))
	var b strings.Builder
	space := false
	for _, r := range strings.ToLower(s) {
		switch {
		case isSeparator(r):
			space = true
			continue
		case isCombining(r) || unicode.IsControl(r) || Invisible(r):
			continue
		}
		if space && b.Len() > 0 {
			b.WriteByte(' ')
		}
		space = false
		if f, ok := foldTable[r]; ok {
			b.WriteString(f)
		} else {
			b.WriteRune(r)
		}
	}
	return b.String()
}

// lookAlikes maps the Cyrillic and Greek letters (lower case: Fold ran
// first) whose glyphs pass for Latin ones in common fonts to those Latin
// letters: « Lеs Castors » with a Cyrillic « е » is the same team name.
// Only team names use it (TeamKey); an agent's identity keeps Fold, so the
// agents counted before it existed keep their keys.
var lookAlikes = map[rune]rune{
	// Cyrillic
	'а': 'a', 'в': 'b', 'е': 'e', 'ё': 'e', 'з': '3', 'і': 'i', 'ї': 'i', 'ј': 'j', 'к': 'k',
	'м': 'm', 'н': 'h', 'о': 'o', 'р': 'p', 'с': 'c', 'т': 't', 'у': 'y', 'х': 'x',
	'ѕ': 's', 'ԁ': 'd', 'һ': 'h', 'ӏ': 'l', 'ԛ': 'q', 'ԝ': 'w', 'ь': 'b',
	// Greek
	'α': 'a', 'β': 'b', 'ε': 'e', 'η': 'n', 'ι': 'i', 'κ': 'k', 'μ': 'u', 'ν': 'v',
	'ο': 'o', 'ρ': 'p', 'τ': 't', 'υ': 'u', 'χ': 'x', 'ζ': 'z',
}

// TeamKey is what two team names are compared by: Fold, then the letters
// of another script that look Latin mapped to them (lookAlikes), so a
// look-alike of a taken name is refused as taken.
func TeamKey(name string) string {
	return strings.Map(func(r rune) rune {
		if l, ok := lookAlikes[r]; ok {
			return l
		}
		return r
	}, Fold(name))
}

// IdentityKey is the normalised identity an agent is counted by: first and
// last name and collectivité, each folded (Fold): invisible characters,
// compatibility forms, case, accents and spaces do not make a new agent.
func IdentityKey(m Member) string {
	return Fold(m.FirstName) + "|" + Fold(m.LastName) + "|" + Fold(m.Collectivite)
}
