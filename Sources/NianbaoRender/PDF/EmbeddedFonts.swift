import NianbaoLayout

/// The fonts of one document: for every face drawn, the glyphs used and the text each shows
/// (for copy and search), then each written as a Type 0 font over an embedded TrueType
/// subset. Resource names (`/F1`, …) follow first use in the document, so they do not depend
/// on what the process rendered before.
struct EmbeddedFonts {
    struct Font {
        let face: TrueTypeFace
        /// The glyphs drawn, in order of first use.
        var used: [Int] = []
        /// Glyph → its position in `used` + 1 (0: not drawn), an array over the face's glyphs:
        /// this is asked for every glyph of a document, where a set's and a dictionary's
        /// hashing cost a few per cent of render.
        var slot: [Int32]
        /// The text each glyph of `used` shows where first drawn (nil: none yet).
        var texts: [String?] = []
        /// That text's bytes packed (`EmbeddedFonts.packed`; 0: none, or longer than 7 bytes),
        /// so that a glyph drawn again is checked against it without reading a String.
        var packedTexts: [UInt64] = []
        /// A glyph drawn for other texts too (.notdef for every character no font has, or
        /// one glyph for two code points) is copied under a code of its own for each, so
        /// that copying the text gives what was written: (glyph, text) in order of use.
        var copies: [(glyph: Int, text: String)] = []
        var copyIndex: [String: Int] = [:]
        var copied: Set<Int> = []
        var subset: TrueTypeSubset?
        /// The advance of each glyph of the subset (`subset.glyphs`' order), as `/W` states it:
        /// worked out once, read for `/W` and for every glyph drawn.
        var widths: [Double] = []
        var object = 0

        init(face: TrueTypeFace) {
            self.face = face
            slot = GlyphArraysPool.int32.take(face.glyphCount)
        }

        /// The text glyph `glyph` shows where first drawn.
        func text(_ glyph: Int) -> String? {
            guard glyph >= 0, glyph < slot.count, slot[glyph] != 0 else { return nil }
            return texts[Int(slot[glyph]) - 1]
        }

        /// Glyph `glyph` was drawn.
        func isUsed(_ glyph: Int) -> Bool { glyph >= 0 && glyph < slot.count && slot[glyph] != 0 }
    }

    private(set) var fonts: [Font] = []
    /// Each font's face location (`fonts`' order), searched in turn: a document has a few, and
    /// hashing a location (its file's path) for every text item cost more.
    private var locations: [FaceLocation] = []

    /// How a face of a text item is drawn: the embedded font and whether it is emboldened.
    struct Use {
        var font: Int
        var embolden: Bool
    }

    /// Records the glyphs of lines `lines` of `shaped`, their faces and the texts they show;
    /// returns how each of its faces is drawn (indexed as `ShapedText.faces`).
    mutating func use(_ shaped: ShapedText, lines: Range<Int>) throws -> [Use] {
        let uses = try shaped.faces.map { location -> Use in
            guard let location else { throw UnsupportedFace(file: "?", reason: "a font that is not from fontconfig") }
            if let known = locations.firstIndex(of: location) { return Use(font: known, embolden: location.embolden) }
            fonts.append(Font(face: try FaceCache.face(file: location.file, index: location.index)))
            locations.append(location)
            return Use(font: fonts.count - 1, embolden: location.embolden)
        }
        for index in lines where index < shaped.lines.count {
            for glyph in shaped.lines[index].glyphs { use(glyph, font: uses[glyph.face].font, of: shaped) }
        }
        return uses
    }

    private mutating func use(_ glyph: ShapedGlyph, font index: Int, of block: ShapedText) {
        let id = glyph.glyph
        // A glyph past the face's last (never from a shaper) has no slot: kept in `used`
        // as before, once, and shows no text.
        guard id >= 0, id < fonts[index].slot.count else {
            if !fonts[index].used.contains(id) { fonts[index].used.append(id) }
            return
        }
        var slot = Int(fonts[index].slot[id])
        if slot == 0 {
            fonts[index].used.append(id)
            fonts[index].texts.append(nil)
            fonts[index].packedTexts.append(0)
            slot = fonts[index].used.count
            fonts[index].slot[id] = Int32(slot)
        }
        guard !glyph.text.isEmpty else { return }
        let bytes = block.utf8[glyph.text]
        let packed = Self.packed(bytes)
        // The usual case, the glyph showing its text again, for a text of up to 7 bytes.
        if packed != 0 && fonts[index].packedTexts[slot - 1] == packed { return }
        guard let first = fonts[index].texts[slot - 1] else {
            fonts[index].texts[slot - 1] = String(decoding: bytes, as: UTF8.self)
            fonts[index].packedTexts[slot - 1] = packed
            return
        }
        // A longer text shown again: compared as bytes, no String made.
        guard !first.utf8.elementsEqual(bytes) else { return }
        let text = String(decoding: bytes, as: UTF8.self)
        let key = Self.copyKey(glyph.glyph, text)
        if fonts[index].copyIndex[key] == nil {
            fonts[index].copyIndex[key] = fonts[index].copies.count
            fonts[index].copies.append((glyph.glyph, text))
            fonts[index].copied.insert(glyph.glyph)
        }
    }

