import NianbaoModel

/// Places row pieces into the rows of one standard table.
///
/// Rows come in the template's order, so the row expected next is tried first, then the
/// later ones, then earlier ones not yet filled. Label-only pieces (headers, group labels
/// such as （三）不予 / 公开, wrapped label lines) are collected and prefixed to the next
/// row's label. Numbers that cannot be placed with confidence become findings with their
/// line; no number is guessed.
struct TableReader {
    let specs: [RowSpec]
    /// Name of the table in messages, e.g. `table 2`.
    let tableName: String

    private(set) var cells: [CellKey: Cell] = [:]
    private(set) var findings: [Finding] = []
    /// Rows whose numbers came as one run of digits (a crawler's `予以公开3100415`): unreadable
    /// here, left to `TableSolver`.
    private(set) var glued: [TableSolver.GluedRow] = []
    /// Which rows got their cells (or were failed), and the row expected next.
    private var rows: RowProgress
    /// Label text collected for the next row (headers, group labels, wrapped label lines).
    private var label = PendingLabel()
    /// A PDF row being collected over several lines: its spec index and values so far.
    private var open: (row: Int, values: [RowPiece.Value], line: Int)?
    /// Numbers whose label named no row when they came; see `consumeText`.
    private var deferred: (label: String, values: [RowPiece.Value], line: Int)?
    /// The table's text runs column by column (labels, then numbers): set at the first sign.
    private var columnOrder = false

    /// Label text waiting for its row: the text, the line it began on, and the line of its last
    /// piece (where a row named by it stood).
    struct PendingLabel {
        private(set) var text = ""
        private(set) var line: Int?
        private(set) var lastLine: Int?

        var isEmpty: Bool { text.isEmpty }

        mutating func append(_ piece: String, line pieceLine: Int) {
            guard !piece.isEmpty else { return }
            if text.isEmpty { line = pieceLine }
            lastLine = pieceLine
            text += piece
            // Bound the label: only its recent part can name the next row.
            if !FastText.hasAtMost(400, charactersIn: text) { text = String(text.suffix(200)) }
        }

        mutating func reset() { self = PendingLabel() }
    }

    init(specs: [RowSpec], tableName: String) {
        self.specs = specs
        self.tableName = tableName
        self.rows = RowProgress(count: specs.count)
        let otherKeys = Set(RequestRow.allCases.filter { $0.group == .other }.map { CellKey.requests($0, .natural) })
        otherRows = specs.indices.filter { specs[$0].keys.first.map(otherKeys.contains) ?? false }
        cells.reserveCapacity(specs.reduce(0) { $0 + $1.keys.count })  // grown by doubling, it was rehashed four times
    }

    /// Reads the pieces `pieces` hands over one by one (none is kept after it is read) and
    /// returns the cells found and the findings.
    static func read(specs: [RowSpec], tableName: String, headingLine: Int?, pieces: ((RowPiece) -> Void) -> Void)
        -> (cells: [CellKey: Cell], findings: [Finding], glued: [TableSolver.GluedRow]) {
        var reader = TableReader(specs: specs, tableName: tableName)
        pieces { reader.consume($0) }
        reader.finish(headingLine: headingLine)
        return (reader.cells, reader.findings, reader.glued)
    }

    /// A row of several cells that got one value of digits only: its digits, for the solver.
    private mutating func noteGlued(_ row: Int, _ values: [RowPiece.Value], line: Int) {
        let keys = specs[row].keys
        guard keys.count > 1, values.count == 1, !keys.contains(where: { $0.isAmount || $0.isMoney || $0.isSigned }) else { return }
        let digits = CharacterNormalization.asciiDigits(CharacterNormalization.trim(values[0].text))
        guard digits.count >= 2, digits.utf8.allSatisfy({ (0x30...0x39).contains($0) }) else { return }
        glued.append(TableSolver.GluedRow(keys: keys, digits: digits, line: values[0].line))
    }

    mutating func consume(_ piece: RowPiece) {
        switch piece.shape {
        case .fields: consumeFields(piece)
        case .text: consumeText(piece)
        case .wholeRow: consumeWholeRow(piece)
        }
    }

