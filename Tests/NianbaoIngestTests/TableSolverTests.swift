@testable import NianbaoIngest
import NianbaoChecks
import NianbaoModel
import XCTest

/// What only the arithmetic can decide (FORMAT.md §7): digits glued together, solved when
/// exactly one reading of the whole table satisfies every equation, never guessed otherwise.
final class TableSolverTests: XCTestCase {
    func testSplitsAreCountsWithoutLeadingZeros() {
        var all: [[Int]] = []
        var visits = 0
        XCTAssertTrue(TableSolver.splits("1023", into: 3, visits: &visits, bound: 1000) { all.append($0) })
        XCTAssertEqual(all, [[1, 0, 23], [10, 2, 3]], "0 stands alone, 02 and 023 are no counts")
        all = []
        XCTAssertTrue(TableSolver.splits("12", into: 3, visits: &visits, bound: 1000) { all.append($0) })
        XCTAssertEqual(all, [], "fewer digits than cells")
        visits = 0
        XCTAssertFalse(TableSolver.splits(String(repeating: "1", count: 60), into: 7, visits: &visits, bound: 10_000) { _ in }, "the bound is said")
    }

    /// A crawler's page (the 汉阴县 sample, zeros written): tables 2 and 3 solved cell for cell.
    func testCrawlerTextWithGluedDigits() throws {
        let parsed = try Fixtures.parse(text: String(decoding: Fixtures.bytes(Fixtures.directory.appendingPathComponent("variants/crawler-glued-digits.txt")), as: UTF8.self))
        let hanyin = try Fixtures.parse("hanyin-county-2022").report
        for key in CellKey.all where key.table >= 2 {
            let want = hanyin[key].state == .blank ? "0" : hanyin[key].exported
            XCTAssertEqual(parsed.report[key].exported, want, key.rawValue)
            XCTAssertTrue(parsed.report[key].solved, key.rawValue)
        }
        let solved = parsed.findings.filter { $0.id == "parse.solved" }
        XCTAssertEqual(solved.map(\.severity), [.warning, .warning], "one warning a table, naming its rows")
        XCTAssertTrue(solved[0].message.contains("（一）予以公开"))
        XCTAssertFalse(parsed.findings.contains { $0.id == "parse.row_short" && $0.keys.first?.table == 2 }, "the rows' errors give way")
        // Table 1's 行政规范性文件 2111 reads as 2 1 11, 2 11 1 or 21 1 1: no equation decides.
        let unsolved = try XCTUnwrap(parsed.findings.first { $0.id == "parse.unsolved" })
        XCTAssertTrue(unsolved.message.contains("3 readings"), unsolved.message)
        XCTAssertEqual(parsed.report[.active(.normativeDocuments, "issued")].state, .unreadable)
        XCTAssertEqual(Checker.check(parsed.report), [], "what was solved satisfies the checks")
    }

    /// Table 2 of glued rows built from `rows` (label → its seven values as written).
    func glued(_ rows: [RequestRow: String]) -> ([TableSolver.GluedRow], (CellKey) -> Int?) {
        let zero = "0000000"
        let glued = RequestRow.allCases.map { row in
            TableSolver.GluedRow(keys: RequestColumn.allCases.map { .requests(row, $0) }, digits: rows[row] ?? zero, line: 1)
        }
        return (glued, { _ in nil })
    }

    func testTwoReadingsThatBothFitTakeNeither() {
        // 11 1 …, 1 11 … or 1 1 10 …: every row and column sums each way.
        let (rows, known) = glued([.new: "111000012", .granted: "111000012", .total: "111000012"])
        XCTAssertEqual(TableSolver.solve(rows, equations: TableEquations.table2(oneOtherRow: false), known: known), .unsolved(readings: 3))
    }

    func testInconsistentTotalsAreNotRepaired() {
        // The published total says 13 where its rows add up to 12: no reading fits.
        let (rows, known) = glued([.new: "111000012", .granted: "111000012", .total: "111000013"])
        XCTAssertEqual(TableSolver.solve(rows, equations: TableEquations.table2(oneOtherRow: false), known: known), .unsolved(readings: 0))
    }

    func testOneReadingIsTaken() {
        let (rows, known) = glued([.new: "3100004", .granted: "3100004", .total: "3100004"])
        guard case .solved(let values) = TableSolver.solve(rows, equations: TableEquations.table2(oneOtherRow: false), known: known) else {
            return XCTFail("one reading")
        }
        XCTAssertEqual(values[.requests(.new, .natural)]?.value, 3)
        XCTAssertEqual(values[.requests(.total, .total)]?.value, 4)
    }

    func testGluedRowsInAReportWithInconsistentTotalsStayUnreadable() throws {
        // The crawler page with one published total changed: no reading, no repaired table.
        var text = String(decoding: Fixtures.bytes(Fixtures.directory.appendingPathComponent("variants/crawler-glued-digits.txt")), as: UTF8.self)
        let total = try XCTUnwrap(text.range(of: "（七）总计"))
        let digits = text[total.upperBound...].prefix { $0.isNumber }
        let changed = String(digits.dropLast()) + (digits.last == "9" ? "8" : "9")
        text.replaceSubrange(total.upperBound..<text.index(total.upperBound, offsetBy: digits.count), with: changed)
        let parsed = try Fixtures.parse(text: text)
        XCTAssertTrue(CellKey.all.filter { $0.table == 2 }.allSatisfy { parsed.report[$0].state == .unreadable })
        XCTAssertTrue(parsed.findings.contains { $0.id == "parse.unsolved" && $0.message.contains("no reading") })
    }
}
