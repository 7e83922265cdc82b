import NianbaoLayout

/// Several agencies over several years (a county's 2021–2024 reports): one part per metric,
/// agencies as rows and years as columns, each year's value with its place among the agencies
/// that year (名次), and each agency's trend as a small line in the last column.
extension HandoutLayout {
    /// The agencies in the sheet's order and the years in order, with the report column of each
    /// agency and year (nil where the agency has no report for that year).
    static func grid(_ sheet: ComparisonSheet) -> (agencies: [String], years: [Int], column: [[Int?]]) {
        var agencies: [String] = []
        for c in sheet.columns where c.isReport && !agencies.contains(c.agency) { agencies.append(c.agency) }
        let years = Array(Set(sheet.columns.filter(\.isReport).compactMap(\.year))).sorted()
        let column = agencies.map { agency in
            years.map { year in sheet.columns.indices.first { sheet.columns[$0].isReport && sheet.columns[$0].agency == agency && sheet.columns[$0].year == year } }
        }
        return (agencies, years, column)
    }

    /// The part of one metric: 单位 | each year's 数值 and 名次 | 趋势.
    func yearsTable(_ sheet: ComparisonSheet, _ row: ComparisonSheet.Row, prefix: String) -> TableSpec {
        let (agencies, years, column) = Self.grid(sheet)
        var cells: [TableSpec.Cell] = [.init(0, 0, "单位", rowSpan: 2, heading: true)]
        for (y, year) in years.enumerated() {
            cells.append(.init(0, 1 + 2 * y, "\(year)年", columnSpan: 2, heading: true))
            cells.append(.init(1, 1 + 2 * y, "数值", heading: true))
            cells.append(.init(1, 2 + 2 * y, "名次", heading: true))
        }
        let trend = 1 + 2 * years.count
        cells.append(.init(0, trend, "趋势", rowSpan: 2, heading: true))
        // Places within each year, among the agencies that have a value that year.
        let places = years.indices.map { y in SummaryPage.ranks(agencies.indices.map { a in column[a][y].flatMap { row.values[$0].number } }) }
        for (a, agency) in agencies.enumerated() {
            var name = TableSpec.Cell(2 + a, 0, String(agency.dropFirst(prefix.count)), alignment: .left)
            name.breaking = .name
            cells.append(name)
            for y in years.indices {
                let value = column[a][y].map { ComparisonExport.printed(row.values[$0], leaving: sheet.columns[$0].notes) } ?? "（无报告）"
                cells.append(.init(2 + a, 1 + 2 * y, value, header: false))
                cells.append(.init(2 + a, 2 + 2 * y, places[y][a].map(String.init) ?? "—", header: false))
            }
            cells.append(.init(2 + a, trend, "", header: false))
        }
        let label = 0.22, trendWidth = 0.16
        let perYear = (1 - label - trendWidth) / Double(2 * years.count)
        let widths = [label] + (0..<years.count).flatMap { _ in [perYear * 1.3, perYear * 0.7] } + [trendWidth]
        return TableSpec(columns: widths, headerRows: 2, rowCount: 2 + agencies.count, cells: cells)
    }

    /// One part per metric of the sheet, each agency's trend drawn in its row.
    func agenciesOverYears(_ sheet: ComparisonSheet, prefix: String, _ flow: inout PageFlow, _ outline: inout [OutlineEntry]) {
        let (agencies, years, column) = Self.grid(sheet)
        let tableLine = style.table.size * style.tableLineHeight
        for (n, row) in sheet.rows.enumerated() {
            let spec = yearsTable(sheet, row, prefix: prefix)
            let table = TableLayout(spec: spec, style: style, shaper: shaper)
            // A part stays on one page when it fits one; its caption goes with it.
            flow.advance(n > 0 ? min(tableLine, flow.remaining) : 0)
            flow.ensure(min(tableLine * 1.3 + table.height(width: flow.width), flow.geometry.typeHeight))
            outline.append(OutlineEntry(title: "\(n + 1)．\(row.metric.label)", level: 1, page: flow.pageIndex, y: flow.y))
            let caption = TextBlock(text: "\(n + 1)．\(row.metric.label)（各年数值及当年名次）", font: style.tableHeading, width: flow.width,
                                    lineHeight: tableLine * 1.3)
            flow.place(shaper.shape(caption), as: .paragraph)
            let placement = table.place(into: &flow)
            // The trend: each year's value joined by a line, within the row's cell, scaled to
            // the agency's own largest value (rates: 0–100 %).
            let rate = row.metric.isRate
            let trendColumn = spec.columns.count - 1
            guard placement.xs.count > trendColumn + 1 else { continue }
            let x0 = placement.xs[trendColumn] + 4, x1 = placement.xs[trendColumn + 1] - 4
            for a in agencies.indices {
                guard let cell = placement.rows[2 + a] else { continue }
                let values = years.indices.map { y in column[a][y].flatMap { row.values[$0].number } }
                let top = rate ? 1 : (values.compactMap { $0 }.max() ?? 0)
                guard top > 0 else { continue }
                let yTop = cell.y + cell.height * 0.25, yBottom = cell.y + cell.height * 0.8
                let step = years.count > 1 ? (x1 - x0) / Double(years.count - 1) : 0
                var previous: (Double, Double)?
                for (y, v) in values.enumerated() {
                    guard let v else { previous = nil; continue }
                    let px = x0 + step * Double(y), py = yBottom - max(0, v) / top * (yBottom - yTop)
                    if let (qx, qy) = previous { flow.add(.rule(x1: qx, y1: qy, x2: px, y2: py, width: 0.8), toPage: cell.page) }
                    flow.add(.box(x: px - 1, y: py - 1, width: 2, height: 2, gray: 0), toPage: cell.page)
                    previous = (px, py)
                }
            }
        }
    }
}
