import Foundation
import NianbaoIngest
import NianbaoLayout
import NianbaoModel
import NianbaoRender
import NianbaoStyle
import NianbaoTestSupport
import XCTest

/// Every sample rendered and read back with poppler and qpdf.
final class ReportPDFTests: XCTestCase {
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    static let samples = ["xixia-county-2022", "jianxi-district-office-2022", "xin-county-office-2021", "hanyin-county-2022"]
    static let style = try! StyleLoader.load("official", searching: [root.appendingPathComponent("styles").path])
    static let options = PDFWriter.Options(creationDate: "2023-01-31T00:00:00")

    /// The committed test fonts (the prepared faces' cut, for the characters tests use).
    override class func setUp() {
        super.setUp()
        FontSetup.register(directories: [TestPaths.fonts])
    }

    func render(_ name: String, style: Style = ReportPDFTests.style, engine: PDFWriter.Options.Engine = .automatic) throws -> (Report, Data) {
        let url = Self.root.appendingPathComponent("Tests/NianbaoIngestTests/Fixtures/samples/\(name).txt")
        let report = try ReportParser().parse(bytes: [UInt8](Data(contentsOf: url))).report
        let doc = ReportLayout(style: style, shaper: PangoShaper()).layout(report)
        var options = Self.options
        options.engine = engine
        let pdf = try PDFWriter.write(doc, options: options)
        let producer = pdf.range(of: Data("/Producer(nianbao)".utf8)) != nil
        XCTAssertEqual(engine == .cairo, !producer, "\(name): written by the writer asked for")
        return (report, pdf)
    }

    /// Both PDF writers: nianbao's own and Cairo's.
    static let engines: [PDFWriter.Options.Engine] = [.automatic, .cairo]

    func testSamplesReadBack() throws {
        for name in Self.samples {
            let (report, pdf) = try render(name)
            let path = try write(pdf, name)
            XCTAssertEqual(try run("qpdf", ["--check", path]).status, 0, "\(name): qpdf --check")
            let fonts = try run("pdffonts", [path]).out
            let rows = fonts.split(separator: "\n").dropFirst(2)
            XCTAssertFalse(rows.isEmpty)
            for row in rows {
                XCTAssertTrue(row.contains(" yes yes "), "\(name): font not embedded as a subset: \(row)")
                XCTAssertFalse(row.contains("Type 3"), "\(name): \(row)")
            }
            let info = try run("pdfinfo", [path]).out
            XCTAssertTrue(info.contains("595.276 x 841.89 pts (A4)"), info)
            XCTAssertTrue(info.contains("Title:           \(report.title)"), info)
            XCTAssertTrue(info.contains("Author:          \(report.agency)"), info)
            let pages = Int(info.split(separator: "\n").first { $0.hasPrefix("Pages:") }!.split(separator: " ").last!)!
            let text = try run("pdftotext", ["-layout", path, "-"]).out
            XCTAssertTrue(text.contains(report.agency))
            // Page numbers are drawn as outlines (their ink is measured below), not as text: a
            // paragraph copied across a page does not pick them up.
            let squeezed = text.replacingOccurrences(of: " ", with: "")
            for n in 1...pages { XCTAssertFalse(squeezed.contains("—\(n)—"), "\(name): page number \(n) is no text") }
            for heading in ["总体情况", "主动公开政府信息情况", "收到和处理政府信息公开申请情况", "行政复议、行政诉讼情况", "存在的主要问题", "其他需要报告的事项"] {
                XCTAssertTrue(text.contains(heading), "\(name): \(heading)")
            }
            XCTAssertFalse(text.unicodeScalars.contains { (0x2E80...0x2FDF).contains($0.value) }, "\(name): radical characters in the text")
            // Every number of the tables is in the text, as a token of its own.
            let tokens = Set(text.split(whereSeparator: { $0 == " " || $0 == "\n" }).map(String.init))
            for key in CellKey.all where report[key].state == .number {
                XCTAssertTrue(tokens.contains(report[key].text), "\(name): \(key) = \(report[key].text) missing from the PDF text")
            }
            // Bookmarks: the title and the six sections.
            let outline = try run("qpdf", ["--json", "--json-key=outlines", path]).out
            XCTAssertTrue(outline.contains(report.title), "\(name): outline has the title")
            for n in 1...6 { XCTAssertTrue(outline.contains(report.section(n)!.heading), "\(name): outline has section \(n)") }
        }
    }

