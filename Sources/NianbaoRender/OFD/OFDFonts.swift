import NianbaoLayout

/// The fonts of one OFD document: for each face drawn, the glyphs used and the characters
/// they show, then each embedded as a TrueType file of its own (subset, with a character
/// map, so that a reader that does not read CGTransform still finds the glyphs). A face
/// without TrueType outlines (a character only the full Noto collections have) is named, not
/// embedded: the reader draws it with its own font of that family.
struct OFDFonts {
    struct Font {
        /// nil: not embedded (`family` names it).
        let face: TrueTypeFace?
        let family: String
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
    /// cannot be named either: `UnsupportedFace`.
    mutating func use(_ shaped: ShapedText, lines: Range<Int>) throws -> [Int] {
        let indices = try shaped.faces.map { location -> Int in
            guard let location else { throw UnsupportedFace(file: "?", reason: "a font that is not from fontconfig") }
            if let known = byLocation[location] { return known }
            do {
                let face = try FaceCache.face(file: location.file, index: location.index)
                fonts.append(Font(face: face, family: face.postScriptName, location: location))
            } catch let error as UnsupportedFace {
                guard let family = FontSetup.familyName(file: location.file, index: location.index) else { throw error }
                fonts.append(Font(face: nil, family: family, location: location))
            }
            byLocation[location] = fonts.count - 1
            return fonts.count - 1
        }
        for index in lines where index < shaped.lines.count {
            let glyphs = shaped.lines[index].glyphs
            for (i, glyph) in glyphs.enumerated() {
                let font = indices[glyph.face]
                fonts[font].used.insert(glyph.glyph)
                let single = i + 1 == glyphs.count || !glyphs[i + 1].text.isEmpty
                if single, glyph.glyph != 0, let scalar = Self.onlyScalar(shaped.utf8[glyph.text]), fonts[font].characters[scalar] == nil {
                    fonts[font].characters[scalar] = glyph.glyph
                }
            }
        }
        return indices
    }

    /// The code point of UTF-8 bytes that hold exactly one, decoded without making a String
    /// (this runs for every glyph of a document).
    private static func onlyScalar(_ bytes: ArraySlice<UInt8>) -> UInt32? {
        var iterator = bytes.makeIterator()
        var decoder = UTF8()
        guard case let .scalarValue(scalar) = decoder.decode(&iterator), UTF8.width(scalar) == bytes.count else { return nil }
        return scalar.value
    }

    mutating func makeSubsets() {
        for i in fonts.indices {
            if let face = fonts[i].face { fonts[i].subset = TrueTypeSubset(face: face, used: fonts[i].used) }
        }
    }

    /// A glyph's index in font `font`'s embedded file (nil for a font not embedded).
    func glyph(_ glyph: Int, font: Int) -> Int? { fonts[font].subset.map { $0.newIndex[glyph] ?? 0 } }

    /// The embedded file of font `font`, or nil when it is not embedded.
    func file(_ font: Int) -> [UInt8]? {
        guard let face = fonts[font].face, let subset = fonts[font].subset else { return nil }
        return subset.standaloneProgram(of: face, characters: fonts[font].characters)
    }
}
