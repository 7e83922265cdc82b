import Foundation
import NianbaoExport
import NianbaoFiles
import NianbaoInput
import NianbaoIngest
import NianbaoLayout
import NianbaoModel
import NianbaoRender
import NianbaoStyle
import NianbaoTestSupport
import XCTest

/// What nianbao writes, it reads back to the same 200 cells: its PDFs (official and compact
/// styles), its text export (box-drawn tables) and its Markdown export, for every sample.
final class RoundTripTests: XCTestCase {
    override class func setUp() {
        super.setUp()
        FontSetup.register(directories: [TestPaths.fonts])
    }

    private func sample(_ name: String) throws -> ParsedReport {
        try ReportParser().parse(bytes: [UInt8](Data(contentsOf: TestPaths.sample(name))))
    }

    /// Cells that differ between two reports, in their exported spelling.
    private func differences(_ a: Report, _ b: Report) -> [String] {
        CellKey.all.compactMap { a[$0].exported == b[$0].exported && a[$0].state == b[$0].state ? nil : "\($0): «\(a[$0].exported)» → «\(b[$0].exported)»" }
    }

    func testRenderedPDFsReadBackToTheSameCells() throws {
        for styleName in ["official", "compact"] {
            let style = try StyleLoader.load(styleName, searching: [TestPaths.styles])
            let layout = ReportLayout(style: style, shaper: PangoShaper())
            for name in TestPaths.samples {
                let original = try sample(name)
                let pdf = try PDFWriter.write(layout.layout(original.report), options: PDFWriter.Options(creationDate: "2023-01-31T00:00:00"))
                let back = try ReportInput.parse([UInt8](pdf), name: "\(name).pdf")
                let diff = differences(original.report, back.report)
                XCTAssert(diff.isEmpty, "\(name) (\(styleName)): \(diff.count) cells differ:\n" + diff.prefix(20).joined(separator: "\n"))
                XCTAssertEqual(back.report.title, original.report.title, "\(name) (\(styleName))")
                XCTAssertEqual(back.report.sections.map { $0.paragraphs.map(\.text) }, original.report.sections.map { $0.paragraphs.map(\.text) }, "\(name) (\(styleName)): prose")
                XCTAssertEqual(back.findings.filter { $0.severity == .error }, [], "\(name) (\(styleName))")
            }
        }
    }

    func testTextAndMarkdownExportsReadBackToTheSameCells() throws {
        for name in TestPaths.samples {
            let original = try sample(name)
            for (format, text) in [("text", TextExport.render(original.report)), ("markdown", MarkdownExport.render(original.report))] {
                let back = try ReportParser().parse(text: text)
                let diff = differences(original.report, back.report)
                XCTAssert(diff.isEmpty, "\(name) (\(format)): \(diff.count) cells differ:\n" + diff.prefix(20).joined(separator: "\n"))
                XCTAssertEqual(back.report.agency, original.report.agency)
                XCTAssertEqual(back.findings.filter { $0.severity == .error }, [], "\(name) (\(format))")
            }
        }
    }

    func testUnreadableAndPlaceholderCellsSurviveTheTextExport() throws {
        var report = try sample("hanyin-county-2022").report
        report[.requests(.new, .commercial)] = Cell(state: .placeholder, text: "—", written: "—")
        report[.requests(.new, .research)] = Cell(state: .unreadable, text: "", written: "12件")
        let back = try ReportParser().parse(text: TextExport.render(report)).report
        XCTAssertEqual(back[.requests(.new, .commercial)].state, .placeholder)
        XCTAssertEqual(back[.requests(.new, .commercial)].text, "—")
        XCTAssertEqual(back[.requests(.new, .research)].state, .unreadable, "? reads back as unreadable, never as a number")
        XCTAssertEqual(back[.requests(.new, .social)].state, .blank)
    }
}
