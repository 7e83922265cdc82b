import Synchronization

/// Where table labels and agency names may break (FORMAT.md §6): after an enumerator or
/// between words, never inside one (`保护第三方` / `合法权益`, not `第三` / `方`); an agency's name
/// before its generic part (`城关镇` / `人民政府`). Layout marks the rest as unbreakable
/// (`TextBlock.unbreakable`); a shaper keeps those ranges on one line where they fit.
public enum LineBreaks {
    /// The words of the templates' fixed labels (tables 1–3 of the 2021 template, their
    /// headers, and the words of the 2019 template's table 1), split where a reader accepts a
    /// break. Labels are cut into these by longest match; a character in no word stands alone.
    static let segmentedLabels = [
        // Table 1.
        "第二十条|第（一）项", "第二十条|第（五）项", "第二十条|第（六）项", "第二十条|第（八）项", "第二十条|第（九）项",
        "信息内容", "本年|制发|件数", "本年|废止|件数", "现行|有效|件数", "规章", "行政|规范性|文件", "规范性|文件",
        "本年|处理|决定|数量", "行政许可", "行政处罚", "行政强制", "行政事业性|收费", "本年|收费|金额", "单位：|万元", "保留|4位|小数",
        "本年|新制作|数量", "本年|新公开|数量", "对外|公开|总数量", "上一年|项目|数量", "本年|增/减", "处理|决定|数量",
        "其他|对外|管理|服务|事项", "政府|集中|采购", "采购|项目|数量", "采购|总金额",
        // Table 2.
        "本年|新收|政府信息|公开|申请|数量", "上年|结转|政府信息|公开|申请|数量", "本年度|办理|结果", "予以|公开",
        "部分|公开", "区分|处理的", "只计|这一|情形", "不计|其他|情形", "不予公开", "属于|国家秘密", "其他|法律|行政法规|禁止|公开",
        "危及|“三安全|一稳定”", "保护|第三方|合法|权益", "属于|三类|内部事务|信息", "属于|四类|过程性|信息", "属于|行政执法|案卷",
        "属于|行政查询|事项", "无法提供", "本机关|不掌握|相关|政府信息", "没有|现成|信息|需要|另行|制作", "补正后|申请|内容|仍不|明确",
        "不予处理", "信访|举报|投诉类|申请", "重复|申请", "要求|提供|公开|出版物", "无正当理由|大量|反复|申请",
        "要求|行政机关|确认|或|重新|出具|已获取|信息", "其他处理", "申请人|无正当理由|逾期|不补正", "不再|处理|其|政府信息|公开|申请",
        "申请人|逾期|未按|收费|通知|要求|缴纳|费用", "总计", "结转|下年度|继续|办理",
        "申请人|情况", "自然人", "法人或|其他组织", "商业|企业", "科研|机构", "社会|公益|组织", "法律|服务|机构", "其他",
        "本列|数据的|勾稽|关系为", "第一项|加|第二项|之和", "等于|第三项|加|第四项|之和",
        // Table 3.
        "行政复议", "行政诉讼", "未经|复议|直接|起诉", "复议后|起诉", "结果|维持", "结果|纠正", "其他|结果", "尚未|审结",
    ]

    /// Enumerators break after, never inside: （三）, 1., 一、.
    static let enumerators: [String] = (["一", "二", "三", "四", "五", "六", "七", "八", "九", "十"].flatMap { ["（\($0)）", "\($0)、"] })
        + (1...9).flatMap { ["\($0).", "\($0)、", "（\($0)）"] }

    static let vocabulary: Set<String> = Set(segmentedLabels.flatMap { $0.split(separator: "|").map(String.init) } + enumerators)
    static let longestWord = vocabulary.map(\.count).max() ?? 1

    /// Labels repeat report after report (the templates' fixed text): each is cut once.
    private static let labelCache = Mutex<[String: [Range<Int>]]>([:])

    /// UTF-8 byte ranges of a table label that stay on one line: its words, by longest match.
    public static func label(_ text: String) -> [Range<Int>] {
        // A number or a single character has no word to keep.
        guard text.utf8.count > 3 else { return [] }
        if let known = labelCache.withLock({ $0[text] }) { return known }
        let ranges = cut(text)
        labelCache.withLock { cache in
            if cache.count > 10_000 { cache.removeAll() }
            cache[text] = ranges
        }
        return ranges
    }

