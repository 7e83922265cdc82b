import Foundation
import NianbaoOutput
import NianbaoChecks
import NianbaoExport
import NianbaoFiles
import NianbaoIngest
import NianbaoLayout
import NianbaoModel
import NianbaoRender
import NianbaoStyle
import ZIPFoundation

/// The pipeline for one input, as a worker runs it: read (bounded), parse, check, lay
/// out, write every requested output atomically, then the record that marks the input
/// done for `--resume`. Fonts, style and Pango context are set up once per job object.
public final class BatchJob {
    public enum Format: String, CaseIterable, Sendable {
        case pdf, txt, md, json

        /// The bytes of this output for a parsed report (`document` is needed for PDF only).
        public func data(_ report: Report, findings: [Finding], document: @autoclosure () -> PagedDocument,
                         pdfOptions: PDFWriter.Options, source: String) throws -> Data {
            switch self {
            case .pdf: return try PDFWriter.write(document(), options: pdfOptions)
            case .txt: return Data(TextExport.render(report, findings: findings).utf8)
            case .md: return Data(MarkdownExport.render(report, findings: findings).utf8)
            case .json: return Data(JSONExport.render([JSONExport.Document(report: report, findings: findings, source: source)]).utf8)
            }
        }
    }

    /// Inputs larger than this are refused: a report is a few dozen KiB.
    public static let maximumInputBytes = 16 << 20

    let outputDir: String
    let formats: [Format]
    let layout: ReportLayout
    let pdfOptions: PDFWriter.Options
    let parser = ReportParser()
    private var archives: [String: Archive] = [:]

    public init(outputDir: String, formats: [Format], style: Style, pdfOptions: PDFWriter.Options) {
        self.outputDir = outputDir
        self.formats = formats
        self.layout = ReportLayout(style: style, measurer: PangoMeasurer())
        self.pdfOptions = pdfOptions
    }

    public func run(_ item: BatchItem) -> BatchResult {
        if let refused = item.refused { return .failed(item.path, refused) }
        let bytes: [UInt8]
        do {
            bytes = try read(item)
        } catch {
            return .failed(item.path, "\(error)")
        }
        let clock = ContinuousClock()
        var parsed: ParsedReport?
        var ingestError: IngestError?
        let parseTime = clock.measure {
            do { parsed = try ReportInput.parse(bytes, name: item.path, parser: parser) } catch { ingestError = error as? IngestError }
        }
        guard let parsed else { return .failed(item.path, ingestError?.description ?? "not a report") }
        let findings = Checker.findings(for: parsed)
        var document: PagedDocument?
        let layoutTime = clock.measure { if formats.contains(.pdf) { document = layout.layout(parsed.report) } }
        var outputs: [String] = []
        let relative = item.output("", under: "").dropFirst().dropLast()
        var writeError: String?
        let writeTime = clock.measure {
            do {
                for format in formats {
                    let data = try format.data(parsed.report, findings: findings, document: document!, pdfOptions: pdfOptions, source: item.path)
                    try AtomicFile.write(data, to: item.output(format.rawValue, under: outputDir))
                    outputs.append("\(relative).\(format.rawValue)")
                }
            } catch {
                writeError = "\(error)"
            }
        }
        if let writeError { return .failed(item.path, writeError) }
        let errors = findings.errorCount, warnings = findings.warningCount
        let first = findings.first { $0.severity == .error } ?? findings.first
        var result = BatchResult(path: item.path, agency: parsed.report.agency, year: parsed.report.year,
                                 status: errors > 0 ? .errors : warnings > 0 ? .warnings : .ok,
                                 errors: errors, warnings: warnings, pages: document?.pages.count ?? 0, outputs: outputs,
                                 message: first.map { Self.place($0) + "\($0.id): \($0.message)" } ?? "")
        result.parseSeconds = seconds(parseTime)
        result.layoutSeconds = seconds(layoutTime)
        result.writeSeconds = seconds(writeTime)
        BatchRecords.write(result, for: item, under: outputDir)
        return result
    }

    /// `page 2 line 5: `, `line 5: ` or nothing, for the index's message column.
    static func place(_ f: Finding) -> String {
        (f.page.map { "page \($0) " } ?? "") + (f.line.map { "line \($0): " } ?? (f.page != nil ? ": " : ""))
    }

    private func seconds(_ d: Duration) -> Double { Double(d.components.seconds) + Double(d.components.attoseconds) / 1e18 }

    /// The input's bytes, never more than `maximumInputBytes` in memory.
    func read(_ item: BatchItem) throws -> [UInt8] {
        if let file = item.file {
            guard let handle = FileHandle(forReadingAtPath: file) else { throw BatchError("cannot be read") }
            defer { try? handle.close() }
            let data = try handle.read(upToCount: Self.maximumInputBytes + 1) ?? Data()
            if data.count > Self.maximumInputBytes { throw BatchError("larger than \(Self.maximumInputBytes >> 20) MiB: not a report") }
            return [UInt8](data)
        }
        guard let zip = item.zip, let path = item.entry else { throw BatchError("no input") }
        if archives[zip] == nil { archives[zip] = try Archive(url: URL(fileURLWithPath: zip), accessMode: .read) }
        guard let archive = archives[zip], let entry = archive[path] else { throw BatchError("entry not found in the zip") }
        if entry.uncompressedSize > UInt64(Self.maximumInputBytes) { throw BatchError("larger than \(Self.maximumInputBytes >> 20) MiB: not a report") }
        var data = Data()
        _ = try archive.extract(entry, skipCRC32: false) { chunk in
            data.append(chunk)
            if data.count > Self.maximumInputBytes { throw BatchError("larger than \(Self.maximumInputBytes >> 20) MiB: not a report") }
        }
        return [UInt8](data)
    }
}
