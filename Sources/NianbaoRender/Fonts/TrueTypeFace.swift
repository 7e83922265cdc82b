import Foundation

/// Why a face cannot be embedded by nianbao's own PDF writer (the Cairo writer takes over).
struct UnsupportedFace: Error, CustomStringConvertible {
    let file: String
    let reason: String
    var description: String { "\(file): \(reason)" }
}

/// One face of a TrueType-outline font file (`.ttf`, or a face of a `.ttc`), read once:
/// what embedding a subset needs — the tables, each glyph's outline bytes, advances, and the
/// descriptor figures. Faces with CFF outlines are not read here (`UnsupportedFace`).
final class TrueTypeFace: @unchecked Sendable {  // `bytes` is read-only memory, never written
    let file: String
    /// The file, mapped into memory rather than read: a process touches only the pages of
    /// the glyphs it embeds (the prepared faces are 7–9 MB each).
    let bytes: UnsafeRawBufferPointer
    private let mapping: MappedFile
    /// Table tag → byte range in `bytes`.
    let tables: [String: Range<Int>]
    let glyphCount: Int
    let unitsPerEm: Int
    let postScriptName: String
    /// Descriptor figures in font units.
    let bbox: (Int, Int, Int, Int)
    let ascent: Int, descent: Int, capHeight: Int
    let italicAngle: Double
    let fixedPitch: Bool
    /// The tables read for every glyph, kept apart from `tables` to spare a lookup each time.
    private let loca: Range<Int>, glyf: Range<Int>, hmtx: Range<Int>
    private let longLoca: Bool
    private let horizontalMetrics: Int

    init(file: String, index: Int) throws {
        self.file = file
        guard let mapping = MappedFile(path: file) else { throw UnsupportedFace(file: file, reason: "cannot be read") }
        self.mapping = mapping
        let bytes = mapping.bytes
        self.bytes = bytes
        func fail(_ reason: String) -> UnsupportedFace { UnsupportedFace(file: file, reason: reason) }
        guard bytes.count >= 12 else { throw fail("too short for a font") }
        var start = 0
        if bytes.u32(0) == 0x7474_6366 {  // 'ttcf'
            let faces = Int(bytes.u32(8))
            guard index < faces, 12 + 4 * index + 4 <= bytes.count else { throw fail("no face \(index) in the collection") }
            start = Int(bytes.u32(12 + 4 * index))
        }
        guard start + 12 <= bytes.count else { throw fail("truncated table directory") }
        let count = Int(bytes.u16(start + 4))
        var tables: [String: Range<Int>] = [:]
        for i in 0..<count {
            let record = start + 12 + 16 * i
            guard record + 16 <= bytes.count else { throw fail("truncated table directory") }
            let tag = String(decoding: bytes[record..<(record + 4)], as: UTF8.self)
            let offset = Int(bytes.u32(record + 8)), length = Int(bytes.u32(record + 12))
            guard offset + length <= bytes.count else { throw fail("table \(tag) runs past the end") }
            tables[tag] = offset..<(offset + length)
        }
        // The fields read below lie within these lengths.
        for (tag, length) in [("head", 54), ("hhea", 36), ("maxp", 6), ("hmtx", 0)] where (tables[tag]?.count ?? -1) < length {
            throw fail(tables[tag] == nil ? "no \(tag) table" : "\(tag) table too short")
        }
        guard let glyf = tables["glyf"], let loca = tables["loca"] else { throw fail("no TrueType outlines (glyf)") }
        self.tables = tables
        self.glyf = glyf
        self.loca = loca
        hmtx = tables["hmtx"]!
        let head = tables["head"]!.lowerBound, hhea = tables["hhea"]!.lowerBound, maxp = tables["maxp"]!.lowerBound
        unitsPerEm = Int(bytes.u16(head + 18))
        bbox = (Int(bytes.i16(head + 36)), Int(bytes.i16(head + 38)), Int(bytes.i16(head + 40)), Int(bytes.i16(head + 42)))
        longLoca = bytes.i16(head + 50) == 1
        glyphCount = Int(bytes.u16(maxp + 4))
        horizontalMetrics = max(1, Int(bytes.u16(hhea + 34)))
        var ascent = Int(bytes.i16(hhea + 4)), descent = Int(bytes.i16(hhea + 6)), capHeight = ascent
        if let os2 = tables["OS/2"], os2.count >= 78 {
            ascent = Int(bytes.i16(os2.lowerBound + 68))
            descent = Int(bytes.i16(os2.lowerBound + 70))
            if bytes.u16(os2.lowerBound) >= 2, os2.count >= 90 { capHeight = Int(bytes.i16(os2.lowerBound + 88)) }
        }
        self.ascent = ascent
        self.descent = descent
        self.capHeight = capHeight
        if let post = tables["post"], post.count >= 16 {
            italicAngle = Double(bytes.i32(post.lowerBound + 4)) / 65536
            fixedPitch = bytes.u32(post.lowerBound + 12) != 0
        } else {
            italicAngle = 0
            fixedPitch = false
        }
        postScriptName = Self.postScriptName(bytes, tables["name"]) ?? URL(fileURLWithPath: file).deletingPathExtension().lastPathComponent
        let needed = (glyphCount + 1) * (longLoca ? 4 : 2)
        guard loca.count >= needed else { throw fail("loca table too short for \(glyphCount) glyphs") }
        guard hmtx.count >= 4 * horizontalMetrics else { throw fail("hmtx table too short") }
    }

