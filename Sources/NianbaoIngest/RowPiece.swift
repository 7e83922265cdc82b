/// A table row as the text gives it, before it is known which row of the template it is:
/// label text and value fields. Every text shape of FORMAT.md §5 is reduced to pieces here,
/// so that the table readers do not care how the report arrived.
struct RowPiece {
    struct Value {
        let text: Substring
        let line: Int
    }

    enum Shape {
        /// Word cells, TSV or pipe fields: blank cells are visible, so the fields can be
        /// placed by position.
        case fields
        /// A line of PDF text: blank cells vanished, the numbers are only those written.
        case text
        /// All the numbers of one row of a PDF table, read by position, whose columns could
        /// not be told: placed only when there are as many as the row has cells.
        case wholeRow
    }

    let shape: Shape
    let line: Int
    /// Label text with white space removed.
    let label: String
    let values: [Value]

    /// Splits a table region into pieces, choosing for each line the shape it has, and hands
    /// each to `emit` as it is made: a region of half a million rows is never held as pieces
    /// (which cost several times the text they come from).
    /// `columns` is the widest row's number of values (3, 7 or 15): PDF lines with positions
    /// are placed into that many columns.
    static func pieces(_ lines: ArraySlice<SourceLine>, columns: Int, rowNames: Set<String> = [], _ emit: (RowPiece) -> Void) {
        if lines.contains(where: { $0.gridRow != nil || $0.placed != nil }) {
            return filePieces(lines, columns: columns, rowNames: rowNames, emit)
        }
        // Word table text: one cell a line, each starting with a tab. TSV: several tabs a line.
        var tabbed = 0, wordCells = 0
        for line in lines where line.hasTab {
            tabbed += 1
            if line.leadingTab && !line.text.unicodeScalars.dropFirst().contains("\t") { wordCells += 1 }
        }
        let wordMode = wordCells >= 3 && wordCells * 2 > tabbed

        var cells: [(text: String, line: Int)] = []
        var rowOpen = false
        // Box-drawn tables (text browsers, nianbao's text export): with rules between the rows,
        // the lines between two rules are one row whose cells wrap; without, a line is a row.
        let boxRules = lines.contains { BoxDrawing.isRule($0.content) && BoxDrawing.isInnerRule($0.content) }
        var box: (fields: [String], line: Int)?
        func closeBox() {
            if let b = box { emit(fieldPiece(b.fields.map { (Substring($0), b.line) }, line: b.line)) }
            box = nil
        }

        func closeRow() {
            if rowOpen, !cells.isEmpty, let first = cells.first {
                emit(fieldPiece(cells.map { (Substring($0.text), $0.line) }, line: first.line))
            }
            cells = []
            rowOpen = false
        }

        for line in lines {
            if line.isFurniture { continue }
            if BoxDrawing.isRule(line.content) { closeBox(); continue }
            if let fields = BoxDrawing.fields(line.content) {
                if BoxDrawing.hasStroke(line.content) {
                    // A rule crossing the row under a spanning cell (│（三）不予公开├────┼──): the
                    // rows above end here; the spanning cell's text is label text.
                    closeBox()
                    let text = fields.filter { !$0.isEmpty }.joined()
                    if !text.isEmpty { emit(RowPiece(shape: .fields, line: line.number, label: CharacterNormalization.squeeze(Substring(text)), values: [])) }
                    continue
                }
                // A cell's text wraps onto the next line; numbers never continue (1 / 0 is not 10).
                if boxRules, let b = box, b.fields.count == fields.count,
                   !zip(b.fields, fields).contains(where: { !$0.isEmpty && !$1.isEmpty && (CellReader.isCellLike(Substring($0)) || CellReader.isCellLike(Substring($1))) }) {
                    box!.fields = zip(b.fields, fields).map { $0 + $1 }
                } else {
                    closeBox()
                    box = (fields, line.number)
                }
                if !boxRules { closeBox() }
                continue
            }
            closeBox()
            if wordMode {
                if line.leadingTab && !line.text.unicodeScalars.dropFirst().contains("\t") {
                    rowOpen = true
                    cells.append((String(CharacterNormalization.trim(line.text.dropFirst())), line.number))
                    continue
                }
                if rowOpen && !line.hasTab {
                    if line.isBlank { closeRow() } else {
                        // A cell's text goes on over lines without a tab (商业 / 企业, 三 / 、 / 本 …).
                        cells[cells.count - 1].text += CharacterNormalization.squeeze(line.content)
                    }
                    continue
                }
                closeRow()
            }
            if line.isBlank { continue }
            if line.content.first == "|" {
                if let piece = pipePiece(line) { emit(piece) }
            } else if line.hasTab {
                let fields = line.text.split(separator: "\t", omittingEmptySubsequences: false)
                emit(fieldPiece(fields.map { ($0, line.number) }, line: line.number))
            } else {
                emit(textPiece(line))
            }
        }
        closeRow()
        closeBox()
    }

