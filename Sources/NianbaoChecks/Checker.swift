import NianbaoModel

/// Runs the arithmetic checks of FORMAT.md §4 on a report.
public enum Checker {
    /// The ids of all checks, in the order they run.
    public static let checkIDs = [RequestsBalance.id, RequestsRowSum.id, RequestsResultsSum.id, ReviewSum.id]

    private static let relations = RequestsBalance.relations + RequestsRowSum.relations
        + RequestsResultsSum.relations + ReviewSum.relations
    /// Where table 2 has one （六）其他处理 row (the 2019 template, or a 2021 report that kept it):
    /// that row is a result row and a row of its own.
    private static let relationsWithOneOtherRow = RequestsBalance.relations + RequestsRowSum.relations
        + RequestsRowSum.otherProcessing + RequestsResultsSum.relationsWithOneOtherRow + ReviewSum.relations

    /// The findings of every check on `report`, with the relations of its template.
    public static func check(_ report: Report) -> [Finding] {
        let relations = report.hasOtherProcessingRow ? relationsWithOneOtherRow : relations
        return relations.compactMap { $0.evaluate(report) }
    }

    /// Parse findings and check findings of one parsed report, with `extra` ones (such as
    /// `CrossYear`'s), in source order: by page (a PDF's), then line.
    public static func findings(for parsed: ParsedReport, with extra: [Finding] = []) -> [Finding] {
        (parsed.findings + check(parsed.report) + extra).sorted { ($0.page ?? 0, $0.line ?? 0) < ($1.page ?? 0, $1.line ?? 0) }
    }
}
