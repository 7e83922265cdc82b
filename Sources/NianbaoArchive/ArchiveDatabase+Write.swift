import Foundation
import GRDB
import NianbaoCompare
import NianbaoModel

extension ArchiveDatabase {
    /// Writes one input, its report (nil when it failed) and findings in one transaction,
    /// replacing whatever an earlier run recorded for the same path: a re-run or `--resume`
    /// never leaves two rows for one file, and a crash mid-way leaves the old rows or the new,
    /// never half of either.
    public func record(_ file: ArchiveFile, report: Report?, findings: [Finding]) throws(ArchiveError) {
        let recordedAt = ISO8601DateFormatter().string(from: Date())
        do {
            try pool.write { db in
                // ON DELETE CASCADE takes the report, cells, metrics, findings and outputs with it.
                try db.cachedStatement(sql: "DELETE FROM files WHERE path = ?").execute(arguments: [file.path])
                try db.cachedStatement(sql: """
                    INSERT INTO files (path, input, status, failure, message, errors, warnings, pages, parse_seconds, recorded_at)
                    VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                    """).execute(arguments: [file.path, file.input, file.status, file.failure, file.message,
                                             file.errors, file.warnings, file.pages, file.parseSeconds, recordedAt])
                let fileID = db.lastInsertedRowID
                let output = try db.cachedStatement(sql: "INSERT OR REPLACE INTO outputs (file_id, format, path, bytes, crc32) VALUES (?, ?, ?, ?, ?)")
                for o in file.outputs {
                    try output.execute(arguments: [fileID, o.format, o.path, o.bytes, Int64(o.crc32)])
                }
                guard let report else { return }
                try Self.insert(report, findings: findings, fileID: fileID, in: db)
            }
        } catch {
            throw Self.failure(error, path: path, operation: "record \(file.path)")
        }
    }

    private static func insert(_ report: Report, findings: [Finding], fileID: Int64, in db: Database) throws {
        let errors = findings.errorCount, warnings = findings.warningCount
        try db.cachedStatement(sql: """
            INSERT INTO reports (file_id, title, agency, year, template, verdict, errors, warnings) VALUES (?, ?, ?, ?, ?, ?, ?, ?)
            """).execute(arguments: [fileID, report.title, report.agency, report.year, report.template.rawValue,
                                     errors > 0 ? "errors" : warnings > 0 ? "warnings" : "ok", errors, warnings])
        let reportID = db.lastInsertedRowID
        let cell = try db.cachedStatement(sql: """
            INSERT INTO cells (report_id, key, state, value, number, solved, written, unit, line, page) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
            """)
        for key in report.keys {
            let c = report[key]
            try cell.execute(arguments: [reportID, key.rawValue, c.state.rawValue, c.exported, c.state == .number ? c.number : nil,
                                         c.solved, c.written, c.unit, c.line, c.page])
        }
        let metric = try db.cachedStatement(sql: "INSERT INTO metrics (report_id, key, value) VALUES (?, ?, ?)")
        for derived in Metric.Derived.allCases {
            guard let value = derived.value(report), value.isFinite else { continue }
            try metric.execute(arguments: [reportID, derived.rawValue, value])
        }
        let finding = try db.cachedStatement(sql: """
            INSERT INTO findings (report_id, seq, finding, severity, message, cells, line, page) VALUES (?, ?, ?, ?, ?, ?, ?, ?)
            """)
        for (seq, f) in findings.enumerated() {
            try finding.execute(arguments: [reportID, seq, f.id.rawValue, f.severity.rawValue, f.message,
                                            f.keys.map(\.rawValue).joined(separator: " "), f.line, f.page])
        }
    }

    /// The input identity (`size:crc32`) of every file recorded with its report (failed files
    /// excluded), by path: `batch --resume` takes an input as done only when the archive has it
    /// from this very input.
    public func recordedInputs() throws(ArchiveError) -> [String: String] {
        do {
            return try pool.read { db in
                var inputs: [String: String] = [:]
                let rows = try Row.fetchCursor(db, sql: "SELECT path, input FROM files WHERE status != 'failed' AND input IS NOT NULL")
                while let row = try rows.next() { inputs[row["path"]] = row["input"] }
                return inputs
            }
        } catch {
            throw Self.failure(error, path: path, operation: "read its files")
        }
    }
}