    /// The outline bytes of a glyph (empty for a blank glyph such as the space).
    func glyphData(_ glyph: Int) -> Range<Int> {
        guard glyph < glyphCount else { return 0..<0 }
        let at = loca.lowerBound
        let a: Int, b: Int
        if longLoca {
            a = Int(bytes.u32(at + 4 * glyph)); b = Int(bytes.u32(at + 4 * glyph + 4))
        } else {
            a = 2 * Int(bytes.u16(at + 2 * glyph)); b = 2 * Int(bytes.u16(at + 2 * glyph + 2))
        }
        guard a <= b, glyf.lowerBound + b <= glyf.upperBound else { return 0..<0 }
        return (glyf.lowerBound + a)..<(glyf.lowerBound + b)
    }

    /// Advance width and left side bearing, in font units.
    func horizontalMetric(_ glyph: Int) -> (advance: Int, lsb: Int) {
        if glyph < horizontalMetrics {
            return (Int(bytes.u16(hmtx.lowerBound + 4 * glyph)), Int(bytes.i16(hmtx.lowerBound + 4 * glyph + 2)))
        }
        let advance = Int(bytes.u16(hmtx.lowerBound + 4 * (horizontalMetrics - 1)))
        let lsbAt = hmtx.lowerBound + 4 * horizontalMetrics + 2 * (glyph - horizontalMetrics)
        return (advance, lsbAt + 2 <= hmtx.upperBound ? Int(bytes.i16(lsbAt)) : 0)
    }

    /// Where each component glyph index sits in a composite glyph: (byte offset, glyph).
    /// Empty for a simple glyph.
    func components(_ glyph: Int) -> [(offset: Int, glyph: Int)] {
        var result: [(offset: Int, glyph: Int)] = []
        forEachComponent(of: glyphData(glyph)) { result.append(($0, $1)) }
        return result
    }

    /// Calls `body` with (byte offset, glyph) of each component of the composite glyph whose
    /// outline bytes are `range` (`glyphData`); nothing for a simple glyph. Subsetting asks
    /// this of every glyph of a document, most of them simple: no array is made.
    @inline(__always)
    func forEachComponent(of range: Range<Int>, _ body: (_ offset: Int, _ glyph: Int) -> Void) {
        guard range.count >= 10, bytes.i16(range.lowerBound) < 0 else { return }
        var at = range.lowerBound + 10
        while at + 4 <= range.upperBound {
            let flags = bytes.u16(at)
            body(at + 2, Int(bytes.u16(at + 2)))
            at += 4 + (flags & 0x0001 != 0 ? 4 : 2)  // ARG_1_AND_2_ARE_WORDS
            if flags & 0x0008 != 0 { at += 2 } else if flags & 0x0040 != 0 { at += 4 } else if flags & 0x0080 != 0 { at += 8 }
            if flags & 0x0020 == 0 { break }  // MORE_COMPONENTS
        }
    }

