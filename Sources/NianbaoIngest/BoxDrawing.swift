/// Tables drawn with box-drawing characters (FORMAT.md §7: text browsers such as w3m and
/// lynx; nianbao's own text export): `┌─┬─┐` rules, `│ a │ b │` rows.
enum BoxDrawing {
    static let bars: Set<Character> = ["│", "┃", "║", "┆", "┊"]
    static let ruleCharacters: Set<Character> = ["─", "━", "═", "┌", "┐", "└", "┘", "├", "┤", "┬", "┴", "┼", "╔", "╗", "╚", "╝",
                                                 "╠", "╣", "╦", "╩", "╬", "╟", "╢", "╤", "╧", "╪", "╫", "┏", "┓", "┗", "┛", "┣", "┫",
                                                 "┳", "┻", "╋", "+", "-", "=", " ", "│", "┃", "║"]

    /// A rule line: only box-drawing characters, with at least one horizontal stroke.
    static func isRule(_ s: Substring) -> Bool {
        !s.isEmpty && s.contains { "─━═".contains($0) } && s.allSatisfy { ruleCharacters.contains($0) }
    }

    /// A rule between rows (├─┼─┤), as opposed to the top and bottom ones.
    static func isInnerRule(_ s: Substring) -> Bool {
        s.contains { "├┤┼╟╢╠╣╬╪╫┣┫╋".contains($0) }
    }

    /// The cells of a `│ a │ b │` line, or nil when the line is not a box row.
    static func fields(_ s: Substring) -> [String]? {
        guard let first = s.first, bars.contains(first) else { return nil }
        var body = s.dropFirst()
        if let last = body.last, bars.contains(last) { body = body.dropLast() }
        return body.split(omittingEmptySubsequences: false, whereSeparator: { bars.contains($0) })
            .map { String(CharacterNormalization.trim($0)) }
    }
}
