import Foundation
import NianbaoTestSupport
import ZIPFoundation
import XCTest

/// Nothing a user gave is overwritten or lost (issue 11): outputs that would replace an input,
/// two inputs with one name, compare reading its own output, inputs of every kind in a batch.
final class NothingLostTests: XCTestCase {
    private var dir: URL!

    override func setUpWithError() throws {
        dir = FileManager.default.temporaryDirectory.appendingPathComponent("nianbao-lost-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
    }

    override func tearDownWithError() throws {
        try? FileManager.default.removeItem(at: dir)
    }

    /// Copies a sample to `relative` under the test folder; returns its path.
    private func copy(_ sample: String, to relative: String) throws -> String {
        let url = dir.appendingPathComponent(relative)
        try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
        try FileManager.default.copyItem(at: TestPaths.sample(sample), to: url)
        return url.path
    }

    private func run(_ args: [String]) throws -> CLITests.Result {
        try CLITests.run(args, directory: dir)
    }

    private func bytes(_ path: String) throws -> Data { try Data(contentsOf: URL(fileURLWithPath: path)) }

    func testAnOutputThatIsAnInputIsRefusedAndNothingIsWritten() throws {
        let report = try copy("xixia-county-2022", to: "x.txt")
        let before = try bytes(report)
        // render's text export into the input's own folder
        let render = try run(["render", report, "--format", "txt", "--output-dir", dir.path])
        XCTAssertEqual(render.status, 2)
        XCTAssertTrue(render.stderr.contains("is an input") && render.stderr.contains("nothing was written"), render.stderr)
        XCTAssertEqual(try bytes(report), before)
        // parse -o onto the input, also through a symlink and a hard link
        try FileManager.default.createSymbolicLink(atPath: dir.appendingPathComponent("link.txt").path, withDestinationPath: report)
        try FileManager.default.linkItem(atPath: report, toPath: dir.appendingPathComponent("hard.txt").path)
        for target in [report, dir.appendingPathComponent("link.txt").path, dir.appendingPathComponent("hard.txt").path] {
            let parse = try run(["parse", "--format", "text", report, "-o", target])
            XCTAssertEqual(parse.status, 2, target)
            XCTAssertEqual(try bytes(report), before, target)
        }
        // compare onto one of its reports
        let other = try copy("hanyin-county-2022", to: "b.txt")
        let compare = try run(["compare", report, other, "-o", other])
        XCTAssertEqual(compare.status, 2)
        XCTAssertEqual(try bytes(other), try Data(contentsOf: TestPaths.sample("hanyin-county-2022")))
        // batch with the output folder over its inputs
        let batch = try run(["batch", dir.path, "--output-dir", dir.path, "--format", "txt", "--quiet"])
        XCTAssertEqual(batch.status, 2, batch.stderr)
        XCTAssertEqual(try bytes(report), before)
        XCTAssertFalse(batch.stderr.contains("NSCocoaErrorDomain") || render.stderr.contains("UserInfo="))
    }

    func testInputsWithOneNameKeepTheirFolders() throws {
        let a = try copy("xixia-county-2022", to: "deptA/报告.txt")
        let b = try copy("hanyin-county-2022", to: "deptB/报告.txt")
        let out = dir.appendingPathComponent("out").path
        let render = try run(["render", a, b, "--output-dir", out, "--format", "pdf,txt"])
        XCTAssertEqual(render.status, 0, render.stderr)
        for folder in ["deptA", "deptB"] {
            XCTAssertTrue(FileManager.default.fileExists(atPath: "\(out)/\(folder)/报告.pdf"), folder)
        }
        XCTAssertTrue(try String(contentsOfFile: "\(out)/deptA/报告.txt", encoding: .utf8).hasPrefix("西峡县"))
        XCTAssertTrue(try String(contentsOfFile: "\(out)/deptB/报告.txt", encoding: .utf8).hasPrefix("汉阴县"))
        let parse = try run(["parse", a, b, "-o", dir.appendingPathComponent("json").path])
        XCTAssertEqual(parse.status, 0, parse.stderr)
        XCTAssertTrue(FileManager.default.fileExists(atPath: dir.appendingPathComponent("json/deptA/报告.json").path))
        XCTAssertTrue(FileManager.default.fileExists(atPath: dir.appendingPathComponent("json/deptB/报告.json").path))
    }

    func testCompareRunTwiceSkipsItsOwnOutput() throws {
        _ = try copy("xixia-county-2022", to: "a.txt")
        _ = try copy("hanyin-county-2022", to: "b.txt")
        // compare *.txt -o sheet.txt: the first time the glob has a.txt b.txt, the second time sheet.txt too.
        let first = try run(["compare", "a.txt", "b.txt", "-o", "sheet.txt"])
        XCTAssertEqual(first.status, 0, first.stderr)
        let again = try run(["compare", "a.txt", "b.txt", "sheet.txt", "-o", "sheet.txt"])
        XCTAssertEqual(again.status, 0, again.stderr)
        XCTAssertTrue(again.stderr.contains("sheet.txt: skipped: it is this command's own output"), again.stderr)
        XCTAssertTrue(try String(contentsOf: dir.appendingPathComponent("sheet.txt"), encoding: .utf8).contains("西峡县人民政府"))
    }

    /// Any comparison nianbao wrote, in any of its formats, is skipped with a note when a glob
    /// brings it in (`compare *.txt -o sheet.txt` beside an earlier `change.txt`), not reported
    /// as a broken report: it is recognised by its content, not by being the current -o file.
    func testCompareSkipsEveryEarlierComparison() throws {
        _ = try copy("xixia-county-2022", to: "a.txt")
        _ = try copy("hanyin-county-2022", to: "b.txt")
        let earlier = ["change.txt", "change.md", "change.csv", "change.pdf", "change.ofd"]
        for name in earlier {
            let r = try run(["compare", "a.txt", "b.txt", "-o", name])
            XCTAssertEqual(r.status, 0, "\(name): \(r.stderr)")
        }
        let again = try run(["compare", "a.txt", "b.txt"] + earlier + ["-o", "sheet.txt"])
        XCTAssertEqual(again.status, 0, again.stderr)
        for name in earlier {
            XCTAssertTrue(again.stderr.contains("\(name): skipped: it is a comparison nianbao wrote, not a report"), again.stderr)
        }
        XCTAssertFalse(again.stderr.contains("error"), again.stderr)
        XCTAssertTrue(again.stderr.contains("wrote sheet.txt (2 reports"), again.stderr)
        // A report nianbao rendered is still a report: its PDF is read, not skipped.
        let rendered = try run(["render", "a.txt", "-o", "a-rendered.pdf"])
        XCTAssertEqual(rendered.status, 0, rendered.stderr)
        let withPDF = try run(["compare", "a-rendered.pdf", "b.txt", "-o", "sheet2.csv"])
        XCTAssertEqual(withPDF.status, 0, withPDF.stderr)
        XCTAssertFalse(withPDF.stderr.contains("skipped"), withPDF.stderr)
    }

    func testDuplicateFormatsWriteOnce() throws {
        let report = try copy("xin-county-office-2021", to: "x.txt")
        let r = try run(["render", report, "--format", "pdf,pdf,json", "--output-dir", dir.appendingPathComponent("o").path])
        XCTAssertEqual(r.status, 0, r.stderr)
        XCTAssertEqual(r.stderr.components(separatedBy: "wrote ").count - 1, 2, r.stderr)
    }

    func testBatchReadsEveryKindAndFailsTwoInputsThatWouldShareOutputs() throws {
        let root = dir.appendingPathComponent("in")
        try FileManager.default.createDirectory(at: root, withIntermediateDirectories: true)
        for (from, to) in [("lo-pdf/xixia-county-2022.pdf", "a/xixia.pdf"), ("html/hanyin-county-2022-site.html", "b/hanyin.html"),
                           ("docx/jianxi-district-office-2022.docx", "c/jianxi.docx"), ("doc/xin-county-office-2021.doc", "d/xin.doc"),
                           ("scan.pdf", "e/scan.pdf")] {
            let url = root.appendingPathComponent(to)
            try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
            try FileManager.default.copyItem(at: TestPaths.file(from), to: url)
        }
        _ = try copy("xin-county-office-2021", to: "in/f/same.txt")
        try FileManager.default.copyItem(at: TestPaths.file("html/xin-county-office-2021-site.html"), to: root.appendingPathComponent("f/same.html"))
        let out = dir.appendingPathComponent("out").path
        let r = try run(["batch", root.path, "--output-dir", out, "--jobs", "2", "--quiet"])
        XCTAssertEqual(r.status, 1, r.stderr)
        let index = try String(contentsOfFile: out + "/index.csv", encoding: .utf8)
        let rows = Dictionary(uniqueKeysWithValues: index.split(separator: "\n").dropFirst().map { line in
            (String(line.split(separator: ",")[0]), String(line))
        })
        XCTAssertTrue(rows["a/xixia.pdf"]?.contains(",西峡县人民政府,2022,ok,") == true, index)
        XCTAssertTrue(rows["b/hanyin.html"]?.contains(",汉阴县,2022,") == true, index)
        XCTAssertTrue(rows["c/jianxi.docx"]?.contains(",ok,") == true, index)
        XCTAssertTrue(rows["d/xin.doc"]?.contains("failed") == true && rows["d/xin.doc"]!.contains("libreoffice --headless --convert-to docx"), index)
        XCTAssertTrue(rows["e/scan.pdf"]?.contains("it is a scan") == true, index)
        XCTAssertTrue(rows["f/same.txt"]?.contains("failed") == true && rows["f/same.txt"]!.contains("f/same.html"), index)
        XCTAssertTrue(rows["f/same.html"]?.contains("failed") == true, index)
        XCTAssertFalse(FileManager.default.fileExists(atPath: out + "/f/same.pdf"))
        XCTAssertTrue(FileManager.default.fileExists(atPath: out + "/a/xixia.pdf"))
    }
}

/// No input can hang or sink a batch, and failures say what to do (issue 11).
final class BatchRobustnessTests: XCTestCase {
    private var dir: URL!

