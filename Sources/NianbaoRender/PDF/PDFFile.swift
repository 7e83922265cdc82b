import CLibDeflate
import Foundation

/// A PDF file being written object by object: numbers are reserved first (so objects can
/// point forward), bodies are appended in any order, and `finish` adds the cross-reference
/// section and trailer. Small dictionaries that come by the hundred (structure elements)
/// can be packed into compressed object streams; the cross-reference section is then a
/// stream too (PDF 1.5+), since a table cannot point into an object stream.
struct PDFFile: ~Copyable {
    private(set) var out = PDFBytes(capacity: 256 * 1024)
    private enum Location {
        case reserved
        case offset(Int)
        /// Object `index` of the object stream numbered `stream`.
        case packed(stream: Int, index: Int)
    }
    private var locations: [Location] = []
    /// Packed objects not yet written into an object stream: their numbers and offsets
    /// in `pendingBytes`.
    private var pending: [(number: Int, offset: Int)] = []
    private var pendingBytes = PDFBytes(capacity: 32 * 1024)
    private var packedAny = false
    private let deflate = Deflate()
    /// Objects per object stream: enough to compress well, few enough to read quickly.
    private static let perStream = 400

    init() {
        out.raw("%PDF-1.7\n%")
        out.append([0xE2, 0xE3, 0xCF, 0xD3, 0x0A])
    }

    /// A new object number.
    mutating func reserve() -> Int {
        locations.append(.reserved)
        return locations.count
    }

    /// Writes object `number` whose dictionary (or other value) `body` writes.
    mutating func object(_ number: Int, _ body: (inout PDFBytes) -> Void) {
        begin(number)
        body(&out)
        out.raw("\nendobj\n")
    }

    /// Writes object `number` (a dictionary, never a stream) into an object stream.
    mutating func packedObject(_ number: Int, _ body: (inout PDFBytes) -> Void) {
        pending.append((number, pendingBytes.count))
        body(&pendingBytes)
        pendingBytes.byte(0x0A)
        packedAny = true
        if pending.count >= Self.perStream { flushPacked() }
    }

    /// Writes a stream object, compressed; `dictionary` writes extra entries.
    mutating func stream(_ number: Int, _ data: [UInt8], compress: Bool = true, dictionary: (inout PDFBytes) -> Void = { _ in }) {
        data.withUnsafeBytes { stream(number, $0, compress: compress, dictionary: dictionary) }
    }

    /// Writes a stream object from bytes another buffer holds (a page's content), without a copy.
    mutating func stream(_ number: Int, _ data: UnsafeRawBufferPointer, compress: Bool = true, dictionary: (inout PDFBytes) -> Void = { _ in }) {
        if compress {
            deflate.compress(data) { body in write(number, body, filter: true, dictionary: dictionary) }
        } else {
            write(number, data, filter: false, dictionary: dictionary)
        }
    }

    private mutating func write(_ number: Int, _ body: UnsafeRawBufferPointer, filter: Bool, dictionary: (inout PDFBytes) -> Void) {
        begin(number)
        out.raw("<<")
        dictionary(&out)
        if filter { out.raw("/Filter/FlateDecode") }
        out.raw("/Length ")
        out.int(body.count)
        out.raw(">>\nstream\n")
        out.append(body)
        out.raw("\nendstream\nendobj\n")
    }

    private mutating func begin(_ number: Int) {
        locations[number - 1] = .offset(out.count)
        out.int(number)
        out.raw(" 0 obj\n")
    }

    /// The pending packed objects as one object stream.
    private mutating func flushPacked() {
        guard !pending.isEmpty else { return }
        let number = reserve()
        var header = PDFBytes(capacity: pending.count * 12)
        for (index, object) in pending.enumerated() {
            header.int(object.number)
            header.byte(0x20)
            header.int(object.offset)
            header.byte(0x20)
            locations[object.number - 1] = .packed(stream: number, index: index)
        }
        let first = header.count
        let count = pending.count
        pendingBytes.withBytes { header.append($0) }
        pending.removeAll(keepingCapacity: true)
        pendingBytes.removeAll()
        header.withBytes {
            stream(number, UnsafeRawBufferPointer($0)) { out in
                out.raw("/Type/ObjStm/N ")
                out.int(count)
                out.raw("/First ")
                out.int(first)
            }
        }
    }

