import Foundation
import NianbaoExport
import NianbaoFiles
import NianbaoModel

/// The comparison as CSV, aligned text and Markdown.
public enum ComparisonExport {
    /// A CSV that Excel and WPS open as it is meant (a double click, no import dialog): UTF-8
    /// with a BOM (without it they take the bytes as GBK or ANSI), CRLF line ends, fields with
    /// a comma, quote or line break quoted.
    ///
    /// Columns: `key` (the canonical key or `derived.*`), `指标` (the handout's Chinese label),
    /// then each unit in the handout's order (after `--sort`), a report's column followed by
    /// `<unit> 标记` with its marks — ▲ highest, ▼ lowest (headline metrics), ※n the numbered
    /// footnotes about it (a check error its number takes part in, blank cells read as 0) — so that the value column holds only the value.
    /// Values as the cells export writes them: the number; nothing for blank; the placeholder
    /// as written (`/`, `—`, `无`); `?` for unreadable: four different things. Change columns
    /// (years of one agency) have no marks. After the metric rows, one row per footnote: `※n`
    /// in the key column, its explanation in `指标`.
    public static func csv(_ sheet: ComparisonSheet) -> String {
        var header = ["key", "指标"]
        for column in sheet.columns {
            header.append(column.label)
            if column.isReport { header.append(column.label + " " + marksHeading) }
        }
        var lines = [header]
        for row in sheet.rows {
            var line = [row.metric.key, row.metric.label]
            for (column, value) in zip(sheet.columns, row.values) {
                line.append(value.csv)
                if column.isReport { line.append(marks(value)) }
            }
            lines.append(line)
        }
        for (i, note) in sheet.footnotes.enumerated() {
            lines.append(["※\(i + 1)", note] + Array(repeating: "", count: header.count - 2))
        }
        return byteOrderMark + lines.map { $0.map(field).joined(separator: ",") }.joined(separator: "\r\n") + "\r\n"
    }

    /// Heading suffix of a unit's marks column.
    public static let marksHeading = "标记"

    /// U+FEFF, which UTF-8 writes as EF BB BF: how Excel and WPS know a CSV is UTF-8.
    static let byteOrderMark = "\u{FEFF}"

    /// A cell's marks, without its value: `▲`, `▼`, `※1`, `▲ ※1 ※3`; "" for none.
    public static func marks(_ v: ComparisonSheet.Value) -> String {
        var parts: [String] = []
        if v.mark == .highest { parts.append("▲") }
        if v.mark == .lowest { parts.append("▼") }
        parts += v.footnotes.map { "※\($0 + 1)" }
        return parts.joined(separator: " ")
    }

    /// Whether `bytes` are a comparison nianbao wrote, in any of `compare`'s formats, told by
    /// what each format carries: the CSV's header `key,指标,` (after the BOM), the text's or
    /// Markdown's `指标` header row near the top, the handout's subject (`HandoutLayout.subject`)
    /// in a PDF's document information or an OFD's OFD.xml. A report, also one nianbao rendered
    /// (subject «…年度报告», no 对比), is none of these.
    public static func isComparison(_ bytes: [UInt8]) -> Bool {
        let head = String(decoding: bytes.prefix(4096), as: UTF8.self)
        if head.hasPrefix("key,指标,") || head.hasPrefix(byteOrderMark + "key,指标,") { return true }
        if bytes.starts(with: Array("%PDF".utf8)) { return pdfSubject(bytes) }
        if bytes.starts(with: [0x50, 0x4B, 0x03, 0x04]) {
            guard let root = ZipArchive.entry(named: "OFD.xml", in: bytes, limit: 1 << 20) else { return false }
            return String(decoding: root, as: UTF8.self).contains("<ofd:Subject>\(HandoutLayout.subject)</ofd:Subject>")
        }
        let lines = head.split(separator: "\n").prefix(4)
        return lines.contains { $0.hasPrefix("指标 ") || $0.hasPrefix("| 指标 |") }
    }

