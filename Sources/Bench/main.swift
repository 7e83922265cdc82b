// Parsing throughput: reports parsed (and checked, and exported as cells) per second on
// one core, and the process's peak memory. Usage: nianbao-bench SAMPLE_DIR [SECONDS]
import Foundation
import NianbaoChecks
import NianbaoExport
import NianbaoFiles
import NianbaoInput
import NianbaoIngest
import NianbaoLayout
import NianbaoModel
import NianbaoRender
import NianbaoStyle
import ZIPFoundation

let args = CommandLine.arguments
let dir = URL(fileURLWithPath: args.count > 1 ? args[1] : "Tests/NianbaoIngestTests/Fixtures/samples")
let seconds = args.count > 2 ? Double(args[2]) ?? 3 : 3
let files = try FileManager.default.contentsOfDirectory(atPath: dir.path).filter { $0.hasSuffix(".txt") }.sorted()
let inputs = try files.map { [UInt8](try Data(contentsOf: dir.appendingPathComponent($0))) }
guard !inputs.isEmpty else { fatalError("no .txt samples in \(dir.path)") }

/// This process's peak resident memory: VmHWM of /proc/self/status. (Not getrusage's
/// ru_maxrss, which a process started by another carries over from its parent's size at the
/// fork: the size table's children all showed the parent's 80 MB.)
func peakMemoryMB() -> Double {
    let status = (try? String(contentsOfFile: "/proc/self/status", encoding: .utf8)) ?? ""
    let line = status.split(separator: "\n").first { $0.hasPrefix("VmHWM:") } ?? ""
    return (line.split(separator: " ").dropFirst().first.flatMap { Double($0) } ?? .nan) / 1024  // in kB
}

/// CPU time of the calling thread (user and system).
func threadCPUSeconds() -> Double {
    var t = timespec()
    clock_gettime(CLOCK_THREAD_CPUTIME_ID, &t)
    return Double(t.tv_sec) + Double(t.tv_nsec) / 1e9
}

let parser = ReportParser()
func measure(_ label: String, _ work: ([UInt8]) throws -> Int) rethrows {
    var count = 0, sink = 0
    let start = Date(), cpuStart = threadCPUSeconds()
    while Date().timeIntervalSince(start) < seconds {
        for input in inputs { sink &+= try work(input); count += 1 }
    }
    let elapsed = Date().timeIntervalSince(start), cpu = threadCPUSeconds() - cpuStart
    print(label.padding(toLength: 32, withPad: " ", startingAt: 0) + String(format: "%8.0f reports/s  (%d reports in %.2f s, checksum %d)", Double(count) / elapsed, count, elapsed, sink & 0xFF) + cpuRate(count, cpu))
}

/// Reports per second of this thread's CPU time: on a machine others share, wall time counts
/// their work too, and the CPU figure is the one to compare between runs.
func cpuRate(_ count: Int, _ cpu: Double) -> String {
    String(format: "  [%.0f /CPU s]", Double(count) / cpu)
}

