import NianbaoStyle

/// A ruled table: column widths and cells that may span rows and columns. Header rows are
/// repeated under `续表` when the table continues on another page; a body row is never
/// split, and rows joined by a short span (a group label) stay together.
public struct TableSpec: Sendable {
    public struct Cell: Sendable {
        public var row: Int
        public var column: Int
        public var rowSpan: Int
        public var columnSpan: Int
        public var text: String
        public var alignment: TextBlock.Alignment
        /// Set in the heading face.
        public var heading: Bool
        /// A header cell (TH in the structure): by default, a cell in the heading face.
        public var header: Bool
        /// How the cell's text may break: as a label (between words) or as an agency's name.
        public var breaking: Breaking = .label
        public enum Breaking: Sendable { case label, name }

        public init(_ row: Int, _ column: Int, _ text: String, rowSpan: Int = 1, columnSpan: Int = 1, alignment: TextBlock.Alignment = .center,
                    heading: Bool = false, header: Bool? = nil) {
            self.row = row
            self.column = column
            self.rowSpan = rowSpan
            self.columnSpan = columnSpan
            self.text = text
            self.alignment = alignment
            self.heading = heading
            self.header = header ?? heading
        }
    }

    /// Column widths as fractions of the table width.
    public var columns: [Double]
    public var headerRows: Int
    public var rowCount: Int
    public var cells: [Cell]
    /// Spans longer than this may be broken across pages (the 21-row 三、本年度办理结果).
    public var keepSpansUpTo: Int = 8
    /// Row ranges that stay on one page (table 1's item blocks: item row, heading, data).
    public var keepTogether: [Range<Int>] = []

    public init(columns: [Double], headerRows: Int, rowCount: Int, cells: [Cell]) {
        self.columns = columns
        self.headerRows = headerRows
        self.rowCount = rowCount
        self.cells = cells
    }
}

/// Lays a `TableSpec` out into a page flow.
public struct TableLayout {
    public let spec: TableSpec
    public let style: Style
    public let shaper: TextShaping

    /// The last measurement: the heading check and the placing measure the same width, and
    /// balancing the cells is most of a table's cost.
    private let memo = Memo()

    private final class Memo {
        var width = -1.0
        var measured: Measured?
    }

    public init(spec: TableSpec, style: Style, shaper: TextShaping) {
        self.spec = spec
        self.style = style
        self.shaper = shaper
    }

    /// Height of the whole table at `width`, unbroken.
    public func height(width: Double) -> Double {
        measure(width: width).heights.reduce(0, +)
    }

    /// A table starts with at least this many body rows on its first page (FORMAT.md §6).
    public static let firstRows = 3

    /// Height of the header and the rows up to the first place the table may break after
    /// `bodyRows` body rows (rows with data, not table 1's item and column heads): what must
    /// fit under a section heading so that the heading is not left alone, and a table does not
    /// start with a row or two at a page foot.
    public func minimumHeight(width: Double, bodyRows: Int = TableLayout.firstRows) -> Double {
        let m = measure(width: width)
        var h = m.heights[0..<spec.headerRows].reduce(0, +)
        var r = spec.headerRows, data = 0
        while r < spec.rowCount {
            h += m.heights[r]
            if m.dataRow[r] { data += 1 }
            if m.breakable[r] && data >= bodyRows { break }
            r += 1
        }
        return h
    }

    private struct Measured {
        /// Column edges from the table's left edge.
        var xs: [Double]
        var heights: [Double]
        /// Each cell's balanced block, shaped, and its line count.
        var blocks: [TextBlock]
        var shaped: [ShapedText]
        var lines: [Int]
        var breakable: [Bool]
        /// A body row with data (a cell that is not a header cell).
        var dataRow: [Bool]
    }

    /// A cell's block, balanced, and as the shaper shaped it (kept: measuring and placing
    /// the cell read the same shaping, asked of the shaper once rather than four times).
    /// The shaper's memo keeps it, by the cell's whole block: labels (and most numbers) come
    /// back report after report.
    private func block(_ cell: TableSpec.Cell, xs: [Double], memo: ShapingMemo?) -> (TextBlock, ShapedText) {
        let pad = style.tablePadding
        let w = xs[cell.column + cell.columnSpan] - xs[cell.column] - 2 * pad
        let full = TextBlock(text: cell.text, font: cell.heading ? style.tableHeading : style.table, width: max(w, 1),
                             alignment: cell.alignment, lineHeight: style.table.size * style.tableLineHeight)
        guard let memo else { return fit(full, breaking: cell.breaking) }
        return memo.cell(ShapingMemo.CellKey(block: TextBlock.Key(full), breaking: cell.breaking)) { fit(full, breaking: cell.breaking) }
    }

