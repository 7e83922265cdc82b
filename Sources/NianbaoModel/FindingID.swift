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

    // Parse findings: what the reader met (FORMAT.md §3, §5, §7).
    /// A table row got fewer numbers than it has cells (blank cells vanish from PDF text).
    public static let rowShort: FindingID = "parse.row_short"
    /// A table row got more numbers than it has cells.
    public static let rowLong: FindingID = "parse.row_long"
    /// Numbers whose label names no row still open.
    public static let rowUnrecognized: FindingID = "parse.row_unrecognized"
    /// A row of a table was not found.
    public static let rowMissing: FindingID = "parse.row_missing"
    /// A row placed by its item number inside its group, its words naming none (a typo).
    public static let rowByNumber: FindingID = "parse.row_by_number"
    /// No row of a table could be read.
    public static let tableMissing: FindingID = "parse.table_missing"
    /// A table's text runs column by column: which number is whose cannot be told.
    public static let columnOrder: FindingID = "parse.column_order"
    /// A cell's text is not a value of its kind.
    public static let cellUnreadable: FindingID = "parse.cell_unreadable"
    /// A 2021 table with the 2019 template's single （六）其他处理 row.
    public static let hybridTemplate: FindingID = "parse.hybrid_template"
    /// Glued digits read by the table's arithmetic (exactly one reading fits).
    public static let solved: FindingID = "parse.solved"
    /// Glued digits that no single reading of the table decides.
    public static let unsolved: FindingID = "parse.unsolved"
    /// No report title: agency and year unknown.
    public static let titleMissing: FindingID = "parse.title_missing"
    /// Several report titles before the tables; the nearest was taken.
    public static let titleAmbiguous: FindingID = "parse.title_ambiguous"
    /// A section heading was not found.
    public static let sectionMissing: FindingID = "parse.section_missing"
    /// The report starts again (pasted twice); only the first copy is read.
    public static let duplicateReport: FindingID = "parse.duplicate_report"
    /// The report stood on one line and was broken at its headings and row labels.
    public static let oneLine: FindingID = "parse.one_line"
}