// Parse cost by input kind and size (BENCH_ONLY=sizes for this table alone): one report grown
// to 1, 4 and 16 MiB (the input limit) as text (prose lines of ~100 bytes, short lines of ~32
// bytes, and a table of pipe rows), as a web page of <p> lines and as a Word file. Each is read
// through ReportInput in a process of its own, so that its peak memory (max RSS) is its own.
// Linear reading keeps the seconds per MB (of content: a DOCX's document.xml) flat down a
// column; "× content" is (peak − the peak of a process that parsed one sample) / content.
func sizeTable() throws {
    let sample = String(decoding: inputs[inputs.count - 1], as: UTF8.self)
    let prose = "　　政务公开平台建设。通过多种形式公开政府信息，不断加强政府信息公开平台载体建设，\n打造立体化的政府信息公开体系，2022年共发布信息1,204条。\n"
    let short = "　　政务公开平台建设，\n持续公开各类信息\n"
    let pipeRows = "| 其他对外管理服务事项 | 12 | 3 | 4 |\n| 行政许可 | 1 | | |\n"
    let cut = sample.range(of: "主动公开政府信息情况").map { sample.index($0.lowerBound, offsetBy: -2) } ?? sample.endIndex
    // Table 1's region ends where section 3's heading begins.
    let tableEnd = sample.range(of: "三、收到和处理政府信息公开申请情况")?.lowerBound ?? sample.endIndex
    /// The sample's lines with `fill`'s lines added (in section 1, or at the end of table 1)
    /// until `wrap` of them takes `bytes`.
    func lines(_ bytes: Int, fill: String = prose, inTable: Bool = false, wrap: (Substring) -> String) -> [String] {
        let at = inTable ? tableEnd : cut
        let head = sample[..<at].split(separator: "\n", omittingEmptySubsequences: false).dropLast().map(wrap)
        let tail = sample[at...].split(separator: "\n", omittingEmptySubsequences: false).map(wrap)
        let more = fill.split(separator: "\n").map(wrap)
        var out = Array(head), size = (head + tail).reduce(0) { $0 + $1.utf8.count + 1 }
        while size < bytes { for line in more { out.append(line); size += line.utf8.count + 1 } }
        return out + [""] + tail
    }
    func escaped(_ s: Substring) -> String {
        s.replacingOccurrences(of: "&", with: "&amp;").replacingOccurrences(of: "<", with: "&lt;").replacingOccurrences(of: ">", with: "&gt;")
    }
    func docx(_ xml: [UInt8]) throws -> [UInt8] {
        let archive = try Archive(data: Data(), accessMode: .create)
        try archive.addEntry(with: "word/document.xml", type: .file, uncompressedSize: Int64(xml.count), compressionMethod: .deflate) { position, size in
            Data(xml[Int(position)..<min(xml.count, Int(position) + size)])
        }
        return [UInt8](archive.data ?? Data())
    }
    func text(_ lines: [String]) -> (file: [UInt8], content: Int) {
        let t = Array(lines.joined(separator: "\n").utf8)
        return (t, t.count)
    }
    let w = "xmlns:w=\"http://schemas.openxmlformats.org/wordprocessingml/2006/main\""
    // Each made to about 15/16 of its size, so that the 16 MiB one stays inside the input limit.
    // The file, and the bytes it holds (a DOCX's document.xml, deflated ~100:1 in its zip).
    let kinds: [(String, (Int) throws -> (file: [UInt8], content: Int))] = [
        ("text", { text(lines($0, wrap: String.init)) }),
        ("text, 32-byte lines", { text(lines($0, fill: short, wrap: String.init)) }),
        ("text, pipe table", { text(lines($0, fill: pipeRows, inTable: true, wrap: String.init)) }),
        ("HTML", { let h = Array(("<html><body>\n" + lines($0, wrap: { "<p>\(escaped($0))</p>" }).joined(separator: "\n") + "\n</body></html>").utf8); return (h, h.count) }),
        ("DOCX", { let x = Array(("<w:document \(w)><w:body>" + lines($0, wrap: { "<w:p><w:r><w:t>\(escaped($0))</w:t></w:r></w:p>" }).joined() + "</w:body></w:document>").utf8)
                   return (try docx(x), x.count) }),
    ]
    let folder = URL(fileURLWithPath: NSTemporaryDirectory()).appendingPathComponent("nianbao-bench-sizes-\(getpid())")
    try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(at: folder) }
    /// Parses `file` in a child process: (seconds, peak MB, sections).
    func child(_ file: URL) throws -> (Double, Double, Int) {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: CommandLine.arguments[0])
        process.arguments = [dir.path]
        process.environment = ProcessInfo.processInfo.environment.merging(["BENCH_ONLY": "parse-file", "BENCH_FILE": file.path]) { $1 }
        let pipe = Pipe()
        process.standardOutput = pipe
        try process.run()
        let out = String(decoding: pipe.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        let f = out.split(separator: " ").compactMap { Double($0.trimmingCharacters(in: .whitespacesAndNewlines)) }
        return f.count == 3 ? (f[0], f[1], Int(f[2])) : (.nan, .nan, -1)
    }
    let base = folder.appendingPathComponent("sample.txt")
    try Data(inputs[inputs.count - 1]).write(to: base)
    let (_, constant, _) = try child(base)
    print("")
    print("parse cost and peak memory by size (one run each, each in a process of its own; file reader + parser, one core)")
    print(String(format: "a process that parsed one sample: peak %.1f MB (the constant)", constant))
    print("kind                  MiB   file MB   content MB   seconds   s per MB   peak MB   × content")
    for (kind, make) in kinds {
        for mib in [1, 4, 16] {
            let (input, content) = try make((mib << 20) / 16 * 15)
            let file = folder.appendingPathComponent("input")
            try Data(input).write(to: file)
            let (elapsed, peak, sections) = try child(file)
            let mb = Double(content) / 1e6
            print(kind.padding(toLength: 20, withPad: " ", startingAt: 0) + String(format: " %5d %9.1f %12.1f %9.2f %10.3f %9.0f %11.1f%@", mib, Double(input.count) / 1e6, mb, elapsed,
                                                                                  elapsed / mb, peak, (peak - constant) / (Double(content) / 1048576), sections < 6 ? "  FAILED" : ""))
        }
    }
}
// A child of the size table: one file parsed; prints seconds, peak MB and sections.
if ProcessInfo.processInfo.environment["BENCH_ONLY"] == "parse-file", let path = ProcessInfo.processInfo.environment["BENCH_FILE"] {
    // As the CLI reads a file: the bytes read once, bounded, then parsed.
    let t0 = Date()
    let sections = (try? ReportInput.load(path: path).report.sections.count) ?? -1
    print(String(format: "%.4f %.1f %d", Date().timeIntervalSince(t0), peakMemoryMB(), sections))
    exit(0)
}
// A fixed amount of work, for counters that do not care who else runs (`perf stat -e
// instructions`): BENCH_N rounds over the samples with ReportParser (BENCH_WHAT=parse), through
// ReportInput (text), or over one file (a path); prints this thread's CPU seconds per report.
if ProcessInfo.processInfo.environment["BENCH_ONLY"] == "count" {
    let env = ProcessInfo.processInfo.environment
    let rounds = Int(env["BENCH_N"] ?? "") ?? 100, what = env["BENCH_WHAT"] ?? "parse"
    let work = what == "parse" || what == "text" ? inputs : [[UInt8](try Data(contentsOf: URL(fileURLWithPath: what)))]
    var sink = 0
    let cpuStart = threadCPUSeconds()
    for _ in 0..<rounds {
        for input in work { sink &+= what == "parse" ? try parser.parse(bytes: input).report.sections.count : (try? ReportInput.parse(input).report.sections.count) ?? -1000 }
    }
    let cpu = threadCPUSeconds() - cpuStart
    print(String(format: "%@: %d reports, %.3f ms CPU a report%@", what, rounds * work.count, cpu / Double(rounds * work.count) * 1000, sink < 0 ? ", FAILED" : ""))
    exit(0)
}
// The render benchmark's work in a fixed amount (BENCH_N rounds over the samples, paragraphs
// marked as there): this thread's CPU milliseconds a report by phase, to compare two builds
// run alternately on a machine others share.
if ProcessInfo.processInfo.environment["BENCH_ONLY"] == "render-count" {
    let rounds = Int(ProcessInfo.processInfo.environment["BENCH_N"] ?? "") ?? 100
    FontSetup.register(directories: ["fonts"])
    let layout = ReportLayout(style: try StyleLoader.load("official", searching: ["styles"]), shaper: PangoShaper())
    _ = try PDFWriter.write(layout.layout(try parser.parse(bytes: inputs[0]).report))
    var cpu = (parse: 0.0, layout: 0.0, write: 0.0), count = 0, bytes = 0
    for _ in 0..<rounds {
        for input in inputs {
            var t = threadCPUSeconds()
            var parsed = try parser.parse(bytes: input)
            cpu.parse += threadCPUSeconds() - t
            for s in parsed.report.sections.indices {
                for p in parsed.report.sections[s].paragraphs.indices { parsed.report.sections[s].paragraphs[p].text = "（\(count)）" + parsed.report.sections[s].paragraphs[p].text }
            }
            t = threadCPUSeconds()
            let document = layout.layout(parsed.report)
            cpu.layout += threadCPUSeconds() - t
            t = threadCPUSeconds()
            bytes += try PDFWriter.write(document).count
            cpu.write += threadCPUSeconds() - t
            count += 1
        }
    }
    let ms = { (x: Double) in x / Double(count) * 1000 }
    print(String(format: "render: %d reports, %.3f ms CPU a report (parse %.3f, layout %.3f, write %.3f), %.1f KB each", count,
                 ms(cpu.parse + cpu.layout + cpu.write), ms(cpu.parse), ms(cpu.layout), ms(cpu.write), Double(bytes) / Double(count) / 1024))
    exit(0)
}
if ProcessInfo.processInfo.environment["BENCH_ONLY"] == "sizes" {
    try sizeTable()
    exit(0)
}

