import Foundation
import NianbaoIngest
import NianbaoModel
import XCTest

/// Each text shape of FORMAT.md §5 reads back to the same cells.
final class LayoutVariantTests: XCTestCase {
    /// Cells as typed: thousands separators, full-width digits, placeholders, blanks.
    static let typed2: [[String]] = {
        var rows = Array(repeating: ["0", "0", "0", "0", "0", "0", "0"], count: 25)
        rows[0] = ["1,204", "３７", "0", "0", "0", "2", "1,243"]   // new
        rows[1] = ["5", "", "", "", "", "", "5"]                    // carried_over
        rows[2] = ["900", "30", "0", "0", "0", "1", "931"]          // granted
        rows[5] = ["/", "/", "/", "/", "/", "/", "/"]              // prohibited_by_law: not applicable
        rows[12] = ["—", "—", "—", "—", "—", "—", "0"]             // not_held
        rows[22] = ["309", "7", "0", "0", "0", "1", "317"]          // other.other
        rows[23] = ["1,209", "37", "0", "0", "0", "2", "1,248"]     // total
        return rows
    }()
    static let typed1: [[String]] = [["0", "0", "0"], ["3", "１", "40"], ["1,000"], ["无"], ["7"], ["36.5000"]]
    static let typed3: [String] = ["1", "2", "0", "0", "3", "0", "0", "0", "1", "1", "—", "—", "—", "—", "—"]

    /// What nianbao prints for the typed cells.
    static func printed(_ s: String) -> String {
        CharacterNormalization.asciiDigits(Substring(s)).replacingOccurrences(of: ",", with: "")
    }

    static var expected: ExpectedCells {
        ExpectedCells(table1: typed1.map { $0.map(printed) }, table2: typed2.map { $0.map(printed) }, table3: typed3.map(printed))
    }

    func testEveryShapeReadsBack() throws {
        for shape in ShapeWriter.Shape.allCases {
            // PDF text loses blank cells, so the PDF shapes get a table without any.
            var t2 = Self.typed2
            if shape == .pdfRow || shape == .pdfCell { t2[1] = ["5", "0", "0", "0", "0", "0", "5"] }
            let text = ShapeWriter.report(t2, t1: Self.typed1, t3: Self.typed3, shape: shape)
            let parsed = try Fixtures.parse(text: text)
            XCTAssertEqual(parsed.findings, [], "\(shape): \(parsed.findings.map(\.message))")
            var expected = Self.expected
            expected.table2 = t2.map { $0.map(Self.printed) }
            assertCells(parsed.report, expected)
            XCTAssertEqual(parsed.report.agency, "示例县人民政府", "\(shape)")
            XCTAssertEqual(parsed.report.year, 2023)
        }
    }

    func testPDFRowWithFewerNumbersIsReportedNotGuessed() throws {
        var text = ShapeWriter.report(Self.typed2.map { $0.map { $0.isEmpty ? "0" : $0 } }, t1: Self.typed1, t3: Self.typed3, shape: .pdfRow)
        // The granted row loses four numbers, as when a PDF drops blank cells.
        text = text.replacingOccurrences(of: "（一）予以公开 900 30 0 0 0 1 931", with: "（一）予以公开 900 30 931")
        let parsed = try Fixtures.parse(text: text)
        let line = text.split(separator: "\n", omittingEmptySubsequences: false).firstIndex { $0.contains("（一）予以公开") }! + 1
        let short = parsed.findings.filter { $0.id == "parse.row_short" }
        XCTAssertEqual(short.count, 1, "\(parsed.findings)")
        XCTAssertEqual(short.first?.line, line)
        XCTAssertEqual(short.first?.severity, .error)
        XCTAssertEqual(parsed.report[.requests(.granted, .natural)].state, .unreadable)
        XCTAssertEqual(parsed.report[.requests(.granted, .total)].state, .unreadable)
        // The rows after it are still read.
        XCTAssertEqual(parsed.report[.requests(.partiallyGranted, .total)].text, "0")
        XCTAssertEqual(parsed.report[.requests(.total, .total)].text, "1248")
    }

    func testUnreadableCellNamesItsLine() throws {
        var text = ShapeWriter.report(Self.typed2, t1: Self.typed1, t3: Self.typed3, shape: .tsv)
        text = text.replacingOccurrences(of: "规章\t0\t0\t0", with: "规章\t0\t1 2\t0")
        let parsed = try Fixtures.parse(text: text)
        let f = try XCTUnwrap(parsed.findings.first { $0.id == "parse.cell_unreadable" })
        XCTAssertEqual(f.keys, [CellKey("active.regulations.repealed")!])
        XCTAssertEqual(f.line, text.split(separator: "\n", omittingEmptySubsequences: false).firstIndex { $0.hasPrefix("规章") }! + 1)
        XCTAssertEqual(parsed.report[f.keys[0]].written, "1 2")
    }

    func testGroupLabelsAfterTheirItems() throws {
        // PDF row shape with （三）不予 / 公开 placed after its first item and （六）其他处理 after its last.
        var text = ShapeWriter.report(Self.typed2.map { $0.map { $0.isEmpty ? "0" : $0 } }, t1: Self.typed1, t3: Self.typed3, shape: .pdfRow)
        text = text.replacingOccurrences(of: "（三）不予公开 1.属于国家秘密 0 0 0 0 0 0 0\n", with: "1.属于国家秘密 0 0 0 0 0 0 0\n（三）不予\n公开\n")
        text = text.replacingOccurrences(of: "（六）其他处理 1.申请人", with: "1.申请人")
        text = text.replacingOccurrences(of: "3.其他 309 7 0 0 0 1 317\n", with: "3.其他 309 7 0 0 0 1 317\n（六）其他\n处理\n")
        let parsed = try Fixtures.parse(text: text)
        XCTAssertEqual(parsed.findings, [])
        XCTAssertEqual(parsed.report[.requests(.otherReason, .total)].text, "317")
        XCTAssertEqual(parsed.report[.requests(.total, .total)].text, "1248")
        XCTAssertEqual(parsed.report[.requests(.prohibitedByLaw, .natural)].text, "/")
    }
}
