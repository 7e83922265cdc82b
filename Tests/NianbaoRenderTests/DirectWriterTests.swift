import CLibDeflate
import Foundation
import NianbaoIngest
import NianbaoLayout
import NianbaoModel
@testable import NianbaoRender
import NianbaoStyle
import NianbaoTestSupport
import XCTest

/// nianbao's own PDF writer against Cairo's, and the pieces it is made of: numbers, TrueType
/// subsets.
final class DirectWriterTests: XCTestCase {
    static let root = ReportPDFTests.root

    /// The committed test fonts (the prepared faces' cut, for the characters tests use).
    override class func setUp() {
        super.setUp()
        FontSetup.register(directories: [TestPaths.fonts])
    }

    func document(_ name: String) throws -> PagedDocument {
        let url = Self.root.appendingPathComponent("Tests/NianbaoIngestTests/Fixtures/samples/\(name).txt")
        let report = try ReportParser().parse(bytes: [UInt8](Data(contentsOf: url))).report
        return ReportLayout(style: ReportPDFTests.style, shaper: PangoShaper()).layout(report)
    }

    /// igzip's zlib streams read back with another inflater (libdeflate's) for what PDFs hold:
    /// nothing, a byte, text that shrinks, and random bytes that do not (which must still fit the
    /// room given, or go through the fallback); the same bytes from a second compressor, whose
    /// buffers come from the first one's pool, show that reused buffers leave no trace.
    func testStreamsAreZlibThatAnotherInflaterReads() throws {
        var random = SystemRandomNumberGenerator()
        let text = Array(String(repeating: "（一）主动公开政府信息情况 BT 0 0 Td [(12)] TJ\n", count: 6000).utf8)
        let noise = (0..<700_000).map { _ in UInt8.random(in: 0...255, using: &random) }
        for input in [[], [0x41], text, noise, Array(noise.prefix(5000)) + text] {
            let first = Deflate().compress(input), second = Deflate().compress(input)
            XCTAssertEqual(first, second, "\(input.count) bytes: the same input compressed twice differs")
            XCTAssertEqual(first.first, 0x78, "not a zlib header")
            var output = [UInt8](repeating: 0, count: input.count + 1)
            var size = 0
            let decompressor = try XCTUnwrap(libdeflate_alloc_decompressor())
            defer { libdeflate_free_decompressor(decompressor) }
            let result = first.withUnsafeBytes { src in
                output.withUnsafeMutableBytes { libdeflate_zlib_decompress(decompressor, src.baseAddress, src.count, $0.baseAddress, $0.count, &size) }
            }
            XCTAssertEqual(result, LIBDEFLATE_SUCCESS, "\(input.count) bytes: igzip's stream does not inflate")
            XCTAssertEqual(Array(output.prefix(size)), input)
        }
        XCTAssertLessThan(Deflate().compress(text).count, text.count / 10)
    }

    func testNumbersArePrintedShortAndRounded() {
        func printed(_ v: Double, _ decimals: Int = 2) -> String {
            var out = PDFBytes()
            out.number(v, decimals: decimals)
            return String(decoding: out.bytes, as: UTF8.self)
        }
        XCTAssertEqual(printed(12.5), "12.5")
        XCTAssertEqual(printed(-3), "-3")
        XCTAssertEqual(printed(0.754), "0.75")
        XCTAssertEqual(printed(0.005), "0.01")
        XCTAssertEqual(printed(-0.006), "-0.01")
        XCTAssertEqual(printed(-0.004), "0")
        XCTAssertEqual(printed(841.89), "841.89")
        XCTAssertEqual(printed(1000), "1000")
        XCTAssertEqual(printed(-12.3456, 3), "-12.346")
        XCTAssertEqual(printed(7.04, 1), "7")
    }

