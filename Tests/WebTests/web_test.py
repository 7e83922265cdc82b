#!/usr/bin/env python3
"""End-to-end tests of `nianbao serve` in a real browser (make test, after swift test).

Starts the built nianbao-serve on a free port with a private TMPDIR, drives Debian's chromium
headless through Playwright (PyPI; Playwright's own browsers are never downloaded), and checks
what an office user does: upload the four samples, a PDF and a file that is no report; see the
rows, a report's tables and findings; download its PDF and read it back with pdftotext; make a
handout of three units and read its CSV; then 100 reports at once, timed. Screenshots of each
page go to docs/ with SCREENSHOTS=1 (make screenshots). Stops the server with SIGTERM and checks that its
workspace is gone.

usage: web_test.py NIANBAO_SERVE_BINARY
"""
import csv, io, os, subprocess, sys, tempfile
from pathlib import Path

from webserver import start_server, stop_server
from playwright.sync_api import sync_playwright, expect

ROOT = Path(__file__).resolve().parents[2]
SAMPLES = sorted((ROOT / "Tests/NianbaoIngestTests/Fixtures/samples").glob("*.txt"))
PDF = ROOT / "Tests/NianbaoFilesTests/Fixtures/lo-pdf/hanyin-county-2022-whole.pdf"
CHROMIUM = os.environ.get("CHROMIUM", "/usr/bin/chromium")
DOCS = ROOT / "docs"
SHOTS = os.environ.get("SCREENSHOTS", "0") == "1"
failures = []


def check(ok, what):
    print(("ok    " if ok else "FAIL  ") + what, flush=True)
    if not ok:
        failures.append(what)


def shot(page, name):
    if SHOTS:
        page.screenshot(path=str(DOCS / name))


def main():
    binary = sys.argv[1]
    tmp = Path(tempfile.mkdtemp(prefix="nianbao-web-test-"))
    server, url = start_server(binary, tmp)
    try:
        with sync_playwright() as p:
            browser = p.chromium.launch(executable_path=CHROMIUM, headless=True, args=["--no-sandbox"])
            context = browser.new_context(viewport={"width": 1366, "height": 768}, accept_downloads=True, locale="zh-CN")
            page = context.new_page()
            run(page, url, tmp)
            # A second browser context is another session: its table starts empty.
            perf(browser.new_context(viewport={"width": 1366, "height": 768}).new_page(), url)
            browser.close()
    finally:
        stop_server(server)
    left = [p.name for p in tmp.iterdir() if p.name.startswith("nianbao-serve-")]
    check(not left, "the workspace is removed when the server stops (SIGTERM)")
    if failures:
        sys.exit(f"{len(failures)} web test(s) failed: " + "; ".join(failures))
    print("web tests passed")


