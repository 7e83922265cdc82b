#!/usr/bin/env python3
"""End-to-end test of 档案库 (`nianbao serve --db`) in a real browser (make test, after web_test.py).

Makes a 200-report archive the way an archivist would — `nianbao batch --db` over a folder of
reports (the four samples, each filed under 50 agencies and years by rewriting its title) —
starts nianbao-serve on it, and drives Debian's chromium through Playwright: the headline
counts, a filter by agency, year and verdict, sorting by a column header, paging, and an
agency's page with its years side by side and trend charts. Times a filter as the browser sees
it. Screenshots go to docs/ with SCREENSHOTS=1 (make screenshots).

usage: archive_web_test.py NIANBAO_SERVE_BINARY NIANBAO_BINARY
"""
import os, shutil, subprocess, sys, tempfile, time
from pathlib import Path

from webserver import start_server, stop_server
from playwright.sync_api import sync_playwright, expect

ROOT = Path(__file__).resolve().parents[2]
SAMPLES = sorted((ROOT / "Tests/NianbaoIngestTests/Fixtures/samples").glob("*.txt"))
CHROMIUM = os.environ.get("CHROMIUM", "/usr/bin/chromium")
DOCS = ROOT / "docs"
SHOTS = os.environ.get("SCREENSHOTS", "0") == "1"
DEPARTMENTS = ["教育局", "财政局", "公安局", "民政局", "卫生健康委员会"]
failures = []


def check(ok, what):
    print(("ok    " if ok else "FAIL  ") + what, flush=True)
    if not ok:
        failures.append(what)


def make_reports(folder):
    """200 reports: 50 agencies (10 counties × 5 departments) × 4 years, 2020–2023."""
    n = 0
    for county in range(10):
        for d, dept in enumerate(DEPARTMENTS):
            agency = f"示例{county + 1}县{dept}"
            for y, year in enumerate(range(2020, 2024)):
                sample = SAMPLES[(county + d + y) % len(SAMPLES)]
                lines = sample.read_text(encoding="utf-8").split("\n")
                # Only the title names the agency and year; the figures stay the sample's. (Titles
                # are matched loosely: some samples write 人 and 工 as radicals, ⼈ and ⼯.)
                title = next(i for i, l in enumerate(lines) if "年政府信息公开" in l and "年度报告" in l and "关于" not in l)
                lines[title] = f"{agency}{year}年政府信息公开工作年度报告"
                text = "\n".join(lines)
                path = folder / f"county{county + 1}" / f"{dept}-{year}.txt"
                path.parent.mkdir(parents=True, exist_ok=True)
                path.write_text(text, encoding="utf-8")
                n += 1
    return n


def main():
    serve, nianbao = sys.argv[1], sys.argv[2]
    tmp = Path(tempfile.mkdtemp(prefix="nianbao-archive-web-"))
    reports = tmp / "reports"
    count = make_reports(reports)
    db = tmp / "archive.sqlite"
    batch = subprocess.run([nianbao, "batch", str(reports), "--output-dir", str(tmp / "out"), "--format", "json", "--jobs", "2",
                            "--quiet", "--fonts-dir", str(ROOT / "Tests/Fonts"), "--db", str(db)], capture_output=True, text=True, cwd=ROOT)
    check(batch.returncode == 0, f"batch --db over {count} reports: exit {batch.returncode} {batch.stderr.strip()}")
    server, url = start_server(serve, tmp, "--db", str(db))
    try:
        with sync_playwright() as p:
            browser = p.chromium.launch(executable_path=CHROMIUM, headless=True, args=["--no-sandbox"])
            page = browser.new_context(viewport={"width": 1366, "height": 900}, locale="zh-CN").new_page()
            run(page, url)
            browser.close()
    finally:
        stop_server(server)
    shutil.rmtree(tmp, ignore_errors=True)
    if failures:
        sys.exit(f"{len(failures)} archive web test(s) failed: " + "; ".join(failures))
    print("archive web tests passed")


def rows(page):
    return page.locator("table.reports tbody tr")


def run(page, url):
    page.goto(url)
    page.locator("header.top nav a", has_text="档案库").click()
    expect(page.locator("h1")).to_have_text("档案库")
    facts = page.locator(".facts").inner_text()
    check("200 份报告" in facts and "50 个机关" in facts and "2020–2023" in facts, f"the headline counts the archive: {facts}")
    check(rows(page).count() == 50, "fifty rows a page")
    check("第 1–50 条，共 200 条" in page.locator(".pager").inner_text(), "the pager says where we are")
    page.locator(".pager a[rel=next]").click()
    expect(page.locator(".pager")).to_contain_text("第 51–100 条")

    # A filter: the agency's name in part, a year, a verdict; timed as the browser sees it.
    page.goto(url + "archive")
    page.fill('input[name="agency"]', "公安局")
    page.select_option('select[name="year"]', "2023")
    start = time.time()
    page.locator("form.filters button[type=submit]").click()
    page.wait_for_load_state("load")
    took = time.time() - start
    names = rows(page).locator("td:first-child").all_inner_texts()
    check(len(names) == 10 and all("公安局" in n for n in names), f"公安局 in 2023: ten agencies ({len(names)})")
    check(took < 1.0, f"the filtered page loads in {took * 1000:.0f} ms")
    page.select_option('select[name="verdict"]', "warnings")
    page.locator("form.filters button[type=submit]").click()
    verdicts = rows(page).locator("td:nth-child(4)").all_inner_texts()
    check(all(v == "有警告" for v in verdicts), f"…with warnings only ({len(verdicts)} rows)")

    # Sorting by a column header: 收到申请 largest first, then the other way.
    page.goto(url + "archive")
    page.locator("table.reports th a", has_text="错误").click()
    page.locator("table.reports th a", has_text="年度").click()
    years = [int(y) for y in rows(page).locator("td:nth-child(2)").all_inner_texts()]
    check(years == sorted(years, reverse=True), "a number column sorts largest first on the first click")
    page.locator("table.reports th a", has_text="年度").click()
    years = [int(y) for y in rows(page).locator("td:nth-child(2)").all_inner_texts()]
    check(years == sorted(years), "…and the other way on the second")
    page.select_option('select[name="sort"]', "requests.new.total")
    page.check('input[name="desc"]')
    page.locator("form.filters button[type=submit]").click()
    values = [int(v) for v in rows(page).locator("td:nth-child(8)").all_inner_texts() if v]
    check(len(values) > 10 and values == sorted(values, reverse=True), "sorted by any cell (本年新收申请), largest first")
    shot(page, "web-archive.png")

    # An agency's page: four years side by side, trend charts.
    page.locator("table.reports tbody a").first.click()
    expect(page.locator("h1")).to_contain_text("县")
    heads = page.locator("table.years thead th").all_inner_texts()
    check(heads[1:] == ["2020", "2021", "2022", "2023"], f"the agency's years side by side: {heads}")
    check(page.locator("svg.trend").count() >= 1, "with a trend chart")
    check(page.locator("svg.trend polyline").count() >= 1, "…that draws a line")
    shot(page, "web-archive-agency.png")


def shot(page, name):
    if SHOTS:
        page.screenshot(path=str(DOCS / name), full_page=False)


if __name__ == "__main__":
    main()
