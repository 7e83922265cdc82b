import NianbaoIngest
import NianbaoModel

/// The one way in for every command: the bytes of a file, whatever kind, to a parsed report.
/// The kind is told by content (`InputKind`); the name only tells .doc from .wps in messages.
public enum ReportInput {
    /// The largest input read as one report. Real reports are well under 1 MiB as text and a
    /// few MiB as PDF or DOCX; `batch` and the single-file commands refuse more.
    public static let sizeLimit = 16 << 20

    /// Parses `bytes`; throws when there is no report to speak of (with what was found and,
    /// for formats nianbao does not read, how to convert them).
    public static func parse(_ bytes: [UInt8], name: String = "", parser: ReportParser = ReportParser()) throws(IngestError) -> ParsedReport {
        if bytes.count > sizeLimit { throw .tooLarge(bytes: bytes.count, limit: sizeLimit) }
        let kind = InputKind.detect(bytes, name: name)
        switch kind {
        case .text: return try parser.parse(bytes: bytes)
        case .pdf: return try parser.parse(document: PDFReader.read(bytes))
        case .html: return try parser.parse(document: HTMLReader.read(bytes))
        case .docx: return try parser.parse(document: DOCXReader.read(bytes))
        case .legacyWord:
            let format = name.lowercased().hasSuffix(".wps") ? "WPS (.wps)" : "Word 97–2003 (.doc)"
            throw .unsupported(format: format, advice: "convert it to .docx first, e.g. `libreoffice --headless --convert-to docx \(name.isEmpty ? "FILE" : name)`")
        case .rtf:
            throw .unsupported(format: "RTF", advice: "convert it to .docx first, e.g. `libreoffice --headless --convert-to docx \(name.isEmpty ? "FILE" : name)`")
        case .otherZip:
            throw .unsupported(format: "zip", advice: "this zip is not a Word document; to read an archive of reports use `nianbao batch`")
        }
    }
}
