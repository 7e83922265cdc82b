import NianbaoModel

/// The checks between two consecutive years of one agency (FORMAT.md §4):
/// - `cross_year.carried_over`: per applicant column, this year's 上年结转 equals last
///   year's 结转下年度继续办理;
/// - `cross_year.in_force`: for regulations and normative documents, last year's 现行有效
///   plus this year's 制发 equals this year's 现行有效 plus this year's 废止.
/// Severities follow the single-report checks. Findings belong to the later report, point at
/// its cells' pages and lines, and say the earlier year's values.
public enum CrossYear {
    public static let carriedOverID = FindingID.crossYearCarriedOver
    public static let inForceID = FindingID.crossYearInForce

    /// Findings on `later` against `earlier`, when `later` is the year after `earlier`.
    /// Across templates (a 2020 report of the 2019 template, then 2021's) only what both share
    /// is checked: table 2's carried_over (FORMAT.md §2b); in_force is the 2021 table 1's.
    public static func check(earlier: Report, later: Report) -> [Finding] {
        guard let from = earlier.year, let to = later.year, to == from + 1 else { return [] }
        var findings: [Finding] = []
        for column in RequestColumn.allCases {
            let now = CellKey.requests(.carriedOver, column), before = CellKey.requests(.carriedForward, column)
            guard let outcome = Balance(left: [later[now]], right: [earlier[before]]) else { continue }
            findings.append(Finding(
                id: carriedOverID, severity: outcome.severity,
                message: "table 2 column \(column.rawValue): carried_over = \(from)'s carried_forward: \(outcome.sums)",
                line: later[now].line, page: later[now].page, keys: [now], relation: outcome.relation(left: [now], right: [before])))
        }
        for row in [ActiveRow.regulations, .normativeDocuments] where earlier.template == .y2021 && later.template == .y2021 {
            let inForce = CellKey.active(row, "in_force"), issued = CellKey.active(row, "issued"), repealed = CellKey.active(row, "repealed")
            guard let outcome = Balance(left: [earlier[inForce], later[issued]], right: [later[inForce], later[repealed]]) else { continue }
            findings.append(Finding(
                id: inForceID, severity: outcome.severity,
                message: "table 1 row \(row.rawValue): \(from)'s in_force + issued = in_force + repealed: \(outcome.sums)",
                line: later[inForce].line, page: later[inForce].page, keys: [issued, repealed, inForce],
                relation: outcome.relation(left: [inForce, issued], right: [inForce, repealed])))
        }
        return findings
    }

    /// Cross-year findings for a set of reports, by position: each report is checked against
    /// the first one given of the same agency and the year before.
    public static func findings(_ reports: [Report]) -> [[Finding]] {
        var byAgencyYear: [String: [Int: Int]] = [:]
        for (i, report) in reports.enumerated() where !report.agency.isEmpty {
            guard let year = report.year, byAgencyYear[report.agency]?[year] == nil else { continue }
            byAgencyYear[report.agency, default: [:]][year] = i
        }
        return reports.map { report in
            guard let year = report.year, let previous = byAgencyYear[report.agency]?[year - 1] else { return [] }
            return check(earlier: reports[previous], later: report)
        }
    }
}
