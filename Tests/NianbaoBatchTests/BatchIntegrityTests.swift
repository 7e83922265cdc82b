import Foundation
@testable import NianbaoBatch
import NianbaoFiles
import NianbaoOutput
import XCTest

final class BatchIntegrityUnitTests: XCTestCase {
    func temp(_ name: String) throws -> String {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("nianbao-integrity-\(ProcessInfo.processInfo.processIdentifier)-\(name)")
        try? FileManager.default.removeItem(at: url)
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        return url.path
    }

    /// flocks belong to an open file, so two locks of one process exclude each other as two runs do.
    func testOneLockPerFolder() throws {
        let out = try temp("lock")
        func take(_ shard: (Int, Int)?) -> String? {
            do { _ = try BatchLock(outputDir: out, shard: shard.map { (k: $0.0, n: $0.1) }); return nil } catch { return error.description }
        }
        do {
            let whole = try BatchLock(outputDir: out, shard: nil)
            XCTAssertTrue(take((1, 2))?.contains("pid \(getpid())") == true)
            XCTAssertNotNil(take(nil))
            withExtendedLifetime(whole) {}
        }
        do {
            let one = try BatchLock(outputDir: out, shard: (1, 3))
            let two = try BatchLock(outputDir: out, shard: (2, 3))
            XCTAssertEqual(take(nil), "another nianbao batch (pid \(getpid())) is writing into \(out) as shard 1 of 3; wait for it to end, or choose another --output-dir")
            XCTAssertTrue(take((1, 3))?.contains("as shard 1 of 3") == true)
            XCTAssertTrue(take((1, 2))?.contains("sharded in 3, not 2: shards of different N would render the same inputs") == true)
            withExtendedLifetime((one, two)) {}
        }
        XCTAssertNil(take(nil), "all released when the runs end")
        XCTAssertNil(take((2, 2)))
    }