    // MARK: PDF rows read by position whose columns could not be told.

    private mutating func consumeWholeRow(_ piece: RowPiece) {
        dropDeferred()
        closeOpenRow(nextLine: piece.line)
        noNumbersBefore(piece)
        let rowLabel = label.text + piece.label
        resetLabel()
        guard let row = resolve(rowLabel) ?? byNumber(rowLabel, line: piece.line) else {
            unrecognized(rowLabel, line: piece.line, values: piece.values)
            return
        }
        place(row, piece.values, line: piece.line, because: ", and their columns cannot be told from their positions; the numbers cannot be placed")
    }

    // MARK: Word, TSV and pipe rows: blank cells are visible.

    private mutating func consumeFields(_ piece: RowPiece) {
        dropDeferred()
        closeOpenRow(nextLine: piece.line)
        noNumbersBefore(piece)
        let hasNumber = piece.values.contains { !CharacterNormalization.trim($0.text).isEmpty }
        let rowLabel = label.text + piece.label
        if !hasNumber {
            // Header, group label, or a row whose cells are all blank: placed only when its
            // own label names a row (never a header's 其他 / 总计).
            if piece.values.isEmpty || isHeaderLabel(piece.label) || !(resolve(piece.label).map { specs[$0].isNamed(in: piece.label) } ?? false) {
                appendLabel(piece.label, line: piece.line)
                return
            }
        }
        guard let row = resolve(rowLabel) ?? (hasNumber ? byNumber(rowLabel, line: piece.line) : nil) else {
            if hasNumber { unrecognized(rowLabel, line: piece.line, values: piece.values) }
            resetLabel()
            return
        }
        let n = specs[row].keys.count
        var values = ArraySlice(piece.values)
        // Padding: surplus empty fields may trail the row or stand between label and values.
        while values.count > n, let last = values.last, CharacterNormalization.trim(last.text).isEmpty { values = values.dropLast() }
        while values.count > n, let first = values.first, CharacterNormalization.trim(first.text).isEmpty { values = values.dropFirst() }
        place(row, Array(values), line: piece.line, counted: values.count < n ? "fields" : "values", because: "; the numbers cannot be placed")
        resetLabel()
    }

    // MARK: PDF text: a row's numbers may follow its label on later lines, one or many a line.

    private mutating func consumeText(_ piece: RowPiece) {
        // Once the text is known to run column by column, no later number can be placed.
        if columnOrder { return }
        if deferred != nil {
            if piece.values.isEmpty, !piece.label.isEmpty, !PlacedTable.startsRow(piece.label) {
                // The label goes on below its numbers (top-aligned cells): 2.其他 / 法律行 / 政法规 …
                deferred!.label += piece.label
                if let row = resolve(deferred!.label) { settleDeferred(row) }
                return
            }
            if piece.label.isEmpty {
                deferred!.values += piece.values  // one number a line (cell shape)
                return
            }
            dropDeferred()
        }
        if !piece.label.isEmpty {
            closeOpenRow(nextLine: piece.line)
            noNumbersBefore(piece)
            appendLabel(piece.label, line: piece.line)
        }
        guard !piece.values.isEmpty else { return }
        if open == nil {
            if columnOrderDetected(at: piece.line) { return }
            guard let row = resolve(label.text) else {
                // Not yet a row: the rest of the label may follow (never guessed: if it does not
                // name a row, the numbers are reported and not used).
                deferred = (label.text, piece.values, piece.line)
                resetLabel()
                return
            }
            open = (row, [], label.line ?? piece.line)
            resetLabel()
        }
        open!.values += piece.values
        let n = specs[open!.row].keys.count
        if open!.values.count == n {
            place(open!.row, open!.values)
            open = nil
        } else if open!.values.count > n {
            fail(open!.row, id: .rowLong,
                 message: "\(tableName) row 「\(specs[open!.row].name)」 has \(open!.values.count) numbers where \(specs[open!.row].keys.count) are expected; they cannot be placed",
                 line: piece.line)
            open = nil
        }
    }

