import Foundation
import NianbaoModel

/// The only place that formats findings and errors for a terminal.
enum FindingPrinter {
    /// `FILE:LINE: severity: id: message`, the format editors and CI logs understand.
    static func line(_ f: Finding, file: String) -> String {
        "\(file):\(f.line.map(String.init) ?? "0"): \(f.severity.rawValue): \(f.id): \(f.message)"
    }

    /// An input that could not be read as a report.
    static func failure(_ file: String, _ reason: String) -> String {
        "\(file): error: \(reason)"
    }

    static func stderr(_ s: String) {
        FileHandle.standardError.write(Data((s + "\n").utf8))
    }

    static func stdout(_ s: String) {
        FileHandle.standardOutput.write(Data(s.utf8))
    }
}
