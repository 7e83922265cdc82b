#if canImport(Glibc)
import Glibc
#endif
import NianbaoFiles
import NianbaoIngest
import NianbaoModel

/// The one way in for every command: the bytes of a file, whatever kind, to a parsed report.
/// The kind is told by content (`InputKind`); the name only tells .doc from .wps in messages.
public enum ReportInput {
    /// The largest input read as one report. Real reports are well under 1 MiB as text and a
    /// few MiB as PDF or DOCX; `batch` and the single-file commands refuse more.
    public static let sizeLimit = InputLimit.bytes

    /// Parses `bytes`; throws when there is no report to speak of (with what was found and,
    /// for formats nianbao does not read, how to convert them).
    /// (Taken, not borrowed: a text's bytes are let go once decoded.)
    public static func parse(_ bytes: consuming [UInt8], name: String = "", parser: ReportParser = ReportParser()) throws(IngestError) -> ParsedReport {
        if bytes.count > sizeLimit { throw .tooLarge(bytes: bytes.count, limit: sizeLimit) }
        let kind = InputKind.detect(bytes, name: name)
        switch kind {
        case .text: return try parser.parse(bytes: consume bytes)
        case .pdf: return try parser.parse(document: PDFReader.read(bytes))
        case .html: return try parser.parse(document: HTMLReader.read(bytes))
        case .docx: return try parser.parse(document: DOCXReader.read(bytes))
        case .legacyWord:
            let format = name.lowercased().hasSuffix(".wps") ? "WPS (.wps)" : "Word 97–2003 (.doc)"
            throw .unsupported(format: format, advice: "convert it to .docx first, e.g. `libreoffice --headless --convert-to docx \(name.isEmpty ? "FILE" : name)`")
        case .rtf:
            throw .unsupported(format: "RTF", advice: "convert it to .docx first, e.g. `libreoffice --headless --convert-to docx \(name.isEmpty ? "FILE" : name)`")
        case .otherZip:
            throw .unsupported(format: "zip", advice: "this zip is not a Word document; to read an archive of reports use `nianbao batch`")
        }
    }

    /// Why a file could not be read, before any parsing.
    public enum ReadError: Error, Equatable, CustomStringConvertible {
        case missing
        case directory
        /// A FIFO, socket or device: reading it could block forever or have effects.
        case notRegular
        /// More than `sizeLimit` bytes (found after reading `sizeLimit` + 1, never more).
        case tooLarge(limit: Int)
        /// open or read failed (permission denied, an I/O error …).
        case unreadable(errno: Int32)

        public var description: String {
            switch self {
            case .missing: return "no such file"
            case .directory: return "is a directory, not a report file"
            case .notRegular: return "not a regular file (a pipe, socket or device): not read"
            case .tooLarge(let limit): return "larger than \(limit >> 20) MiB: not a report"
            case .unreadable(let code) where code == EACCES || code == EPERM: return "cannot be read (permission denied)"
            case .unreadable(let code): return "cannot be read (\(String(cString: strerror(code))))"
            }
        }
    }

    /// A file that could not be read, or read but not parsed as a report.
    public enum Failure: Error, CustomStringConvertible {
        case read(ReadError)
        case parse(IngestError)

        public var description: String {
            switch self {
            case .read(let e): return e.description
            case .parse(let e): return e.description
            }
        }
    }

    /// The bytes of the file at `path`, the one way every command reads an input: a FIFO, socket
    /// or device is refused without being read (checked before opening and again on the open
    /// file), and never more than `sizeLimit` + 1 bytes are read.
    public static func read(path: String) throws(ReadError) -> [UInt8] {
        try read(path: Array(path.utf8))
    }

    /// `read(path:)` for a path given as bytes (a name that is not UTF-8, as a GBK name from a
    /// Windows zip unpacked on Linux).
    public static func read(path: [UInt8]) throws(ReadError) -> [UInt8] {
        try read(path: path, prefix: nil)
    }

