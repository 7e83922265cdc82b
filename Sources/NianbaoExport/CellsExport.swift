import NianbaoModel

/// The cells export of FORMAT.md §3: one `key,value` line per canonical key, in canonical
/// order, UTF-8, no header; the value is the number, empty for blank, the placeholder as
/// written (`/`, `—`, `无`) and `?` for unreadable (`Cell.exported`).
public enum CellsExport {
    public static func render(_ report: Report) -> String {
        var out = ""
        out.reserveCapacity(CellKey.all.count * 40)
        for key in CellKey.all {
            let cell = report[key]
            out += key.rawValue
            out += ","
            out += cell.exported
            out += "\n"
        }
        return out
    }
}
