import Foundation
import NianbaoIngest
import NianbaoLayout
import NianbaoModel
import NianbaoRender
import NianbaoTestSupport
import XCTest

/// PDF/A-2b, checked by an independent reader: `scripts/check-pdfa.py` with pikepdf
/// (Debian's python3-pikepdf, which `make test` installs) for every sample.
final class PDFATests: XCTestCase {
    override class func setUp() {
        super.setUp()
        FontSetup.register(directories: [TestPaths.fonts])
    }

    static let archival = PDFWriter.Options(creationDate: "2023-01-31T00:00:00", pdfa: true)

    /// Debian's python3 (where python3-pikepdf is), not another one first on PATH.
    static let python = FileManager.default.isExecutableFile(atPath: "/usr/bin/python3") ? "/usr/bin/python3" : "python3"

    func layout(_ name: String, extra: String? = nil) throws -> PagedDocument {
        var report = try ReportParser().parse(bytes: [UInt8](Data(contentsOf: TestPaths.sample(name)))).report
        if let extra { report.sections[0].paragraphs.insert(Paragraph(text: extra), at: 0) }
        return ReportLayout(style: ReportPDFTests.style, shaper: PangoShaper()).layout(report)
    }

    func file(_ pdf: Data, _ name: String) throws -> String {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("nianbao-pdfa-\(ProcessInfo.processInfo.processIdentifier)-\(name).pdf")
        try pdf.write(to: url)
        addTeardownBlock { try? FileManager.default.removeItem(at: url) }
        return url.path
    }

    func testEverySampleIsPDFA2bByPikepdf() throws {
        var paths: [String] = []
        for name in TestPaths.samples {
            let document = try layout(name)
            let pdf = try PDFWriter.write(document, options: Self.archival)
            XCTAssertEqual(pdf, try PDFWriter.write(document, options: Self.archival), "\(name): the same input gives the same bytes")
            let path = try file(pdf, name)
            XCTAssertEqual(try Tool.run("qpdf", ["--check", path]).status, 0, "\(name): qpdf --check")
            paths.append(path)
        }
        let checked = try Tool.run(Self.python, [TestPaths.root.appendingPathComponent("scripts/check-pdfa.py").path] + paths)
        XCTAssertEqual(checked.status, 0, "pikepdf finds: \(checked.stdout)\(checked.stderr)")
        XCTAssertEqual(checked.stdout.split(separator: "\n").filter { $0.hasPrefix("ok ") }.count, TestPaths.samples.count, checked.stdout)
        // The checker does fail: a plain PDF of the same report is not PDF/A.
        let plain = try file(try PDFWriter.write(try layout(TestPaths.samples[0]), options: ReportPDFTests.options), "plain")
        let refused = try Tool.run(Self.python, [TestPaths.root.appendingPathComponent("scripts/check-pdfa.py").path, plain])
        XCTAssertEqual(refused.status, 1)
        XCTAssertTrue(refused.stdout.contains("not 2B"), refused.stdout)
    }

    func testPDFAIsRefusedWhenARequirementCannotBeMet() throws {
        // A character no font has would be drawn with .notdef, which PDF/A forbids.
        guard try Tool.run("fc-list", [":charset=10380"]).stdout.isEmpty else { throw XCTSkip("a font for 𐎀 is installed") }
        let document = try layout("xixia-county-2022", extra: "门户网站𐎀专栏已更新。")
        XCTAssertThrowsError(try PDFWriter.write(document, options: Self.archival)) { error in
            XCTAssertTrue("\(error)".contains("「𐎀」 has no glyph"), "\(error)")
        }
        XCTAssertNoThrow(try PDFWriter.write(document, options: ReportPDFTests.options), "without --pdfa it is written")
        // Cairo's writer makes no PDF/A.
        var cairo = Self.archival
        cairo.engine = .cairo
        XCTAssertThrowsError(try PDFWriter.write(try layout("xixia-county-2022"), options: cairo))
    }
}

extension PDFATests {
    func testTheEmbeddedProfileIsTheCommittedFile() throws {
        // SRGBProfile.swift holds ICC/sRGB.icc as base64; a PDF/A file carries those bytes.
        let committed = try Data(contentsOf: TestPaths.root.appendingPathComponent("Sources/NianbaoRender/PDF/ICC/sRGB.icc"))
        let path = try file(try PDFWriter.write(try layout("hanyin-county-2022"), options: Self.archival), "profile")
        let extracted = path + ".icc"
        addTeardownBlock { try? FileManager.default.removeItem(atPath: extracted) }
        let script = "import pikepdf,sys; open(sys.argv[2],'wb').write(pikepdf.open(sys.argv[1]).Root.OutputIntents[0].DestOutputProfile.read_bytes())"
        let out = try Tool.run(Self.python, ["-c", script, path, extracted])
        XCTAssertEqual(out.status, 0, out.stderr)
        XCTAssertEqual(try Data(contentsOf: URL(fileURLWithPath: extracted)), committed)
    }
}
