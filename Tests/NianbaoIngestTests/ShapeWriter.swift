import NianbaoModel

/// Writes a report's tables in one of the text shapes of FORMAT.md §5, from cell texts as
/// a person would type them (`1,204`, `３７`, `/`, blank). Used to prove that each shape
/// reads back to the same cells.
enum ShapeWriter {
    enum Shape: CaseIterable { case pdfRow, pdfCell, word, tsv, pipe }

    /// A whole report: cover noise, title, prose, the three tables in `shape`, closing prose.
    static func report(_ cells: [[String]], t1: [[String]], t3: [String], shape: Shape) -> String {
        var out = "示例县人民政府2023年政府信息公开工作年度报告\n\n一、总体情况\n\n　　2023年，本县认真贯彻《条例》。\n\n二、主动公开政府信息情况\n\n"
        out += table1(t1, shape)
        out += "\n三、收到和处理政府信息公开申请情况\n\n"
        out += table2(cells, shape)
        out += "\n四、政府信息公开行政复议、行政诉讼情况\n\n"
        out += table3(t3, shape)
        out += "\n五、存在的主要问题及改进情况\n\n　　问题与改进。\n\n六、其他需要报告的事项\n\n　　无。\n"
        return out
    }

    static func row(_ label: [String], _ values: [String], _ shape: Shape) -> String {
        switch shape {
        case .pdfRow:
            return (label + values.filter { !$0.isEmpty }).joined(separator: " ") + "\n"
        case .pdfCell:
            return (label + values.filter { !$0.isEmpty }).joined(separator: "\n") + "\n"
        case .word:
            return (label + values).map { "\t" + $0 + "\n" }.joined() + "\n"
        case .tsv:
            return (label + values).joined(separator: "\t") + "\t\n"
        case .pipe:
            return "| " + (label + values).joined(separator: " | ") + " | |\n"
        }
    }

    static func table1(_ t1: [[String]], _ shape: Shape) -> String {
        var out = ""
        for (r, values) in zip(ActiveRow.allCases, t1) {
            if r == .regulations || r == .licensing || r == .penalty || r == .fees {
                out += row([r.item], [], shape == .pipe ? .pipe : (shape == .word ? .word : .pdfRow))
                out += row(["信息内容"] + r.columnLabels, [], shape)
            }
            // One-value rows padded to three fields in TSV and pipe tables.
            let padded = (shape == .tsv || shape == .pipe) && values.count == 1 ? values + ["", ""] : values
            out += row([r == .normativeDocuments ? "规范性文件" : r.label], padded, shape)
        }
        return out
    }

    static func table2(_ cells: [[String]], _ shape: Shape) -> String {
        var out = "（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）\n"
        out += row(["申请人情况"], [], shape)
        out += row(["", "自然人", "法人或其他组织", "总计"], [], shape)
        out += row(["", "", "商业企业", "科研机构", "社会公益组织", "法律服务机构", "其他"], [], shape)
        for (r, values) in zip(RequestRow.allCases, cells) {
            var label = [r.label]
            if let g = r.group, RequestRow.allCases.first(where: { $0.group == g }) == r { label.insert(g.label, at: 0) }
            if r == .granted { label.insert("三、本年度办理结果", at: 0) }
            if shape == .pdfRow && r.label.count > 20 {
                // A long label wrapped, with its numbers on the next line.
                let cut = r.label.index(r.label.startIndex, offsetBy: 14)
                out += (label.dropLast() + [String(r.label[..<cut])]).joined(separator: " ") + "\n" + String(r.label[cut...]) + "\n"
                out += values.filter { !$0.isEmpty }.joined(separator: " ") + "\n"
                continue
            }
            out += row(label, values, shape)
        }
        return out
    }

    static func table3(_ t3: [String], _ shape: Shape) -> String {
        var out = row(["行政复议", "行政诉讼"], [], shape)
        out += row(["结果维持", "结果纠正", "其他结果", "尚未审结", "总计", "未经复议直接起诉", "复议后起诉"], [], shape)
        out += row(Array(repeating: ["结果维持", "结果纠正", "其他结果", "尚未审结", "总计"], count: 2).flatMap { $0 }, [], shape)
        out += row([], t3, shape)
        return out
    }
}
