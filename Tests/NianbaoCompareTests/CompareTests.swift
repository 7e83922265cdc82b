import Foundation
import NianbaoChecks
@testable import NianbaoCompare
import NianbaoExport
import NianbaoIngest
import NianbaoLayout
import NianbaoModel
import NianbaoRender
import NianbaoStyle
import NianbaoTestSupport
import XCTest

final class CompareTests: XCTestCase {
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    /// The committed test fonts (the prepared faces' cut, for the characters tests use).
    override class func setUp() {
        super.setUp()
        FontSetup.register(directories: [TestPaths.fonts])
    }

    static func text(_ sample: String) -> String {
        try! String(contentsOf: root.appendingPathComponent("Tests/NianbaoIngestTests/Fixtures/samples/\(sample).txt"), encoding: .utf8)
    }

    static func input(_ text: String) -> ComparisonInput {
        let parsed = try! ReportParser().parse(text: text)
        return ComparisonInput(report: parsed.report, findings: Checker.findings(for: parsed))
    }

    /// 新县 2022, written from the 2021 report: two more requests by natural persons, both granted.
    static let xin2022 = text("xin-county-office-2021")
        .replacingOccurrences(of: "新县人民政府办公室2021年", with: "新县人民政府办公室2022年")
        .replacingOccurrences(of: "一、本年新收政府信息公开申请数量\t7\t3\t0\t0\t0\t0\t10", with: "一、本年新收政府信息公开申请数量\t9\t3\t0\t0\t0\t0\t12")
        .replacingOccurrences(of: "(一) 予以公开\t\t\t\t\t\t\t2", with: "(一) 予以公开\t\t\t\t\t\t\t4")
        .replacingOccurrences(of: "(七) 总计\t\t7\t3\t0\t0\t0\t0\t10", with: "(七) 总计\t\t9\t3\t0\t0\t0\t0\t12")

    /// 西峡县 with its grand total miscounted: the balance and results sums fail.
    static let xixiaBroken = text("xixia-county-2022").replacingOccurrences(of: "（七）总计 19 0 0 0 0 0 19", with: "（七）总计 21 0 0 0 0 0 21")

    static var inputs: [ComparisonInput] {
        [input(text("xixia-county-2022")), input(text("hanyin-county-2022")), input(text("xin-county-office-2021")),
         input(text("jianxi-district-office-2022")), input(xin2022)]
    }

    /// The CSV's lines (BOM and CRLF taken off) split at commas: the sheets here have no
    /// field that needs quoting.
    func csvLines(_ sheet: ComparisonSheet) -> [[String]] {
        let csv = ComparisonExport.csv(sheet)
        XCTAssertTrue(csv.hasPrefix("\u{FEFF}key,指标,"), "BOM, then key and label columns")
        XCTAssertTrue(csv.hasSuffix("\r\n"))
        XCTAssertFalse(csv.replacingOccurrences(of: "\r\n", with: "").contains("\n"), "CRLF line ends only")
        return csv.dropFirst().components(separatedBy: "\r\n").dropLast().map { $0.split(separator: ",", omittingEmptySubsequences: false).map(String.init) }
    }

    /// Per key, the values of the unit columns (not the label or the marks columns).
    func csvRows(_ sheet: ComparisonSheet) -> [String: [String]] {
        let lines = csvLines(sheet)
        let valueColumns = lines[0].indices.dropFirst(2).filter { !lines[0][$0].hasSuffix(" " + ComparisonExport.marksHeading) }
        var out: [String: [String]] = [:]
        for l in lines { out[l[0]] = valueColumns.map { l[$0] } }
        return out
    }

    func testColumnsInOrderWithYearsOfOneAgency() {
        let sheet = ComparisonBuilder.build(Self.inputs)
        XCTAssertEqual(sheet.columns.map(\.label), [
            "西峡县人民政府 2022", "汉阴县 2022", "新县人民政府办公室 2021", "新县人民政府办公室 2022",
            "新县人民政府办公室 变化 2021→2022", "涧西区人民政府办公室 2022",
        ])
        XCTAssertEqual(sheet.title, "政府信息公开工作年度报告对比", "years differ")
        let sameYear = ComparisonBuilder.build([Self.input(Self.text("xixia-county-2022")), Self.input(Self.text("hanyin-county-2022"))])
        XCTAssertEqual(sameYear.columns.map(\.label), ["西峡县人民政府", "汉阴县"])
        XCTAssertEqual(sameYear.title, "2022年政府信息公开工作年度报告对比")
    }

