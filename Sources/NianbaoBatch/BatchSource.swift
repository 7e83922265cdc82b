#if canImport(Glibc)
import Glibc
#endif
import Foundation
import NianbaoFiles
import NianbaoIngest

/// Why a batch could not start at all.
public struct BatchError: Error, CustomStringConvertible {
    public let description: String
    public init(_ description: String) { self.description = description }
}

/// Finds the reports of a batch input. Every entry that exists gets an item, and so a row
/// in the index: names in any encoding (UTF-8; GBK/CP936 as Chinese Windows writes them; else
/// shown as escaped bytes), files that cannot be read (a FIFO named x.txt) as refused items.
public enum BatchSource {
    /// Whether a path names an input `batch` reads: .txt .pdf .html .htm .docx (and .doc /
    /// .wps, which get a failed row saying how to convert them).
    public static func isInput(_ path: String) -> Bool {
        guard let dot = path.lastIndex(of: ".") else { return false }
        return InputKind.extensions.contains(path[path.index(after: dot)...].lowercased())
    }

    /// The path without its input extension: `a/x.pdf` → `a/x`.
    static func stem(_ path: String) -> String {
        guard isInput(path), let dot = path.lastIndex(of: ".") else { return path }
        return String(path[..<dot])
    }

    /// Where nianbao keeps its own records in an output folder; an input there is refused.
    static let bookkeeping = ".nianbao"

    /// Every input file (`isInput`) under `input` (a folder, recursively, or a `.zip`), sorted by path.
    public static func items(in input: String) throws -> [BatchItem] {
        var isDir: ObjCBool = false
        guard FileManager.default.fileExists(atPath: input, isDirectory: &isDir) else {
            throw BatchError("\(input): no such file or directory")
        }
        let items = isDir.boolValue ? try folderItems(input) : try zipItems(input)
        return items.sorted { $0.path < $1.path }
    }

    /// A name's bytes as text: UTF-8, else GB18030 (GBK, as Chinese Windows wrote it), else
    /// with the bytes that are not UTF-8 escaped as `\xNN`.
    static func decodeName(_ bytes: [UInt8]) -> (name: String, exact: Bool) {
        if let s = String(validating: bytes, as: UTF8.self) { return (s, true) }
        if let s = TextDecoding.decodeGB18030(bytes), !s.unicodeScalars.contains(where: { $0.value < 0x20 }) { return (s, false) }
        var out = ""
        var i = 0
        while i < bytes.count {
            if bytes[i] < 0x80 { out.unicodeScalars.append(Unicode.Scalar(bytes[i])); i += 1; continue }
            out += String(format: "\\x%02X", bytes[i])
            i += 1
        }
        return (out, false)
    }

    /// The folder walked with readdir, so that names that are not UTF-8 are not skipped.
    /// Symlinks are followed only when they stay inside the input folder.
    static func folderItems(_ root: String) throws -> [BatchItem] {
        guard let rootReal = realpath(root, nil) else { throw BatchError("\(root): cannot be read") }
        let rootBytes = Array(UnsafeBufferPointer(start: UnsafeRawPointer(rootReal).assumingMemoryBound(to: UInt8.self), count: strlen(rootReal)))
        free(rootReal)
        var out: [BatchItem] = []
        func inside(_ path: [UInt8]) -> Bool {
            guard let real = path.withUnsafeBufferPointer({ buf -> UnsafeMutablePointer<CChar>? in
                var z = Array(buf) + [0]
                return z.withUnsafeMutableBufferPointer { realpath(UnsafeRawPointer($0.baseAddress!).assumingMemoryBound(to: CChar.self), nil) }
            }) else { return false }
            defer { free(real) }
            let bytes = Array(UnsafeBufferPointer(start: UnsafeRawPointer(real).assumingMemoryBound(to: UInt8.self), count: strlen(real)))
            return bytes == rootBytes || bytes.starts(with: rootBytes + [0x2F])
        }
        func walk(_ dir: [UInt8], _ relative: String, depth: Int) {
            guard depth < 64, let handle = cString(dir, opendir) else { return }
            defer { closedir(handle) }
            var entries: [[UInt8]] = []
            while let entry = readdir(handle) {
                let name = withUnsafeBytes(of: entry.pointee.d_name) { raw in Array(raw.prefix { $0 != 0 }) }
                if name == [0x2E] || name == [0x2E, 0x2E] { continue }
                entries.append(name)
            }
            for name in entries {
                let full = dir + [0x2F] + name
                let (decoded, _) = decodeName(name)
                let rel = relative.isEmpty ? decoded : relative + "/" + decoded
                var link = stat(), target = stat()
                guard cString(full, { lstat($0, &link) }) == 0 else { continue }
                let isLink = (link.st_mode & S_IFMT) == S_IFLNK
                if isLink && !inside(full) { continue }
                guard cString(full, { stat($0, &target) }) == 0 else { continue }
                switch target.st_mode & S_IFMT {
                case S_IFDIR:
                    walk(full, rel, depth: depth + 1)
                case S_IFREG:
                    guard isInput(decoded) else { continue }
                    var item = BatchItem(path: rel)
                    if let s = String(validating: full, as: UTF8.self) { item.file = s } else { item.fileBytes = full }
                    out.append(item)
                default:
                    // A FIFO, socket or device with a report's name: reading it could block forever.
                    guard isInput(decoded) else { continue }
                    out.append(BatchItem(path: rel, refused: "not a regular file (a pipe, socket or device): not read"))
                }
            }
        }
        walk(rootBytes, "", depth: 0)
        return out
    }

