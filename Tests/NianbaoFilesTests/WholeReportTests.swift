import Foundation
import NianbaoExport
import NianbaoFiles
import NianbaoInput
@testable import NianbaoIngest
import NianbaoLayout
import NianbaoModel
import NianbaoRender
import NianbaoStyle
import NianbaoTestSupport
import XCTest

/// Every sentence the agency wrote reaches every rendering, in order (FORMAT.md §1, issue
/// #18): each sentence of a source (10 or more ideographs ending in 。) is found in the text
/// extracted from the PDF made of every input made from that source, and nothing but page
/// furniture is added.
final class WholeReportTests: XCTestCase {
    override class func setUp() {
        super.setUp()
        FontSetup.register(directories: [TestPaths.fonts])
    }

    static let official = try! StyleLoader.load("official", searching: [TestPaths.styles])
    static let compact = try! StyleLoader.load("compact", searching: [TestPaths.styles])
    static let options = PDFWriter.Options(creationDate: "2023-01-31T00:00:00")

    /// Sources (text files) and the inputs other tools made from each.
    static func inputs(of name: String) -> [URL] {
        let fixtures = TestPaths.root.appendingPathComponent("Tests/NianbaoFilesTests/Fixtures")
        var urls = ["docx/\(name).docx", "lo-pdf/\(name).pdf", "html/\(name)-site.html", "html/\(name)-word-gbk.html"]
            .map { fixtures.appendingPathComponent($0) }
        let tools = ["lynx", "w3m-80", "w3m-200", "pdftotext-layout", "pdftotext-plain", "nianbao-pdftotext-layout", "nianbao-pdftotext-plain"]
        urls += tools.map { fixtures.appendingPathComponent("wild/\(name)-\($0).txt") }
        return urls.filter { FileManager.default.fileExists(atPath: $0.path) }
    }

    static let wholeSources = TestPaths.wholeReports

    static func source(_ name: String) -> URL { TestPaths.sample(name) }

    // MARK: Sentences

    /// Sentences of a source text: each run of text ending in 。, taken back over the lines it
    /// wrapped from (not over headings, titles or table lines), without white space; those of
    /// `excluded` paragraphs (a cover letter) left out.
    static func sentences(of text: String, excluding excluded: [String] = []) -> [String] {
        let lines = SourceLine.split(text).filter { !$0.isFurniture }
        let skip = Set(excluded.map(squeeze))
        var out: [String] = []
        for (i, line) in lines.enumerated() {
            let content = squeeze(String(String(line.content).drop { $0 == "#" }))
            guard content.contains("。") else { continue }
            var pieces = content.split(separator: "。", omittingEmptySubsequences: false).map(String.init)
            pieces.removeLast()  // after the last 。: continues on the next line
            // The first sentence of the line began on the lines before.
            var head = ""
            var j = i - 1
            while j >= 0 {
                let previous = lines[j]
                if previous.isBlank { j -= 1; continue }
                let p = squeeze(String(previous.content))
                if p.contains("。") { head = String(p[p.index(after: p.lastIndex(of: "。")!)...]) + head; break }
                guard isRunningText(previous) else { break }
                head = p + head
                j -= 1
            }
            pieces[0] = head + pieces[0]
            for piece in pieces {
                let sentence = piece + "。"
                // A cover letter's sentence (its end stands in a front-matter paragraph).
                guard ideographs(sentence) >= 10, !skip.contains(where: { $0.contains(String(sentence.suffix(12))) }) else { continue }
                out.append(sentence)
            }
        }
        return out
    }