    func testEveryCSVCell() {
        let sheet = ComparisonBuilder.build(Self.inputs)
        let lines = csvLines(sheet)
        XCTAssertEqual(lines.count, 1 + 200 + 8 + sheet.footnotes.count)
        XCTAssertEqual(lines[0], ["key", "指标", "西峡县人民政府 2022", "西峡县人民政府 2022 标记", "汉阴县 2022", "汉阴县 2022 标记",
                                  "新县人民政府办公室 2021", "新县人民政府办公室 2021 标记", "新县人民政府办公室 2022", "新县人民政府办公室 2022 标记",
                                  "新县人民政府办公室 变化 2021→2022", "涧西区人民政府办公室 2022", "涧西区人民政府办公室 2022 标记"])
        XCTAssertEqual(lines.dropFirst().prefix(200).map { $0[0] }, CellKey.all.map(\.rawValue), "canonical order")
        XCTAssertEqual(lines.dropFirst().prefix(200).map { $0[1] }, CellKey.all.map(\.label), "the handout's labels beside the keys")
        XCTAssertTrue(lines.allSatisfy { $0.count == lines[0].count }, "every row as wide as the header")
        let rows = csvRows(sheet)
        // The canonical cells are the cells export of each report (verified against the
        // reports by hand in the ingest tests); the change column is later minus earlier.
        let reports = Self.inputs.map(\.report)
        let cellsByReport = reports.map { r in
            Dictionary(uniqueKeysWithValues: CellsExport.render(r).split(separator: "\n").map { l -> (String, String) in
                let p = l.split(separator: ",", omittingEmptySubsequences: false); return (String(p[0]), String(p[1]))
            })
        }
        for key in CellKey.all.map(\.rawValue) {
            let row = rows[key]!
            XCTAssertEqual([row[0], row[1], row[2], row[3], row[5]],
                           [cellsByReport[0][key]!, cellsByReport[1][key]!, cellsByReport[2][key]!, cellsByReport[4][key]!, cellsByReport[3][key]!], key)
            let a = Int(row[2]), b = Int(row[3])
            XCTAssertEqual(row[4], a != nil && b != nil ? String(b! - a!) : "", "change of \(key)")
        }
        // Spot checks written from the reports.
        XCTAssertEqual(rows["requests.new.natural"], ["18", "19", "7", "9", "2", "0"])
        XCTAssertEqual(rows["requests.carried_over.total"], ["1", "", "0", "0", "0", "0"], "汉阴县's blank stays empty")
        XCTAssertEqual(rows["active.fees.amount"], ["1131.7652", "1515.2592", "0", "0", "0", "0"])
        // Derived figures, computed by hand:
        // received = new + carried_over. 汉阴县's carried_over and most result rows are blank,
        // and its tables balance with them as 0 (no check finding), so they count as 0:
        // received 19 + 0; denied 2/19, unavailable (1+1)/19, not processed 2/19.
        XCTAssertEqual(rows["derived.requests.received"], ["19", "19", "10", "12", "2", "0"])
        // disclosure rate: 西峡 (6+3)/19, 汉阴 (12+1)/19, 新县 2021 (2+3)/10, 2022 (4+3)/12, 涧西 0/0 → empty.
        XCTAssertEqual(rows["derived.requests.disclosure_rate"], ["0.4737", "0.6842", "0.5000", "0.5833", "0.0833", ""])
        XCTAssertEqual(rows["derived.requests.denied_share"], ["0.3158", "0.1053", "0.0000", "0.0000", "0.0000", ""])
        XCTAssertEqual(rows["derived.requests.unavailable_share"], ["0.0526", "0.1053", "0.5000", "0.4167", "-0.0833", ""])
        XCTAssertEqual(rows["derived.requests.not_processed_share"], ["0.0000", "0.1053", "0.0000", "0.0000", "0.0000", ""])
        // It says so once, in a footnote about 汉阴县 that each figure computed so points to, and
        // that print marks beside its name.
        let note = try! XCTUnwrap(sheet.footnotes.firstIndex { $0.hasPrefix("汉阴县 2022：表二、表三的空白单元格按 0 计时勾稽关系全部成立") }, "\(sheet.footnotes)")
        XCTAssertEqual(sheet.footnotes.filter { $0.contains("按 0 计") }.count, 1, "only 汉阴县 has blanks")
        XCTAssertEqual(sheet.footnoteColumns[note], 1)
        XCTAssertEqual(sheet.columns[1].notes, [note])
        let marked = sheet.rows.filter { $0.values[1].footnotes.contains(note) }.map(\.metric.key)
        XCTAssertEqual(marked, ["derived.requests.received", "derived.requests.denied_share", "derived.requests.unavailable_share", "derived.requests.not_processed_share"])
        XCTAssertTrue(csvLines(sheet).contains { $0[0] == "derived.requests.received" && $0[5].split(separator: " ").contains("※\(note + 1)") }, "the CSV marks the figure")
        // review correction: 新县 2 / (8+2+2); 西峡 0/0 → empty; 汉阴 blank parts → empty.
        XCTAssertEqual(rows["derived.review.correction_rate"], ["", "", "0.1667", "0.1667", "0.0000", ""])
        XCTAssertEqual(rows["derived.litigation_direct.correction_rate"], ["", "", "0.3750", "0.3750", "0.0000", ""])
        XCTAssertEqual(rows["derived.litigation_after_review.correction_rate"], ["", "", "", "", "", ""])
    }

