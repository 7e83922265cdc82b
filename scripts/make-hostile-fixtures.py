#!/usr/bin/env python3
"""Writes the minimal hostile DOCX files of issue 19 into Tests/NianbaoFilesTests/Fixtures/hostile.

Each is a tiny report (title, section 二 with one table row 行政许可 13470) in a zip that a
fault-injection run found to crash, hang or misread nianbao's DOCX reader. Deterministic:
run again, get the same bytes.
"""
import struct
import sys
import zipfile
import zlib
from pathlib import Path

OUT = Path(__file__).resolve().parent.parent / "Tests/NianbaoFilesTests/Fixtures/hostile"
W = 'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"'


def paragraph(text):
    return f"<w:p><w:r><w:t>{text}</w:t></w:r></w:p>"


def document(extra_body="", doctype="", licensing="13470"):
    row = (f"<w:tr><w:tc>{paragraph('行政许可')}</w:tc><w:tc>{paragraph(licensing)}</w:tc></w:tr>")
    body = (paragraph("X县人民政府2022年政府信息公开工作年度报告")
            + paragraph("二、主动公开政府信息情况")
            + f"<w:tbl>{row}</w:tbl>"
            + extra_body
            + paragraph("三、收到和处理政府信息公开申请情况")
            + paragraph("四、政府信息公开行政复议、行政诉讼情况"))
    return (f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n{doctype}'
            f"<w:document {W}><w:body>{body}</w:body></w:document>").encode()


def zip_bytes(xml, method=zipfile.ZIP_DEFLATED):
    """A docx with [Content_Types].xml and word/document.xml, fixed timestamps."""
    import io
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as z:
        for name, data in [("[Content_Types].xml", b'<?xml version="1.0"?><Types/>'), ("word/document.xml", xml)]:
            info = zipfile.ZipInfo(name, date_time=(2023, 1, 1, 0, 0, 0))
            info.compress_type = method
            z.writestr(info, data)
    return bytearray(buf.getvalue())


def central_entry(data, name):
    """Offset of the central directory header of `name`."""
    i = data.find(b"PK\x01\x02" + b"")
    while i >= 0:
        n = struct.unpack_from("<H", data, i + 28)[0]
        if data[i + 46:i + 46 + n] == name:
            return i
        i = data.find(b"PK\x01\x02", i + 4)
    raise SystemExit(f"no {name!r}")


def local_entry(data, name):
    return struct.unpack_from("<I", data, central_entry(data, name) + 42)[0]


def main():
    OUT.mkdir(parents=True, exist_ok=True)
    doc = b"word/document.xml"
    files = {}

    # The reference: read as it is, 行政许可 = 13470.
    files["valid.docx"] = zip_bytes(document())

    # A stored document.xml whose 13470 became 93470 without its CRC-32 changing.
    z = zip_bytes(document(), zipfile.ZIP_STORED)
    i = z.find(b">13470<")
    z[i + 1:i + 2] = b"9"
    files["crc-mismatch.docx"] = z

    # Elements nested 100,000 deep (a 2 KB file overflowed the stack).
    files["deep.docx"] = zip_bytes(document("<w:sdt>" * 100_000 + "</w:sdt>" * 100_000))

    # Two chained entities (the tree walk went into the DTD).
    files["chained-entities.docx"] = zip_bytes(document(
        paragraph("&b;"), doctype='<!DOCTYPE w:document [<!ENTITY a "13470"><!ENTITY b "&a;&a;">]>\n'))

    # One 1 KiB entity referenced 100,000 times (grew to gigabytes).
    files["entity-expansion.docx"] = zip_bytes(document(
        paragraph("&e;" * 100_000), doctype=f'<!DOCTYPE w:document [<!ENTITY e "{"x" * 1024}">]>\n'))

    # document.xml declares 3 GiB (the bytes are small: only the directory says so).
    z = zip_bytes(document())
    struct.pack_into("<I", z, central_entry(z, doc) + 24, 3 << 30)
    files["declared-3gib.docx"] = z

    # Declares 100 bytes, inflates to more.
    z = zip_bytes(document())
    struct.pack_into("<I", z, central_entry(z, doc) + 24, 100)
    files["size-lie.docx"] = z

    # document.xml's local header offset points past the end of the file.
    z = zip_bytes(document())
    struct.pack_into("<I", z, central_entry(z, doc) + 42, 0x7FFF_0000)
    files["offset-past-end.docx"] = z

    # A deflate stream cut in half, sizes patched to match (it spun at 100 % CPU).
    xml = document()
    comp = zlib.compressobj(9, zlib.DEFLATED, -15)
    stream = comp.compress(xml) + comp.flush()
    cut = stream[: len(stream) // 2]
    z = zip_bytes(xml)
    local = local_entry(z, doc)
    header_end = local + 30 + sum(struct.unpack_from("<HH", z, local + 26))
    old = struct.unpack_from("<I", z, local + 18)[0]
    z[header_end:header_end + old] = cut
    for at in (local + 18, central_entry(z, doc) + 20):
        struct.pack_into("<I", z, at, len(cut))
    # Offsets after the cut moved: rewrite the central directory's offset.
    eocd = z.rfind(b"PK\x05\x06")
    struct.pack_into("<I", z, eocd + 16, z.find(b"PK\x01\x02"))
    files["truncated-deflate.docx"] = z

    for name, data in files.items():
        (OUT / name).write_bytes(bytes(data))
        print(f"{OUT / name}: {len(data)} bytes")


if __name__ == "__main__":
    sys.exit(main())
