import Foundation
import NianbaoCompare
import NianbaoIngest
import NianbaoLayout
import NianbaoRender
import NianbaoStyle
import NianbaoTestSupport
import XCTest

/// The handout as a tagged PDF: title, tables, and each chart a Figure with its caption and
/// alternative text.
final class TaggedHandoutTests: XCTestCase {
    override class func setUp() {
        super.setUp()
        FontSetup.register(directories: [TestPaths.fonts])
    }

    /// The four samples' comparison, laid out as a handout.
    func handout() throws -> (ComparisonSheet, PagedDocument) {
        let inputs = try TestPaths.samples.map { name in
            ComparisonInput(report: try ReportParser().parse(bytes: [UInt8](Data(contentsOf: TestPaths.sample(name)))).report, findings: [], source: name)
        }
        let sheet = ComparisonBuilder.build(inputs)
        return (sheet, HandoutLayout(style: try StyleLoader.load("official", searching: [TestPaths.styles]), shaper: PangoShaper()).layout(sheet))
    }

    func testHandoutIsTaggedWithTablesAndFigures() throws {
        let (_, document) = try handout()
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("nianbao-tagged-handout-\(ProcessInfo.processInfo.processIdentifier).pdf")
        try PDFWriter.write(document, options: PDFWriter.Options(creationDate: "2023-01-31T00:00:00")).write(to: url)
        defer { try? FileManager.default.removeItem(at: url) }
        let tree = StructureText.parse(try Tool.run("pdfinfo", ["-struct-text", url.path]).stdout)
        let root = try XCTUnwrap(tree.children.first)
        XCTAssertEqual(root.children.first?.role, "H1")
        XCTAssertGreaterThanOrEqual(root.all("Table").count, 2, "summary and comparison tables")
        let figures = root.all("Figure")
        XCTAssertFalse(figures.isEmpty)
        XCTAssertTrue(figures.allSatisfy { $0.children.first?.role == "Caption" && $0.children.first!.text.hasPrefix("图") }, "each chart has its caption first")
        // The alternative text is in the file for each figure.
        let json = try Tool.run("qpdf", ["--json", url.path]).stdout
        XCTAssertEqual(json.components(separatedBy: "条形图，").count - 1, figures.count, "every figure has its /Alt")
        // And as PDF/A-2b, which pikepdf checks as it does the reports.
        let archival = url.deletingPathExtension().appendingPathExtension("pdfa.pdf")
        try PDFWriter.write(document, options: PDFWriter.Options(creationDate: "2023-01-31T00:00:00", pdfa: true)).write(to: archival)
        defer { try? FileManager.default.removeItem(at: archival) }
        let python = FileManager.default.isExecutableFile(atPath: "/usr/bin/python3") ? "/usr/bin/python3" : "python3"
        let checked = try Tool.run(python, [TestPaths.root.appendingPathComponent("scripts/check-pdfa.py").path, archival.path])
        XCTAssertEqual(checked.status, 0, checked.stdout + checked.stderr)
    }
}

extension TaggedHandoutTests {
    /// The handout as OFD, read back by easyofd: every page, every unit's name and every
    /// number the summary prints.
    func testHandoutAsOFDReadsBack() throws {
        let (sheet, document) = try handout()
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("nianbao-handout-\(ProcessInfo.processInfo.processIdentifier).ofd")
        try OFDWriter.write(document).write(to: url)
        defer { try? FileManager.default.removeItem(at: url) }
        if let reason = EasyOFD.skipReason { throw XCTSkip(reason) }
        let read = try EasyOFD.read(url.path)
        XCTAssertEqual(read.pages.count, document.pages.count)
        XCTAssertEqual(read.size, [0, 0, 297, 210], "A4 landscape")
        let texts = Set(read.pages.flatMap { $0 })
        // (Names and numbers as print marks them: a report's own footnotes beside its name.)
        for column in sheet.columns {
            let name = ComparisonExport.printedName(column.label, column)
            XCTAssertTrue(texts.contains(name), "«\(name)»")
        }
        for row in sheet.rows where row.metric.headline {
            for (column, value) in zip(sheet.columns, row.values) where !ComparisonExport.printed(value).isEmpty {
                let printed = ComparisonExport.printed(value, leaving: column.notes)
                XCTAssertTrue(texts.contains(printed), "\(row.metric.label): «\(printed)»")
            }
        }
    }
}
