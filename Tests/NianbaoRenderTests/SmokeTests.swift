import Foundation
import NianbaoRender
import NianbaoTestSupport
import XCTest

/// The C side from day one: one CJK line through Pango into a Cairo PDF, read back with
/// poppler's tools.
final class SmokeTests: XCTestCase {
    static let line = "西峡县人民政府2022年政府信息公开工作年度报告"

    func makePDF() throws -> Data {
        let surface = try PDFSurface(width: 595.28, height: 841.89)
        surface.setMetadata(title: Self.line, author: "西峡县人民政府", creationDate: "2023-01-31T00:00:00")
        let cr = try CairoContext(surface)
        let layout = TextLayout(context: cr, font: "Noto Serif CJK SC 22px")
        layout.text = Self.line
        layout.draw(atX: 79.37, y: 104.88)
        XCTAssertGreaterThan(layout.size.width, 22 * 20, "about 22 pt per ideograph")
        XCTAssertEqual(layout.lineCount, 1)
        try cr.showPage()
        return try surface.finish()
    }

    func testCJKLineToPDF() throws {
        let pdf = try makePDF()
        XCTAssertTrue(pdf.starts(with: Data("%PDF-".utf8)))
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("nianbao-smoke-\(ProcessInfo.processInfo.processIdentifier).pdf")
        try pdf.write(to: url)
        defer { try? FileManager.default.removeItem(at: url) }
        let text = try run("pdftotext", [url.path, "-"])
        XCTAssertTrue(text.contains(Self.line), text)
        let fonts = try run("pdffonts", [url.path])
        let rows = fonts.split(separator: "\n").dropFirst(2)
        XCTAssertFalse(rows.isEmpty, fonts)
        XCTAssertTrue(rows.allSatisfy { $0.contains(" yes ") }, "every font embedded: \(fonts)")
        XCTAssertFalse(fonts.contains("Type 3"), fonts)
    }

    func testSameInputSameBytes() throws {
        XCTAssertEqual(try makePDF(), try makePDF(), "a pinned creation date makes the output deterministic")
    }

    private func run(_ tool: String, _ args: [String]) throws -> String {
        let r = try Tool.run(tool, args)
        XCTAssertEqual(r.status, 0, "\(tool) failed")
        return r.stdout
    }
}
