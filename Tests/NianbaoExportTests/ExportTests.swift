import Foundation
import NianbaoChecks
import NianbaoExport
import NianbaoIngest
import NianbaoModel
import XCTest

final class ExportTests: XCTestCase {
    static let samples = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("NianbaoIngestTests/Fixtures/samples")

    func parse(_ name: String) throws -> ParsedReport {
        try ReportParser().parse(bytes: [UInt8](Data(contentsOf: Self.samples.appendingPathComponent("\(name).txt"))))
    }

    func testCellsExportIs200LinesInCanonicalOrder() throws {
        let csv = CellsExport.render(try parse("hanyin-county-2022").report)
        let lines = csv.split(separator: "\n", omittingEmptySubsequences: false).dropLast()
        XCTAssertEqual(lines.count, 200)
        XCTAssertEqual(lines.map { String($0.split(separator: ",", omittingEmptySubsequences: false)[0]) }, CellKey.all.map(\.rawValue))
        XCTAssertEqual(lines[0], "active.regulations.issued,0")
        XCTAssertTrue(lines.contains("active.fees.amount,1515.2592"))
        XCTAssertTrue(lines.contains("requests.carried_over.natural,"), "blank is empty, not 0")
        XCTAssertTrue(lines.contains("requests.new.total,19"))
        XCTAssertTrue(csv.hasSuffix("litigation_after_review.total,0\n"))
    }

    func testCellsExportOfPlaceholders() {
        var r = Report(title: "t", agency: "a", year: 2022)
        r[.requests(.new, .natural)] = Cell(state: .placeholder, text: "/", written: "/")
        r[.requests(.new, .total)] = .count(1204, written: "1,204")
        r[.requests(.new, .social)] = Cell(state: .unreadable, text: "", written: "12件")
        r[.requests(.new, .commercial)] = .blank(line: nil)
        r[.requests(.new, .research)] = .count(0)
        let csv = CellsExport.render(r)
        // Placeholder, blank, 0 and unreadable: four different values (FORMAT.md §3).
        XCTAssertTrue(csv.contains("requests.new.natural,/\n"))
        XCTAssertTrue(csv.contains("requests.new.commercial,\n"))
        XCTAssertTrue(csv.contains("requests.new.research,0\n"))
        XCTAssertTrue(csv.contains("requests.new.social,?\n"))
        XCTAssertTrue(csv.contains("requests.new.total,1204\n"))
    }

    func testJSONHasAgencyYearCellsSectionsFindings() throws {
        let parsed = try parse("xin-county-office-2021")
        let json = JSONExport.render([JSONExport.Document(report: parsed.report, findings: Checker.findings(for: parsed), source: "xin.txt")])
        let object = try XCTUnwrap(JSONSerialization.jsonObject(with: Data(json.utf8)) as? [String: Any])
        XCTAssertEqual(object["agency"] as? String, "新县人民政府办公室")
        XCTAssertEqual(object["year"] as? Int, 2021)
        let cells = try XCTUnwrap(object["cells"] as? [[String: Any]])
        XCTAssertEqual(cells.count, 200)
        let granted = try XCTUnwrap(cells.first { $0["key"] as? String == "requests.granted.natural" })
        XCTAssertEqual(granted["state"] as? String, "blank")
        XCTAssertEqual(granted["line"] as? Int, 46)
        let total = try XCTUnwrap(cells.first { $0["key"] as? String == "requests.granted.total" })
        XCTAssertEqual(total["value"] as? String, "2")
        XCTAssertEqual(total["number"] as? Double, 2)
        XCTAssertEqual((object["sections"] as? [[String: Any]])?.count, 6)
        let findings = try XCTUnwrap(object["findings"] as? [[String: Any]])
        XCTAssertEqual(findings.count, 5)
        XCTAssertEqual(findings.first?["severity"] as? String, "warning")
    }

    func testTextAlignsCJKColumns() throws {
        let text = TextExport.render(try parse("xixia-county-2022").report)
        let lines = text.split(separator: "\n")
        let rows = lines.filter { $0.hasPrefix("│ 一、本年新收") || $0.hasPrefix("│ （七）总计") }
        XCTAssertEqual(rows.count, 2)
        let rule = lines[try XCTUnwrap(lines.firstIndex(of: rows[0])) + 1]  // the rule under the row
        XCTAssertEqual(DisplayWidth.of(rows[0]), DisplayWidth.of(rows[1]), "the total column ends at the same terminal column")
        XCTAssertEqual(DisplayWidth.of(rows[0]), DisplayWidth.of(rule), "rows are as wide as the rules around them")
        XCTAssertTrue(rows[1].hasSuffix("│   19 │"), String(rows[1]))
        XCTAssertTrue(text.hasPrefix("西峡县人民政府2022年政府信息公开工作年度报告\n"))
    }

    func testMarkdownTables() throws {
        let md = MarkdownExport.render(try parse("hanyin-county-2022").report)
        XCTAssertTrue(md.hasPrefix("# 汉阴县2022年政府信息公开工作年度报告\n"))
        XCTAssertTrue(md.contains("| 一、本年新收政府信息公开申请数量 | 19 |  |  |  |  |  | 19 |"), md)
        XCTAssertTrue(md.contains("### （一）主动公开情况"))
        XCTAssertEqual(md.components(separatedBy: "|---|").count - 1, 3)
    }
}
