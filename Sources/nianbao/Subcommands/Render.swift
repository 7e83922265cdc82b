import ArgumentParser
import Foundation
import NianbaoBatch
import NianbaoChecks
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

        /// The formats `render` offers (batch adds json).
        static let offered: [BatchJob.Format] = [.pdf, .txt, .md]

        @OptionGroup var input: InputOptions
        @OptionGroup var styleOptions: StyleOptions

        @Option(help: ArgumentHelp("Where the files go.", valueName: "dir"))
        var outputDir: String = "output"

        @Option(help: ArgumentHelp("Comma-separated formats: pdf, txt, md.", valueName: "list"))
        var format: String = "pdf"

        var formats: [BatchJob.Format] { format.split(separator: ",").compactMap { BatchJob.Format(rawValue: $0.trimmingCharacters(in: .whitespaces)) } }

        func validate() throws {
            let parts = format.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }
            if let bad = parts.first(where: { BatchJob.Format(rawValue: $0).map { !Self.offered.contains($0) } ?? true }) {
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
                    let data = try f.data(parsed.report, findings: findings, document: layout.layout(parsed.report), pdfOptions: options, source: file)
                    try AtomicFile.write(data, to: base + "." + f.rawValue)
                    FindingPrinter.stderr("wrote \(base).\(f.rawValue)")
                }
            }
            if failed { throw ExitCode(2) }
        }
    }
}
