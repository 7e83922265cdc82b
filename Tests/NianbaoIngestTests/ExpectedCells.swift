import NianbaoModel

/// Expected cells of a report, written down by reading the report, row by row in the
/// template's layout. `""` is a blank cell; any other string is the cell as printed.
struct ExpectedCells {
    var table1: [[String]]   // 6 rows: 3, 3, 1, 1, 1, 1 values
    var table2: [[String]]   // 25 rows × 7
    var table3: [String]     // 15

    /// key → printed value, in canonical order.
    var byKey: [(CellKey, String)] {
        var out: [(CellKey, String)] = []
        for (row, values) in zip(ActiveRow.allCases, table1) {
            precondition(values.count == row.columns.count, "table 1 row \(row) needs \(row.columns.count) values")
            for (column, v) in zip(row.columns, values) { out.append((.active(row, column), v)) }
        }
        precondition(table2.count == 25 && table2.allSatisfy { $0.count == 7 })
        for (row, values) in zip(RequestRow.allCases, table2) {
            for (column, v) in zip(RequestColumn.allCases, values) { out.append((.requests(row, column), v)) }
        }
        precondition(table3.count == 15)
        var i = 0
        for g in ReviewGroup.allCases { for c in ReviewColumn.allCases { out.append((.review(g, c), table3[i])); i += 1 } }
        return out
    }

    static func row(_ s: String) -> [String] {
        s.split(separator: " ", omittingEmptySubsequences: false).map { $0 == "_" ? "" : String($0) }
    }
    static func zeros(_ n: Int) -> [String] { Array(repeating: "0", count: n) }
    static func blanks(_ n: Int) -> [String] { Array(repeating: "", count: n) }
    /// Only the total column filled.
    static func totalOnly(_ t: String) -> [String] { blanks(6) + [t] }

    // 西峡县人民政府 2022 — PDF text, row shape; title after the first heading.
    static let xixia = ExpectedCells(
        table1: [row("0 0 0"), row("12 0 19"), ["2957"], ["2235"], ["19"], ["1131.7652"]],
        table2: [
            row("18 0 0 0 0 0 18"), row("1 0 0 0 0 0 1"),
            row("6 0 0 0 0 0 6"), row("3 0 0 0 0 0 3"),
            row("4 0 0 0 0 0 4"), row("1 0 0 0 0 0 1"), zeros(7), row("1 0 0 0 0 0 1"), zeros(7), zeros(7), zeros(7), zeros(7),
            zeros(7), row("1 0 0 0 0 0 1"), zeros(7),
            zeros(7), zeros(7), zeros(7), zeros(7), zeros(7),
            zeros(7), zeros(7), row("3 0 0 0 0 0 3"),
            row("19 0 0 0 0 0 19"), zeros(7),
        ],
        table3: zeros(15))

    // 涧西区人民政府办公室 2022 — PDF text, row shape; everything zero.
    static let jianxi = ExpectedCells(
        table1: [row("0 0 0"), row("3 10 12"), ["0"], ["0"], ["0"], ["0"]],
        table2: Array(repeating: zeros(7), count: 25),
        table3: zeros(15))

    // 新县人民政府办公室 2021 — Markdown with TSV tables; several rows have only 总计 filled.
    static let xin = ExpectedCells(
        table1: [row("0 0 0"), row("2 0 2"), ["0"], ["0"], ["0"], ["0"]],
        table2: [
            row("7 3 0 0 0 0 10"), zeros(7),
            totalOnly("2"), totalOnly("3"),
            totalOnly("0"), totalOnly("0"), totalOnly("0"), totalOnly("0"), totalOnly("0"), totalOnly("0"), totalOnly("0"), totalOnly("0"),
            totalOnly("5"), zeros(7), zeros(7),
            zeros(7), zeros(7), zeros(7), zeros(7), zeros(7),
            zeros(7), zeros(7), zeros(7),
            row("7 3 0 0 0 0 10"), zeros(7),
        ],
        table3: row("8 2 2 3 15 5 3 0 1 9 0 0 0 0 0"))

    // 汉阴县 2022 — Word table text; empty cells are blank, not zero.
    static let hanyin = ExpectedCells(
        table1: [row("0 0 0"), row("2 1 11"), ["13470"], ["606"], ["11"], ["1515.2592"]],
        table2: [
            totalOnlyNatural("19"), blanks(7),
            totalOnlyNatural("12"), totalOnlyNatural("1"),
            blanks(7), blanks(7), blanks(7), totalOnlyNatural("2"), blanks(7), blanks(7), blanks(7), blanks(7),
            totalOnlyNatural("1"), totalOnlyNatural("1"), blanks(7),
            totalOnlyNatural("2"), blanks(7), blanks(7), blanks(7), blanks(7),
            blanks(7), blanks(7), blanks(7),
            totalOnlyNatural("19"), blanks(7),
        ],
        table3: blanks(4) + ["0"] + blanks(4) + ["0"] + blanks(4) + ["0"])

    /// 自然人 and 总计 filled with the same number, the organisation columns blank.
    static func totalOnlyNatural(_ n: String) -> [String] { [n] + blanks(5) + [n] }
}