    /// A line that may be the beginning of a wrapped sentence: not a heading, a title, a
    /// table's line, nor a short line without any punctuation of running text.
    static func isRunningText(_ line: SourceLine) -> Bool {
        if line.hasTab || line.gridRow != nil { return false }
        let s = String(line.squeezed)  // a slice of the line since squeezed stopped copying
        if let first = s.unicodeScalars.first, first == "|" || first == "#" || (0x2500...0x257F).contains(first.value) { return false }
        if SectionFinder.headingNumber(squeezed: s) != nil || s.hasSuffix("报告") { return false }
        if s.unicodeScalars.contains(where: { (0x2500...0x257F).contains($0.value) }) { return false }
        return s.unicodeScalars.contains { "，、；：“”（".unicodeScalars.contains($0) } || ideographs(s) > 20
    }

    static func squeeze(_ s: String) -> String {
        String(CharacterNormalization.normalize(Substring(s)).unicodeScalars.filter { !CharacterNormalization.isSpace($0) && $0 != "\n" })
    }

    static func ideographs(_ s: String) -> Int { s.unicodeScalars.filter { (0x4E00...0x9FFF).contains($0.value) }.count }

    /// The sentences of `expected` not found in `text` in order (each after the one before).
    static func missing(_ expected: [String], in text: String) -> [String] {
        let haystack = squeeze(text)
        var cursor = haystack.startIndex
        var lost: [String] = []
        for sentence in expected {
            if let r = haystack.range(of: sentence, range: cursor..<haystack.endIndex) {
                cursor = r.upperBound
            } else {
                lost.append(haystack.contains(sentence) ? "out of order: \(sentence)" : sentence)
            }
        }
        return lost
    }

    /// Lines of extracted text that read as prose (with a 。) but are in no source: added text.
    static func added(_ extracted: String, source: String) -> [String] {
        let whole = squeeze(source)
        return extracted.split(separator: "\n").map { squeeze(String($0)) }
            .filter { $0.contains("。") && ideographs($0) >= 6 && $0 != squeeze(ReportLayout.missingSection) && !whole.contains($0) }
    }

    // MARK: Rendering

    func pdfText(_ report: Report, style: Style = WholeReportTests.official, engine: PDFWriter.Options.Engine = .automatic) throws -> String {
        let document = ReportLayout(style: style, shaper: PangoShaper()).layout(report)
        var options = Self.options
        options.engine = engine
        let pdf = try PDFWriter.write(document, options: options)
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("nianbao-whole-\(UUID().uuidString).pdf")
        try pdf.write(to: path)
        defer { try? FileManager.default.removeItem(at: path) }
        let out = try Tool.run("pdftotext", [path.path, "-"])
        XCTAssertEqual(out.status, 0, out.stderr)
        return out.stdout
    }

    // MARK: Tests

    /// Every sample and every input made from it by other tools, printed by nianbao's writer:
    /// 100 % of the source's sentences, in order, and no prose added.
    func testEverySentenceOfEveryInputReachesThePDF() throws {
        for name in TestPaths.samples + Self.wholeSources + TestPaths.template2019 {
            let sourceText = try String(contentsOf: Self.source(name), encoding: .utf8)
            let fromText = try ReportParser().parse(text: sourceText)
            let expected = Self.sentences(of: sourceText, excluding: fromText.report.frontMatter.map(\.text))
            XCTAssertGreaterThan(expected.count, 5, name)
            for url in [Self.source(name)] + Self.inputs(of: name) {
                let parsed = try ReportInput.parse([UInt8](Data(contentsOf: url)), name: url.lastPathComponent)
                let text = try pdfText(parsed.report)
                let lost = Self.missing(expected, in: text)
                XCTAssert(lost.isEmpty, "\(url.lastPathComponent): \(lost.count) of \(expected.count) sentences missing from the PDF:\n" + lost.prefix(8).joined(separator: "\n"))
                let extra = Self.added(text, source: sourceText)
                XCTAssert(extra.isEmpty, "\(url.lastPathComponent): text in the PDF that is in no source:\n" + extra.prefix(8).joined(separator: "\n"))
            }
        }
    }

