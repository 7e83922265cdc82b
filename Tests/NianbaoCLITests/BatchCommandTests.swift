import Foundation
import NianbaoTestSupport
import ZIPFoundation
import XCTest

/// `nianbao batch` end to end through the built binary.
final class BatchCommandTests: XCTestCase {
    static let samples = ["xixia-county-2022", "jianxi-district-office-2022", "xin-county-office-2021", "hanyin-county-2022"]

    func dir(_ name: String) -> URL {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("nianbao-batchcli-\(ProcessInfo.processInfo.processIdentifier)-\(name)")
        try? FileManager.default.removeItem(at: url)
        try? FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        return url
    }

    /// A tree of `count` reports (copies of the samples) plus the bad files listed.
    func archive(_ name: String, count: Int, bad: Bool = true) throws -> URL {
        let root = dir(name)
        for i in 0..<count {
            let url = root.appendingPathComponent("d\(i % 3)/sub\(i % 2)/r\(i).txt")
            try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
            try FileManager.default.copyItem(atPath: CLITests.sample(Self.samples[i % 4]), toPath: url.path)
        }
        if bad {
            try Data().write(to: root.appendingPathComponent("d0/empty.txt"))
            try Data("会议纪要\n".utf8).write(to: root.appendingPathComponent("d1/unrelated.txt"))
        }
        return root
    }

    func run(_ args: [String], env: [String: String] = [:]) throws -> CLITests.Result { try CLITests.run(args, env: env) }

    func index(_ out: URL, _ name: String = "index.csv") throws -> [String] {
        try String(contentsOf: out.appendingPathComponent(name), encoding: .utf8).split(separator: "\n").map(String.init)
    }

    func files(_ root: URL, _ ext: String) -> [String] {
        (FileManager.default.enumerator(atPath: root.path)?.allObjects as? [String] ?? []).filter { $0.hasSuffix(ext) && !$0.hasPrefix(".") }.sorted()
    }

    func testMirrorIndexAndExitCodes() throws {
        let input = try archive("mirror", count: 6)
        let out = dir("mirror-out")
        let r = try run(["batch", input.path, "--output-dir", out.path, "--format", "pdf,txt", "--jobs", "2"])
        XCTAssertEqual(r.status, 1, "some inputs failed: \(r.stderr)")
        XCTAssertEqual(files(out, ".pdf"), (0..<6).map { "d\($0 % 3)/sub\($0 % 2)/r\($0).pdf" }.sorted())
        XCTAssertEqual(files(out, ".txt").count, 6)
        let rows = try index(out)
        XCTAssertEqual(rows[0], "path,agency,year,status,errors,warnings,pages,outputs,message")
        XCTAssertEqual(rows.count, 1 + 8)
        XCTAssertTrue(rows.contains("d0/empty.txt,,,failed,0,0,0,,the file is empty"), rows.joined(separator: "\n"))
        XCTAssertTrue(rows.contains { $0.hasPrefix("d1/unrelated.txt,,,failed,") && $0.contains("not an annual report") })
        XCTAssertTrue(rows.contains { $0.hasPrefix("d0/sub0/r0.txt,西峡县人民政府,2022,ok,0,0,") && $0.contains("d0/sub0/r0.pdf;d0/sub0/r0.txt") })
        XCTAssertTrue(rows.contains { $0.hasPrefix("d2/sub0/r2.txt,新县人民政府办公室,2021,warnings,0,5,") })
        let summary = try JSONSerialization.jsonObject(with: Data(contentsOf: out.appendingPathComponent("summary.json"))) as! [String: Any]
        XCTAssertEqual(summary["inputs"] as? Int, 8)
        XCTAssertEqual(summary["failed"] as? Int, 2)
        // Nothing failed: exit 0. Could not run: exit 2.
        let good = try archive("good", count: 2, bad: false)
        XCTAssertEqual(try run(["batch", good.path, "--output-dir", dir("good-out").path, "--quiet"]).status, 0)
        let missing = try run(["batch", "/nonexistent/archive", "--output-dir", dir("missing-out").path])
        XCTAssertEqual(missing.status, 2)
        XCTAssertTrue(missing.stderr.contains("/nonexistent/archive: no such file or directory"), missing.stderr)
    }