    /// Labels of two rows stand together with no numbers between them: PDF text taken column by
    /// column (plain pdftotext), so which number is whose is not known. Those rows are
    /// unreadable, and so is every later number of the table's text.
    private mutating func columnOrderDetected(at line: Int) -> Bool {
        guard !label.isEmpty else { return false }
        let named = specs.indices.filter { !rows.filled[$0] && specs[$0].isNamed(in: label.text) }
        guard named.count > 1 else { return false }
        for row in named {
            fail(row, id: .columnOrder,
                 message: "\(tableName) row 「\(specs[row].name)」: the labels of \(named.count) rows stand together before their numbers (text taken column by column), so which number is whose cannot be told",
                 line: label.line ?? line)
        }
        resetLabel()
        columnOrder = true
        return true
    }



    private mutating func settleDeferred(_ row: Int) {
        guard let d = deferred else { return }
        deferred = nil
        place(row, d.values, line: d.line, because: "; blank cells vanish from PDF text, so the numbers cannot be placed")
    }

    private mutating func dropDeferred() {
        guard let d = deferred else { return }
        if let row = byNumber(d.label, line: d.line) { return settleDeferred(row) }
        deferred = nil
        unrecognized(d.label, line: d.line, values: d.values)
    }

    /// A label whose words name no row (a typo: 禁至公开) but whose number is the next item of
    /// the group being read (FORMAT.md §7): that item, with a warning that says so. Only when
    /// the row before it was read, so the place in the group is known.
    private mutating func byNumber(_ label: String, line: Int) -> Int? {
        let expected = rows.expected
        guard expected > 0, expected < specs.count, !rows.filled[expected], rows.filled[expected - 1],
              let number = Self.lastItemNumber(label), specs[expected].name.hasPrefix("\(number).") else { return nil }
        findings.append(Finding(id: .rowByNumber, severity: .warning,
                                message: "\(tableName) label 「\(label.suffix(30))」 names no row by its words; it is read as 「\(specs[expected].name)」, item \(number) of its group, the row expected here",
                                line: line, keys: specs[expected].keys))
        return expected
    }

    /// The number of the last `N.` / `N、` item numbering in a label. A run of digits too long
    /// for an `Int` (a 19-digit "label") numbers no item.
    static func lastItemNumber(_ label: String) -> Int? {
        let scalars = Array(label.unicodeScalars)
        var found: Int?
        var i = 0
        while i < scalars.count {
            guard CellReader.isDigit(scalars[i]) else { i += 1; continue }
            var j = i
            var n: Int? = 0
            while j < scalars.count, CellReader.isDigit(scalars[j]) {
                n = n.flatMap { CellReader.appendingDigit(scalars[j], to: $0) }
                j += 1
            }
            if let n, j + 1 < scalars.count, ".、．".unicodeScalars.contains(scalars[j]), !CellReader.isDigit(scalars[j + 1]) { found = n }
            i = j
        }
        return found
    }

    /// A numbered label that names a row by its own words, while the label read so far names
    /// another: that row got no numbers (deleted, or all blank and vanished from PDF text). It
    /// is unreadable, and must not take the numbers that follow, which are this label's.
    private mutating func noNumbersBefore(_ piece: RowPiece) {
        if piece.shape == .text, open == nil, PlacedTable.startsRow(piece.label), columnOrderDetected(at: piece.line) { return }
        guard open == nil, !label.isEmpty, PlacedTable.startsRow(piece.label),
              let next = strongMatch(piece.label), let previous = strongMatch(label.text), previous != next else { return }
        fail(previous, id: .rowShort,
             message: "\(tableName) row 「\(specs[previous].name)」 has no numbers before the next row's label (in PDF text blank cells vanish, so an empty row cannot be told from a row whose numbers are lost); its cells cannot be read",
             line: label.lastLine ?? piece.line)
        resetLabel()
    }

    /// The open row `label` names by its own words (not by a trailing 其他 / 总计, which
    /// headers repeat).
    private func strongMatch(_ label: String) -> Int? {
        guard let row = resolve(label), isStrong(row) else { return nil }
        return row
    }

    private func isStrong(_ row: Int) -> Bool {
        if case .contains = specs[row].match { return true }
        return false
    }

