// Package dashboard serves the RSO cell's web pages: the campaign's
// progress towards its goal, the breakdowns and indicators of the yearly
// report, the sessions, what agents learnt, CSV exports of every table, and
// the administration of partners, campaigns, card decks and personal data.
//
// Pages are rendered on the server with html/template; charts are SVG drawn
// by the server; the CSS and the few lines of script are embedded and served
// from the same handler, so nothing is fetched from outside the
// organisation. Every user-facing string is French.
//
// Access: anyone not logged in sees only the login page. Partners may log in
// and see the figures (counts only) and their own sessions; the
// administration pages and everything that shows names are the admin's
// (store.RoleAdmin). Failed logins are limited per (login, address) and per
// address, and every attempt is logged (ratelimit.Logins);
// login sessions are store tokens in an HttpOnly, SameSite=Lax cookie
// (Secure under TLS); every form carries a per-session CSRF token.
//
// Mounting: New returns an http.Handler that expects the full request path,
// under Options.Prefix (default "/dashboard"):
//
//	mux.Handle("/dashboard/", dashboard.New(db, dashboard.Options{}))
package dashboard

import (
	"context"
	"embed"
	"errors"
	"html/template"
	"io/fs"
	"log/slog"
	"net/http"
	"strings"
	"time"

	"metodd/server/ratelimit"
	"metodd/server/store"
)

//go:embed templates/*.html
var templateFS embed.FS

//go:embed static
var staticFS embed.FS

// DefaultPrefix is where the dashboard is mounted unless told otherwise.
const DefaultPrefix = "/dashboard"

// loginTTL is how long a dashboard login lasts: a working day, so the RSO
// cell logs in once in the morning, and a forgotten open browser is logged
// out by the next day.
const loginTTL = 12 * time.Hour

// requestTimeout bounds the database work of one page: every page answers in
// well under 100 ms (see the benchmark), so 10 s only passes when the
// database is stuck, and the page then says so instead of hanging.
const requestTimeout = 10 * time.Second

// Options configure the dashboard.
type Options struct {
	// Prefix is the URL path the handler is mounted at, without a trailing
	// slash; default DefaultPrefix.
	Prefix string
	// SecureCookies marks cookies Secure even when the request did not
	// arrive over TLS here (TLS ended by a reverse proxy). Cookies are
	// always Secure when r.TLS is set.
	SecureCookies bool
	// Live, when set, tells how many teams and agents a live session has
	// right now (the server knows it from its session goroutines); the home
	// page then shows it beside each live session.
	Live LiveCounter
	// Logger receives server errors and logins; default slog.Default().
	Logger *slog.Logger
	// Logins guards the login form; pass the server's (server.Config.Logins)
	// so both doors count the same failures. Nil: one of its own.
	Logins *ratelimit.Logins
}

// LiveCounter reports a live session's teams and agents at this moment.
type LiveCounter interface {
	LiveTeams(sessionID string) (teams, members int, ok bool)
}

// LiveFunc adapts a function to LiveCounter, for example over the server's
// list of live sessions.
type LiveFunc func(sessionID string) (teams, members int, ok bool)

// LiveTeams calls f.
func (f LiveFunc) LiveTeams(id string) (int, int, bool) { return f(id) }

// Handler is the dashboard. It is safe for concurrent use.
type Handler struct {
	db     *store.DB
	opts   Options
	prefix string
	mux    *http.ServeMux
	pages  map[string]*template.Template
	log    *slog.Logger

	logins *ratelimit.Logins // failed logins limited, every attempt logged

	sharesCache sharesCache // learning figures per campaign (learning.go)

}

// New builds the dashboard on an open database.
func New(db *store.DB, opts Options) *Handler {
	if opts.Prefix == "" {
		opts.Prefix = DefaultPrefix
	}
	opts.Prefix = "/" + strings.Trim(opts.Prefix, "/")
	if opts.Logger == nil {
		opts.Logger = slog.Default()
	}
	h := &Handler{
		db:     db,
		opts:   opts,
		prefix: opts.Prefix,
		mux:    http.NewServeMux(),
		log:    opts.Logger,
		logins: opts.Logins,
	}
	if h.logins == nil {
		h.logins = ratelimit.NewLogins(ratelimit.DefaultLoginLimits(), opts.Logger)
	}
	h.pages = parseTemplates(h.prefix)
	h.routes()
	return h
}

