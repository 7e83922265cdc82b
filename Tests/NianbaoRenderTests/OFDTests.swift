import Foundation
import NianbaoIngest
import NianbaoLayout
import NianbaoModel
import NianbaoRender
import NianbaoTestSupport
import XCTest

/// OFD (GB/T 33190-2016), read back by an independent reader: easyofd from PyPI, which
/// `make test` installs into .build/ofd-venv (scripts/read-ofd.py drives it).
final class OFDTests: XCTestCase {
    override class func setUp() {
        super.setUp()
        FontSetup.register(directories: [TestPaths.fonts])
    }

    func temporary(_ name: String) -> String {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("nianbao-ofd-\(ProcessInfo.processInfo.processIdentifier)-\(name)").path
        addTeardownBlock { try? FileManager.default.removeItem(atPath: path) }
        return path
    }

    func testEverySampleReadsBackWithEveryCell() throws {
        for name in TestPaths.samples {
            let report = try ReportParser().parse(bytes: [UInt8](Data(contentsOf: TestPaths.sample(name)))).report
            let document = ReportLayout(style: ReportPDFTests.style, shaper: PangoShaper()).layout(report)
            let ofd = try OFDWriter.write(document, creationDate: ReportPDFTests.options.creationDate)
            XCTAssertEqual(ofd, try OFDWriter.write(document, creationDate: ReportPDFTests.options.creationDate), "\(name): the same input gives the same bytes")
            let path = temporary("\(name).ofd")
            try ofd.write(to: URL(fileURLWithPath: path))
            if let reason = EasyOFD.skipReason { throw XCTSkip(reason) }
            let read = try EasyOFD.read(path)
            XCTAssertEqual(read.size, [0, 0, 210, 297], "\(name): A4 in millimetres")
            XCTAssertEqual(read.pages.count, document.pages.count, name)
            XCTAssertFalse(read.fonts.isEmpty, "\(name): fonts embedded")
            let texts = read.pages.flatMap { $0 }
            let joined = texts.joined()
            XCTAssertTrue(joined.contains(report.agency), name)
            for n in 1...6 { XCTAssertTrue(texts.contains(report.section(n)!.heading), "\(name): heading \(n)") }
            // Every number of the tables is a text object of its own, as often as the report has it.
            var counts: [String: Int] = [:]
            for text in texts { counts[text, default: 0] += 1 }
            for key in CellKey.all where report[key].state == .number { counts[report[key].text, default: 0] -= 1 }
            XCTAssertEqual(counts.filter { $0.value < 0 }, [:], "\(name): numbers of the report missing from the OFD (how many times)")
            XCTAssertFalse(joined.contains("— 1 —"), "\(name): page numbers are outlines, as in the PDF")
            // The structure, as in the tagged PDF: the title, the six headings in order, three
            // tables whose TDs carry exactly the report's numbers.
            let structure = read.structure
            XCTAssertEqual(structure.first?.role, "Document")
            XCTAssertEqual(structure.first { $0.role == "H1" }?.text, report.title.replacingOccurrences(of: "\n", with: ""), name)
            XCTAssertEqual(structure.filter { $0.role == "H2" }.map(\.text), (1...6).map { report.section($0)!.heading }, "\(name): sections in order")
            XCTAssertEqual(structure.filter { $0.role == "Table" }.count, 3, name)
            let cells = structure.filter { $0.role == "TD" }.map(\.text).filter { $0.first?.isNumber == true && $0.allSatisfy { $0.isNumber || $0 == "." } }
            XCTAssertEqual(cells.sorted(), CellKey.all.filter { report[$0].state == .number }.map { report[$0].text }.sorted(), "\(name): TDs with a number")
        }
    }

    func testOFDPagesLookLikeThePDFPages() throws {
        // easyofd draws the OFD (every character in one face it is given, at the positions
        // the OFD states); each page is compared with the PDF's at 50 dpi: the ink of each
        // must lie where the other has ink, within 2 px (1 mm), for 98 % of it (text moved
        // by 4 mm leaves 88–97 %).
        for name in TestPaths.samples {
            let report = try ReportParser().parse(bytes: [UInt8](Data(contentsOf: TestPaths.sample(name)))).report
            let document = ReportLayout(style: ReportPDFTests.style, shaper: PangoShaper()).layout(report)
            let ofd = temporary("\(name)-look.ofd"), drawn = temporary("\(name)-look-easyofd.pdf"), ours = temporary("\(name)-look.pdf")
            try OFDWriter.write(document, creationDate: ReportPDFTests.options.creationDate).write(to: URL(fileURLWithPath: ofd))
            try PDFWriter.write(document, options: ReportPDFTests.options).write(to: URL(fileURLWithPath: ours))
            if let reason = EasyOFD.skipReason { throw XCTSkip(reason) }
            _ = try EasyOFD.read(ofd, drawing: drawn)
            for page in 1...document.pages.count {
                let pdf = try PageImage.render(ours, page: page, dpi: 50)
                let other = try PageImage.render(drawn, page: page, size: (pdf.width, pdf.height))
                let ofdInPDF = other.inkCovered(by: pdf), pdfInOFD = pdf.inkCovered(by: other)
                XCTAssertGreaterThan(ofdInPDF, 0.98, "\(name) page \(page): the OFD's ink where the PDF has ink")
                XCTAssertGreaterThan(pdfInOFD, 0.98, "\(name) page \(page): the PDF's ink where the OFD has ink")
            }
        }
    }
}

extension OFDTests {
    /// A character only a face with CFF outlines has (the full Noto collection, as 堃 is
    /// with the test fonts): the OFD names that font instead of embedding it, and the text
    /// is there; the other fonts are embedded as before.
    func testAFaceWithoutTrueTypeOutlinesIsNamedNotEmbedded() throws {
        var report = try ReportParser().parse(bytes: [UInt8](Data(contentsOf: TestPaths.sample("xixia-county-2022")))).report
        report.sections[0].paragraphs.insert(Paragraph(text: "联系人：张堃。"), at: 0)
        let document = ReportLayout(style: ReportPDFTests.style, shaper: PangoShaper()).layout(report)
        let path = temporary("cff.ofd")
        try OFDWriter.write(document).write(to: URL(fileURLWithPath: path))
        if let reason = EasyOFD.skipReason { throw XCTSkip(reason) }
        let read = try EasyOFD.read(path)
        XCTAssertTrue(read.pages[0].joined().contains("联系人：张堃。"), "\(read.pages[0].prefix(8))")
        XCTAssertTrue(read.fonts.contains(""), "one font named, not embedded: \(read.fonts)")
        XCTAssertGreaterThanOrEqual(read.fonts.filter { $0.hasSuffix(".ttf") }.count, 3, "the others embedded")
    }
}
