#if canImport(Glibc)
import Glibc
#endif
import Foundation
import NianbaoOutput
import Synchronization

/// One batch run into one output folder, whole: what `nianbao batch` does between parsing
/// its options and printing the last line, so that a program (and the tests) can run it
/// without the binary. In three steps, so a caller can check its own things in between:
///
/// 1. `init` lists the inputs (a folder or a zip) and takes this shard's share;
/// 2. `prepare()` checks the output folder can be written, takes its lock (one run a folder,
///    or the shards of one N), refuses a plan that would overwrite an input or give two
///    inputs one output, clears what an interrupted run left, and with `resume` finds the
///    inputs already done (their outputs still as recorded);
/// 3. `run(progress:)` renders the rest in worker processes and writes the index and summary.
///
/// `cancel()` stops the workers from any thread; `run` then throws `.interrupted`. The folder's
/// lock is held from `prepare()` to the end of `run` (or until the session is released).
public final class BatchSession: @unchecked Sendable {
    /// What to run.
    public struct Configuration: Sendable {
        /// A folder or a `.zip` of reports.
        public var input: String
        public var outputDir: String
        public var formats: [BatchJob.Format]
        /// The command line that starts a worker process (`nianbao batch-worker …`).
        public var worker: [String]
        public var jobs: Int
        public var limits: BatchRunner.Limits
        /// Skip inputs done by an earlier run.
        public var resume: Bool
        /// Shard K of N (K from 1), or the whole input.
        public var shard: (k: Int, n: Int)?
        /// Signals that cancel the run while it renders (`nianbao batch`: SIGINT and SIGTERM);
        /// they are ignored by the process meanwhile and restored after.
        public var stopSignals: [Int32]
        /// Where each input is recorded as it finishes (`--db`); its workers must send reports.
        public var archive: (any BatchArchiveSink)?

        public init(input: String, outputDir: String, formats: [BatchJob.Format], worker: [String], jobs: Int = 1,
                    limits: BatchRunner.Limits = .init(), resume: Bool = false, shard: (k: Int, n: Int)? = nil, stopSignals: [Int32] = [],
                    archive: (any BatchArchiveSink)? = nil) {
            self.input = input
            self.outputDir = outputDir
            self.formats = formats
            self.worker = worker
            self.jobs = jobs
            self.limits = limits
            self.resume = resume
            self.shard = shard
            self.stopSignals = stopSignals
            self.archive = archive
        }
    }

    /// Why a run could not start or did not finish; `description` is the line to show.
    public enum Failure: Error, CustomStringConvertible {
        /// The input cannot be listed (missing, not a folder or a readable zip).
        case input(BatchError)
        /// The output folder cannot be written, or the plan would overwrite an input.
        case output(OutputError)
        /// Another run holds the output folder.
        case locked(BatchError)
        /// The disk of the output folder filled up: the run stopped early.
        case outOfSpace(outputDir: String)
        /// `cancel()` (Ctrl-C, SIGTERM): `done` of `total` inputs are done and complete.
        case interrupted(done: Int, total: Int)
        /// The summary could not be encoded (the index is written before it).
        case summary(String)
        /// `prepare()` was not called, or `run` was called twice.
        case misuse(String)
        /// The archive database could not be read to resume.
        case archive(String)

        public var description: String {
            switch self {
            case .input(let e), .locked(let e): return e.description
            case .output(let e): return e.description
            case .outOfSpace(let dir): return "stopped: the disk of \(dir) is full; free some room and run the same command with --resume"
            case .interrupted(let done, let total):
                return "interrupted: \(done) of \(total) inputs done; the outputs written are complete. Run the same command with --resume to finish."
            case .summary(let why): return "cannot write the summary: \(why)"
            case .misuse(let what): return what
            case .archive(let why): return why
            }
        }
    }

    /// What a finished run did.
    public struct Outcome: Sendable {
        /// A row per input, in input order (inputs done by an earlier run included).
        public var results: [BatchResult]
        /// Results this run produced.
        public var fresh: [BatchResult]
        /// Inputs `--resume` found done.
        public var skipped: Int
        public var seconds: Double
        public var peakWorkerMB: Double
        /// The totals, as written to the summary.
        public var summary: BatchIndex.Summary
        /// Where the index was written.
        public var indexPath: String
        /// Inputs the archive database could not record, and the first reason (their outputs
        /// are complete; `--resume` records them).
        public var archiveFailures: (count: Int, first: String?) = (0, nil)
    }

    public let configuration: Configuration
    /// Every input of this shard, in path order; refused ones carry why.
    public private(set) var items: [BatchItem]
    /// Inputs found done by `prepare()`, by their index in `items`.
    public private(set) var done: [Int: BatchResult] = [:]
    private var lock: BatchLock?
    private var started = false
    private let startTime = Date()
    private let runner = Mutex<BatchRunner?>(nil)
    private let cancelled = Mutex(false)

    /// Lists the inputs and takes this shard's share of them.
    public init(_ configuration: Configuration) throws(Failure) {
        self.configuration = configuration
        do {
            items = try BatchSource.items(in: configuration.input)
        } catch let error as BatchError {
            throw .input(error)
        } catch {
            throw .input(BatchError("\(configuration.input): \(error)"))
        }
        if let shard = configuration.shard { items = items.filter { $0.shard(of: shard.n) == shard.k - 1 } }
    }

