/// What a finding is about, stable across versions: `requests.balance`, `parse.row_short`, …
/// Parse ids are open-ended (`parse.*`); the checks' ids are the constants below. Encoded as
/// its plain string.
public struct FindingID: RawRepresentable, Hashable, Comparable, Sendable, Codable, ExpressibleByStringLiteral, CustomStringConvertible {
    public let rawValue: String

    public init(rawValue: String) { self.rawValue = rawValue }
    public init(stringLiteral value: String) { rawValue = value }

    public init(from decoder: Decoder) throws { rawValue = try decoder.singleValueContainer().decode(String.self) }
    public func encode(to encoder: Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(rawValue)
    }

    public var description: String { rawValue }
    public static func < (a: FindingID, b: FindingID) -> Bool { a.rawValue < b.rawValue }

    /// Found while reading the report, not by a check.
    public var isParse: Bool { rawValue.hasPrefix("parse.") }

    /// Table 2, per column: new + carried over = total + carried forward.
    public static let requestsBalance: FindingID = "requests.balance"
    /// Table 2, per row: total = the six applicant columns.
    public static let requestsRowSum: FindingID = "requests.row_sum"
    /// Table 2, per column: （七）总计 = the 21 result rows.
    public static let requestsResultsSum: FindingID = "requests.results_sum"
    /// Table 3, per group: total = upheld + corrected + other + pending.
    public static let reviewSum: FindingID = "review.sum"
    /// Two years, per column: this year's carried over = last year's carried forward.
    public static let crossYearCarriedOver: FindingID = "cross_year.carried_over"
    /// Two years, table 1: last year's in force + issued = in force + repealed.
    public static let crossYearInForce: FindingID = "cross_year.in_force"
}
