import Foundation
import NianbaoChecks
@testable import NianbaoCompare
import NianbaoIngest
import NianbaoLayout
import NianbaoModel
import NianbaoRender
import NianbaoStyle
import NianbaoTestSupport
import XCTest

/// Issue 21, measured on what prints: the handouts of 12, 25 and 40 units written by both
/// writers (nianbao's own and Cairo) and read back with poppler — where footnotes stand, that
/// no page holds only footnotes, the gap above the page number, the charts — and the
/// charts' geometry on the frames both writers draw.
final class HandoutPrintTests: XCTestCase {
    override class func setUp() {
        super.setUp()
        FontSetup.register(directories: [TestPaths.fonts])
    }

    static let engines: [PDFWriter.Options.Engine] = [.automatic, .cairo]

    /// A handout of `count` units, each of whose reports has blank cells or check errors
    /// (the samples' in turn), so that every part of the table has footnotes.
    func handout(_ count: Int, metrics: ComparisonBuilder.Metrics = .summary) throws -> (ComparisonSheet, PagedDocument) {
        let style = try StyleLoader.load("official", searching: [TestPaths.styles])
        let sheet = ComparisonBuilder.build(try HandoutFitTests.inputs(count), metrics: metrics, title: nil)
        return (sheet, HandoutLayout(style: style, shaper: PangoShaper()).layout(sheet))
    }

    func write(_ doc: PagedDocument, _ engine: PDFWriter.Options.Engine) throws -> URL {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("nianbao-print-\(UUID().uuidString).pdf")
        try PDFWriter.write(doc, options: PDFWriter.Options(creationDate: "2023-01-31T00:00:00", engine: engine)).write(to: url)
        return url
    }

    /// Each page's text lines (pdftotext -layout), whitespace taken out.
    func pageLines(_ url: URL) throws -> [[String]] {
        let text = try Tool.run("pdftotext", ["-layout", url.path, "-"]).stdout
        return text.components(separatedBy: "\u{0C}").dropLast().map { page in
            page.split(separator: "\n").map { $0.filter { !$0.isWhitespace } }.filter { !$0.isEmpty }
        }
    }

    /// Every footnote stands on a page of its part, below that part's last metric row; no
    /// page holds only footnotes.
    func testFootnotesStandUnderTheirPartInBothWriters() throws {
        let lastRow = "行政处罚决定"
        for count in [12, 25, 40] {
            let (sheet, doc) = try handout(count)
            XCTAssertFalse(sheet.footnotes.isEmpty)
            for engine in Self.engines {
                let url = try write(doc, engine)
                defer { try? FileManager.default.removeItem(at: url) }
                let pages = try pageLines(url)
                XCTAssertEqual(pages.count, doc.pages.count)
                for (n, note) in sheet.footnotes.enumerated() {
                    let mark = "※\(n + 1)" + note.prefix(6)
                    let found = pages.enumerated().compactMap { p, lines in lines.firstIndex { $0.hasPrefix(mark) }.map { (p, $0) } }
                    guard let (p, line) = found.first else { XCTFail("\(count) units (\(engine)): footnote \(n + 1) not found"); continue }
                    // Its unit's column, marked or not, heads the table on that page, and the
                    // part's last row stands above the note.
                    let unit = String(sheet.columns[sheet.footnoteColumns[n]].label.dropFirst(3))
                    // Its mark stands above it on that page: on the unit's name or on its figures.
                    let tableLines = pages[p][..<line].joined()
                    XCTAssertNotNil(tableLines.range(of: "※\(n + 1)(?![0-9])", options: .regularExpression),
                                    "\(count) units (\(engine)): footnote \(n + 1) is on page \(p + 1), away from \(unit)'s column")
                    XCTAssertTrue(tableLines.contains(lastRow), "\(count) units (\(engine)): footnote \(n + 1) is not under its table's last row on page \(p + 1)")
                }
                for (p, lines) in pages.enumerated() where lines.contains(where: { $0.hasPrefix("※") }) {
                    XCTAssertTrue(lines.contains { $0.hasPrefix(lastRow) || $0.hasPrefix("本年新收申请") }, "\(count) units (\(engine)): page \(p + 1) holds only footnotes")
                }
            }
        }
    }

