import NianbaoChecks
import NianbaoModel

/// Whether a report's empty cells may stand for 0 in its derived figures (收到申请, shares,
/// rates, places). Many agencies leave zero cells blank in their Word tables; when tables 2
/// and 3 balance with those cells read as 0 (every relation of FORMAT.md §4 holds that
/// way), 0 is what the agency meant. Otherwise the blanks are not known to be 0 and the
/// figures they enter stay empty. Either way the handout says so.
public enum BlankReading: Sendable, Equatable {
    /// Every cell of tables 2 and 3 is a number: nothing to read.
    case noBlanks
    /// The tables balance with their blank cells — and the placeholders listed, as written
    /// (`/`, `无`) — read as 0.
    case zero(placeholders: [String])
    /// The blank or placeholder cells are not taken as 0, for `reason` (said in Chinese).
    case kept(reason: String)

    /// The reading for `report`.
    public static func of(_ report: Report) -> BlankReading {
        let keys = CellKey.all.filter { $0.table != 1 }
        let cells = keys.map { report[$0] }
        guard cells.contains(where: { $0.state != .number }) else { return .noBlanks }
        guard report.template == .y2021 else { return .kept(reason: "2019 年模板的表格尚未核对") }
        if cells.contains(where: { $0.state == .unreadable }) { return .kept(reason: "表二或表三有无法识读的单元格") }
        // Checker reads blank and placeholder cells as 0: no finding means every relation holds so.
        if !Checker.check(report).isEmpty { return .kept(reason: "按 0 计时表二、表三的勾稽关系不成立") }
        var placeholders: [String] = []
        for c in cells where c.state == .placeholder && !placeholders.contains(c.text) { placeholders.append(c.text) }
        return .zero(placeholders: placeholders)
    }

    /// Whether derived figures read blank and placeholder cells as 0.
    public var readsZero: Bool { if case .zero = self { return true } else { return false } }

    /// The footnote that says how `unit`'s derived figures were computed, or nil when nothing
    /// needs saying.
    func note(_ unit: String) -> String? {
        switch self {
        case .noBlanks:
            return nil
        case .zero(let placeholders):
            let what = placeholders.isEmpty ? "空白单元格" : "空白单元格及占位符" + placeholders.map { "「\($0)」" }.joined(separator: "")
            return "\(unit)：表二、表三的\(what)按 0 计时勾稽关系全部成立，收到申请、占比、纠错率及名次按 0 计算。"
        case .kept(let reason):
            return "\(unit)：表二、表三有空白或占位符单元格，\(reason)，故不按 0 计，涉及这些单元格的收到申请、占比、纠错率空缺，不排名次。"
        }
    }
}
