/// The rules of a ruled table, each drawn once: cells that share a border would otherwise
/// each draw it (darker lines in print, bigger files). Segments on one line are joined where
/// they touch or overlap.
struct RuleSet {
    private var horizontal: [Double: [(Double, Double)]] = [:]  // y → x intervals
    private var vertical: [Double: [(Double, Double)]] = [:]    // x → y intervals

    /// Positions within this distance are one line (layout arithmetic leaves ~1e-12 apart).
    private static let epsilon = 0.01

    private static func key(_ v: Double) -> Double { (v / epsilon).rounded() * epsilon }

    /// The four borders of a cell.
    mutating func addBox(x0: Double, y0: Double, x1: Double, y1: Double) {
        horizontal[Self.key(y0), default: []].append((x0, x1))
        horizontal[Self.key(y1), default: []].append((x0, x1))
        vertical[Self.key(x0), default: []].append((y0, y1))
        vertical[Self.key(x1), default: []].append((y0, y1))
    }

    /// One rule per maximal run, in a stable order (for byte-identical PDFs).
    func items(width: Double) -> [FrameItem] {
        var out: [FrameItem] = []
        for y in horizontal.keys.sorted() {
            for (a, b) in Self.merged(horizontal[y]!) { out.append(.rule(x1: a, y1: y, x2: b, y2: y, width: width)) }
        }
        for x in vertical.keys.sorted() {
            for (a, b) in Self.merged(vertical[x]!) { out.append(.rule(x1: x, y1: a, x2: x, y2: b, width: width)) }
        }
        return out
    }

    static func merged(_ intervals: [(Double, Double)]) -> [(Double, Double)] {
        var out: [(Double, Double)] = []
        for (a, b) in intervals.map({ (min($0.0, $0.1), max($0.0, $0.1)) }).sorted(by: { $0.0 < $1.0 }) {
            if let last = out.last, a <= last.1 + epsilon { out[out.count - 1].1 = max(last.1, b) } else { out.append((a, b)) }
        }
        return out
    }
}
