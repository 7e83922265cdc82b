import Foundation
import NianbaoFiles
import NianbaoInput
import ZIPFoundation

/// An input the mutations start from: a fixture's bytes, its kind, and for a Word file its
/// entries (so that document.xml can be changed and the zip made again).
public struct FuzzSeed: Sendable {
    public let name: String
    public let bytes: [UInt8]
    public let kind: InputKind
    /// A DOCX's entries in order, or nil when it is not read as a report.
    public let entries: [(path: String, data: [UInt8])]?

    public init(name: String, bytes: [UInt8]) {
        self.name = name
        self.bytes = bytes
        kind = InputKind.detect(bytes, name: name)
        // Only from a zip nianbao's own reader takes: ZIPFoundation traps on some hostile ones.
        entries = kind == .docx && (try? ReportInput.parse(bytes)) != nil ? try? ZipSurgery.entries(bytes) : nil
    }

    /// Every file under `directories` (recursively, sorted, dot files left out) as a seed.
    public static func load(_ directories: [String]) throws(FuzzError) -> [FuzzSeed] {
        var seeds: [FuzzSeed] = []
        for directory in directories {
            guard let walker = FileManager.default.enumerator(atPath: directory) else { throw .unreadable(path: directory, reason: "no such folder") }
            for case let path as String in walker.allObjects.sorted(by: { "\($0)" < "\($1)" }) {
                let full = directory + "/" + path
                var isDirectory: ObjCBool = false
                guard !URL(fileURLWithPath: path).lastPathComponent.hasPrefix("."),
                      FileManager.default.fileExists(atPath: full, isDirectory: &isDirectory), !isDirectory.boolValue else { continue }
                guard let data = FileManager.default.contents(atPath: full) else { throw .unreadable(path: full, reason: "cannot be read") }
                seeds.append(FuzzSeed(name: full, bytes: [UInt8](data)))
            }
        }
        if seeds.isEmpty { throw .unreadable(path: directories.joined(separator: ", "), reason: "no seed files") }
        return seeds
    }
}

/// Why the fuzzer could not start or go on.
public enum FuzzError: Error, CustomStringConvertible {
    case unreadable(path: String, reason: String)
    case usage(String)
    case system(call: String, errno: Int32)

    public var description: String {
        switch self {
        case let .unreadable(path, reason): "\(path): \(reason)"
        case let .usage(message): message
        case let .system(call, errno): "\(call) failed: \(String(cString: strerror(errno)))"
        }
    }
}
