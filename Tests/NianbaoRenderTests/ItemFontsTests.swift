import Foundation
import NianbaoLayout
@testable import NianbaoRender
import NianbaoStyle
import NianbaoTestSupport
import XCTest

/// Both writers draw every text item in the fonts of its own faces. The document interleaves
/// what a font pass might skip (page numbers, first on one page and between texts on the
/// other) with texts in four faces, rules and boxes: an item paired with the fonts of the one
/// before or after it shows another face's glyph codes (wrong text) or traps.
final class ItemFontsTests: XCTestCase {
    override class func setUp() {
        super.setUp()
        FontSetup.register(directories: [TestPaths.fonts])
    }

    /// (text, family, bold, is a page number) per item of each page; nil: a rule or a box.
    static let pages: [[(text: String, family: String, bold: Bool, pageNumber: Bool)?]] = [
        [("— 1 —", "Nianbao Sans SC", false, true), nil, ("政府信息公开", "Nianbao Serif SC", false, false), nil,
         ("年度报告", "Nianbao Sans SC", true, false)],
        [("主动公开", "Nianbao Serif SC", true, false), ("依申请公开", "Nianbao Sans SC", false, false),
         ("— 2 —", "Nianbao Serif SC", false, true), nil, ("行政复议", "Nianbao Serif SC", false, false)],
    ]

    func document() -> PagedDocument {
        let shaper = PangoShaper()
        var pages: [Page] = []
        var paragraphs: [StructureElement] = []
        for (pageIndex, items) in Self.pages.enumerated() {
            var page = Page()
            for (index, item) in items.enumerated() {
                let y = 60 + Double(index) * 40
                guard let item else {
                    page.items.append(index % 2 == 1 ? .rule(x1: 60, y1: y, x2: 400, y2: y, width: 1) : .box(x: 60, y: y, width: 40, height: 10, gray: 0.5))
                    continue
                }
                let font = FontRole(families: [item.family], size: 16, weight: item.bold ? .bold : .regular)
                let shaped = shaper.shape(TextBlock(text: item.text, font: font, width: 400, lineHeight: 24))
                page.items.append(.text(shaped, x: 60, y: y, lines: 0..<shaped.lines.count))
                if item.pageNumber {
                    page.pagination.append(index)
                } else {
                    paragraphs.append(StructureElement(.paragraph, content: [ItemReference(page: pageIndex, item: index)]))
                }
            }
            pages.append(page)
        }
        return PagedDocument(width: 595.276, height: 841.89, pages: pages, metadata: DocumentMetadata(title: "字体", author: "", subject: ""),
                             structure: StructureElement(.document, children: paragraphs))
    }

    /// Each page's texts, page numbers left out, in item order.
    static func texts(page: Int) -> [String] { pages[page].compactMap { $0 }.filter { !$0.pageNumber }.map(\.text) }

    func temporary(_ name: String) -> String {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("nianbao-itemfonts-\(ProcessInfo.processInfo.processIdentifier)-\(name)").path
        addTeardownBlock { try? FileManager.default.removeItem(atPath: path) }
        return path
    }

    func testPDFDrawsEachItemInItsOwnFonts() throws {
        let pdf = temporary("items.pdf")
        try PDFWriter.write(document()).write(to: URL(fileURLWithPath: pdf))
        XCTAssertTrue(try Tool.run("pdfinfo", [pdf]).stdout.contains("Producer:        nianbao"), "written by nianbao's own writer")
        for page in Self.pages.indices {
            // The codes map back (ToUnicode) to the item's text only in the font of its face.
            let text = try Tool.run("pdftotext", ["-f", "\(page + 1)", "-l", "\(page + 1)", pdf, "-"]).stdout.filter { !$0.isWhitespace }
            XCTAssertEqual(text, Self.texts(page: page).joined(), "page \(page + 1)")
        }
        // Each paragraph of the structure tree holds its own item's text.
        let structure = StructureText.parse(try Tool.run("pdfinfo", ["-struct-text", pdf]).stdout)
        XCTAssertEqual(structure.all("P").map(\.text), Self.pages.indices.flatMap(Self.texts(page:)))
    }

    func testOFDDrawsEachItemInItsOwnFonts() throws {
        let path = temporary("items.ofd")
        try OFDWriter.write(document()).write(to: URL(fileURLWithPath: path))
        func entry(_ name: String) throws -> String { try Tool.run("unzip", ["-p", path, name]).stdout }
        // Font ID → the PostScript name of the face it embeds.
        let fonts = Dictionary(uniqueKeysWithValues: try matches(#"<ofd:Font ID="(\d+)" FontName="([^"]+)""#, in: entry("Doc_0/PublicRes.xml")).map { ($0[0], $0[1]) })
        for (page, items) in Self.pages.enumerated() {
            let drawn = try matches(#"<ofd:TextObject [^>]*Font="(\d+)"[^>]*>(?:<ofd:CGTransform.*?</ofd:CGTransform>)*<ofd:TextCode[^>]*>([^<]*)<"#,
                                    in: entry("Doc_0/Pages/Page_\(page)/Content.xml"))
            let expected = try items.compactMap { $0 }.filter { !$0.pageNumber }.map { item in (item.text, try postScriptName(item.family, bold: item.bold)) }
            XCTAssertEqual(drawn.map { $0[1] }, expected.map(\.0), "page \(page + 1): the texts, page numbers as outlines")
            XCTAssertEqual(drawn.map { fonts[$0[0]] ?? "font \($0[0])?" }, expected.map(\.1), "page \(page + 1): each text in its own face")
        }
        if let reason = EasyOFD.skipReason { throw XCTSkip(reason) }
        let read = try EasyOFD.read(path)
        XCTAssertEqual(read.structure.filter { $0.role == "P" }.map(\.text), Self.pages.indices.flatMap(Self.texts(page:)), "each paragraph refers to its own item")
    }

    /// The PostScript name of the face fontconfig gives for `family`.
    func postScriptName(_ family: String, bold: Bool) throws -> String {
        let font = FontRole(families: [family], size: 16, weight: bold ? .bold : .regular)
        let shaped = PangoShaper().shape(TextBlock(text: "公", font: font, width: 100, lineHeight: 24))
        let location = try XCTUnwrap(shaped.faces.first ?? nil)
        return try FaceCache.face(file: location.file, index: location.index).postScriptName
    }

    func matches(_ pattern: String, in text: String) throws -> [[String]] {
        let regex = try NSRegularExpression(pattern: pattern)
        return regex.matches(in: text, range: NSRange(text.startIndex..., in: text)).map { match in
            (1..<match.numberOfRanges).map { String(text[Range(match.range(at: $0), in: text)!]) }
        }
    }
}
