import Foundation
import NianbaoChecks
import NianbaoExport
import NianbaoFiles
import NianbaoInput
import NianbaoIngest
import NianbaoLayout
import NianbaoModel
import NianbaoRender
import NianbaoStyle

/// What a user's commands do with a file, in one call: read it (`ReportInput.parse`), and
/// for a report that reads, check it, export it (JSON, cells, text, Markdown), lay it out
/// and write PDF and OFD. A crash, hang or blow-up anywhere in it is what the fuzzer hunts.
public struct FuzzPipeline {
    let layout: ReportLayout

    /// Fonts from `fontsDirectory` (the committed test fonts keep cases fast and reach both
    /// PDF writers: characters outside their cut come from the installed CFF faces, which
    /// send a document to Cairo) and the built-in official style.
    public init(fontsDirectory: String?) throws {
        if let fontsDirectory { FontSetup.register(directories: [fontsDirectory]) }
        layout = ReportLayout(style: try StyleLoader.load("official", searching: []), shaper: PangoShaper())
    }

    public enum Outcome: Equatable, Sendable {
        /// Not a report (or not one nianbao reads), said with a reason: a correct answer.
        case refused
        /// Read, checked, exported and written: `pages` pages.
        case rendered(pages: Int)
        /// Read, but a writer refused the report it read: worth a look, not a crash.
        case writerFailed(String)
    }

    public func run(_ bytes: [UInt8]) -> Outcome {
        let parsed: ParsedReport
        do { parsed = try ReportInput.parse(bytes) } catch { return .refused }
        let findings = Checker.findings(for: parsed)
        _ = JSONExport.render([JSONExport.Document(report: parsed.report, findings: findings, source: "fuzz")])
        _ = CellsExport.render(parsed.report)
        _ = TextExport.render(parsed.report, findings: findings)
        _ = MarkdownExport.render(parsed.report, findings: findings)
        let document = layout.layout(parsed.report)
        do {
            _ = try PDFWriter.write(document)
            _ = try OFDWriter.write(document)
        } catch {
            return .writerFailed("\(error)")
        }
        return .rendered(pages: document.pages.count)
    }
}
