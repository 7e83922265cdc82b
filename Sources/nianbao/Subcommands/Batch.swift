import ArgumentParser
import Foundation
import NianbaoArchive
import NianbaoBatch
import NianbaoOutput
import NianbaoRender
import NianbaoStyle

extension Nianbao {
    struct Batch: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Render a folder or zip of reports in parallel, with an index (or merge shard indexes).",
            discussion: ExitStatus.help,
            subcommands: [Run.self, Merge.self],
            defaultSubcommand: Run.self
        )
    }
}

extension Nianbao.Batch {
    struct Run: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "run",
            abstract: "Render every report (.txt .pdf .html .htm .docx) under INPUT (a folder or a .zip).",
            discussion: """
            Outputs mirror the input tree under --output-dir (a/b/x.txt → a/b/x.pdf); DIR/index.csv \
            has a row per input and DIR/summary.json the totals. Each output is written to a \
            temporary file and renamed, so an interrupted run leaves only complete files; \
            --resume skips inputs already done. --shard K/N takes a stable 1/N of the inputs, K \
            counting from 1 as in Jest and Playwright (--shard 1/3 is the first of three); with \
            --shard N, K is JOB_COMPLETION_INDEX + 1 (Kubernetes counts from 0) or \
            SLURM_ARRAY_TASK_ID + 1 (for --array=0-N-1). Each shard writes index-K-of-N.csv; \
            `nianbao batch merge DIR…` joins them, every input exactly once.
            Two inputs whose outputs would share a path (a/x.txt and a/x.pdf) both fail with a \
            message (a .doc or .wps, never rendered, claims no outputs: x.txt beside x.doc \
            renders); a --output-dir where outputs would overwrite inputs, or that cannot be \
            written, stops the batch before it starts.
            \(ExitStatus.help)
            """
        )

        @Argument(help: ArgumentHelp("A folder or a .zip of reports: PDF, web pages (.html/.htm), Word (.docx) and text (.txt) files, found by their extension and read by their content (.doc and .wps are listed with how to convert them).", valueName: "input"))
        var input: String

        @OptionGroup var styleOptions: StyleOptions
        @OptionGroup var pdfOptions: PDFOptions

        @Option(help: ArgumentHelp("Where outputs, index.csv and summary.json go.", valueName: "dir"))
        var outputDir: String = "output"

        @Option(help: ArgumentHelp("Comma-separated formats: pdf, ofd, txt, md, json (default: pdf).", valueName: "list"), transform: FormatList.parse)
        var format = FormatList([.pdf])

        @Option(help: ArgumentHelp("Worker processes.", valueName: "n"))
        var jobs: Int = ProcessInfo.processInfo.activeProcessorCount

        @Flag(help: "Skip inputs whose outputs are complete and newer than the input.")
        var resume = false

        @Option(help: ArgumentHelp("Take shard K of N, K from 1 (1/3 is the first of three); `--shard N` takes K from JOB_COMPLETION_INDEX or SLURM_ARRAY_TASK_ID (both from 0) + 1.", valueName: "K/N"))
        var shard: String?

        @Flag(help: "No progress output.")
        var quiet = false

        @Option(help: ArgumentHelp("Also record every input, its cells, findings and outputs in this SQLite archive (created if missing; an existing file must be a nianbao archive). Not with --shard.", valueName: "file"))
        var db: String?

        @Option(help: ArgumentHelp("Seconds one input may take; past them its worker is stopped and the input fails.", valueName: "s"))
        var timeout: Double = 120

        @Option(help: ArgumentHelp("Resident memory of one worker, MB; an input that needs more fails alone (0: no limit).", valueName: "MB"))
        var memoryLimit: Int = 4096

        var formats: [BatchJob.Format] { format.formats }

        func validate() throws {
            if jobs < 1 || jobs > 256 { throw ValidationError("--jobs must be between 1 and 256.") }
            if !(timeout > 0) { throw ValidationError("--timeout must be a positive number of seconds.") }
            if memoryLimit != 0 && memoryLimit < 128 { throw ValidationError("--memory-limit must be 0 (none) or at least 128 MB (a worker needs about 80 MB for an ordinary report).") }
            _ = try shardSpec()
            if db != nil && shard != nil {
                // Shards run on several machines; one SQLite file must not be written over a network
                // file system by several of them, and there is no merge of archives yet.
                throw ValidationError("--db cannot be combined with --shard: run the whole input on one machine to fill an archive (shards would each need the one SQLite file).")
            }
        }

        /// (K, N) from `--shard`, with K from the scheduler's environment when omitted.
        func shardSpec() throws -> (k: Int, n: Int)? {
            guard let shard else { return nil }
            let parts = shard.split(separator: "/", omittingEmptySubsequences: false).map(String.init)
            let env = ProcessInfo.processInfo.environment
            let nText = parts.last!
            guard let n = Int(nText), n >= 1 else { throw ValidationError("--shard: N must be a positive number, as in 3/8.") }
            if parts.count == 2, !parts[0].isEmpty {
                guard let k = Int(parts[0]) else { throw ValidationError("--shard \(shard): K must be a number, as in 1/\(n).") }
                if k == 0 { throw ValidationError("--shard \(shard): shards count from 1; the first of \(n) is 1/\(n), the last \(n)/\(n).") }
                guard (1...n).contains(k) else { throw ValidationError("--shard \(shard): K must be between 1 and \(n) (the last of \(n) is \(n)/\(n)).") }
                return (k, n)
            }
            // Schedulers number their tasks from 0.
            guard let index = Int(env["JOB_COMPLETION_INDEX"] ?? env["SLURM_ARRAY_TASK_ID"] ?? "") else {
                throw ValidationError("--shard \(shard): give K/N, or set JOB_COMPLETION_INDEX or SLURM_ARRAY_TASK_ID.")
            }
            guard (0..<n).contains(index) else {
                throw ValidationError("--shard \(shard): the task index \(index) is not between 0 and \(n - 1) (JOB_COMPLETION_INDEX / SLURM_ARRAY_TASK_ID count from 0).")
            }
            return (index + 1, n)
        }

        func run() throws {
            var archive: BatchArchive?
            if let db {
                do {
                    archive = BatchArchive(try ArchiveDatabase(path: db, mode: .write))
                } catch {
                    FindingPrinter.stderr("error: \(error)")
                    throw ExitStatus.failure
                }
            }
            let session: BatchSession
            do {
                session = try BatchSession(.init(input: input, outputDir: outputDir, formats: formats, worker: workerCommand, jobs: jobs,
                                                 limits: BatchRunner.Limits(seconds: timeout, megabytes: memoryLimit), resume: resume,
                                                 shard: try shardSpec(), stopSignals: [SIGINT, SIGTERM], archive: archive))
            } catch let failure as BatchSession.Failure {
                FindingPrinter.stderr("error: \(failure)")
                throw ExitStatus.failure
            }
            _ = try styleOptions.load()  // fail early on a bad style, before any worker starts
            do {
                try session.prepare()
            } catch {
                FindingPrinter.stderr("error: \(error)")
                throw ExitStatus.failure
            }
            let progress = ProgressDisplay(quiet: quiet, skipped: session.done.count)
            let outcome: BatchSession.Outcome
            do {
                outcome = try session.run { progress.update($0) }
                progress.finish()
            } catch {
                progress.finish()
                switch error {
                case .interrupted:
                    FindingPrinter.stderr("\(error)")
                    throw ExitCode(130)
                case .outOfSpace:
                    FindingPrinter.stderr("\(error)")
                default:
                    FindingPrinter.stderr("error: \(error)")
                }
                throw ExitStatus.failure
            }
            let s = outcome.summary
            if !quiet {
                FindingPrinter.stderr("\(s.inputs) inputs: \(s.ok) ok, \(s.warnings) with warnings, \(s.errors) with errors, \(s.failed) failed"
                    + (outcome.skipped == 0 ? "" : " (\(outcome.skipped) already done)") + String(format: "; %.1f s, peak worker memory %.0f MB", outcome.seconds, outcome.peakWorkerMB))
                FindingPrinter.stderr("index: \(outcome.indexPath)")
                if let db { FindingPrinter.stderr("archive: \(db)") }
            }
            if outcome.archiveFailures.count > 0 {
                FindingPrinter.stderr("error: \(outcome.archiveFailures.count) inputs could not be recorded in \(db ?? "the archive"): \(outcome.archiveFailures.first ?? ""); their outputs are complete: run the same command with --resume to record them")
                throw ExitStatus.failure
            }
            if s.failed > 0 { throw ExitStatus.partly }
        }

        /// `nianbao batch-worker` with this run's output, formats, style, fonts and PDF options.
        var workerCommand: [String] {
            var worker = [Self.executable, "batch-worker", "--output-dir", outputDir, "--format", format.argument, "--style", styleOptions.style]
            if let dir = styleOptions.fontsDir { worker += ["--fonts-dir", dir] }
            if pdfOptions.pdfa { worker.append("--pdfa") }
            if db != nil { worker.append("--report-back") }
            return worker
        }

        static var executable: String { ProjectDirectories.executable }
    }

    struct Merge: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Join the shard indexes (index-K-of-N.csv) of output directories into one index.csv.")

        @Argument(help: ArgumentHelp("Output directories of the shards.", valueName: "dir"))
        var dirs: [String]

        @Option(help: ArgumentHelp("Where index.csv goes (default: the first directory).", valueName: "dir"))
        var into: String?

        func run() throws {
            guard !dirs.isEmpty else { throw ValidationError("Give at least one directory.") }
            do {
                let rows = try BatchIndex.merge(dirs, into: into ?? dirs[0])
                let dir = into ?? dirs[0]
                FindingPrinter.stderr("\(OutputPlan.join(dir, "index.csv")): \(rows) rows; totals and time in \(OutputPlan.join(dir, "summary.json"))")
            } catch {
                FindingPrinter.stderr("error: \(error)")
                throw ExitStatus.failure
            }
        }
    }
}

/// Worker mode of `nianbao batch`: not for people.
struct BatchWorkerCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "batch-worker", shouldDisplay: false)

    @OptionGroup var styleOptions: StyleOptions
    @OptionGroup var pdfOptions: PDFOptions
    @Option var outputDir: String
    @Option var format: String
    @Option var memoryLimit: Int = 0
    /// Each answer carries the parsed report, for the coordinator's archive (`batch --db`).
    @Flag var reportBack = false

    func run() throws {
        BatchWorker.limitMemory(megabytes: memoryLimit)
        let style = try styleOptions.load()
        let formats = format.split(separator: ",").compactMap { BatchJob.Format(rawValue: $0.trimmingCharacters(in: .whitespaces)) }
        BatchWorker.serve(BatchJob(outputDir: outputDir, formats: formats, style: style, pdfOptions: pdfOptions.options(style)), reportBack: reportBack)
    }
}
