import Foundation

/// Writes output so that an existing file is never half-overwritten: the bytes go to a
/// temporary file beside the target, which is then renamed over it (rename is atomic on
/// one file system). A crash or `kill -9` can leave only a temporary file, which is named
/// so that `removeStale(under:)` finds it.
public enum AtomicFile {
    /// Suffix of temporary files; nothing else nianbao writes ends so.
    public static let temporarySuffix = ".nianbao-tmp"

    public static func write(_ text: String, to path: String) throws {
        try write(Data(text.utf8), to: path)
    }

    public static func write(_ data: Data, to path: String) throws {
        let url = URL(fileURLWithPath: path)
        try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
        let temp = url.deletingLastPathComponent()
            .appendingPathComponent(".\(url.lastPathComponent).\(ProcessInfo.processInfo.processIdentifier)\(temporarySuffix)")
        do {
            try data.write(to: temp)
            if rename(temp.path, url.path) != 0 {
                throw CocoaError(.fileWriteUnknown, userInfo: [NSFilePathErrorKey: path, NSLocalizedDescriptionKey: String(cString: strerror(errno))])
            }
        } catch {
            try? FileManager.default.removeItem(at: temp)
            throw error
        }
    }

    /// Removes temporary files left under `directory` by an interrupted run.
    @discardableResult
    public static func removeStale(under directory: String) -> Int {
        guard let walker = FileManager.default.enumerator(atPath: directory) else { return 0 }
        var removed = 0
        for case let path as String in walker where path.hasSuffix(temporarySuffix) {
            if (try? FileManager.default.removeItem(atPath: directory + "/" + path)) != nil { removed += 1 }
        }
        return removed
    }
}
