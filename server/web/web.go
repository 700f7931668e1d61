// Package web serves the browser client: the files scripts/build-web.sh
// writes into server/web/dist (index.html, wasm_exec.js, metodd.wasm and its
// .gz and .br pre-compressed copies), embedded in the server binary.
//
// A file with pre-compressed copies is served in the smallest encoding the
// browser accepts (brotli, then gzip, then raw), with its own Content-Type,
// Content-Encoding and "Vary: Accept-Encoding". When no build is embedded
// (only dist/.keep is committed), "/" shows a French page saying the
// browser client is coming, with links to the dashboard.
package web

import (
	"bytes"
	"crypto/sha256"
	"embed"
	"encoding/hex"
	"html/template"
	"io/fs"
	"mime"
	"net/http"
	"path"
	"strconv"
	"strings"
	"sync"
	"time"
)

//go:embed all:dist
var dist embed.FS

// Handler serves the embedded build. The files are read once per process
// (embed.FS copies a file on each read, and the bundle is megabytes): every
// Server, a restarted one included, shares the same read-only site.
func Handler() http.Handler { return embedded() }

var embedded = sync.OnceValue(func() http.Handler {
	sub, err := fs.Sub(dist, "dist")
	if err != nil {
		panic(err) // the embed pattern guarantees dist exists
	}
	return New(sub)
})

// encodings are the pre-compressed variants, the preferred first.
var encodings = []struct{ name, ext string }{{"br", ".br"}, {"gzip", ".gz"}}

// file is one servable file and its pre-compressed copies.
type file struct {
	data     []byte
	etag     string
	variants map[string][]byte // encoding -> content
	etags    map[string]string
}

// site is the set of files, read once.
type site struct {
	files map[string]*file // by path without leading slash
	start time.Time
}

// New serves the files of fsys (for tests: any fs.FS with the same layout).
func New(fsys fs.FS) http.Handler {
	s := &site{files: map[string]*file{}, start: time.Now()}
	raw := map[string][]byte{}
	_ = fs.WalkDir(fsys, ".", func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() || strings.HasPrefix(path.Base(p), ".") {
			return nil
		}
		b, err := fs.ReadFile(fsys, p)
		if err == nil {
			raw[p] = b
		}
		return nil
	})
	for p, b := range raw {
		compressed := false
		for _, e := range encodings {
			if strings.HasSuffix(p, e.ext) {
				if _, ok := raw[strings.TrimSuffix(p, e.ext)]; ok {
					compressed = true
				}
			}
		}
		if compressed {
			continue // served as a variant of the original
		}
		f := &file{data: b, etag: etag(b), variants: map[string][]byte{}, etags: map[string]string{}}
		for _, e := range encodings {
			if v, ok := raw[p+e.ext]; ok {
				f.variants[e.name] = v
				f.etags[e.name] = etag(v)
			}
		}
		s.files[p] = f
	}
	return s
}

func etag(b []byte) string {
	h := sha256.Sum256(b)
	return `"` + hex.EncodeToString(h[:8]) + `"`
}

// contentTypes fixes the types that matter (the .wasm above all: browsers
// only stream-compile application/wasm).
var contentTypes = map[string]string{
	".wasm": "application/wasm",
	".js":   "text/javascript; charset=utf-8",
	".html": "text/html; charset=utf-8",
	".css":  "text/css; charset=utf-8",
	".json": "application/json",
	".svg":  "image/svg+xml",
	".png":  "image/png",
	".ico":  "image/x-icon",
}

func contentType(name string) string {
	ext := path.Ext(name)
	if t, ok := contentTypes[ext]; ok {
		return t
	}
	if t := mime.TypeByExtension(ext); t != "" {
		return t
	}
	return "application/octet-stream"
}

// accepts reports whether an Accept-Encoding header allows enc (q > 0).
func accepts(header, enc string) bool {
	for _, part := range strings.Split(header, ",") {
		name, params, _ := strings.Cut(strings.TrimSpace(part), ";")
		if !strings.EqualFold(strings.TrimSpace(name), enc) {
			continue
		}
		params = strings.TrimSpace(params)
		if q, ok := strings.CutPrefix(params, "q="); ok {
			if v, err := strconv.ParseFloat(q, 64); err == nil && v <= 0 {
				return false
			}
		}
		return true
	}
	return false
}

