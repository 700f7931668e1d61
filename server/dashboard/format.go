package dashboard

import (
	"strconv"
	"strings"
	"time"
)

// French number and date formatting for pages (CSV files get raw values).

// thinSpace separates thousands the French way ("10 000"), as a narrow
// no-break space so a number never wraps.
const thinSpace = "\u202f"

// frInt formats an integer with French thousands separators.
func frInt(n int) string {
	s := strconv.Itoa(n)
	neg := strings.HasPrefix(s, "-")
	if neg {
		s = s[1:]
	}
	var b strings.Builder
	for i, r := range s {
		if i > 0 && (len(s)-i)%3 == 0 {
			b.WriteString(thinSpace)
		}
		b.WriteRune(r)
	}
	if neg {
		return "-" + b.String()
	}
	return b.String()
}

// noun is the French form of a noun after the count n: 0 and 1 take the
// singular (« 0 séance », « 1 partenaire actif », « 3 partenaires actifs »).
func noun(n int, one, many string) string {
	if n >= -1 && n <= 1 {
		return one
	}
	return many
}

// plural writes a count and its noun agreeing with it, the number
// formatted the French way: « 1 partenaire actif », « 12 séances ». Every
// number+noun of the dashboard goes through it (or noun, when the number
// is styled apart).
func plural(n int, one, many string) string { return frInt(n) + "\u00a0" + noun(n, one, many) }

// frPercent is "68 %" (French puts a no-break space before %).
func frPercent(p int) string { return strconv.Itoa(p) + "\u00a0%" }

// percent is part/whole in whole percent, rounded; 0 when whole is 0.
func percent(part, whole int) int {
	if whole <= 0 {
		return 0
	}
	return (part*100 + whole/2) / whole
}

// goalPercent is the share of a goal reached, rounded down: 199 of 200 is
// 99 %, not a premature 100 %.
func goalPercent(count, goal int) int {
	if goal <= 0 {
		return 0
	}
	return count * 100 / goal
}

// frDate is "26/11/2025" in the server's time zone; "" for 0.
func frDate(ms int64) string {
	if ms == 0 {
		return ""
	}
	return time.UnixMilli(ms).Local().Format("02/01/2006")
}

// frDateTime is "26/11/2025 14:05"; "" for 0.
func frDateTime(ms int64) string {
	if ms == 0 {
		return ""
	}
	return time.UnixMilli(ms).Local().Format("02/01/2006 15:04")
}

// isoDate is "2025-11-26", the CSV form of a date; "" for 0.
func isoDate(ms int64) string {
	if ms == 0 {
		return ""
	}
	return time.UnixMilli(ms).Local().Format("2006-01-02")
}

// isoDateTime is "2025-11-26 14:05", the CSV form of a time; "" for 0.
func isoDateTime(ms int64) string {
	if ms == 0 {
		return ""
	}
	return time.UnixMilli(ms).Local().Format("2006-01-02 15:04")
}

// frMonth turns "2025-03" into "mars 2025" (short: "mars 25").
func frMonth(ym string, short bool) string {
	t, err := time.Parse("2006-01", ym)
	if err != nil {
		return ym
	}
	if short {
		return shortMonthNames[t.Month()-1] + " " + t.Format("06")
	}
	return monthNames[t.Month()-1] + " " + t.Format("2006")
}

// frDay turns "2025-12-31" into "31 décembre 2025".
func frDay(ymd string) string {
	t, err := time.Parse("2006-01-02", ymd)
	if err != nil {
		return ymd
	}
	return strconv.Itoa(t.Day()) + " " + monthNames[t.Month()-1] + " " + strconv.Itoa(t.Year())
}

func label(m map[string]string, k string) string {
	if l, ok := m[k]; ok {
		return l
	}
	return k
}

// orNotGiven shows an empty breakdown key as "Non renseigné".
func orNotGiven(s string) string {
	if strings.TrimSpace(s) == "" {
		return notGiven
	}
	return s
}
