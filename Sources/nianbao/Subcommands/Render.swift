import ArgumentParser
import Foundation
import NianbaoBatch
import NianbaoChecks
import NianbaoExport
import NianbaoLayout
import NianbaoModel
import NianbaoRender

extension Nianbao {
    struct Render: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Render reports as print-ready PDFs in the official style (and text, Markdown).",
            discussion: """
            Writes <output-dir>/<input name>.pdf (and .txt, .md) per input, atomically. A report \
            whose checks fail still renders; the findings are printed. SOURCE_DATE_EPOCH fixes \
            the PDF creation date, so the same input gives the same bytes.
            Exit status: 0 when every input rendered, 2 when an input was not a readable report.
            """
        )

        enum Format: String, CaseIterable { case pdf, txt, md }

        @OptionGroup var input: InputOptions
        @OptionGroup var styleOptions: StyleOptions

        @Option(help: ArgumentHelp("Where the files go.", valueName: "dir"))
        var outputDir: String = "output"

        @Option(help: ArgumentHelp("Comma-separated formats: pdf, txt, md.", valueName: "list"))
        var format: String = "pdf"

        var formats: [Format] { format.split(separator: ",").compactMap { Format(rawValue: $0.trimmingCharacters(in: .whitespaces)) } }

        func validate() throws {
            let parts = format.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }
            if let bad = parts.first(where: { Format(rawValue: $0) == nil }) {
                throw ValidationError("Unknown format '\(bad)'; use pdf, txt or md.")
            }
            if parts.isEmpty { throw ValidationError("Give at least one format.") }
        }

        func run() throws {
            let style = try styleOptions.load()
            let layout = ReportLayout(style: style, measurer: PangoMeasurer())
            let options = PDFWriter.Options.fromEnvironment()
            var failed = false
            for file in input.files {
                let parsed: ParsedReport
                switch ReportLoader.load(file) {
                case .parsed(let p): parsed = p
                case .failed(let reason):
                    FindingPrinter.stderr(FindingPrinter.failure(file, reason))
                    failed = true
                    continue
                }
                let findings = Checker.findings(for: parsed)
                for f in findings { FindingPrinter.stderr(FindingPrinter.line(f, file: file)) }
                let stem = URL(fileURLWithPath: file).deletingPathExtension().lastPathComponent
                let base = URL(fileURLWithPath: outputDir).appendingPathComponent(stem).path
                for f in formats {
                    switch f {
                    case .pdf: try AtomicFile.write(try PDFWriter.write(layout.layout(parsed.report), options: options), to: base + ".pdf")
                    case .txt: try AtomicFile.write(TextExport.render(parsed.report, findings: findings), to: base + ".txt")
                    case .md: try AtomicFile.write(MarkdownExport.render(parsed.report, findings: findings), to: base + ".md")
                    }
                    FindingPrinter.stderr("wrote \(base).\(f.rawValue)")
                }
            }
            if failed { throw ExitCode(2) }
        }
    }
}
