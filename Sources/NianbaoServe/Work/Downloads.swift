import Foundation
import NianbaoBatch
import NianbaoExport
import NianbaoFiles
import NianbaoLayout
import NianbaoModel
import NianbaoRender

/// The formats a report can be downloaded in: every output of `nianbao render` and `parse`.
enum DownloadFormat: String, CaseIterable, Sendable {
    case pdf, pdfa, ofd, txt, md, json, cells

    var title: String {
        switch self {
        case .pdf: return "PDF"
        case .pdfa: return "PDF/A（存档）"
        case .ofd: return "OFD"
        case .txt: return "文本"
        case .md: return "Markdown"
        case .json: return "JSON"
        case .cells: return "200格 CSV"
        }
    }

    var fileExtension: String {
        switch self {
        case .pdfa: return "pdfa.pdf"
        case .cells: return "cells.csv"
        default: return rawValue
        }
    }

    var contentType: String {
        switch self {
        case .pdf, .pdfa: return "application/pdf"
        case .ofd: return "application/ofd"
        case .txt: return "text/plain; charset=utf-8"
        case .md: return "text/markdown; charset=utf-8"
        case .json: return "application/json; charset=utf-8"
        case .cells: return "text/csv; charset=utf-8"
        }
    }
}

/// The official PDF of an upload, made once and kept (the preview's pages are drawn from it).
struct OfficialPDF: Sendable {
    let bytes: [UInt8]
    let pageCount: Int
    /// Page `n` as a PNG for the preview.
    func page(_ n: Int) throws -> [UInt8]? { try PDFPageImage.png(bytes, page: n, width: 560) }
}

/// PDFs made so far: a report's by its upload id, a session's latest handout by session and
/// choice. At most `limit` are kept (the oldest go first and are made again when asked for),
/// so a long-running server's memory does not grow with every report ever opened.
actor PDFCache {
    private var made: [String: OfficialPDF] = [:]
    private var order: [String] = []
    private let limit = 64
    func get(_ key: String) -> OfficialPDF? { made[key] }
    /// Keeps `pdf` under `key`, first dropping the entries that start with `replacing` (a
    /// session's earlier handout), so handouts do not pile up.
    func put(_ key: String, _ pdf: OfficialPDF, replacing prefix: String? = nil) {
        if let prefix { made = made.filter { !$0.key.hasPrefix(prefix) } }
        if made[key] == nil { order.append(key) }
        made[key] = pdf
        order.removeAll { made[$0] == nil }
        while order.count > limit { made[order.removeFirst()] = nil }
    }
}

extension Server {
    /// The bytes of `format` for a read upload, made by the library as `nianbao render` and
    /// `parse` make them (`BatchJob.Format.data`, `CellsExport`); layout and drawing on the
    /// render thread.
    func download(_ format: DownloadFormat, upload: Upload, parsed: ParsedReport) async throws -> Data {
        let findings = upload.findings
        let source = upload.name
        switch format {
        case .cells: return Data(CellsExport.render(parsed.report).utf8)
        case .txt, .md, .json:
            let batchFormat = BatchJob.Format(rawValue: format.rawValue)!
            return try batchFormat.data(parsed.report, findings: findings, document: { () -> PagedDocument in preconditionFailure("text, Markdown and JSON are not laid out") }(), pdfOptions: .fromEnvironment(), source: source)
        case .pdf: return Data(try await officialPDF(upload).bytes)
        case .pdfa: return try await laidOut(.pdf, parsed.report, findings: findings, source: source, pdfa: true)
        case .ofd: return try await laidOut(.ofd, parsed.report, findings: findings, source: source, pdfa: false)
        }
    }

    /// `report` laid out on the render thread and written as `format` (PDF/A when `pdfa` or
    /// the style asks for it), as `nianbao render` writes it.
    private func laidOut(_ format: BatchJob.Format, _ report: Report, findings: [Finding], source: String, pdfa: Bool) async throws -> Data {
        try await renderer.run { tools in
            var options = PDFWriter.Options.fromEnvironment()
            options.pdfa = pdfa || tools.style.pdfa
            return try format.data(report, findings: findings, document: tools.reportLayout.layout(report), pdfOptions: options, source: source)
        }
    }

    /// The upload's official PDF, laid out and written once.
    func officialPDF(_ upload: Upload) async throws -> OfficialPDF {
        if let made = await pdfCache.get(upload.id) { return made }
        guard let report = upload.parsed?.report else { throw ServeError.notRead(name: upload.name) }
        let data = try await laidOut(.pdf, report, findings: upload.findings, source: upload.name, pdfa: false)
        let bytes = [UInt8](data)
        let pdf = OfficialPDF(bytes: bytes, pageCount: try PDFPageImage.pageCount(bytes))
        await pdfCache.put(upload.id, pdf)
        return pdf
    }
}
