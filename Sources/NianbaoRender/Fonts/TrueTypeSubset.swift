/// A TrueType font program holding only the glyphs one document uses, renumbered 0…n-1 in
/// the order of their original indices, with the tables PDF asks of an embedded TrueType
/// font (ISO 32000 §9.9: head, hhea, maxp, loca, glyf, hmtx, and cvt/fpgm/prep when present).
/// The result depends only on the face and the glyph set, so PDFs stay byte-identical.
struct TrueTypeSubset {
    /// Original glyph indices, ascending, glyph 0 (.notdef) first; then the copies asked for.
    let glyphs: [Int]
    /// Original index → new index.
    private(set) var newIndex: GlyphMap

    /// Original glyph → new index, as an array over the face's glyphs (a dictionary's hashing
    /// was a few per cent of render: it is asked for every glyph drawn).
    struct GlyphMap {
        /// New index + 1 for each original glyph; 0 for a glyph not in the subset.
        fileprivate var slots: [Int32]

        subscript(_ glyph: Int) -> Int? {
            guard glyph >= 0, glyph < slots.count else { return nil }
            let slot = slots[glyph]
            return slot == 0 ? nil : Int(slot) - 1
        }
    }

    /// The subset of `used` glyphs plus .notdef and every component of a composite used,
    /// followed by `copies`: glyphs again under codes of their own (new indices from
    /// `glyphs.count - copies.count`), for a glyph that shows more than one text.
    init(face: TrueTypeFace, used: some Sequence<Int>, copies: [Int] = []) {
        // Marked over the face's glyphs, then read in order: ascending without a sort.
        var all = GlyphArraysPool.bool.take(face.glyphCount)
        var pending = [0]
        for glyph in used where glyph >= 0 && glyph < face.glyphCount { pending.append(glyph) }
        var count = 0
        while let glyph = pending.popLast() {
            guard !all[glyph] else { continue }
            all[glyph] = true
            count += 1
            face.forEachComponent(of: face.glyphData(glyph)) { _, component in
                if component < face.glyphCount && !all[component] { pending.append(component) }
            }
        }
        var glyphs: [Int] = []
        glyphs.reserveCapacity(count + copies.count)
        // Eight marks at a time: a document uses a few thousand of a CJK face's ~22,000 glyphs.
        all.withUnsafeBytes { marks in
            var at = 0
            while at + 8 <= marks.count {
                if marks.loadUnaligned(fromByteOffset: at, as: UInt64.self) != 0 {
                    for glyph in at..<(at + 8) where marks[glyph] != 0 { glyphs.append(glyph) }
                }
                at += 8
            }
            for glyph in at..<marks.count where marks[glyph] != 0 { glyphs.append(glyph) }
        }
        // The marks are exactly the glyphs found: cleared, the array goes back.
        GlyphArraysPool.bool.give(consume all, zeroing: glyphs)
        for glyph in copies where glyph < face.glyphCount { glyphs.append(glyph) }
        self.glyphs = glyphs
        var slots = GlyphArraysPool.int32.take(face.glyphCount)
        for (new, old) in glyphs.enumerated() where slots[old] == 0 { slots[old] = Int32(new + 1) }
        newIndex = GlyphMap(slots: slots)
    }

    /// Hands the map's array back for the next document (`GlyphArrays`), its entries (this
    /// subset's glyphs) zero again.
    consuming func recycle() {
        let slots = newIndex.slots
        newIndex.slots = []
        GlyphArraysPool.int32.give(consume slots, zeroing: glyphs)
    }

    /// The font program's bytes: the tables PDF reads.
    func program(of face: TrueTypeFace) -> [UInt8] { Self.assemble(tables(of: face)) }

    /// A table of the font program: its tag, its length, and what writes its bytes into the
    /// file (the glyphs straight from the face into the program: the largest table is copied
    /// once, not built apart and copied again).
    private struct Table {
        let tag: String
        let length: Int
        let write: (inout [UInt8]) -> Void

        init(_ tag: String, length: Int, write: @escaping (inout [UInt8]) -> Void) {
            self.tag = tag
            self.length = length
            self.write = write
        }

        init(_ tag: String, _ bytes: [UInt8]) {
            self.init(tag, length: bytes.count) { $0.append(contentsOf: bytes) }
        }

        /// Bytes `range` of the face, as they are.
        init(_ tag: String, _ range: Range<Int>, of face: TrueTypeFace) {
            self.init(tag, length: range.count) { $0.append(contentsOf: UnsafeRawBufferPointer(rebasing: face.bytes[range])) }
        }
    }

