import Foundation
import NianbaoIngest
import NianbaoModel
import NianbaoTestSupport
import XCTest

/// Text as other tools make it from the samples' PDFs and pages (FORMAT.md §7; made by
/// scripts/make-fixtures.py): pdftotext with and without -layout, w3m's box-drawn tables,
/// lynx. Whatever a shape allows to be read, no number may land in a wrong cell, and every
/// cell that cannot be read has a finding with a line.
final class WildTextTests: XCTestCase {
    static let tools = ["pdftotext-layout", "pdftotext-plain", "nianbao-pdftotext-layout", "nianbao-pdftotext-plain", "w3m-80", "w3m-200", "lynx"]

    func parse(_ sample: String, _ tool: String) throws -> ParsedReport {
        try ReportParser().parse(bytes: [UInt8](Data(contentsOf: TestPaths.file("wild/\(sample)-\(tool).txt"))))
    }

    func testNoNumberInAWrongCellAndEveryUnreadableCellIsReported() throws {
        for sample in TestPaths.samples {
            let expected = Dictionary(uniqueKeysWithValues: ExpectedCells.named(sample)!.byKey.map { ($0.0, $0.1) })
            for tool in Self.tools {
                let parsed = try parse(sample, tool)
                let reported = Set(parsed.findings.filter { $0.id.isParse && $0.line != nil }.flatMap(\.keys))
                for key in CellKey.all {
                    let cell = parsed.report[key]
                    if cell.state == .unreadable {
                        XCTAssertTrue(reported.contains(key), "\(sample) \(tool): \(key) is unreadable without a finding that names it and its line")
                    } else {
                        XCTAssertEqual(cell.text, expected[key], "\(sample) \(tool): \(key) (\(cell.state), written «\(cell.written)»)")
                        XCTAssertEqual(cell.state == .blank, expected[key] == "", "\(sample) \(tool): \(key)")
                    }
                }
                XCTAssertEqual(parsed.report.agency, try ReportParser().parse(bytes: [UInt8](Data(contentsOf: TestPaths.sample(sample)))).report.agency, "\(sample) \(tool)")
            }
        }
    }

    func testBoxDrawnAndCellPerLineTextIsReadWhole() throws {
        // w3m keeps every cell in its box, whatever the width it wraps labels to; lynx puts
        // each cell on its own line. Both give all 200 cells.
        for sample in TestPaths.samples {
            for tool in ["w3m-80", "w3m-200"] {
                let parsed = try parse(sample, tool)
                let mismatches = ExpectedCells.named(sample)!.mismatches(in: parsed.report)
                XCTAssert(mismatches.isEmpty, "\(sample) \(tool):\n" + mismatches.prefix(10).joined(separator: "\n"))
            }
        }
        XCTAssertEqual(ExpectedCells.xixia.mismatches(in: try parse("xixia-county-2022", "lynx").report), [])
    }

    func testPlainPDFTextTakenColumnByColumnIsNotGuessed() throws {
        // LibreOffice's tables come out of plain pdftotext label column first, numbers after:
        // the rows are reported (parse.column_order), never filled in order.
        let parsed = try parse("xixia-county-2022", "pdftotext-plain")
        XCTAssertTrue(parsed.findings.contains { $0.id == "parse.column_order" })
        XCTAssertEqual(parsed.report[.active(.coercion, "decisions")].state, .unreadable)
    }

    func testLabelsWrappedAroundTheirNumbers() throws {
        // pdftotext -layout of nianbao's PDF: （二）部分公开（区分处理的，只 / 3 0 0 0 0 0 3 /
        // 计这一情形，不计其他情形） — the numbers between the halves of their label.
        let parsed = try parse("xixia-county-2022", "nianbao-pdftotext-layout")
        XCTAssertEqual(RequestColumn.allCases.map { parsed.report[.requests(.partiallyGranted, $0)].text }, ["3", "0", "0", "0", "0", "0", "3"])
        // LibreOffice's top-aligned cells: 2.其他 1 0 0 0 0 0 1 / 法律行 / 政法规 / 禁止公 / 开.
        let lo = try parse("xixia-county-2022", "pdftotext-layout")
        XCTAssertEqual(RequestColumn.allCases.map { lo.report[.requests(.prohibitedByLaw, $0)].text }, ["1", "0", "0", "0", "0", "0", "1"])
    }
}