    func testMarksAndCheckErrorFootnotes() {
        let sheet = ComparisonBuilder.build([Self.input(Self.xixiaBroken), Self.input(Self.text("hanyin-county-2022")), Self.input(Self.text("jianxi-district-office-2022"))], metrics: .summary)
        XCTAssertEqual(sheet.rows.count, Metric.summary.count)
        let new = sheet.rows.first { $0.metric.key == "requests.new.total" }!
        XCTAssertEqual(new.values.map(\.mark), [nil, .highest, .lowest], "18, 19, 0")
        XCTAssertFalse(sheet.footnotes.isEmpty)
        XCTAssertTrue(sheet.footnotes[0].hasPrefix("西峡县人民政府：表二"), sheet.footnotes[0])
        XCTAssertTrue(sheet.footnotes.contains { $0.contains("本年新收＋上年结转 ≠ 办理结果总计＋结转下年度（19 ≠ 21）") }, "\(sheet.footnotes)")
        let total = sheet.rows.first { $0.metric.key == "requests.total.total" }!
        XCTAssertFalse(total.values[0].footnotes.isEmpty, "the miscounted total is marked")
        XCTAssertTrue(ComparisonExport.printed(total.values[0]).hasPrefix("21※"))
        XCTAssertTrue(total.values[1].footnotes.isEmpty)
        let text = ComparisonExport.text(sheet)
        XCTAssertTrue(text.contains("※1 西峡县人民政府：表二"), text)
        let md = ComparisonExport.markdown(sheet)
        XCTAssertTrue(md.contains("| 本年新收申请 | 18※2 | 19▲ | 0▼ |"), md)  // 18 is in the failed balance of the 总计 column
        // The CSV: the marks in columns of their own, the value alone; the footnotes after the metrics.
        let lines = csvLines(sheet)
        XCTAssertEqual(lines[0], ["key", "指标", "西峡县人民政府", "西峡县人民政府 标记", "汉阴县", "汉阴县 标记", "涧西区人民政府办公室", "涧西区人民政府办公室 标记"])
        XCTAssertEqual(lines[1], ["requests.new.total", "本年新收申请", "18", "※2", "19", "▲", "0", "▼"])
        XCTAssertTrue(lines.contains(["requests.total.total", "办理结果总计"] + [total.values[0].csv, ComparisonExport.marks(total.values[0])] + ["19", "", "0", ""]), "\(lines)")
        XCTAssertTrue(ComparisonExport.marks(total.values[0]).hasPrefix("※"))
        XCTAssertEqual(Array(lines.suffix(sheet.footnotes.count)), sheet.footnotes.enumerated().map { ["※\($0.offset + 1)", $0.element, "", "", "", "", "", ""] })
    }

