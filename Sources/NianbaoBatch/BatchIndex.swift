import Foundation
import NianbaoOutput

/// `index.csv` and `summary.json` of a batch, and joining the indexes of shards.
public enum BatchIndex {
    /// `summary.json`: the totals of the index, and the time and rate of the run that wrote it.
    public struct Summary: Codable, Sendable {
        /// Rows of the index, by status (inputs skipped as already done included).
        public var inputs: Int
        public var ok: Int
        public var warnings: Int
        public var errors: Int
        public var failed: Int
        public var pages: Int
        /// Inputs rendered by this run (not failed, not skipped).
        public var rendered: Int
        /// Inputs `--resume` skipped because an earlier run had done them: in the totals
        /// above, not in `rendered`, `seconds` or the rate.
        public var skipped: Int
        /// Wall-clock seconds of this run (after `merge`: see `note`).
        public var seconds: Double
        public var jobs: Int
        public var shard: String?
        /// `rendered / seconds`.
        public var reportsPerSecond: Double
        /// Peak resident memory of any worker, MiB.
        public var peakWorkerMB: Double
        /// Mean seconds per report rendered by this run in each stage.
        public var parseSeconds: Double
        public var layoutSeconds: Double
        public var writeSeconds: Double
        /// How `merge` computed the time and rate, and which shard summaries it lacked.
        public var note: String?
    }

    public static func csv(_ results: [BatchResult]) -> String {
        ([BatchResult.csvHeader] + results.sorted { $0.path < $1.path }.map(\.csvRow)).joined(separator: "\n") + "\n"
    }

    /// The totals of `results` (every row of the index) with the time and rate of this run:
    /// `fresh` are the results this run produced (nil: all of `results`), so inputs skipped as
    /// already done count in the totals but not in the rate.
    public static func summary(_ results: [BatchResult], fresh: [BatchResult]? = nil, seconds: Double, jobs: Int, shard: String?, peakWorkerMB: Double = 0) -> Summary {
        func count(_ s: BatchResult.Status) -> Int { results.filter { $0.status == s }.count }
        let thisRun = fresh ?? results
        let rendered = thisRun.filter { $0.status != .failed }
        func mean(_ f: (BatchResult) -> Double) -> Double {
            rendered.isEmpty ? 0 : (rendered.reduce(0) { $0 + f($1) } / Double(rendered.count) * 1e5).rounded() / 1e5
        }
        return Summary(inputs: results.count, ok: count(.ok), warnings: count(.warnings), errors: count(.errors), failed: count(.failed),
                       pages: results.reduce(0) { $0 + $1.pages }, rendered: rendered.count, skipped: results.count - thisRun.count,
                       seconds: (seconds * 1000).rounded() / 1000, jobs: jobs, shard: shard,
                       reportsPerSecond: rate(rendered.count, seconds),
                       peakWorkerMB: (peakWorkerMB * 10).rounded() / 10,
                       parseSeconds: mean(\.parseSeconds), layoutSeconds: mean(\.layoutSeconds), writeSeconds: mean(\.writeSeconds))
    }

    static func rate(_ reports: Int, _ seconds: Double) -> Double {
        seconds > 0 ? (Double(reports) / seconds * 10).rounded() / 10 : 0
    }

    /// Index and summary file names: `index.csv`, or `index-K-of-N.csv` for a shard.
    public static func names(shard: (k: Int, n: Int)?) -> (index: String, summary: String) {
        guard let shard else { return ("index.csv", "summary.json") }
        return ("index-\(shard.k)-of-\(shard.n).csv", "summary-\(shard.k)-of-\(shard.n).json")
    }

    public static func write(_ results: [BatchResult], fresh: [BatchResult]? = nil, to dir: String, seconds: Double, jobs: Int, shard: (k: Int, n: Int)?, peakWorkerMB: Double = 0) throws {
        let n = names(shard: shard)
        try AtomicFile.write(csv(results), to: OutputPlan.join(dir, n.index))
        let s = summary(results, fresh: fresh, seconds: seconds, jobs: jobs, shard: shard.map { "\($0.k)/\($0.n)" }, peakWorkerMB: peakWorkerMB)
        try AtomicFile.write(encode(s), to: OutputPlan.join(dir, n.summary))
    }