    /// A font file that stands alone (OFD embeds fonts as files): the PDF tables plus a
    /// character map for `characters` (code point → original glyph), and the face's name,
    /// OS/2 and post tables (post without glyph names, which renumbering would falsify).
    func standaloneProgram(of face: TrueTypeFace, characters: [UInt32: Int]) -> [UInt8] {
        var tables = tables(of: face)
        var mapped: [(UInt32, Int)] = []
        for (code, glyph) in characters { if let new = newIndex[glyph] { mapped.append((code, new)) } }
        tables.append(Table("cmap", Self.characterMap(mapped.sorted { $0.0 < $1.0 })))
        for tag in ["name", "OS/2"] {
            if let range = face.tables[tag] { tables.append(Table(tag, range, of: face)) }
        }
        if let range = face.tables["post"], range.count >= 32 {
            var post = [UInt8](face.bytes[range.lowerBound..<(range.lowerBound + 32)])
            post.setU32(0, 0x0003_0000)
            tables.append(Table("post", post))
        }
        tables.sort { $0.tag < $1.tag }
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

    private func tables(of face: TrueTypeFace) -> [Table] {
        let bytes = face.bytes
        // loca and hmtx first (small), from each glyph's outline length padded to 4 bytes;
        // glyf is then written straight into the program.
        var loca: [UInt8] = []
        var hmtx: [UInt8] = []
        loca.reserveCapacity(4 * (glyphs.count + 1))
        hmtx.reserveCapacity(4 * glyphs.count)
        var glyfLength = 0
        for old in glyphs {
            loca.appendU32(UInt32(glyfLength))
            glyfLength += (face.glyphData(old).count + 3) & ~3
            let metric = face.horizontalMetric(old)
            hmtx.appendU16(UInt16(clamping: metric.advance))
            hmtx.appendU16(UInt16(bitPattern: Int16(clamping: metric.lsb)))
        }
        loca.appendU32(UInt32(glyfLength))
        let glyphs = glyphs, newIndex = newIndex
        let glyf = Table("glyf", length: glyfLength) { out in
            let base = out.count
            for old in glyphs {
                let range = face.glyphData(old)
                let start = out.count
                out.append(contentsOf: UnsafeRawBufferPointer(rebasing: bytes[range]))
                face.forEachComponent(of: range) { offset, component in
                    out.setU16(start + offset - range.lowerBound, UInt16(newIndex[component] ?? 0))
                }
                while (out.count - base) % 4 != 0 { out.append(0) }
            }
        }

        var head = [UInt8](bytes[face.tables["head"]!])
        head.setU32(8, 0)  // checkSumAdjustment, set below
        head.setU16(50, 1)  // long loca
        var hhea = [UInt8](bytes[face.tables["hhea"]!])
        hhea.setU16(34, UInt16(glyphs.count))
        var maxp = [UInt8](bytes[face.tables["maxp"]!])
        maxp.setU16(4, UInt16(glyphs.count))
        var tables: [Table] = [glyf, Table("head", head), Table("hhea", hhea), Table("hmtx", hmtx), Table("loca", loca), Table("maxp", maxp)]
        for tag in ["cvt ", "fpgm", "prep"] {
            if let range = face.tables[tag] { tables.append(Table(tag, range, of: face)) }
        }
        tables.sort { $0.tag < $1.tag }
        return tables
    }

    /// An sfnt file from its tables (sorted by tag), with checksums and head's adjustment,
    /// each table written once into the file.
    private static func assemble(_ tables: [Table]) -> [UInt8] {
        var out: [UInt8] = []
        out.reserveCapacity(12 + 16 * tables.count + tables.reduce(0) { $0 + ($1.length + 3) & ~3 })
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
        for table in tables {
            out.append(contentsOf: Array(table.tag.utf8))
            out.appendU32(0)  // checksum, once the table is written
            out.appendU32(UInt32(offset))
            out.appendU32(UInt32(table.length))
            if table.tag == "head" { headOffset = offset }
            offset += (table.length + 3) & ~3
        }
        for (i, table) in tables.enumerated() {
            let start = out.count
            table.write(&out)
            precondition(out.count - start == table.length, "font table \(table.tag): \(out.count - start) bytes written, \(table.length) announced")
            out.setU32(12 + 16 * i + 4, checksum(out[start...]))
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
