#!/usr/bin/env python3
"""Writes the file fixtures of Tests/NianbaoFilesTests/Fixtures from the bundled samples.

Each sample's report (as `nianbao parse` reads it: title, prose, all 200 cells as written)
is written out again the way agencies publish it, by tools other than nianbao:

  docx/<sample>.docx          python-docx, the three tables with the template's merged cells
                              (gridSpan, vMerge), blank cells empty, placeholders as written
  lo-pdf/<sample>.pdf         LibreOffice's PDF of that .docx (headless)
  html/<sample>-site.html     a government site page: chrome (nav, breadcrumbs, sidebar listing
                              other years, footer), border="0" tables with rowspan/colspan,
                              cells in <p><span>, numbers padded with &nbsp; / U+3000
  html/<sample>-word-gbk.html Word's "save as web page": MsoNormal, <o:p>, one header
                              character per <p>, charset=gb2312 (bytes in GBK)
  doc/<sample>.doc            LibreOffice's Word 97 file (nianbao refuses it and says how to convert)
  wild/<sample>-<tool>.txt    text as other tools give it (FORMAT §7): pdftotext with and
                              without -layout of LibreOffice's PDF and of nianbao's own, w3m's
                              box-drawn dump at 80 and 200 columns, lynx's dump
  scan.pdf                    a page with an image and no text layer
  no-report.html              a news page of the same site, no report on it

Each report's parts go in as the agency wrote them: a cover letter before the title (in the
.docx), the preamble, run-in headings (a run of their own in 楷体), prose before and after the
tables, attachments and the closing block, right-aligned.

Usage: scripts/make-fixtures.py NIANBAO_BINARY SAMPLES_DIR OUT_DIR  (needs python-docx, and
libreoffice for the PDF and .doc files). The outputs are committed; `make test` does not run this.
The whole-report fixtures come from Tests/NianbaoIngestTests/Fixtures/whole as SAMPLES_DIR.
"""
import html
import json
import os
import shutil
import subprocess
import sys
import tempfile

ACTIVE = [("regulations", "规章", 3), ("normative_documents", "行政规范性文件", 3), ("licensing", "行政许可", 1),
          ("penalty", "行政处罚", 1), ("coercion", "行政强制", 1), ("fees", "行政事业性收费", 1)]
ACTIVE_COLS = {3: ["issued", "repealed", "in_force"], 1: None}
REQ_COLS = ["natural", "commercial", "research", "social", "legal_service", "other", "total"]
REQ_ROWS = [
    ("new", None, None, "一、本年新收政府信息公开申请数量"), ("carried_over", None, None, "二、上年结转政府信息公开申请数量"),
    ("granted", "R", None, "（一）予以公开"), ("partially_granted", "R", None, "（二）部分公开（区分处理的，只计这一情形，不计其他情形）"),
    ("denied.state_secret", "R", "（三）不予公开", "1.属于国家秘密"), ("denied.prohibited_by_law", "R", "（三）不予公开", "2.其他法律行政法规禁止公开"),
    ("denied.three_safeties_one_stability", "R", "（三）不予公开", "3.危及“三安全一稳定”"), ("denied.third_party_rights", "R", "（三）不予公开", "4.保护第三方合法权益"),
    ("denied.internal_affairs", "R", "（三）不予公开", "5.属于三类内部事务信息"), ("denied.process_information", "R", "（三）不予公开", "6.属于四类过程性信息"),
    ("denied.enforcement_case_file", "R", "（三）不予公开", "7.属于行政执法案卷"), ("denied.administrative_query", "R", "（三）不予公开", "8.属于行政查询事项"),
    ("unavailable.not_held", "R", "（四）无法提供", "1.本机关不掌握相关政府信息"), ("unavailable.needs_creation", "R", "（四）无法提供", "2.没有现成信息需要另行制作"),
    ("unavailable.still_unclear", "R", "（四）无法提供", "3.补正后申请内容仍不明确"),
    ("not_processed.petition_or_complaint", "R", "（五）不予处理", "1.信访举报投诉类申请"), ("not_processed.repeated", "R", "（五）不予处理", "2.重复申请"),
    ("not_processed.publication", "R", "（五）不予处理", "3.要求提供公开出版物"), ("not_processed.excessive", "R", "（五）不予处理", "4.无正当理由大量反复申请"),
    ("not_processed.confirmation", "R", "（五）不予处理", "5.要求行政机关确认或重新出具已获取信息"),
    ("other.no_correction", "R", "（六）其他处理", "1.申请人无正当理由逾期不补正、行政机关不再处理其政府信息公开申请"),
    ("other.unpaid_fee", "R", "（六）其他处理", "2.申请人逾期未按收费通知要求缴纳费用、行政机关不再处理其政府信息公开申请"),
    ("other.other", "R", "（六）其他处理", "3.其他"), ("total", "R", None, "（七）总计"), ("carried_forward", None, None, "四、结转下年度继续办理"),
]
REVIEW = ["review", "litigation_direct", "litigation_after_review"]
REVIEW_COLS = ["upheld", "corrected", "other", "pending", "total"]
REVIEW_HEADS = ["结果维持", "结果纠正", "其他结果", "尚未审结", "总计"]


