#!/usr/bin/env bash
# Builds the browser client into $1 (embedded by the server). Until the
# client exists, the server shows a page saying it is coming.
set -euo pipefail
out=${1:-server/web/dist}
if [ ! -d cmd/metodd ]; then
	echo "(client navigateur pas encore disponible)"
	exit 0
fi
echo "build-web: not written yet" >&2
