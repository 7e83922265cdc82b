/// A problem found in a report: by the parser (ids `parse.*`) or by a check
/// (`requests.balance`, …). Findings are data; nianbao's library never prints them.
public struct Finding: Sendable, Equatable, Codable {
    public enum Severity: String, Sendable, Codable, Comparable {
        case warning, error

        public static func < (a: Severity, b: Severity) -> Bool { a == .warning && b == .error }
    }

    /// Stable identifier, e.g. `requests.balance` or `parse.row_short`.
    public var id: FindingID
    public var severity: Severity
    /// One sentence saying what is wrong.
    public var message: String
    /// 1-based line in the source text the finding points at, when there is one.
    public var line: Int?
    /// The page, when the input was a PDF (`line` then counts lines on that page).
    public var page: Int?
    /// The cells involved, in canonical order.
    public var keys: [CellKey]
    /// For a check: the two sides that should be equal, as data (the message says the same
    /// in English; the handout's footnotes are written from this).
    public var relation: Relation?

    /// Two sums of cells that differ. For `CrossYear` a side may hold a key of the year
    /// before (the message says which).
    public struct Relation: Sendable, Equatable, Codable {
        public var left: [CellKey]
        public var right: [CellKey]
        public var leftSum: Double
        public var rightSum: Double
        /// Blank or placeholder cells were counted as 0 (the finding is then a warning).
        public var countedBlankAsZero: Bool

        public init(left: [CellKey], right: [CellKey], leftSum: Double, rightSum: Double, countedBlankAsZero: Bool) {
            self.left = left
            self.right = right
            self.leftSum = leftSum
            self.rightSum = rightSum
            self.countedBlankAsZero = countedBlankAsZero
        }

        /// `3 ≠ 5`.
        public var sums: String {
            let format = { (x: Double) in x == x.rounded() ? String(Int(x)) : String(x) }
            return "\(format(leftSum)) ≠ \(format(rightSum))"
        }
    }

    public init(id: FindingID, severity: Severity, message: String, line: Int? = nil, page: Int? = nil, keys: [CellKey] = [], relation: Relation? = nil) {
        self.relation = relation
        self.page = page
        self.id = id
        self.severity = severity
        self.message = message
        self.line = line
        self.keys = keys.sorted()
    }
}

extension Array where Element == Finding {
    /// Whether any finding is an error.
    public var hasErrors: Bool { contains { $0.severity == .error } }
    public var errorCount: Int { filter { $0.severity == .error }.count }
    public var warningCount: Int { filter { $0.severity == .warning }.count }
}
