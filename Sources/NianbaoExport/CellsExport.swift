import NianbaoModel

/// The cells export of FORMAT.md §3: one `key,value` line per key of the report's template
/// (`Report.keys`: the 2021 template's 200, and the seven of a single （六）其他处理 row when the
/// table has one; the 2019 template's 198), in canonical order, UTF-8, no header; the value is
/// the number, empty for blank, the placeholder as written (`/`, `—`, `无`) and `?` for
/// unreadable (`Cell.exported`).
public enum CellsExport {
    public static func render(_ report: Report) -> String {
        var out = ""
        let keys = report.keys
        out.reserveCapacity(keys.count * 40)
        for key in keys {
            let cell = report[key]
            out += key.rawValue
            out += ","
            out += cell.exported
            out += "\n"
        }
        return out
    }
}