    /// Whether `head`, the first bytes of a file, are of a kind nianbao never reads as a report,
    /// told as `parse` tells it: Word 97–2003 or WPS (an OLE2 file), RTF. Such an input gets
    /// the advice to convert it and has no outputs, so it claims no output names.
    public static func isNeverRead(_ head: [UInt8]) -> Bool {
        switch InputKind.detect(head) {
        case .legacyWord, .rtf: return true
        default: return false
        }
    }

    /// `isNeverRead` of the first bytes of the file at `path` (a FIFO or device is not read);
    /// false when it cannot be read: its own failure is reported when it is loaded.
    public static func isNeverRead(path: [UInt8]) -> Bool {
        guard let head = try? read(path: path, prefix: headBytes) else { return false }
        return isNeverRead(head)
    }

    public static func isNeverRead(path: String) -> Bool { isNeverRead(path: Array(path.utf8)) }

    /// Enough of a file to tell whether it is never read (`InputKind.detect` looks for a PDF
    /// header in the first 1 KiB, for HTML in the first 2).
    public static let headBytes = 4096

    /// The file's bytes, or its first `prefix` bytes when that is given.
    static func read(path: [UInt8], prefix: Int?) throws(ReadError) -> [UInt8] {
        let cPath = path + [0]
        func withPath<T>(_ body: (UnsafePointer<CChar>) -> T) -> T {
            cPath.withUnsafeBufferPointer { body(UnsafeRawPointer($0.baseAddress!).assumingMemoryBound(to: CChar.self)) }
        }
        func check(_ info: stat) throws(ReadError) {
            switch info.st_mode & S_IFMT {
            case S_IFREG: return
            case S_IFDIR: throw .directory
            default: throw .notRegular
            }
        }
        var info = stat()
        if withPath({ stat($0, &info) }) != 0 { throw errno == ENOENT ? .missing : .unreadable(errno: errno) }
        try check(info)
        // O_NONBLOCK: a FIFO put in the file's place since the stat does not hang the open.
        let fd = withPath { open($0, O_RDONLY | O_NONBLOCK | O_CLOEXEC) }
        guard fd >= 0 else { throw errno == ENOENT ? .missing : .unreadable(errno: errno) }
        defer { close(fd) }
        guard fstat(fd, &info) == 0 else { throw .unreadable(errno: errno) }
        try check(info)
        var bytes: [UInt8] = []
        // The size the file has now, so that the array is not grown (and copied) by doubling:
        // a 16 MiB input would otherwise hold up to 32 MiB, and 48 while it grows.
        bytes.reserveCapacity(min(max(Int(info.st_size), 0), sizeLimit) + 1)
        var buffer = [UInt8](repeating: 0, count: 1 << 16)
        while true {
            let n = buffer.withUnsafeMutableBytes { Glibc.read(fd, $0.baseAddress, $0.count) }
            if n < 0 { if errno == EINTR { continue }; throw .unreadable(errno: errno) }
            if n == 0 { return bytes }
            bytes += buffer[..<n]
            if let prefix, bytes.count >= prefix { return Array(bytes.prefix(prefix)) }
            if bytes.count > sizeLimit { throw .tooLarge(limit: sizeLimit) }
        }
    }

    /// Reads and parses the file at `path` (see `read(path:)` and `parse(_:name:parser:)`).
    public static func load(path: String, parser: ReportParser = ReportParser()) throws(Failure) -> ParsedReport {
        let bytes: [UInt8]
        do { bytes = try read(path: path) } catch { throw .read(error) }
        return try load(bytes, path: path, parser: parser)
    }

    /// Parses `bytes`, already read from the file at `path` (a caller that looked at them
    /// first, as `compare` does for its own earlier output), named by the file's name.
    public static func load(_ bytes: consuming [UInt8], path: String, parser: ReportParser = ReportParser()) throws(Failure) -> ParsedReport {
        let name = path.split(separator: "/").last.map(String.init) ?? path
        do { return try parse(consume bytes, name: name, parser: parser) } catch { throw .parse(error) }
    }
}
