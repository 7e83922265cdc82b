// Parsing throughput: reports parsed (and checked, and exported as cells) per second on
// one core, and the process's peak memory. Usage: nianbao-bench SAMPLE_DIR [SECONDS]
import Foundation
import NianbaoChecks
import NianbaoExport
import NianbaoIngest

let args = CommandLine.arguments
let dir = URL(fileURLWithPath: args.count > 1 ? args[1] : "Tests/NianbaoIngestTests/Fixtures/samples")
let seconds = args.count > 2 ? Double(args[2]) ?? 3 : 3
let files = try FileManager.default.contentsOfDirectory(atPath: dir.path).filter { $0.hasSuffix(".txt") }.sorted()
let inputs = try files.map { [UInt8](try Data(contentsOf: dir.appendingPathComponent($0))) }
guard !inputs.isEmpty else { fatalError("no .txt samples in \(dir.path)") }

func peakMemoryMB() -> Double {
    var usage = rusage()
    getrusage(__rusage_who_t(RUSAGE_SELF.rawValue), &usage)
    return Double(usage.ru_maxrss) / 1024  // ru_maxrss is in KiB on Linux
}

let parser = ReportParser()
func measure(_ label: String, _ work: ([UInt8]) throws -> Int) rethrows {
    var count = 0, sink = 0
    let start = Date()
    while Date().timeIntervalSince(start) < seconds {
        for input in inputs { sink &+= try work(input); count += 1 }
    }
    let elapsed = Date().timeIntervalSince(start)
    print(label.padding(toLength: 32, withPad: " ", startingAt: 0) + String(format: "%8.0f reports/s  (%d reports in %.2f s, checksum %d)", Double(count) / elapsed, count, elapsed, sink & 0xFF))
}

print("nianbao parse benchmark: \(inputs.count) samples (\(inputs.map(\.count).reduce(0, +)) bytes), one core")
try measure("parse") { try parser.parse(bytes: $0).report.sections.count }
try measure("parse + check") { let p = try parser.parse(bytes: $0); return Checker.findings(for: p).count }
try measure("parse + check + cells export") { let p = try parser.parse(bytes: $0); _ = Checker.findings(for: p); return CellsExport.render(p.report).utf8.count }
print(String(format: "peak memory (max RSS)            %8.1f MB", peakMemoryMB()))