    /// Lines from a file reader: grid rows become field pieces cell by cell; runs of PDF
    /// lines are placed by position; other lines (a note between tables) as text.
    private static func filePieces(_ lines: ArraySlice<SourceLine>, columns: Int, rowNames: Set<String>, _ emit: (RowPiece) -> Void) {
        var placedRun: [SourceLine] = []
        func flushPlaced() {
            if !placedRun.isEmpty { PlacedTable.pieces(placedRun, columns: columns, rowNames: rowNames).forEach(emit) }
            placedRun = []
        }
        for line in lines {
            if line.placed != nil { placedRun.append(line); continue }
            flushPlaced()
            if let row = line.gridRow {
                let cells = row.cells.map { (Substring($0.text), line.number) }
                guard !cells.isEmpty, !(cells.count == 1 && line.isFurniture) else { continue }
                emit(fieldPiece(cells, line: line.number))
            } else if !line.isBlank && !line.isFurniture {
                emit(textPiece(line))
            }
        }
        flushPlaced()
    }

    /// Table 3 written as three rows of five (行政复议 / 行政诉讼 未经复议直接起诉 / 复议后起诉,
    /// as nianbao's text and Markdown exports and some agencies write it) becomes the
    /// template's one row of fifteen, when all three rows are there in order.
    static func joiningReviewGroups(_ pieces: [RowPiece]) -> [RowPiece] {
        let numbered = pieces.indices.filter { hasValue(pieces[$0]) }
        guard numbered.count == 3, numbered.map({ group(pieces[$0]) }) == [0, 1, 2] else { return pieces }
        let values = numbered.flatMap { five(pieces[$0]) }
        let joined = RowPiece(shape: .fields, line: pieces[numbered[0]].line, label: "", values: Array(values))
        var out = pieces.filter { !hasValue($0) }
        out.insert(joined, at: min(numbered[0], out.count))
        return out
    }

    private static func five(_ p: RowPiece) -> ArraySlice<Value> {
        var values = p.values[...]
        while values.count > 5, let last = values.last, CharacterNormalization.trim(last.text).isEmpty { values = values.dropLast() }
        return values
    }

    /// Which of table 3's three groups of five a piece is (行政复议 0, 未经复议直接起诉 1, 复议后起诉 2).
    private static func group(_ p: RowPiece) -> Int? {
        guard p.shape == .fields, five(p).count == 5 else { return nil }
        if FastText.contains(p.label, "复议后起诉") { return 2 }
        if FastText.contains(p.label, "未经复议") || FastText.contains(p.label, "直接起诉") { return 1 }
        return FastText.contains(p.label, "行政复议") ? 0 : nil
    }

    private static func hasValue(_ p: RowPiece) -> Bool { p.values.contains { !CharacterNormalization.trim($0.text).isEmpty } }

    /// `joiningReviewGroups` on pieces as they stream past: those before the first piece with
    /// numbers go on at once; from it on they are held only while the pieces with numbers are
    /// the three groups in order (at most three, and in a report a few lines), since only then
    /// are they joined; the first piece that breaks the order lets everything through as it came.
    struct ReviewGroupJoin {
        private var held: [RowPiece] = []
        private var numbered = 0
        private var passing = false

        mutating func take(_ piece: RowPiece, _ emit: (RowPiece) -> Void) {
            if passing { return emit(piece) }
            if RowPiece.hasValue(piece) {
                guard RowPiece.group(piece) == numbered else {
                    held.forEach(emit)
                    held = []
                    passing = true
                    return emit(piece)
                }
                numbered += 1
            } else if held.isEmpty {
                return emit(piece)
            }
            held.append(piece)
        }

        mutating func finish(_ emit: (RowPiece) -> Void) {
            (numbered == 3 ? RowPiece.joiningReviewGroups(held) : held).forEach(emit)
            held = []
        }
    }

    /// `| a | b |` rows; separator rows `|---|:--|` are dropped.
    private static func pipePiece(_ line: SourceLine) -> RowPiece? {
        var body = line.content
        if body.first == "|" { body = body.dropFirst() }
        if body.last == "|" { body = body.dropLast() }
        // Characters made of these ASCII scalars are those scalars: told on the bytes.
        if body.utf8.allSatisfy({ $0 == 0x2D || $0 == 0x3A || $0 == 0x7C || $0 == 0x20 }) { return nil }
        let fields = pipeSeparated(body)
        return fieldPiece(fields.map { ($0, line.number) }, line: line.number)
    }

