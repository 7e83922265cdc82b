#!/usr/bin/env python3
"""Writes the table-solver fixtures of Tests/NianbaoIngestTests/Fixtures/solver (issue #20).

A report whose tables 2 and 3 are dense (most cells written, many different numbers) is made
from the 西峡县 sample (its prose and table 1 kept; tables 2 and 3 replaced by a consistent,
seeded table), then published the way agencies do and read back by other tools:

  dense-county-2022.txt                 the report as nianbao reads it (row shape): the
                                        expected cells, read by eye from here
  dense-county-2022-pdftotext-plain.txt plain `pdftotext` of LibreOffice's PDF of the .docx
                                        (scripts/make-fixtures.py's .docx): table 2 in runs,
                                        some column by column, the labels in blocks of their own
  dense-county-2022-nianbao-pdftotext-plain.txt  the same of nianbao's own PDF
  dense-county-2022-pdftotext-raw.txt   `pdftotext -raw` of LibreOffice's PDF

and, made from those by the same means a converter or an adversary would:

  dense-county-2022-drifted.md          a converter's Markdown whose table-2 header took a row:
                                        every row's values one row below its label, the last
                                        values with no label
  dense-county-2022-labels-apart.md     a converter's Markdown with table 2's labels in one
                                        block (rows of empty fields) and the values in another
  dense-county-2022-pdftotext-plain-two-readings.txt  the plain text with table 2 renumbered
                                        so that two readings fit (rows 3.危及…/4.保护… as written,
                                        rows 3.要求提供…/4.无正当理由… a block column by column that
                                        reads the same way): the cells stay `?`
  dense-county-2022-pdftotext-plain-bad-total.txt     the plain text with the published
                                        （七）总计 row disagreeing with its column (58→59 and
                                        141→142, its own row sum kept): no reading fits, `?`

Usage: scripts/make-solver-fixtures.py NIANBAO_BINARY OUT_DIR  (needs python-docx and
libreoffice). The outputs are committed; `make test` does not run this. The drifted-Markdown
and adversarial fixtures beside them are written by hand (see their tests).
"""
import importlib.util
import json
import os
import random
import re
import shutil
import subprocess
import sys
import tempfile

HERE = os.path.dirname(os.path.abspath(__file__))
SAMPLE = os.path.join(HERE, "..", "Tests", "NianbaoIngestTests", "Fixtures", "samples", "xixia-county-2022.txt")
RESULT_ROWS = range(2, 23)  # granted … other.other in table 2's 25 rows


def dense_table2(rng):
    """25 rows × 7 (six applicant columns and 总计) satisfying every equation of FORMAT.md §4."""
    weights = [0, 0, 0, 1, 1, 2, 3, 5, 8, 13]
    rows = [[0] * 6 for _ in range(25)]
    for r in RESULT_ROWS:
        for c in range(6):
            rows[r][c] = rng.choice(weights) if c == 0 else rng.choice(weights[:7])
    total = [sum(rows[r][c] for r in RESULT_ROWS) for c in range(6)]
    rows[23] = total
    for c in range(6):
        carried_forward = rng.choice([0, 0, 1, 2, 3])
        carried_over = rng.choice([0, 1, 2, 4])
        carried_over = min(carried_over, total[c] + carried_forward)
        rows[24][c] = carried_forward
        rows[1][c] = carried_over
        rows[0][c] = total[c] + carried_forward - carried_over
    return [r + [sum(r)] for r in rows]


def dense_table3(rng):
    out = []
    for _ in range(3):
        parts = [rng.choice([0, 1, 2, 3, 5, 7]) for _ in range(4)]
        out += parts + [sum(parts)]
    return out


def dense_text(seed=20):
    rng = random.Random(seed)
    t2, t3 = dense_table2(rng), dense_table3(rng)
    text = open(SAMPLE, encoding="utf-8").read()
    start = text.index("收到和处理政府信息公开申请情况")
    end = text.index("四、政府信息公开", start)
    rows = iter(t2)
    section = re.sub(r"(?m)((?:[ \t]+|^)\d+){7}[ \t]*$",
                     lambda m: (" " if not m.group(0).startswith(tuple("0123456789")) else "") + " ".join(map(str, next(rows))),
                     text[start:end])
    assert next(rows, None) is None, "every row of table 2 replaced"
    tail = re.sub(r"(?m)^((?:\d+[ \t]+){14}\d+)[ \t]*$", " ".join(map(str, t3)), text[end:], count=1)
    assert tail != text[end:], "table 3 replaced"
    return text[:start] + section + tail


def drifted_markdown(md, apart=False):
    """Table 2 of nianbao's Markdown as a converter that lost the label column's alignment
    writes it: values one row below their labels (`apart=False`), or labels and values in two
    blocks."""
    lines = md.split("\n")
    head = next(i for i, l in enumerate(lines) if l.startswith("| 项目 |") and "自然人" in l)
    rows = []
    i = head + 2
    while i < len(lines) and lines[i].startswith("|"):
        fields = [f.strip() for f in lines[i].strip("|").split("|")]
        rows.append((fields[0].replace("\u3000", ""), fields[1:]))
        i += 1
    assert len(rows) == 25
    row = lambda fields: "| " + " | ".join(fields) + " |"
    if apart:
        out = [row(["项目", "自然人", "商业企业", "科研机构", "社会公益组织", "法律服务机构", "其他", "总计"]), "|---" * 8 + "|"]
        out += [row([label] + [""] * 7) for label, _ in rows]
        out += [row([""] + values) for _, values in rows]
    else:
        out = [row(["申请人情况", "自然人", "法人或其他组织", "", "", "", "", "总计"]), "|---" * 8 + "|",
               row([rows[0][0], "", "商业企业", "科研机构", "社会公益组织", "法律服务机构", "其他", ""])]
        out += [row([rows[k][0]] + rows[k - 1][1]) for k in range(1, 25)]
        out.append(row([""] + rows[24][1]))
    return "\n".join(lines[:head] + out + lines[i:])