    /// Two years of one agency are checked against each other; what fails is footnoted on
    /// the later year's cells. (The "2021" report is xixia's 2022 one relabelled, so it
    /// carries nothing forward while 2022 carries 1 over.)
    func testCrossYearErrorsAreFootnoted() {
        let earlier = Self.input(Self.text("xixia-county-2022").replacingOccurrences(of: "2022", with: "2021"))
        let sheet = ComparisonBuilder.build([Self.input(Self.text("xixia-county-2022")), earlier])
        XCTAssertTrue(sheet.footnotes.contains("西峡县人民政府 2022：表二「总计」列：上年结转 ≠ 上一年度报告的结转下年度继续办理（1 ≠ 0）"), "\(sheet.footnotes)")
        XCTAssertTrue(sheet.footnotes.contains { $0.contains("表一「行政规范性文件」：上年现行有效＋本年制发 ≠ 本年现行有效＋本年废止（31 ≠ 19）") }, "\(sheet.footnotes)")
        let carriedOver = sheet.rows.first { $0.metric.kind == .cell(.requests(.carriedOver, .total)) }!
        let column = sheet.columns.firstIndex { $0.label == "西峡县人民政府 2022" }!
        XCTAssertFalse(carriedOver.values[column].footnotes.isEmpty, "the 2022 cell is marked")
        let earlierColumn = sheet.columns.firstIndex { $0.label == "西峡县人民政府 2021" }!
        XCTAssertTrue(carriedOver.values[earlierColumn].footnotes.isEmpty, "the 2021 cell is not")
    }

    func testHandoutPDF() throws {
        let style = try StyleLoader.load("official", searching: [Self.root.appendingPathComponent("styles").path])
        let sheet = ComparisonBuilder.build([Self.input(Self.xixiaBroken)] + Self.inputs.dropFirst(), metrics: .summary, title: "测试对比表")
        let doc = HandoutLayout(style: style, shaper: PangoShaper()).layout(sheet)
        XCTAssertGreaterThan(doc.width, doc.height, "landscape")
        let pdf = try PDFWriter.write(doc, options: .init(creationDate: "2023-01-31T00:00:00"))
        XCTAssertEqual(pdf, try PDFWriter.write(HandoutLayout(style: style, shaper: PangoShaper()).layout(sheet), options: .init(creationDate: "2023-01-31T00:00:00")))
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("nianbao-handout-\(ProcessInfo.processInfo.processIdentifier).pdf")
        try pdf.write(to: url)
        XCTAssertEqual(try run("qpdf", ["--check", url.path]).status, 0)
        let fonts = try run("pdffonts", [url.path]).out
        XCTAssertTrue(fonts.split(separator: "\n").dropFirst(2).allSatisfy { $0.contains(" yes yes ") }, fonts)
        let text = try run("pdftotext", [url.path, "-"]).out
        for s in ["测试对比表", "汉阴县 2022", "本年新收申请", "公开率", "42.9%", "※1", "图"] {
            XCTAssertTrue(text.contains(s), "«\(s)» in the handout")
        }
        XCTAssertFalse(text.replacingOccurrences(of: " ", with: "").contains("—1—"), "page numbers are outlines, no text")
    }

    func run(_ tool: String, _ args: [String]) throws -> (status: Int32, out: String) {
        let r = try Tool.run(tool, args)
        return (r.status, r.stdout)
    }
}

/// Handouts for a county's 12, 25 and 40 units (issue 13): balanced parts, no chart split,
/// no short continuation, numbers on one line. Page images of each are in docs/.
final class HandoutFitTests: XCTestCase {
    override class func setUp() {
        super.setUp()
        FontSetup.register(directories: [TestPaths.fonts])
    }

    static let units = "城关镇 东城街道 西城街道 南关镇 北坡乡 县发展和改革局 县教育局 县公安局 县民政局 县财政局 县人力资源和社会保障局 县自然资源局 县生态环境局 县住房和城乡建设局 县交通运输局 县水利局 县农业农村局 县商务局 县文化广电和旅游局 县卫生健康委员会 县应急管理局 县审计局 县市场监督管理局 县统计局 县医疗保障局 县林业局 县信访局 县行政审批服务局 县司法局 县退役军人事务局 县税务局 县城市管理局 县科技局 县工业和信息化局 县气象局 县档案馆 县融媒体中心 县公共资源交易中心 县残疾人联合会 县妇女联合会".split(separator: " ")