def C(text, cs=1, rs=1, head=False):
    return {"text": text, "cs": cs, "rs": rs, "head": head}


ACTIVE_2019 = [("第二十条第（一）项", ["本年新制作数量", "本年新公开数量", "对外公开总数量"],
                [("regulations", "规章", ["made", "published", "public_total"]), ("normative_documents", "规范性文件", ["made", "published", "public_total"])]),
               ("第二十条第（五）项", ["上一年项目数量", "本年增/减", "处理决定数量"],
                [("licensing", "行政许可", ["previous", "change", "decisions"]), ("other_services", "其他对外管理服务事项", ["previous", "change", "decisions"])]),
               ("第二十条第（六）项", ["上一年项目数量", "本年增/减", "处理决定数量"],
                [("penalty", "行政处罚", ["previous", "change", "decisions"]), ("coercion", "行政强制", ["previous", "change", "decisions"])]),
               ("第二十条第（八）项", ["上一年项目数量", "本年增/减"], [("fees", "行政事业性收费", ["previous", "change"])]),
               ("第二十条第（九）项", ["采购项目数量", "采购总金额"], [("procurement", "政府集中采购", ["items", "amount"])])]


def table1_2019(cells):
    """The 2019 template's table 1 (FORMAT §2b): blocks of three or two columns."""
    t1 = []
    for heading, heads, rows in ACTIVE_2019:
        t1.append([C(heading, 4, head=True)])
        t1.append([C("信息内容", head=True)] + [C(h, 2 if len(heads) == 2 and i == 1 else 1, head=True) for i, h in enumerate(heads)])
        for key, label, cols in rows:
            t1.append([C(label)] + [C(cells[f"active2019.{key}.{c}"], 2 if len(cols) == 2 and i == 1 else 1) for i, c in enumerate(cols)])
    return t1