    /// A PDF row that got fewer numbers than columns: blank cells vanished, so which column
    /// each number belongs to is unknown.
    private mutating func closeOpenRow(nextLine: Int) {
        guard let o = open else { return }
        let n = specs[o.row].keys.count
        noteGlued(o.row, o.values, line: o.line)
        fail(o.row, id: .rowShort,
             message: "\(tableName) row 「\(specs[o.row].name)」 has \(o.values.count) numbers where \(n) are expected; blank cells vanish from PDF text, so the numbers cannot be placed",
             line: o.values.first?.line ?? o.line)
        open = nil
    }

    mutating func finish(headingLine: Int?) {
        dropDeferred()
        if let o = open { closeOpenRow(nextLine: o.line) }
        if let more = moreUnrecognized {
            findings.append(Finding(id: .rowUnrecognized, severity: .error,
                                    message: "\(more.count) more rows of numbers in \(tableName), from this line on, belong to no row that is still open; they are not used",
                                    line: more.first))
        }
        let missing = specs.indices.filter { !rows.filled[$0] }
        if missing.count == specs.count {
            findings.append(Finding(id: .tableMissing, severity: .error,
                                    message: "\(tableName) was not found: no row of it could be read",
                                    line: headingLine, keys: specs.flatMap(\.keys)))
            return
        }
        for row in missing where !specs[row].keys.contains(where: { cells[$0] != nil }) {
            findings.append(Finding(id: .rowMissing, severity: .error,
                                    message: "\(tableName) row 「\(specs[row].name)」 was not found",
                                    line: headingLine, keys: specs[row].keys))
        }
    }

    // MARK: helpers

    /// The open row `label` names: the expected one first, then later ones, then earlier ones;
    /// a row named by its own words before one whose generic last word (其他, 总计) the label
    /// merely ends with (a header's 其他 after 四、结转下年度继续办理 is not 3.其他).
    private func resolve(_ label: String) -> Int? {
        var weak: Int?
        for offset in 0..<specs.count {
            let i = (rows.expected + offset) % specs.count  // expected, later ones, then earlier ones
            guard !rows.filled[i], specs[i].matches(label) else { continue }
            if isStrong(i) { return i }
            if weak == nil { weak = i }
        }
        return weak
    }

    private mutating func place(_ row: Int, _ values: [RowPiece.Value]) {
        let spec = specs[row]
        for (key, value) in zip(spec.keys, values) {
            let (cell, problem) = CellReader.read(value.text, line: value.line, key: key)
            cells[key] = cell
            if let problem {
                let why = problem == .decimalCount ? "a count must be a whole number" : "it is not a number"
                findings.append(Finding(id: .cellUnreadable, severity: .error,
                                        message: "cell \(key) reads 「\(cell.written)」: \(why)", line: value.line, keys: [key]))
            }
        }
        rows.done(row)
    }

    /// `values` into `row` when there is one a column; otherwise the row is unreadable, with a
    /// finding that counts the `counted` and says `because`.
    private mutating func place(_ row: Int, _ values: [RowPiece.Value], line: Int, counted: String = "numbers", because: String) {
        let n = specs[row].keys.count
        guard values.count != n else { return place(row, values) }
        noteGlued(row, values, line: line)
        fail(row, id: values.count < n ? FindingID.rowShort : FindingID.rowLong,
             message: "\(tableName) row 「\(specs[row].name)」 has \(values.count) \(counted) where \(n) are expected\(because)", line: line)
    }

    private mutating func fail(_ row: Int, id: FindingID, message: String, line: Int) {
        for key in specs[row].keys { cells[key] = Cell(state: .unreadable, text: "", written: "", line: line) }
        findings.append(Finding(id: id, severity: .error, message: message, line: line, keys: specs[row].keys))
        rows.done(row)
    }