    /// At least 5 mm of white between any ink of the page and its page number, on the page
    /// images of both writers' PDFs (the lowest ink rows of each page are the number).
    func testPageNumberStandsClearOfTheContentInBothWriters() throws {
        let dpi = 100
        let needed = 5.0 / 25.4 * Double(dpi)
        // With every cell the table fills its pages down to the foot of the type area.
        for (count, metrics) in [(12, ComparisonBuilder.Metrics.summary), (40, .summary), (3, .all)] {
            let (_, doc) = try handout(count, metrics: metrics)
            for engine in Self.engines {
                let url = try write(doc, engine)
                defer { try? FileManager.default.removeItem(at: url) }
                for page in 1...doc.pages.count {
                    let image = try PageImage.render(url.path, page: page, dpi: dpi)
                    let inked = (0..<image.height).map { y in (0..<image.width).contains { image.isInk($0, y) } }
                    guard var y = inked.lastIndex(of: true) else { XCTFail("page \(page) is blank"); continue }
                    // The page number's top: its rows, across white gaps under 1 mm (a thin
                    // stroke of a digit may fall apart at this resolution).
                    let within = Int(1.0 / 25.4 * Double(dpi))
                    var numberTop = y
                    while let above = (max(0, numberTop - within - 1)..<numberTop).last(where: { inked[$0] }) { numberTop = above }
                    y = numberTop - 1
                    while y > 0, !inked[y] { y -= 1 }
                    let gap = Double(numberTop - y - 1)
                    XCTAssertGreaterThanOrEqual(gap, needed, "\(count) units (\(engine)), page \(page): \(gap / Double(dpi) * 25.4) mm above the page number")
                }
            }
        }
    }

    /// Charts: two across, several to a page; none split; a chart goes on the page before
    /// unless it did not fit there; a rate's bar is its share of a 0–100 % scale; bars by
    /// value, highest first; names without the shared prefix. Chart captions per page read
    /// back the same from both writers.
    func testChartsFillTheirPages() throws {
        for count in [5, 12, 25, 40] {
            let (sheet, doc) = try handout(count)
            var captionsByPage: [Int] = []
            var chartTops: [(page: Int, y: Double)] = []
            for (p, page) in doc.pages.enumerated() {
                var captions = 0
                for case let .text(shaped, x: _, y: y, lines: _) in page.items where shaped.block.text.hasPrefix("图") && shaped.block.text.contains("　") {
                    captions += 1
                    chartTops.append((p, y))
                }
                captionsByPage.append(captions)
            }
            let charted = sheet.rows.filter { row in row.metric.headline && (row.values.compactMap(\.number).max() ?? 0) > 0 }
            XCTAssertEqual(chartTops.count, charted.count, "\(count) units: one chart per headline figure with values")
            // Two across: captions come in pairs at one height.
            for i in stride(from: 0, to: chartTops.count - 1, by: 2) {
                XCTAssertEqual(chartTops[i].page, chartTops[i + 1].page)
                XCTAssertEqual(chartTops[i].y, chartTops[i + 1].y, accuracy: 0.01, "\(count) units: charts two across")
            }
            if count <= 12 {
                XCTAssertTrue(captionsByPage.contains { $0 >= 4 }, "\(count) units: four charts to a page (\(captionsByPage))")
            }
            // A chart row starts a new page only when it did not fit under the one before.
            let style = try StyleLoader.load("official", searching: [TestPaths.styles])
            let g = style.page.landscape(margin: 15 * PageGeometry.pointsPerMillimetre)
            let chartHeight = try XCTUnwrap(chartHeight(doc, chartTops))
            for i in stride(from: 2, to: chartTops.count, by: 2) where chartTops[i].page != chartTops[i - 2].page {
                let freeBelow = g.top + g.typeHeight - (chartTops[i - 2].y + chartHeight)
                XCTAssertLessThan(freeBelow, chartHeight, "\(count) units: a chart moved to the next page though it fitted")
            }
            // Both writers print the captions where the frames have them.
            for engine in Self.engines {
                let url = try write(doc, engine)
                defer { try? FileManager.default.removeItem(at: url) }
                let caption = try NSRegularExpression(pattern: "图[0-9]+")
                let read = try pageLines(url).map { lines in lines.map { caption.numberOfMatches(in: $0, range: NSRange($0.startIndex..., in: $0)) }.reduce(0, +) }
                XCTAssertEqual(read, captionsByPage, "\(count) units (\(engine)): chart captions per page")
                let text = try Tool.run("pdftotext", [url.path, "-"]).stdout
                XCTAssertEqual(text.components(separatedBy: "示例县").count - 1, 1 + sheet.footnotes.count,
                               "\(count) units (\(engine)): the shared prefix only in its note and the footnotes, not in chart labels")
            }
        }
    }

