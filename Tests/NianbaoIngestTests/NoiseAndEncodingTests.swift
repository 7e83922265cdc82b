import Foundation
import NianbaoIngest
import NianbaoModel
import XCTest

/// Reports as they really arrive: noise around and inside them, other encodings, the old template.
final class NoiseAndEncodingTests: XCTestCase {
    private func variant(_ name: String) throws -> ParsedReport {
        try ReportParser().parse(bytes: Fixtures.bytes(Fixtures.directory.appendingPathComponent("variants/\(name)")))
    }

    func testCoverLetterSplitTitlePageBreaksCRLFAndBOM() throws {
        let parsed = try variant("xixia-noisy-crlf-bom.txt")
        XCTAssertEqual(parsed.findings, [])
        XCTAssertEqual(parsed.report.title, "西峡县人民政府2022年政府信息公开工作年度报告")
        XCTAssertEqual(parsed.report.agency, "西峡县人民政府")
        assertCells(parsed.report, .xixia)
        // The page number inside the first paragraph is gone and the paragraph is whole.
        let first = parsed.report.section(1)!.paragraphs[0].text
        XCTAssertTrue(first.hasSuffix("公开各类政府信息约30000余条。"), first)
        XCTAssertFalse(first.contains("— 2 —"))
        XCTAssertFalse(parsed.report.sections.flatMap(\.paragraphs).contains { $0.text.contains("审阅") }, "cover letter is not prose")
    }

    func testGB18030() throws {
        let parsed = try variant("xin-gb18030.txt")
        XCTAssertEqual(parsed.report.agency, "新县人民政府办公室")
        assertCells(parsed.report, .xin)
    }

    func testUTF16WithBOM() throws {
        for name in ["hanyin-utf16le-bom.txt", "hanyin-utf16be-bom.txt"] {
            let parsed = try variant(name)
            XCTAssertEqual(parsed.report.agency, "汉阴县", name)
            assertCells(parsed.report, .hanyin)
        }
    }

    func testPipeTablesWithPlaceholdersAndPadding() throws {
        let parsed = try variant("town-pipe-tables.txt")
        XCTAssertEqual(parsed.findings, [])
        let r = parsed.report
        XCTAssertEqual(r.agency, "某某镇人民政府")
        XCTAssertEqual(r.year, 2022, "2022年度 is a year too")
        let b = ExpectedCells.blanks(7)
        let expected = ExpectedCells(
            table1: [["/", "/", "/"], ["1", "0", "4"], ["12"], ["3"], ["——"], ["0.0000"]],
            table2: [ExpectedCells.row("3 1 _ _ _ _ 4"), b, ExpectedCells.row("2 1 _ _ _ _ 3"), b,
                     b, b, b, b, b, b, b, b,
                     ExpectedCells.row("1 _ _ _ _ _ 1"), b, b,
                     b, b, b, b, b,
                     b, b, b,
                     ExpectedCells.row("3 1 _ _ _ _ 4"), b],
            table3: ["1", "0", "0", "0", "1"] + Array(repeating: "/", count: 10))
        var mismatches: [String] = []
        for (key, value) in expected.byKey {
            let c = r[key]
            let state: Cell.State = value.isEmpty ? .blank : (value.allSatisfy { "/—".contains($0) } ? .placeholder : .number)
            if c.state != state || c.text != value { mismatches.append("\(key): \(c.state) «\(c.text)» expected «\(value)»") }
        }
        XCTAssertEqual(mismatches, [])
        XCTAssertEqual(r[.active(.fees, "amount")].text, "0.0000", "the fee keeps the decimals it was written with")
    }

    func testTemplate2019IsReadWithItsOwnKeys() throws {
        // A cut-down 2019 report: its rows are read, the rows it lacks are absent, each said.
        let parsed = try variant("template-2019.txt")
        let r = parsed.report
        XCTAssertEqual(r.template, .y2019)
        XCTAssertEqual(r.keys.count, 198)
        XCTAssertEqual(Active2019Row.normativeDocuments.columns.map { r[.active2019(.normativeDocuments, $0)].text }, ["3", "3", "20"])
        XCTAssertEqual(RequestColumn.allCases.map { r[.requests(.new, $0)].text }, ["5", "0", "0", "0", "0", "0", "5"])
        XCTAssertEqual(r[.active2019(.licensing, "decisions")].state, .unreadable, "a row the report lacks")
        XCTAssertTrue(parsed.findings.contains { $0.id == "parse.row_missing" && $0.keys.contains(.active2019(.licensing, "previous")) })
        XCTAssertFalse(parsed.findings.contains { $0.keys.contains(.requests(.noCorrection, .natural)) }, "the 2021 rows are no rows of this template")
    }

    func testRadicalsMappedPunctuationKept() {
        let line = CharacterNormalization.normalize("⼀⼆⼈⾏⼯⺠⻔⻛⻓⻚⼾（），：“”")
        XCTAssertEqual(line, "一二人行工民门风长页户（），：“”")
    }
}
