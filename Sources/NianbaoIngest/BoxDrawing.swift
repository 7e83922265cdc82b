/// Tables drawn with box-drawing characters (FORMAT.md §7: text browsers such as w3m and
/// lynx; nianbao's own text export): `┌─┬─┐` rules, `│ a │ b │` rows.
enum BoxDrawing {
    static let bars: Set<Character> = ["│", "┃", "║", "┆", "┊"]
    static let ruleCharacters: Set<Character> = ["─", "━", "═", "┌", "┐", "└", "┘", "├", "┤", "┬", "┴", "┼", "╔", "╗", "╚", "╝",
                                                 "╠", "╣", "╦", "╩", "╬", "╟", "╢", "╤", "╧", "╪", "╫", "┏", "┓", "┗", "┛", "┣", "┫",
                                                 "┳", "┻", "╋", "+", "-", "=", " ", "│", "┃", "║"]

    /// A rule line: only box-drawing characters, with at least one horizontal stroke.
    static func isRule(_ s: Substring) -> Bool {
        // Every line of a report passes here: look at scalars, and give up at the first that
        // cannot be part of a rule (almost always the first).
        var stroke = false
        for scalar in s.unicodeScalars {
            if scalar == "─" || scalar == "━" || scalar == "═" { stroke = true; continue }
            if !ruleScalars.contains(scalar) { return false }
        }
        return stroke
    }

    private static let ruleScalars: Set<Unicode.Scalar> = Set(ruleCharacters.compactMap(\.unicodeScalars.first))

    /// Whether a line has a horizontal stroke (a rule, or part of one crossing a row).
    static func hasStroke(_ s: Substring) -> Bool {
        s.unicodeScalars.contains { $0 == "─" || $0 == "━" || $0 == "═" }
    }

    /// A rule between rows (├─┼─┤), as opposed to the top and bottom ones.
    static func isInnerRule(_ s: Substring) -> Bool {
        s.contains { "├┤┼╟╢╠╣╬╪╫┣┫╋".contains($0) }
    }

    /// Where a rule meets a bar inside a row line (`│自然├───┬───┤总计│`: the rule under a
    /// spanning header crosses the row): a cell boundary too.
    static let junctions: Set<Character> = ["├", "┤", "┼", "┬", "┴", "╟", "╢", "╫", "╪", "┣", "┫", "╋"]

    /// The cells of a `│ a │ b │` line, or nil when the line is not a box row. A stretch of
    /// rule inside the line is an empty cell.
    static func fields(_ s: Substring) -> [String]? {
        guard let scalar = s.unicodeScalars.first, scalar.value >= 0x2500, scalar.value <= 0x257F, let first = s.first, bars.contains(first) else { return nil }
        var body = s.dropFirst()
        if let last = body.last, bars.contains(last) || junctions.contains(last) { body = body.dropLast() }
        return body.split(omittingEmptySubsequences: false, whereSeparator: { bars.contains($0) || junctions.contains($0) })
            .map { field in field.allSatisfy { "─━═ ".contains($0) } ? "" : String(CharacterNormalization.trim(field)) }
    }
}
