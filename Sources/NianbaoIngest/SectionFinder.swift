/// Finds the six section headings by their words on a short line, never by the numeral
/// alone: section 1's prose is often divided 一、… 四、… too, and table 2's row labels start
/// 二、 三、 四、 (FORMAT.md §5).
enum SectionFinder {
    struct Heading {
        let number: Int
        let text: String
        /// Index into the line array.
        let index: Int
    }

    static func find(in lines: [SourceLine]) -> [Heading] {
        var found: [Heading] = []
        var last = 0
        for (index, line) in lines.enumerated() where !line.isBlank {
            guard mayBeHeading(line), let n = headingNumber(squeezed: line.squeezed), n > last else { continue }
            // 存在问题 / 其他需要报告 may head a part of section 1's prose: sections 5 and 6
            // come after the tables.
            if n >= 5 && last < 2 { continue }
            var text = line.squeezed
            while text.first == "#" { text = text.dropFirst() }
            found.append(Heading(number: n, text: String(text), index: index))
            last = n
            if n == 6 { break }
        }
        return found
    }

    /// Which section `content` is the heading of, if it is one.
    static func headingNumber(_ content: Substring) -> Int? {
        headingNumber(squeezed: CharacterNormalization.squeeze(content))
    }

    /// Words of which every heading below holds one (总体情况, 主动公开政府…, …政府信息公开申请…,
    /// 行政复议, 存在…问题 / 主要问题及, 其他需要报告). Most lines hold none and are done by a
    /// byte search, before the character-by-character work (a tenth of a text parse).
    private static let tellingWords = ["总体情况", "主动公开政府", "政府信息公开申请", "行政复议", "问题", "其他需要报告"]

    static func headingNumber(squeezed: String) -> Int? { headingNumber(squeezed: squeezed[...]) }

    /// The first two tests of `headingNumber`, on the line's squeezed bytes: most lines fail
    /// them, and a line that keeps no squeezed form is then spared making one.
    static func mayBeHeading(_ line: SourceLine) -> Bool {
        line.withSqueezedUTF8 { $0.count <= 110 && FastText.containsAny($0, tellingWords) }
    }

    static func headingNumber(squeezed: Substring) -> Int? {
        guard squeezed.utf8.count <= 110 else { return nil }  // at most ~32 ideographs
        guard FastText.containsAny(squeezed, tellingWords) else { return nil }
        var s = squeezed
        while s.first == "#" { s = s.dropFirst() }
        guard !s.isEmpty, FastText.hasAtMost(32, charactersIn: s), !s.unicodeScalars.contains("。"), !s.unicodeScalars.contains("；") else { return nil }
        if s.first == "（" || s.first == "(" { return nil }  // level-two headings （一）
        s = dropNumeral(s)
        // A line that lists section names (a preamble's 本报告全文包括总体情况、主动公开…, wrapped)
        // is no heading: a heading's words hold no 、 but the one of 行政复议、行政诉讼.
        if s.unicodeScalars.contains("、"), FastText.removing("复议、行政诉讼", from: String(s)).unicodeScalars.contains("、") { return nil }
        if s == "总体情况" || (s.hasPrefix("总体情况") && s.count <= 8) { return 1 }
        let text = String(s)
        // Reworded and mistyped headings (FORMAT.md §7) by their telling words.
        if FastText.contains(text, "主动公开政府信息情况") || s == "主动公开政府信息" || (s.hasPrefix("主动公开政府") && s.hasSuffix("情况") && s.count <= 14) { return 2 }
        if FastText.contains(text, "收到和处理政府信息公开申请") || FastText.contains(text, "处理政府信息公开申请情况") { return 3 }
        if FastText.contains(text, "行政复议") && FastText.contains(text, "行政诉讼") && s.count <= 22 { return 4 }
        if (s.hasPrefix("存在") && FastText.contains(text, "问题") && s.count <= 16) || s.hasPrefix("主要问题及") { return 5 }
        if s.hasPrefix("其他需要报告") { return 6 }
        return nil
    }

    /// Removes a leading `一、`, `1.`, `1、`, `第一部分` style numeral.
    static func dropNumeral(_ s: Substring) -> Substring {
        // Only a line that starts with 第, a numeral (or U+F9D1, equivalent to 六) or an ASCII
        // digit has one: other lines are done by their first scalar.
        guard let first = s.unicodeScalars.first else { return s }
        switch first {
        case "第", "一", "二", "三", "四", "五", "六", "七", "八", "九", "十", "\u{F9D1}", "0"..."9": break
        default: return s
        }
        let numerals = "一二三四五六七八九十"
        var t = s
        if t.first == "第", let end = t.firstIndex(of: "部"), t[t.index(after: end)...].hasPrefix("分") {
            return t[t.index(end, offsetBy: 2)...]
        }
        var consumed = false
        while let c = t.first, numerals.contains(c) || (c.isASCII && c.isNumber) {
            t = t.dropFirst()
            consumed = true
        }
        guard consumed else { return s }
        if let c = t.first, "、.．,，:：".contains(c) { return t.dropFirst() }
        return s
    }
}
