#if canImport(Glibc)
import Glibc
#endif
import Foundation
import NianbaoFiles

/// A zip of reports read in place from its file: the central directory once, then one entry
/// at a time by `pread`, never the whole archive in memory. Every entry of the central
/// directory is listed, including those a general zip library stops at or skips (a symlink, a
/// local header offset past the end of the file), so each can get its own index row; reading
/// an entry checks every offset and size against the file, bounds the bytes unpacked and
/// checks the CRC-32 (of stored entries too).
final class BatchZip {
    struct Entry: Sendable {
        /// Position in the central directory, from 0: how an item finds its entry again.
        var number: Int
        var nameBytes: [UInt8]
        var flags: UInt16
        var method: UInt16
        var crc32: UInt32
        var compressedSize: UInt64
        var uncompressedSize: UInt64
        var localHeaderOffset: UInt64
        var versionMadeBy: UInt16
        var externalAttributes: UInt32

        /// Unix mode bits, when the zip was made on Unix.
        private var unixMode: UInt32? { versionMadeBy >> 8 == 3 ? externalAttributes >> 16 : nil }
        var isSymlink: Bool { unixMode.map { $0 & 0o170000 == 0o120000 } ?? false }
        var isDirectory: Bool {
            nameBytes.last == 0x2F || unixMode.map { $0 & 0o170000 == 0o040000 } ?? false || externalAttributes & 0x10 != 0
        }
        /// What `--resume` compares with a record: the size and CRC-32 the directory declares.
        var identity: String { "\(uncompressedSize):\(String(crc32, radix: 16))" }
    }

    /// Why a zip or one of its entries cannot be read.
    enum Failure: Error, Equatable, CustomStringConvertible {
        /// Not a zip, or its central directory cannot be read: no entry can be listed.
        case notAZip(zip: String, reason: String)
        /// The file could not be opened or read (errno).
        case unreadable(zip: String, errno: Int32)
        case tooLarge(limit: Int)
        case damaged(reason: String)
        case crcMismatch

        var description: String {
            switch self {
            case .notAZip(let zip, let reason): return "\(zip): not a folder or a readable zip archive (\(reason))"
            case .unreadable(let zip, let code): return "\(zip): cannot be read (\(String(cString: strerror(code))))"
            case .tooLarge(let limit): return "larger than \(limit >> 20) MiB: not a report"
            case .damaged(let reason): return "the zip entry cannot be unpacked (\(reason)): not read"
            case .crcMismatch: return "the zip entry is damaged (its CRC-32 does not match): not read"
            }
        }
    }

    let path: String
    private let fd: Int32
    let fileSize: UInt64
    private(set) var entries: [Entry] = []

    init(_ path: String) throws(Failure) {
        self.path = path
        fd = open(path, O_RDONLY | O_CLOEXEC)
        guard fd >= 0 else { throw .unreadable(zip: path, errno: errno) }
        var info = stat()
        guard fstat(fd, &info) == 0 else { let code = errno; close(fd); throw .unreadable(zip: path, errno: code) }
        fileSize = UInt64(info.st_size)
        do {
            entries = try readDirectory()
        } catch {
            close(fd)
            throw error
        }
    }

    deinit { close(fd) }

    /// `count` bytes at `offset`, or nil when the file ends before them.
    private func bytes(at offset: UInt64, count: Int) throws(Failure) -> [UInt8]? {
        guard count >= 0, offset <= fileSize, UInt64(count) <= fileSize - offset else { return nil }
        var out = [UInt8](repeating: 0, count: count)
        var done = 0
        while done < count {
            let n = out.withUnsafeMutableBytes { pread(fd, $0.baseAddress! + done, count - done, off_t(offset) + off_t(done)) }
            if n < 0 { if errno == EINTR { continue }; throw .unreadable(zip: path, errno: errno) }
            if n == 0 { return nil }  // the file shrank under us
            done += n
        }
        return out
    }

