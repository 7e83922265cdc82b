@testable import NianbaoIngest
import NianbaoChecks
import NianbaoModel
import XCTest

/// Tables whose numbers the text gives apart from their rows (FORMAT.md §7): plain pdftotext's
/// column-by-column runs and converter Markdown whose labels drifted. Solved when exactly one
/// reading satisfies every equation, `?` otherwise — never a repaired or guessed table.
/// Fixtures: scripts/make-solver-fixtures.py (real pdftotext output of LibreOffice's and
/// nianbao's PDFs of a dense report, and the variants made from it).
final class BlockSolverTests: XCTestCase {
    /// 某县 2022 (the dense fixture), read from Fixtures/solver/dense-county-2022.txt row by row.
    static let dense = ExpectedCells(
        table1: [ExpectedCells.row("0 0 0"), ExpectedCells.row("12 0 19"), ["2957"], ["2235"], ["19"], ["1131.7652"]],
        table2: [
            "59 14 20 8 18 24 143", "0 1 0 0 1 1 3",
            "0 0 2 2 3 0 7", "2 1 0 0 1 1 5",
            "0 0 0 0 1 1 2", "5 1 0 0 0 2 8", "2 0 1 0 2 1 6", "5 1 0 0 1 0 7",
            "0 0 0 0 0 0 0", "1 0 2 0 0 1 4", "0 0 0 2 0 3 5", "1 1 0 0 0 3 5",
            "13 0 0 0 2 2 17", "2 1 2 1 0 2 8", "1 1 3 1 0 0 6",
            "3 2 3 0 2 0 10", "13 1 0 0 0 1 15", "0 1 0 1 0 0 2", "0 0 3 0 0 3 6", "2 2 2 1 1 1 9",
            "0 3 2 0 0 1 6", "8 0 0 0 1 2 11", "0 0 0 0 2 0 2",
            "58 15 20 8 16 24 141", "1 0 0 0 3 1 5",
        ].map(ExpectedCells.row),
        table3: ExpectedCells.row("3 2 0 3 8 0 1 1 1 3 1 0 2 1 4"))

    func text(_ name: String) -> String {
        String(decoding: Fixtures.bytes(Fixtures.directory.appendingPathComponent("solver/\(name)")), as: UTF8.self)
    }

    func parse(_ name: String) throws -> ParsedReport { try Fixtures.parse(text: text(name)) }

    /// Every one of the 200 cells is the expected one, or unreadable with a parse finding that
    /// names it and its line: no number in a wrong cell.
    func assertNoWrongNumber(_ parsed: ParsedReport, _ name: String, file: StaticString = #filePath, line: UInt = #line) {
        let reported = Set(parsed.findings.filter { $0.id.isParse && $0.line != nil }.flatMap(\.keys))
        let expected = Self.dense.byKey
        for (key, value) in expected {
            let cell = parsed.report[key]
            if cell.state == .unreadable {
                XCTAssertTrue(reported.contains(key), "\(name): \(key) unreadable without a finding", file: file, line: line)
            } else {
                XCTAssertEqual(cell.text, value, "\(name): \(key)", file: file, line: line)
            }
        }
    }

    var table2: [CellKey] { CellKey.all.filter { $0.table == 2 } }

    func testTheDenseReportReadsAsWritten() throws {
        let parsed = try parse("dense-county-2022.txt")
        assertCells(parsed.report, Self.dense)
        XCTAssertEqual(Checker.check(parsed.report), [], "the fixture's tables are consistent")
        assertCells(try parse("dense-county-2022-pdftotext-raw.txt").report, Self.dense)
    }

    /// Plain pdftotext of LibreOffice's PDF: the labels in blocks, table 2's numbers in runs,
    /// 予以公开/部分公开 and 3.其他/总计/结转 column by column, table 3's first numbers before its
    /// heading. Table 2 is solved cell for cell; nothing else is guessed.
    func testLibreOfficePlainTextColumnByColumnIsSolved() throws {
        let parsed = try parse("dense-county-2022-pdftotext-plain.txt")
        assertNoWrongNumber(parsed, "LibreOffice plain")
        for key in table2 {
            XCTAssertEqual(parsed.report[key].state, .number, "\(key)")
            XCTAssertTrue(parsed.report[key].solved, "\(key)")
        }
        let solved = try XCTUnwrap(parsed.findings.first { $0.id == .solved })
        XCTAssertEqual(solved.severity, .warning)
        XCTAssertTrue(solved.message.contains("read column by column: （一）予以公开、（二）部分公开"), solved.message)
        XCTAssertTrue(solved.message.contains("3.其他、（七）总计、四、结转下年度继续办理"), solved.message)
        XCTAssertFalse(parsed.findings.contains { $0.id == .columnOrder && $0.keys.first?.table == 2 }, "the rows' errors give way")
        // Table 3's numbers: 3 before its heading, the rest after it and after section 5's: `?`.
        XCTAssertTrue(parsed.findings.contains { $0.id == .unsolved && $0.message.contains("8 values for its 15 cells") })
    }