    /// Zip entries are read in place, never unpacked to disk first. Names are decoded (the
    /// UTF-8 flag, else GBK/CP936 as Chinese Windows writes them, never CP437 mojibake) and
    /// normalised (`./x.txt` is `x.txt`, `y//z.txt` is `y/z.txt`, `a/b/../c.txt` is `a/c.txt`);
    /// entries that are absolute, climb out with `..`, stand in nianbao's bookkeeping folder,
    /// name the same file as another entry, are symbolic links or point outside the zip are
    /// refused, each with a row.
    static func zipItems(_ zip: String) throws(BatchError) -> [BatchItem] {
        let archive: BatchZip
        do {
            archive = try BatchZip(zip)
        } catch {
            throw BatchError("\(error)")
        }
        var out: [BatchItem] = []
        var byPath: [String: [Int]] = [:]
        for entry in archive.entries where !entry.isDirectory {
            let (decoded, _) = decodeName(entry.nameBytes)
            guard isInput(decoded) else { continue }
            var item = BatchItem(path: decoded, zip: zip, entry: entry.number)
            switch ZipNames.normalise(decoded) {
            case .success(let path):
                item.path = path
                if path == bookkeeping || path.hasPrefix(bookkeeping + "/") {
                    item.refused = "the entry stands in \(bookkeeping)/, where nianbao keeps its records: refused, nothing written"
                } else if entry.isSymlink {
                    // Its bytes are a target path, not a report; following it could read outside the zip.
                    item.refused = "a symbolic link in the zip: not followed, nothing written"
                } else if let problem = archive.problem(entry) {
                    item.refused = "the zip entry cannot be unpacked (\(problem)): not read"
                }
            case .failure(let reason):
                item.refused = "unsafe path in the zip (\(reason)): refused, nothing written"
            }
            if item.refused == nil { byPath[item.path, default: []].append(out.count) }
            out.append(item)
        }
        // Two entries that name one file (x.txt and ./x.txt): both refused, neither dropped.
        for (path, indices) in byPath where indices.count > 1 {
            for i in indices {
                out[i].refused = "\(indices.count) entries of the zip name \(path): refused, nothing written (which one is meant cannot be told)"
                out[i].path = path + " [entry \(i + 1)]"
            }
        }
        return out
    }

    /// Opens `path` (raw bytes) with a C function.
    private static func cString<T>(_ path: [UInt8], _ body: (UnsafePointer<CChar>) -> T) -> T {
        (path + [0]).withUnsafeBufferPointer { body(UnsafeRawPointer($0.baseAddress!).assumingMemoryBound(to: CChar.self)) }
    }
}

/// Zip entry names made safe to write under the output folder.
enum ZipNames {
    enum Normalised { case success(String), failure(String) }

    static func normalise(_ path: String) -> Normalised {
        if path.hasPrefix("/") || path.hasPrefix("\\") { return .failure("absolute") }
        if path.contains(":") { return .failure("a drive or stream name") }
        if path.contains("\\") { return .failure("a backslash") }
        var parts: [Substring] = []
        for part in path.split(separator: "/", omittingEmptySubsequences: true) {
            if part == "." { continue }
            if part == ".." {
                guard !parts.isEmpty else { return .failure("it climbs out with ..") }
                parts.removeLast()
                continue
            }
            parts.append(part)
        }
        return parts.isEmpty ? .failure("empty") : .success(parts.joined(separator: "/"))
    }
}
