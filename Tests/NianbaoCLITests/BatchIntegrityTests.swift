import Foundation
import NianbaoTestSupport
import ZIPFoundation
import XCTest

/// What a fault-injection run found (issue 19, item 4): damaged outputs taken as done, damaged
/// shard indexes merged, two kinds of run in one folder, formulas in the index, zip entries
/// without a row.
final class BatchIntegrityTests: XCTestCase {
    private var dir: URL!

    override func setUpWithError() throws {
        dir = FileManager.default.temporaryDirectory.appendingPathComponent("nianbao-integrity-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir.appendingPathComponent("in"), withIntermediateDirectories: true)
    }

    override func tearDownWithError() throws {
        try? FileManager.default.removeItem(at: dir)
    }

    private func run(_ args: [String]) throws -> CLITests.Result {
        try CLITests.run(args, env: ["SOURCE_DATE_EPOCH": "1675123200"], directory: dir)
    }

    private func put(_ sample: String, _ name: String) throws {
        let url = dir.appendingPathComponent("in/\(name)")
        try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
        try FileManager.default.copyItem(at: TestPaths.sample(sample), to: url)
    }

    private func url(_ path: String) -> URL { dir.appendingPathComponent(path) }

    func testResumeRemakesOutputsThatNoLongerMatchTheirRecord() throws {
        try put("xixia-county-2022", "a.txt")
        try put("hanyin-county-2022", "b.txt")
        try put("xin-county-office-2021", "c.txt")
        XCTAssertEqual(try run(["batch", "in", "--output-dir", "out", "--quiet", "--jobs", "1", "--format", "pdf,json"]).status, 0)
        let pdf = try Data(contentsOf: url("out/a.pdf")), json = try Data(contentsOf: url("out/b.json"))
        // A PDF cut short, and a JSON of garbage of its very size (so the size alone cannot tell).
        try pdf.prefix(pdf.count / 2).write(to: url("out/a.pdf"))
        try Data(repeating: 0x7B, count: json.count).write(to: url("out/b.json"))
        let resumed = try run(["batch", "in", "--output-dir", "out", "--jobs", "1", "--format", "pdf,json", "--resume"])
        XCTAssertEqual(resumed.status, 0, resumed.stderr)
        XCTAssertTrue(resumed.stderr.contains("(1 already done)"), "only c.txt is still whole: \(resumed.stderr)")
        XCTAssertEqual(try Data(contentsOf: url("out/a.pdf")), pdf, "made again")
        XCTAssertEqual(try Data(contentsOf: url("out/b.json")), json, "made again")
        let again = try run(["batch", "in", "--output-dir", "out", "--jobs", "1", "--format", "pdf,json", "--resume"])
        XCTAssertTrue(again.stderr.contains("(3 already done)"), again.stderr)
    }

    /// Two shards' indexes, for the merge tests.
    private func shards() throws {
        for i in 0..<6 { try put(TestPaths.samples[i % 4], "r\(i).txt") }
        try Data().write(to: url("in/empty.txt"))
        for k in 1...2 {
            let r = try run(["batch", "in", "--output-dir", "out", "--quiet", "--jobs", "1", "--format", "txt", "--shard", "\(k)/2"])
            XCTAssertTrue([0, 1].contains(r.status), r.stderr)
        }
    }

    func testMergeRefusesAShardIndexCutMidRow() throws {
        try shards()
        let index = url("out/index-1-of-2.csv")
        let whole = try Data(contentsOf: index)
        try whole.prefix(whole.count - 5).write(to: index)
        let cut = try run(["batch", "merge", "out"])
        XCTAssertEqual(cut.status, 2, cut.stderr)
        XCTAssertTrue(cut.stderr.contains("out/index-1-of-2.csv is damaged"), cut.stderr)
        XCTAssertTrue(cut.stderr.contains("cut short"), cut.stderr)
        XCTAssertFalse(FileManager.default.fileExists(atPath: url("out/index.csv").path), "nothing merged")
        // Cut at a line end: every row whole, but one fewer than the shard's summary counts.
        let lines = whole.split(separator: 0x0A, omittingEmptySubsequences: false)
        try Data(lines.dropLast(2).joined(separator: [0x0A]) + [0x0A]).write(to: index)
        let short = try run(["batch", "merge", "out"])
        XCTAssertEqual(short.status, 2, short.stderr)
        XCTAssertTrue(short.stderr.contains("out/index-1-of-2.csv is damaged") && short.stderr.contains("summary-1-of-2.json counts"), short.stderr)
        // A row of the wrong shape.
        try (String(decoding: whole, as: UTF8.self) + "x.txt,,,ok\n").write(to: index, atomically: true, encoding: .utf8)
        let shape = try run(["batch", "merge", "out"])
        XCTAssertEqual(shape.status, 2, shape.stderr)
        XCTAssertTrue(shape.stderr.contains("line \(lines.count) has 4 cells, not 9"), shape.stderr)
        try whole.write(to: index)
        XCTAssertEqual(try run(["batch", "merge", "out"]).status, 0)
    }

    func testOneLockPerOutputFolderWhateverTheShard() throws {
        for i in 0..<60 { try put("xixia-county-2022", "r\(i).txt") }
        let first = Process()
        first.executableURL = CLITests.binary
        first.arguments = ["batch", "in", "--output-dir", "out", "--quiet", "--jobs", "1", "--shard", "1/2"] + CLITests.fonts
        first.currentDirectoryURL = dir
        try first.run()
        defer { first.interrupt(); first.waitUntilExit() }
        let lock = url("out/.nianbao/lock-1-of-2").path
        let deadline = Date().addingTimeInterval(20)
        while Date() < deadline && (try? String(contentsOfFile: lock, encoding: .utf8))?.isEmpty != false { usleep(20_000) }
        let unsharded = try run(["batch", "in", "--output-dir", "out", "--quiet"])
        XCTAssertEqual(unsharded.status, 2, unsharded.stderr)
        XCTAssertTrue(unsharded.stderr.contains("another nianbao batch (pid \(first.processIdentifier)) is writing into out as shard 1 of 2"), unsharded.stderr)
        let otherN = try run(["batch", "in", "--output-dir", "out", "--quiet", "--shard", "1/3"])
        XCTAssertEqual(otherN.status, 2, otherN.stderr)
        XCTAssertTrue(otherN.stderr.contains("sharded in 2, not 3"), otherN.stderr)
        let same = try run(["batch", "in", "--output-dir", "out", "--quiet", "--shard", "1/2"])
        XCTAssertEqual(same.status, 2, same.stderr)
        XCTAssertTrue(same.stderr.contains("as shard 1 of 2"), same.stderr)
    }

    func testIndexCellsAreSpreadsheetSafeAndTheJSONExact() throws {
        try put("xixia-county-2022", "=1+1.txt")
        try put("hanyin-county-2022", "-x/@y.txt")
        let r = try run(["batch", "in", "--output-dir", "out", "--quiet", "--format", "json"])
        XCTAssertEqual(r.status, 0, r.stderr)
        let rows = try String(contentsOf: url("out/index.csv"), encoding: .utf8).split(separator: "\n").map(String.init)
        XCTAssertTrue(rows.contains { $0.hasPrefix("'-x/@y.txt,汉阴县,2022,") && $0.contains(",'-x/@y.json,") }, rows.joined(separator: "\n"))
        XCTAssertTrue(rows.contains { $0.hasPrefix("'=1+1.txt,西峡县人民政府,2022,") && $0.contains(",'=1+1.json,") }, rows.joined(separator: "\n"))
        XCTAssertFalse(rows.dropFirst().contains { $0.first.map { "=+-@".contains($0) } ?? false }, rows.joined(separator: "\n"))
        let json = try String(contentsOf: url("out/=1+1.json"), encoding: .utf8)
        XCTAssertTrue(json.contains(#""=1+1.txt""#), "the JSON keeps the name exact")
    }

    func testEveryZipEntryGetsARow() throws {
        let zip = url("in.zip")
        let archive = try Archive(url: zip, accessMode: .create)
        let report = try Data(contentsOf: TestPaths.sample("xin-county-office-2021"))
        for path in ["a.txt", "b.txt", "c.txt"] {
            try archive.addEntry(with: path, type: .file, uncompressedSize: Int64(report.count), compressionMethod: .deflate) { position, size in
                report.subdata(in: Int(position)..<Int(position) + size)
            }
        }
        let target = Data("/etc/passwd".utf8)
        try archive.addEntry(with: "link.txt", type: .symlink, uncompressedSize: Int64(target.count)) { position, size in
            target.subdata(in: Int(position)..<Int(position) + size)
        }
        // b.txt's local header offset pointed past the end of the file.
        var bytes = [UInt8](try Data(contentsOf: zip))
        var at = 0
        while at + 46 < bytes.count {
            if bytes[at..<(at + 4)] == [0x50, 0x4B, 0x01, 0x02], bytes[(at + 46)..<(at + 51)] == ArraySlice("b.txt".utf8) {
                bytes.replaceSubrange((at + 42)..<(at + 46), with: [0x00, 0x00, 0x00, 0x7F])
            }
            at += 1
        }
        try Data(bytes).write(to: zip)
        let r = try run(["batch", "in.zip", "--output-dir", "out", "--quiet", "--format", "txt"])
        XCTAssertEqual(r.status, 1, r.stderr)
        let rows = try String(contentsOf: url("out/index.csv"), encoding: .utf8).split(separator: "\n").dropFirst().map(String.init)
        XCTAssertEqual(rows.map { String($0.prefix { $0 != "," }) }, ["a.txt", "b.txt", "c.txt", "link.txt"], rows.joined(separator: "\n"))
        guard rows.count == 4 else { return }
        XCTAssertTrue(rows[1].contains(",failed,") && rows[1].contains("local header offset 2130706432 points past the end of the zip"), rows[1])
        XCTAssertTrue(rows[2].contains(",warnings,"), "the entry after the damaged one still renders: \(rows[2])")
        XCTAssertTrue(rows[3].contains(",failed,") && rows[3].contains("a symbolic link in the zip: not followed"), rows[3])
        XCTAssertFalse(FileManager.default.fileExists(atPath: url("out/link.txt").path))
    }
}

/// Every command reads a file the way `batch` does (issue 19, item 5).
final class OneInputPathTests: XCTestCase {
    func testSingleFileCommandsRefuseAFIFOAndAnOversizedFileWithoutHanging() throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("nianbao-onepath-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        XCTAssertEqual(mkfifo(dir.appendingPathComponent("pipe.txt").path, 0o644), 0)
        FileManager.default.createFile(atPath: dir.appendingPathComponent("big.txt").path, contents: Data(repeating: 0x41, count: (16 << 20) + 1))
        for (file, reason) in [("pipe.txt", "not a regular file (a pipe, socket or device): not read"), ("big.txt", "larger than 16 MiB: not a report")] {
            // Not CLITests.run: a command that waits on the FIFO must fail the test, not hang it.
            let p = Process()
            p.executableURL = CLITests.binary
            p.arguments = ["parse", dir.appendingPathComponent(file).path]
            let err = Pipe()
            p.standardError = err
            p.standardOutput = FileHandle.nullDevice
            try p.run()
            let deadline = Date().addingTimeInterval(20)
            while p.isRunning && Date() < deadline { usleep(20_000) }
            if p.isRunning { kill(p.processIdentifier, SIGKILL); p.waitUntilExit(); XCTFail("parse \(file) hung"); continue }
            let stderr = String(decoding: err.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
            XCTAssertEqual(p.terminationStatus, 2, stderr)
            XCTAssertEqual(stderr, "\(dir.appendingPathComponent(file).path): error: \(reason)\n")
        }
    }
}
