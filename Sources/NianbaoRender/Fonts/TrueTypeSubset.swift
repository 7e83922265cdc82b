/// A TrueType font program holding only the glyphs one document uses, renumbered 0…n-1 in
/// the order of their original indices, with the tables PDF asks of an embedded TrueType
/// font (ISO 32000 §9.9: head, hhea, maxp, loca, glyf, hmtx, and cvt/fpgm/prep when present).
/// The result depends only on the face and the glyph set, so PDFs stay byte-identical.
struct TrueTypeSubset {
    /// Original glyph indices, ascending, glyph 0 (.notdef) first; then the copies asked for.
    let glyphs: [Int]
    /// Original index → new index.
    let newIndex: [Int: Int]

    /// The subset of `used` glyphs plus .notdef and every component of a composite used,
    /// followed by `copies`: glyphs again under codes of their own (new indices from
    /// `glyphs.count - copies.count`), for a glyph that shows more than one text.
    init(face: TrueTypeFace, used: Set<Int>, copies: [Int] = []) {
        var all: Set<Int> = []
        var pending = [0] + used.filter { $0 < face.glyphCount }
        while let glyph = pending.popLast() {
            guard all.insert(glyph).inserted else { continue }
            for component in face.components(glyph) where !all.contains(component.glyph) && component.glyph < face.glyphCount {
                pending.append(component.glyph)
            }
        }
        glyphs = all.sorted() + copies.filter { $0 < face.glyphCount }
        var map: [Int: Int] = [:]
        for (new, old) in glyphs.enumerated() where map[old] == nil { map[old] = new }
        newIndex = map
    }

    /// The font program's bytes: the tables PDF reads.
    func program(of face: TrueTypeFace) -> [UInt8] { Self.assemble(tables(of: face)) }

    /// A font file that stands alone (OFD embeds fonts as files): the PDF tables plus a
    /// character map for `characters` (code point → original glyph), and the face's name,
    /// OS/2 and post tables (post without glyph names, which renumbering would falsify).
    func standaloneProgram(of face: TrueTypeFace, characters: [UInt32: Int]) -> [UInt8] {
        var tables = tables(of: face)
        var mapped: [(UInt32, Int)] = []
        for (code, glyph) in characters { if let new = newIndex[glyph] { mapped.append((code, new)) } }
        tables.append(("cmap", Self.characterMap(mapped.sorted { $0.0 < $1.0 })))
        for tag in ["name", "OS/2"] {
            if let range = face.tables[tag] { tables.append((tag, [UInt8](face.bytes[range]))) }
        }
        if let range = face.tables["post"], range.count >= 32 {
            var post = [UInt8](face.bytes[range.lowerBound..<(range.lowerBound + 32)])
            post.setU32(0, 0x0003_0000)
            tables.append(("post", post))
        }
        tables.sort { $0.0 < $1.0 }
        return Self.assemble(tables)
    }

    /// A cmap with a format 4 subtable (Windows BMP) and a format 12 one (Windows full
    /// repertoire), one segment or group per character.
    private static func characterMap(_ pairs: [(code: UInt32, glyph: Int)]) -> [UInt8] {
        let bmp = pairs.filter { $0.code < 0xFFFF }
        var format4: [UInt8] = []
        let segments = bmp.count + 1
        var power = 1, log = 0
        while power * 2 <= segments { power *= 2; log += 1 }
        format4.appendU16(4)
        format4.appendU16(UInt16(16 + 8 * segments))
        format4.appendU16(0)
        format4.appendU16(UInt16(2 * segments))
        format4.appendU16(UInt16(2 * power))
        format4.appendU16(UInt16(log))
        format4.appendU16(UInt16(2 * segments - 2 * power))
        for pair in bmp { format4.appendU16(UInt16(pair.code)) }  // end codes
        format4.appendU16(0xFFFF)
        format4.appendU16(0)  // reserved pad
        for pair in bmp { format4.appendU16(UInt16(pair.code)) }  // start codes
        format4.appendU16(0xFFFF)
        for pair in bmp { format4.appendU16(UInt16(truncatingIfNeeded: pair.glyph - Int(pair.code))) }  // deltas
        format4.appendU16(1)
        for _ in 0..<segments { format4.appendU16(0) }  // range offsets
        var format12: [UInt8] = []
        format12.appendU16(12)
        format12.appendU16(0)
        format12.appendU32(UInt32(16 + 12 * pairs.count))
        format12.appendU32(0)
        format12.appendU32(UInt32(pairs.count))
        for pair in pairs {
            format12.appendU32(pair.code)
            format12.appendU32(pair.code)
            format12.appendU32(UInt32(pair.glyph))
        }
        var cmap: [UInt8] = []
        cmap.appendU16(0)
        cmap.appendU16(2)
        cmap.appendU16(3); cmap.appendU16(1); cmap.appendU32(UInt32(4 + 16))
        cmap.appendU16(3); cmap.appendU16(10); cmap.appendU32(UInt32(4 + 16 + format4.count))
        return cmap + format4 + format12
    }

