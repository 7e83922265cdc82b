import Foundation
import NianbaoIngest
import NianbaoLayout
import NianbaoModel
import NianbaoRender
import NianbaoStyle
import NianbaoTestSupport
import XCTest

/// How an official print breaks (FORMAT.md §6), measured on every sample and the
/// whole-report fixture in both styles: positions from the frames (what both writers draw,
/// `DirectWriterTests` checks they agree) and, for headings at a page foot, from each
/// writer's PDF read back with pdftotext.
final class PrintRulesTests: XCTestCase {
    override class func setUp() {
        super.setUp()
        FontSetup.register(directories: [TestPaths.fonts])
    }

    static let reports: [String: URL] = {
        Dictionary(uniqueKeysWithValues: (TestPaths.samples + TestPaths.wholeReports).map { ($0, TestPaths.sample($0)) })
    }()

    static let styles = ["official", "compact"].map { try! StyleLoader.load($0, searching: [TestPaths.styles]) }

    func documents() throws -> [(String, Style, Report, PagedDocument)] {
        var out: [(String, Style, Report, PagedDocument)] = []
        for (name, url) in Self.reports.sorted(by: { $0.key < $1.key }) {
            let report = try ReportParser().parse(bytes: [UInt8](Data(contentsOf: url))).report
            for style in Self.styles {
                out.append(("\(name) (\(style.name))", style, report, ReportLayout(style: style, shaper: PangoShaper()).layout(report)))
            }
        }
        // The whole report moved down a line at a time by a preamble paragraph of up to a page, so
        // that every heading, paragraph, table and the closing block meets a page foot.
        let shaper = PangoShaper()
        let whole = out.first { $0.0 == "hanyin-county-2022-whole (official)" }!.2
        for style in Self.styles {
            for lines in 1...style.page.linesPerPage {
                var report = whole
                report.preamble.insert(Paragraph(text: String(repeating: "本报告依据条例编制，", count: lines * style.page.charsPerLine / 10 - 2) + "以下为正文。"), at: 0)
                out.append(("whole moved \(lines) lines (\(style.name))", style, report, ReportLayout(style: style, shaper: shaper).layout(report)))
            }
        }
        return out
    }

    /// The elements of the document in reading order (headings, paragraphs, tables).
    func blocks(_ doc: PagedDocument) -> [StructureElement] { doc.structure?.children ?? [] }

    func lines(_ doc: PagedDocument, _ ref: ItemReference) -> Int {
        if case let .text(_, _, _, lines) = doc.pages[ref.page].items[ref.item] { return lines.count }
        return 0
    }

    /// The pages an element's own content and its descendants' stand on.
    func pages(_ e: StructureElement) -> [Int] {
        var out: [Int] = []
        e.walk { element, _ in out += element.content.map(\.page) }
        return out
    }

    func testNoHeadingEndsAPage() throws {
        for (name, _, _, doc) in try documents() {
            let blocks = blocks(doc)
            for (i, b) in blocks.enumerated() where b.role == .heading || b.role == .subheading {
                guard let page = b.content.last?.page, i + 1 < blocks.count else { continue }
                let next = blocks[i + 1]
                XCTAssertEqual(pages(next).first, page, "\(name): a heading ends page \(page + 1)")
                if next.role == .paragraph {
                    let here = next.content.filter { $0.page == page }.reduce(0) { $0 + lines(doc, $1) }
                    let all = next.content.reduce(0) { $0 + lines(doc, $1) }
                    XCTAssertGreaterThanOrEqual(here, min(2, all), "\(name): a heading on page \(page + 1) with \(here) line of its text")
                }
            }
        }
    }

    func testNoLineOfAParagraphAloneAtAPageTopOrFoot() throws {
        for (name, _, _, doc) in try documents() {
            for b in blocks(doc) where b.role == .paragraph && Set(b.content.map(\.page)).count > 1 {
                for ref in b.content {
                    XCTAssertGreaterThanOrEqual(lines(doc, ref), 2, "\(name): one line of a paragraph alone on page \(ref.page + 1)")
                }
            }
        }
    }

    /// A table starts with three body rows at a page foot; with two only where moving it and
    /// its heading would leave more than a quarter of the type area empty.
    func testTablesStartWithThreeBodyRows() throws {
        for (name, style, _, doc) in try documents() {
            let blocks = blocks(doc)
            for (i, table) in blocks.enumerated() where table.role == .table {
                let tablePages = Set(pages(table))
                guard tablePages.count > 1, let first = tablePages.min() else { continue }
                let body = table.children.filter { row in row.children.contains { $0.role == .cell } }
                let onFirst = body.filter { pages($0).contains(first) }.count
                if onFirst == 2, i > 0, blocks[i - 1].role == .heading, let ref = blocks[i - 1].content.first,
                   case let .text(_, _, y, _) = doc.pages[ref.page].items[ref.item] {
                    let leftIfMoved = style.page.top + style.page.typeHeight - y
                    XCTAssertGreaterThan(leftIfMoved, style.page.typeHeight / 4, "\(name): a table starts with 2 body rows at the foot of page \(first + 1)")
                } else {
                    XCTAssertGreaterThanOrEqual(onFirst, 3, "\(name): a table starts with \(onFirst) body rows at the foot of page \(first + 1)")
                }
            }
        }
    }