    private static func cut(_ text: String) -> [Range<Int>] {
        let chars = Array(text)
        var ranges: [Range<Int>] = []
        var i = 0, byte = 0
        while i < chars.count {
            var length = 1
            for n in stride(from: min(longestWord, chars.count - i), through: 2, by: -1) where vocabulary.contains(String(chars[i..<(i + n)])) {
                length = n
                break
            }
            let bytes = chars[i..<(i + length)].reduce(0) { $0 + $1.utf8.count }
            if length > 1 { ranges.append(byte..<(byte + bytes)) }
            i += length
            byte += bytes
        }
        return ranges
    }

    /// The generic parts an agency's name ends in; a break may come before each.
    static let genericParts = ["街道办事处", "管理委员会", "人民政府", "办公室", "委员会", "办事处", "服务中心", "中心", "街道"]
    /// A leading division (汉阴县, 城关镇, 某市) ends at the first of these within four characters.
    static let divisions: Set<Character> = ["省", "市", "县", "区", "州", "旗", "镇", "乡"]

    /// UTF-8 byte ranges of an agency's name that stay on one line: a name breaks after its
    /// leading division (汉阴县 / 住房和城乡建设局), before a generic part (城关镇 / 人民政府 /
    /// 办公室) and after 和、与、及 inside a compound (发展和 / 改革局), nowhere else.
    /// `looseness`: where the strict parts are too wide for their cell, 1 lets a lone leading 县
    /// end a line, and 2 also a part of five characters break before its last word (自然 / 资源局).
    public static func name(_ text: String, looseness: Int = 0) -> [Range<Int>] {
        // A year or note after the name (`城关镇 2022`, `城关镇（2022年）`) stands apart.
        var chars = Array(text)
        if let cut = chars.firstIndex(where: { $0 == " " || $0 == "（" || $0 == "(" }), cut > 0 {
            chars = Array(chars[..<cut])
        }
        guard chars.count > 1 else { return [] }
        var breaks = Set<Int>()  // character offsets a line may start at
        // A lone 县 (县公安局) is no division of its own: it stays with the words after it.
        if let d = chars.prefix(4).firstIndex(where: { divisions.contains($0) }), d >= 1 || looseness >= 1, d + 1 < chars.count { breaks.insert(d + 1) }
        var covered = Array(repeating: false, count: chars.count)  // inside a longer generic part already
        for part in genericParts.sorted(by: { $0.count > $1.count }) {
            let p = Array(part)
            var i = 1
            while i + p.count <= chars.count {
                if !covered[i], Array(chars[i..<(i + p.count)]) == p {
                    breaks.insert(i)
                    breaks.insert(i + p.count)
                    for k in i..<(i + p.count) { covered[k] = true }
                    i += p.count
                } else {
                    i += 1
                }
            }
        }
        for (i, c) in chars.enumerated() where "和与及".contains(c) && i > 0 && i + 2 < chars.count { breaks.insert(i + 1) }
        // A long part may break before its last word: 行政审批 / 服务局, 市场监督 / 管理局.
        let sorted = ([0] + breaks.sorted() + [chars.count]).filter { $0 >= 0 && $0 <= chars.count }
        for (a, b) in zip(sorted, sorted.dropFirst()) where "局会院馆所站队".contains(chars[b - 1]) {
            // A leading lone 县 kept with the part does not make it longer.
            let length = b - a - (a == 0 && divisions.contains(chars[0]) ? 1 : 0)
            guard length >= (looseness >= 2 ? 5 : 6) else { continue }
            breaks.insert(b - 3)
        }
        breaks = breaks.filter { $0 > 0 && $0 < chars.count }
        var ranges: [Range<Int>] = []
        var start = 0, byte = 0, startByte = 0
        for (i, c) in chars.enumerated() {
            if breaks.contains(i) {
                if i - start > 1 { ranges.append(startByte..<byte) }
                start = i
                startByte = byte
            }
            byte += c.utf8.count
        }
        if chars.count - start > 1 { ranges.append(startByte..<byte) }
        return ranges
    }

    /// Where `text` breaks between its lines in `shaped`: the UTF-8 offsets lines start at.
    public static func lineStarts(_ shaped: ShapedText) -> [Int] {
        shaped.lines.dropFirst().compactMap { line in line.glyphs.first { !$0.text.isEmpty }?.text.lowerBound }
    }
}