    /// Up to 7 bytes and their count in one word (0 for none or more).
    @inline(__always)
    private static func packed(_ bytes: ArraySlice<UInt8>) -> UInt64 {
        guard !bytes.isEmpty, bytes.count <= 7 else { return 0 }
        var word = UInt64(bytes.count) << 56
        var shift: UInt64 = 0
        for byte in bytes {
            word |= UInt64(byte) << shift
            shift += 8
        }
        return word
    }

    private static func copyKey(_ glyph: Int, _ text: String) -> String { "\(glyph)\u{0}\(text)" }

    /// The texts drawn with .notdef (glyph 0): characters no font has.
    var charactersWithoutGlyph: [String] {
        fonts.flatMap { font in font.isUsed(0) ? [font.text(0) ?? "?"] + font.copies.filter { $0.glyph == 0 }.map(\.text) : [] }
    }

    /// Hands the arrays over the faces' glyphs back for the next document (`GlyphArrays`),
    /// the entries written (the glyphs used) zero again; call once the document is written.
    mutating func recycle() {
        for i in fonts.indices {
            let slot = fonts[i].slot
            fonts[i].slot = []
            GlyphArraysPool.int32.give(consume slot, zeroing: fonts[i].used)
            fonts[i].subset.take()?.recycle()
        }
    }

    /// Builds the subsets; call once every glyph is recorded.
    mutating func makeSubsets() {
        for i in fonts.indices {
            let face = fonts[i].face
            let subset = TrueTypeSubset(face: face, used: fonts[i].used, copies: fonts[i].copies.map(\.glyph))
            fonts[i].widths = subset.glyphs.map { Self.thousandths(face.horizontalMetric($0).advance, face) }
            fonts[i].subset = subset
        }
    }

    /// A glyph's code in the embedded subset; `text` (asked only for a glyph that shows
    /// several) picks its copy.
    /// (Asked once a glyph: the font's fields are read in place, not the whole `Font` copied,
    /// which retained and released its seven references per glyph.)
    func code(_ glyph: Int, font: Int, text: () -> String) -> Int {
        if !fonts[font].copies.isEmpty, fonts[font].copied.contains(glyph), let copy = fonts[font].copyIndex[Self.copyKey(glyph, text())] {
            return fonts[font].subset!.glyphs.count - fonts[font].copies.count + copy
        }
        return fonts[font].subset!.newIndex[glyph] ?? 0
    }

    /// A glyph's advance as the PDF states it (`/W`), in thousandths of the font size.
    func width(_ glyph: Int, font: Int) -> Double {
        Self.thousandths(fonts[font].face.horizontalMetric(glyph).advance, fonts[font].face)
    }

    /// What a page's run of glyphs in font `font` needs, read out of the font once.
    struct Encoding {
        let face: TrueTypeFace
        let newIndex: TrueTypeSubset.GlyphMap
        /// `Font.widths`.
        let widths: [Double]
        let hasCopies: Bool

        /// As `EmbeddedFonts.width`: the subset's width where the glyph is in it (always, for
        /// a glyph drawn), else from the face.
        @inline(__always) func width(_ glyph: Int) -> Double {
            if let new = newIndex[glyph] { return widths[new] }
            return EmbeddedFonts.thousandths(face.horizontalMetric(glyph).advance, face)
        }

        /// As `EmbeddedFonts.code` for a font without copies; nil where `code` must be asked.
        @inline(__always) func code(_ glyph: Int) -> Int? { hasCopies ? nil : newIndex[glyph] ?? 0 }
    }

    /// Every font's `Encoding`, made once for all pages (not once a run).
    var encodings: [Encoding] {
        fonts.map { Encoding(face: $0.face, newIndex: $0.subset!.newIndex, widths: $0.widths, hasCopies: !$0.copies.isEmpty) }
    }

    static func thousandths(_ units: Int, _ face: TrueTypeFace) -> Double {
        (Double(units) * 1000 / Double(face.unitsPerEm) * 1000).rounded() / 1000
    }

    /// Reserves the fonts' object numbers (for the pages' resources).
    mutating func reserve(in file: inout PDFFile) {
        for i in fonts.indices { fonts[i].object = file.reserve() }
    }

    /// `/F1 n 0 R …`
    func resources(_ out: inout PDFBytes) {
        for (i, font) in fonts.enumerated() {
            out.raw("/F")
            out.int(i + 1)
            out.byte(0x20)
            out.ref(font.object)
        }
    }

