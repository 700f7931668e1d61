// Package testenv decides, in one place, what a test does when something it
// needs from the machine is missing: a tool (Chromium, Xvfb, xdotool), a
// display, a file outside the repository (the RSO report).
//
// Under CI (the environment variable CI is "true", as .ci/run and most CI
// services set it) a missing part is a failure: the machine was meant to
// have it, and a skip there would let a regression through unseen. Anywhere
// else the test skips and says what is missing and how to get it.
//
// A failed build or a panic is never a missing part: tests report those with
// t.Fatal whatever the environment.
package testenv

import (
	"errors"
	"fmt"
	"os"
	"os/exec"
	"strconv"
	"testing"
)

// ciEnv is the variable that says the tests run under CI.
const ciEnv = "CI"

// CI reports whether the tests run under CI (CI=true or CI=1), where
// nothing may be skipped for lack of a part.
func CI() bool {
	ci, err := strconv.ParseBool(os.Getenv(ciEnv))
	return err == nil && ci
}

// Missing stops the test because a part it needs is not there: it fails
// under CI and skips elsewhere, with the reason either way.
func Missing(t testing.TB, format string, args ...any) {
	t.Helper()
	reason := fmt.Sprintf(format, args...)
	if CI() {
		t.Fatalf("%s (CI=true: a missing part fails the test)", reason)
		return
	}
	t.Skip(reason)
}

// Tool returns the path of the executable name, or stops the test (see
// Missing) saying where it comes from.
func Tool(t testing.TB, name, from string) string {
	t.Helper()
	p, err := exec.LookPath(name)
	if err != nil {
		Missing(t, "%s is not installed (%s)", name, from)
	}
	return p
}

// File stops the test (see Missing) unless path exists; what says what the
// file is and how to get it. Any other error reading it fails the test.
func File(t testing.TB, path, what string) {
	t.Helper()
	_, err := os.Stat(path)
	switch {
	case errors.Is(err, os.ErrNotExist):
		Missing(t, "%s not found at %s", what, path)
	case err != nil:
		t.Fatalf("%s: %v", what, err)
	}
}

// Display stops the test (see Missing) unless an X display is set.
func Display(t testing.TB) {
	t.Helper()
	if os.Getenv("DISPLAY") == "" {
		Missing(t, "no X display: run under xvfb-run (scripts/test.sh does)")
	}
}

// Long skips a long test in -short mode, CI or not: -short is asked for, it
// is not a missing part (CI runs without it).
func Long(t testing.TB, what string) {
	t.Helper()
	if testing.Short() {
		t.Skip(what + " skipped in -short mode")
	}
}

// overlayEnv names a `go build -overlay` JSON file that GoBuild passes on:
// the harness tests use it to build a deliberately broken server and check
// that the end-to-end tests fail on it.
const overlayEnv = "METODD_BUILD_OVERLAY"

// GoBuild runs `go build -o out pkg` in dir with env added, plus -overlay
// when METODD_BUILD_OVERLAY is set. Its error holds go's output: the caller
// fails the test with it (a build that fails is never a skip).
func GoBuild(dir, out, pkg string, env ...string) error {
	args := []string{"build", "-o", out}
	if ov := os.Getenv(overlayEnv); ov != "" {
		args = append(args, "-overlay", ov)
	}
	cmd := exec.Command("go", append(args, pkg)...)
	cmd.Dir = dir
	cmd.Env = append(os.Environ(), env...)
	if b, err := cmd.CombinedOutput(); err != nil {
		return fmt.Errorf("go build %s: %v\n%s", pkg, err, b)
	}
	return nil
}

// OverlayEnv returns the environment entry that makes GoBuild use the
// overlay file (for a test that re-runs its own binary).
func OverlayEnv(file string) string { return overlayEnv + "=" + file }