    /// Plain pdftotext of nianbao's own PDF: rows in order, labels after their numbers and,
    /// on the second page, all labels before all numbers.
    func testNianbaoPlainTextIsSolved() throws {
        let parsed = try parse("dense-county-2022-nianbao-pdftotext-plain.txt")
        assertCells(parsed.report, Self.dense)
        XCTAssertTrue(table2.contains { parsed.report[$0].solved })
        XCTAssertEqual(parsed.findings.map(\.id), [.solved])
    }

    /// The samples' real plain pdftotext: solved where every cell was written (西峡, zeros
    /// written), `?` where blank cells vanished (汉阴: 16 numbers for 175 cells).
    func testSamplesPlainText() throws {
        func wild(_ name: String) throws -> ParsedReport {
            try ReportParser().parse(bytes: [UInt8](Data(contentsOf: TestPaths.file("wild/\(name).txt"))))
        }
        let xixia = try wild("xixia-county-2022-pdftotext-plain")
        for (key, value) in ExpectedCells.xixia.byKey where key.table == 2 { XCTAssertEqual(xixia.report[key].text, value, "\(key)") }
        let hanyin = try wild("hanyin-county-2022-pdftotext-plain")
        let expected = Dictionary(uniqueKeysWithValues: ExpectedCells.hanyin.byKey.map { ($0.0, $0.1) })
        for key in table2 where hanyin.report[key].state != .unreadable { XCTAssertEqual(hanyin.report[key].text, expected[key], "\(key)") }
        let unsolved = try XCTUnwrap(hanyin.findings.first { $0.id == .unsolved && $0.keys.first?.table == 2 })
        XCTAssertTrue(unsolved.message.contains("16 values for its 175 cells"), unsolved.message)
    }

    /// A converter's Markdown: the header took a row, so every row's values stand one row
    /// below its label (the reader alone would put 本年新收's numbers into 上年结转).
    func testDriftedMarkdownIsSolved() throws {
        for name in ["dense-county-2022-drifted.md", "dense-county-2022-labels-apart.md"] {
            let parsed = try parse(name)
            assertCells(parsed.report, Self.dense)
            // Solved: every cell the drifted label had wrong (a cell whose row above it holds the
            // same number was right by chance and stays as read).
            XCTAssertGreaterThan(table2.filter { parsed.report[$0].solved }.count, 100, name)
            let solved = try XCTUnwrap(parsed.findings.first { $0.id == .solved }, name)
            XCTAssertTrue(solved.message.contains("labels drifted"), solved.message)
            XCTAssertFalse(parsed.findings.contains { $0.severity == .error }, name)
        }
    }

    /// Drifted labels and a published total that disagrees: no reading fits, and no row the
    /// reader placed by a drifted label is kept — every cell of table 2 `?`.
    func testDriftedMarkdownWithInconsistentTotalsIsNotRepaired() throws {
        let drifted = text("dense-county-2022-drifted.md")
        let changed = drifted.replacingOccurrences(of: "| 58 | 15 | 20 | 8 | 16 | 24 | 141 |", with: "| 59 | 15 | 20 | 8 | 16 | 24 | 142 |")
        XCTAssertNotEqual(changed, drifted)
        let parsed = try Fixtures.parse(text: changed)
        XCTAssertTrue(table2.allSatisfy { parsed.report[$0].state == .unreadable })
        let unsolved = try XCTUnwrap(parsed.findings.first { $0.id == .unsolved })
        XCTAssertTrue(unsolved.message.contains("no reading"), unsolved.message)
        XCTAssertEqual(Set(unsolved.keys), Set(table2))
    }

    /// Rows 3.要求提供公开出版物 / 4.无正当理由大量反复申请 column by column give the same 14
    /// numbers as rows 5.属于三类内部事务信息 / 6.属于四类过程性信息 row by row, and the two
    /// pairs can swap readings with every sum still holding: two readings, so none.
    func testAWrongBlockSizeThatAlsoSumsLeavesTheTableUnread() throws {
        let parsed = try parse("dense-county-2022-pdftotext-plain-two-readings.txt")
        XCTAssertTrue(table2.allSatisfy { parsed.report[$0].state == .unreadable })
        let unsolved = try XCTUnwrap(parsed.findings.first { $0.id == .unsolved && $0.keys.first?.table == 2 })
        XCTAssertTrue(unsolved.message.contains("2 readings"), unsolved.message)
        assertNoWrongNumber(parsed, "two readings (tables 1 and 3)")
    }

    /// The published （七）总计 says 59 自然人 (its row still sums) where its column adds to 58.
    func testInconsistentPublishedTotalsAreNotRepaired() throws {
        let parsed = try parse("dense-county-2022-pdftotext-plain-bad-total.txt")
        XCTAssertTrue(table2.allSatisfy { parsed.report[$0].state == .unreadable })
        let unsolved = try XCTUnwrap(parsed.findings.first { $0.id == .unsolved && $0.keys.first?.table == 2 })
        XCTAssertTrue(unsolved.message.contains("no reading"), unsolved.message)
    }