    override func setUpWithError() throws {
        dir = FileManager.default.temporaryDirectory.appendingPathComponent("nianbao-robust-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir.appendingPathComponent("in"), withIntermediateDirectories: true)
    }

    override func tearDownWithError() throws {
        try? FileManager.default.removeItem(at: dir)
    }

    private func run(_ args: [String]) throws -> CLITests.Result {
        try CLITests.run(args, directory: dir)
    }

    private func put(_ sample: String, _ name: String) throws {
        try FileManager.default.copyItem(at: TestPaths.sample(sample), to: dir.appendingPathComponent("in/\(name)"))
    }

    private func index(_ out: String) throws -> [String: String] {
        let text = try String(contentsOf: dir.appendingPathComponent("\(out)/index.csv"), encoding: .utf8)
        return Dictionary(uniqueKeysWithValues: text.split(separator: "\n").dropFirst().map { (String($0.split(separator: ",")[0]), String($0)) })
    }

    func testAFIFOAndASlowInputBecomeFailedRows() throws {
        try put("xin-county-office-2021", "ok.txt")
        XCTAssertEqual(mkfifo(dir.appendingPathComponent("in/pipe.txt").path, 0o644), 0)
        let r = try run(["batch", "in", "--output-dir", "out", "--quiet", "--jobs", "1"])
        XCTAssertEqual(r.status, 1, r.stderr)
        let rows = try index("out")
        XCTAssertTrue(rows["pipe.txt"]?.contains("not a regular file") == true, "\(rows)")
        XCTAssertTrue(rows["ok.txt"]?.contains(",warnings,") == true, "\(rows)")
        let slow = try run(["batch", "in", "--output-dir", "slow", "--quiet", "--timeout", "0.01"])
        XCTAssertEqual(slow.status, 1)
        XCTAssertTrue(try index("slow")["ok.txt"]?.contains("took longer than 0.01 s") == true)
    }

    func testOneRunPerOutputFolder() throws {
        for i in 0..<60 { try put("xixia-county-2022", "r\(i).txt") }
        let first = Process()
        first.executableURL = CLITests.binary
        first.arguments = ["batch", "in", "--output-dir", "out", "--quiet", "--jobs", "1"] + CLITests.fonts
        first.currentDirectoryURL = dir
        try first.run()
        // Wait until the first run holds the lock (its workers are rendering).
        let lock = dir.appendingPathComponent("out/.nianbao/lock").path
        let deadline = Date().addingTimeInterval(20)
        while Date() < deadline && (try? String(contentsOfFile: lock, encoding: .utf8))?.isEmpty != false { usleep(20_000) }
        let second = try run(["batch", "in", "--output-dir", "out", "--quiet"])
        first.interrupt()
        first.waitUntilExit()
        XCTAssertEqual(second.status, 2, second.stderr)
        XCTAssertTrue(second.stderr.contains("another nianbao batch (pid \(first.processIdentifier)) is writing into out"), second.stderr)
        XCTAssertEqual(first.terminationStatus, 130, "Ctrl-C: interrupted, resumable")
    }

    func testUnwritableOutputFolderStopsBeforeRendering() throws {
        try put("xixia-county-2022", "x.txt")
        FileManager.default.createFile(atPath: dir.appendingPathComponent("file").path, contents: Data("x".utf8))
        let r = try run(["batch", "in", "--output-dir", "file/out", "--quiet"])
        XCTAssertEqual(r.status, 2)
        XCTAssertTrue(r.stderr.contains("error: cannot write file/out"), r.stderr)
        XCTAssertFalse(r.stderr.contains("NSCocoaErrorDomain") || r.stderr.contains("UserInfo="), r.stderr)
        let render = try run(["render", "in/x.txt", "--output-dir", "file/out"])
        XCTAssertEqual(render.status, 2)
        XCTAssertTrue(render.stderr.contains("cannot write file/out/x.pdf: a part of the path is not a directory"), render.stderr)
    }

    func testLongAndUpperCaseNames() throws {
        let long = String(repeating: "长", count: 80) + ".txt"  // 240 bytes + 4
        try put("xin-county-office-2021", long)
        try put("xixia-county-2022", "UPPER.TXT")
        let r = try run(["batch", "in", "--output-dir", "out", "--quiet", "--format", "pdf,json"])
        XCTAssertEqual(r.status, 0, r.stderr)
        XCTAssertTrue(FileManager.default.fileExists(atPath: dir.appendingPathComponent("out/" + String(long.dropLast(4)) + ".json").path))
        XCTAssertTrue(FileManager.default.fileExists(atPath: dir.appendingPathComponent("out/UPPER.pdf").path))
        let leftovers = (FileManager.default.enumerator(atPath: dir.appendingPathComponent("out").path)?.allObjects as? [String] ?? []).filter { $0.hasSuffix(".nianbao-tmp") }
        XCTAssertEqual(leftovers, [])
    }
}

extension BatchRobustnessTests {
    func testAFullDiskStopsTheRunWithOneLine() throws {
        let mountPoint = dir.appendingPathComponent("small")
        try FileManager.default.createDirectory(at: mountPoint, withIntermediateDirectories: true)
        let mount = try Tool.run("mount", ["-t", "tmpfs", "-o", "size=200k", "tmpfs", mountPoint.path])
        guard mount.status == 0 else { throw XCTSkip("cannot mount a small tmpfs here: \(mount.stderr)") }
        defer { _ = try? Tool.run("umount", [mountPoint.path]) }
        for i in 0..<12 { try put("xixia-county-2022", "r\(i).txt") }
        let r = try run(["batch", "in", "--output-dir", mountPoint.appendingPathComponent("out").path, "--quiet", "--jobs", "1"])
        XCTAssertEqual(r.status, 2, r.stderr)
        XCTAssertTrue(r.stderr.contains("is full; free some room and run the same command with --resume"), r.stderr)
        let leftovers = (FileManager.default.enumerator(atPath: mountPoint.path)?.allObjects as? [String] ?? []).filter { $0.hasSuffix(".nianbao-tmp") }
        XCTAssertEqual(leftovers, [], "no half-written file")
    }

