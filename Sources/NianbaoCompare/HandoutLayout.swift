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

    /// The subject of every handout's PDF and OFD: how a comparison is told from a report
    /// (`ComparisonExport.isComparison`), whose subject is «<year>年政府信息公开工作年度报告».
    public static let subject = "政府信息公开工作年度报告对比"

    public init(style: Style, shaper: TextShaping) {
        self.style = style
        self.shaper = shaper
    }

    public func layout(_ sheet: ComparisonSheet) -> PagedDocument {
        var g = style.page.landscape(margin: 15 * PageGeometry.pointsPerMillimetre, scale: paper == .a3 ? 2.0.squareRoot() : 1)
        // The page number's line starts `pageNumberClearance` below the type area, so that no
        // table row or bar comes near it (PageNumbers places the dash's middle at the gap).
        let dash = TextBlock(text: "—", font: style.pageNumber, width: g.typeWidth, lineHeight: style.pageNumber.size * 1.3)
        g.pageNumberGap = max(g.pageNumberGap, Self.pageNumberClearance + shaper.inkMiddle(dash))
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
        note("共 \(reports) 份报告" + (marked ? (sheet.isAgenciesOverYears ? "；▲ 当年最高、▼ 当年最低（重点指标）" : "；▲ 最高、▼ 最低（重点指标）") : "") + (sheet.footnotes.isEmpty ? "。" : "；※ 见该单位所在表格之后的注。"), &flow)

        // Columns in chunks that fit across the page.
        let labelWidth = min(g.typeWidth * 0.27, 200)  // as wide on A3 as on A4: the room goes to units
        let fit = max(1, Int((g.typeWidth - labelWidth) / minimumColumnWidth))
        // Balanced parts (13 agencies: 7 + 6, not 12 + 1), each as wide as the widest.
        let parts = (sheet.columns.count + fit - 1) / fit
        let perPage = (sheet.columns.count + parts - 1) / max(parts, 1)
        let chunks = stride(from: 0, to: sheet.columns.count, by: max(perPage, 1)).map { $0..<min($0 + perPage, sheet.columns.count) }
        // The agencies' shared beginning (the county's name) is said once, above the table.
        let prefix = Self.sharedPrefix(sheet.columns.map(\.label))
        if sheet.isOneAgencyOverYears {
            note("各列为「\(sheet.columns[0].agency)」各年的报告，变化栏为与上一年相比的增减及增减幅度；跨年度核对（上年结转＝上一年结转下年度）不成立处见注。", &flow)
        } else if !prefix.isEmpty {
            note("各单位名称前的「\(prefix)」从略。", &flow)
        }
        if sheet.isAgenciesOverYears {
            // Several agencies over several years: a part per metric, then the notes.
            note("每项指标一表：各单位为行，各年为列；名次为当年各单位之间的名次（数值从高到低，数值相同者名次相同）；趋势为该单位各年数值的连线（计数以该单位最大一年为顶，比率以 0–100% 为轴）。", &flow)
            agenciesOverYears(sheet, prefix: prefix, &flow, &outline)
            if !sheet.footnotes.isEmpty {
                flow.advance(min(tableLine, flow.remaining))
                flow.ensure(tableLine * 3)
                outline.append(OutlineEntry(title: "注", level: 1, page: flow.pageIndex, y: flow.y))
                for (i, text) in sheet.footnotes.enumerated() { note("※\(i + 1)　\(text)", &flow) }
            }
            return finished(sheet, flow, outline)
        }
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
            partBreak(&flow)
        }
        // Many columns: the table's type a size smaller, so that numbers and marks stay on one line.
        var tableStyle = style
        if perPage > 8 {
            tableStyle.table.size = style.table.size * 0.86
            tableStyle.tableHeading.size = style.tableHeading.size * 0.86
        }
        // Each part's footnotes (those about its units) directly under it; a sheet whose
        // footnotes name no column puts them all under the last part.
        let byColumn = sheet.footnoteColumns.count == sheet.footnotes.count
        for (n, chunk) in chunks.enumerated() {
            let part = { (rows: Range<Int>) in
                TableLayout(spec: table(sheet, chunk, rows: rows, labelFraction: labelWidth / g.typeWidth, perPage: perPage, dropping: prefix),
                            style: tableStyle, shaper: shaper)
            }
            if n > 0 { partBreak(&flow, keeping: tableLine * 2 + part(0..<min(TableLayout.firstRows, sheet.rows.count)).height(width: flow.width)) }
            if chunks.count > 1 {
                note("第 \(n + 1) 部分（共 \(chunks.count) 部分）：第 \(chunk.lowerBound + 1)–\(chunk.upperBound) 列", &flow)
            }
            outline.append(OutlineEntry(title: chunks.count > 1 ? "对比表（第 \(n + 1) 部分）" : "对比表", level: 1, page: flow.pageIndex, y: flow.y))
            let notes = sheet.footnotes.indices.filter { byColumn ? chunk.contains(sheet.footnoteColumns[$0]) : n == chunks.count - 1 }
            placeWithNotes(part, rows: sheet.rows.count, notes: notes.map { "※\($0 + 1)　\(sheet.footnotes[$0])" }, &flow, &outline)
        }

        charts(sheet, dropping: prefix, &flow, &outline)
        return finished(sheet, flow, outline)
    }

    /// Chart `n` of a grid `chartsAcross` wide: a new row of charts starts under the last (on
    /// a new page when it does not fit); the caption is placed and named in the outline.
    /// Returns where the chart stands and its Figure, holding the caption.
    private func chartCell(_ n: Int, _ row: ComparisonSheet.Row, width: Double, gutter: Double, height: Double, gap: Double, headingLine: Double,
                           _ flow: inout PageFlow, _ outline: inout [OutlineEntry]) -> (x: Double, top: Double, figure: StructureElement) {
        let across = n % Self.chartsAcross
        if across == 0 {
            if n > 0 { flow.advance(height + gap) }
            flow.ensure(height)
        }
        let x = flow.left + Double(across) * (width + gutter), top = flow.y
        let caption = "图\(n + 1)　\(row.metric.label)"
        outline.append(OutlineEntry(title: caption, level: 1, page: flow.pageIndex, y: top))
        let heading = oneLine(TextBlock(text: caption, font: style.tableHeading, width: width, lineHeight: headingLine))
        return (x, top, StructureElement(.figure, children: [StructureElement(.caption, content: [flow.add(.text(heading, x: x, y: top, lines: 0..<1))])]))
    }

    /// The pages with their numbers, the metadata and the structure: the document.
    private func finished(_ sheet: ComparisonSheet, _ flow: PageFlow, _ outline: [OutlineEntry]) -> PagedDocument {
        let g = flow.geometry
        var pages = flow.pages
        PageNumbers.add(to: &pages, style: style, geometry: g, shaper: shaper)
        let agencies = Array(Set(sheet.columns.map(\.agency))).sorted()
        return PagedDocument(width: g.width, height: g.height, pages: pages,
                             metadata: DocumentMetadata(title: sheet.title, author: agencies.prefix(3).joined(separator: "、") + (agencies.count > 3 ? "等" : ""),
                                                        subject: Self.subject),
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

    /// At least this much room (5 mm) between the lowest content and the page number's line.
    public static let pageNumberClearance = 5 * PageGeometry.pointsPerMillimetre

    /// A part of the table (`part` lays out the given rows of it, `rows` in all) and its
    /// `notes` under it on the same page. When they do not fit under the table's last rows,
    /// those rows (three at least, as a continuation has) go over to the next page with them
    /// under 续表, so that no page holds only notes and no note stands pages from its table.
    private func placeWithNotes(_ part: (Range<Int>) -> TableLayout, rows: Int, notes: [String], _ flow: inout PageFlow, _ outline: inout [OutlineEntry]) {
        let line = style.table.size * style.tableLineHeight
        let shaped = notes.map { shaper.shape(TextBlock(text: $0, font: style.table, width: flow.width, lineHeight: line)) }
        let notesHeight = notes.isEmpty ? 0 : line / 2 + Double(shaped.reduce(0) { $0 + $1.lines.count }) * line
        let whole = part(0..<rows)
        var trial = flow
        whole.place(into: &trial)
        if notes.isEmpty || trial.remaining >= notesHeight - 0.01 || rows < 2 * TableLayout.firstRows {
            whole.place(into: &flow)
        } else {
            // The fewest last rows that leave room for the notes on the page they start.
            let tailRows = (TableLayout.firstRows..<rows).first { t in
                part(rows - t..<rows).height(width: flow.width) + line * 1.2 + notesHeight <= flow.geometry.typeHeight
            } ?? TableLayout.firstRows
            part(0..<rows - tailRows).place(into: &flow)
            flow.newPage()
            flow.add(.text(shaper.shape(TextBlock(text: "续表", font: style.table, width: flow.width, alignment: .left, lineHeight: line * 1.2)),
                           x: flow.left, y: flow.y, lines: 0..<1))
            flow.advance(line * 1.2)
            part(rows - tailRows..<rows).place(into: &flow)
        }
        guard !notes.isEmpty else { return }
        flow.advance(line / 2)
        outline.append(OutlineEntry(title: "注", level: 1, page: flow.pageIndex, y: flow.y))
        for text in shaped { flow.place(text, as: .paragraph) }
    }

    /// Between the summary and the table, and between the table's parts: a new page, unless
    /// that would leave more than a quarter of the type area empty (FORMAT §6); then the next
    /// part follows a line lower and breaks across the page under 续表 as any table does.
    /// `keeping`: what must follow on this page with it (a part's note and its table's first rows).
    private func partBreak(_ flow: inout PageFlow, keeping: Double = 0) {
        let gap = style.table.size * style.tableLineHeight
        if flow.remaining > max(flow.geometry.typeHeight / 4, gap + keeping) {
            flow.advance(gap)
        } else {
            flow.newPage()
        }
    }

    private func note(_ text: String, _ flow: inout PageFlow) {
        let block = TextBlock(text: text, font: style.table, width: flow.width, lineHeight: style.table.size * style.tableLineHeight)
        flow.place(shaper.shape(block), as: .paragraph)
    }

    /// Label column plus the agencies of `chunk`; the label column is as wide on every page.
    func table(_ sheet: ComparisonSheet, _ chunk: Range<Int>, rows: Range<Int>? = nil, labelFraction: Double, perPage: Int, dropping prefix: String = "") -> TableSpec {
        let rows = rows ?? 0..<sheet.rows.count
        var cells: [TableSpec.Cell] = [.init(0, 0, "指标", heading: true)]
        for (i, c) in chunk.enumerated() {
            var cell = TableSpec.Cell(0, 1 + i, ComparisonExport.printedName(String(sheet.columns[c].label.dropFirst(prefix.count)), sheet.columns[c]), heading: true)
            cell.breaking = .name
            cells.append(cell)
        }
        for (r, row) in sheet.rows[rows].enumerated() {
            cells.append(.init(r + 1, 0, row.metric.label, alignment: .left, heading: false))
            for (i, c) in chunk.enumerated() {
                let v = row.values[c]
                let printed = ComparisonExport.printed(v, leaving: sheet.columns[c].notes)
                cells.append(.init(r + 1, 1 + i, printed, heading: v.mark != nil || printed.contains("※"), header: false))
            }
        }
        let column = (1 - labelFraction) / Double(perPage)
        return TableSpec(columns: [labelFraction] + Array(repeating: column, count: chunk.count), headerRows: 1,
                         rowCount: rows.count + 1, cells: cells)
    }

    /// The width of `block`'s text set on one line.
    private func naturalWidth(_ block: TextBlock) -> Double {
        guard let line = shaper.shape(block).lines.first, let first = line.glyphs.first, let last = line.glyphs.last else { return 0 }
        return last.x + last.fontAdvance - first.x
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

    /// The order of a chart's bars: the sheet's own when the user ranked it (`--sort`),
    /// else highest value first (units without a value last, then in the sheet's order).
    static func barOrder(_ sheet: ComparisonSheet, _ row: ComparisonSheet.Row, _ units: [Int]) -> [Int] {
        guard sheet.sortedBy == nil else { return units }
        return units.enumerated().sorted { a, b in
            switch (row.values[a.element].number, row.values[b.element].number) {
            case let (x?, y?): return x != y ? x > y : a.offset < b.offset
            case (_?, nil): return true
            case (nil, _?): return false
            case (nil, nil): return a.offset < b.offset
            }
        }.map(\.element)
    }

    /// Charts stand two across the type area; a chart is never split and the next one
    /// takes the room left on a page.
    static let chartsAcross = 2

    /// A horizontal bar chart per headline metric that has values: a count's bars scaled to
    /// the largest, a rate's on a 0–100 % axis. Units named without the shared `prefix`.
    private func charts(_ sheet: ComparisonSheet, dropping prefix: String, _ flow: inout PageFlow, _ outline: inout [OutlineEntry]) {
        if sheet.isOneAgencyOverYears { return lineCharts(sheet, &flow, &outline) }
        let units = sheet.columns.indices.filter { sheet.columns[$0].isReport }
        guard units.count >= 2 else { return }
        let rows = sheet.rows.filter { row in row.metric.headline && (units.compactMap { row.values[$0].number }.max() ?? 0) > 0 }
        guard !rows.isEmpty else { return }
        // A chart fits one page: with many units its bars come closer and its type smaller.
        let headingLine = style.table.size * style.tableLineHeight * 1.3
        let axisLine = style.table.size * style.tableLineHeight
        let gap = headingLine / 2
        // (Room for the legend too, which stands above the first charts.)
        let line = min(style.table.size * style.tableLineHeight, (flow.geometry.typeHeight - headingLine - 2 * axisLine - 2 - gap) / Double(units.count))
        let height = headingLine + line * Double(units.count) + 2 + axisLine
        let gutter = 10 * PageGeometry.pointsPerMillimetre
        let width = (flow.width - gutter * Double(Self.chartsAcross - 1)) / Double(Self.chartsAcross)
        var barRole = style.table
        barRole.size = min(style.table.size, line / 1.2)

        // The name column as wide as the longest name needs (a quarter to 45 % of a chart);
        // a name still too long is set smaller (`oneLine`).
        let names = units.map { ComparisonExport.printedName(String(sheet.columns[$0].label.dropFirst(prefix.count)), sheet.columns[$0]) }
        let widest = names.map { naturalWidth(TextBlock(text: $0, font: barRole, width: 10_000, lineHeight: line)) }.max() ?? 0
        let labelWidth = min(max(width * 0.25, widest + 6), width * 0.45)

        flow.advance(gap)
        let order = sheet.sortedBy.flatMap { key in sheet.rows.first { $0.metric.key == key }?.metric.label }
        let legend = "图：条形长度表示数值，计数以本图最大值为满格，比率以 0–100% 为轴；▲ 最高，▼ 最低，与对比表相同；各单位" + (order.map { "按「\($0)」排序" } ?? "按本图数值从高到低排列") + "。"
        flow.ensure(axisLine + height)
        note(legend, &flow)
        for (n, row) in rows.enumerated() {
            // The chart is a Figure: its caption, then the bars and their labels, read as its
            // alternative text (each unit and its value).
            var (x, top, figure) = chartCell(n, row, width: width, gutter: gutter, height: height, gap: gap, headingLine: headingLine, &flow, &outline)
            let rate = row.metric.isRate
            let valueWidth = min(90.0, width * 0.22)
            let x0 = x + labelWidth, barArea = width - labelWidth - valueWidth
            let values = units.compactMap { row.values[$0].number }
            let full = rate ? max(1, values.max() ?? 1) : values.max()!
            let barsTop = top + headingLine, barsBottom = barsTop + line * Double(units.count)
            var alternative: [String] = []
            for (i, c) in Self.barOrder(sheet, row, units).enumerated() {
                let y = barsTop + line * Double(i)
                let name = ComparisonExport.printedName(String(sheet.columns[c].label.dropFirst(prefix.count)), sheet.columns[c])
                let label = oneLine(TextBlock(text: name, font: barRole, width: labelWidth - 6, alignment: .right, lineHeight: line))
                figure.content.append(flow.add(.text(label, x: x, y: y, lines: 0..<label.lines.count)))
                var printed = "（无数据）", w = 0.0
                if let v = row.values[c].number {
                    w = v > 0 ? max(v / full * barArea, 0.8) : 0
                    if w > 0 { figure.content.append(flow.add(.box(x: x0, y: y + line * 0.2, width: w, height: line * 0.6, gray: 0.55))) }
                    printed = ComparisonExport.printed(row.values[c], leaving: sheet.columns[c].notes)
                }
                let text = TextBlock(text: printed, font: barRole, width: valueWidth, lineHeight: line)
                figure.content.append(flow.add(.text(shaper.shape(text), x: x0 + w + 3, y: y, lines: 0..<1)))
                alternative.append("\(sheet.columns[c].label) \(printed)")
            }
            // The axis: its zero line, a scale under the bars (ticks at full scale, and at half
            // a rate) and their values; no grid line crosses a bar's value.
            let rule = style.tableRule
            figure.content.append(flow.add(.rule(x1: x0, y1: barsTop, x2: x0, y2: barsBottom, width: rule)))
            figure.content.append(flow.add(.rule(x1: x0, y1: barsBottom, x2: x0 + barArea, y2: barsBottom, width: rule)))
            let ticks: [(Double, String)] = rate ? [(0, "0"), (0.5, "50%"), (1, "100%")]
                : [(0, "0"), (1, ComparisonBuilder.format(full, rate: false, csv: false))]
            for (at, text) in ticks {
                let tx = x0 + at * barArea
                figure.content.append(flow.add(.rule(x1: tx, y1: barsBottom, x2: tx, y2: barsBottom + 3, width: rule)))
                let tick = shaper.shape(TextBlock(text: text, font: barRole, width: 60, alignment: .center, lineHeight: axisLine))
                figure.content.append(flow.add(.text(tick, x: tx - 30, y: barsBottom + 2, lines: 0..<1)))
            }
            figure.alternative = "条形图，\(row.metric.label)" + (rate ? "（0–100%）" : "") + "：" + alternative.joined(separator: "；") + "。"
            flow.tag(figure)
        }
        flow.advance(height)
    }

    /// One agency's years: a line chart per headline metric with values, two across — the
    /// years along the bottom, a count from 0 to its largest year, a rate from 0 to 100 %,
    /// each year's value over its point. Drawn with rules and boxes only.
    private func lineCharts(_ sheet: ComparisonSheet, _ flow: inout PageFlow, _ outline: inout [OutlineEntry]) {
        let years = sheet.columns.indices.filter { sheet.columns[$0].isReport }
        let rows = sheet.rows.filter { row in row.metric.headline && (years.compactMap { row.values[$0].number }.max() ?? 0) > 0 }
        guard !rows.isEmpty else { return }
        let headingLine = style.table.size * style.tableLineHeight * 1.3
        let textLine = style.table.size * style.tableLineHeight
        let plotHeight = min(150.0, flow.geometry.typeHeight / 2 - headingLine - 3 * textLine)
        let height = headingLine + textLine + plotHeight + 2 + textLine
        let gap = headingLine / 2
        let gutter = 10 * PageGeometry.pointsPerMillimetre
        let width = (flow.width - gutter * Double(Self.chartsAcross - 1)) / Double(Self.chartsAcross)
        var small = style.table
        small.size = style.table.size * 0.9
        flow.advance(gap)
        flow.ensure(textLine + height)
        note("图：各年数值连线；计数以最大一年为顶，比率以 0–100% 为轴。", &flow)
        for (n, row) in rows.enumerated() {
            var (x, top, figure) = chartCell(n, row, width: width, gutter: gutter, height: height, gap: gap, headingLine: headingLine, &flow, &outline)
            let rate = row.metric.isRate
            let values = years.map { row.values[$0].number }
            let full = rate ? max(1, values.compactMap { $0 }.max() ?? 1) : values.compactMap { $0 }.max()!
            let scaleWidth = 44.0
            let plotLeft = x + scaleWidth, plotWidth = width - scaleWidth - 8
            let plotTop = top + headingLine + textLine, plotBottom = plotTop + plotHeight
            let rule = style.tableRule
            figure.content.append(flow.add(.rule(x1: plotLeft, y1: plotTop, x2: plotLeft, y2: plotBottom, width: rule)))
            figure.content.append(flow.add(.rule(x1: plotLeft, y1: plotBottom, x2: plotLeft + plotWidth, y2: plotBottom, width: rule)))
            let ticks: [(Double, String)] = rate ? [(0, "0"), (0.5, "50%"), (1, "100%")] : [(0, "0"), (1, ComparisonBuilder.format(full, rate: false, csv: false))]
            for (at, text) in ticks {
                let ty = plotBottom - at * plotHeight
                figure.content.append(flow.add(.rule(x1: plotLeft - 3, y1: ty, x2: plotLeft, y2: ty, width: rule)))
                let label = shaper.shape(TextBlock(text: text, font: small, width: scaleWidth - 6, alignment: .right, lineHeight: textLine))
                figure.content.append(flow.add(.text(label, x: x, y: ty - textLine / 2, lines: 0..<1)))
            }
            let step = plotWidth / Double(years.count)
            var previous: (Double, Double)?
            var alternative: [String] = []
            for (i, c) in years.enumerated() {
                let px = plotLeft + step * (Double(i) + 0.5)
                let year = sheet.columns[c].year.map(String.init) ?? "?"
                let yearLabel = shaper.shape(TextBlock(text: year, font: small, width: step, alignment: .center, lineHeight: textLine))
                figure.content.append(flow.add(.text(yearLabel, x: px - step / 2, y: plotBottom + 2, lines: 0..<1)))
                guard let v = values[i] else {
                    // A year without a value breaks the line there.
                    previous = nil
                    alternative.append("\(year) 无数据")
                    continue
                }
                let py = plotBottom - max(0, v) / full * plotHeight
                if let (qx, qy) = previous { figure.content.append(flow.add(.rule(x1: qx, y1: qy, x2: px, y2: py, width: 1.2))) }
                figure.content.append(flow.add(.box(x: px - 2, y: py - 2, width: 4, height: 4, gray: 0)))
                let printed = ComparisonExport.printed(row.values[c], leaving: sheet.columns[c].notes)
                let label = shaper.shape(TextBlock(text: printed, font: small, width: step, alignment: .center, lineHeight: textLine))
                figure.content.append(flow.add(.text(label, x: px - step / 2, y: py - textLine - 2, lines: 0..<1)))
                alternative.append("\(year) \(printed)")
                previous = (px, py)
            }
            figure.alternative = "折线图，\(row.metric.label)" + (rate ? "（0–100%）" : "") + "：" + alternative.joined(separator: "；") + "。"
            flow.tag(figure)
        }
        flow.advance(height)
    }
}
