import NianbaoModel

/// `requests.results_sum`: per column of table 2, total = the sum of the 21 result rows
/// granted … other.other.
enum RequestsResultsSum {
    static let id = FindingID.requestsResultsSum

    static let relations: [Relation] = RequestColumn.allCases.map { column in
        Relation(id: id,
                 lhs: [.requests(.total, column)],
                 rhs: RequestRow.results.map { .requests($0, column) },
                 description: "table 2 column \(column.rawValue) (\(column.label)): （七）总计 = sum of the 21 result rows",
                 anchor: .requests(.total, column))
    }

    /// The same where table 2 has one （六）其他处理 row (the 2019 template, FORMAT.md §2b): its
    /// 19 result rows.
    static let relationsWithOneOtherRow: [Relation] = RequestColumn.allCases.map { column in
        Relation(id: id,
                 lhs: [.requests(.total, column)],
                 rhs: RequestRow.results.filter { $0.group != .other }.map { .requests($0, column) } + [.otherProcessingKey(column)],
                 description: "table 2 column \(column.rawValue) (\(column.label)): （七）总计 = sum of the 19 result rows",
                 anchor: .requests(.total, column))
    }
}