    /// The writer's rounding is `Double.rounded()`: the same value and sign of zero, halves
    /// away from zero, at the edges of the fast path and past them.
    func testRoundingIsTheStandardOnes() {
        var values: [Double] = [0, -0.0, 0.5, -0.5, 1.5, -1.5, 2.5, -2.5, 0.49999999999999994, -0.49999999999999994, 0.3, -0.3,
                                0x1p52 - 0.5, -(0x1p52 - 0.5), 0x1p52, 0x1p52 + 1, -0x1p52, 1e300, -1e300, .infinity, -.infinity,
                                .leastNonzeroMagnitude, -.leastNonzeroMagnitude, 4503599627370495.5, 12.345 * 1000, -0.0049 * 100]
        var generator = SystemRandomNumberGenerator()
        for _ in 0..<100_000 {
            values.append(Double.random(in: -1e6...1e6, using: &generator))
            values.append(Double(Int.random(in: -10_000...10_000, using: &generator)) / 2 + Double.random(in: -1e-9...1e-9, using: &generator))
        }
        for v in values {
            let expected = v.rounded(), got = PDFBytes.rounded(v)
            XCTAssertTrue(expected == got && expected.sign == got.sign, "\(v): \(got), not \(expected)")
        }
        XCTAssertTrue(PDFBytes.rounded(.nan).isNaN)
    }

    /// The structure tree writes each role's name as a static string: it is the role's PDF
    /// name, its raw value.
    func testStructureNamesAreTheRolesRawValues() {
        let roles: [StructureElement.Role] = [.document, .title, .heading, .subheading, .paragraph, .table, .row, .headerCell, .cell, .figure, .caption]
        for role in roles { XCTAssertEqual("\(StructureTree.name(role))", role.rawValue) }
    }

    /// Both writers draw the same glyphs at the same places (`drawnLines`): the same pages,
    /// the same words at the same x (poppler's boxes; their heights come from each writer's
    /// font descriptors), and the same pixels up to antialiasing (most pages are identical).
    func testWritersAgreeOnEverySample() throws {
        for name in ReportPDFTests.samples {
            let doc = try document(name)
            let direct = try PDFWriter.write(doc, options: ReportPDFTests.options)
            let cairo = try PDFWriter.write(doc, options: .init(creationDate: ReportPDFTests.options.creationDate, engine: .cairo))
            let a = try file(direct, "\(name)-direct"), b = try file(cairo, "\(name)-cairo")
            XCTAssertTrue(try Tool.run("pdfinfo", [a]).stdout.contains("Producer:        nianbao"), "\(name): written by nianbao")
            // The same characters; poppler's reading order may differ where cells sit close.
            func text(_ path: String) throws -> [Character] { try Tool.run("pdftotext", [path, "-"]).stdout.filter { !$0.isWhitespace }.sorted() }
            let (ta, tb) = (try text(a), try text(b))
            XCTAssertTrue(ta == tb, "\(name): \(ta.count) and \(tb.count) characters, not the same")
            XCTAssertLessThan(direct.count, cairo.count + cairo.count / 10, "\(name): not larger than Cairo's")
            func words(_ path: String) throws -> [(String, Double, Double)] {
                try Tool.run("pdftotext", ["-bbox", path, "-"]).stdout.components(separatedBy: "<word ").dropFirst().map { word in
                    func attribute(_ name: String) -> Double {
                        let start = word.range(of: name + "=\"")!.upperBound
                        return Double(word[start..<word[start...].firstIndex(of: "\"")!])!
                    }
                    let text = word[word.index(after: word.firstIndex(of: ">")!)..<word.range(of: "</word>")!.lowerBound]
                    return (String(text), attribute("xMin"), attribute("xMax"))
                }
            }
            // Sorted: poppler's reading order may differ where cells sit close.
            func sorted(_ w: [(String, Double, Double)]) -> [(String, Double, Double)] { w.sorted { ($0.0, $0.1) < ($1.0, $1.1) } }
            let (wa, wb) = (sorted(try words(a)), sorted(try words(b)))
            XCTAssertEqual(wa.map(\.0), wb.map(\.0), "\(name): the same words")
            for (x, y) in zip(wa, wb) where x.0 == y.0 {
                XCTAssertEqual(x.1, y.1, accuracy: 0.05, "\(name): «\(x.0)» starts at \(x.1) and \(y.1)")
                XCTAssertEqual(x.2, y.2, accuracy: 0.05, "\(name): «\(x.0)» ends at \(x.2) and \(y.2)")
            }
            var identical = 0
            for page in 1...doc.pages.count {
                let (pa, pb) = (try pixels(a, page: page), try pixels(b, page: page))
                XCTAssertEqual(pa.count, pb.count)
                let ink = pb.filter { $0 < 128 }.count
                let differing = zip(pa, pb).filter { abs(Int($0) - Int($1)) > 96 }.count
                XCTAssertLessThan(Double(differing), Double(ink) * 0.05, "\(name) page \(page): \(differing) of \(ink) inked pixels differ")
                if differing == 0 { identical += 1 }
            }
            // The title's bold, and a body line whose baseline falls between two pixel rows, may
            // round differently in the two rasterisations; the rest is identical.
            XCTAssertGreaterThanOrEqual(identical, doc.pages.count - 2, "\(name): pages differ beyond antialiasing")
        }
    }

