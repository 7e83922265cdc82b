/// One line of the input after character normalization, with its 1-based number.
///
/// Kept small (32 bytes, no heap for a short line; `SourceLineTests` checks the 32): a report
/// of a million short lines is held in memory whole, and every byte a line costs is paid a
/// million times. A squeezed form that differs from the text and the content (a table row with
/// blanks between its cells) is made when asked for, not kept: kept, with its box, it was two
/// fifths of a large table's peak. A file reader's grid row or PDF line stands in a box of its own.
struct SourceLine {
    /// The line with radicals mapped, form feeds and trailing white space removed.
    let text: String
    private let file: FileExtra?
    private let storedNumber: Int32
    /// The UTF-8 offset where `content` starts, below three flag bits.
    private let packed: UInt32

    private static let indentedBit: UInt32 = 1 << 31, leadingTabBit: UInt32 = 1 << 30, hasTabBit: UInt32 = 1 << 29
    /// White space only before `content`: the squeezed form is `content` itself.
    private static let contentSqueezedBit: UInt32 = 1 << 28
    /// `isFurniture`, told once (it was asked of a table's lines three times and more).
    private static let furnitureBit: UInt32 = 1 << 27
    /// White space within `content`: the squeezed form is made when asked for.
    private static let blankInContentBit: UInt32 = 1 << 26
    private static let offsetMask: UInt32 = (1 << 26) - 1

    /// A file reader's line: its grid row or PDF line, and its squeezed form when it has one of
    /// its own (kept, as the box is there anyway).
    private final class FileExtra {
        let squeezed: String?
        let gridRow: TableGrid.Row?
        let placed: PlacedLine?
        init(squeezed: String?, gridRow: TableGrid.Row?, placed: PlacedLine?) {
            self.squeezed = squeezed
            self.gridRow = gridRow
            self.placed = placed
        }
    }

    var number: Int { Int(storedNumber) }
    /// `text` without leading white space.
    var content: Substring {
        let utf8 = text.utf8
        return text[utf8.index(utf8.startIndex, offsetBy: Int(packed & Self.offsetMask))...]
    }
    /// `content` without any white space, for matching headings and labels. (A slice: most
    /// lines' squeezed form is their text or content, and a copy per look was much of a parse.)
    var squeezed: Substring {
        if let own = file?.squeezed { return own[...] }
        if packed & Self.blankInContentBit != 0 { return FastText.squeeze(content)[...] }
        return packed & Self.contentSqueezedBit != 0 ? content : text[...]
    }
    /// Calls `body` with the UTF-8 bytes of `squeezed`, made on the stack where the line keeps
    /// no squeezed form: most questions asked of every line (a heading's words, a note's mark)
    /// are answered by bytes, and a String made for each look cost more than keeping one.
    func withSqueezedUTF8<R>(_ body: (UnsafeBufferPointer<UInt8>) -> R) -> R {
        guard packed & Self.blankInContentBit != 0, file?.squeezed == nil else {
            var s = squeezed
            return s.withUTF8(body)
        }
        var content = self.content
        return content.withUTF8 { b in
            withUnsafeTemporaryAllocation(of: UInt8.self, capacity: max(b.count, 1)) { out in
                body(UnsafeBufferPointer(rebasing: out[..<FastText.squeeze(b, into: out)]))
            }
        }
    }

    /// The line began with indentation (two or more blanks, U+3000 or a tab).
    var indented: Bool { packed & Self.indentedBit != 0 }
    /// The line began with a tab (Word table text marks cells so).
    var leadingTab: Bool { packed & Self.leadingTabBit != 0 }
    /// The line has a tab somewhere.
    var hasTab: Bool { packed & Self.hasTabBit != 0 }
    /// A table row from a file that spells out its cells (HTML, DOCX).
    var gridRow: TableGrid.Row? { file?.gridRow }
    /// A PDF line with the positions of its pieces.
    var placed: PlacedLine? { file?.placed }

    var isBlank: Bool { Int(packed & Self.offsetMask) == text.utf8.count }

    /// A line of a file read by a file reader, numbered in reading order; its place in the
    /// file is kept apart (`ExtractedDocument`).
    init(number: Int, raw: Substring, indented: Bool, gridRow: TableGrid.Row? = nil, placed: PlacedLine? = nil) {
        self.init(number: number, raw: raw, givenIndent: indented, gridRow: gridRow, placed: placed)
    }

    init(number: Int, raw: Substring) {
        self.init(number: number, raw: raw, givenIndent: nil, gridRow: nil, placed: nil)
    }