if ProcessInfo.processInfo.environment["BENCH_ONLY"] != "render" {
print("nianbao parse benchmark: \(inputs.count) samples (\(inputs.map(\.count).reduce(0, +)) bytes), one core")
try measure("parse") { try parser.parse(bytes: $0).report.sections.count }
try measure("parse + check") { let p = try parser.parse(bytes: $0); return Checker.findings(for: p).count }
try measure("parse + check + cells export") { let p = try parser.parse(bytes: $0); _ = Checker.findings(for: p); return CellsExport.render(p.report).utf8.count }
print(String(format: "peak memory (max RSS)            %8.1f MB", peakMemoryMB()))

// Each kind of input, the same four reports made by other tools (Tests/NianbaoFilesTests/Fixtures):
// file reading (poppler, libxml2, zip) and parsing, per report.
print("")
print("parse by input kind (file reader + parser, one core)")
let fixtures = URL(fileURLWithPath: "Tests/NianbaoFilesTests/Fixtures")
let kinds: [(String, String, (String) -> String)] = [
    ("text (the samples)", "", { _ in "" }),
    ("PDF, LibreOffice", "lo-pdf", { "\($0).pdf" }),
    ("HTML, site page", "html", { "\($0)-site.html" }),
    ("HTML, Word, GBK", "html", { "\($0)-word-gbk.html" }),
    ("DOCX, python-docx", "docx", { "\($0).docx" }),
]
let stems = files.map { String($0.dropLast(4)) }
for (label, folder, name) in kinds {
    let kindInputs = folder.isEmpty ? inputs : stems.compactMap { try? [UInt8](Data(contentsOf: fixtures.appendingPathComponent(folder).appendingPathComponent(name($0)))) }
    guard kindInputs.count == inputs.count else { print("\(label): fixtures missing"); continue }
    var count = 0, sink = 0
    let start = Date(), cpuStart = threadCPUSeconds()
    while Date().timeIntervalSince(start) < seconds / 2 {
        for input in kindInputs { sink &+= (try? ReportInput.parse(input).report.sections.count) ?? -1000; count += 1 }
    }
    let elapsed = Date().timeIntervalSince(start), cpu = threadCPUSeconds() - cpuStart
    print(label.padding(toLength: 32, withPad: " ", startingAt: 0) + String(format: "%8.0f reports/s  (%.2f ms a report%@)", Double(count) / elapsed, elapsed / Double(count) * 1000, sink < 0 ? ", SOME FAILED" : "") + cpuRate(count, cpu))
}
// Single reports of their own kind: the 2019 template, and reports whose tables only the table
// solvers read (timed apart, FORMAT.md §7): a crawler's page whose digits came glued together,
// plain pdftotext of LibreOffice's PDF (table 2 in runs, some column by column), and a
// converter's Markdown whose labels drifted one row from their values.
let ingestFixtures = URL(fileURLWithPath: "Tests/NianbaoIngestTests/Fixtures")
for (label, path) in [("text, 2019 template", "y2019/shangcheng-county-market-2020.txt"),
                      ("text, glued digits (solver)", "variants/crawler-glued-digits.txt"),
                      ("text, column runs (solver)", "solver/dense-county-2022-pdftotext-plain.txt"),
                      ("Markdown, drifted (solver)", "solver/dense-county-2022-drifted.md")] {
    guard let input = try? [UInt8](Data(contentsOf: ingestFixtures.appendingPathComponent(path))) else { print("\(label): fixture missing"); continue }
    var count = 0, sink = 0
    let start = Date(), cpuStart = threadCPUSeconds()
    while Date().timeIntervalSince(start) < seconds / 2 {
        sink &+= (try? ReportInput.parse(input).report.sections.count) ?? -1000
        count += 1
    }
    let elapsed = Date().timeIntervalSince(start), cpu = threadCPUSeconds() - cpuStart
    print(label.padding(toLength: 32, withPad: " ", startingAt: 0) + String(format: "%8.0f reports/s  (%.2f ms a report%@)", Double(count) / elapsed, elapsed / Double(count) * 1000, sink < 0 ? ", FAILED" : "") + cpuRate(count, cpu))
}

}

