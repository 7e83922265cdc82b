#if canImport(Glibc)
import Glibc
#endif
import Foundation
import Synchronization

/// Runs a batch over worker processes fed from one queue. Each worker is the `nianbao`
/// executable in its worker mode, set up once (fonts, style, Pango) and then given one
/// input after another as JSON lines on its standard input; it answers each with a
/// `BatchResult` line. A worker that dies (a crash in layout, say) costs only the input
/// it was on: that input becomes a `failed` row and a fresh worker takes its place.
/// Results come back in input order whatever the number of workers.
///
/// No input can hang or sink a batch: each has `limits.seconds` (the worker is killed past
/// them) and each worker `limits.megabytes` of memory; a worker's last words on stderr go
/// into the failed row. `cancel()` stops every worker (for SIGINT/SIGTERM, which the caller
/// handles: a library sets no process-wide signal handlers).
public final class BatchRunner: Sendable {
    /// Limits for one input.
    public struct Limits: Sendable {
        /// Seconds one input may take.
        public var seconds: Double
        /// Resident memory of a worker, MiB (0: none): see `MemoryWatch`.
        public var megabytes: Int
        public init(seconds: Double = 120, megabytes: Int = 4096) {
            self.seconds = seconds
            self.megabytes = megabytes
        }
    }

    public struct Progress: Sendable {
        public var done: Int
        public var total: Int
        public var failed: Int
        public var elapsed: Double
    }

    let items: [BatchItem]
    let jobs: Int
    let worker: [String]
    let limits: Limits
    let archive: (any BatchArchiveSink)?
    /// The archive is written on a queue of its own, so that a worker thread hands its worker
    /// the next input while the last one is recorded; at most `archiveBacklog` reports wait.
    private let archiveQueue = DispatchQueue(label: "nianbao.batch.archive")
    private let archiveSlots = DispatchSemaphore(value: BatchRunner.archiveBacklog)
    static let archiveBacklog = 64

    /// What the worker threads share, behind one lock.
    private struct State {
        /// Running workers' process ids, for `cancel()` to kill.
        var live: [ObjectIdentifier: pid_t] = [:]
        var cancelled = false
        var diskFull = false
        var next = 0
        var results: [BatchResult?]
        var done = 0
        var failed = 0
        var peakWorkerMB = 0.0
        /// Inputs the archive could not record, and the first reason.
        var archiveFailures = 0
        var archiveError: String?
    }
    private let state: Mutex<State>

    /// Peak resident memory reported by any worker, in MiB.
    public var peakWorkerMB: Double { state.withLock { $0.peakWorkerMB } }

    /// `worker` is the command line that starts a worker process. With `archive`, every result is
    /// recorded there as it comes (the worker must then send reports: `batch-worker --report-back`).
    public init(items: [BatchItem], jobs: Int, worker: [String], limits: Limits = Limits(), archive: (any BatchArchiveSink)? = nil) {
        self.items = items
        self.archive = archive
        self.jobs = max(1, jobs)
        self.worker = worker
        self.limits = limits
        self.state = Mutex(State(results: Array(repeating: nil, count: items.count)))
    }

    /// Runs every item; `progress` is called (from worker threads, serialised) after each.
    /// The caller must ignore SIGPIPE (a write to a worker that has just died must fail with
    /// EPIPE, not end the process); `nianbao batch` does.
    public func run(progress: @escaping @Sendable (Progress) -> Void) -> [BatchResult] {
        let start = Date()
        let group = DispatchGroup()
        for _ in 0..<min(jobs, max(items.count, 1)) {
            group.enter()
            let thread = Thread { [self] in
                self.drive(start: start, progress: progress)
                group.leave()
            }
            thread.stackSize = 1 << 20
            thread.start()
        }
        group.wait()
        archiveQueue.sync {}  // every report recorded before the run is over
        return state.withLock { $0.results }.enumerated().map { $1 ?? .failed(items[$0].path, "not processed", .notRun) }
    }

    /// Stops taking inputs and kills every worker; `run` then returns what was done.
    public func cancel() {
        let workers = state.withLock { state in
            state.cancelled = true
            return Array(state.live.values)
        }
        for pid in workers { Glibc.kill(pid, SIGKILL) }
    }

    /// Whether the run stopped because the output disk is full.
    public var stoppedOnFullDisk: Bool { state.withLock { $0.diskFull } }

    /// Inputs the archive sink could not record (their outputs are complete; `--resume` records
    /// them), and the first reason.
    public var archiveFailures: (count: Int, first: String?) { state.withLock { ($0.archiveFailures, $0.archiveError) } }

