import NianbaoModel

/// A table whose numbers the text gives in another order than its rows (FORMAT.md §7): plain
/// `pdftotext` of a LibreOffice PDF (rows in runs, some column by column, the labels in a block
/// of their own), or a converter's Markdown whose labels drifted away from their values. The
/// table's values are gathered in the order the text gives them and `BlockSolver` decides
/// them by the table's arithmetic, or nothing is taken.
enum TableRun {
    /// Whether the reader met numbers it could not place in order: labels of several rows
    /// before their numbers, or numbers whose label named no open row.
    static func isDisordered(_ findings: [Finding]) -> Bool {
        findings.contains { $0.id == .columnOrder || $0.id == .rowUnrecognized }
    }

    /// The template's rows as the block solver reads them: table 3's one printed row of
    /// fifteen is three groups of five, which plain PDF text gives as blocks of their own.
    static func rows(_ specs: [RowSpec]) -> [[CellKey]] {
        guard specs.count == 1, specs[0].keys.count == 15 else { return specs.map(\.keys) }
        let keys = specs[0].keys
        return stride(from: 0, to: 15, by: 5).map { Array(keys[$0..<($0 + 5)]) }
    }

    /// Every value of the table's pieces in the text's order: a PDF line's numbers, a field
    /// row's values (blank fields kept: they are cells; surplus empty fields beyond `width`
    /// dropped, as the reader drops them). A field row with no value at all counts only when
    /// its label names a row (a header's empty fields are no cells). Nil when a value is no
    /// number (`19件`): the arithmetic cannot count it.
    /// When the labels drifted (`drifted`), a label's row of empty fields is no row of cells:
    /// its values stand elsewhere.
    static func entries(_ pieces: [RowPiece], specs: [RowSpec], width: Int, key: CellKey, drifted: Bool = false) -> [BlockSolver.Entry]? {
        var out: [BlockSolver.Entry] = []
        for piece in pieces where !piece.values.isEmpty {
            var values = ArraySlice(piece.values)
            if piece.shape != .text {
                let filled = values.contains { !CharacterNormalization.trim($0.text).isEmpty }
                if !filled, drifted || !specs.contains(where: { $0.isNamed(in: piece.label) }) { continue }
                while values.count > width, let last = values.last, CharacterNormalization.trim(last.text).isEmpty { values = values.dropLast() }
                while values.count > width, let first = values.first, CharacterNormalization.trim(first.text).isEmpty { values = values.dropFirst() }
            }
            for value in values {
                let (cell, problem) = CellReader.read(value.text, line: value.line, key: key)
                guard problem == nil else { return nil }
                switch cell.state {
                case .number:
                    guard let n = cell.count else { return nil }
                    out.append(.init(cell: cell, count: n))
                case .blank, .placeholder: out.append(.init(cell: cell, count: 0))
                case .unreadable: return nil
                }
            }
        }
        return out
    }

