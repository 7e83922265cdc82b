import Foundation
import NianbaoTestSupport
import XCTest

/// `nianbao batch --db` end to end: the archive filled in the same pass, resumable, and never
/// written over a file that is not one. Read back with Debian's `sqlite3`, as a researcher would.
/// (An extension, to share the batch tests' input trees and helpers.)
extension BatchCommandTests {
    var batch: BatchCommandTests { self }

    func sql(_ db: URL, _ query: String) throws -> [String] {
        let r = try Tool.run("/usr/bin/sqlite3", ["-readonly", db.path, query])
        XCTAssertEqual(r.status, 0, r.stderr)
        return r.stdout.split(separator: "\n").map(String.init)
    }

    /// Every row of the archive that does not depend on when or how fast it was made.
    func archiveDump(_ db: URL) throws -> [String] {
        try sql(db, """
            SELECT f.path || ' ' || f.status || ' ' || f.input || ' ' || f.message FROM files f
            UNION ALL SELECT f.path || ' ' || r.agency || ' ' || r.year || ' ' || r.template || ' ' || r.verdict FROM reports r JOIN files f ON f.id = r.file_id
            UNION ALL SELECT f.path || ' ' || c.key || ' ' || c.state || ' ' || c.value || ' ' || ifnull(c.line, '') FROM cells c JOIN reports r ON r.id = c.report_id JOIN files f ON f.id = r.file_id
            UNION ALL SELECT f.path || ' ' || m.key || ' ' || m.value FROM metrics m JOIN reports r ON r.id = m.report_id JOIN files f ON f.id = r.file_id
            UNION ALL SELECT f.path || ' ' || x.finding || ' ' || x.cells FROM findings x JOIN reports r ON r.id = x.report_id JOIN files f ON f.id = r.file_id
            UNION ALL SELECT f.path || ' ' || o.path || ' ' || o.bytes || ' ' || o.crc32 FROM outputs o JOIN files f ON f.id = o.file_id
            ORDER BY 1
            """)
    }

    func testArchiveHoldsEveryInput() throws {
        let input = try batch.archive("db", count: 6)
        let out = batch.dir("db-out"), db = out.appendingPathComponent("archive.sqlite")
        let r = try batch.run(["batch", input.path, "--output-dir", out.path, "--format", "txt", "--jobs", "2", "--db", db.path])
        XCTAssertEqual(r.status, 1, "two inputs fail: \(r.stderr)")
        XCTAssertEqual(try sql(db, "SELECT status, count(*) FROM files GROUP BY status ORDER BY 1"), ["failed|2", "ok|5", "warnings|1"])
        XCTAssertEqual(try sql(db, "SELECT count(*) FROM reports"), ["6"])
        XCTAssertEqual(try sql(db, "SELECT DISTINCT count(*) FROM cells GROUP BY report_id"), ["200"])
        XCTAssertEqual(try sql(db, "SELECT path, failure FROM files WHERE status = 'failed' ORDER BY path"), ["d0/empty.txt|input", "d1/unrelated.txt|input"])
        // The archive agrees with the index, row for row.
        XCTAssertEqual(try sql(db, "SELECT r.agency FROM reports r JOIN files f ON f.id = r.file_id WHERE f.path = 'd0/sub0/r0.txt'"), ["西峡县人民政府"])
        XCTAssertEqual(try sql(db, "SELECT r.verdict, r.warnings FROM reports r JOIN files f ON f.id = r.file_id WHERE f.path = 'd2/sub0/r2.txt'"), ["warnings|5"])
        XCTAssertEqual(try sql(db, "SELECT count(*) FROM outputs WHERE format = 'txt'"), ["6"])
        XCTAssertEqual(try sql(db, "PRAGMA journal_mode"), ["wal"])
    }