func (h *Handler) routes() {
	p := h.prefix
	m := h.mux
	static, _ := fs.Sub(staticFS, "static")
	m.Handle("GET "+p+"/static/", http.StripPrefix(p+"/static/", staticHandler(static)))
	m.HandleFunc("GET "+p, func(w http.ResponseWriter, r *http.Request) {
		http.Redirect(w, r, p+"/", http.StatusMovedPermanently)
	})
	m.HandleFunc("GET "+p+"/connexion", h.loginPage)
	m.HandleFunc("POST "+p+"/connexion", h.login)
	m.HandleFunc("POST "+p+"/deconnexion", h.user(h.logout))
	m.HandleFunc("GET "+p+"/mot-de-passe", h.user(h.passwordPage))
	m.HandleFunc("POST "+p+"/mot-de-passe", h.user(h.changePassword))

	// Figures: partners and admin.
	m.HandleFunc("GET "+p+"/{$}", h.user(h.home))
	m.HandleFunc("GET "+p+"/repartitions", h.user(h.breakdowns))
	m.HandleFunc("GET "+p+"/seances", h.user(h.sessions))
	m.HandleFunc("GET "+p+"/seances/{id}", h.user(h.session))
	m.HandleFunc("GET "+p+"/seances/{id}/export/{name}", h.user(h.sessionExport))
	m.HandleFunc("GET "+p+"/apprentissage", h.user(h.learning))
	m.HandleFunc("GET "+p+"/indicateurs", h.user(h.indicators))
	m.HandleFunc("GET "+p+"/export/{name}", h.user(h.export))

	// Administration: admin only.
	m.HandleFunc("GET "+p+"/admin/partenaires", h.admin(h.partners))
	m.HandleFunc("POST "+p+"/admin/partenaires", h.admin(h.createPartner))
	m.HandleFunc("GET "+p+"/admin/partenaires/{id}", h.admin(h.partner))
	m.HandleFunc("POST "+p+"/admin/partenaires/{id}/{action}", h.admin(h.partnerAction))
	m.HandleFunc("GET "+p+"/admin/campagnes", h.admin(h.campaigns))
	m.HandleFunc("POST "+p+"/admin/campagnes", h.admin(h.saveCampaign))
	m.HandleFunc("POST "+p+"/admin/campagnes/{id}/courante", h.admin(h.setCurrentCampaign))
	m.HandleFunc("GET "+p+"/admin/directions", h.admin(h.directionsPage))
	m.HandleFunc("POST "+p+"/admin/directions", h.admin(h.saveDirection))
	m.HandleFunc("POST "+p+"/admin/directions/{id}/{action}", h.admin(h.directionAction))
	m.HandleFunc("GET "+p+"/admin/jeux", h.admin(h.decksPage))
	m.HandleFunc("POST "+p+"/admin/jeux", h.admin(h.uploadDeck))
	m.HandleFunc("GET "+p+"/admin/jeux/{id}/yaml", h.admin(h.downloadDeck))
	m.HandleFunc("POST "+p+"/admin/jeux/{id}/{action}", h.admin(h.deckAction))
	m.HandleFunc("GET "+p+"/admin/donnees", h.admin(h.dataPage))
	m.HandleFunc("POST "+p+"/admin/donnees/purge", h.admin(h.purge))
	m.HandleFunc("GET "+p+"/admin/export/{name}", h.admin(h.adminExport))
	m.HandleFunc("GET "+p+"/admin/seances/{id}/emargement", h.admin(h.attendanceCSV))

	h.editorRoutes() // the deck editor: editor.go

	m.HandleFunc(p+"/", h.user(func(w http.ResponseWriter, r *http.Request, v *viewer) {
		h.fail(w, r, v, http.StatusNotFound, msgNotFound)
	}))
}

// ServeHTTP serves every dashboard path, with the security headers every
// page gets.
func (h *Handler) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	hd := w.Header()
	// Everything comes from this handler: no inline style or script, no
	// frame (clickjacking), no referrer leaking a session id elsewhere.
	hd.Set("Content-Security-Policy", "default-src 'self'; img-src 'self' data:; style-src 'self'; script-src 'self'; "+
		"form-action 'self'; frame-ancestors 'none'; base-uri 'none'")
	hd.Set("X-Content-Type-Options", "nosniff")
	hd.Set("X-Frame-Options", "DENY")
	hd.Set("Referrer-Policy", "same-origin")
	ctx, cancel := context.WithTimeout(r.Context(), requestTimeout)
	defer cancel()
	h.mux.ServeHTTP(w, r.WithContext(ctx))
}

// staticHandler serves the embedded CSS, script and images; they change
// only with the program, so browsers may keep them an hour.
func staticHandler(fsys fs.FS) http.Handler {
	files := http.FileServerFS(fsys)
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if strings.HasSuffix(r.URL.Path, "/") || r.URL.Path == "" {
			http.NotFound(w, r)
			return
		}
		w.Header().Set("Cache-Control", "public, max-age=3600")
		files.ServeHTTP(w, r)
	})
}

// serverError logs err and shows the French error page.
func (h *Handler) serverError(w http.ResponseWriter, r *http.Request, v *viewer, err error) {
	if errors.Is(err, context.Canceled) {
		return // the browser went away
	}
	h.log.Error("dashboard", "path", r.URL.Path, "err", err)
	h.fail(w, r, v, http.StatusInternalServerError, msgServerError)
}

// fail shows an error page with status.
func (h *Handler) fail(w http.ResponseWriter, r *http.Request, v *viewer, status int, msg string) {
	pg := h.newPage(r, v, lblError, "")
	pg.Error = msg
	h.render(w, status, "error", pg)
}
