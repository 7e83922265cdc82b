// The archive benchmark (part of `make bench`): fills an archive with 10,000 reports, synthetic
// variations of the bundled samples (1,667 agencies × 6 years, every count scaled, some
// cells blank), through the same `record` the batch calls, then times the archive page's
// questions: a filter, a sort by a metric and by a cell, a page deep in the list, an agency's
// years. Prints the write cost per report and each query's median and worst of 20 runs.
//
//   nianbao-archive-bench [SAMPLES_DIR] [REPORTS] [DB_PATH]
#if canImport(Glibc)
import Glibc
#endif
import Foundation
import NianbaoArchive
import NianbaoChecks
import NianbaoIngest
import NianbaoModel

let args = CommandLine.arguments
let dir = URL(fileURLWithPath: args.count > 1 ? args[1] : "Tests/NianbaoIngestTests/Fixtures/samples")
let count = args.count > 2 ? Int(args[2]) ?? 10_000 : 10_000
let dbPath = args.count > 3 ? args[3] : ".build/bench/archive-\(count).sqlite"

let files = try FileManager.default.contentsOfDirectory(atPath: dir.path).filter { $0.hasSuffix(".txt") }.sorted()
let samples = try files.map { try ReportParser().parse(bytes: [UInt8](Data(contentsOf: dir.appendingPathComponent($0)))) }

/// A deterministic generator, so every run fills the same archive.
struct SplitMix {
    var state: UInt64
    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
    mutating func unit() -> Double { Double(next() >> 11) / Double(1 << 53) }
}

let provinces = ["河南省", "陕西省", "湖北省", "四川省", "浙江省"]
let kinds = ["人民政府", "人民政府办公室", "教育局", "财政局", "自然资源局", "市场监督管理局", "卫生健康委员会", "公安局", "住房和城乡建设局", "交通运输局"]
/// Agency `n` (distinct below 2,500): 5 provinces × 50 counties × 10 departments.
func agency(_ n: Int) -> String {
    "\(provinces[n / 500 % provinces.count])第\(n / kinds.count % 50 + 1)县\(kinds[n % kinds.count])"
}

/// This process's CPU seconds (user + system): on a shared machine the wall clock also counts
/// the time others held the cores.
func cpuSeconds() -> Double {
    var usage = rusage()
    getrusage(__rusage_who_t(RUSAGE_SELF.rawValue), &usage)
    return Double(usage.ru_utime.tv_sec + usage.ru_stime.tv_sec) + Double(usage.ru_utime.tv_usec + usage.ru_stime.tv_usec) / 1e6
}

