import Foundation
import NianbaoFiles
import NianbaoInput
import NianbaoIngest
import NianbaoModel
import NianbaoTestSupport
import XCTest

/// Minimal files from a fault-injection run (issue 19) that crashed, hung, misread or refused
/// a report. DOCX cases are Fixtures/hostile (scripts/make-hostile-fixtures.py): each a tiny
/// report, 行政许可 13470, in a zip or XML made hostile one way.
final class HostileFileTests: XCTestCase {
    private func docx(_ name: String) throws -> [UInt8] {
        [UInt8](try Data(contentsOf: TestPaths.file("hostile/\(name).docx")))
    }

    /// The reason a DOCX fixture is refused with; fails when it is read.
    private func refusal(_ name: String, file: StaticString = #filePath, line: UInt = #line) throws -> String {
        let bytes = try docx(name)
        XCTAssertEqual(InputKind.detect(bytes), .docx, name, file: file, line: line)
        do {
            let parsed = try ReportInput.parse(bytes, name: "\(name).docx")
            XCTFail("\(name) was read: 行政许可 = \(parsed.report[.active(.licensing, "decisions")].written)", file: file, line: line)
            return ""
        } catch .damaged(let format, let reason) {
            XCTAssertEqual(format, "DOCX", file: file, line: line)
            return reason
        } catch {
            XCTFail("\(name): \(error)", file: file, line: line)
            return ""
        }
    }

    func testTheUnharmedFixtureIsRead() throws {
        let parsed = try ReportInput.parse(try docx("valid"))
        XCTAssertEqual(parsed.report[.active(.licensing, "decisions")].number, 13470)
    }

    func testAChangedDigitFailsTheCRCAndIsNeverRead() throws {
        // A stored word/document.xml whose 13470 became 93470; it was read, exit 0.
        let reason = try refusal("crc-mismatch")
        XCTAssertTrue(reason.contains("word/document.xml") && reason.contains("CRC-32"), reason)
    }

    func testInflationIsBoundedByTheLimitAndTheDeclaredSize() throws {
        // The directory says 3 GiB: refused by name before any inflating (it reached 3.2 GB).
        let large = try refusal("declared-3gib")
        XCTAssertTrue(large.contains("word/document.xml") && large.contains("\(3 << 30) bytes") && large.contains("16 MiB"), large)
        // The directory says 100 bytes, the data inflates to more: not one byte past 100.
        let lie = try refusal("size-lie")
        XCTAssertTrue(lie.contains("more than the 100 bytes"), lie)
    }

    func testALocalHeaderOffsetPastTheEndIsAnError() throws {
        // It trapped inside ZIPFoundation's in-memory reader.
        let reason = try refusal("offset-past-end")
        XCTAssertTrue(reason.contains("local header"), reason)
    }

    func testATruncatedDeflateStreamEnds() throws {
        // It spun at 100 % CPU for ever.
        let reason = try refusal("truncated-deflate")
        XCTAssertTrue(reason.contains("corrupt or cut short"), reason)
    }

    func testEntitiesAreNeverExpanded() throws {
        // Two chained entities sent the tree walk into the DTD (a crash); one entity used
        // 100,000 times grew to 11 GB. A DOCTYPE stops the parser before any is declared.
        for name in ["chained-entities", "entity-expansion"] {
            let reason = try refusal(name)
            XCTAssertTrue(reason.contains("document type declaration"), "\(name): \(reason)")
        }
    }

    func testDeepNestingIsRefusedNotAStackOverflow() throws {
        // 100,000 nested w:sdt in a 3 KB file overflowed the stack (SIGSEGV).
        let reason = try refusal("deep")
        XCTAssertTrue(reason.contains("256 deep"), reason)
    }

    /// A page of the 西峡县 sample's lines, one `<p>` each, inside `depth` unclosed `<div>`s.
    private func nestedPage(depth: Int) throws -> [UInt8] {
        let text = try String(contentsOf: TestPaths.sample("xixia-county-2022"), encoding: .utf8)
        let paragraphs = text.split(separator: "\n").filter { !$0.allSatisfy(\.isWhitespace) }.map { "<p>\($0)</p>\n" }.joined()
        return Array(("<html><body>" + String(repeating: "<div>", count: depth) + paragraphs + "</body></html>").utf8)
    }

    func testAReportNestedDeeperThanLibxml2sLimitIsRead() throws {
        // 300 levels: libxml2 stopped at 256 and the page was «only white space» (exit 2);
        // 20,000 levels: past nianbao's own bound, elements are read flat, text and breaks kept.
        for depth in [300, 20_000] {
            let parsed = try ReportInput.parse(try nestedPage(depth: depth))
            let mismatches = ExpectedCells.named("xixia-county-2022")!.mismatches(in: parsed.report)
            XCTAssertEqual(mismatches, [], "depth \(depth)")
            XCTAssertEqual(parsed.report.agency, "西峡县人民政府", "depth \(depth)")
        }
    }
}
