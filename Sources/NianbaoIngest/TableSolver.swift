import NianbaoModel

/// Reads what only a table's arithmetic can decide (FORMAT.md §7): rows whose digits came
/// glued together (a crawler's `予以公开3100415`). Every reading the template allows is tried
/// (the row's cell count, counts without leading zeros) and kept when it satisfies every
/// equation of the table (`TableEquations`) with the cells read directly. Exactly one reading
/// of the whole table: it is taken. None or several: nothing is taken, and the cells stay
/// unreadable. The search is bounded; a search that hits the bound takes nothing.
enum TableSolver {
    /// A row whose cells were written as one run of digits.
    struct GluedRow: Equatable {
        let keys: [CellKey]
        let digits: String
        let line: Int
    }

    enum Outcome: Equatable {
        /// The one reading: each glued cell's value and the digits it was written with.
        case solved([CellKey: (value: Int, written: String)])
        /// How many readings fitted (0, or 2 and more: the search stops at `enough`).
        case unsolved(readings: Int)
        /// The search would visit more than `bound` readings.
        case bounded

        static func == (a: Outcome, b: Outcome) -> Bool {
            switch (a, b) {
            case let (.solved(x), .solved(y)): return x.mapValues(\.value) == y.mapValues(\.value)
            case let (.unsolved(x), .unsolved(y)): return x == y
            case (.bounded, .bounded): return true
            default: return false
            }
        }
    }

    /// Readings visited at most, over all rows: a whole report solves in well under a second.
    static let bound = 2_000_000
    /// Counting readings stops here: «several» needs no more.
    static let enough = 10

    /// Solves `glued` against `equations`; `known` gives the value of every other cell as the
    /// equations count it (blank and placeholder as 0), nil for a cell that could not be read.
    static func solve(_ glued: [GluedRow], equations: [TableEquation], known: (CellKey) -> Int?) -> Outcome {
        guard !glued.isEmpty else { return .unsolved(readings: 0) }
        var rowOf: [CellKey: Int] = [:]
        for (i, row) in glued.enumerated() { for key in row.keys { rowOf[key] = i } }
        // Equations that involve a glued cell and no other unknown one, by the last glued row they need.
        var byLastRow = Array(repeating: [(terms: [(key: CellKey, sign: Int)], constant: Int)](), count: glued.count)
        for equation in equations {
            var constant = 0, terms: [(CellKey, Int)] = [], usable = true, last = -1
            for (keys, sign) in [(equation.lhs, 1), (equation.rhs, -1)] {
                for key in keys {
                    if let row = rowOf[key] {
                        terms.append((key, sign))
                        last = max(last, row)
                    } else if let v = known(key) {
                        constant += sign * v
                    } else {
                        usable = false
                    }
                }
            }
            if usable, last >= 0 { byLastRow[last].append((terms, constant)) }
        }
        // Each row's readings: its splits that satisfy the equations about it alone.
        var candidates: [[[Int]]] = []
        var visits = 0
        for (i, row) in glued.enumerated() {
            let own = byLastRow[i].filter { eq in eq.terms.allSatisfy { rowOf[$0.key] == i } }
            var fitting: [[Int]] = []
            guard splits(row.digits, into: row.keys.count, visits: &visits, bound: bound, each: { parts in
                var values: [CellKey: Int] = [:]
                for (key, v) in zip(row.keys, parts) { values[key] = v }
                if own.allSatisfy({ eq in eq.terms.reduce(eq.constant) { $0 + $1.sign * values[$1.key]! } == 0 }) { fitting.append(parts) }
            }) else { return .bounded }
            candidates.append(fitting)
        }
        // The whole table: one reading per row, every equation checked once its rows are chosen.
        var chosen = Array(repeating: 0, count: glued.count)
        var values: [CellKey: Int] = [:]
        var solutions = 0
        var first: [Int]?
        func search(_ i: Int) -> Bool {
            if i == glued.count {
                solutions += 1
                if first == nil { first = chosen }
                return solutions < enough
            }
            for (c, parts) in candidates[i].enumerated() {
                visits += 1
                if visits > bound { return false }
                for (key, v) in zip(glued[i].keys, parts) { values[key] = v }
                let fits = byLastRow[i].allSatisfy { eq in eq.terms.reduce(eq.constant) { $0 + $1.sign * values[$1.key]! } == 0 }
                if fits {
                    chosen[i] = c
                    if !search(i + 1) { return false }
                }
            }
            return true
        }
        _ = search(0)
        if visits > bound { return .bounded }
        guard solutions == 1, let reading = first else { return .unsolved(readings: solutions) }
        var out: [CellKey: (value: Int, written: String)] = [:]
        for (i, row) in glued.enumerated() {
            let parts = candidates[i][reading[i]]
            var offset = row.digits.startIndex
            for (key, v) in zip(row.keys, parts) {
                let length = String(v).count
                let end = row.digits.index(offset, offsetBy: length)
                out[key] = (v, String(row.digits[offset..<end]))
                offset = end
            }
        }
        return .solved(out)
    }

