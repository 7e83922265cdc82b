import Foundation
import NianbaoFiles
import NianbaoOutput

/// One input of a batch: a report file (text, PDF, HTML, DOCX) in a folder or inside a zip, named by its path
/// relative to the batch input. Outputs go to the same relative path under the output
/// directory, so the relative path must stay inside it.
public struct BatchItem: Codable, Sendable, Equatable {
    /// Relative path with `/` separators, e.g. `a/b/x.txt`.
    public var path: String
    /// The file on disk, for folder input.
    public var file: String?
    /// The file's path as bytes, when its name is not UTF-8 (GBK names from a Windows zip
    /// unpacked on Linux): `path` then shows the decoded name, and the file is opened by these.
    public var fileBytes: [UInt8]?
    /// The zip and its entry (its position in the zip's central directory, from 0), for zip input.
    public var zip: String?
    public var entry: Int?
    /// Why the item cannot be processed (an unsafe zip path), if so.
    public var refused: String?

    public init(path: String, file: String? = nil, zip: String? = nil, entry: Int? = nil, refused: String? = nil) {
        self.path = path
        self.file = file
        self.zip = zip
        self.entry = entry
        self.refused = refused
    }

    /// Output path for `ext` under `root`: `a/b/x.txt` → `root/a/b/x.pdf`.
    public func output(_ ext: String, under root: String) -> String {
        let stem = BatchSource.stem(path)
        return OutputPlan.join(root, stem + "." + ext)
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

