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

extension RequestsRowSum {
    /// The single （六）其他处理 row's sum (FORMAT.md §2b).
    static let otherProcessing = [
        Relation(id: id,
                 lhs: [.otherProcessingKey(.total)],
                 rhs: RequestColumn.applicants.map { .otherProcessingKey($0) },
                 description: "table 2 row other_processing (（六）其他处理): total = sum of the six applicant columns",
                 anchor: .otherProcessingKey(.total)),
    ]
}
