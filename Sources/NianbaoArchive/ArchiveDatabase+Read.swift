import GRDB
import NianbaoCompare
import NianbaoModel

extension ArchiveDatabase {
    /// The reports matching `query`'s filters, sorted and paged, and how many match in all.
    /// Reports without the sorted value (a blank cell, a zero divisor) come last either way.
    public func reports(_ query: ArchiveQuery) throws(ArchiveError) -> ArchiveResults {
        let sort = try ArchiveQuery.SortKey(query.sort)
        var conditions: [String] = []
        var arguments: StatementArguments = []
        if let agency = query.agency, !agency.isEmpty {
            // instr, not LIKE: an agency name with % or _ needs no escaping.
            conditions.append("instr(r.agency, ?) > 0")
            _ = arguments.append(contentsOf: [agency])
        }
        if let year = query.year { conditions.append("r.year = ?"); _ = arguments.append(contentsOf: [year]) }
        if let template = query.template, !template.isEmpty { conditions.append("r.template = ?"); _ = arguments.append(contentsOf: [template]) }
        if let verdict = query.verdict, !verdict.isEmpty { conditions.append("r.verdict = ?"); _ = arguments.append(contentsOf: [verdict]) }
        let filter = conditions.isEmpty ? "" : "WHERE " + conditions.joined(separator: " AND ")
        let direction = query.descending ? "DESC" : "ASC"
        var join = "", sortValue = "NULL", sortText = "NULL", order: String
        var sortArguments: StatementArguments = []
        switch sort {
        case .column(let column):
            let expression = column == .path ? "f.path" : "r.\(column.rawValue)"  // a checked enum case, never user text
            order = "\(expression) IS NULL, \(expression) \(direction)"
        case .cell(let key):
            join = "LEFT JOIN cells s ON s.report_id = r.id AND s.key = ?"
            sortArguments = [key.rawValue]
            (sortValue, sortText, order) = ("s.number", "s.value", "s.number IS NULL, s.number \(direction)")
        case .metric(let derived):
            join = "LEFT JOIN metrics s ON s.report_id = r.id AND s.key = ?"
            sortArguments = [derived.rawValue]
            (sortValue, order) = ("s.value", "s.value IS NULL, s.value \(direction)")
        }
        // Two steps: the page's ids in order (only what sorting needs is joined), then the
        // columns shown for those 50, so 10,000 matches cost 10,000 sort-key lookups, not
        // 10,000 lookups of every shown column.
        let pageSQL = """
            SELECT r.id, \(sortValue), \(sortText) FROM reports r
            \(sort == .column(.path) ? "JOIN files f ON f.id = r.file_id" : "")
            \(join)
            \(filter)
            ORDER BY \(order), r.agency, r.year, r.id
            LIMIT ? OFFSET ?
            """
        let rowSQL = """
            SELECT r.id, f.path, r.agency, r.year, r.template, r.verdict, r.errors, r.warnings, m.value
            FROM reports r JOIN files f ON f.id = r.file_id
            LEFT JOIN metrics m ON m.report_id = r.id AND m.key = '\(Metric.Derived.received.rawValue)'
            WHERE r.id = ?
            """
        do {
            return try pool.read { db in
                let page = try Row.fetchAll(db, sql: pageSQL, arguments: sortArguments + arguments + [max(0, query.limit), max(0, query.offset)])
                let statement = try db.cachedStatement(sql: rowSQL)
                let rows = try page.compactMap { sorted -> ArchiveRow? in
                    guard let row = try Row.fetchOne(statement, arguments: [sorted[0] as Int64]) else { return nil }
                    return ArchiveRow(reportID: row[0], path: row[1], agency: row[2], year: row[3], template: row[4], verdict: row[5],
                                      errors: row[6], warnings: row[7], received: row[8], sortValue: sorted[1], sortText: sorted[2])
                }
                let total = try Int.fetchOne(db, sql: "SELECT count(*) FROM reports r \(filter)", arguments: arguments) ?? 0
                return ArchiveResults(rows: rows, total: total)
            }
        } catch {
            throw Self.failure(error, path: path, operation: "list its reports")
        }
    }

    /// Totals and the values the filters can take.
    public func facets() throws(ArchiveError) -> ArchiveFacets {
        do {
            return try pool.read { db in
                var verdicts: [String: Int] = [:]
                for row in try Row.fetchAll(db, sql: "SELECT verdict, count(*) FROM reports GROUP BY verdict") { verdicts[row[0]] = row[1] }
                return ArchiveFacets(
                    reports: try Int.fetchOne(db, sql: "SELECT count(*) FROM reports") ?? 0,
                    failed: try Int.fetchOne(db, sql: "SELECT count(*) FROM files WHERE status = 'failed'") ?? 0,
                    agencies: try Int.fetchOne(db, sql: "SELECT count(DISTINCT agency) FROM reports") ?? 0,
                    years: try Int.fetchAll(db, sql: "SELECT DISTINCT year FROM reports WHERE year IS NOT NULL ORDER BY year"),
                    templates: try String.fetchAll(db, sql: "SELECT DISTINCT template FROM reports ORDER BY template"),
                    verdicts: verdicts)
            }
        } catch {
            throw Self.failure(error, path: path, operation: "count its reports")
        }
    }

    /// Every report of the agency named exactly `agency`, oldest year first (reports without a
    /// year last), with cells, metrics and findings: the agency page's years side by side.
    public func agency(_ agency: String) throws(ArchiveError) -> [ArchivedReport] {
        do {
            return try pool.read { db in
                let heads = try Row.fetchAll(db, sql: """
                    SELECT r.id, f.path, r.title, r.agency, r.year, r.template, r.verdict, r.errors, r.warnings
                    FROM reports r JOIN files f ON f.id = r.file_id WHERE r.agency = ?
                    ORDER BY r.year IS NULL, r.year, f.path
                    """, arguments: [agency])
                return try heads.map { head in
                    let id: Int64 = head[0]
                    var cells: [String: ArchivedCell] = [:]
                    for row in try Row.fetchAll(db, sql: "SELECT key, state, value, number, solved, line, page FROM cells WHERE report_id = ?", arguments: [id]) {
                        cells[row[0]] = ArchivedCell(state: row[1], value: row[2], number: row[3], solved: row[4], line: row[5], page: row[6])
                    }
                    var metrics: [String: Double] = [:]
                    for row in try Row.fetchAll(db, sql: "SELECT key, value FROM metrics WHERE report_id = ?", arguments: [id]) { metrics[row[0]] = row[1] }
                    let findings = try Row.fetchAll(db, sql: "SELECT finding, severity, message, cells, line, page FROM findings WHERE report_id = ? ORDER BY seq", arguments: [id]).map { row in
                        ArchivedFinding(id: row[0], severity: row[1], message: row[2], cells: (row[3] as String).split(separator: " ").map(String.init), line: row[4], page: row[5])
                    }
                    return ArchivedReport(reportID: id, path: head[1], title: head[2], agency: head[3], year: head[4], template: head[5], verdict: head[6],
                                          errors: head[7], warnings: head[8], cells: cells, metrics: metrics, findings: findings)
                }
            }
        } catch {
            throw Self.failure(error, path: path, operation: "read the reports of \(agency)")
        }
    }
}
