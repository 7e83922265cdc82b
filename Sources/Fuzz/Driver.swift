import Foundation
import NianbaoFiles
import NianbaoFuzz

/// The driver: makes cases, hands each to a worker process, and watches the workers — a
/// worker that dies was crashed by its case, one that takes longer than the timeout hangs on
/// it, one whose resident memory passes the bound blows up on it. Each is killed, its case
/// saved (with the recipe and the worker's last words), and a fresh worker takes its place.
final class Driver {
    /// A worker process and the case it is running.
    final class Slot {
        var pid: pid_t = 0
        var input: Int32 = -1
        var output: Int32 = -1
        var buffer: [UInt8] = []
        var current: Mutator.Case?
        var started = Date()
        var logOffset: UInt64 = 0
        var served = 0
    }

    enum Kind: String { case crash, hang, memory }

    let options: FuzzOptions
    let mutator: Mutator
    let executable: String
    let workDirectory: String
    var random: FuzzRandom
    var slots: [Slot] = []
    var counts: [String: Int] = [:]
    var cases = 0
    /// Findings by signature (kind and the first fatal message), each saved once.
    var found: [String: String] = [:]
    var writerFailures: [String: Int] = [:]
    /// A worker is replaced after this many cases, so caches do not grow without end.
    static let casesPerWorker = 1000

    /// Cases to run as they are, instead of mutated ones (the self-test).
    var queue: [Mutator.Case]?

    init(_ options: FuzzOptions, cases: [Mutator.Case]? = nil) throws {
        self.options = options
        queue = cases
        let seeds = try cases.map { $0.map { FuzzSeed(name: $0.recipe[0], bytes: $0.bytes) } } ?? FuzzSeed.load(options.paths)
        mutator = Mutator(seeds: seeds)
        random = FuzzRandom(seed: options.seed)
        var path = [CChar](repeating: 0, count: 4096)
        let length = readlink("/proc/self/exe", &path, path.count - 1)
        guard length > 0 else { throw FuzzError.system(call: "readlink /proc/self/exe", errno: errno) }
        executable = String(decoding: path[..<length].map { UInt8(bitPattern: $0) }, as: UTF8.self)
        workDirectory = options.crashes + "/.work"
        try FileManager.default.createDirectory(atPath: workDirectory, withIntermediateDirectories: true)
        let kinds = Dictionary(grouping: seeds, by: \.kind).map { "\($0.value.count) \($0.key.rawValue)" }.sorted().joined(separator: ", ")
        say("nianbao-fuzz: \(seeds.count) seeds (\(kinds)), seed \(options.seed), \(options.jobs) workers, "
              + "\(options.cases.map { "\($0) cases or " } ?? "")\(Int(options.seconds)) s, timeout \(options.timeout) s, memory \(options.memoryMB) MB")
    }

    /// Runs until the time or the number of cases is reached; returns the exit status.
    func run() throws -> Int32 {
        signal(SIGPIPE, SIG_IGN)
        for i in 0..<options.jobs {
            let slot = Slot()
            try spawn(slot, index: i)
            slots.append(slot)
        }
        let start = Date()
        var lastReport = start
        func more() -> Bool {
            if let queue { return !queue.isEmpty }
            return Date().timeIntervalSince(start) < options.seconds && cases < (options.cases ?? .max)
        }
        while true {
            for (i, slot) in slots.enumerated() where slot.current == nil && more() {
                if slot.served >= Self.casesPerWorker { retire(slot); try spawn(slot, index: i) }
                let made = queue?.removeFirst() ?? mutator.next(&random)
                cases += 1
                slot.current = made
                slot.started = Date()
                slot.logOffset = logSize(i)
                let n = UInt32(made.bytes.count)
                if !writeAll(slot.input, [UInt8(n & 0xFF), UInt8(n >> 8 & 0xFF), UInt8(n >> 16 & 0xFF), UInt8(n >> 24)] + made.bytes) {
                    // It died before reading: its end is the crash (read below).
                    continue
                }
            }
            if slots.allSatisfy({ $0.current == nil }) && !more() { break }
            var fds = slots.map { pollfd(fd: $0.output, events: Int16(POLLIN), revents: 0) }
            _ = poll(&fds, nfds_t(fds.count), 20)
            for (i, slot) in slots.enumerated() {
                if fds[i].revents != 0 { try readAnswers(slot, index: i) }
                guard let current = slot.current else { continue }
                if Date().timeIntervalSince(slot.started) > options.timeout {
                    kill(slot.pid, SIGKILL)
                    _ = reap(slot)
                    try record(.hang, current, index: i, detail: "still running after \(options.timeout) s")
                    try spawn(slot, index: i)
                } else if let rss = residentMB(slot.pid), rss > options.memoryMB {
                    kill(slot.pid, SIGKILL)
                    _ = reap(slot)
                    try record(.memory, current, index: i, detail: "resident memory \(rss) MB > \(options.memoryMB) MB")
                    try spawn(slot, index: i)
                }
            }
            if Date().timeIntervalSince(lastReport) >= 10 {
                lastReport = Date()
                say(String(format: "  %4.0f s  %6d cases  %@", lastReport.timeIntervalSince(start), cases, summary()))
            }
        }
        for slot in slots { retire(slot) }
        let elapsed = Date().timeIntervalSince(start)
        say(String(format: "nianbao-fuzz: %d cases in %.0f s (%.0f a second): %@", cases, elapsed, Double(cases) / max(elapsed, 0.001), summary()))
        for (reason, count) in writerFailures.sorted(by: { $0.value > $1.value }) { say("  read but not written (\(count)×): \(reason)") }
        if found.isEmpty { say("nothing crashed, hung or blew up"); return 0 }
        say("\(found.count) finding(s), saved in \(options.crashes):")
        for line in found.values.sorted() { say("  " + line) }
        return 1
    }