    /// Killed mid-way (coordinator and workers), then resumed: the archive has every input
    /// once, row for row as an uninterrupted run gives it.
    func testArchiveKillThenResumeGivesTheSameRows() throws {
        let input = try batch.archive("dbkill", count: 30, bad: false)
        let clean = batch.dir("dbkill-clean"), cleanDB = clean.appendingPathComponent("archive.sqlite")
        XCTAssertEqual(try batch.run(["batch", input.path, "--output-dir", clean.path, "--format", "txt,json", "--jobs", "2", "--quiet", "--db", cleanDB.path]).status, 0)

        let out = batch.dir("dbkill-out"), db = out.appendingPathComponent("archive.sqlite")
        let p = Process()
        p.executableURL = CLITests.binary
        p.arguments = ["batch", input.path, "--output-dir", out.path, "--format", "txt,json", "--jobs", "2", "--quiet", "--db", db.path] + CLITests.fonts
        p.standardError = FileHandle.nullDevice
        try p.run()
        let deadline = Date().addingTimeInterval(60)
        while batch.files(out, ".json").count < 4 && Date() < deadline { usleep(5_000) }
        let children = (try? String(contentsOfFile: "/proc/\(p.processIdentifier)/task/\(p.processIdentifier)/children", encoding: .utf8))?
            .split(separator: " ").compactMap { Int32($0) } ?? []
        kill(p.processIdentifier, SIGKILL)
        for c in children { kill(c, SIGKILL) }
        p.waitUntilExit()
        let partial = Int(try sql(db, "SELECT count(*) FROM files").first ?? "0") ?? 0
        XCTAssertLessThan(partial, 30, "killed before the end")

        let resumed = try batch.run(["batch", input.path, "--output-dir", out.path, "--format", "txt,json", "--jobs", "2", "--resume", "--db", db.path])
        XCTAssertEqual(resumed.status, 0, resumed.stderr)
        XCTAssertEqual(try sql(db, "SELECT count(*), count(DISTINCT path) FROM files"), ["30|30"])
        XCTAssertEqual(try archiveDump(db), try archiveDump(cleanDB))
        // Resumed again with nothing to do: nothing changes.
        XCTAssertEqual(try batch.run(["batch", input.path, "--output-dir", out.path, "--format", "txt,json", "--resume", "--quiet", "--db", db.path]).status, 0)
        XCTAssertEqual(try archiveDump(db), try archiveDump(cleanDB))
    }

    /// Outputs made without --db are not taken as done by a resumed run with it: they are made
    /// again, and recorded.
    func testArchiveResumeFillsWhatTheFirstRunDidNotKeep() throws {
        let input = try batch.archive("dblate", count: 4, bad: false)
        let out = batch.dir("dblate-out"), db = out.appendingPathComponent("late.sqlite")
        XCTAssertEqual(try batch.run(["batch", input.path, "--output-dir", out.path, "--format", "txt", "--quiet"]).status, 0)
        XCTAssertEqual(try batch.run(["batch", input.path, "--output-dir", out.path, "--format", "txt", "--quiet", "--resume", "--db", db.path]).status, 0)
        XCTAssertEqual(try sql(db, "SELECT count(*) FROM reports"), ["4"])
    }

    func testArchiveRefusesAFileThatIsNotOne() throws {
        let input = try batch.archive("dbrefuse", count: 2, bad: false)
        let out = batch.dir("dbrefuse-out"), notes = out.appendingPathComponent("notes.sqlite")
        try Data("my notes\n".utf8).write(to: notes)
        let r = try batch.run(["batch", input.path, "--output-dir", out.path, "--format", "txt", "--db", notes.path])
        XCTAssertEqual(r.status, 2, r.stderr)
        XCTAssertTrue(r.stderr.contains("is not a nianbao archive (not an SQLite database)"), r.stderr)
        XCTAssertEqual(try String(contentsOf: notes, encoding: .utf8), "my notes\n")
        XCTAssertEqual(batch.files(out, ".txt"), [String](), "nothing rendered")

        let sharded = try batch.run(["batch", input.path, "--output-dir", out.path, "--shard", "1/2", "--db", out.appendingPathComponent("a.sqlite").path])
        XCTAssertEqual(sharded.status, 64, "a usage error")
        XCTAssertTrue(sharded.stderr.contains("--db cannot be combined with --shard"), sharded.stderr)
    }
}
