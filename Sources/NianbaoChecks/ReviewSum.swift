import NianbaoModel

/// `review.sum`: per group of table 3, total = upheld + corrected + other + pending.
enum ReviewSum {
    static let id = FindingID.reviewSum

    static let relations: [Relation] = ReviewGroup.allCases.map { group in
        Relation(id: id,
                 lhs: [.review(group, .total)],
                 rhs: ReviewColumn.parts.map { .review(group, $0) },
                 description: "table 3 \(group.rawValue) (\(group.label)): total = upheld + corrected + other + pending",
                 anchor: .review(group, .total))
    }
}
