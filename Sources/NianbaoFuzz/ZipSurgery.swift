import Foundation
import ZIPFoundation

/// A Word file's zip, taken apart and put together again (ZIPFoundation: an independent
/// writer, not the reader under test), and its headers damaged field by field.
public enum ZipSurgery {
    /// The entries of a readable zip, in order.
    public static func entries(_ bytes: [UInt8]) throws -> [(path: String, data: [UInt8])] {
        let archive = try Archive(data: Data(bytes), accessMode: .read)
        return try archive.map { entry in
            var data = Data()
            _ = try archive.extract(entry, skipCRC32: true) { data.append($0) }
            return (entry.path, [UInt8](data))
        }
    }

    /// A zip of `entries`, deflated (or stored), with correct headers.
    public static func zip(_ entries: [(path: String, data: [UInt8])], stored: Bool = false) throws -> [UInt8] {
        let archive = try Archive(data: Data(), accessMode: .create)
        for (path, bytes) in entries {
            let data = Data(bytes)
            // A fixed date: the same run seed makes the same bytes.
            try archive.addEntry(with: path, type: .file, uncompressedSize: Int64(data.count), modificationDate: Date(timeIntervalSince1970: 946_684_800),
                                 compressionMethod: stored ? .none : .deflate) { position, size in
                data.subdata(in: Int(position)..<(Int(position) + size))
            }
        }
        return [UInt8](archive.data ?? Data())
    }

    /// A header field of a zip: where it is and how wide (2 or 4 bytes).
    struct Field {
        let offset: Int
        let width: Int
        let name: String
    }

    /// Every field worth damaging: local headers (method, CRC, sizes, name and extra
    /// lengths), central directory entries (the same, and the local header's offset), the
    /// end record (entry counts, directory size and offset, comment length).
    static func fields(_ bytes: [UInt8]) -> [Field] {
        var fields: [Field] = []
        func signature(at i: Int, _ b: UInt8) -> Bool { bytes[i] == 0x50 && bytes[i + 1] == 0x4B && bytes[i + 2] == b && bytes[i + 3] == b + 1 }
        var i = 0
        while i + 46 <= bytes.count {
            if signature(at: i, 3) {
                fields += [(8, 2, "local method"), (14, 4, "local CRC"), (18, 4, "local compressed size"), (22, 4, "local size"),
                           (26, 2, "local name length"), (28, 2, "local extra length"), (6, 2, "local flags")].map { Field(offset: i + $0.0, width: $0.1, name: $0.2) }
            } else if signature(at: i, 1) {
                fields += [(10, 2, "central method"), (16, 4, "central CRC"), (20, 4, "central compressed size"), (24, 4, "central size"),
                           (28, 2, "central name length"), (30, 2, "central extra length"), (32, 2, "central comment length"),
                           (42, 4, "local header offset")].map { Field(offset: i + $0.0, width: $0.1, name: $0.2) }
            }
            i += 1
        }
        if let end = (0...max(0, bytes.count - 22)).reversed().first(where: { bytes.count >= 22 && signature(at: $0, 5) }) {
            fields += [(8, 2, "entries on disk"), (10, 2, "entries"), (12, 4, "directory size"), (16, 4, "directory offset"),
                       (20, 2, "comment length")].map { Field(offset: end + $0.0, width: $0.1, name: $0.2) }
        }
        return fields
    }

    /// One header field set to a hostile value: zero, all ones, off by one, doubled, huge or
    /// random. Returns what was done, or nil when the bytes have no zip headers.
    static func damageField(_ bytes: inout [UInt8], _ random: inout FuzzRandom) -> String? {
        let fields = fields(bytes)
        guard !fields.isEmpty else { return nil }
        let field = random.pick(fields)
        var value = 0
        for k in 0..<field.width { value |= Int(bytes[field.offset + k]) << (8 * k) }
        let mask = field.width == 4 ? 0xFFFF_FFFF : 0xFFFF
        let new: Int
        switch random.below(7) {
        case 0: new = 0
        case 1: new = mask
        case 2: new = value + 1
        case 3: new = value - 1
        case 4: new = value * 2
        case 5: new = field.width == 4 ? 1 << 30 : 0x8000
        default: new = Int(random.next() & UInt64(mask))
        }
        for k in 0..<field.width { bytes[field.offset + k] = UInt8(truncatingIfNeeded: (new & mask) >> (8 * k)) }
        return "\(field.name) \(value) → \(new & mask)"
    }

    /// Bytes inside an entry's compressed data changed (the CRC then no longer matches, or
    /// the deflate stream breaks).
    static func damageData(_ bytes: inout [UInt8], _ random: inout FuzzRandom) -> String? {
        let locals = fields(bytes).filter { $0.name == "local CRC" }.map { $0.offset - 14 }
        guard let header = locals.isEmpty ? nil : random.pick(locals), header + 30 <= bytes.count else { return nil }
        let name = Int(bytes[header + 26]) | Int(bytes[header + 27]) << 8, extra = Int(bytes[header + 28]) | Int(bytes[header + 29]) << 8
        let size = Int(bytes[header + 18]) | Int(bytes[header + 19]) << 8 | Int(bytes[header + 20]) << 16 | Int(bytes[header + 21]) << 24
        let start = header + 30 + name + extra
        let end = min(bytes.count, start + max(size, 1))
        guard start < end else { return nil }
        let count = random.size(upTo: 8)
        for _ in 0..<count { bytes[start + random.below(end - start)] = UInt8(truncatingIfNeeded: random.next()) }
        return "\(count) bytes of entry data at \(header) changed"
    }
}
