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

        for number in 1...6 {
            let section = report.section(number)
            let heading = body(section?.heading ?? Section.canonicalHeading(number), role: style.heading1, alignment: .left)
            let shapedHeading = shaper.shape(heading)
            let headingLines = shapedHeading.lines.count
            // No heading alone at a page foot: it needs room for itself and what follows.
            // A section the report does not have: its heading and one line saying so, never a
            // table of ？ the agency did not write.
            let missing = section == nil ? body(Self.missingSection, role: style.body, indent: false) : nil
            let table: TableLayout? = switch (missing == nil, number) {
            case (false, _): nil
            case (true, 2): TableLayout(spec: ReportTables.table1(report), style: style, shaper: shaper)
            case (true, 3): TableLayout(spec: ReportTables.table2(report), style: style, shaper: shaper)
            case (true, 4): TableLayout(spec: ReportTables.table3(report), style: style, shaper: shaper)
            default: nil
            }
            let following = table?.minimumHeight(width: g.typeWidth) ?? 2 * pitch
            flow.ensure(Double(headingLines) * pitch + following)
            outline.append(OutlineEntry(title: heading.text, level: 1, page: flow.pageIndex, y: flow.y))
            flow.place(shapedHeading, as: .heading)
            if let missing {
                flow.place(shaper.shape(missing), as: .paragraph)
            } else if let table {
                table.place(into: &flow)
            } else {
                for p in section?.paragraphs ?? [] {
                    if p.kind == .subheading {
                        let block = body(p.text, role: style.heading2, alignment: .left)
                        let shaped = shaper.shape(block)
                        flow.ensure(Double(shaped.lines.count + 1) * pitch)
                        flow.place(shaped, as: .subheading)
                        continue
                    }
                    // A very long paragraph goes in pieces (only the first indented), one P.
                    let pieces = LongParagraph.pieces(p.text).enumerated().flatMap { i, piece in
                        flow.place(shaper.shape(body(piece, role: style.body, indent: i == 0)))
                    }
                    flow.tag(StructureElement(.paragraph, content: pieces))
                }
            }
            if (2...4).contains(number) { flow.advance(min(pitch / 2, flow.remaining)) }
        }

        var pages = flow.pages
        PageNumbers.add(to: &pages, style: style, geometry: g, shaper: shaper)
        return PagedDocument(width: g.width, height: g.height, pages: pages,
                             metadata: DocumentMetadata(title: titleText, author: report.agency,
                                                        subject: report.year.map { "\($0)年政府信息公开工作年度报告" } ?? "政府信息公开工作年度报告"),
                             outline: outline, structure: flow.structure)
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
