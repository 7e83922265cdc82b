/// Rebuilds the rows of a table from PDF lines placed on the page (FORMAT.md §7): the
/// reading order of a PDF's text is not reliable, the positions are.
///
/// - The value area starts where the numbers of multi-number rows start; everything left of it
///   is label text, everything in it that is not a number is header text.
/// - A line with numbers in the value area is a row (an *anchor*). Label text is grouped by
///   column into cell texts, each beginning at its row numbering (`（二）`, `1.`) or after a gap,
///   and a cell text joins the anchor nearest its vertical centre within its own height — so a
///   label wrapped above and below its numbers stays with them, and a wrapped tail never
///   reaches the next row.
/// - Numbers are put into columns by the columns of complete rows (or of the header); a row
///   whose numbers cannot be placed with certainty is handed on as a whole row, which the
///   reader places only when it has as many numbers as cells.
/// - A cell text with no numbers beside it is a row whose cells are all blank.
enum PlacedTable {
    private struct Fragment {
        let text: String
        let x0: Double
        let page: Int
        let y: Double
        let height: Double
        let line: Int
    }

    private struct Block {
        var fragments: [Fragment]
        var page: Int { fragments[0].page }
        var top: Double { fragments.first!.y }
        var bottom: Double { fragments.last!.y }  // (after a page-break merge: on a later page)
        var center: Double { (top + bottom) / 2 }
        var x0: Double { fragments.map(\.x0).min()! }
        var text: String { fragments.map(\.text).joined() }
    }

    private struct Anchor {
        let line: SourceLine
        let placed: PlacedLine
        let values: [PlacedLine.Segment]
        /// A number stood left of the value columns, beside the label: the row does not line
        /// up with the header, so only the count of its numbers can place them.
        let misaligned: Bool
        var blocks: [Block] = []
    }

    /// `rowNames`: whole row labels without numbering (规章, 行政许可 …), which a blank row may show alone.
    static func pieces(_ lines: [SourceLine], columns k: Int, rowNames: Set<String> = []) -> [RowPiece] {
        let rows = lines.filter { $0.placed != nil && !$0.isFurniture }
        guard !rows.isEmpty else { return [] }
        let valueLeft = Self.valueLeft(rows)

        var anchors: [Anchor] = []
        var fragments: [Fragment] = []
        var headers: [(page: Int, y: Double, segment: PlacedLine.Segment)] = []
        for line in rows {
            let placed = line.placed!
            let tolerance = placed.height * 0.3
            var values: [PlacedLine.Segment] = []
            var stray: [PlacedLine.Segment] = []
            var labels: [Fragment] = []
            for segment in placed.segments {
                let cellLike = CellReader.isCellLike(Substring(segment.text))
                // A header centred over the first value column may start left of its numbers.
                if let left = valueLeft, segment.x0 >= left - tolerance || (!cellLike && segment.center >= left) {
                    if cellLike { values.append(segment) } else { headers.append((placed.page, placed.y, segment)) }
                } else {
                    if cellLike { stray.append(segment) }
                    labels.append(Fragment(text: CharacterNormalization.squeeze(Substring(segment.text)), x0: segment.x0,
                                           page: placed.page, y: placed.y, height: placed.height, line: line.number))
                }
            }
            if values.isEmpty {
                fragments += labels
            } else {
                // Numbers left of the value columns on a row with numbers are the row's, not its label's.
                fragments += labels.filter { l in !stray.contains { $0.x0 == l.x0 } }
                anchors.append(Anchor(line: line, placed: placed, values: stray + values, misaligned: !stray.isEmpty))
            }
        }

        // Label cell texts, and which row each belongs to.
        var cellTexts = blocks(fragments, anchorLines: Set(anchors.map(\.line.number)))
        let owner: [Int?] = cellTexts.map { block in
            let h = block.fragments[0].height
            let near = anchors.indices.filter {
                anchors[$0].placed.page == block.page && anchors[$0].placed.y >= block.top - h * 0.6 && anchors[$0].placed.y <= block.bottom + h * 0.6
            }
            return near.min(by: { abs(anchors[$0].placed.y - block.center) < abs(anchors[$1].placed.y - block.center) })
        }
        // A row broken across pages: label text at the top of a page, without numbering or
        // numbers of its own, goes on from the last cell text of its column on the page before.
        for i in cellTexts.indices where owner[i] == nil && !startsRow(cellTexts[i].text) {
            let block = cellTexts[i]
            let h = block.fragments[0].height
            let earlierOnPage = cellTexts.indices.contains { !cellTexts[$0].fragments.isEmpty && cellTexts[$0].page == block.page && abs(cellTexts[$0].x0 - block.x0) <= h * 0.7 && cellTexts[$0].top < block.top }
            guard !earlierOnPage, let previous = cellTexts.indices.filter({
                !cellTexts[$0].fragments.isEmpty && cellTexts[$0].page == block.page - 1 && abs(cellTexts[$0].x0 - block.x0) <= h * 0.7
            }).max(by: { cellTexts[$0].bottom < cellTexts[$1].bottom }) else { continue }
            cellTexts[previous].fragments += block.fragments
            cellTexts[i].fragments = []
        }
        var loose: [Block] = []
        for (i, block) in cellTexts.enumerated() where !block.fragments.isEmpty {
            if let a = owner[i] { anchors[a].blocks.append(block) } else { loose.append(block) }
        }

        let model = ColumnModel(anchors.map(\.values), headers: headers, firstAnchor: anchors.first.map { ($0.placed.page, $0.placed.y) }, columns: k)
        var out: [(page: Int, y: Double, piece: RowPiece)] = []
        for anchor in anchors {
            let label = anchor.blocks.sorted { $0.x0 < $1.x0 }.map(\.text).joined()
            let number = anchor.line.number
            let values: [RowPiece.Value]
            let shape: RowPiece.Shape
            if !anchor.misaligned, let slots = model.place(anchor.values) {
                values = slots.map { RowPiece.Value(text: Substring($0?.text ?? ""), line: number) }
                shape = .fields
            } else {
                values = anchor.values.map { RowPiece.Value(text: Substring($0.text), line: number) }
                shape = .wholeRow
            }
            out.append((anchor.placed.page, anchor.placed.y, RowPiece(shape: shape, line: number, label: label, values: values)))
        }
        for block in loose {
            // A numbered label with nothing in the value columns is a row left blank; other text
            // (headers, notes) is label text only.
            let line = block.fragments[0].line
            let blanks = startsRow(block.text) || rowNames.contains(block.text) ? (0..<k).map { _ in RowPiece.Value(text: "", line: line) } : []
            out.append((block.page, block.top, RowPiece(shape: .fields, line: line, label: block.text, values: blanks)))
        }
        return out.sorted { ($0.page, $0.y) < ($1.page, $1.y) }.map(\.piece)
    }

