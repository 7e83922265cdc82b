import NianbaoLayout

/// The content stream of one page: text as glyph codes of the embedded subsets, rules and
/// boxes. PDF's y axis points up; the frame's points down from the top.
struct PageContent {
    private(set) var out = PDFBytes(capacity: 16 * 1024)
    let height: Double

    init(height: Double) { self.height = height }

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
    mutating func line(_ glyphs: [DrawnGlyph], size: Double, fonts: EmbeddedFonts, faces: [EmbeddedFonts.Use], text: (ShapedGlyph) -> String) {
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
            run(glyphs[start..<end], font: font, size: size, fonts: fonts, text: text)
            if bold { out.raw("0 Tr ") }
            start = end
        }
        out.raw("ET\n")
    }

    private mutating func run(_ glyphs: ArraySlice<DrawnGlyph>, font: Int, size: Double, fonts: EmbeddedFonts, text: (ShapedGlyph) -> String) {
        let first = glyphs.first!
        let widths = glyphs.map { fonts.width($0.glyph.glyph, font: font) * size / 1000 }
        // The common gap between one glyph's advance and the next glyph's position.
        var spacing = 0.0
        if glyphs.count > 1 {
            let second = glyphs[glyphs.startIndex + 1]
            spacing = ((second.x - first.x - widths[0]) * 1000).rounded() / 1000
        }
        out.raw("1 0 0 1 ")
        out.numbers(first.x, height - first.baseline)
        out.raw("Tm ")
        out.number(spacing, decimals: 3)
        out.raw(" Tc [<")
        var pen = first.x
        for (i, drawn) in glyphs.enumerated() {
            if i > 0 {
                let expected = pen + widths[i - 1] + spacing
                let adjustment = ((expected - drawn.x) * 1000 / size * 10).rounded() / 10
                if adjustment != 0 {
                    out.raw(">")
                    out.number(adjustment, decimals: 1)
                    out.raw("<")
                }
                pen = expected - adjustment * size / 1000
            }
            out.hex16(fonts.code(drawn.glyph.glyph, font: font) { text(drawn.glyph) })
        }
        out.raw(">]TJ\n")
    }
}
