import NianbaoModel

/// `requests.balance`: per column, new + carried_over = total + carried_forward
/// (the 勾稽关系 printed above table 2).
enum RequestsBalance {
    static let id = FindingID.requestsBalance

    static let relations: [Relation] = RequestColumn.allCases.map { column in
        Relation(id: id,
                 lhs: [.requests(.new, column), .requests(.carriedOver, column)],
                 rhs: [.requests(.total, column), .requests(.carriedForward, column)],
                 description: "table 2 column \(column.rawValue) (\(column.label)): new + carried_over = total + carried_forward",
                 anchor: .requests(.total, column))
    }
}
