package dashboard

import (
	"crypto/sha256"
	"crypto/subtle"
	"encoding/base64"
	"errors"
	"net/http"
	"net/url"
	"strings"
	"time"

	"metodd/game/deckfile"
	"metodd/server/ratelimit"
	"metodd/server/store"
)

// Cookies. The login cookie holds a store token (only its hash is in the
// database); the login-form cookie is the CSRF secret of the login form,
// before there is a login session to tie a token to.
const (
	cookieLogin     = "metodd_dashboard"
	cookieLoginForm = "metodd_dashboard_form"
	cookieFlash     = "metodd_dashboard_flash"
	csrfField       = "csrf"
)

// Failed logins are limited and every attempt is logged by a
// ratelimit.Logins guard, shared with the API's /api/login when the
// program passes one (Options.Logins): per (login, address) and per
// address, failures only, so nobody elsewhere can lock the RSO cell out.

// maxFormBytes bounds a form body: a deck upload is the largest (the deck
// loader's own limit) plus room for the multipart envelope.
const maxFormBytes = deckfile.MaxDeckBytes + 64<<10

// viewer is who is logged in, for one request.
type viewer struct {
	acc   store.Account
	token string
}

func (v *viewer) admin() bool { return v != nil && v.acc.IsAdmin() }

// csrf is the viewer's CSRF token: derived from the login token, which
// only the viewer's browser holds (HttpOnly cookie), so a page elsewhere
// cannot know it; and the same for the whole login session, so several tabs
// work.
func (v *viewer) csrf() string { return csrfOf("session", v.token) }

func csrfOf(kind, secret string) string {
	sum := sha256.Sum256([]byte("metodd-dashboard-csrf\x00" + kind + "\x00" + secret))
	return base64.RawURLEncoding.EncodeToString(sum[:])
}

func sameToken(a, b string) bool {
	return a != "" && subtle.ConstantTimeCompare([]byte(a), []byte(b)) == 1
}

func (h *Handler) secure(r *http.Request) bool { return r.TLS != nil || h.opts.SecureCookies }

func (h *Handler) setCookie(w http.ResponseWriter, r *http.Request, name, value string, maxAge int, site http.SameSite) {
	http.SetCookie(w, &http.Cookie{
		Name: name, Value: value, Path: h.prefix + "/", MaxAge: maxAge,
		HttpOnly: true, Secure: h.secure(r), SameSite: site,
	})
}

// current returns the logged-in viewer, or nil.
func (h *Handler) current(r *http.Request) *viewer {
	c, err := r.Cookie(cookieLogin)
	if err != nil || c.Value == "" {
		return nil
	}
	acc, err := h.db.AccountByToken(r.Context(), c.Value)
	if err != nil {
		return nil
	}
	return &viewer{acc: acc, token: c.Value}
}

type viewerHandler func(http.ResponseWriter, *http.Request, *viewer)

// user wraps a handler for any logged-in account; admin for the admin only.
func (h *Handler) user(fn viewerHandler) http.HandlerFunc  { return h.guard(false, fn) }
func (h *Handler) admin(fn viewerHandler) http.HandlerFunc { return h.guard(true, fn) }

func (h *Handler) guard(adminOnly bool, fn viewerHandler) http.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Cache-Control", "no-store")
		v := h.current(r)
		if v == nil {
			if r.Method == http.MethodGet || r.Method == http.MethodHead {
				to := h.prefix + "/connexion"
				if r.URL.Path != h.prefix+"/" {
					to += "?retour=" + url.QueryEscape(r.URL.RequestURI())
				}
				http.Redirect(w, r, to, http.StatusSeeOther)
				return
			}
			h.fail(w, r, nil, http.StatusForbidden, msgBadCSRF)
			return
		}
		if adminOnly && !v.admin() {
			h.fail(w, r, v, http.StatusForbidden, msgForbidden)
			return
		}
		if r.Method == http.MethodPost {
			r.Body = http.MaxBytesReader(w, r.Body, maxFormBytes)
			var err error
			if strings.HasPrefix(r.Header.Get("Content-Type"), "multipart/form-data") {
				err = r.ParseMultipartForm(maxFormBytes)
			} else {
				err = r.ParseForm()
			}
			var tooLarge *http.MaxBytesError
			if errors.As(err, &tooLarge) {
				h.fail(w, r, v, http.StatusRequestEntityTooLarge, sprintf(msgDeckTooLarge, deckfile.MaxDeckBytes>>20))
				return
			}
			if err != nil || !sameToken(r.PostFormValue(csrfField), v.csrf()) {
				h.fail(w, r, v, http.StatusForbidden, msgBadCSRF)
				return
			}
		}
		fn(w, r, v)
	}
}

