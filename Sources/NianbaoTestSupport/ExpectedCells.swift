import NianbaoModel

/// Expected cells of the four bundled samples, written down by reading each report (used by
/// the ingest tests on the text and by the file tests on PDF, HTML and DOCX made from it).
/// Expected cells of a report, written down by reading the report, row by row in the
/// template's layout. `""` is a blank cell; any other string is the cell as printed.
public struct ExpectedCells: Sendable {
    public var table1: [[String]]   // 6 rows: 3, 3, 1, 1, 1, 1 values
    public var table2: [[String]]   // 25 rows × 7
    public var table3: [String]     // 15

    public init(table1: [[String]], table2: [[String]], table3: [String]) {
        self.table1 = table1
        self.table2 = table2
        self.table3 = table3
    }

    /// key → printed value, in canonical order.
    public var byKey: [(CellKey, String)] {
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

    public static func row(_ s: String) -> [String] {
        s.split(separator: " ", omittingEmptySubsequences: false).map { $0 == "_" ? "" : String($0) }
    }
    public static func zeros(_ n: Int) -> [String] { Array(repeating: "0", count: n) }
    public static func blanks(_ n: Int) -> [String] { Array(repeating: "", count: n) }
    /// Only the total column filled.
    public static func totalOnly(_ t: String) -> [String] { blanks(6) + [t] }

    // 西峡县人民政府 2022 — PDF text, row shape; title after the first heading.
    public static let xixia = ExpectedCells(
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
    public static let jianxi = ExpectedCells(
        table1: [row("0 0 0"), row("3 10 12"), ["0"], ["0"], ["0"], ["0"]],
        table2: Array(repeating: zeros(7), count: 25),
        table3: zeros(15))

    // 新县人民政府办公室 2021 — Markdown with TSV tables; several rows have only 总计 filled.
    public static let xin = ExpectedCells(
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
    public static let hanyin = ExpectedCells(
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
    public static func totalOnlyNatural(_ n: String) -> [String] { [n] + blanks(5) + [n] }
}

extension ExpectedCells {
    /// The sample's expected cells by fixture name (`xixia-county-2022` …).
    public static func named(_ sample: String) -> ExpectedCells? {
        switch sample {
        case "xixia-county-2022": return .xixia
        case "jianxi-district-office-2022": return .jianxi
        case "xin-county-office-2021": return .xin
        case "hanyin-county-2022": return .hanyin
        default: return nil
        }
    }

    /// Every cell of `report` that differs from the expected printed value (blank must be
    /// blank, placeholders as written, numbers numbers), as readable lines.
    public func mismatches(in report: Report) -> [String] {
        var out: [String] = []
        for (key, value) in byKey {
            let cell = report[key]
            let ok: Bool
            switch value {
            case "": ok = cell.state == .blank
            case "/", "／", "—", "-", "无", "——", "－": ok = cell.state == .placeholder && cell.text == value
            default: ok = cell.state == .number && cell.text == value
            }
            if !ok { out.append("\(key): expected «\(value)», got \(cell.state) «\(cell.text)» (written «\(cell.written)»)") }
        }
        return out
    }
}