    func testFolderNamesInGBKThroughTheCommand() throws {
        // 报告.txt named in GBK, as unzipping a Windows zip on Linux leaves it.
        let gbk: [UInt8] = [0xB1, 0xA8, 0xB8, 0xE6] + Array(".txt".utf8)
        let target = Array(dir.appendingPathComponent("in").path.utf8) + [0x2F] + gbk + [0]
        let data = try Data(contentsOf: TestPaths.sample("xin-county-office-2021"))
        let fd = target.withUnsafeBufferPointer { open(UnsafeRawPointer($0.baseAddress!).assumingMemoryBound(to: CChar.self), O_CREAT | O_WRONLY, 0o644) }
        XCTAssertGreaterThanOrEqual(fd, 0)
        _ = data.withUnsafeBytes { write(fd, $0.baseAddress, $0.count) }
        close(fd)
        let r = try run(["batch", "in", "--output-dir", "out", "--quiet"])
        XCTAssertEqual(r.status, 0, r.stderr)
        XCTAssertTrue(try index("out")["报告.txt"]?.contains("新县人民政府办公室") == true)
        XCTAssertTrue(FileManager.default.fileExists(atPath: dir.appendingPathComponent("out/报告.pdf").path))
    }

    func testFindingsWithoutALineNameTheFileAlone() throws {
        let text = try String(contentsOf: TestPaths.sample("xin-county-office-2021"), encoding: .utf8)
            .replacingOccurrences(of: "六、其他需要报告的事项", with: "")
        try text.write(to: dir.appendingPathComponent("in/x.txt"), atomically: true, encoding: .utf8)
        let r = try run(["check", "in/x.txt"])
        XCTAssertTrue(r.stdout.contains("in/x.txt: warning: parse.section_missing:"), r.stdout)
        XCTAssertFalse(r.stdout.contains(":0:"), r.stdout)
    }
}

extension BatchRobustnessTests {
    func testAnInputThatNeedsTooMuchMemoryFailsAloneAndSaysWhy() throws {
        // About 8 MB of prose (about 290 MB to lay out): more than a worker of 128 MB can; a normal report beside it.
        let sample = try String(contentsOf: TestPaths.sample("xin-county-office-2021"), encoding: .utf8)
        let cut = try XCTUnwrap(sample.range(of: "二、主动公开政府信息情况"))
        // Varied text (no two paragraphs alike, so no shaping is reused), as the 3 MB sample of the issue.
        let characters = Array("政务公开平台建设通过多种形式公开政府信息不断加强载体打造立体化的体系我县保留了个新媒体严格执行安全保密工作规定进一步规范管理和应用")
        var seed: UInt64 = 42
        var prose = ""
        while prose.utf8.count < 8_000_000 {
            prose += "　　"
            for _ in 0..<300 {
                seed = seed &* 6364136223846793005 &+ 1442695040888963407
                prose.append(characters[Int(seed >> 33) % characters.count])
            }
            prose += "。\n"
        }
        try (sample[..<cut.lowerBound] + prose + sample[cut.lowerBound...]).write(to: dir.appendingPathComponent("in/huge.txt"), atomically: true, encoding: .utf8)
        try put("xixia-county-2022", "normal.txt")
        let r = try run(["batch", "in", "--output-dir", "out", "--quiet", "--jobs", "1", "--memory-limit", "128"])
        XCTAssertEqual(r.status, 1, r.stderr)
        let rows = try index("out")
        let huge = try XCTUnwrap(rows["huge.txt"])
        // The worker's memory watch stops it at the limit and says so by its exit status: never a
        // crash in a library whose allocation failed (fontconfig's, once), never "perhaps".
        XCTAssertTrue(huge.contains(",failed,") && huge.contains("needed more than 128 MB of memory (the limit for one worker, --memory-limit); its worker was stopped"), huge)
        XCTAssertFalse(huge.contains("died") || huge.contains("signal") || huge.contains("Backtrace"), huge)
        XCTAssertTrue(rows["normal.txt"]?.contains(",ok,") == true, "the other input still renders")
    }

