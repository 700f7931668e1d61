#!/usr/bin/env bash
# Builds the browser client into OUTDIR (default server/web/dist, embedded by
# the server): metodd.wasm (+ .gz and .br, pre-compressed so the server sends
# the smallest the browser accepts), wasm_exec.js from the Go distribution,
# and index.html (French, a loading indicator, no CDN, canvas full window).
set -euo pipefail
cd "$(dirname "$0")/.."
out=${1:-server/web/dist}
mkdir -p "$out"

GOOS=js GOARCH=wasm CGO_ENABLED=0 go build -trimpath -ldflags="-s -w" -o "$out/metodd.wasm" ./cmd/metodd

wasm_exec="$(go env GOROOT)/lib/wasm/wasm_exec.js"
[ -f "$wasm_exec" ] || wasm_exec="$(go env GOROOT)/misc/wasm/wasm_exec.js"
cp "$wasm_exec" "$out/wasm_exec.js"

gzip -9 -n -c "$out/metodd.wasm" >"$out/metodd.wasm.gz"
if command -v brotli >/dev/null; then
	brotli -q 11 -f -o "$out/metodd.wasm.br" "$out/metodd.wasm"
else
	echo "build-web: brotli missing (scripts/deps.sh installs it); only gzip written" >&2
	rm -f "$out/metodd.wasm.br"
fi

cat >"$out/index.html" <<'HTML'
<!DOCTYPE html>
<html lang="fr">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1, viewport-fit=cover">
<meta name="theme-color" content="#102036">
<title>mét'ODD — le jeu</title>
<style>
  html, body { margin: 0; height: 100%; background: #102036; color: #fff; overflow: hidden;
    font-family: system-ui, -apple-system, "Segoe UI", Roboto, sans-serif; }
  canvas { position: fixed; inset: 0; width: 100vw; height: 100vh; display: block; touch-action: none; }
  #chargement { position: fixed; inset: 0; display: flex; flex-direction: column;
    align-items: center; justify-content: center; gap: 18px; text-align: center; padding: 24px; }
  #chargement h1 { margin: 0; font-size: 44px; }
  #chargement p { margin: 0; font-size: 18px; color: #b5c3d8; }
  .anneau { width: 72px; height: 72px; border-radius: 50%;
    border: 8px solid #1a304e; border-top-color: #f5b700; animation: tour 1s linear infinite; }
  @keyframes tour { to { transform: rotate(360deg); } }
  #erreur { color: #f5b700; max-width: 40em; }
</style>
</head>
<body>
<div id="chargement" role="status" aria-live="polite">
  <div class="anneau" aria-hidden="true"></div>
  <h1>mét'ODD</h1>
  <p>Chargement du jeu…</p>
  <p id="erreur" hidden></p>
</div>
<noscript>mét'ODD a besoin de JavaScript pour fonctionner.</noscript>
<script src="wasm_exec.js"></script>
<script>
(async () => {
  const chargement = document.getElementById("chargement");
  const erreur = document.getElementById("erreur");
  try {
    if (!("WebAssembly" in window)) throw new Error("ce navigateur ne sait pas exécuter WebAssembly");
    const go = new Go();
    const resp = fetch("metodd.wasm");
    const { instance } = WebAssembly.instantiateStreaming
      ? await WebAssembly.instantiateStreaming(resp, go.importObject)
      : await WebAssembly.instantiate(await (await resp).arrayBuffer(), go.importObject);
    // Ebiten adds its canvas; the indicator goes once the game runs.
    const obs = new MutationObserver(() => {
      if (document.querySelector("canvas")) { chargement.remove(); obs.disconnect(); }
    });
    obs.observe(document.body, { childList: true });
    await go.run(instance);
  } catch (e) {
    erreur.hidden = false;
    erreur.textContent = "Le jeu n'a pas pu démarrer : " + e.message + ". Rechargez la page ou essayez un autre navigateur.";
  }
})();
</script>
</body>
</html>
HTML

size() { stat -c %s "$1"; }
echo "build-web: $out/metodd.wasm $(size "$out/metodd.wasm") octets, gzip $(size "$out/metodd.wasm.gz")$([ -f "$out/metodd.wasm.br" ] && echo ", brotli $(size "$out/metodd.wasm.br")")"
