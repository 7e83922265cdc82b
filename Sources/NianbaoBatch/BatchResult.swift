/// What became of one batch input: a row of `index.csv`.
public struct BatchResult: Codable, Sendable, Equatable {
    public enum Status: String, Codable, Sendable { case ok, warnings, errors, failed }

    /// Why a failed input failed, for a program to act on (the message is for people).
    public enum Failure: String, Codable, Sendable {
        /// The input is not a readable report, or cannot be read (the row says why).
        case input
        /// An output could not be written for want of room: every input after it would fail too.
        case outOfSpace
        /// An output could not be written for another reason (permission, a name too long …).
        case output
        /// Past `--timeout`, or its worker died.
        case worker
        /// Not taken: the run was interrupted first (`--resume` takes it up).
        case notRun
    }

    /// One output as written: `--resume` takes an input as done only while each of its files
    /// still has this size and CRC-32, so a file cut short or changed since is made again.
    public struct OutputFile: Codable, Sendable, Equatable {
        /// Relative to the output folder, as in `outputs`.
        public var path: String
        public var bytes: Int
        public var crc32: UInt32

        public init(path: String, bytes: Int, crc32: UInt32) {
            self.path = path
            self.bytes = bytes
            self.crc32 = crc32
        }
    }

    public var path: String
    public var agency: String
    public var year: Int?
    public var status: Status
    public var errors: Int
    public var warnings: Int
    public var pages: Int
    /// Output files, relative to the output directory.
    public var outputs: [String]
    public var message: String
    /// Seconds spent in each stage, for the benchmark.
    public var parseSeconds: Double = 0
    public var layoutSeconds: Double = 0
    public var writeSeconds: Double = 0
    /// The input the outputs were made from: its size and CRC-32 (`--resume` compares it,
    /// so another file or zip at the same path is not taken as done).
    public var input: String?
    /// Each output's size and CRC-32, in the order of `outputs` (nil in records of older runs,
    /// which `--resume` therefore makes again).
    public var files: [OutputFile]?
    /// Set when `status` is `failed`.
    public var failure: Failure?

    public init(path: String, agency: String, year: Int?, status: Status, errors: Int, warnings: Int, pages: Int, outputs: [String], message: String) {
        self.path = path
        self.agency = agency
        self.year = year
        self.status = status
        self.errors = errors
        self.warnings = warnings
        self.pages = pages
        self.outputs = outputs
        self.message = message
    }

    public static func failed(_ path: String, _ message: String, _ failure: Failure = .input) -> BatchResult {
        var result = BatchResult(path: path, agency: "", year: nil, status: .failed, errors: 0, warnings: 0, pages: 0, outputs: [], message: message)
        result.failure = failure
        return result
    }

    static let csvHeader = "path,agency,year,status,errors,warnings,pages,outputs,message"
    static let csvColumns = 9

    var csvRow: String {
        [path, agency, year.map(String.init) ?? "", status.rawValue, String(errors), String(warnings), String(pages),
         outputs.joined(separator: ";"), message].map { Self.field(Self.spreadsheetSafe($0)) }.joined(separator: ",")
    }

    /// A cell a spreadsheet would run as a formula (`=`, `+`, `-`, `@`, a tab or carriage return
    /// first: a path like `=HYPERLINK(…).txt`, a message quoting a report) gets a `'` in front,
    /// which spreadsheets show as text; so does a cell that begins with `'` itself, so that
    /// removing one leading `'` always gives the value back. The JSON outputs and records keep
    /// the values exact.
    static func spreadsheetSafe(_ s: String) -> String {
        guard let first = s.unicodeScalars.first, "=+-@'\t\r".unicodeScalars.contains(first) else { return s }
        return "'" + s
    }

    /// CSV quoting: a field with a comma, quote or line end is quoted, its quotes doubled.
    static func field(_ s: String) -> String {
        if s.contains(",") || s.contains("\"") || s.contains("\n") || s.contains("\r") {
            return "\"" + s.replacingOccurrences(of: "\"", with: "\"\"") + "\""
        }
        return s
    }
}
