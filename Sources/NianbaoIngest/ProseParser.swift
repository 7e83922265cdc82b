import NianbaoModel

/// Re-joins the paragraphs of prose (a section, the preamble, a cover letter).
///
/// Text arrives in three shapes, and each marks a new paragraph differently:
/// - indented (PDF text, Word): where the region indents any line, an indented line starts a
///   paragraph and an unindented one continues the last;
/// - one paragraph a line (web pages, Word text, Markdown): lines far longer than a printed
///   line; each line is a paragraph unless it plainly stops mid-sentence;
/// - wrapped without indentation (pdftotext of a PDF set flush): a line continues the last
///   unless the last ended a sentence short of the wrap width, or a blank line came after a
///   sentence's end.
/// In every shape a subheading (（一）…, 一、…, `###`) stands alone, a line that starts with an
/// enumerator starts a paragraph, and a heading run into its paragraph (`（一）主动公开情况。
/// 2022年…`) starts one too and is marked (`Paragraph.runInHeading`).
enum ProseParser {
    static func paragraphs(_ lines: some Collection<SourceLine>, skipping skip: Set<Int> = []) -> [Paragraph] {
        let body = lines.lazy.filter { !skip.contains($0.number) && !$0.isFurniture }
        // One pass for the region's shape. Indentation tells paragraphs apart only where some
        // lines have it and some do not (a text browser indents every line of its dump); the
        // longest line, in ideograph widths, is the wrap width of wrapped text.
        var indented = false, unindented = false, wrapWidth = 0.0
        for line in body where !line.isBlank {
            if line.indented { indented = true } else { unindented = true }
            wrapWidth = max(wrapWidth, width(line.content))
        }
        let indentMode = indented && unindented
        // Lines far longer than a printed line, or all too short to be wrapped ones.
        let lineMode = !indentMode && (wrapWidth > 60 || wrapWidth < 24)
        var out: [Paragraph] = []
        var current: (text: String, line: Int, lastWidth: Double, lastHasPunctuation: Bool)?
        var sawBlank = false

        func flush() {
            if let c = current, !c.text.isEmpty {
                out.append(Paragraph(kind: .body, text: c.text, runInHeading: runInHeading(c.text), line: c.line))
            }
            current = nil
        }

        for line in body {
            if line.isBlank { sawBlank = true; continue }
            var content = line.content
            var markdownHeading = false
            while content.first == "#" { content = content.dropFirst(); markdownHeading = true }
            let text = String(CharacterNormalization.trim(content))
            if text.isEmpty { continue }
            if markdownHeading || isSubheading(text) {
                flush()
                out.append(Paragraph(kind: .subheading, text: text, line: line.number))
                sawBlank = false
                continue
            }
            let lineWidth = width(Substring(text))
            let startsNew: Bool
            if let c = current {
                let ended = endsSentence(c.text)
                let enumerated = enumerator(text)
                if enumerated == .heading || (enumerated == .item && ended) {
                    startsNew = true
                } else if indentMode {
                    startsNew = line.indented
                } else if lineMode {
                    // A paragraph a line: only a long line that stops mid-sentence goes on (a
                    // blank line after it is a wrap saved as a paragraph break).
                    startsNew = ended || c.lastWidth < 30 || isContactLine(text)
                } else {
                    // A wrapped line fills the width; a short one ends its paragraph, and so does a
                    // line without running text's punctuation before a blank (关于…的报告).
                    startsNew = (ended && (sawBlank || c.lastWidth < wrapWidth - 2)) || c.lastWidth < wrapWidth * 0.6
                        || (sawBlank && !c.lastHasPunctuation) || isContactLine(text)
                }
            } else {
                startsNew = true
            }
            let punctuated = text.unicodeScalars.contains { s in
                switch s { case "，", "。", "；", "、", "：", ",", ";", ":": return true
                default: return false }
            }
            if startsNew {
                flush()
                current = (text, line.number, lineWidth, punctuated)
            } else {
                join(&current!.text, text)
                current!.lastWidth = lineWidth
                current!.lastHasPunctuation = punctuated
            }
            sawBlank = false
        }
        flush()
        return out
    }

    /// A short numbered line without a full stop: （一）主动公开情况, 一、主动公开情况, (一)存在问题.
    static func isSubheading(_ text: String) -> Bool {
        // The enumerator first: most lines have none, and are done by their first scalar.
        guard let rest = afterHeadingEnumerator(Substring(text)) else { return false }
        guard FastText.hasAtMost(30, charactersIn: text), !text.unicodeScalars.contains("。"), !text.unicodeScalars.contains("；"), !text.unicodeScalars.contains("，") else { return false }
        return !rest.isEmpty
    }

    enum Enumerator { case heading, item }

    /// How a line starts: with a heading's enumerator (（一）, 一、) or an item's (1. 1、 （1）).
    static func enumerator(_ text: String) -> Enumerator? { enumerator(text[...]) }