    /// `full` (a cell's text at the cell's width) made to fit, and balanced.
    private func fit(_ full: TextBlock, breaking: TableSpec.Cell.Breaking) -> (TextBlock, ShapedText) {
        // A word wider than the cell: set smaller (to 80 %) rather than broken; a name then
        // breaks at its looser places; only then anywhere.
        let rules = breaking == .name ? (0...2).map { LineBreaks.name(full.text, looseness: $0) } : [LineBreaks.label(full.text)]
        for ranges in rules where !ranges.isEmpty {
            var candidate = full
            candidate.unbreakable = ranges
            for scale in [1, 0.9, 0.8] {
                candidate.font.size = full.font.size * scale
                let shaped = shaper.shape(candidate)
                if !Self.overflows(shaped) { return balanced(candidate, shaped) }
            }
        }
        return balanced(full, shaper.shape(full))
    }

    /// A line of `shaped` is wider than its block.
    static func overflows(_ shaped: ShapedText) -> Bool {
        shaped.lines.enumerated().contains { i, line in
            guard let first = line.glyphs.first, let last = line.glyphs.last(where: { !$0.isSpace }) else { return false }
            let indent = i == 0 ? shaped.block.indent : 0
            return last.x + last.fontAdvance - first.x > shaped.block.width - indent + 0.5
        }
    }

    /// A wrapped cell text with its lines evened out, so that no line holds a single
    /// character where the lines can share (一、本年新收政府信息公开申请数/量 becomes two even
    /// lines): the narrowest block that keeps the number of lines, found by halving.
    private func balanced(_ block: TextBlock, _ shaped: ShapedText) -> (TextBlock, ShapedText) {
        let lines = shaped.lines.count
        guard lines >= 2 else { return (block, shaped) }
        // Only a short last line needs it (a character or a word left over, less than half of
        // the first line): no search otherwise.
        let counts = shaped.charactersPerLine
        if counts.allSatisfy({ $0 == 1 }) { return (block, shaped) }
        if !counts.contains(1), let last = counts.last, 2 * last >= counts[0] { return (block, shaped) }
        // First the width that gives each line its share of the characters: most labels are
        // even at once (one shaping, not eight).
        let total = counts.reduce(0, +)
        var guess = block
        guess.width = min(block.width, Double((total + lines - 1) / lines) * (block.font.size + block.letterSpacing) + block.font.size / 2)
        let guessed = shaper.shape(guess)
        if guessed.lines.count == lines, !Self.overflows(guessed), let last = guessed.charactersPerLine.last, 2 * last >= guessed.charactersPerLine[0] {
            return (guess, guessed)
        }
        var low = block.font.size, high = block.width
        var best = (block, shaped)
        var candidate = block
        for _ in 0..<8 {
            let mid = (low + high) / 2
            candidate.width = mid
            let shaped = shaper.shape(candidate)
            if shaped.lines.count == lines && !Self.overflows(shaped) {
                best = (candidate, shaped)
                high = mid
            } else {
                low = mid
            }
        }
        return best
    }

    /// `block` (of `lines` lines) made to fit `room`: as it is, with its lines closed up to the
    /// type size, or in smaller type (to 80 %); nil when it cannot. `asIs`: the block unchanged.
    private func fitted(_ block: TextBlock, lines: Int, room: Double) -> (block: TextBlock, lines: Int, asIs: Bool)? {
        if Double(lines) * block.lineHeight <= room + 2 * style.tablePadding + 0.01 { return (block, lines, true) }
        var b = block
        for scale in [1.0, 0.9, 0.8] {
            b.font.size = block.font.size * scale
            b.lineHeight = b.font.size
            let n = scale == 1 ? lines : shaper.lineCount(b)
            if Double(n) * b.lineHeight <= room { return (b, n, false) }
        }
        return nil
    }

    /// Where a cell's block starts: a narrowed, centred block is centred in its cell.
    private func textX(_ block: TextBlock, cellLeft: Double, cellWidth: Double) -> Double {
        let pad = style.tablePadding
        guard block.alignment == .center else { return cellLeft + pad }
        return cellLeft + pad + (cellWidth - 2 * pad - block.width) / 2
    }

    private func measure(width totalWidth: Double) -> Measured {
        if memo.width == totalWidth, let m = memo.measured { return m }
        let m = measureAnew(width: totalWidth)
        memo.width = totalWidth
        memo.measured = m
        return m
    }

