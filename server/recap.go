package server

import (
	"bytes"
	"crypto/sha256"
	"encoding/base64"
	"errors"
	"html/template"
	"net/http"
	"regexp"

	"metodd/game"
	"metodd/game/deckfile"
	"metodd/server/store"
)

// The recap page of a personal commitment (issue 12): GET
// /engagement/{id} (game.RecapPath), opened from the QR code the team's
// screen shows once the commitments are chosen, so that an agent keeps
// their commitment on their phone or prints it. Its address holds the
// commitment's id only: the page names nobody and needs no login. French,
// printable, no script, no external resource; an unknown id is a French
// 404 page.

// recapStyle is the page's only style, allowed by its hash in the
// Content-Security-Policy (no other style, no script, no image).
const recapStyle = `
body { margin: 0; background: #f3f5f8; color: #1d2733; line-height: 1.5;
  font-family: "Segoe UI", system-ui, -apple-system, Roboto, Arial, sans-serif; font-size: 1.1rem; }
header { background: #15305a; color: #fff; padding: 12px 20px; }
header a { color: #fff; }
main { max-width: 40rem; margin: 0 auto; padding: 8px 20px 32px; }
h1 { color: #15305a; font-size: 1.7rem; margin: 1rem 0; }
.geste { background: #fff; border: 3px solid #15305a; border-radius: 12px; padding: 16px 20px;
  font-size: 1.35rem; font-weight: 600; margin: 0 0 1.2rem; }
dl { margin: 0; }
dt { font-weight: 700; color: #15305a; margin-top: .8rem; }
dd { margin: .2rem 0 0; }
ul { margin: .2rem 0 0; padding-left: 1.2rem; }
.aide { color: #4a5868; font-size: 1rem; margin-top: 1.6rem; }
a { color: #1f5fa8; }
:focus-visible { outline: 3px solid #b34700; outline-offset: 2px; }
@media print {
  header, .aide { display: none; }
  body { background: #fff; }
  .geste { border-color: #000; }
}
`

// recapCSP: nothing but the page's own style; never framed.
var recapCSP = "default-src 'none'; style-src 'sha256-" + styleHash(recapStyle) + "'; " +
	"frame-ancestors 'none'; base-uri 'none'; form-action 'none'"

func styleHash(s string) string {
	h := sha256.Sum256([]byte(s))
	return base64.StdEncoding.EncodeToString(h[:])
}

// recapID is the shape of a commitment id (the deck files' rule for ids):
// anything else is answered 404 without reading the store.
var recapID = regexp.MustCompile(`^[A-Za-z0-9_-]+$`)

var recapPage = template.Must(template.New("recap").Parse(`<!doctype html>
<html lang="fr">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="robots" content="noindex">
<title>{{.Title}} — mét’ODD</title>
<style>{{.Style}}</style>
</head>
<body>
<header><a href="/">mét’ODD — le jeu</a></header>
<main>
{{if .Found -}}
<h1>Mon engagement mét’ODD</h1>
<p class="geste">{{.C.Text}}</p>
<dl>
<dt>Engagement</dt>
<dd>{{.Engagement.Number}}. {{.Engagement.Title}}</dd>
<dt>Axe</dt>
<dd>Axe {{.Axis.Number}}&nbsp;: {{.Axis.Name}}</dd>
{{- if .SDGs}}
<dt>{{if eq (len .SDGs) 1}}Objectif de développement durable (ODD){{else}}Objectifs de développement durable (ODD){{end}}</dt>
<dd><ul>{{range .SDGs}}<li>ODD {{.Number}}&nbsp;: {{.Name}}</li>{{end}}</ul></dd>
{{- end}}
</dl>
<p class="aide">Gardez cette page&nbsp;: ajoutez-la à vos favoris ou à l’écran d’accueil de votre téléphone, ou imprimez-la (menu «&nbsp;Imprimer&nbsp;» du navigateur). Elle ne contient aucune donnée personnelle.</p>
{{- else -}}
<h1>Engagement introuvable</h1>
<p>Aucun engagement mét’ODD ne porte cette adresse. Vérifiez le lien ou scannez à nouveau le code affiché à la fin de la séance.</p>
<p><a href="/">Aller au jeu mét’ODD</a></p>
{{- end}}
</main>
</body>
</html>
`))

type recapData struct {
	Found      bool
	Title      string
	Style      template.CSS
	C          game.Commitment
	Engagement game.Engagement
	Axis       game.Axis
	SDGs       []game.SDG
}

// findCommitment looks for id among the current version of every deck
// (the first deck by title that has it); false when none has.
func (s *Server) findCommitment(r *http.Request, id string) (game.Commitment, bool, error) {
	decks, err := s.st.Decks(r.Context(), false)
	if err != nil {
		return game.Commitment{}, false, err
	}
	for _, d := range decks {
		pd, err := s.st.ParsedDeck(r.Context(), d.Version)
		if errors.Is(err, store.ErrNotFound) {
			continue
		} else if err != nil {
			return game.Commitment{}, false, err
		}
		for _, c := range pd.Commitments {
			if c.ID == id {
				c.ODD = game.CommitmentODD(pd, c.Engagement)
				return c, true, nil
			}
		}
	}
	return game.Commitment{}, false, nil
}

func (s *Server) handleRecap(w http.ResponseWriter, r *http.Request) {
	id := r.PathValue("id")
	data := recapData{Title: "Engagement introuvable", Style: template.CSS(recapStyle)}
	if len(id) <= deckfile.MaxCardIDLen && recapID.MatchString(id) {
		c, ok, err := s.findCommitment(r, id)
		if err != nil {
			s.serverError(w, "recap", err)
			return
		}
		e, eok := game.EngagementByNumber(c.Engagement)
		if ok && eok {
			data.Found, data.Title, data.C, data.Engagement = true, "Mon engagement", c, e
			data.Axis = game.Axes[e.Axis-1]
			for _, o := range c.ODD {
				if g, ok := game.SDGByNumber(o); ok {
					data.SDGs = append(data.SDGs, g)
				}
			}
		}
	}
	var buf bytes.Buffer
	if err := recapPage.Execute(&buf, data); err != nil {
		s.serverError(w, "recap", err)
		return
	}
	hd := w.Header()
	hd.Set("Content-Type", "text/html; charset=utf-8")
	hd.Set("Content-Security-Policy", recapCSP)
	hd.Set("Cache-Control", "no-cache")
	status := http.StatusOK
	if !data.Found {
		status = http.StatusNotFound
	}
	w.WriteHeader(status)
	_, _ = w.Write(buf.Bytes())
}
