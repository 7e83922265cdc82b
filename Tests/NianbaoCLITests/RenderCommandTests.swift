import Foundation
import XCTest

/// `nianbao render` and `nianbao fonts` through the built binary.
final class RenderCommandTests: XCTestCase {
    let cli = CLITests.self

    func outDir(_ name: String) -> String {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("nianbao-render-cli-\(ProcessInfo.processInfo.processIdentifier)-\(name)")
        try? FileManager.default.removeItem(at: dir)
        return dir.path
    }

    func run(_ args: [String], env: [String: String] = [:]) throws -> CLITests.Result { try CLITests.run(args, env: env) }

    func testRenderWritesEveryFormatAtomicallyAndReproducibly() throws {
        let dir = outDir("formats")
        let args = ["render", cli.sample("xixia-county-2022"), cli.sample("xin-county-office-2021"), "--output-dir", dir, "--format", "pdf,txt,md"]
        let first = try run(args, env: ["SOURCE_DATE_EPOCH": "1675123200"])
        XCTAssertEqual(first.status, 0, first.stderr)
        let files = try FileManager.default.contentsOfDirectory(atPath: dir).sorted()
        XCTAssertEqual(files, ["xin-county-office-2021.md", "xin-county-office-2021.pdf", "xin-county-office-2021.txt",
                               "xixia-county-2022.md", "xixia-county-2022.pdf", "xixia-county-2022.txt"])
        XCTAssertTrue(first.stderr.contains("xin-county-office-2021.txt:46: warning: requests.row_sum"), "findings are printed")
        let pdf = try Data(contentsOf: URL(fileURLWithPath: dir + "/xixia-county-2022.pdf"))
        let second = try run(args, env: ["SOURCE_DATE_EPOCH": "1675123200"])
        XCTAssertEqual(second.status, 0)
        XCTAssertEqual(try Data(contentsOf: URL(fileURLWithPath: dir + "/xixia-county-2022.pdf")), pdf, "byte-identical with SOURCE_DATE_EPOCH")
        // Either writer: nianbao's writes (D:20230131000000Z), Cairo's (20230131000000) — it
        // takes over when `fonts/prepared` is missing and the full Noto faces are CFF.
        XCTAssertTrue(String(decoding: pdf, as: UTF8.self).range(of: #"/CreationDate ?\((D:)?20230131000000"#, options: .regularExpression) != nil, "creation date from SOURCE_DATE_EPOCH")
    }

    func testReportWithCheckErrorsStillRenders() throws {
        var text = try String(contentsOfFile: cli.sample("xixia-county-2022"), encoding: .utf8)
        text = text.replacingOccurrences(of: "（七）总计 19 0 0 0 0 0 19", with: "（七）总计 21 0 0 0 0 0 21")
        let input = try cli.temp("broken-render.txt", Array(text.utf8))
        let dir = outDir("broken")
        let r = try run(["render", input, "--output-dir", dir])
        XCTAssertEqual(r.status, 0, r.stderr)
        XCTAssertTrue(r.stderr.contains("error: requests.balance"), r.stderr)
        XCTAssertTrue(FileManager.default.fileExists(atPath: dir + "/broken-render.pdf"))
    }

    func testBadStyleAndBadInput() throws {
        let style = try cli.temp("odd.yaml", Array("name: odd\npage: {width: 210}\n".utf8))
        let r = try run(["render", cli.sample("xixia-county-2022"), "--style", style, "--output-dir", outDir("style")])
        XCTAssertEqual(r.status, 2)
        XCTAssertTrue(r.stderr.contains("odd.yaml: page.height: is missing"), r.stderr)
        let missing = try run(["render", "--style", "nosuch", cli.sample("xixia-county-2022"), "--output-dir", outDir("nosuch")])
        XCTAssertEqual(missing.status, 64, "a usage error")
        XCTAssertTrue(missing.stderr.contains("--style nosuch: no style of that name"), missing.stderr)
        let format = try run(["render", cli.sample("xixia-county-2022"), "--format", "pdf,docx"])
        XCTAssertEqual(format.status, 64, "a usage error")
        XCTAssertTrue(format.stderr.contains("'pdf,docx' is invalid for '--format <list>': 'docx' is not a format; the formats are pdf, ofd, txt, md, json"), format.stderr)
        let empty = try cli.temp("empty-render.txt", [])
        let badDir = outDir("bad")
        let bad = try run(["render", empty, cli.sample("jianxi-district-office-2022"), "--output-dir", badDir])
        XCTAssertEqual(bad.status, 2)
        XCTAssertTrue(FileManager.default.fileExists(atPath: badDir + "/jianxi-district-office-2022.pdf"), "the good input still renders")
        XCTAssertTrue(bad.stderr.contains("empty-render.txt: error: the file is empty"), bad.stderr)
    }

    func testFontsListsEachRole() throws {
        let r = try run(["fonts", "--style", "official"])
        XCTAssertEqual(r.status, 0, r.stderr)
        for role in ["title", "body", "heading1", "heading2", "table", "page_number"] {
            XCTAssertTrue(r.stdout.contains("  \(role) ("), r.stdout)
        }
        XCTAssertTrue(r.stdout.contains("Nianbao Serif SC") || r.stdout.contains("Noto Serif CJK SC"), "a free face resolves on a machine without licensed fonts: \(r.stdout)")
    }
}

extension RenderCommandTests {
    func testPDFAAndOFDFromTheCommandLine() throws {
        // One report PDF/A can take; one with a character no font has, which PDF/A cannot
        // (.notdef): that file alone is refused, with its name and the reason, and nothing
        // of it half-written; its OFD and the other file's outputs are written.
        var text = try String(contentsOfFile: cli.sample("xixia-county-2022"), encoding: .utf8)
        text = text.replacingOccurrences(of: "1.主动公开。", with: "1.主动公开𐎀。")
        let odd = try cli.temp("odd-glyph.txt", Array(text.utf8))
        let dir = outDir("pdfa")
        let r = try run(["render", cli.sample("hanyin-county-2022"), odd, "--output-dir", dir, "--format", "pdf,ofd", "--pdfa"])
        XCTAssertEqual(r.status, 2, "as for an input that cannot be rendered: \(r.stderr)")
        XCTAssertTrue(r.stderr.contains("odd-glyph.txt") && r.stderr.contains("cannot write PDF/A-2b: 「𐎀」 has no glyph"), r.stderr)
        let files = try FileManager.default.contentsOfDirectory(atPath: dir).sorted()
        XCTAssertEqual(files, ["hanyin-county-2022.ofd", "hanyin-county-2022.pdf", "odd-glyph.ofd"])
        let pdf = try Data(contentsOf: URL(fileURLWithPath: dir + "/hanyin-county-2022.pdf"))
        XCTAssertNotNil(pdf.range(of: Data("<pdfaid:part>2</pdfaid:part>".utf8)), "PDF/A identification")
        XCTAssertTrue(try Data(contentsOf: URL(fileURLWithPath: dir + "/odd-glyph.ofd")).starts(with: Data("PK".utf8)))
    }
}

extension RenderCommandTests {
    /// `render -o FILE`: one input to one file, in the format its extension (or --format) names,
    /// written atomically, never over an input; several inputs are refused.
    func testRenderToOneFile() throws {
        let dir = outDir("one-file")
        try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
        let xixia = cli.sample("xixia-county-2022")
        // An earlier file at the target is replaced whole.
        try Data("old".utf8).write(to: URL(fileURLWithPath: dir + "/xixia.pdf"))
        let pdf = try run(["render", xixia, "-o", dir + "/xixia.pdf"])
        XCTAssertEqual(pdf.status, 0, pdf.stderr)
        XCTAssertTrue(pdf.stderr.contains("wrote \(dir)/xixia.pdf"), pdf.stderr)
        XCTAssertTrue(try Data(contentsOf: URL(fileURLWithPath: dir + "/xixia.pdf")).starts(with: Data("%PDF-".utf8)))
        let text = try run(["render", xixia, "--output", dir + "/xixia.txt"])
        XCTAssertEqual(text.status, 0, text.stderr)
        XCTAssertTrue(try String(contentsOfFile: dir + "/xixia.txt", encoding: .utf8).hasPrefix("西峡县"))
        // No extension: --format says what to write.
        let json = try run(["render", xixia, "-o", dir + "/xixia-data", "--format", "json"])
        XCTAssertEqual(json.status, 0, json.stderr)
        let object = try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: dir + "/xixia-data"))) as? [String: Any]
        XCTAssertEqual(object?["agency"] as? String, "西峡县人民政府")
        XCTAssertEqual(try FileManager.default.contentsOfDirectory(atPath: dir).sorted(), ["xixia-data", "xixia.pdf", "xixia.txt"], "nothing else, no temporary file left")

