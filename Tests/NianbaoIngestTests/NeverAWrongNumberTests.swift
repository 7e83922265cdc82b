import Foundation
import NianbaoIngest
import NianbaoModel
import XCTest

/// Inputs a new user tried that once put a number into a wrong cell (issue 10). Each now
/// gives exactly the unreadable cells it should, with a finding on the right row and line,
/// and leaves every other cell as the report wrote it.
final class NeverAWrongNumberTests: XCTestCase {
    private func sampleText(_ name: String) -> String {
        String(decoding: Fixtures.bytes(Fixtures.sample(name)), as: UTF8.self)
    }

    /// The cells of `changed` that differ from those of the unchanged sample.
    private func changedKeys(_ changed: ParsedReport, from name: String) throws -> [CellKey] {
        let original = try Fixtures.parse(name).report
        return CellKey.all.filter { changed.report[$0] != original[$0] && !(changed.report[$0].state == original[$0].state && changed.report[$0].text == original[$0].text) }
    }

    func testWordCellWithAUnitIsOneUnreadableCellOfItsOwnRow() throws {
        // 汉阴县, Word table text: the 自然人 cell of （一）予以公开 reads 12 → 12件.
        var lines = sampleText("hanyin-county-2022").components(separatedBy: "\n")
        let label = try XCTUnwrap(lines.firstIndex { $0.hasPrefix("\t（⼀）予以公开") || $0.hasPrefix("\t（一）予以公开") })
        XCTAssertEqual(lines[label + 1], "\t12")
        lines[label + 1] = "\t12件"
        let parsed = try Fixtures.parse(text: lines.joined(separator: "\n"))
        XCTAssertEqual(try changedKeys(parsed, from: "hanyin-county-2022"), [.requests(.granted, .natural)])
        let cell = parsed.report[.requests(.granted, .natural)]
        XCTAssertEqual(cell.state, .unreadable)
        XCTAssertEqual(cell.written, "12件")
        let finding = try XCTUnwrap(parsed.findings.first { $0.id == "parse.cell_unreadable" })
        XCTAssertEqual(finding.keys, [.requests(.granted, .natural)])
        XCTAssertEqual(finding.line, label + 2)
        XCTAssertEqual(parsed.findings.count, 1)
    }

    func testPDFLabelWithoutNumbersDoesNotTakeTheNextRowsNumbers() throws {
        // 西峡县, PDF row shape: the numbers of （一）予以公开 deleted.
        let text = sampleText("xixia-county-2022").replacingOccurrences(of: "（⼀）予以公开 6 0 0 0 0 0 6", with: "（⼀）予以公开")
        let parsed = try Fixtures.parse(text: text)
        let granted = RequestColumn.allCases.map { CellKey.requests(.granted, $0) }
        XCTAssertEqual(try changedKeys(parsed, from: "xixia-county-2022"), granted)
        XCTAssertTrue(granted.allSatisfy { parsed.report[$0].state == .unreadable })
        XCTAssertEqual(parsed.report[.requests(.partiallyGranted, .natural)].text, "3", "（二）部分公开 keeps its own numbers")
        let finding = try XCTUnwrap(parsed.findings.first { $0.id.isParse })
        XCTAssertEqual(finding.keys, granted)
        XCTAssertEqual(finding.line, 102)
    }

    func testReportPastedTwiceIsAFindingNotALongerReport() throws {
        let once = sampleText("xin-county-office-2021")
        let parsed = try Fixtures.parse(text: once + "\n" + once)
        let single = try Fixtures.parse(text: once)
        XCTAssertEqual(parsed.report.cells, single.report.cells)
        XCTAssertEqual(parsed.report.sections, single.report.sections, "the second copy is not prose of section 6")
        let duplicate = try XCTUnwrap(parsed.findings.first { $0.id == "parse.duplicate_report" })
        XCTAssertEqual(duplicate.severity, .error)
        // 87 lines and a blank one, then the copy, whose title stands on its line 3.
        XCTAssertEqual(duplicate.line, 88 + 3, "the second copy's title")
    }

    func testVeryLongDigitRunIsUnreadableAndStaysInItsRow() throws {
        // 25 digits in the 自然人 cell of 4.保护第三方合法权益 (西峡县, PDF row shape).
        let long = String(repeating: "9", count: 25)
        let text = sampleText("xixia-county-2022").replacingOccurrences(of: "4.保护第三⽅合法权益 1 0 0 0 0 0 1", with: "4.保护第三⽅合法权益 \(long) 0 0 0 0 0 1")
        XCTAssertNotEqual(text, sampleText("xixia-county-2022"), "the row was found in the sample")
        let parsed = try Fixtures.parse(text: text)
        XCTAssertEqual(try changedKeys(parsed, from: "xixia-county-2022"), [.requests(.thirdPartyRights, .natural)])
        XCTAssertEqual(parsed.report[.requests(.thirdPartyRights, .natural)].state, .unreadable)
        XCTAssertEqual(parsed.report[.requests(.thirdPartyRights, .natural)].written, long)
    }
}
