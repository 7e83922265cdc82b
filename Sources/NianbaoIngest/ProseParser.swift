import NianbaoModel

/// Re-joins the paragraphs of a prose section.
///
/// PDF text wraps a paragraph over several lines, often with blank lines in between, and
/// marks a new paragraph only by its indentation. So: where the section indents any line,
/// an indented line starts a paragraph and an unindented one continues the last. Where
/// nothing is indented (Markdown, plain text), a blank line ends a paragraph unless the
/// text before it stops mid-sentence. Subheadings (（一）…, 一、…, `###`) always stand alone.
enum ProseParser {
    static func paragraphs(_ lines: ArraySlice<SourceLine>, skipping skip: Set<Int>) -> [Paragraph] {
        let body = lines.lazy.filter { !skip.contains($0.number) && !$0.isFurniture }
        let indentMode = body.contains { !$0.isBlank && $0.indented }
        var out: [Paragraph] = []
        var current: (text: String, line: Int)?
        var sawBlank = false

        func flush() {
            if let c = current, !c.text.isEmpty { out.append(Paragraph(kind: .body, text: c.text, line: c.line)) }
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
            let startsNew: Bool
            if current == nil {
                startsNew = true
            } else if indentMode {
                startsNew = line.indented
            } else {
                startsNew = sawBlank && endsSentence(current!.text)
            }
            if startsNew {
                flush()
                current = (text, line.number)
            } else {
                join(&current!.text, text)
            }
            sawBlank = false
        }
        flush()
        return out
    }

    /// A short numbered line without a full stop: （一）主动公开情况, 一、主动公开情况, (一)存在问题.
    static func isSubheading(_ text: String) -> Bool {
        guard text.count <= 30, !text.unicodeScalars.contains("。"), !text.unicodeScalars.contains("；"), !text.unicodeScalars.contains("，") else { return false }
        let numerals = "一二三四五六七八九十"
        var s = Substring(text)
        if s.first == "（" || s.first == "(" {
            s = s.dropFirst()
            var n = 0
            while let c = s.first, numerals.contains(c) { s = s.dropFirst(); n += 1 }
            return n > 0 && (s.first == "）" || s.first == ")") && s.count > 1
        }
        var n = 0
        while let c = s.first, numerals.contains(c) { s = s.dropFirst(); n += 1 }
        return n > 0 && s.first == "、" && s.count > 1
    }

    private static func endsSentence(_ text: String) -> Bool {
        guard let last = text.last else { return true }
        return "。！？；：”」』)）!?;:".contains(last)
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
