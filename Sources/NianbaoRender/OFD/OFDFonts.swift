import NianbaoLayout

/// The fonts of one OFD document: for each face drawn, the glyphs used and the characters
/// they show, then each embedded as a TrueType file of its own (subset, with a character
/// map, so that a reader that does not read CGTransform still finds the glyphs).
struct OFDFonts {
    struct Font {
        let face: TrueTypeFace
        let location: FaceLocation
        var used: Set<Int> = []
        /// Code point → original glyph, for single-character clusters of one glyph.
        var characters: [UInt32: Int] = [:]
        var subset: TrueTypeSubset?
    }

    private(set) var fonts: [Font] = []
    private var byLocation: [FaceLocation: Int] = [:]

    /// Records the glyphs of lines `lines` of `shaped`; returns the font index of each of
    /// its faces (as `ShapedText.faces`). A face with no file, or no TrueType outlines,
    /// cannot be embedded: `UnsupportedFace`.
    mutating func use(_ shaped: ShapedText, lines: Range<Int>) throws -> [Int] {
        let indices = try shaped.faces.map { location -> Int in
            guard let location else { throw UnsupportedFace(file: "?", reason: "a font that is not from fontconfig") }
            if let known = byLocation[location] { return known }
            fonts.append(Font(face: try FaceCache.face(file: location.file, index: location.index), location: location))
            byLocation[location] = fonts.count - 1
            return fonts.count - 1
        }
        for index in lines where index < shaped.lines.count {
            let glyphs = shaped.lines[index].glyphs
            for (i, glyph) in glyphs.enumerated() {
                let font = indices[glyph.face]
                fonts[font].used.insert(glyph.glyph)
                let scalars = String(decoding: shaped.utf8[glyph.text], as: UTF8.self).unicodeScalars
                let single = i + 1 == glyphs.count || !glyphs[i + 1].text.isEmpty
                if scalars.count == 1, single, glyph.glyph != 0, let scalar = scalars.first, fonts[font].characters[scalar.value] == nil {
                    fonts[font].characters[scalar.value] = glyph.glyph
                }
            }
        }
        return indices
    }

    mutating func makeSubsets() {
        for i in fonts.indices { fonts[i].subset = TrueTypeSubset(face: fonts[i].face, used: fonts[i].used) }
    }

    /// A glyph's index in font `font`'s embedded file.
    func glyph(_ glyph: Int, font: Int) -> Int { fonts[font].subset?.newIndex[glyph] ?? 0 }

    /// The embedded file of font `font`.
    func file(_ font: Int) -> [UInt8] {
        fonts[font].subset!.standaloneProgram(of: fonts[font].face, characters: fonts[font].characters)
    }
}
