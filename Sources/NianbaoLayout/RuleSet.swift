/// The rules of a ruled table, each drawn once: cells that share a border would otherwise
/// each draw it (darker lines in print, bigger files). Segments on one line are joined where
/// they touch or overlap.
struct RuleSet {
    /// Segments as the line's position (rounded: `key`) and the interval along it: one flat
    /// list each, sorted once in `items`, rather than a dictionary of lists built cell by cell.
    private var horizontal: [Segment] = []  // y, x interval
    private var vertical: [Segment] = []    // x, y interval

    struct Segment {
        var line: Double
        var a: Double
        var b: Double
    }

    /// Positions within this distance are one line (layout arithmetic leaves ~1e-12 apart).
    private static let epsilon = 0.01

    private static func key(_ v: Double) -> Double { (v / epsilon).rounded() * epsilon }

    /// The four borders of a cell.
    mutating func addBox(x0: Double, y0: Double, x1: Double, y1: Double) {
        horizontal.append(Segment(line: Self.key(y0), a: x0, b: x1))
        horizontal.append(Segment(line: Self.key(y1), a: x0, b: x1))
        vertical.append(Segment(line: Self.key(x0), a: y0, b: y1))
        vertical.append(Segment(line: Self.key(x1), a: y0, b: y1))
    }

    /// One rule per maximal run, lines in order and runs along each in order (a stable order,
    /// for byte-identical PDFs): horizontal rules first.
    func items(width: Double) -> [FrameItem] {
        var out: [FrameItem] = []
        out.reserveCapacity(horizontal.count / 2 + vertical.count / 2)
        for s in Self.merged(horizontal) { out.append(.rule(x1: s.a, y1: s.line, x2: s.b, y2: s.line, width: width)) }
        for s in Self.merged(vertical) { out.append(.rule(x1: s.line, y1: s.a, x2: s.line, y2: s.b, width: width)) }
        return out
    }

    /// The segments by line, then start; those on one line that touch or overlap joined.
    static func merged(_ segments: [Segment]) -> [Segment] {
        let sorted = segments.map { Segment(line: $0.line, a: min($0.a, $0.b), b: max($0.a, $0.b)) }
            .sorted { $0.line != $1.line ? $0.line < $1.line : $0.a < $1.a }
        var out: [Segment] = []
        for s in sorted {
            if let last = out.last, last.line == s.line, s.a <= last.b + epsilon {
                out[out.count - 1].b = max(last.b, s.b)
            } else {
                out.append(s)
            }
        }
        return out
    }
}