    /// FORMAT §6: no page before the charts leaves more than a quarter of the type area empty
    /// (with three or four units the summary of places is short: the full table follows it on
    /// page 1 instead of a new page); every table row is still printed.
    func testNoTablePageLeavesAQuarterEmpty() throws {
        let style = try StyleLoader.load("official", searching: [TestPaths.styles])
        let g = style.page.landscape(margin: 15 * PageGeometry.pointsPerMillimetre)
        for count in [3, 4, 5, 12, 25, 40] {
            let (sheet, doc) = try handout(count)
            let firstChart = doc.pages.firstIndex { page in
                page.items.contains { if case let .text(t, _, _, _) = $0 { return t.block.text.hasPrefix("图") && t.block.text.contains("　") }; return false }
            } ?? doc.pages.count
            for p in 0..<max(firstChart - 1, 0) {
                let bottom = doc.pages[p].items.compactMap { item -> Double? in
                    if case let .text(t, _, y, lines) = item, !t.block.text.hasPrefix("— ") { return y + Double(lines.count) * t.block.lineHeight }
                    if case let .rule(_, y1, _, y2, _) = item { return max(y1, y2) }
                    return nil
                }.max() ?? g.top
                XCTAssertLessThanOrEqual(g.top + g.typeHeight - bottom, g.typeHeight / 4 + 0.5, "\(count) units: page \(p + 1) is more than a quarter empty")
            }
            if count <= 4 {
                let texts = HandoutFitTests.texts(doc.pages[0])
                XCTAssertTrue(texts.contains("主要指标及名次（名次按数值从高到低；数值相同者名次相同；无数值者不排名）"))
                XCTAssertTrue(texts.contains(sheet.rows[0].metric.label), "\(count) units: the full table starts on page 1")
            }
        }
    }

    /// The height of a chart: from its caption to the bottom of its scale's values.
    func chartHeight(_ doc: PagedDocument, _ tops: [(page: Int, y: Double)]) -> Double? {
        guard let first = tops.first else { return nil }
        let below = doc.pages[first.page].items.compactMap { item -> Double? in
            if case let .text(shaped, _, y, lines) = item, y >= first.y, !shaped.block.text.hasPrefix("— ") { return y + Double(lines.count) * shaped.block.lineHeight }
            return nil
        }
        let sameRow = tops.dropFirst().first { $0.page == first.page && $0.y > first.y + 1 }
        return below.filter { sameRow == nil || $0 <= sameRow!.y }.max().map { $0 - first.y }
    }

    /// A rate's bar is its share of the full scale (100 %), not of the highest rate; bars go
    /// highest first; the axis says 0, 50% and 100%.
    func testRatesOnAFullScaleAndBarsByValue() throws {
        let (sheet, doc) = try handout(12)
        let row = try XCTUnwrap(sheet.rows.first { $0.metric.key == Metric.Derived.disclosureRate.rawValue })
        let items = doc.pages.flatMap(\.items)
        let captionIndex = try XCTUnwrap(items.firstIndex { if case let .text(s, _, _, _) = $0 { return s.block.text.hasSuffix(row.metric.label) && s.block.text.hasPrefix("图") } else { return false } })
        // The chart's items run from its caption to the next caption.
        let rest = items[(captionIndex + 1)...]
        let end = rest.firstIndex { if case let .text(s, _, _, _) = $0 { return s.block.text.hasPrefix("图") } else { return false } } ?? items.endIndex
        let chart = items[(captionIndex + 1)..<end]
        let boxes = chart.compactMap { if case let .box(x, y, w, _, _) = $0 { return (x: x, y: y, w: w) } else { return nil } }
        let scale = chart.compactMap { if case let .rule(x1, y1, x2, y2, _) = $0, y1 == y2 { return (x1, x2) } else { return nil } }
        let (x0, x1) = try XCTUnwrap(scale.first)
        let ticks = chart.compactMap { if case let .text(s, _, _, _) = $0, s.block.alignment == .center { return s.block.text } else { return nil } }
        XCTAssertEqual(ticks, ["0", "50%", "100%"])
        let values = row.values.compactMap(\.number).filter { $0 > 0 }.sorted(by: >)
        XCTAssertEqual(boxes.count, values.count)
        XCTAssertEqual(boxes.map(\.y), boxes.map(\.y).sorted(), "highest first, top down")
        for (box, value) in zip(boxes, values) {
            XCTAssertEqual(box.x, x0, accuracy: 0.01)
            XCTAssertEqual(box.w / (x1 - x0), value, accuracy: 0.001, "a \(value * 100) % rate is that share of the axis")
        }
        XCTAssertLessThan(values[0], 0.9, "the test means something: no rate near 100 %")
    }

    /// With --sort the bars keep the sheet's order.
    func testSortedSheetKeepsItsOrderInCharts() throws {
        let sheet = ComparisonBuilder.build(try HandoutFitTests.inputs(8), metrics: .summary, title: nil)
        let ranked = try XCTUnwrap(ComparisonBuilder.ranked(sheet, by: "review.total"))
        let row = try XCTUnwrap(ranked.rows.first { $0.metric.key == "requests.new.total" })
        let units = Array(ranked.columns.indices)
        XCTAssertEqual(HandoutLayout.barOrder(ranked, row, units), units)
        let unsorted = try XCTUnwrap(sheet.rows.first { $0.metric.key == "requests.new.total" })
        let byValue = HandoutLayout.barOrder(sheet, unsorted, units).map { unsorted.values[$0].number ?? -1 }
        XCTAssertEqual(byValue, byValue.sorted(by: >))
    }
}