    /// Where the value columns begin: the leftmost place where two or more lines have their
    /// first number after label text (one misaligned row does not move it). A table whose
    /// numbers have no labels beside them (table 3's one row) has no label column: all of it
    /// is the value area. Nil when the table has no number at all.
    private static func valueLeft(_ rows: [SourceLine]) -> Double? {
        var any = false
        var starts: [(x: Double, height: Double)] = []
        for line in rows {
            let segments = line.placed!.segments
            if segments.contains(where: { CellReader.isCellLike(Substring($0.text)) }) { any = true }
            if let first = segments.first, !CellReader.isCellLike(Substring(first.text)),
               let v = segments.dropFirst().first(where: { CellReader.isCellLike(Substring($0.text)) }) {
                starts.append((v.x0, line.placed!.height))
            }
        }
        let supported = starts.filter { s in starts.filter { abs($0.x - s.x) <= s.height * 0.5 }.count >= 2 }
        if let x = (supported.isEmpty ? starts : supported).map(\.x).min() { return x }
        return any ? -.infinity : nil
    }

    /// Groups label fragments into cell texts: by page and left edge, in reading order, a new
    /// cell at each row numbering, after a gap of more than two lines, or where a second line
    /// with numbers begins (a cell's text stands beside one row's numbers at most).
    private static func blocks(_ fragments: [Fragment], anchorLines: Set<Int>) -> [Block] {
        var columns: [[Fragment]] = []
        for f in fragments {
            if let i = columns.firstIndex(where: { $0[0].page == f.page && abs($0[0].x0 - f.x0) <= f.height * 0.7 }) {
                columns[i].append(f)
            } else {
                columns.append([f])
            }
        }
        var out: [Block] = []
        for column in columns {
            var current: [Fragment] = []
            for f in column.sorted(by: { $0.y < $1.y }) {
                let secondRow = anchorLines.contains(f.line) && current.contains { anchorLines.contains($0.line) }
                // Text in another size is another cell's (a vertical label set smaller in a short
                // part of its span, in the column the row labels start in), never a label's tail.
                if let last = current.last, startsRow(f.text) || f.y - last.y > f.height * 2.2 || secondRow || abs(f.height - last.height) > last.height * 0.2 {
                    out.append(Block(fragments: current))
                    current = []
                }
                current.append(f)
            }
            if !current.isEmpty { out.append(Block(fragments: current)) }
        }
        return out
    }

