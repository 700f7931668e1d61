#!/usr/bin/env bash
# Runs every test: go vet, then go test -race over every package. Packages
# that link Ebiten need a display, so they run under xvfb-run; the others run
# plainly. Extra arguments go to go test (for example -run or -count).
set -euo pipefail
cd "$(dirname "$0")/.."

echo "== gofmt"
unformatted=$(gofmt -l $(git ls-files '*.go' 2>/dev/null || find . -name '*.go'))
if [ -n "$unformatted" ]; then
	echo "gofmt would change: $unformatted" >&2
	exit 1
fi

echo "== go vet"
go vet ./...

plain=()
display=()
while read -r pkg deps; do
	case " $deps " in
	*" github.com/hajimehoshi/ebiten/v2 "*) display+=("$pkg") ;;
	*) plain+=("$pkg") ;;
	esac
done < <(go list -f '{{.ImportPath}} {{join .Deps " "}}' ./...)

status=0
if [ ${#plain[@]} -gt 0 ]; then
	echo "== go test -race (${#plain[@]} packages)"
	go test -race -timeout 15m "$@" "${plain[@]}" || status=1
fi
if [ ${#display[@]} -gt 0 ]; then
	echo "== go test -race under Xvfb (${#display[@]} packages)"
	xvfb-run -a -s "-screen 0 1920x1080x24" go test -race -timeout 30m "$@" "${display[@]}" || status=1
fi
exit $status
