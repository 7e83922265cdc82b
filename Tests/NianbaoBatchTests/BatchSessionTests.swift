import Foundation
@testable import NianbaoBatch
import NianbaoOutput
import XCTest

/// A batch run driven as a library: lock, plan, resume and cancellation without the CLI.
final class BatchSessionTests: XCTestCase {
    private var dir: String!

    override func setUpWithError() throws {
        dir = FileManager.default.temporaryDirectory.appendingPathComponent("nianbao-session-\(UUID().uuidString)").path
        try FileManager.default.createDirectory(atPath: dir + "/in/a", withIntermediateDirectories: true)
        let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        for (i, name) in ["xixia-county-2022", "hanyin-county-2022", "xin-county-office-2021"].enumerated() {
            try FileManager.default.copyItem(atPath: root.path + "/Tests/NianbaoIngestTests/Fixtures/samples/\(name).txt", toPath: dir + "/in/a/r\(i).txt")
        }
    }

    override func tearDownWithError() throws {
        try? FileManager.default.removeItem(atPath: dir)
    }

    /// `nianbao batch-worker`, built beside this test bundle, with the committed test fonts.
    private func worker(_ formats: String) throws -> [String] {
        var binary = Bundle(for: Self.self).bundleURL
        while !FileManager.default.fileExists(atPath: binary.appendingPathComponent("nianbao").path) && binary.path != "/" { binary.deleteLastPathComponent() }
        let path = binary.appendingPathComponent("nianbao").path
        guard FileManager.default.isExecutableFile(atPath: path) else { throw XCTSkip("the nianbao binary is not built") }
        let fonts = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().appendingPathComponent("Fonts").path
        return [path, "batch-worker", "--output-dir", dir + "/out", "--format", formats, "--style", "official", "--fonts-dir", fonts]
    }

    private func session(resume: Bool = false, shard: (k: Int, n: Int)? = nil, worker: [String] = ["/bin/false"], output: String? = nil) throws -> BatchSession {
        try BatchSession(.init(input: dir + "/in", outputDir: output ?? dir + "/out", formats: [.txt], worker: worker, jobs: 2,
                               limits: .init(seconds: 60, megabytes: 0), resume: resume, shard: shard))
    }

    func testRunsThroughWorkersThenResumeFindsEverythingDone() throws {
        let first = try session(worker: try worker("txt"))
        try first.prepare()
        XCTAssertEqual(first.items.map(\.path), ["a/r0.txt", "a/r1.txt", "a/r2.txt"])
        let outcome = try first.run()
        XCTAssertEqual(outcome.results.map(\.status), [.ok, .ok, .warnings])
        XCTAssertEqual(outcome.summary.rendered, 3)
        XCTAssertTrue(FileManager.default.fileExists(atPath: dir + "/out/a/r1.txt"))
        XCTAssertEqual(outcome.indexPath, dir + "/out/index.csv")
        XCTAssertThrowsError(try first.run(), "once") { XCTAssertTrue("\($0)".contains("twice")) }
        withExtendedLifetime(first) {}

        // Another session, as a later `--resume`: everything is done and nothing is rendered.
        let again = try session(resume: true, worker: try worker("txt"))
        try again.prepare()
        XCTAssertEqual(again.done.count, 3)
        let resumed = try again.run()
        XCTAssertEqual(resumed.skipped, 3)
        XCTAssertEqual(resumed.fresh, [])
        XCTAssertEqual(resumed.results.map(\.agency), outcome.results.map(\.agency), "the index stays whole")
    }

    func testPrepareHoldsTheFolderLockUntilTheSessionEnds() throws {
        var first: BatchSession? = try session()
        try first!.prepare()
        let second = try session(shard: (1, 2))
        XCTAssertThrowsError(try second.prepare()) { error in
            guard case BatchSession.Failure.locked(let e) = error else { return XCTFail("\(error)") }
            XCTAssertTrue(e.description.contains("another nianbao batch (pid \(getpid())) is writing into \(self.dir!)/out"), e.description)
        }
        first = nil
        XCTAssertNoThrow(try session(shard: (1, 2)).prepare(), "released with the session")
    }

    func testPrepareRefusesToOverwriteAnInput() throws {
        // .txt outputs into the input folder would be the inputs themselves.
        let s = try session(output: dir + "/in")
        XCTAssertThrowsError(try s.prepare()) { error in
            guard case BatchSession.Failure.output(.conflict(let message)) = error else { return XCTFail("\(error)") }
            XCTAssertTrue(message.contains("is an input"), message)
        }
        XCTAssertThrowsError(try BatchSession(.init(input: dir + "/missing", outputDir: dir + "/out", formats: [.txt], worker: []))) { error in
            guard case BatchSession.Failure.input = error else { return XCTFail("\(error)") }
        }
    }

    func testCancelStopsTheRunAndWritesNoIndex() throws {
        let s = try session()
        try s.prepare()
        s.cancel()
        XCTAssertThrowsError(try s.run()) { error in
            guard case BatchSession.Failure.interrupted(let done, let total) = error else { return XCTFail("\(error)") }
            XCTAssertEqual(done, 0)
            XCTAssertEqual(total, 3)
            XCTAssertTrue("\(error)".contains("Run the same command with --resume to finish."))
        }
        XCTAssertFalse(FileManager.default.fileExists(atPath: dir + "/out/index.csv"))
    }

    func testAWorkerThatCrashesFailsItsInputNamedBySignal() throws {
        // A "worker" that dies of SIGSEGV on its first input, like a crash in a C library.
        let s = try session(worker: ["/bin/sh", "-c", "read line; kill -SEGV $$", "sh"])
        try s.prepare()
        let outcome = try s.run()
        XCTAssertEqual(outcome.results.map(\.status), [.failed, .failed, .failed])
        XCTAssertTrue(outcome.results.allSatisfy { $0.failure == .worker }, "\(outcome.results)")
        XCTAssertTrue(outcome.results[0].message.contains("(signal 11, SIGSEGV, a crash (invalid memory access))"), outcome.results[0].message)
        XCTAssertFalse(outcome.results[0].message.contains("memory-limit"))
    }
}
