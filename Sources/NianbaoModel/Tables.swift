/// Rows and columns of the three standard tables (国办公开办函〔2021〕30号), with their
/// printed labels. Layout and exports read labels from here so that every output names a
/// row the same way.

/// Table 1 (主动公开政府信息情况): one row per item of 第二十条.
public enum ActiveRow: String, CaseIterable, Sendable, Codable {
    case regulations
    case normativeDocuments = "normative_documents"
    case licensing
    case penalty
    case coercion
    case fees

    /// Column names of this row, in order.
    public var columns: [String] {
        switch self {
        case .regulations, .normativeDocuments: return ["issued", "repealed", "in_force"]
        case .licensing, .penalty, .coercion: return ["decisions"]
        case .fees: return ["amount"]
        }
    }

    /// The row label as printed in the template.
    public var label: String {
        switch self {
        case .regulations: return "规章"
        case .normativeDocuments: return "行政规范性文件"
        case .licensing: return "行政许可"
        case .penalty: return "行政处罚"
        case .coercion: return "行政强制"
        case .fees: return "行政事业性收费"
        }
    }

    /// The 第二十条 item the row belongs to, as printed above its block.
    public var item: String {
        switch self {
        case .regulations, .normativeDocuments: return "第二十条第（一）项"
        case .licensing: return "第二十条第（五）项"
        case .penalty, .coercion: return "第二十条第（六）项"
        case .fees: return "第二十条第（八）项"
        }
    }

    /// Column headings printed above the row's block.
    public var columnLabels: [String] {
        switch self {
        case .regulations, .normativeDocuments: return ["本年制发件数", "本年废止件数", "现行有效件数"]
        case .licensing, .penalty, .coercion: return ["本年处理决定数量"]
        case .fees: return ["本年收费金额（单位：万元，保留4位小数）"]
        }
    }

    /// Number of cells in table 1.
    public static let cellCount = allCases.reduce(0) { $0 + $1.columns.count }
}

/// Table 2 (收到和处理政府信息公开申请情况): the 25 rows.
public enum RequestRow: String, CaseIterable, Sendable, Codable {
    case new
    case carriedOver = "carried_over"
    case granted
    case partiallyGranted = "partially_granted"
    case stateSecret = "denied.state_secret"
    case prohibitedByLaw = "denied.prohibited_by_law"
    case threeSafeties = "denied.three_safeties_one_stability"
    case thirdPartyRights = "denied.third_party_rights"
    case internalAffairs = "denied.internal_affairs"
    case processInformation = "denied.process_information"
    case enforcementCaseFile = "denied.enforcement_case_file"
    case administrativeQuery = "denied.administrative_query"
    case notHeld = "unavailable.not_held"
    case needsCreation = "unavailable.needs_creation"
    case stillUnclear = "unavailable.still_unclear"
    case petitionOrComplaint = "not_processed.petition_or_complaint"
    case repeated = "not_processed.repeated"
    case publication = "not_processed.publication"
    case excessive = "not_processed.excessive"
    case confirmation = "not_processed.confirmation"
    case noCorrection = "other.no_correction"
    case unpaidFee = "other.unpaid_fee"
    case otherReason = "other.other"
    case total
    case carriedForward = "carried_forward"

    /// The 21 result rows (granted … other.other) whose sum is `total`.
    public static let results: [RequestRow] = Array(allCases[2...22])

    /// The result group a row belongs to, nil for rows outside 三、本年度办理结果.
    public var group: ResultGroup? {
        let raw = rawValue
        if raw.hasPrefix("denied.") { return .denied }
        if raw.hasPrefix("unavailable.") { return .unavailable }
        if raw.hasPrefix("not_processed.") { return .notProcessed }
        if raw.hasPrefix("other.") { return .other }
        return nil
    }

    /// The row's own label as printed (without its group label).
    public var label: String {
        switch self {
        case .new: return "一、本年新收政府信息公开申请数量"
        case .carriedOver: return "二、上年结转政府信息公开申请数量"
        case .granted: return "（一）予以公开"
        case .partiallyGranted: return "（二）部分公开（区分处理的，只计这一情形，不计其他情形）"
        case .stateSecret: return "1.属于国家秘密"
        case .prohibitedByLaw: return "2.其他法律行政法规禁止公开"
        case .threeSafeties: return "3.危及“三安全一稳定”"
        case .thirdPartyRights: return "4.保护第三方合法权益"
        case .internalAffairs: return "5.属于三类内部事务信息"
        case .processInformation: return "6.属于四类过程性信息"
        case .enforcementCaseFile: return "7.属于行政执法案卷"
        case .administrativeQuery: return "8.属于行政查询事项"
        case .notHeld: return "1.本机关不掌握相关政府信息"
        case .needsCreation: return "2.没有现成信息需要另行制作"
        case .stillUnclear: return "3.补正后申请内容仍不明确"
        case .petitionOrComplaint: return "1.信访举报投诉类申请"
        case .repeated: return "2.重复申请"
        case .publication: return "3.要求提供公开出版物"
        case .excessive: return "4.无正当理由大量反复申请"
        case .confirmation: return "5.要求行政机关确认或重新出具已获取信息"
        case .noCorrection: return "1.申请人无正当理由逾期不补正、行政机关不再处理其政府信息公开申请"
        case .unpaidFee: return "2.申请人逾期未按收费通知要求缴纳费用、行政机关不再处理其政府信息公开申请"
        case .otherReason: return "3.其他"
        case .total: return "（七）总计"
        case .carriedForward: return "四、结转下年度继续办理"
        }
    }

