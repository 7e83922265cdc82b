import NianbaoLayout

/// Every character one em wide (plus letter spacing), one glyph each, broken where the
/// width is full: predictable shaped text without Pango, so layout tests and golden frames
/// are the same on every machine. Glyph ids are the characters' code points; the face is
/// none (no writer can draw it, nor needs to).
public struct FixedAdvanceShaper: TextShaping {
    public init() {}

    public func shape(_ block: TextBlock) -> ShapedText {
        let advance = block.font.size + block.letterSpacing
        let first = max(1, Int((block.width - block.indent) / advance))
        let rest = max(1, Int(block.width / advance))
        var lines: [ShapedLine] = []
        var offset = 0  // UTF-8 offset of the paragraph
        for paragraph in block.text.split(separator: "\n", omittingEmptySubsequences: false) {
            var glyphs: [ShapedGlyph] = []
            var byte = offset, firstLine = true  // Pango indents each paragraph's first line
            for character in paragraph {
                if glyphs.count == (firstLine ? first : rest) {
                    lines.append(line(glyphs, block, indent: firstLine ? block.indent : 0))
                    glyphs = []
                    firstLine = false
                }
                let length = character.utf8.count
                glyphs.append(ShapedGlyph(face: 0, glyph: Int(character.unicodeScalars.first!.value), x: Double(glyphs.count) * advance, y: 0,
                                          text: byte..<(byte + length), isSpace: character == " ", fontAdvance: block.font.size))
                byte += length
            }
            lines.append(line(glyphs, block, indent: firstLine ? block.indent : 0))
            offset += paragraph.utf8.count + 1
        }
        return ShapedText(block: block, faces: [nil], lines: lines)
    }

    private func line(_ glyphs: [ShapedGlyph], _ block: TextBlock, indent: Double) -> ShapedLine {
        ShapedLine(glyphs: glyphs, logicalX: indent, height: block.font.size * 1.2, baseline: block.font.size)
    }
}
