import NianbaoModel

/// One row of a comparison: a canonical cell or a derived figure.
public struct Metric: Sendable, Equatable {
    public enum Kind: Sendable, Equatable {
        case cell(CellKey)
        /// A figure computed from cells, e.g. the disclosure rate.
        case derived(Derived)
    }

    /// `requests.new.total` or `derived.requests.disclosure_rate`.
    public var key: String
    /// Chinese label for the handout.
    public var label: String
    public var kind: Kind
    /// Headline metrics get highest/lowest marks and a bar chart.
    public var headline: Bool

    /// Derived figures (issue: requests received, disclosure rate, shares, correction rates).
    public enum Derived: String, CaseIterable, Sendable {
        case received = "derived.requests.received"
        case disclosureRate = "derived.requests.disclosure_rate"
        case deniedShare = "derived.requests.denied_share"
        case unavailableShare = "derived.requests.unavailable_share"
        case notProcessedShare = "derived.requests.not_processed_share"
        case reviewCorrectionRate = "derived.review.correction_rate"
        case litigationDirectCorrectionRate = "derived.litigation_direct.correction_rate"
        case litigationAfterReviewCorrectionRate = "derived.litigation_after_review.correction_rate"

        public var label: String {
            switch self {
            case .received: return "收到申请（新收＋结转）"
            case .disclosureRate: return "公开率（予以公开＋部分公开）"
            case .deniedShare: return "不予公开占比"
            case .unavailableShare: return "无法提供占比"
            case .notProcessedShare: return "不予处理占比"
            case .reviewCorrectionRate: return "行政复议纠错率"
            case .litigationDirectCorrectionRate: return "行政诉讼（直接起诉）纠错率"
            case .litigationAfterReviewCorrectionRate: return "行政诉讼（复议后起诉）纠错率"
            }
        }

        /// Rates are fractions; `received` is a count.
        public var isRate: Bool { self != .received }

        /// The value for `report`, or nil when an operand is blank, a placeholder or
        /// unreadable, or the divisor is zero: an empty cell, never 0 or NaN. With
        /// `blanksAsZero` (a report whose tables balance so: `BlankReading`), blank and
        /// placeholder operands count as 0; unreadable ones never do.
        public func value(_ r: Report, blanksAsZero: Bool = false) -> Double? {
            func n(_ k: CellKey) -> Double? {
                switch r[k].state {
                case .number: return r[k].number
                case .blank, .placeholder: return blanksAsZero ? 0 : nil
                case .unreadable: return nil
                }
            }
            func sum(_ keys: [CellKey]) -> Double? {
                var total = 0.0
                for k in keys { guard let v = n(k) else { return nil }; total += v }
                return total
            }
            func ratio(_ a: [CellKey], _ b: [CellKey]) -> Double? {
                guard let x = sum(a), let y = sum(b), y != 0 else { return nil }
                return x / y
            }
            let total = [CellKey.requests(.total, .total)]
            func group(_ g: ResultGroup) -> [CellKey] { RequestRow.allCases.filter { $0.group == g }.map { .requests($0, .total) } }
            func correction(_ g: ReviewGroup) -> Double? {
                ratio([.review(g, .corrected)], [.review(g, .upheld), .review(g, .corrected), .review(g, .other)])
            }
            switch self {
            case .received: return sum([.requests(.new, .total), .requests(.carriedOver, .total)])
            case .disclosureRate: return ratio([.requests(.granted, .total), .requests(.partiallyGranted, .total)], total)
            case .deniedShare: return ratio(group(.denied), total)
            case .unavailableShare: return ratio(group(.unavailable), total)
            case .notProcessedShare: return ratio(group(.notProcessed), total)
            case .reviewCorrectionRate: return correction(.review)
            case .litigationDirectCorrectionRate: return correction(.litigationDirect)
            case .litigationAfterReviewCorrectionRate: return correction(.litigationAfterReview)
            }
        }
    }

    /// A rate (a derived fraction, charted on 0–100 %), not a count.
    public var isRate: Bool {
        if case .derived(let d) = kind { return d.isRate }
        return false
    }

    public static func cell(_ key: CellKey, headline: Bool = false, label: String? = nil) -> Metric {
        Metric(key: key.rawValue, label: label ?? key.label, kind: .cell(key), headline: headline)
    }

    public static func derived(_ d: Derived, headline: Bool = true) -> Metric {
        Metric(key: d.rawValue, label: d.label, kind: .derived(d), headline: headline)
    }

    /// The headline figures: one page of what a county office compares first.
    public static let summary: [Metric] = [
        .cell(.requests(.new, .total), headline: true, label: "本年新收申请"),
        .cell(.requests(.carriedOver, .total), label: "上年结转申请"),
        .derived(.received),
        .cell(.requests(.granted, .total), label: "予以公开"),
        .cell(.requests(.partiallyGranted, .total), label: "部分公开"),
        .derived(.disclosureRate),
        .derived(.deniedShare),
        .derived(.unavailableShare),
        .derived(.notProcessedShare),
        .cell(.requests(.total, .total), label: "办理结果总计"),
        .cell(.requests(.carriedForward, .total), label: "结转下年度继续办理"),
        .cell(.review(.review, .total), headline: true, label: "行政复议 · 总计"),
        .cell(.review(.review, .corrected), label: "行政复议 · 结果纠正"),
        .derived(.reviewCorrectionRate),
        .cell(.review(.litigationDirect, .total), headline: true, label: "行政诉讼（直接起诉） · 总计"),
        .cell(.review(.litigationAfterReview, .total), headline: true, label: "行政诉讼（复议后起诉） · 总计"),
        .derived(.litigationDirectCorrectionRate),
        .derived(.litigationAfterReviewCorrectionRate),
        .cell(.active(.licensing, "decisions"), headline: true, label: "行政许可决定"),
        .cell(.active(.penalty, "decisions"), headline: true, label: "行政处罚决定"),
    ]

    /// All 200 cells in canonical order, then the derived figures.
    public static let all: [Metric] = {
        let headlineKeys = Set(summary.compactMap { m -> String? in m.headline ? m.key : nil })
        return CellKey.all.map { .cell($0, headline: headlineKeys.contains($0.rawValue)) } + Derived.allCases.map { .derived($0) }
    }()
}