    /// Number of cells in table 2.
    public static let cellCount = allCases.count * RequestColumn.allCases.count
}

/// The groups of result rows that the template labels vertically.
public enum ResultGroup: String, CaseIterable, Sendable, Codable {
    case denied, unavailable, notProcessed = "not_processed", other

    public var label: String {
        switch self {
        case .denied: return "（三）不予公开"
        case .unavailable: return "（四）无法提供"
        case .notProcessed: return "（五）不予处理"
        case .other: return "（六）其他处理"
        }
    }
}

/// Table 2's applicant columns.
public enum RequestColumn: String, CaseIterable, Sendable, Codable {
    case natural, commercial, research, social
    case legalService = "legal_service"
    case other, total

    /// The columns that add up to `total`.
    public static let applicants: [RequestColumn] = [.natural, .commercial, .research, .social, .legalService, .other]

    public var label: String {
        switch self {
        case .natural: return "自然人"
        case .commercial: return "商业企业"
        case .research: return "科研机构"
        case .social: return "社会公益组织"
        case .legalService: return "法律服务机构"
        case .other: return "其他"
        case .total: return "总计"
        }
    }
}

/// Table 3's groups: 行政复议 and the two kinds of 行政诉讼.
public enum ReviewGroup: String, CaseIterable, Sendable, Codable {
    case review
    case litigationDirect = "litigation_direct"
    case litigationAfterReview = "litigation_after_review"

    public var label: String {
        switch self {
        case .review: return "行政复议"
        case .litigationDirect: return "未经复议直接起诉"
        case .litigationAfterReview: return "复议后起诉"
        }
    }
}

/// Table 3's result columns, repeated for each group.
public enum ReviewColumn: String, CaseIterable, Sendable, Codable {
    case upheld, corrected, other, pending, total

    /// The columns that add up to `total`.
    public static let parts: [ReviewColumn] = [.upheld, .corrected, .other, .pending]

    public var label: String {
        switch self {
        case .upheld: return "结果维持"
        case .corrected: return "结果纠正"
        case .other: return "其他结果"
        case .pending: return "尚未审结"
        case .total: return "总计"
        }
    }
}

/// Table 1 of the 2019 template (国办公开办函〔2019〕60号, reports for 2019 and 2020; FORMAT.md
/// §2b): 22 cells, with signed 本年增/减 and 采购总金额 written with its unit.
public enum Active2019Row: String, CaseIterable, Sendable, Codable {
    case regulations
    case normativeDocuments = "normative_documents"
    case licensing
    case otherServices = "other_services"
    case penalty
    case coercion
    case fees
    case procurement

    /// Column names of this row, in order.
    public var columns: [String] {
        switch self {
        case .regulations, .normativeDocuments: return ["made", "published", "public_total"]
        case .licensing, .otherServices, .penalty, .coercion: return ["previous", "change", "decisions"]
        case .fees: return ["previous", "change"]
        case .procurement: return ["items", "amount"]
        }
    }

    /// The row label as printed in the template.
    public var label: String {
        switch self {
        case .regulations: return "规章"
        case .normativeDocuments: return "规范性文件"
        case .licensing: return "行政许可"
        case .otherServices: return "其他对外管理服务事项"
        case .penalty: return "行政处罚"
        case .coercion: return "行政强制"
        case .fees: return "行政事业性收费"
        case .procurement: return "政府集中采购"
        }
    }

    /// The 第二十条 item the row belongs to, as printed above its block.
    public var item: String {
        switch self {
        case .regulations, .normativeDocuments: return "第二十条第（一）项"
        case .licensing, .otherServices: return "第二十条第（五）项"
        case .penalty, .coercion: return "第二十条第（六）项"
        case .fees: return "第二十条第（八）项"
        case .procurement: return "第二十条第（九）项"
        }
    }

    /// Column headings printed above the row's block.
    public var columnLabels: [String] {
        switch self {
        case .regulations, .normativeDocuments: return ["本年新制作数量", "本年新公开数量", "对外公开总数量"]
        case .licensing, .otherServices, .penalty, .coercion: return ["上一年项目数量", "本年增/减", "处理决定数量"]
        case .fees: return ["上一年项目数量", "本年增/减"]
        case .procurement: return ["采购项目数量", "采购总金额"]
        }
    }

    /// Number of cells in the 2019 table 1.
    public static let cellCount = allCases.reduce(0) { $0 + $1.columns.count }
}
