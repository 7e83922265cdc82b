import NianbaoModel
import NianbaoStyle

/// Lays a report out as an official document (GB/T 9704, FORMAT.md §6): title, the six
/// sections with their prose and the three ruled tables, page numbers `— n —` (odd pages
/// right, even left). Layout sees only the model, never the text it was parsed from.
public struct ReportLayout {
    public let style: Style
    public let shaper: TextShaping

    public init(style: Style, shaper: TextShaping) {
        self.style = style
        self.shaper = shaper
    }

    /// A run of a section's content: a paragraph (its pieces) or subheading, or a table.
    enum Block {
        case text([ShapedText], subheading: Bool)
        case table(TableLayout)
    }

    /// What a section the report does not have says instead.
    public static let missingSection = "（报告中没有这一部分。）"

    public func layout(_ report: Report) -> PagedDocument {
        let g = style.page
        var flow = PageFlow(geometry: g)
        var outline: [OutlineEntry] = []
        let pitch = g.linePitch
        let spacing = (g.typeWidth - Double(g.charsPerLine) * style.body.size) / Double(g.charsPerLine)

        func body(_ text: String, role: FontRole, alignment: TextBlock.Alignment = .justify, indent: Bool = true) -> TextBlock {
            TextBlock(text: text, font: role, width: g.typeWidth, alignment: alignment,
                      indent: indent ? 2 * (role.size + spacing) : 0, lineHeight: pitch, letterSpacing: spacing)
        }

        // Title: centred, in the title face, wrapping to two lines when long.
        let titleText = report.title.isEmpty ? "政府信息公开工作年度报告" : report.title
        var title = TextBlock(text: titleText, font: style.title, width: g.typeWidth, alignment: .center,
                              lineHeight: max(pitch, style.title.size * 1.5))
        // A title too long for one line breaks after the agency, not inside a word.
        if shaper.lineCount(title) > 1, !report.agency.isEmpty, titleText.hasPrefix(report.agency) {
            var split = title
            split.text = report.agency + "\n" + titleText.dropFirst(report.agency.count)
            if shaper.lineCount(split) == 2 { title = split }
        }
        outline.append(OutlineEntry(title: titleText, level: 0, page: 0, y: flow.y))
        flow.place(shaper.shape(title), as: .title)
        flow.advance(pitch)

        /// A paragraph shaped: a subheading in its face, a body paragraph with its run-in
        /// heading's words in that face.
        func shaped(_ p: Paragraph) -> [ShapedText] {
            if p.kind == .subheading { return [shaper.shape(body(p.text, role: style.heading2, alignment: .left))] }
            // A very long paragraph goes in pieces (only the first indented), one P.
            return LongParagraph.pieces(p.text).enumerated().map { i, piece in
                var block = body(piece, role: style.body, indent: i == 0)
                if i == 0, let lead = p.runInHeading, piece.hasPrefix(lead) {
                    block.lead = TextBlock.Lead(font: style.heading2, bytes: lead.utf8.count)
                }
                return shaper.shape(block)
            }
        }
        /// What must fit under a heading: the first part of what follows it.
        func firstPart(_ next: Block?) -> Double {
            switch next {
            case .none: 0
            case .text(let pieces, _)?: Double(PageFlow.firstPart(lines: pieces.first?.lines.count ?? 1)) * pitch
            case .table(let table)?: table.minimumHeight(width: g.typeWidth)
            }
        }
        /// Places blocks in order; a subheading goes to the next page with what follows it;
        /// the block `keepLast` keeps its last lines with `reserve` points after it.
        func place(_ blocks: [Block], keepLast: Int? = nil, reserve: Double = 0, tableStart: Int = TableLayout.firstRows) {
            for (i, block) in blocks.enumerated() {
                switch block {
                case .text(let pieces, let subheading):
                    if subheading {
                        let lines = pieces.reduce(0) { $0 + $1.lines.count }
                        flow.ensure(Double(lines) * pitch + firstPart(i + 1 < blocks.count ? blocks[i + 1] : nil))
                        flow.place(pieces[0], as: .subheading)
                    } else {
                        let next = i == keepLast ? reserve : 0
                        flow.tag(StructureElement(.paragraph, content: pieces.enumerated().flatMap { k, piece in
                            flow.place(piece, keepingWithNext: k == pieces.count - 1 ? next : 0)
                        }))
                    }
                case .table(let table):
                    table.place(into: &flow, firstRows: tableStart)
                }
            }
        }
        func blocks(_ paragraphs: [Paragraph]) -> [Block] {
            paragraphs.map { .text(shaped($0), subheading: $0.kind == .subheading) }
        }

        // The closing block, measured first: the text before it keeps its last lines with it.
        let closing = report.closing.map { closingBlock($0, body: { body($0, role: style.body, alignment: $1, indent: false) }) }
        // The last section's last paragraph keeps its last lines with the attachments and the
        // closing block, so that neither stands alone on a page.
        let attachmentBlocks = blocks(report.attachments)
        let attachmentHeight = attachmentBlocks.reduce(report.attachments.isEmpty ? 0 : pitch) { sum, block in
            if case .text(let pieces, _) = block { return sum + pieces.reduce(0) { $0 + Double($1.lines.count) * pitch } }
            return sum
        }
        let lastSection: Int? = {
            guard closing != nil || !report.attachments.isEmpty, let last = report.sections.last, last.number >= 5,
                  !last.allParagraphs.isEmpty else { return nil }
            return last.number
        }()

        let closingReserve = closing.map { $0.height + pitch } ?? 0
        // The preamble: between the title and 一、, in the body's face.
        place(blocks(report.preamble))

        var gap = 0.0
        for number in 1...6 {
            let section = report.section(number)
            let heading = body(section?.heading ?? Section.canonicalHeading(number), role: style.heading1, alignment: .left)
            let shapedHeading = shaper.shape(heading)
            // A section the report does not have: its heading and one line saying so, never a
            // table of ？ the agency did not write.
            var content: [Block]
            if let section {
                content = blocks(section.paragraphs)
                switch number {
                case 2: content.append(.table(TableLayout(spec: ReportTables.table1(report), style: style, shaper: shaper)))
                case 3: content.append(.table(TableLayout(spec: ReportTables.table2(report), style: style, shaper: shaper)))
                case 4: content.append(.table(TableLayout(spec: ReportTables.table3(report), style: style, shaper: shaper)))
                default: break
                }
                content += blocks(section.afterTable)
            } else {
                content = [.text([shaper.shape(body(Self.missingSection, role: style.body, indent: false))], subheading: false)]
            }
            // No heading at a page foot: it needs room for itself and the first part of what follows.
            var first = firstPart(content.first)
            var reserve = closingReserve + attachmentHeight
            if lastSection == number, content.count == 1, case .text(let pieces, false)? = content.first, pieces.count == 1, pieces[0].lines.count < 4 {
                // A short last paragraph goes with the closing block, and the heading with both,
                // unless that leaves more than a quarter of the type area empty: then the
                // attachments and the closing block go on alone.
                let chain = Double(shapedHeading.lines.count + pieces[0].lines.count) * pitch + reserve
                if chain <= flow.remaining + 0.01 || flow.remaining <= g.typeHeight / 4 {
                    first = chain - Double(shapedHeading.lines.count) * pitch
                } else {
                    reserve = 0
                }
            }
            var need = Double(shapedHeading.lines.count) * pitch + first
            var tableStart = TableLayout.firstRows
            if need > flow.remaining + 0.01, flow.remaining > g.typeHeight / 4, case .table(let table)? = content.first {
                // Moving the heading and the table's first rows would leave more than a quarter of
                // the page empty: the table starts with two body rows instead of three.
                let shorter = Double(shapedHeading.lines.count) * pitch + table.minimumHeight(width: g.typeWidth, bodyRows: 2)
                if shorter <= flow.remaining + 0.01 { (need, tableStart) = (shorter, 2) }
            }
            if need + gap <= flow.remaining + 0.01 { flow.advance(gap) }
            gap = 0
            flow.ensure(need)
            outline.append(OutlineEntry(title: heading.text, level: 1, page: flow.pageIndex, y: flow.y))
            flow.place(shapedHeading, as: .heading)
            // Paragraphs before a table count in `content`; the last paragraph is the last block.
            place(content, keepLast: lastSection == number ? content.count - 1 : nil, reserve: reserve, tableStart: tableStart)
            // Half a line after a table, dropped where the next heading would not fit with it.
            if (2...4).contains(number) { gap = pitch / 2 }
        }

        // Attachments (附件：…) under the last section, then the closing block.
        if !report.attachments.isEmpty {
            flow.advance(min(pitch, flow.remaining))
            place(attachmentBlocks, keepLast: closing == nil ? nil : attachmentBlocks.count - 1, reserve: closingReserve)
        }
        if let closing { placeClosing(closing, in: &flow) }

        let structure = flow.structure
        var pages = flow.takePages()
        PageNumbers.add(to: &pages, style: style, geometry: g, shaper: shaper)
        return PagedDocument(width: g.width, height: g.height, pages: pages,
                             metadata: DocumentMetadata(title: titleText, author: report.agency,
                                                        subject: report.year.map { "\($0)年政府信息公开工作年度报告" } ?? "政府信息公开工作年度报告"),
                             outline: outline, structure: structure)
    }
}

