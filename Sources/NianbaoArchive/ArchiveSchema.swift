import GRDB

/// The archive's tables, as GRDB migrations (README "The archive database" documents them for
/// people who query the file with `sqlite3`). A migration once shipped is never edited: a
/// change is a new one, so an archive from an earlier nianbao is brought forward in place.
///
/// - `files`: one row per input path, failed inputs included (status `failed`, no report).
/// - `reports`: the parsed report of a file: agency, year, template, title, verdict.
/// - `cells`: every cell of the report's template (200, or 198 for 2019), with its state and
///   where it stood (line, page).
/// - `metrics`: the derived figures of the comparison handout (received, disclosure rate …).
/// - `findings`: parse and check findings with the cells they involve.
/// - `outputs`: each file written for the input, with size and CRC-32.
enum ArchiveSchema {
    /// `PRAGMA application_id` of a nianbao archive ("NBAR"): how nianbao tells its own database
    /// from any other SQLite file before writing a byte into it.
    static let applicationID: Int32 = 0x4E42_4152

    static var migrator: DatabaseMigrator {
        var migrator = DatabaseMigrator()
        migrator.registerMigration("v1") { db in
            try db.execute(sql: """
                CREATE TABLE files (
                    id INTEGER PRIMARY KEY,
                    path TEXT NOT NULL UNIQUE,          -- relative to the batch input, '/' separators
                    input TEXT,                         -- size:crc32 of the input the rows were made from
                    status TEXT NOT NULL,               -- ok | warnings | errors | failed
                    failure TEXT,                       -- for failed: input | output | outOfSpace | worker
                    message TEXT NOT NULL,              -- first finding, or why it failed
                    errors INTEGER NOT NULL,
                    warnings INTEGER NOT NULL,
                    pages INTEGER NOT NULL,
                    parse_seconds REAL NOT NULL,
                    recorded_at TEXT NOT NULL           -- UTC, ISO 8601
                );
                CREATE TABLE reports (
                    id INTEGER PRIMARY KEY,
                    file_id INTEGER NOT NULL UNIQUE REFERENCES files(id) ON DELETE CASCADE,
                    title TEXT NOT NULL,
                    agency TEXT NOT NULL,
                    year INTEGER,
                    template TEXT NOT NULL,             -- 2021 | 2019
                    verdict TEXT NOT NULL,              -- ok | warnings | errors
                    errors INTEGER NOT NULL,
                    warnings INTEGER NOT NULL
                );
                CREATE INDEX reports_agency_year ON reports(agency, year);
                CREATE INDEX reports_year ON reports(year);
                CREATE TABLE cells (
                    report_id INTEGER NOT NULL REFERENCES reports(id) ON DELETE CASCADE,
                    key TEXT NOT NULL,                  -- canonical dotted key (FORMAT.md §2)
                    state TEXT NOT NULL,                -- number | blank | placeholder | unreadable
                    value TEXT NOT NULL,                -- as exported: '1204', '', '/', '?'
                    number REAL,                        -- when state = number
                    solved INTEGER NOT NULL,            -- 1: boundaries decided by the table's arithmetic
                    written TEXT NOT NULL,              -- as it stood in the source
                    unit TEXT,                          -- 元 | 万元, for a 2019 sum of money
                    line INTEGER,
                    page INTEGER,
                    PRIMARY KEY (report_id, key)
                ) WITHOUT ROWID;
                CREATE INDEX cells_key_number ON cells(key, number);
                CREATE TABLE metrics (
                    report_id INTEGER NOT NULL REFERENCES reports(id) ON DELETE CASCADE,
                    key TEXT NOT NULL,                  -- derived.requests.received, …
                    value REAL NOT NULL,                -- absent row: an operand blank or a zero divisor
                    PRIMARY KEY (report_id, key)
                ) WITHOUT ROWID;
                CREATE INDEX metrics_key_value ON metrics(key, value);
                CREATE TABLE findings (
                    report_id INTEGER NOT NULL REFERENCES reports(id) ON DELETE CASCADE,
                    seq INTEGER NOT NULL,               -- order within the report
                    finding TEXT NOT NULL,              -- requests.balance, parse.row_short, …
                    severity TEXT NOT NULL,             -- warning | error
                    message TEXT NOT NULL,
                    cells TEXT NOT NULL,                -- involved keys, space-separated
                    line INTEGER,
                    page INTEGER,
                    PRIMARY KEY (report_id, seq)
                ) WITHOUT ROWID;
                CREATE INDEX findings_finding ON findings(finding);
                CREATE TABLE outputs (
                    file_id INTEGER NOT NULL REFERENCES files(id) ON DELETE CASCADE,
                    format TEXT NOT NULL,               -- pdf | ofd | txt | md | json
                    path TEXT NOT NULL,                 -- relative to the output folder
                    bytes INTEGER NOT NULL,
                    crc32 INTEGER NOT NULL,
                    PRIMARY KEY (file_id, format)
                ) WITHOUT ROWID;
                """)
        }
        return migrator
    }
}
