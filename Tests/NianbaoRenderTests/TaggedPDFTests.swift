import Foundation
import NianbaoIngest
import NianbaoLayout
import NianbaoModel
import NianbaoRender
import NianbaoTestSupport
import XCTest

/// Tagged PDF, read back by poppler (`pdfinfo -struct-text`), pdftotext and MuPDF: the
/// structure in reading order, every table cell a TD with its text, page numbers out of
/// the text.
final class TaggedPDFTests: XCTestCase {
    override class func setUp() {
        super.setUp()
        FontSetup.register(directories: [TestPaths.fonts])
    }

    func render(_ name: String) throws -> (Report, PagedDocument, String) {
        let report = try ReportParser().parse(bytes: [UInt8](Data(contentsOf: TestPaths.sample(name)))).report
        let document = ReportLayout(style: ReportPDFTests.style, shaper: PangoShaper()).layout(report)
        let pdf = try PDFWriter.write(document, options: ReportPDFTests.options)
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("nianbao-tagged-\(ProcessInfo.processInfo.processIdentifier)-\(name).pdf")
        try pdf.write(to: url)
        addTeardownBlock { try? FileManager.default.removeItem(at: url) }
        return (report, document, url.path)
    }

    func testStructureIsInReadingOrderAndEveryCellIsATableCell() throws {
        for name in TestPaths.samples {
            let (report, _, path) = try render(name)
            XCTAssertTrue(try Tool.run("pdfinfo", [path]).stdout.contains("Tagged:          yes"), name)
            XCTAssertEqual(try Tool.run("qpdf", ["--check", path]).status, 0, "\(name): qpdf --check")
            let tree = StructureText.parse(try Tool.run("pdfinfo", ["-struct-text", path]).stdout)
            guard let document = tree.children.first, document.role == "Document" else { return XCTFail("\(name): no Document element") }
            // Title, then the six section headings in order.
            XCTAssertEqual(document.children.first?.role, "H1")
            XCTAssertEqual(document.children.first?.text.replacingOccurrences(of: "\n", with: ""), report.title, name)
            XCTAssertEqual(document.all("H2").map(\.text), (1...6).map { report.section($0)!.heading }, "\(name): the sections in order")
            // Every paragraph of section 一 is a P, in order.
            let paragraphs = document.all("P").map(\.text)
            let first = report.section(1)!.paragraphs.filter { $0.kind != .subheading }.map(\.text)
            XCTAssertEqual(Array(paragraphs.prefix(first.count)), first, "\(name): section 一's paragraphs")
            // Three tables; their data cells carry exactly the report's numbers, each a TD of its own.
            let tables = document.all("Table")
            XCTAssertEqual(tables.count, 3, name)
            let cells = tables.flatMap { $0.all("TD") }.map(\.text)
            let numbers = cells.filter { $0.first?.isNumber == true && $0.allSatisfy { $0.isNumber || $0 == "." } }
            let expected = CellKey.all.filter { report[$0].state == .number }.map { report[$0].text }
            var difference: [String: Int] = [:]
            for n in numbers { difference[n, default: 0] += 1 }
            for n in expected { difference[n, default: 0] -= 1 }
            XCTAssertEqual(difference.filter { $0.value != 0 }, [:], "\(name): TDs with a number are the report's numbers (TDs − cells)")
            XCTAssertTrue(tables.allSatisfy { !$0.all("TH").isEmpty }, "\(name): header cells are TH")
            // No page number in the text of the structure (they are artifacts).
            XCTAssertFalse(tree.text.contains("— 1 —") || tree.text.contains("—1—"), name)
        }
    }

    func testAParagraphCrossingAPageIsExtractedWithoutThePageNumber() throws {
        var checked = 0
        for name in TestPaths.samples + TestPaths.wholeReports {
            let (_, document, path) = try render(name)
            guard let structure = document.structure else { return XCTFail("\(name): untagged") }
            for element in structure.children where element.role == .paragraph {
                let pages = Set(element.content.map(\.page))
                guard pages.count == 2, let page = pages.min() else { continue }
                let text = element.content.compactMap { ref -> String? in
                    if case let .text(shaped, _, _, lines) = document.pages[ref.page].items[ref.item], lines.lowerBound == 0 { return shaped.block.text }
                    return nil
                }.joined()
                // Both extractors, the two pages together, line breaks and spaces dropped: the
                // paragraph reads through, with no `— n —` in its middle.
                let range = ["-f", "\(page + 1)", "-l", "\(page + 2)"]
                let poppler = try Tool.run("pdftotext", range + [path, "-"]).stdout
                let mupdf = try Tool.run("mutool", ["draw", "-F", "txt", "-o", "-", path, "\(page + 1)-\(page + 2)"])
                XCTAssertEqual(mupdf.status, 0, "mutool (mupdf-tools, installed by make) runs: \(mupdf.stderr)")
                for (tool, extracted) in [("pdftotext", poppler), ("mutool", mupdf.stdout)] {
                    let squeezed = extracted.filter { !$0.isWhitespace }
                    XCTAssertTrue(squeezed.contains(text.filter { !$0.isWhitespace }), "\(name) page \(page + 1): \(tool) reads the paragraph through")
                    XCTAssertFalse(squeezed.contains("—\(page + 1)—"), "\(name): \(tool) finds no page number")
                }
                checked += 1
            }
        }
        XCTAssertGreaterThanOrEqual(checked, 1, "a paragraph crossing a page was found")
    }
}
