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

// build makes the binaries once per test run; it returns why it could not
// (a missing part: the test skips).
func build(t *testing.T) {
	t.Helper()
	if testing.Short() {
		t.Skip("end-to-end test skipped in -short mode")
	}
	buildOnce.Do(func() {
		root := repoRoot(t)
		for _, p := range []string{"cmd/metodd-server", "cmd/metodd-bot"} {
			if _, err := os.Stat(filepath.Join(root, p)); err != nil {
				bins.err = p + " is not there yet"
				return
			}
		}
		dir, err := os.MkdirTemp("", "metodd-ui-e2e-")
		if err != nil {
			bins.err = err.Error()
			return
		}
		run := func(env []string, name string, args ...string) error {
			cmd := exec.Command(name, args...)
			cmd.Dir = root
			cmd.Env = append(os.Environ(), env...)
			if out, err := cmd.CombinedOutput(); err != nil {
				return fmt.Errorf("%s %v: %v\n%s", name, args, err, out)
			}
			return nil
		}
		if err := run(nil, "./scripts/build-web.sh", "server/web/dist"); err != nil {
			bins.err = "browser bundle does not build: " + err.Error()
			return
		}
		bins.server = filepath.Join(dir, "metodd-server")
		bins.bot = filepath.Join(dir, "metodd-bot")
		bins.client = filepath.Join(dir, "metodd")
		if err := run([]string{"CGO_ENABLED=0"}, "go", "build", "-o", bins.server, "./cmd/metodd-server"); err != nil {
			bins.err = "server does not build yet: " + err.Error()
			return
		}
		if err := run(nil, "go", "build", "-o", bins.bot, "./cmd/metodd-bot"); err != nil {
			bins.err = "bot does not build yet: " + err.Error()
			return
		}
		if err := run(nil, "go", "build", "-o", bins.client, "./cmd/metodd"); err != nil {
			bins.err = "desktop client does not build: " + err.Error()
		}
	})
	if bins.err != "" {
		t.Skip(bins.err)
	}
}

type server struct {
	url  string
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
	s := &server{url: "http://" + addr, logs: &bytes.Buffer{}}
	s.cmd = exec.Command(bins.server, "--addr", addr, "--data", filepath.Join(t.TempDir(), "metodd.db"))
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

// poll retries cond until it holds or the deadline passes.
func poll(t *testing.T, what string, d time.Duration, cond func() bool) {
	t.Helper()
	deadline := time.Now().Add(d)
	for !cond() {
		if time.Now().After(deadline) {
			t.Fatalf("timed out after %v waiting for %s", d, what)
		}
		time.Sleep(100 * time.Millisecond) // polling a condition against the deadline
	}
}