extension ReportLayout {
    /// The closing block shaped: its lines with their x offsets in the type area.
    struct Closing {
        var lines: [(text: ShapedText, x: Double)]
        var height: Double
    }

    /// 署名 and 成文日期 (GB/T 9704 §7.3.5): the date ending four characters in from the right
    /// of the type area, the agency's name centred above the date (right-aligned two
    /// characters in when it is wider than that allows).
    func closingBlock(_ closing: ClosingBlock, body: (String, TextBlock.Alignment) -> TextBlock) -> Closing {
        let g = style.page
        let em = g.typeWidth / Double(g.charsPerLine)
        let right = g.typeWidth - 4 * em
        var date: ShapedText?
        var dateWidth = 0.0
        if let text = closing.date {
            var block = body(text, .right)
            block.width = right
            let shaped = shaper.shape(block)
            date = shaped
            dateWidth = shaped.lines.first.map(Self.inkWidth) ?? 0
        }
        let centre = right - dateWidth / 2
        var lines: [(text: ShapedText, x: Double)] = []
        for name in closing.signature {
            var probe = body(name, .left)
            probe.width = g.typeWidth
            let width = shaper.shape(probe).lines.first.map(Self.inkWidth) ?? 0
            let half = min(centre, g.typeWidth - centre)
            if date != nil, width <= 2 * half {
                var block = body(name, .center)
                block.width = 2 * half
                lines.append((shaper.shape(block), centre - half))
            } else {
                var block = body(name, .right)
                block.width = g.typeWidth - 2 * em
                lines.append((shaper.shape(block), 0))
            }
        }
        if let date { lines.append((date, 0)) }
        return Closing(lines: lines, height: lines.reduce(0) { $0 + Double($1.text.lines.count) * g.linePitch })
    }

