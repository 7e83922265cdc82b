/// The canonical dotted key of one statistical cell (FORMAT.md §2, §2b).
///
/// The 2021 template has exactly 200 keys; `CellKey.all` lists them in canonical order, which
/// is the order of every machine-readable export. The 2019 template's table 1 (22 keys) and
/// the single （六）其他处理 row (7 keys) follow them (`extended`); `keys(for:)` gives a
/// template's keys in export order. A key knows its position (`ordinal`) so that a report can
/// hold its cells in a plain array (`stored`).
public struct CellKey: Hashable, Comparable, Sendable, CustomStringConvertible, Codable {
    /// The dotted key, e.g. `requests.granted.natural`.
    public let rawValue: String
    /// Position in `stored`: 0..<200 for the 2021 template's keys, then the extended ones.
    public let ordinal: Int

    public var description: String { rawValue }

    public static func < (a: CellKey, b: CellKey) -> Bool { a.ordinal < b.ordinal }

    // A key is its ordinal (one name each): hashed and compared as an Int, not as its dotted
    // name (string hashing of keys was a visible part of a parse).
    public static func == (a: CellKey, b: CellKey) -> Bool { a.ordinal == b.ordinal }
    public func hash(into hasher: inout Hasher) { hasher.combine(ordinal) }

    /// Looks a key up by its dotted name; nil for anything that is not a key of either template.
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

    /// The keys beyond the 200: the 2019 template's table 1 (`active2019.*`, 22), then the single
    /// （六）其他处理 row of table 2 (`requests.other_processing.*`, 7).
    public static let extended: [CellKey] = {
        var names: [String] = []
        for row in Active2019Row.allCases {
            for column in row.columns { names.append("active2019.\(row.rawValue).\(column)") }
        }
        for column in RequestColumn.allCases { names.append("requests.other_processing.\(column.rawValue)") }
        return names.enumerated().map { CellKey(raw: $1, ordinal: all.count + $0) }
    }()

    /// Every key, in the order a report stores its cells: `all`, then `extended`.
    public static let stored: [CellKey] = all + extended

    /// The seven keys of the single （六）其他处理 row.
    public static let otherProcessing: [CellKey] = Array(extended.suffix(RequestColumn.allCases.count))

    /// The 2019 template's 198 keys in export order (FORMAT.md §2b): its table 1, table 2 with
    /// the single （六）其他处理 row in place of the three `other.*` rows, table 3.
    public static let template2019: [CellKey] = {
        let table1 = Array(extended.prefix(Active2019Row.cellCount))
        var table2: [CellKey] = []
        for row in RequestRow.allCases {
            if row == .noCorrection { table2 += otherProcessing }
            if row.group == .other { continue }
            table2 += RequestColumn.allCases.map { requests(row, $0) }
        }
        let table3 = ReviewGroup.allCases.flatMap { g in ReviewColumn.allCases.map { review(g, $0) } }
        return table1 + table2 + table3
    }()

    private static let byName: [String: CellKey] = Dictionary(uniqueKeysWithValues: stored.map { ($0.rawValue, $0) })

    /// The key of the 2019 table 1's row `row` and column `column` (a name from `row.columns`).
    public static func active2019(_ row: Active2019Row, _ column: String) -> CellKey {
        CellKey("active2019.\(row.rawValue).\(column)")!
    }

    /// The key of the single （六）其他处理 row's `column`.
    public static func otherProcessingKey(_ column: RequestColumn) -> CellKey { otherProcessing[column.index] }

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
    public var isAmount: Bool { Self.kinds[ordinal] & Self.amountBit != 0 }

    /// Whether the cell holds 本年增/减, a count that may be negative (2019 template).
    public var isSigned: Bool { Self.kinds[ordinal] & Self.signedBit != 0 }

    /// Whether the cell holds 采购总金额, a sum of money written with its unit (2019 template).
    public var isMoney: Bool { Self.kinds[ordinal] & Self.moneyBit != 0 }

    private static let amountBit: UInt8 = 1, signedBit: UInt8 = 2, moneyBit: UInt8 = 4
    /// The three kinds above for every stored key, by ordinal, told once from the names (asked
    /// of every cell read, the name comparisons were a visible part of a parse).
    private static let kinds: [UInt8] = stored.map { key in
        let raw = key.rawValue
        return (raw == "active.fees.amount" ? amountBit : 0)
            | (raw.hasPrefix("active2019.") && raw.hasSuffix(".change") ? signedBit : 0)
            | (raw == "active2019.procurement.amount" ? moneyBit : 0)
    }
}

extension CaseIterable where Self: Equatable, AllCases.Index == Int {
    /// Position of the case in `allCases`.
    public var index: Int { Self.allCases.firstIndex(of: self)! }
}
