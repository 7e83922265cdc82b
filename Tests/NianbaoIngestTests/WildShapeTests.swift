import Foundation
import NianbaoIngest
import NianbaoChecks
import NianbaoModel
import XCTest

/// Text shapes found in the wild (FORMAT.md §7), made from the 西峡县 sample: a typo in a
/// row label, a 2019-style （六）其他处理 row, a whole report on one line, digits glued to
/// their labels, title and heading wordings.
final class WildShapeTests: XCTestCase {
    private var xixia: String { String(decoding: Fixtures.bytes(Fixtures.sample("xixia-county-2022")), as: UTF8.self) }

    private func cells(_ report: Report, _ row: RequestRow) -> [String] {
        RequestColumn.allCases.map { report[.requests(row, $0)].exported }
    }

    func testRowWithATypoIsPlacedByItsNumberWithAWarning() throws {
        let text = xixia.replacingOccurrences(of: "2.其他法律⾏政法规禁⽌公开 1 0 0 0 0 0 1", with: "2.其他法律⾏政法规禁至公 1 0 0 0 0 0 1")
        XCTAssertNotEqual(text, xixia)
        let parsed = try Fixtures.parse(text: text)
        XCTAssertEqual(cells(parsed.report, .prohibitedByLaw), ["1", "0", "0", "0", "0", "0", "1"])
        let warning = try XCTUnwrap(parsed.findings.first { $0.id == "parse.row_by_number" })
        XCTAssertEqual(warning.severity, .warning)
        XCTAssertEqual(warning.line, 114)
        assertCells(parsed.report, .xixia)
    }

    func testSingleOtherProcessingRowOfTheOlderTemplate() throws {
        // Hybrid: one （六）其他处理 row with numbers where the 2021 template has three.
        let start = try XCTUnwrap(xixia.range(of: "（六）其他\n\n处理"))
        let end = try XCTUnwrap(xixia.range(of: "3.其他 3 0 0 0 0 0 3\n"))
        let text = xixia.replacingCharacters(in: start.lowerBound..<end.upperBound, with: "（六）其他处理 3 0 0 0 0 0 3\n")
        let parsed = try Fixtures.parse(text: text)
        for row in [RequestRow.noCorrection, .unpaidFee, .otherReason] {
            XCTAssertEqual(cells(parsed.report, row), Array(repeating: "?", count: 7), "\(row)")
        }
        let hybrid = parsed.findings.filter { $0.id == "parse.hybrid_template" }
        XCTAssertEqual(hybrid.count, 1, "one finding for the three rows")
        XCTAssertEqual(hybrid.first?.keys.count, 28, "the three rows and the single row's own keys")
        XCTAssertEqual(hybrid.first?.severity, .warning, "no number is lost")
        XCTAssertEqual(parsed.findings.filter { $0.severity == .error }.count, 0)
        XCTAssertEqual(cells(parsed.report, .total), ["19", "0", "0", "0", "0", "0", "19"])
        // The single row's numbers are kept (FORMAT.md §2b), after the 200 keys in every export,
        // and the checks count it among the result rows.
        XCTAssertEqual(CellKey.otherProcessing.map { parsed.report[$0].text }, ["3", "0", "0", "0", "0", "0", "3"])
        XCTAssertEqual(parsed.report.template, .y2021)
        XCTAssertEqual(parsed.report.keys.count, 207)
        XCTAssertEqual(Checker.check(parsed.report), [], "（七）总计 = the 19 result rows, the single row among them")
    }

    func testWholeReportOnOneLine() throws {
        // A crawler's save: chrome, then every line of the report joined with spaces.
        let one = "首页 > 政务公开 > " + xixia.components(separatedBy: .newlines).map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }.joined(separator: " ")
        let parsed = try Fixtures.parse(text: one)
        XCTAssertEqual(parsed.report.agency, "西峡县人民政府")
        XCTAssertEqual(parsed.report.year, 2022)
        XCTAssertEqual(parsed.report.sections.map(\.number), [1, 2, 3, 4, 5, 6])
        XCTAssertEqual(parsed.findings.first?.id, "parse.one_line")
        let expected = Dictionary(uniqueKeysWithValues: ExpectedCells.xixia.byKey)
        var read = 0
        for key in CellKey.all where parsed.report[key].state != .unreadable {
            XCTAssertEqual(parsed.report[key].text, expected[key], "\(key)")
            read += 1
        }
        XCTAssertGreaterThan(read, 150, "most rows keep their numbers apart with spaces")
    }

    func testGluedDigitsAreOneValue() throws {
        let text = """
        某县2022年政府信息公开工作年度报告
        一、总体情况
        二、主动公开政府信息情况
        规章 0 0 0
        行政许可1205
        三、收到和处理政府信息公开申请情况
        一、本年新收政府信息公开申请数量3100415
        四、政府信息公开行政复议、行政诉讼情况
        五、存在的主要问题及改进情况
        六、其他需要报告的事项
        """
        let parsed = try Fixtures.parse(text: text)
        XCTAssertEqual(parsed.report[.active(.licensing, "decisions")].text, "1205", "one value, one cell: certain")
        XCTAssertEqual(cells(parsed.report, .new), Array(repeating: "?", count: 7), "seven cells from one run of digits: not guessed")
        XCTAssertTrue(parsed.findings.contains { $0.id == "parse.row_short" && $0.keys.contains(.requests(.new, .total)) && $0.line == 7 })
    }

    func testTitleAndHeadingWordings() throws {
        let text = xixia
            .replacingOccurrences(of: "西峡县⼈⺠政府2022年政府信息公开⼯作年度报告", with: "西峡县⼈⺠政府 2022 年度政府信息公开工作报告")
            .replacingOccurrences(of: "五、存在的主要问题及改进情况", with: "五、存在问题及整改情况")
        XCTAssertNotEqual(text, xixia)
        let parsed = try Fixtures.parse(text: text)
        XCTAssertEqual(parsed.report.agency, "西峡县人民政府")
        XCTAssertEqual(parsed.report.year, 2022)
        XCTAssertEqual(parsed.report.sections.map(\.number), [1, 2, 3, 4, 5, 6])
        XCTAssertEqual(parsed.report.section(5)?.heading, "五、存在问题及整改情况")
        assertCells(parsed.report, .xixia)
    }
}
