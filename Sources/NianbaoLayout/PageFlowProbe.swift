import NianbaoStyle

/// A window on `PageFlow` for tests of pagination rules (internal types stay internal).
public enum PageFlowProbe {
    public struct Flow {
        var flow: PageFlow
        public mutating func place(_ block: TextBlock, lineCount: Int) { flow.place(block, lineCount: lineCount) }
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
