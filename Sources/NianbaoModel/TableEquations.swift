/// The arithmetic a report's tables must satisfy (FORMAT.md §4), as plain equations between
/// sums of cells: what the checks evaluate and what the table solver uses to decide cells
/// whose boundaries were lost (FORMAT.md §7).
public struct TableEquation: Sendable, Equatable {
    public let lhs: [CellKey]
    public let rhs: [CellKey]

    public init(lhs: [CellKey], rhs: [CellKey]) {
        self.lhs = lhs
        self.rhs = rhs
    }

    /// Every key the equation involves.
    public var keys: [CellKey] { lhs + rhs }
}

public enum TableEquations {
    /// Table 2's equations: each row's total is the sum of its six applicant cells, each column
    /// balances (new + carried_over = total + carried_forward) and its result rows sum to
    /// （七）总计 — the 21 of the 2021 template, or 19 with the single （六）其他处理 row.
    public static func table2(oneOtherRow: Bool) -> [TableEquation] {
        let rows = RequestRow.allCases.filter { !(oneOtherRow && $0.group == .other) }
        var out: [TableEquation] = rows.map { row in
            TableEquation(lhs: [.requests(row, .total)], rhs: RequestColumn.applicants.map { .requests(row, $0) })
        }
        if oneOtherRow {
            out.append(TableEquation(lhs: [.otherProcessingKey(.total)], rhs: RequestColumn.applicants.map { .otherProcessingKey($0) }))
        }
        for column in RequestColumn.allCases {
            out.append(TableEquation(lhs: [.requests(.new, column), .requests(.carriedOver, column)],
                                     rhs: [.requests(.total, column), .requests(.carriedForward, column)]))
            let results = RequestRow.results.filter { !(oneOtherRow && $0.group == .other) }.map { CellKey.requests($0, column) }
            out.append(TableEquation(lhs: [.requests(.total, column)], rhs: results + (oneOtherRow ? [.otherProcessingKey(column)] : [])))
        }
        return out
    }

    /// Table 3's equations: each group's total is the sum of its four results.
    public static let table3: [TableEquation] = ReviewGroup.allCases.map { group in
        TableEquation(lhs: [.review(group, .total)], rhs: ReviewColumn.parts.map { .review(group, $0) })
    }
}
