import NianbaoModel

/// The three standard tables as grids of strings (row label + values as exported: blank
/// empty, placeholders as written, `?` unreadable), shared by the text and Markdown exports
/// so both show the same rows with the same labels, and both read back to the same cells.
public struct ExportTable: Sendable {
    public var caption: String
    public var columns: [String]
    public var rows: [(label: String, values: [String])]
    /// The cell behind each value of `rows`, row by row (nil for a heading or filler value), so
    /// a reader that shows the grid (the web page) can show each cell's state and source line.
    public var keys: [[CellKey?]] = []

    /// Tables 1, 2 and 3 of `report`.
    public static func tables(of report: Report) -> [ExportTable] {
        [table1(report), table2(report), table3(report)]
    }

    /// A cell as the text and Markdown tables print it: as exported, a sum of money with its unit.
    static func shown(_ cell: Cell) -> String { cell.exported + (cell.state == .number ? cell.unit ?? "" : "") }

    static func table1(_ r: Report) -> ExportTable {
        if r.template == .y2019 { return table1of2019(r) }
        var rows: [(String, [String])] = []
        var keys: [[CellKey?]] = []
        for row in ActiveRow.allCases {
            let rowKeys = row.columns.map { CellKey.active(row, $0) }
            let values = rowKeys.map { r[$0].exported }
            let labels = row.columnLabels
            let label = "\(row.label)（\(row.item)）"
            if values.count == 3 {
                rows.append((label, values))
                keys.append(rowKeys)
            } else {
                rows.append(("\(label) \(labels[0])", [values[0], "", ""]))
                keys.append([rowKeys[0], nil, nil])
            }
        }
        return ExportTable(caption: "表一 主动公开政府信息情况", columns: ["本年制发件数", "本年废止件数", "现行有效件数"], rows: rows, keys: keys)
    }

    /// The 2019 template's table 1: its blocks' column heads as rows of their own (they differ
    /// from block to block), so the table reads back with the words that name its template.
    static func table1of2019(_ r: Report) -> ExportTable {
        var rows: [(String, [String])] = []
        var keys: [[CellKey?]] = []
        var heads: [String] = []
        for row in Active2019Row.allCases {
            let labels = row.columnLabels + Array(repeating: "", count: 3 - row.columns.count)
            if labels != heads, row != .regulations {
                rows.append((row.item, labels))
                keys.append([nil, nil, nil])
            }
            heads = labels
            let rowKeys = row.columns.map { CellKey.active2019(row, $0) }
            let filler = 3 - rowKeys.count
            rows.append(("\(row.label)（\(row.item)）", rowKeys.map { shown(r[$0]) } + Array(repeating: "", count: filler)))
            keys.append(rowKeys + Array(repeating: nil, count: filler))
        }
        return ExportTable(caption: "表一 主动公开政府信息情况（2019年模板）", columns: Active2019Row.regulations.columnLabels, rows: rows, keys: keys)
    }

    static func table2(_ r: Report) -> ExportTable {
        var rows: [(String, [String])] = []
        var keys: [[CellKey?]] = []
        let oneOtherRow = r.hasOtherProcessingRow
        for row in RequestRow.allCases {
            if oneOtherRow, row.group == .other {
                // The single （六）其他处理 row where the 2021 template has three (FORMAT.md §2b).
                if row == .noCorrection {
                    rows.append((ResultGroup.other.label, CellKey.otherProcessing.map { r[$0].exported }))
                    keys.append(CellKey.otherProcessing)
                }
                continue
            }
            let prefix = (row.group != nil && row == RequestRow.allCases.first { $0.group == row.group }) ? row.group!.label + " " : (row.group != nil ? "　　" : "")
            let rowKeys = RequestColumn.allCases.map { CellKey.requests(row, $0) }
            rows.append((prefix + row.label, rowKeys.map { r[$0].exported }))
            keys.append(rowKeys)
        }
        return ExportTable(caption: "表二 收到和处理政府信息公开申请情况", columns: RequestColumn.allCases.map(\.label), rows: rows, keys: keys)
    }

    static func table3(_ r: Report) -> ExportTable {
        let keys = ReviewGroup.allCases.map { g in ReviewColumn.allCases.map { CellKey.review(g, $0) } }
        let rows = zip(ReviewGroup.allCases, keys).map { g, rowKeys in
            (g == .review ? "行政复议" : "行政诉讼 " + g.label, rowKeys.map { r[$0].exported })
        }
        return ExportTable(caption: "表三 政府信息公开行政复议、行政诉讼情况", columns: ReviewColumn.allCases.map(\.label), rows: rows, keys: keys)
    }
}