    /// Row numbering that begins a label: 一、 （一） (一) 1. 1、 １．（not 1131.7652, a number).
    static func startsRow(_ text: some StringProtocol) -> Bool {
        // Called for every label and token: scalars only, no allocation.
        var it = text.unicodeScalars.makeIterator()
        guard let first = it.next() else { return false }
        func numeral(_ s: Unicode.Scalar) -> Bool { "一二三四五六七八九十".unicodeScalars.contains(s) }
        if first == "（" || first == "(" {
            var count = 0
            while let s = it.next() {
                if numeral(s) { count += 1; continue }
                return count > 0 && (s == "）" || s == ")")
            }
            return false
        }
        if numeral(first) {
            while let s = it.next() {
                if numeral(s) { continue }
                return s == "、"
            }
            return false
        }
        guard CellReader.isDigit(first) else { return false }
        while let s = it.next() {
            if CellReader.isDigit(s) { continue }
            guard s == "." || s == "、" || s == "．" else { return false }
            guard let after = it.next() else { return true }
            return !CellReader.isDigit(after)  // 1131.7652 is a number
        }
        return false
    }

}

/// The horizontal extent of each value column of a table, learnt from the rows that have a
/// number in every column or, failing those, from the header cells above the first row.
struct ColumnModel {
    private var columns: [(lo: Double, hi: Double)] = []

    init(_ rows: [[PlacedLine.Segment]], headers: [(page: Int, y: Double, segment: PlacedLine.Segment)], firstAnchor: (page: Int, y: Double)?, columns k: Int) {
        let complete = rows.filter { $0.count == k }
        if !complete.isEmpty {
            columns = (0..<k).map { j in (complete.map { $0[j].x0 }.min()!, complete.map { $0[j].x1 }.max()!) }
            return
        }
        // Header cells narrowest first; a header spanning several columns (行政复议 over five,
        // 申请人情况 over seven) overlaps two of them, or is much wider than the one it
        // overlaps, and is left out.
        guard let first = firstAnchor else { return }
        let above = headers.filter { $0.page == first.page && $0.y < first.y }.map(\.segment).sorted { $0.x1 - $0.x0 < $1.x1 - $1.x0 }
        var clusters: [(lo: Double, hi: Double)] = []
        for s in above {
            let overlapping = clusters.indices.filter { clusters[$0].lo < s.x1 && s.x0 < clusters[$0].hi }
            if overlapping.isEmpty { clusters.append((s.x0, s.x1)) } else if overlapping.count == 1,
                      s.x1 - s.x0 <= (clusters[overlapping[0]].hi - clusters[overlapping[0]].lo) * 1.5 {
                let i = overlapping[0]
                clusters[i] = (min(clusters[i].lo, s.x0), max(clusters[i].hi, s.x1))
            }
        }
        if clusters.count == k { columns = clusters.sorted { $0.lo < $1.lo } }
    }

    /// The values in their columns (nil for a blank cell), or nil when a value stands near
    /// the border of two columns, outside the table, or in the column of another value.
    func place(_ values: [PlacedLine.Segment]) -> [PlacedLine.Segment?]? {
        guard !columns.isEmpty, values.count <= columns.count else { return nil }
        if values.count == columns.count { return values }
        // Borders halfway between neighbouring columns; the outer ones half a column out.
        let k = columns.count
        let pitch = k > 1 ? (columns[k - 1].lo - columns[0].lo) / Double(k - 1) : (columns[0].hi - columns[0].lo) * 2
        var borders = [columns[0].lo - pitch / 2]
        for j in 1..<k { borders.append((columns[j - 1].hi + columns[j].lo) / 2) }
        borders.append(columns[k - 1].hi + pitch / 2)
        var slots = [PlacedLine.Segment?](repeating: nil, count: k)
        var last = -1
        for v in values {
            let c = v.center
            guard let j = (0..<k).first(where: { c > borders[$0] && c <= borders[$0 + 1] }), j > last else { return nil }
            let width = borders[j + 1] - borders[j]
            guard c - borders[j] > width * 0.1, borders[j + 1] - c > width * 0.1 else { return nil }
            slots[j] = v
            last = j
        }
        return slots
    }
}
