package testenv

import (
	"path/filepath"
	"strings"
	"testing"
)

// recorder is a testing.TB that records how a helper stopped the test
// instead of stopping it.
type recorder struct {
	testing.TB
	failed, skipped string
}

func (r *recorder) Helper()                           {}
func (r *recorder) Fatalf(format string, args ...any) { r.failed = format }
func (r *recorder) Skip(args ...any)                  { r.skipped = "skip" }

func TestMissingFailsUnderCIAndSkipsElsewhere(t *testing.T) {
	for _, c := range []struct {
		ci       string
		wantFail bool
	}{{"true", true}, {"1", true}, {"", false}, {"false", false}, {"yes-ish", false}} {
		t.Setenv(ciEnv, c.ci)
		r := &recorder{TB: t}
		Missing(r, "chromium is not installed")
		if got := r.failed != ""; got != c.wantFail || (r.skipped != "") == c.wantFail {
			t.Errorf("CI=%q: failed=%q skipped=%q, want fail=%v", c.ci, r.failed, r.skipped, c.wantFail)
		}
	}
}

func TestToolAndFile(t *testing.T) {
	t.Setenv(ciEnv, "true")
	r := &recorder{TB: t}
	if p := Tool(r, "go", "the Go toolchain"); p == "" || r.failed != "" {
		t.Errorf("Tool(go) = %q, failed %q", p, r.failed)
	}
	Tool(r, "metodd-no-such-tool", "nowhere")
	if r.failed == "" {
		t.Error("a missing tool under CI did not fail")
	}
	r = &recorder{TB: t}
	File(r, filepath.Join(t.TempDir(), "absent.txt"), "the report")
	if r.failed == "" {
		t.Error("a missing file under CI did not fail")
	}
	r = &recorder{TB: t}
	File(r, "testenv.go", "this file")
	if r.failed != "" || r.skipped != "" {
		t.Errorf("a present file stopped the test: %q %q", r.failed, r.skipped)
	}
}

func TestGoBuildReportsTheCompilerOutput(t *testing.T) {
	dir := t.TempDir()
	overlay := filepath.Join(dir, "overlay.json")
	broken := filepath.Join(dir, "broken.go")
	writeFile(t, broken, "package testenv\n\nvar _ int = \"not an int\"\n")
	abs, err := filepath.Abs("testenv.go")
	if err != nil {
		t.Fatal(err)
	}
	writeFile(t, overlay, `{"Replace":{`+quote(abs)+`:`+quote(broken)+`}}`)
	t.Setenv(overlayEnv, overlay)
	err = GoBuild(".", filepath.Join(dir, "out"), ".")
	if err == nil || !strings.Contains(err.Error(), "not an int") {
		t.Fatalf("GoBuild with a broken overlay: %v, want the compiler's error", err)
	}
}
