#!/usr/bin/env python3
"""Reads an OFD file with easyofd (an independent reader from PyPI) and writes what it
found as JSON: the document's page size and, per page, the text of every text object.
The structure (the custom tags, which easyofd does not read) is read with Python's own
zipfile and ElementTree: each element with its depth and the text of the objects it names.
With a PDF path, also draws the OFD as PDF through easyofd (reportlab), with FONT as the
face it draws every character in (easyofd draws all text in one face named 宋体).

Usage: read-ofd.py FILE.ofd OUT.json [FONT.ttf OUT.pdf]
"""
import json
import sys
import xml.etree.ElementTree as ET
import zipfile

from easyofd.ofd import OFD


NS = "{http://www.ofdspec.org/2016}"


def structure(path):
    """[[role, depth, text], ...] in reading order, or [] when the package has no tags."""
    with zipfile.ZipFile(path) as package:
        names = set(package.namelist())
        document = ET.fromstring(package.read("Doc_0/Document.xml"))
        index = document.find(NS + "CustomTags")
        if index is None:
            return []
        base = "Doc_0/" + index.text.rsplit("/", 1)[0] + "/" if "/" in index.text else "Doc_0/"
        tags = ET.fromstring(package.read("Doc_0/" + index.text))
        texts = {}
        for page in document.find(NS + "Pages"):
            content = ET.fromstring(package.read("Doc_0/" + page.get("BaseLoc")))
            for obj in content.iter(NS + "TextObject"):
                texts[(page.get("ID"), obj.get("ID"))] = "".join(code.text or "" for code in obj.iter(NS + "TextCode"))
        out = []
        for tag in tags.iter(NS + "CustomTag"):
            location = tag.find(NS + "FileLoc").text
            file = base + location if base + location in names else "Doc_0/" + location
            root = ET.fromstring(package.read(file))

            def walk(element, depth):
                role = element.tag.split("}")[-1]
                own = "".join(texts.get((ref.get("PageRef"), ref.text), "") for ref in element.findall(NS + "ObjectRef"))
                out.append([role, depth, own])
                for child in element:
                    if child.tag != NS + "ObjectRef":
                        walk(child, depth + 1)

            walk(root, 0)
        return out


def main(args):
    ofd_path, json_path = args[0], args[1]
    ofd = OFD()
    ofd.read(ofd_path, fmt="path")
    doc = ofd.data[0]
    pages = [[item["text"] for item in doc["page_info"][key]["text_list"]] for key in sorted(doc["page_info"])]
    paths = [len(doc["page_info"][key].get("line_list") or []) for key in sorted(doc["page_info"])]
    with open(json_path, "w", encoding="utf-8") as out:
        json.dump({"size": doc.get("default_page_size"), "pages": pages, "paths": paths,
                   "fonts": sorted(v.get("FontFile") or "" for v in doc.get("fonts", {}).values()),
                   "structure": structure(ofd_path)}, out, ensure_ascii=False)
    if len(args) >= 4:
        from reportlab.pdfbase import pdfmetrics
        from reportlab.pdfbase.ttfonts import TTFont
        pdfmetrics.registerFont(TTFont("宋体", args[2]))
        with open(args[3], "wb") as out:
            out.write(ofd.to_pdf())
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
