import NianbaoChecks
import NianbaoModel

/// Check errors said in Chinese for the handout's footnotes: which relation fails, with the
/// two sums.
enum FindingText {
    static func chinese(_ f: Finding) -> String {
        let sums = f.message.split(separator: ":").last.map { String($0).trimmingCharacters(in: .whitespaces) } ?? ""
        let shown = sums.components(separatedBy: " (").first ?? sums
        let first = f.keys.first
        switch f.id {
        case "requests.balance":
            let column = first.map { $0.labels.column } ?? ""
            return "表二「\(column)」列：本年新收＋上年结转 ≠ 办理结果总计＋结转下年度（\(shown)）"
        case "requests.row_sum":
            let row = f.keys.last.map { $0.labels.row } ?? ""
            return "表二「\(row)」行：总计 ≠ 各类申请人之和（\(shown)）"
        case "requests.results_sum":
            let column = first.map { $0.labels.column } ?? ""
            return "表二「\(column)」列：（七）总计 ≠ 各项办理结果之和（\(shown)）"
        case "review.sum":
            let group = first.map { $0.labels.row } ?? ""
            return "表三「\(group)」：总计 ≠ 维持＋纠正＋其他＋尚未审结（\(shown)）"
        case CrossYear.carriedOverID:
            let column = first.map { $0.labels.column } ?? ""
            return "表二「\(column)」列：上年结转 ≠ 上一年度报告的结转下年度继续办理（\(shown)）"
        case CrossYear.inForceID:
            let row = first.map { $0.labels.row } ?? ""
            return "表一「\(row)」：上年现行有效＋本年制发 ≠ 本年现行有效＋本年废止（\(shown)）"
        default:
            return "数据无法识读：\(f.message)"
        }
    }
}

import Foundation