    private func measureAnew(width totalWidth: Double) -> Measured {
        let fractions = spec.columns.reduce(0, +)
        var xs = [0.0]
        for f in spec.columns { xs.append(xs.last! + f / fractions * totalWidth) }
        let pad = style.tablePadding
        let lineHeight = style.table.size * style.tableLineHeight
        let minRow = lineHeight + 2 * pad
        // Row heights: single-row cells first, then spans take what they still need from their last row.
        var heights = Array(repeating: minRow, count: spec.rowCount)
        let memo = shaper.memo
        var blocks: [TextBlock] = [], shaped: [ShapedText] = [], lines: [Int] = []
        blocks.reserveCapacity(spec.cells.count)
        shaped.reserveCapacity(spec.cells.count)
        lines.reserveCapacity(spec.cells.count)
        for cell in spec.cells {
            let (b, s) = block(cell, xs: xs, memo: memo)
            blocks.append(b)
            shaped.append(s)
            lines.append(s.lines.count)
        }
        for (i, c) in spec.cells.enumerated() where c.rowSpan == 1 {
            heights[c.row] = max(heights[c.row], Double(lines[i]) * lineHeight + 2 * pad)
        }
        for (i, c) in spec.cells.enumerated() where c.rowSpan > 1 {
            let need = Double(lines[i]) * lineHeight + 2 * pad
            let have = heights[c.row..<(c.row + c.rowSpan)].reduce(0, +)
            if need > have && c.rowSpan <= spec.keepSpansUpTo { heights[c.row + c.rowSpan - 1] += need - have }
        }
        // Where a page may end: after row r when no short span crosses from r to r+1.
        var breakable = Array(repeating: true, count: spec.rowCount)
        for c in spec.cells where c.rowSpan > 1 && c.rowSpan <= spec.keepSpansUpTo {
            for r in c.row..<(c.row + c.rowSpan - 1) { breakable[r] = false }
        }
        for r in 0..<spec.headerRows { breakable[r] = false }
        for range in spec.keepTogether { for r in range.dropLast() { breakable[r] = false } }
        var dataRow = Array(repeating: false, count: spec.rowCount)
        for c in spec.cells where !c.header && c.row >= spec.headerRows { dataRow[c.row] = true }
        return Measured(xs: xs, heights: heights, blocks: blocks, shaped: shaped, lines: lines, breakable: breakable, dataRow: dataRow)
    }

    /// Places the table, breaking it between pages, and tags it: a `Table` of `TR`s of `TH`
    /// (header cells and rows) and `TD` cells with their spans. What a continuation repeats (the header
    /// rows, a broken span's label) and 续表 are artifacts: the cell is read once.
    /// Where a placed table's body rows stand (their first part, when a row was repeated),
    /// and its column edges: what a layout needs to draw into a cell.
    public struct Placement: Sendable {
        public var rows: [Int: (page: Int, y: Double, height: Double)] = [:]
        /// Column edges, absolute.
        public var xs: [Double] = []
    }

