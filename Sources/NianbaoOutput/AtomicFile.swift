#if canImport(Glibc)
import Glibc
#endif
import Foundation
import Synchronization

/// Writes output so that an existing file is never half-overwritten: the bytes go to a
/// temporary file beside the target, which is then renamed over it (rename is atomic on
/// one file system). A crash or `kill -9` can leave only a temporary file, which is named
/// so that `removeStale(under:)` finds it.
public enum AtomicFile {
    /// Suffix of temporary files; nothing else nianbao writes ends so.
    public static let temporarySuffix = ".nianbao-tmp"

    public static func write(_ text: String, to path: String) throws(OutputError) {
        try write(Data(text.utf8), to: path)
    }

    public static func write(_ data: Data, to path: String) throws(OutputError) {
        let url = URL(fileURLWithPath: path)
        let directory = url.deletingLastPathComponent()
        if let code = makeDirectories(directory.path) {
            throw OutputError.cannotWrite(path: path, errno: code)
        }
        let temp = directory.appendingPathComponent(temporaryPrefix(for: url.lastPathComponent) + "\(ProcessInfo.processInfo.processIdentifier)-\(counter.withLock { $0 += 1; return $0 })\(temporarySuffix)")
        let fd = open(temp.path, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0o644)
        guard fd >= 0 else { throw .cannotWrite(path: path, errno: errno) }
        var failure: Int32?
        data.withUnsafeBytes { raw in
            var offset = 0
            while offset < raw.count {
                let n = Glibc.write(fd, raw.baseAddress! + offset, raw.count - offset)
                if n < 0 { if errno == EINTR { continue }; failure = errno; return }
                offset += n
            }
        }
        if failure == nil, fsync(fd) != 0, errno != EINVAL { failure = errno }
        close(fd)
        if failure == nil, rename(temp.path, url.path) != 0 { failure = errno }
        if let failure {
            unlink(temp.path)
            throw .cannotWrite(path: path, errno: failure)
        }
    }

    /// How temporary files for a target named `name` begin: `.nb-<hash of the name>-`. Short and
    /// of fixed length, so a name of 255 bytes still has a temporary name, and specific to the
    /// target, so a run can clear what an interrupted run left for its own targets only.
    public static func temporaryPrefix(for name: String) -> String {
        var hash: UInt32 = 0x811C_9DC5
        for byte in name.utf8 { hash = (hash ^ UInt32(byte)) &* 0x0100_0193 }
        let hex = String(hash, radix: 16)
        return ".nb-" + String(repeating: "0", count: 8 - hex.count) + hex + "-"
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

    /// `mkdir -p`: nil when the folder is there, else the errno that stopped it.
    static func makeDirectories(_ path: String) -> Int32? {
        var info = stat()
        if stat(path, &info) == 0 { return (info.st_mode & S_IFMT) == S_IFDIR ? nil : ENOTDIR }
        var trimmed = Substring(path)
        while trimmed.count > 1, trimmed.hasSuffix("/") { trimmed = trimmed.dropLast() }
        if let slash = trimmed.lastIndex(of: "/") {
            let parent = String(trimmed[..<slash])
            if !parent.isEmpty, let code = makeDirectories(parent) { return code }
        }
        if mkdir(path, 0o755) != 0 && errno != EEXIST { return errno }
        return nil
    }

    /// Temporary names within one process differ by this counter (threads write at once).
    private static let counter = Mutex(0)
}

/// Why an output could not be written, in words a user can act on.
public enum OutputError: Error, Equatable, CustomStringConvertible {
    /// The target could not be written: permission denied, not a directory, disk full …
    /// (`errno` says which, for a caller to decide on; `description` says it in words).
    case cannotWrite(path: String, errno: Int32)
    /// The plan would overwrite an input, or write two outputs to one path.
    case conflict(String)

    public var description: String {
        switch self {
        case .cannotWrite(let path, let code): return "cannot write \(path): \(Self.reason(errno: code))"
        case .conflict(let message): return message
        }
    }

    /// Whether the write failed for want of room (the disk is full or the quota used up): every
    /// write after it would fail too.
    public var isOutOfSpace: Bool {
        if case .cannotWrite(_, let code) = self { return code == ENOSPC || code == EDQUOT }
        return false
    }

    static func reason(errno code: Int32) -> String {
        switch code {
        case EACCES, EPERM: return "permission denied"
        case ENOTDIR: return "a part of the path is not a directory"
        case EISDIR: return "it is a directory"
        case ENOSPC: return "the disk is full"
        case EDQUOT: return "the disk quota is used up"
        case EROFS: return "the file system is read-only"
        case ENAMETOOLONG: return "the name is too long"
        case ENOENT: return "the folder does not exist"
        default: return String(cString: strerror(code))
        }
    }
}