    /// The finished file: cross-reference section and trailer naming `root` and `info`, and
    /// a document ID made from the file's bytes (the same input gives the same ID). The
    /// result takes over the file's buffer.
    mutating func finish(root: Int, info: Int) -> Data {
        flushPacked()
        let id = out.withBytes { Self.identifier($0) }
        if packedAny { return finishWithStream(root: root, info: info, id: id) }
        precondition(!locations.contains { if case .reserved = $0 { true } else { false } }, "a reserved PDF object was never written")
        let xref = out.count
        out.raw("xref\n0 ")
        out.int(locations.count + 1)
        out.raw("\n0000000000 65535 f \n")
        for case let .offset(offset) in locations {
            let digits = String(offset)
            out.string(String(repeating: "0", count: max(0, 10 - digits.count)) + digits)
            out.raw(" 00000 n \n")
        }
        out.raw("trailer\n<</Size ")
        out.int(locations.count + 1)
        trailerEntries(root: root, info: info, id: id)
        out.raw(">>\nstartxref\n")
        out.int(xref)
        out.raw("\n%%EOF\n")
        return out.takeData()
    }

    /// A cross-reference stream (ISO 32000-1 §7.5.8): rows of type, field 2, field 3 in
    /// 1 + 4 + 2 bytes.
    private mutating func finishWithStream(root: Int, info: Int, id: [UInt8]) -> Data {
        let number = reserve()
        locations[number - 1] = .offset(out.count)
        var rows: [UInt8] = [0, 0, 0, 0, 0, 0xFF, 0xFF]
        rows.reserveCapacity(7 * (locations.count + 1))
        func row(_ type: UInt8, _ a: Int, _ b: Int) {
            rows.append(type)
            rows.append(UInt8(truncatingIfNeeded: a >> 24))
            rows.append(UInt8(truncatingIfNeeded: a >> 16))
            rows.append(UInt8(truncatingIfNeeded: a >> 8))
            rows.append(UInt8(truncatingIfNeeded: a))
            rows.append(UInt8(truncatingIfNeeded: b >> 8))
            rows.append(UInt8(truncatingIfNeeded: b))
        }
        for location in locations {
            switch location {
            case .reserved: preconditionFailure("a reserved PDF object was never written")
            case .offset(let offset): row(1, offset, 0)
            case let .packed(stream, index): row(2, stream, index)
            }
        }
        let xref = out.count
        let size = locations.count + 1
        stream(number, rows) { out in
            out.raw("/Type/XRef/Size ")
            out.int(size)
            out.raw("/W[1 4 2]")
            Self.trailerEntries(root: root, info: info, id: id, into: &out)
        }
        out.raw("startxref\n")
        out.int(xref)
        out.raw("\n%%EOF\n")
        return out.takeData()
    }

    private mutating func trailerEntries(root: Int, info: Int, id: [UInt8]) {
        Self.trailerEntries(root: root, info: info, id: id, into: &out)
    }

    private static func trailerEntries(root: Int, info: Int, id: [UInt8], into out: inout PDFBytes) {
        out.raw("/Root ")
        out.ref(root)
        out.raw("/Info ")
        out.ref(info)
        // The two halves of the ID are equal: the file is written once, never updated.
        out.raw("/ID[<")
        for byte in id { out.hexByte(byte) }
        out.raw("><")
        for byte in id { out.hexByte(byte) }
        out.raw(">]")
    }

    /// 16 bytes from the file's content (libdeflate's CRC-32 and Adler-32 of the whole and of
    /// each half): the same bytes, the same ID, at memory speed. The whole's CRC goes on from
    /// the first half's (CRC-32 is computed incrementally), so the file is read for it 1.5 times, not 2.
    private static func identifier(_ all: UnsafeBufferPointer<UInt8>) -> [UInt8] {
        let half = all.count / 2
        let second = all.baseAddress.map { $0 + half }
        let firstHalf = libdeflate_crc32(0, all.baseAddress, half)
        let sums = [libdeflate_crc32(firstHalf, second, all.count - half), libdeflate_adler32(1, all.baseAddress, all.count),
                    firstHalf, libdeflate_crc32(0, second, all.count - half)]
        return sums.flatMap { sum in [24, 16, 8, 0].map { UInt8(truncatingIfNeeded: sum >> $0) } }
    }
}

extension PDFBytes {
    /// `n 0 R`
    mutating func ref(_ number: Int) {
        int(number)
        raw(" 0 R")
    }

    /// Two hexadecimal digits.
    mutating func hexByte(_ value: UInt8) {
        let digits: [UInt8] = Array("0123456789ABCDEF".utf8)
        byte(digits[Int(value >> 4)])
        byte(digits[Int(value & 0x0F)])
    }
}