    /// Places the closing block under a blank line, on one page.
    func placeClosing(_ closing: Closing, in flow: inout PageFlow) {
        let pitch = style.page.linePitch
        flow.advance(min(pitch, flow.remaining))
        flow.ensure(closing.height)
        for (shaped, x) in closing.lines {
            let ref = flow.add(.text(shaped, x: flow.left + x, y: flow.y, lines: 0..<shaped.lines.count))
            flow.advance(Double(shaped.lines.count) * pitch)
            flow.tag(StructureElement(.paragraph, content: [ref]))
        }
    }

    /// From a line's first glyph to the end of its last glyph's ink.
    static func inkWidth(_ line: ShapedLine) -> Double {
        guard let first = line.glyphs.first, let last = line.glyphs.last(where: { !$0.isSpace }) else { return 0 }
        return last.x + last.fontAdvance - first.x
    }
}

/// Page numbers as official documents print them.
public enum PageNumbers {
    /// `— n —` with its dashes `geometry.pageNumberGap` below the type area (GB/T 9704: the
    /// 一字线 itself, not the top of the text), one character in from the right edge on odd
    /// pages and from the left edge on even pages. The dash's ink is measured in the face used.
    public static func add(to pages: inout [Page], style: Style, geometry g: PageGeometry, shaper: TextShaping) {
        let dash = TextBlock(text: "—", font: style.pageNumber, width: g.typeWidth, lineHeight: style.pageNumber.size * 1.3)
        let dashMiddle = shaper.inkMiddle(dash)
        for i in pages.indices {
            pages[i].pagination.append(pages[i].items.count)
            pages[i].items.append(item(i + 1, style: style, geometry: g, dashMiddle: dashMiddle, shaper: shaper))
        }
    }

    static func item(_ n: Int, style: Style, geometry g: PageGeometry, dashMiddle: Double, shaper: TextShaping) -> FrameItem {
        let size = style.pageNumber.size
        let block = TextBlock(text: "— \(n) —", font: style.pageNumber, width: g.typeWidth - 2 * size,
                              alignment: n % 2 == 1 ? .right : .left, lineHeight: size * 1.3)
        return .text(shaper.shape(block), x: g.left + size, y: g.top + g.typeHeight + g.pageNumberGap - dashMiddle, lines: 0..<1)
    }
}