    /// The whole-report fixture in every rendering: official and compact PDF from both
    /// writers, OFD, text, Markdown and JSON; the cover letter in none of them.
    func testEveryRenderingCarriesTheWholeReport() throws {
        for name in Self.wholeSources {
            let sourceText = try String(contentsOf: Self.source(name), encoding: .utf8)
            let parsed = try ReportParser().parse(text: sourceText)
            let report = parsed.report
            let expected = Self.sentences(of: sourceText, excluding: report.frontMatter.map(\.text))
            let cover = report.frontMatter.map(\.text).flatMap { Self.sentences(of: $0) }
            XCTAssertFalse(cover.isEmpty, "\(name): the fixture has a cover letter")
            var renderings: [(String, String)] = [
                ("text", TextExport.render(report)),
                ("markdown", MarkdownExport.render(report)),
                ("pdf official", try pdfText(report)),
                ("pdf compact", try pdfText(report, style: Self.compact)),
                ("pdf official (Cairo)", try pdfText(report, engine: .cairo)),
                ("ofd", try ofdText(report)),
            ]
            // JSON: the fields in reading order.
            let json = JSONExport.render([JSONExport.Document(report: report, findings: parsed.findings, source: nil)])
            let object = try JSONSerialization.jsonObject(with: Data(json.utf8)) as! [String: Any]
            func texts(_ paragraphs: Any?) -> [String] { (paragraphs as? [[String: Any]] ?? []).compactMap { $0["text"] as? String } }
            var ordered = texts(object["preamble"])
            for section in object["sections"] as! [[String: Any]] { ordered += texts(section["paragraphs"]) + texts(section["afterTable"]) }
            ordered += texts(object["attachments"])
            renderings.append(("json", ordered.joined(separator: "\n")))
            let closing = object["closing"] as? [String: Any]
            XCTAssertEqual(closing?["date"] as? String, "2023年1月17日", "\(name): JSON closing date")
            XCTAssertEqual(closing?["signature"] as? [String], ["汉阴县人民政府办公室"], "\(name): JSON signature")
            for (kind, text) in renderings {
                let lost = Self.missing(expected, in: text)
                XCTAssert(lost.isEmpty, "\(name) as \(kind): \(lost.count) of \(expected.count) sentences missing:\n" + lost.prefix(8).joined(separator: "\n"))
                for sentence in cover { XCTAssertFalse(Self.squeeze(text).contains(sentence), "\(name) as \(kind): the cover letter is printed: \(sentence)") }
                if kind != "json" {
                    for part in ["附件：汉阴县2022年政府信息公开工作情况统计表", "汉阴县人民政府办公室", "2023年1月17日", "地址：汉阴县城关镇文化街1号", "联系电话：0915-5212345"] {
                        XCTAssertTrue(Self.squeeze(text).contains(Self.squeeze(part)), "\(name) as \(kind): \(part)")
                    }
                }
            }
        }
    }

    /// The text of an OFD's text objects, page by page in drawing order.
    func ofdText(_ report: Report) throws -> String {
        let document = ReportLayout(style: Self.official, shaper: PangoShaper()).layout(report)
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("nianbao-whole-\(UUID().uuidString).ofd")
        try OFDWriter.write(document, creationDate: Self.options.creationDate).write(to: path)
        defer { try? FileManager.default.removeItem(at: path) }
        let script = """
        import re, sys, zipfile, html
        z = zipfile.ZipFile(sys.argv[1])
        pages = sorted((n for n in z.namelist() if re.search(r'Page_\\d+/Content.xml$', n)), key=lambda n: int(re.search(r'Page_(\\d+)', n).group(1)))
        for n in pages:
            for m in re.finditer(r'<ofd:TextCode[^>]*>(.*?)</ofd:TextCode>', z.read(n).decode('utf-8'), re.S):
                sys.stdout.write(html.unescape(m.group(1)))
            sys.stdout.write('\\n')
        """
        let out = try Tool.run("python3", ["-c", script, path.path])
        XCTAssertEqual(out.status, 0, out.stderr)
        return out.stdout
    }

