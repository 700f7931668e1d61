package ui

import (
	"errors"
	"math"
	"strconv"
	"strings"

	"metodd/game"
)

// errNumber is why an estimation could not be read; its text is shown.
//
//lint:ignore ST1005 a French sentence shown to the player as it is
var errNumber = errors.New(msgBadNumber)

//lint:ignore ST1005 a French sentence shown to the player as it is
var errNumberRange = errors.New(msgNumberRange)

// maxEstimate bounds an estimation: the rules' bound of a guess.
const maxEstimate = game.MaxGuess

// parseNumber reads a number the way a French speaker types it: "1 500",
// "1 500,5", "1,5", "1.5", "1.500.000", "12 %" (unit signs are ignored).
// Only positive numbers are valid estimates.
func parseNumber(s string) (float64, error) {
	var b strings.Builder
	for _, r := range s {
		switch {
		case r == ' ' || r == '\u00a0' || r == '\u202f' || r == '\'' || r == '’' || r == '\t':
			// thousands separators
		case r == '%' || r == '€' || r == '+':
		default:
			b.WriteRune(r)
		}
	}
	t := b.String()
	if t == "" {
		return 0, errNumber
	}
	dots, commas := strings.Count(t, "."), strings.Count(t, ",")
	switch {
	case commas > 1:
		return 0, errNumber
	case commas == 1:
		t = strings.ReplaceAll(t, ".", "") // "1.500,5": dots group thousands
		t = strings.Replace(t, ",", ".", 1)
	case dots > 1:
		t = strings.ReplaceAll(t, ".", "") // "1.500.000"
	}
	for _, r := range t {
		if (r < '0' || r > '9') && r != '.' && r != '-' {
			return 0, errNumber
		}
	}
	v, err := strconv.ParseFloat(t, 64)
	if err != nil || math.IsNaN(v) || math.IsInf(v, 0) {
		return 0, errNumber
	}
	if v <= 0 || v > maxEstimate {
		return 0, errNumberRange
	}
	return v, nil
}

// formatNumber writes v the French way: groups of three, decimal comma.
func formatNumber(v float64) string {
	neg := v < 0
	v = math.Abs(v)
	ip, fp := math.Modf(v)
	digits := strconv.FormatFloat(ip, 'f', 0, 64)
	var b strings.Builder
	if neg {
		b.WriteString("-")
	}
	for i, r := range digits {
		if i > 0 && (len(digits)-i)%3 == 0 {
			b.WriteRune('\u00a0') // as game.FrenchNumber and the decks' figures do
		}
		b.WriteRune(r)
	}
	if fp > 1e-9 {
		f := strconv.FormatFloat(fp, 'f', 2, 64) // "0.50"
		f = strings.TrimRight(f[2:], "0")
		if f != "" {
			b.WriteString("," + f)
		}
	}
	return b.String()
}

// formatInt is formatNumber for counts and scores.
func formatInt(n int) string { return formatNumber(float64(n)) }