    func testAliasedAndEscapingZipEntriesThroughTheCommand() throws {
        let zip = dir.appendingPathComponent("in.zip")
        let archive = try Archive(url: zip, accessMode: .create)
        let report = try Data(contentsOf: TestPaths.sample("xin-county-office-2021"))
        for path in ["x.txt", "./x.txt", "a/b/../c.txt", "../evil.txt", ".nianbao/records/y.txt"] {
            try archive.addEntry(with: path, type: .file, uncompressedSize: Int64(report.count)) { position, size in
                report.subdata(in: Int(position)..<Int(position) + size)
            }
        }
        let r = try run(["batch", zip.path, "--output-dir", "out", "--quiet"])
        XCTAssertEqual(r.status, 1, r.stderr)
        let rows = try index("out")
        XCTAssertEqual(rows.keys.filter { $0.hasPrefix("x.txt") }.count, 2, "both aliases have a row: \(rows.keys)")
        XCTAssertTrue(rows.filter { $0.key.hasPrefix("x.txt") }.allSatisfy { $0.value.contains("2 entries of the zip name x.txt") })
        XCTAssertTrue(rows["a/c.txt"]?.contains(",warnings,") == true, "a/b/../c.txt normalised and rendered")
        XCTAssertTrue(rows["../evil.txt"]?.contains("refused") == true, "shown as written")
        XCTAssertTrue(rows[".nianbao/records/y.txt"]?.contains("where nianbao keeps its records") == true)
        XCTAssertFalse(FileManager.default.fileExists(atPath: dir.appendingPathComponent("out/x.pdf").path))
        XCTAssertFalse(FileManager.default.fileExists(atPath: dir.appendingPathComponent("evil.pdf").path))
    }
}

extension NothingLostTests {
    /// `parse -o all.csv` with several inputs names a file, not a folder: a usage error, as
    /// `render -o` with several inputs is, and nothing made; a folder (no extension, a trailing
    /// `/`, or one that exists) still gets one file per input.
    func testParseOutputFileWithSeveralInputsIsAUsageError() throws {
        let a = try copy("xixia-county-2022", to: "a.txt")
        let b = try copy("hanyin-county-2022", to: "b.txt")
        for name in ["all.csv", "all.json", "sub/all.md"] {
            let r = try run(["parse", "--format", "cells", a, b, "-o", name])
            XCTAssertEqual(r.status, 64, "\(name): \(r.stderr)")
            XCTAssertTrue(r.stderr.contains("-o \(name) names a file, but 2 reports were given"), r.stderr)
            XCTAssertTrue(r.stderr.contains("Usage: nianbao parse"), r.stderr)
            XCTAssertFalse(FileManager.default.fileExists(atPath: dir.appendingPathComponent(name).path), name)
        }
        for folder in ["cells", "slash.d/"] {
            let r = try run(["parse", "--format", "cells", a, b, "-o", folder])
            XCTAssertEqual(r.status, 0, r.stderr)
            XCTAssertTrue(FileManager.default.fileExists(atPath: dir.appendingPathComponent(folder + "/a.cells.csv").path), folder)
        }
        try FileManager.default.createDirectory(at: dir.appendingPathComponent("made.d"), withIntermediateDirectories: true)
        let existing = try run(["parse", a, b, "-o", "made.d"])
        XCTAssertEqual(existing.status, 0, existing.stderr)
        XCTAssertTrue(FileManager.default.fileExists(atPath: dir.appendingPathComponent("made.d/b.json").path))
        // One input: -o all.csv is that file.
        let one = try run(["parse", "--format", "cells", a, "-o", "one.csv"])
        XCTAssertEqual(one.status, 0, one.stderr)
        XCTAssertTrue(try String(contentsOf: dir.appendingPathComponent("one.csv"), encoding: .utf8).contains("active.licensing.decisions,2957"))
    }

