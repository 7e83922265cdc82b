import NianbaoModel

/// `requests.row_sum`: per row of table 2, total = natural + commercial + research +
/// social + legal_service + other.
enum RequestsRowSum {
    static let id = FindingID.requestsRowSum

    static let relations: [Relation] = RequestRow.allCases.map { row in
        Relation(id: id,
                 lhs: [.requests(row, .total)],
                 rhs: RequestColumn.applicants.map { .requests(row, $0) },
                 description: "table 2 row \(row.rawValue) (\(row.label)): total = sum of the six applicant columns",
                 anchor: .requests(row, .total))
    }
}
