import NianbaoModel

/// Several agencies' reports side by side: metrics as rows, agencies (or years of one
/// agency, with the change) as columns, with highest/lowest marks and the cells that
/// fail a check. Every output (CSV, text, Markdown, PDF handout) is drawn from this.
public struct ComparisonSheet: Sendable {
    public struct Column: Sendable, Equatable {
        public enum Kind: Sendable, Equatable {
            /// The report at this index of the inputs.
            case report(Int)
            /// The change from one report to a later one of the same agency.
            case change(from: Int, to: Int)
        }
        public var kind: Kind
        /// A report's own column, not a change column.
        public var isReport: Bool { if case .report = kind { return true } else { return false } }
        /// Header text, e.g. `新县人民政府办公室` or `新县人民政府办公室 2022`.
        public var label: String
        public var agency: String
        public var year: Int?
        /// Footnotes about the whole report (how its blank cells entered the derived figures):
        /// print marks them beside its name, not on each figure.
        public var notes: [Int] = []
    }

    public enum Mark: String, Sendable, Equatable { case highest, lowest }

    public struct Value: Sendable, Equatable {
        /// As printed in CSV: counts as integers, the fee as written, rates as 4-place decimals, "" when empty.
        public var csv: String
        /// As printed in text and PDF: rates as percentages.
        public var display: String
        public var number: Double?
        public var mark: Mark?
        /// Indices into `footnotes` of the check errors this cell takes part in.
        public var footnotes: [Int]
    }

    public struct Row: Sendable {
        public var metric: Metric
        public var values: [Value]
    }

    public var title: String
    public var columns: [Column]
    public var rows: [Row]
    /// Chinese explanations of the check errors and of how blank cells entered the derived
    /// figures (`BlankReading`), numbered from 1 in the output.
    public var footnotes: [String]
    /// For each footnote, the index in `columns` of the report it is about: a handout prints
    /// it beside the part of the table that holds that column.
    public var footnoteColumns: [Int] = []
    /// The metric key the columns were ranked by (`--sort`), nil for the order given.
    public var sortedBy: String?

    /// Several agencies over several years (a county's 2021–2024 reports): a part per metric,
    /// agencies as rows and years as columns, ranks within each year.
    /// At least two agencies have two years or more: a comparison of units with one unit's
    /// second year among them stays a comparison of units.
    public var isAgenciesOverYears: Bool {
        let reports = columns.filter(\.isReport)
        let yearsByAgency = Dictionary(grouping: reports, by: \.agency).mapValues { Set($0.compactMap(\.year)).count }
        return yearsByAgency.values.filter { $0 >= 2 }.count >= 2
    }

    /// Years of one agency: its reports are read as a series, not ranked against each other.
    public var isOneAgencyOverYears: Bool {
        let reports = columns.filter(\.isReport)
        return reports.count >= 2 && Set(reports.map(\.agency)).count == 1
    }
}

/// An input of a comparison: a report and its findings (parse and check).
public struct ComparisonInput: Sendable {
    public var report: Report
    public var findings: [Finding]
    /// The file the report came from, shown for an agency whose title was not found.
    public var source: String?
    public init(report: Report, findings: [Finding], source: String? = nil) {
        self.report = report
        self.findings = findings
        self.source = source
    }
}