    /// Calls `each` with every split of `digits` into `count` counts written without leading
    /// zeros (a lone 0 is a count); false when that would visit more than `bound`.
    static func splits(_ digits: String, into count: Int, visits: inout Int, bound: Int, each: ([Int]) -> Void) -> Bool {
        let d = Array(digits.utf8).map { Int($0) - 48 }
        guard count > 0, d.count >= count, d.allSatisfy({ (0...9).contains($0) }) else { return true }
        var parts: [Int] = []
        var ok = true
        func go(_ start: Int, _ left: Int) {
            guard ok else { return }
            visits += 1
            if visits > bound { ok = false; return }
            if left == 1 {
                let rest = d[start...]
                guard rest.count <= 15, rest.count == 1 || rest.first != 0 else { return }
                parts.append(rest.reduce(0) { $0 * 10 + $1 })
                each(parts)
                parts.removeLast()
                return
            }
            // This part: one digit if it is 0, else up to what leaves a digit for each other part.
            let longest = d[start] == 0 ? 1 : min(15, d.count - start - (left - 1))
            guard longest >= 1 else { return }
            var value = 0
            for length in 1...longest {
                value = value * 10 + d[start + length - 1]
                parts.append(value)
                go(start + length, left - 1)
                parts.removeLast()
            }
        }
        go(0, count)
        return ok
    }
}

extension TableSolver {
    /// Solves the glued rows of one table of `report` and says so: solved cells are numbers
    /// marked `solved`, their rows' parse errors give way to one warning naming the rows; rows
    /// no single reading decides stay unreadable, with a finding that says how many fitted.
    static func apply(_ glued: [GluedRow], table name: String, section: Int, to report: inout Report, findings: inout [Finding]) {
        let equations: [TableEquation] = switch section {
        case 3: TableEquations.table2(oneOtherRow: report.hasOtherProcessingRow)
        case 4: TableEquations.table3
        default: []
        }
        let gluedKeys = Set(glued.flatMap(\.keys))
        let known: (CellKey) -> Int? = { key in
            let cell = report[key]
            switch cell.state {
            case .number: return cell.count
            case .blank, .placeholder: return 0
            case .unreadable: return nil
            }
        }
        let outcome = solve(glued, equations: equations, known: known)
        let lines = glued.map(\.line).min()
        let rows = glued.map { $0.keys[0].labels.row }
        switch outcome {
        case .solved(let values):
            for (key, v) in values {
                var cell = Cell.count(v.value, written: v.written, line: report[key].line)
                cell.page = report[key].page
                cell.solved = true
                report[key] = cell
            }
            findings.removeAll { !$0.keys.isEmpty && Set($0.keys).isSubset(of: gluedKeys) && ($0.id == .rowShort || $0.id == .rowLong) }
            findings.append(Finding(id: .solved, severity: .warning,
                                    message: "\(name): the digits of \(glued.count) row(s) came glued together (\(rows.joined(separator: "、"))); exactly one reading satisfies every equation of the table, and it is taken (cells marked solved)",
                                    line: lines, keys: glued.flatMap(\.keys)))
        case .unsolved(let readings):
            let how = readings == 0 ? "no reading satisfies every equation of the table (its published totals may disagree)"
                : "\(readings >= enough ? "\(enough) or more" : "\(readings)") readings satisfy every equation of the table, so none is taken"
            findings.append(Finding(id: .unsolved, severity: .error,
                                    message: "\(name): the digits of \(glued.count) row(s) came glued together (\(rows.joined(separator: "、"))); \(how); their cells stay unreadable",
                                    line: lines, keys: glued.flatMap(\.keys)))
        case .bounded:
            findings.append(Finding(id: .unsolved, severity: .error,
                                    message: "\(name): the digits of \(glued.count) row(s) came glued together (\(rows.joined(separator: "、"))); they allow more readings than nianbao tries (\(bound)), so none is taken; their cells stay unreadable",
                                    line: lines, keys: glued.flatMap(\.keys)))
        }
    }
}
