#!/usr/bin/python3
"""Checks the PDF/A-2b requirements nianbao claims, with pikepdf (an independent reader):
XMP identification, metadata equal to the Info dictionary, the sRGB output intent, the
document ID, every font embedded, no encryption, no .notdef drawn is left to the writer.
Prints one line per problem and exits 1 when there is any; `ok <file>` otherwise.

Usage: check-pdfa.py FILE.pdf...
"""
import re
import sys

import pikepdf


def info_date(value):
    """D:20230131000000Z -> 2023-01-31T00:00:00Z"""
    m = re.fullmatch(r"D:(\d{4})(\d{2})(\d{2})(\d{2})(\d{2})(\d{2})Z?", str(value))
    return f"{m[1]}-{m[2]}-{m[3]}T{m[4]}:{m[5]}:{m[6]}Z" if m else None


def check(path):
    problems = []
    with pikepdf.open(path) as pdf:
        if pdf.is_encrypted:
            problems.append("encrypted")
        meta = pdf.open_metadata()
        if meta.pdfa_status != "2B":
            problems.append(f"XMP identification is {meta.pdfa_status!r}, not 2B")
        root = pdf.Root
        if "/Metadata" not in root:
            problems.append("no /Metadata in the catalog")
        elif "/Filter" in root.Metadata:
            problems.append("the metadata stream is filtered")
        info = pdf.docinfo
        pairs = [("/Title", "dc:title"), ("/Author", "dc:creator"), ("/Subject", "dc:description"),
                 ("/Producer", "pdf:Producer"), ("/Creator", "xmp:CreatorTool")]
        for key, prop in pairs:
            in_info = str(info[key]) if key in info else None
            in_xmp = meta.get(prop)
            if isinstance(in_xmp, list):  # dc:creator is a sequence
                in_xmp = in_xmp[0] if len(in_xmp) == 1 else in_xmp
            if in_info != in_xmp:
                problems.append(f"Info {key} {in_info!r} differs from XMP {prop} {in_xmp!r}")
        for key, prop in [("/CreationDate", "xmp:CreateDate"), ("/ModDate", "xmp:ModifyDate")]:
            in_info = info_date(info[key]) if key in info else None
            if in_info != meta.get(prop):
                problems.append(f"Info {key} {in_info!r} differs from XMP {prop} {meta.get(prop)!r}")
        intents = root.get("/OutputIntents")
        if not intents or len(intents) != 1:
            problems.append("not exactly one output intent")
        else:
            intent = intents[0]
            if intent.get("/S") != "/GTS_PDFA1":
                problems.append(f"output intent /S is {intent.get('/S')}")
            profile = intent.get("/DestOutputProfile")
            if profile is None or int(profile.get("/N", 0)) != 3:
                problems.append("output intent has no RGB ICC profile")
            else:
                header = profile.read_bytes()[:40]
                if header[12:16] != b"mntr" or header[16:20] != b"RGB ":
                    problems.append("the ICC profile is not an RGB monitor profile")
        trailer_id = pdf.trailer.get("/ID")
        if trailer_id is None or len(trailer_id) != 2 or len(bytes(trailer_id[0])) != 16:
            problems.append("no document /ID of two 16-byte strings")
        for number, page in enumerate(pdf.pages, 1):
            fonts = page.Resources.get("/Font", {})
            for name, font in fonts.items():
                descendants = font.get("/DescendantFonts")
                target = descendants[0] if descendants else font
                descriptor = target.get("/FontDescriptor")
                if descriptor is None or not any(k in descriptor for k in ("/FontFile", "/FontFile2", "/FontFile3")):
                    problems.append(f"page {number}: font {name} is not embedded")
        if "/StructTreeRoot" not in root or root.get("/MarkInfo", {}).get("/Marked") is not True:
            problems.append("not tagged")
    return problems


def main(paths):
    bad = False
    for path in paths:
        problems = check(path)
        for p in problems:
            print(f"{path}: {p}")
        if problems:
            bad = True
        else:
            print(f"ok {path}")
    return 1 if bad else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
