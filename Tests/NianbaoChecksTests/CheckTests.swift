import NianbaoChecks
import NianbaoIngest
import NianbaoModel
import XCTest

/// Each check on a clean report, a broken one (error) and one that fails only through
/// blank cells (warning).
final class CheckTests: XCTestCase {
    /// A consistent report: 10 new + 2 carried over = 11 answered + 1 carried forward.
    static func clean() -> Report {
        var r = Report(title: "t", agency: "a", year: 2022)
        for key in CellKey.all { r[key] = key.isAmount ? Cell(state: .number, text: "0.0000", written: "0.0000", number: 0) : .count(0, line: 1) }
        func set(_ row: RequestRow, natural: Int, commercial: Int = 0) {
            r[.requests(row, .natural)] = .count(natural, line: 10 + row.index)
            r[.requests(row, .commercial)] = .count(commercial, line: 10 + row.index)
            r[.requests(row, .total)] = .count(natural + commercial, line: 10 + row.index)
        }
        set(.new, natural: 8, commercial: 2)
        set(.carriedOver, natural: 2)
        set(.granted, natural: 6, commercial: 1)
        set(.notHeld, natural: 3, commercial: 1)
        set(.otherReason, natural: 0)
        set(.total, natural: 9, commercial: 2)
        set(.carriedForward, natural: 1)
        for (c, n) in zip(ReviewColumn.allCases, [2, 1, 0, 1, 4]) { r[.review(.review, c)] = .count(n, line: 50) }
        return r
    }

    func testCleanReportHasNoFindings() {
        XCTAssertEqual(Checker.check(Self.clean()), [])
    }