    static func enumerator(_ s: Substring) -> Enumerator? {
        // Either kind starts with a bracket, a numeral or an ASCII digit: other lines are done
        // by their first scalar.
        guard let first = s.unicodeScalars.first, first.isASCII ? (first == "(" || ("0"..."9").contains(first)) : (first == "（" || isNumeral(first)) else { return nil }
        if afterHeadingEnumerator(s) != nil { return .heading }
        var t = s
        let parenthesised = t.first == "（" || t.first == "("
        if parenthesised { t = t.dropFirst() }
        var digits = 0
        while let c = t.first, c.isASCII, c.isNumber { t = t.dropFirst(); digits += 1 }
        guard (1...2).contains(digits), let c = t.first else { return nil }
        if parenthesised { return c == "）" || c == ")" ? .item : nil }
        // `1.2万条` is a number, not an item.
        guard "、.．".contains(c) else { return nil }
        let next = t.dropFirst().first
        return next.map { !($0.isASCII && $0.isNumber) } ?? false ? .item : nil
    }

    /// What follows a heading's enumerator (（一）, (一), 一、), or nil when there is none.
    static func afterHeadingEnumerator(_ s: Substring) -> Substring? {
        guard let first = s.unicodeScalars.first, first == "（" || first == "(" || isNumeral(first) else { return nil }
        let numerals = "一二三四五六七八九十"
        var t = s
        if t.first == "（" || t.first == "(" {
            t = t.dropFirst()
            var n = 0
            while let c = t.first, numerals.contains(c) { t = t.dropFirst(); n += 1 }
            guard n > 0, let close = t.first, close == "）" || close == ")" else { return nil }
            return t.dropFirst()
        }
        var n = 0
        while let c = t.first, numerals.contains(c) { t = t.dropFirst(); n += 1 }
        guard n > 0, t.first == "、" else { return nil }
        return t.dropFirst()
    }

    /// Whether a scalar may begin a character that equals one of 一…十: the numerals, and
    /// U+F9D1, a compatibility ideograph canonically equivalent to 六.
    private static func isNumeral(_ s: Unicode.Scalar) -> Bool {
        switch s {
        case "一", "二", "三", "四", "五", "六", "七", "八", "九", "十", "\u{F9D1}": return true
        default: return false
        }
    }

    /// The heading words of a heading run into its paragraph: the enumerator and the words up
    /// to the first 。 or ：, when they are few and hold no comma (`（一）主动公开情况。2022年…`).
    static func runInHeading(_ text: String) -> String? {
        guard let rest = afterHeadingEnumerator(Substring(text)) else { return nil }
        var count = 0
        for i in rest.indices {
            let c = rest[i]
            count += 1
            if count > 25 { return nil }
            if "，,、；;".contains(c) { return nil }
            if "。：:".contains(c) {
                let end = rest.index(after: i)
                guard count > 1, end < rest.endIndex else { return nil }
                return String(text[..<end])
            }
        }
        return nil
    }

    /// A line of contact details (地址：…, 电话：…, 邮编：…): a paragraph of its own in a
    /// preamble, even where the line before does not end a sentence.
    private static func isContactLine(_ text: String) -> Bool {
        // Only a line that starts with a label's first character (none of them is what another
        // character decomposes into; 真 is, so not the whole label's bytes) is compared label by label.
        switch text.unicodeScalars.first {
        case "地", "通", "联", "电", "咨", "传", "邮", "网", "办": break
        default: return false
        }
        for label in ["地址", "通讯地址", "联系地址", "电话", "联系电话", "咨询电话", "传真", "邮编", "邮政编码", "电子邮箱", "邮箱", "电子信箱", "网址", "联系人", "办公时间"] {
            if text.hasPrefix(label), let c = text.dropFirst(label.count).first, c == "：" || c == ":" { return true }
        }
        return false
    }

    private static func endsSentence(_ text: String) -> Bool {
        guard let last = text.last else { return true }
        return "。！？；：”」』)）!?;:".contains(last)
    }

    /// Width in ideographs: a CJK character counts 1, ASCII half. Told from the UTF-8 bytes: an
    /// ASCII byte is an ASCII character, any other lead byte starts a wider one. (Sums of halves
    /// are exact in a Double, so counting first gives the sum scalar by scalar would.)
    private static func width(_ s: Substring) -> Double {
        var s = s
        let (ascii, other) = s.withUTF8 { b in
            var ascii = 0, other = 0
            for c in b {
                if c < 0x80 { ascii += 1 } else if c & 0xC0 != 0x80 { other += 1 }
            }
            return (ascii, other)
        }
        return Double(ascii) * 0.5 + Double(other)
    }

    /// Joins a wrapped line to its paragraph, in place (a copy per line made a long
    /// paragraph quadratic): no space between CJK characters, one space between two Latin words.
    private static func join(_ a: inout String, _ b: String) {
        if let x = a.last, let y = b.first, x.isASCII && (x.isLetter || x.isNumber), y.isASCII && (y.isLetter || y.isNumber) {
            a += " "
        }
        a += b
    }
}