def tables(cells, template="2021"):
    """The three tables as rows of cells with spans (covered positions not listed). A 2019
    report (or a 2021 one that kept it) has one （六）其他处理 row."""
    v = lambda key: cells.get(key, "")
    one_other = "requests.other_processing.natural" in cells
    t1 = [[C("第二十条第（一）项", 4, head=True)],
          [C("信息内容", head=True), C("本年制发件数", head=True), C("本年废止件数", head=True), C("现行有效件数", head=True)]]
    for key, label, n in ACTIVE[:2]:
        t1.append([C(label)] + [C(v(f"active.{key}.{c}")) for c in ACTIVE_COLS[3]])
    blocks = [("第二十条第（五）项", "本年处理决定数量", ["licensing"]), ("第二十条第（六）项", "本年处理决定数量", ["penalty", "coercion"]),
              ("第二十条第（八）项", "本年收费金额（单位：万元）", ["fees"])]
    labels = dict((k, l) for k, l, _ in ACTIVE)
    for heading, column, keys in blocks:
        t1.append([C(heading, 4, head=True)])
        t1.append([C("信息内容", head=True), C(column, 3, head=True)])
        for key in keys:
            suffix = "amount" if key == "fees" else "decisions"
            t1.append([C(labels[key]), C(v(f"active.{key}.{suffix}"), 3)])
    t2 = [[C("（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）", 3, 3, True), C("申请人情况", 7, head=True)],
          [C("自然人", 1, 2, True), C("法人或其他组织", 5, head=True), C("总计", 1, 2, True)],
          [C(h, head=True) for h in ["商业企业", "科研机构", "社会公益组织", "法律服务机构", "其他"]]]
    seen_groups = set()
    req_rows = REQ_ROWS
    if one_other:
        req_rows = [r for r in REQ_ROWS if not r[0].startswith("other.")]
        at = [r[0] for r in req_rows].index("total")
        req_rows.insert(at, ("other_processing", "R", None, "（六）其他处理"))
    for i, (row, vertical, group, label) in enumerate(req_rows):
        out = []
        if vertical and row == "granted":
            out.append(C("三、本年度办理结果", 1, sum(1 for r in req_rows if r[1])))  # (一) … (七)总计
        if vertical:
            if group:
                if group not in seen_groups:
                    seen_groups.add(group)
                    out.append(C(group, 1, sum(1 for r in req_rows if r[2] == group)))
                out.append(C(label))
            else:
                out.append(C(label, 2))
        else:
            out.append(C(label, 3))
        out += [C(v(f"requests.{row}.{c}")) for c in REQ_COLS]
        t2.append(out)
    t3 = [[C("行政复议", 5, head=True), C("行政诉讼", 10, head=True)],
          [C(h, 1, 2, True) for h in REVIEW_HEADS] + [C("未经复议直接起诉", 5, head=True), C("复议后起诉", 5, head=True)],
          [C(h, head=True) for h in REVIEW_HEADS * 2],
          [C(v(f"{g}.{c}")) for g in REVIEW for c in REVIEW_COLS]]
    if template == "2019":
        t1 = table1_2019(cells)
    return t1, t2, t3


def grid_positions(rows):
    """(row, col, cell) for every listed cell, skipping positions covered by spans."""
    taken = set()
    out = []
    for r, row in enumerate(rows):
        c = 0
        for cell in row:
            while (r, c) in taken:
                c += 1
            out.append((r, c, cell))
            for dr in range(cell["rs"]):
                for dc in range(cell["cs"]):
                    taken.add((r + dr, c + dc))
            c += cell["cs"]
    return out


