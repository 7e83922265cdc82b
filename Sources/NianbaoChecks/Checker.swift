import NianbaoModel

/// Runs the arithmetic checks of FORMAT.md §4 on a report.
public enum Checker {
    /// The ids of all checks, in the order they run.
    public static let checkIDs = [RequestsBalance.id, RequestsRowSum.id, RequestsResultsSum.id, ReviewSum.id]

    private static let relations = RequestsBalance.relations + RequestsRowSum.relations
        + RequestsResultsSum.relations + ReviewSum.relations

    /// The findings of every check on `report`. A report of the 2019 template is not
    /// checked: its cells were not read.
    public static func check(_ report: Report) -> [Finding] {
        guard report.template == .y2021 else { return [] }
        return relations.compactMap { $0.evaluate(report) }
    }

    /// Parse findings and check findings of one parsed report, with `extra` ones (such as
    /// `CrossYear`'s), in line order.
    public static func findings(for parsed: ParsedReport, with extra: [Finding] = []) -> [Finding] {
        (parsed.findings + check(parsed.report) + extra).sorted { ($0.line ?? 0) < ($1.line ?? 0) }
    }
}
