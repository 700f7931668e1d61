package dashboard

import (
	"html/template"
	"strconv"
)

// A table is built once and shown two ways: as HTML on its page (French
// formatting, links, action buttons) and as a CSV download (raw values).
// Every table of the dashboard goes through this type, so every table can
// be exported the same way.
type table struct {
	Title  string
	Note   string // a line under the title
	Cols   []column
	Rows   []row
	Total  []cell // optional last line
	Export string // URL of its CSV export; "" for none
	Chart  template.HTML
	Empty  string // shown instead of an empty table
}

type column struct {
	Label string
	Short string // a shorter label for the page, where columns are many
	Unit  string // "%" etc.: in the CSV header, "Part (%)"
	Num   bool   // right-aligned
	Wrap  bool   // long text: wraps (a first column otherwise stays on one line, and a 300-character commitment pushed the « % » column off a 1366 px screen)
	CSV   bool   // in the CSV only: a key for spreadsheets (a card's id), never shown on a page
}

type row struct {
	Cells   []cell
	Actions []action // admin buttons, not exported
	Muted   bool     // greyed (disabled partner, ended session)
}

// cell is one value: Text on the page, Raw in the CSV.
type cell struct {
	Text string
	Raw  string
	Href string        // the page cell links there
	Bar  int           // 0–100: a small inline bar beside the number (shares)
	Good bool          // the bar is a share of good answers: coloured by level
	Tag  string        // CSS class of a badge ("ok", "warn", "live")
	HTML template.HTML // overrides Text on the page (an SVG swatch...)
}

// action is a button in a row: a POST form with the CSRF token, or a link.
type action struct {
	Label   string
	URL     string
	Post    bool
	Confirm string // asked before submitting
	Danger  bool
}

func txt(s string) cell { return cell{Text: s, Raw: s} }

func num(n int) cell { return cell{Text: frInt(n), Raw: strconv.Itoa(n)} }

func pct(p int) cell { return cell{Text: frPercent(p), Raw: strconv.Itoa(p), Bar: p} }

// goodPct is a share of good answers.
func goodPct(p int) cell { c := pct(p); c.Good = true; return c }

func link(s, href string) cell { return cell{Text: s, Raw: s, Href: href} }

func (t *table) add(cells ...cell) *row {
	t.Rows = append(t.Rows, row{Cells: cells})
	return &t.Rows[len(t.Rows)-1]
}
