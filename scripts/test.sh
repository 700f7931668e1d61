#!/usr/bin/env bash
# Runs every check and test: gofmt; go vet for the desktop and for js/wasm
# (the browser client's packages), a js/wasm build of the client; staticcheck
# for both targets with no finding allowed; then go test -race over every
# package. Packages that link Ebiten need a display, so they run under
# xvfb-run; the others run plainly. Extra arguments go to go test (for
# example -run or -count). scripts/deps.sh test installs what this needs.
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/packages.sh

# wasm_packages are what the browser client builds: vetted and linted for
# js/wasm too (the server's packages do not build there: SQLite).
wasm_packages=(./cmd/metodd ./game/...)

start=$SECONDS
step() { echo "== $* ($((SECONDS - start)) s)"; }

step gofmt
unformatted=$(gofmt -l $(git ls-files '*.go' 2>/dev/null || find . -name '*.go'))
if [ -n "$unformatted" ]; then
	echo "gofmt would change: $unformatted" >&2
	exit 1
fi

step go vet
go vet ./...
step "go vet, js/wasm"
GOOS=js GOARCH=wasm go vet "${wasm_packages[@]}"
step "go build, js/wasm"
GOOS=js GOARCH=wasm CGO_ENABLED=0 go build -o /dev/null ./cmd/metodd

staticcheck="$(go env GOPATH)/bin/staticcheck"
if [ ! -x "$staticcheck" ]; then
	echo "staticcheck missing at $staticcheck: run scripts/deps.sh test" >&2
	exit 1
fi
step staticcheck
"$staticcheck" ./...
step "staticcheck, js/wasm"
GOOS=js GOARCH=wasm "$staticcheck" "${wasm_packages[@]}"

status=0
if [ ${#plain[@]} -gt 0 ]; then
	step "go test -race (${#plain[@]} packages)"
	go test -race -timeout 15m "$@" "${plain[@]}" || status=1
fi
if [ ${#display[@]} -gt 0 ]; then
	step "go test -race under Xvfb (${#display[@]} packages)"
	xvfb go test -race -timeout 45m "$@" "${display[@]}" || status=1
fi
step "done, status $status"
exit $status