    /// `firstRows`: the body rows the table starts with at a page foot, at the least (fewer only
    /// where the layout asks, so as not to leave a quarter of a page empty).
    @discardableResult
    public func place(into flow: inout PageFlow, firstRows: Int = TableLayout.firstRows) -> Placement {
        let m = measure(width: flow.width)
        var content = Array(repeating: [ItemReference](), count: spec.cells.count)
        let xs = m.xs.map { $0 + flow.left }, heights = m.heights, lines = m.lines, breakable = m.breakable
        var placement = Placement(xs: xs)
        let pad = style.tablePadding
        let lineHeight = style.table.size * style.tableLineHeight
        let headerHeight = heights[0..<spec.headerRows].reduce(0, +)
        let continuationHeight = lineHeight * 1.2

        var start = spec.headerRows
        var continued = false
        while start < spec.rowCount {
            let prefix = (continued ? continuationHeight : 0) + headerHeight
            // Take as many rows as fit, ending at a breakable row.
            var end = start, used = prefix, lastGood = -1
            while end < spec.rowCount && used + heights[end] <= flow.remaining + 0.01 {
                used += heights[end]
                if breakable[end] || end == spec.rowCount - 1 { lastGood = end }
                end += 1
            }
            // A group kept together that does not fit would leave more than a quarter of the
            // type area empty: break it after its last row that fits (its label shows in each part).
            let quarter = flow.geometry.typeHeight / 4
            if end > start, end < spec.rowCount, lastGood < end - 1, !flow.atPageTop || lastGood < start {
                let keptUsed = lastGood < start ? prefix : prefix + heights[start...lastGood].reduce(0, +)
                let dataRows = m.dataRow[start..<end].filter { $0 }.count
                if flow.remaining - keptUsed > quarter && spec.rowCount - end >= 3 && (start > spec.headerRows || dataRows >= firstRows) {
                    lastGood = end - 1
                }
            }
            // A table does not start with fewer than three body rows at a page foot.
            if !continued, start == spec.headerRows, !flow.atPageTop, lastGood >= start,
               lastGood < spec.rowCount - 1, m.dataRow[start...lastGood].filter({ $0 }).count < firstRows {
                lastGood = start - 1
            }
            if lastGood < start {
                if flow.atPageTop {
                    // Not even one group fits on an empty page: take the next group whole.
                    lastGood = start
                    while lastGood < spec.rowCount - 1 && !breakable[lastGood] { lastGood += 1 }
                } else {
                    flow.newPage()
                    continued = continued || start > spec.headerRows
                    continue
                }
            }
            // A continuation never carries fewer than three rows: break earlier to leave them.
            // Where breaking at a group would leave more than a quarter of the page empty, the
            // break comes inside the group instead (its label shows in each part).
            let left = spec.rowCount - 1 - lastGood
            if left > 0 && left < 3 {
                let candidates = (start..<lastGood).reversed().filter { spec.rowCount - 1 - $0 >= 3 }
                func empty(_ r: Int) -> Double { flow.remaining - prefix - heights[start...r].reduce(0, +) }
                if let earlier = candidates.first(where: { breakable[$0] && empty($0) <= quarter })
                    ?? candidates.first(where: { empty($0) <= quarter && m.dataRow[$0 + 1] })
                    ?? candidates.first(where: { breakable[$0] }) {
                    lastGood = earlier
                }
            }
            if continued {
                flow.add(.text(shaper.shape(TextBlock(text: "续表", font: style.table, width: flow.width, alignment: .left, lineHeight: continuationHeight)),
                               x: flow.left, y: flow.y, lines: 0..<1))
                flow.advance(continuationHeight)
            }
            // Row tops for header + this slice.
            let slice = Array(0..<spec.headerRows) + Array(start...lastGood)
            var top = [Double?](repeating: nil, count: spec.rowCount)
            var y = flow.y
            for r in slice {
                top[r] = y
                if r >= spec.headerRows, placement.rows[r] == nil { placement.rows[r] = (flow.pageIndex, y, heights[r]) }
                y += heights[r]
            }
            let sliceEnd = y
            var rules = RuleSet()
            for (i, c) in spec.cells.enumerated() {
                // The first and last of the cell's rows on this page.
                let rows = c.row..<max(c.row, min(c.row + c.rowSpan, spec.rowCount))
                guard let r0 = rows.first(where: { top[$0] != nil }), let r1 = rows.last(where: { top[$0] != nil }),
                      let cellTop = top[r0], let lastTop = top[r1] else { continue }
                let cellBottom = lastTop + heights[r1]
                let xa = xs[c.column], xb = xs[c.column + c.columnSpan]
                rules.addBox(x0: xa, y0: cellTop, x1: xb, y1: cellBottom)
                guard !c.text.isEmpty else { continue }
                // A span broken across pages shows its label in each part (三、本年度办理结果 on
                // the 续表 page too): where the part is short, its lines close up and, if need
                // be, its type gets smaller, down to 80 %; only a part shorter than that is empty.
                guard let (b, n, asIs) = fitted(m.blocks[i], lines: lines[i], room: cellBottom - cellTop - 2 * pad) else { continue }
                let ty = cellTop + (cellBottom - cellTop - Double(n) * b.lineHeight) / 2
                let placed = flow.add(.text(asIs ? m.shaped[i] : shaper.shape(b), x: textX(b, cellLeft: xa, cellWidth: xb - xa), y: ty, lines: 0..<n))
                if content[i].isEmpty { content[i].append(placed) }
            }
            for rule in rules.items(width: style.tableRule) { flow.add(rule) }
            flow.advance(sliceEnd - flow.y)
            start = lastGood + 1
            if start < spec.rowCount {
                flow.newPage()
                continued = true
            }
        }
        flow.tag(structure(content: content))
        return placement
    }

    /// The table's structure element, given the items that show each cell.
    private func structure(content: [[ItemReference]]) -> StructureElement {
        var rows = (0..<spec.rowCount).map { _ in StructureElement(.row) }
        for (i, cell) in spec.cells.enumerated().sorted(by: { ($0.element.row, $0.element.column) < ($1.element.row, $1.element.column) }) {
            rows[cell.row].children.append(StructureElement(cell.header || cell.row < spec.headerRows ? .headerCell : .cell, content: content[i],
                                                            rowSpan: cell.rowSpan, columnSpan: cell.columnSpan))
        }
        return StructureElement(.table, children: rows.filter { !$0.children.isEmpty })
    }
}
