package dashboard

import (
	"context"
	"errors"
	"net/http"
	"strconv"

	"metodd/game"
	"metodd/server/store"
)

// The list of directions (admin only): what the team form's picker offers
// and what the breakdown by direction counts under (store/directions.go).
// The admin adds, renames, moves and removes entries; each edit is a POST
// with the CSRF token, and a refusal shows the page again with the typed
// name kept and the reason in French.

type directionsData struct {
	Table *table
	Edit  store.Direction // the form: ID 0 adds, else renames
	Max   int             // game.MaxDirectionRunes, the field's maxlength
	Limit int             // game.MaxDirections
	Count int
}

func (h *Handler) directionsTable(ctx context.Context) (*table, int, error) {
	ds, err := h.db.Directions(ctx)
	if err != nil {
		return nil, 0, err
	}
	t := &table{Title: lblDirectionsList, Empty: lblNoDirection,
		Cols: []column{{Label: colPosition, Num: true}, {Label: colDirection, Wrap: true}}}
	for i, d := range ds {
		id := strconv.FormatInt(d.ID, 10)
		rw := t.add(num(i+1), txt(d.Name))
		rw.Actions = append(rw.Actions, action{Label: sprintf(actRenameDirection, d.Name), URL: h.adminURL("directions?modifier=%s#formulaire", id)})
		if i > 0 {
			rw.Actions = append(rw.Actions, action{Label: sprintf(actUpDirection, d.Name), URL: h.adminURL("directions/%s/monter", id), Post: true})
		}
		if i < len(ds)-1 {
			rw.Actions = append(rw.Actions, action{Label: sprintf(actDownDirection, d.Name), URL: h.adminURL("directions/%s/descendre", id), Post: true})
		}
		rw.Actions = append(rw.Actions, action{Label: sprintf(actRemoveDirection, d.Name), URL: h.adminURL("directions/%s/retirer", id), Post: true,
			Danger: true, Confirm: sprintf(confirmRemoveDirection, d.Name)})
	}
	return t, len(ds), nil
}

func (h *Handler) directionsPage(w http.ResponseWriter, r *http.Request, v *viewer) {
	pg := h.newPage(r, v, lblDirectionsTitle, "directions")
	d := directionsData{}
	if id, _ := strconv.ParseInt(r.URL.Query().Get("modifier"), 10, 64); id != 0 {
		ds, err := h.db.Directions(r.Context())
		if err != nil {
			h.serverError(w, r, v, err)
			return
		}
		for _, x := range ds {
			if x.ID == id {
				d.Edit = x
			}
		}
	}
	h.showDirections(w, r, v, http.StatusOK, pg, d)
}

func (h *Handler) showDirections(w http.ResponseWriter, r *http.Request, v *viewer, status int, pg *page, d directionsData) {
	var err error
	if d.Table, d.Count, err = h.directionsTable(r.Context()); err != nil {
		h.serverError(w, r, v, err)
		return
	}
	d.Max, d.Limit = game.MaxDirectionRunes, game.MaxDirections
	pg.Data = d
	h.show(w, r, status, "directions", pg)
}

// refused shows the page again with the store's French reason, or reports
// a server error; it returns false when err is nil.
func (h *Handler) directionRefused(w http.ResponseWriter, r *http.Request, v *viewer, err error, d directionsData) bool {
	if err == nil {
		return false
	}
	var de *store.DirectionError
	if !errors.As(err, &de) {
		h.serverError(w, r, v, err)
		return true
	}
	pg := h.newPage(r, v, lblDirectionsTitle, "directions")
	pg.Error = de.Message
	h.showDirections(w, r, v, http.StatusUnprocessableEntity, pg, d)
	return true
}

// saveDirection adds a direction (no id) or renames one.
func (h *Handler) saveDirection(w http.ResponseWriter, r *http.Request, v *viewer) {
	f := r.PostForm
	d := store.Direction{Name: f.Get("name")}
	d.ID, _ = strconv.ParseInt(f.Get("id"), 10, 64)
	var err error
	if d.ID != 0 {
		err = h.db.RenameDirection(r.Context(), d.ID, d.Name)
	} else {
		_, err = h.db.AddDirection(r.Context(), d.Name)
	}
	if h.directionRefused(w, r, v, err, directionsData{Edit: d}) {
		return
	}
	h.log.Info("dashboard: direction saved", "name", d.Name, "renamed", d.ID != 0, "by", v.acc.Login)
	h.flash(w, r, sprintf(msgDirectionSaved, d.Name))
	http.Redirect(w, r, h.adminURL("directions"), http.StatusSeeOther)
}

// directionAction moves a direction up or down, or removes it.
func (h *Handler) directionAction(w http.ResponseWriter, r *http.Request, v *viewer) {
	id, _ := strconv.ParseInt(r.PathValue("id"), 10, 64)
	ctx := r.Context()
	var err error
	msg := msgDirectionMoved
	switch r.PathValue("action") {
	case "monter":
		err = h.db.MoveDirection(ctx, id, -1)
	case "descendre":
		err = h.db.MoveDirection(ctx, id, 1)
	case "retirer":
		err, msg = h.db.RemoveDirection(ctx, id), msgDirectionRemoved
	default:
		h.fail(w, r, v, http.StatusNotFound, msgNotFound)
		return
	}
	if h.directionRefused(w, r, v, err, directionsData{}) {
		return
	}
	h.log.Info("dashboard: direction "+r.PathValue("action"), "id", id, "by", v.acc.Login)
	h.flash(w, r, msg)
	http.Redirect(w, r, h.adminURL("directions"), http.StatusSeeOther)
}