def column_blocks(table, blocks):
    """Table 2's numbers in the order plain pdftotext gives them: rows in order, the rows of
    each block in `blocks` (first, last) column by column."""
    seq, r = [], 0
    starts = {b[0]: b[1] for b in blocks}
    while r < len(table):
        last = starts.get(r, r)
        seq += [table[k][c] for c in range(7) for k in range(r, last + 1)]
        r = last + 1
    return seq


def renumber(plain, table, blocks):
    """`plain` with the first 175 number lines of section 3 written anew from `table`."""
    start = plain.index("收到和处理政府信息公开申请情况")
    end = plain.index("四、政府信息公开", start)
    numbers = iter(column_blocks(table, blocks))
    count = [0]

    def swap(m):
        count[0] += 1
        return str(next(numbers)) if count[0] <= 175 else m.group(0)
    section = re.sub(r"(?m)^\d+$", swap, plain[start:end])
    assert count[0] >= 175
    return plain[:start] + section + plain[end:]


def totals(table):
    """Table 2's 总计 row and 本年新收 row made to satisfy every equation again."""
    for c in range(6):
        table[23][c] = sum(table[r][c] for r in RESULT_ROWS)
        table[0][c] = table[23][c] + table[24][c] - table[1][c]
        assert table[0][c] >= 0
    for r in table:
        r[6] = sum(r[:6])
    return table


def run_to(path, args):
    with open(path, "wb") as f:
        f.write(subprocess.run(args, check=True, capture_output=True).stdout)


def main():
    binary, out = sys.argv[1:3]
    os.makedirs(out, exist_ok=True)
    spec = importlib.util.spec_from_file_location("make_fixtures", os.path.join(HERE, "make-fixtures.py"))
    fixtures = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(fixtures)
    lo = shutil.which("libreoffice") or shutil.which("soffice")
    stem = "dense-county-2022"
    with tempfile.TemporaryDirectory() as tmp:
        source = os.path.join(out, stem + ".txt")
        with open(source, "w", encoding="utf-8") as f:
            f.write(dense_text())
        report = json.loads(subprocess.check_output([binary, "parse", source]))
        cells = {c["key"]: c["written"] for c in report["cells"]}
        assert all(v != "?" for v in cells.values()), "the dense report reads in full"
        docx = os.path.join(tmp, stem + ".docx")
        fixtures.write_docx(report, cells, docx)
        subprocess.run([lo, "--headless", "--convert-to", "pdf", "--outdir", tmp, docx], check=True, capture_output=True)
        pdf = os.path.join(tmp, stem + ".pdf")
        run_to(os.path.join(out, stem + "-pdftotext-plain.txt"), ["pdftotext", pdf, "-"])
        run_to(os.path.join(out, stem + "-pdftotext-raw.txt"), ["pdftotext", "-raw", pdf, "-"])
        own = os.path.join(tmp, "own")
        subprocess.run([binary, "render", source, "--output-dir", own], check=True, capture_output=True)
        run_to(os.path.join(out, stem + "-nianbao-pdftotext-plain.txt"), ["pdftotext", os.path.join(own, stem + ".pdf"), "-"])
        md = subprocess.check_output([binary, "parse", source, "--format", "markdown"]).decode("utf-8")
        with open(os.path.join(out, stem + "-drifted.md"), "w", encoding="utf-8") as f:
            f.write(drifted_markdown(md))
        with open(os.path.join(out, stem + "-labels-apart.md"), "w", encoding="utf-8") as f:
            f.write(drifted_markdown(md, apart=True))
        # LibreOffice's runs as plain pdftotext gives them: 予以公开/部分公开 and 3.其他/总计/结转
        # column by column (seen in its output), the other rows row by row.
        plain = open(os.path.join(out, stem + "-pdftotext-plain.txt"), encoding="utf-8").read()
        table = dense_table2(random.Random(20))
        assert renumber(plain, table, [(2, 3), (22, 24)]) == plain, "the runs are as seen"
        twice = [r[:] for r in table]
        twice[8], twice[9] = [0] * 7, [3, 0, 3, 0, 0, 0, 6]
        twice[17], twice[18] = [0] * 7, [0, 0, 0, 3, 3, 0, 6]
        with open(os.path.join(out, stem + "-pdftotext-plain-two-readings.txt"), "w", encoding="utf-8") as f:
            f.write(renumber(plain, totals(twice), [(2, 3), (17, 18), (22, 24)]))
        bad = [r[:] for r in table]
        bad[23][0] += 1
        bad[23][6] += 1
        with open(os.path.join(out, stem + "-pdftotext-plain-bad-total.txt"), "w", encoding="utf-8") as f:
            f.write(renumber(plain, bad, [(2, 3), (22, 24)]))


if __name__ == "__main__":
    main()
