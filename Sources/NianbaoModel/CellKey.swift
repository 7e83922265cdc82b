/// The canonical dotted key of one statistical cell (FORMAT.md §2).
///
/// There are exactly 200 keys; `CellKey.all` lists them in canonical order, which is the
/// order of every machine-readable export. A key knows its position (`ordinal`) so that a
/// report can hold its cells in a plain array.
public struct CellKey: Hashable, Comparable, Sendable, CustomStringConvertible, Codable {
    /// The dotted key, e.g. `requests.granted.natural`.
    public let rawValue: String
    /// Position in canonical order, 0..<200.
    public let ordinal: Int

    public var description: String { rawValue }

    public static func < (a: CellKey, b: CellKey) -> Bool { a.ordinal < b.ordinal }

    /// Looks a key up by its dotted name; nil for anything that is not one of the 200.
    public init?(_ rawValue: String) {
        guard let key = CellKey.byName[rawValue] else { return nil }
        self = key
    }

    private init(raw: String, ordinal: Int) {
        self.rawValue = raw
        self.ordinal = ordinal
    }

    public init(from decoder: Decoder) throws {
        let raw = try decoder.singleValueContainer().decode(String.self)
        guard let key = CellKey(raw) else {
            throw DecodingError.dataCorrupted(.init(codingPath: decoder.codingPath, debugDescription: "unknown cell key \(raw)"))
        }
        self = key
    }

    public func encode(to encoder: Encoder) throws {
        var c = encoder.singleValueContainer()
        try c.encode(rawValue)
    }

    /// All 200 keys in canonical order: table 1, table 2 row by row, table 3 group by group.
    public static let all: [CellKey] = {
        var names: [String] = []
        for row in ActiveRow.allCases {
            for column in row.columns { names.append("active.\(row.rawValue).\(column)") }
        }
        for row in RequestRow.allCases {
            for column in RequestColumn.allCases { names.append("requests.\(row.rawValue).\(column.rawValue)") }
        }
        for group in ReviewGroup.allCases {
            for column in ReviewColumn.allCases { names.append("\(group.rawValue).\(column.rawValue)") }
        }
        return names.enumerated().map { CellKey(raw: $1, ordinal: $0) }
    }()

    private static let byName: [String: CellKey] = Dictionary(uniqueKeysWithValues: all.map { ($0.rawValue, $0) })

    /// The key of table 1's row `row` and column `column` (a column name from `row.columns`).
    public static func active(_ row: ActiveRow, _ column: String) -> CellKey {
        CellKey("active.\(row.rawValue).\(column)")!
    }

    /// The key of table 2's cell at `row`, `column`.
    public static func requests(_ row: RequestRow, _ column: RequestColumn) -> CellKey {
        all[ActiveRow.cellCount + row.index * RequestColumn.allCases.count + column.index]
    }

    /// The key of table 3's cell at `group`, `column`.
    public static func review(_ group: ReviewGroup, _ column: ReviewColumn) -> CellKey {
        all[ActiveRow.cellCount + RequestRow.cellCount + group.index * ReviewColumn.allCases.count + column.index]
    }

    /// Whether the cell holds the fee (a decimal in 万元) rather than a count.
    public var isAmount: Bool { rawValue == "active.fees.amount" }
}

extension CaseIterable where Self: Equatable, AllCases.Index == Int {
    /// Position of the case in `allCases`.
    public var index: Int { Self.allCases.firstIndex(of: self)! }
}
