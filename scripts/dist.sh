#!/usr/bin/env bash
# Builds every target into dist/: the desktop client for Windows (.exe, no
# cgo needed) and Linux (cgo, X11/GL), the server for Linux and Windows
# (pure Go, CGO_ENABLED=0, embedding the browser client), and the browser
# bundle itself. `make dist` runs it after scripts/deps.sh.
set -euo pipefail
cd "$(dirname "$0")/.."
dist=dist
rm -rf "$dist"
mkdir -p "$dist/web"

flags=(-trimpath -ldflags="-s -w")

echo "== client navigateur"
./scripts/build-web.sh "$dist/web"
# The server embeds server/web/dist: keep it in step with the bundle.
./scripts/build-web.sh server/web/dist >/dev/null

echo "== client Windows"
GOOS=windows GOARCH=amd64 CGO_ENABLED=0 go build "${flags[@]}" -o "$dist/metodd-windows-amd64.exe" ./cmd/metodd
echo "== client Linux"
GOOS=linux GOARCH=amd64 CGO_ENABLED=1 go build "${flags[@]}" -o "$dist/metodd-linux-amd64" ./cmd/metodd

if [ -d cmd/metodd-server ]; then
	echo "== serveur Linux et Windows"
	GOOS=linux GOARCH=amd64 CGO_ENABLED=0 go build "${flags[@]}" -o "$dist/metodd-server-linux-amd64" ./cmd/metodd-server
	GOOS=windows GOARCH=amd64 CGO_ENABLED=0 go build "${flags[@]}" -o "$dist/metodd-server-windows-amd64.exe" ./cmd/metodd-server
fi

ls -l "$dist" "$dist/web"
