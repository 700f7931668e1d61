#!/usr/bin/env bash
# Builds the browser client into OUTDIR (default server/web/dist, embedded by
# the server): metodd.wasm (+ .gz and .br, pre-compressed so the server sends
# the smallest the browser accepts), wasm_exec.js from the Go distribution,
# and index.html (French, a progress bar while the game downloads and
# compiles, no CDN, canvas full window). It fails when the brotli bundle
# passes its budget.
set -euo pipefail
cd "$(dirname "$0")/.."
out=${1:-server/web/dist}
mkdir -p "$out"

# brotli_budget bounds what a phone downloads before its first screen
# (metodd.wasm.br, bytes). Issue 11: in a plenary 300 phones join through
# the building's Wi-Fi access point; at 3.2 MB that is under 1 GB for the
# room, and about 3 s on a 10 Mbit/s link. Ebiten, its text shaper, the two
# subset fonts (75 kB raw) and a websocket alone are about 2.8 MB
# (docs/client.md): what the client adds must stay small.
readonly brotli_budget=3200000

GOOS=js GOARCH=wasm CGO_ENABLED=0 go build -trimpath -ldflags="-s -w" -o "$out/metodd.wasm" ./cmd/metodd

wasm_exec="$(go env GOROOT)/lib/wasm/wasm_exec.js"
[ -f "$wasm_exec" ] || wasm_exec="$(go env GOROOT)/misc/wasm/wasm_exec.js"
cp "$wasm_exec" "$out/wasm_exec.js"

gzip -9 -n -c "$out/metodd.wasm" >"$out/metodd.wasm.gz"
if ! command -v brotli >/dev/null; then
	echo "build-web: brotli missing (scripts/deps.sh installs it): the bundle's budget cannot be checked" >&2
	exit 1
fi
brotli -q 11 -f -o "$out/metodd.wasm.br" "$out/metodd.wasm"
br_size=$(stat -c %s "$out/metodd.wasm.br")
if [ "$br_size" -gt "$brotli_budget" ]; then
	echo "build-web: metodd.wasm.br is $br_size bytes, over its budget of $brotli_budget (see brotli_budget; go list -deps finds what grew)" >&2
	exit 1
fi
raw_size=$(stat -c %s "$out/metodd.wasm")

cat >"$out/index.html" <<'HTML'
<!DOCTYPE html>
<html lang="fr">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1, viewport-fit=cover">
<meta name="theme-color" content="#102036">
<title>mét’ODD — le jeu</title>
<style>
  html, body { margin: 0; height: 100%; background: #102036; color: #fff; overflow: hidden;
    font-family: system-ui, -apple-system, "Segoe UI", Roboto, sans-serif; }
  canvas { position: fixed; inset: 0; width: 100vw; height: 100vh; display: block; touch-action: none; }
  #chargement { position: fixed; inset: 0; display: flex; flex-direction: column;
    align-items: center; justify-content: center; gap: 18px; text-align: center; padding: 24px; }
  #chargement h1 { margin: 0; font-size: 44px; }
  #chargement p { margin: 0; font-size: 18px; color: #c9d4e4; }
  #barre { width: min(420px, 80vw); height: 14px; appearance: none; border: 0; border-radius: 7px;
    background: #1a304e; overflow: hidden; }
  #barre::-webkit-progress-bar { background: #1a304e; border-radius: 7px; }
  #barre::-webkit-progress-value { background: #f5b700; border-radius: 7px; }
  #barre::-moz-progress-bar { background: #f5b700; border-radius: 7px; }
  #erreur { color: #f5b700; max-width: 40em; }
  .vh { position: absolute; width: 1px; height: 1px; overflow: hidden; clip-path: inset(50%); white-space: nowrap; }
</style>
</head>
<body>
<div id="chargement">
  <h1>mét’ODD</h1>
  <progress id="barre" aria-labelledby="etape"></progress>
  <p id="etape">Chargement du jeu…</p>
  <p id="annonce" class="vh" role="status" aria-live="polite">Chargement du jeu…</p>
  <p id="erreur" role="alert" hidden></p>
</div>
<noscript>mét’ODD a besoin de JavaScript pour fonctionner.</noscript>
<script src="wasm_exec.js"></script>
<script>
(async () => {
  // RAW_SIZE is metodd.wasm's decoded size, written by scripts/build-web.sh:
  // the stream below yields decoded bytes whatever the encoding sent.
  const RAW_SIZE = __RAW_SIZE__;
  const chargement = document.getElementById("chargement");
  const barre = document.getElementById("barre");
  const etape = document.getElementById("etape");
  const erreur = document.getElementById("erreur");
  const annonce = document.getElementById("annonce");
  const mo = n => (n / 1e6).toLocaleString("fr-FR", { maximumFractionDigits: 1, minimumFractionDigits: 1 }) + "\u00a0Mo";
  let quart = -1;
  const progres = (recus, poids) => {
    const pc = Math.min(100, Math.floor(100 * recus / RAW_SIZE));
    barre.max = 100;
    barre.value = pc;
    const texte = "Téléchargement du jeu\u00a0: " + pc + "\u00a0%" + (poids ? " de " + mo(poids) : "");
    etape.textContent = texte;
    // The live region speaks every 25 %, not at every chunk.
    if (Math.floor(pc / 25) !== quart) { quart = Math.floor(pc / 25); annonce.textContent = texte; }
  };
  try {
    if (!("WebAssembly" in window)) throw new Error("ce navigateur ne sait pas exécuter WebAssembly");
    const go = new Go();
    const resp = await fetch("metodd.wasm");
    if (!resp.ok) throw new Error("le serveur a répondu " + resp.status);
    // What travels: Content-Length of the encoding the server chose.
    const poids = +resp.headers.get("Content-Length") || 0;
    let source = resp;
    if (resp.body && window.ReadableStream) {
      const lecteur = resp.body.getReader();
      let recus = 0;
      source = new Response(new ReadableStream({
        async pull(ctl) {
          const { done, value } = await lecteur.read();
          if (done) {
            barre.removeAttribute("value"); // indeterminate while it compiles
            etape.textContent = annonce.textContent = "Préparation du jeu…";
            ctl.close();
            return;
          }
          recus += value.byteLength;
          progres(recus, poids);
          // For the end-to-end tests: bytes received / expected, and what travelled.
          document.documentElement.dataset.chargement = recus + "/" + RAW_SIZE + "/" + poids;
          ctl.enqueue(value);
        }
      }), { headers: { "Content-Type": "application/wasm" } });
    }
    // Compiled while it downloads where the browser can.
    const { instance } = WebAssembly.instantiateStreaming
      ? await WebAssembly.instantiateStreaming(source, go.importObject)
      : await WebAssembly.instantiate(await source.arrayBuffer(), go.importObject);
    // Ebiten adds its canvas; the indicator goes once the game runs.
    const obs = new MutationObserver(() => {
      if (document.querySelector("canvas")) { chargement.remove(); obs.disconnect(); }
    });
    obs.observe(document.body, { childList: true });
    await go.run(instance);
  } catch (e) {
    barre.hidden = true;
    erreur.hidden = false;
    erreur.textContent = "Le jeu n’a pas pu démarrer\u00a0: " + e.message + ". Rechargez la page ou essayez un autre navigateur.";
  }
})();
</script>
</body>
</html>
HTML
sed -i "s/__RAW_SIZE__/$raw_size/" "$out/index.html"

size() { stat -c %s "$1"; }
echo "build-web: $out/metodd.wasm $(size "$out/metodd.wasm") bytes, gzip $(size "$out/metodd.wasm.gz"), brotli $br_size (budget $brotli_budget)"
