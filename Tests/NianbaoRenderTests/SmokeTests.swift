import Foundation
import NianbaoLayout
import NianbaoRender
import NianbaoStyle
import NianbaoTestSupport
import XCTest

/// The C side end to end: one CJK line through Pango into a PDF by each writer, read back
/// with poppler's tools.
final class SmokeTests: XCTestCase {
    static let line = "西峡县人民政府2022年政府信息公开工作年度报告"

    func makePDF(_ engine: PDFWriter.Options.Engine) throws -> Data {
        let block = TextBlock(text: Self.line, font: FontRole(families: ["Noto Serif CJK SC"], size: 22), width: 500, lineHeight: 30)
        let shaped = PangoShaper().shape(block)
        XCTAssertEqual(shaped.lines.count, 1)
        let page = Page(items: [.text(shaped, x: 79.37, y: 104.88, lines: 0..<1)])
        let document = PagedDocument(width: 595.28, height: 841.89, pages: [page],
                                     metadata: DocumentMetadata(title: Self.line, author: "西峡县人民政府", subject: ""))
        return try PDFWriter.write(document, options: PDFWriter.Options(creationDate: "2023-01-31T00:00:00", engine: engine))
    }

    func testCJKLineToPDF() throws {
        for engine in [PDFWriter.Options.Engine.automatic, .cairo] {
            let pdf = try makePDF(engine)
            XCTAssertTrue(pdf.starts(with: Data("%PDF-".utf8)))
            let url = FileManager.default.temporaryDirectory.appendingPathComponent("nianbao-smoke-\(ProcessInfo.processInfo.processIdentifier)-\(engine).pdf")
            try pdf.write(to: url)
            defer { try? FileManager.default.removeItem(at: url) }
            let text = try run("pdftotext", [url.path, "-"])
            XCTAssertTrue(text.contains(Self.line), "\(engine): \(text)")
            let fonts = try run("pdffonts", [url.path])
            let rows = fonts.split(separator: "\n").dropFirst(2)
            XCTAssertFalse(rows.isEmpty, fonts)
            XCTAssertTrue(rows.allSatisfy { $0.contains(" yes ") }, "\(engine): every font embedded: \(fonts)")
            XCTAssertFalse(fonts.contains("Type 3"), fonts)
        }
    }

    func testSameInputSameBytes() throws {
        for engine in [PDFWriter.Options.Engine.automatic, .cairo] {
            XCTAssertEqual(try makePDF(engine), try makePDF(engine), "\(engine): a pinned creation date makes the output deterministic")
        }
    }

    private func run(_ tool: String, _ args: [String]) throws -> String {
        let r = try Tool.run(tool, args)
        XCTAssertEqual(r.status, 0, "\(tool) failed")
        return r.stdout
    }
}
