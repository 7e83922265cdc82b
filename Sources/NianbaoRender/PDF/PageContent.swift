import NianbaoLayout

/// The content stream of one page: text as glyph codes of the embedded subsets, rules and
/// boxes. PDF's y axis points up; the frame's points down from the top.
struct PageContent: ~Copyable {
    private(set) var out = PDFBytes(capacity: 16 * 1024)
    let height: Double

    init(height: Double) { self.height = height }

    /// What an item's content is in a tagged PDF.
    enum Marking {
        /// Content of a structure element (`/TD <</MCID 3>> BDC`).
        case element(StructureTree.Mark)
        /// A page number: a pagination artifact.
        case pagination
        /// Not part of the text: rules, repeats (consecutive ones share one artifact).
        case artifact
    }
    private var inArtifact = false

    /// Opens `marking` before an item's content, closing a run of artifacts it ends.
    mutating func begin(_ marking: Marking) {
        switch marking {
        case .artifact:
            if !inArtifact { out.raw("/Artifact BMC\n") }
            inArtifact = true
            return
        case .element(let mark):
            closeArtifacts()
            out.byte(0x2F)
            out.raw(mark.tag)
            out.raw("<</MCID ")
            out.int(mark.id)
            out.raw(">>BDC\n")
        case .pagination:
            closeArtifacts()
            out.raw("/Artifact<</Type/Pagination/Subtype/Footer>>BDC\n")
        }
    }

    /// Closes `marking` after the item's content (a run of artifacts stays open).
    mutating func end(_ marking: Marking) {
        if case .artifact = marking { return }
        out.raw("EMC\n")
    }

    /// Closes an open run of artifacts (at the end of the page).
    mutating func closeArtifacts() {
        if inArtifact { out.raw("EMC\n") }
        inArtifact = false
    }

    /// One line's glyphs filled as outlines, not shown as text: a page number prints as
    /// text does, yet no extraction (pdftotext, MuPDF, copy in a viewer) picks it up in the
    /// middle of a paragraph that crosses the page. `faces` as `ShapedText.faces`.
    mutating func outlined(_ glyphs: [DrawnGlyph], size: Double, faces: [TrueTypeFace?]) {
        let segments = PathSegment.placed(glyphs, size: size, faces: faces)
        guard !segments.isEmpty else { return }
        for segment in segments {
            switch segment {
            case let .move(x, y): out.numbers(x, height - y); out.raw("m ")
            case let .line(x, y): out.numbers(x, height - y); out.raw("l ")
            case let .curve(x1, y1, x2, y2, x, y): out.numbers(x1, height - y1, x2, height - y2, x, height - y); out.raw("c ")
            case .close: out.raw("h\n")
            }
        }
        out.raw("f\n")
    }

    mutating func rule(x1: Double, y1: Double, x2: Double, y2: Double, width: Double) {
        out.number(width)
        out.raw(" w 2 J ")
        out.numbers(x1, height - y1)
        out.raw("m ")
        out.numbers(x2, height - y2)
        out.raw("l S\n")
    }

    mutating func box(x: Double, y: Double, width: Double, height boxHeight: Double, gray: Double) {
        out.number(gray, decimals: 3)
        out.raw(" g ")
        out.numbers(x, height - y - boxHeight, width, boxHeight)
        out.raw("re f 0 g\n")
    }

    /// One line's glyphs: a text object, a font switch where the face changes, and each run
    /// of one face and baseline shown with a TJ whose adjustments put every glyph where
    /// Pango placed it. The character spacing (Tc) takes the usual gap, so a CJK line needs
    /// few adjustments.
    /// `encodings` are `fonts.encodings`.
    mutating func line(_ glyphs: [DrawnGlyph], size: Double, fonts: EmbeddedFonts, encodings: [EmbeddedFonts.Encoding], faces: [EmbeddedFonts.Use],
                       text: (ShapedGlyph) -> String) {
        guard !glyphs.isEmpty else { return }
        out.raw("BT\n")
        var start = 0
        var currentFont = -1
        while start < glyphs.count {
            let use = faces[glyphs[start].glyph.face], font = use.font
            var end = start + 1
            while end < glyphs.count, glyphs[end].glyph.face == glyphs[start].glyph.face, glyphs[end].baseline == glyphs[start].baseline { end += 1 }
            if font != currentFont {
                out.raw("/F")
                out.int(font + 1)
                out.byte(0x20)
                out.number(size)
                out.raw(" Tf ")
                currentFont = font
            }
            // Synthetic bold, as dark as Cairo makes it: fill and stroke with a line of 1/32 em.
            let bold = use.embolden
            if bold {
                out.number(size / 32, decimals: 3)
                out.raw(" w 2 Tr ")
            }
            run(glyphs[start..<end], font: font, size: size, fonts: fonts, encoding: encodings[font], text: text)
            if bold { out.raw("0 Tr ") }
            start = end
        }
        out.raw("ET\n")
    }

    private mutating func run(_ glyphs: ArraySlice<DrawnGlyph>, font: Int, size: Double, fonts: EmbeddedFonts, encoding: EmbeddedFonts.Encoding,
                              text: (ShapedGlyph) -> String) {
        // The font's face, codes and widths read out of the font once (each read of the
        // font's fields retained and released them).
        func width(_ drawn: DrawnGlyph) -> Double { encoding.width(drawn.glyph.glyph) * size / 1000 }
        let first = glyphs.first!
        var previousWidth = width(first)
        // The common gap between one glyph's advance and the next glyph's position.
        var spacing = 0.0
        if glyphs.count > 1 {
            let second = glyphs[glyphs.startIndex + 1]
            spacing = PDFBytes.rounded((second.x - first.x - previousWidth) * 1000) / 1000
        }
        out.raw("1 0 0 1 ")
        out.numbers(first.x, height - first.baseline)
        out.raw("Tm ")
        out.number(spacing, decimals: 3)
        out.raw(" Tc [<")
        var pen = first.x
        for i in glyphs.indices {
            let drawn = glyphs[i]
            if i > glyphs.startIndex {
                let expected = pen + previousWidth + spacing
                let adjustment = PDFBytes.rounded((expected - drawn.x) * 1000 / size * 10) / 10
                if adjustment != 0 {
                    out.raw(">")
                    out.number(adjustment, decimals: 1)
                    out.raw("<")
                }
                pen = expected - adjustment * size / 1000
                previousWidth = width(drawn)
            }
            out.hex16(encoding.code(drawn.glyph.glyph) ?? fonts.code(drawn.glyph.glyph, font: font) { text(drawn.glyph) })
        }
        out.raw(">]TJ\n")
    }
}