    func testZipInputWithMaliciousEntries() throws {
        let zip = dir("zip").appendingPathComponent("reports.zip")
        let archive = try Archive(url: zip, accessMode: .create)
        let report = try Data(contentsOf: URL(fileURLWithPath: CLITests.sample("xixia-county-2022")))
        for path in ["county/xixia.txt", "../escape.txt", "/etc/nianbao-evil.txt"] {
            try archive.addEntry(with: path, type: .file, uncompressedSize: Int64(report.count), compressionMethod: .deflate) { position, size in
                report.subdata(in: Int(position)..<Int(position) + size)
            }
        }
        let out = dir("zip-out")
        let r = try run(["batch", zip.path, "--output-dir", out.path, "--quiet"])
        XCTAssertEqual(r.status, 1)
        XCTAssertTrue(FileManager.default.fileExists(atPath: out.appendingPathComponent("county/xixia.pdf").path))
        XCTAssertFalse(FileManager.default.fileExists(atPath: out.deletingLastPathComponent().appendingPathComponent("escape.pdf").path))
        XCTAssertFalse(FileManager.default.fileExists(atPath: "/etc/nianbao-evil.pdf"))
        let rows = try index(out)
        XCTAssertEqual(rows.filter { $0.contains(",failed,") && $0.contains("unsafe path") }.count, 2, rows.joined(separator: "\n"))
    }

    func testKillThenResume() throws {
        let input = try archive("kill", count: 24, bad: false)
        let out = dir("kill-out")
        let p = Process()
        p.executableURL = CLITests.binary
        p.arguments = ["batch", input.path, "--output-dir", out.path, "--jobs", "2", "--quiet"] + CLITests.fonts
        p.standardError = FileHandle.nullDevice
        try p.run()
        // Kill the whole batch (parent and workers) once some PDFs exist.
        let deadline = Date().addingTimeInterval(60)
        while files(out, ".pdf").count < 3 && Date() < deadline { usleep(20_000) }
        let children = try String(contentsOfFile: "/proc/\(p.processIdentifier)/task/\(p.processIdentifier)/children", encoding: .utf8)
            .split(separator: " ").compactMap { Int32($0) }
        kill(p.processIdentifier, SIGKILL)
        for c in children { kill(c, SIGKILL) }
        p.waitUntilExit()
        let partial = files(out, ".pdf").count
        XCTAssertLessThan(partial, 24, "killed before the end")
        // Every PDF present is complete.
        for pdf in files(out, ".pdf") {
            let q = Process()
            q.executableURL = URL(fileURLWithPath: "/usr/bin/env")
            q.arguments = ["qpdf", "--check", out.appendingPathComponent(pdf).path]
            q.standardOutput = FileHandle.nullDevice
            q.standardError = FileHandle.nullDevice
            try q.run()
            q.waitUntilExit()
            XCTAssertEqual(q.terminationStatus, 0, "\(pdf) is a complete PDF")
        }
        let resumed = try run(["batch", input.path, "--output-dir", out.path, "--jobs", "2", "--resume"])
        XCTAssertEqual(resumed.status, 0, resumed.stderr)
        XCTAssertEqual(files(out, ".pdf").count, 24)
        XCTAssertEqual(try index(out).count, 25)
        let leftovers = (FileManager.default.enumerator(atPath: out.path)?.allObjects as? [String] ?? []).filter { $0.hasSuffix(".nianbao-tmp") }
        XCTAssertEqual(leftovers, [], "no temporary files left")
        XCTAssertTrue(resumed.stderr.contains("already done"), resumed.stderr)
    }