    /// Writes every font: Type 0 → CIDFontType2 → descriptor → font program, and ToUnicode.
    func write(into file: inout PDFFile) {
        for font in fonts {
            let face = font.face, subset = font.subset!
            let descendant = file.reserve(), descriptor = file.reserve(), program = file.reserve(), toUnicode = file.reserve()
            let name = Self.tag(face.postScriptName, subset.glyphs) + "+" + face.postScriptName
            file.object(font.object) { out in
                out.raw("<</Type/Font/Subtype/Type0/BaseFont/")
                out.string(name)
                out.raw("/Encoding/Identity-H/DescendantFonts[")
                out.ref(descendant)
                out.raw("]/ToUnicode ")
                out.ref(toUnicode)
                out.raw(">>")
            }
            file.object(descendant) { out in
                out.raw("<</Type/Font/Subtype/CIDFontType2/BaseFont/")
                out.string(name)
                out.raw("/CIDSystemInfo<</Registry(Adobe)/Ordering(Identity)/Supplement 0>>/FontDescriptor ")
                out.ref(descriptor)
                out.raw("/CIDToGIDMap/Identity/W[0[")
                for width in font.widths {
                    out.number(width, decimals: 3)
                    out.byte(0x20)
                }
                out.raw("]]>>")
            }
            file.object(descriptor) { out in
                func units(_ v: Int) { out.number(Double(v) * 1000 / Double(face.unitsPerEm), decimals: 0) }
                out.raw("<</Type/FontDescriptor/FontName/")
                out.string(name)
                out.raw("/Flags ")
                out.int(face.fixedPitch ? 5 : 4)  // symbolic (CJK), and fixed pitch when so
                out.raw("/FontBBox[")
                units(face.bbox.0); out.byte(0x20); units(face.bbox.1); out.byte(0x20)
                units(face.bbox.2); out.byte(0x20); units(face.bbox.3)
                out.raw("]/ItalicAngle ")
                out.number(face.italicAngle)
                out.raw("/Ascent "); units(face.ascent)
                out.raw("/Descent "); units(face.descent)
                out.raw("/CapHeight "); units(face.capHeight)
                out.raw("/StemV 80/FontFile2 ")
                out.ref(program)
                out.raw(">>")
            }
            let bytes = subset.program(of: face)
            file.stream(program, bytes) { out in
                out.raw("/Length1 ")
                out.int(bytes.count)
            }
            file.stream(toUnicode, Self.toUnicode(font, subset))
        }
    }

    /// The CMap from codes to the text they show, 100 entries a block as PostScript allows.
    private static func toUnicode(_ font: Font, _ subset: TrueTypeSubset) -> [UInt8] {
        var out = PDFBytes(capacity: 64 + 24 * subset.glyphs.count)
        out.raw("/CIDInit/ProcSet findresource begin\n12 dict begin\nbegincmap\n/CIDSystemInfo<</Registry(Adobe)/Ordering(UCS)/Supplement 0>>def\n")
        out.raw("/CMapName/Adobe-Identity-UCS def\n/CMapType 2 def\n1 begincodespacerange\n<0000><FFFF>\nendcodespacerange\n")
        // The codes with a text, in order: the subset's glyphs that show one, then the copies.
        // Written as they are found (no list of entries made first), in blocks of 100.
        let originals = subset.glyphs.count - font.copies.count
        var codes: [Int32] = []
        codes.reserveCapacity(subset.glyphs.count)
        for (new, old) in subset.glyphs[..<originals].enumerated() where font.text(old) != nil {
            codes.append(Int32(new))
        }
        let count = codes.count + font.copies.count
        var start = 0
        while start < count {
            let end = min(start + 100, count)
            out.int(end - start)
            out.raw(" beginbfchar\n")
            for entry in start..<end {
                let code = entry < codes.count ? Int(codes[entry]) : originals + entry - codes.count
                out.raw("<"); out.hex16(code); out.raw("><")
                if entry < codes.count {
                    out.utf16Hex(font.text(subset.glyphs[code])!)
                } else {
                    out.utf16Hex(font.copies[entry - codes.count].text)
                }
                out.raw(">\n")
            }
            out.raw("endbfchar\n")
            start = end
        }
        out.raw("endcmap\nCMapName currentdict/CMap defineresource pop\nend\nend\n")
        return out.bytes
    }

    /// Six capital letters naming a subset (ISO 32000 §9.6.4), from its face and glyphs.
    private static func tag(_ name: String, _ glyphs: [Int]) -> String {
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325
        for byte in name.utf8 { hash = (hash ^ UInt64(byte)) &* 0x100_0000_01b3 }
        for glyph in glyphs { hash = (hash ^ UInt64(glyph)) &* 0x100_0000_01b3 }
        var letters = ""
        for _ in 0..<6 {
            letters.unicodeScalars.append(Unicode.Scalar(UInt8(65 + hash % 26)))
            hash /= 26
        }
        return letters
    }
}
