import Foundation
import NianbaoTestSupport
import XCTest

/// What the command line says about itself (issue 23 item 6): help that names every input
/// kind, usage errors that exit 64, a misspelt command named as one.
final class UsageTests: XCTestCase {
    func run(_ args: [String], directory: URL? = nil) throws -> CLITests.Result { try CLITests.run(args, directory: directory) }

    func testEveryFileArgumentNamesEveryInputKind() throws {
        for command in [["parse"], ["check"], ["render"], ["compare"], ["batch", "run"]] {
            let help = try run(command + ["--help"])
            XCTAssertEqual(help.status, 0, help.stderr)
            // Help wraps its lines: compare the words, not the line breaks.
            let text = help.stdout.split(whereSeparator: \.isWhitespace).joined(separator: " ")
            for kind in ["PDF", ".html", "Word (.docx)", "text"] {
                XCTAssertTrue(text.contains(kind), "\(command.joined(separator: " ")) --help does not name \(kind):\n\(help.stdout)")
            }
            XCTAssertFalse(text.contains("Report text files"), "\(command) --help still says text files only")
        }
    }

    /// `nianbao serve` runs nianbao-serve from beside the binary, passing its options on.
    func testServeStartsTheServerBesideTheBinary() throws {
        let help = try run(["serve", "--help"])
        XCTAssertEqual(help.status, 0, help.stderr)
        XCTAssertTrue(help.stdout.contains("--host"), help.stdout)
        XCTAssertTrue(help.stdout.contains("127.0.0.1"), help.stdout)
        let wrong = try run(["serve", "--port", "70000"])
        XCTAssertEqual(wrong.status, 64, wrong.stderr)
    }

    func testAMisspeltCommandIsNamedWithTheNearestAndTheList() throws {
        let r = try run(["rendr", "x"])
        XCTAssertEqual(r.status, 64)
        XCTAssertTrue(r.stderr.contains("unknown command 'rendr'; did you mean 'render'?"), r.stderr)
        XCTAssertTrue(r.stderr.contains("ommands are parse, check, render, compare, batch, serve, fonts (nianbao COMMAND --help for each)"), r.stderr)
        XCTAssertFalse(r.stderr.contains("unexpected argument"), r.stderr)
        XCTAssertFalse(r.stderr.contains("batch-worker"), "the worker mode is not for people")
        let far = try run(["xyzzy"])
        XCTAssertEqual(far.status, 64)
        XCTAssertTrue(far.stderr.contains("unknown command 'xyzzy'\n"), "no far-fetched guess: \(far.stderr)")
        XCTAssertTrue(far.stderr.contains("The commands are parse, check, render"), far.stderr)
        XCTAssertEqual(try run(["comprae", "a", "b"]).stderr.contains("did you mean 'compare'?"), true)
        // A report where the command belongs: say what to do with it.
        let file = try run([CLITests.sample("xixia-county-2022")])
        XCTAssertEqual(file.status, 64)
        XCTAssertTrue(file.stderr.contains("is a file, not a command; say what to do with it, e.g. nianbao render "), file.stderr)
        // The commands, `help` and the options still work.
        XCTAssertEqual(try run(["help", "render"]).status, 0)
        XCTAssertEqual(try run(["--version"]).status, 0)
        XCTAssertEqual(try run(["check", CLITests.sample("xixia-county-2022")]).status, 0)
        XCTAssertEqual(try run(["batch", "--help"]).status, 0)
    }

