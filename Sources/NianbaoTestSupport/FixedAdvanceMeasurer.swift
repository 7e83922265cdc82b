import NianbaoLayout

/// Every character one em wide (plus letter spacing): predictable line counts without
/// Pango, so layout tests and golden frames are the same on every machine.
public struct FixedAdvanceMeasurer: TextMeasuring {
    public init() {}

    public func lineCount(_ block: TextBlock) -> Int {
        var lines = 0
        for paragraph in block.text.split(separator: "\n", omittingEmptySubsequences: false) {
            let advance = block.font.size + block.letterSpacing
            let first = max(1, Int((block.width - block.indent) / advance))
            let rest = max(1, Int(block.width / advance))
            let n = paragraph.count
            lines += n <= first ? 1 : 1 + Int((Double(n - first) / Double(rest)).rounded(.up))
        }
        return max(lines, 1)
    }
}