/// One agency over five years (issue 21, item 5): no ranking page and no ▲▼ among its
/// years, each change with its percentage, the cross-year checks as footnotes, a line chart
/// per headline figure, read back from both writers' PDFs.
final class YearsHandoutTests: XCTestCase {
    override class func setUp() {
        super.setUp()
        FontSetup.register(directories: [TestPaths.fonts])
    }

    func testFiveYearsOfOneAgency() throws {
        // 新县 2020–2024: the 2021 sample, one more new request granted each year.
        let base = try ReportParser().parse(bytes: [UInt8](Data(contentsOf: TestPaths.sample("xin-county-office-2021"))))
        let inputs = (0..<5).map { k -> ComparisonInput in
            var parsed = base
            parsed.report.year = 2020 + k
            for key in [CellKey.requests(.new, .natural), .requests(.new, .total), .requests(.granted, .natural), .requests(.granted, .total),
                        .requests(.total, .natural), .requests(.total, .total)] {
                parsed.report[key] = parsed.report[key].count.map { .count($0 + k) } ?? parsed.report[key]  // a blank stays blank
            }
            if k == 2 { parsed.report[.requests(.carriedOver, .total)] = .count(3) }
            return ComparisonInput(report: parsed.report, findings: Checker.findings(for: parsed))
        }
        let sheet = ComparisonBuilder.build(inputs, metrics: .summary, title: nil)
        XCTAssertTrue(sheet.isOneAgencyOverYears)
        XCTAssertEqual(sheet.title, "新县人民政府办公室2020—2024年政府信息公开工作年度报告对比")
        XCTAssertTrue(sheet.rows.allSatisfy { $0.values.allSatisfy { $0.mark == nil } }, "no highest or lowest among one agency's years")
        let new = try XCTUnwrap(sheet.rows.first { $0.metric.key == "requests.new.total" })
        // 10, 11, 12, 13, 14: the first change +1 of 10.
        XCTAssertEqual(new.values[2].display, "+1（+10.0%）")
        XCTAssertEqual(new.values[8].display, "+1（+7.7%）")
        // Each later year's 上年结转 (0) against the year before's 结转下年度 (the sample's): footnoted.
        // 2022 says 3 were carried over, where 2021 carried 0 forward: a cross-year footnote on 2022.
        XCTAssertTrue(sheet.footnotes.contains("新县人民政府办公室 2022：表二「总计」列：上年结转 ≠ 上一年度报告的结转下年度继续办理（3 ≠ 0）"), "\(sheet.footnotes)")
        let style = try StyleLoader.load("official", searching: [TestPaths.styles])
        let doc = HandoutLayout(style: style, shaper: PangoShaper()).layout(sheet)
        let texts = doc.pages.flatMap(HandoutFitTests.texts)
        XCTAssertFalse(texts.contains { $0.hasPrefix("主要指标及名次") }, "no ranking page of one agency's years")
        let charted = sheet.rows.filter { row in row.metric.headline && (row.values.compactMap(\.number).max() ?? 0) > 0 }
        // Line charts: per chart the points (boxes) of its years joined by slanted or level rules.
        let captions = texts.filter { $0.hasPrefix("图") && $0.contains("　") }
        XCTAssertEqual(captions.count, charted.count)
        for page in doc.pages {
            let points = page.items.filter { if case .box(_, _, 4, 4, 0) = $0 { return true } else { return false } }
            let charts = HandoutFitTests.texts(page).filter { $0.hasPrefix("图") && $0.contains("　") }.count
            XCTAssertEqual(points.count, charts * 5, "five years, five points a chart")
        }
        for engine in HandoutPrintTests.engines {
            let url = FileManager.default.temporaryDirectory.appendingPathComponent("nianbao-years-\(UUID().uuidString).pdf")
            try PDFWriter.write(doc, options: PDFWriter.Options(creationDate: "2023-01-31T00:00:00", engine: engine)).write(to: url)
            defer { try? FileManager.default.removeItem(at: url) }
            let text = try Tool.run("pdftotext", [url.path, "-"]).stdout.filter { !$0.isWhitespace }
            for s in ["+1（+10.0%）", "图1本年新收申请", "2020", "2024"] {
                XCTAssertTrue(text.contains(s), "\(engine): «\(s)»")
            }
            XCTAssertFalse(text.contains("名次"), "\(engine): no places")
        }
    }
}
