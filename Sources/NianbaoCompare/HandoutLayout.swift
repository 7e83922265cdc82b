import NianbaoLayout
import NianbaoStyle

/// Lays a comparison out as a printed handout: A4 landscape, metrics as rows and agencies
/// as columns. Columns that do not fit across a page continue on the next pages with the
/// metric labels repeated; rows that do not fit continue under 续表 with the header
/// repeated. Then the legend and footnotes, then a bar chart per headline metric.
public struct HandoutLayout {
    public let style: Style
    public let measurer: TextMeasuring
    /// Narrowest agency column, in points; sets how many agencies share a page.
    public var minimumColumnWidth: Double = 62

    public init(style: Style, measurer: TextMeasuring) {
        self.style = style
        self.measurer = measurer
    }

    public func layout(_ sheet: ComparisonSheet) -> PagedDocument {
        let g = style.page.landscape(margin: 15 * PageGeometry.pointsPerMillimetre)
        var flow = PageFlow(geometry: g)
        var outline: [OutlineEntry] = []
        let tableLine = style.table.size * style.tableLineHeight

        var titleRole = style.title
        titleRole.size = min(titleRole.size, 18)  // a handout's title leaves room for the table
        let title = TextBlock(text: sheet.title, font: titleRole, width: g.typeWidth, alignment: .center, lineHeight: titleRole.size * 1.5)
        outline.append(OutlineEntry(title: sheet.title, level: 0, page: 0, y: flow.y))
        flow.place(title, lineCount: measurer.lineCount(title))
        let reports = sheet.columns.filter { if case .report = $0.kind { return true } else { return false } }.count
        note("共 \(reports) 份报告；▲ 最高、▼ 最低（重点指标）；※ 所在勾稽关系不成立，见表后注。", &flow)

        // Columns in chunks that fit across the page.
        let labelWidth = g.typeWidth * 0.27
        let perPage = max(1, Int((g.typeWidth - labelWidth) / minimumColumnWidth))
        let chunks = stride(from: 0, to: sheet.columns.count, by: perPage).map { $0..<min($0 + perPage, sheet.columns.count) }
        for (n, chunk) in chunks.enumerated() {
            if n > 0 { flow.newPage() }
            if chunks.count > 1 {
                note("第 \(n + 1) 部分（共 \(chunks.count) 部分）：第 \(chunk.lowerBound + 1)–\(chunk.upperBound) 列", &flow)
            }
            outline.append(OutlineEntry(title: chunks.count > 1 ? "对比表（第 \(n + 1) 部分）" : "对比表", level: 1, page: flow.pageIndex, y: flow.y))
            TableLayout(spec: table(sheet, chunk, labelFraction: labelWidth / g.typeWidth, perPage: perPage), style: style, measurer: measurer).place(into: &flow)
        }

        if !sheet.footnotes.isEmpty {
            flow.advance(tableLine / 2)
            flow.ensure(tableLine * 3)
            outline.append(OutlineEntry(title: "注", level: 1, page: flow.pageIndex, y: flow.y))
            note("注：下列报告的数字之间的勾稽关系不成立（标 ※ 的数字）。", &flow)
            for (i, text) in sheet.footnotes.enumerated() { note("※\(i + 1)　\(text)", &flow) }
        }

        charts(sheet, &flow, &outline)
        var pages = flow.pages
        PageNumbers.add(to: &pages, style: style, geometry: g, measurer: measurer)
        let agencies = Array(Set(sheet.columns.map(\.agency))).sorted()
        return PagedDocument(width: g.width, height: g.height, pages: pages,
                             metadata: DocumentMetadata(title: sheet.title, author: agencies.prefix(3).joined(separator: "、") + (agencies.count > 3 ? "等" : ""),
                                                        subject: "政府信息公开工作年度报告对比"),
                             outline: outline)
    }

    private func note(_ text: String, _ flow: inout PageFlow) {
        let block = TextBlock(text: text, font: style.table, width: flow.width, lineHeight: style.table.size * style.tableLineHeight)
        flow.place(block, lineCount: measurer.lineCount(block))
    }

    /// Label column plus the agencies of `chunk`; the label column is as wide on every page.
    func table(_ sheet: ComparisonSheet, _ chunk: Range<Int>, labelFraction: Double, perPage: Int) -> TableSpec {
        var cells: [TableSpec.Cell] = [.init(0, 0, "指标", heading: true)]
        for (i, c) in chunk.enumerated() { cells.append(.init(0, 1 + i, sheet.columns[c].label, heading: true)) }
        for (r, row) in sheet.rows.enumerated() {
            cells.append(.init(r + 1, 0, row.metric.label, alignment: .left, heading: false))
            for (i, c) in chunk.enumerated() {
                let v = row.values[c]
                cells.append(.init(r + 1, 1 + i, ComparisonExport.printed(v), heading: v.mark != nil || !v.footnotes.isEmpty))
            }
        }
        let column = (1 - labelFraction) / Double(perPage)
        return TableSpec(columns: [labelFraction] + Array(repeating: column, count: chunk.count), headerRows: 1,
                         rowCount: sheet.rows.count + 1, cells: cells)
    }

    /// A horizontal bar per report for each headline metric that has values.
    private func charts(_ sheet: ComparisonSheet, _ flow: inout PageFlow, _ outline: inout [OutlineEntry]) {
        let line = style.table.size * style.tableLineHeight
        let reportColumns = sheet.columns.indices.filter { if case .report = sheet.columns[$0].kind { return true } else { return false } }
        guard reportColumns.count >= 2 else { return }
        var first = true
        for row in sheet.rows where row.metric.headline {
            let values = reportColumns.map { row.values[$0].number }
            guard let top = values.compactMap({ $0 }).max(), top > 0 else { continue }
            if first { flow.newPage(); first = false } else { flow.advance(line) }
            flow.ensure(line * Double(min(reportColumns.count, 6) + 1))
            outline.append(OutlineEntry(title: "图：\(row.metric.label)", level: 1, page: flow.pageIndex, y: flow.y))
            let heading = TextBlock(text: "图　\(row.metric.label)", font: style.tableHeading, width: flow.width, lineHeight: line * 1.3)
            flow.place(heading, lineCount: 1)
            let labelWidth = flow.width * 0.27, valueWidth = 80.0
            let barArea = flow.width - labelWidth - valueWidth - 8
            for (i, c) in reportColumns.enumerated() {
                flow.ensure(line)
                let y = flow.y
                let label = TextBlock(text: sheet.columns[c].label, font: style.table, width: labelWidth - 6, alignment: .right, lineHeight: line)
                flow.add(.text(label, x: flow.left, y: y, lines: 0..<1))
                if let v = values[i] {
                    let w = max(v / top * barArea, v > 0 ? 0.8 : 0)
                    flow.add(.box(x: flow.left + labelWidth, y: y + line * 0.2, width: w, height: line * 0.6, gray: row.values[c].mark == nil ? 0.55 : 0.2))
                    let text = TextBlock(text: ComparisonExport.printed(row.values[c]), font: style.table, width: valueWidth, lineHeight: line)
                    flow.add(.text(text, x: flow.left + labelWidth + w + 4, y: y, lines: 0..<1))
                } else {
                    let text = TextBlock(text: "（无数据）", font: style.table, width: valueWidth, lineHeight: line)
                    flow.add(.text(text, x: flow.left + labelWidth + 4, y: y, lines: 0..<1))
                }
                flow.advance(line)
            }
        }
    }
}
