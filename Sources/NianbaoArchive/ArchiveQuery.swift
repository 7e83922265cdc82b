import NianbaoCompare
import NianbaoModel

/// A question to the archive page: which reports (filters), in which order (any column, cell
/// or derived metric), which page of them.
public struct ArchiveQuery: Sendable, Equatable {
    /// The report columns the page can sort by besides cells and metrics.
    public enum Column: String, CaseIterable, Sendable {
        case agency, year, template, verdict, errors, warnings, path
    }

    /// Part of the agency's name (`汉阴`), or nil for every agency.
    public var agency: String?
    public var year: Int?
    /// `2021` or `2019`.
    public var template: String?
    /// ok, warnings or errors.
    public var verdict: String?
    /// A `Column`'s name, a cell key (`requests.new.total`) or a derived metric
    /// (`derived.requests.received`).
    public var sort: String
    public var descending: Bool
    public var limit: Int
    public var offset: Int

    public init(agency: String? = nil, year: Int? = nil, template: String? = nil, verdict: String? = nil,
                sort: String = Column.agency.rawValue, descending: Bool = false, limit: Int = 50, offset: Int = 0) {
        self.agency = agency
        self.year = year
        self.template = template
        self.verdict = verdict
        self.sort = sort
        self.descending = descending
        self.limit = limit
        self.offset = offset
    }

    /// What `sort` names, checked: a column, a cell, or a derived metric.
    enum SortKey: Equatable {
        case column(Column)
        case cell(CellKey)
        case metric(Metric.Derived)

        init(_ name: String) throws(ArchiveError) {
            if let column = Column(rawValue: name) { self = .column(column) }
            else if let key = CellKey(name) { self = .cell(key) }
            else if let derived = Metric.Derived(rawValue: name) { self = .metric(derived) }
            else { throw .unknownSortKey(name) }
        }
    }
}

/// One report as the archive page lists it.
public struct ArchiveRow: Sendable, Equatable {
    public var reportID: Int64
    public var path: String
    public var agency: String
    public var year: Int?
    public var template: String
    public var verdict: String
    public var errors: Int
    public var warnings: Int
    /// 收到申请（新收＋结转）: the headline figure every row shows; nil when an operand is blank.
    public var received: Double?
    /// The value sorted by, when sorting by a cell or metric; nil when it has none (blank,
    /// placeholder, unreadable, zero divisor).
    public var sortValue: Double?
    /// The sorted cell as exported (`/`, ``, `?`), when sorting by a cell.
    public var sortText: String?
}

/// A page of the archive's answer and how many reports matched in all.
public struct ArchiveResults: Sendable, Equatable {
    public var rows: [ArchiveRow]
    public var total: Int
}

/// What the archive holds, for the page's filter choices and headline.
public struct ArchiveFacets: Sendable, Equatable {
    public var reports: Int
    /// Inputs recorded as failed (no report).
    public var failed: Int
    public var agencies: Int
    public var years: [Int]
    public var templates: [String]
    /// Reports per verdict (ok, warnings, errors).
    public var verdicts: [String: Int]
}

/// One cell as the archive holds it.
public struct ArchivedCell: Sendable, Equatable {
    public var state: String
    /// As exported: the number as printed, `` for blank, the placeholder, `?` for unreadable.
    public var value: String
    public var number: Double?
    public var solved: Bool
    public var line: Int?
    public var page: Int?
}

/// One finding as the archive holds it.
public struct ArchivedFinding: Sendable, Equatable {
    public var id: String
    public var severity: String
    public var message: String
    public var cells: [String]
    public var line: Int?
    public var page: Int?
}

/// One report with everything the agency page shows.
public struct ArchivedReport: Sendable, Equatable {
    public var reportID: Int64
    public var path: String
    public var title: String
    public var agency: String
    public var year: Int?
    public var template: String
    public var verdict: String
    public var errors: Int
    public var warnings: Int
    /// By cell key.
    public var cells: [String: ArchivedCell]
    /// By derived metric key; a metric without a value is absent.
    public var metrics: [String: Double]
    public var findings: [ArchivedFinding]
}
