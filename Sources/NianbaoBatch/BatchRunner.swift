import Foundation

/// Runs a batch over worker processes fed from one queue. Each worker is the `nianbao`
/// executable in its worker mode, set up once (fonts, style, Pango) and then given one
/// input after another as JSON lines on its standard input; it answers each with a
/// `BatchResult` line. A worker that dies (a crash in layout, say) costs only the input
/// it was on: that input becomes a `failed` row and a fresh worker takes its place.
/// Results come back in input order whatever the number of workers.
public final class BatchRunner: @unchecked Sendable {  // shared state is guarded by `lock`
    public struct Progress: Sendable {
        public var done: Int
        public var total: Int
        public var failed: Int
        public var elapsed: Double
    }

    let items: [BatchItem]
    let jobs: Int
    let worker: [String]
    private let lock = NSLock()
    private var next = 0
    private var results: [BatchResult?]
    private var done = 0
    private var failed = 0
    /// Peak resident memory reported by any worker, in MiB.
    public private(set) var peakWorkerMB: Double = 0

    /// `worker` is the command line that starts a worker process.
    public init(items: [BatchItem], jobs: Int, worker: [String]) {
        self.items = items
        self.jobs = max(1, jobs)
        self.worker = worker
        self.results = Array(repeating: nil, count: items.count)
    }

    /// Runs every item; `progress` is called (from worker threads, serialised) after each.
    public func run(progress: @escaping @Sendable (Progress) -> Void) -> [BatchResult] {
        // A write to a worker that has just died must fail with EPIPE, not kill this process.
        signal(SIGPIPE, SIG_IGN)
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
        return results.enumerated().map { $1 ?? .failed(items[$0].path, "not processed") }
    }

    private func take() -> Int? {
        lock.lock()
        defer { lock.unlock() }
        guard next < items.count else { return nil }
        next += 1
        return next - 1
    }

    private func finish(_ index: Int, _ result: BatchResult, start: Date, progress: (Progress) -> Void) {
        lock.lock()
        results[index] = result
        done += 1
        if result.status == .failed { failed += 1 }
        let p = Progress(done: done, total: items.count, failed: failed, elapsed: Date().timeIntervalSince(start))
        progress(p)
        lock.unlock()
    }

    /// One worker thread: keeps a worker process busy, replacing it when it dies.
    private func drive(start: Date, progress: (Progress) -> Void) {
        var process: WorkerProcess?
        while let index = take() {
            if process == nil { process = try? WorkerProcess(worker) }
            guard let p = process else {
                finish(index, .failed(items[index].path, "could not start a worker process"), start: start, progress: progress)
                continue
            }
            let item = items[index]
            if let result = p.send(item) {
                lock.lock()
                peakWorkerMB = max(peakWorkerMB, p.lastRSSMB)
                lock.unlock()
                finish(index, result, start: start, progress: progress)
            } else {
                let status = p.stop()
                finish(index, .failed(item.path, "the worker died while processing this file (\(status)); other files were not affected"), start: start, progress: progress)
                process = nil
            }
        }
        _ = process?.stop()
    }
}

/// A worker process and its pipes.
final class WorkerProcess {
    let process = Process()
    let input = Pipe()
    let output = Pipe()
    private var buffer = Data()
    private(set) var lastRSSMB: Double = 0

    init(_ command: [String]) throws {
        process.executableURL = URL(fileURLWithPath: command[0])
        process.arguments = Array(command.dropFirst())
        process.standardInput = input
        process.standardOutput = output
        process.standardError = FileHandle.nullDevice
        try process.run()
    }

    /// Sends one item and waits for its result; nil when the worker died.
    func send(_ item: BatchItem) -> BatchResult? {
        guard var line = try? JSONEncoder().encode(item) else { return nil }
        line.append(0x0A)
        do { try input.fileHandleForWriting.write(contentsOf: line) } catch { return nil }
        guard let reply = readLine() else { return nil }
        guard let message = try? JSONDecoder().decode(WorkerReply.self, from: reply) else { return nil }
        lastRSSMB = message.rssMB
        return message.result
    }

    private func readLine() -> Data? {
        while true {
            if let newline = buffer.firstIndex(of: 0x0A) {
                let line = buffer[buffer.startIndex..<newline]
                buffer = Data(buffer[(newline + 1)...])
                return Data(line)
            }
            let chunk = output.fileHandleForReading.availableData
            if chunk.isEmpty { return nil }  // end of file: the worker is gone
            buffer.append(chunk)
        }
    }

    /// Closes the worker's input and waits for it; describes how it ended.
    func stop() -> String {
        try? input.fileHandleForWriting.close()
        if process.isRunning {
            let deadline = Date().addingTimeInterval(2)
            while process.isRunning && Date() < deadline { usleep(10_000) }
            if process.isRunning { process.terminate() }
        }
        process.waitUntilExit()
        return process.terminationReason == .uncaughtSignal ? "signal \(process.terminationStatus)" : "exit status \(process.terminationStatus)"
    }
}

/// What a worker writes back for each item.
public struct WorkerReply: Codable, Sendable {
    public var result: BatchResult
    /// The worker's peak resident memory so far, in MiB.
    public var rssMB: Double

    public init(result: BatchResult, rssMB: Double) {
        self.result = result
        self.rssMB = rssMB
    }
}

/// The worker side: reads items from standard input, answers each on standard output.
public enum BatchWorker {
    public static func serve(_ job: BatchJob) {
        let encoder = JSONEncoder()
        while let line = Swift.readLine(strippingNewline: true) {
            guard let item = try? JSONDecoder().decode(BatchItem.self, from: Data(line.utf8)) else { continue }
            let result = job.run(item)
            var usage = rusage()
            getrusage(__rusage_who_t(RUSAGE_SELF.rawValue), &usage)
            guard var data = try? encoder.encode(WorkerReply(result: result, rssMB: Double(usage.ru_maxrss) / 1024)) else { continue }
            data.append(0x0A)
            FileHandle.standardOutput.write(data)
        }
    }
}
