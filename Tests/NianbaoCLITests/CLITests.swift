import Foundation
import NianbaoTestSupport
import XCTest

/// The built `nianbao` binary, end to end: output, exit codes, messages.
final class CLITests: XCTestCase {
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    static let samples = root.appendingPathComponent("Tests/NianbaoIngestTests/Fixtures/samples")
    static var binary: URL {
        // The test bundle sits next to the products it was built with.
        var dir = Bundle(for: CLITests.self).bundleURL
        while !FileManager.default.fileExists(atPath: dir.appendingPathComponent("nianbao").path) && dir.path != "/" {
            dir.deleteLastPathComponent()
        }
        return dir.appendingPathComponent("nianbao")
    }

    struct Result { let status: Int32; let stdout: String; let stderr: String }

    func run(_ args: [String]) throws -> Result { try Self.run(args) }

    /// The committed test fonts (Tests/Fonts) for a command that draws, so that tests pass on a
    /// fresh clone where `make fonts` never made fonts/prepared.
    static let fonts = ["--fonts-dir", TestPaths.fonts]

    /// `args` with the test fonts when the command draws (render, compare, batch, fonts) and the
    /// test does not name a fonts folder of its own.
    static func withTestFonts(_ args: [String]) -> [String] {
        let draws = ["render", "compare", "fonts"].contains(args.first ?? "") || (args.first == "batch" && args.dropFirst().first != "merge")
        return draws && !args.contains("--fonts-dir") ? args + fonts : args
    }

    /// Runs the built binary from the package root; commands that draw get the test fonts.
    static func run(_ args: [String], env: [String: String] = [:], directory: URL? = nil) throws -> Result {
        let args = withTestFonts(args)
        let r = try Tool.run(binary.path, args, environment: env, directory: directory ?? root)
        assertPlainMessages(r.stderr, args)
        return Result(status: r.status, stdout: r.stdout, stderr: r.stderr)
    }

    /// What nianbao says is for people: never a Foundation error dump or a Swift backtrace.
    static func assertPlainMessages(_ stderr: String, _ args: [String], file: StaticString = #filePath, line: UInt = #line) {
        for raw in ["NSCocoaErrorDomain", "UserInfo=", "Backtracing", "Fatal error", "Program crashed"] {
            XCTAssertFalse(stderr.contains(raw), "nianbao \(args.joined(separator: " ")) printed «\(raw)»:\n\(stderr)", file: file, line: line)
        }
    }

    func sample(_ name: String) -> String { Self.sample(name) }
    func temp(_ name: String, _ bytes: [UInt8]) throws -> String { try Self.temp(name, bytes) }

    static func sample(_ name: String) -> String { samples.appendingPathComponent("\(name).txt").path }