    func testShardsAsProcessesCoverTheArchiveOnce() throws {
        let input = try archive("shards", count: 20)
        let out = dir("shards-out")
        var processes: [Process] = []
        for k in 0..<3 {
            let p = Process()
            p.executableURL = CLITests.binary
            p.arguments = ["batch", input.path, "--output-dir", out.path, "--jobs", "1", "--quiet", "--format", "txt", "--shard", "3"] + CLITests.fonts
            p.environment = ProcessInfo.processInfo.environment.merging(["JOB_COMPLETION_INDEX": String(k)]) { $1 }
            p.standardError = FileHandle.nullDevice
            try p.run()
            processes.append(p)
        }
        for p in processes { p.waitUntilExit() }
        var seen: [String] = []
        // JOB_COMPLETION_INDEX 0, 1, 2 are shards 1, 2, 3.
        for k in 1...3 { seen += try index(out, "index-\(k)-of-3.csv").dropFirst().map { String($0.split(separator: ",")[0]) } }
        XCTAssertEqual(seen.count, 22)
        XCTAssertEqual(Set(seen).count, 22, "disjoint")
        let merge = try run(["batch", "merge", out.path])
        XCTAssertEqual(merge.status, 0, merge.stderr)
        XCTAssertEqual(try index(out).count, 23, "merged: every input exactly once")
        XCTAssertEqual(files(out, ".txt").filter { !$0.hasPrefix(".") }.count, 20)
        XCTAssertTrue(FileManager.default.fileExists(atPath: out.appendingPathComponent("summary.json").path), "the merged totals")
        let zero = try run(["batch", input.path, "--shard", "0/3"])
        XCTAssertEqual(zero.status, 64)
        XCTAssertTrue(zero.stderr.contains("shards count from 1; the first of 3 is 1/3"), zero.stderr)
        let over = try run(["batch", input.path, "--shard", "4/3"])
        XCTAssertEqual(over.status, 64)
        XCTAssertTrue(over.stderr.contains("K must be between 1 and 3"), over.stderr)

        // merge refuses a missing shard, mixed shardings and an input in two shards; reads CRLF.
        let partial = dir("merge-partial")
        try FileManager.default.createDirectory(at: partial, withIntermediateDirectories: true)
        for k in [1, 3] { try FileManager.default.copyItem(at: out.appendingPathComponent("index-\(k)-of-3.csv"), to: partial.appendingPathComponent("index-\(k)-of-3.csv")) }
        let missing = try run(["batch", "merge", partial.path])
        XCTAssertEqual(missing.status, 2)
        XCTAssertTrue(missing.stderr.contains("shard 2 of 3 missing"), missing.stderr)
        let crlf = try String(contentsOf: out.appendingPathComponent("index-2-of-3.csv"), encoding: .utf8).replacingOccurrences(of: "\n", with: "\r\n")
        try crlf.write(to: partial.appendingPathComponent("index-2-of-3.csv"), atomically: true, encoding: .utf8)
        let merged = try run(["batch", "merge", partial.path])
        XCTAssertEqual(merged.status, 0, merged.stderr)
        XCTAssertEqual(try index(partial).count, 23, "the CRLF index's rows are all there")
        try FileManager.default.copyItem(at: out.appendingPathComponent("index-1-of-3.csv"), to: partial.appendingPathComponent("index-1-of-2.csv"))
        let mixed = try run(["batch", "merge", partial.path])
        XCTAssertEqual(mixed.status, 2)
        XCTAssertTrue(mixed.stderr.contains("different shardings") || mixed.stderr.contains("twice"), mixed.stderr)
    }

    /// The same bytes with one worker or two, for every format (PDF/A and OFD included).
    func testOutputDoesNotDependOnJobs() throws {
        let input = try archive("jobs", count: 8)
        var outputs: [[String: Data]] = []
        var indexes: [String] = []
        for jobs in ["1", "2"] {
            let out = dir("jobs-\(jobs)")
            _ = try run(["batch", input.path, "--output-dir", out.path, "--jobs", jobs, "--quiet", "--format", "pdf,ofd,json", "--pdfa"],
                        env: ["SOURCE_DATE_EPOCH": "1675123200"])
            var data: [String: Data] = [:]
            for f in files(out, ".pdf") + files(out, ".ofd") + files(out, ".json") where f != "summary.json" { data[f] = try Data(contentsOf: out.appendingPathComponent(f)) }
            outputs.append(data)
            indexes.append(try String(contentsOf: out.appendingPathComponent("index.csv"), encoding: .utf8))
        }
        XCTAssertEqual(outputs[0].count, 24, "PDF/A, OFD and JSON for each of the 8 reports")
        XCTAssertTrue(outputs[0].filter { $0.key.hasSuffix(".pdf") }.values.allSatisfy { $0.range(of: Data("<pdfaid:part>2</pdfaid:part>".utf8)) != nil })
        XCTAssertTrue(outputs[0].filter { $0.key.hasSuffix(".ofd") }.values.allSatisfy { $0.starts(with: Data("PK".utf8)) })
        XCTAssertEqual(outputs[0], outputs[1])
        XCTAssertEqual(indexes[0], indexes[1])
    }

    func testHugeInputIsBoundedNotLoaded() throws {
        let input = dir("huge")
        // 17 MiB on one endless line: refused from the first 16 MiB + 1 byte read.
        let handle = try FileHandle(forWritingTo: { let u = input.appendingPathComponent("huge.txt"); FileManager.default.createFile(atPath: u.path, contents: nil); return u }())
        let chunk = Data(repeating: 0x41, count: 1 << 20)
        for _ in 0..<17 { handle.write(chunk) }
        try handle.close()
        let out = dir("huge-out")
        let r = try run(["batch", input.path, "--output-dir", out.path, "--quiet"])
        XCTAssertEqual(r.status, 1)
        let rows = try index(out)
        XCTAssertTrue(rows[1].contains("larger than 16 MiB"), rows.joined())
    }
}