    func testBlankCellsArePrintedEmptyNotZero() throws {
        // 汉阴县 leaves zero cells empty: its table 2 has far fewer 0s than 175.
        let (_, pdf) = try render("hanyin-county-2022")
        let text = try run("pdftotext", [try write(pdf, "hanyin-blank"), "-"]).out
        let zeros = text.split(whereSeparator: { $0 == " " || $0 == "\n" }).filter { $0 == "0" }.count
        XCTAssertLessThan(zeros, 20, "blank cells must not print as 0")
    }

    func testCharactersOutsideThePreparedFontsFallBack() throws {
        // 戶 (traditional) and 堃 (a name character) are outside GB2312: the full face supplies them.
        var report = try ReportParser().parse(bytes: [UInt8](Data(contentsOf: Self.root.appendingPathComponent("Tests/NianbaoIngestTests/Fixtures/samples/xixia-county-2022.txt")))).report
        report.sections[0].paragraphs.insert(Paragraph(text: "申请人张堃提交门戶网站相关申请。"), at: 0)
        let pdf = try PDFWriter.write(ReportLayout(style: Self.style, shaper: PangoShaper()).layout(report), options: Self.options)
        let path = try write(pdf, "fallback")
        let text = try run("pdftotext", [path, "-"]).out
        XCTAssertTrue(text.contains("申请人张堃提交门戶网站相关申请。"), text)
        // The full Noto faces have CFF outlines, which only Cairo's writer embeds.
        XCTAssertTrue(try run("pdfinfo", [path]).out.contains("Producer:        cairo"), "written by Cairo")
        XCTAssertTrue(try run("pdffonts", [path]).out.split(separator: "\n").dropFirst(2).allSatisfy { $0.contains(" yes yes ") })
    }

    func testNoncharactersAreDrawnByBothWriters() throws {
        // U+FFFF before a combining mark (valid Unicode scalars): Cairo refused the cluster's
        // text as «not valid UTF-8» and nothing was written. Also in the agency (metadata).
        var report = try ReportParser().parse(bytes: [UInt8](Data(contentsOf: TestPaths.sample("xixia-county-2022")))).report
        func scalar(_ value: UInt32) -> String { String(Unicode.Scalar(value)!) }  // the compiler refuses them in literals
        report.sections[0].paragraphs.insert(Paragraph(text: "申请人测试\(scalar(0xFFFF))\u{0301}文字\(scalar(0xFDD0))。"), at: 0)
        report.agency += scalar(0x1FFFF)
        let document = ReportLayout(style: Self.style, shaper: PangoShaper()).layout(report)
        for engine in Self.engines {
            var options = Self.options
            options.engine = engine
            let path = try write(try PDFWriter.write(document, options: options), "nonchar-\(engine)")
            let text = try run("pdftotext", [path, "-"]).out
            XCTAssertTrue(text.contains("申请人测试") && text.contains("字"), "\(engine): \(text.prefix(300))")
        }
    }

    func testVeryLongParagraphPrintsWhole() throws {
        // 140,000 characters without a paragraph break: Pango alone would stop breaking lines
        // (and its pen passed Int32); laid out in pieces, every sentence is printed.
        var report = try ReportParser().parse(bytes: [UInt8](Data(contentsOf: TestPaths.sample("xin-county-office-2021")))).report
        let sentences = (0..<2_000).map { "第\($0)句：通过多种形式公开政府信息，不断加强政府信息公开平台载体建设。" }
        report.sections[0].paragraphs = [Paragraph(text: sentences.joined())]
        let document = ReportLayout(style: Self.style, shaper: PangoShaper()).layout(report)
        XCTAssertGreaterThan(document.pages.count, 100)
        let path = try write(try PDFWriter.write(document, options: Self.options), "long-paragraph")
        let text = try run("pdftotext", [path, "-"]).out.replacingOccurrences(of: "\n", with: "")
        for n in [0, 999, 1_999] { XCTAssertTrue(text.contains("第\(n)句：通过多种形式"), "sentence \(n)") }
    }

