// Package statement serves the accessibility statement (« Déclaration
// d'accessibilité », RGAA 4.1 form) of the game and the dashboard, at
// /accessibilite: a static French page, linked from the game's home and
// from the dashboard's footer.
package statement

import (
	_ "embed"
	"net/http"
)

// Path is where the server mounts the statement.
const Path = "/accessibilite"

//go:embed accessibilite.html
var page []byte

// Handler serves the page.
func Handler() http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "text/html; charset=utf-8")
		w.Header().Set("Cache-Control", "no-cache")
		w.Write(page)
	})
}
