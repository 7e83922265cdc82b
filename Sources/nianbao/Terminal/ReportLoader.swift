import Foundation
import NianbaoFiles
import NianbaoIngest
import NianbaoModel

/// Reads and parses one input file; the CLI's single place that turns a path into a report
/// or into a message that names the file and why it is not one. Text, PDF, HTML and DOCX
/// are told apart by content (`ReportInput`).
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
        guard let handle = FileHandle(forReadingAtPath: path) else {
            return .failed("cannot be read (permission denied?)")
        }
        defer { try? handle.close() }
        // Never more than the limit + 1 byte in memory: a FIFO or a huge file is refused, not read whole.
        let data: Data
        do {
            data = try handle.read(upToCount: ReportInput.sizeLimit + 1) ?? Data()  // nil: the file is empty
        } catch {
            return .failed("cannot be read (\(error.localizedDescription))")
        }
        do {
            return .parsed(try ReportInput.parse([UInt8](data), name: (path as NSString).lastPathComponent, parser: parser))
        } catch {
            return .failed(error.description)
        }
    }
}