    func testNumbersAreNotLetterSpacedApart() throws {
        // The grid's letter spacing (compact: 0.68 pt) once printed 2 0 2 2; pdftotext now
        // finds every year and count of the text whole.
        let compact = try StyleLoader.load("compact", searching: [TestPaths.styles])
        let (report, pdf) = try render("hanyin-county-2022", style: compact)
        let text = try run("pdftotext", ["-raw", try write(pdf, "digits"), "-"]).out.replacingOccurrences(of: "\n", with: "")
        let prose = report.sections.flatMap(\.paragraphs).map(\.text).joined()
        for number in ["2022", "5792", "12345", "2112", "100%"] {
            XCTAssertEqual(text.components(separatedBy: number).count, prose.components(separatedBy: number).count + (number == "2022" ? 1 : 0), number)
        }
    }

    func testJustifiedLinesEndAtTheTypeArea() throws {
        // Where the ink of every full line ends, read back by poppler: at the right edge of the
        // type area (left margin + type width) within 0.05 pt, in both styles, by both writers.
        for (name, right) in [("official", (28.0 + 156.0) / 25.4 * 72), ("compact", (20.0 + 170.0) / 25.4 * 72)] {
          for engine in Self.engines {
            let style = try StyleLoader.load(name, searching: [TestPaths.styles])
            let (_, pdf) = try render("hanyin-county-2022", style: style, engine: engine)
            let xml = try run("pdftotext", ["-bbox-layout", "-f", "1", "-l", "2", try write(pdf, "ends-\(name)-\(engine)"), "-"]).out
            let ends = xml.components(separatedBy: "<line ").dropFirst().compactMap { line -> Double? in
                guard let r = line.range(of: "xMax=\""), let end = line[r.upperBound...].firstIndex(of: "\"") else { return nil }
                return Double(line[r.upperBound..<end])
            }
            let full = ends.filter { $0 > right - 3 }
            XCTAssertGreaterThan(full.count, 20, name)
            for end in full { XCTAssertEqual(end, right, accuracy: 0.05, "\(name), \(engine): a justified line ends at \(end)") }
          }
        }
    }

    func testPageNumberDashesStandSevenMillimetresBelowTheTypeArea() throws {
        // GB/T 9704: the 一字线 themselves 7 mm below the type area's lower edge. Read from the
        // page image (600 dpi): the rows below the type area that the dashes ink; both writers.
        for engine in Self.engines {
        let (_, pdf) = try render("hanyin-county-2022", engine: engine)
        let path = try write(pdf, "page-numbers-\(engine)")
        for page in 1...2 {
            let image = try PageImage.render(path, page: page, dpi: 600)
            let width = image.width, pixels = image.pixels
            let mm = { (row: Int) in Double(row) / 600 * 25.4 }
            let bottom = 37.0 + 225.0
            let rows = Int((bottom + 2) / 25.4 * 600)..<Int((bottom + 12) / 25.4 * 600)
            let ink = rows.map { y in (y, (0..<width).filter { pixels[pixels.startIndex + y * width + $0] < 128 }.count) }
            let widest = ink.map(\.1).max() ?? 0
            let dash = ink.filter { $0.1 > widest / 2 }.map(\.0)
            let middle = (mm(dash.first!) + mm(dash.last! + 1)) / 2 - bottom
            XCTAssertEqual(middle, 7, accuracy: 0.3, "\(engine), page \(page): the dashes stand \(middle) mm below the type area")
        }
        }
    }

    func testLevelTwoHeadingsAreInAKaiFace() throws {
        // （一） headings in 楷体 (GB/T 9704): Debian's AR PL KaitiM GB, which `make` installs.
        guard FileManager.default.fileExists(atPath: "/usr/share/fonts/truetype/arphic-gkai00mp/gkai00mp.ttf") else {
            throw XCTSkip("fonts-arphic-gkai00mp is not installed")
        }
        let (_, pdf) = try render("hanyin-county-2022")
        let fonts = try run("pdffonts", [try write(pdf, "kai")]).out
        XCTAssertTrue(fonts.contains("ZenKai"), fonts)  // the face's PostScript name: GBZenKai-Medium
    }