    private func tables(of face: TrueTypeFace) -> [(String, [UInt8])] {
        let bytes = face.bytes
        var glyf: [UInt8] = []
        var loca: [UInt8] = []
        var hmtx: [UInt8] = []
        glyf.reserveCapacity(glyphs.reduce(0) { $0 + face.glyphData($1).count + 3 })
        loca.reserveCapacity(4 * (glyphs.count + 1))
        hmtx.reserveCapacity(4 * glyphs.count)
        for old in glyphs {
            loca.appendU32(UInt32(glyf.count))
            let range = face.glyphData(old)
            let start = glyf.count
            glyf.append(contentsOf: UnsafeRawBufferPointer(rebasing: bytes[range]))
            for component in face.components(old) {
                glyf.setU16(start + component.offset - range.lowerBound, UInt16(newIndex[component.glyph] ?? 0))
            }
            while glyf.count % 4 != 0 { glyf.append(0) }
            let metric = face.horizontalMetric(old)
            hmtx.appendU16(UInt16(clamping: metric.advance))
            hmtx.appendU16(UInt16(bitPattern: Int16(clamping: metric.lsb)))
        }
        loca.appendU32(UInt32(glyf.count))

        var head = [UInt8](bytes[face.tables["head"]!])
        head.setU32(8, 0)  // checkSumAdjustment, set below
        head.setU16(50, 1)  // long loca
        var hhea = [UInt8](bytes[face.tables["hhea"]!])
        hhea.setU16(34, UInt16(glyphs.count))
        var maxp = [UInt8](bytes[face.tables["maxp"]!])
        maxp.setU16(4, UInt16(glyphs.count))
        var tables: [(String, [UInt8])] = [("glyf", glyf), ("head", head), ("hhea", hhea), ("hmtx", hmtx), ("loca", loca), ("maxp", maxp)]
        for tag in ["cvt ", "fpgm", "prep"] {
            if let range = face.tables[tag] { tables.append((tag, [UInt8](bytes[range]))) }
        }
        tables.sort { $0.0 < $1.0 }
        return tables
    }

    /// An sfnt file from its tables (sorted by tag), with checksums and head's adjustment.
    private static func assemble(_ tables: [(String, [UInt8])]) -> [UInt8] {
        var out: [UInt8] = []
        out.reserveCapacity(12 + 16 * tables.count + tables.reduce(0) { $0 + $1.1.count + 3 })
        let count = tables.count
        var power = 1, log = 0
        while power * 2 <= count { power *= 2; log += 1 }
        out.appendU32(0x0001_0000)
        out.appendU16(UInt16(count))
        out.appendU16(UInt16(16 * power))
        out.appendU16(UInt16(log))
        out.appendU16(UInt16(16 * count - 16 * power))
        var offset = 12 + 16 * count
        var headOffset = 0
        for (tag, data) in tables {
            out.append(contentsOf: Array(tag.utf8))
            out.appendU32(checksum(data[...]))
            out.appendU32(UInt32(offset))
            out.appendU32(UInt32(data.count))
            if tag == "head" { headOffset = offset }
            offset += (data.count + 3) & ~3
        }
        for (_, data) in tables {
            out.append(contentsOf: data)
            while out.count % 4 != 0 { out.append(0) }
        }
        if headOffset > 0 { out.setU32(headOffset + 8, 0xB1B0_AFBA &- checksum(out[...])) }
        return out
    }

    /// The sum of big-endian 32-bit words (the last padded with zeros), read four bytes at a
    /// time from the buffer (byte by byte through the slice, it was 2 % of render).
    private static func checksum(_ data: ArraySlice<UInt8>) -> UInt32 {
        data.withUnsafeBytes { raw in
            var sum: UInt32 = 0
            let words = raw.count / 4
            for w in 0..<words { sum &+= UInt32(bigEndian: raw.loadUnaligned(fromByteOffset: 4 * w, as: UInt32.self)) }
            var shift: UInt32 = 24
            for i in (4 * words)..<raw.count { sum &+= UInt32(raw[i]) << shift; shift -= 8 }
            return sum
        }
    }
}