    /// Whether `cancel()` was called.
    public var wasCancelled: Bool { state.withLock { $0.cancelled } }

    private func take() -> Int? {
        state.withLock { state in
            guard !state.cancelled, state.next < items.count else { return nil }
            state.next += 1
            return state.next - 1
        }
    }

    /// Records `result` (the archive's write queued: it must not hold up this thread's worker);
    /// `progress` is called under the lock, so calls never overlap.
    private func finish(_ index: Int, _ result: BatchResult, report: BatchReport? = nil, start: Date, progress: (Progress) -> Void) {
        if let archive {
            archiveSlots.wait()
            archiveQueue.async { [self] in
                defer { archiveSlots.signal() }
                do {
                    try archive.record(result, report: report)
                } catch {
                    state.withLock { state in
                        state.archiveFailures += 1
                        if state.archiveError == nil { state.archiveError = "\(error)" }
                    }
                }
            }
        }
        state.withLock { state in
            state.results[index] = result
            state.done += 1
            if result.status == .failed { state.failed += 1 }
            progress(Progress(done: state.done, total: items.count, failed: state.failed, elapsed: Date().timeIntervalSince(start)))
        }
    }

    /// One worker thread: keeps a worker process busy, replacing it when it dies.
    private func drive(start: Date, progress: (Progress) -> Void) {
        var process: WorkerProcess?
        // Forgotten before it is reaped, so that `cancel()` never kills a reused pid.
        func retire(_ p: WorkerProcess) {
            _ = state.withLock { $0.live.removeValue(forKey: ObjectIdentifier(p)) }
        }
        while let index = take() {
            if process == nil, let p = try? WorkerProcess(worker, megabytes: limits.megabytes) {
                state.withLock { $0.live[ObjectIdentifier(p)] = p.process.processIdentifier }
                process = p
            }
            guard let p = process else {
                finish(index, .failed(items[index].path, "could not start a worker process", .worker), start: start, progress: progress)
                continue
            }
            let item = items[index]
            switch p.send(item, seconds: limits.seconds) {
            case .result(let result, let report):
                state.withLock { $0.peakWorkerMB = max($0.peakWorkerMB, p.lastRSSMB) }
                finish(index, result, report: report, start: start, progress: progress)
                // A full disk fails every input after it: stop early.
                if result.failure == .outOfSpace {
                    state.withLock { $0.diskFull = true }
                    cancel()
                }
            case .timedOut:
                p.kill()
                retire(p)
                _ = p.stop()
                finish(index, .failed(item.path, String(format: "took longer than %g s (the limit for one input, --timeout); its worker was stopped, other files were not affected", limits.seconds), .worker), start: start, progress: progress)
                process = nil
            case .died:
                retire(p)
                let end = p.stop()
                if wasCancelled { break }  // interrupted, not failed: --resume takes it up again
                let death = WorkerDeath(end, lastWords: p.lastWords(), memoryLimit: limits.megabytes)
                if death.passedMemoryLimit {
                    finish(index, .failed(item.path, "needed more than \(limits.megabytes) MB of memory (the limit for one worker, --memory-limit); its worker was stopped, other files were not affected", .worker), start: start, progress: progress)
                    process = nil
                    break
                }
                finish(index, .failed(item.path, "the worker died while processing this file (\(death))\(death.words.isEmpty ? "" : ": " + death.words); other files were not affected", .worker), start: start, progress: progress)
                process = nil
            }
        }
        if let p = process { retire(p); _ = p.stop() }
    }
}

/// A worker process and its pipes; its stderr goes to a temporary file, whose last line says
/// why it died.
final class WorkerProcess {
    enum Reply { case result(BatchResult, BatchReport?), timedOut, died }

    let process = Process()
    let input = Pipe()
    let output = Pipe()
    private let errorLog: URL
    private var buffer = Data()
    private(set) var lastRSSMB: Double = 0

    init(_ command: [String], megabytes: Int) throws {
        process.executableURL = URL(fileURLWithPath: command[0])
        process.arguments = Array(command.dropFirst()) + (megabytes > 0 ? ["--memory-limit", String(megabytes)] : [])
        process.standardInput = input
        process.standardOutput = output
        errorLog = FileManager.default.temporaryDirectory.appendingPathComponent("nianbao-worker-\(UUID().uuidString).log")
        _ = FileManager.default.createFile(atPath: errorLog.path, contents: nil)
        process.standardError = try FileHandle(forWritingTo: errorLog)
        try process.run()
    }

