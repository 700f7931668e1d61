package client

import (
	"context"
	"net/url"

	"metodd/game"
)

// DraftCard reads card n of deck's draft in the dashboard's deck editor
// (GET /dashboard/admin/editeur/<deck>/cartes/<n>/apercu.json), for the
// client's preview mode (game/ui/preview.go). In the browser the call is
// same-origin, so the RSO cell's dashboard login goes with it; the
// dashboard answers only its admins.
func (a *API) DraftCard(ctx context.Context, deck, n string) (game.Card, error) {
	var c game.Card
	err := a.do(ctx, methodGet, "/dashboard/admin/editeur/"+url.PathEscape(deck)+"/cartes/"+url.PathEscape(n)+"/apercu.json", nil, &c)
	return c, err
}