    private static func postScriptName(_ bytes: UnsafeRawBufferPointer, _ range: Range<Int>?) -> String? {
        guard let range, range.count >= 6 else { return nil }
        let base = range.lowerBound
        let count = Int(bytes.u16(base + 2)), strings = base + Int(bytes.u16(base + 4))
        for i in 0..<count {
            let record = base + 6 + 12 * i
            guard record + 12 <= range.upperBound else { break }
            guard bytes.u16(record + 6) == 6 else { continue }
            let platform = bytes.u16(record), length = Int(bytes.u16(record + 8)), offset = strings + Int(bytes.u16(record + 10))
            guard offset + length <= bytes.count else { continue }
            let raw = bytes[offset..<(offset + length)]
            let name: String
            if platform == 3 || platform == 0 {
                var units: [UInt16] = []
                var i = raw.startIndex
                while i + 1 < raw.endIndex { units.append(UInt16(raw[i]) << 8 | UInt16(raw[i + 1])); i += 2 }
                name = String(decoding: units, as: UTF16.self)
            } else {
                name = String(decoding: raw, as: UTF8.self)
            }
            // A PDF name may hold only printable ASCII without delimiters.
            let clean = String(name.unicodeScalars.filter { $0.value > 0x20 && $0.value < 0x7F && !"()<>[]{}/%#".unicodeScalars.contains($0) })
            if !clean.isEmpty { return clean }
        }
        return nil
    }
}

/// Big-endian reads, for a mapped font file and the tables built from it (`[UInt8]`).
extension RandomAccessCollection where Element == UInt8, Index == Int {
    @inline(__always) func u16(_ at: Int) -> UInt16 { UInt16(self[at]) << 8 | UInt16(self[at + 1]) }
    @inline(__always) func i16(_ at: Int) -> Int16 { Int16(bitPattern: u16(at)) }
    @inline(__always) func u32(_ at: Int) -> UInt32 {
        UInt32(self[at]) << 24 | UInt32(self[at + 1]) << 16 | UInt32(self[at + 2]) << 8 | UInt32(self[at + 3])
    }
    @inline(__always) func i32(_ at: Int) -> Int32 { Int32(bitPattern: u32(at)) }
}

extension [UInt8] {
    mutating func appendU16(_ v: UInt16) { append(UInt8(v >> 8)); append(UInt8(v & 0xFF)) }
    mutating func appendU32(_ v: UInt32) {
        append(UInt8(v >> 24)); append(UInt8((v >> 16) & 0xFF)); append(UInt8((v >> 8) & 0xFF)); append(UInt8(v & 0xFF))
    }
    mutating func setU16(_ at: Int, _ v: UInt16) { self[at] = UInt8(v >> 8); self[at + 1] = UInt8(v & 0xFF) }
    mutating func setU32(_ at: Int, _ v: UInt32) {
        self[at] = UInt8(v >> 24); self[at + 1] = UInt8((v >> 16) & 0xFF); self[at + 2] = UInt8((v >> 8) & 0xFF); self[at + 3] = UInt8(v & 0xFF)
    }
}

/// A file mapped read-only into memory for as long as this lives (the pages are read from
/// the file as they are touched, and shared between processes).
final class MappedFile: @unchecked Sendable {  // the memory is read-only
    let bytes: UnsafeRawBufferPointer

    init?(path: String) {
        let fd = open(path, O_RDONLY)
        guard fd >= 0 else { return nil }
        defer { close(fd) }
        var status = stat()
        guard fstat(fd, &status) == 0, status.st_size > 0 else { return nil }
        let size = Int(status.st_size)
        guard let address = mmap(nil, size, PROT_READ, MAP_PRIVATE, fd, 0), address != MAP_FAILED else { return nil }
        bytes = UnsafeRawBufferPointer(start: address, count: size)
    }

    deinit { munmap(UnsafeMutableRawPointer(mutating: bytes.baseAddress), bytes.count) }
}