def write_docx(report, cells, path):
    import docx
    from docx.shared import Pt
    from docx.enum.text import WD_ALIGN_PARAGRAPH
    d = docx.Document()
    style = d.styles["Normal"]
    style.font.size = Pt(12)
    def prose(paragraphs, heading_font=None):
        for p in paragraphs:
            para = d.add_paragraph()
            lead = p.get("runInHeading")
            if lead:
                # A run-in heading as Word writes it: its words in a run of their own (楷体).
                run = para.add_run(lead)
                run.font.name = "楷体_GB2312"
                para.add_run(p["text"][len(lead):])
            else:
                para.add_run(p["text"])
            if p["kind"] == "body":
                para.paragraph_format.first_line_indent = Pt(24)

    prose(report.get("frontMatter", []))
    t = d.add_paragraph(report["title"])
    t.alignment = WD_ALIGN_PARAGRAPH.CENTER
    prose(report.get("preamble", []))
    tabs = dict(zip([2, 3, 4], tables(cells, report.get("template", "2021"))))
    for section in report["sections"]:
        d.add_paragraph(section["heading"])
        prose(section["paragraphs"])
        if section["number"] in tabs:
            rows = tabs[section["number"]]
            ncols = {2: 4, 3: 10, 4: 15}[section["number"]]
            table = d.add_table(rows=len(rows), cols=ncols)
            table.style = "Table Grid"
            for r, c, cell in grid_positions(rows):
                target = table.cell(r, c)
                if cell["cs"] > 1 or cell["rs"] > 1:
                    target = target.merge(table.cell(r + cell["rs"] - 1, c + cell["cs"] - 1))
                target.text = cell["text"]
                for para in target.paragraphs:
                    for run in para.runs:
                        run.font.size = Pt(8 if section["number"] == 4 else 9)
        prose(section.get("afterTable", []))
    prose(report.get("attachments", []))
    closing = report.get("closing")
    if closing:
        for line in closing.get("signature", []) + ([closing["date"]] if closing.get("date") else []):
            d.add_paragraph(line).alignment = WD_ALIGN_PARAGRAPH.RIGHT
    d.save(path)


def html_table(rows, word=False):
    out = ['<table border="0" cellspacing="0" cellpadding="0" style="border-collapse:collapse" class="MsoNormalTable">' if word
           else '<table border="0" cellspacing="0" style="border-collapse:collapse;border:1px solid #000" width="100%"><tbody>']
    for row in rows:
        out.append("<tr>")
        for cell in row:
            attrs = (f' colspan="{cell["cs"]}"' if cell["cs"] > 1 else "") + (f' rowspan="{cell["rs"]}"' if cell["rs"] > 1 else "")
            text = cell["text"]
            if word:
                if cell["head"] and len(text) <= 6:
                    body = "".join(f'<p class="MsoNormal" align="center"><span style="font-family:宋体">{html.escape(ch)}</span></p>' for ch in text)
                elif text == "":
                    body = '<p class="MsoNormal"><span lang="EN-US"><o:p>&nbsp;</o:p></span></p>'
                else:
                    body = f'<p class="MsoNormal" align="center"><span lang="EN-US" style="font-size:10.5pt">{html.escape(text)}<o:p></o:p></span></p>'
                out.append(f'<td width="60" valign="center" style="border:solid windowtext 1.0pt"{attrs}>{body}</td>')
            else:
                numeric = text and all(ch.isdigit() or ch in ".," for ch in text)
                shown = f"&nbsp;{html.escape(text)}&nbsp;" if numeric else ("\u3000" if text == "" else html.escape(text))
                out.append(f'<td{attrs} style="border:1px solid #000"><p style="text-align:center"><span>{shown}</span></p></td>')
        out.append("</tr>")
    out.append("</table>" if word else "</tbody></table>")
    return "\n".join(out)


def report_body(report, cells, word=False):
    tabs = dict(zip([2, 3, 4], tables(cells, report.get("template", "2021"))))
    out = []

    def prose(paragraphs):
        for p in paragraphs:
            lead = p.get("runInHeading") or ""
            rest = p["text"][len(lead):]
            if word:
                head = f'<span style="font-family:楷体_GB2312">{html.escape(lead)}</span>' if lead else ""
                out.append(f'<p class="MsoNormal" style="text-indent:32.0pt">{head}<span style="font-family:仿宋_GB2312">{html.escape(rest)}</span><span lang="EN-US"><o:p></o:p></span></p>')
            else:
                head = f"<strong>{html.escape(lead)}</strong>" if lead else ""
                out.append(f'<p style="text-indent:2em">{head}{html.escape(rest)}</p>')

    prose(report.get("preamble", []))
    for section in report["sections"]:
        out.append(f'<p class="MsoNormal"><b><span style="font-family:黑体">{html.escape(section["heading"])}</span></b></p>' if word
                   else f"<h3>{html.escape(section['heading'])}</h3>")
        prose(section["paragraphs"])
        if section["number"] in tabs:
            out.append(html_table(tabs[section["number"]], word))
        prose(section.get("afterTable", []))
    prose(report.get("attachments", []))
    closing = report.get("closing")
    if closing:
        for line in closing.get("signature", []) + ([closing["date"]] if closing.get("date") else []):
            out.append(f'<p class="MsoNormal" align="right" style="text-align:right">{html.escape(line)}</p>' if word
                       else f'<p style="text-align:right">{html.escape(line)}</p>')
    return "\n".join(out)