    /// Two inputs whose outputs would share a path are named, not numbered; parse's message
    /// offers no option parse does not have.
    func testAnOutputCollisionNamesTheInputs() throws {
        let txt = try copy("xixia-county-2022", to: "report.txt")
        let pdf = dir.appendingPathComponent("report.pdf").path
        let docx = dir.appendingPathComponent("report.docx").path
        try FileManager.default.copyItem(atPath: TestPaths.file("lo-pdf/xixia-county-2022.pdf").path, toPath: pdf)
        try FileManager.default.copyItem(atPath: TestPaths.file("docx/jianxi-district-office-2022.docx").path, toPath: docx)
        let render = try run(["render", "report.pdf", "report.txt", "report.docx", "--output-dir", "coll"])
        XCTAssertEqual(render.status, 2, render.stderr)
        XCTAssertTrue(render.stderr.contains("the outputs of report.pdf, report.txt and report.docx would be written to one path, coll/report.pdf; nothing was written"), render.stderr)
        XCTAssertFalse(render.stderr.contains("output 1 of"), render.stderr)
        XCTAssertFalse(FileManager.default.fileExists(atPath: dir.appendingPathComponent("coll/report.pdf").path))
        let parse = try run(["parse", pdf, txt, "-o", "json"])
        XCTAssertEqual(parse.status, 2, parse.stderr)
        XCTAssertTrue(parse.stderr.contains("the outputs of \(pdf) and \(txt) would be written to one path, json/report.json"), parse.stderr)
        XCTAssertFalse(parse.stderr.contains("--output-dir"), parse.stderr)
        // The same file given twice is said to be that.
        let twice = try run(["render", "report.txt", "./report.txt", "--output-dir", "twice", "--format", "txt"])
        XCTAssertEqual(twice.status, 2, twice.stderr)
        XCTAssertTrue(twice.stderr.contains("report.txt and ./report.txt are one file, given twice"), twice.stderr)
    }

