import Foundation
import NianbaoTestSupport
import XCTest

/// `nianbao compare` through the built binary.
final class CompareCommandTests: XCTestCase {
    func run(_ args: [String], env: [String: String] = [:]) throws -> CLITests.Result { try CLITests.run(args, env: env) }

    func testFormatsFollowTheExtension() throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("nianbao-compare-\(ProcessInfo.processInfo.processIdentifier)").path
        let inputs = ["xixia-county-2022", "hanyin-county-2022", "jianxi-district-office-2022"].map(CLITests.sample)
        for ext in ["csv", "txt", "md", "pdf", "ofd"] {
            let r = try run(["compare"] + inputs + ["--output", "\(dir)/sheet.\(ext)", "--metrics", "summary"])
            XCTAssertEqual(r.status, 0, "\(ext): \(r.stderr)")
            XCTAssertTrue(FileManager.default.fileExists(atPath: "\(dir)/sheet.\(ext)"))
        }
        // Decoded as it is, BOM included (String(contentsOfFile:) would drop it).
        let csv = String(decoding: try Data(contentsOf: URL(fileURLWithPath: "\(dir)/sheet.csv")), as: UTF8.self)
        XCTAssertTrue(csv.hasPrefix("\u{FEFF}key,指标,西峡县人民政府,西峡县人民政府 标记,汉阴县,汉阴县 标记,涧西区人民政府办公室,涧西区人民政府办公室 标记\r\nrequests.new.total,本年新收申请,18,,19,▲,0,▼\r\n"), csv)
        let pdf = try Data(contentsOf: URL(fileURLWithPath: "\(dir)/sheet.pdf"))
        XCTAssertTrue(pdf.starts(with: Data("%PDF-".utf8)))
        let ofd = try Data(contentsOf: URL(fileURLWithPath: "\(dir)/sheet.ofd"))
        XCTAssertTrue(ofd.starts(with: Data("PK".utf8)) && ofd.range(of: Data("OFD.xml".utf8)) != nil, "an OFD package")
        let bad = try run(["compare"] + inputs + ["--output", "\(dir)/sheet.docx"])
        XCTAssertNotEqual(bad.status, 0)
        XCTAssertTrue(bad.stderr.contains(".pdf, .ofd, .csv, .txt or .md"), bad.stderr)
    }

    func testUnreadableReportIsLeftOut() throws {
        let empty = try CLITests.temp("empty-compare.txt", [])
        let out = try CLITests.temp("left-out.csv", [])
        let r = try run(["compare", CLITests.sample("xixia-county-2022"), empty, CLITests.sample("hanyin-county-2022"), "-o", out])
        XCTAssertEqual(r.status, 1)
        XCTAssertTrue(r.stderr.contains("empty-compare.txt: error: the file is empty (left out of the comparison)"), r.stderr)
        let header = String(decoding: try Data(contentsOf: URL(fileURLWithPath: out)), as: UTF8.self).components(separatedBy: "\r\n")[0]
        XCTAssertEqual(header, "\u{FEFF}key,指标,西峡县人民政府,西峡县人民政府 标记,汉阴县,汉阴县 标记")
        let none = try run(["compare", empty, try CLITests.temp("empty-compare-2.txt", []), "-o", out])
        XCTAssertEqual(none.status, 2)
        XCTAssertTrue(none.stderr.contains("no report could be read; a comparison needs two or more reports"), none.stderr)
    }
}

extension CompareCommandTests {
    /// One report is no comparison: refused on the command line (64), and at run time when
    /// only one of the reports given could be read (2); nothing is written either way.
    func testOneReportIsNotAComparison() throws {
        let out = FileManager.default.temporaryDirectory.appendingPathComponent("nianbao-compare-one-\(ProcessInfo.processInfo.processIdentifier).csv").path
        try? FileManager.default.removeItem(atPath: out)
        let one = try run(["compare", CLITests.sample("xixia-county-2022"), "-o", out])
        XCTAssertEqual(one.status, 64, one.stderr)
        XCTAssertTrue(one.stderr.contains("compare was given one report (\(CLITests.sample("xixia-county-2022"))); a comparison needs two or more reports (several agencies, or several years of one agency)"), one.stderr)
        XCTAssertTrue(one.stderr.contains("nianbao render"), "says what to use instead: \(one.stderr)")
        let empty = try CLITests.temp("empty-compare-one.txt", [])
        let left = try run(["compare", CLITests.sample("xixia-county-2022"), empty, "-o", out])
        XCTAssertEqual(left.status, 2, left.stderr)
        XCTAssertTrue(left.stderr.contains("empty-compare-one.txt: error: the file is empty (left out of the comparison)"), left.stderr)
        XCTAssertTrue(left.stderr.contains("only one report could be read (\(CLITests.sample("xixia-county-2022"))); a comparison needs two or more reports"), left.stderr)
        XCTAssertFalse(FileManager.default.fileExists(atPath: out), "nothing written")
        // Two years of one agency are a comparison.
        let text = try String(contentsOfFile: CLITests.sample("xixia-county-2022"), encoding: .utf8).replacingOccurrences(of: "2022", with: "2021")
        let earlier = try CLITests.temp("xixia-one-2021.txt", Array(text.utf8))
        let years = try run(["compare", earlier, CLITests.sample("xixia-county-2022"), "-o", out])
        XCTAssertEqual(years.status, 0, years.stderr)
    }

    /// `compare -o x.pdf` without --metrics is the summary handout (ranking page, the headline
    /// figures, charts), and says how many pages it wrote; --metrics all gives every cell.
    func testTheHandoutIsTheSummaryByDefault() throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("nianbao-default-\(ProcessInfo.processInfo.processIdentifier)").path
        let inputs = ["xixia-county-2022", "hanyin-county-2022", "jianxi-district-office-2022"].map(CLITests.sample)
        for (extra, rows) in [([String](), 20), (["--metrics", "all"], 208)] {
            let out = "\(dir)/x\(extra.count).pdf"
            let r = try run(["compare"] + inputs + ["-o", out] + extra)
            XCTAssertEqual(r.status, 0, r.stderr)
            let info = try Tool.run("pdfinfo", [out]).stdout
            let pages = try XCTUnwrap(info.split(separator: "\n").first { $0.hasPrefix("Pages:") }?.split(separator: " ").last.flatMap { Int($0) })
            XCTAssertTrue(r.stderr.contains("wrote \(out) (3 reports, \(rows) metrics, \(pages) pages"), r.stderr)
            let text = try Tool.run("pdftotext", [out, "-"]).stdout
            XCTAssertTrue(text.contains("主要指标及名次"), "the ranking page")
            XCTAssertEqual(text.contains("属于国家秘密"), rows == 208, "a cell that is no headline figure only with --metrics all")
            if rows == 20 { XCTAssertLessThanOrEqual(pages, 5, "a summary handout of three units is short") }
        }
        // CSV, for a spreadsheet, keeps every cell by default.
        let csv = try run(["compare"] + inputs + ["-o", "\(dir)/x.csv"])
        XCTAssertTrue(csv.stderr.contains("208 metrics"), csv.stderr)
    }
}
