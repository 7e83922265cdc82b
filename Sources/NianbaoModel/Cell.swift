/// One statistical cell as the report wrote it (FORMAT.md §3).
///
/// Blank, placeholder and 0 are different things: a blank cell was left empty, a
/// placeholder (`/`, `—`, `无` …) says "not applicable", and 0 is a number. All three
/// survive every export as written.
public struct Cell: Sendable, Equatable, Codable {
    /// What kind of content the cell had.
    public enum State: String, Sendable, Codable {
        /// A count or, for the fee, a decimal amount.
        case number
        /// Nothing was written.
        case blank
        /// Only dash or slash marks, or the word 无: "not applicable".
        case placeholder
        /// Something was there but could not be read as a number, or the row could not be
        /// placed; a parse finding says why.
        case unreadable
    }

    public var state: State
    /// The value as nianbao prints it: counts as plain ASCII integers (`1204`), the fee with
    /// the decimals it was written with (`36.5000`), placeholders as written (`/`), and the
    /// empty string for blank and unreadable cells.
    public var text: String
    /// The cell's text exactly as it stood in the source (after character normalization).
    public var written: String
    /// The numeric value when `state == .number`.
    public var number: Double?
    /// 1-based line of the source text the cell came from, when known.
    public var line: Int?
    /// The page the cell stood on, when the input was a PDF.
    public var page: Int?
    /// The unit a sum of money was written with (`元`, `万元`): 2019's 采购总金额.
    public var unit: String?
    /// The cell's boundaries were lost (digits glued together) and the table's arithmetic
    /// decided them: exactly one reading satisfied every equation (FORMAT.md §7).
    public var solved = false

    public init(state: State, text: String, written: String, number: Double? = nil, line: Int? = nil) {
        self.state = state
        self.text = text
        self.written = written
        self.number = number
        self.line = line
    }

    /// The value in the machine-readable exports (FORMAT.md §3): the number as printed, empty
    /// for blank, the placeholder as written, `?` for unreadable — four states, four spellings.
    public var exported: String { state == .unreadable ? "?" : text }

    /// A cell whose row was never found in the report.
    public static let missing = Cell(state: .unreadable, text: "", written: "")

    /// A blank cell (nothing written) from `line`.
    public static func blank(line: Int?) -> Cell { Cell(state: .blank, text: "", written: "", line: line) }

    /// A count, printed as a plain integer.
    public static func count(_ n: Int, written: String? = nil, line: Int? = nil) -> Cell {
        Cell(state: .number, text: String(n), written: written ?? String(n), number: Double(n), line: line)
    }

    /// The integer value of a count cell.
    public var count: Int? {
        guard state == .number, let number, number == number.rounded() else { return nil }
        return Int(number)
    }

    /// The value as used in arithmetic checks: blank and placeholder count as 0, and say so.
    public var valueForChecks: (value: Double, assumed: Bool)? {
        switch state {
        case .number: return (number ?? 0, false)
        case .blank, .placeholder: return (0, true)
        case .unreadable: return nil
        }
    }
}