    /// Fields up to the last label-like one make the label; the rest are values.
    static func fieldPiece(_ fields: [(Substring, Int)], line: Int) -> RowPiece {
        let lastLabel = fields.lastIndex { !CellReader.isCellLike($0.0) }
        let labelFields = lastLabel.map { fields[...$0] } ?? []
        let valueFields = lastLabel.map { fields[($0 + 1)...] } ?? fields[...]
        let label = labelFields.map { CharacterNormalization.squeeze($0.0) }.joined()
        return RowPiece(shape: .fields, line: line, label: label, values: valueFields.map { Value(text: $0.0, line: $0.1) })
    }

    /// A PDF text line: trailing value tokens separated by white space are values.
    private static func textPiece(_ line: SourceLine) -> RowPiece {
        let tokens = blankSeparated(line.content)
        var firstValue = tokens.endIndex
        while firstValue > tokens.startIndex, CellReader.isCellLike(tokens[firstValue - 1]) { firstValue -= 1 }
        var labelTokens = tokens[..<firstValue]
        var values = tokens[firstValue...].map { Value(text: $0, line: line.number) }
        // Digits glued to the label (text saved from a page: 行政许可1205) are one value; a run
        // that would have to be split (予以公开3100415 for seven cells) leaves the row short,
        // and so unreadable.
        if let last = labelTokens.last, let (label, digits) = gluedDigits(last) {
            labelTokens = labelTokens.dropLast() + [label]
            values.insert(Value(text: digits, line: line.number), at: 0)
        }
        return RowPiece(shape: .text, line: line.number, label: labelTokens.joined(), values: values)
    }

    /// `s` split at its blank characters (those made of white space only). Where every scalar
    /// is one that no neighbour joins into a character (ASCII, CJK ideographs and punctuation,
    /// full-width forms, the report blanks but CR, FF and BOM), characters are scalars and the
    /// split is made on scalars, without breaking the line into graphemes.
    static func blankSeparated(_ s: Substring) -> [Substring] {
        let scalars = s.unicodeScalars
        guard scalars.allSatisfy(standsAlone) else {
            return s.split(whereSeparator: { $0.unicodeScalars.allSatisfy(CharacterNormalization.isSpace) })
        }
        var tokens: [Substring] = []
        var start: String.Index?
        var i = scalars.startIndex
        while i != scalars.endIndex {
            if CharacterNormalization.isSpace(scalars[i]) {
                if let a = start { tokens.append(s[a..<i]); start = nil }
            } else if start == nil {
                start = i
            }
            i = scalars.index(after: i)
        }
        if let a = start { tokens.append(s[a..<scalars.endIndex]) }
        return tokens
    }

    /// `s` split at every `|` character, empty fields kept; on scalars where every scalar is a
    /// character of its own (see `blankSeparated`).
    static func pipeSeparated(_ s: Substring) -> [Substring] {
        let scalars = s.unicodeScalars
        guard scalars.allSatisfy(standsAlone) else { return s.split(separator: "|", omittingEmptySubsequences: false) }
        var fields: [Substring] = []
        var start = scalars.startIndex, i = start
        while i != scalars.endIndex {
            if scalars[i] == "|" {
                fields.append(s[start..<i])
                start = scalars.index(after: i)
            }
            i = scalars.index(after: i)
        }
        fields.append(s[start..<scalars.endIndex])
        return fields
    }

    /// A scalar of grapheme break class Other or Control (not CR, LF): a character of its own
    /// whatever stands next to it (UAX #29 GB999).
    private static func standsAlone(_ s: Unicode.Scalar) -> Bool {
        switch s.value {
        case 0x09, 0x20...0x7E, 0xA0...0xFF, 0x2000...0x200B, 0x2010...0x2027, 0x2E80...0x2FDF,
             0x3000...0x3029, 0x3030...0x303F, 0x3400...0x4DBF, 0x4E00...0x9FFF, 0xFF01...0xFF5E:
            return true
        default:
            return false
        }
    }

    /// `行政许可1205` → (`行政许可`, `1205`): a label ending in an ideograph or closing bracket,
    /// then digits (with `,` or `.`) to the end of the token.
    static func gluedDigits(_ token: Substring) -> (Substring, Substring)? {
        let scalars = token.unicodeScalars
        var i = scalars.endIndex
        while i > scalars.startIndex, let s = Optional(scalars[scalars.index(before: i)]), CellReader.isDigit(s) || s == "," || s == "." {
            i = scalars.index(before: i)
        }
        guard i > scalars.startIndex, i < scalars.endIndex, CellReader.isDigit(scalars[i]) else { return nil }
        let before = scalars[scalars.index(before: i)]
        guard before.properties.isIdeographic || "）)”".unicodeScalars.contains(before) else { return nil }
        let split = String.Index(i, within: token) ?? token.endIndex
        return (token[..<split], token[split...])
    }
}