    /// `count` units of 示例县, their numbers those of the samples in turn.
    static func inputs(_ count: Int) throws -> [ComparisonInput] {
        let reports = try TestPaths.samples.map { try ReportParser().parse(bytes: [UInt8](Data(contentsOf: TestPaths.sample($0)))) }
        return (0..<count).map { i in
            var parsed = reports[i % reports.count]
            parsed.report.agency = "示例县" + units[i]
            parsed.report.year = 2022
            return ComparisonInput(report: parsed.report, findings: Checker.findings(for: parsed))
        }
    }

    static func texts(_ page: Page) -> [String] {
        page.items.compactMap { if case .text(let b, _, _, _) = $0 { return b.block.text } else { return nil } }
    }

    func testHandoutsForTwelveTwentyFiveAndFortyUnits() throws {
        let style = try StyleLoader.load("official", searching: [TestPaths.styles])
        for (count, expectedParts) in [(12, 1), (25, 3), (40, 4)] {
            let sheet = ComparisonBuilder.build(try Self.inputs(count), metrics: .summary, title: nil)
            let doc = HandoutLayout(style: style, shaper: PangoShaper()).layout(sheet)
            let pages = doc.pages.map(Self.texts)
            // Parts of the table, balanced: their column counts differ by one at most.
            let partNotes = pages.joined().filter { $0.hasPrefix("第 ") && $0.contains("部分（共") }
            XCTAssertEqual(max(partNotes.count, 1), expectedParts, "\(count) units")
            XCTAssertTrue(pages.joined().contains("各单位名称前的「示例县」从略。"), "the shared prefix is said once")
            // The summary with places (名次) fits the first page: every unit is on it.
            XCTAssertTrue(pages[0].contains { $0.hasPrefix("主要指标及名次") }, "\(count) units: no summary")
            for unit in Self.units.prefix(count) {
                // (Marked ※n where a footnote is about the whole report.)
                XCTAssertTrue(pages[0].contains { $0 == unit || $0.hasPrefix(unit + "※") }, "\(count) units: \(unit) is not on the summary page")
            }
            // No continuation with fewer than three rows.
            let metrics = Set(sheet.rows.map(\.metric.label))
            for page in pages where page.contains("续表") {
                XCTAssertGreaterThanOrEqual(page.filter(metrics.contains).count, 3, "\(count) units: a 续表 page with fewer than 3 rows")
            }
            // Every chart on one page: its heading and one bar label (right-aligned, without
            // the shared prefix) per unit there.
            for page in doc.pages {
                let charts = Self.texts(page).filter { $0.hasPrefix("图") && $0.contains("　") }.count
                guard charts > 0 else { continue }
                let labels = page.items.filter { if case let .text(b, _, _, _) = $0 { return b.block.alignment == .right && !b.block.text.hasPrefix("— ") } else { return false } }
                XCTAssertEqual(labels.count, charts * count, "\(count) units: a chart split across pages")
            }
            // Numbers never wrap: each value cell of the table is one line.
            for page in doc.pages {
                for case let .text(shaped, _, _, lines) in page.items where shaped.block.text.first?.isNumber == true && shaped.block.text.count <= 8 {
                    let block = shaped.block
                    XCTAssertEqual(lines.count, 1, "\(count) units: «\(block.text)» wraps")
                }
            }
        }
    }

    func testPlacesAreCompetitionRanks() {
        // Highest first; equal values share a place and the next is skipped; no value, no place.
        XCTAssertEqual(SummaryPage.ranks([18, 19, nil, 18, 0]), [2, 1, nil, 2, 4])
    }

    func testMarksOnlyWhereTheyMeanSomething() throws {
        // Several units at 0 share the lowest value: no ▼ for them; all equal: no mark at all.
        let sheet = ComparisonBuilder.build(try Self.inputs(8), metrics: .summary, title: "  ")
        XCTAssertEqual(sheet.title, "2022年政府信息公开工作年度报告对比", "an empty --title gives the default")
        for row in sheet.rows {
            let lows = row.values.filter { $0.mark == .lowest }
            XCTAssertFalse(lows.contains { $0.number == 0 } && lows.count > 1, "\(row.metric.label): ▼ on a tie at 0")
            let numbers = Set(row.values.compactMap(\.number))
            if numbers.count == 1 { XCTAssertTrue(row.values.allSatisfy { $0.mark == nil }, "\(row.metric.label): marks when all are equal") }
        }
    }
}

