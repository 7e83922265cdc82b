import Foundation
import NianbaoIngest
import NianbaoModel
import XCTest

/// Minimal text inputs from a fault-injection run (issue 19) that once trapped or misread.
/// Each must parse to findings, never crash, never give a wrong number.
final class HardenedTextTests: XCTestCase {
    func testRowLabelWithTwentyDigitsIsAFindingNotATrap() throws {
        // A label whose item "number" does not fit in an Int (it trapped in TableReader).
        let text = "X县2022年政府信息公开工作年度报告\n二、主动公开政府信息情况\n规章 1 1 1\n99999999999999999999.x 5\n"
        let parsed = try ReportParser().parse(text: text)
        XCTAssertEqual(parsed.report[.active(.regulations, "issued")].number, 1)
        let finding = try XCTUnwrap(parsed.findings.first { $0.id == "parse.row_unrecognized" })
        XCTAssertEqual(finding.line, 4)
        XCTAssertFalse(CellKey.all.contains { parsed.report[$0].number == 5 }, "the 5 of an unknown row is placed nowhere")
    }

    func testHugeNumbersInCellsAreUnreadableCells() throws {
        // 19, 20 and 40 digits, ASCII and full-width: each its own unreadable cell with a finding.
        let huge = ["9223372036854775808", "99999999999999999999", String(repeating: "９", count: 40)]
        let text = "X县2022年政府信息公开工作年度报告\n二、主动公开政府信息情况\n规章\t\(huge[0])\t\(huge[1])\t\(huge[2])\n"
        let parsed = try ReportParser().parse(text: text)
        for (key, written) in zip([CellKey.active(.regulations, "issued"), .active(.regulations, "repealed"), .active(.regulations, "in_force")], huge) {
            XCTAssertEqual(parsed.report[key].state, .unreadable, "\(key)")
            XCTAssertEqual(parsed.report[key].written, written)
            XCTAssertTrue(parsed.findings.contains { $0.id == "parse.cell_unreadable" && $0.keys == [key] }, "\(key)")
        }
    }
}
