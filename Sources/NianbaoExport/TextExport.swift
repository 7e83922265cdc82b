import NianbaoModel

/// The report as plain text: title, sections with their paragraphs, tables aligned for a
/// terminal (CJK counted double width), then the findings.
public enum TextExport {
    public static func render(_ report: Report, findings: [Finding] = []) -> String {
        var out = ""
        out += report.title.isEmpty ? "(no title)\n\n" : report.title + "\n\n"
        let tables = TableGrid.tables(of: report)
        for number in 1...6 {
            let section = report.section(number)
            out += (section?.heading ?? Section.canonicalHeading(number)) + "\n"
            if (2...4).contains(number) {
                out += "\n" + table(tables[number - 2]) + "\n"
                continue
            }
            for p in section?.paragraphs ?? [] {
                out += (p.kind == .subheading ? "" : "　　") + p.text + "\n"
            }
            out += "\n"
        }
        if !findings.isEmpty {
            out += "问题 Findings\n"
            for f in findings {
                out += "  \(f.line.map { "line \($0): " } ?? "")\(f.severity.rawValue): \(f.id): \(f.message)\n"
            }
        }
        return out
    }

    /// A grid with the label column left-aligned and the numbers right-aligned.
    public static func table(_ grid: TableGrid) -> String {
        let labelWidth = grid.rows.map { DisplayWidth.of($0.label) }.max() ?? 0
        let widths = grid.columns.indices.map { i in
            max(DisplayWidth.of(grid.columns[i]), grid.rows.map { DisplayWidth.of($0.values[i]) }.max() ?? 0)
        }
        var out = grid.caption + "\n"
        out += DisplayWidth.pad("", to: labelWidth)
        for (i, c) in grid.columns.enumerated() { out += "  " + DisplayWidth.pad(c, to: widths[i], alignRight: true) }
        out += "\n"
        for row in grid.rows {
            var line = DisplayWidth.pad(row.label, to: labelWidth)
            for (i, v) in row.values.enumerated() { line += "  " + DisplayWidth.pad(v, to: widths[i], alignRight: true) }
            while line.last == " " { line.removeLast() }
            out += line + "\n"
        }
        return out
    }
}
