package main

import (
	"encoding/json"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"metodd/internal/testenv"
)

// brokenServerFile is the server file the overlay replaces with code that
// does not compile.
const brokenServerFile = "cmd/metodd-server/main.go"

// TestBrokenServerBuildFailsE2E proves the harness's rule: it runs this
// test binary's TestStandardGameCountsDistinctAgents again with a `go build -overlay` that
// breaks one server file, outside CI (where a skip used to be allowed), and
// checks that the test FAILS with the compiler's message rather than
// skipping or passing.
func TestBrokenServerBuildFailsE2E(t *testing.T) {
	testenv.Long(t, "the broken-build check (it compiles the server)")
	dir := t.TempDir()
	root, err := filepath.Abs("../..")
	if err != nil {
		t.Fatal(err)
	}
	broken := filepath.Join(dir, "main.go")
	if err := os.WriteFile(broken, []byte("package main\n\nfunc main() { brokenOnPurpose() }\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	overlay, err := json.Marshal(map[string]map[string]string{
		"Replace": {filepath.Join(root, filepath.FromSlash(brokenServerFile)): broken},
	})
	if err != nil {
		t.Fatal(err)
	}
	overlayFile := filepath.Join(dir, "overlay.json")
	if err := os.WriteFile(overlayFile, overlay, 0o644); err != nil {
		t.Fatal(err)
	}

	cmd := exec.Command(os.Args[0], "-test.run=^TestStandardGameCountsDistinctAgents$", "-test.v", "-test.count=1")
	for _, kv := range os.Environ() {
		// Not under CI, and no prebuilt server: the build must run and its
		// failure must fail the test by itself.
		if !strings.HasPrefix(kv, "CI=") && !strings.HasPrefix(kv, serverEnv+"=") {
			cmd.Env = append(cmd.Env, kv)
		}
	}
	cmd.Env = append(cmd.Env, testenv.OverlayEnv(overlayFile))
	out, err := cmd.CombinedOutput()
	t.Logf("the test against the broken server:\n%s", out)
	if err == nil {
		t.Fatalf("TestStandardGameCountsDistinctAgents passed against a server that does not compile:\n%s", out)
	}
	for _, want := range []string{"--- FAIL: TestStandardGameCountsDistinctAgents", "brokenOnPurpose"} {
		if !strings.Contains(string(out), want) {
			t.Errorf("output lacks %q:\n%s", want, out)
		}
	}
	if strings.Contains(string(out), "--- SKIP") {
		t.Errorf("the broken build was skipped, want a failure:\n%s", out)
	}
}
