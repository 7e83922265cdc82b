/// A whole report on one line (FORMAT.md §7: a crawler saves a page so, headings inline and
/// table cells run together): broken into lines before the section headings and, within the
/// tables, before each row label, so that the ordinary readers can take it from there. What
/// cannot be told apart stays together: glued digits are then one value, and a row that
/// needs more is unreadable.
enum OneLineText {
    /// Whether the text needs breaking: few lines, one of them very long.
    static func applies(to text: String) -> Bool {
        var lines = 0, longest = 0, current = 0
        for scalar in text.unicodeScalars {
            if scalar == "\n" || scalar == "\r" {
                lines += 1
                longest = max(longest, current)
                current = 0
                if lines > 40 { return false }
            } else {
                current += 1
            }
        }
        return max(longest, current) > 2000
    }

    /// Section heading words, in section order; the numeral before them goes with them.
    static let headings = ["总体情况", "主动公开政府信息情况", "收到和处理政府信息公开申请情况", "行政复议、行政诉讼情况", "存在的主要问题", "其他需要报告的事项"]
    /// Where a heading ends when its words are only its start (存在的主要问题及改进情况).
    static let headingEnds = ["情况", "措施", "事项"]
    /// Row labels that begin a table row.
    static let rowStarts = ["第二十条", "信息内容", "规章", "行政规范性文件", "行政许可", "行政处罚", "行政强制", "行政事业性收费",
                            "一、本年新收", "二、上年结转", "三、本年度办理结果", "（一）予以公开", "（二）部分公开", "（三）不予公开", "（四）无法提供",
                            "（五）不予处理", "（六）其他处理", "（七）总计", "四、结转下年度", "行政复议", "行政诉讼"]

    static func split(_ text: String) -> String {
        // Radicals mapped first (⼆、主动公开 is 二、主动公开), as every line is.
        let s = Array(CharacterNormalization.normalize(Substring(text)).unicodeScalars)
        var cuts = Set<Int>()
        // Headings, each after the one before.
        var from = 0
        var tableStart: Int?, tableEnd = s.count, tablesHeading: Int?
        var headingSpans: [Range<Int>] = []
        for (n, words) in headings.enumerated() {
            guard let at = find(words, in: s, from: from) else { continue }
            var start = at
            let prefix = Array("政府信息公开".unicodeScalars)  // 四、政府信息公开行政复议、行政诉讼情况
            if n == 3, start >= prefix.count, Array(s[(start - prefix.count)..<start]) == prefix { start -= prefix.count }
            while start > 0, "一二三四五六七八九十、．.".unicodeScalars.contains(s[start - 1]) { start -= 1 }
            var end = at + words.unicodeScalars.count
            if !["情况", "事项"].contains(where: { words.hasSuffix($0) }),
               let close = headingEnds.compactMap({ find($0, in: s, from: end) }).filter({ $0 - end <= 12 }).min() {
                end = close + 2
            }
            cuts.insert(start)
            cuts.insert(end)
            headingSpans.append(start..<end)
            if n == 1 { tableStart = end; tablesHeading = start }
            if n == 4 { tableEnd = start }
            from = end
        }
        // The title (before the tables, perhaps after 一、总体情况): after its ending, and before
        // its agency (after the last space or mark).
        if let limit = tablesHeading ?? cuts.min() {
            for ending in TitleFinder.endings {
                guard let at = find(ending, in: s, from: 0), at < limit else { continue }
                cuts.insert(at + ending.unicodeScalars.count)
                var start = at
                while start > 0, !(CharacterNormalization.isSpace(s[start - 1]) || ">＞|：:，。》".unicodeScalars.contains(s[start - 1])) { start -= 1 }
                cuts.insert(start)
                break
            }
        }
        // Row labels, and item numbers (1.属于国家秘密), inside the tables.
        if let tableStart {
            for label in rowStarts {
                var i = tableStart
                while let at = find(label, in: s, from: i), at < tableEnd {
                    if !headingSpans.contains(where: { $0.contains(at) }) { cuts.insert(at) }
                    i = at + 1
                }
            }
            var i = tableStart
            while i + 2 < tableEnd {
                if CellReader.isDigit(s[i]), i == 0 || !CellReader.isDigit(s[i - 1]), ".、．".unicodeScalars.contains(s[i + 1]), s[i + 2].properties.isIdeographic {
                    cuts.insert(i)
                }
                i += 1
            }
        }
        var out = String.UnicodeScalarView()
        for (i, scalar) in s.enumerated() {
            if cuts.contains(i), i > 0 { out.append("\n") }
            out.append(scalar)
        }
        return String(out)
    }

    private static func find(_ word: String, in s: [Unicode.Scalar], from: Int) -> Int? {
        let w = Array(word.unicodeScalars)
        guard !w.isEmpty, s.count >= w.count, from <= s.count - w.count else { return nil }
        var i = from
        while i <= s.count - w.count {
            if s[i] == w[0], Array(s[i..<(i + w.count)]) == w { return i }
            i += 1
        }
        return nil
    }
}
