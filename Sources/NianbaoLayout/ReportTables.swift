import NianbaoModel

/// The three standard tables as ruled grids, merged cells as the national templates have
/// them (国办公开办函〔2021〕30号; the 2019 template's table 1 and single （六）其他处理 row,
/// 国办公开办函〔2019〕60号).
enum ReportTables {
    /// What a cell prints: blank stays empty, a placeholder as written, an unreadable cell
    /// a question mark (the findings say why), never 0 for something that was not 0; a sum of
    /// money with the unit it was written with.
    static func text(_ cell: Cell) -> String {
        switch cell.state {
        case .number: return cell.text + (cell.unit ?? "")
        case .placeholder: return cell.text
        case .blank: return ""
        case .unreadable: return "？"
        }
    }

    static func table1(_ r: Report) -> TableSpec {
        r.template == .y2019 ? table1of2019(r) : table1of2021(r)
    }

    /// The 2019 template's table 1: blocks of three (or two) columns under their 第二十条 item.
    static func table1of2019(_ r: Report) -> TableSpec {
        var cells: [TableSpec.Cell] = []
        var row = 0
        var blocks: [Range<Int>] = []
        for activeRow in Active2019Row.allCases {
            // A block for each 第二十条 item: the item, its column heads, its rows.
            let newBlock = Active2019Row.allCases.first { $0.item == activeRow.item } == activeRow
            if newBlock {
                if let last = blocks.last { blocks[blocks.count - 1] = last.lowerBound..<row }
                blocks.append(row..<row)
                cells.append(.init(row, 0, activeRow.item, columnSpan: 4, heading: true))
                row += 1
                cells.append(.init(row, 0, "信息内容", heading: true))
                let labels = activeRow.columnLabels
                for (i, h) in labels.enumerated() {
                    // Two columns: the second spans the rest of the row.
                    cells.append(.init(row, 1 + i, h, columnSpan: labels.count == 2 && i == 1 ? 2 : 1, heading: true))
                }
                row += 1
            }
            cells.append(.init(row, 0, activeRow.label))
            let values = activeRow.columns.map { text(r[.active2019(activeRow, $0)]) }
            for (i, v) in values.enumerated() {
                cells.append(.init(row, 1 + i, v, columnSpan: values.count == 2 && i == 1 ? 2 : 1))
            }
            row += 1
        }
        blocks[blocks.count - 1] = blocks[blocks.count - 1].lowerBound..<row
        var spec = TableSpec(columns: [0.34, 0.22, 0.22, 0.22], headerRows: 0, rowCount: row, cells: cells)
        spec.keepTogether = blocks
        return spec
    }

    static func table1of2021(_ r: Report) -> TableSpec {
        var cells: [TableSpec.Cell] = []
        var row = 0
        var blocks: [Range<Int>] = []
        func item(_ title: String, _ heads: [String]) {
            if let last = blocks.last { blocks[blocks.count - 1] = last.lowerBound..<row }
            blocks.append(row..<row)
            cells.append(.init(row, 0, title, columnSpan: 4, heading: true))
            row += 1
            cells.append(.init(row, 0, "信息内容", heading: true))
            if heads.count == 3 {
                for (i, h) in heads.enumerated() { cells.append(.init(row, 1 + i, h, heading: true)) }
            } else {
                cells.append(.init(row, 1, heads[0], columnSpan: 3, heading: true))
            }
            row += 1
        }
        func data(_ activeRow: ActiveRow) {
            cells.append(.init(row, 0, activeRow.label))
            let values = activeRow.columns.map { text(r[.active(activeRow, $0)]) }
            if values.count == 3 {
                for (i, v) in values.enumerated() { cells.append(.init(row, 1 + i, v)) }
            } else {
                cells.append(.init(row, 1, values[0], columnSpan: 3))
            }
            row += 1
        }
        item("第二十条第（一）项", ActiveRow.regulations.columnLabels)
        data(.regulations)
        data(.normativeDocuments)
        item("第二十条第（五）项", ActiveRow.licensing.columnLabels)
        data(.licensing)
        item("第二十条第（六）项", ActiveRow.penalty.columnLabels)
        data(.penalty)
        data(.coercion)
        item("第二十条第（八）项", ActiveRow.fees.columnLabels)
        data(.fees)
        blocks[blocks.count - 1] = blocks[blocks.count - 1].lowerBound..<row
        var spec = TableSpec(columns: [0.34, 0.22, 0.22, 0.22], headerRows: 0, rowCount: row, cells: cells)
        spec.keepTogether = blocks
        return spec
    }

