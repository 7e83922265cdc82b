import Foundation
import NianbaoFiles
import ZIPFoundation

/// One input of a batch: a report file (text, PDF, HTML, DOCX) in a folder or inside a zip, named by its path
/// relative to the batch input. Outputs go to the same relative path under the output
/// directory, so the relative path must stay inside it.
public struct BatchItem: Codable, Sendable, Equatable {
    /// Relative path with `/` separators, e.g. `a/b/x.txt`.
    public var path: String
    /// The file on disk, for folder input.
    public var file: String?
    /// The zip and its entry, for zip input.
    public var zip: String?
    public var entry: String?
    /// Why the item cannot be processed (an unsafe zip path), if so.
    public var refused: String?

    public init(path: String, file: String? = nil, zip: String? = nil, entry: String? = nil, refused: String? = nil) {
        self.path = path
        self.file = file
        self.zip = zip
        self.entry = entry
        self.refused = refused
    }

    /// Output path for `ext` under `root`: `a/b/x.txt` → `root/a/b/x.pdf`.
    public func output(_ ext: String, under root: String) -> String {
        let stem = BatchSource.stem(path)
        return root + "/" + stem + "." + ext
    }

    /// Stable shard of this item among `count`: FNV-1a of the relative path, so shards stay
    /// balanced and an item keeps its shard when files are added.
    public func shard(of count: Int) -> Int {
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325
        for byte in path.utf8 {
            hash ^= UInt64(byte)
            hash = hash &* 0x0000_0100_0000_01B3
        }
        return Int(hash % UInt64(count))
    }
}

/// Why a batch could not start at all.
public struct BatchError: Error, CustomStringConvertible {
    public let description: String
    public init(_ description: String) { self.description = description }
}

/// Finds the reports of a batch input.
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

    /// Every input file (`isInput`) under `input` (a folder, recursively, or a `.zip`), sorted by path.
    public static func items(in input: String) throws -> [BatchItem] {
        var isDir: ObjCBool = false
        guard FileManager.default.fileExists(atPath: input, isDirectory: &isDir) else {
            throw BatchError("\(input): no such file or directory")
        }
        let items = isDir.boolValue ? try folderItems(input) : try zipItems(input)
        return items.sorted { $0.path < $1.path }
    }

    /// Symlinks are followed only when they stay inside the input folder.
    static func folderItems(_ root: String) throws -> [BatchItem] {
        let rootURL = URL(fileURLWithPath: root).standardizedFileURL.resolvingSymlinksInPath()
        let rootPath = rootURL.path.hasSuffix("/") ? rootURL.path : rootURL.path + "/"
        guard let walker = FileManager.default.enumerator(at: rootURL, includingPropertiesForKeys: [.isRegularFileKey, .isSymbolicLinkKey, .isDirectoryKey]) else {
            throw BatchError("\(root): cannot be read")
        }
        var out: [BatchItem] = []
        for case let url as URL in walker {
            let values = try? url.resourceValues(forKeys: [.isSymbolicLinkKey, .isDirectoryKey])
            let resolved = url.resolvingSymlinksInPath().path
            if values?.isSymbolicLink == true && !resolved.hasPrefix(rootPath) {
                if values?.isDirectory == true { walker.skipDescendants() }
                continue
            }
            guard isInput(url.lastPathComponent) else { continue }
            var isDir: ObjCBool = false
            guard FileManager.default.fileExists(atPath: resolved, isDirectory: &isDir), !isDir.boolValue else { continue }
            let relative = String(url.standardizedFileURL.path.dropFirst(rootPath.count))
            out.append(BatchItem(path: relative, file: url.path))
        }
        return out
    }

    /// Zip entries are read in place, never unpacked to disk first. Entries whose path is
    /// absolute or climbs out with `..` are refused.
    static func zipItems(_ zip: String) throws -> [BatchItem] {
        let archive: Archive
        do {
            archive = try Archive(url: URL(fileURLWithPath: zip), accessMode: .read)
        } catch {
            throw BatchError("\(zip): not a folder or a readable zip archive")
        }
        var out: [BatchItem] = []
        for entry in archive where entry.type == .file && isInput(entry.path) {
            var item = BatchItem(path: entry.path, zip: zip, entry: entry.path)
            let parts = entry.path.split(separator: "/", omittingEmptySubsequences: false)
            if entry.path.hasPrefix("/") || entry.path.hasPrefix("\\") || entry.path.contains(":") || parts.contains("..") || entry.path.contains("\\") {
                item.refused = "unsafe path in the zip (absolute or with ..): refused, nothing written"
                item.path = entry.path.replacingOccurrences(of: "/", with: "_")  // for the index only
            }
            out.append(item)
        }
        return out
    }
}