    /// Text and Markdown read back to the same model: preamble, paragraphs (with their run-in
    /// headings), prose around the tables, attachments, closing block and all cells.
    func testTextAndMarkdownParseBackToTheSameReport() throws {
        for name in TestPaths.samples + Self.wholeSources + TestPaths.template2019 {
            let report = try ReportParser().parse(text: String(contentsOf: Self.source(name), encoding: .utf8)).report
            for (kind, rendering) in [("text", TextExport.render(report)), ("markdown", MarkdownExport.render(report))] {
                let back = try ReportParser().parse(text: rendering).report
                XCTAssertEqual(back.preamble.map(\.text), report.preamble.map(\.text), "\(name) \(kind): preamble")
                for n in 1...6 {
                    XCTAssertEqual(back.section(n)?.paragraphs.map(\.text), report.section(n)?.paragraphs.map(\.text), "\(name) \(kind): section \(n)")
                    XCTAssertEqual(back.section(n)?.paragraphs.map(\.runInHeading), report.section(n)?.paragraphs.map(\.runInHeading), "\(name) \(kind): section \(n) run-in headings")
                    XCTAssertEqual(back.section(n)?.afterTable.map(\.text), report.section(n)?.afterTable.map(\.text), "\(name) \(kind): section \(n) after its table")
                }
                XCTAssertEqual(back.attachments.map(\.text), report.attachments.map(\.text), "\(name) \(kind): attachments")
                XCTAssertEqual(back.closing?.signature, report.closing?.signature, "\(name) \(kind): signature")
                XCTAssertEqual(back.closing?.date, report.closing?.date, "\(name) \(kind): date")
                XCTAssertEqual(back.template, report.template, "\(name) \(kind): template")
                XCTAssertEqual(back.keys, report.keys, "\(name) \(kind): keys")
                for key in report.keys {
                    XCTAssertEqual(back[key].exported, report[key].exported, "\(name) \(kind): \(key.rawValue)")
                    XCTAssertEqual(back[key].unit, report[key].unit, "\(name) \(kind): \(key.rawValue) unit")
                }
            }
        }
    }

    /// The whole-report fixture's parts as written.
    func testTheWholeReportsParts() throws {
        let parsed = try ReportParser().parse(text: String(contentsOf: Self.source("hanyin-county-2022-whole"), encoding: .utf8))
        let r = parsed.report
        XCTAssertEqual(r.agency, "汉阴县")
        XCTAssertEqual(r.year, 2022)
        XCTAssertEqual(r.frontMatter.count, 2, "the cover letter is kept apart")
        XCTAssertEqual(r.preamble.map { String($0.text.prefix(6)) }, ["本报告根据《", "本报告全文包", "本报告电子版", "地址：汉阴县", "联系电话：0", "电子邮箱：h"])
        XCTAssertEqual(r.section(1)?.paragraphs[1].runInHeading, "（一）主动公开情况。")
        XCTAssertEqual(r.section(2)?.paragraphs.map(\.text), ["2022年，全县制发行政规范性文件2件、废止1件，主动公开情况见下表。"])
        XCTAssertEqual(r.section(3)?.afterTable.map { String($0.text.prefix(3)) }, ["注：本"])
        XCTAssertEqual(r.section(4)?.afterTable.count, 1)
        XCTAssertEqual(r.attachments.map(\.text), ["附件：汉阴县2022年政府信息公开工作情况统计表"])
        XCTAssertEqual(r.closing, ClosingBlock(signature: ["汉阴县人民政府办公室"], date: "2023年1月17日", line: r.closing?.line))
        XCTAssertEqual(r.section(6)?.paragraphs.map(\.text), ["2022年未收取政府信息公开信息处理费。"], "the closing block is not a paragraph")
        let mismatches = ExpectedCells.named("hanyin-county-2022")!.mismatches(in: r)
        XCTAssert(mismatches.isEmpty, mismatches.joined(separator: "\n"))
        XCTAssertEqual(parsed.findings.filter { $0.severity == .error }, [])
    }
}
