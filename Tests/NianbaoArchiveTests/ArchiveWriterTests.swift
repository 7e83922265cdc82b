import Foundation
import GRDB
import NianbaoArchive
import NianbaoModel
import NianbaoTestSupport
import XCTest

/// The writer on the real samples: what goes in comes back out, cell by cell.
final class ArchiveWriterTests: XCTestCase {
    func testEveryCellOfEverySampleRoundTrips() throws {
        let folder = try ArchiveFixtures.folder()
        let db = try ArchiveFixtures.samplesArchive(in: folder)
        for name in ArchiveFixtures.names {
            let (report, findings) = try ArchiveFixtures.parsed(name)
            let archived = try XCTUnwrap(try db.agency(report.agency).first { $0.path == "\(name).txt" }, name)
            XCTAssertEqual(archived.year, report.year, name)
            XCTAssertEqual(archived.template, report.template.rawValue, name)
            XCTAssertEqual(archived.cells.count, report.keys.count, "\(name): one row per cell of its template")
            for key in report.keys {
                let cell = report[key], stored = try XCTUnwrap(archived.cells[key.rawValue], "\(name) \(key)")
                XCTAssertEqual(stored.state, cell.state.rawValue, "\(name) \(key)")
                XCTAssertEqual(stored.value, cell.exported, "\(name) \(key)")
                XCTAssertEqual(stored.number, cell.state == .number ? cell.number : nil, "\(name) \(key)")
                XCTAssertEqual(stored.solved, cell.solved, "\(name) \(key)")
                XCTAssertEqual(stored.line, cell.line, "\(name) \(key)")
            }
            XCTAssertEqual(archived.findings.map(\.id), findings.map(\.id.rawValue), name)
            XCTAssertEqual(archived.findings.map(\.cells), findings.map { $0.keys.map(\.rawValue) }, name)
            XCTAssertEqual(archived.verdict, findings.hasErrors ? "errors" : findings.isEmpty ? "ok" : "warnings", name)
        }
        // 2019's 198 cells and 2021's 200 (or 207 with its （六）其他处理 row).
        let counts = try DatabaseQueue(path: db.path).read { try Int.fetchAll($0, sql: "SELECT count(*) FROM cells GROUP BY report_id") }
        XCTAssertTrue(counts.allSatisfy { [198, 200, 207].contains($0) }, "\(counts)")
    }

    func testFindingsAndOutputsAreRecorded() throws {
        let db = try ArchiveFixtures.samplesArchive(in: try ArchiveFixtures.folder())
        try DatabaseQueue(path: db.path).read { sql in
            let findings = try Int.fetchOne(sql, sql: "SELECT count(*) FROM findings") ?? 0
            var expected = 0
            for name in ArchiveFixtures.names { expected += try ArchiveFixtures.parsed(name).findings.count }
            XCTAssertEqual(findings, expected)
            XCTAssertGreaterThan(findings, 0, "the samples have findings to test with")
            let output = try Row.fetchOne(sql, sql: "SELECT o.format, o.path, o.bytes, o.crc32 FROM outputs o JOIN files f ON f.id = o.file_id WHERE f.path = 'hanyin-county-2022.txt'")
            XCTAssertEqual(output?[0], "pdf")
            XCTAssertEqual(output?[1], "hanyin-county-2022.pdf")
            XCTAssertEqual(output?[2], 1234)
            XCTAssertEqual(output?[3], Int64(0xDEAD_BEEF))
        }
    }

    /// A file recorded again (a re-run, `--resume` after a kill) replaces its rows: same rows, no duplicates.
    func testRecordingAgainReplacesTheFilesRows() throws {
        let folder = try ArchiveFixtures.folder()
        let db = try ArchiveFixtures.samplesArchive(in: folder)
        func snapshot() throws -> [String] {
            try DatabaseQueue(path: db.path).read { sql in
                try ["files", "reports", "cells", "metrics", "findings", "outputs"].map { "\($0) \(try Int.fetchOne(sql, sql: "SELECT count(*) FROM \($0)")!)" }
                    + String.fetchAll(sql, sql: "SELECT f.path || ' ' || c.key || '=' || c.value FROM cells c JOIN reports r ON r.id = c.report_id JOIN files f ON f.id = r.file_id ORDER BY 1")
            }
        }
        let before = try snapshot()
        // Reopened, as a resumed batch does, and every sample recorded again.
        let again = try ArchiveFixtures.samplesArchive(in: folder)
        XCTAssertEqual(try snapshot(), before)
        // A failed re-run of one file leaves its file row, failed, and no report.
        try again.record(ArchiveFile(path: "xin-county-office-2021.txt", input: nil, status: "failed", failure: "worker", message: "took too long"), report: nil, findings: [])
        XCTAssertEqual(try again.recordedInputs().keys.sorted(), ArchiveFixtures.names.filter { $0 != "xin-county-office-2021" }.map { "\($0).txt" }.sorted())
        XCTAssertEqual(try again.facets().failed, 1)
    }
}
