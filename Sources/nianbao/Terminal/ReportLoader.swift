import Foundation
import NianbaoIngest
import NianbaoModel

/// Reads and parses one input file; the CLI's single place that turns a path into a report
/// or into a message that names the file and why it is not one.
enum ReportLoader {
    enum Outcome {
        case parsed(ParsedReport)
        case failed(String)
    }

    static func load(_ path: String, parser: ReportParser = ReportParser()) -> Outcome {
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) else {
            return .failed("no such file")
        }
        if isDirectory.boolValue { return .failed("is a directory, not a report file") }
        guard let data = FileManager.default.contents(atPath: path) else {
            return .failed("cannot be read (permission denied?)")
        }
        do {
            return .parsed(try parser.parse(bytes: [UInt8](data)))
        } catch {
            return .failed(error.description)
        }
    }
}