    private func summary() -> String {
        ["rendered", "refused", "writer failed", "crash", "hang", "memory"].compactMap { key in counts[key].map { "\($0) \(key)" } }.joined(separator: ", ")
    }

    private func readAnswers(_ slot: Slot, index: Int) throws {
        var chunk = [UInt8](repeating: 0, count: 4096)
        let n = chunk.withUnsafeMutableBytes { read(slot.output, $0.baseAddress!, $0.count) }
        if n <= 0 {
            // The worker is gone: its case crashed it.
            let status = reap(slot)
            if let current = slot.current { try record(.crash, current, index: index, detail: status) }
            try spawn(slot, index: index)
            return
        }
        slot.buffer += chunk[..<n]
        while let end = slot.buffer.firstIndex(of: 0x0A) {
            let line = String(decoding: slot.buffer[..<end], as: UTF8.self)
            slot.buffer.removeSubrange(...end)
            switch line.first {
            case "R": counts["refused", default: 0] += 1
            case "P": counts["rendered", default: 0] += 1
            default:
                counts["writer failed", default: 0] += 1
                writerFailures[String(line.dropFirst(2).prefix(300)), default: 0] += 1
            }
            slot.current = nil
            slot.served += 1
        }
    }

    // MARK: findings

    private func record(_ kind: Kind, _ made: Mutator.Case, index: Int, detail: String) throws {
        counts[kind.rawValue, default: 0] += 1
        let log = logTail(index, from: slots[index].logOffset)
        // The first fatal message names the place (file:line in a debug build): one finding each.
        let fatal = log.split(separator: "\n").first { $0.contains("Fatal error") || $0.contains("fatal error") || $0.contains("Assertion") }.map(String.init)
        let signature = kind.rawValue + ": " + (fatal ?? (kind == .crash ? detail : "\(InputKind.detect(made.bytes).rawValue)"))
        guard found[signature] == nil else { return }
        let kindOfInput = InputKind.detect(made.bytes)
        let ext = [.pdf: "pdf", .html: "html", .docx: "docx"][kindOfInput] ?? "txt"
        let name = "\(kind.rawValue)-\(String(format: "%08x", fnv(made.bytes) & 0xFFFF_FFFF)).\(ext)"
        let path = options.crashes + "/" + name
        try Data(made.bytes).write(to: URL(fileURLWithPath: path))
        var report = "\(kind.rawValue): \(detail)\ninput: \(kindOfInput.rawValue), \(made.bytes.count) bytes\nmade from: \(made.recipe.joined(separator: "\n  then "))\n"
        report += "replay: \(executable) --replay\(options.fonts.map { " --fonts-dir \($0)" } ?? "") \(path)\n"
        report += "\nworker's stderr:\n\(log.suffix(4000))\n"
        if kind == .crash { report += "\nreplayed alone (fresh process, backtrace):\n\(replay(path))\n" }
        try Data(report.utf8).write(to: URL(fileURLWithPath: path + ".log"))
        let line = "\(kind.rawValue.uppercased()) \(path): \(fatal ?? detail)"
        found[signature] = line
        say(line)
    }

    /// Runs a saved case alone, with the backtracer on; its output, or why it did not crash.
    private func replay(_ path: String) -> String {
        let log = workDirectory + "/replay.log"
        var arguments = ["--replay", path]
        if let fonts = options.fonts { arguments += ["--fonts-dir", fonts] }
        guard let pid = try? launch(arguments, stdin: nil, stdout: log, environment: ["SWIFT_BACKTRACE": "enable=yes,interactive=no,color=no"]) else {
            return "could not be replayed"
        }
        let start = Date()
        var status: Int32 = 0
        while waitpid(pid, &status, WNOHANG) == 0 {
            if Date().timeIntervalSince(start) > options.timeout * 3 + 30 { kill(pid, SIGKILL); _ = waitpid(pid, &status, 0); break }
            usleep(20_000)
        }
        let output = (try? String(contentsOfFile: log, encoding: .utf8)) ?? ""
        return "\(describe(status))\n\(output.prefix(12000))"
    }