    deinit { try? FileManager.default.removeItem(at: errorLog) }

    /// Sends one item and waits for its result, at most `seconds`.
    func send(_ item: BatchItem, seconds: Double) -> Reply {
        guard var line = try? JSONEncoder().encode(item) else { return .died }
        line.append(0x0A)
        do { try input.fileHandleForWriting.write(contentsOf: line) } catch { return .died }
        let deadline = Date().addingTimeInterval(seconds)
        guard let reply = readLine(until: deadline) else { return Date() >= deadline ? .timedOut : .died }
        guard let message = try? JSONDecoder().decode(WorkerReply.self, from: reply) else { return .died }
        lastRSSMB = message.rssMB
        return .result(message.result, message.report)
    }

    private func readLine(until deadline: Date) -> Data? {
        let fd = output.fileHandleForReading.fileDescriptor
        while true {
            if let newline = buffer.firstIndex(of: 0x0A) {
                let line = buffer[buffer.startIndex..<newline]
                buffer = Data(buffer[(newline + 1)...])
                return Data(line)
            }
            let left = deadline.timeIntervalSinceNow
            if left <= 0 { return nil }
            var poller = pollfd(fd: fd, events: Int16(POLLIN), revents: 0)
            let ready = poll(&poller, 1, Int32(min(left, 3600) * 1000) + 1)
            if ready < 0 && errno == EINTR { continue }
            if ready <= 0 { continue }  // the deadline is checked above
            var chunk = [UInt8](repeating: 0, count: 65536)
            let n = chunk.withUnsafeMutableBytes { Glibc.read(fd, $0.baseAddress, $0.count) }
            if n < 0 && errno == EINTR { continue }
            if n <= 0 { return nil }  // end of file: the worker is gone
            buffer.append(contentsOf: chunk[..<n])
        }
    }

    /// Kills the worker at once (a time limit passed, or the batch was interrupted).
    func kill() {
        if process.isRunning { Glibc.kill(process.processIdentifier, SIGKILL) }
    }

    /// The last line the worker wrote on stderr (a Swift fatal error, say), or "".
    func lastWords() -> String {
        let text = String(decoding: (try? Data(contentsOf: errorLog)) ?? Data(), as: UTF8.self)
        let lines = text.split(separator: "\n").map { $0.trimmingCharacters(in: .whitespaces) }
        // The cause, not the backtrace that follows it: a Swift fatal error, GLib's failed
        // allocation, the crash line.
        let telling = lines.first { $0.contains("Fatal error") || $0.contains("failed to allocate") || $0.contains("ERROR") || $0.contains("Error creating thread") }
            ?? lines.first { $0.hasPrefix("*** Program crashed") } ?? ""
        var words = String(telling.drop { $0 == "*" || $0 == " " })
        if let range = words.range(of: "ERROR **: ") { words = String(words[range.upperBound...]) }  // GLib's prefix
        while words.hasSuffix("*") || words.hasSuffix(" ") { words.removeLast() }
        return String(words.prefix(300))
    }

    /// Closes the worker's input and waits for it; how it ended.
    func stop() -> WorkerDeath.End {
        try? input.fileHandleForWriting.close()
        if process.isRunning {
            let deadline = Date().addingTimeInterval(2)
            while process.isRunning && Date() < deadline { usleep(10_000) }
            if process.isRunning { process.terminate() }
        }
        process.waitUntilExit()
        return process.terminationReason == .uncaughtSignal ? .signal(process.terminationStatus) : .exit(process.terminationStatus)
    }
}

/// How a worker died, named by its signal, in the words of the index row: SIGKILL that
/// nianbao did not send is the kernel's out-of-memory killer; SIGTRAP and SIGILL are a Swift
/// runtime trap (a bug, not memory); SIGSEGV and SIGBUS a crash; `MemoryWatch.exitStatus`, or
/// an allocation failure the worker wrote on stderr, is its `--memory-limit`.
struct WorkerDeath: CustomStringConvertible {
    enum End: Equatable { case exit(Int32), signal(Int32) }

    let end: End
    /// The worker's last telling line on stderr, or "".
    let words: String
    let memoryLimit: Int

    init(_ end: End, lastWords: String, memoryLimit: Int) {
        self.end = end
        self.words = lastWords
        self.memoryLimit = memoryLimit
    }

    /// The worker's memory watch stopped it at `--memory-limit` (its exit status says so).
    var passedMemoryLimit: Bool { memoryLimit > 0 && end == .exit(MemoryWatch.exitStatus) }