        // Refused with a usage error, nothing written.
        let refused: [([String], String)] = [
            (["render", xixia, cli.sample("hanyin-county-2022"), "-o", dir + "/two.pdf"], "-o \(dir)/two.pdf writes one file, from one report; 2 were given — for several, use --output-dir DIR"),
            (["render", xixia, "-o", dir + "/x.pdf", "--format", "txt"], "names a .pdf file, but --format asks for txt"),
            (["render", xixia, "-o", dir + "/x.pdf", "--format", "pdf,txt"], "writes one format, but --format pdf,txt names 2"),
            (["render", xixia, "-o", dir + "/noext"], "cannot tell the format from the name; end it in .pdf, .ofd, .txt, .md, .json, or give --format"),
            (["render", xixia, "-o", dir + "/x.pdf", "--output-dir", dir], "give -o FILE (one input, one file) or --output-dir DIR, not both"),
            (["render", xixia, "-o", dir], "is a folder; -o names the file to write"),
        ]
        for (args, message) in refused {
            let r = try run(args)
            XCTAssertEqual(r.status, 64, "\(args): \(r.stderr)")
            XCTAssertTrue(r.stderr.contains(message), "\(args): \(r.stderr)")
        }
        XCTAssertEqual(try FileManager.default.contentsOfDirectory(atPath: dir).sorted(), ["xixia-data", "xixia.pdf", "xixia.txt"])

        // Never over an input, also through a symlink: exit 2, the input unchanged.
        let input = try cli.temp("render-self.txt", Array(try Data(contentsOf: URL(fileURLWithPath: xixia))))
        try? FileManager.default.removeItem(atPath: dir + "/link.txt")
        try FileManager.default.createSymbolicLink(atPath: dir + "/link.txt", withDestinationPath: input)
        for target in [input, dir + "/link.txt"] {
            let r = try run(["render", input, "-o", target])
            XCTAssertEqual(r.status, 2, r.stderr)
            XCTAssertTrue(r.stderr.contains("is an input") && r.stderr.contains("nothing was written"), r.stderr)
            XCTAssertEqual(try Data(contentsOf: URL(fileURLWithPath: input)), try Data(contentsOf: URL(fileURLWithPath: xixia)))
        }
        // A file that cannot be written: the path and the reason, exit 2.
        let blocked = try run(["render", xixia, "-o", dir + "/xixia.txt/inside.pdf"])
        XCTAssertEqual(blocked.status, 2)
        XCTAssertTrue(blocked.stderr.contains("cannot write \(dir)/xixia.txt/inside.pdf: a part of the path is not a directory"), blocked.stderr)
    }
}