    /// `givenIndent` nil: told by the line's leading white space.
    private init(number: Int, raw: Substring, givenIndent: Bool?, gridRow: TableGrid.Row?, placed: PlacedLine?) {
        var text = Self.cleaned(raw)
        // One walk over the bytes (a walk per question over Unicode scalars was a fifth of a
        // text parse): where the content starts, what the lead holds, tabs, and how many bytes
        // of white space the content holds.
        let (offset, leadTabOr3000, leadScalars, hasTab, blankInContent) = text.withUTF8 { b in
            var i = 0, leadScalars = 0, leadTabOr3000 = false, hasTab = false
            while i < b.count {
                let n = FastText.blankLength(b, at: i)
                guard n > 0 else { break }
                if b[i] == 0x09 || (n == 3 && b[i] == 0xE3) { leadTabOr3000 = true }
                if b[i] == 0x09 { hasTab = true }
                leadScalars += 1
                i += n
            }
            let offset = i
            var blank = 0
            while i < b.count {
                let n = FastText.blankLength(b, at: i)
                if n == 0 { i += 1; continue }
                if b[i] == 0x09 { hasTab = true }
                blank += n
                i += n
            }
            return (offset, leadTabOr3000, leadScalars, hasTab, blank)
        }
        self.text = text
        // An input is at most 16 MiB, so a line's offsets fit below the flag bits (64 MiB).
        var packed = UInt32(min(offset, Int(Self.offsetMask)))
        if givenIndent ?? (leadTabOr3000 || leadScalars >= 2) { packed |= Self.indentedBit }
        if text.utf8.first == 0x09 { packed |= Self.leadingTabBit }
        if hasTab { packed |= Self.hasTabBit }
        self.storedNumber = Int32(clamping: number)
        // Squeezing only removes: without white space in the content, the squeezed form is the
        // text's or, for an indented line, the content's (then not kept: an indented short
        // line's own copy and box were most of its cost, 4.6 bytes a byte of text).
        let utf8 = text.utf8
        let content = text[utf8.index(utf8.startIndex, offsetBy: offset)...]
        var own: String?
        if blankInContent > 0 {
            packed |= Self.blankInContentBit
            // Furniture is at most 40 bytes squeezed: only then, or for a file line's box, made.
            if gridRow != nil || placed != nil || content.utf8.count - blankInContent <= 40 { own = FastText.squeeze(content) }
        } else if offset > 0 {
            packed |= Self.contentSqueezedBit
        }
        if blankInContent == 0 || own != nil, Self.isFurniture(own?[...] ?? content) { packed |= Self.furnitureBit }
        self.packed = packed
        file = gridRow != nil || placed != nil ? FileExtra(squeezed: own, gridRow: gridRow, placed: placed) : nil
    }

    /// The line with radicals mapped, form feeds and BOMs removed, and trailing blanks cut
    /// (not a tab: a lone tab is a Word table's empty cell).
    private static func cleaned(_ raw: Substring) -> String {
        // Most lines have nothing to map or remove: their bytes, up to the trailing blanks.
        let plainEnd: Int? = raw.utf8.withContiguousStorageIfAvailable { b in
            var i = 0
            while i < b.count {
                switch b[i] {
                case 0x0C: return nil
                case 0xC2 where i + 1 < b.count && b[i + 1] == 0xA0: return nil  // NBSP, mapped to a blank
                case 0xEF where i + 2 < b.count && b[i + 1] == 0xBB && b[i + 2] == 0xBF: return nil  // BOM
                // U+2E80–U+2FDF, the radicals: E2 BA 80 … E2 BF 9F.
                case 0xE2 where i + 2 < b.count && (0xBA...0xBF).contains(b[i + 1]) && !(b[i + 1] == 0xBF && b[i + 2] > 0x9F): return nil
                default: i += 1
                }
            }
            return trimmedEnd(b)
        } ?? nil
        if let end = plainEnd {
            return String(raw[..<raw.utf8.index(raw.utf8.startIndex, offsetBy: end)])
        }
        var text = CharacterNormalization.normalize(raw)
        if text.unicodeScalars.contains("\u{0C}") || text.unicodeScalars.contains("\u{FEFF}") {
            text.unicodeScalars.removeAll { $0 == "\u{0C}" || $0 == "\u{FEFF}" }
        }
        while let last = text.unicodeScalars.last, last != "\t", CharacterNormalization.isSpace(last) {
            text.unicodeScalars.removeLast()
        }
        return text
    }

