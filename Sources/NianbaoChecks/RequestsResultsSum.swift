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
}
