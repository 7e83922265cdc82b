import NianbaoModel

/// The report as plain text: title, sections with their paragraphs, tables drawn with
/// box-drawing characters for a terminal (CJK counted double width), then the findings.
public enum TextExport {
    public static func render(_ report: Report, findings: [Finding] = []) -> String {
        var out = ""
        out += report.title.isEmpty ? "(no title)\n\n" : report.title + "\n\n"
        func prose(_ paragraphs: [Paragraph]) {
            for p in paragraphs {
                out += (p.kind == .subheading ? "" : "　　") + p.text + "\n"
            }
        }
        if !report.preamble.isEmpty {
            prose(report.preamble)
            out += "\n"
        }
        let tables = ExportTable.tables(of: report)
        for number in 1...6 {
            let section = report.section(number)
            out += (section?.heading ?? Section.canonicalHeading(number)) + "\n"
            prose(section?.paragraphs ?? [])
            if (2...4).contains(number) {
                out += "\n" + table(tables[number - 2]) + "\n"
                if let after = section?.afterTable, !after.isEmpty {
                    prose(after)
                    out += "\n"
                }
                continue
            }
            out += "\n"
        }
        if !report.attachments.isEmpty {
            prose(report.attachments)
            out += "\n"
        }
        if let closing = report.closing {
            // Right-aligned as printed (GB/T 9704), in columns of a 28-character line: the date
            // ends four characters in from the right, the name is centred above it.
            let date = closing.date ?? ""
            let dateEnd = 2 * (28 - 4)
            let centre = dateEnd - DisplayWidth.of(date) / 2
            for name in closing.signature {
                out += String(repeating: "　", count: max(0, centre - DisplayWidth.of(name) / 2) / 2) + name + "\n"
            }
            if !date.isEmpty { out += String(repeating: "　", count: max(0, dateEnd - DisplayWidth.of(date)) / 2) + date + "\n" }
            out += "\n"
        }
        if !findings.isEmpty {
            out += "问题 Findings\n"
            for f in findings {
                out += "  \(FindingPlace.of(f).map { "\($0): " } ?? "")\(f.severity.rawValue): \(f.id): \(f.message)\n"
            }
        }
        return out
    }

    /// A grid drawn with box-drawing characters, as text browsers draw tables: the label column
    /// left-aligned, numbers right-aligned, CJK counted double width. Every cell has its place
    /// between `│`, so a blank cell stays visible and the text reads back to the same cells.
    public static func table(_ grid: ExportTable) -> String {
        let labelWidth = grid.rows.map { DisplayWidth.of($0.label) }.max() ?? 0
        let widths = [labelWidth] + grid.columns.indices.map { i in
            max(DisplayWidth.of(grid.columns[i]), grid.rows.map { DisplayWidth.of($0.values[i]) }.max() ?? 0)
        }
        func border(_ left: String, _ middle: String, _ right: String) -> String {
            left + widths.map { String(repeating: "─", count: $0 + 2) }.joined(separator: middle) + right + "\n"
        }
        func row(_ cells: [String], rightAligned: Bool) -> String {
            "│" + cells.enumerated().map { i, c in " " + DisplayWidth.pad(c, to: widths[i], alignRight: rightAligned && i > 0) + " " }.joined(separator: "│") + "│\n"
        }
        var out = grid.caption + "\n" + border("┌", "┬", "┐")
        out += row([""] + grid.columns, rightAligned: false)
        for r in grid.rows {
            out += border("├", "┼", "┤")
            out += row([r.label] + r.values, rightAligned: true)
        }
        return out + border("└", "┴", "┘")
    }
}
