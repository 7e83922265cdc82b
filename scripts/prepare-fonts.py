#!/usr/bin/env python3
"""Prepare CJK faces for fast, small PDF embedding (run by `make fonts`).

Debian's Noto CJK faces are OpenType collections with CFF outlines and 65,535 glyphs; Cairo
spends most of a report's time subsetting and embedding them, and nianbao's own PDF writer
embeds TrueType outlines only. This cuts the Simplified Chinese face of each collection down
to GB2312, the whole CJK Unified Ideographs block (so that the rare characters of names, 堃,
and traditional forms, 戶, stay in a face nianbao embeds: tagged, PDF/A-able), ASCII and the
punctuation reports use, converts the outlines to TrueType, and renames the family (Nianbao
Serif SC, Nianbao Sans SC). Styles list these before the full Noto faces, so a character
outside the cut (the extension blocks) still falls back to the full face through fontconfig.
The output depends only on the input files, so PDFs stay byte-identical from run to run.

usage: prepare-fonts.py OUTPUT_DIR
       prepare-fonts.py --test-font OUTPUT_DIR FILE...

--test-font makes the small faces committed for the tests (Tests/Fonts): the same cut,
limited to the characters that FILE... (the samples as nianbao reads them, the tests' own
text, the styles, the layout's labels) use. With
them `swift test` behaves as with `make fonts` on any machine, without running it.
"""
import os
import sys
from concurrent.futures import ProcessPoolExecutor

from fontTools import subset
from fontTools.pens.cu2quPen import Cu2QuPen
from fontTools.pens.ttGlyphPen import TTGlyphPen
from fontTools.ttLib import TTCollection, newTable

NOTO = "/usr/share/fonts/opentype/noto"
FACES = [  # (collection, family in it, new family, style, output file)
    ("NotoSerifCJK-Regular.ttc", "Noto Serif CJK SC", "Nianbao Serif SC", "Regular", "NianbaoSerifSC-Regular.ttf"),
    ("NotoSerifCJK-Bold.ttc", "Noto Serif CJK SC", "Nianbao Serif SC", "Bold", "NianbaoSerifSC-Bold.ttf"),
    ("NotoSansCJK-Regular.ttc", "Noto Sans CJK SC", "Nianbao Sans SC", "Regular", "NianbaoSansSC-Regular.ttf"),
    ("NotoSansCJK-Bold.ttc", "Noto Sans CJK SC", "Nianbao Sans SC", "Bold", "NianbaoSansSC-Bold.ttf"),
]
EXTRA = "▲▼※—–―…“”‘’·　、。，；：？！（）《》【】〔〕％＋－×÷＝〇℃№→←↑↓①②③④⑤⑥⑦⑧⑨⑩"


# Which cut fonts/prepared holds; `make fonts` prepares again when it differs.
CUT = "gb2312+cjk-unified-1"


def characters(limit=None):
    chars = set(range(0x20, 0x7F)) | set(map(ord, EXTRA))
    if limit is None:
        chars |= set(range(0x4E00, 0xA000))  # CJK Unified Ideographs
    for hi in range(0xA1, 0xF8):
        for lo in range(0xA1, 0xFF):
            try:
                chars.add(ord(bytes([hi, lo]).decode("gb2312")))
            except UnicodeDecodeError:
                pass
    if limit is not None:
        chars &= limit | set(range(0x20, 0x7F))
    return chars


def to_truetype(font):
    """Replace the CFF outlines by quadratic TrueType ones."""
    order = font.getGlyphOrder()
    glyphs = font.getGlyphSet()
    glyf = newTable("glyf")
    glyf.glyphOrder = order
    glyf.glyphs = {}
    for name in order:
        pen = TTGlyphPen(glyphs)
        glyphs[name].draw(Cu2QuPen(pen, 1.0, reverse_direction=True))
        glyf.glyphs[name] = pen.glyph()
    font["glyf"] = glyf
    font["loca"] = newTable("loca")
    for tag in ("CFF ", "VORG"):
        if tag in font:
            del font[tag]
    maxp = newTable("maxp")
    maxp.tableVersion = 0x00010000
    maxp.numGlyphs = len(order)
    for attr in ("maxPoints", "maxContours", "maxCompositePoints", "maxCompositeContours", "maxTwilightPoints",
                 "maxStorage", "maxFunctionDefs", "maxInstructionDefs", "maxStackElements", "maxSizeOfInstructions",
                 "maxComponentElements", "maxComponentDepth"):
        setattr(maxp, attr, 0)
    maxp.maxZones = 1
    font["maxp"] = maxp
    font["head"].indexToLocFormat = 1
    font["head"].glyphDataFormat = 0
    font["post"].formatType = 3.0
    font.sfntVersion = "\x00\x01\x00\x00"


def prepare(face, out_dir, limit=None):
    collection, family, new_family, style, out_name = face
    out = os.path.join(out_dir, out_name)
    if os.path.exists(out):
        return f"{out_name}: present"
    path = os.path.join(NOTO, collection)
    if not os.path.exists(path):
        return f"{out_name}: skipped, {path} is not installed"
    font = next(f for f in TTCollection(path).fonts if f["name"].getDebugName(1) == family)
    options = subset.Options()
    # No alternates: the SC face's default glyphs are the simplified forms, and locl/vert/palt
    # alternates for other regions and vertical text would nearly double the glyphs to embed.
    options.layout_features = ["kern", "liga"]
    options.name_IDs = ["*"]
    options.notdef_outline = True
    options.hinting = False
    subsetter = subset.Subsetter(options)
    subsetter.populate(unicodes=characters(limit))
    subsetter.subset(font)
    to_truetype(font)
    ps_family = new_family.replace(" ", "")
    names = {1: new_family, 2: style, 4: f"{new_family} {style}", 6: f"{ps_family}-{style}", 16: new_family, 17: style,
             3: f"nianbao:{ps_family}-{style}"}
    table = font["name"]
    table.names = [n for n in table.names if n.nameID not in names]
    for name_id, text in names.items():
        table.setName(text, name_id, 3, 1, 0x409)
    tmp = out + ".part"
    # fonttools would stamp head.modified with the time of saving, so two machines would
    # embed different bytes; keep the source face's date instead.
    font.recalcTimestamp = False
    font.save(tmp)
    os.replace(tmp, out)
    return f"{out_name}: {len(font.getGlyphOrder())} glyphs, {os.path.getsize(out) // 1024} KB"


def main():
    if len(sys.argv) > 2 and sys.argv[1] == "--test-font":
        out_dir, files = sys.argv[2], sys.argv[3:]
        used = set()
        for name in files:
            with open(name, encoding="utf-8", errors="ignore") as f:
                used |= set(map(ord, f.read()))
        os.makedirs(out_dir, exist_ok=True)
        for face in FACES:
            print(prepare(face, out_dir, used))
        return
    out_dir = sys.argv[1] if len(sys.argv) > 1 else "fonts/prepared"
    os.makedirs(out_dir, exist_ok=True)
    marker = os.path.join(out_dir, "CUT")
    if not os.path.exists(marker) or open(marker).read().strip() != CUT:
        for face in FACES:  # another cut: made again
            if os.path.exists(os.path.join(out_dir, face[4])):
                os.remove(os.path.join(out_dir, face[4]))
    with ProcessPoolExecutor(max_workers=max(1, min(4, os.cpu_count() or 1))) as pool:
        for line in pool.map(prepare, FACES, [out_dir] * len(FACES)):
            print(line)
    with open(marker, "w") as f:
        f.write(CUT + "\n")


if __name__ == "__main__":
    main()
