import Foundation
import NianbaoIngest
import NianbaoModel
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
    var mismatches: [String] = []
    for (key, value) in expected.byKey {
        let cell = report[key]
        let ok: Bool
        switch value {
        case "": ok = cell.state == .blank
        case "/", "／", "—", "-", "无", "——", "－": ok = cell.state == .placeholder && cell.text == value
        default: ok = cell.state == .number && cell.text == value
        }
        if !ok { mismatches.append("\(key): expected «\(value)», got \(cell.state) «\(cell.text)» (written «\(cell.written)»)") }
    }
    XCTAssert(mismatches.isEmpty, "\(mismatches.count) cells differ:\n" + mismatches.prefix(30).joined(separator: "\n"), file: file, line: line)
}
