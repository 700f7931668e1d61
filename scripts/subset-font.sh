#!/usr/bin/env bash
# Reproduces the game's embedded fonts (game/ui/fonts/*.ttf): Atkinson
# Hyperlegible Next Regular and Bold (Braille Institute, SIL OFL 1.1, drawn
# for low-vision readers), fetched from npm and subset to what a French
# game and the names people type need. Maintainer tool, not part of a
# build: the subset files are committed. Needs npm and Debian's fonttools
# (`apt-get install fonttools`: pyftsubset, and Python's fontTools).
#
#   scripts/subset-font.sh [DIR]    DIR: an unpacked npm package to read
#                                   instead of fetching it
set -euo pipefail
cd "$(dirname "$0")/.."

# The npm package and version the committed files come from.
readonly pkg=@expo-google-fonts/atkinson-hyperlegible-next
readonly version=0.4.1
out=game/ui/fonts
py=/usr/bin/python3 # Debian's, where python3-fonttools lives

for tool in pyftsubset "$py"; do
	command -v "$tool" >/dev/null || { echo "subset-font: $tool missing (apt-get install fonttools)" >&2; exit 1; }
done

src=${1:-}
if [ -z "$src" ]; then
	tmp=$(mktemp -d)
	trap 'rm -rf "$tmp"' EXIT
	(cd "$tmp" && npm pack --silent "$pkg@$version" >/dev/null && tar xzf ./*.tgz)
	src=$tmp/package
fi

# What is kept: Basic Latin, Latin-1, Latin Extended-A (the accents of
# every Latin-script European name), Ș ș Ț ț, the general punctuation
# (’ « » – — … • ‰ and the spaces), €, ™, − and ≤ ≥ ≈ ≠. Greek, the math
# letters and the other symbols of the full font go: the game draws none.
readonly unicodes="U+0020-007E,U+00A0-00FF,U+0100-017F,U+0218-021B,U+2000-206F,U+20AC,U+2122,U+2212,U+2248,U+2260,U+2264-2265"

mkdir -p "$out"
for weight in Regular:400Regular Bold:700Bold; do
	name=${weight%%:*}
	dir=${weight#*:}
	in=$src/$dir/AtkinsonHyperlegibleNext_$dir.ttf
	dst=$out/AtkinsonHyperlegibleNext-$name.ttf
	# Ebiten draws outlines without hinting: the hinting tables go. The
	# layout features pyftsubset keeps by default (kern, mark, ccmp, locl…)
	# are the ones the shaper applies.
	pyftsubset "$in" --unicodes="$unicodes" --no-hinting --desubroutinize \
		--name-IDs='*' --name-languages='*' --drop-tables+=STAT --output-file="$dst"
	# The few characters the font lacks (narrow no-break space, non-breaking
	# hyphen, ₂, ▲ ▼ ► ◄): scripts/font-additions.py.
	"$py" scripts/font-additions.py "$dst"
	echo "subset-font: $dst $(stat -c %s "$in") -> $(stat -c %s "$dst") bytes"
done