    /// Whether a PDF's `/Subject` is the handout's: a UTF-16BE hex string, as nianbao's writer
    /// and Cairo's both write it (digits in either case).
    static func pdfSubject(_ bytes: [UInt8]) -> Bool {
        let wanted = "FEFF" + HandoutLayout.subject.utf16.map { String(format: "%04X", $0) }.joined()
        let key = Array("/Subject".utf8)
        var i = 0
        while let at = bytes[i...].firstRange(of: key)?.lowerBound {
            var j = at + key.count
            while j < bytes.count, [0x20, 0x0A, 0x0D, 0x09].contains(bytes[j]) { j += 1 }
            if j < bytes.count, bytes[j] == UInt8(ascii: "<"), let close = bytes[j...].firstIndex(of: UInt8(ascii: ">")),
               String(decoding: bytes[(j + 1)..<close], as: UTF8.self).uppercased() == wanted {
                return true
            }
            i = at + 1
        }
        return false
    }

    private static func field(_ s: String) -> String {
        s.contains(",") || s.contains("\"") || s.contains("\n") || s.contains("\r") ? "\"" + s.replacingOccurrences(of: "\"", with: "\"\"") + "\"" : s
    }

    /// What a printed cell shows: value, ▲/▼ for highest/lowest, ※n for its footnotes but
    /// those `leaving` out (a report's own notes, marked beside its name in print).
    public static func printed(_ v: ComparisonSheet.Value, leaving: [Int] = []) -> String {
        var s = v.display
        if v.mark == .highest { s += "▲" }
        if v.mark == .lowest { s += "▼" }
        s += v.footnotes.filter { !leaving.contains($0) }.map { "※\($0 + 1)" }.joined()
        return s
    }

    /// A unit's name as print heads its column: with the marks of the report's own notes.
    public static func printedName(_ name: String, _ column: ComparisonSheet.Column) -> String {
        name + column.notes.map { "※\($0 + 1)" }.joined()
    }

    static func legend(_ sheet: ComparisonSheet) -> [String] {
        var lines = ["▲ 最高  ▼ 最低（仅重点指标）  ※ 见注：该数字所在的勾稽关系不成立，或空白单元格如何计入"]
        for (i, note) in sheet.footnotes.enumerated() { lines.append("※\(i + 1) \(note)") }
        return lines
    }

    /// A terminal table (CJK counted double width).
    public static func text(_ sheet: ComparisonSheet) -> String {
        let labels = sheet.rows.map(\.metric.label)
        let cells = sheet.rows.map { $0.values.map { printed($0) } }
        let labelWidth = ([DisplayWidth.of("指标")] + labels.map { DisplayWidth.of($0) }).max()!
        let widths = sheet.columns.indices.map { c in
            ([DisplayWidth.of(sheet.columns[c].label)] + cells.map { DisplayWidth.of($0[c]) }).max()!
        }
        var out = sheet.title + "\n\n"
        out += DisplayWidth.pad("指标", to: labelWidth) + sheet.columns.enumerated().map { "  " + DisplayWidth.pad($1.label, to: widths[$0], alignRight: true) }.joined() + "\n"
        for (r, row) in cells.enumerated() {
            var line = DisplayWidth.pad(labels[r], to: labelWidth)
            for (c, v) in row.enumerated() { line += "  " + DisplayWidth.pad(v, to: widths[c], alignRight: true) }
            while line.last == " " { line.removeLast() }
            out += line + "\n"
        }
        return out + "\n" + legend(sheet).joined(separator: "\n") + "\n"
    }

    public static func markdown(_ sheet: ComparisonSheet) -> String {
        var out = "# \(sheet.title)\n\n| 指标 | " + sheet.columns.map { MarkdownExport.escape($0.label) }.joined(separator: " | ") + " |\n"
        out += "|---|" + String(repeating: "---:|", count: sheet.columns.count) + "\n"
        for row in sheet.rows {
            out += "| \(MarkdownExport.escape(row.metric.label)) | " + row.values.map { MarkdownExport.escape(printed($0)) }.joined(separator: " | ") + " |\n"
        }
        return out + "\n" + legend(sheet).map { "- " + MarkdownExport.escape($0) }.joined(separator: "\n") + "\n"
    }
}
