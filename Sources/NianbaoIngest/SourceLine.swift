/// One line of the input after character normalization, with its 1-based number.
///
/// Kept small (56 bytes, no heap for a short line): a report of a million short lines is held
/// in memory whole, and every byte a line costs is paid a million times.
struct SourceLine {
    private let storedNumber: Int32
    /// The line with radicals mapped, form feeds and trailing white space removed.
    let text: String
    /// `content` without any white space, for matching headings and labels.
    let squeezed: String
    /// Where `content` starts in `text`.
    private let contentStart: String.Index
    private let flags: Flags
    /// What a file reader gave beside the text (a grid row, a PDF line); nil for text files.
    private let file: FileParts?

    private struct Flags: OptionSet {
        let rawValue: UInt8
        static let indented = Flags(rawValue: 1)
        static let leadingTab = Flags(rawValue: 2)
        static let hasTab = Flags(rawValue: 4)
    }

    private final class FileParts {
        let gridRow: TableGrid.Row?
        let placed: PlacedLine?
        init(gridRow: TableGrid.Row?, placed: PlacedLine?) {
            self.gridRow = gridRow
            self.placed = placed
        }
    }

    var number: Int { Int(storedNumber) }
    /// `text` without leading white space.
    var content: Substring { text[contentStart...] }
    /// The line began with indentation (two or more blanks, U+3000 or a tab).
    var indented: Bool { flags.contains(.indented) }
    /// The line began with a tab (Word table text marks cells so).
    var leadingTab: Bool { flags.contains(.leadingTab) }
    /// The line has a tab somewhere.
    var hasTab: Bool { flags.contains(.hasTab) }
    /// A table row from a file that spells out its cells (HTML, DOCX).
    var gridRow: TableGrid.Row? { file?.gridRow }
    /// A PDF line with the positions of its pieces.
    var placed: PlacedLine? { file?.placed }

    var isBlank: Bool { contentStart == text.endIndex }

    /// A line of a file read by a file reader, numbered in reading order; its place in the
    /// file is kept apart (`ExtractedDocument`).
    init(number: Int, raw: Substring, indented: Bool, gridRow: TableGrid.Row? = nil, placed: PlacedLine? = nil) {
        self.init(number: number, raw: raw, indented: indented,
                  file: gridRow == nil && placed == nil ? nil : FileParts(gridRow: gridRow, placed: placed))
    }

    init(number: Int, raw: Substring) {
        self.init(number: number, raw: raw, indented: nil, file: nil)
    }

    /// `indented` nil: told by the line's leading white space.
    private init(number: Int, raw: Substring, indented: Bool?, file: FileParts?) {
        self.storedNumber = Int32(clamping: number)
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
        self.contentStart = first
        let lead = scalars[..<first]
        var flags: Flags = []
        if indented ?? (lead.contains("\t") || lead.contains("\u{3000}") || lead.count >= 2) { flags.insert(.indented) }
        if scalars.first == "\t" { flags.insert(.leadingTab) }
        if scalars.contains("\t") { flags.insert(.hasTab) }
        self.flags = flags
        self.file = file
        self.squeezed = FastText.squeeze(text[first...])
    }

    /// Splits text into lines (LF, CRLF or CR), numbered from 1. A run of empty lines (nothing
    /// but spaces) is kept as its first line only (every reader treats one as it treats
    /// several; the lines after keep their numbers): a file of newlines costs one line.
    static func split(_ text: String) -> [SourceLine] {
        var lines: [SourceLine] = []
        var number = 0
        let utf8 = text.utf8
        var start = utf8.startIndex
        var i = start
        func add(_ raw: Substring) {
            let line = SourceLine(number: number, raw: raw)
            // Empty, not merely blank: a lone tab is a Word table's empty cell.
            if line.text.isEmpty, lines.last?.text.isEmpty == true { return }
            lines.append(line)
        }
        while i != utf8.endIndex {
            let b = utf8[i]
            if b == 0x0A || b == 0x0D {
                number += 1
                add(text[start..<i])
                var next = utf8.index(after: i)
                if b == 0x0D, next != utf8.endIndex, utf8[next] == 0x0A { next = utf8.index(after: next) }
                start = next
                i = next
            } else {
                i = utf8.index(after: i)
            }
        }
        number += 1
        add(text[start...])
        return lines
    }

    /// Dashes around a page number (made once: a set literal per line was a tenth of the parse).
    private static let dashes: Set<Character> = ["—", "–", "-", "－", "―", "‒", "~", "～"]

    /// Page furniture that PDF text carries into the middle of paragraphs and tables:
    /// page numbers (`— 2 —`, `- 2 -`, `第2页`, `第 2 页 共 5 页`) and `续表`.
    var isFurniture: Bool {
        let s = squeezed
        if s.isEmpty || s.utf8.count > 40 { return false }
        if s == "续表" || s == "（续表）" || s == "(续表)" { return true }
        if s.hasPrefix("续表"), s.dropFirst(2).allSatisfy({ $0.isNumber || "一二三".contains($0) }) { return true }
        let dashes = Self.dashes
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
