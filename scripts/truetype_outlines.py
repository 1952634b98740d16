#!/usr/bin/env python3
"""Rewrites an OpenType font's cubic (CFF) outlines as TrueType quadratic ones (glyf).

Usage: truetype_outlines.py IN.otf OUT.ttf

Dear ImGui rasterises with stb_truetype, which draws a CFF glyph by interpreting its Type 2
charstring and flattening cubic curves; quadratic glyf outlines it reads directly. For the
portal's six sizes that is about 40 % less atlas time (bench/README.md, "Fonts"), for ~4 KB
more brotli per weight. The curves are converted by fontTools' cu2qu within 2 font units
(Inter: 2816 units per em, so 0.05 px at 24 px and DPR 3: no visible change).
Hinting is dropped as in the subset (--no-hinting): stb_truetype does not run it.
"""
import sys

from fontTools.pens.cu2quPen import Cu2QuPen
from fontTools.pens.ttGlyphPen import TTGlyphPen
from fontTools.ttLib import TTFont, newTable

MAX_ERR = 2.0  # font units


def convert(src: str, dst: str) -> None:
    font = TTFont(src)
    if "CFF " not in font:
        sys.exit(f"truetype_outlines: {src} has no CFF outlines")
    order = font.getGlyphOrder()
    glyphs = font.getGlyphSet()
    glyf = newTable("glyf")
    glyf.glyphOrder = order
    glyf.glyphs = {}
    for name in order:
        pen = TTGlyphPen(None)
        # CFF contours run counter-clockwise, TrueType's clockwise.
        glyphs[name].draw(Cu2QuPen(pen, MAX_ERR, reverse_direction=True))
        glyf[name] = pen.glyph()
    del font["CFF "]
    if "VORG" in font:
        del font["VORG"]
    font["glyf"] = glyf
    font["loca"] = newTable("loca")
    font["head"].glyphDataFormat = 0
    maxp = font["maxp"]  # version 1.0 has TrueType's fields; recalculated on save
    maxp.tableVersion = 0x00010000
    for field in ("maxZones", "maxTwilightPoints", "maxStorage", "maxFunctionDefs", "maxInstructionDefs",
                  "maxStackElements", "maxSizeOfInstructions", "maxComponentElements"):
        setattr(maxp, field, 0)
    maxp.maxZones = 1
    font["post"].formatType = 3.0  # no glyph names: the portal looks glyphs up by code point
    font.sfntVersion = "\x00\x01\x00\x00"
    font.save(dst)


if __name__ == "__main__":
    if len(sys.argv) != 3:
        sys.exit(__doc__)
    convert(sys.argv[1], sys.argv[2])
