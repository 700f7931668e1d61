// Package axe runs axe-core (the npm package pinned in package.json, installed
// by scripts/deps.sh into node_modules) in a Chromium page driven by
// chromedp, for the accessibility tests of the game (cmd/metodd) and of the
// dashboard (server/dashboard). Test helper only.
package axe

import (
	"context"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"testing"

	"github.com/chromedp/chromedp"

	"metodd/internal/testenv"
)

// Violation is one axe rule broken on the page.
type Violation struct {
	ID     string   `json:"id"`
	Impact string   `json:"impact"`
	Help   string   `json:"help"`
	Nodes  []string `json:"nodes"` // the offending elements' selectors
}

func (v Violation) String() string {
	return fmt.Sprintf("%s (%s): %s — %s", v.ID, v.Impact, v.Help, strings.Join(v.Nodes, ", "))
}

// Serious reports the impacts the tests refuse.
func (v Violation) Serious() bool { return v.Impact == "serious" || v.Impact == "critical" }

// Source returns axe.min.js. Without it (scripts/deps.sh not run), the
// test skips, or fails under CI=true.
func Source(t testing.TB) string {
	t.Helper()
	_, file, _, _ := runtime.Caller(0)
	p := filepath.Join(filepath.Dir(file), "node_modules", "axe-core", "axe.min.js")
	b, err := os.ReadFile(p)
	if err != nil {
		Missing(t, "axe-core is not installed (scripts/deps.sh runs npm ci in tests/axe): "+err.Error())
	}
	return string(b)
}

// Missing skips the test for a missing tool, or fails it under CI=true
// (a CI run must not pass without checking): testenv.Missing decides.
func Missing(t testing.TB, why string) {
	t.Helper()
	testenv.Missing(t, "%s", why)
}

// Run injects axe (once per page) and returns every violation of the
// WCAG 2.x A/AA rules and best practices on the current page.
func Run(ctx context.Context, src string) ([]Violation, error) {
	const script = `(async () => {
  const r = await axe.run(document, {resultTypes: ["violations"]});
  return JSON.stringify(r.violations.map(v => ({id: v.id, impact: v.impact || "", help: v.help,
    nodes: v.nodes.map(n => n.target.join(" "))})));
})()`
	has, err := chromedp.Run(ctx, chromedp.Evaluate[bool](`typeof axe !== "undefined"`))
	if err != nil {
		return nil, err
	}
	if !has {
		if _, err := chromedp.Run(ctx, chromedp.Evaluate[any](src+";0")); err != nil {
			return nil, fmt.Errorf("inject axe: %w", err)
		}
	}
	out, err := chromedp.Run(ctx, chromedp.Evaluate[string](script, chromedp.EvalAwaitPromise))
	if err != nil {
		return nil, fmt.Errorf("axe.run: %w", err)
	}
	var vs []Violation
	if err := json.Unmarshal([]byte(out), &vs); err != nil {
		return nil, err
	}
	return vs, nil
}

// Check runs axe on the page and fails the test on any serious or critical
// violation, printing them; it returns the counts (all, serious) for the
// report.
func Check(t testing.TB, ctx context.Context, src, page string) (all, serious int) {
	t.Helper()
	vs, err := Run(ctx, src)
	if err != nil {
		t.Fatalf("axe on %s: %v", page, err)
	}
	for _, v := range vs {
		if v.Serious() {
			serious++
			t.Errorf("axe on %s: %s", page, v)
		} else {
			t.Logf("axe on %s (minor): %s", page, v)
		}
	}
	t.Logf("axe on %s: %d violations, %d serious or critical", page, len(vs), serious)
	return len(vs), serious
}
