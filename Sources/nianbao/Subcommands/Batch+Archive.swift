import NianbaoArchive
import NianbaoBatch

/// The archive database as the batch's sink: a batch result in the archive's terms. Lives in
/// the CLI so that neither Batch nor Archive depends on the other.
final class BatchArchive: BatchArchiveSink {
    let database: ArchiveDatabase

    init(_ database: ArchiveDatabase) { self.database = database }

    func record(_ result: BatchResult, report: BatchReport?) throws {
        let outputs = (result.files ?? []).map { file in
            ArchiveFile.Output(format: String(file.path.split(separator: ".").last ?? ""), path: file.path, bytes: file.bytes, crc32: file.crc32)
        }
        let file = ArchiveFile(path: result.path, input: result.input, status: result.status.rawValue, failure: result.failure?.rawValue,
                               message: result.message, errors: result.errors, warnings: result.warnings, pages: result.pages,
                               parseSeconds: result.parseSeconds, outputs: outputs)
        try database.record(file, report: report?.report, findings: report?.findings ?? [])
    }

    func recordedInputs() throws -> [String: String] { try database.recordedInputs() }
}
