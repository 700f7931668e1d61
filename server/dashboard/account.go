package dashboard

import (
	"errors"
	"net/http"

	"metodd/server/ratelimit"
	"metodd/server/store"
)

// The account page: anyone logged in changes their own password, with
// their current one and the account rules of server/store (CheckAccount).

type passwordData struct{ MinLen int }

func (h *Handler) passwordPage(w http.ResponseWriter, r *http.Request, v *viewer) {
	h.showPassword(w, r, v, http.StatusOK, "")
}

func (h *Handler) showPassword(w http.ResponseWriter, r *http.Request, v *viewer, status int, msg string) {
	pg := h.newPage(r, v, lblPasswordPage, "password")
	pg.Error = msg
	pg.Data = passwordData{MinLen: store.MinPasswordLen}
	h.show(w, r, status, "password", pg)
}

func (h *Handler) changePassword(w http.ResponseWriter, r *http.Request, v *viewer) {
	cur, pw := r.PostFormValue("current"), r.PostFormValue("new")
	switch {
	case pw != r.PostFormValue("confirm"):
		h.showPassword(w, r, v, http.StatusBadRequest, msgPasswordsDiffer)
		return
	case pw == cur:
		h.showPassword(w, r, v, http.StatusBadRequest, msgPasswordSame)
		return
	}
	if err := store.CheckAccount(v.acc.Login, v.acc.Name, pw); err != nil {
		h.showPassword(w, r, v, http.StatusBadRequest, err.Error())
		return
	}
	// The current password is checked like a login: failures count against
	// the same limits, so the form cannot be used to guess it.
	var err error
	res := h.logins.Try("dashboard", v.acc.Login, ratelimit.ClientAddr(r), func() ratelimit.Result {
		_, err = h.db.Authenticate(r.Context(), v.acc.Login, cur)
		switch {
		case err == nil:
			return ratelimit.Success
		case errors.Is(err, store.ErrBadPassword):
			return ratelimit.Failure
		case errors.Is(err, store.ErrDisabled):
			return ratelimit.Disabled
		}
		return ratelimit.Broken
	})
	switch res {
	case ratelimit.Limited:
		h.showPassword(w, r, v, http.StatusTooManyRequests, msgLoginRate)
		return
	case ratelimit.Failure, ratelimit.Disabled:
		h.showPassword(w, r, v, http.StatusUnauthorized, msgCurrentWrong)
		return
	case ratelimit.Broken:
		h.serverError(w, r, v, err)
		return
	}
	ctx := r.Context()
	if err := h.db.SetPassword(ctx, v.acc.ID, pw); err != nil {
		h.serverError(w, r, v, err)
		return
	}
	// SetPassword closed every login of the account; this browser gets a
	// new one, so the person who changed it stays connected here.
	tok, err := h.db.CreateToken(ctx, v.acc.ID, loginTTL)
	if err != nil {
		h.serverError(w, r, v, err)
		return
	}
	h.setCookie(w, r, cookieLogin, tok, int(loginTTL.Seconds()), http.SameSiteLaxMode)
	h.log.Info("dashboard: own password changed", "login", v.acc.Login)
	h.flash(w, r, msgPasswordChanged)
	http.Redirect(w, r, h.prefix+"/", http.StatusSeeOther)
}