    private func readDirectory() throws(Failure) -> [Entry] {
        func fail(_ reason: String) -> Failure { .notAZip(zip: path, reason: reason) }
        // End of central directory: 22 bytes and a comment of at most 65,535.
        guard fileSize >= 22 else { throw fail("too short") }
        let tailLength = Int(min(fileSize, 22 + 0xFFFF))
        guard let tail = try bytes(at: fileSize - UInt64(tailLength), count: tailLength) else { throw fail("cut short") }
        var found: Int?
        var i = tail.count - 22
        while i >= 0 {
            if u32(tail, i) == 0x0605_4B50 { found = i; break }
            i -= 1
        }
        guard let eocd = found else { throw fail("no end of central directory") }
        var count = UInt64(u16(tail, eocd + 10)), size = UInt64(u32(tail, eocd + 12)), offset = UInt64(u32(tail, eocd + 16))
        if count == 0xFFFF || size == 0xFFFF_FFFF || offset == 0xFFFF_FFFF {
            // ZIP64: the locator just before the end record points at the ZIP64 end record.
            let eocdOffset = fileSize - UInt64(tailLength) + UInt64(eocd)
            if eocdOffset >= 20, let locator = try bytes(at: eocdOffset - 20, count: 20), u32(locator, 0) == 0x0706_4B50,
               let record = try bytes(at: u64(locator, 8), count: 56), u32(record, 0) == 0x0606_4B50 {
                count = u64(record, 32); size = u64(record, 40); offset = u64(record, 48)
            } else if size == 0xFFFF_FFFF || offset == 0xFFFF_FFFF {
                throw fail("its ZIP64 end of central directory cannot be found")
            }  // else exactly 65,535 entries without ZIP64
        }
        guard offset <= fileSize, size <= fileSize - offset else { throw fail("the central directory lies outside the file") }
        // 46 bytes an entry at least: a count the directory cannot hold is a lie, not a reason to allocate.
        guard count <= size / 46 else { throw fail("it declares \(count) entries, more than its central directory of \(size) bytes can hold") }
        guard let directory = try bytes(at: offset, count: Int(size)) else { throw fail("the central directory is cut short") }
        var out: [Entry] = []
        out.reserveCapacity(Int(count))
        var at = 0
        for number in 0..<Int(count) {
            guard at + 46 <= directory.count, u32(directory, at) == 0x0201_4B50 else {
                throw fail("central directory entry \(number + 1) of \(count) is damaged")
            }
            let nameLength = Int(u16(directory, at + 28)), extraLength = Int(u16(directory, at + 30)), commentLength = Int(u16(directory, at + 32))
            guard at + 46 + nameLength + extraLength <= directory.count else { throw fail("central directory entry \(number + 1) of \(count) is cut short") }
            var entry = Entry(number: number, nameBytes: Array(directory[(at + 46)..<(at + 46 + nameLength)]), flags: u16(directory, at + 8),
                              method: u16(directory, at + 10), crc32: u32(directory, at + 16), compressedSize: UInt64(u32(directory, at + 20)),
                              uncompressedSize: UInt64(u32(directory, at + 24)), localHeaderOffset: UInt64(u32(directory, at + 42)),
                              versionMadeBy: u16(directory, at + 4), externalAttributes: u32(directory, at + 38))
            Self.applyZip64(&entry, extra: directory[(at + 46 + nameLength)..<(at + 46 + nameLength + extraLength)])
            out.append(entry)
            at += 46 + nameLength + extraLength + commentLength
        }
        return out
    }

    /// The ZIP64 extra field (0x0001) holds, in order, each of the three values that is 0xFFFFFFFF above.
    private static func applyZip64(_ entry: inout Entry, extra: ArraySlice<UInt8>) {
        let bytes = Array(extra)
        var at = 0
        while at + 4 <= bytes.count {
            let id = u16(bytes, at), length = Int(u16(bytes, at + 2))
            guard at + 4 + length <= bytes.count else { return }
            if id == 0x0001 {
                var field = at + 4
                let end = at + 4 + length
                func next(_ value: inout UInt64) {
                    guard value == 0xFFFF_FFFF, field + 8 <= end else { return }
                    value = u64(bytes, field)
                    field += 8
                }
                next(&entry.uncompressedSize)
                next(&entry.compressedSize)
                next(&entry.localHeaderOffset)
                return
            }
            at += 4 + length
        }
    }

    /// Why `entry` cannot be read, seen from the directory alone (nil: try it).
    func problem(_ entry: Entry) -> String? {
        if entry.localHeaderOffset >= fileSize || fileSize - entry.localHeaderOffset < 30 {
            return "its local header offset \(entry.localHeaderOffset) points past the end of the zip (\(fileSize) bytes)"
        }
        return nil
    }

    /// The entry's bytes, at most `limit` of them, their CRC-32 checked.
    func data(of entry: Entry, limit: Int) throws(Failure) -> [UInt8] {
        if entry.uncompressedSize > UInt64(limit) { throw .tooLarge(limit: limit) }
        if entry.flags & 1 != 0 { throw .damaged(reason: "it is encrypted") }
        if let problem = problem(entry) { throw .damaged(reason: problem) }
        guard let header = try bytes(at: entry.localHeaderOffset, count: 30), u32(header, 0) == 0x0403_4B50 else {
            throw .damaged(reason: "its local header offset \(entry.localHeaderOffset) does not point at a local header")
        }
        let start = entry.localHeaderOffset + 30 + UInt64(u16(header, 26)) + UInt64(u16(header, 28))
        // Deflate can grow incompressible data a little; more than that is not a report's entry.
        guard entry.compressedSize <= UInt64(limit) + UInt64(limit >> 6) + 1024 else { throw .tooLarge(limit: limit) }
        guard let compressed = try bytes(at: start, count: Int(entry.compressedSize)) else {
            throw .damaged(reason: "its data runs past the end of the zip")
        }
        let size = Int(entry.uncompressedSize)
        let out: [UInt8]
        switch entry.method {
        case 0:
            guard entry.compressedSize == entry.uncompressedSize else { throw .damaged(reason: "a stored entry whose two sizes differ") }
            out = compressed
        case 8:
            do { out = try Deflate.inflate(compressed, size: size) } catch { throw .damaged(reason: error.reason) }
        default:
            throw .damaged(reason: "compression method \(entry.method) is not read, only stored and deflate")
        }
        guard Deflate.crc32(out) == entry.crc32 else { throw .crcMismatch }
        return out
    }

    private static func u16(_ b: [UInt8], _ at: Int) -> UInt16 { UInt16(b[at]) | UInt16(b[at + 1]) << 8 }
    private static func u32(_ b: [UInt8], _ at: Int) -> UInt32 { UInt32(u16(b, at)) | UInt32(u16(b, at + 2)) << 16 }
    private static func u64(_ b: [UInt8], _ at: Int) -> UInt64 { UInt64(u32(b, at)) | UInt64(u32(b, at + 4)) << 32 }
    private func u16(_ b: [UInt8], _ at: Int) -> UInt16 { Self.u16(b, at) }
    private func u32(_ b: [UInt8], _ at: Int) -> UInt32 { Self.u32(b, at) }
    private func u64(_ b: [UInt8], _ at: Int) -> UInt64 { Self.u64(b, at) }
}