func (s *site) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	name := strings.TrimPrefix(path.Clean("/"+r.URL.Path), "/")
	if name == "" {
		name = "index.html"
	}
	f, ok := s.files[name]
	if !ok {
		if name == "index.html" {
			comingSoon(w, r)
			return
		}
		http.Error(w, "Fichier introuvable.", http.StatusNotFound)
		return
	}
	h := w.Header()
	data, tag := f.data, f.etag
	if len(f.variants) > 0 {
		h.Add("Vary", "Accept-Encoding")
		for _, e := range encodings {
			if v, ok := f.variants[e.name]; ok && accepts(r.Header.Get("Accept-Encoding"), e.name) {
				data, tag = v, f.etags[e.name]
				h.Set("Content-Encoding", e.name)
				break
			}
		}
	}
	h.Set("Content-Type", contentType(name))
	h.Set("ETag", tag)
	if h.Get("Content-Encoding") != "" && r.Header.Get("Range") == "" {
		// http.ServeContent leaves Content-Length out when the response is
		// encoded; the page's progress bar shows it as the download's size
		// (scripts/build-web.sh), and it is the encoded copy's length.
		h.Set("Content-Length", strconv.Itoa(len(data)))
	}
	// Revalidate every time (a cheap 304 thanks to the ETag): a new server
	// version must never run with an old cached client.
	h.Set("Cache-Control", "no-cache")
	http.ServeContent(w, r, name, s.start, bytes.NewReader(data))
}

var page = template.Must(template.New("page").Parse(`<!doctype html>
<html lang="fr">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>mét’ODD — {{.Title}}</title>
<style>
body{font-family:system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;margin:0;background:#f4f6f8;color:#1d2733}
main{max-width:40rem;margin:4rem auto;padding:2rem;background:#fff;border-radius:12px;box-shadow:0 2px 12px rgba(0,0,0,.08)}
h1{margin-top:0;color:#1f5fa8}
.bar{height:8px;border-radius:4px;background:linear-gradient(90deg,#1f5fa8 33%,#e07b00 33% 66%,#2e8b3d 66%)}
a{color:#1f5fa8}
li{margin:.4rem 0}
</style>
</head>
<body><main>
<div class="bar"></div>
<h1>{{.Title}}</h1>
<p>{{.Text}}</p>
<ul>
{{range .Links}}<li><a href="{{.Href}}">{{.Label}}</a></li>
{{end}}</ul>
</main></body>
</html>
`))

type link struct{ Href, Label string }

type pageData struct {
	Title string
	Text  string
	Links []link
}

func render(w http.ResponseWriter, status int, d pageData) {
	w.Header().Set("Content-Type", "text/html; charset=utf-8")
	w.Header().Set("Cache-Control", "no-cache")
	w.WriteHeader(status)
	_ = page.Execute(w, d)
}

// comingSoon is "/" while no browser build is embedded.
func comingSoon(w http.ResponseWriter, r *http.Request) {
	render(w, http.StatusOK, pageData{
		Title: "Le client navigateur arrive bientôt",
		Text: "Le jeu mét’ODD dans le navigateur n’est pas encore installé sur ce serveur. " +
			"En attendant, les équipes et les animateurs jouent avec l’application mét’ODD pour ordinateur, " +
			"et la cellule RSO suit la campagne depuis le tableau de bord.",
		Links: []link{{"/dashboard/", "Tableau de bord de la cellule RSO"}, {"/api/campaign", "Progression de la campagne (JSON)"}, {"/healthz", "État du serveur"}},
	})
}

// DashboardPlaceholder is /dashboard/ until the RSO cell's dashboard is
// plugged in (server.Config.Dashboard).
func DashboardPlaceholder() http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.URL.Path != "/dashboard/" {
			http.Error(w, "Page introuvable.", http.StatusNotFound)
			return
		}
		render(w, http.StatusOK, pageData{
			Title: "Le tableau de bord arrive bientôt",
			Text: "Le tableau de bord de la cellule RSO (progression vers l’objectif, indicateurs, exports) " +
				"sera bientôt disponible ici.",
			Links: []link{{"/", "Accueil du jeu"}, {"/api/campaign", "Progression de la campagne (JSON)"}},
		})
	})
}