    static func temp(_ name: String, _ bytes: [UInt8]) throws -> String {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("nianbao-cli-\(ProcessInfo.processInfo.processIdentifier)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        let url = dir.appendingPathComponent(name)
        try Data(bytes).write(to: url)
        return url.path
    }

    func testHelpAndVersion() throws {
        let help = try run(["--help"])
        XCTAssertEqual(help.status, 0)
        XCTAssertTrue(help.stdout.contains("parse"))
        XCTAssertTrue(help.stdout.contains("check"))
        XCTAssertEqual(try run(["parse", "--help"]).status, 0)
        XCTAssertEqual(try run(["check", "--help"]).status, 0)
        let version = try run(["--version"])
        XCTAssertEqual(version.stdout.trimmingCharacters(in: .whitespacesAndNewlines), "0.1.0")
    }

    func testParseCells() throws {
        let r = try run(["parse", "--format", "cells", sample("xixia-county-2022")])
        XCTAssertEqual(r.status, 0, r.stderr)
        let lines = r.stdout.split(separator: "\n")
        XCTAssertEqual(lines.count, 200)
        XCTAssertEqual(lines[6], "active.licensing.decisions,2957")
    }

    func testParseJSONToFileAndDirectory() throws {
        let out = try temp("x.json", [])
        let r = try run(["parse", sample("xin-county-office-2021"), "-o", out])
        XCTAssertEqual(r.status, 0, r.stderr)
        let object = try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: out))) as? [String: Any]
        XCTAssertEqual(object?["year"] as? Int, 2021)
        let dir = URL(fileURLWithPath: out).deletingLastPathComponent().appendingPathComponent("many").path
        let many = try run(["parse", "--format", "markdown", sample("xixia-county-2022"), sample("hanyin-county-2022"), "-o", dir])
        XCTAssertEqual(many.status, 0, many.stderr)
        XCTAssertTrue(FileManager.default.fileExists(atPath: dir + "/xixia-county-2022.md"))
        XCTAssertTrue(FileManager.default.fileExists(atPath: dir + "/hanyin-county-2022.md"))
        let leftovers = try FileManager.default.contentsOfDirectory(atPath: dir).filter { $0.hasSuffix(".nianbao-tmp") }
        XCTAssertEqual(leftovers, [])
    }

    func testCheckExitCodes() throws {
        let clean = try run(["check", sample("xixia-county-2022"), sample("hanyin-county-2022")])
        XCTAssertEqual(clean.status, 0)
        XCTAssertEqual(clean.stdout, "")
        let warnings = try run(["check", sample("xin-county-office-2021")])
        XCTAssertEqual(warnings.status, 0, "warnings only")
        XCTAssertTrue(warnings.stdout.hasPrefix(sample("xin-county-office-2021") + ":46: warning: requests.row_sum: "), warnings.stdout)

        // A report with an arithmetic error: xixia with its grand total changed.
        var text = try String(contentsOfFile: sample("xixia-county-2022"), encoding: .utf8)
        text = text.replacingOccurrences(of: "（七）总计 19 0 0 0 0 0 19", with: "（七）总计 21 0 0 0 0 0 21")
        let broken = try temp("broken.txt", Array(text.utf8))
        let errors = try run(["check", broken])
        XCTAssertEqual(errors.status, 1)
        XCTAssertTrue(errors.stdout.contains("broken.txt:168: error: requests.balance: "), errors.stdout)
        XCTAssertTrue(errors.stdout.contains(": error: requests.results_sum: "), errors.stdout)
        // parse still succeeds: the findings are in the JSON.
        let parsed = try run(["parse", broken])
        XCTAssertEqual(parsed.status, 0)
        XCTAssertTrue(parsed.stdout.contains("\"requests.balance\""))
    }

    /// Two years of one agency: the later is checked against the earlier. The "2021" report
    /// is xixia's 2022 one relabelled, so its carried-forward row (all 0) disagrees with
    /// 2022's carried-over (1 natural person), and 19 normative documents in force do not
    /// carry on to 19 with 12 issued.
    func testCheckComparesConsecutiveYearsOfOneAgency() throws {
        let text = try String(contentsOfFile: sample("xixia-county-2022"), encoding: .utf8)
        let earlier = try temp("xixia-2021.txt", Array(text.replacingOccurrences(of: "2022", with: "2021").utf8))
        let result = try run(["check", earlier, sample("xixia-county-2022")])
        XCTAssertEqual(result.status, 1)
        let crossYear = result.stdout.split(separator: "\n").filter { $0.contains("cross_year") }
        XCTAssertEqual(crossYear, [
            "\(sample("xixia-county-2022")):50: error: cross_year.in_force: table 1 row normative_documents: 2021's in_force + issued = in_force + repealed: 31 ≠ 19",
            "\(sample("xixia-county-2022")):96: error: cross_year.carried_over: table 2 column natural: carried_over = 2021's carried_forward: 1 ≠ 0",
            "\(sample("xixia-county-2022")):96: error: cross_year.carried_over: table 2 column total: carried_over = 2021's carried_forward: 1 ≠ 0",
        ])
        // The same 2021 report made consistent with 2022: no cross-year finding.
        let mended = text.replacingOccurrences(of: "2022", with: "2021")
            .replacingOccurrences(of: "四、结转下年度继续办理 0 0 0 0 0 0 0", with: "四、结转下年度继续办理 1 0 0 0 0 0 1")
            .replacingOccurrences(of: "⾏政规范性⽂件 12 0 19", with: "⾏政规范性⽂件 12 0 7")
        let consistent = try run(["check", try temp("xixia-2021-mended.txt", Array(mended.utf8)), sample("xixia-county-2022")])
        XCTAssertFalse(consistent.stdout.contains("cross_year"), consistent.stdout)
        // Alone, a year has nothing to be compared with.
        XCTAssertEqual(try run(["check", sample("xixia-county-2022")]).stdout, "")
    }

    func testBadInputsExitTwoWithAMessage() throws {
        let cases: [(String, [UInt8], String)] = [
            ("empty.txt", [], "empty"),
            ("random.bin", (0..<2000).map { UInt8(truncatingIfNeeded: $0 &* 7919 &+ 13) }, "binary"),
            ("unrelated.txt", Array("会议纪要\n今天讨论了食堂的菜单。\n".utf8), "not an annual report"),
            ("truncated.txt", Array(Array("西峡县人民政府2022年政府信息公开工作年度报告\n一、总体情况\n".utf8).dropLast(2)), "cut short"),
        ]
        for (name, bytes, expected) in cases {
            let path = try temp(name, bytes)
            for command in ["check", "parse"] {
                let r = try run([command, path])
                XCTAssertEqual(r.status, 2, "\(command) \(name)")
                XCTAssertTrue(r.stderr.hasPrefix("\(path): error: "), r.stderr)
                XCTAssertTrue(r.stderr.contains(expected), "\(name): \(r.stderr)")
                XCTAssertFalse(r.stderr.contains("Fatal error"), r.stderr)
            }
        }
        let missing = try run(["check", "/nonexistent/report.txt"])
        XCTAssertEqual(missing.status, 2)
        XCTAssertEqual(missing.stderr, "/nonexistent/report.txt: error: no such file\n")
        // One bad input does not stop the others.
        let mixed = try run(["parse", "--format", "cells", "/nonexistent/report.txt", sample("jianxi-district-office-2022")])
        XCTAssertEqual(mixed.status, 2)
        XCTAssertTrue(mixed.stdout.contains("active.normative_documents.repealed,10"))
    }
}

