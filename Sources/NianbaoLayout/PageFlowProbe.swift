import NianbaoStyle

/// A window on `PageFlow` for tests of pagination rules (internal types stay internal).
public enum PageFlowProbe {
    public struct Flow {
        var flow: PageFlow
        /// Places `block` as if it had `lineCount` lines (no glyphs: pagination only).
        public mutating func place(_ block: TextBlock, lineCount: Int) {
            let line = ShapedLine(glyphs: [], logicalX: 0, height: block.lineHeight, baseline: block.lineHeight * 0.8)
            flow.place(ShapedText(block: block, faces: [], lines: Array(repeating: line, count: lineCount)))
        }
    }

    /// A flow on its first page with `usedLines` body lines already taken.
    public static func flow(_ style: Style, usedLines: Int) -> Flow {
        var f = PageFlow(geometry: style.page)
        f.advance(Double(usedLines) * style.page.linePitch)
        return Flow(flow: f)
    }

    /// Line counts of the text items on each page.
    public static func lines(_ f: Flow) -> [[Int]] {
        f.flow.pages.map { page in page.items.compactMap { if case let .text(_, _, _, l) = $0 { return l.count } else { return nil } } }
    }
}
