#!/usr/bin/env python3
"""typst on the same content, measured in the same run as nianbao (make bench).

Each sample as nianbao reads it (its JSON export) becomes a typst document of the same
shape: A4, the GB/T 9704 margins, title, the sections' paragraphs and the three tables as
ruled grids, Noto CJK fonts. One compiler is reused, as PERFORMANCE.md's reference does.
Iterations go round the samples, and each iteration marks every paragraph with its number
(as nianbao-bench does), or typst's incremental cache would replay the previous result.
Given nianbao-bench's output, prints the ratio of the two.
usage: bench-typst.py NIANBAO_BINARY [NIANBAO_BENCH_OUTPUT]
"""
import glob
import json
import os
import resource
import subprocess
import sys
import tempfile
import time

import typst

binary = sys.argv[1]
samples = sorted(glob.glob("Tests/NianbaoIngestTests/Fixtures/samples/*.txt"))


def esc(s):
    s = "" if s is None else str(s)
    return "".join("\\" + ch if ch in "#*_`$<>@[]\\\"" else ch for ch in s)


def grid(columns, rows):
    body = ", ".join("[" + esc(c) + "]" for row in rows for c in row)
    return f"#table(columns: {columns}, align: center + horizon, {body})\n\n"


def source(sample):
    """A typst document for one sample; every paragraph starts with @@, the iteration marker."""
    doc = json.loads(subprocess.run([binary, "parse", sample], capture_output=True, check=True).stdout)
    cells = {c["key"]: c.get("value") for c in doc["cells"]}
    out = ['#set page(paper: "a4", margin: (top: 37mm, left: 28mm, right: 26mm, bottom: 35mm), '
           'footer: context align(if calc.odd(here().page()) { right } else { left }, [— #counter(page).display() —]))\n',
           '#set text(font: "Noto Serif CJK SC", size: 16pt, lang: "zh")\n',
           '#set par(justify: true, first-line-indent: 2em, leading: 0.9em)\n',
           f'#align(center, text(size: 22pt, weight: "bold")[{esc(doc["title"])}])\n\n']
    for section in doc["sections"]:
        out.append(f'#text(font: "Noto Sans CJK SC")[{esc(section["heading"])}]\n\n')
        for p in section["paragraphs"]:
            out.append("@@" + esc(p["text"]) + "\n\n")
        if section["number"] == 2:
            rows = [["规章"] + [cells[f"active.regulations.{c}"] for c in ("issued", "repealed", "in_force")],
                    ["行政规范性文件"] + [cells[f"active.normative_documents.{c}"] for c in ("issued", "repealed", "in_force")],
                    ["行政许可", cells["active.licensing.decisions"], "", ""], ["行政处罚", cells["active.penalty.decisions"], "", ""],
                    ["行政强制", cells["active.coercion.decisions"], "", ""], ["行政事业性收费", cells["active.fees.amount"], "", ""]]
            out.append('#set text(size: 10.5pt)\n' + grid(4, [["信息内容", "本年制发件数", "本年废止件数", "现行有效件数"]] + rows) + '#set text(size: 16pt)\n')
        if section["number"] == 3:
            keys = [k for k in cells if k.startswith("requests.")]
            rows = [[k.split(".")[1]] + [cells[k2] for k2 in keys if k2.rsplit(".", 1)[0] == k.rsplit(".", 1)[0]] for k in keys[::7]]
            out.append('#set text(size: 10.5pt)\n' + grid(8, [["", "自然人", "商业企业", "科研机构", "社会公益组织", "法律服务机构", "其他", "总计"]] + rows) + '#set text(size: 16pt)\n')
        if section["number"] == 4:
            values = [cells[k] for k in cells if k.startswith(("review.", "litigation"))]
            out.append('#set text(size: 10.5pt)\n' + grid(15, [["维持", "纠正", "其他", "未结", "总计"] * 3, values]) + '#set text(size: 16pt)\n')
    return "".join(out)


sources = [source(s) for s in samples]

with tempfile.TemporaryDirectory() as tmp:
    path = os.path.join(tmp, "report.typ")

    def write(i):
        with open(path, "w", encoding="utf-8") as f:
            f.write(sources[i % len(sources)].replace("@@", f"（{i}）"))

    write(0)
    compiler = typst.Compiler(path)
    pdf = compiler.compile(format="pdf")
    n, sizes = 0, []
    start = time.perf_counter()
    cpu_start = time.process_time()
    while time.perf_counter() - start < 3:
        n += 1
        write(n)
        pdf = compiler.compile(format="pdf")
        sizes.append(len(pdf))
    elapsed = time.perf_counter() - start
    cpu = time.process_time() - cpu_start
peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
print(f"typst {typst.__version__} on the same {len(samples)} reports, one compiler reused: {n / elapsed:.1f} docs/s, "
      f"{sum(sizes) / len(sizes) / 1024:.0f} KB each on average, peak {peak:.0f} MB")
# CPU time of the whole process (typst may use more than one thread), as nianbao's line gives.
print(f"typst per CPU second: {n / cpu:.1f} docs/s ({cpu / elapsed * 100:.0f}% of the wall time)")

if len(sys.argv) > 2 and os.path.exists(sys.argv[2]):
    lines = open(sys.argv[2], encoding="utf-8").read().split("\n")
    at = next((i for i, l in enumerate(lines) if l.startswith("rendered")), None)
    if at is not None:
        line = lines[at]
        rate, kb = float(line.split()[1]), float(line.split("PDFs, ")[1].split()[0])
        # nianbao's peak: the first peak line after its render figures.
        mb = next((float(l.split()[-2]) for l in lines[at:] if l.startswith("peak memory")), float("nan"))
        cpu_rate = next((float(l.split()[4]) for l in lines[at:] if l.startswith("rendered per CPU second")), float("nan"))
        typst_rate, typst_kb = n / elapsed, sum(sizes) / len(sizes) / 1024
        print(f"nianbao against typst, same reports, same run: {rate / typst_rate:.2f}x the throughput "
              f"({rate:.1f} against {typst_rate:.1f} docs/s), PDFs {kb:.0f} KB against {typst_kb:.0f} KB, "
              f"peak {mb:.0f} MB against {peak:.0f} MB")
        print(f"per CPU second: {cpu_rate / (n / cpu):.2f}x ({cpu_rate:.1f} against {n / cpu:.1f} docs/s)")
