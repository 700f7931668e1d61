package client

import (
	"os"
	"os/exec"
	"strings"
	"testing"
)

// notInBrowser are packages the browser bundle must not link: the browser
// does HTTP and TLS itself (fetch, api_js.go; WebSocket, socket_js.go), and
// decks are parsed on the server (game/deckfile). Each cost megabytes
// (docs/client.md, « Browser build »).
var notInBrowser = []string{
	"net", // its fake network stack: net/netip parses addresses
	"net/http",
	"crypto/tls",
	"crypto/x509",
	"mime/multipart",
	"go.yaml.in/yaml/v3",
	"metodd/game/deckfile",
	"github.com/gorilla/websocket",
}

// TestBrowserImportGraph lists the js/wasm build's packages of the client
// command and fails on any of notInBrowser.
func TestBrowserImportGraph(t *testing.T) {
	cmd := exec.Command("go", "list", "-deps", "metodd/cmd/metodd")
	cmd.Env = append(os.Environ(), "GOOS=js", "GOARCH=wasm", "CGO_ENABLED=0")
	out, err := cmd.CombinedOutput()
	if err != nil {
		t.Fatalf("go list: %v\n%s", err, out)
	}
	deps := map[string]bool{}
	for _, p := range strings.Fields(string(out)) {
		deps[p] = true
	}
	if !deps["metodd/game/client"] {
		t.Fatalf("go list did not list the client:\n%s", out)
	}
	for _, p := range notInBrowser {
		if deps[p] {
			t.Errorf("the browser bundle links %s", p)
		}
	}
}