    func testSubsetIsAValidFontWithTheSameGlyphs() throws {
        guard let path = FontSetup.file(forFamily: "Nianbao Serif SC") ?? Self.trueTypeFiles().first else {
            throw XCTSkip("no TrueType font on this machine")
        }
        let face = try TrueTypeFace(file: path, index: 0)
        let picked: Set<Int> = [3, 17, min(200, face.glyphCount - 1)]
        let subset = TrueTypeSubset(face: face, used: picked)
        XCTAssertEqual(subset.glyphs.first, 0, ".notdef comes first")
        let program = subset.program(of: face)
        // The whole file sums to 0xB1B0AFBA once head's adjustment is in.
        var sum: UInt32 = 0
        var i = 0
        while i + 4 <= program.count { sum &+= program.u32(i); i += 4 }
        XCTAssertEqual(sum, 0xB1B0_AFBA)
        let reread = try TrueTypeFace(file: try file(Data(program), "subset", ext: "ttf"), index: 0)
        XCTAssertEqual(reread.glyphCount, subset.glyphs.count)
        XCTAssertEqual(reread.unitsPerEm, face.unitsPerEm)
        for (new, old) in subset.glyphs.enumerated() where face.components(old).isEmpty {
            let original = [UInt8](face.bytes[face.glyphData(old)]), copy = [UInt8](reread.bytes[reread.glyphData(new)])
            XCTAssertEqual(Array(copy.prefix(original.count)), original, "glyph \(old)")
            XCTAssertTrue(copy.dropFirst(original.count).allSatisfy { $0 == 0 } && copy.count - original.count < 4, "glyph \(old): only padding added")
            XCTAssertEqual(reread.horizontalMetric(new).advance, face.horizontalMetric(old).advance)
        }
    }

    /// Composite glyphs (accented Latin in most TrueType fonts) bring their components, and
    /// point at them by their new numbers.
    func testCompositeGlyphsKeepTheirComponents() throws {
        for path in Self.trueTypeFiles() {
            guard let face = try? TrueTypeFace(file: path, index: 0),
                  let composite = (0..<face.glyphCount).first(where: { !face.components($0).isEmpty }) else { continue }
            let subset = TrueTypeSubset(face: face, used: [composite])
            let reread = try TrueTypeFace(file: try file(Data(subset.program(of: face)), "composite", ext: "ttf"), index: 0)
            let newComposite = subset.newIndex[composite]!
            let originals = face.components(composite).map(\.glyph)
            let renumbered = reread.components(newComposite).map(\.glyph)
            XCTAssertEqual(renumbered.count, originals.count)
            for (old, new) in zip(originals, renumbered) {
                XCTAssertEqual(subset.newIndex[old], new)
                let original = [UInt8](face.bytes[face.glyphData(old)])
                XCTAssertEqual(Array([UInt8](reread.bytes[reread.glyphData(new)]).prefix(original.count)), original)
            }
            return
        }
        throw XCTSkip("no TrueType font with composite glyphs on this machine")
    }

