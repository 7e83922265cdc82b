import Foundation
import GRDB

/// A nianbao archive: one SQLite file (WAL mode) holding every input of one or more batch runs,
/// their parsed cells, findings and outputs (`ArchiveSchema`). Written by `nianbao batch --db`
/// (`record`), read by the archive page (`reports`, `agency`) and by anyone with `sqlite3`.
///
/// Opening never writes into a file that is not an archive: a file that is not SQLite, is
/// damaged, or is another program's database is refused with `ArchiveError.notAnArchive`.
public final class ArchiveDatabase: Sendable {
    /// How the archive is opened.
    public enum Mode: Sendable {
        /// Creates the file if needed and brings its schema up to date (the batch).
        case write
        /// Reads an existing, current archive; never changes it (the server).
        case read
    }

    public let path: String
    let pool: DatabasePool

    /// Opens (or with `.write`, creates) the archive at `path`.
    public init(path: String, mode: Mode = .write) throws(ArchiveError) {
        self.path = path
        let exists = FileManager.default.fileExists(atPath: path)
        if mode == .read && !exists { throw .notAnArchive(path: path, reason: "no such file") }
        if exists { try Self.checkHeader(path) }
        if mode == .write && !exists {
            // As the batch's --output-dir is: the folder is made when missing.
            let folder = URL(fileURLWithPath: path).deletingLastPathComponent()
            do {
                try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
            } catch {
                throw .sqlite(path: path, operation: "make its folder", message: (error as NSError).localizedFailureReason ?? "\((error as NSError).code)")
            }
        }
        var config = Configuration()
        config.readonly = mode == .read
        // The server reads while a batch may be writing: wait for a writer's commit, not fail.
        config.busyMode = .timeout(10)
        config.prepareDatabase { db in
            // WAL already makes a commit durable in order; NORMAL skips the fsync per transaction
            // that FULL adds, which a batch of thousands of one-report transactions would feel.
            if !db.configuration.readonly { try db.execute(sql: "PRAGMA synchronous = NORMAL") }
        }
        do {
            pool = try DatabasePool(path: path, configuration: config)
        } catch {
            throw Self.failure(error, path: path, operation: "open it")
        }
        try checkIdentity(mode: mode)
    }

    /// The first 16 bytes of every SQLite database; anything else is refused before SQLite
    /// sees it (SQLite would otherwise happily treat an empty-looking file as new).
    private static func checkHeader(_ path: String) throws(ArchiveError) {
        guard let handle = FileHandle(forReadingAtPath: path) else {
            throw .notAnArchive(path: path, reason: "it cannot be read")
        }
        defer { try? handle.close() }
        let head = (try? handle.read(upToCount: 16)) ?? Data()
        if head.isEmpty { return }  // an empty file: a new database
        guard head == Data("SQLite format 3\0".utf8) else {
            throw .notAnArchive(path: path, reason: "not an SQLite database")
        }
    }

    /// Refuses another program's database and a newer nianbao's archive; with `.write`, makes
    /// an empty database an archive and brings an older archive's schema forward.
    private func checkIdentity(mode: Mode) throws(ArchiveError) {
        let path = self.path
        let migrator = ArchiveSchema.migrator
        do {
            let (id, tables, applied) = try pool.read { db in
                (try Int32.fetchOne(db, sql: "PRAGMA application_id") ?? 0,
                 try String.fetchAll(db, sql: "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'"),
                 try migrator.appliedIdentifiers(db))
            }
            if id != ArchiveSchema.applicationID {
                if id != 0 || !tables.isEmpty {
                    let what = tables.isEmpty ? "application id \(id)" : "tables " + tables.prefix(5).joined(separator: ", ")
                    throw ArchiveError.notAnArchive(path: path, reason: "another program's SQLite database: \(what)")
                }
                if mode == .read { throw ArchiveError.notAnArchive(path: path, reason: "an empty database") }
            }
            let unknown = applied.subtracting(migrator.migrations)
            if !unknown.isEmpty { throw ArchiveError.newerFormat(path: path, unknown: unknown.sorted()) }
            if applied.count < migrator.migrations.count {
                if mode == .read { throw ArchiveError.outdated(path: path) }
                try pool.barrierWriteWithoutTransaction { db in
                    try db.execute(sql: "PRAGMA application_id = \(ArchiveSchema.applicationID)")
                }
                try migrator.migrate(pool)
            }
        } catch let error as ArchiveError {
            throw error
        } catch {
            throw Self.failure(error, path: path, operation: "read its schema")
        }
    }

    /// SQLite's error as an `ArchiveError`: a damaged file is not an archive; the rest keep
    /// SQLite's own words.
    static func failure(_ error: any Error, path: String, operation: String) -> ArchiveError {
        if let e = error as? DatabaseError {
            if e.resultCode == .SQLITE_NOTADB || e.resultCode == .SQLITE_CORRUPT {
                return .notAnArchive(path: path, reason: "damaged: \(e.message ?? "\(e.resultCode)")")
            }
            return .sqlite(path: path, operation: operation, message: e.message ?? "\(e.resultCode)")
        }
        if let e = error as? ArchiveError { return e }
        return .sqlite(path: path, operation: operation, message: "\(error)")
    }
}
