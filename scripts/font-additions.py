"""Adds to a subset Atkinson Hyperlegible Next face the few characters the
game draws that the font does not have (scripts/subset-font.sh runs it):

- the narrow no-break space (U+202F) and the non-breaking hyphen (U+2011),
  mapped to the font's thin space and hyphen;
- the subscript two of CO₂ (U+2082): the font's superscript two moved
  below the baseline (a composite glyph, no new outline);
- the triangles of the classement's buttons and the pages' arrows
  (▲ ▼ ► ◄, U+25B2 U+25BC U+25BA U+25C4), plain polygons drawn here.

Usage: font-additions.py FILE.ttf (rewritten in place).
"""
import sys

from fontTools.pens.ttGlyphPen import TTGlyphPen
from fontTools.ttLib import TTFont

# SUBSCRIPT_DROP: how far (font units, 1000 an em) the superscript two goes
# down to become a subscript: its bottom then sits 0.14 em under the
# baseline, where the font's own descenders stop short.
SUBSCRIPT_DROP = 540

# Triangles: an upward one as tall as a lower-case x plus a third (the
# buttons' arrows read at a glance), pointers a little smaller, all with
# the side bearing of the font's bullet.
SIDE = 60
TRIANGLE = 560
POINTER = 440
POINTER_MID = 300  # the pointers' centre line, near the font's math axis


def polygon(font, points):
    pen = TTGlyphPen(font.getGlyphSet())
    pen.moveTo(points[0])
    for p in points[1:]:
        pen.lineTo(p)
    pen.closePath()
    return pen.glyph()


def add(font, name, glyph, advance, code):
    order = font.getGlyphOrder()
    if name not in order:
        font.setGlyphOrder(order + [name])
    glyph.recalcBounds(font["glyf"])
    font["glyf"][name] = glyph
    font["hmtx"][name] = (advance, getattr(glyph, "xMin", 0))
    for table in font["cmap"].tables:
        if table.isUnicode():
            table.cmap[code] = name


def main(path):
    font = TTFont(path)
    cmap = font.getBestCmap()
    for table in font["cmap"].tables:
        if table.isUnicode():
            table.cmap[0x202F] = cmap[0x2009]
            table.cmap[0x2011] = cmap[0x2D]

    sup = cmap[0xB2]
    pen = TTGlyphPen(font.getGlyphSet())
    pen.addComponent(sup, (1, 0, 0, 1, 0, -SUBSCRIPT_DROP))
    add(font, "uni2082", pen.glyph(), font["hmtx"][sup][0], 0x2082)

    w = TRIANGLE + 2 * SIDE
    add(font, "uni25B2", polygon(font, [(SIDE, 0), (SIDE + TRIANGLE, 0), (SIDE + TRIANGLE // 2, TRIANGLE)]), w, 0x25B2)
    add(font, "uni25BC", polygon(font, [(SIDE, TRIANGLE), (SIDE + TRIANGLE // 2, 0), (SIDE + TRIANGLE, TRIANGLE)]), w, 0x25BC)
    lo, hi = POINTER_MID - POINTER // 2, POINTER_MID + POINTER // 2
    w = POINTER + 2 * SIDE
    add(font, "uni25BA", polygon(font, [(SIDE, lo), (SIDE, hi), (SIDE + POINTER, POINTER_MID)]), w, 0x25BA)
    add(font, "uni25C4", polygon(font, [(SIDE, POINTER_MID), (SIDE + POINTER, hi), (SIDE + POINTER, lo)]), w, 0x25C4)
    font.save(path)


if __name__ == "__main__":
    main(sys.argv[1])