def site_page(report, cells):
    other = report["title"].replace(str(report["year"]), str(report["year"] - 1))
    return f"""<!DOCTYPE html>
<html lang="zh-CN"><head><meta charset="utf-8"><title>{html.escape(report["title"])}_政务公开</title>
<script>var _hmt = _hmt || []; document.write("<div>{html.escape(report["title"])}</div>");</script>
<style>.nav li{{display:inline}}</style></head>
<body>
<div class="header"><div class="logo">{html.escape(report["agency"])}门户网站</div></div>
<ul class="nav"><li><a href="/">首页</a></li><li><a href="/zwgk">政务公开</a></li><li><a href="/hdjl">互动交流</a></li></ul>
<div class="position">当前位置：<a href="/">首页</a> &gt; <a href="/zwgk">政务公开</a> &gt; 年度报告 &gt; {html.escape(report["title"])}</div>
<div class="main">
<div class="left-list"><h4>年度报告</h4><ul><li><a href="/a">{html.escape(other)}</a></li></ul></div>
<div class="article">
<h1 class="article-title">{html.escape(report["title"])}</h1>
<div class="info">发布时间：{report["year"] + 1}-01-20 来源：{html.escape(report["agency"])} 浏览次数：1024</div>
<div class="TRS_Editor">
<p style="text-align:center"><strong>{html.escape(report["title"])}</strong></p>
{report_body(report, cells)}
</div>
</div></div>
<div class="footer"><p>主办单位：{html.escape(report["agency"])} 版权所有 ICP备00000000号</p></div>
</body></html>
"""


def word_page(report, cells):
    return f"""<html xmlns:o="urn:schemas-microsoft-com:office:office" xmlns:w="urn:schemas-microsoft-com:office:word">
<head><meta http-equiv=Content-Type content="text/html; charset=gb2312">
<meta name=Generator content="Microsoft Word 15"><!--[if gte mso 9]><xml><w:WordDocument></w:WordDocument></xml><![endif]-->
<style>p.MsoNormal{{margin:0cm;font-size:10.5pt}}</style></head>
<body lang=ZH-CN style='tab-interval:21.0pt'><div class=WordSection1>
<p class=MsoNormal align=center style='text-align:center'><b><span style='font-size:22.0pt;font-family:方正小标宋简体'>{html.escape(report["title"])}</span></b></p>
{report_body(report, cells, word=True)}
</div></body></html>
"""