    /// No page but the last leaves more than a quarter of the type area empty below its text.
    func testNoQuarterPageLeftEmpty() throws {
        for (name, style, _, doc) in try documents() {
            let g = style.page
            for (p, page) in doc.pages.enumerated().dropLast() {
                var bottom = g.top
                for (i, item) in page.items.enumerated() where !page.pagination.contains(i) {
                    switch item {
                    case let .text(shaped, _, y, lines): bottom = max(bottom, y + Double(lines.count) * shaped.block.lineHeight)
                    case let .rule(_, y1, _, y2, _): bottom = max(bottom, y1, y2)
                    case let .box(_, y, _, h, _): bottom = max(bottom, y + h)
                    }
                }
                let empty = g.top + g.typeHeight - bottom
                XCTAssertLessThanOrEqual(empty, g.typeHeight / 4 + 0.5, "\(name): page \(p + 1) leaves \(Int(empty / g.typeHeight * 100)) % of the type area empty")
            }
        }
    }

    /// 署名 and 成文日期: the date ends four characters in from the right of the type area, the
    /// name is centred above it; a run-in heading's words are in the heading's face.
    func testClosingBlockAndRunInHeading() throws {
        for (name, style, report, doc) in try documents() where report.closing != nil {
            let g = style.page
            let em = g.typeWidth / Double(g.charsPerLine)
            var placed: [String: (x0: Double, x1: Double, y: Double)] = [:]
            for page in doc.pages {
                for case let .text(shaped, x, y, lines) in page.items {
                    shaped.drawnLines(x: x, y: y, lines: lines) { glyphs in
                        guard let first = glyphs.first, let last = glyphs.last(where: { !$0.glyph.isSpace }) else { return }
                        placed[shaped.block.text] = (first.x, last.x + last.glyph.fontAdvance, y)
                    }
                }
            }
            let date = try XCTUnwrap(placed["2023年1月17日"], name)
            let signature = try XCTUnwrap(placed["汉阴县人民政府办公室"], name)
            XCTAssertEqual(date.x1, g.left + g.typeWidth - 4 * em, accuracy: 1, "\(name): the date 右空四字")
            XCTAssertEqual((signature.x0 + signature.x1) / 2, (date.x0 + date.x1) / 2, accuracy: 1, "\(name): the name centred above the date")
            XCTAssertLessThan(signature.y, date.y, name)
            let runIn = doc.pages.flatMap(\.items).compactMap { item -> ShapedText? in
                if case let .text(shaped, _, _, _) = item, shaped.block.lead != nil { return shaped }
                return nil
            }
            XCTAssertEqual(runIn.first?.block.lead?.font.families, style.heading2.families, name)
            XCTAssertEqual(runIn.first?.block.lead?.bytes, "（一）主动公开情况。".utf8.count, name)
            if FontSetup.file(forFamily: "AR PL KaitiM GB") != nil, let shaped = runIn.first, let line = shaped.lines.first {
                let lead = line.glyphs.filter { $0.text.lowerBound < shaped.block.lead!.bytes && !$0.text.isEmpty }
                let rest = line.glyphs.filter { $0.text.lowerBound >= shaped.block.lead!.bytes && !$0.text.isEmpty }
                XCTAssertTrue(Set(lead.map(\.face)).isDisjoint(with: Set(rest.map(\.face))), "\(name): the run-in heading is in a face of its own")
            }
        }
    }

    /// Read back from each writer's PDF: no page's last line of text is a heading.
    func testNoHeadingAtAPageFootInEitherWritersPDF() throws {
        let style = Self.styles[0]
        for (name, url) in Self.reports.sorted(by: { $0.key < $1.key }) {
            let report = try ReportParser().parse(bytes: [UInt8](Data(contentsOf: url))).report
            let doc = ReportLayout(style: style, shaper: PangoShaper()).layout(report)
            let headings = Set((1...6).map { report.section($0)?.heading ?? Section.canonicalHeading($0) }
                + report.sections.flatMap(\.allParagraphs).filter { $0.kind == .subheading }.map(\.text))
            for engine in [PDFWriter.Options.Engine.automatic, .cairo] {
                let pdf = try PDFWriter.write(doc, options: PDFWriter.Options(creationDate: "2023-01-31T00:00:00", engine: engine))
                let path = FileManager.default.temporaryDirectory.appendingPathComponent("nianbao-rules-\(UUID().uuidString).pdf")
                try pdf.write(to: path)
                defer { try? FileManager.default.removeItem(at: path) }
                let text = try Tool.run("pdftotext", ["-layout", path.path, "-"]).stdout
                // The last page may end with a heading that nothing follows (an empty 六、).
                for (p, page) in text.components(separatedBy: "\u{0C}").dropLast().enumerated() where p + 1 < doc.pages.count {
                    let last = page.split(separator: "\n").map { $0.filter { !$0.isWhitespace } }.last { !$0.isEmpty } ?? ""
                    XCTAssertFalse(headings.contains(String(last)), "\(name) (\(engine)): page \(p + 1) ends with the heading «\(last)»")
                }
            }
        }
    }
}