func (h *Handler) loginPage(w http.ResponseWriter, r *http.Request) {
	w.Header().Set("Cache-Control", "no-store")
	if v := h.current(r); v != nil {
		http.Redirect(w, r, h.safeReturn(r.URL.Query().Get("retour")), http.StatusSeeOther)
		return
	}
	h.showLogin(w, r, http.StatusOK, "", "")
}

// showLogin renders the login form with a fresh form secret.
func (h *Handler) showLogin(w http.ResponseWriter, r *http.Request, status int, login, msg string) {
	secret := store.NewToken()
	h.setCookie(w, r, cookieLoginForm, secret, int(time.Hour.Seconds()), http.SameSiteStrictMode)
	pg := h.newPage(r, nil, "Connexion", "")
	pg.CSRF = csrfOf("login", secret)
	pg.Error = msg
	pg.Data = map[string]string{"Login": login, "Return": h.safeReturn(r.FormValue("retour"))}
	if f := h.takeFlash(w, r); f != "" {
		pg.Flash = f
	}
	h.render(w, status, "login", pg)
}

// safeReturn keeps a post-login redirect inside the dashboard.
func (h *Handler) safeReturn(to string) string {
	if to == "" || !strings.HasPrefix(to, h.prefix+"/") || strings.HasPrefix(to, "//") || strings.Contains(to, "\\") {
		return h.prefix + "/"
	}
	return to
}

func (h *Handler) login(w http.ResponseWriter, r *http.Request) {
	w.Header().Set("Cache-Control", "no-store")
	r.Body = http.MaxBytesReader(w, r.Body, 64<<10)
	if err := r.ParseForm(); err != nil {
		h.showLogin(w, r, http.StatusBadRequest, "", msgBadCSRF)
		return
	}
	login := strings.TrimSpace(r.PostFormValue("login"))
	c, err := r.Cookie(cookieLoginForm)
	if err != nil || !sameToken(r.PostFormValue(csrfField), csrfOf("login", c.Value)) {
		h.showLogin(w, r, http.StatusForbidden, login, msgBadCSRF)
		return
	}
	var acc store.Account
	res := h.logins.Try("dashboard", login, ratelimit.ClientAddr(r), func() ratelimit.Result {
		acc, err = h.db.Authenticate(r.Context(), login, r.PostFormValue("password"))
		switch {
		case err == nil:
			return ratelimit.Success
		case errors.Is(err, store.ErrDisabled):
			return ratelimit.Disabled
		case errors.Is(err, store.ErrBadPassword):
			return ratelimit.Failure
		}
		return ratelimit.Broken
	})
	switch res {
	case ratelimit.Limited:
		h.showLogin(w, r, http.StatusTooManyRequests, login, msgLoginRate)
		return
	case ratelimit.Disabled:
		h.showLogin(w, r, http.StatusForbidden, login, msgDisabled)
		return
	case ratelimit.Failure, ratelimit.Broken:
		if res == ratelimit.Broken {
			h.log.Error("dashboard: login", "err", err)
		}
		h.showLogin(w, r, http.StatusUnauthorized, login, msgBadLogin)
		return
	}
	tok, err := h.db.CreateToken(r.Context(), acc.ID, loginTTL)
	if err != nil {
		h.serverError(w, r, nil, err)
		return
	}
	h.setCookie(w, r, cookieLoginForm, "", -1, http.SameSiteStrictMode)
	h.setCookie(w, r, cookieLogin, tok, int(loginTTL.Seconds()), http.SameSiteLaxMode)
	http.Redirect(w, r, h.safeReturn(r.PostFormValue("retour")), http.StatusSeeOther)
}

func (h *Handler) logout(w http.ResponseWriter, r *http.Request, v *viewer) {
	if err := h.db.DeleteToken(r.Context(), v.token); err != nil {
		h.log.Error("dashboard: logout", "err", err)
	}
	h.setCookie(w, r, cookieLogin, "", -1, http.SameSiteLaxMode)
	h.flash(w, r, msgLoggedOut)
	http.Redirect(w, r, h.prefix+"/connexion", http.StatusSeeOther)
}

// flash keeps a one-line notice for the next page (post, redirect, get).
func (h *Handler) flash(w http.ResponseWriter, r *http.Request, msg string) {
	h.setCookie(w, r, cookieFlash, base64.RawURLEncoding.EncodeToString([]byte(msg)), 60, http.SameSiteStrictMode)
}

func (h *Handler) takeFlash(w http.ResponseWriter, r *http.Request) string {
	c, err := r.Cookie(cookieFlash)
	if err != nil {
		return ""
	}
	h.setCookie(w, r, cookieFlash, "", -1, http.SameSiteStrictMode)
	b, err := base64.RawURLEncoding.DecodeString(c.Value)
	if err != nil || len(b) > 500 {
		return ""
	}
	return string(b)
}
