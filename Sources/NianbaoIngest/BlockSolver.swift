import NianbaoModel

/// Reads a table whose numbers are all there, in order, but whose rows came apart (FORMAT.md
/// §7): plain `pdftotext` gives a LibreOffice table's rows in runs, some runs column by column
/// (`6 3 | 0 0 | … | 6 3` for 予以公开 and 部分公开), with the labels in another block; a
/// converter's Markdown keeps the values in order while the labels drift away from them.
///
/// The readings the text allows: the table's cells are `rows.count × width` consecutive
/// entries of the run (surplus entries before or after belong to no row: a neighbouring
/// table's numbers), and the template's rows, in order, fall into consecutive blocks, each
/// read row by row or column by column. A reading is kept when it satisfies every equation of
/// the table; readings that give the same cells are one reading. Exactly one: it is taken.
/// None or several: nothing is taken. The search is bounded; hitting the bound takes nothing.
enum BlockSolver {
    /// One value of the run as written, and what it counts for in the equations (blank and
    /// placeholder as 0).
    struct Entry {
        let cell: Cell
        let count: Int
    }

    enum Outcome {
        /// The one reading: each cell's entry, and the rows read as part of a column-by-column block.
        case solved([CellKey: Cell], columnBlocks: [ClosedRange<Int>])
        /// How many distinct readings fitted (0, or 2 and more: counting stops at `enough`).
        case unsolved(readings: Int)
        /// The run has fewer entries than the table has cells (blank cells vanished from PDF
        /// text), or more than `maxSurplus` beyond them: the blocks cannot be told.
        case wrongCount(entries: Int, cells: Int)
        /// The search would try more than `bound` blocks.
        case bounded
    }

    /// Block rows tried at most: a whole table solves in a few milliseconds.
    static let bound = 2_000_000
    /// Counting readings stops here: «several» needs no more.
    static let enough = 10
    /// Entries beyond the table's cells that may stand before or after them (table 3's first
    /// numbers come out of a LibreOffice PDF before its heading, in table 2's section).
    static let maxSurplus = 21

    /// Solves `run` into `rows` (each a row of the template: its keys, all rows equally wide)
    /// against the equations among those keys, trying at most `bound` block rows.
    static func solve(rows: [[CellKey]], run: [Entry], equations: [TableEquation], bound: Int = bound) -> Outcome {
        guard let width = rows.first?.count, width > 0, rows.allSatisfy({ $0.count == width }) else { return .unsolved(readings: 0) }
        let cells = rows.count * width
        guard run.count >= cells, run.count - cells <= maxSurplus else { return .wrongCount(entries: run.count, cells: cells) }
        // Cells by index (row * width + column); each equation as signed cell indices, kept
        // where all its keys are the table's, and checked once its last row is placed.
        var index: [CellKey: Int] = [:]
        for (r, row) in rows.enumerated() { for (c, key) in row.enumerated() { index[key] = r * width + c } }
        var byLastRow = Array(repeating: [[(cell: Int, sign: Int)]](), count: rows.count)
        for equation in equations {
            let terms = equation.lhs.map { (index[$0], 1) } + equation.rhs.map { (index[$0], -1) }
            guard terms.allSatisfy({ $0.0 != nil }), !terms.isEmpty else { continue }
            let resolved = terms.map { (cell: $0.0!, sign: $0.1) }
            byLastRow[resolved.map { $0.cell / width }.max()!].append(resolved)
        }
        // Entries that print alike are alike: two readings differing only in which of two
        // zeros went where are one reading.
        var codes: [String: Int] = [:]
        let code = run.map { entry -> Int in
            let key = "\(entry.cell.state.rawValue):\(entry.cell.text)"
            if let c = codes[key] { return c }
            codes[key] = codes.count
            return codes.count - 1
        }

        var place = Array(repeating: 0, count: cells)  // the run entry of each cell
        var visits = 0
        var found: [[Int]: (place: [Int], blocks: [ClosedRange<Int>])] = [:]
        var blocks: [ClosedRange<Int>] = []
        var stopped = false

        func holds(_ row: Int) -> Bool {
            byLastRow[row].allSatisfy { eq in eq.reduce(0) { $0 + $1.sign * run[place[$1.cell]].count } == 0 }
        }
        // Rows from `row` on, the run's entries from `start + row * width` on.
        func search(_ row: Int, start: Int) {
            if stopped { return }
            if row == rows.count {
                let reading = place.map { code[$0] }
                if found[reading] == nil { found[reading] = (place, blocks) }
                if found.count >= enough { stopped = true }
                return
            }
            let base = start + row * width
            // A block of `size` rows read column by column (size 1: the row as written).
            for size in 1...(rows.count - row) {
                var fits = true
                var sameAsRows = size > 1
                for r in 0..<size {
                    visits += 1
                    if visits > bound { stopped = true; return }
                    for c in 0..<width {
                        let entry = base + c * size + r
                        place[(row + r) * width + c] = entry
                        if code[entry] != code[base + r * width + c] { sameAsRows = false }
                    }
                    if !holds(row + r) { fits = false; break }
                }
                // A block that reads as its rows do is the rows read one by one: tried already.
                guard fits, !sameAsRows else { continue }
                if size > 1 { blocks.append(row...(row + size - 1)) }
                search(row + size, start: start)
                if size > 1 { blocks.removeLast() }
                if stopped { return }
            }
        }
        for start in 0...(run.count - cells) { search(0, start: start) }
        if visits > bound { return .bounded }
        guard found.count == 1, let only = found.values.first else { return .unsolved(readings: found.count) }
        var out: [CellKey: Cell] = [:]
        for (key, i) in index { out[key] = run[only.place[i]].cell }
        return .solved(out, columnBlocks: only.blocks)
    }
}