    /// The worker said it could not allocate (Swift, GLib, a thread that could not start): the
    /// backstop, an allocation faster than the memory watch.
    var ranOutOfMemory: Bool {
        ["failed to allocate", "out of memory", "Cannot allocate memory", "Resource temporarily unavailable", "Error creating thread"].contains { words.contains($0) }
    }

    var description: String {
        let limit = memoryLimit > 0 ? "its \(memoryLimit) MB (--memory-limit)" : "the memory it could get"
        switch end {
        case .exit(let status):
            if passedMemoryLimit { return "exit status \(status) — out of memory: it needed more than \(limit)" }
            return "exit status \(status)" + (ranOutOfMemory ? " — out of memory: it needed more than \(limit)" : "")
        case .signal(let number):
            let name = Self.name(number)
            if number == SIGKILL {
                // nianbao's own SIGKILLs (time limit, Ctrl-C) are not reported as deaths.
                return "\(name), killed by the system — out of memory: the kernel's out-of-memory killer ends the largest process when the machine has no memory left" + (memoryLimit > 0 ? "; a lower --memory-limit fails such an input before the machine runs out" : "")
            }
            if ranOutOfMemory { return "\(name) — out of memory: it needed more than \(limit)" }
            switch number {
            case SIGTRAP, SIGILL: return "\(name), a Swift runtime trap: a bug in nianbao, please report it with this file"
            case SIGSEGV, SIGBUS: return "\(name), a crash (invalid memory access)"
            case SIGABRT: return "\(name), aborted"
            case SIGFPE: return "\(name), an arithmetic crash"
            default: return name
            }
        }
    }

    /// `signal 9, SIGKILL`.
    static func name(_ number: Int32) -> String {
        let names: [Int32: String] = [SIGHUP: "SIGHUP", SIGINT: "SIGINT", SIGQUIT: "SIGQUIT", SIGILL: "SIGILL", SIGTRAP: "SIGTRAP", SIGABRT: "SIGABRT",
                                      SIGBUS: "SIGBUS", SIGFPE: "SIGFPE", SIGKILL: "SIGKILL", SIGSEGV: "SIGSEGV", SIGPIPE: "SIGPIPE", SIGTERM: "SIGTERM",
                                      SIGXCPU: "SIGXCPU", SIGXFSZ: "SIGXFSZ"]
        return "signal \(number)" + (names[number].map { ", \($0)" } ?? "")
    }
}

/// What a worker writes back for each item.
public struct WorkerReply: Codable, Sendable {
    public var result: BatchResult
    /// The worker's peak resident memory so far, in MiB.
    public var rssMB: Double
    /// The parsed report, when the coordinator keeps an archive (`--report-back`).
    public var report: BatchReport?

    public init(result: BatchResult, rssMB: Double, report: BatchReport? = nil) {
        self.result = result
        self.rssMB = rssMB
        self.report = report
    }
}

/// The worker side: reads items from standard input, answers each on standard output.
public enum BatchWorker {
    /// Answers every line it is given, even one it cannot read, so the coordinator never
    /// waits for an answer that does not come. With `reportBack`, each answer carries the
    /// parsed report for the coordinator's archive database.
    public static func serve(_ job: BatchJob, reportBack: Bool = false) {
        let encoder = JSONEncoder()
        while let line = Swift.readLine(strippingNewline: true) {
            let result: BatchResult
            var report: BatchReport?
            if let item = try? JSONDecoder().decode(BatchItem.self, from: Data(line.utf8)) {
                (result, report) = job.process(item)
                if !reportBack { report = nil }
            } else {
                result = .failed("?", "the worker could not read its instruction")
            }
            var usage = rusage()
            getrusage(__rusage_who_t(RUSAGE_SELF.rawValue), &usage)
            let reply = WorkerReply(result: result, rssMB: Double(usage.ru_maxrss) / 1024, report: report)
            var data = (try? encoder.encode(reply)) ?? Data(#"{"result":{"path":"?","agency":"","status":"failed","errors":0,"warnings":0,"pages":0,"outputs":[],"message":"the worker could not write its answer"},"rssMB":0}"#.utf8)
            data.append(0x0A)
            FileHandle.standardOutput.write(data)
        }
    }

    /// Holds this process to `megabytes` of resident memory (the worker's `--memory-limit`), so
    /// that an input that needs too much fails alone instead of taking the machine: see
    /// `MemoryWatch`.
    public static func limitMemory(megabytes: Int) {
        MemoryWatch.start(megabytes: megabytes)
    }
}
