import NianbaoModel

/// Check errors said in Chinese for the handout's footnotes, written from the finding's
/// data (its id and the two sides of its relation), not from its English message (also the
/// web page's findings).
public enum FindingText {
    public static func chinese(_ f: Finding) -> String {
        guard let relation = f.relation, let anchor = relation.left.first else { return "数据无法识读：\(f.message)" }
        let sums = relation.sums
        switch f.id {
        case .requestsBalance:
            return "表二「\(anchor.labels.column)」列：本年新收＋上年结转 ≠ 办理结果总计＋结转下年度（\(sums)）"
        case .requestsRowSum:
            return "表二「\(anchor.labels.row)」行：总计 ≠ 各类申请人之和（\(sums)）"
        case .requestsResultsSum:
            return "表二「\(anchor.labels.column)」列：（七）总计 ≠ 各项办理结果之和（\(sums)）"
        case .reviewSum:
            return "表三「\(anchor.labels.row)」：总计 ≠ 维持＋纠正＋其他＋尚未审结（\(sums)）"
        case .crossYearCarriedOver:
            return "表二「\(anchor.labels.column)」列：上年结转 ≠ 上一年度报告的结转下年度继续办理（\(sums)）"
        case .crossYearInForce:
            return "表一「\(anchor.labels.row)」：上年现行有效＋本年制发 ≠ 本年现行有效＋本年废止（\(sums)）"
        default:
            return "数据无法识读：\(f.message)"
        }
    }
}
