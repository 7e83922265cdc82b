/// Printed labels of each cell key, from the template's row and column headings.
extension CellKey {
    /// 1, 2 or 3: the standard table the cell belongs to.
    public var table: Int {
        if ordinal >= CellKey.all.count { return rawValue.hasPrefix("active2019.") ? 1 : 2 }
        return ordinal < ActiveRow.cellCount ? 1 : ordinal < ActiveRow.cellCount + RequestRow.cellCount ? 2 : 3
    }

    /// The row label and column label as the template prints them.
    public var labels: (row: String, column: String) {
        CellKey.labelTable[ordinal]
    }

    /// `row · column`, e.g. `（一）予以公开 · 自然人`.
    public var label: String {
        let l = labels
        return l.column.isEmpty ? l.row : "\(l.row) · \(l.column)"
    }

    private static let labelTable: [(row: String, column: String)] = {
        var out: [(String, String)] = []
        for row in ActiveRow.allCases {
            let columns = row.columns.count == 1 ? [row.columnLabels[0].components(separatedBy: "（").first!] : row.columnLabels
            for c in columns { out.append((row.label, c)) }
        }
        for row in RequestRow.allCases {
            let rowLabel = row.group.map { "\($0.label) \(row.label)" } ?? row.label
            for c in RequestColumn.allCases { out.append((rowLabel, c.label)) }
        }
        for g in ReviewGroup.allCases {
            let groupLabel = g == .review ? "行政复议" : "行政诉讼（\(g.label)）"
            for c in ReviewColumn.allCases { out.append((groupLabel, c.label)) }
        }
        for row in Active2019Row.allCases {
            for c in row.columnLabels { out.append((row.label, c)) }
        }
        for c in RequestColumn.allCases { out.append((ResultGroup.other.label, c.label)) }
        return out
    }()
}

import Foundation  // components(separatedBy:)
