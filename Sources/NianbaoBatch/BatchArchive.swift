import NianbaoModel

/// A parsed report as a worker sends it to the coordinator for the archive database: the model
/// without its prose (sections, preamble, attachments are not archived, and would only make the
/// pipe's message ten times longer), and every finding, parse and check.
public struct BatchReport: Codable, Sendable, Equatable {
    public var report: Report
    public var findings: [Finding]

    public init(_ report: Report, findings: [Finding]) {
        var bare = report
        bare.sections = []
        bare.frontMatter = []
        bare.preamble = []
        bare.attachments = []
        bare.closing = nil
        self.report = bare
        self.findings = findings
    }
}

/// Where the coordinator records each input as it finishes: `nianbao batch --db` gives an
/// archive database. Batch knows no SQL; the sink does. Called from the runner's threads, one
/// input at a time per thread: a sink serialises its own writes.
public protocol BatchArchiveSink: AnyObject, Sendable {
    /// Records one input: its index row and, unless it failed, its report.
    func record(_ result: BatchResult, report: BatchReport?) throws
    /// The input identity (`BatchResult.input`) of each path the sink holds complete: with
    /// `--resume`, an input is done only when the archive has it too.
    func recordedInputs() throws -> [String: String]
}