extension BatchCommandTests {
    /// A zip of the four samples, stored (not compressed) so that a flipped byte stays a flipped byte.
    func zip(_ name: String, texts: [String: Data]) throws -> URL {
        let url = dir(name + "-zip").appendingPathComponent("\(name).zip")
        let archive = try Archive(url: url, accessMode: .create)
        for (path, data) in texts.sorted(by: { $0.key < $1.key }) {
            try archive.addEntry(with: path, type: .file, uncompressedSize: Int64(data.count), compressionMethod: .none) { position, size in
                data.subdata(in: Int(position)..<Int(position) + size)
            }
        }
        return url
    }

    func testDamagedZipEntryIsRefusedNotRendered() throws {
        let texts = Dictionary(uniqueKeysWithValues: Self.samples.map { ("\($0).txt", try! Data(contentsOf: URL(fileURLWithPath: CLITests.sample($0)))) })
        let url = try zip("crc", texts: texts)
        var bytes = [UInt8](try Data(contentsOf: url))
        // Flip a byte inside the first entry's data (after its 30-byte header and name).
        let nameLength = Int(bytes[26]) | Int(bytes[27]) << 8, extraLength = Int(bytes[28]) | Int(bytes[29]) << 8
        bytes[30 + nameLength + extraLength + 200] ^= 0x20
        try Data(bytes).write(to: url)
        let out = dir("crc-out")
        let r = try run(["batch", url.path, "--output-dir", out.path, "--quiet", "--jobs", "1"])
        XCTAssertEqual(r.status, 1, r.stderr)
        let rows = try index(out)
        XCTAssertTrue(rows.contains { $0.hasPrefix("hanyin-county-2022.txt,") && $0.contains("CRC-32 does not match") }, rows.joined(separator: "\n"))
        XCTAssertEqual(rows.dropFirst().filter { $0.contains(",ok,") || $0.contains(",warnings,") }.count, 3)
    }

    func testResumeKnowsItsInput() throws {
        // The same paths in a different zip, older than the records: not "already done".
        let first = try zip("first", texts: ["a.txt": try Data(contentsOf: URL(fileURLWithPath: CLITests.sample("xixia-county-2022")))])
        let out = dir("identity-out")
        XCTAssertEqual(try run(["batch", first.path, "--output-dir", out.path, "--quiet"]).status, 0)
        let second = try zip("second", texts: ["a.txt": try Data(contentsOf: URL(fileURLWithPath: CLITests.sample("hanyin-county-2022")))])
        try FileManager.default.setAttributes([.modificationDate: Date(timeIntervalSince1970: 0)], ofItemAtPath: second.path)
        let resumed = try run(["batch", second.path, "--output-dir", out.path, "--resume"])
        XCTAssertEqual(resumed.status, 0, resumed.stderr)
        XCTAssertFalse(resumed.stderr.contains("already done"), resumed.stderr)
        XCTAssertTrue(try index(out)[1].contains("汉阴县"), "rendered again from the new zip")
        let again = try run(["batch", second.path, "--output-dir", out.path, "--resume"])
        XCTAssertTrue(again.stderr.contains("1 already done"), again.stderr)
    }
}

extension BatchCommandTests {
    func summary(_ out: URL, _ name: String = "summary.json") throws -> [String: Any] {
        try JSONSerialization.jsonObject(with: Data(contentsOf: out.appendingPathComponent(name))) as! [String: Any]
    }

    /// summary.json's rate is the reports this run rendered per second of this run: inputs
    /// --resume skipped count in the totals, not in the rate.
    func testSummaryAfterResumeCountsOnlyThisRun() throws {
        let input = try archive("summary-resume", count: 6, bad: false)
        let out = dir("summary-resume-out")
        XCTAssertEqual(try run(["batch", input.path, "--output-dir", out.path, "--jobs", "1", "--quiet"]).status, 0)
        let first = try summary(out)
        XCTAssertEqual(first["rendered"] as? Int, 6)
        XCTAssertEqual(first["skipped"] as? Int, 0)
        // One more input; the six are done.
        try FileManager.default.copyItem(atPath: CLITests.sample("hanyin-county-2022"), toPath: input.appendingPathComponent("d0/new.txt").path)
        try Data().write(to: input.appendingPathComponent("d1/empty.txt"))
        let resumed = try run(["batch", input.path, "--output-dir", out.path, "--jobs", "1", "--resume"])
        XCTAssertEqual(resumed.status, 1, resumed.stderr)
        let s = try summary(out)
        XCTAssertEqual(s["inputs"] as? Int, 8)
        XCTAssertEqual(s["failed"] as? Int, 1)
        XCTAssertEqual(s["skipped"] as? Int, 6)
        XCTAssertEqual(s["rendered"] as? Int, 1, "only new.txt was rendered by this run")
        let seconds = try XCTUnwrap(s["seconds"] as? Double), rate = try XCTUnwrap(s["reportsPerSecond"] as? Double)
        XCTAssertGreaterThan(seconds, 0)
        // seconds is rounded to the millisecond and the rate to 0.1: equal within that.
        XCTAssertEqual(rate, 1 / seconds, accuracy: 0.1 + 0.01 / seconds, "1 report / \(seconds) s, not 8")
    }