    /// Checks and locks the output folder, refuses a plan that would lose what a user gave,
    /// clears what an interrupted run left and, with `resume`, finds the inputs already done.
    public func prepare() throws(Failure) {
        let c = configuration
        do {
            try OutputPlan.checkWritable(directory: c.outputDir)
        } catch {
            throw .output(error)
        }
        do {
            lock = try BatchLock(outputDir: c.outputDir, shard: c.shard)
        } catch {
            throw .locked(error)
        }
        // Nothing a user gave is overwritten: not an input, not one of two outputs that share a name.
        // (An input never rendered, x.doc beside x.txt, claims no output names.)
        let silent = BatchPlan.refuseSharedOutputs(&items, formats: c.formats)
        let planned = items.indices.filter { items[$0].refused == nil && !silent.contains($0) }.map { items[$0] }
        let outputs = planned.flatMap { item in c.formats.map { item.output($0.rawValue, under: c.outputDir) } }
        do {
            try OutputPlan.check(outputs: outputs, inputs: items.compactMap(\.file) + (items.first?.zip.map { [$0] } ?? []),
                                 sources: planned.flatMap { item in c.formats.map { _ in item.path } }, elsewhere: "another --output-dir")
        } catch {
            throw .output(error)
        }
        let names = BatchIndex.names(shard: c.shard)
        done = BatchPlan.prepare(items, outputDir: c.outputDir, formats: c.formats, resume: c.resume, indexFiles: [names.index, names.summary])
        if let archive = c.archive, !done.isEmpty {
            // Done means in the archive too: outputs made by a run without --db, or whose
            // archive transaction a kill cut off, are made again and recorded.
            let recorded: [String: String]
            do { recorded = try archive.recordedInputs() } catch { throw .archive("\(error)") }
            done = done.filter { _, result in result.input != nil && recorded[result.path] == result.input }
        }
    }

    /// Renders every input not done, then writes the index and summary (whole: done inputs
    /// keep their rows). Throws, writing no index, when cancelled or when the disk filled up.
    public func run(progress: @escaping @Sendable (BatchRunner.Progress) -> Void = { _ in }) throws(Failure) -> Outcome {
        guard lock != nil || started else { throw .misuse("BatchSession.run before prepare()") }
        guard !started else { throw .misuse("BatchSession.run called twice") }
        started = true
        defer { lock = nil }  // the run is over, whatever its end: the folder is free for the next
        let c = configuration
        let todo = items.indices.filter { done[$0] == nil }
        let runner = BatchRunner(items: todo.map { items[$0] }, jobs: c.jobs, worker: c.worker, limits: c.limits, archive: c.archive)
        let cancelledEarly = self.runner.withLock { slot in
            slot = runner
            return cancelled.withLock { $0 }
        }
        if cancelledEarly { runner.cancel() }
        // A write to a worker that has just died must fail with EPIPE, not end the process.
        signal(SIGPIPE, SIG_IGN)
        let interrupts = c.stopSignals.map { sig -> (Int32, DispatchSourceSignal, sighandler_t?) in
            let previous = signal(sig, SIG_IGN)
            let source = DispatchSource.makeSignalSource(signal: sig, queue: .global())
            source.setEventHandler { runner.cancel() }
            source.resume()
            return (sig, source, previous)
        }
        let fresh = runner.run(progress: progress)
        for (sig, source, previous) in interrupts {
            source.cancel()
            signal(sig, previous)
        }
        if runner.stoppedOnFullDisk { throw .outOfSpace(outputDir: c.outputDir) }
        if runner.wasCancelled {
            throw .interrupted(done: fresh.filter { $0.failure != .notRun }.count + done.count, total: items.count)
        }
        var results = Array(repeating: BatchResult.failed("", ""), count: items.count)
        for (i, r) in done { results[i] = r }
        for (n, i) in todo.enumerated() { results[i] = fresh[n] }
        let seconds = Date().timeIntervalSince(startTime)
        do {
            try BatchIndex.write(results, fresh: fresh, to: c.outputDir, seconds: seconds, jobs: c.jobs, shard: c.shard, peakWorkerMB: runner.peakWorkerMB)
        } catch let error as OutputError {
            throw .output(error)
        } catch {
            throw .summary("\(error)")
        }
        return Outcome(results: results, fresh: fresh, skipped: done.count, seconds: seconds, peakWorkerMB: runner.peakWorkerMB,
                       summary: BatchIndex.summary(results, fresh: fresh, seconds: seconds, jobs: c.jobs, shard: nil),
                       indexPath: OutputPlan.join(c.outputDir, BatchIndex.names(shard: c.shard).index), archiveFailures: runner.archiveFailures)
    }

    /// Stops the run from any thread (a signal handler's queue, a UI): no more inputs are
    /// taken and every worker is killed; what was written is complete. Before `run`, `run`
    /// returns at once.
    public func cancel() {
        runner.withLock { slot in
            cancelled.withLock { $0 = true }
            slot?.cancel()
        }
    }
}
