import Foundation
import NianbaoModel

/// The only place that formats findings and errors for a terminal.
enum FindingPrinter {
    /// `FILE:LINE: severity: id: message`, the format editors and CI logs understand.
    static func line(_ f: Finding, file: String) -> String {
        "\(file):\(place(f)) \(f.severity.rawValue): \(f.id): \(f.message)"
    }

    /// `12:` for a line, `page 3 line 12:` in a PDF, nothing when the finding has no place.
    private static func place(_ f: Finding) -> String {
        switch (f.page, f.line) {
        case let (page?, line?): return " page \(page) line \(line):"
        case let (page?, nil): return " page \(page):"
        case let (nil, line?): return "\(line):"
        case (nil, nil): return ""
        }
    }

    /// An input that could not be read as a report.
    static func failure(_ file: String, _ reason: some CustomStringConvertible) -> String {
        "\(file): error: \(reason)"
    }

    static func stderr(_ s: String) {
        FileHandle.standardError.write(Data((s + "\n").utf8))
    }

    static func stdout(_ s: String) {
        FileHandle.standardOutput.write(Data(s.utf8))
    }
}
