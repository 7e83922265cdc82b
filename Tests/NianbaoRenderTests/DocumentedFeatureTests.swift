import Foundation
import NianbaoIngest
import NianbaoLayout
import NianbaoModel
import NianbaoRender
import NianbaoTestSupport
import XCTest

/// Features the README promises that no other test would miss if they were switched off
/// (issue #23): every page's tab order follows the structure (/Tabs /S), and the OFD carries
/// the outline (the title and the six sections as bookmarks).
final class DocumentedFeatureTests: XCTestCase {
    override class func setUp() {
        super.setUp()
        FontSetup.register(directories: [TestPaths.fonts])
    }

    func document(_ name: String = "hanyin-county-2022") throws -> (Report, PagedDocument) {
        let report = try ReportParser().parse(bytes: [UInt8](Data(contentsOf: TestPaths.sample(name)))).report
        return (report, ReportLayout(style: ReportPDFTests.style, shaper: PangoShaper()).layout(report))
    }

    func temporary(_ name: String) -> URL {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("nianbao-features-\(ProcessInfo.processInfo.processIdentifier)-\(name)")
        addTeardownBlock { try? FileManager.default.removeItem(at: url) }
        return url
    }

    func testEveryPageHasStructureTabOrder() throws {
        let (_, doc) = try document()
        let pdf = temporary("tabs.pdf"), qdf = temporary("tabs.qdf")
        try PDFWriter.write(doc, options: ReportPDFTests.options).write(to: pdf)
        // Uncompressed and without object streams, each page dictionary can be read as text.
        let run = try Tool.run("qpdf", ["--qdf", "--object-streams=disable", pdf.path, qdf.path])
        XCTAssertEqual(run.status, 0, run.stderr)
        let text = String(decoding: try Data(contentsOf: qdf), as: UTF8.self)
        let pages = text.components(separatedBy: "/Type /Page\n").count - 1
        XCTAssertEqual(pages, doc.pages.count, "qpdf shows every page dictionary")
        XCTAssertEqual(text.components(separatedBy: "/Tabs /S").count - 1, doc.pages.count, "each page's tab order is the structure's")
    }

    func testOFDOutlineHasTheTitleAndTheSixSections() throws {
        let (report, doc) = try document()
        let ofd = temporary("outline.ofd")
        try OFDWriter.write(doc, creationDate: ReportPDFTests.options.creationDate).write(to: ofd)
        let script = """
        import re, sys, zipfile, html
        z = zipfile.ZipFile(sys.argv[1])
        doc = next(n for n in z.namelist() if n.endswith('Document.xml'))
        for t in re.findall(r'<ofd:OutlineElem Title="([^"]*)"', z.read(doc).decode('utf-8')):
            print(html.unescape(t))
        """
        let run = try Tool.run("python3", ["-c", script, ofd.path])
        XCTAssertEqual(run.status, 0, run.stderr)
        let titles = run.stdout.split(separator: "\n").map(String.init)
        XCTAssertEqual(titles, [report.title] + (1...6).map { report.section($0)!.heading })
    }
}
