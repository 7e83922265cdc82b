/// Finds the report title `<机关名称><年份>年政府信息公开工作年度报告` and takes agency and
/// year from it. The title may be split over two or three lines, stand after the first
/// heading, or follow a cover letter; a sentence that merely mentions the title (a cover
/// letter's 关于印发《…》的通知) is not taken for it.
struct TitleFinder {
    struct Title {
        let title: String
        let agency: String
        let year: Int
        /// Line numbers the title occupies.
        let lines: [Int]
    }

    static let suffix = "政府信息公开工作年度报告"

    /// All whole-line titles, in order: a page (or text saved from one) may list other
    /// years' reports before its own title.
    static func wholeLineTitles(in lines: ArraySlice<SourceLine>) -> [Title] {
        lines.filter { !$0.isBlank && !$0.isFurniture && $0.withSqueezedUTF8 { FastText.contains($0, "报告") } && SectionFinder.headingNumber(squeezed: $0.squeezed) == nil }
            .compactMap { match(clean($0.content), lines: [$0.number]) }
    }

    /// The title: of several whole-line titles the last, the one nearest the report; else a
    /// title wrapped over two or three lines.
    static func find(in lines: ArraySlice<SourceLine>, wholeLines: [Title]? = nil) -> Title? {
        if let last = (wholeLines ?? wholeLineTitles(in: lines)).last { return last }
        let candidates = lines.filter {
            !$0.isBlank && !$0.isFurniture && SectionFinder.headingNumber(squeezed: $0.squeezed) == nil
        }
        // Fewest lines first, so a date or signature line above the title is not taken in.
        for span in 2...3 {
            for i in candidates.indices where i + span <= candidates.endIndex {
                let parts = candidates[i..<(i + span)]
                guard FastText.contains(parts.last!.squeezed, "报告"), parts.last!.squeezed.utf8.count < 60 else { continue }
                let adjacent = zip(parts.dropFirst(), parts).allSatisfy { $0.number - $1.number <= 2 }
                guard adjacent else { continue }
                if let title = match(parts.map { clean($0.content) }.joined(), lines: parts.map(\.number)) { return title }
            }
        }
        return nil
    }

    /// Markdown heading marks, spaces and 《》 removed.
    private static func clean(_ s: Substring) -> String {
        var t = Substring(CharacterNormalization.squeeze(s))
        // Markdown heading marks, and list bullets of a page's link lists (•, *, ·, -).
        while let c = t.first, "#•*·●○■□▪◆-".contains(c) { t = t.dropFirst() }
        let digits = CharacterNormalization.asciiDigits(t)
        // Foundation's replacing, only where the marks' bytes are (no character decomposes into
        // 《 or 》, so nothing else could match): it was a tenth of finding the title.
        guard FastText.contains(digits, "《") || FastText.contains(digits, "》") else { return digits }
        return digits.replacingOccurrences(of: "《", with: "").replacingOccurrences(of: "》", with: "")
    }

    /// The title's ending as agencies write it (FORMAT.md §7: 工作报告 for 工作年度报告 …).
    static let endings = [suffix, "政府信息公开年度工作报告", "政府信息公开工作报告", "政府信息公开年度报告"]

    static func match(_ s: String, lines: [Int]) -> Title? {
        guard let ending = endings.first(where: { s.hasSuffix($0) }) else { return nil }
        let whole = s.dropLast(ending.count)
        var head = whole
        if head.hasSuffix("度") { head = head.dropLast() }
        let year: Int, agency: String
        if head.hasSuffix("年"), let (y, rest) = trailingYear(head.dropLast()) {
            (year, agency) = (y, String(rest))
        } else if let (y, rest) = leadingYear(whole) {
            // The year first: 2024年某市科委政府信息公开工作年度报告.
            (year, agency) = (y, String(rest))
        } else {
            return nil
        }
        // Not a sentence (。，), a cover letter (关于…), nor a web page's breadcrumb (首页 > … > 标题, 当前位置：).
        guard !agency.isEmpty, agency.count <= 40, !agency.hasPrefix("关于"),
              !agency.unicodeScalars.contains(where: { "。，>＞»›|：:/".unicodeScalars.contains($0) }) else { return nil }
        return Title(title: s, agency: agency, year: year, lines: lines)
    }

    /// A leading year and 年 (or 年度), and what follows it.
    private static func leadingYear(_ s: Substring) -> (Int, Substring)? {
        guard let nian = s.firstIndex(of: "年"), s.distance(from: s.startIndex, to: nian) == 4,
              let (year, _) = trailingYear(s[..<nian]) else { return nil }
        var rest = s[s.index(after: nian)...]
        if rest.first == "度" { rest = rest.dropFirst() }
        return (year, rest)
    }

    /// A year written with four ASCII digits (full-width already mapped) or four Chinese
    /// numerals (二〇二二).
    private static func trailingYear(_ s: Substring) -> (Int, Substring)? {
        let digits = s.suffix(4)
        guard digits.count == 4 else { return nil }
        if digits.allSatisfy({ $0.isASCII && $0.isNumber }), let y = Int(digits) {
            return (1990...2100).contains(y) ? (y, s.dropLast(4)) : nil
        }
        let numerals: [Character: Int] = ["〇": 0, "零": 0, "○": 0, "Ｏ": 0, "一": 1, "二": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7, "八": 8, "九": 9]
        var y = 0
        for c in digits {
            guard let d = numerals[c] else { return nil }
            y = y * 10 + d
        }
        return (1990...2100).contains(y) ? (y, s.dropLast(4)) : nil
    }
}

import Foundation  // replacingOccurrences