    static func table2(_ r: Report) -> TableSpec {
        var cells: [TableSpec.Cell] = [
            .init(0, 0, "（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）", rowSpan: 3, columnSpan: 3, heading: true),
            .init(0, 3, "申请人情况", columnSpan: 7, heading: true),
            .init(1, 3, "自然人", rowSpan: 2, heading: true),
            .init(1, 4, "法人或其他组织", columnSpan: 5, heading: true),
            .init(1, 9, "总计", rowSpan: 2, heading: true),
        ]
        for (i, c) in RequestColumn.allCases[1...5].enumerated() { cells.append(.init(2, 4 + i, c.label, heading: true)) }
        var row = 3
        // The 2019 template (and a 2021 report that kept it) has one （六）其他处理 row.
        let oneOtherRow = r.hasOtherProcessingRow
        let rows = RequestRow.allCases.filter { !(oneOtherRow && $0.group == .other) }
        for requestRow in rows {
            if oneOtherRow, requestRow == .total {
                cells.append(.init(row, 1, ResultGroup.other.label, columnSpan: 2, alignment: .left))
                for (i, column) in RequestColumn.allCases.enumerated() {
                    cells.append(.init(row, 3 + i, text(r[.otherProcessingKey(column)])))
                }
                row += 1
            }
            switch requestRow {
            case .new, .carriedOver, .carriedForward:
                cells.append(.init(row, 0, requestRow.label, columnSpan: 3, alignment: .left))
            case .granted:
                let results = rows.filter { RequestRow.results.contains($0) }.count + (oneOtherRow ? 1 : 0)
                cells.append(.init(row, 0, "三、本年度办理结果", rowSpan: results + 1))
                cells.append(.init(row, 1, requestRow.label, columnSpan: 2, alignment: .left))
            case .partiallyGranted, .total:
                cells.append(.init(row, 1, requestRow.label, columnSpan: 2, alignment: .left))
            default:
                if let group = requestRow.group, RequestRow.allCases.first(where: { $0.group == group }) == requestRow {
                    let span = RequestRow.allCases.filter { $0.group == group }.count
                    cells.append(.init(row, 1, group.label, rowSpan: span))
                }
                cells.append(.init(row, 2, requestRow.label, alignment: .left))
            }
            for (i, column) in RequestColumn.allCases.enumerated() {
                cells.append(.init(row, 3 + i, text(r[.requests(requestRow, column)])))
            }
            row += 1
        }
        // Label columns: vertical 三、本年度办理结果, group labels, item labels; then seven values.
        // The group column takes four ideographs a line (（三）不 / 予公开, never a lone 开), a value
        // column three (自然人 on one line).
        return TableSpec(columns: [0.04, 0.112, 0.2385] + Array(repeating: 0.6095 / 7, count: 7), headerRows: 3, rowCount: row, cells: cells)
    }

    static func table3(_ r: Report) -> TableSpec {
        var cells: [TableSpec.Cell] = [
            .init(0, 0, "行政复议", columnSpan: 5, heading: true),
            .init(0, 5, "行政诉讼", columnSpan: 10, heading: true),
            .init(1, 5, "未经复议直接起诉", columnSpan: 5, heading: true),
            .init(1, 10, "复议后起诉", columnSpan: 5, heading: true),
        ]
        for (i, c) in ReviewColumn.allCases.enumerated() {
            cells.append(.init(1, i, c.label, rowSpan: 2, heading: true))
            cells.append(.init(2, 5 + i, c.label, heading: true))
            cells.append(.init(2, 10 + i, c.label, heading: true))
        }
        var column = 0
        for g in ReviewGroup.allCases {
            for c in ReviewColumn.allCases {
                cells.append(.init(3, column, text(r[.review(g, c)])))
                column += 1
            }
        }
        return TableSpec(columns: Array(repeating: 1, count: 15), headerRows: 3, rowCount: 4, cells: cells)
    }
}
