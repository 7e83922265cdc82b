/// What became of one batch input: a row of `index.csv`.
public struct BatchResult: Codable, Sendable, Equatable {
    public enum Status: String, Codable, Sendable { case ok, warnings, errors, failed }

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

    public static func failed(_ path: String, _ message: String) -> BatchResult {
        BatchResult(path: path, agency: "", year: nil, status: .failed, errors: 0, warnings: 0, pages: 0, outputs: [], message: message)
    }

    static let csvHeader = "path,agency,year,status,errors,warnings,pages,outputs,message"

    var csvRow: String {
        [path, agency, year.map(String.init) ?? "", status.rawValue, String(errors), String(warnings), String(pages),
         outputs.joined(separator: ";"), message].map(Self.field).joined(separator: ",")
    }

    static func field(_ s: String) -> String {
        if s.contains(",") || s.contains("\"") || s.contains("\n") || s.contains("\r") {
            return "\"" + s.replacingOccurrences(of: "\"", with: "\"\"") + "\""
        }
        return s
    }
}
