import NianbaoModel

/// An equation between two sums of cells, the shape every check of FORMAT.md §4 has.
///
/// Evaluation follows FORMAT.md's severities: a relation that fails with every cell a
/// number is an error. One that fails only because blank or placeholder cells were read as
/// 0 is a warning, which is the case when such cells stand on the smaller side (they could
/// make up the difference); when they stand only on the larger side no value could mend it,
/// so it is an error too. Relations with an unreadable cell are skipped: the parse finding
/// already says so.
struct Relation {
    let id: FindingID
    let lhs: [CellKey]
    let rhs: [CellKey]
    /// How the relation reads in a message, e.g. `new + carried_over = total + carried_forward`.
    let description: String
    /// The cell the finding points at: its page and line are reported.
    let anchor: CellKey

    func evaluate(_ report: Report) -> Finding? {
        guard let outcome = Balance(left: lhs.map { report[$0] }, right: rhs.map { report[$0] }) else { return nil }
        let keys = lhs + rhs
        // Page and line from one cell: in a PDF the line counts lines on that cell's page.
        let place = report[anchor].line != nil ? report[anchor] : keys.lazy.map { report[$0] }.first { $0.line != nil }
        return Finding(id: id, severity: outcome.severity, message: "\(description): \(outcome.sums)",
                       line: place?.line, page: place?.page, keys: keys,
                       relation: outcome.relation(left: lhs, right: rhs))
    }
}

/// Two sums of cells that should be equal and are not, with the severity FORMAT.md gives
/// it (see `Relation`). Nil when they agree, or when a cell is unreadable.
struct Balance {
    let left: Double
    let right: Double
    let severity: Finding.Severity

    init?(left lhs: [Cell], right rhs: [Cell]) {
        var left = 0.0, right = 0.0
        var assumedLeft = 0, assumedRight = 0
        for cell in lhs {
            guard let v = cell.valueForChecks else { return nil }
            left += v.value
            if v.assumed { assumedLeft += 1 }
        }
        for cell in rhs {
            guard let v = cell.valueForChecks else { return nil }
            right += v.value
            if v.assumed { assumedRight += 1 }
        }
        if abs(left - right) < 1e-9 { return nil }
        let couldMend = (left < right && assumedLeft > 0) || (right < left && assumedRight > 0)
        self.left = left
        self.right = right
        severity = couldMend ? .warning : .error
    }

    /// The finding's data: which cells stand on each side, and the sums.
    func relation(left keysLeft: [CellKey], right keysRight: [CellKey]) -> Finding.Relation {
        Finding.Relation(left: keysLeft, right: keysRight, leftSum: left, rightSum: right, countedBlankAsZero: severity == .warning)
    }

    /// `3 ≠ 5`, with a note when blank or placeholder cells were counted as 0.
    var sums: String {
        relation(left: [], right: []).sums + (severity == .warning ? " (blank or placeholder cells were counted as 0)" : "")
    }
}
