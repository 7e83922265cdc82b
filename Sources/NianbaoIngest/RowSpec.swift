import NianbaoModel

/// One row of a standard table as the reader looks for it: its cells and how its label is
/// known. Labels are matched by their own words, with white space removed; the two generic
/// labels 其他 and 总计 must end the label, because group labels (（六）其他处理) and repeated
/// headers (… 其他 总计) put the same words in front of other rows.
struct RowSpec {
    enum Match {
        case contains([String])
        /// The label ends with the word; when a row numbering stands right before it, it must
        /// be this one (`3.其他`, not `2.其他…` cut short before 法律行政法规禁止公开).
        case endsWith(String, number: String?)
        case any
    }

    let name: String
    let keys: [CellKey]
    let match: Match
    /// What names the row anywhere in a text (`isNamed`), worked out once.
    private let forms: [String]

    init(name: String, keys: [CellKey], match: Match) {
        self.name = name
        self.keys = keys
        self.match = match
        switch match {
        case .contains(let phrases): forms = phrases
        case .endsWith(let word, let number?):
            forms = ["\(number).\(word)", "\(number)、\(word)", "\(number)．\(word)", "（\(number)）\(word)", "(\(number))\(word)"]
        case .endsWith, .any: forms = []
        }
    }

    /// Whether `text` names this row anywhere with its own words: a phrase of a `.contains`
    /// row, or the numbered word of an `.endsWith` row (`3.其他`, `（七）总计`).
    func isNamed(in text: String) -> Bool {
        forms.contains { FastText.contains(text, $0) }
    }

    func matches(_ label: String) -> Bool {
        switch match {
        case .contains(let phrases): return phrases.contains { FastText.contains(label, $0) }
        case .endsWith(let word, let number):
            var s = Substring(label)
            while let c = s.last, "：:）)。.".contains(c) { s = s.dropLast() }
            guard s.hasSuffix(word) else { return false }
            guard let number else { return true }
            let before = s.dropLast(word.count)
            // The numbering right before the word: 3. 3、 3． or （七） (七).
            var mark = before
            if let c = mark.last, ".、．".contains(c) {
                mark = mark.dropLast()
                let digits = mark.reversed().prefix { $0.isNumber && $0.isASCII }
                return digits.isEmpty || String(digits.reversed()) == number
            }
            if let c = mark.last, c == "）" || c == ")" {
                let numerals = mark.dropLast().reversed().prefix { "一二三四五六七八九十".contains($0) }
                return numerals.isEmpty || String(numerals.reversed()) == number
            }
            return true
        case .any: return true
        }
    }

    static let table1: [RowSpec] = ActiveRow.allCases.map { row in
        let keys = row.columns.map { CellKey.active(row, $0) }
        let match: Match
        switch row {
        case .regulations: match = .contains(["规章"])
        case .normativeDocuments: match = .contains(["规范性文件"])
        case .licensing: match = .contains(["行政许可"])
        case .penalty: match = .contains(["行政处罚"])
        case .coercion: match = .contains(["行政强制"])
        case .fees: match = .contains(["事业性收费"])
        }
        return RowSpec(name: row.label, keys: keys, match: match)
    }

    static let table2: [RowSpec] = RequestRow.allCases.map { row in
        let keys = RequestColumn.allCases.map { CellKey.requests(row, $0) }
        let match: Match
        switch row {
        case .new: match = .contains(["本年新收"])
        case .carriedOver: match = .contains(["上年结转"])
        case .granted: match = .contains(["予以公开"])
        case .partiallyGranted: match = .contains(["部分公开"])
        case .stateSecret: match = .contains(["国家秘密"])
        case .prohibitedByLaw: match = .contains(["禁止公开"])
        case .threeSafeties: match = .contains(["三安全一稳定", "三安全"])
        case .thirdPartyRights: match = .contains(["第三方合法权益", "第三方"])
        case .internalAffairs: match = .contains(["内部事务"])
        case .processInformation: match = .contains(["过程性信息"])
        case .enforcementCaseFile: match = .contains(["执法案卷"])
        case .administrativeQuery: match = .contains(["行政查询"])
        case .notHeld: match = .contains(["不掌握"])
        case .needsCreation: match = .contains(["另行制作", "没有现成信息"])
        case .stillUnclear: match = .contains(["仍不明确"])
        case .petitionOrComplaint: match = .contains(["信访举报投诉", "信访"])
        case .repeated: match = .contains(["重复申请"])
        case .publication: match = .contains(["公开出版物"])
        case .excessive: match = .contains(["大量反复申请", "反复申请"])
        case .confirmation: match = .contains(["确认或重新出具", "重新出具"])
        case .noCorrection: match = .contains(["逾期不补正"])
        case .unpaidFee: match = .contains(["缴纳费用"])
        case .otherReason: match = .endsWith("其他", number: "3")
        case .total: match = .endsWith("总计", number: "七")
        case .carriedForward: match = .contains(["结转下年度"])
        }
        return RowSpec(name: row.label, keys: keys, match: match)
    }

    /// Table 1 of the 2019 template (FORMAT.md §2b).
    static let table1of2019: [RowSpec] = Active2019Row.allCases.map { row in
        let keys = row.columns.map { CellKey.active2019(row, $0) }
        let match: Match
        switch row {
        case .regulations: match = .contains(["规章"])
        case .normativeDocuments: match = .contains(["规范性文件"])
        case .licensing: match = .contains(["行政许可"])
        case .otherServices: match = .contains(["对外管理服务", "其他对外管理"])
        case .penalty: match = .contains(["行政处罚"])
        case .coercion: match = .contains(["行政强制"])
        case .fees: match = .contains(["事业性收费"])
        case .procurement: match = .contains(["集中采购", "政府采购"])
        }
        return RowSpec(name: row.label, keys: keys, match: match)
    }

    /// The single （六）其他处理 row of the 2019 template (and of 2021 reports that kept it).
    static let otherProcessing = RowSpec(name: ResultGroup.other.label, keys: CellKey.otherProcessing, match: .contains(["其他处理"]))

    /// Table 2 of the 2019 template: the single （六）其他处理 row where the 2021 template has three.
    static let table2of2019: [RowSpec] = {
        var specs = table2.filter { spec in !RequestRow.allCases.contains { $0.group == .other && CellKey.requests($0, .natural) == spec.keys[0] } }
        let at = specs.firstIndex { $0.keys[0] == CellKey.requests(.total, .natural) }!
        specs.insert(otherProcessing, at: at)
        return specs
    }()

    /// Table 3 prints its fifteen numbers as one row under a two-level header.
    static let table3: [RowSpec] = [
        RowSpec(name: "行政复议、行政诉讼", keys: ReviewGroup.allCases.flatMap { g in ReviewColumn.allCases.map { CellKey.review(g, $0) } }, match: .any),
    ]
}
