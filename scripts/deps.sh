#!/usr/bin/env bash
# Installs what one use of mét'ODD needs on a Debian machine, and nothing
# more: the Debian packages of that use (only those missing) and the Go
# modules. Safe to run again: it does nothing when everything is there.
#
#   scripts/deps.sh run    build and run the server (`make run`): the browser
#                          bundle is pre-compressed, the server is pure Go
#   scripts/deps.sh dist   + the Linux desktop client (cgo, X11/GL headers)
#   scripts/deps.sh test   + what the tests drive (Xvfb, xdotool, ImageMagick,
#                          Chromium) and the linter (`make test`)
#
# Go itself (go.mod's version or newer) is expected on PATH.
set -euo pipefail
cd "$(dirname "$0")/.."

part=${1:-test}

# STATICCHECK_VERSION is the staticcheck release `make test` runs: 0.8.x is
# the first that understands Go 1.26 (0.7 stops at 1.25).
STATICCHECK_VERSION=v0.8.2

run_packages=(
	# pre-compressing the web client (scripts/build-web.sh)
	brotli gzip
)
dist_packages=(
	# the desktop client (Ebiten) builds with cgo against X11 and GL on Linux
	gcc libc6-dev pkg-config libgl1-mesa-dev libxcursor-dev libxi-dev libxinerama-dev
	libxrandr-dev libxxf86vm-dev libasound2-dev
)
test_packages=(
	# go test -race needs cgo (gcc, in dist_packages); tests of the desktop
	# client run in a real window under Xvfb (Mesa renders), typed into by
	# xdotool on a French keyboard, screenshots by ImageMagick's import
	xvfb xauth libgl1-mesa-dri x11-utils x11-xkb-utils imagemagick xdotool
	# browser tests drive Debian's Chromium headless
	chromium
)

packages=("${run_packages[@]}")
case "$part" in
run) ;;
dist) packages+=("${dist_packages[@]}") ;;
test)
	packages+=("${dist_packages[@]}" "${test_packages[@]}")
	# axe-core (npm) checks accessibility in those browsers; a machine
	# that already has Node.js with npm (from any source) keeps it
	command -v npm >/dev/null || packages+=(nodejs npm)
	;;
*)
	echo "usage: $0 run|dist|test" >&2
	exit 2
	;;
esac

missing=()
for p in "${packages[@]}"; do
	dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done

if [ ${#missing[@]} -gt 0 ]; then
	sudo=""
	[ "$(id -u)" -eq 0 ] || sudo="sudo"
	echo "Installation des paquets Debian manquants : ${missing[*]}"
	$sudo apt-get update -qq
	DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
fi

go mod download

if [ "$part" = test ]; then
	# staticcheck, from the Go module proxy, into $(go env GOPATH)/bin
	# (scripts/test.sh runs it from there).
	sc="$(go env GOPATH)/bin/staticcheck"
	if ! { [ -x "$sc" ] && "$sc" -version 2>/dev/null | grep -qF "(${STATICCHECK_VERSION#v})"; }; then
		echo "Installation de staticcheck ${STATICCHECK_VERSION}"
		go install "honnef.co/go/tools/cmd/staticcheck@${STATICCHECK_VERSION}"
	fi

	# axe-core for the accessibility tests, at the version pinned in tests/axe.
	(cd tests/axe && npm ci --no-audit --no-fund --silent)
fi
