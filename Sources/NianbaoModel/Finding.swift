/// A problem found in a report: by the parser (ids `parse.*`) or by a check
/// (`requests.balance`, …). Findings are data; nianbao's library never prints them.
public struct Finding: Sendable, Equatable, Codable {
    public enum Severity: String, Sendable, Codable, Comparable {
        case warning, error

        public static func < (a: Severity, b: Severity) -> Bool { a == .warning && b == .error }
    }

    /// Stable identifier, e.g. `requests.balance` or `parse.row_short`.
    public var id: String
    public var severity: Severity
    /// One sentence saying what is wrong.
    public var message: String
    /// 1-based line in the source text the finding points at, when there is one.
    public var line: Int?
    /// The page, when the input was a PDF (`line` then counts lines on that page).
    public var page: Int?
    /// The cells involved, in canonical order.
    public var keys: [CellKey]

    public init(id: String, severity: Severity, message: String, line: Int? = nil, page: Int? = nil, keys: [CellKey] = []) {
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