    /// `--output-dir out/` (as a shell completes it) prints out/x.pdf, never out//x.pdf.
    func testOutputPathsArePrintedWithOneSlash() throws {
        _ = try copy("xixia-county-2022", to: "in/报告.txt")
        let render = try run(["render", "in/报告.txt", "--output-dir", "out/", "--format", "pdf,txt"])
        XCTAssertEqual(render.status, 0, render.stderr)
        XCTAssertTrue(render.stderr.contains("wrote out/报告.pdf\n") && render.stderr.contains("wrote out/报告.txt\n"), render.stderr)
        let batch = try run(["batch", "in", "--output-dir", "bout/", "--format", "txt"])
        XCTAssertEqual(batch.status, 0, batch.stderr)
        XCTAssertTrue(batch.stderr.contains("index: bout/index.csv"), batch.stderr)
        XCTAssertFalse(render.stderr.contains("//") || batch.stderr.contains("//"), render.stderr + batch.stderr)
        let merge = try run(["batch", "merge", "bout/"])
        XCTAssertFalse(merge.stderr.contains("//"), merge.stderr)
    }

    /// A Word 97–2003 file is never rendered (it gets the advice to convert it), so it claims no
    /// output names: the report of the same name beside it renders, in `batch` and `render`.
    func testADocBesideItsReportDoesNotBlockIt() throws {
        _ = try copy("xin-county-office-2021", to: "in/x.txt")
        try FileManager.default.copyItem(atPath: TestPaths.file("doc/xin-county-office-2021.doc").path,
                                         toPath: dir.appendingPathComponent("in/x.doc").path)
        let batch = try run(["batch", "in", "--output-dir", "out", "--quiet"])
        XCTAssertEqual(batch.status, 1, batch.stderr)
        let index = try String(contentsOf: dir.appendingPathComponent("out/index.csv"), encoding: .utf8)
        let rows = Dictionary(uniqueKeysWithValues: index.split(separator: "\n").dropFirst().map { (String($0.split(separator: ",")[0]), String($0)) })
        XCTAssertTrue(rows["x.txt"]?.contains(",warnings,") == true, index)
        XCTAssertTrue(rows["x.doc"]?.contains("libreoffice --headless --convert-to docx") == true, index)
        XCTAssertFalse(index.contains("same names"), index)
        XCTAssertTrue(FileManager.default.fileExists(atPath: dir.appendingPathComponent("out/x.pdf").path))
        let render = try run(["render", "in/x.doc", "in/x.txt", "--output-dir", "rout"])
        XCTAssertEqual(render.status, 2, "the .doc is an input that is not read: \(render.stderr)")
        XCTAssertTrue(render.stderr.contains("in/x.doc: error:") && render.stderr.contains("convert it to .docx"), render.stderr)
        XCTAssertTrue(render.stderr.contains("wrote rout/x.pdf"), render.stderr)
    }
}
