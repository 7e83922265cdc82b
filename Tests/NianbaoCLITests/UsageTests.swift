import Foundation
import NianbaoTestSupport
import XCTest

/// What the command line says about itself (issue 23 item 6): help that names every input
/// kind, usage errors that exit 64, a misspelt command named as one.
final class UsageTests: XCTestCase {
    func run(_ args: [String], directory: URL? = nil) throws -> CLITests.Result { try CLITests.run(args, directory: directory) }

    func testEveryFileArgumentNamesEveryInputKind() throws {
        for command in [["parse"], ["check"], ["render"], ["compare"], ["batch", "run"]] {
            let help = try run(command + ["--help"])
            XCTAssertEqual(help.status, 0, help.stderr)
            // Help wraps its lines: compare the words, not the line breaks.
            let text = help.stdout.split(whereSeparator: \.isWhitespace).joined(separator: " ")
            for kind in ["PDF", ".html", "Word (.docx)", "text"] {
                XCTAssertTrue(text.contains(kind), "\(command.joined(separator: " ")) --help does not name \(kind):\n\(help.stdout)")
            }
            XCTAssertFalse(text.contains("Report text files"), "\(command) --help still says text files only")
        }
    }
}
