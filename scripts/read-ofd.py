#!/usr/bin/env python3
"""Reads an OFD file with easyofd (an independent reader from PyPI) and writes what it
found as JSON: the document's page size and, per page, the text of every text object.
With a PDF path, also draws the OFD as PDF through easyofd (reportlab), with FONT as the
face it draws every character in (easyofd draws all text in one face named 宋体).

Usage: read-ofd.py FILE.ofd OUT.json [FONT.ttf OUT.pdf]
"""
import json
import sys

from easyofd.ofd import OFD


def main(args):
    ofd_path, json_path = args[0], args[1]
    ofd = OFD()
    ofd.read(ofd_path, fmt="path")
    doc = ofd.data[0]
    pages = [[item["text"] for item in doc["page_info"][key]["text_list"]] for key in sorted(doc["page_info"])]
    paths = [len(doc["page_info"][key].get("line_list") or []) for key in sorted(doc["page_info"])]
    with open(json_path, "w", encoding="utf-8") as out:
        json.dump({"size": doc.get("default_page_size"), "pages": pages, "paths": paths,
                   "fonts": sorted(v.get("FontFile", "") for v in doc.get("fonts", {}).values())}, out, ensure_ascii=False)
    if len(args) >= 4:
        from reportlab.pdfbase import pdfmetrics
        from reportlab.pdfbase.ttfonts import TTFont
        pdfmetrics.registerFont(TTFont("宋体", args[2]))
        with open(args[3], "wb") as out:
            out.write(ofd.to_pdf())
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
