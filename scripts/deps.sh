#!/usr/bin/env bash
# Installs what building, running and testing mét'ODD needs on a Debian
# machine: the Debian packages below (only those missing) and the Go modules.
# Safe to run again: it does nothing when everything is there.
set -euo pipefail

packages=(
	# the desktop client (Ebiten) builds with cgo against X11 and GL on Linux
	gcc libc6-dev pkg-config libgl1-mesa-dev libxcursor-dev libxi-dev libxinerama-dev
	libxrandr-dev libxxf86vm-dev libasound2-dev
	# tests of the desktop client run in a real window under Xvfb (Mesa renders)
	xvfb xauth libgl1-mesa-dri x11-utils x11-xkb-utils imagemagick xdotool
	# browser tests drive Debian's Chromium headless; axe-core (npm) checks accessibility
	chromium nodejs npm
	# pre-compressing the web client
	brotli gzip
)

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

# axe-core for the accessibility tests, at the version pinned in tests/axe.
(cd tests/axe && npm ci --no-audit --no-fund --silent)