    func testSpreadsheetSafeCells() {
        var r = BatchResult(path: "=HYPERLINK(\"http://x\").txt", agency: "+县", year: 2022, status: .ok, errors: 0, warnings: 0, pages: 1,
                            outputs: ["@a.pdf", "b.pdf"], message: "-1 ≠ 2")
        XCTAssertEqual(r.csvRow, #""'=HYPERLINK(""http://x"").txt",'+县,2022,ok,0,0,1,'@a.pdf;b.pdf,'-1 ≠ 2"#)
        r.path = "'quoted.txt"
        XCTAssertTrue(r.csvRow.hasPrefix("''quoted.txt,"), "a leading ' is doubled, so removing one always gives the value")
        r.path = "plain.txt"
        XCTAssertTrue(r.csvRow.hasPrefix("plain.txt,'+县,"))
    }

    func testMergeKeepsEscapedCellsAsTheyAre() throws {
        let dir = try temp("merge-escaped")
        let a = [BatchResult(path: "=a.txt", agency: "甲", year: 2022, status: .ok, errors: 0, warnings: 0, pages: 3, outputs: ["=a.pdf"], message: "")]
        try BatchIndex.write(a, to: dir, seconds: 1, jobs: 1, shard: (1, 2))
        try BatchIndex.write([BatchResult.failed("b.txt", "-")], to: dir, seconds: 1, jobs: 1, shard: (2, 2))
        XCTAssertEqual(try BatchIndex.merge([dir], into: dir), 2)
        let index = try String(contentsOfFile: dir + "/index.csv", encoding: .utf8)
        XCTAssertEqual(index, "path,agency,year,status,errors,warnings,pages,outputs,message\n'=a.txt,甲,2022,ok,0,0,3,'=a.pdf,\nb.txt,,,failed,0,0,0,,'-\n")
    }

    /// A merge takes the folder's lock: it is refused while a shard still writes there.
    func testMergeWaitsForNoShardStillWriting() throws {
        let dir = try temp("merge-locked")
        try BatchIndex.write([], to: dir, seconds: 1, jobs: 1, shard: (1, 1))
        do {
            let running = try BatchLock(outputDir: dir, shard: (1, 1))
            XCTAssertThrowsError(try BatchIndex.merge([dir], into: dir)) { error in
                XCTAssertTrue("\(error)".contains("as shard 1 of 1"), "\(error)")
            }
            withExtendedLifetime(running) {}
        }
        XCTAssertEqual(try BatchIndex.merge([dir], into: dir), 0)
    }

    func testMergeRefusesADamagedShardIndexNamingIt() throws {
        let dir = try temp("merge-damaged")
        let rows = (0..<3).map { BatchResult(path: "r\($0).txt", agency: "甲, 乙", year: 2022, status: .ok, errors: 0, warnings: 0, pages: 3, outputs: [], message: "") }
        try BatchIndex.write(rows, to: dir, seconds: 1, jobs: 1, shard: (1, 2))
        try BatchIndex.write([], to: dir, seconds: 1, jobs: 1, shard: (2, 2))
        let file = dir + "/index-1-of-2.csv"
        let whole = try String(contentsOfFile: file, encoding: .utf8)
        func refusal(_ text: String) -> String? {
            try? text.write(toFile: file, atomically: true, encoding: .utf8)
            do { _ = try BatchIndex.merge([dir], into: dir); return nil } catch { return error.description }
        }
        XCTAssertTrue(refusal(String(whole[..<whole.range(of: "乙", options: .backwards)!.lowerBound]))?.contains("index-1-of-2.csv is damaged: it ends inside a quoted cell (line 4)") == true, "cut inside 甲, 乙")
        XCTAssertTrue(refusal(String(whole.dropLast(1)))?.contains("index-1-of-2.csv is damaged: its last line (line 4) does not end") == true)
        XCTAssertTrue(refusal(whole.replacingOccurrences(of: "path,", with: "name,"))?.contains("its first line is not the index header") == true)
        XCTAssertTrue(refusal(whole.replacingOccurrences(of: "2022,ok", with: "2022,fine"))?.contains("line 2 has no status") == true)
        XCTAssertTrue(refusal(whole + "r9.txt,,,failed,0,0,0,,\n")?.contains("it has 4 rows (3 ok, 0 warnings, 0 errors, 1 failed) but \(dir)/summary-1-of-2.json counts 3 (3 ok") == true)
        XCTAssertFalse(FileManager.default.fileExists(atPath: dir + "/index.csv"), "nothing written")
        XCTAssertNil(refusal(whole))
    }

    func testRecordsCheckEachOutputsSizeAndChecksum() throws {
        let out = try temp("records")
        let input = out + "/in.txt"
        try Data("report".utf8).write(to: URL(fileURLWithPath: input))
        let item = BatchItem(path: "in.txt", file: input)
        let pdf = Data("%PDF-1.7 whole".utf8)
        try pdf.write(to: URL(fileURLWithPath: out + "/in.pdf"))
        var result = BatchResult(path: "in.txt", agency: "甲", year: 2022, status: .ok, errors: 0, warnings: 0, pages: 1, outputs: ["in.pdf"], message: "")
        result.input = BatchRecords.identity(of: Array("report".utf8))
        result.files = [BatchResult.OutputFile(path: "in.pdf", bytes: pdf.count, crc32: Deflate.crc32(pdf))]
        BatchRecords.write(result, for: item, under: out)
        func done() -> Bool { BatchRecords.finished(item, under: out, formats: [.pdf], current: { result.input }) != nil }
        XCTAssertTrue(done())
        try Data("%PDF-1.7 whXle".utf8).write(to: URL(fileURLWithPath: out + "/in.pdf"))
        XCTAssertFalse(done(), "same size, other bytes")
        try pdf.prefix(5).write(to: URL(fileURLWithPath: out + "/in.pdf"))
        XCTAssertFalse(done(), "cut short")
        try pdf.write(to: URL(fileURLWithPath: out + "/in.pdf"))
        XCTAssertTrue(done())
        XCTAssertNil(BatchRecords.finished(item, under: out, formats: [.pdf, .json], current: { result.input }), "a format the record lacks")
        result.files = nil
        BatchRecords.write(result, for: item, under: out)
        XCTAssertFalse(done(), "a record without checksums (an older run) is made again")
    }

    func testWorkerDeathsAreNamedByTheirSignal() {
        func say(_ end: WorkerDeath.End, _ words: String = "", limit: Int = 4096) -> String { "\(WorkerDeath(end, lastWords: words, memoryLimit: limit))" }
        XCTAssertEqual(say(.signal(SIGTRAP), "Fatal error: Index out of range"), "signal 5, SIGTRAP, a Swift runtime trap: a bug in nianbao, please report it with this file")
        XCTAssertEqual(say(.signal(SIGILL)), "signal 4, SIGILL, a Swift runtime trap: a bug in nianbao, please report it with this file")
        XCTAssertFalse(say(.signal(SIGSEGV)).contains("memory limit"), "a crash is a crash, not perhaps out of memory")
        XCTAssertEqual(say(.signal(SIGSEGV)), "signal 11, SIGSEGV, a crash (invalid memory access)")
        XCTAssertTrue(say(.signal(SIGKILL)).hasPrefix("signal 9, SIGKILL, killed by the system — out of memory"))
        XCTAssertEqual(say(.signal(SIGTRAP), "fatal error: failed to allocate memory", limit: 384), "signal 5, SIGTRAP — out of memory: it needed more than its 384 MB (--memory-limit)")
        XCTAssertEqual(say(.exit(3)), "exit status 3")
        XCTAssertEqual(say(.signal(SIGXCPU)), "signal 24, SIGXCPU")
        // The memory watch's own status: known by the number, whatever stderr said.
        XCTAssertTrue(WorkerDeath(.exit(MemoryWatch.exitStatus), lastWords: "", memoryLimit: 256).passedMemoryLimit)
        XCTAssertEqual(say(.exit(MemoryWatch.exitStatus), limit: 256), "exit status 86 — out of memory: it needed more than its 256 MB (--memory-limit)")
        XCTAssertFalse(WorkerDeath(.exit(MemoryWatch.exitStatus), lastWords: "", memoryLimit: 0).passedMemoryLimit, "no limit, no watch")
        XCTAssertFalse(WorkerDeath(.signal(MemoryWatch.exitStatus), lastWords: "", memoryLimit: 256).passedMemoryLimit)
    }

    func testTheMemoryWatchReadsWhatThisProcessHolds() {
        let before = MemoryWatch.residentBytes()
        XCTAssertGreaterThan(before, 1 << 20, "a running test process holds more than 1 MB")
        // 64 MB written to (so resident), read back while it is held.
        let block = UnsafeMutableRawPointer.allocate(byteCount: 64 << 20, alignment: 4096)
        defer { block.deallocate() }
        memset(block, 1, 64 << 20)
        XCTAssertGreaterThan(MemoryWatch.residentBytes(), before + (48 << 20))
        XCTAssertEqual(MemoryWatch.backstopMegabytes(128), 1280, "the address-space backstop sits far above the resident limit")
    }
}