    /// Every way of getting the command line wrong exits 64 with a message that names what
    /// was wrong; a style file that exists but is wrong is an input error (2).
    func testUsageErrorsExit64() throws {
        let xixia = CLITests.sample("xixia-county-2022"), hanyin = CLITests.sample("hanyin-county-2022")
        let out = FileManager.default.temporaryDirectory.appendingPathComponent("nianbao-usage-\(ProcessInfo.processInfo.processIdentifier)").path
        let cases: [([String], String)] = [
            (["render", xixia, "--style", "nosuch", "--output-dir", out], "--style nosuch: no style of that name; the styles are compact, official"),
            (["compare", xixia, hanyin, "-o", out + "/a.pdf", "--style", "nosuch"], "--style nosuch: no style of that name"),
            (["batch", out, "--style", "nosuch", "--output-dir", out], "--style nosuch: no style of that name"),
            (["fonts", "--style", "nosuch"], "--style nosuch: no style of that name"),
            (["render", xixia, "--style", "/nonexistent/mine.yaml", "--output-dir", out], "--style /nonexistent/mine.yaml: no such style file"),
            (["compare", xixia, hanyin, "-o", out + "/a.csv", "--sort", "requests.new.totl"], "--sort requests.new.totl: not a metric of --metrics all (the default for .csv); did you mean 'requests.new.total'?"),
            (["compare", xixia, hanyin, "-o", out + "/a.csv", "--metrics", "summary", "--sort", "requests.granted.natural"], "--sort requests.granted.natural: not a metric of --metrics summary"),
            (["compare", xixia, hanyin, "-o", out + "/a.csv", "--metrics", "most"], "'most' is invalid for '--metrics"),
            (["compare", xixia, hanyin, "-o", out + "/a.pdf", "--paper", "a5"], "'a5' is invalid for '--paper"),
            (["render", xixia, "--format", "pdf,docx", "--output-dir", out], "'pdf,docx' is invalid for '--format <list>'"),
            (["render", xixia, "--fonts-dir", "/nonexistent-fonts"], "--fonts-dir /nonexistent-fonts: no such folder"),
            (["check", xixia, "--format", "xml"], "'xml' is invalid for '--format"),
            (["batch", out, "--jobs", "0"], "--jobs must be between 1 and 256"),
            (["batch", out, "--shard", "0/3"], "shards count from 1"),
            (["render", "--output-dir", out], "Missing expected argument '<file> ...'"),
        ]
        for (args, message) in cases {
            let r = try run(args)
            XCTAssertEqual(r.status, 64, "nianbao \(args.joined(separator: " ")): \(r.stderr)")
            XCTAssertTrue(r.stderr.contains(message), "nianbao \(args.joined(separator: " ")): \(r.stderr)")
            XCTAssertTrue(r.stderr.contains("Usage: nianbao"), "a usage error shows the usage: \(r.stderr)")
        }
        XCTAssertFalse(FileManager.default.fileExists(atPath: out), "no usage error wrote anything")
        // Years of one agency keep their order: --sort there is a usage error too.
        let text = try String(contentsOfFile: xixia, encoding: .utf8).replacingOccurrences(of: "2022", with: "2021")
        let earlier = try CLITests.temp("xixia-sort-2021.txt", Array(text.utf8))
        let years = try run(["compare", earlier, xixia, "-o", out + "/years.csv", "--sort", "requests.new.total"])
        XCTAssertEqual(years.status, 64, years.stderr)
        XCTAssertTrue(years.stderr.contains("--sort requests.new.total: these reports include several years of one agency"), years.stderr)
        // A style file that is there but wrong is an input that cannot be used: 2, naming file and key.
        let odd = try CLITests.temp("odd-usage.yaml", Array("name: odd\npage: {width: 210}\n".utf8))
        let bad = try run(["render", xixia, "--style", odd, "--output-dir", out])
        XCTAssertEqual(bad.status, 2, bad.stderr)
        XCTAssertTrue(bad.stderr.contains("odd-usage.yaml: page.height: is missing"), bad.stderr)
    }
}

extension UsageTests {
    /// One vocabulary of format names: `txt`/`text` and `md`/`markdown` are taken by every
    /// command (help shows each command's own), a bad item of a list is named with the
    /// valid ones, and `render -o x.csv` points to `parse --format cells`.
    func testFormatNamesAreTheSameEverywhere() throws {
        let xixia = CLITests.sample("xixia-county-2022")
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("nianbao-formats-\(ProcessInfo.processInfo.processIdentifier)")
        try? FileManager.default.removeItem(at: dir)
        defer { try? FileManager.default.removeItem(at: dir) }
        // parse takes render's names
        for (alias, canonical) in [("txt", "text"), ("md", "markdown"), ("TXT", "text")] {
            let a = try run(["parse", "--format", alias, xixia]), c = try run(["parse", "--format", canonical, xixia])
            XCTAssertEqual(a.status, 0, "parse --format \(alias): \(a.stderr)")
            XCTAssertEqual(a.stdout, c.stdout, "parse --format \(alias) is --format \(canonical)")
        }
        XCTAssertEqual(try run(["check", "--format", "txt", xixia]).status, 0)
        // render (and batch, the same list) takes parse's names
        let render = try run(["render", xixia, "--format", "pdf,text,markdown", "--output-dir", dir.path])
        XCTAssertEqual(render.status, 0, render.stderr)
        XCTAssertEqual(try FileManager.default.contentsOfDirectory(atPath: dir.path).sorted(),
                       ["xixia-county-2022.md", "xixia-county-2022.pdf", "xixia-county-2022.txt"])
        let one = try run(["render", xixia, "-o", dir.appendingPathComponent("one.txt").path, "--format", "text"])
        XCTAssertEqual(one.status, 0, one.stderr)
        // help shows the canonical names only
        XCTAssertTrue(try run(["render", "--help"]).stdout.contains("pdf, ofd, txt, md, json"))
        let parseHelp = try run(["parse", "--help"]).stdout
        XCTAssertTrue(parseHelp.contains("json, cells, text, markdown") || parseHelp.contains("values: json, cells, text, markdown"), parseHelp)
        // a bad item is named, with the valid ones
        for command in [["render", xixia, "--output-dir", dir.path], ["batch", dir.path, "--output-dir", dir.path]] {
            let bad = try run(command + ["--format", "pdf,docx"])
            XCTAssertEqual(bad.status, 64, bad.stderr)
            XCTAssertTrue(bad.stderr.contains("'docx' is not a format; the formats are pdf, ofd, txt, md, json"), bad.stderr)
        }
        let parseBad = try run(["parse", "--format", "pdf", xixia])
        XCTAssertEqual(parseBad.status, 64, parseBad.stderr)
        XCTAssertTrue(parseBad.stderr.contains("'json', 'cells', 'text' or 'markdown'"), parseBad.stderr)
        // CSV is parse's (a report's cells) or compare's, never render's
        let csv = try run(["render", xixia, "-o", dir.appendingPathComponent("x.csv").path])
        XCTAssertEqual(csv.status, 64, csv.stderr)
        XCTAssertTrue(csv.stderr.contains("nianbao parse --format cells"), csv.stderr)
        XCTAssertFalse(csv.stderr.contains("or give --format"), csv.stderr)
        XCTAssertFalse(FileManager.default.fileExists(atPath: dir.appendingPathComponent("x.csv").path))
    }
}
