#if canImport(Glibc)
import Glibc
#endif
import Foundation
import NianbaoOutput
import NianbaoChecks
import NianbaoExport
import NianbaoFiles
import NianbaoInput
import NianbaoIngest
import NianbaoLayout
import NianbaoModel
import NianbaoRender
import NianbaoStyle

/// The pipeline for one input, as a worker runs it: read (bounded), parse, check, lay
/// out, write every requested output atomically, then the record that marks the input
/// done for `--resume`. Fonts, style and Pango context are set up once per job object.
public final class BatchJob {
    public enum Format: String, CaseIterable, Sendable {
        case pdf, ofd, txt, md, json

        /// The bytes of this output for a parsed report (`document` is needed for PDF and OFD only).
        /// PDF and OFD are laid out; the others are written from the model.
        public var needsLayout: Bool { self == .pdf || self == .ofd }

        public func data(_ report: Report, findings: [Finding], document: @autoclosure () -> PagedDocument,
                         pdfOptions: PDFWriter.Options, source: String) throws -> Data {
            switch self {
            case .pdf: return try PDFWriter.write(document(), options: pdfOptions)
            case .ofd: return try OFDWriter.write(document(), creationDate: pdfOptions.creationDate)
            case .txt: return Data(TextExport.render(report, findings: findings).utf8)
            case .md: return Data(MarkdownExport.render(report, findings: findings).utf8)
            case .json: return Data(JSONExport.render([JSONExport.Document(report: report, findings: findings, source: source)]).utf8)
            }
        }
    }

    /// Inputs larger than this are refused, as by every command (`ReportInput.sizeLimit`).
    public static let maximumInputBytes = ReportInput.sizeLimit

    let outputDir: String
    let formats: [Format]
    let layout: ReportLayout
    /// Shapes for layout; the frames carry what it shaped to the writer.
    let shaper = PangoShaper()
    let pdfOptions: PDFWriter.Options
    let parser = ReportParser()
    /// Zips opened so far, each with its central directory read once: looking entries up by
    /// scanning it each time made a 10,000-entry zip quadratic.
    private var archives: [String: BatchZip] = [:]

    public init(outputDir: String, formats: [Format], style: Style, pdfOptions: PDFWriter.Options) {
        self.outputDir = outputDir
        self.formats = formats
        self.layout = ReportLayout(style: style, shaper: shaper)
        self.pdfOptions = pdfOptions
    }

    public func run(_ item: BatchItem) -> BatchResult { process(item).result }

    /// Runs `item` and also gives its parsed report and findings (nil when it failed), for the
    /// archive database (`batch --db`).
    public func process(_ item: BatchItem) -> (result: BatchResult, report: BatchReport?) {
        if let refused = item.refused { return (.failed(item.path, refused), nil) }
        let bytes: [UInt8]
        do {
            bytes = try read(item)
        } catch {
            return (.failed(item.path, "\(error)"), nil)
        }
        let clock = ContinuousClock()
        var parsed: ParsedReport?
        var ingestError: IngestError?
        let parseTime = clock.measure {
            do { parsed = try ReportInput.parse(bytes, name: item.path, parser: parser) } catch { ingestError = error as? IngestError }
        }
        guard let parsed else { return (.failed(item.path, ingestError?.description ?? "not a report"), nil) }
        let findings = Checker.findings(for: parsed)
        var document: PagedDocument?
        let layoutTime = clock.measure { if formats.contains(where: \.needsLayout) { document = layout.layout(parsed.report) } }
        var outputs: [String] = []
        var files: [BatchResult.OutputFile] = []
        let relative = item.output("", under: "").dropFirst().dropLast()
        var writeError: BatchResult?
        let writeTime = clock.measure {
            do {
                for format in formats {
                    let data = try format.data(parsed.report, findings: findings, document: document!, pdfOptions: pdfOptions, source: item.path)
                    try AtomicFile.write(data, to: item.output(format.rawValue, under: outputDir))
                    outputs.append("\(relative).\(format.rawValue)")
                    files.append(BatchResult.OutputFile(path: outputs.last!, bytes: data.count, crc32: Deflate.crc32(data)))
                }
            } catch let error as OutputError {
                writeError = .failed(item.path, "\(error)", error.isOutOfSpace ? .outOfSpace : .output)
            } catch {
                writeError = .failed(item.path, "\(error)", .output)
            }
        }
        if let writeError { return (writeError, nil) }
        let errors = findings.errorCount, warnings = findings.warningCount
        let first = findings.first { $0.severity == .error } ?? findings.first
        var result = BatchResult(path: item.path, agency: parsed.report.agency, year: parsed.report.year,
                                 status: errors > 0 ? .errors : warnings > 0 ? .warnings : .ok,
                                 errors: errors, warnings: warnings, pages: document?.pages.count ?? 0, outputs: outputs,
                                 message: first.map { Self.place($0) + "\($0.id): \($0.message)" } ?? "")
        result.parseSeconds = seconds(parseTime)
        result.layoutSeconds = seconds(layoutTime)
        result.writeSeconds = seconds(writeTime)
        result.input = BatchRecords.identity(of: bytes)
        result.files = files
        BatchRecords.write(result, for: item, under: outputDir)
        return (result, BatchReport(parsed.report, findings: findings))
    }

    /// `page 2 line 5: `, `line 5: ` or nothing, for the index's message column.
    static func place(_ f: Finding) -> String {
        (f.page.map { "page \($0) " } ?? "") + (f.line.map { "line \($0): " } ?? (f.page != nil ? ": " : ""))
    }

    private func seconds(_ d: Duration) -> Double { Double(d.components.seconds) + Double(d.components.attoseconds) / 1e18 }

    /// The input's bytes, never more than `maximumInputBytes` in memory.
    func read(_ item: BatchItem) throws -> [UInt8] {
        if item.file != nil || item.fileBytes != nil { return try Self.readFile(item) }
        return try readEntry(item)
    }

    /// A folder input's bytes, read as every command reads a file (`ReportInput.read`), by the
    /// path's bytes (names need not be UTF-8).
    static func readFile(_ item: BatchItem) throws(ReportInput.ReadError) -> [UInt8] {
        guard let path = item.fileBytes ?? item.file.map({ Array($0.utf8) }) else { throw .missing }
        return try ReportInput.read(path: path)
    }

    /// A zip entry's bytes, its CRC-32 checked.
    private func readEntry(_ item: BatchItem) throws(BatchZip.Failure) -> [UInt8] {
        guard let zip = item.zip, let number = item.entry else { throw .damaged(reason: "no entry named") }
        if archives[zip] == nil { archives[zip] = try BatchZip(zip) }
        guard let archive = archives[zip], archive.entries.indices.contains(number) else {
            throw .damaged(reason: "entry \(number + 1) is no longer in the zip")
        }
        return try archive.data(of: archive.entries[number], limit: Self.maximumInputBytes)
    }
}