    // MARK: processes

    private func logPath(_ index: Int) -> String { "\(workDirectory)/worker-\(index).log" }

    private func spawn(_ slot: Slot, index: Int) throws {
        var toWorker: [Int32] = [0, 0], fromWorker: [Int32] = [0, 0]
        guard pipe(&toWorker) == 0, pipe(&fromWorker) == 0 else { throw FuzzError.system(call: "pipe", errno: errno) }
        // The driver's ends stay out of later workers.
        _ = fcntl(toWorker[1], F_SETFD, FD_CLOEXEC)
        _ = fcntl(fromWorker[0], F_SETFD, FD_CLOEXEC)
        try? FileManager.default.removeItem(atPath: logPath(index))
        var arguments = ["--worker"] + (options.mode == .selfTest ? ["--self-test"] : [])
        if let fonts = options.fonts { arguments += ["--fonts-dir", fonts] }
        // No backtrace in the workers: symbolicating takes seconds; a replay prints one.
        slot.pid = try launch(arguments, stdin: toWorker[0], stdout: nil, stdoutFD: fromWorker[1], stderr: logPath(index), environment: ["SWIFT_BACKTRACE": "enable=no"])
        close(toWorker[0])
        close(fromWorker[1])
        slot.input = toWorker[1]
        slot.output = fromWorker[0]
        slot.buffer = []
        slot.current = nil
        slot.served = 0
    }

    private func launch(_ arguments: [String], stdin: Int32?, stdout: String?, stdoutFD: Int32? = nil, stderr: String? = nil, environment: [String: String]) throws -> pid_t {
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        if let stdin { posix_spawn_file_actions_adddup2(&actions, stdin, 0) } else { posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0) }
        if let stdoutFD { posix_spawn_file_actions_adddup2(&actions, stdoutFD, 1) } else if let stdout {
            posix_spawn_file_actions_addopen(&actions, 1, stdout, O_WRONLY | O_CREAT | O_TRUNC, 0o644)
        }
        if let stderr { posix_spawn_file_actions_addopen(&actions, 2, stderr, O_WRONLY | O_CREAT | O_APPEND, 0o644) } else { posix_spawn_file_actions_adddup2(&actions, 1, 2) }
        let env = ProcessInfo.processInfo.environment.merging(environment) { $1 }.map { "\($0.key)=\($0.value)" }
        let argv = ([executable] + arguments).map { strdup($0) } + [nil]
        let envp = env.map { strdup($0) } + [nil]
        defer { (argv + envp).forEach { free($0) } }
        var pid: pid_t = 0
        let result = posix_spawn(&pid, executable, &actions, nil, argv, envp)
        guard result == 0 else { throw FuzzError.system(call: "posix_spawn \(executable)", errno: result) }
        return pid
    }

    /// Waits for a worker that ended or was killed; how it ended.
    private func reap(_ slot: Slot) -> String {
        close(slot.input)
        close(slot.output)
        var status: Int32 = 0
        _ = waitpid(slot.pid, &status, 0)
        return describe(status)
    }

    private func retire(_ slot: Slot) {
        close(slot.input)  // end of input: the worker exits
        close(slot.output)
        var status: Int32 = 0
        _ = waitpid(slot.pid, &status, 0)
    }

    private func describe(_ status: Int32) -> String {
        let signal = status & 0x7F
        if signal != 0 { return "killed by signal \(signal) (\(String(cString: strsignal(signal))))" }
        return "exited with status \((status >> 8) & 0xFF)"
    }

    private func residentMB(_ pid: pid_t) -> Int? {
        guard let statm = try? String(contentsOfFile: "/proc/\(pid)/statm", encoding: .utf8) else { return nil }
        let fields = statm.split(separator: " ")
        guard fields.count > 1, let pages = Int(fields[1]) else { return nil }
        return (pages * Int(sysconf(Int32(_SC_PAGESIZE)))) >> 20
    }

    private func logSize(_ index: Int) -> UInt64 {
        ((try? FileManager.default.attributesOfItem(atPath: logPath(index)))?[.size] as? UInt64) ?? 0
    }

    private func logTail(_ index: Int, from offset: UInt64) -> String {
        guard let handle = FileHandle(forReadingAtPath: logPath(index)) else { return "" }
        defer { try? handle.close() }
        try? handle.seek(toOffset: offset)
        let data = (try? handle.readToEnd()) ?? Data()
        return String(decoding: data.suffix(64 << 10), as: UTF8.self)
    }

    private func fnv(_ bytes: [UInt8]) -> UInt64 {
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325
        for byte in bytes { hash = (hash ^ UInt64(byte)) &* 0x100_0000_01b3 }
        return hash
    }
}

/// A line on stdout at once (print buffers when stdout is a pipe, as under make).
func say(_ line: String) { FileHandle.standardOutput.write(Data((line + "\n").utf8)) }