    func testFacesWithoutTrueTypeOutlinesAreRefused() throws {
        guard let noto = FontSetup.file(forFamily: "Noto Serif CJK SC") else { throw XCTSkip("Noto CJK not installed") }
        XCTAssertThrowsError(try TrueTypeFace(file: noto, index: 0)) { error in
            XCTAssertTrue("\(error)".contains("no TrueType outlines"), "\(error)")
        }
    }

    // MARK: helpers

    static func trueTypeFiles() -> [String] {
        let base = "/usr/share/fonts/truetype"
        let found = FileManager.default.enumerator(atPath: base)?.compactMap { $0 as? String }.filter { $0.hasSuffix(".ttf") }.sorted() ?? []
        return found.map { base + "/" + $0 }
    }

    func file(_ data: Data, _ name: String, ext: String = "pdf") throws -> String {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("nianbao-direct-\(ProcessInfo.processInfo.processIdentifier)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        let url = dir.appendingPathComponent("\(name).\(ext)")
        try data.write(to: url)
        return url.path
    }

    /// A page rendered by poppler at 40 dpi, as grey levels.
    func pixels(_ pdf: String, page: Int) throws -> [UInt8] { try PageImage.render(pdf, page: page).pixels }
}

extension DirectWriterTests {
    /// A font file cut short anywhere is refused with a reason, never read out of bounds.
    func testTruncatedFontsAreRefusedNotCrashed() throws {
        guard let path = FontSetup.file(forFamily: "Nianbao Serif SC") ?? Self.trueTypeFiles().first,
              let data = FileManager.default.contents(atPath: path) else { throw XCTSkip("no TrueType font on this machine") }
        for length in [0, 11, 40, 200, 400, 1000, data.count / 2] {
            let cut = try file(data.prefix(length), "cut-\(length)", ext: "ttf")
            XCTAssertThrowsError(try TrueTypeFace(file: cut, index: 0), "\(length) bytes")
        }
    }
}

extension DirectWriterTests {
    func testNoTableLabelLeavesASingleCharacterOnALine() throws {
        // （三）不予公/开, 商业企/业, 结果维/持: a wrapped cell's lines are evened out, and the
        // columns hold 自然人 and a four-ideograph group label. Vertical labels (one character
        // a line by design) are left aside.
        var checked = 0
        for styleName in ["official", "compact"] {
            let style = try StyleLoader.load(styleName, searching: [TestPaths.styles])
            for name in TestPaths.samples {
                let report = try ReportParser().parse(bytes: [UInt8](Data(contentsOf: TestPaths.sample(name)))).report
                let doc = ReportLayout(style: style, shaper: PangoShaper()).layout(report)
                for page in doc.pages {
                    for case let .text(shaped, _, _, _) in page.items where shaped.block.font.size == style.table.size && shaped.block.text != "续表" {
                        let block = shaped.block
                        let lines = shaped.charactersPerLine
                        guard lines.count >= 2, lines.contains(where: { $0 > 1 }) else { continue }
                        checked += 1
                        XCTAssertFalse(lines.contains(1), "\(name) (\(styleName)): «\(block.text)» breaks as \(lines)")
                    }
                }
            }
        }
        XCTAssertGreaterThan(checked, 100, "wrapped cells were looked at")
    }
}

extension DirectWriterTests {
    func testSyntheticBoldOfAOneWeightFace() throws {
        // A title face with one weight (as 方正小标宋简体 is): fontconfig asks for synthetic
        // bold, and nianbao's writer emboldens as Cairo/FreeType do — the title is as dark.
        guard FileManager.default.fileExists(atPath: "/usr/share/fonts/truetype/arphic-gkai00mp/gkai00mp.ttf") else {
            throw XCTSkip("fonts-arphic-gkai00mp is not installed")
        }
        let text = try String(contentsOfFile: TestPaths.styles + "/official.yaml", encoding: .utf8)
            .replacingOccurrences(of: "[方正小标宋简体, 方正小标宋_GBK, FZXiaoBiaoSong-B05S, 小标宋, Nianbao Serif SC, Noto Serif CJK SC]", with: "[AR PL KaitiM GB]")
        let bold = try StyleLoader.parse(text, file: "oneweight.yaml")
        let regular = try StyleLoader.parse(text.replacingOccurrences(of: "    weight: bold\n", with: ""), file: "oneweight-regular.yaml")
        let report = try ReportParser().parse(bytes: [UInt8](Data(contentsOf: TestPaths.sample("xin-county-office-2021")))).report
        func titleInk(_ style: Style, _ engine: PDFWriter.Options.Engine) throws -> (ink: Int, pdf: Data) {
            let doc = ReportLayout(style: style, shaper: PangoShaper()).layout(report)
            let pdf = try PDFWriter.write(doc, options: PDFWriter.Options(creationDate: "2023-01-31T00:00:00", engine: engine))
            let grey = try pixels(try file(pdf, "bold-\(style.name)-\(engine)"), page: 1)
            // The title band: the first 60 rows of 40 dpi below the 37 mm top margin.
            let width = Int((210 / 25.4 * 40).rounded()), top = Int(37 / 25.4 * 40)
            return (grey[(top * width)..<((top + 40) * width)].filter { $0 < 128 }.count, pdf)
        }
        let direct = try titleInk(bold, .automatic), cairo = try titleInk(bold, .cairo), plain = try titleInk(regular, .automatic)
        XCTAssertNotNil(String(decoding: direct.pdf, as: UTF8.self).range(of: "/Producer(nianbao)"), "written by nianbao's writer")
        XCTAssertGreaterThan(Double(direct.ink), Double(plain.ink) * 1.1, "bold is darker than regular")
        XCTAssertEqual(Double(direct.ink), Double(cairo.ink), accuracy: Double(cairo.ink) * 0.15, "as dark as Cairo's")
    }
}

extension DirectWriterTests {
    func testCharactersNoFontHasCopyAsWritten() throws {
        // 𓀀 and 𐎀 are in no installed font: both print as .notdef (an empty box), but each
        // copies as the character written, not both as the first one; by both writers.
        let text = "门户网站𓀀栏目与𐎀专栏均已更新。"
        guard try Tool.run("fc-list", [":charset=13000"]).stdout.isEmpty, try Tool.run("fc-list", [":charset=10380"]).stdout.isEmpty else {
            throw XCTSkip("a font for 𓀀 or 𐎀 is installed")
        }
        var report = try ReportParser().parse(bytes: [UInt8](Data(contentsOf: TestPaths.sample("xin-county-office-2021")))).report
        report.sections[0].paragraphs.insert(Paragraph(text: text), at: 0)
        let doc = ReportLayout(style: ReportPDFTests.style, shaper: PangoShaper()).layout(report)
        for engine in ReportPDFTests.engines {
            let pdf = try PDFWriter.write(doc, options: PDFWriter.Options(creationDate: "2023-01-31T00:00:00", engine: engine))
            XCTAssertEqual(String(decoding: pdf, as: UTF8.self).range(of: "/Producer(nianbao)") == nil, engine == .cairo, "\(engine) wrote it")
            let path = try file(pdf, "notdef-\(engine)")
            XCTAssertTrue(try Tool.run("pdftotext", [path, "-"]).stdout.contains(text), "\(engine)")
            XCTAssertTrue(try Tool.run("qpdf", ["--check", path]).stdout.contains("No syntax or stream encoding errors"), "\(engine)")
        }
    }
}