def scan_pdf(path):
    """One A4 page whose only content is a small grey image: a PDF without a text layer."""
    objects = [b"<< /Type /Catalog /Pages 2 0 R >>", b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
               b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Resources << /XObject << /Im1 5 0 R >> >> /Contents 4 0 R >>"]
    content = b"q 400 0 0 600 97 120 cm /Im1 Do Q"
    objects.append(b"<< /Length %d >>\nstream\n" % len(content) + content + b"\nendstream")
    image = bytes([200, 180, 200, 180])
    objects.append(b"<< /Type /XObject /Subtype /Image /Width 2 /Height 2 /ColorSpace /DeviceGray /BitsPerComponent 8 /Length 4 >>\nstream\n" + image + b"\nendstream")
    out = bytearray(b"%PDF-1.4\n")
    offsets = []
    for i, body in enumerate(objects, 1):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % i + body + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    for o in offsets:
        out += b"%010d 00000 n \n" % o
    out += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (len(objects) + 1, xref)
    open(path, "wb").write(out)


def run_to(path, args):
    with open(path, "wb") as f:
        f.write(subprocess.run(args, check=True, capture_output=True).stdout)


def wild(binary, samples, name, stem, out):
    w = lambda tool: os.path.join(out, "wild", f"{stem}-{tool}.txt")
    lo_pdf = os.path.join(out, "lo-pdf", stem + ".pdf")
    if os.path.exists(lo_pdf):
        run_to(w("pdftotext-layout"), ["pdftotext", "-layout", lo_pdf, "-"])
        run_to(w("pdftotext-plain"), ["pdftotext", lo_pdf, "-"])
    with tempfile.TemporaryDirectory() as tmp:
        subprocess.run([binary, "render", os.path.join(samples, name), "--output-dir", tmp], check=True, capture_output=True)
        own = os.path.join(tmp, stem + ".pdf")
        run_to(w("nianbao-pdftotext-layout"), ["pdftotext", "-layout", own, "-"])
        run_to(w("nianbao-pdftotext-plain"), ["pdftotext", own, "-"])
        page = os.path.join(tmp, "bordered.html")
        with open(os.path.join(out, "html", stem + "-site.html"), encoding="utf-8") as f:
            open(page, "w", encoding="utf-8").write(f.read().replace('border="0"', 'border="1"'))
        if shutil.which("w3m"):
            for cols in ["80", "200"]:
                run_to(w("w3m-" + cols), ["w3m", "-dump", "-cols", cols, "-T", "text/html", page])
        if shutil.which("lynx"):
            run_to(w("lynx"), ["lynx", "-dump", "-width=200", "-nolist", page])


def main():
    binary, samples, out = sys.argv[1:4]
    for sub in ["docx", "lo-pdf", "html", "doc", "wild"]:
        os.makedirs(os.path.join(out, sub), exist_ok=True)
    lo = shutil.which("libreoffice") or shutil.which("soffice")
    for name in sorted(os.listdir(samples)):
        if not name.endswith(".txt"):
            continue
        stem = name[:-4]
        report = json.loads(subprocess.check_output([binary, "parse", os.path.join(samples, name)]))
        cells = {c["key"]: c["written"] for c in report["cells"]}
        docx_path = os.path.join(out, "docx", stem + ".docx")
        write_docx(report, cells, docx_path)
        with open(os.path.join(out, "html", stem + "-site.html"), "w", encoding="utf-8") as f:
            f.write(site_page(report, cells))
        with open(os.path.join(out, "html", stem + "-word-gbk.html"), "wb") as f:
            f.write(word_page(report, cells).encode("gbk"))
        if lo:
            with tempfile.TemporaryDirectory() as tmp:
                subprocess.run([lo, "--headless", "--convert-to", "pdf", "--outdir", tmp, docx_path], check=True, capture_output=True)
                shutil.move(os.path.join(tmp, stem + ".pdf"), os.path.join(out, "lo-pdf", stem + ".pdf"))
                if stem.startswith("xin"):
                    subprocess.run([lo, "--headless", "--convert-to", "doc", "--outdir", tmp, docx_path], check=True, capture_output=True)
                    shutil.move(os.path.join(tmp, stem + ".doc"), os.path.join(out, "doc", stem + ".doc"))
        wild(binary, samples, name, stem, out)
    scan_pdf(os.path.join(out, "scan.pdf"))
    with open(os.path.join(out, "no-report.html"), "w", encoding="utf-8") as f:
        f.write('<!DOCTYPE html><html><head><meta charset="utf-8"><title>新闻</title></head><body><ul class="nav"><li>首页</li></ul>'
                '<div class="article"><h1>我县召开政务公开工作推进会</h1><p>11月20日，我县召开政务公开工作推进会，部署下一阶段工作。</p></div></body></html>\n')


if __name__ == "__main__":
    main()
