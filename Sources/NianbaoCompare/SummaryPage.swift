import NianbaoLayout

/// The one-page summary a county office puts in a 通报: each unit's key figures with its
/// place (名次, highest first; equal values share a place; units without a figure have none).
/// Units are rows; past 20 they stand in two blocks side by side, so that 40 fit one page.
enum SummaryPage {
    /// The figures the summary ranks, by metric key, in this order.
    static let keys = ["requests.new.total", "derived.requests.received", "derived.requests.disclosure_rate", "review.total"]

    /// Competition ranking: 1, 2, 2, 4 … by value, highest first; nil for no value.
    static func ranks(_ values: [Double?]) -> [Int?] {
        values.map { v in v.map { x in 1 + values.compactMap { $0 }.filter { $0 > x }.count } }
    }

    /// The summary table, or nil when the sheet has none of the key figures or fewer than two
    /// units, or is one agency's years (a year is not ranked against another).
    static func table(_ sheet: ComparisonSheet, dropping prefix: String) -> TableSpec? {
        guard !sheet.isOneAgencyOverYears else { return nil }
        let units = sheet.columns.indices.filter { sheet.columns[$0].isReport }
        let rows = keys.compactMap { key in sheet.rows.first { $0.metric.key == key } }
        guard units.count >= 2, !rows.isEmpty else { return nil }
        let blocks = units.count > 20 ? 2 : 1
        let perBlock = (units.count + blocks - 1) / blocks
        let places = rows.map { row in Self.ranks(units.map { row.values[$0].number }) }
        var cells: [TableSpec.Cell] = []
        let width = 1 + 2 * rows.count  // unit, then value and place of each figure
        for b in 0..<blocks {
            let x = b * width
            cells.append(.init(0, x, "单位", rowSpan: 2, heading: true))
            for (m, row) in rows.enumerated() {
                cells.append(.init(0, x + 1 + 2 * m, row.metric.label, columnSpan: 2, heading: true))
                cells.append(.init(1, x + 1 + 2 * m, "数值", heading: true))
                cells.append(.init(1, x + 2 + 2 * m, "名次", heading: true))
            }
            for r in 0..<perBlock {
                let n = b * perBlock + r
                guard n < units.count else { break }
                let unit = units[n]
                var name = TableSpec.Cell(2 + r, x, ComparisonExport.printedName(String(sheet.columns[unit].label.dropFirst(prefix.count)), sheet.columns[unit]), alignment: .left)
                name.breaking = .name
                cells.append(name)
                for (m, row) in rows.enumerated() {
                    cells.append(.init(2 + r, x + 1 + 2 * m, row.values[unit].display))
                    cells.append(.init(2 + r, x + 2 + 2 * m, places[m][n].map(String.init) ?? "—"))
                }
            }
        }
        let unitShare = 0.3, figures = (1 - unitShare) / Double(2 * rows.count)
        let one = [unitShare] + (0..<(2 * rows.count)).map { $0 % 2 == 0 ? figures * 1.15 : figures * 0.85 }
        return TableSpec(columns: Array(repeating: one, count: blocks).flatMap { $0 }, headerRows: 2, rowCount: 2 + perBlock, cells: cells)
    }
}
