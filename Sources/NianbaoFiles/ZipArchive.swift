
/// A zip archive held in memory, read by nianbao itself: the central directory, then one
/// entry at a time with every offset and size checked against the bytes, the inflated size
/// bounded by the entry's declared size and a limit, and the CRC-32 checked (for stored
/// entries too). A damaged zip is an error, never a trap, a loop or a wrong byte.
public struct ZipArchive {
    struct Entry {
        /// The name as stored (UTF-8 in every Word file).
        var name: String
        var nameBytes: [UInt8]
        var flags: UInt16
        var method: UInt16
        var crc32: UInt32
        var compressedSize: Int
        var uncompressedSize: Int
        var localHeaderOffset: Int
    }

    enum Failure: Error, Equatable, CustomStringConvertible {
        /// The central directory cannot be found or read.
        case notAZip(String)
        /// An entry's declared or actual inflated size is over the limit.
        case tooLarge(name: String, bytes: Int, limit: Int)
        /// An entry's bytes cannot be trusted (offsets outside the file, bad deflate data,
        /// a CRC-32 that does not match).
        case damagedEntry(name: String, reason: String)

        var description: String {
            switch self {
            case .notAZip(let reason): return "it is not a readable zip archive (\(reason))"
            case .tooLarge(let name, let bytes, let limit):
                return "its entry \(name) unpacks to \(bytes) bytes; one report is at most \(limit >> 20) MiB"
            case .damagedEntry(let name, let reason): return "its entry \(name) is damaged: \(reason)"
            }
        }
    }

    let bytes: [UInt8]
    private(set) var entries: [Entry] = []

    init(_ bytes: [UInt8]) throws(Failure) {
        self.bytes = bytes
        // End of central directory: 22 bytes and a comment of at most 65,535.
        guard bytes.count >= 22 else { throw .notAZip("too short") }
        var eocd: Int?
        var i = bytes.count - 22
        while i >= max(0, bytes.count - 22 - 0xFFFF) {
            if u32(i) == 0x0605_4B50 { eocd = i; break }
            i -= 1
        }
        guard let eocd else { throw .notAZip("no end of central directory") }
        let count = Int(u16(eocd + 10)), size = Int(u32(eocd + 12)), offset = Int(u32(eocd + 16))
        if count == 0xFFFF || size == 0xFFFF_FFFF || offset == 0xFFFF_FFFF { throw .notAZip("ZIP64 archives are not read") }
        guard offset + size <= eocd else { throw .notAZip("the central directory lies outside the file") }
        var at = offset
        let end = offset + size
        for _ in 0..<count {
            guard at + 46 <= end, u32(at) == 0x0201_4B50 else { throw .notAZip("central directory entry \(entries.count + 1) is damaged") }
            let nameLength = Int(u16(at + 28)), extraLength = Int(u16(at + 30)), commentLength = Int(u16(at + 32))
            guard at + 46 + nameLength <= end else { throw .notAZip("central directory entry \(entries.count + 1) is cut short") }
            let nameBytes = Array(bytes[(at + 46)..<(at + 46 + nameLength)])
            entries.append(Entry(name: String(decoding: nameBytes, as: UTF8.self), nameBytes: nameBytes, flags: u16(at + 8), method: u16(at + 10),
                                 crc32: u32(at + 16), compressedSize: Int(u32(at + 20)), uncompressedSize: Int(u32(at + 24)),
                                 localHeaderOffset: Int(u32(at + 42))))
            at += 46 + nameLength + extraLength + commentLength
        }
    }

    /// The entries named `name` (a zip may hold one name twice).
    func entries(named name: String) -> [Entry] {
        let wanted = Array(name.utf8)
        return entries.filter { $0.nameBytes == wanted }
    }

    /// The entry's bytes, at most `limit` of them, their CRC-32 checked.
    func data(of entry: Entry, limit: Int) throws(Failure) -> [UInt8] {
        func damaged(_ reason: String) -> Failure { .damagedEntry(name: entry.name, reason: reason) }
        if entry.compressedSize == 0xFFFF_FFFF || entry.uncompressedSize == 0xFFFF_FFFF || entry.localHeaderOffset == 0xFFFF_FFFF {
            throw damaged("it needs ZIP64, which is not read")
        }
        if entry.uncompressedSize > limit { throw .tooLarge(name: entry.name, bytes: entry.uncompressedSize, limit: limit) }
        if entry.flags & 1 != 0 { throw damaged("it is encrypted") }
        // The local header, then the data; the central directory's sizes are the ones to trust
        // (with a data descriptor the local header's are zero).
        let header = entry.localHeaderOffset
        guard header + 30 <= bytes.count, u32(header) == 0x0403_4B50 else { throw damaged("its local header offset \(header) does not point at a local header") }
        let start = header + 30 + Int(u16(header + 26)) + Int(u16(header + 28))
        guard start + entry.compressedSize <= bytes.count else { throw damaged("its data runs past the end of the file") }
        let compressed = bytes[start..<(start + entry.compressedSize)]
        let out: [UInt8]
        switch entry.method {
        case 0:
            guard entry.compressedSize == entry.uncompressedSize else { throw damaged("a stored entry whose two sizes differ") }
            out = Array(compressed)
        case 8:
            do { out = try Deflate.inflate(compressed, size: entry.uncompressedSize) } catch { throw damaged(error.reason) }
        default:
            throw damaged("compression method \(entry.method) is not read (only stored and deflate)")
        }
        let crc = Deflate.crc32(out)
        guard crc == entry.crc32 else { throw damaged("its CRC-32 does not match (\(String(crc, radix: 16)) ≠ \(String(entry.crc32, radix: 16)))") }
        return out
    }

    private func u16(_ at: Int) -> UInt16 { UInt16(bytes[at]) | UInt16(bytes[at + 1]) << 8 }
    private func u32(_ at: Int) -> UInt32 { UInt32(u16(at)) | UInt32(u16(at + 2)) << 16 }
}

extension ZipArchive {
    /// The bytes of the one entry named `name` in the zip `bytes`, at most `limit` of them; nil
    /// when the bytes are no zip, the entry is missing, there twice, too large or damaged. For a
    /// look inside a package (an OFD's OFD.xml) where anything but the entry is no answer.
    public static func entry(named name: String, in bytes: [UInt8], limit: Int) -> [UInt8]? {
        guard let archive = try? ZipArchive(bytes) else { return nil }
        let found = archive.entries(named: name)
        guard found.count == 1 else { return nil }
        return try? archive.data(of: found[0], limit: limit)
    }
}
