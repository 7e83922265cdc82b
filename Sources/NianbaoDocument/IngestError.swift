/// Why an input could not be read as a report at all. Problems inside a report that was
/// read are `Finding`s instead; these errors mean there is no report to speak of.
public enum IngestError: Error, Equatable, Sendable, CustomStringConvertible {
    /// The input has no bytes.
    case empty
    /// The input has only white space (spaces, tabs, line breaks).
    case blank
    /// UTF-16 text without a byte-order mark.
    case utf16WithoutBOM
    /// Not GB18030 text, but it reads as Big5 (traditional Chinese, Taiwan and Hong Kong).
    case big5
    /// The input looks like binary data (NUL bytes or many control characters).
    case binary
    /// The bytes are not UTF-8, UTF-16 with a BOM, or GB18030/GBK text.
    case undecodable
    /// Valid UTF-8 that stops in the middle of a character: the file was cut short.
    case truncated
    /// Text, but neither a report title nor the section headings were found.
    case notAReport(reason: String)
    /// A PDF with pages but no text layer: a scan, which would need OCR.
    case scannedPDF(pages: Int)
    /// A file of a known kind that its reader could not open (`PDF`, `DOCX`, `HTML`).
    case damaged(format: String, reason: String)
    /// A kind of file nianbao does not read, and how to convert it.
    case unsupported(format: String, advice: String)
    /// Larger than the documented limit for one report.
    case tooLarge(bytes: Int, limit: Int)

    public var description: String {
        switch self {
        case .empty: return "the file is empty"
        case .blank: return "the file has only white space (spaces, tabs, line breaks)"
        case .utf16WithoutBOM:
            return "the file looks like UTF-16 text without a byte-order mark; nianbao reads UTF-8, UTF-16 with a BOM and GB18030/GBK — save it as UTF-8 (or convert: iconv -f UTF-16LE -t UTF-8)"
        case .big5:
            return "the text looks like Big5 (traditional Chinese); nianbao reads UTF-8, UTF-16 with a BOM and GB18030/GBK — convert it first: iconv -f BIG5 -t UTF-8"
        case .binary: return "the file is binary data, not text"
        case .undecodable: return "the text is not UTF-8, UTF-16 (with BOM) or GB18030/GBK (convert it to UTF-8 first, e.g. with iconv)"
        case .truncated: return "the file ends in the middle of a UTF-8 character: it was cut short"
        case .notAReport(let reason): return "not an annual report: \(reason)"
        case .scannedPDF(let pages):
            return "the PDF has \(pages) page\(pages == 1 ? "" : "s") but no text layer: it is a scan; nianbao does not guess numbers from images (run OCR first, e.g. ocrmypdf, and check the numbers)"
        case .damaged(let format, let reason): return "the \(format) file cannot be opened: \(reason)"
        case .unsupported(let format, let advice): return "\(format) files are not read: \(advice)"
        case .tooLarge(let bytes, let limit):
            return "the file has \(bytes) bytes; one report is at most \(limit / (1 << 20)) MiB (larger inputs are not annual reports, or several pasted together)"
        }
    }
}

/// The largest input read as one report (16 MiB): real reports are well under 1 MiB as text and
/// a few MiB as PDF or DOCX. Every reader and command keeps to it (`ReportInput.sizeLimit`).
public enum InputLimit {
    public static let bytes = 16 << 20
}