    func testBalanceError() {
        var r = Self.clean()
        r[.requests(.carriedForward, .natural)] = .count(3, line: 40)
        r[.requests(.carriedForward, .total)] = .count(3, line: 40)
        let f = Checker.check(r).filter { $0.id == "requests.balance" }
        XCTAssertEqual(f.count, 2, "\(f)")  // columns natural and total
        XCTAssertTrue(f.allSatisfy { $0.severity == .error })
        XCTAssertEqual(f.first?.keys, [.requests(.new, .natural), .requests(.carriedOver, .natural), .requests(.total, .natural), .requests(.carriedForward, .natural)])
        XCTAssertEqual(f.first?.line, 10 + RequestRow.total.index, "points at the total cell's line")
        XCTAssertTrue(f.first!.message.contains("10 ≠ 12"), f.first!.message)
        // The same as data: the two sides and their sums, for footnotes and for scripts (JSON).
        let relation = try! XCTUnwrap(f.first?.relation)
        XCTAssertEqual(relation.left, [.requests(.new, .natural), .requests(.carriedOver, .natural)])
        XCTAssertEqual(relation.right, [.requests(.total, .natural), .requests(.carriedForward, .natural)])
        XCTAssertEqual(relation.leftSum, 10)
        XCTAssertEqual(relation.rightSum, 12)
        XCTAssertFalse(relation.countedBlankAsZero)
        XCTAssertEqual(f.first?.id, .requestsBalance)
        let json = String(decoding: try! JSONEncoder().encode(f.first!), as: UTF8.self)
        XCTAssertTrue(json.contains(#""id":"requests.balance""#), "the id is encoded as its string: \(json)")
        XCTAssertTrue(json.contains(#""leftSum":10"#), json)
    }

    func testBalanceWarningWhenABlankCouldMakeUpTheDifference() {
        var r = Self.clean()
        r[.requests(.carriedOver, .natural)] = .blank(line: 11)
        r[.requests(.carriedOver, .total)] = .blank(line: 11)
        let f = Checker.check(r).filter { $0.id == "requests.balance" }
        XCTAssertEqual(f.map(\.severity), [.warning, .warning])
        XCTAssertTrue(f[0].message.contains("counted as 0"))
        XCTAssertEqual(f[0].relation?.countedBlankAsZero, true)
    }

    func testBlankOnTheLargerSideIsStillAnError() {
        var r = Self.clean()
        // new + carried_over = 5 + 2 = 7 on the left; total 9 + blank carried_forward on the
        // right. The blank stands on the larger side, so no value of it could mend the sum.
        r[.requests(.new, .natural)] = .count(5, line: 10)
        r[.requests(.new, .total)] = .count(7, line: 10)
        r[.requests(.carriedForward, .natural)] = .blank(line: 40)
        let f = Checker.check(r).filter { $0.id == "requests.balance" && $0.keys.contains(.requests(.new, .natural)) }
        XCTAssertEqual(f.map(\.severity), [.error], "7 ≠ 9 cannot be mended by a non-negative blank on the larger side")
    }

    func testRowSum() {
        var r = Self.clean()
        r[.requests(.granted, .total)] = .count(8, line: 12)
        var f = Checker.check(r).filter { $0.id == "requests.row_sum" }
        XCTAssertEqual(f.map(\.severity), [.error])
        XCTAssertEqual(f.first?.line, 12)
        r = Self.clean()
        r[.requests(.granted, .commercial)] = Cell(state: .placeholder, text: "/", written: "/", line: 12)
        f = Checker.check(r).filter { $0.id == "requests.row_sum" }
        XCTAssertEqual(f.map(\.severity), [.warning], "placeholder read as 0")
    }

    func testResultsSum() {
        var r = Self.clean()
        r[.requests(.repeated, .natural)] = .count(1, line: 30)
        r[.requests(.repeated, .total)] = .count(1, line: 30)
        let f = Checker.check(r).filter { $0.id == "requests.results_sum" }
        XCTAssertEqual(f.count, 2)
        XCTAssertTrue(f.allSatisfy { $0.severity == .error })
        XCTAssertTrue(f.allSatisfy { $0.keys.count == 22 })
    }

    func testReviewSum() {
        var r = Self.clean()
        r[.review(.litigationDirect, .total)] = .count(2, line: 50)
        var f = Checker.check(r).filter { $0.id == "review.sum" }
        XCTAssertEqual(f.map(\.severity), [.error])
        r = Self.clean()
        r[.review(.review, .pending)] = .blank(line: 50)
        f = Checker.check(r).filter { $0.id == "review.sum" }
        XCTAssertEqual(f.map(\.severity), [.warning])
    }

    func testUnreadableCellsAreLeftToTheParseFinding() {
        var r = Self.clean()
        r[.requests(.granted, .natural)] = Cell(state: .unreadable, text: "", written: "6件")
        r[.requests(.granted, .total)] = .count(99, line: 12)
        let ids = Set(Checker.check(r).filter { $0.keys.contains(.requests(.granted, .natural)) }.map(\.id))
        XCTAssertEqual(ids, [], "relations with an unreadable cell are not judged")
    }

    func testSamples() throws {
        // The real samples: three are consistent; xin fills only 总计 in several rows,
        // which makes row and column sums fail through blanks: warnings, not errors.
        let dir = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .appendingPathComponent("NianbaoIngestTests/Fixtures/samples")
        for name in ["xixia-county-2022", "jianxi-district-office-2022", "hanyin-county-2022"] {
            let parsed = try ReportParser().parse(bytes: [UInt8](Data(contentsOf: dir.appendingPathComponent("\(name).txt"))))
            XCTAssertEqual(Checker.check(parsed.report), [], name)
        }
        let xin = try ReportParser().parse(bytes: [UInt8](Data(contentsOf: dir.appendingPathComponent("xin-county-office-2021.txt"))))
        let f = Checker.check(xin.report)
        XCTAssertEqual(f.map(\.id), ["requests.row_sum", "requests.row_sum", "requests.row_sum", "requests.results_sum", "requests.results_sum"])
        XCTAssertTrue(f.allSatisfy { $0.severity == .warning })
    }
}

import Foundation