extension HandoutFitTests {
    func testRankedOrderAndA3() throws {
        let sheet = ComparisonBuilder.build(try Self.inputs(8), metrics: .summary, title: nil)
        let ranked = try XCTUnwrap(ComparisonBuilder.ranked(sheet, by: "requests.new.total"))
        let row = try XCTUnwrap(ranked.rows.first { $0.metric.key == "requests.new.total" })
        let numbers = row.values.compactMap(\.number)
        XCTAssertEqual(numbers, numbers.sorted(by: >), "highest first")
        XCTAssertEqual(Set(ranked.columns.map(\.label)), Set(sheet.columns.map(\.label)), "the same units")
        XCTAssertNil(ComparisonBuilder.ranked(sheet, by: "no.such.key"))
        var handout = HandoutLayout(style: try StyleLoader.load("official", searching: [TestPaths.styles]), shaper: PangoShaper())
        handout.paper = .a3
        let doc = handout.layout(try XCTUnwrap(ComparisonBuilder.ranked(ComparisonBuilder.build(try Self.inputs(20), metrics: .summary, title: nil), by: "requests.new.total")))
        XCTAssertEqual(doc.width, 420 / 25.4 * 72, accuracy: 1, "A3 landscape")
        XCTAssertFalse(doc.pages.flatMap(HandoutFitTests.texts).contains { $0.hasPrefix("第 ") && $0.contains("部分（共") }, "20 units across one A3 page")
    }
}

extension HandoutFitTests {
    /// A 13-unit handout (summary, two balanced parts, charts) as text, with the fixed-advance
    /// shaper: a change to where anything goes shows as a diff of
    /// `Golden/handout-13.frames.txt` (`make golden` rewrites it).
    func testHandoutFramesMatchTheGoldenFile() throws {
        let style = try StyleLoader.load("official", searching: [TestPaths.styles])
        let sheet = ComparisonBuilder.build(try Self.inputs(13), metrics: .summary, title: nil)
        let doc = HandoutLayout(style: style, shaper: FixedAdvanceShaper()).layout(sheet)
        let golden = TestPaths.root.appendingPathComponent("Tests/NianbaoCompareTests/Golden/handout-13.frames.txt")
        if let difference = Golden.check(FrameDump.text(doc), file: golden) { XCTFail(difference) }
    }
}

extension HandoutFitTests {
    /// A unit name too long for the chart's label column is printed whole, on one line, in
    /// smaller type (it used to be cut to the first line of its wrapping).
    func testLongUnitNamesArePrintedWholeBesideTheirBars() throws {
        let style = try StyleLoader.load("official", searching: [TestPaths.styles])
        var inputs = try Self.inputs(3)
        let long = "示例县人民政府办公室政务公开和政务服务管理局信息中心"
        inputs[1].report.agency = long
        let sheet = ComparisonBuilder.build(inputs, metrics: .summary, title: nil)
        let doc = HandoutLayout(style: style, shaper: FixedAdvanceShaper()).layout(sheet)
        let labels = doc.pages.flatMap(\.items).compactMap { item -> (ShapedText, Range<Int>)? in
            if case let .text(shaped, _, _, lines) = item, shaped.block.text.hasPrefix(long.dropFirst(3)), shaped.block.alignment == .right { return (shaped, lines) }
            return nil
        }
        XCTAssertFalse(labels.isEmpty, "the long name labels bars")
        for (shaped, lines) in labels {
            XCTAssertEqual(shaped.lines.count, 1, "on one line")
            XCTAssertEqual(lines, 0..<1)
            XCTAssertLessThan(shaped.block.font.size, style.table.size, "in smaller type")
            XCTAssertEqual(shaped.lines[0].glyphs.map { shaped.text(of: $0) }.joined(), shaped.block.text, "every character drawn")
        }
    }
}