    /// Solves table `name` (report section `section`) from `pieces` when its reader's
    /// `findings` show disorder. One reading that agrees with every cell the reader placed by
    /// its row's label: the cells the reader could not read are set from it and marked solved,
    /// and the reader's findings about the table's rows give way to one warning naming the rows
    /// read this way. Otherwise the reader's cells stay, and a finding says why the arithmetic
    /// could not decide. When table 2's labels drifted (a row of numbers without a label), no
    /// cell placed by a label is kept unless the one reading confirms it.
    static func apply(_ pieces: [RowPiece], specs: [RowSpec], table name: String, section: Int,
                      to report: inout Report, findings: inout [Finding]) {
        let rows = rows(specs)
        // A 2021 table with 2019's single （六）其他处理 row has cells outside its rows.
        if report.template == .y2021, report.hasOtherProcessingRow { return }
        guard let first = rows.first?.first, rows.allSatisfy({ $0.count == rows[0].count }) else { return }
        let equations: [TableEquation] = section == 4 ? TableEquations.table3 : TableEquations.table2(oneOtherRow: report.template == .y2019)
        let line = pieces.first { !$0.values.isEmpty }?.line
        let keys = rows.flatMap { $0 }
        let drifted = labelsDrifted(pieces, section: section)
        // The cells the reader placed by their rows' labels; none when the labels drifted.
        var placed: [CellKey: Cell] = [:]
        if !drifted { for key in keys where report[key].state != .unreadable { placed[key] = report[key] } }
        let unreadable = keys.filter { placed[$0] == nil }
        let what = drifted ? "\(name): its labels drifted away from their values (a row of numbers without a label), so no row can be placed by its label"
            : "\(name): its numbers stand apart from their rows (text taken column by column, or labels apart from their values)"
        /// Nothing taken: the reader's cells stay — unless the labels drifted, then none does.
        func giveUp(_ why: String) {
            if drifted {
                for key in keys where report[key].state != .unreadable {
                    report[key] = Cell(state: .unreadable, text: "", written: "", line: report[key].line)
                }
            }
            guard !unreadable.isEmpty else { return }
            findings.append(Finding(id: .unsolved, severity: .error, message: "\(what); \(why); \(drifted ? "its cells are unreadable" : "its unread cells stay unreadable")",
                                    line: line, keys: unreadable))
        }
        guard let run = entries(pieces, specs: specs, width: specs.map(\.keys.count).max() ?? rows[0].count, key: first, drifted: drifted) else {
            return giveUp("one of its values is not a number, so the table's arithmetic cannot place them")
        }
        switch BlockSolver.solve(rows: rows, run: run, equations: equations) {
        case .solved(let cells, let blocks):
            // A row the reader placed by its own label outweighs a reading of the whole run:
            // when they disagree, the run holds something the readings do not allow for.
            let conflicts = keys.filter { key in placed[key].map { $0.state != cells[key]!.state || $0.text != cells[key]!.text } ?? false }
            guard conflicts.isEmpty else {
                return giveUp("the one reading of its \(run.count) values that satisfies every equation disagrees with \(conflicts.count) cell(s) read by their rows' labels, so none is taken")
            }
            var changed: [Int] = []
            for (r, row) in rows.enumerated() {
                for key in row where placed[key] == nil {
                    let before = report[key], reading = cells[key]!
                    // A drifted row whose label had the right numbers after all keeps them as read.
                    if before.state == reading.state, before.text == reading.text { continue }
                    var cell = reading
                    cell.solved = true
                    report[key] = cell
                    if changed.last != r { changed.append(r) }
                }
            }
            // Nothing new (the numbers the reader could not place were surplus): its findings stand.
            guard !changed.isEmpty else { return }
            let rowKeys = Set(keys)
            let tableLines = Set(pieces.map(\.line))
            findings.removeAll { f in
                switch f.id {
                case .columnOrder, .rowShort, .rowLong, .rowMissing: return !f.keys.isEmpty && Set(f.keys).isSubset(of: rowKeys)
                case .rowUnrecognized: return f.keys.isEmpty && f.line.map(tableLines.contains) ?? false
                default: return false
                }
            }
            let names = changed.map { rowName(rows[$0], specs: specs) }
            let columnWise = blocks.isEmpty ? "" : "; read column by column: " + blocks.map { b in b.map { rowName(rows[$0], specs: specs) }.joined(separator: "、") }.joined(separator: " / ")
            findings.append(Finding(id: .solved, severity: .warning,
                                    message: "\(what); exactly one reading of its \(run.count) values in the template's rows satisfies every equation of the table, and it is taken for \(changed.count) row(s) (\(names.joined(separator: "、")))\(columnWise) (cells marked solved)",
                                    line: line, keys: changed.flatMap { rows[$0] }))
        case .unsolved(let readings):
            giveUp(readings == 0 ? "no reading of its \(run.count) values satisfies every equation of the table (its published totals may disagree)"
                : "\(readings >= BlockSolver.enough ? "\(BlockSolver.enough) or more" : "\(readings)") readings of its \(run.count) values satisfy every equation of the table, so none is taken")
        case .wrongCount(let entries, let cells):
            giveUp("the text gives \(entries) values for its \(cells) cells, \(entries < cells ? "blank cells vanish from PDF text, so " : "so ")which value is whose cannot be told by the arithmetic either")
        case .bounded:
            giveUp("its values allow more readings than nianbao tries (\(BlockSolver.bound)), so none is taken")
        }
    }

    /// Table 2's field rows (Word, TSV, pipe) carry a row of numbers without any label: the
    /// labels drifted away from their values (a converter's Markdown), so no row the reader
    /// placed by its label is certain. (Table 3's one row of fifteen often has no label.)
    static func labelsDrifted(_ pieces: [RowPiece], section: Int) -> Bool {
        section == 3 && pieces.contains { piece in
            piece.shape == .fields && piece.label.isEmpty && piece.values.contains { CellReader.read($0.text, line: $0.line, key: .requests(.new, .natural)).0.state == .number }
        }
    }

    /// A row's name in messages: the template's row label, or table 3's group.
    private static func rowName(_ row: [CellKey], specs: [RowSpec]) -> String {
        if let spec = specs.first(where: { $0.keys == row }) { return spec.name }
        return row[0].labels.row
    }
}
