#!/usr/bin/env bash
# Runs every benchmark (no tests) and prints their figures. Packages that link
# Ebiten need a display: they run under xvfb-run when it is installed
# (`make test` installs it) and are left out, saying so, when it is not.
# Extra arguments go to go test (for example -bench Broadcast or -count 5).
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/packages.sh

status=0
echo "== go test -bench (${#plain[@]} packages)"
go test -run '^$' -bench . -benchmem "$@" "${plain[@]}" || status=1
if [ ${#display[@]} -gt 0 ]; then
	if [ -n "${DISPLAY:-}" ]; then
		echo "== go test -bench, display ${DISPLAY} (${#display[@]} packages)"
		go test -run '^$' -bench . -benchmem "$@" "${display[@]}" || status=1
	elif command -v xvfb-run >/dev/null; then
		echo "== go test -bench under Xvfb (${#display[@]} packages)"
		xvfb go test -run '^$' -bench . -benchmem "$@" "${display[@]}" || status=1
	else
		echo "== left out, no display and no xvfb-run (scripts/deps.sh test installs it): ${display[*]}" >&2
	fi
fi
exit $status