    // MARK: the solver itself

    static func grid(_ rows: [String]) -> [[Int]] { rows.map { $0.split(separator: " ").map { Int($0)! } } }

    /// Table 2's run with the rows of each block (first...last) given column by column.
    static func run(_ grid: [[Int]], columnBlocks: [ClosedRange<Int>]) -> [BlockSolver.Entry] {
        var out: [Int] = []
        var r = 0
        while r < grid.count {
            let block = columnBlocks.first { $0.lowerBound == r } ?? r...r
            for c in 0..<7 { for k in block where block.count > 1 { out.append(grid[k][c]) } }
            if block.count == 1 { out += grid[r] }
            r = block.upperBound + 1
        }
        return out.map { BlockSolver.Entry(cell: .count($0), count: $0) }
    }

    var denseGrid: [[Int]] { Self.grid(Self.dense.table2.map { $0.joined(separator: " ") }) }
    let rows = RequestRow.allCases.map { row in RequestColumn.allCases.map { CellKey.requests(row, $0) } }

    func testWholeTableColumnByColumn() {
        let run = Self.run(denseGrid, columnBlocks: [0...24])
        guard case .solved(let cells, let blocks) = BlockSolver.solve(rows: rows, run: run, equations: TableEquations.table2(oneOtherRow: false)) else {
            return XCTFail("one reading")
        }
        XCTAssertEqual(blocks, [0...24])
        XCTAssertEqual(cells[.requests(.total, .natural)]?.count, 58)
        XCTAssertEqual(cells[.requests(.carriedForward, .legalService)]?.count, 3)
    }

    /// 0 0 0 0 0 0 0 3 0 3 0 0 0 6 is two rows as written (0s; 3 0 3 0 0 0 6) or, column by
    /// column, (0s; 0 0 0 3 3 0 6): each row sums either way, and only the columns' equations
    /// tell which — with nothing to swap against, exactly one reading.
    func testAWrongBlockWhoseRowsSumIsRejectedByTheColumns() {
        var grid = denseGrid
        grid[8] = [0, 0, 0, 0, 0, 0, 0]
        grid[9] = [3, 0, 3, 0, 0, 0, 6]
        for c in 0..<6 {
            grid[23][c] = (2...22).reduce(0) { $0 + grid[$1][c] }
            grid[0][c] = grid[23][c] + grid[24][c] - grid[1][c]
        }
        for r in [0, 23] { grid[r][6] = grid[r][..<6].reduce(0, +) }
        guard case .solved(let cells, _) = BlockSolver.solve(rows: rows, run: Self.run(grid, columnBlocks: []), equations: TableEquations.table2(oneOtherRow: false)) else {
            return XCTFail("one reading")
        }
        XCTAssertEqual(RequestColumn.allCases.map { cells[.requests(.processInformation, $0)]!.count! }, [3, 0, 3, 0, 0, 0, 6])
    }

    func testTooFewValuesAndSurplus() {
        let run = Self.run(denseGrid, columnBlocks: [])
        let equations = TableEquations.table2(oneOtherRow: false)
        guard case .wrongCount(174, 175) = BlockSolver.solve(rows: rows, run: Array(run.dropLast()), equations: equations) else { return XCTFail("too few") }
        // Stray numbers before and after the table (a neighbour's): the window finds the table.
        let stray = [BlockSolver.Entry(cell: .count(7), count: 7), BlockSolver.Entry(cell: .count(2), count: 2)]
        guard case .solved = BlockSolver.solve(rows: rows, run: stray + run + stray, equations: equations) else { return XCTFail("surplus") }
        guard case .wrongCount = BlockSolver.solve(rows: rows, run: run + Array(repeating: stray[0], count: BlockSolver.maxSurplus + 1), equations: equations) else {
            return XCTFail("too many")
        }
    }

    func testTheBoundIsSaid() {
        let run = Self.run(denseGrid, columnBlocks: [0...24])
        guard case .bounded = BlockSolver.solve(rows: rows, run: run, equations: TableEquations.table2(oneOtherRow: false), bound: 10) else {
            return XCTFail("a search past its bound takes nothing and says so")
        }
    }

    func testAllZeroTableIsOneReadingAndFast() {
        // Every block reads the same: one reading, found without trying the 3^24 block layouts.
        let zeros = Array(repeating: [0, 0, 0, 0, 0, 0, 0], count: 25)
        let started = Date()
        guard case .solved(_, let blocks) = BlockSolver.solve(rows: rows, run: Self.run(zeros, columnBlocks: []), equations: TableEquations.table2(oneOtherRow: false)) else {
            return XCTFail("one reading")
        }
        XCTAssertEqual(blocks, [])
        XCTAssertLessThan(Date().timeIntervalSince(started), 0.5)
    }
}
