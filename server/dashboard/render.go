package dashboard

import (
	"bytes"
	"fmt"
	"html/template"
	"io/fs"
	"net/http"
	"path"
	"strconv"
	"strings"

	"metodd/server/store"
)

// page is what every template gets.
type page struct {
	P         string // URL prefix of the dashboard
	Title     string
	Nav       string // the menu entry to highlight
	Admin     bool
	User      string
	CSRF      string
	Campaigns []store.Campaign
	Campaign  store.Campaign
	CQ        string // "?campagne=N" (or ""), to keep the chosen campaign in links
	Flash     string
	Secret    string // a password shown once
	Error     string
	Errors    []string
	Data      any
}

func sprintf(format string, a ...any) string { return fmt.Sprintf(format, a...) }

var funcs = template.FuncMap{
	"int":     frInt,
	"noun":    noun,
	"plural":  plural,
	"pct":     frPercent,
	"minibar": minibar,
	"date":    frDate,
	"dt":      frDateTime,
	"day":     frDay,
	"month":   func(s string) string { return frMonth(s, false) },
	"state":   func(s string) string { return label(stateLabels, s) },
	"format":  func(s string) string { return label(formatLabels, s) },
	"mode":    func(s string) string { return label(modeLabels, s) },
	"swatch":  swatch,
	"tbl": func(t *table, csrf string) map[string]any {
		return map[string]any{"T": t, "CSRF": csrf}
	},
	"tblID": func(t *table, csrf, id string) map[string]any {
		return map[string]any{"T": t, "CSRF": csrf, "ID": id}
	},
	"hasActions": func(t *table) bool {
		for _, r := range t.Rows {
			if len(r.Actions) > 0 {
				return true
			}
		}
		return false
	},
	"join": func(base, q string) string { // appends a query to a URL that may have one
		if q == "" {
			return base
		}
		if strings.Contains(base, "?") {
			return base + "&" + strings.TrimPrefix(q, "?")
		}
		return base + q
	},
}

// parseTemplates builds one template set per page: the layout plus that
// page's file. A broken template is a programming error: it panics at start
// (and in every test).
func parseTemplates(prefix string) map[string]*template.Template {
	base := template.Must(template.New("layout.html").Funcs(funcs).ParseFS(templateFS,
		"templates/layout.html", "templates/parts.html"))
	names, err := fs.Glob(templateFS, "templates/*.html")
	if err != nil {
		panic(err)
	}
	out := map[string]*template.Template{}
	for _, n := range names {
		b := path.Base(n)
		if b == "layout.html" || b == "parts.html" {
			continue
		}
		t := template.Must(template.Must(base.Clone()).ParseFS(templateFS, n))
		out[strings.TrimSuffix(b, ".html")] = t
	}
	return out
}

// render executes a page into a buffer first, so a template error becomes
// a clean 500 instead of half a page.
func (h *Handler) render(w http.ResponseWriter, status int, name string, pg *page) {
	t, ok := h.pages[name]
	if !ok {
		panic("dashboard: no template " + name)
	}
	var buf bytes.Buffer
	if err := t.ExecuteTemplate(&buf, "layout.html", pg); err != nil {
		h.log.Error("dashboard: template", "page", name, "err", err)
		http.Error(w, msgServerError, http.StatusInternalServerError)
		return
	}
	w.Header().Set("Content-Type", "text/html; charset=utf-8")
	w.WriteHeader(status)
	_, _ = buf.WriteTo(w)
}

// newPage fills what the layout needs: the viewer, the campaigns and which
// one is shown (?campagne=ID, else the current one).
func (h *Handler) newPage(r *http.Request, v *viewer, title, nav string) *page {
	pg := &page{P: h.prefix, Title: title, Nav: nav}
	if v == nil {
		return pg
	}
	pg.Admin = v.admin()
	pg.User = v.acc.Name
	pg.CSRF = v.csrf()
	cs, err := h.db.Campaigns(r.Context())
	if err != nil {
		h.log.Error("dashboard: campaigns", "err", err)
		return pg
	}
	pg.Campaigns = cs
	want, _ := strconv.ParseInt(r.URL.Query().Get("campagne"), 10, 64)
	for _, c := range cs {
		if (want != 0 && c.ID == want) || (want == 0 && c.Current) {
			pg.Campaign = c
		}
	}
	if pg.Campaign.ID == 0 && len(cs) > 0 {
		pg.Campaign = cs[0]
	}
	if want != 0 && pg.Campaign.ID == want && !pg.Campaign.Current {
		pg.CQ = "?campagne=" + strconv.FormatInt(want, 10)
	}
	return pg
}

// show renders a page for a logged-in viewer, with any flash notice.
func (h *Handler) show(w http.ResponseWriter, r *http.Request, status int, name string, pg *page) {
	if pg.Flash == "" {
		pg.Flash = h.takeFlash(w, r)
	}
	h.render(w, status, name, pg)
}