let clock = ContinuousClock()
// ARCHIVE_BENCH_REUSE=1 times the queries on the archive an earlier run filled (the fill takes minutes).
let reuse = ProcessInfo.processInfo.environment["ARCHIVE_BENCH_REUSE"] == "1" && FileManager.default.fileExists(atPath: dbPath)
if !reuse {
    try? FileManager.default.removeItem(atPath: dbPath)
    for suffix in ["-wal", "-shm"] { try? FileManager.default.removeItem(atPath: dbPath + suffix) }
    try FileManager.default.createDirectory(atPath: (dbPath as NSString).deletingLastPathComponent, withIntermediateDirectories: true)
    let db = try ArchiveDatabase(path: dbPath)
    var random = SplitMix(state: 2023)
        var writing = Duration.zero
    var writingCPU = 0.0
    for i in 0..<count {
        let sample = samples[i % samples.count]
        var report = sample.report
        report.agency = agency(i / 6)  // six consecutive reports: one agency's 2019…2024
        report.year = 2019 + i % 6
        let scale = 0.2 + random.unit() * 4
        for key in report.keys where report[key].state == .number && !key.isAmount && !key.isMoney && !key.isSigned {
            if random.unit() < 0.02 { report[key] = .blank(line: report[key].line); continue }
            report[key] = .count(Int((report[key].number ?? 0) * scale), line: report[key].line)
        }
        let findings = Checker.findings(for: ParsedReport(report: report, findings: sample.findings))
        let file = ArchiveFile(path: "\(report.year!)/\(report.agency)/report-\(i).txt", input: "\(i):0", status: findings.hasErrors ? "errors" : findings.isEmpty ? "ok" : "warnings",
                               errors: findings.errorCount, warnings: findings.warningCount,
                               outputs: [.init(format: "pdf", path: "\(i).pdf", bytes: 100_000, crc32: UInt32(i))])
        let cpu = cpuSeconds()
        writing += clock.measure { try! db.record(file, report: report, findings: findings) }
        writingCPU += cpuSeconds() - cpu
    }
    let writeSeconds = Double(writing.components.seconds) + Double(writing.components.attoseconds) / 1e18
    let size = (try FileManager.default.attributesOfItem(atPath: dbPath)[.size] as? Int ?? 0)
        + ((try? FileManager.default.attributesOfItem(atPath: dbPath + "-wal")[.size] as? Int) ?? 0)
    let load = (try? String(contentsOfFile: "/proc/loadavg", encoding: .utf8))?.split(separator: " ").prefix(3).joined(separator: " ") ?? "?"
    print("nianbao archive benchmark: \(count) reports (\(samples.count) samples varied), \(dbPath); load average \(load)")
    print(String(format: "write (one transaction a report)  %6.2f ms/report wall, %5.2f ms CPU   %6.1f s in all   %6.0f MB",
                 writeSeconds * 1000 / Double(count), writingCPU * 1000 / Double(count), writeSeconds, Double(size) / 1e6))
}

/// Median and worst of `runs` timings of `work`, in ms, and the median CPU time.
func time(_ label: String, runs: Int = 20, _ work: () throws -> Int) rethrows {
    var times: [Double] = [], cpu: [Double] = []
    var rows = 0
    for _ in 0..<runs {
        let start = cpuSeconds()
        let d = try clock.measure { rows = try work() }
        cpu.append((cpuSeconds() - start) * 1000)
        times.append((Double(d.components.seconds) + Double(d.components.attoseconds) / 1e18) * 1000)
    }
    times.sort()
    cpu.sort()
    // Padded by display width: a CJK character takes two columns.
    let width = label.unicodeScalars.reduce(0) { $0 + ($1.value >= 0x2E80 ? 2 : 1) }
    print(label + String(repeating: " ", count: max(1, 46 - width))
          + String(format: "%7.2f ms median %7.2f ms worst %6.1f ms CPU  %5d rows", times[runs / 2], times[runs - 1], cpu[runs / 2], rows))
}

let reader = try ArchiveDatabase(path: dbPath, mode: .read)
print("archive page queries (50 rows a page, total counted), median and worst of 20, median CPU")
try time("no filter, by agency") { try reader.reports(ArchiveQuery()).total }
try time("agency contains 第7县") { try reader.reports(ArchiveQuery(agency: "第7县")).total }
try time("year 2023, by 收到申请 (derived) desc") { try reader.reports(ArchiveQuery(year: 2023, sort: "derived.requests.received", descending: true)).total }
try time("verdict errors, template 2021, by 新收 cell") { try reader.reports(ArchiveQuery(template: "2021", verdict: "errors", sort: "requests.new.total", descending: true)).total }
try time("all, by disclosure rate, page 100") { try reader.reports(ArchiveQuery(sort: "derived.requests.disclosure_rate", limit: 50, offset: 4950)).total }
try time("agency + year + verdict, by 复议纠正 cell") { try reader.reports(ArchiveQuery(agency: "公安局", year: 2022, verdict: "errors", sort: "review.corrected")).total }
try time("agency page (6 years, every cell)") { try reader.agency(agency(123)).count }
try time("facets (filter choices)") { try reader.facets().reports }