    /// After merge, summary.json's seconds are the shards' seconds summed and its rate the
    /// reports they rendered per second of that sum, as its note says; a shard summary that is
    /// missing is named, not counted as 0 s.
    func testMergedSummaryTimesAreTheShardsSum() throws {
        let input = try archive("summary-merge", count: 9)
        let out = dir("summary-merge-out")
        for k in 1...2 {
            let shard = try run(["batch", input.path, "--output-dir", out.path, "--jobs", "1", "--quiet", "--format", "txt", "--shard", "\(k)/2"])
            XCTAssertTrue([0, 1].contains(shard.status), "shard \(k): \(shard.stderr)")  // 1 when the shard has a bad input
        }
        let shards = try (1...2).map { try summary(out, "summary-\($0)-of-2.json") }
        let merge = try run(["batch", "merge", out.path])
        XCTAssertEqual(merge.status, 0, merge.stderr)
        let s = try summary(out)
        XCTAssertEqual(s["inputs"] as? Int, 11)
        XCTAssertEqual(s["rendered"] as? Int, 9)
        XCTAssertEqual(s["rendered"] as? Int, shards.map { $0["rendered"] as! Int }.reduce(0, +))
        let seconds = try XCTUnwrap(s["seconds"] as? Double)
        XCTAssertEqual(seconds, shards.map { $0["seconds"] as! Double }.reduce(0, +), accuracy: 0.0011)
        XCTAssertGreaterThan(seconds, 0)
        XCTAssertEqual(try XCTUnwrap(s["reportsPerSecond"] as? Double), 9 / seconds, accuracy: 0.1 + 0.09 / seconds)
        XCTAssertEqual(s["jobs"] as? Int, 2, "one worker in each of two shards")
        XCTAssertTrue((s["note"] as? String)?.contains("seconds is the sum of the shards' seconds") == true, "\(s)")
        // A shard's summary lost: merged all the same, and the note says what is not counted.
        try FileManager.default.removeItem(at: out.appendingPathComponent("summary-2-of-2.json"))
        XCTAssertEqual(try run(["batch", "merge", out.path]).status, 0)
        let partial = try summary(out)
        XCTAssertEqual(partial["inputs"] as? Int, 11)
        XCTAssertEqual(partial["rendered"] as? Int, shards[0]["rendered"] as? Int)
        XCTAssertEqual(try XCTUnwrap(partial["seconds"] as? Double), shards[0]["seconds"] as! Double, accuracy: 0.0011)
        XCTAssertTrue((partial["note"] as? String)?.contains("summary-2-of-2.json") == true, "\(partial)")
    }
}

extension BatchCommandTests {
    /// Installed on the PATH and run by name, `nianbao` must still find itself: its workers
    /// (and its fonts and styles) are found from the running file, not from argv[0].
    func testRunByNameFromThePath() throws {
        let root = dir("byname")
        try FileManager.default.createDirectory(at: root.appendingPathComponent("in"), withIntermediateDirectories: true)
        try FileManager.default.copyItem(atPath: CLITests.sample("xixia-county-2022"), toPath: root.appendingPathComponent("in/r.txt").path)
        let path = CLITests.binary.deletingLastPathComponent().path + ":" + (ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin")
        let r = try Tool.run("nianbao", CLITests.withTestFonts(["batch", "in", "--output-dir", "out", "--quiet"]), environment: ["PATH": path], directory: root)
        XCTAssertEqual(r.status, 0, r.stderr)
        XCTAssertTrue(try index(root.appendingPathComponent("out")).contains { $0.hasPrefix("r.txt,") && $0.contains(",ok,") }, "the worker started")
        XCTAssertTrue(FileManager.default.fileExists(atPath: root.appendingPathComponent("out/r.pdf").path))
    }
}