    func testSameInputSameBytes() throws {
        let (_, a) = try render("xixia-county-2022")
        let (_, b) = try render("xixia-county-2022")
        XCTAssertEqual(a, b)
    }

    func testCompactStyleTakesFewerPages() throws {
        let compact = try StyleLoader.load("compact", searching: [Self.root.appendingPathComponent("styles").path])
        let (_, official) = try render("xixia-county-2022")
        let (_, small) = try render("xixia-county-2022", style: compact)
        func pages(_ pdf: Data) throws -> Int {
            let info = try run("pdfinfo", [try write(pdf, "count-\(pdf.count)")]).out
            return Int(info.split(separator: "\n").first { $0.hasPrefix("Pages:") }!.split(separator: " ").last!)!
        }
        XCTAssertLessThan(try pages(small), try pages(official))
    }

    // MARK: helpers

    func write(_ pdf: Data, _ name: String) throws -> String {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("nianbao-render-\(ProcessInfo.processInfo.processIdentifier)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        let url = dir.appendingPathComponent("\(name).pdf")
        try pdf.write(to: url)
        return url.path
    }

    func run(_ tool: String, _ args: [String]) throws -> (status: Int32, out: String) {
        let r = try Tool.run(tool, args)
        return (r.status, r.stdout)
    }
}

extension ReportPDFTests {
    func testNoRuleIsDrawnTwice() throws {
        // Read from each page's content stream (qpdf --qdf): no two collinear rule segments
        // overlap (shared cell borders once drawn per cell), by both writers.
        for engine in Self.engines {
            let (_, pdf) = try render("hanyin-county-2022", engine: engine)
            let path = try write(pdf, "rules-\(engine)")
            let qdf = path + ".qdf.pdf"
            XCTAssertEqual(try run("qpdf", ["--qdf", "--object-streams=disable", path, qdf]).status, 0)
            let pages = String(decoding: try Data(contentsOf: URL(fileURLWithPath: qdf)), as: UTF8.self).components(separatedBy: "%% Contents for page ").dropFirst()
            XCTAssertEqual(pages.count, 6)
            var segments = 0
            for (page, stream) in pages.enumerated() {
                let stream = stream.components(separatedBy: "endstream")[0]
                let numbers = try NSRegularExpression(pattern: #"(-?[\d.]+) (-?[\d.]+) m (-?[\d.]+) (-?[\d.]+) l S"#)
                var lines: [String: [(Double, Double)]] = [:]  // "h y" / "v x" → intervals
                for match in numbers.matches(in: stream, range: NSRange(stream.startIndex..., in: stream)) {
                    let v = (1...4).map { Double((stream as NSString).substring(with: match.range(at: $0)))! }
                    let horizontal = abs(v[1] - v[3]) < 0.01
                    let key = horizontal ? String(format: "h %.1f", v[1]) : String(format: "v %.1f", v[0])
                    lines[key, default: []].append(horizontal ? (min(v[0], v[2]), max(v[0], v[2])) : (min(v[1], v[3]), max(v[1], v[3])))
                    segments += 1
                }
                for (key, intervals) in lines {
                    let sorted = intervals.sorted { $0.0 < $1.0 }
                    for (a, b) in zip(sorted, sorted.dropFirst()) {
                        XCTAssertFalse(b.0 < a.1 - 0.5, "\(engine), page \(page + 1): \(key) drawn twice over \(b.0)–\(min(a.1, b.1))")
                    }
                }
            }
            XCTAssertGreaterThan(segments, 80, "\(engine): the tables' rules were read")
        }
    }
}

extension ReportPDFTests {
    func testCatalogSaysTheLanguageAndShowsTheTitle() throws {
        let (_, pdf) = try render("xixia-county-2022")
        let path = try write(pdf, "catalog")
        let json = try run("qpdf", ["--json", "--json-key=qpdf", path]).out
        XCTAssertTrue(json.contains(#""/Lang": "u:zh-CN""#), "language")
        XCTAssertTrue(json.contains(#""/DisplayDocTitle": true"#), "title shown")
        XCTAssertTrue(try run("qpdf", ["--check", path]).out.contains("No syntax or stream encoding errors"))
    }
}
