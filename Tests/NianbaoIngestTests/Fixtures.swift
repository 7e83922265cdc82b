import Foundation
import NianbaoIngest
import NianbaoModel
@_exported import NianbaoTestSupport
import XCTest

/// Paths and parsing helpers for the bundled fixtures.
enum Fixtures {
    static let directory = Bundle.module.resourceURL!.appendingPathComponent("Fixtures")

    static func sample(_ name: String) -> URL { directory.appendingPathComponent("samples/\(name).txt") }

    static func bytes(_ url: URL) -> [UInt8] { [UInt8](try! Data(contentsOf: url)) }

    static func parse(_ name: String) throws -> ParsedReport {
        try ReportParser().parse(bytes: bytes(sample(name)))
    }

    static func parse(text: String) throws -> ParsedReport {
        try ReportParser().parse(text: text)
    }
}

/// Compares every one of the 200 cells with the expected printed value, and checks that
/// blank stays blank and numbers are numbers.
func assertCells(_ report: Report, _ expected: ExpectedCells, file: StaticString = #filePath, line: UInt = #line) {
    let mismatches = expected.mismatches(in: report)
    XCTAssert(mismatches.isEmpty, "\(mismatches.count) cells differ:\n" + mismatches.prefix(30).joined(separator: "\n"), file: file, line: line)
}
