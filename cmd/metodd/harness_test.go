//go:build !js

package main

// The end-to-end harness: build the browser bundle into server/web/dist,
// build the real server (which embeds it) and the bot, start the server on
// loopback with a fresh SQLite file, and give tests a logged-in API.

import (
	"bytes"
	"context"
	"fmt"
	"net"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"sync"
	"testing"
	"time"

	"metodd/game/client"
	"metodd/internal/testenv"
)

const (
	adminPassword = "e2e-mot-de-passe"
	// startTimeout bounds the server's start (SQLite migrations, first
	// admin): seconds, even on a loaded machine.
	startTimeout = 30 * time.Second
)

var (
	buildOnce sync.Once
	bins      struct{ server, bot, client, err string }
)

func repoRoot(t *testing.T) string {
	root, err := filepath.Abs("../..")
	if err != nil {
		t.Fatal(err)
	}
	return root
}

// build makes the binaries once per test run. A part that does not build
// fails the test, CI or not; only -short skips it.
func build(t *testing.T) {
	t.Helper()
	testenv.Long(t, "end-to-end test")
	buildOnce.Do(func() {
		root := repoRoot(t)
		dir, err := os.MkdirTemp("", "metodd-ui-e2e-")
		if err != nil {
			bins.err = err.Error()
			return
		}
		web := exec.Command("./scripts/build-web.sh", "server/web/dist")
		web.Dir = root
		if out, err := web.CombinedOutput(); err != nil {
			bins.err = fmt.Sprintf("the browser bundle does not build: %v\n%s", err, out)
			return
		}
		bins.server = filepath.Join(dir, "metodd-server")
		bins.bot = filepath.Join(dir, "metodd-bot")
		bins.client = filepath.Join(dir, "metodd")
		for _, b := range []struct {
			out, pkg string
			env      []string
		}{
			{bins.server, "./cmd/metodd-server", []string{"CGO_ENABLED=0"}},
			{bins.bot, "./cmd/metodd-bot", nil},
			{bins.client, "./cmd/metodd", nil},
		} {
			if err := testenv.GoBuild(root, b.out, b.pkg, b.env...); err != nil {
				bins.err = err.Error()
				return
			}
		}
	})
	if bins.err != "" {
		t.Fatalf("the end-to-end test cannot build its parts: %s", bins.err)
	}
}

type server struct {
	url  string
	data string // its SQLite file
	cmd  *exec.Cmd
	logs *bytes.Buffer
}

func startServer(t *testing.T) *server {
	t.Helper()
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	addr := l.Addr().String()
	l.Close()
	s := &server{url: "http://" + addr, data: filepath.Join(t.TempDir(), "metodd.db"), logs: &bytes.Buffer{}}
	s.cmd = exec.Command(bins.server, "--addr", addr, "--data", s.data)
	s.cmd.Env = append(os.Environ(), "METODD_ADMIN_PASSWORD="+adminPassword)
	s.cmd.Stdout, s.cmd.Stderr = s.logs, s.logs
	if err := s.cmd.Start(); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() {
		s.cmd.Process.Kill()
		s.cmd.Wait()
		if t.Failed() {
			t.Logf("server logs:\n%s", s.logs.String())
		}
	})
	deadline := time.Now().Add(startTimeout)
	for {
		resp, err := http.Get(s.url + "/healthz")
		if err == nil {
			resp.Body.Close()
			if resp.StatusCode == http.StatusOK {
				return s
			}
		}
		if time.Now().After(deadline) {
			t.Fatalf("server did not answer /healthz within %v: %v\n%s", startTimeout, err, s.logs.String())
		}
		time.Sleep(50 * time.Millisecond) // polling /healthz against the deadline
	}
}

// admin returns an API client logged in as the admin (who may create
// sessions like a partner).
func (s *server) admin(t *testing.T) *client.API {
	t.Helper()
	api := client.NewAPI(s.url)
	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	defer cancel()
	if _, err := api.Login(ctx, "admin", adminPassword); err != nil {
		t.Fatalf("admin login: %v", err)
	}
	return api
}

// bots starts metodd-bot playing as n teams in the session; it stops with
// the session (or the test).
func (s *server) bots(t *testing.T, code string, n int) {
	t.Helper()
	cmd := exec.Command(bins.bot, "--server", s.url, "--code", code, "--teams", fmt.Sprint(n), "--delay", "500ms-2s", "--members", "2", "--accuracy", "0.7", "--timeout", "10m")
	var out bytes.Buffer
	cmd.Stdout, cmd.Stderr = &out, &out
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() {
		cmd.Process.Kill()
		cmd.Wait()
		if t.Failed() {
			t.Logf("bot output:\n%s", out.String())
		}
	})
}

// shotsDir is where the e2e screenshots go: METODD_E2E_SHOTS, or a
// temporary folder (its path is logged).
func shotsDir(t *testing.T) string {
	if d := os.Getenv("METODD_E2E_SHOTS"); d != "" {
		if err := os.MkdirAll(d, 0o755); err != nil {
			t.Fatal(err)
		}
		return d
	}
	d := t.TempDir()
	t.Logf("screenshots in %s", d)
	return d
}