def run(page, url, tmp):
    page.goto(url)
    expect(page.locator("h1")).to_have_text("上传年度报告")
    junk = tmp / "会议纪要.txt"
    junk.write_text("会议纪要\n今天讨论了食堂的菜单。\n", encoding="utf-8")
    page.set_input_files("#files", [str(f) for f in SAMPLES] + [str(PDF), str(junk)])
    rows = page.locator("#rows tr")
    expect(rows).to_have_count(len(SAMPLES) + 2, timeout=60_000)
    text = page.locator("#rows").inner_text()
    for agency in ["汉阴县", "新县人民政府办公室", "涧西区人民政府办公室"]:
        check(agency in text, f"upload row names {agency}")
    failed = page.locator("#rows tr.failed")
    check(failed.count() == 1 and "会议纪要.txt" in failed.inner_text(), "the non-report gets a row of its own")
    check("未读取" in failed.inner_text() and failed.locator("td.message").inner_text().startswith("不是政府信息公开工作年度报告"),
          "…saying in Chinese why it was not read: " + failed.locator("td.message").inner_text())
    expect(page.locator("#progress-text")).to_contain_text(f"{len(SAMPLES) + 2} / {len(SAMPLES) + 2}")
    shot(page, "web-upload.png")

    # The PDF's report page: its tables, cell states, findings, preview.
    page.locator("#rows a", has_text=PDF.name).click()
    expect(page.locator("h3").first).to_contain_text("表一")
    check(page.locator("table.cells").count() == 3, "the report page shows the three tables")
    check(page.locator("td.cell[data-key]").count() >= 200, "…with every cell keyed")
    cell = page.locator('td.cell[data-key="requests.new.natural"]')
    cell.click()
    check("出处：第" in page.locator("#cell-info").inner_text(), "clicking a cell tells the page and line it came from: " + page.locator("#cell-info").inner_text())
    check(page.locator(".pages img").count() >= 1, "the official PDF's pages are previewed")
    page.locator(".pages img").first.evaluate("img => img.decode()")
    check(page.locator(".pages img").first.evaluate("img => img.naturalWidth") > 100, "…as images that load")
    with page.expect_download() as d:
        page.locator('a[href$="/download/pdf"]').click()
    pdf = tmp / "report.pdf"
    d.value.save_as(pdf)
    words = subprocess.run(["pdftotext", str(pdf), "-"], capture_output=True, text=True).stdout
    check("汉阴县" in words and "收到和处理政府信息公开申请情况" in words, "the downloaded PDF reads back with pdftotext")
    for fmt in ["json", "cells", "md"]:
        with page.expect_download() as d:
            page.locator(f'a[href$="/download/{fmt}"]').click()
        check(os.path.getsize(d.value.path()) > 1000, f"the {fmt} download is a file")
    page.evaluate("window.scrollTo(0, 0)")
    shot(page, "web-report.png")

    # A sample with findings: they are listed and point at their cells.
    page.goto(url)
    page.locator("#rows a", has_text="xin-county-office-2021").click()
    findings = page.locator(".findings li")
    check(findings.count() >= 1, "a report's findings are listed beside its tables")
    findings.first.click()
    check(page.locator("td.cell.highlight").count() >= 1, "clicking a finding highlights its cells")
    page.evaluate("window.scrollTo(0, 0)")
    shot(page, "web-findings.png")

    # A handout of three units.
    page.goto(url + "handout")
    boxes = page.locator('input[name="u"]')
    for i in range(3):
        boxes.nth(i).check()
    page.select_option('select[name="sort"]', "requests.new.total")
    page.locator("button[type=submit]").click()
    expect(page.locator("#handout-pdf")).to_be_visible(timeout=60_000)
    page.locator(".pages img").evaluate_all("imgs => Promise.all(imgs.map(i => i.decode()))")
    sizes = page.locator(".pages img").evaluate_all("imgs => imgs.map(i => [i.naturalWidth, i.naturalHeight, i.clientWidth, i.clientHeight])")
    check(all(w > h and cw > ch for w, h, cw, ch in sizes), f"the handout's pages are previewed landscape, undistorted: {sizes}")
    shot(page, "web-handout.png")
    with page.expect_download() as d:
        page.locator("#handout-csv").click()
    table = list(csv.reader(io.StringIO(Path(d.value.path()).read_text(encoding="utf-8-sig"))))
    header = table[0]
    units = [h for h in header[2:] if not h.endswith("标记")]
    check(len(units) == 3, f"the handout CSV has the three units: {units}")
    check(len(table) > 10 and all(len(r) == len(header) for r in table), f"…and a row per metric ({len(table) - 1})")
    with page.expect_download() as d:
        page.locator("#handout-pdf").click()
    words = subprocess.run(["pdftotext", d.value.path(), "-"], capture_output=True, text=True).stdout
    check("本年新收申请" in words, "the handout PDF reads back")


def perf(page, url):
    """100 reports in one drop: the first row, and all of them, timed."""
    files = [{"name": f"{i:03d}-{s.name}", "mimeType": "text/plain", "buffer": s.read_bytes()} for i in range(25) for s in SAMPLES]
    page.goto(url)
    page.set_input_files("#files", files)
    page.locator("#rows tr").first.wait_for(timeout=30_000)
    expect(page.locator("#rows tr")).to_have_count(100, timeout=120_000)
    # The page's own clock, from the drop reaching the page to the first and the last row
    # (Playwright's handing the 100 files to the browser is not the user's wait).
    t = page.evaluate("window.nianbaoTiming")
    first, total = (t["first"] - t["start"]) / 1000, (t["last"] - t["start"]) / 1000
    print(f"100 reports: first row after {first:.2f} s, all after {total:.2f} s ({100 / total:.0f} reports/s)")
    check(first < 1.0, f"the first of 100 reports shows within a second ({first:.2f} s)")


if __name__ == "__main__":
    main()