    private mutating func unrecognized(_ label: String, line: Int, values: [RowPiece.Value] = []) {
        // A 2019-style single （六）其他处理 row in a 2021 table (a hybrid template): its
        // numbers cannot be split among the three rows the 2021 template has there, so those
        // rows are absent and the numbers go to the row's own keys (FORMAT.md §2b).
        if FastText.contains(label, "其他处理"), !otherRows.isEmpty, otherRows.allSatisfy({ !rows.filled[$0] }) {
            for row in otherRows {
                for key in specs[row].keys { cells[key] = Cell(state: .unreadable, text: "", written: "", line: line) }
                rows.mark(row)
            }
            let keys = CellKey.otherProcessing
            var kept = ArraySlice(values)
            while kept.count > keys.count, let last = kept.last, CharacterNormalization.trim(last.text).isEmpty { kept = kept.dropLast() }
            while kept.count > keys.count, let first = kept.first, CharacterNormalization.trim(first.text).isEmpty { kept = kept.dropFirst() }
            let read = kept.count == keys.count
            for (i, key) in keys.enumerated() {
                cells[key] = read ? CellReader.read(kept[kept.startIndex + i].text, line: kept[kept.startIndex + i].line, key: key).0
                    : Cell(state: .unreadable, text: "", written: "", line: line)
            }
            findings.append(Finding(id: .hybridTemplate, severity: read ? .warning : .error,
                                    message: "\(tableName) has one （六）其他处理 row, as the 2019 template had, where the 2021 template has three (逾期不补正 / 逾期未缴纳费用 / 其他): those three are absent, "
                                        + (read ? "and the row's numbers are kept as requests.other_processing.*" : "and the row's \(kept.count) numbers (\(keys.count) expected) cannot be placed"),
                                    line: line, keys: otherRows.flatMap { specs[$0].keys } + keys))
            rows.expect((otherRows.last ?? rows.expected) + 1)
            return
        }
        // A table has 25 rows: past 100 such findings one more says how many followed (half
        // a million junk rows made half a million findings, most of a gigabyte).
        unrecognizedCount += 1
        if unrecognizedCount > Self.unrecognizedShown {
            moreUnrecognized = (unrecognizedCount - Self.unrecognizedShown, moreUnrecognized?.first ?? line)
            return
        }
        let shown = label.isEmpty ? "no label" : "label 「\(label.suffix(40))」"
        findings.append(Finding(id: .rowUnrecognized, severity: .error,
                                message: "numbers in \(tableName) with \(shown) belong to no row that is still open; they are not used",
                                line: line))
    }

    /// The 2021 template's three （六）其他处理 rows among `specs` (told once: made for every
    /// unrecognized row, they were a fifth of reading a table of junk rows).
    private let otherRows: [Int]

    /// How many `parse.row_unrecognized` findings a table gives one by one.
    static let unrecognizedShown = 100
    private var unrecognizedCount = 0
    /// Unrecognized rows past those shown: how many, and the line of the first.
    private var moreUnrecognized: (count: Int, first: Int)?

    private mutating func appendLabel(_ text: String, line: Int) { label.append(text, line: line) }

    private mutating func resetLabel() { label.reset() }

    /// Only header words (申请人情况 自然人 … 其他 总计): a header row, never data.
    private func isHeaderLabel(_ label: String) -> Bool {
        var rest = label
        for word in TableReader.headerWords { rest = FastText.removing(word, from: rest) }
        return rest.allSatisfy { "（）()：:、，,".contains($0) }
    }

    static let headerWords = ["申请人情况", "法人或其他组织", "自然人", "商业企业", "科研机构", "社会公益组织", "法律服务机构",
                              "信息内容", "本年制发件数", "本年废止件数", "现行有效件数", "本年处理决定数量",
                              "结果维持", "结果纠正", "其他结果", "尚未审结", "行政复议", "行政诉讼", "未经复议直接起诉", "复议后起诉",
                              "续表", "其他", "总计"]
}


/// Which rows of a table got their cells (or were failed), and the row expected next: rows
/// come in the template's order.
struct RowProgress {
    private(set) var filled: [Bool]
    private(set) var expected = 0

    init(count: Int) { filled = Array(repeating: false, count: count) }

    /// `row` is read (or failed); the next is expected.
    mutating func done(_ row: Int) {
        filled[row] = true
        expected = row + 1
    }

    /// `row` is settled without being read (a hybrid table's absent rows).
    mutating func mark(_ row: Int) { filled[row] = true }

    mutating func expect(_ row: Int) { expected = row }
}
