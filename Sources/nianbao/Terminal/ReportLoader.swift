import NianbaoFiles
import NianbaoInput
import NianbaoIngest
import NianbaoModel

/// Reads and parses one input file for the single-file commands: the same reading as
/// `batch` (`ReportInput.read`: size limit, FIFO and device refusal, bounded read), and a
/// typed failure whose description names why the file is not a report.
enum ReportLoader {
    enum Outcome {
        case parsed(ParsedReport)
        case failed(ReportInput.Failure)
    }

    static func load(_ path: String, parser: ReportParser = ReportParser()) -> Outcome {
        do {
            return .parsed(try ReportInput.load(path: path, parser: parser))
        } catch {
            return .failed(error)
        }
    }
}
