import NianbaoLayout

/// A line's glyphs where they are drawn: x from the page's left, the baseline from its top.
struct DrawnGlyph {
    var glyph: PlacedGlyph
    var x: Double
    var baseline: Double
}

/// Where the glyphs of lines `lines` of a text item go on the page. Each line sits centred
/// in its band of `lineHeight`, so every line of a block takes the same pitch whatever its
/// glyphs and a block can be cut at any line. Justified lines are spread to the full width
/// by adding the same space after every character: Pango stretches only spaces, and Chinese
/// has none.
/// Which gaps justification may stretch: not those inside a number or a Latin word.
enum Justification {
    static func isWordByte(_ b: UInt8?) -> Bool {
        guard let b else { return false }
        return (0x30...0x39).contains(b) || (0x41...0x5A).contains(b) || (0x61...0x7A).contains(b) || b == 0x2E
    }

    /// Stretchable gaps of a line's text: between characters, unless both are word bytes.
    static func gaps(_ text: String) -> Int {
        var count = 0
        var previous: Character?
        for c in text {
            if let p = previous, !(isWordByte(p.utf8.count == 1 ? p.utf8.first : nil) && isWordByte(c.utf8.count == 1 ? c.utf8.first : nil)) { count += 1 }
            previous = c
        }
        return count
    }
}

func drawnLines(_ block: TextBlock, _ shaped: ShapedBlock, x: Double, y: Double, lines: Range<Int>, _ body: ([DrawnGlyph]) throws -> Void) rethrows {
    for index in lines where index < shaped.lines.count {
        let line = shaped.lines[index]
        let band = y + Double(index - lines.lowerBound) * block.lineHeight
        let baseline = band + (block.lineHeight - line.height) / 2 + line.baseline
        let indent = index == 0 ? block.indent : 0
        let available = block.width - indent
        var glyphs = line.glyphs[...]
        // Glyph x is measured from the line's start; Pango's logical x holds the first line's
        // indent and the offset of centred or right-aligned lines.
        let lineX = x + line.logicalX
        var extra = 0.0, shift = 0.0
        // Justification stretches the gaps between clusters, but not inside a number or a
        // Latin word (2022 stays 2022), as the layout's letter spacing does.
        func word(_ g: PlacedGlyph) -> Bool { Justification.isWordByte(g.text.isEmpty ? nil : shaped.utf8[g.text.lowerBound]) }
        var stretchable: [Bool] = []  // per cluster: the gap before it stretches
        var previous: PlacedGlyph?
        if block.alignment == .justify, index < shaped.lines.count - 1 {
            while let last = glyphs.last, last.isSpace { glyphs.removeLast() }
            for glyph in glyphs where !glyph.text.isEmpty {
                stretchable.append(previous.map { !(word($0) && word(glyph)) } ?? false)
                previous = glyph
            }
            let gaps = stretchable.filter { $0 }.count
            // From the first glyph's origin to where the last one's ink ends: letter spacing at
            // either end is not part of it, so the line starts and ends at the type area.
            if let first = glyphs.first, let last = glyphs.last {
                let natural = last.x + last.fontAdvance - first.x
                // A full line of the grid may overrun by the last glyph's negative letter
                // spacing (its ink does not shrink): it is drawn in by the same rule.
                if gaps > 0, available - natural < available * 0.2, natural - available < 1 {
                    extra = (available - natural) / Double(gaps)
                    shift = -first.x
                }
            }
        }
        var drawn: [DrawnGlyph] = []
        drawn.reserveCapacity(glyphs.count)
        var cluster = -1, stretched = 0
        for glyph in glyphs {
            if !glyph.text.isEmpty {
                cluster += 1
                if cluster < stretchable.count, stretchable[cluster] { stretched += 1 }
            }
            drawn.append(DrawnGlyph(glyph: glyph, x: lineX + shift + glyph.x + extra * Double(stretched), baseline: baseline + glyph.y))
        }
        try body(drawn)
    }
}

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
    mutating func line(_ glyphs: [DrawnGlyph], size: Double, fonts: EmbeddedFonts, faces: [FaceLocation?] = [], text: (PlacedGlyph) -> String) {
        guard !glyphs.isEmpty else { return }
        out.raw("BT\n")
        var start = 0
        var currentFont = -1
        while start < glyphs.count {
            let font = fonts.font(forShaperFace: glyphs[start].glyph.face)
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
            let bold = faces.indices.contains(glyphs[start].glyph.face) && faces[glyphs[start].glyph.face]?.embolden == true
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

    private mutating func run(_ glyphs: ArraySlice<DrawnGlyph>, font: Int, size: Double, fonts: EmbeddedFonts, text: (PlacedGlyph) -> String) {
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