    static func encode(_ s: Summary) throws -> Data {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys]
        return try encoder.encode(s)
    }

    /// Joins the shard indexes (`index-K-of-N.csv`, K from 1) found in `dirs` into
    /// `into/index.csv` and `into/summary.json`, every input exactly once. Refuses, writing
    /// nothing, when a shard is missing or given twice, when the indexes disagree on N, when
    /// an input appears in two shards, or when a shard index is damaged: not our header, a row
    /// cut short or of the wrong shape, or other counts than its shard's summary gives.
    /// Returns the number of rows.
    /// Takes `into`'s folder lock as an unsharded run would: a merge while a shard (or
    /// another run) still writes there is refused, naming it.
    public static func merge(_ dirs: [String], into: String) throws(BatchError) -> Int {
        let lock = try BatchLock(outputDir: into, shard: nil)
        defer { withExtendedLifetime(lock) {} }
        var shards: [Int: (n: Int, file: String)] = [:]
        var summaryFiles: [Int: String] = [:]
        var counts: Set<Int> = []
        var rows: [String: (row: [String], file: String)] = [:]
        for dir in dirs {
            let files = ((try? FileManager.default.contentsOfDirectory(atPath: dir)) ?? []).sorted()
            for file in files where file.hasPrefix("index-") && file.hasSuffix(".csv") {
                let parts = file.dropFirst(6).dropLast(4).split(separator: "-")
                guard parts.count == 3, parts[1] == "of", let k = Int(parts[0]), let n = Int(parts[2]), (1...n).contains(k) else {
                    throw BatchError("\(OutputPlan.join(dir, file)): not a shard index name (index-K-of-N.csv, K from 1 to N)")
                }
                if let other = shards[k] { throw BatchError("shard \(k) is there twice: \(other.file) and \(OutputPlan.join(dir, file))") }
                shards[k] = (n, OutputPlan.join(dir, file))
                summaryFiles[k] = OutputPlan.join(dir, names(shard: (k, n)).summary)
                counts.insert(n)
                for record in try shardRows(OutputPlan.join(dir, file), summary: summaryFiles[k]!) {
                    if let earlier = rows[record[0]] {
                        throw BatchError("\(record[0]) is in two shard indexes (\(earlier.file) and \(OutputPlan.join(dir, file))); every input must be in exactly one")
                    }
                    rows[record[0]] = (record, OutputPlan.join(dir, file))
                }
            }
        }
        guard !shards.isEmpty else { throw BatchError("no shard index (index-K-of-N.csv) in \(dirs.joined(separator: ", "))") }
        guard counts.count == 1, let n = counts.first else {
            throw BatchError("the shard indexes are of different shardings (N = \(counts.sorted().map(String.init).joined(separator: ", "))): merge the indexes of one run")
        }
        let missing = (1...n).filter { shards[$0] == nil }
        guard missing.isEmpty else {
            throw BatchError("shard\(missing.count == 1 ? "" : "s") \(missing.map(String.init).joined(separator: ", ")) of \(n) missing (no index-K-of-\(n).csv): run \(missing.count == 1 ? "it" : "them") first, or give the folder\(missing.count == 1 ? "" : "s") where \(missing.count == 1 ? "it" : "they") wrote")
        }
        // The cells as the shards wrote them, already spreadsheet-safe: quoted again, not escaped twice.
        let body = rows.keys.sorted().map { rows[$0]!.row.map(BatchResult.field).joined(separator: ",") }
        do {
            try AtomicFile.write(([BatchResult.csvHeader] + body).joined(separator: "\n") + "\n", to: OutputPlan.join(into, "index.csv"))
        } catch {
            throw BatchError("\(error)")
        }
        // The totals of the merged index (status is the fourth column, pages the seventh).
        let statuses = rows.values.map { $0.row.count > 3 ? $0.row[3] : "" }
        func count(_ s: String) -> Int { statuses.filter { $0 == s }.count }
        let time = shardTime(summaryFiles, n: n)
        let totals = Summary(inputs: rows.count, ok: count("ok"), warnings: count("warnings"), errors: count("errors"), failed: count("failed"),
                             pages: rows.values.reduce(0) { $0 + ($1.row.count > 6 ? Int($1.row[6]) ?? 0 : 0) },
                             rendered: time.rendered, skipped: time.skipped, seconds: (time.seconds * 1000).rounded() / 1000, jobs: time.jobs,
                             shard: "merged \(n) shards", reportsPerSecond: rate(time.rendered, time.seconds), peakWorkerMB: time.peakWorkerMB,
                             parseSeconds: time.parseSeconds, layoutSeconds: time.layoutSeconds, writeSeconds: time.writeSeconds, note: time.note)
        do {
            try AtomicFile.write(encode(totals), to: OutputPlan.join(into, "summary.json"))
        } catch {
            throw BatchError("\(error)")
        }
        return body.count
    }

    /// The rows of one shard index, every one checked: the header is ours, the file ends with a
    /// whole row (a copy cut mid-row does not), each row has the nine columns with a status and
    /// numbers where they belong, and the counts are those of the shard's summary when it can be
    /// read (a missing summary is named in the merged note instead).
    static func shardRows(_ file: String, summary: String) throws(BatchError) -> [[String]] {
        func damaged(_ why: String) -> BatchError {
            BatchError("\(file) is damaged: \(why); nothing was merged — run that shard again (with --resume) to rewrite its index")
        }
        let text: String
        do {
            text = try String(contentsOfFile: file, encoding: .utf8)
        } catch {
            throw BatchError("\(file) cannot be read as UTF-8 text: nothing was merged")
        }
        let parsed = records(text)
        guard let header = parsed.records.first, header.fields.joined(separator: ",") == BatchResult.csvHeader else {
            throw damaged("its first line is not the index header (\(BatchResult.csvHeader))")
        }
        if parsed.openQuote { throw damaged("it ends inside a quoted cell (line \(parsed.records.last?.line ?? 1)): the file was cut short") }
        if text.utf8.last != 0x0A { throw damaged("its last line (line \(parsed.records.last?.line ?? 1)) does not end: the file was cut short") }
        var rows: [[String]] = []
        for record in parsed.records.dropFirst() where record.fields != [""] {
            let f = record.fields
            guard f.count == BatchResult.csvColumns else {
                throw damaged("line \(record.line) has \(f.count) cells, not \(BatchResult.csvColumns)")
            }
            guard BatchResult.Status(rawValue: f[3]) != nil else { throw damaged("line \(record.line) has no status (ok, warnings, errors, failed) but «\(f[3])»") }
            guard f[2].isEmpty || Int(f[2]) != nil, [f[4], f[5], f[6]].allSatisfy({ (Int($0) ?? -1) >= 0 }) else {
                throw damaged("line \(record.line): year, errors, warnings and pages must be numbers")
            }
            rows.append(f)
        }
        if let data = FileManager.default.contents(atPath: summary), let run = try? JSONDecoder().decode(ShardRun.self, from: data) {
            func count(_ s: BatchResult.Status) -> Int { rows.filter { $0[3] == s.rawValue }.count }
            let theirs = [run.inputs, run.ok, run.warnings, run.errors, run.failed]
            let ours: [Int?] = [rows.count, count(.ok), count(.warnings), count(.errors), count(.failed)]
            if zip(theirs, ours).contains(where: { $0 != nil && $0 != $1 }) {
                throw damaged("it has \(rows.count) rows (\(count(.ok)) ok, \(count(.warnings)) warnings, \(count(.errors)) errors, \(count(.failed)) failed) but \(summary) counts \(run.inputs) (\(run.ok.map(String.init) ?? "?") ok, \(run.warnings.map(String.init) ?? "?") warnings, \(run.errors.map(String.init) ?? "?") errors, \(run.failed) failed)")
            }
        }
        return rows
    }

    /// What a shard's `summary-K-of-N.json` says about its run (older summaries lack `rendered`
    /// and `skipped`: then the inputs that did not fail).
    struct ShardRun: Decodable {
        var inputs: Int
        var ok: Int?
        var warnings: Int?
        var errors: Int?
        var failed: Int
        var rendered: Int?
        var skipped: Int?
        var seconds: Double
        var jobs: Int
        var peakWorkerMB: Double
        var parseSeconds: Double
        var layoutSeconds: Double
        var writeSeconds: Double
    }

    /// The time of the merged run: the shards' seconds summed (each shard's wall-clock time; shards
    /// that ran side by side took less together), the reports they rendered, their workers, the
    /// largest worker, stage means weighted by reports; and a note saying so and naming the
    /// summaries that could not be read.
    static func shardTime(_ files: [Int: String], n: Int) -> (seconds: Double, rendered: Int, skipped: Int, jobs: Int, peakWorkerMB: Double,
                                                              parseSeconds: Double, layoutSeconds: Double, writeSeconds: Double, note: String) {
        var runs: [ShardRun] = []
        var missing: [String] = []
        for k in 1...n {
            guard let file = files[k], let data = FileManager.default.contents(atPath: file),
                  let run = try? JSONDecoder().decode(ShardRun.self, from: data) else {
                missing.append(files[k] ?? names(shard: (k, n)).summary)
                continue
            }
            runs.append(run)
        }
        let rendered = runs.map { $0.rendered ?? ($0.inputs - $0.failed - ($0.skipped ?? 0)) }
        let total = rendered.reduce(0, +)
        func weighted(_ f: (ShardRun) -> Double) -> Double {
            total == 0 ? 0 : (zip(runs, rendered).reduce(0) { $0 + f($1.0) * Double($1.1) } / Double(total) * 1e5).rounded() / 1e5
        }
        var note = "merged from \(runs.count) of \(n) shard summaries (summary-K-of-\(n).json): seconds is the sum of the shards' seconds, "
            + "rendered the sum of their rendered reports, reportsPerSecond rendered / seconds (a shard's mean rate; shards run side by side "
            + "finish sooner), jobs the sum of their workers, peakWorkerMB the largest"
        if !missing.isEmpty {
            note += "; not found or not readable: \(missing.joined(separator: ", ")) — those shards' time and reports are not counted in seconds, rendered or the rate"
        }
        return (runs.reduce(0) { $0 + $1.seconds }, total, runs.reduce(0) { $0 + ($1.skipped ?? 0) }, runs.reduce(0) { $0 + $1.jobs },
                runs.map(\.peakWorkerMB).max() ?? 0, weighted(\.parseSeconds), weighted(\.layoutSeconds), weighted(\.writeSeconds), note)
    }

    /// Minimal CSV reading (quoted fields with doubled quotes), enough for our own indexes: each
    /// record with the line it starts on, and whether the text ended inside a quoted field.
    static func records(_ text: String) -> (records: [(fields: [String], line: Int)], openQuote: Bool) {
        var out: [(fields: [String], line: Int)] = [], row: [String] = [], field = "", quoted = false
        var line = 1, start = 1
        var it = Array(text).makeIterator()
        var pending: Character? = nil
        while let c = pending ?? it.next() {
            pending = nil
            if c == "\n" || c == "\r\n" { line += 1 }
            if quoted {
                if c == "\"" {
                    if let n = it.next() { if n == "\"" { field.append("\"") } else { quoted = false; pending = n } } else { quoted = false }
                } else { field.append(c) }
            } else if c == "\"" { quoted = true }
            else if c == "," { row.append(field); field = "" }
            else if c == "\n" || c == "\r\n" { row.append(field); out.append((row, start)); row = []; field = ""; start = line }
            else if c == "\r" { continue }  // CRLF indexes (edited on Windows) read the same
            else { field.append(c) }
        }
        if !field.isEmpty || !row.isEmpty || quoted { row.append(field); out.append((row, start)) }
        return (out, quoted)
    }
}