// Rendering: one process, fonts and style set up once, then every sample rendered to PDF
// repeatedly, each paragraph marked with the iteration number. Time is split into set-up, parse, layout (Pango shaping for line breaks) and
// PDF writing (drawing plus Cairo's font subsetting and embedding).
func renderBenchmark() throws {
    let clock = ContinuousClock()
    func secs(_ d: Duration) -> Double { Double(d.components.seconds) + Double(d.components.attoseconds) / 1e18 }
    var setup = Duration.zero, parse = Duration.zero, layoutTime = Duration.zero, write = Duration.zero
    var style: Style!
    var layout: ReportLayout!
    setup += clock.measure {
        let env = ProcessInfo.processInfo.environment
        FontSetup.register(directories: (env["BENCH_FONTS"].map { [$0] } ?? []) + ["fonts"])
        style = try! StyleLoader.load(env["BENCH_STYLE"] ?? "official", searching: ["styles"])
        layout = ReportLayout(style: style, shaper: PangoShaper())
    }
    // The first document also pays fontconfig's and Cairo's lazy start-up: count it as set-up.
    setup += clock.measure {
        let first = try! parser.parse(bytes: inputs[0])
        _ = try! PDFWriter.write(layout.layout(first.report))
    }
    var count = 0, bytes = 0
    let start = clock.now
    let cpuStart = threadCPUSeconds()
    while secs(clock.now - start) < seconds {
        for input in inputs {
            var parsed: ParsedReport!
            parse += clock.measure { parsed = try! parser.parse(bytes: input) }
            // Every paragraph changes from one iteration to the next, as in a real archive
            // (and as the typst benchmark does), so no cache can replay a whole paragraph.
            for s in parsed.report.sections.indices {
                for p in parsed.report.sections[s].paragraphs.indices { parsed.report.sections[s].paragraphs[p].text = "（\(count)）" + parsed.report.sections[s].paragraphs[p].text }
            }
            var document: PagedDocument!
            layoutTime += clock.measure { document = layout.layout(parsed.report) }
            write += clock.measure { bytes += try! PDFWriter.write(document).count }
            count += 1
        }
    }
    let cpu = threadCPUSeconds() - cpuStart
    let total = secs(parse + layoutTime + write)
    print("")
    print("nianbao render benchmark: official style, \(inputs.count) samples, one process, warm")
    print(String(format: "rendered                         %8.1f reports/s  (%d PDFs, %.0f KB each on average)", Double(count) / total, count, Double(bytes) / Double(count) / 1024))
    // On a machine others share, wall time counts their work too; this thread's CPU time does
    // not (compare like with like: typst's line gives both as well).
    print(String(format: "rendered per CPU second          %8.1f reports/s  (this thread's CPU time, %.0f%% of the wall time)", Double(count) / cpu, cpu / secs(clock.now - start) * 100))
    print(String(format: "font and style set-up (once)     %8.1f ms", secs(setup) * 1000))
    print(String(format: "per report: parse %.2f ms, layout %.2f ms, PDF write %.2f ms", secs(parse) / Double(count) * 1000,
                 secs(layoutTime) / Double(count) * 1000, secs(write) / Double(count) * 1000))
    print(String(format: "share of time: parse %.0f%%, layout %.0f%%, PDF write %.0f%%", secs(parse) / total * 100,
                 secs(layoutTime) / total * 100, secs(write) / total * 100))
    print(String(format: "peak memory (max RSS)            %8.1f MB", peakMemoryMB()))

    // What tagging and PDF/A cost: the same documents written untagged (structure removed),
    // tagged (the default), and as PDF/A-2b, interleaved so that the machine's noise is shared.
    let documents = inputs.map { layout.layout(try! parser.parse(bytes: $0).report) }
    var untagged = Duration.zero, tagged = Duration.zero, archival = Duration.zero
    var sizes = (untagged: 0, tagged: 0)
    let pdfa = PDFWriter.Options(creationDate: "2023-01-31T00:00:00", pdfa: true)
    var rounds = 0
    let compareStart = clock.now
    while secs(clock.now - compareStart) < seconds / 2 {
        for document in documents {
            var plain = document
            plain.structure = nil
            untagged += clock.measure { sizes.untagged += try! PDFWriter.write(plain).count }
            tagged += clock.measure { sizes.tagged += try! PDFWriter.write(document).count }
            archival += clock.measure { _ = try! PDFWriter.write(document, options: pdfa) }
        }
        rounds += documents.count
    }
    let perReport = total / Double(count)
    let extra = (secs(tagged) - secs(untagged)) / Double(rounds)
    print(String(format: "PDF write untagged / tagged / PDF/A  %.2f / %.2f / %.2f ms; tagging costs %.1f%% of render throughput, +%.0f%% bytes",
                 secs(untagged) / Double(rounds) * 1000, secs(tagged) / Double(rounds) * 1000, secs(archival) / Double(rounds) * 1000,
                 extra / perReport * 100, (Double(sizes.tagged) / Double(sizes.untagged) - 1) * 100))
}
if ProcessInfo.processInfo.environment["BENCH_ONLY"] == "parse" { exit(0) }
try renderBenchmark()

