/// One line of the input after character normalization, with its 1-based number.
struct SourceLine {
    let number: Int
    /// The line with radicals mapped, form feeds and trailing white space removed.
    let text: String
    /// `text` without leading white space.
    let content: Substring
    /// `content` without any white space, for matching headings and labels.
    let squeezed: String
    /// The line began with indentation (two or more blanks, U+3000 or a tab).
    private(set) var indented: Bool
    /// The line began with a tab (Word table text marks cells so).
    let leadingTab: Bool
    /// The line has a tab somewhere.
    let hasTab: Bool
    /// A table row from a file that spells out its cells (HTML, DOCX).
    var gridRow: TableGrid.Row?
    /// A PDF line with the positions of its pieces.
    var placed: PlacedLine?

    var isBlank: Bool { content.isEmpty }

    /// A line of a file read by a file reader, numbered in reading order; its place in the
    /// file is kept apart (`ExtractedDocument`).
    init(number: Int, raw: Substring, indented: Bool, gridRow: TableGrid.Row? = nil, placed: PlacedLine? = nil) {
        self.init(number: number, raw: raw)
        self.indented = indented
        self.gridRow = gridRow
        self.placed = placed
    }

    init(number: Int, raw: Substring) {
        self.number = number
        var text = CharacterNormalization.normalize(raw)
        if text.unicodeScalars.contains("\u{0C}") || text.unicodeScalars.contains("\u{FEFF}") {
            text.unicodeScalars.removeAll { $0 == "\u{0C}" || $0 == "\u{FEFF}" }
        }
        // Trailing blanks only: a lone tab must survive, it is a Word table's empty cell.
        while let last = text.unicodeScalars.last, last != "\t", CharacterNormalization.isSpace(last) {
            text.unicodeScalars.removeLast()
        }
        self.text = text
        let scalars = text.unicodeScalars
        let first = scalars.firstIndex { !CharacterNormalization.isSpace($0) } ?? scalars.endIndex
        self.content = Substring(scalars[first...])
        let lead = scalars[..<first]
        self.leadingTab = scalars.first == "\t"
        self.indented = lead.contains("\t") || lead.contains("\u{3000}") || lead.count >= 2
        self.hasTab = scalars.contains("\t")
        self.squeezed = FastText.squeeze(content)
    }

    /// Splits text into lines (LF, CRLF or CR), numbered from 1.
    static func split(_ text: String) -> [SourceLine] {
        var lines: [SourceLine] = []
        var number = 0
        let utf8 = text.utf8
        var start = utf8.startIndex
        var i = start
        while i != utf8.endIndex {
            let b = utf8[i]
            if b == 0x0A || b == 0x0D {
                number += 1
                lines.append(SourceLine(number: number, raw: text[start..<i]))
                var next = utf8.index(after: i)
                if b == 0x0D, next != utf8.endIndex, utf8[next] == 0x0A { next = utf8.index(after: next) }
                start = next
                i = next
            } else {
                i = utf8.index(after: i)
            }
        }
        number += 1
        lines.append(SourceLine(number: number, raw: text[start...]))
        return lines
    }

    /// A web site's footer or article tools, which a text browser's dump or a saved page
    /// carries after the report (版权所有, ICP备…, 打印本页): the report has ended before it.
    var isSiteFooter: Bool {
        let s = squeezed
        guard !s.isEmpty, s.utf8.count <= 300 else { return false }
        for mark in ["版权所有", "ICP备", "主办单位：", "承办单位：", "技术支持：", "网站标识码", "网站地图", "关闭窗口", "打印本页", "【打印】", "【关闭】", "公网安备", "扫一扫在手机打开"] {
            if FastText.contains(s, mark) { return true }
        }
        return false
    }

    /// Page furniture that PDF text carries into the middle of paragraphs and tables:
    /// page numbers (`— 2 —`, `- 2 -`, `第2页`, `第 2 页 共 5 页`) and `续表`.
    var isFurniture: Bool {
        let s = squeezed
        if s.isEmpty || s.utf8.count > 40 { return false }
        if s == "续表" || s == "（续表）" || s == "(续表)" { return true }
        if s.hasPrefix("续表"), s.dropFirst(2).allSatisfy({ $0.isNumber || "一二三".contains($0) }) { return true }
        let dashes: Set<Character> = ["—", "–", "-", "－", "―", "‒", "~", "～"]
        var body = Substring(s)
        var dashedLeft = false, dashedRight = false
        while let c = body.first, dashes.contains(c) { body = body.dropFirst(); dashedLeft = true }
        while let c = body.last, dashes.contains(c) { body = body.dropLast(); dashedRight = true }
        if dashedLeft && dashedRight && !body.isEmpty && body.allSatisfy({ $0.isASCII && $0.isNumber }) { return true }
        // 第 2 页 / 第2页共5页
        if s.hasPrefix("第"), s.unicodeScalars.contains("页") {
            let rest = s.dropFirst().filter { !($0.isASCII && $0.isNumber) && !"页共".contains($0) }
            if rest.isEmpty { return true }
        }
        return false
    }
}
