import NianbaoModel

/// The report as Markdown: `#` title, `##` sections, `###` subheadings, tables as pipe
/// tables, then the findings as a list.
public enum MarkdownExport {
    public static func render(_ report: Report, findings: [Finding] = []) -> String {
        var out = "# \(report.title.isEmpty ? "(no title)" : report.title)\n\n"
        func prose(_ paragraphs: [Paragraph]) {
            for p in paragraphs {
                out += (p.kind == .subheading ? "### " : "") + escape(p.text) + "\n\n"
            }
        }
        prose(report.preamble)
        let tables = ExportTable.tables(of: report)
        for number in 1...6 {
            let section = report.section(number)
            out += "## \(section?.heading ?? Section.canonicalHeading(number))\n\n"
            prose(section?.paragraphs ?? [])
            if (2...4).contains(number) {
                out += table(tables[number - 2]) + "\n"
                prose(section?.afterTable ?? [])
            }
        }
        prose(report.attachments)
        if let closing = report.closing {
            // The closing block as lines of their own (Markdown cannot align them right).
            for line in closing.signature + [closing.date].compactMap({ $0 }) { out += escape(line) + "\n\n" }
        }
        if !findings.isEmpty {
            out += "## 问题 Findings\n\n"
            for f in findings {
                out += "- **\(f.severity.rawValue)** `\(f.id)`\(FindingPlace.of(f).map { " (\($0))" } ?? ""): \(escape(f.message))\n"
            }
        }
        return out
    }

    public static func table(_ grid: ExportTable) -> String {
        var out = "**\(grid.caption)**\n\n"
        out += "| 项目 | " + grid.columns.joined(separator: " | ") + " |\n"
        out += "|---|" + String(repeating: "---:|", count: grid.columns.count) + "\n"
        for row in grid.rows {
            out += "| \(escape(row.label)) | " + row.values.map(escape).joined(separator: " | ") + " |\n"
        }
        return out
    }

    /// Escapes the characters that would break a table or start Markdown syntax.
    public static func escape(_ s: String) -> String {
        var out = ""
        for c in s {
            if c == "|" || c == "*" || c == "_" || c == "`" || c == "\\" { out.append("\\") }
            out.append(c)
        }
        return out
    }
}
