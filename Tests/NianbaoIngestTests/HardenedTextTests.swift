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

    private func sampleText(_ name: String) -> String {
        String(decoding: Fixtures.bytes(Fixtures.sample(name)), as: UTF8.self)
    }

    func testRunsOfEmptyLinesKeepEveryLineNumberAndWordsEmptyCells() throws {
        // Runs of empty lines are held as one (a 16 MiB file of newlines took 4.7 GB); the
        // lines after them keep their numbers, and a lone tab (a Word table's empty cell) stays.
        let sample = sampleText("hanyin-county-2022")
        let original = try ReportParser().parse(text: sample)
        let spaced = sample.replacingOccurrences(of: "\n\n", with: "\n" + String(repeating: "\n", count: 1_000) + "\n")
        let lines = sample.split(separator: "\n", omittingEmptySubsequences: false)
        let spacedLines = spaced.split(separator: "\n", omittingEmptySubsequences: false)
        let parsed = try ReportParser().parse(text: spaced)
        XCTAssertEqual(CellKey.all.filter { parsed.report[$0].text != original.report[$0].text || parsed.report[$0].state != original.report[$0].state }, [])
        XCTAssertEqual(parsed.report.sections.map { $0.paragraphs.map(\.text) }, original.report.sections.map { $0.paragraphs.map(\.text) })
        // Every cell's line is the line of the changed text that holds its value.
        for key in CellKey.all {
            guard let a = original.report[key].line, let b = parsed.report[key].line else { continue }
            XCTAssertEqual(spacedLines[b - 1], lines[a - 1], "\(key)")
        }
        XCTAssertEqual(parsed.findings.map(\.id), original.findings.map(\.id))
    }

    func testAMillionShortLinesAfterTheReportAreOneParagraph() throws {
        // Each line was joined to a copy of its paragraph: quadratic (58 s). Now in place.
        let tail = String(repeating: "1\n", count: 200_000)
        let parsed = try ReportParser().parse(text: sampleText("xixia-county-2022") + tail)
        // The ones continue the last paragraph (unindented lines in an indented section).
        let last = try XCTUnwrap(parsed.report.section(6)?.paragraphs.last)
        let ones = String(repeating: "1 ", count: 199_999) + "1"
        XCTAssertTrue(last.text.hasSuffix("。" + ones), "\(last.text.prefix(80))… (\(last.text.count) characters)")
    }

    func testJunkRowsGiveAHundredFindingsAndACount() throws {
        // 150 pipe rows that name no row after table 2's heading: each was a finding of its own
        // (half a million of them took most of a gigabyte); past 100, one finding counts the rest.
        let sample = sampleText("xixia-county-2022")
        let heading = try XCTUnwrap(sample.range(of: "收到和处理政府信息公开申请情况\n"))
        let headingLine = sample[..<heading.lowerBound].filter { $0 == "\n" }.count + 1
        let text = sample[..<heading.upperBound] + String(repeating: "|x|1|2|3|4|5|6|7|\n", count: 150) + sample[heading.upperBound...]
        let parsed = try ReportParser().parse(text: String(text))
        let junk = parsed.findings.filter { $0.id == "parse.row_unrecognized" }
        XCTAssertEqual(junk.count, 101)
        XCTAssertEqual(junk.prefix(100).map(\.line), (1...100).map { headingLine + $0 })
        XCTAssertEqual(junk.last?.line, headingLine + 101)
        XCTAssertTrue(junk.last?.message.hasPrefix("50 more rows") == true, junk.last?.message ?? "")
    }
}
