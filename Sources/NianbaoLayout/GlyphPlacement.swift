/// A line's glyphs where they are drawn: x from the page's left, the baseline from its top.
public struct DrawnGlyph: Sendable {
    public var glyph: ShapedGlyph
    public var x: Double
    public var baseline: Double
}

extension ShapedText {
    /// Where the glyphs of lines `lines` of a text item at (`x`, `y`) go on the page: the one
    /// placement every writer draws, so that justification and centring are written once.
    /// Each line sits centred in its band of `lineHeight`, so every line of a block takes the
    /// same pitch whatever its glyphs and a block can be cut at any line.
    /// Justified lines are spread to the full width by adding the same space after every
    /// character: Pango stretches only spaces, and Chinese has none.
    public func drawnLines(x: Double, y: Double, lines: Range<Int>, _ body: ([DrawnGlyph]) throws -> Void) rethrows {
        let shaped = self
        var runs: [Int] = []  // per UTF-8 byte: its word run, worked out for the first justified line
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
            // Latin word (2022, 2022-01-31), which letter spacing leaves whole too (`WordRuns`).
            var stretchable: [Bool] = []  // per cluster: the gap before it stretches
            var previous: ShapedGlyph?
            if block.alignment == .justify, index < shaped.lines.count - 1 {
                if runs.isEmpty { runs = WordRuns.runIndex(shaped.utf8) }
                func sameRun(_ a: ShapedGlyph, _ b: ShapedGlyph) -> Bool {
                    let run = runs[a.text.lowerBound]
                    return run >= 0 && run == runs[b.text.lowerBound]
                }
                while let last = glyphs.last, last.isSpace { glyphs.removeLast() }
                for glyph in glyphs where !glyph.text.isEmpty {
                    stretchable.append(previous.map { !sameRun($0, glyph) } ?? false)
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
}
