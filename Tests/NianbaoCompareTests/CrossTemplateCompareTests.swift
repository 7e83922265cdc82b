import Foundation
import NianbaoChecks
import NianbaoCompare
import NianbaoIngest
import NianbaoModel
import NianbaoTestSupport
import XCTest

/// Reports of both templates side by side (FORMAT.md §2b): what both share is compared, a
/// table-1 figure of one template is not compared with the other's and a footnote says so,
/// and a 2021 report's three 其他处理 rows are summed against the 2019 single row.
final class CrossTemplateCompareTests: XCTestCase {
    func inputs() throws -> [ComparisonInput] {
        try (TestPaths.template2019 + ["hanyin-county-2022"]).map { name in
            let parsed = try ReportParser().parse(bytes: [UInt8](Data(contentsOf: TestPaths.sample(name))))
            return ComparisonInput(report: parsed.report, findings: Checker.findings(for: parsed))
        }
    }

    func testSharedFiguresAreComparedAndTheRestSaySo() throws {
        let sheet = ComparisonBuilder.build(try inputs(), metrics: .all)
        func row(_ key: String) throws -> ComparisonSheet.Row { try XCTUnwrap(sheet.rows.first { $0.metric.key == key }, key) }
        let columns = sheet.columns.indices.filter { sheet.columns[$0].isReport }
        // Table 2 is shared: both read.
        XCTAssertEqual(try columns.map { try row("requests.new.total").values[$0].display }, ["14", "19"])
        // The 2021 table 1 is not the 2019 report's, and the 2019 table 1 not the 2021 report's.
        XCTAssertEqual(try row("active.licensing.decisions").values[columns[0]].display, "无此项")
        XCTAssertEqual(try row("active2019.licensing.decisions").values[columns[0]].display, "1320")
        XCTAssertEqual(try row("active2019.licensing.decisions").values[columns[1]].display, "无此项")
        // The single （六） row: the 2019 report's own, the 2021 report's three rows summed.
        XCTAssertEqual(try row("requests.other_processing.total").values[columns[0]].display, "2")
        XCTAssertEqual(try row("requests.other_processing.total").values[columns[1]].number, 0)
        // One footnote for the 2019 report says why, and its 无此项 cells point to it.
        let note = try XCTUnwrap(sheet.footnotes.firstIndex { $0.contains("2019年模板") })
        XCTAssertEqual(try row("active.licensing.decisions").values[columns[0]].footnotes, [note])
        XCTAssertEqual(sheet.footnotes.filter { $0.contains("2019年模板") }.count, 1)
    }

    func testOneTemplateHasNoTemplateNote() throws {
        let hanyin = try inputs()[1]
        var other = hanyin
        other.report.agency = "另一县"
        let sheet = ComparisonBuilder.build([hanyin, other], metrics: .all)
        XCTAssertFalse(sheet.footnotes.contains { $0.contains("2019年模板") })
        XCTAssertFalse(sheet.rows.contains { $0.metric.key.hasPrefix("active2019.") || $0.metric.key.hasPrefix("requests.other_processing") })
    }
}