extension CLITests {
    func testCheckJSONIsAlwaysAnArrayAndOptionsAreChecked() throws {
        let one = try run(["check", "--format", "json", sample("xin-county-office-2021")])
        XCTAssertEqual(one.status, 0)
        XCTAssertTrue(one.stdout.hasPrefix("["), "one report: still an array")
        let none = try run(["check", "--format", "json", "/nonexistent.txt"])
        XCTAssertEqual(none.status, 2)
        XCTAssertEqual((try JSONSerialization.jsonObject(with: Data(none.stdout.utf8)) as? [Any])?.count, 0, "no report: an empty array")
        let fonts = try run(["render", sample("xin-county-office-2021"), "--fonts-dir", "/nonexistent-fonts"])
        XCTAssertEqual(fonts.status, 64)
        XCTAssertTrue(fonts.stderr.contains("--fonts-dir /nonexistent-fonts: no such folder"), fonts.stderr)
        let style = try run(["render", sample("xin-county-office-2021"), "--style", "nosuch"])
        XCTAssertEqual(style.status, 64, "a style that does not exist is a usage error")
        XCTAssertTrue(style.stderr.contains("the styles are compact, official"), style.stderr)
        for command in ["parse", "check", "render", "compare", "batch"] {
            let help = try run([command, "--help"])
            XCTAssertTrue(help.stdout.contains("Exit status: 0 done; 1"), "\(command) --help states the exit statuses")
        }
    }

    /// In a PDF a line counts lines on its page: 新县's LibreOffice PDF has a row_sum warning on
    /// page 2 line 43 and a results_sum one on page 3 line 43, and `check` tells them apart
    /// (`FILE: page P line L:`, a `page` in the JSON); a text input keeps `FILE:L:` and no page.
    func testCheckOfAPDFNamesThePageOfEachFinding() throws {
        let pdf = TestPaths.file("lo-pdf/xin-county-office-2021.pdf").path
        let text = try run(["check", pdf])
        XCTAssertEqual(text.status, 0, text.stderr)
        let lines = text.stdout.split(separator: "\n").map(String.init)
        XCTAssertTrue(lines.contains { $0.hasPrefix("\(pdf): page 2 line 43: warning: requests.row_sum: ") }, text.stdout)
        XCTAssertTrue(lines.contains { $0.hasPrefix("\(pdf): page 3 line 43: warning: requests.results_sum: ") }, text.stdout)
        XCTAssertTrue(lines.allSatisfy { $0.hasPrefix("\(pdf): page ") }, text.stdout)

        let json = try run(["check", "--format", "json", pdf])
        XCTAssertEqual(json.status, 0, json.stderr)
        let reports = try XCTUnwrap(JSONSerialization.jsonObject(with: Data(json.stdout.utf8)) as? [[String: Any]])
        let findings = try XCTUnwrap(reports.first?["findings"] as? [[String: Any]])
        let onLine43 = findings.filter { $0["line"] as? Int == 43 }
        XCTAssertEqual(Set(onLine43.map { "\($0["id"]!) page \($0["page"] ?? "none")" }),
                       ["requests.row_sum page 2", "requests.results_sum page 3"])
        XCTAssertTrue(findings.allSatisfy { $0["page"] is Int && $0["line"] is Int && $0["message"] is String }, json.stdout)

        let txt = try run(["check", "--format", "json", sample("xin-county-office-2021")])
        let txtFindings = try XCTUnwrap((JSONSerialization.jsonObject(with: Data(txt.stdout.utf8)) as? [[String: Any]])?.first?["findings"] as? [[String: Any]])
        XCTAssertFalse(txtFindings.isEmpty)
        XCTAssertTrue(txtFindings.allSatisfy { $0["page"] == nil && $0["line"] is Int }, "a text input has lines, no pages")
    }

    func testCompareTakesMoreThanSixtyAgenciesInCSV() throws {
        let inputs = (0..<61).map { _ in sample("xixia-county-2022") }
        let out = FileManager.default.temporaryDirectory.appendingPathComponent("nianbao-61-\(ProcessInfo.processInfo.processIdentifier).csv").path
        let csv = try run(["compare"] + inputs + ["-o", out])
        XCTAssertEqual(csv.status, 0, csv.stderr)
        let pdf = try run(["compare"] + inputs + ["-o", out + ".pdf"])
        XCTAssertEqual(pdf.status, 64)
        XCTAssertTrue(pdf.stderr.contains("At most 60 reports fit on one handout"), pdf.stderr)
    }
}
