import NianbaoLayout
import NianbaoStyle

/// Lays a comparison out as a printed handout: A4 landscape, metrics as rows and agencies
/// as columns. Columns that do not fit across a page continue on the next pages with the
/// metric labels repeated; rows that do not fit continue under 续表 with the header
/// repeated. Then the legend and footnotes, then a bar chart per headline metric.
public struct HandoutLayout {
    public let style: Style
    public let shaper: TextShaping
    /// Narrowest agency column, in points; sets how many agencies share a page.
    public var minimumColumnWidth: Double = 45
    /// A4 or A3 landscape (12 units across A4, 20 across A3).
    public var paper: Paper = .a4

    public enum Paper: String, Sendable, CaseIterable { case a4, a3 }

    public init(style: Style, shaper: TextShaping) {
        self.style = style
        self.shaper = shaper
    }

    public func layout(_ sheet: ComparisonSheet) -> PagedDocument {
        let g = style.page.landscape(margin: 15 * PageGeometry.pointsPerMillimetre, scale: paper == .a3 ? 2.0.squareRoot() : 1)
        var flow = PageFlow(geometry: g)
        var outline: [OutlineEntry] = []
        let tableLine = style.table.size * style.tableLineHeight

        var titleRole = style.title
        titleRole.size = min(titleRole.size, 18)  // a handout's title leaves room for the table
        let title = TextBlock(text: sheet.title, font: titleRole, width: g.typeWidth, alignment: .center, lineHeight: titleRole.size * 1.5)
        outline.append(OutlineEntry(title: sheet.title, level: 0, page: 0, y: flow.y))
        flow.place(shaper.shape(title), as: .title)
        let reports = sheet.columns.filter(\.isReport).count
        let marked = sheet.rows.contains { $0.values.contains { $0.mark != nil } }
        note("共 \(reports) 份报告" + (marked ? "；▲ 最高、▼ 最低（重点指标）" : "") + (sheet.footnotes.isEmpty ? "。" : "；※ 所在勾稽关系不成立，见表后注。"), &flow)

        // Columns in chunks that fit across the page.
        let labelWidth = min(g.typeWidth * 0.27, 200)  // as wide on A3 as on A4: the room goes to units
        let fit = max(1, Int((g.typeWidth - labelWidth) / minimumColumnWidth))
        // Balanced parts (13 agencies: 7 + 6, not 12 + 1), each as wide as the widest.
        let parts = (sheet.columns.count + fit - 1) / fit
        let perPage = (sheet.columns.count + parts - 1) / max(parts, 1)
        let chunks = stride(from: 0, to: sheet.columns.count, by: max(perPage, 1)).map { $0..<min($0 + perPage, sheet.columns.count) }
        // The agencies' shared beginning (the county's name) is said once, above the table.
        let prefix = Self.sharedPrefix(sheet.columns.map(\.label))
        if !prefix.isEmpty { note("各单位名称前的「\(prefix)」从略。", &flow) }
        // First the one-page summary with places (名次), as a 通报 has it; then the full table.
        if let summary = SummaryPage.table(sheet, dropping: prefix) {
            outline.append(OutlineEntry(title: "主要指标及名次", level: 1, page: flow.pageIndex, y: flow.y))
            note("主要指标及名次（名次按数值从高到低；数值相同者名次相同；无数值者不排名）", &flow)
            // The largest type (down to 7 pt, tighter cells) with which the summary fits the page.
            var fitted = TableLayout(spec: summary, style: style, shaper: shaper)
            for size in stride(from: style.table.size, through: 7, by: -0.5) {
                var s = style
                s.table.size = size
                s.tableHeading.size = size
                s.tablePadding = min(style.tablePadding, size * 0.2)
                fitted = TableLayout(spec: summary, style: s, shaper: shaper)
                if fitted.height(width: flow.width) <= flow.remaining { break }
            }
            fitted.place(into: &flow)
            flow.newPage()
        }
        // Many columns: the table's type a size smaller, so that numbers and marks stay on one line.
        var tableStyle = style
        if perPage > 8 {
            tableStyle.table.size = style.table.size * 0.86
            tableStyle.tableHeading.size = style.tableHeading.size * 0.86
        }
        for (n, chunk) in chunks.enumerated() {
            if n > 0 { flow.newPage() }
            if chunks.count > 1 {
                note("第 \(n + 1) 部分（共 \(chunks.count) 部分）：第 \(chunk.lowerBound + 1)–\(chunk.upperBound) 列", &flow)
            }
            outline.append(OutlineEntry(title: chunks.count > 1 ? "对比表（第 \(n + 1) 部分）" : "对比表", level: 1, page: flow.pageIndex, y: flow.y))
            TableLayout(spec: table(sheet, chunk, labelFraction: labelWidth / g.typeWidth, perPage: perPage, dropping: prefix), style: tableStyle, shaper: shaper).place(into: &flow)
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
        PageNumbers.add(to: &pages, style: style, geometry: g, shaper: shaper)
        let agencies = Array(Set(sheet.columns.map(\.agency))).sorted()
        return PagedDocument(width: g.width, height: g.height, pages: pages,
                             metadata: DocumentMetadata(title: sheet.title, author: agencies.prefix(3).joined(separator: "、") + (agencies.count > 3 ? "等" : ""),
                                                        subject: "政府信息公开工作年度报告对比"),
                             outline: outline, structure: flow.structure)
    }

    /// The beginning all agency names share (示例县 of 示例县城关镇, 示例县教育局 …), at least two
    /// characters and leaving each name two of its own; "" when there is none.
    static func sharedPrefix(_ labels: [String]) -> String {
        guard labels.count >= 2, var prefix = labels.first.map(Array.init) else { return "" }
        for label in labels.dropFirst() {
            let chars = Array(label)
            var n = 0
            while n < min(prefix.count, chars.count), prefix[n] == chars[n] { n += 1 }
            prefix = Array(prefix[..<n])
        }
        while !prefix.isEmpty, labels.contains(where: { $0.count - prefix.count < 2 }) { prefix.removeLast() }
        return prefix.count >= 2 ? String(prefix) : ""
    }

    private func note(_ text: String, _ flow: inout PageFlow) {
        let block = TextBlock(text: text, font: style.table, width: flow.width, lineHeight: style.table.size * style.tableLineHeight)
        flow.place(shaper.shape(block), as: .paragraph)
    }

    /// Label column plus the agencies of `chunk`; the label column is as wide on every page.
    func table(_ sheet: ComparisonSheet, _ chunk: Range<Int>, labelFraction: Double, perPage: Int, dropping prefix: String = "") -> TableSpec {
        var cells: [TableSpec.Cell] = [.init(0, 0, "指标", heading: true)]
        for (i, c) in chunk.enumerated() {
            var cell = TableSpec.Cell(0, 1 + i, String(sheet.columns[c].label.dropFirst(prefix.count)), heading: true)
            cell.breaking = .name
            cells.append(cell)
        }
        for (r, row) in sheet.rows.enumerated() {
            cells.append(.init(r + 1, 0, row.metric.label, alignment: .left, heading: false))
            for (i, c) in chunk.enumerated() {
                let v = row.values[c]
                cells.append(.init(r + 1, 1 + i, ComparisonExport.printed(v), heading: v.mark != nil || !v.footnotes.isEmpty, header: false))
            }
        }
        let column = (1 - labelFraction) / Double(perPage)
        return TableSpec(columns: [labelFraction] + Array(repeating: column, count: chunk.count), headerRows: 1,
                         rowCount: sheet.rows.count + 1, cells: cells)
    }

    /// `block` on one line: in smaller type (down to 60 %) when it is too long for its width,
    /// so that a long unit name is printed whole beside its bar, not cut.
    private func oneLine(_ block: TextBlock) -> ShapedText {
        var candidate = block
        var shaped = shaper.shape(candidate)
        while shaped.lines.count > 1, candidate.font.size > block.font.size * 0.6 {
            candidate.font.size -= 0.5
            shaped = shaper.shape(candidate)
        }
        return shaped
    }

    /// A horizontal bar per report for each headline metric that has values.
    private func charts(_ sheet: ComparisonSheet, _ flow: inout PageFlow, _ outline: inout [OutlineEntry]) {
        let reportColumns = sheet.columns.indices.filter { sheet.columns[$0].isReport }
        guard reportColumns.count >= 2 else { return }
        // A chart fits one page: with many units its bars come closer and its type smaller.
        let headingLine = style.table.size * style.tableLineHeight * 1.3
        let line = min(style.table.size * style.tableLineHeight, (flow.geometry.typeHeight - 2 * headingLine - 2) / Double(reportColumns.count))
        var barRole = style.table
        barRole.size = min(style.table.size, line / 1.2)
        var number = 0
        for row in sheet.rows where row.metric.headline {
            let values = reportColumns.map { row.values[$0].number }
            // A chart of nothing (no agency has a value above 0) is not drawn.
            guard let top = values.compactMap({ $0 }).max(), top > 0 else { continue }
            number += 1
            if number == 1 { flow.newPage() } else { flow.advance(line) }
            // A chart stays on one page (unless it is taller than a page).
            let height = headingLine * 2 + line * Double(reportColumns.count)
            flow.ensure(min(height, flow.geometry.typeHeight))
            outline.append(OutlineEntry(title: "图\(number)　\(row.metric.label)", level: 1, page: flow.pageIndex, y: flow.y))
            let heading = TextBlock(text: "图\(number)　\(row.metric.label)", font: style.tableHeading, width: flow.width, lineHeight: headingLine)
            // The chart is a Figure: its caption, then the bars and their labels, read as
            // its alternative text (each unit and its value).
            var figure = StructureElement(.figure, children: [StructureElement(.caption, content: flow.place(shaper.shape(heading)))])
            let legend = TextBlock(text: "条形长度表示数值，各单位一色；▲ 最高，▼ 最低，与对比表相同。", font: style.table, width: flow.width, lineHeight: headingLine)
            figure.content += flow.place(shaper.shape(legend))
            let labelWidth = flow.width * 0.27, valueWidth = 80.0
            let barArea = flow.width - labelWidth - valueWidth - 8
            var alternative: [String] = []
            for (i, c) in reportColumns.enumerated() {
                flow.ensure(line)
                let y = flow.y
                let label = oneLine(TextBlock(text: sheet.columns[c].label, font: barRole, width: labelWidth - 6, alignment: .right, lineHeight: line))
                figure.content.append(flow.add(.text(label, x: flow.left, y: y, lines: 0..<label.lines.count)))
                let printed: String
                if let v = values[i] {
                    let w = max(v / top * barArea, v > 0 ? 0.8 : 0)
                    figure.content.append(flow.add(.box(x: flow.left + labelWidth, y: y + line * 0.2, width: w, height: line * 0.6, gray: 0.55)))
                    printed = ComparisonExport.printed(row.values[c])
                    let text = TextBlock(text: printed, font: barRole, width: valueWidth, lineHeight: line)
                    figure.content.append(flow.add(.text(shaper.shape(text), x: flow.left + labelWidth + w + 4, y: y, lines: 0..<1)))
                } else {
                    printed = "（无数据）"
                    let text = TextBlock(text: printed, font: barRole, width: valueWidth, lineHeight: line)
                    figure.content.append(flow.add(.text(shaper.shape(text), x: flow.left + labelWidth + 4, y: y, lines: 0..<1)))
                }
                alternative.append("\(sheet.columns[c].label) \(printed)")
                flow.advance(line)
            }
            figure.alternative = "条形图，\(row.metric.label)：" + alternative.joined(separator: "；") + "。"
            flow.tag(figure)
        }
    }
}