    /// Where the bytes end without their trailing blanks (a tab kept), for bytes with no form
    /// feed, NBSP or BOM: a blank is then one of space, CR, U+2002, U+2003, U+200B, U+3000.
    private static func trimmedEnd(_ b: UnsafeBufferPointer<UInt8>) -> Int {
        var end = b.count
        while end > 0 {
            let last = b[end - 1]
            if last == 0x20 || last == 0x0D { end -= 1; continue }
            guard end >= 3 else { break }
            let (x, y) = (b[end - 3], b[end - 2])
            if (x == 0xE3 && y == 0x80 && last == 0x80) || (x == 0xE2 && y == 0x80 && (last == 0x82 || last == 0x83 || last == 0x8B)) {
                end -= 3
                continue
            }
            break
        }
        return end
    }

    /// Splits text into lines (LF, CRLF or CR), numbered from 1. A run of empty lines (nothing
    /// but spaces) is kept as its first line only (every reader treats one as it treats
    /// several; the lines after keep their numbers): a file of newlines costs one line.
    static func split(_ text: String) -> [SourceLine] {
        var lines: [SourceLine] = []
        var number = 0
        let utf8 = text.utf8
        // As many as there are line breaks (CR LF counted once), reserved: grown by doubling, a
        // text of short lines held up to twice its lines' room, and three times while it grew.
        func add(_ raw: Substring) {
            let line = SourceLine(number: number, raw: raw)
            // Empty, not merely blank: a lone tab is a Word table's empty cell.
            if line.text.isEmpty, lines.last?.text.isEmpty == true { return }
            lines.append(line)
        }
        // On the bytes (an index walk over the view was a visible part of a parse); the lines
        // are slices of `text` at the same offsets.
        let walked: Void? = utf8.withContiguousStorageIfAvailable { b in
            var breaks = 1, previous: UInt8 = 0
            for c in b {
                if c == 0x0A ? previous != 0x0D : c == 0x0D { breaks += 1 }
                previous = c
            }
            lines.reserveCapacity(breaks)
            func slice(_ from: Int, _ to: Int) -> Substring {
                text[utf8.index(utf8.startIndex, offsetBy: from)..<utf8.index(utf8.startIndex, offsetBy: to)]
            }
            var start = 0, i = 0
            while i < b.count {
                let c = b[i]
                if c == 0x0A || c == 0x0D {
                    number += 1
                    add(slice(start, i))
                    var next = i + 1
                    if c == 0x0D, next < b.count, b[next] == 0x0A { next += 1 }
                    start = next
                    i = next
                } else {
                    i += 1
                }
            }
            number += 1
            add(slice(start, b.count))
        }
        if walked == nil {
            var copy = text
            copy.makeContiguousUTF8()
            return split(copy)
        }
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

    /// Dashes around a page number (made once: a set literal per line was a tenth of the parse).
    private static let dashes: Set<Character> = ["—", "–", "-", "－", "―", "‒", "~", "～"]

    /// Whether a scalar is one of `dashes`.
    private static func isDash(_ s: Unicode.Scalar?) -> Bool {
        switch s {
        case "—", "–", "-", "－", "―", "‒", "~", "～": return true
        default: return false
        }
    }

    /// Page furniture that PDF text carries into the middle of paragraphs and tables:
    /// page numbers (`— 2 —`, `- 2 -`, `第2页`, `第 2 页 共 5 页`) and `续表`.
    var isFurniture: Bool { packed & Self.furnitureBit != 0 }

    private static func isFurniture(_ s: Substring) -> Bool {
        if s.isEmpty || s.utf8.count > 40 { return false }
        // Every kind below holds 续表, an ASCII digit, or begins with 第; most lines do not, and
        // are done by a byte scan (this getter, asked of every line of a table section about
        // three times, was a tenth of a text parse).
        let utf8 = s.utf8
        let startsDi = FastText.startsWithBytes(s, "第"), hasXubiao = FastText.contains(s, "续表")
        if !utf8.contains(where: { (0x30...0x39).contains($0) }), !startsDi, !hasXubiao { return false }
        // Each kind below needs its words' bytes (no character decomposes into 续, 表, 第 or a
        // dash, so the character comparisons cannot hold where the bytes do not): most lines
        // with digits (table rows) are done here.
        if hasXubiao {
            if s == "续表" || s == "（续表）" || s == "(续表)" { return true }
            if s.hasPrefix("续表"), s.dropFirst(2).allSatisfy({ $0.isNumber || "一二三".contains($0) }) { return true }
        }
        guard startsDi || (Self.isDash(s.unicodeScalars.first) && Self.isDash(s.unicodeScalars.last)) else { return false }
        let dashes = Self.dashes
        var body = s
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
