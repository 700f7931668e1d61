package web

import (
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
	"testing/fstest"
)

func get(t *testing.T, h http.Handler, path, acceptEncoding string) *http.Response {
	t.Helper()
	req := httptest.NewRequest("GET", path, nil)
	if acceptEncoding != "" {
		req.Header.Set("Accept-Encoding", acceptEncoding)
	}
	rec := httptest.NewRecorder()
	h.ServeHTTP(rec, req)
	return rec.Result()
}

func body(r *http.Response) string {
	b, _ := io.ReadAll(r.Body)
	return string(b)
}

func TestWasmEncodings(t *testing.T) {
	h := New(fstest.MapFS{
		"index.html":      {Data: []byte("<!doctype html><title>mét'ODD</title>")},
		"wasm_exec.js":    {Data: []byte("// loader")},
		"metodd.wasm":     {Data: []byte("RAW")},
		"metodd.wasm.gz":  {Data: []byte("GZ")},
		"metodd.wasm.br":  {Data: []byte("BR")},
		".keep":           {Data: nil},
		"sub/image.png":   {Data: []byte("png")},
		"orphan.wasm.gz2": {Data: []byte("x")},
	})
	for _, tc := range []struct {
		accept, enc, body string
	}{
		{"gzip, deflate, br", "br", "BR"},
		{"gzip", "gzip", "GZ"},
		{"br;q=0, gzip", "gzip", "GZ"},
		{"", "", "RAW"},
		{"identity", "", "RAW"},
	} {
		r := get(t, h, "/metodd.wasm", tc.accept)
		// The page's progress bar shows Content-Length as the download's
		// size: it must be the length of the encoding sent.
		if cl := r.Header.Get("Content-Length"); cl != fmt.Sprint(len(tc.body)) {
			t.Errorf("Accept-Encoding %q: Content-Length %q, want %d", tc.accept, cl, len(tc.body))
		}
		if r.StatusCode != 200 || r.Header.Get("Content-Type") != "application/wasm" ||
			r.Header.Get("Content-Encoding") != tc.enc || body(r) != tc.body || r.Header.Get("Vary") != "Accept-Encoding" {
			t.Errorf("Accept-Encoding %q: %d %q %q", tc.accept, r.StatusCode, r.Header.Get("Content-Encoding"), r.Header)
		}
	}
	r := get(t, h, "/", "br")
	if r.StatusCode != 200 || !strings.HasPrefix(r.Header.Get("Content-Type"), "text/html") || !strings.Contains(body(r), "mét'ODD") {
		t.Fatalf("index: %d %v", r.StatusCode, r.Header)
	}
	if r.Header.Get("Content-Encoding") != "" {
		t.Fatal("index encoded without a compressed copy")
	}
	if r := get(t, h, "/?code=K7M3QX", ""); r.StatusCode != 200 {
		t.Fatalf("join URL: %d", r.StatusCode)
	}
	if r := get(t, h, "/wasm_exec.js", ""); !strings.HasPrefix(r.Header.Get("Content-Type"), "text/javascript") {
		t.Fatalf("js type %q", r.Header.Get("Content-Type"))
	}
	for _, p := range []string{"/.keep", "/metodd.wasm.gz", "/nothing", "/../../etc/passwd"} {
		if r := get(t, h, p, ""); r.StatusCode != 404 {
			t.Errorf("%s: %d", p, r.StatusCode)
		}
	}
	// Revalidation with the ETag of the encoding served.
	r = get(t, h, "/metodd.wasm", "br")
	req := httptest.NewRequest("GET", "/metodd.wasm", nil)
	req.Header.Set("Accept-Encoding", "br")
	req.Header.Set("If-None-Match", r.Header.Get("ETag"))
	rec := httptest.NewRecorder()
	h.ServeHTTP(rec, req)
	if rec.Code != http.StatusNotModified {
		t.Fatalf("If-None-Match: %d", rec.Code)
	}
}

func TestComingSoonWithoutBuild(t *testing.T) {
	h := New(fstest.MapFS{".keep": {}})
	r := get(t, h, "/", "")
	b := body(r)
	if r.StatusCode != 200 || !strings.Contains(b, "Le client navigateur arrive bientôt") || !strings.Contains(b, `href="/dashboard/"`) {
		t.Fatalf("%d %s", r.StatusCode, b)
	}
	// The embedded build (only .keep in the repository) works either way.
	if r := get(t, Handler(), "/", ""); r.StatusCode != 200 {
		t.Fatalf("embedded: %d", r.StatusCode)
	}
	d := get(t, DashboardPlaceholder(), "/dashboard/", "")
	if d.StatusCode != 200 || !strings.Contains(body(d), "tableau de bord") {
		t.Fatalf("dashboard placeholder %d", d.StatusCode)
	}
}