if ProcessInfo.processInfo.environment["BENCH_ONLY"] != "render" {
// Cost against size: one report grown to 8 MB and 50 MB (prose paragraphs wrapped like PDF
// text, and table text), parsed once each. Linear parsing keeps the per-MB time flat.
print("")
let sampleText = String(decoding: inputs[inputs.count - 1], as: UTF8.self)
func grown(to bytes: Int) -> [UInt8] {
    var body = ""
    let prose = "　　政务公开平台建设。通过多种形式公开政府信息，不断加强政府信息公开平台载体建设，\n打造立体化的政府信息公开体系，2022年共发布信息1,204条。\n"
    while body.utf8.count < bytes { body += prose }
    guard let cut = sampleText.range(of: "主动公开政府信息情况") else { return Array((body + sampleText).utf8) }
    let head = sampleText[..<cut.lowerBound].dropLast(2)
    return Array((head + body + sampleText[head.endIndex...]).utf8)
}
var perMB: [Double] = []
for size in [8, 50] {
    let big = grown(to: size << 20)
    let t0 = Date()
    let parsed = try parser.parse(bytes: big)
    let elapsed = Date().timeIntervalSince(t0)
    perMB.append(elapsed / Double(size))
    print(String(format: "parse %2d MB of text               %8.2f s  (%.3f s per MB, %d paragraphs)", size, elapsed, elapsed / Double(size), parsed.report.section(1)?.paragraphs.count ?? 0))
}
print(String(format: "50 MB / 8 MB time per MB          %8.2f  (1.0 is linear)", perMB[1] / perMB[0]))
try sizeTable()
}

